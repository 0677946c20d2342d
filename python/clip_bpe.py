"""Self-contained CLIP byte-pair-encoding tokenizer (RobustGate).

Written from the published description of CLIP's tokenizer (vocabulary layout in
``shared/data/clip-bpe/README.md``); the observable behaviour is meant to match
Hugging Face's ``CLIPTokenizerFast`` (which CLIPSeg uses):

* cleanup: Unicode NFC, runs of whitespace -> one space, strip, lowercase;
* pre-tokenisation with the CLIP regex (``regex`` module, Unicode classes);
* each piece is mapped byte-by-byte to the 256 "byte-level" printable symbols;
* greedy lowest-rank-first BPE, the last symbol of each word carries ``</w>``;
* batch encoding: ``<|startoftext|> tokens <|endoftext|>``, truncated to the context
  length (end token kept), right-padded with 49407 and attention mask 0.

``write_hf_tokenizer_json`` emits an equivalent ``tokenizer.json`` for the Hugging Face
``tokenizers`` library (what DJL's ``HuggingFaceTokenizer`` loads on the Java side).

No third-party code is copied; only ``regex`` and ``numpy`` are needed.
"""
from __future__ import annotations

import gzip
import json
import unicodedata
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np
import regex

START_TOKEN = "<|startoftext|>"
END_TOKEN = "<|endoftext|>"
START_ID = 49406
END_ID = 49407
PAD_ID = END_ID
VOCAB_SIZE = 49408
N_MERGES = VOCAB_SIZE - 2 * 256 - 2  # 48894
EOW = "</w>"

CLIP_PATTERN = (r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d"
                r"|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+")
_SPLIT_RE = regex.compile(CLIP_PATTERN)
_WS_RE = regex.compile(r"\s+")


def byte_symbol_table() -> List[str]:
    """The 256 byte-level symbols, indexed by byte value.

    Bytes that are printable, non-space Latin-1 characters ('!'..'~', '¡'..'¬', '®'..'ÿ')
    stand for themselves; every other byte b is assigned chr(256 + k), k counting those
    remaining bytes in increasing byte order.
    """
    keep = set(range(0x21, 0x7F)) | set(range(0xA1, 0xAD)) | set(range(0xAE, 0x100))
    table = [""] * 256
    extra = 0
    for b in range(256):
        if b in keep:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


def vocab_base_order() -> List[str]:
    """Order of the 256 base symbols in the vocabulary: kept bytes first (ascending), then the
    remapped ones (ascending byte value) -- i.e. ascending order of the byte ranges above followed
    by the others, the layout CLIP's vocabulary uses."""
    table = byte_symbol_table()
    keep = [b for b in range(256) if ord(table[b]) == b]
    rest = [b for b in range(256) if ord(table[b]) != b]
    return [table[b] for b in keep + rest]


def clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _WS_RE.sub(" ", text).strip()
    return text.lower()


class ClipBpe:
    def __init__(self, merges_gz_path: str):
        with gzip.open(merges_gz_path, "rt", encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        # line 0 is a version header; merges are lines 1..N_MERGES
        pairs: List[Tuple[str, str]] = []
        for line in lines[1:N_MERGES + 1]:
            a, b = line.split()
            pairs.append((a, b))
        if len(pairs) != N_MERGES:
            raise ValueError(f"expected {N_MERGES} merges, got {len(pairs)}")
        self.merges = pairs
        self.rank: Dict[Tuple[str, str], int] = {p: i for i, p in enumerate(pairs)}

        base = vocab_base_order()
        tokens = base + [s + EOW for s in base] + [a + b for a, b in pairs]
        tokens += [START_TOKEN, END_TOKEN]
        if len(tokens) != VOCAB_SIZE or len(set(tokens)) != VOCAB_SIZE:
            raise ValueError("vocabulary construction failed")
        self.vocab: Dict[str, int] = {t: i for i, t in enumerate(tokens)}
        self.id_to_token = tokens
        self.byte_sym = byte_symbol_table()
        self.sym_byte = {s: b for b, s in enumerate(self.byte_sym)}
        self._cache: Dict[str, List[int]] = {}

    # ------------------------------------------------------------------ BPE core
    def _bpe_word(self, word: str) -> List[str]:
        """Apply merges to one byte-level word; the last symbol carries the end-of-word marker."""
        syms = list(word)
        syms[-1] = syms[-1] + EOW
        while len(syms) > 1:
            best_rank, best_i = None, -1
            for i in range(len(syms) - 1):
                r = self.rank.get((syms[i], syms[i + 1]))
                if r is not None and (best_rank is None or r < best_rank):
                    best_rank, best_i = r, i
            if best_rank is None:
                break
            a, b = syms[best_i], syms[best_i + 1]
            # merge every non-overlapping occurrence of (a, b), left to right
            out: List[str] = []
            i = 0
            while i < len(syms):
                if i < len(syms) - 1 and syms[i] == a and syms[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(syms[i])
                    i += 1
            syms = out
        return syms

    def _encode_piece(self, piece: str) -> List[int]:
        if piece in (START_TOKEN, END_TOKEN):
            # special tokens are added tokens, matched before normalisation in HF
            return [self.vocab[piece]]
        cached = self._cache.get(piece)
        if cached is None:
            mapped = "".join(self.byte_sym[b] for b in piece.encode("utf-8"))
            cached = [self.vocab[s] for s in self._bpe_word(mapped)]
            self._cache[piece] = cached
        return cached

    def encode(self, text: str) -> List[int]:
        """Token ids of ``text`` without start/end tokens."""
        ids: List[int] = []
        for piece in _SPLIT_RE.findall(clean_text(text)):
            ids.extend(self._encode_piece(piece))
        return ids

    def decode(self, ids: Iterable[int]) -> str:
        s = "".join(self.id_to_token[i] for i in ids if i not in (START_ID, END_ID))
        s = s.replace(EOW, " ")
        data = bytes(self.sym_byte[c] for c in s if c in self.sym_byte)
        return data.decode("utf-8", errors="replace").strip() if data else s.strip()

    def encode_batch(self, texts: Sequence[str], context_length: int = 77,
                     as_torch: bool = False):
        """Returns (ids, attention_mask), both int64 [B, context_length]."""
        b = len(texts)
        ids = np.full((b, context_length), PAD_ID, dtype=np.int64)
        mask = np.zeros((b, context_length), dtype=np.int64)
        for r, t in enumerate(texts):
            toks = self.encode(t)[: context_length - 2]
            row = [START_ID] + toks + [END_ID]
            ids[r, : len(row)] = row
            mask[r, : len(row)] = 1
        if as_torch:
            import torch
            return torch.from_numpy(ids), torch.from_numpy(mask)
        return ids, mask

    # ------------------------------------------------------------------ HF export
    def hf_tokenizer_dict(self, context_length: int = 77) -> dict:
        special = [
            {"id": START_ID, "content": START_TOKEN, "single_word": False, "lstrip": False,
             "rstrip": False, "normalized": True, "special": True},
            {"id": END_ID, "content": END_TOKEN, "single_word": False, "lstrip": False,
             "rstrip": False, "normalized": True, "special": True},
        ]
        return {
            "version": "1.0",
            "truncation": {"direction": "Right", "max_length": context_length,
                           "strategy": "LongestFirst", "stride": 0},
            "padding": {"strategy": {"Fixed": context_length}, "direction": "Right",
                        "pad_to_multiple_of": None, "pad_id": PAD_ID, "pad_type_id": 0,
                        "pad_token": END_TOKEN},
            "added_tokens": special,
            "normalizer": {"type": "Sequence", "normalizers": [
                {"type": "NFC"},
                {"type": "Replace", "pattern": {"Regex": r"\s+"}, "content": " "},
                {"type": "Lowercase"},
            ]},
            "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                {"type": "Split", "pattern": {"Regex": CLIP_PATTERN},
                 "behavior": "Removed", "invert": True},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                 "use_regex": False},
            ]},
            "post_processor": {"type": "RobertaProcessing",
                               "sep": [END_TOKEN, END_ID], "cls": [START_TOKEN, START_ID],
                               "trim_offsets": False, "add_prefix_space": False},
            "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True,
                        "use_regex": True},
            "model": {"type": "BPE", "dropout": None, "unk_token": END_TOKEN,
                      "continuing_subword_prefix": "", "end_of_word_suffix": EOW,
                      "fuse_unk": False, "byte_fallback": False,
                      "vocab": self.vocab,
                      "merges": [f"{a} {b}" for a, b in self.merges]},
        }

    def write_hf_tokenizer_json(self, path: str, context_length: int = 77) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(self.hf_tokenizer_dict(context_length), fh, ensure_ascii=False)


if __name__ == "__main__":  # tiny manual check
    import os
    import sys
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "shared", "data", "clip-bpe", "bpe_simple_vocab_16e6.txt.gz")
    tok = ClipBpe(sys.argv[1] if len(sys.argv) > 1 else default)
    for t in sys.argv[2:] or ["oval fetal head in a prenatal ultrasound scan"]:
        print(t, tok.encode(t))

#!/usr/bin/env python3
"""Adversarially fine-tune the sample's HC18 model (PGD adversarial training, Madry et al. 2018).

Starts from the standard bundle (models/hc18/model.pt, trained by train_hc18_vlsm.py) and
repeats that script's stage 2 -- backbone frozen, adapters + FiLM/decoder/upsampler trained on
HC18 `anns/train.json` with the same augmentation, prompts and loss (1.5*softDice + BCE) -- but
on adversarial images: for every batch, a PGD attack under the threat model RobustGate
evaluates (L-infinity, eps in [0,1] pixel units, each of the 3 input channels perturbed on its
own, images clamped to [0,1], CLIP normalisation inside the attacked function) maximises the
same loss with a random start, and the optimiser step is taken on the attacked batch only.

Outputs:
  sample-project/src/test/resources/models/hc18-robust/{model.pt,tokenizer.json,robustgate-model.json}
  sample-project/python/robust-training-report.json  (settings, timings, and the clean and
      PGD Dice of both models on the 48-image held-out subset the sample project gates)

Usage (CPU, seeded, deterministic algorithms; torch alone plus numpy, pillow, regex, ftfy):
  venv/bin/python sample-project/python/train_hc18_robust.py
"""
import argparse
import json
import os
import shutil
import sys
import time

# the same thread settings as train_hc18_vlsm.py (imported below, which sets them before torch)
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import train_hc18_vlsm as base  # noqa: E402

import torch  # noqa: E402

SAMPLE_PROJECT = base.SAMPLE_PROJECT
STANDARD_DIR = base.DEFAULT_MODEL_DIR
DEFAULT_OUT = os.path.join(SAMPLE_PROJECT, "src", "test", "resources", "models", "hc18-robust")
DEFAULT_REPORT = os.path.join(HERE, "robust-training-report.json")
MEAN3 = torch.tensor(base.CLIP_MEAN).view(1, 3, 1, 1)
STD3 = torch.tensor(base.CLIP_STD).view(1, 3, 1, 1)


def normalise3(x3):
    """x3: [B,3,H,W] pixels in [0,1] (channels may differ once attacked) -> CLIP-normalised."""
    return (x3 - MEAN3) / STD3


def pgd(model, x3, m, ids, am, eps, steps, alpha, gen=None):
    """L-inf PGD on the seg loss in pixel units; random start when a generator is given."""
    was_training = model.training
    model.eval()
    if gen is not None:
        delta = (torch.rand(x3.shape, generator=gen) * 2 - 1) * eps
    else:
        delta = torch.zeros_like(x3)
    adv = (x3 + delta).clamp(0, 1)
    for _ in range(steps):
        adv = adv.detach().requires_grad_(True)
        loss = base.seg_loss(model(normalise3(adv), ids, am), m)
        grad, = torch.autograd.grad(loss, adv)
        adv = adv.detach() + alpha * grad.sign()
        adv = torch.min(torch.max(adv, x3 - eps), x3 + eps).clamp(0, 1)
    model.train(was_training)
    return adv.detach()


def pgd_dice(model, xs, ms, tok, eps, steps, alpha, bs=8):
    """Per-sample Dice under PGD (no random start, the prompt p1), as the gate measures it."""
    model.eval()
    out = []
    for i in range(0, len(xs), bs):
        x3 = xs[i:i + bs].expand(-1, 3, -1, -1).contiguous()
        m = ms[i:i + bs]
        ids, am = tok(["fetal head"] * len(x3))
        adv = pgd(model, x3, m, ids, am, eps, steps, alpha)
        with torch.no_grad():
            out.append(base.dice_iou(model(normalise3(adv), ids, am), m)[0])
    return torch.cat(out)


def load_standard():
    model = base.VLSM(base.CFG)
    state = torch.jit.load(os.path.join(STANDARD_DIR, "model.pt")).state_dict()
    state.pop("text.causal", None)  # a traced constant, rebuilt by the constructor
    model.load_state_dict(state, strict=True)
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=base.DEFAULT_DATA)
    ap.add_argument("--merges", default=base.DEFAULT_MERGES)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--report", default=DEFAULT_REPORT)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--eps", type=float, default=2 / 255)
    ap.add_argument("--train-steps", type=int, default=3, help="PGD steps per training batch")
    ap.add_argument("--eval-steps", type=int, default=10, help="PGD steps of the final evaluation")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--bs", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--p1-frac", type=float, default=0.5)
    ap.add_argument("--limit-batches", type=int, default=0, help="batches per epoch (0: all), for timing")
    args = ap.parse_args()

    torch.set_num_threads(2)
    base.set_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    t_start = time.time()
    bpe = base.ClipBpe(args.merges)
    tok = base.TokCache(bpe)
    tr_e, tr_x, tr_m = base.load_split(args.data, "train")
    va_e, va_x, va_m = base.load_split(args.data, "val")
    te_e, te_x, te_m = base.load_split(args.data, "test")
    sub_idx = [i * base.SUBSET_STEP for i in range(base.SUBSET_SIZE)]
    sub_x, sub_m = te_x[sub_idx], te_m[sub_idx]

    standard = load_standard()
    standard.eval()
    eval_alpha = args.eps / 4
    std_clean = base.evaluate(standard, sub_x, sub_m, "fetal head", tok)[0]
    std_pgd = pgd_dice(standard, sub_x, sub_m, tok, args.eps, args.eval_steps, eval_alpha)
    print("standard: subset clean Dice %.4f, PGD-%d Dice %.4f" % (
        std_clean.mean().item(), args.eval_steps, std_pgd.mean().item()), flush=True)

    model = load_standard()
    for p in model.parameters():
        p.requires_grad_(False)
    train_params = base.adapter_params(model) + [p for m in model.head_modules() for p in m.parameters()]
    for p in train_params:
        p.requires_grad_(True)
    opt = torch.optim.AdamW(train_params, lr=args.lr, weight_decay=0.01)
    gen = torch.Generator().manual_seed(args.seed + 3)
    attack_gen = torch.Generator().manual_seed(args.seed + 4)
    import random
    rng = random.Random(args.seed + 5)
    n = len(tr_e)
    steps_per_epoch = n // args.bs
    if args.limit_batches:
        steps_per_epoch = min(steps_per_epoch, args.limit_batches)
    total = steps_per_epoch * args.epochs
    variants = [base.prompt_variants(e) for e in tr_e]
    train_alpha = 2.5 * args.eps / args.train_steps
    history = []
    step = 0
    t_train = time.time()
    for ep in range(args.epochs):
        model.train()
        perm = torch.randperm(n, generator=gen)
        run = 0.0
        for b in range(steps_per_epoch):
            idx = perm[b * args.bs:(b + 1) * args.bs]
            x, m = base.augment(tr_x[idx], tr_m[idx], gen)
            pr = [tr_e[i]["prompts"]["p1"] if rng.random() < args.p1_frac else rng.choice(variants[i])
                  for i in idx.tolist()]
            ids, am = tok(pr)
            x3 = x.expand(-1, 3, -1, -1).contiguous()
            adv = pgd(model, x3, m, ids, am, args.eps, args.train_steps, train_alpha, attack_gen)
            for gp in opt.param_groups:
                gp["lr"] = base.cosine_lr(step, total, steps_per_epoch // 2, args.lr)
            loss = base.seg_loss(model(normalise3(adv), ids, am), m)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(train_params, 1.0)
            opt.step()
            run += loss.item()
            step += 1
            if (b + 1) % 10 == 0:
                print("epoch %d batch %d/%d adversarial loss %.4f (%.0fs)" % (
                    ep + 1, b + 1, steps_per_epoch, run / (b + 1), time.time() - t_train), flush=True)
        vd = base.evaluate(model, va_x, va_m, "fetal head", tok)[0].mean().item()
        history.append({"epoch": ep + 1, "adversarial_train_loss": round(run / steps_per_epoch, 4),
                        "val_clean_dice": round(vd, 4)})
        print("epoch %d/%d adversarial loss %.4f val clean Dice %.4f (%.0fs)" % (
            ep + 1, args.epochs, run / steps_per_epoch, vd, time.time() - t_train), flush=True)
    t_train = time.time() - t_train
    model.eval()

    rob_clean = base.evaluate(model, sub_x, sub_m, "fetal head", tok)[0]
    rob_pgd = pgd_dice(model, sub_x, sub_m, tok, args.eps, args.eval_steps, eval_alpha)
    print("robust: subset clean Dice %.4f, PGD-%d Dice %.4f" % (
        rob_clean.mean().item(), args.eval_steps, rob_pgd.mean().item()), flush=True)

    os.makedirs(args.out, exist_ok=True)
    model_path = os.path.join(args.out, "model.pt")
    checks = base.export(model, tok, te_x, model_path)
    shutil.copyfile(os.path.join(STANDARD_DIR, "tokenizer.json"), os.path.join(args.out, "tokenizer.json"))
    manifest = json.load(open(os.path.join(STANDARD_DIR, "robustgate-model.json")))
    manifest["name"] = "hc18-vlsm-adapter-robust"
    with open(os.path.join(args.out, "robustgate-model.json"), "w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    traced = torch.jit.load(model_path)
    traced_clean = base.evaluate(traced, sub_x, sub_m, "fetal head", tok)[0]

    def summary(clean, attacked):
        return {"clean_dice": round(clean.mean().item(), 6), "pgd_dice": round(attacked.mean().item(), 6)}

    report = {
        "seed": args.seed,
        "torch_version": torch.__version__,
        "deterministic_algorithms": True,
        "num_threads": torch.get_num_threads(),
        "starts_from": "models/hc18/model.pt (train_hc18_vlsm.py)",
        "recipe": "PGD adversarial training (Madry et al., ICLR 2018) of train_hc18_vlsm.py's stage 2: "
                  "the optimiser sees only attacked batches",
        "threat_model": {"norm": "Linf", "eps": args.eps, "space": "[0,1] pixels, 3 channels each perturbed"},
        "hyperparameters": {"epochs": args.epochs, "batch_size": args.bs, "lr": args.lr, "weight_decay": 0.01,
                            "optimizer": "AdamW", "schedule": "linear warm-up (half an epoch) + cosine",
                            "train_attack": {"steps": args.train_steps, "step_size": train_alpha,
                                             "random_start": True},
                            "p1_fraction": args.p1_frac, "trainable": "adapters + FiLM/decoder/upsampler"},
        "history": history,
        "timings_s": {"training": round(t_train, 1), "total": round(time.time() - t_start, 1)},
        "held_out_subset": {
            "n": len(sub_idx), "prompt": "fetal head",
            "evaluation_attack": {"steps": args.eval_steps, "step_size": eval_alpha, "random_start": False},
            "standard": summary(std_clean, std_pgd),
            "robust": summary(rob_clean, rob_pgd),
            "robust_traced_clean_dice": round(traced_clean.mean().item(), 6),
        },
        "export": checks,
        "model_pt_bytes": os.path.getsize(model_path),
    }
    with open(args.report, "w") as fh:
        json.dump(report, fh, indent=2)
        fh.write("\n")
    print("report written to", args.report, flush=True)


if __name__ == "__main__":
    main()

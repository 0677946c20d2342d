"""Writes framework/core/src/test/resources/sequential/hc18-per-image.csv: each HC18 test image's clean Dice and its
Dice under the sample project's full (non-sequential) FetalHeadRobustnessTest gates, for RecordedSetSimulationTest.

Input: the JUnit results the sample's build writes (sample-project/target/robustgate/junit), e.g. after
    mvn -B verify -pl sample-project -am -Pskip-framework-tests
Run:
    python3 python/sequential_fixture.py sample-project/target/robustgate/junit \
        framework/core/src/test/resources/sequential/hc18-per-image.csv
Only the standard library is needed.
"""
import glob
import json
import os
import sys

# results.json displayName -> CSV column
COLUMNS = {
    "PGD eps=2/255 steps=40": "pgd40_2_dice",
    "FGSM eps=1/255": "fgsm1_dice",
    "FGSM eps=2/255": "fgsm2_dice",
    "FGSM eps=4/255": "fgsm4_dice",
}


def main(results_dir, out_path):
    by_column = {}
    clean = None
    for path in sorted(glob.glob(os.path.join(results_dir, "io.robustgate.sample.FetalHeadRobustnessTest.*.json"))):
        with open(path) as f:
            document = json.load(f)
        for result in document["results"]:
            column = COLUMNS.get(result["attack"]["displayName"])
            if column is None or result.get("sequential"):
                continue
            samples = {s["sampleId"]: s for s in result["samples"]}
            by_column[column] = {k: s["adversarialDice"] for k, s in samples.items()}
            these = {k: s["cleanDice"] for k, s in samples.items()}
            if clean is not None and clean != these:
                sys.exit(f"{path}: clean Dice differs from another result's")
            clean = these
    missing = [c for c in COLUMNS.values() if c not in by_column]
    if missing:
        sys.exit(f"{results_dir}: no FetalHeadRobustnessTest result for {', '.join(missing)}")
    ids = sorted(clean)
    columns = list(COLUMNS.values())
    with open(out_path, "w") as out:
        out.write("# Per-image Dice of the sample project's 48 HC18 test images (prompt p1), as its build measured them;\n")
        out.write("# written by python/sequential_fixture.py. Columns: the sample's identity, then Dice per attack.\n")
        out.write("image,mask,prompt,clean_dice," + ",".join(columns) + "\n")
        for sample_id in ids:
            image, mask, prompt = sample_id.split("|")
            values = [clean[sample_id]] + [by_column[c][sample_id] for c in columns]
            out.write(",".join([image, mask, prompt] + [repr(float(v)) for v in values]) + "\n")
    print(f"wrote {len(ids)} images to {out_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""Regenerate the tagger's rule data files (pipeline/tag/patterns/).

    python tools/patterns/build.py [--out DIR] [--germeval DIR]

Writes organisations.jsonl, locations.jsonl, acting_bodies.json, person_context.json and
first_names.txt. See README.md in this folder.
"""
import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))  # pipeline.tag.tokenizer

import gen_acting  # noqa: E402
import gen_gazetteer  # noqa: E402
import gen_names  # noqa: E402
import gen_person  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "pipeline" / "tag" / "patterns",
                    help="output folder (default: pipeline/tag/patterns/)")
    ap.add_argument("--germeval", type=Path, default=REPO.parent / "shared" / "data" / "germeval2014",
                    help="folder with NER-de-train.tsv (default: <repo>/../shared/data/germeval2014/)")
    args = ap.parse_args(argv)
    train = args.germeval / "NER-de-train.tsv"
    if not train.is_file():
        ap.error(f"GermEval training file not found: {train} (use --germeval DIR)")
    args.out.mkdir(parents=True, exist_ok=True)
    gen_gazetteer.main(args.out)
    gen_acting.main(args.out)
    gen_person.main(args.out)
    gen_names.main(args.out, args.germeval)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Agreement between the gold item categories and a second, blind annotation.

The second annotator labelled every gold item from the raw text and the guidelines
(``shared/spec/annotation.md``) alone, without seeing the gold categories or any model's
output; ``corpus/agreement/items_second_annotation.jsonl`` holds one line per item:
``{"doc", "start", "end", "category", "sure"[, "second"]}`` (``second``: the other
category an unsure annotator weighed).

The numbers say how far the categories are decidable from the text at all: the ceiling
any classifier trained on this gold can be expected to reach.

The disagreements were then adjudicated blind (``corpus/agreement/adjudication.jsonl``:
a third annotator saw both labels in random order, not knowing which was the gold) and the
gold was changed where the adjudicator chose the second label and did not call the case
close. The agreement of the two independent annotations is the one before that
(``--before-adjudication``); after it, the gold and the second annotation are no longer
independent.

Usage:
    python3 corpus/tools/item_agreement.py [--before-adjudication]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ("challenge", "solution", "benefit", "need", "topic", "other")
DEFAULT_ANNOTATION = ROOT / "agreement" / "items_second_annotation.jsonl"
ADJUDICATION = ROOT / "agreement" / "adjudication.jsonl"


def adjudication_records(adjudication: Path = ADJUDICATION) -> list[dict]:
    """One record per adjudicated disagreement: ``doc``, ``start``, ``end``,
    ``gold_before``, ``second``, ``adjudicated``, ``close`` and ``applied`` (whether the
    gold was changed to ``adjudicated``)."""
    lines = adjudication.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def gold_before_adjudication(adjudication: Path = ADJUDICATION) -> dict[tuple, str]:
    """The gold category of each item the adjudication changed, as it was before."""
    return {
        (entry["doc"], entry["start"], entry["end"]): entry["gold_before"]
        for entry in adjudication_records(adjudication)
        if entry["applied"]
    }


def load_pairs(
    annotation: Path, gold_dir: Path = ROOT / "gold", before: dict[tuple, str] | None = None
) -> list[dict]:
    """(gold, second) category pairs per item, with the document and the sure flag.

    Every gold item must have exactly one second label and vice versa: a mismatch means
    the gold changed after the second annotation and the study must be redone for it.
    ``before`` replaces gold categories (the gold before adjudication).
    """
    before = before or {}
    gold = {}
    for path in sorted(gold_dir.glob("*.json")):
        record = json.loads(path.read_text("utf-8"))
        for item in record["items"]:
            gold[(record["doc"], item["start"], item["end"])] = item["category"]
    pairs = []
    seen = set()
    for line in annotation.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        key = (entry["doc"], entry["start"], entry["end"])
        if key not in gold:
            raise ValueError(f"second annotation of an item not in the gold: {key}")
        if key in seen:
            raise ValueError(f"item annotated twice: {key}")
        if entry["category"] not in CATEGORIES:
            raise ValueError(f"unknown category {entry['category']!r} for {key}")
        seen.add(key)
        pairs.append(
            {
                "doc": entry["doc"],
                "gold": before.get(key, gold[key]),
                "second": entry["category"],
                "sure": entry.get("sure", True),
            }
        )
    missing = set(gold) - seen
    if missing:
        raise ValueError(f"{len(missing)} gold items have no second label, e.g. {min(missing)}")
    return pairs


def agreement(pairs: list[dict]) -> dict:
    """Observed agreement, Cohen's kappa and the second annotator's per-category F1 against
    the gold (macro-F1 is the number comparable with the classifier's)."""
    n = len(pairs)
    observed = sum(p["gold"] == p["second"] for p in pairs) / n
    gold_counts = Counter(p["gold"] for p in pairs)
    second_counts = Counter(p["second"] for p in pairs)
    expected = sum(gold_counts[c] * second_counts[c] for c in CATEGORIES) / (n * n)
    f1 = {}
    for category in CATEGORIES:
        both = sum(p["gold"] == p["second"] == category for p in pairs)
        total = gold_counts[category] + second_counts[category]
        f1[category] = 2 * both / total if total else 0.0
    return {
        "n_items": n,
        "agreement": observed,
        "kappa": (observed - expected) / (1 - expected) if expected < 1 else 1.0,
        "macro_f1": sum(f1.values()) / len(CATEGORIES),
        "f1": f1,
    }


def main(argv: list[str]) -> int:
    if argv not in ([], ["--before-adjudication"]):
        print(__doc__.split("Usage:")[1].strip(), file=sys.stderr)
        return 2
    before = gold_before_adjudication() if argv else {}
    pairs = load_pairs(DEFAULT_ANNOTATION, before=before)
    print(
        f"gold before adjudication ({len(before)} categories as they were)"
        if argv
        else "gold as it is, after adjudication"
    )
    splits = ROOT / "splits.json"
    holdout = set(json.loads(splits.read_text("utf-8"))["holdout"]) if splits.exists() else set()
    groups = {
        "all items": pairs,
        "classifier's CV documents (not holdout)": [p for p in pairs if p["doc"] not in holdout],
        "holdout documents": [p for p in pairs if p["doc"] in holdout],
        "second annotator sure": [p for p in pairs if p["sure"]],
        "second annotator unsure": [p for p in pairs if not p["sure"]],
    }
    for name, group in groups.items():
        if not group:
            continue
        result = agreement(group)
        print(
            f"{name}: {result['n_items']} items, agreement {result['agreement']:.3f}, "
            f"kappa {result['kappa']:.3f}, macro-F1 {result['macro_f1']:.3f}"
        )
    per_category = agreement(pairs)["f1"]
    print("F1 per category: " + ", ".join(f"{c} {per_category[c]:.3f}" for c in CATEGORIES))
    print("\ngold \\ second " + " ".join(f"{c[:9]:>9}" for c in CATEGORIES))
    confusion = Counter((p["gold"], p["second"]) for p in pairs)
    for gold_category in CATEGORIES:
        row = " ".join(f"{confusion[(gold_category, c)]:>9}" for c in CATEGORIES)
        print(f"{gold_category:<14} {row}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stderr.close()
        sys.exit(0)

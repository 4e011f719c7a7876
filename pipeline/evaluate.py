"""Scoring predicted records against gold files, as the spec's "Scoring" section defines.

- Entities: P/R/F1 per label, strict on (start, end, label) and lenient (any overlap,
  same label); the headline is the strict micro average over PER ORG DATE BUNDESLAND.
  Value accuracy over strictly matched DATE and BUNDESLAND spans.
- Items: detection F1 (a predicted item matches a gold item when their spans overlap
  by at least half of the longer one; one-to-one), then category accuracy and
  macro-F1 over the six categories on the matched pairs.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.records import ENTITY_LABELS, ITEM_CATEGORIES

HEADLINE_LABELS = ("PER", "ORG", "DATE", "BUNDESLAND")


class EvaluationError(Exception):
    pass


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "n_pred": n_pred,
        "n_gold": n_gold,
    }


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


class _Tally:
    def __init__(self) -> None:
        self.strict: Counter[str] = Counter()
        self.lenient_pred: Counter[str] = Counter()
        self.lenient_gold: Counter[str] = Counter()
        self.n_pred: Counter[str] = Counter()
        self.n_gold: Counter[str] = Counter()
        self.value_total: Counter[str] = Counter()
        self.value_correct: Counter[str] = Counter()
        self.item_gold = 0
        self.item_pred = 0
        self.item_pairs: list[tuple[str, str]] = []

    def add(self, gold: dict, pred: dict) -> None:
        gold_ents, pred_ents = gold.get("entities", []), pred.get("entities", [])
        pred_index = {(e["start"], e["end"], e["label"]): e for e in pred_ents}
        for label in ENTITY_LABELS:
            g = [e for e in gold_ents if e["label"] == label]
            p = [e for e in pred_ents if e["label"] == label]
            self.n_gold[label] += len(g)
            self.n_pred[label] += len(p)
            self.lenient_gold[label] += sum(any(_overlap(x, y) for y in p) for x in g)
            self.lenient_pred[label] += sum(any(_overlap(x, y) for y in g) for x in p)
            for entity in g:
                match = pred_index.get((entity["start"], entity["end"], label))
                if match is None:
                    continue
                self.strict[label] += 1
                if "value" in entity:
                    self.value_total[label] += 1
                    self.value_correct[label] += match.get("value") == entity["value"]
        self._add_items(gold.get("items", []), pred.get("items", []))

    def _add_items(self, gold_items: list[dict], pred_items: list[dict]) -> None:
        self.item_gold += len(gold_items)
        self.item_pred += len(pred_items)
        pairs = []
        for gi, g in enumerate(gold_items):
            for pi, p in enumerate(pred_items):
                shared = _overlap(g, p)
                longer = max(g["end"] - g["start"], p["end"] - p["start"])
                if shared and shared * 2 >= longer:
                    pairs.append((-shared, gi, pi))
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, gi, pi in sorted(pairs):
            if gi in used_gold or pi in used_pred:
                continue
            used_gold.add(gi)
            used_pred.add(pi)
            self.item_pairs.append((gold_items[gi]["category"], pred_items[pi]["category"]))

    def scores(self) -> dict[str, Any]:
        labels = {}
        for label in ENTITY_LABELS:
            strict = _prf(self.strict[label], self.n_pred[label], self.n_gold[label])
            lp = self.lenient_pred[label] / self.n_pred[label] if self.n_pred[label] else 0.0
            lr = self.lenient_gold[label] / self.n_gold[label] if self.n_gold[label] else 0.0
            lenient = {
                "precision": lp,
                "recall": lr,
                "f1": 2 * lp * lr / (lp + lr) if lp + lr else 0.0,
            }
            labels[label] = {"strict": strict, "lenient": lenient}
        headline = _prf(
            sum(self.strict[x] for x in HEADLINE_LABELS),
            sum(self.n_pred[x] for x in HEADLINE_LABELS),
            sum(self.n_gold[x] for x in HEADLINE_LABELS),
        )
        values = {
            label: {
                "accuracy": self.value_correct[label] / self.value_total[label]
                if self.value_total[label]
                else None,
                "n": self.value_total[label],
            }
            for label in ("DATE", "BUNDESLAND")
        }
        return {
            "entities": {"headline_micro": headline, "labels": labels, "values": values},
            "items": self._item_scores(),
        }

    def _item_scores(self) -> dict[str, Any]:
        detection = _prf(len(self.item_pairs), self.item_pred, self.item_gold)
        correct = sum(g == p for g, p in self.item_pairs)
        per_category = {}
        for category in ITEM_CATEGORIES:
            tp = sum(g == p == category for g, p in self.item_pairs)
            n_pred = sum(p == category for _, p in self.item_pairs)
            n_gold = sum(g == category for g, _ in self.item_pairs)
            per_category[category] = _prf(tp, n_pred, n_gold)
        present = [
            c for c in ITEM_CATEGORIES if per_category[c]["n_gold"] or per_category[c]["n_pred"]
        ]
        macro = sum(per_category[c]["f1"] for c in present) / len(present) if present else 0.0
        confusion = Counter(f"{g}->{p}" for g, p in self.item_pairs)
        return {
            "detection": detection,
            "category_accuracy": correct / len(self.item_pairs) if self.item_pairs else None,
            "category_macro_f1": macro,
            "categories": per_category,
            "confusion": dict(sorted(confusion.items())),
        }


def evaluate_records(pairs: list[tuple[dict, dict]]) -> dict[str, Any]:
    total = _Tally()
    per_doc = {}
    for gold, pred in pairs:
        total.add(gold, pred)
        single = _Tally()
        single.add(gold, pred)
        doc_scores = single.scores()
        per_doc[gold["doc"]] = {
            "entity_f1": doc_scores["entities"]["headline_micro"]["f1"],
            "item_detection_f1": doc_scores["items"]["detection"]["f1"],
            "category_accuracy": doc_scores["items"]["category_accuracy"],
        }
    scores = total.scores()
    scores["documents"] = per_doc
    scores["n_documents"] = len(pairs)
    return scores


def evaluate_dirs(gold_dir: Path, pred_dir: Path, only: set[str] | None = None) -> dict[str, Any]:
    if not gold_dir.is_dir():
        raise EvaluationError(f"{gold_dir}: not a directory")
    if not pred_dir.is_dir():
        raise EvaluationError(f"{pred_dir}: not a directory")
    pairs = []
    missing = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        if only is not None and gold["doc"] not in only and gold_path.stem not in only:
            continue
        pred_path = pred_dir / gold_path.name
        if not pred_path.exists():
            missing.append(gold_path.name)
            pred = {"doc": gold["doc"], "entities": [], "items": []}
        else:
            pred = json.loads(pred_path.read_text("utf-8"))
            if pred.get("text_sha256") != gold.get("text_sha256"):
                raise EvaluationError(f"{pred_path.name}: text_sha256 differs from the gold file")
        pairs.append((gold, pred))
    if not pairs:
        raise EvaluationError(f"no gold files to score in {gold_dir}")
    scores = evaluate_records(pairs)
    scores["missing_predictions"] = missing
    return scores


def format_report(scores: dict[str, Any]) -> str:
    ent = scores["entities"]
    lines = [f"documents: {scores['n_documents']}"]
    if scores.get("missing_predictions"):
        lines.append(f"missing predictions (scored as empty): {scores['missing_predictions']}")
    lines.append("")
    lines.append(
        f"{'label':<11} {'strict P':>8} {'R':>6} {'F1':>6}   {'lenient P':>9} {'R':>6} "
        f"{'F1':>6}   {'gold':>5} {'pred':>5}"
    )
    for label, result in ent["labels"].items():
        s, le = result["strict"], result["lenient"]
        lines.append(
            f"{label:<11} {s['precision']:>8.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}   "
            f"{le['precision']:>9.3f} {le['recall']:>6.3f} {le['f1']:>6.3f}   "
            f"{s['n_gold']:>5} {s['n_pred']:>5}"
        )
    h = ent["headline_micro"]
    lines.append(
        f"{'MICRO*':<11} {h['precision']:>8.3f} {h['recall']:>6.3f} {h['f1']:>6.3f}"
        "   (* strict, over PER ORG DATE BUNDESLAND: the headline)"
    )
    for label, value in ent["values"].items():
        acc = "n/a" if value["accuracy"] is None else f"{value['accuracy']:.3f}"
        lines.append(f"value accuracy {label}: {acc} (n={value['n']})")
    items = scores["items"]
    d = items["detection"]
    lines.append("")
    lines.append(
        f"items: detection P {d['precision']:.3f} R {d['recall']:.3f} F1 {d['f1']:.3f} "
        f"(gold {d['n_gold']}, pred {d['n_pred']}, matched {d['tp']})"
    )
    acc = items["category_accuracy"]
    lines.append(
        f"items: category accuracy {'n/a' if acc is None else f'{acc:.3f}'}, "
        f"macro-F1 {items['category_macro_f1']:.3f}"
    )
    for category, result in items["categories"].items():
        lines.append(
            f"  {category:<10} P {result['precision']:.3f} R {result['recall']:.3f} "
            f"F1 {result['f1']:.3f} (gold {result['n_gold']})"
        )
    return "\n".join(lines)

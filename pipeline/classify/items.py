"""Item categories: the trained classifier when its model is shipped, else the heading rule.

The heading rule is one of the classifier's features (see `classifier.py`), so the two are
combined in one way only: the model learns how far to trust a heading. Without the model
file (a fresh checkout that has not run `minutes train items`), the rule decides alone
and says so in each item's `source`.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from itertools import islice
from pathlib import Path

import pandas as pd

from pipeline.classify.classifier import (
    DEFAULT_MODEL_DIR,
    FEATURE_COLUMNS,
    MODEL_FILE,
    item_features,
    load_model,
    predict,
)
from pipeline.classify.heading_rules import categorise_by_heading
from pipeline.segment import ListItem

# How far a category decided by the rule alone is trusted (a prior, not calibrated).
EVIDENCE_CONFIDENCE = {"heading": 0.8, "lead-in": 0.6, "section": 0.5, "default": 0.3}
RULE_NAME = "heading-rules-v1"
MODEL_NAME = "item-classifier"


def classifier_name(model_dir: Path | None = DEFAULT_MODEL_DIR) -> str:
    """What decides item categories, as records and the batch manifest name it, without
    loading the model: the model folder and a digest of its file, so that a retrained model
    is told apart (a batch re-run redoes what an older model classified)."""
    if model_dir is None or not (model_dir / MODEL_FILE).exists():
        return RULE_NAME
    digest = hashlib.sha256((model_dir / MODEL_FILE).read_bytes()).hexdigest()[:12]
    return f"{MODEL_NAME} ({model_dir.name}, {digest})"


class ItemClassifier:
    def __init__(self, model_dir: Path | None = DEFAULT_MODEL_DIR) -> None:
        self.model = (
            _cached_model(model_dir)
            if model_dir is not None and (model_dir / MODEL_FILE).exists()
            else None
        )
        self.name = classifier_name(model_dir)

    def classify(self, items: list[ListItem], text: str) -> list[tuple[str, float, str]]:
        """(category, confidence, source) per item."""
        return self.classify_many([(items, text)])[0]

    def classify_many(
        self, documents: list[tuple[list[ListItem], str]]
    ) -> list[list[tuple[str, float, str]]]:
        """`classify` for several documents at once: one model call for all their items
        (the per-call overhead of the scikit-learn pipeline is larger than a small document)."""
        if self.model is None:
            return [[self._by_rule(item) for item in items] for items, _ in documents]
        rows = pd.DataFrame(
            [
                item_features(item, text[item.start : item.end])
                for items, text in documents
                for item in items
            ],
            columns=FEATURE_COLUMNS,
        )
        labelled = iter(())
        if len(rows):
            categories, confidences = predict(self.model, rows)
            labelled = zip(categories, confidences, strict=True)
        return [
            [
                (category, round(float(confidence), 4), MODEL_NAME)
                for category, confidence in islice(labelled, len(items))
            ]
            for items, _ in documents
        ]

    @staticmethod
    def _by_rule(item: ListItem) -> tuple[str, float, str]:
        category, evidence = categorise_by_heading(item)
        return category, EVIDENCE_CONFIDENCE[evidence], f"heading-rule:{evidence}"


@lru_cache(maxsize=2)
def _cached_model(model_dir: Path):
    return load_model(model_dir)

"""Item categories. For now the heading rule decides (the trained classifier is its own
component); the evidence it used is recorded as the item's source."""

from __future__ import annotations

from pipeline.classify.heading_rules import categorise_by_heading
from pipeline.segment import ListItem

# How much a category decided by each kind of evidence is to be trusted (a prior, not
# a calibrated probability: calibration comes with the trained classifier).
EVIDENCE_CONFIDENCE = {"heading": 0.8, "lead-in": 0.6, "section": 0.5, "default": 0.3}

CLASSIFIER_NAME = "heading-rules-v1"


def classify_items(items: list[ListItem]) -> list[tuple[str, float, str]]:
    """(category, confidence, source) per item."""
    out = []
    for item in items:
        category, evidence = categorise_by_heading(item)
        out.append((category, EVIDENCE_CONFIDENCE[evidence], f"heading-rule:{evidence}"))
    return out

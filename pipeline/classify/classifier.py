"""The item classifier: a scikit-learn Pipeline over an item's text and its context.

Features (all built from columns of a DataFrame, so the fitted Pipeline holds only
scikit-learn types and can be persisted with skops instead of pickle):

- ``text``: the item, as TF-IDF word 1-2-grams and character 2-5-grams;
- ``context``: the nearest heading, the lead-in line ending in ':', the outer headings,
  and the heading rule's verdict as a token (``rule_challenge``): this is how the heading
  rule and the classifier are combined: the rule is one feature whose weight is learnt;
- ``shape``: nesting depth, marker kind, question mark, length bucket.

The model is a multinomial logistic regression whose probabilities are calibrated by
sigmoid scaling (``CalibratedClassifierCV``); ``confidence`` is the top probability.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from pipeline.classify.heading_rules import categorise_by_heading
from pipeline.segment import ListItem, segment

FEATURE_COLUMNS = ["text", "context", "shape"]
MODEL_FILE = "model.skops"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODEL_DIR = REPO_ROOT / "models" / "item_classifier"
SEED = 13


def _marker_kind(marker: str) -> str:
    if not marker:
        return "none"
    if re.fullmatch(r"\(?\d+[.)]?", marker.split()[0]):
        return "number"
    if re.fullmatch(r"\(?[a-zA-Z][.)]", marker.split()[0]):
        return "letter"
    return "symbol"


def _length_bucket(text: str) -> str:
    words = len(text.split())
    return (
        "len_1_3"
        if words <= 3
        else "len_4_8"
        if words <= 8
        else "len_9_20"
        if words <= 20
        else "len_21_plus"
    )


def item_features(item: ListItem, item_text: str, with_context: bool = True) -> dict[str, str]:
    """One row of classifier input for a segmented item."""
    shape = [
        f"depth_{min(item.depth, 3)}",
        f"marker_{_marker_kind(item.marker)}",
        _length_bucket(item_text),
    ]
    if item_text.rstrip().endswith("?"):
        shape.append("question")
    if ":" in item_text[:60]:
        shape.append("label_colon")
    context = ""
    if with_context:
        rule_category, evidence = categorise_by_heading(item)
        shape.append(f"rule_{rule_category}_{evidence}")
        heading = item.heading.text if item.heading else ""
        parts = [
            heading,
            item.lead_in if item.lead_in != heading else "",
            " ".join(item.section_path[:-1]),
        ]
        context = " ".join(p for p in parts if p) or "no_heading"
    return {"text": item_text, "context": context, "shape": " ".join(shape)}


def build_pipeline(c: float = 4.0, with_context: bool = True) -> Pipeline:
    context = (
        [
            (
                "context",
                TfidfVectorizer(
                    ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w[\w-]*\b"
                ),
                "context",
            ),
        ]
        if with_context
        else []
    )
    features = ColumnTransformer(
        [
            *context,
            (
                "words",
                TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True),
                "text",
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    min_df=2,
                    sublinear_tf=True,
                    max_features=60000,
                ),
                "text",
            ),
            ("shape", CountVectorizer(token_pattern=r"\S+", lowercase=False, binary=True), "shape"),
        ]
    )
    model = CalibratedClassifierCV(
        LogisticRegression(C=c, max_iter=2000, random_state=SEED),
        method="sigmoid",
        cv=3,
    )
    return Pipeline([("features", features), ("model", model)])


# --- training data from the gold corpus ------------------------------------------------


@dataclass(frozen=True)
class ItemExample:
    doc: str
    features: dict[str, str]
    category: str


def examples_from_gold(
    raw_dir: Path, gold_dir: Path, exclude: set[str] | None = None, with_context: bool = True
) -> list[ItemExample]:
    """Gold items with the structure our segmenter finds around them.

    A gold item whose span the segmenter does not find as an item still gets its context
    from the nearest preceding heading, so the classifier sees every gold item.
    """
    examples = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        if exclude and gold["doc"] in exclude:
            continue
        text = (raw_dir / gold["doc"]).read_text("utf-8")
        structure = segment(text)
        by_span = {(i.start, i.end): i for i in structure.items}
        for gold_item in gold["items"]:
            span = (gold_item["start"], gold_item["end"])
            item = by_span.get(span) or _nearest_context(structure, *span)
            examples.append(
                ItemExample(
                    doc=gold["doc"],
                    features=item_features(item, gold_item["text"], with_context),
                    category=gold_item["category"],
                )
            )
    return examples


def _nearest_context(structure, start: int, end: int) -> ListItem:
    heading = None
    for candidate in structure.headings:
        if candidate.start < start:
            heading = candidate
    section = (heading.text,) if heading else ()
    return ListItem(start, end, "", 0, heading, section, None)


def frame(examples: list[ItemExample]) -> pd.DataFrame:
    return pd.DataFrame([e.features for e in examples], columns=FEATURE_COLUMNS)


# --- persistence (skops: no arbitrary pickle) ------------------------------------------


def trusted_types() -> list[str]:
    """The only types a model file may contain; anything else refuses to load."""
    return [
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.frozen._frozen.FrozenEstimator",
        "sklearn.compose._column_transformer.ColumnTransformer",
        "sklearn.feature_extraction.text.CountVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.pipeline.Pipeline",
        "sklearn.utils._bunch.Bunch",
        "collections.defaultdict",
        "numpy.float64",
        "numpy.int64",
        "builtins.slice",
    ]


def save_model(pipeline: Pipeline, model_dir: Path) -> Path:
    import skops.io as sio

    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / MODEL_FILE
    sio.dump(pipeline, path)
    untrusted = set(sio.get_untrusted_types(file=path)) - set(trusted_types())
    if untrusted:
        path.unlink()
        raise ValueError(f"model holds types outside the allowlist: {sorted(untrusted)}")
    return path


def load_model(model_dir: Path = DEFAULT_MODEL_DIR) -> Pipeline:
    import skops.io as sio

    return sio.load(model_dir / MODEL_FILE, trusted=trusted_types())


def predict(pipeline: Pipeline, rows: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """Categories and their calibrated probabilities."""
    probabilities = pipeline.predict_proba(rows)
    classes = list(pipeline.classes_)
    best = probabilities.argmax(axis=1)
    return [classes[i] for i in best], probabilities[np.arange(len(best)), best]

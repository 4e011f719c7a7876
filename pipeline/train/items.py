"""Train and evaluate the item classifier on the gold corpus.

Evaluation is cross-validation grouped by document (no document has items in both
train and test folds), once with the full context and once with headings blanked out,
to show what the item text alone carries. Holdout documents (corpus/splits.json) are
never trained on.

Documents annotated for items only (``corpus/items_only``) are training data and nothing
else: they join every training fold and the final fit, and are never scored, so every
number here is measured on the gold corpus alone.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from pipeline.classify.classifier import (
    DEFAULT_MODEL_DIR,
    REPO_ROOT,
    ItemExample,
    build_pipeline,
    examples_from_gold,
    frame,
    save_model,
)
from pipeline.records import ITEM_CATEGORIES

CORPUS = REPO_ROOT / "corpus"
# Beside corpus/raw and corpus/gold: documents whose items (not entities) are annotated.
ITEMS_ONLY = "items_only"
N_FOLDS = 5
N_BINS = 10
# The model card's generated numbers sit between these markers; the prose around them is
# written by hand.
CARD_START = "<!-- cv-results:start -->"
CARD_END = "<!-- cv-results:end -->"


def holdout_docs(corpus: Path = CORPUS) -> set[str]:
    splits = corpus / "splits.json"
    return (
        set(json.loads(splits.read_text("utf-8")).get("holdout", [])) if splits.exists() else set()
    )


def items_only_examples(corpus: Path = CORPUS, with_context: bool = True) -> list[ItemExample]:
    """Training items from ``corpus/items_only`` (none if the folder is absent)."""
    folder = corpus / ITEMS_ONLY
    if not (folder / "gold").is_dir():
        return []
    return examples_from_gold(folder / "raw", folder / "gold", with_context=with_context)


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray) -> float:
    """ECE over equal-width confidence bins, weighted by bin size."""
    bins = np.minimum((confidence * N_BINS).astype(int), N_BINS - 1)
    error = 0.0
    for b in range(N_BINS):
        mask = bins == b
        if mask.any():
            error += mask.mean() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(error)


def _scores(labels: np.ndarray, probabilities: np.ndarray, classes: np.ndarray) -> dict[str, Any]:
    """Per-category P/R/F1, macro-F1, accuracy and ECE of top-class predictions."""
    best = probabilities.argmax(axis=1)
    predicted = classes[best]
    confidence = probabilities[np.arange(len(best)), best]
    precision, recall, f1, support = precision_recall_fscore_support(
        labels, predicted, labels=list(ITEM_CATEGORIES), zero_division=0
    )
    return {
        "n_items": len(labels),
        "macro_f1": float(np.mean(f1)),
        "accuracy": float((predicted == labels).mean()),
        "ece": expected_calibration_error(confidence, predicted == labels),
        "categories": {
            c: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
            for c, p, r, f, s in zip(ITEM_CATEGORIES, precision, recall, f1, support, strict=True)
        },
    }


def document_folds(
    groups: np.ndarray, split_seed: int | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Train/test indices of ``N_FOLDS`` folds, each document in exactly one test fold.

    Without a seed: scikit-learn's ``GroupKFold`` (the split the model card reports). With
    one: documents are shuffled by the seed and dealt round-robin into the folds, to see how
    much a score owes to one particular split.
    """
    if split_seed is None:
        yield from GroupKFold(n_splits=N_FOLDS).split(groups, groups=groups)
        return
    documents = sorted(set(groups))
    order = np.random.default_rng(split_seed).permutation(len(documents))
    fold_of = {document: order[i] % N_FOLDS for i, document in enumerate(documents)}
    folds = np.array([fold_of[document] for document in groups])
    for fold in range(N_FOLDS):
        yield np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)


def cross_validate(
    with_context: bool = True,
    corpus: Path = CORPUS,
    split_seed: int | None = None,
    items_only: bool = True,
) -> dict[str, Any]:
    """Grouped CV over the gold corpus; ``items_only`` adds the items-only documents to
    every training fold (they are never in a test fold)."""
    examples = examples_from_gold(
        corpus / "raw", corpus / "gold", holdout_docs(corpus), with_context
    )
    extra = items_only_examples(corpus, with_context) if items_only else []
    rows = frame(examples + extra)
    labels = np.array([e.category for e in examples + extra])
    groups = np.array([e.doc for e in examples])
    extra_idx = np.arange(len(examples), len(examples) + len(extra))
    probabilities = np.zeros((len(examples), len(ITEM_CATEGORIES)))
    classes = np.array(ITEM_CATEGORIES)
    for train_idx, test_idx in document_folds(groups, split_seed):
        train_idx = np.concatenate([train_idx, extra_idx])
        model = build_pipeline(with_context=with_context).fit(
            rows.iloc[train_idx], labels[train_idx]
        )
        # Columns in ITEM_CATEGORIES order, whatever classes this fold saw.
        fold = model.predict_proba(rows.iloc[test_idx])
        for column, category in enumerate(model.classes_):
            probabilities[test_idx, list(classes).index(category)] = fold[:, column]
    split = "" if split_seed is None else f", documents shuffled with seed {split_seed}"
    trained_on = (
        f" (+ {len(extra)} items-only training items in every fold)"
        if extra
        else " (gold corpus only)"
    )
    return {
        "with_headings": with_context,
        "evaluation": f"{N_FOLDS}-fold CV grouped by document{split}{trained_on}",
        "n_documents": len(set(groups)),
        "folds": N_FOLDS,
        "items_only_training_items": len(extra),
        **_scores(labels[: len(examples)], probabilities, classes),
    }


def evaluate_holdout(
    with_context: bool = True, corpus: Path = CORPUS, items_only: bool = True
) -> dict[str, Any]:
    """Fit on every non-holdout document, score on the holdout documents (a test set that
    no choice was made on; the CV above is the development estimate)."""
    holdout = holdout_docs(corpus)
    everything = {path.name for path in (corpus / "raw").iterdir()}
    train_examples = examples_from_gold(corpus / "raw", corpus / "gold", holdout, with_context)
    if items_only:
        train_examples += items_only_examples(corpus, with_context)
    test_examples = examples_from_gold(
        corpus / "raw", corpus / "gold", everything - holdout, with_context
    )
    model = build_pipeline(with_context=with_context).fit(
        frame(train_examples), [e.category for e in train_examples]
    )
    return {
        "with_headings": with_context,
        "evaluation": "holdout documents",
        "n_documents": len({e.doc for e in test_examples}),
        **_scores(
            np.array([e.category for e in test_examples]),
            model.predict_proba(frame(test_examples)),
            model.classes_,
        ),
    }


def train(model_dir: Path = DEFAULT_MODEL_DIR, corpus: Path = CORPUS) -> dict[str, Any]:
    """Fit on every gold item outside the holdout and every items-only item, and save the
    model (skops)."""
    started = time.perf_counter()
    examples = examples_from_gold(corpus / "raw", corpus / "gold", holdout_docs(corpus))
    examples += items_only_examples(corpus)
    model = build_pipeline().fit(frame(examples), [e.category for e in examples])
    path = save_model(model, model_dir)
    info = {
        "n_items": len(examples),
        "n_documents": len({e.doc for e in examples}),
        "train_seconds": round(time.perf_counter() - started, 2),
        "path": str(path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path),
    }
    (model_dir / "training.json").write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    return info


def evaluations(corpus: Path = CORPUS, items_only: bool = True) -> dict[str, dict[str, Any]]:
    """The four evaluations the card reports: CV and holdout, each with and without headings."""
    return {
        "cv_with_headings": cross_validate(True, corpus, items_only=items_only),
        "cv_headings_blanked_out": cross_validate(False, corpus, items_only=items_only),
        "holdout_with_headings": evaluate_holdout(True, corpus, items_only),
        "holdout_headings_blanked_out": evaluate_holdout(False, corpus, items_only),
    }


def write_model_card(
    model_dir: Path, training: dict[str, Any], results: dict[str, dict[str, Any]]
) -> Path:
    """cv.json with the numbers, and the numbers section of README.md between its markers."""
    stored = {**results, "training": {k: v for k, v in training.items() if k != "path"}}
    (model_dir / "cv.json").write_text(json.dumps(stored, indent=2) + "\n", "utf-8")
    numbers = "\n\n".join(
        [
            *("```\n" + format_cv(result) + "\n```" for result in results.values()),
            f"Training from scratch on {training['n_items']} items in "
            f"{training['n_documents']} documents: {training['train_seconds']:.1f} s "
            "(one CPU core).",
        ]
    )
    card = model_dir / "README.md"
    text = card.read_text("utf-8") if card.exists() else f"{CARD_START}\n{CARD_END}\n"
    head, _, rest = text.partition(CARD_START)
    _, _, tail = rest.partition(CARD_END)
    card.write_text(f"{head}{CARD_START}\n{numbers}\n{CARD_END}{tail}", "utf-8")
    return card


def run_cli(
    action: str,
    model_dir: Path = DEFAULT_MODEL_DIR,
    corpus: Path = CORPUS,
    split_seeds: list[int] | None = None,
    items_only: bool = True,
) -> None:
    """``train``: fit, save, and write the card's numbers; ``evaluate``: print both CVs and
    the holdout scores, or with ``split_seeds`` both CVs on each seeded document split.
    ``items_only=False`` evaluates training on the gold corpus alone."""
    if action == "evaluate" and split_seeds:
        results = [
            cross_validate(with_context, corpus, seed, items_only)
            for seed in split_seeds
            for with_context in (True, False)
        ]
        print("\n\n".join(format_cv(result) for result in results))
    elif action == "train":
        training = train(model_dir, corpus)
        print(f"saved {training['path']} ({training['train_seconds']:.1f} s)")
        card = write_model_card(model_dir, training, evaluations(corpus))
        print(f"wrote {card} and {model_dir / 'cv.json'}")
    elif action == "evaluate":
        results = evaluations(corpus, items_only).values()
        print("\n\n".join(format_cv(result) for result in results))
    else:
        raise ValueError(f"unknown action {action!r}: expected 'train' or 'evaluate'")


def format_cv(result: dict[str, Any]) -> str:
    title = "with headings" if result["with_headings"] else "headings blanked out"
    lines = [
        f"item classifier, {result['evaluation']}, {title}: "
        f"{result['n_items']} items in {result['n_documents']} documents",
        f"{'category':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}",
    ]
    for category, s in result["categories"].items():
        lines.append(
            f"{category:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} "
            f"{s['f1']:>6.3f} {s['support']:>5}"
        )
    lines.append(
        f"macro-F1 {result['macro_f1']:.3f}  accuracy {result['accuracy']:.3f}  "
        f"ECE {result['ece']:.3f}"
    )
    return "\n".join(lines)

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate_dirs, evaluate_records

GOLD = {
    "doc": "a.txt",
    "text_sha256": "0" * 64,
    "entities": [
        {"start": 0, "end": 5, "label": "PER", "text": "Meier"},
        {"start": 10, "end": 20, "label": "DATE", "text": "x" * 10, "value": "2024-05-15"},
        {"start": 30, "end": 32, "label": "BUNDESLAND", "text": "BY", "value": "BY"},
    ],
    "items": [
        {"start": 100, "end": 120, "category": "challenge", "text": "x" * 20},
        {"start": 130, "end": 150, "category": "need", "text": "x" * 20},
    ],
}


def test_perfect_prediction_scores_one() -> None:
    scores = evaluate_records([(GOLD, GOLD)])
    assert scores["entities"]["headline_micro"]["f1"] == 1.0
    assert scores["items"]["detection"]["f1"] == 1.0
    assert scores["items"]["category_accuracy"] == 1.0


def test_strict_lenient_values_and_items() -> None:
    pred = {
        "doc": "a.txt",
        "entities": [
            {"start": 0, "end": 6, "label": "PER", "text": "Meier,"},  # lenient only
            {"start": 10, "end": 20, "label": "DATE", "text": "x", "value": "2024-05"},
            {"start": 40, "end": 42, "label": "ORG", "text": "BA"},  # false positive
        ],
        "items": [
            {"start": 100, "end": 118, "category": "challenge", "text": "x"},  # overlaps 18/20
            {"start": 140, "end": 170, "category": "need", "text": "x"},  # 10/30: no match
        ],
    }
    scores = evaluate_records([(GOLD, pred)])
    labels = scores["entities"]["labels"]
    assert labels["PER"]["strict"]["f1"] == 0.0
    assert labels["PER"]["lenient"]["f1"] == 1.0
    assert labels["DATE"]["strict"]["tp"] == 1
    assert scores["entities"]["values"]["DATE"]["accuracy"] == 0.0
    headline = scores["entities"]["headline_micro"]
    assert (headline["tp"], headline["n_pred"], headline["n_gold"]) == (1, 3, 3)
    assert scores["items"]["detection"]["tp"] == 1
    assert scores["items"]["detection"]["precision"] == pytest.approx(0.5)
    assert scores["items"]["category_accuracy"] == 1.0


def test_evaluate_dirs_checks_hashes(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    (tmp_path / "gold" / "a.json").write_text(json.dumps(GOLD))
    (tmp_path / "pred" / "a.json").write_text(json.dumps({**GOLD, "text_sha256": "1" * 64}))
    from pipeline.evaluate import EvaluationError

    with pytest.raises(EvaluationError, match="text_sha256"):
        evaluate_dirs(tmp_path / "gold", tmp_path / "pred")

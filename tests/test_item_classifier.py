"""The item classifier: the shipped model on obvious items, training speed, safe loading."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipeline.classify.classifier import (
    DEFAULT_MODEL_DIR,
    FEATURE_COLUMNS,
    MODEL_FILE,
    build_pipeline,
    cue_tokens,
    german_stem,
    item_features,
    load_model,
    mood_tokens,
    predict,
    save_model,
)
from pipeline.segment import HeadingLine, ListItem

SHIPPED = DEFAULT_MODEL_DIR / MODEL_FILE


def _item(heading: str | None, text: str, lead_in: str | None = None) -> tuple[ListItem, str]:
    head = HeadingLine(0, len(heading), heading, 2) if heading else None
    section = (heading,) if heading else ()
    return ListItem(0, len(text), "-", 0, head, section, lead_in), text


def _rows(pairs: list[tuple[ListItem, str]], with_context: bool = True) -> pd.DataFrame:
    return pd.DataFrame(
        [item_features(item, text, with_context) for item, text in pairs], columns=FEATURE_COLUMNS
    )


OBVIOUS = [
    ("Diskussion", "Lange Wartezeiten bei der Anerkennung", "challenge"),
    ("Diskussion", "Es fehlen Kitaplätze, die Kurse sind zu voll.", "challenge"),
    ("Diskussion", "Wir brauchen dringend mehr Sprachkurse im ländlichen Raum.", "need"),
    ("Herausforderungen", "Wer übernimmt die Fahrtkosten für die Prüfung?", "need"),
    (
        "Nächste Schritte",
        "Frau Berger erstellt bis zum 30. Mai eine Übersicht der Angebote.",
        "solution",
    ),
    (
        "Erfolge",
        "Die Sprechstunde wird sehr gut angenommen, die Wartezeit hat sich halbiert.",
        "benefit",
    ),
    ("Tagesordnung", "TOP 2 Bericht aus der Arbeitsgruppe Pflege", "topic"),
    ("Anwesend", "Jana Vollmer (Jobcenter Marburg)", "other"),
]


@pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped model: run `minutes train items`")
def test_shipped_model_gets_obvious_items_right() -> None:
    model = load_model()
    pairs = [_item(heading, text) for heading, text, _ in OBVIOUS]
    categories, confidences = predict(model, _rows(pairs))
    assert categories == [expected for _, _, expected in OBVIOUS]
    assert all(0 < c <= 1 for c in confidences)


@pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped model: run `minutes train items`")
def test_text_decides_against_a_neutral_or_contrary_heading() -> None:
    model = load_model()
    pairs = [
        _item("Berichte aus den Ländern", "Lange Wartezeiten bei der Anerkennung"),
        _item("Herausforderungen", "Gefordert wird eine zentrale Ansprechstelle für Betriebe."),
    ]
    categories, _ = predict(model, _rows(pairs))
    assert categories == ["challenge", "need"]


def test_cues_and_mood() -> None:
    assert "cue_challenge_delay" in cue_tokens("Lange Wartezeiten bei der Anerkennung")
    assert "cue_need_need" in cue_tokens("Benötigt werden mehr Kursplätze")
    # 'Empfehlung' holds 'fehl' but is no lack: cues match at the start of a word.
    assert "cue_challenge_lack" not in cue_tokens("Empfehlung der Runde")
    assert "cue_benefit_success_neg" in cue_tokens("Das Projekt war nicht erfolgreich")
    assert "question" in mood_tokens("Wer lädt die Berufsschulen ein?")
    assert "infinitive_final" in mood_tokens("Termin mit der Kammer abstimmen (Herr Lüders)")
    assert german_stem("wartezeiten") == german_stem("wartezeit")


def test_training_on_a_small_sample_and_saving_round_trip(tmp_path: Path) -> None:
    texts = [
        ("Probleme", "Zu wenige Kursplätze im ländlichen Raum", "challenge"),
        ("Probleme", "Lange Bearbeitungszeiten bei der Ausländerbehörde", "challenge"),
        ("Maßnahmen", "Die Kammer richtet eine Hotline für Betriebe ein", "solution"),
        ("Maßnahmen", "Herr Weber prüft die Übernahme der Fahrtkosten", "solution"),
        ("Erfolge", "Die Beratung wurde erfolgreich eingeführt", "benefit"),
        ("Erfolge", "Die Abbrüche haben sich halbiert", "benefit"),
        ("Bedarfe", "Benötigt wird mehr Sprachförderung", "need"),
        ("Bedarfe", "Wer finanziert die Kinderbetreuung?", "need"),
        ("Themenspeicher", "Anerkennung ausländischer Lehrkräfte", "topic"),
        ("Themenspeicher", "Wohnraum für Auszubildende", "topic"),
        ("Anwesend", "Jana Vollmer (Jobcenter Marburg)", "other"),
        ("Links", "https://www.anerkennung-in-deutschland.de", "other"),
    ] * 4
    rows = _rows([_item(heading, text) for heading, text, _ in texts])
    labels = np.array([category for _, _, category in texts])
    model = build_pipeline().fit(rows, labels)
    assert set(model.classes_) == set(labels)
    # Saved and loaded, the model is the same: vocabularies (stored as arrays) and outputs.
    save_model(model, tmp_path)
    loaded = load_model(tmp_path)
    for (name, fitted, _), (_, restored, _) in zip(
        model.named_steps["features"].transformers_,
        loaded.named_steps["features"].transformers_,
        strict=True,
    ):
        assert getattr(fitted, "vocabulary_", None) == getattr(restored, "vocabulary_", None), name
    np.testing.assert_array_equal(loaded.predict_proba(rows), model.predict_proba(rows))


def test_loading_refuses_untrusted_types(tmp_path: Path) -> None:
    import skops.io as sio
    from sklearn.tree import DecisionTreeClassifier
    from skops.io.exceptions import UntrustedTypesFoundException

    # A file with a type outside the allowlist must not load.
    sio.dump(DecisionTreeClassifier().fit([[0], [1]], [0, 1]), tmp_path / MODEL_FILE)
    with pytest.raises(UntrustedTypesFoundException):
        load_model(tmp_path)


def test_saving_refuses_untrusted_types(tmp_path: Path) -> None:
    from sklearn.tree import DecisionTreeClassifier

    with pytest.raises(ValueError, match="allowlist"):
        save_model(DecisionTreeClassifier().fit([[0], [1]], [0, 1]), tmp_path)
    assert not (tmp_path / MODEL_FILE).exists()


def test_char_ngram_counts_match_scikit_learn() -> None:
    """The per-word fast path of CompactTfidfVectorizer counts exactly what sklearn counts:
    short words, repeated words, runs of whitespace, umlauts, case, empty text."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from pipeline.classify.classifier import CompactTfidfVectorizer

    training = [
        "Zu wenige Kursplätze im ländlichen Raum",
        "a b c  dd\tee\nÄrger über   Öffnungszeiten",
        "Die Kammer richtet eine Hotline ein; die Kammer prüft",
        "x",
    ]
    texts = [
        *training,
        "",
        "   ",
        "Kursplätze Kursplätze kursplätze KURSPLÄTZE",
        "ein völlig neuer Satz mit unbekannten Wörtern: Xylophon!",
        "i ab abc abcd abcde",
    ]
    for ngram_range in [(2, 4), (1, 3), (3, 5)]:
        settings = dict(analyzer="char_wb", ngram_range=ngram_range, sublinear_tf=True)
        fast = CompactTfidfVectorizer(**settings).fit(training)
        reference = TfidfVectorizer(**settings).fit(training)
        assert fast.vocabulary_ == reference.vocabulary_
        for _ in range(2):  # the second pass reads the per-word cache
            got, expected = fast.transform(texts), reference.transform(texts)
            assert got.shape == expected.shape
            assert got.has_sorted_indices
            assert abs(got - expected).max() < 1e-12


@pytest.mark.parametrize("split_seed", [None, 1, 2])
def test_cross_validation_folds_keep_each_document_in_one_test_fold(
    split_seed: int | None,
) -> None:
    from pipeline.train.items import N_FOLDS, document_folds

    groups = np.array([f"doc{i % 13}" for i in range(80)])
    folds = list(document_folds(groups, split_seed))
    assert len(folds) == N_FOLDS
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested) == list(range(len(groups)))  # every item tested exactly once
    for train, test in folds:
        assert not set(groups[train]) & set(groups[test])
        assert len(train) + len(test) == len(groups)


def test_seeded_splits_differ_and_repeat() -> None:
    from pipeline.train.items import document_folds

    groups = np.array([f"doc{i}" for i in range(20)])

    def test_folds(seed: int) -> list[list[int]]:
        return [sorted(test.tolist()) for _, test in document_folds(groups, seed)]

    assert test_folds(1) == test_folds(1)
    assert test_folds(1) != test_folds(2)


def _write_corpus_doc(folder: Path, name: str, lists: dict[str, list[tuple[str, str]]]) -> None:
    """A raw document with one heading per list, and its gold file (items only)."""
    import hashlib
    import json

    text, items = "", []
    for heading, entries in lists.items():
        text += f"{heading}\n\n"
        for entry, category in entries:
            text += "- "
            items.append(
                {
                    "start": len(text),
                    "end": len(text) + len(entry),
                    "category": category,
                    "text": entry,
                }
            )
            text += f"{entry}\n"
        text += "\n"
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    (folder / "gold").mkdir(parents=True, exist_ok=True)
    (folder / "raw" / name).write_text(text, "utf-8")
    gold = {
        "doc": name,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "entities": [],
        "items": items,
    }
    (folder / "gold" / f"{Path(name).stem}.json").write_text(json.dumps(gold), "utf-8")


_SMALL_LISTS = {
    "Probleme": [("Zu wenige Kursplätze", "challenge"), ("Lange Wartezeiten", "challenge")],
    "Maßnahmen": [("Hotline für Betriebe", "solution"), ("Fahrtkosten prüfen", "solution")],
    "Erfolge": [("Abbrüche halbiert", "benefit"), ("Beratung gut angenommen", "benefit")],
    "Bedarfe": [("Mehr Sprachförderung", "need"), ("Wer zahlt die Betreuung?", "need")],
    "Tagesordnung": [("TOP 1 Begrüßung", "topic"), ("TOP 2 Bericht", "topic")],
    "Anwesend": [("Jana Vollmer (Jobcenter)", "other"), ("Malte Ochs (IHK)", "other")],
}


def test_items_only_documents_train_every_fold_and_are_never_scored(tmp_path: Path) -> None:
    from pipeline.train.items import ITEMS_ONLY, cross_validate, evaluate_holdout

    for number in range(6):
        _write_corpus_doc(tmp_path, f"{number}_gold.txt", _SMALL_LISTS)
    for number in range(2):
        _write_corpus_doc(tmp_path / ITEMS_ONLY, f"9{number}_extra.txt", _SMALL_LISTS)
    (tmp_path / "splits.json").write_text('{"holdout": ["5_gold.txt"]}', "utf-8")
    per_document = sum(len(entries) for entries in _SMALL_LISTS.values())

    with_extra = cross_validate(True, tmp_path)
    alone = cross_validate(True, tmp_path, items_only=False)
    # Scored: the five non-holdout gold documents only, with or without the extra items.
    assert with_extra["n_items"] == alone["n_items"] == 5 * per_document
    assert with_extra["n_documents"] == alone["n_documents"] == 5
    assert with_extra["items_only_training_items"] == 2 * per_document
    assert alone["items_only_training_items"] == 0
    assert evaluate_holdout(True, tmp_path)["n_items"] == per_document

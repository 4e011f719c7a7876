"""Tests for the GermEval conversion, the NER training path and the shipped NER model.

The training test runs a few steps on ~50 sentences only; the full model is never retrained.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from pipeline.train.germeval import KEPT_LABELS, fix_token, map_tag
from pipeline.train.ner import MODEL_DIR, load_ner, package, score_spans, smoke_train

ALLOWED = set(KEPT_LABELS)
SENTENCE = "Angela Merkel besuchte am Montag die Firma Siemens in München."


def test_map_tag_keeps_only_outer_per_org_loc() -> None:
    assert map_tag("B-PER") == "B-PER"
    assert map_tag("I-LOC") == "I-LOC"
    assert map_tag("B-OTH") == "O"
    assert map_tag("B-LOCderiv") == "O"
    assert map_tag("I-ORGpart") == "O"
    assert map_tag("O") == "O"


def test_fix_token_repairs_c1_characters() -> None:
    assert fix_token("1990\u00962000") == "1990–2000"
    assert fix_token("5\u0080") == "5€"
    assert fix_token("Bundes\u00adtag") == "Bundestag"
    assert fix_token("\u00ad") == "-"
    assert fix_token("Köln") == "Köln"


def test_score_spans_strict() -> None:
    gold = {(0, 0, 2, "PER"), (0, 5, 6, "LOC")}
    pred = {(0, 0, 2, "PER"), (0, 5, 7, "LOC")}
    scores = score_spans(gold, pred)
    assert scores["PER"]["f"] == 1.0
    assert scores["LOC"]["f"] == 0.0
    assert scores["micro"]["p"] == 0.5


def test_smoke_train_writes_loadable_model(tmp_path: Path) -> None:
    model_dir = smoke_train(tmp_path)
    assert (model_dir / "config.cfg").exists()
    assert (tmp_path / "pretrain" / "model-last.bin").exists()  # the tok2vec was pretrained
    assert load_ner(model_dir).pipe_names == ["tok2vec", "ner"]
    packaged = package(model_dir, tmp_path / "packaged")
    assert (packaged / "ner").is_dir() and not (packaged / "tok2vec").exists()
    nlp = load_ner(packaged)
    assert nlp.pipe_names == ["ner"]  # the ner carries its own copy of the tok2vec
    assert set(nlp.get_pipe("ner").labels) <= ALLOWED
    doc = nlp(SENTENCE)
    assert len(doc) > 5
    assert all(ent.label_ in ALLOWED for ent in doc.ents)


shipped = pytest.mark.skipif(
    not (MODEL_DIR / "config.cfg").exists(), reason="models/de_minutes_ner not built"
)


@shipped
def test_shipped_model_loads_offline_and_tags_obvious_sentence() -> None:
    nlp = load_ner(MODEL_DIR)
    assert "ner" in nlp.pipe_names
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "minutes.GermanTokenizer.v1"
    doc = nlp(SENTENCE)
    ents = {(ent.text, ent.label_) for ent in doc.ents}
    assert ("Angela Merkel", "PER") in ents
    assert ("Siemens", "ORG") in ents
    assert ("München", "LOC") in ents
    assert all(ent.label_ in ALLOWED for ent in doc.ents)


@shipped
def test_shipped_model_keeps_gender_forms_whole() -> None:
    nlp = load_ner(MODEL_DIR)
    doc = nlp("Die Kund:innen der Stadtwerke Bonn wurden informiert.")
    assert "Kund:innen" in [t.text for t in doc]


@shipped
def test_shipped_model_loads_with_plain_spacy_after_tokenizer_import() -> None:
    import pipeline.tag.tokenizer  # noqa: F401

    nlp = spacy.load(MODEL_DIR)
    assert set(nlp.get_pipe("ner").labels) == ALLOWED

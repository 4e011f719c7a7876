"""The gold corpus follows the spec, and every emitted span points at its source text."""

from __future__ import annotations

import hashlib
import itertools
import json

import pytest

from pipeline.records import ENTITY_LABELS, ITEM_CATEGORIES, VALUED_LABELS
from tests.conftest import CORPUS_RAW, gold_pairs

PAIRS = gold_pairs()
IDS = [gold["doc"] for _, gold in PAIRS]


def test_every_raw_file_has_gold() -> None:
    raw = sorted(p.name for p in CORPUS_RAW.iterdir() if p.suffix in (".txt", ".md"))
    assert raw == sorted(IDS)


def _checked_text(raw_path, gold) -> str:
    """The raw text, after checking the gold's hash of it and its items' spans and categories."""
    data = raw_path.read_bytes()
    text = data.decode("utf-8")
    assert gold["text_sha256"] == hashlib.sha256(data).hexdigest()
    for item in gold["items"]:
        assert text[item["start"] : item["end"]] == item["text"]
        assert item["category"] in ITEM_CATEGORIES
    return text


@pytest.mark.parametrize(("raw_path", "gold"), PAIRS, ids=IDS)
def test_gold_file_follows_spec(raw_path, gold) -> None:
    text = _checked_text(raw_path, gold)
    previous_end = -1
    for entity in sorted(gold["entities"], key=lambda e: e["start"]):
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert entity["label"] in ENTITY_LABELS
        assert ("value" in entity) == (entity["label"] in VALUED_LABELS)
        assert entity["start"] >= previous_end, "entities overlap"
        previous_end = entity["end"]


@pytest.mark.parametrize(("raw_path", "gold"), PAIRS, ids=IDS)
def test_every_emitted_span_matches_source(extractor, raw_path, gold) -> None:
    from pipeline.ingest import read_document

    source = read_document(raw_path)
    record = extractor.record_for(source)
    assert record.text_sha256 == gold["text_sha256"]
    for span in [*record.entities, *record.items, *record.headings]:
        assert source.text[span.start : span.end] == span.text
    ends = [(e.start, e.end) for e in record.entities]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends)), "entities overlap"


def _corpus_tool(name: str):
    """A stdlib script of corpus/tools, imported as a module."""
    import importlib.util

    from tests.conftest import REPO

    spec = importlib.util.spec_from_file_location(name, REPO / "corpus" / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_second_annotation_covers_every_gold_item_once() -> None:
    # Fails when the gold items change without the agreement study being redone for them.
    tool = _corpus_tool("item_agreement")
    pairs = tool.load_pairs(tool.DEFAULT_ANNOTATION)
    assert len(pairs) == sum(len(gold["items"]) for _, gold in PAIRS)


def test_agreement_statistics_match_scikit_learn() -> None:
    from sklearn.metrics import cohen_kappa_score, f1_score

    tool = _corpus_tool("item_agreement")
    gold = ["challenge", "need", "need", "other", "topic", "benefit", "solution", "other"]
    second = ["challenge", "solution", "need", "challenge", "topic", "benefit", "solution", "other"]
    result = tool.agreement([{"gold": g, "second": s} for g, s in zip(gold, second, strict=True)])
    assert result["agreement"] == pytest.approx(6 / 8)
    assert result["kappa"] == pytest.approx(cohen_kappa_score(gold, second))
    assert result["macro_f1"] == pytest.approx(
        f1_score(gold, second, labels=list(tool.CATEGORIES), average="macro")
    )


ITEMS_ONLY = CORPUS_RAW.parent / "items_only"
ITEMS_ONLY_GOLD = sorted((ITEMS_ONLY / "gold").glob("*.json"))


def test_items_only_documents_are_apart_from_the_gold_corpus() -> None:
    raw = sorted(p.name for p in (ITEMS_ONLY / "raw").iterdir())
    assert raw == sorted(json.loads(p.read_text("utf-8"))["doc"] for p in ITEMS_ONLY_GOLD)
    assert sorted(p.stem for p in (ITEMS_ONLY / "src").iterdir()) == [
        p.stem for p in ITEMS_ONLY_GOLD
    ]
    assert not set(raw) & set(IDS), "an items-only document is also in the gold corpus"


@pytest.mark.parametrize("gold_path", ITEMS_ONLY_GOLD, ids=[p.stem for p in ITEMS_ONLY_GOLD])
def test_items_only_gold_follows_spec(gold_path) -> None:
    gold = json.loads(gold_path.read_text("utf-8"))
    _checked_text(ITEMS_ONLY / "raw" / gold["doc"], gold)
    assert gold["entities"] == []  # items only: their entities are not annotated
    assert gold["items"], "an items-only document without items"


def test_adjudication_was_applied_to_the_gold_as_recorded() -> None:
    tool = _corpus_tool("item_agreement")
    gold = {
        (g["doc"], i["start"], i["end"]): i["category"] for _, g in PAIRS for i in g["items"]
    }
    records = tool.adjudication_records()
    assert records
    for record in records:
        key = (record["doc"], record["start"], record["end"])
        expected = record["adjudicated"] if record["applied"] else record["gold_before"]
        assert gold[key] == expected, key

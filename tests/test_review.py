"""The review API: records as DataFrames, displaCy views, filters and correction helpers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from spacy.util import escape_html

from pipeline.records import ENTITY_LABELS, ITEM_CATEGORIES, DocumentRecord, Entity, Item
from pipeline.review import (
    VERDICTS,
    Review,
    SourceTextError,
    below_confidence,
    by_label,
    by_organisation,
    by_state,
    count_marks,
    ensure_records,
    load_review,
    source_text,
)
from pipeline.write import write_record
from tests.conftest import CORPUS_RAW

REVIEW_DOCS = (
    "000_0b59dfbaf194c290.txt",
    "001_833cca77f4a3edec.txt",
    "145_elternbeirat_kita_offenbach.txt",
)


def extract_into(directory: Path, extractor: Any, names: tuple[str, ...]) -> list[DocumentRecord]:
    from pipeline.ingest import read_document

    records = []
    for name in names:
        record = extractor.record_for(read_document(CORPUS_RAW / name))
        write_record(record, directory / f"{Path(name).stem}.json")
        records.append(record)
    return records


@pytest.fixture(scope="module")
def extracted(
    tmp_path_factory: pytest.TempPathFactory, rules_extractor: Any
) -> tuple[Path, list[DocumentRecord]]:
    directory = tmp_path_factory.mktemp("review-records")
    return directory, extract_into(directory, rules_extractor, REVIEW_DOCS)


@pytest.fixture
def review(extracted: tuple[Path, list[DocumentRecord]]) -> Review:
    return load_review(extracted[0])


def test_one_row_per_entry(review: Review, extracted: tuple[Path, list[DocumentRecord]]) -> None:
    records = extracted[1]
    assert sorted(review.documents["doc"]) == sorted(REVIEW_DOCS)
    assert len(review.entities) == sum(len(r.entities) for r in records)
    assert len(review.items) == sum(len(r.items) for r in records)
    assert len(review.people) == sum(len(r.people) for r in records)
    assert len(review.organisations) == sum(len(r.organisations) for r in records)
    assert len(review.states) == sum(len(r.bundeslaender) for r in records)
    assert len(review.dates) == sum(e.label == "DATE" for r in records for e in r.entities)
    for frame in (review.entities, review.items, review.people, review.states, review.dates):
        assert frame["doc"].notna().all()


def test_columns_come_from_the_models(review: Review) -> None:
    # The record's field names (group is the join key entry_id, as in the exported tables).
    assert set(Entity.model_fields) - {"group"} <= set(review.entities.columns)
    assert set(Item.model_fields) <= set(review.items.columns)
    entity = review.entities.iloc[0]
    record_entity = review.record(entity["doc"]).entities[int(entity["entity_index"])]
    assert (entity["start"], entity["end"], entity["text"]) == (
        record_entity.start,
        record_entity.end,
        record_entity.text,
    )


def test_dtypes(review: Review) -> None:
    entities, items = review.entities, review.items
    assert list(entities["label"].cat.categories) == list(ENTITY_LABELS)
    assert list(items["category"].cat.categories) == list(ITEM_CATEGORIES)
    assert list(entities["verdict"].cat.categories) == list(VERDICTS)
    assert entities["verdict"].isna().all()
    for column in ("entity_index", "start", "end"):
        assert entities[column].dtype == "Int64"
    assert items["depth"].dtype == "Int64"
    assert entities["confidence"].dtype == "Float64"
    for column in ("doc", "text", "value", "source", "context"):
        assert entities[column].dtype == "string"
    assert isinstance(review.states["code"].dtype, pd.CategoricalDtype)
    assert review.states["name"].dtype == "string"


def test_context_brackets_the_mention(review: Review) -> None:
    for text, context in zip(review.entities["text"], review.entities["context"], strict=True):
        assert f"[{' '.join(text.split())}]" in context


@pytest.mark.parametrize("doc", REVIEW_DOCS)
def test_render_highlights_every_entity(review: Review, doc: str) -> None:
    record = review.record(doc)
    markup = review.render(doc, items=False)
    assert count_marks(markup) == len(record.entities) > 0
    titles = re.findall(r'<mark class="entity" title="([^"]*)"', markup)
    assert [title.split(" · ")[0] for title in titles] == [e.label for e in record.entities]
    for title, entity in zip(titles, record.entities, strict=True):
        assert f"confidence {entity.confidence:.2f}" in title
    marked = re.findall(r'<mark class="entity"[^>]*>\s*(.*?)\s*<span', markup, re.DOTALL)
    assert marked == [escape_html(entity.text) for entity in record.entities]


def test_render_items_as_labelled_spans(review: Review) -> None:
    doc = REVIEW_DOCS[1]
    record = review.record(doc)
    markup = review.render(doc)
    assert count_marks(markup) == len(record.entities) + len(record.items)
    item_labels = re.findall(r">(ITEM:\w+)</span>", markup)
    assert item_labels == [f"ITEM:{item.category}" for item in record.items]


def test_render_shows_corrections(review: Review) -> None:
    doc = REVIEW_DOCS[0]
    review.mark_entity(doc, 0, "wrong")
    review.correct_entity(doc, 1, label="ORG")
    markup = review.render(doc, items=False)
    labels = re.findall(r'<span style="[^"]*">([^<]+)</span>', markup)
    original = review.record(doc).entities
    assert labels[0] == f"{original[0].label} ✗"
    assert labels[1] == "ORG"
    assert count_marks(markup) == len(original)


def test_render_only_some_labels(review: Review) -> None:
    doc = REVIEW_DOCS[1]
    markup = review.render(doc, items=False, labels=["BUNDESLAND"])
    expected = sum(e.label == "BUNDESLAND" for e in review.record(doc).entities)
    assert count_marks(markup) == expected > 0


def test_filters(review: Review) -> None:
    orgs = by_label(review.entities, "ORG")
    assert len(orgs) and (orgs["label"] == "ORG").all()
    assert (
        len(review.with_labels("PER", "LOC")) == review.entities["label"].isin(["PER", "LOC"]).sum()
    )

    low = below_confidence(review.entities, 0.9)
    assert len(low) and (low["confidence"] < 0.9).all()
    assert low["confidence"].is_monotonic_increasing
    assert review.low_confidence(0.9).equals(low)
    assert (
        len(review.low_confidence(0.99, table="items")) == (review.items["confidence"] < 0.99).sum()
    )

    bavarian = by_state(review.entities, review.states, "BY")
    docs_with_by = {r.doc for r in review.records.values() if "BY" in _codes(r)}
    assert set(bavarian["doc"]) == docs_with_by
    assert len(review.in_states("BY", "HE", table="documents")) == sum(
        bool({"BY", "HE"} & _codes(r)) for r in review.records.values()
    )

    name = review.organisations["name"].iloc[0]
    owner = review.organisations["doc"].iloc[0]
    assert owner in set(by_organisation(review.items, review.organisations, name.upper())["doc"])
    assert owner in set(review.with_organisation(name, exact=True)["doc"])
    assert review.with_organisation("no such organisation anywhere").empty


def _codes(record: DocumentRecord) -> set[str]:
    return {state.code for state in record.bundeslaender}


def test_people_organisations(review: Review) -> None:
    table = review.people_organisations()
    records = review.records.values()
    affiliated = sum(len(set(p.affiliations)) for r in records for p in r.people)
    lonely = sum(not p.affiliations for r in records for p in r.people)
    assert len(table) == affiliated + lonely
    assert table["organisation"].notna().sum() == affiliated
    record = review.record(REVIEW_DOCS[0])
    person = next(p for p in record.people if p.affiliations)
    names = {o.id: o.name for o in record.organisations}
    rows = table[(table["doc"] == record.doc) & (table["person"] == person.name)]
    assert set(rows["organisation"]) == {names[org_id] for org_id in person.affiliations}


def test_correction_helpers_keep_text_in_step(review: Review) -> None:
    doc = REVIEW_DOCS[0]
    entity = next(e for e in review.record(doc).entities if " " in e.text)
    index = review.record(doc).entities.index(entity)
    row = review.entities[
        (review.entities["doc"] == doc) & (review.entities["entity_index"] == index)
    ]
    review.correct_entity(doc, index, start=entity.start + entity.text.index(" ") + 1)
    corrected = review.entities.loc[row.index[0]]
    assert corrected["text"] == entity.text.split(" ", 1)[1]
    assert corrected["label"] == entity.label
    review.mark_entity(doc, index, "right")
    assert review.entities.loc[row.index[0], "verdict"] == "right"
    review.mark_entity(doc, index, None)
    assert pd.isna(review.entities.loc[row.index[0], "verdict"])

    before = len(review.entities)
    review.add_entity(doc, 0, 3, "ORG")
    added = review.entities.iloc[-1]
    assert len(review.entities) == before + 1
    assert pd.isna(added["entity_index"]) and added["text"] == review.text(doc)[0:3]
    assert review.entities["start"].dtype == "Int64"

    review.correct_item(doc, 0, category="need")
    assert review.items.loc[review.items["doc"] == doc, "category"].iloc[0] == "need"

    with pytest.raises(ValueError, match="unknown label"):
        review.correct_entity(doc, 0, label="PERSON")
    with pytest.raises(ValueError, match="unknown category"):
        review.correct_item(doc, 0, category="problem")
    with pytest.raises(ValueError, match="outside the text"):
        review.correct_entity(doc, 0, end=10**7)
    with pytest.raises(ValueError, match="unknown verdict"):
        review.mark_entity(doc, 0, "maybe")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        review.mark_item(doc, 10**6, "wrong")


def test_to_csv_writes_both_tables(review: Review, tmp_path: Path) -> None:
    entities_csv, items_csv = review.to_csv(tmp_path)
    entities = pd.read_csv(entities_csv, encoding="utf-8-sig")
    items = pd.read_csv(items_csv, encoding="utf-8-sig")
    assert list(entities.columns) == list(review.entities.columns)
    assert len(entities) == len(review.entities) and len(items) == len(review.items)
    assert entities_csv.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read umlauts


def test_source_text_is_found_and_checked(
    extracted: tuple[Path, list[DocumentRecord]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = extracted[1][0]
    text = (CORPUS_RAW / record.doc).read_text("utf-8")
    assert source_text(record) == text

    # Relative paths, as `minutes extract corpus/raw --out outputs` writes them.
    project = tmp_path / "project"
    (project / "corpus" / "raw").mkdir(parents=True)
    shutil.copy(CORPUS_RAW / record.doc, project / "corpus" / "raw" / record.doc)
    relative = record.model_copy(update={"source_path": f"corpus/raw/{record.doc}"})
    monkeypatch.chdir(tmp_path)
    assert source_text(relative, records_dir=project / "outputs") == text
    with pytest.raises(SourceTextError, match="not found"):
        source_text(relative, records_dir=tmp_path / "elsewhere")
    assert source_text(relative, source_dirs=[CORPUS_RAW]) == text

    (project / "corpus" / "raw" / record.doc).write_text(text + "changed", "utf-8")
    with pytest.raises(SourceTextError, match="changed since extraction"):
        source_text(relative, records_dir=project / "outputs")

    carried = record.model_copy(update={"source_path": "gone.txt", "source_text": text})
    assert source_text(carried) == text


def test_load_review_rejects_invalid_records(
    extracted: tuple[Path, list[DocumentRecord]], tmp_path: Path
) -> None:
    shutil.copy(next(extracted[0].glob("*.json")), tmp_path / "good.json")
    (tmp_path / "bad.json").write_text('{"doc": "x"}', "utf-8")
    with pytest.raises(ValueError, match=r"bad\.json"):
        load_review(tmp_path)
    assert len(load_review(tmp_path, skip_invalid=True).records) == 1


def test_ensure_records_keeps_records_or_extracts(
    extracted: tuple[Path, list[DocumentRecord]], tmp_path: Path
) -> None:
    assert ensure_records(extracted[0], CORPUS_RAW) == extracted[0]
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CORPUS_RAW / REVIEW_DOCS[2], raw / REVIEW_DOCS[2])
    empty = tmp_path / "outputs"
    empty.mkdir()
    (empty / ".gitkeep").touch()
    scratch = tmp_path / "scratch"
    assert ensure_records(empty, raw, scratch=scratch) == scratch
    extracted_now = load_review(scratch)
    record = extracted_now.record(REVIEW_DOCS[2])
    assert Path(record.source_path).is_absolute()
    assert record.provenance.backbone == "rules"


def test_render_spans_escapes_text_and_hover() -> None:
    from pipeline.review import render_spans

    text = 'A <b>bold</b> "Verein" & Co'
    start = text.index('"Verein"')
    markup = render_spans(
        text,
        [{"start": start, "end": start + 8, "label": "ORG", "hover": 'ORG · "quoted" <x>'}],
        title="<doc>",
    )
    assert "<b>" not in markup and "&lt;b&gt;" in markup
    assert 'title="ORG · &quot;quoted&quot; &lt;x&gt;"' in markup
    assert "<h2" in markup and "&lt;doc&gt;" in markup
    assert count_marks(markup) == 1

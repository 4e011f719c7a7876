"""Corrections round trip: review -> corrections (API or CSV) -> gold files -> evaluation."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.corrections import (
    CorrectionError,
    apply_corrections,
    gold_problems,
    read_corrections,
)
from pipeline.evaluate import evaluate_dirs
from pipeline.records import VALUED_LABELS, DocumentRecord
from pipeline.review import Review, load_review
from tests.conftest import CORPUS_GOLD, CORPUS_RAW
from tests.test_review import extract_into

DOC = "000_0b59dfbaf194c290.txt"
OTHER_DOC = "145_elternbeirat_kita_offenbach.txt"


@pytest.fixture(scope="module")
def extracted(
    tmp_path_factory: pytest.TempPathFactory, rules_extractor: Any
) -> tuple[Path, dict[str, DocumentRecord]]:
    directory = tmp_path_factory.mktemp("correction-records")
    records = extract_into(directory, rules_extractor, (DOC, OTHER_DOC))
    return directory, {record.doc: record for record in records}


@pytest.fixture
def records_dir(extracted: tuple[Path, dict[str, DocumentRecord]]) -> Path:
    return extracted[0]


@pytest.fixture
def record(extracted: tuple[Path, dict[str, DocumentRecord]]) -> DocumentRecord:
    return extracted[1][DOC]


@pytest.fixture
def review(records_dir: Path) -> Review:
    return load_review(records_dir)


def planned_corrections(record: DocumentRecord) -> dict[str, Any]:
    """Two entity corrections and one item category: what the round trip changes."""
    relabelled = next(i for i, e in enumerate(record.entities) if e.label == "LOC")
    respanned = next(
        i for i, e in enumerate(record.entities) if e.label in ("ORG", "PER") and " " in e.text
    )
    entity = record.entities[respanned]
    first_word_end = entity.start + entity.text.index(" ")
    item = record.items[0]
    category = "need" if item.category != "need" else "challenge"
    return {
        "relabelled": (relabelled, "ORG"),
        "respanned": (respanned, entity.start, first_word_end),
        "item": (0, category),
    }


def correct_through_api(review: Review, record: DocumentRecord) -> dict[str, Any]:
    plan = planned_corrections(record)
    index, label = plan["relabelled"]
    review.correct_entity(record.doc, index, label=label)
    index, start, end = plan["respanned"]
    review.correct_entity(record.doc, index, start=start, end=end)
    index, category = plan["item"]
    review.correct_item(record.doc, index, category=category)
    return plan


def test_round_trip_shows_exactly_the_corrections(
    review: Review, record: DocumentRecord, records_dir: Path, tmp_path: Path
) -> None:
    plan = correct_through_api(review, record)
    gold_dir = tmp_path / "gold"
    report = apply_corrections(review, gold_dir)
    assert [path.name for path in report.written] == [f"{Path(DOC).stem}.json"]
    assert sorted(change.action for change in report.changes) == [
        "recategorised",
        "relabelled",
        "respanned",
    ]

    scores = evaluate_dirs(gold_dir, records_dir)
    assert scores["n_documents"] == 1 and scores["missing_predictions"] == []
    labels = scores["entities"]["labels"]
    false_positives = {k: v["strict"]["n_pred"] - v["strict"]["tp"] for k, v in labels.items()}
    false_negatives = {k: v["strict"]["n_gold"] - v["strict"]["tp"] for k, v in labels.items()}
    relabelled = record.entities[plan["relabelled"][0]]
    respanned = record.entities[plan["respanned"][0]]
    # Each corrected entity: one FP (as predicted) and one FN (as corrected); nothing else.
    assert Counter({k: n for k, n in false_positives.items() if n}) == Counter(
        [relabelled.label, respanned.label]
    )
    assert Counter({k: n for k, n in false_negatives.items() if n}) == Counter(
        [plan["relabelled"][1], respanned.label]
    )
    # Lenient matching still finds the respanned entity; values stay right.
    assert labels[respanned.label]["lenient"]["precision"] == 1.0
    for value in scores["entities"]["values"].values():
        assert value["accuracy"] in (None, 1.0)

    items = scores["items"]
    n_items = len(record.items)
    assert items["detection"]["tp"] == items["detection"]["n_gold"] == n_items
    assert items["detection"]["n_pred"] == n_items
    old = record.items[plan["item"][0]].category
    errors = {
        pair: n
        for pair, n in items["confusion"].items()
        if pair.split("->")[0] != pair.split("->")[1]
    }
    assert errors == {f"{plan['item'][1]}->{old}": 1}
    assert items["category_accuracy"] == pytest.approx((n_items - 1) / n_items)


def test_gold_file_has_the_spec_format(
    review: Review, record: DocumentRecord, tmp_path: Path
) -> None:
    correct_through_api(review, record)
    review.mark_entity(DOC, 0, "wrong")
    path = apply_corrections(review, tmp_path).written[0]
    raw = (CORPUS_RAW / DOC).read_text("utf-8")
    gold = json.loads(path.read_text("utf-8"))
    assert list(gold) == ["doc", "text_sha256", "entities", "items"]
    assert gold["doc"] == DOC and gold["text_sha256"] == record.text_sha256
    assert gold_problems(gold, raw) == []
    for entity in gold["entities"]:
        keys = ["start", "end", "label", "text"] + (
            ["value"] if entity["label"] in VALUED_LABELS else []
        )
        assert list(entity) == keys
        assert raw[entity["start"] : entity["end"]] == entity["text"]
    for item in gold["items"]:
        assert list(item) == ["start", "end", "category", "text"]
    starts = [(e["start"], e["end"]) for e in gold["entities"]]
    assert starts == sorted(starts)
    assert len(gold["entities"]) == len(record.entities) - 1
    # Written as corpus/gold writes its files.
    expected = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
    assert path.read_text("utf-8") == expected
    corpus_style = next(CORPUS_GOLD.glob("*.json")).read_text("utf-8")
    assert corpus_style.startswith('{\n "doc": ')


def test_gold_goes_straight_into_training(
    review: Review, record: DocumentRecord, tmp_path: Path
) -> None:
    from pipeline.classify.classifier import examples_from_gold

    plan = correct_through_api(review, record)
    apply_corrections(review, tmp_path)
    examples = examples_from_gold(CORPUS_RAW, tmp_path)
    assert len(examples) == len(record.items)
    assert examples[plan["item"][0]].category == plan["item"][1]


def test_only_corrected_documents_get_gold(review: Review, tmp_path: Path) -> None:
    report = apply_corrections(review, tmp_path / "none")  # nothing looked at: no gold
    assert report.written == () and not (tmp_path / "none").exists()

    review.mark_entity(OTHER_DOC, 0, "right")
    report = apply_corrections(review, tmp_path / "confirmed")
    assert [p.name for p in report.written] == [f"{Path(OTHER_DOC).stem}.json"]
    assert [c.action for c in report.changes] == ["confirmed"]

    report = apply_corrections(review, tmp_path / "named", docs=[DOC])
    assert [p.name for p in report.written] == [f"{Path(DOC).stem}.json"]
    assert report.not_applied == (OTHER_DOC,)


def test_unchanged_corrections_reproduce_the_prediction(
    records_dir: Path, record: DocumentRecord, tmp_path: Path
) -> None:
    review = load_review(records_dir)
    report = apply_corrections(review, tmp_path, docs=[DOC])
    gold = json.loads(report.written[0].read_text("utf-8"))
    assert report.changes == ()
    assert [(e["start"], e["end"], e["label"], e.get("value")) for e in gold["entities"]] == [
        (e.start, e.end, e.label, e.value) for e in record.entities
    ]
    scores = evaluate_dirs(tmp_path, records_dir)
    assert scores["entities"]["headline_micro"]["f1"] == 1.0
    assert scores["items"]["category_accuracy"] == 1.0


def test_added_removed_and_valued_entities(
    review: Review, record: DocumentRecord, tmp_path: Path
) -> None:
    text = review.text(DOC)
    venue = text.index("Meistersingerhalle")
    review.add_entity(DOC, venue, venue + len("Meistersingerhalle"), "LOC")
    state = next(i for i, e in enumerate(record.entities) if e.label == "BUNDESLAND")
    review.correct_entity(DOC, state, label="LOC")  # its value goes
    place = next(i for i, e in enumerate(record.entities) if e.text == "Nürnberg")
    review.correct_entity(DOC, place, label="BUNDESLAND", value="BY")
    review.mark_entity(DOC, 1 if place != 1 else 2, "wrong")
    gold = json.loads(apply_corrections(review, tmp_path).written[0].read_text("utf-8"))
    by_span = {(e["start"], e["end"]): e for e in gold["entities"]}
    assert by_span[(venue, venue + 18)] == {
        "start": venue,
        "end": venue + 18,
        "label": "LOC",
        "text": "Meistersingerhalle",
    }
    moved = record.entities[state]
    assert "value" not in by_span[(moved.start, moved.end)]
    nuremberg = record.entities[place]
    assert by_span[(nuremberg.start, nuremberg.end)]["value"] == "BY"
    assert len(gold["entities"]) == len(record.entities)  # one added, one removed


def test_values_are_derived_where_the_span_or_label_changed(
    records_dir: Path, record: DocumentRecord, tmp_path: Path
) -> None:
    date = next(i for i, e in enumerate(record.entities) if e.label == "DATE")
    state = next(i for i, e in enumerate(record.entities) if e.label == "BUNDESLAND")
    review = load_review(records_dir)
    for index in (date, state):  # replaced by the same span without a value: derived again
        entity = record.entities[index]
        review.mark_entity(DOC, index, "wrong")
        review.add_entity(DOC, entity.start, entity.end, entity.label)
    gold = json.loads(apply_corrections(review, tmp_path).written[0].read_text("utf-8"))
    values = {(e["start"], e["end"]): e.get("value") for e in gold["entities"]}
    for index in (date, state):
        entity = record.entities[index]
        assert values[(entity.start, entity.end)] == entity.value

    review = load_review(records_dir)
    entities = review.entities
    entities.loc[(entities["doc"] == DOC) & (entities["entity_index"] == date), "label"] = (
        "BUNDESLAND"  # the date's value stays behind, and no state code fits the text
    )
    with pytest.raises(CorrectionError, match="no BUNDESLAND value"):
        apply_corrections(review, tmp_path / "refused")

    review = load_review(records_dir)
    entity = record.entities[date]
    shorter = entity.start + entity.text.index(" ") + 1  # "15. Mai 2024" -> "Mai 2024"
    review.correct_entity(DOC, date, start=shorter)
    with pytest.raises(CorrectionError, match="no DATE value"):
        apply_corrections(review, tmp_path / "refused")
    review.correct_entity(DOC, date, value="2024-05")
    gold = json.loads(apply_corrections(review, tmp_path / "given").written[0].read_text("utf-8"))
    values = {(e["start"], e["end"]): e.get("value") for e in gold["entities"]}
    assert values[(shorter, entity.end)] == "2024-05"


def test_a_value_left_standing_is_kept_with_a_warning(
    review: Review, record: DocumentRecord, tmp_path: Path
) -> None:
    date = next(i for i, e in enumerate(record.entities) if e.label == "DATE")
    entity = record.entities[date]
    shorter = entity.start + entity.text.index(" ") + 1
    entities = review.entities
    row = row_of(entities, DOC, "entity_index", date)
    # As in a spreadsheet: new offsets and text, the value cell left as it was.
    entities.loc[row, ["start", "text"]] = [shorter, review.text(DOC)[shorter : entity.end]]
    report = apply_corrections(review, tmp_path)
    gold = json.loads(report.written[0].read_text("utf-8"))
    values = {(e["start"], e["end"]): e.get("value") for e in gold["entities"]}
    assert values[(shorter, entity.end)] == entity.value
    assert len(report.warnings) == 1 and "check it" in report.warnings[0]


def row_of(frame: pd.DataFrame, doc: str, column: str, index: int) -> Any:
    return frame.index[(frame["doc"] == doc) & (frame[column] == index)][0]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("offset_without_text", "does not match the source"),
        ("overlap", "entities overlap"),
        ("outside", "outside the text"),
        ("whitespace", "whitespace"),
        ("value_for_org", "only DATE and BUNDESLAND"),
        ("bad_date_value", "not ISO 8601"),
        ("bad_state_value", "ISO 3166-2"),
        ("new_without_label", "needs start, end and label"),
        ("item_overlap", "items overlap"),
    ],
)
def test_invalid_corrections_write_nothing(
    review: Review, record: DocumentRecord, tmp_path: Path, edit: str, message: str
) -> None:
    entities = review.entities
    first = row_of(entities, DOC, "entity_index", 0)
    org = next(i for i, e in enumerate(record.entities) if e.label == "ORG")
    date = next(i for i, e in enumerate(record.entities) if e.label == "DATE")
    state = next(i for i, e in enumerate(record.entities) if e.label == "BUNDESLAND")
    if edit == "offset_without_text":
        entities.loc[first, "start"] = record.entities[0].start - 1
    elif edit == "overlap":
        review.correct_entity(DOC, org, end=record.entities[org + 1].start + 1)
    elif edit == "outside":
        entities.loc[first, ["start", "end"]] = [len(review.text(DOC)) - 1, 10**6]
        entities.loc[first, "text"] = pd.NA
    elif edit == "whitespace":
        review.correct_entity(DOC, 0, start=record.entities[0].start - 1)
    elif edit == "value_for_org":
        entities.loc[row_of(entities, DOC, "entity_index", org), "value"] = "2024"
    elif edit == "bad_date_value":
        review.correct_entity(DOC, date, value="15.05.2024")
    elif edit == "bad_state_value":
        review.correct_entity(DOC, state, value="Bayern")
    elif edit == "new_without_label":
        review.add_entity(DOC, 43, 61, "LOC")
        entities = review.entities
        entities.loc[entities.index[-1], "label"] = pd.NA
    elif edit == "item_overlap":
        review.correct_item(DOC, 0, end=record.items[1].start + 1)
    with pytest.raises(CorrectionError, match=message) as raised:
        apply_corrections(review, tmp_path / "gold")
    assert len(raised.value.problems) >= 1
    assert not (tmp_path / "gold").exists()


def corrected_csvs(review: Review, record: DocumentRecord, directory: Path) -> list[Path]:
    """Export the review, then make the round trip's corrections in the CSV files."""
    entities_csv, items_csv = review.to_csv(directory)
    plan = planned_corrections(record)
    text = review.text(DOC)
    entities = pd.read_csv(
        entities_csv, dtype="string", keep_default_na=False, encoding="utf-8-sig"
    )
    doc_rows = entities["doc"] == DOC
    index, label = plan["relabelled"]
    entities.loc[doc_rows & (entities["entity_index"] == str(index)), "label"] = label
    index, start, end = plan["respanned"]
    where = doc_rows & (entities["entity_index"] == str(index))
    entities.loc[where, ["start", "end", "text"]] = [str(start), str(end), text[start:end]]
    entities.to_csv(entities_csv, index=False, encoding="utf-8-sig")
    items = pd.read_csv(items_csv, dtype="string", keep_default_na=False, encoding="utf-8-sig")
    index, category = plan["item"]
    items.loc[(items["doc"] == DOC) & (items["item_index"] == str(index)), "category"] = category
    items.to_csv(items_csv, index=False, encoding="utf-8-sig")
    return [entities_csv, items_csv]


def test_csv_round_trip_equals_the_api(
    review: Review, record: DocumentRecord, records_dir: Path, tmp_path: Path
) -> None:
    files = corrected_csvs(review, record, tmp_path / "csv")
    assert read_corrections(files[0])[0] == "entities"
    assert read_corrections(files[1])[0] == "items"
    through_csv = apply_corrections(files, tmp_path / "from-csv", records=records_dir)
    correct_through_api(review, record)
    through_api = apply_corrections(review, tmp_path / "from-api")
    assert [p.read_bytes() for p in through_csv.written] == [
        p.read_bytes() for p in through_api.written
    ]


def test_cli_corrections_export_and_apply(
    review: Review, record: DocumentRecord, records_dir: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    exported = runner.invoke(
        app, ["corrections", "export", str(records_dir), "--out", str(tmp_path / "csv")]
    )
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "csv" / "entities.csv").exists()
    files = corrected_csvs(review, record, tmp_path / "csv")
    gold_dir = tmp_path / "gold"
    applied = runner.invoke(
        app,
        [
            "corrections",
            "apply",
            *map(str, files),
            "--records",
            str(records_dir),
            "--out",
            str(gold_dir),
        ],
    )
    assert applied.exit_code == 0, applied.output
    assert "1 entity relabelled" in applied.output and "1 item recategorised" in applied.output
    scores = evaluate_dirs(gold_dir, records_dir)
    strict = [result["strict"] for result in scores["entities"]["labels"].values()]
    assert sum(s["tp"] for s in strict) == len(record.entities) - 2

    entities = pd.read_csv(files[0], dtype="string", keep_default_na=False, encoding="utf-8-sig")
    entities.loc[entities.index[0], "label"] = "PERSON"
    entities.loc[entities.index[1], "verdict"] = "maybe"
    entities.to_csv(files[0], index=False, encoding="utf-8-sig")
    shutil.rmtree(gold_dir)
    refused = runner.invoke(
        app,
        [
            "corrections",
            "apply",
            str(files[0]),
            "--records",
            str(records_dir),
            "--out",
            str(gold_dir),
        ],
    )
    assert refused.exit_code == 1
    assert "unknown label 'PERSON'" in refused.output and "verdict 'maybe'" in refused.output
    assert not gold_dir.exists()


def test_exported_mentions_table_works_as_corrections(
    records_dir: Path, record: DocumentRecord, tmp_path: Path
) -> None:
    from pipeline.export import export_tables

    export_tables(records_dir, tmp_path / "tables", "csv")
    mentions = pd.read_csv(
        tmp_path / "tables" / "mentions.csv", dtype="string", keep_default_na=False
    )
    ours = mentions["text_sha256"] == record.text_sha256
    mentions.loc[ours & (mentions["entity_index"] == "0"), "verdict"] = "wrong"
    report = apply_corrections(mentions, tmp_path / "gold", records=records_dir)
    assert [(c.doc, c.index, c.action) for c in report.changes] == [(DOC, 0, "removed")]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"doc": "nobody.txt", "text_sha256": ""}, "no record for document 'nobody.txt'"),
        ({"doc": OTHER_DOC}, "name different documents"),
        ({"text_sha256": "0" * 64}, "no record with text_sha256"),
        ({"entity_index": "9999"}, "has no entity with entity_index 9999"),
        ({"entity_index": "x"}, "not a whole number"),
        ({"label": "MISC"}, "unknown label 'MISC'"),
        ({"verdict": "ok"}, "verdict 'ok'"),
    ],
)
def test_bad_rows_in_a_csv(
    review: Review, records_dir: Path, tmp_path: Path, change: dict[str, str], message: str
) -> None:
    entities_csv, _ = review.to_csv(tmp_path)
    entities = pd.read_csv(
        entities_csv, dtype="string", keep_default_na=False, encoding="utf-8-sig"
    )
    for column, value in change.items():
        entities.loc[entities.index[0], column] = value
    entities.to_csv(entities_csv, index=False, encoding="utf-8-sig")
    with pytest.raises(CorrectionError, match=message) as raised:
        apply_corrections(entities_csv, tmp_path / "gold", records=records_dir)
    assert re.search(r"entities.csv row 2\b", raised.value.problems[0])  # spreadsheet line


def test_duplicate_rows_and_tables_without_kind(review: Review, records_dir: Path) -> None:
    twice = pd.concat([review.entities.iloc[:1], review.entities.iloc[:1]])
    twice["verdict"] = "wrong"
    with pytest.raises(CorrectionError, match="already corrected"):
        apply_corrections(twice, "unused", records=records_dir)
    with pytest.raises(CorrectionError, match="label column"):
        apply_corrections(pd.DataFrame({"doc": [DOC]}), "unused", records=records_dir)

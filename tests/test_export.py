"""Exporting records as one Parquet or CSV file per table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline import store
from pipeline.export import InvalidRecordsError, export_tables, record_frames
from pipeline.records import ENTITY_LABELS, ITEM_CATEGORIES, DocumentRecord
from tests.test_store import expected_counts, write_sample_records


@pytest.fixture(scope="session")
def sample_records(
    tmp_path_factory: pytest.TempPathFactory, rules_extractor: Any
) -> tuple[Path, list[DocumentRecord]]:
    directory = tmp_path_factory.mktemp("export-records")
    return directory, write_sample_records(directory, rules_extractor)


@pytest.fixture(scope="session")
def parquet_tables(
    tmp_path_factory: pytest.TempPathFactory, sample_records: tuple[Path, list[DocumentRecord]]
) -> dict[str, pd.DataFrame]:
    destination = tmp_path_factory.mktemp("parquet")
    paths = export_tables(sample_records[0], destination, "parquet")
    assert [path.name for path in paths] == [f"{name}.parquet" for name in store.DATA_TABLES]
    return {path.stem: pd.read_parquet(path) for path in paths}


def test_parquet_row_counts_equal_the_records(
    parquet_tables: dict[str, pd.DataFrame], sample_records: tuple[Path, list[DocumentRecord]]
) -> None:
    counts = {name: len(frame) for name, frame in parquet_tables.items()}
    assert counts == expected_counts(sample_records[1])
    assert all(counts.values())


def test_parquet_columns_are_the_database_columns_without_bookkeeping(
    parquet_tables: dict[str, pd.DataFrame],
) -> None:
    for name, table in store.DATA_TABLES.items():
        assert list(parquet_tables[name].columns) == [c.name for c in store.export_columns(table)]
    assert "loaded_at" not in parquet_tables["documents"]


def test_parquet_dtypes(parquet_tables: dict[str, pd.DataFrame]) -> None:
    mentions = parquet_tables["mentions"]
    assert isinstance(mentions["label"].dtype, pd.CategoricalDtype)
    assert list(mentions["label"].cat.categories) == list(ENTITY_LABELS)
    assert list(parquet_tables["items"]["category"].cat.categories) == list(ITEM_CATEGORIES)
    assert isinstance(parquet_tables["states"]["code"].dtype, pd.CategoricalDtype)
    assert mentions["entity_index"].dtype == "Int64"
    assert mentions["char_start"].dtype == "Int64"
    assert mentions["confidence"].dtype == "Float64"
    assert isinstance(mentions["text"].dtype, pd.StringDtype)
    assert mentions["value"].isna().any() and mentions["value"].notna().any()
    assert parquet_tables["documents"]["n_chars"].dtype == "Int64"
    dates = parquet_tables["dates"]
    assert pd.api.types.is_datetime64_dtype(dates["first_day"])
    assert dates.loc[dates["value_start"].str.startswith("XXXX"), "first_day"].isna().all()
    section_paths = parquet_tables["items"]["section_path"]
    assert all(isinstance(heading, str) for path in section_paths for heading in path)


def test_frames_hold_what_the_records_say(
    sample_records: tuple[Path, list[DocumentRecord]],
) -> None:
    records = sample_records[1]
    frames = record_frames(records)
    first = records[0]
    items = frames["items"][frames["items"]["text_sha256"] == first.text_sha256]
    assert list(items["text"]) == [item.text for item in first.items]
    assert [list(path) for path in items["section_path"]] == [i.section_path for i in first.items]
    people = frames["people"][frames["people"]["text_sha256"] == first.text_sha256]
    people = people.set_index("entry_id")
    person = first.people[0]
    assert people.loc[person.id, "name"] == person.name
    assert people.loc[person.id, "mention_count"] == len(person.mentions)


def test_csv_row_counts_and_list_columns(
    tmp_path: Path, sample_records: tuple[Path, list[DocumentRecord]]
) -> None:
    paths = export_tables(sample_records[0], tmp_path / "csv", "csv")

    tables = {path.stem: pd.read_csv(path, keep_default_na=False) for path in paths}
    assert {name: len(frame) for name, frame in tables.items()} == expected_counts(
        sample_records[1]
    )
    for name, table in store.DATA_TABLES.items():
        assert list(tables[name].columns) == [c.name for c in store.export_columns(table)]
    first_item = sample_records[1][0].items[0]
    assert json.loads(tables["items"]["section_path"].iloc[0]) == first_item.section_path
    dates = tables["dates"]
    known = dates[dates["first_day"] != ""]
    assert known["first_day"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_empty_tables_keep_their_columns_and_dtypes(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    paths = export_tables(tmp_path / "records", tmp_path / "out", "parquet")

    mentions = pd.read_parquet(next(path for path in paths if path.stem == "mentions"))
    assert len(mentions) == 0
    assert list(mentions.columns) == [c.name for c in store.export_columns(store.mentions)]
    assert isinstance(mentions["label"].dtype, pd.CategoricalDtype)
    assert mentions["char_start"].dtype == "Int64"
    assert list(record_frames([])["mentions"]["label"].cat.categories) == list(ENTITY_LABELS)


def test_invalid_records_stop_the_export_unless_skipped(
    tmp_path: Path, sample_records: tuple[Path, list[DocumentRecord]]
) -> None:
    records_dir = tmp_path / "records"
    records_dir.mkdir()
    for path in sample_records[0].glob("*.json"):
        (records_dir / path.name).write_bytes(path.read_bytes())
    (records_dir / "broken.json").write_text("{}", "utf-8")

    with pytest.raises(InvalidRecordsError, match=r"broken\.json: not a valid record"):
        export_tables(records_dir, tmp_path / "out", "csv")
    assert not (tmp_path / "out").exists()

    paths = export_tables(records_dir, tmp_path / "out", "csv", skip_invalid=True)
    assert len(pd.read_csv(paths[0])) == len(sample_records[1])


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        export_tables(tmp_path, tmp_path / "out", "xlsx")  # type: ignore[arg-type]

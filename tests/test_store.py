"""Loading records into SQLite and PostgreSQL: derived tables, idempotence, replacement in one
transaction, and failures that leave no partial document."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Table, delete, select, text

from pipeline import store
from pipeline.records import (
    DocumentRecord,
    Entity,
    Item,
    OrganisationEntry,
    PersonEntry,
    StateCount,
)
from pipeline.write import write_record
from tests.conftest import CORPUS_RAW
from tests.postgres import PostgresServer, postgres_server

# Small documents that between them fill every table: states (104, 109), none (101, 108),
# dates with an unknown year (108), affiliations (all).
SAMPLE_DOCS = (
    "101_ergebnisprotokoll_anerkennung_hildesheim.txt",
    "104_laenderaustausch_einwanderung.txt",
    "108_ag_ausbildung_migration_heilbronn.txt",
    "109_kurzprotokoll_mail_ludwigsburg.txt",
)

Snapshot = dict[str, list[tuple[Any, ...]]]


def write_sample_records(directory: Path, extractor: Any) -> list[DocumentRecord]:
    from pipeline.ingest import read_document

    records = []
    for name in SAMPLE_DOCS:
        record = extractor.record_for(read_document(CORPUS_RAW / name))
        write_record(record, directory / f"{Path(name).stem}.json")
        records.append(record)
    return records


def read_sample_records(directory: Path) -> dict[str, DocumentRecord]:
    return {
        path.name: DocumentRecord.model_validate_json(path.read_text("utf-8"))
        for path in sorted(directory.glob("*.json"))
    }


def expected_counts(records: list[DocumentRecord]) -> dict[str, int]:
    return {
        "documents": len(records),
        "mentions": sum(len(r.entities) for r in records),
        "items": sum(len(r.items) for r in records),
        "people": sum(len(r.people) for r in records),
        "organisations": sum(len(r.organisations) for r in records),
        "affiliations": sum(len(set(p.affiliations)) for r in records for p in r.people),
        "dates": sum(e.label == "DATE" for r in records for e in r.entities),
        "states": sum(len(r.bundeslaender) for r in records),
    }


def snapshot(url: str, document: str | None = None) -> Snapshot:
    """Every row of every data table (of one document), without the load time."""
    engine = store.create_store_engine(url, create=False)
    try:
        with engine.connect() as connection:
            return {
                name: _rows(connection, table, document)
                for name, table in store.DATA_TABLES.items()
            }
    finally:
        engine.dispose()


def _rows(connection: Connection, table: Table, document: str | None) -> list[tuple[Any, ...]]:
    query = select(*[column for column in table.columns if column.name != "loaded_at"])
    if document is not None:
        query = query.where(table.c.text_sha256 == document)
    return sorted((tuple(row) for row in connection.execute(query)), key=repr)


def fail_inserting(monkeypatch: pytest.MonkeyPatch, table_name: str, document: str) -> None:
    """Make the insert into `table_name` raise while `document` is being loaded."""
    real_insert_rows = store.insert_rows
    current: dict[str, str] = {}

    def insert_or_fail(connection: Connection, table: Table, rows: list[dict]) -> None:
        if table.name == "documents":
            current["document"] = rows[0]["text_sha256"]
        if table.name == table_name and current.get("document") == document:
            raise RuntimeError(f"killed while inserting {table_name}")
        real_insert_rows(connection, table, rows)

    monkeypatch.setattr(store, "insert_rows", insert_or_fail)


def without_first_date(record: DocumentRecord) -> DocumentRecord:
    index = next(i for i, e in enumerate(record.entities) if e.label == "DATE")
    return record.model_copy(
        update={"entities": record.entities[:index] + record.entities[index + 1 :]}
    )


# --- Fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_records_dir(tmp_path_factory: pytest.TempPathFactory, rules_extractor: Any) -> Path:
    directory = tmp_path_factory.mktemp("records")
    write_sample_records(directory, rules_extractor)
    return directory


@pytest.fixture
def records_dir(sample_records_dir: Path, tmp_path: Path) -> Path:
    """A copy of the sample records that a test may change."""
    return Path(shutil.copytree(sample_records_dir, tmp_path / "records"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    yield from postgres_server()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or a new database on the throwaway server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db' / 'minutes.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database()


# --- The tables --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "model", "left_out"),
    [
        (store.mentions, Entity, set()),
        (store.items, Item, set()),
        (store.people, PersonEntry, {"mentions", "affiliations"}),
        (store.organisations, OrganisationEntry, {"mentions"}),
        (store.states, StateCount, set()),
    ],
)
def test_tables_are_derived_from_the_models(table: Table, model: Any, left_out: set[str]) -> None:
    for name, field in model.model_fields.items():
        if name in left_out:
            assert store.column_name(name) not in table.c
            continue
        column = table.c[store.column_name(name)]
        assert column.comment == field.description
        assert column.info[store.FIELD_PATH] == (name,)


def test_document_columns_flatten_meeting_and_provenance() -> None:
    columns = store.documents.c
    assert columns.text_sha256.primary_key
    assert columns.meeting_date_mention_char_start.nullable
    assert list(columns.meeting_format.info[store.CATEGORIES]) == ["virtual", "in person", "hybrid"]
    assert not columns.provenance_backbone.nullable
    assert columns.provenance_ner_model.nullable
    assert "source_text" not in columns and "entities" not in columns


def test_every_table_cascades_from_documents() -> None:
    for table in store.DATA_TABLES.values():
        if table is store.documents:
            continue
        keys = [fk for fk in table.foreign_keys if fk.column.table is store.documents]
        assert keys and all(fk.ondelete == "CASCADE" for fk in keys), table.name


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2024-05-15", ("2024-05-15", "2024-05-15", date(2024, 5, 15), date(2024, 5, 15))),
        ("2024-02", ("2024-02", "2024-02", date(2024, 2, 1), date(2024, 2, 29))),
        ("2015/2018", ("2015", "2018", date(2015, 1, 1), date(2018, 12, 31))),
        (
            "2020-11-18/2020-11-19",
            ("2020-11-18", "2020-11-19", date(2020, 11, 18), date(2020, 11, 19)),
        ),
        ("XXXX-03-03/XXXX-03-04", ("XXXX-03-03", "XXXX-03-04", None, None)),
    ],
)
def test_date_values_split_into_start_and_end(value: str, bounds: tuple) -> None:
    assert store.date_bounds(value) == bounds


# --- Loading -----------------------------------------------------------------------------


def test_loading_twice_leaves_the_same_rows(records_dir: Path, database_url: str) -> None:
    records = list(read_sample_records(records_dir).values())

    first = store.load_records(records_dir, database_url)
    assert (first.inserted, first.replaced, first.unchanged, first.failures) == (4, 0, 0, ())
    rows_after_first = snapshot(database_url)
    assert store.table_counts(database_url) == expected_counts(records)
    assert all(store.table_counts(database_url).values())

    second = store.load_records(records_dir, database_url)
    assert (second.inserted, second.replaced, second.unchanged, second.failures) == (0, 0, 4, ())
    assert store.table_counts(database_url) == expected_counts(records)
    assert snapshot(database_url) == rows_after_first


def test_a_changed_record_replaces_its_rows(records_dir: Path, database_url: str) -> None:
    records = read_sample_records(records_dir)
    store.load_records(records_dir, database_url)
    before = store.table_counts(database_url)
    name = "104_laenderaustausch_einwanderung.json"
    others = {r.text_sha256: snapshot(database_url, r.text_sha256) for r in records.values()}

    changed = without_first_date(records[name])
    write_record(changed, records_dir / name)
    summary = store.load_records(records_dir, database_url)

    assert (summary.inserted, summary.replaced, summary.unchanged) == (0, 1, 3)
    after = store.table_counts(database_url)
    assert after == {**before, "mentions": before["mentions"] - 1, "dates": before["dates"] - 1}
    assert after == expected_counts(list({**records, name: changed}.values()))
    text_position = list(store.mentions.c.keys()).index("text")
    mention_rows = snapshot(database_url, changed.text_sha256)["mentions"]
    mention_texts = [row[text_position] for row in mention_rows]
    assert sorted(mention_texts) == sorted(e.text for e in changed.entities)
    for sha, rows in others.items():
        if sha != changed.text_sha256:
            assert snapshot(database_url, sha) == rows


def test_a_document_with_new_text_replaces_the_old_one(
    records_dir: Path, database_url: str
) -> None:
    records = read_sample_records(records_dir)
    store.load_records(records_dir, database_url)
    before = store.table_counts(database_url)
    name = "101_ergebnisprotokoll_anerkennung_hildesheim.json"
    old = records[name]
    new = old.model_copy(update={"text_sha256": "0" * 64, "entities": old.entities[1:]})
    write_record(new, records_dir / name)

    summary = store.load_records(records_dir, database_url)

    assert (summary.inserted, summary.replaced, summary.unchanged) == (0, 1, 3)
    assert store.table_counts(database_url)["documents"] == before["documents"]
    assert not any(snapshot(database_url, old.text_sha256).values())
    assert len(snapshot(database_url, new.text_sha256)["mentions"]) == len(new.entities)


def test_invalid_files_are_reported_and_the_rest_load(records_dir: Path, database_url: str) -> None:
    (records_dir / "broken.json").write_text("{not json", "utf-8")
    wrong = json.loads((records_dir / "108_ag_ausbildung_migration_heilbronn.json").read_text())
    wrong["doc"] = "other.txt"
    wrong["text_sha256"] = "f" * 64
    wrong["entities"][0]["label"] = "PERSON"
    (records_dir / "wrong_label.json").write_text(json.dumps(wrong), "utf-8")
    (records_dir / "_summary.json").write_text("[]", "utf-8")
    (records_dir / ".hidden.json").write_text("[]", "utf-8")

    summary = store.load_records(records_dir, database_url)

    assert summary.inserted == 4
    assert [failure.path.name for failure in summary.failures] == [
        "broken.json",
        "wrong_label.json",
    ]
    assert "Invalid JSON" in summary.failures[0].reason
    assert "entities.0.label" in summary.failures[1].reason
    assert store.table_counts(database_url)["documents"] == 4


def test_a_second_file_for_the_same_document_is_reported(
    records_dir: Path, database_url: str
) -> None:
    shutil.copy(
        records_dir / "101_ergebnisprotokoll_anerkennung_hildesheim.json", records_dir / "zz.json"
    )

    summary = store.load_records(records_dir, database_url)

    assert summary.inserted == 4
    assert [str(failure) for failure in summary.failures] == [
        f"{records_dir / 'zz.json'}: same doc '101_ergebnisprotokoll_anerkennung_hildesheim.txt'"
        " as 101_ergebnisprotokoll_anerkennung_hildesheim.json; only that one is loaded"
    ]


def test_a_dangling_affiliation_is_an_invalid_record(records_dir: Path, database_url: str) -> None:
    name = "109_kurzprotokoll_mail_ludwigsburg.json"
    record = read_sample_records(records_dir)[name]
    person = record.people[0].model_copy(update={"affiliations": ["org-99"]})
    write_record(
        record.model_copy(update={"people": [person, *record.people[1:]]}), records_dir / name
    )

    summary = store.load_records(records_dir, database_url)

    assert summary.inserted == 3
    assert [str(f) for f in summary.failures] == [
        f"{records_dir / name}: invalid record: {person.id} is affiliated to unknown org-99"
    ]


def test_a_load_killed_midway_keeps_the_old_rows(
    records_dir: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = read_sample_records(records_dir)
    store.load_records(records_dir, database_url)
    rows_before = snapshot(database_url)
    name = "104_laenderaustausch_einwanderung.json"
    write_record(without_first_date(records[name]), records_dir / name)
    fail_inserting(monkeypatch, "states", records[name].text_sha256)

    with pytest.raises(RuntimeError, match="killed while inserting states"):
        store.load_records(records_dir, database_url)

    assert snapshot(database_url) == rows_before
    monkeypatch.undo()
    summary = store.load_records(records_dir, database_url)
    assert (summary.replaced, summary.unchanged) == (1, 3)


def test_a_load_killed_midway_leaves_no_new_document(
    records_dir: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = read_sample_records(records_dir)
    killed = records["108_ag_ausbildung_migration_heilbronn.json"]
    fail_inserting(monkeypatch, "dates", killed.text_sha256)

    with pytest.raises(RuntimeError, match="killed while inserting dates"):
        store.load_records(records_dir, database_url)

    assert not any(snapshot(database_url, killed.text_sha256).values())
    loaded_before = [r for n, r in records.items() if n < "108"]
    assert store.table_counts(database_url) == expected_counts(loaded_before)


def test_deleting_a_document_deletes_all_its_rows(records_dir: Path, database_url: str) -> None:
    records = list(read_sample_records(records_dir).values())
    store.load_records(records_dir, database_url)
    engine = store.create_store_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                delete(store.documents).where(
                    store.documents.c.text_sha256 == records[1].text_sha256
                )
            )
    finally:
        engine.dispose()
    assert store.table_counts(database_url) == expected_counts(records[:1] + records[2:])


# --- Database set-up ---------------------------------------------------------------------


def test_default_url_is_outputs_minutes_db(
    records_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    summary = store.load_records(records_dir)
    assert summary.url == "sqlite:///outputs/minutes.db"
    assert (tmp_path / "outputs" / "minutes.db").is_file()
    assert store.table_counts()["documents"] == 4


def test_a_database_of_another_layout_is_refused(records_dir: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = store.create_store_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE mentions (text_sha256 TEXT, start INTEGER)"))
    engine.dispose()
    with pytest.raises(store.StoreSchemaError, match="another layout"):
        store.load_records(records_dir, url)


def test_counting_a_missing_sqlite_database_does_not_create_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        store.table_counts(f"sqlite:///{tmp_path / 'missing.db'}")
    assert not (tmp_path / "missing.db").exists()


def test_missing_records_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such directory"):
        store.load_records(tmp_path / "missing", f"sqlite:///{tmp_path / 'm.db'}")


def test_plain_postgresql_urls_use_psycopg() -> None:
    url = store.database_url("postgresql://analyst:secret@db.example/minutes")
    assert url.drivername == "postgresql+psycopg"
    assert "secret" not in url.render_as_string(hide_password=True)

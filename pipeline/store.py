"""Records in a relational database (SQLite or PostgreSQL), one transaction per document.

The tables are derived from the pydantic models in `pipeline.records`: `model_columns` walks a
model's fields and turns each into a column (str -> TEXT, Literal -> VARCHAR, int -> INTEGER,
float -> FLOAT, list[str] -> JSON, `X | None` -> nullable, a nested model -> its fields with
the field name as prefix). Only the keys, the link tables and a few counts are written by hand.

Column names are the field names, except where a field name is an SQL keyword or says too
little once it stands in a table of its own (`COLUMN_NAMES`): `start`/`end` become
`char_start`/`char_end`, and an entry's `id` and the `group` an entity points to both become
`entry_id`, so that `mentions` joins `people` and `organisations` on
(`text_sha256`, `entry_id`).

Tables (`DATA_TABLES`, in the order rows are inserted):

    documents      one row per record, keyed by text_sha256; meeting_* and provenance_* fields
    mentions       the record's entities, keyed by (text_sha256, entity_index)
    items          the record's items, keyed by (text_sha256, item_index)
    people         person entries, keyed by person_key = "<text_sha256>:<entry_id>"
    organisations  organisation entries, keyed by organisation_key likewise
    affiliations   person_key -> organisation_key
    dates          DATE mentions with their value split into value_start/value_end and
                   first_day/last_day (NULL where the year is unknown)
    states         (text_sha256, code, count): the record's bundeslaender

Every table refers to `documents` with ON DELETE CASCADE, so deleting a document row removes
all of its rows. Loading is idempotent: a document whose record is unchanged is left alone; a
changed one (same `doc` name or same text) has its old rows deleted and the new ones inserted
in one transaction, so a failure midway leaves the old rows, or for a new document no rows.
"""

from __future__ import annotations

import calendar
import hashlib
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlalchemy.types import TypeEngine

from pipeline.records import (
    DocumentRecord,
    Entity,
    Item,
    OrganisationEntry,
    PersonEntry,
    StateCount,
)

DEFAULT_URL = "sqlite:///outputs/minutes.db"

# Field name -> column name, where the field name is an SQL keyword or ambiguous in a table.
COLUMN_NAMES: Mapping[str, str] = {
    "start": "char_start",
    "end": "char_end",
    "group": "entry_id",
    "id": "entry_id",
}

# Keys of Column.info
FIELD_PATH = "field_path"  # attribute path from the row's model object to the value
CATEGORIES = "categories"  # the Literal's values: a fixed set of categories
CATEGORICAL = "categorical"  # few distinct values: a category column in exports
LOAD_ONLY = "load_only"  # bookkeeping of the loader: in the database, not in exports

# The record's lists that become tables of their own (or are not loaded: headings, merge_log).
_RECORD_LISTS = frozenset(
    {"entities", "items", "headings", "people", "organisations", "bundeslaender", "merge_log"}
)


class RecordError(ValueError):
    """A record that validates but cannot be stored (for example a dangling reference)."""


class StoreSchemaError(RuntimeError):
    """The database holds tables of another layout than the current models give."""


# --- Columns from models ------------------------------------------------------------------


def column_name(field_name: str, prefix: str = "") -> str:
    return prefix + COLUMN_NAMES.get(field_name, field_name)


def model_columns(
    model: type[BaseModel],
    *,
    exclude: Iterable[str] = (),
    primary_key: Iterable[str] = (),
    categorical: Iterable[str] = (),
    prefix: str = "",
    path: tuple[str, ...] = (),
    nullable: bool = False,
) -> list[Column[Any]]:
    """One column per field of `model` (nested models flattened), in field order.

    `exclude`, `primary_key` and `categorical` name fields of `model` itself. Raises TypeError
    for a field type with no column mapping, so a new kind of field cannot be dropped silently.
    """
    exclude, primary_key, categorical = set(exclude), set(primary_key), set(categorical)
    unknown = (exclude | primary_key | categorical) - set(model.model_fields)
    if unknown:
        raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
    columns: list[Column[Any]] = []
    for name, info in model.model_fields.items():
        if name in exclude:
            continue
        annotation, optional = _strip_optional(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            columns += model_columns(
                annotation,
                prefix=column_name(name, prefix) + "_",
                path=(*path, name),
                nullable=nullable or optional,
            )
            continue
        sql_type, categories = _column_type(model, name, annotation)
        column_info: dict[str, Any] = {FIELD_PATH: (*path, name)}
        if categories is not None:
            column_info[CATEGORIES] = categories
        if name in categorical:
            column_info[CATEGORICAL] = True
        columns.append(
            Column(
                column_name(name, prefix),
                sql_type,
                primary_key=name in primary_key,
                nullable=nullable or optional,
                comment=info.description,
                info=column_info,
            )
        )
    return columns


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        members = [member for member in get_args(annotation) if member is not type(None)]
        if len(members) == 1:
            return members[0], len(members) < len(get_args(annotation))
    return annotation, False


def _column_type(
    model: type[BaseModel], name: str, annotation: Any
) -> tuple[TypeEngine[Any], tuple[str, ...] | None]:
    origin = get_origin(annotation)
    if origin is Literal:
        values = get_args(annotation)
        if all(isinstance(value, str) for value in values):
            return String(max(len(value) for value in values)), tuple(values)
    elif origin is list and get_args(annotation) == (str,):
        return JSON().with_variant(postgresql.JSONB(), "postgresql"), None
    elif annotation is bool:
        return Boolean(), None
    elif annotation is str:
        return Text(), None
    elif annotation is int:
        return Integer(), None
    elif annotation is float:
        return Float(), None
    raise TypeError(f"{model.__name__}.{name}: no column type for {annotation!r}")


def _document_key(*, primary_key: bool = False) -> Column[Any]:
    return Column(
        "text_sha256",
        Text(),
        ForeignKey("documents.text_sha256", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
        comment="The document: documents.text_sha256.",
    )


# --- Tables -------------------------------------------------------------------------------

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    *model_columns(
        DocumentRecord, exclude=_RECORD_LISTS | {"source_text"}, primary_key=["text_sha256"]
    ),
    Column(
        "record_sha256",
        String(64),
        nullable=False,
        comment="SHA-256 of the record as loaded; a changed record replaces the rows.",
        info={LOAD_ONLY: True},
    ),
    Column("loaded_at", DateTime(timezone=True), nullable=False, info={LOAD_ONLY: True}),
    UniqueConstraint("doc", name="uq_documents_doc"),
    Index("ix_documents_meeting_date", "meeting_date"),
)

mentions = Table(
    "mentions",
    metadata,
    _document_key(primary_key=True),
    Column(
        "entity_index",
        Integer(),
        primary_key=True,
        comment="Position in the record's entities list (0-based).",
    ),
    *model_columns(Entity),
    Index("ix_mentions_label", "label"),
    Index("ix_mentions_value", "value"),
)

items = Table(
    "items",
    metadata,
    _document_key(primary_key=True),
    Column(
        "item_index",
        Integer(),
        primary_key=True,
        comment="Position in the record's items list (0-based).",
    ),
    *model_columns(Item),
    Index("ix_items_category", "category"),
)

people = Table(
    "people",
    metadata,
    Column("person_key", Text(), primary_key=True, comment="'<text_sha256>:<entry_id>'."),
    _document_key(),
    *model_columns(PersonEntry, exclude=["mentions", "affiliations"]),
    Column("mention_count", Integer(), nullable=False, comment="Number of mentions."),
    UniqueConstraint("text_sha256", "entry_id", name="uq_people_entry"),
    Index("ix_people_name", "name"),
)

organisations = Table(
    "organisations",
    metadata,
    Column("organisation_key", Text(), primary_key=True, comment="'<text_sha256>:<entry_id>'."),
    _document_key(),
    *model_columns(OrganisationEntry, exclude=["mentions"]),
    Column("mention_count", Integer(), nullable=False, comment="Number of mentions."),
    UniqueConstraint("text_sha256", "entry_id", name="uq_organisations_entry"),
    Index("ix_organisations_name", "name"),
    Index("ix_organisations_acronym", "acronym"),
)

affiliations = Table(
    "affiliations",
    metadata,
    Column(
        "person_key",
        Text(),
        ForeignKey("people.person_key", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "organisation_key",
        Text(),
        ForeignKey("organisations.organisation_key", ondelete="CASCADE"),
        primary_key=True,
    ),
    _document_key(),
    Index("ix_affiliations_organisation", "organisation_key"),
    Index("ix_affiliations_document", "text_sha256"),
)

dates = Table(
    "dates",
    metadata,
    _document_key(primary_key=True),
    Column("entity_index", Integer(), primary_key=True, comment="The mention: mentions row."),
    *model_columns(Entity, exclude=["label", "source", "confidence", "group"]),
    Column("value_start", Text(), nullable=False, comment="ISO 8601 start (value if no range)."),
    Column("value_end", Text(), nullable=False, comment="ISO 8601 end (value if no range)."),
    Column("first_day", Date(), comment="First day the value covers; NULL if year unknown."),
    Column("last_day", Date(), comment="Last day the value covers; NULL if year unknown."),
    ForeignKeyConstraint(
        ["text_sha256", "entity_index"],
        ["mentions.text_sha256", "mentions.entity_index"],
        ondelete="CASCADE",
    ),
    Index("ix_dates_value_start", "value_start"),
    Index("ix_dates_days", "first_day", "last_day"),
)

states = Table(
    "states",
    metadata,
    _document_key(primary_key=True),
    *model_columns(StateCount, primary_key=["code"], categorical=["code"]),
    Index("ix_states_code", "code"),
)

DATA_TABLES: Mapping[str, Table] = {
    table.name: table
    for table in (documents, mentions, items, people, organisations, affiliations, dates, states)
}

schema_info = Table(
    "store_schema",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text(), nullable=False),
)


def _schema_fingerprint() -> str:
    dialect = sqlite.dialect()
    statements = []
    for table in metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)))
        statements += sorted(
            str(CreateIndex(index).compile(dialect=dialect)) for index in table.indexes
        )
    return hashlib.sha256("\n".join(statements).encode()).hexdigest()


SCHEMA_FINGERPRINT = _schema_fingerprint()


# --- Rows from a record -------------------------------------------------------------------

Row = dict[str, Any]


def field_values(table: Table, source: BaseModel) -> Row:
    """The values of `table`'s model-derived columns, read from `source`."""
    row: Row = {}
    for column in table.columns:
        path = column.info.get(FIELD_PATH)
        if path is None:
            continue
        value: Any = source
        for attribute in path:
            value = None if value is None else getattr(value, attribute)
        row[column.name] = list(value) if isinstance(value, list) else value
    return row


def date_bounds(value: str) -> tuple[str, str, date | None, date | None]:
    """(value_start, value_end, first_day, last_day) of an ISO 8601 date or range value."""
    value_start, _, value_end = value.partition("/")
    value_end = value_end or value_start
    return value_start, value_end, _first_day(value_start), _last_day(value_end)


def _date_parts(value: str) -> list[int] | None:
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        return None  # unknown year (XXXX) or a form this does not know
    return [int(part) for part in parts]


def _first_day(value: str) -> date | None:
    parts = _date_parts(value)
    try:
        return None if parts is None else date(*parts, *[1] * (3 - len(parts)))
    except ValueError:
        return None


def _last_day(value: str) -> date | None:
    parts = _date_parts(value)
    if parts is None:
        return None
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    try:
        day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except ValueError:
        return None


def check_references(record: DocumentRecord) -> None:
    """Raise RecordError for what the tables' keys would reject."""
    for kind, entries in (("person", record.people), ("organisation", record.organisations)):
        ids = [entry.id for entry in entries]
        repeated = sorted({entry_id for entry_id in ids if ids.count(entry_id) > 1})
        if repeated:
            raise RecordError(f"{kind} ids used twice: {', '.join(repeated)}")
    organisation_ids = {entry.id for entry in record.organisations}
    for person in record.people:
        missing = [org_id for org_id in person.affiliations if org_id not in organisation_ids]
        if missing:
            raise RecordError(f"{person.id} is affiliated to unknown {', '.join(missing)}")
    codes = [state.code for state in record.bundeslaender]
    if len(set(codes)) != len(codes):
        raise RecordError("a Bundesland code is counted twice in bundeslaender")


def record_rows(record: DocumentRecord) -> dict[str, list[Row]]:
    """The rows of every data table for one record (without the loader's bookkeeping)."""
    check_references(record)
    sha = record.text_sha256
    document_key = {"text_sha256": sha}
    rows: dict[str, list[Row]] = {"documents": [field_values(documents, record)]}
    rows["mentions"] = [
        {**document_key, "entity_index": index, **field_values(mentions, entity)}
        for index, entity in enumerate(record.entities)
    ]
    rows["items"] = [
        {**document_key, "item_index": index, **field_values(items, item)}
        for index, item in enumerate(record.items)
    ]
    rows["people"] = [
        {
            "person_key": f"{sha}:{person.id}",
            **document_key,
            **field_values(people, person),
            "mention_count": len(person.mentions),
        }
        for person in record.people
    ]
    rows["organisations"] = [
        {
            "organisation_key": f"{sha}:{organisation.id}",
            **document_key,
            **field_values(organisations, organisation),
            "mention_count": len(organisation.mentions),
        }
        for organisation in record.organisations
    ]
    rows["affiliations"] = [
        {"person_key": f"{sha}:{person.id}", "organisation_key": f"{sha}:{org_id}", **document_key}
        for person in record.people
        for org_id in dict.fromkeys(person.affiliations)
    ]
    rows["dates"] = [
        {
            **document_key,
            "entity_index": index,
            **field_values(dates, entity),
            **dict(
                zip(
                    ("value_start", "value_end", "first_day", "last_day"),
                    date_bounds(entity.value or ""),
                    strict=True,
                )
            ),
        }
        for index, entity in enumerate(record.entities)
        if entity.label == "DATE"
    ]
    rows["states"] = [
        {**document_key, **field_values(states, state)} for state in record.bundeslaender
    ]
    return rows


def record_sha256(record: DocumentRecord) -> str:
    return hashlib.sha256(record.model_dump_json().encode("utf-8")).hexdigest()


# --- Reading record files -----------------------------------------------------------------


@dataclass(frozen=True)
class RecordFile:
    path: Path
    record: DocumentRecord


@dataclass(frozen=True)
class LoadFailure:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class RecordBatch:
    records: list[RecordFile] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)


def record_paths(output_dir: Path) -> list[Path]:
    """The record files in `output_dir`: *.json, not starting with '_' or '.'."""
    if not output_dir.is_dir():
        raise FileNotFoundError(f"{output_dir}: no such directory")
    return sorted(
        path
        for path in output_dir.glob("*.json")
        if path.is_file() and not path.name.startswith(("_", "."))
    )


def read_records(output_dir: Path) -> RecordBatch:
    """Validate every record file; the ones that fail, or repeat a document, with the reason.

    Two files for the same document (same `doc` name or same text) cannot both be stored:
    the first in name order is kept, the others are failures.
    """
    batch = RecordBatch()
    seen: dict[str, Path] = {}
    for path in record_paths(output_dir):
        try:
            record = DocumentRecord.model_validate_json(path.read_bytes())
            check_references(record)
        except OSError as err:
            batch.failures.append(LoadFailure(path, f"cannot read: {err.strerror or err}"))
            continue
        except ValidationError as err:
            batch.failures.append(LoadFailure(path, describe_validation_error(err)))
            continue
        except RecordError as err:
            batch.failures.append(LoadFailure(path, f"invalid record: {err}"))
            continue
        keys = (f"doc {record.doc!r}", f"text_sha256 {record.text_sha256}")
        repeated = [key for key in keys if key in seen]
        if repeated:
            reason = f"same {repeated[0]} as {seen[repeated[0]].name}; only that one is loaded"
            batch.failures.append(LoadFailure(path, reason))
            continue
        seen.update(dict.fromkeys(keys, path))
        batch.records.append(RecordFile(path, record))
    return batch


def describe_validation_error(error: ValidationError, shown: int = 3) -> str:
    problems = [
        f"{'.'.join(str(part) for part in problem['loc']) or 'record'}: {problem['msg']}"
        for problem in error.errors(include_url=False)
    ]
    more = f" (and {len(problems) - shown} more)" if len(problems) > shown else ""
    return f"not a valid record: {'; '.join(problems[:shown])}{more}"


# --- Engine and schema --------------------------------------------------------------------


def database_url(url: str) -> URL:
    """The URL with the psycopg driver for plain postgresql:// URLs."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if url.database.startswith("file:"):
        return None
    return Path(url.database)


def create_store_engine(url: str = DEFAULT_URL, *, create: bool = True) -> Engine:
    """An engine for `url`; for a SQLite file, its directory is made (if `create`) and
    foreign keys are switched on, so that deletes cascade as on PostgreSQL."""
    parsed = database_url(url)
    sqlite_path = _sqlite_path(parsed)
    if sqlite_path is not None:
        if create:
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        elif not sqlite_path.exists():
            raise FileNotFoundError(f"{sqlite_path}: no such database")
    engine = create_engine(parsed)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def ensure_schema(engine: Engine) -> None:
    """Create the tables, or check that the existing ones have the current layout."""
    existing = set(inspect(engine).get_table_names())
    if existing & set(metadata.tables):
        stored = None
        if schema_info.name in existing:
            with engine.connect() as connection:
                stored = stored_fingerprint(connection)
        if stored != SCHEMA_FINGERPRINT:
            url = engine.url.render_as_string(hide_password=True)
            raise StoreSchemaError(
                f"{url} holds tables of another layout (made by another version of the "
                "record models); load into a new database, or drop its tables first"
            )
    metadata.create_all(engine)
    with engine.begin() as connection:
        if stored_fingerprint(connection) is None:
            connection.execute(
                insert(schema_info).values(name="fingerprint", value=SCHEMA_FINGERPRINT)
            )


def stored_fingerprint(connection: Connection) -> str | None:
    return connection.execute(
        select(schema_info.c.value).where(schema_info.c.name == "fingerprint")
    ).scalar_one_or_none()


# --- Loading ------------------------------------------------------------------------------

LoadOutcome = Literal["inserted", "replaced", "unchanged"]


@dataclass(frozen=True)
class LoadSummary:
    url: str  # password hidden
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0
    failures: tuple[LoadFailure, ...] = ()

    @property
    def loaded(self) -> int:
        """Documents written by this load (new or replaced)."""
        return self.inserted + self.replaced

    @property
    def failed(self) -> int:
        return len(self.failures)


def load_records(output_dir: Path, url: str = DEFAULT_URL) -> LoadSummary:
    """Load every record in `output_dir` into the database at `url`, one transaction each.

    Invalid record files are skipped and listed in the summary's failures (file and reason).
    Raises FileNotFoundError for a missing directory and StoreSchemaError for a database
    built for other models; other database errors propagate (the documents loaded before
    stay, the one in progress is rolled back).
    """
    batch = read_records(output_dir)
    engine = create_store_engine(url)
    outcomes: dict[LoadOutcome, int] = {"inserted": 0, "replaced": 0, "unchanged": 0}
    failures = list(batch.failures)
    try:
        ensure_schema(engine)
        for record_file in batch.records:
            try:
                outcome = load_document(engine, record_file.record)
            except (IntegrityError, DataError) as err:
                reason = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
                failures.append(LoadFailure(record_file.path, f"database refused it: {reason}"))
                continue
            outcomes[outcome] += 1
    finally:
        engine.dispose()
    return LoadSummary(
        url=engine.url.render_as_string(hide_password=True),
        failures=tuple(sorted(failures, key=lambda failure: failure.path)),
        **outcomes,
    )


def load_document(engine: Engine, record: DocumentRecord) -> LoadOutcome:
    """Insert `record`, or replace the rows of the same document, in one transaction."""
    fingerprint = record_sha256(record)
    rows = record_rows(record)
    rows["documents"][0].update(record_sha256=fingerprint, loaded_at=datetime.now(UTC))
    with engine.begin() as connection:
        existing = connection.execute(
            select(documents.c.text_sha256, documents.c.doc, documents.c.record_sha256).where(
                or_(documents.c.text_sha256 == record.text_sha256, documents.c.doc == record.doc)
            )
        ).all()
        if [tuple(row) for row in existing] == [(record.text_sha256, record.doc, fingerprint)]:
            return "unchanged"
        if existing:
            old_keys = [row.text_sha256 for row in existing]
            connection.execute(delete(documents).where(documents.c.text_sha256.in_(old_keys)))
        for name, table in DATA_TABLES.items():
            insert_rows(connection, table, rows[name])
    return "replaced" if existing else "inserted"


def insert_rows(connection: Connection, table: Table, rows: list[Row]) -> None:
    if rows:
        connection.execute(insert(table), rows)


def table_counts(url: str = DEFAULT_URL) -> dict[str, int]:
    """Rows per data table (0 for a table not created yet)."""
    engine = create_store_engine(url, create=False)
    try:
        present = set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            return {
                name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                if name in present
                else 0
                for name, table in DATA_TABLES.items()
            }
    finally:
        engine.dispose()


def export_columns(table: Table) -> list[Column[Any]]:
    """The columns of `table` that come from records (not the loader's bookkeeping)."""
    return [column for column in table.columns if not column.info.get(LOAD_ONLY)]

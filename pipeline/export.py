"""Tables for analysts: the records as one Parquet or CSV file per table.

The tables, their columns and their rows are the database's (`pipeline.store`), derived from
the same pydantic models, without the loader's bookkeeping columns. Column dtypes follow the
column types: Literal fields are categoricals with the model's values as categories, ints
Int64, floats Float64, text string, days datetime64[ms]; list fields stay lists (Parquet
list<string>) and are written as JSON arrays in CSV.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from sqlalchemy import JSON, Column, Date, DateTime, Float, Integer, String, Table, Text

from pipeline.records import DocumentRecord
from pipeline.store import (
    CATEGORICAL,
    CATEGORIES,
    DATA_TABLES,
    LoadFailure,
    export_columns,
    read_records,
    record_rows,
)

ExportFormat = Literal["parquet", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv")


class InvalidRecordsError(ValueError):
    """Record files that do not validate; nothing was exported."""

    def __init__(self, failures: list[LoadFailure]) -> None:
        self.failures = failures
        lines = "\n".join(f"  {failure}" for failure in failures)
        super().__init__(f"{len(failures)} invalid record file(s), nothing exported:\n{lines}")


def column_dtype(column: Column[Any]) -> Any:
    """The pandas dtype for a column of the store's tables."""
    if CATEGORIES in column.info:
        return pd.CategoricalDtype(list(column.info[CATEGORIES]))
    if column.info.get(CATEGORICAL):
        return "category"
    column_type = column.type
    if isinstance(column_type, JSON):
        return object
    if isinstance(column_type, Integer):
        return "Int64"
    if isinstance(column_type, Float):
        return "Float64"
    if isinstance(column_type, Date):
        return "datetime64[ms]"
    if isinstance(column_type, DateTime):
        return "datetime64[us, UTC]"
    if isinstance(column_type, String | Text):
        return "string"
    raise TypeError(f"{column.table.name}.{column.name}: no dtype for {column_type!r}")


def table_frame(table: Table, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows as a DataFrame with the table's export columns, in order, and their dtypes."""
    columns = export_columns(table)
    frame = pd.DataFrame.from_records(rows, columns=[column.name for column in columns])
    for column in columns:
        dtype = column_dtype(column)
        if dtype is object:
            frame[column.name] = frame[column.name].astype(object)
        elif isinstance(dtype, str) and dtype.startswith("datetime64"):
            frame[column.name] = pd.to_datetime(frame[column.name]).astype(dtype)
        else:
            frame[column.name] = frame[column.name].astype(dtype)
    return frame


def record_frames(records: Iterable[DocumentRecord]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table (`DATA_TABLES` order) holding the rows of all `records`."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in DATA_TABLES}
    for record in records:
        for name, table_rows in record_rows(record).items():
            rows[name] += table_rows
    return {name: table_frame(table, rows[name]) for name, table in DATA_TABLES.items()}


def export_tables(
    output_dir: Path, dest: Path, fmt: ExportFormat = "parquet", *, skip_invalid: bool = False
) -> list[Path]:
    """Write DEST/<table>.<fmt> for every table from the records in `output_dir`.

    Returns the files written, in `DATA_TABLES` order. Record files that do not validate (or
    repeat a document) raise InvalidRecordsError, listing each file and reason, before
    anything is written; with `skip_invalid` they are left out instead. Each file is
    replaced atomically.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    batch = read_records(output_dir)
    if batch.failures and not skip_invalid:
        raise InvalidRecordsError(batch.failures)
    frames = record_frames(record_file.record for record_file in batch.records)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        path = dest / f"{name}.{fmt}"
        _write_atomically(frame, DATA_TABLES[name], path, fmt)
        written.append(path)
    return written


def _write_atomically(frame: pd.DataFrame, table: Table, path: Path, fmt: ExportFormat) -> None:
    fd, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temporary = Path(temporary_name)
    try:
        if fmt == "parquet":
            _write_parquet(frame, table, temporary)
        else:
            _write_csv(frame, table, temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _list_columns(table: Table) -> list[str]:
    return [column.name for column in export_columns(table) if isinstance(column.type, JSON)]


def _write_parquet(frame: pd.DataFrame, table: Table, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_table = pa.Table.from_pandas(frame, preserve_index=False)
    for name in _list_columns(table):
        # All-empty lists would otherwise be typed list<null>.
        position = arrow_table.schema.get_field_index(name)
        arrow_table = arrow_table.set_column(
            position, name, arrow_table.column(name).cast(pa.list_(pa.string()))
        )
    pq.write_table(arrow_table, path)


def _write_csv(frame: pd.DataFrame, table: Table, path: Path) -> None:
    frame = frame.copy()
    for name in _list_columns(table):
        frame[name] = [json.dumps(value, ensure_ascii=False) for value in frame[name]]
    frame.to_csv(path, index=False, encoding="utf-8", date_format="%Y-%m-%d")

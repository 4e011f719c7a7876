"""Writing records: atomically, so that no half-written JSON is ever left behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.records import DocumentRecord


def write_record(record: DocumentRecord, path: Path) -> None:
    write_text_atomic(path, record.model_dump_json(indent=2, exclude_none=True) + "\n")


def write_text_atomic(path: Path, payload: str) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def record_name(path: Path) -> str:
    """The record's file name for an input: <stem>.json, refused where it would not be a
    plain name inside the output directory (a separator or '..' could lead out of it)."""
    name = f"{path.stem}.json"
    if (
        path.stem in ("", ".", "..")
        or any(sep in path.stem for sep in ("/", "\\", "\x00"))
        or Path(name).name != name
    ):
        raise ValueError(f"output name {name!r} is not a plain file name in the output directory")
    return name

"""Writing records: atomically, so that no half-written JSON is ever left behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.records import DocumentRecord


def write_record(record: DocumentRecord, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = record.model_dump_json(indent=2, exclude_none=True) + "\n"
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

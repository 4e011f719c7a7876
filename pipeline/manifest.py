"""The run manifest, OUT/_manifest.jsonl: one JSON line per input, saying what became of it.

Lines are only ever appended: a later run into the same directory adds its own lines
(each with its time), so the file is the history of every input, and a run that is
killed leaves every line it wrote whole. Each line is one write(2) on a file opened for
appending (so lines from concurrent writers never interleave) and is synced to disk
before the call returns.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pipeline.records import Provenance

MANIFEST_NAME = "_manifest.jsonl"

Status = Literal["ok", "failed"]


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # absolute, links not resolved
    sha256: str | None  # of the input's bytes; None where they could not be read
    status: Status
    error: str | None  # the one-line reason, for status "failed"
    record: str | None  # the record's file name, for status "ok"
    pipeline_version: str
    backbone: str
    ner_model: str | None
    item_classifier: str
    time: str  # ISO 8601, UTC


class Manifest:
    """Appends entries for one run; the provenance fields come from the extractor."""

    def __init__(self, path: Path, provenance: Provenance) -> None:
        self.path = path
        self.provenance = provenance

    def ok(self, input_path: Path, sha256: str, record: Path) -> ManifestEntry:
        return self.append(input_path, sha256, "ok", None, record.name)

    def failed(self, input_path: Path, sha256: str | None, error: str) -> ManifestEntry:
        return self.append(input_path, sha256, "failed", error, None)

    def append(
        self,
        input_path: Path,
        sha256: str | None,
        status: Status,
        error: str | None,
        record: str | None,
    ) -> ManifestEntry:
        entry = ManifestEntry(
            path=os.path.abspath(input_path),  # the same input from any working directory
            sha256=sha256,
            status=status,
            error=error,
            record=record,
            pipeline_version=self.provenance.pipeline_version,
            backbone=self.provenance.backbone,
            ner_model=self.provenance.ner_model,
            item_classifier=self.provenance.item_classifier,
            time=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        append_line(self.path, json.dumps(asdict(entry), ensure_ascii=False))
        return entry


def append_line(path: Path, line: str) -> None:
    """Append one line in a single write, and sync it to disk."""
    payload = (line.rstrip("\n") + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = os.write(fd, payload)
        while written < len(payload):  # a short write (signal, full pipe): finish it
            written += os.write(fd, payload[written:])
        os.fsync(fd)
    finally:
        os.close(fd)


def read_manifest(path: Path) -> list[ManifestEntry]:
    """All entries, oldest first; a line cut short by a crash is skipped."""
    entries = []
    if not path.exists():
        return entries
    for line in path.read_text("utf-8").splitlines():
        try:
            entries.append(ManifestEntry(**json.loads(line)))
        except (json.JSONDecodeError, TypeError):
            continue
    return entries

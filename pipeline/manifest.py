"""The run manifest, ``OUT/_manifest.jsonl``: one JSON line per input, its latest outcome.

Each line holds the input's absolute path, the sha256 of its bytes, its status (ok/failed),
the error, the record's file name, the pipeline version, backbone, NER model and item
classifier that made the record, the seconds it took and when it finished. A batch
appends lines as documents finish (a killed run loses at most the line being written),
and rewrites the file sorted, one line per input, when it ends. A re-run reads it to skip
inputs that are up to date (see `pipeline.batch`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.write import write_text_atomic

MANIFEST_NAME = "_manifest.jsonl"


class ManifestEntry(BaseModel):
    """One input's latest outcome. Unknown fields are kept, so that a manifest written by
    another version of the pipeline survives a rewrite."""

    model_config = ConfigDict(extra="allow", frozen=True)

    path: str
    sha256: str | None
    status: Literal["ok", "failed"]
    error: str | None = None
    record: str | None = None
    pipeline_version: str
    backbone: str | None = None
    ner_model: str | None = None
    item_classifier: str | None = None
    seconds: float | None = None
    finished_at: str


class Manifest:
    """``OUT/_manifest.jsonl``: the latest entry per input path, appended as it happens.

    Entries are held as their JSON lines (about 0.5 KB per input, a third of the parsed
    models) and parsed when asked for, so that a run over millions of inputs keeps its
    bookkeeping small.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: dict[str, str] = {}
        self._owner_of_record: dict[str, str] = {}
        self._handle: Any = None
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        entry = ManifestEntry.model_validate_json(line)
                    except ValidationError:
                        continue  # a line cut short by a crash: that input is simply redone
                    self._remember(entry, line.rstrip("\n"))

    def __len__(self) -> int:
        return len(self._lines)

    def keys(self) -> Iterable[str]:
        return self._lines.keys()

    def get(self, path: str) -> ManifestEntry | None:
        line = self._lines.get(path)
        return None if line is None else ManifestEntry.model_validate_json(line)

    def _remember(self, entry: ManifestEntry, line: str) -> None:
        self._lines[entry.path] = line
        if entry.status == "ok" and entry.record is not None:
            # A record written for this input replaced whatever another input had there.
            previous = self._owner_of_record.get(entry.record)
            if previous is not None and previous != entry.path:
                self._lines.pop(previous, None)
            self._owner_of_record[entry.record] = entry.path

    def open_for_append(self) -> None:
        """Rewrite the file compactly (which also drops a torn last line), then append."""
        self.compact()
        self._handle = self.path.open("a", encoding="utf-8")

    def add(self, entry: ManifestEntry) -> None:
        line = entry.model_dump_json()
        self._remember(entry, line)
        self._handle.write(line + "\n")
        # Flushed per line: the kernel keeps it even if this process is killed next.
        self._handle.flush()

    def sync(self) -> None:
        os.fsync(self._handle.fileno())

    def compact(self) -> None:
        _atomic_write_lines(self.path, (self._lines[path] for path in sorted(self._lines)))

    def close(self, compact: bool) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if compact:
            self.compact()


def _atomic_write_lines(path: Path, lines: Iterable[str]) -> None:
    write_text_atomic(path, "".join(line + "\n" for line in lines))


def read_manifest(path: Path) -> list[ManifestEntry]:
    """The latest entry of every input, sorted by input path; torn lines are skipped."""
    manifest = Manifest(path)
    return [entry for key in sorted(manifest.keys()) if (entry := manifest.get(key))]

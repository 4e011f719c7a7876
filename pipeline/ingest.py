"""Ingestion: input paths to decoded source documents.

The decoded text is kept exactly as stored (no newline, whitespace or Unicode
normalisation): every offset the pipeline emits refers to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = frozenset({".txt", ".md"})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class IngestError(Exception):
    """An input that cannot be read as minutes; the message is one line for the user."""


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    text: str
    sha256: str
    encoding: str

    @property
    def name(self) -> str:
        return self.path.name


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to (text, encoding). UTF-8 first; a UTF-8 BOM stays in the text as U+FEFF
    so that offsets match a plain UTF-8 decoding of the file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise IngestError(f"invalid UTF-16 text ({err.reason})") from err
    if b"\x00" in data:
        raise IngestError("binary content (NUL bytes), not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Older Windows exports: cp1252 decodes every byte except five unassigned ones.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        raise IngestError("neither UTF-8 nor Windows-1252 text") from err


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    if not path.exists():
        raise IngestError("no such file")
    if not path.is_file():
        raise IngestError("not a regular file")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise IngestError(f"unsupported file type '{path.suffix}' (supported: {supported})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"file too large ({size} bytes > limit {max_bytes})")
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(f"cannot read file ({err.strerror or err})") from err
    text, encoding = decode(data)
    if not text.strip():
        raise IngestError("empty file (no text)")
    return SourceDocument(
        path=path, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding
    )


def expand_inputs(inputs: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and the supported files inside directories (sorted, recursive).

    Missing paths are passed through so that the caller reports them per input.
    """
    for path in inputs:
        if path.is_dir():
            seen: set[Path] = set()
            for child in sorted(path.rglob("*")):
                real = child.resolve()
                if real in seen or not child.is_file():
                    continue
                seen.add(real)
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        else:
            yield path

"""Ingestion: input paths to source documents, the text every offset refers to.

Plain text (.txt, .md) is decoded and kept exactly as stored (no newline, whitespace or
Unicode normalisation). HTML, PDF and DOCX are converted to text by the modules in
pipeline.formats; the record then carries that text (`source_text`), and its offsets
refer to it. Anything that cannot be read raises IngestError with a one-line reason.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.formats import ConversionError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md"})
_FORMATS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".pdf": "pdf",
            ".docx": "docx"}
SUPPORTED_SUFFIXES = frozenset(_FORMATS)


class IngestError(Exception):
    """An input that cannot be read as minutes; the message is one line for the user.

    `sha256` is the hash of the input's bytes where they could be read.
    """

    def __init__(self, message: str, sha256: str | None = None) -> None:
        super().__init__(message)
        self.sha256 = sha256


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    text: str
    sha256: str
    encoding: str
    # True when `text` was converted from another format (HTML, PDF, DOCX) rather than
    # decoded: the record must then carry it, since the input's bytes do not.
    converted: bool = False

    @property
    def name(self) -> str:
        return self.path.name


def _convert(format_name: str, data: bytes) -> tuple[str, str]:
    """Bytes to (text, encoding). For PDF and DOCX, which carry the encodings of their
    text inside, the encoding recorded is the format's name. The converters' libraries are
    imported on first use: commands that read no input need none of them."""
    if format_name == "html":
        from pipeline.formats.html import convert_html

        return convert_html(data)
    if format_name == "pdf":
        from pipeline.formats.pdf import extract_text as pdf_text

        return pdf_text(data), "pdf"
    if format_name == "docx":
        from pipeline.formats.docx import extract_text as docx_text

        return docx_text(data), "docx"
    from pipeline.formats.text import decode_text

    return decode_text(data)


def decode(data: bytes) -> tuple[str, str]:
    """Plain-text bytes to (text, encoding); see pipeline.formats.text."""
    try:
        return _convert("text", data)
    except ConversionError as err:
        raise IngestError(str(err)) from err


def document_from_bytes(data: bytes, path: Path) -> SourceDocument:
    """An input's bytes to its source document; the suffix of `path` says the format."""
    sha256 = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    format_name = _FORMATS.get(suffix)
    if format_name is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise IngestError(f"unsupported file type '{path.suffix}' (supported: {supported})", sha256)
    if not data.strip():
        raise IngestError("empty file (no text)", sha256)
    try:
        decoded, encoding = _convert(format_name, data)
    except ConversionError as err:
        raise IngestError(str(err), sha256) from err
    if not decoded.strip():
        raise IngestError("empty file (no text)", sha256)
    return SourceDocument(
        path=path,
        text=decoded,
        sha256=sha256,
        encoding=encoding,
        converted=suffix not in TEXT_SUFFIXES,
    )


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    info = _stat(path)
    if stat.S_ISDIR(info.st_mode):
        try:
            os.scandir(path).close()
        except OSError as err:
            raise IngestError(f"cannot read directory ({err.strerror or err})") from err
        raise IngestError("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError("not a regular file (a device, pipe or socket)")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise IngestError(f"unsupported file type '{path.suffix}' (supported: {supported})")
    if info.st_size > max_bytes:
        raise IngestError(f"file too large ({info.st_size} bytes > limit {max_bytes})")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as err:
        raise IngestError(f"cannot read file ({err.strerror or err})") from err
    if len(data) > max_bytes:
        raise IngestError(f"file too large (over the limit of {max_bytes} bytes)")
    return document_from_bytes(data, path)


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError as err:
        reason = "broken symbolic link" if path.is_symlink() else "no such file"
        raise IngestError(reason) from err
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise IngestError("symbolic link loop") from err
        raise IngestError(f"cannot read file ({err.strerror or err})") from err


def expand_inputs(inputs: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and the supported files inside directories (sorted, recursive).

    Paths that are not there are passed through, so that the caller reports them per
    input; so are entries inside directories that have a supported suffix but are no
    regular file (broken links, link loops, pipes). Symbolic links to directories are
    not followed (as `find` does not), which rules out cycles; a file reached twice
    through links is listed once.
    """
    for path in inputs:
        if path.is_dir():
            yield from _files_under(path)
        else:
            yield path


def _files_under(root: Path) -> list[Path]:
    found: list[Path] = []
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError:
            found.append(directory)  # reported as unreadable by read_document
            continue
        for entry in listed:
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                    continue
                is_dir_link = entry.is_symlink() and entry.is_dir()
            except OSError:
                is_dir_link = False
            if path.suffix.lower() in SUPPORTED_SUFFIXES and not is_dir_link:
                found.append(path)
    unique: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for path in sorted(found):
        try:
            info = path.stat()
        except OSError:
            unique.append(path)
            continue
        identity = (info.st_dev, info.st_ino)
        if stat.S_ISREG(info.st_mode) and identity in seen:
            continue
        seen.add(identity)
        unique.append(path)
    return unique

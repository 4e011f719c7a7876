"""Plain text (.txt, .md): bytes to str in the encoding they were written in.

The text is returned exactly as decoded: no newline (CRLF, CR), whitespace or Unicode
normalisation, because records' offsets refer to it and the spec defines them on the
decoded input. Order of decisions:

1. a UTF-32 or UTF-16 byte-order mark decides (the BOM itself is dropped by the codec);
2. NUL bytes without such a BOM mean binary content;
3. valid UTF-8 is UTF-8 (fast path; a UTF-8 BOM stays in the text as U+FEFF so that
   offsets match a plain UTF-8 decoding of the file);
4. otherwise charset-normalizer detects the encoding. German minutes that are not UTF-8
   are nearly always Windows-1252 or ISO-8859-1, which charset-normalizer cannot tell
   from look-alikes such as Windows-1250 (same letters for ä, ö, ü, ß): Windows-1252 is
   taken unless it reads clearly worse than the detector's choice (Cyrillic, Greek, ...).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from pipeline.formats import ConversionError

# UTF-32 LE first: its BOM begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that Windows-1252 maps to printable characters and ISO-8859-1 to C1 controls.
_WINDOWS_RANGE = re.compile(rb"[\x80-\x9f]")
# Characters that do not occur in text files; form feed, vertical tab, SUB (DOS end of
# file) and ESC do, now and then.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f]")
_CONTROL_SAMPLE_CHARS = 4096
_MAX_CONTROL_RATIO = 0.05


def extract_text(data: bytes) -> str:
    return decode_text(data)[0]


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes to (text, encoding name); ConversionError for binary or undecodable bytes."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise ConversionError(f"invalid {codec.upper()} text ({err.reason})") from err
            reject_binary(text)
            return text, codec
    if b"\x00" in data:
        raise ConversionError("binary content (NUL bytes), not a text file")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(data)
    reject_binary(text)
    return text, encoding


def _detect(data: bytes) -> tuple[str, str]:
    best = from_bytes(data).best()
    western = _western(data)
    if western is not None:
        if best is None or str(best) == western[0]:
            return western
        cp1252 = from_bytes(data, cp_isolation=["cp1252"]).best()
        if cp1252 is not None and cp1252.chaos <= best.chaos:
            return western
    if best is None:
        raise ConversionError("binary content or unknown text encoding, not a text file")
    return str(best), codecs.lookup(best.encoding).name


def _western(data: bytes) -> tuple[str, str] | None:
    """Windows-1252 text, named ISO-8859-1 when no Windows-only byte occurs (the two
    decodings are then identical, and the narrower name is the honest one)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text, "cp1252" if _WINDOWS_RANGE.search(data) else "iso-8859-1"


def reject_binary(text: str) -> None:
    """ConversionError when the decoded text is mostly control characters (a binary file)."""
    sample = text[:_CONTROL_SAMPLE_CHARS]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_RATIO * len(sample):
        raise ConversionError("binary content (control characters), not a text file")

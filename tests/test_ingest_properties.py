"""Properties of ingestion for any input: text or a clean IngestError, nothing else.

Arbitrary bytes alone rarely get past a format's first check (a PDF header, a ZIP
directory), so the inputs are also valid documents of each format with bytes flipped,
cut off or spliced in, and HTML put together from tags and arbitrary text.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.formats import ConversionError
from pipeline.formats.text import decode_text
from pipeline.ingest import SUPPORTED_SUFFIXES, IngestError, document_from_bytes
from tests.fixtures import documents

EXAMPLES = 2000
SAMPLE = (
    "# Protokoll der AG\n\nAm 15. Mai 2024 in Kiel (SH).\n\nHerausforderungen:\n"
    "- Anerkennung dauert\n  - o Unterpunkt\n1. Größe – „Zitat“\n\nFrau Dr. Meier, BMAS\n"
)
VALID: dict[str, bytes] = {
    ".txt": SAMPLE.encode("utf-8"),
    ".md": SAMPLE.encode("cp1252"),
    ".html": documents.text_to_html(SAMPLE),
    ".htm": SAMPLE.encode("utf-16"),  # a BOM before markup-less text
    ".pdf": documents.text_to_pdf(SAMPLE, header=""),
    ".docx": documents.text_to_docx(SAMPLE),
}
assert set(VALID) == SUPPORTED_SUFFIXES

HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<ul>", "<li>", "</li>", "</ul>", "<ol start='x'>", "<h2>", "</h2>",
    "<br>", "<table><tr><td>", "</td><td>", "<nav>", "<main>", "<script>", "<!--",
    "<strong>", "</strong>", "<div class='cookie'>", "</div>", "<pre>", "<blockquote>",
    "&nbsp;", "&#0;", "<meta charset='utf-16'>", "<li value='-3'>", "<ol type='a'>",
])


@st.composite
def damaged_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(VALID)))
    valid = VALID[suffix]
    how = draw(st.sampled_from(["random", "flip", "cut", "splice", "html"]))
    if how == "random":
        return suffix, draw(st.binary(max_size=1024))
    if how == "html":
        pieces = draw(st.lists(st.one_of(HTML_PIECES, st.text(max_size=20)), max_size=30))
        return suffix, "".join(pieces).encode("utf-8", "surrogatepass")
    if how == "cut":
        return suffix, valid[: draw(st.integers(0, len(valid)))]
    data = bytearray(valid)
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    else:
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return suffix, bytes(data)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=damaged_documents())
def test_any_bytes_give_text_or_a_clean_ingest_error(document: tuple[str, bytes]) -> None:
    suffix, data = document
    try:
        source = document_from_bytes(data, Path(f"input{suffix}"))
    except IngestError as err:
        message = str(err)
        assert message and "\n" not in message
        assert err.sha256 is not None
        return
    assert isinstance(source.text, str) and source.text.strip()
    assert source.converted == (suffix not in (".txt", ".md"))
    assert source.encoding


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
)
def test_unicode_text_decodes_back_exactly(text: str, encoding: str) -> None:
    """Text written in UTF-8 (BOM or not) or UTF-16 with a BOM comes back character for
    character, line ends included; what reads as binary is refused cleanly."""
    # FF FE 00 00 is the UTF-32 BOM: UTF-16 text cannot start with U+0000 unambiguously.
    assume(not (encoding.startswith("utf-16") and text.startswith("\x00")))
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = ("\ufeff".encode(encoding)) + data  # the BOM that makes it detectable
    expected = "\ufeff" + text if encoding == "utf-8-sig" else text
    try:
        decoded, _ = decode_text(data)
    except ConversionError as err:
        assert "binary" in str(err)
        return
    assert decoded == expected

"""Properties that hold for any text: extraction never raises, every span points at it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import SourceDocument

# Text that looks like minutes often enough to exercise every rule: markers, dates, codes.
FRAGMENTS = st.sampled_from([
    "- ", "• ", "o ", "1. ", "a) ", "\n", "\n\n", ":", " (BY, RLP)", " 18.-19. November 2020",
    " am 3. und 4. März", " Frau Dr. Meier", " IQ", " BMAS", " Herausforderungen:", "## ",
    "**Ergebnis:**", " Teilnehmer*innen", " 09:30-13:15", "Bundesministerium für Arbeit",
    " Stephan Schiele (MigraNet plus Franken)", "\r\n", "\t", " 2015-2018", "„", "“",
])
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_extraction_never_raises_and_spans_match(rules_extractor, text: str) -> None:
    source = SourceDocument(
        path=Path("generated.txt"),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        encoding="utf-8",
    )
    record = rules_extractor.record_for(source)
    for span in [*record.entities, *record.items, *record.headings]:
        assert text[span.start : span.end] == span.text

"""HTML, PDF and DOCX inputs: what each converter keeps and drops, and the seed minutes
converted to each format giving the same entities and items as the text original."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from pipeline.formats import docx as docx_format
from pipeline.formats import html as html_format
from pipeline.formats import pdf as pdf_format
from pipeline.ingest import document_from_bytes
from pipeline.records import DocumentRecord
from pipeline.segment import segment
from tests.conftest import CORPUS_RAW
from tests.fixtures import documents

SEEDS = sorted(CORPUS_RAW.glob("00*.txt"))


def entity_and_item_texts(record: DocumentRecord) -> tuple[Counter, Counter]:
    return (
        Counter((entity.label, entity.text) for entity in record.entities),
        Counter(item.text for item in record.items),
    )


def assert_offsets_hold(record: DocumentRecord, text: str) -> None:
    for span in [*record.entities, *record.items, *record.headings]:
        assert text[span.start : span.end] == span.text


# -- the seeds in every format ---------------------------------------------------------------
#
# Per format, where the conversion itself changes the text:
# - HTML: lines that are only page boilerplate ("Zum Inhalt springen", "Sie sind hier:",
#   "Zurück zum Seitenanfang", "Zurück" in 003 and 004) are dropped; none holds an entity
#   or item, so the expectation is the text original's. The page around the content
#   (navigation, cookie banner, sidebar, footer) names Berlin, Hamburg, the Bundesagentur
#   and the IQ network: none of it may reach the record.
# - PDF: printed on A4 with line wrapping, hyphenated long words, a running header and
#   "Seite n von m" footers; wrapped lines are joined again, so long items and paragraphs
#   come back whole. The bundled test font has no "→" (001), which the PDF shows as
#   "->": the expectation is taken from the text with that substitution.
# - DOCX: emphasis markers (*...*, **...**) become formatting, headings and list markers
#   become styles and numbering; entity and item texts do not change.


@pytest.fixture(scope="module")
def seed_expectations(rules_extractor) -> dict[str, dict[str, tuple[Counter, Counter]]]:
    expected = {}
    for seed in SEEDS:
        text = seed.read_text("utf-8")
        plain = rules_extractor.record_for(document_from_bytes(seed.read_bytes(), seed))
        printed = rules_extractor.record_for(
            document_from_bytes(documents.pdf_visible_text(text).encode("utf-8"), seed)
        )
        expected[seed.name] = {
            "html": entity_and_item_texts(plain),
            "docx": entity_and_item_texts(plain),
            "pdf": entity_and_item_texts(printed),
        }
    return expected


def _convert(kind: str, text: str) -> bytes:
    if kind == "html":
        return documents.text_to_html(text)
    if kind == "pdf":
        return documents.text_to_pdf(text, hyphenate=True)
    return documents.text_to_docx(text)


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name[:3])
def test_seed_in_other_format_gives_same_entities_and_items(
    seed: Path, kind: str, rules_extractor, seed_expectations
) -> None:
    data = _convert(kind, seed.read_text("utf-8"))
    source = document_from_bytes(data, seed.with_suffix(f".{kind}"))
    assert source.converted
    record = rules_extractor.record_for(source)
    assert record.source_text == source.text
    assert record.n_chars == len(source.text)
    assert_offsets_hold(record, record.source_text)
    expected_entities, expected_items = seed_expectations[seed.name][kind]
    entities, items = entity_and_item_texts(record)
    assert entities == expected_entities
    assert items == expected_items


# -- HTML ------------------------------------------------------------------------------------


def test_html_keeps_main_content_and_drops_page_furniture() -> None:
    page = documents.text_to_html(
        "# Protokoll\n\nAm 15. Mai 2024 in Kiel.\nZweite Zeile\n\n**Ergebnis:**\n\n"
        "- eins\n  - eins a\n- zwei\n\n1. erstens\n2. zweitens\n"
    )
    text = html_format.extract_text(page)
    assert text == (
        "# Protokoll\n\nAm 15. Mai 2024 in Kiel.\nZweite Zeile\n\n**Ergebnis:**\n\n"
        "- eins\n  - eins a\n- zwei\n\n1. erstens\n2. zweitens"
    )
    for boilerplate in ("Zum Inhalt springen", "Zurück zum Seitenanfang", "Cookies",
                        "Berlin", "Hamburg", "Start", "Sie sind hier"):
        assert boilerplate not in text


def test_html_tables_quotes_and_hidden_parts() -> None:
    page = b"""<html><body><div class="content">
    <h2>Teilnehmende</h2>
    <table><tr><th>Name</th><th>Organisation</th></tr>
    <tr><td>Frau Dr. Meier</td><td>BMAS</td></tr></table>
    <blockquote><p>Ein Zitat</p></blockquote>
    <p hidden>versteckt</p><div style="display: none">auch versteckt</div>
    <ol type="a"><li>alpha</li><li>beta</li></ol>
    <p>Nach oben</p>
    </div></body></html>"""
    assert html_format.extract_text(page) == (
        "## Teilnehmende\n\nName | Organisation\nFrau Dr. Meier | BMAS\n\n> Ein Zitat\n\n"
        "a) alpha\nb) beta"
    )


def test_html_encoding_from_meta_declaration() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Größe – „gut“</p></body>'
    text, encoding = html_format.convert_html(page.encode("cp1252"))
    assert text == "Größe – „gut“"
    assert encoding == "cp1252"  # browsers read a Latin-1 label as Windows-1252


# -- PDF -------------------------------------------------------------------------------------


def test_pdf_repairs_hyphenation_and_joins_wrapped_lines() -> None:
    text = (
        "Die Anerkennungs- und Qualifizierungsberatung der IQ-Netzwerke in Niedersachsen "
        "unterstützt Fachkräfteeinwanderungsverfahren für Unternehmen aus Hannover, "
        "Osnabrück und Braunschweig seit dem 1. März 2020 sehr erfolgreich.\n"
        "- Ein zweiter Punkt, der ebenfalls lang genug ist, um auf der schmalen Seite "
        "umzubrechen, mit Bundesagentur für Arbeit am Ende\n"
        "- kurz\n"
    )
    # One page: a header there cannot be told from a title, so the page has none.
    data = documents.text_to_pdf(text, page_width=260, hyphenate=True, header="")
    assert pdf_format.extract_text(data) == text.rstrip("\n")


def test_pdf_joins_elided_compounds_and_keeps_real_hyphens() -> None:
    join = pdf_format._join
    assert join("die Anerkennungs-", "und Qualifizierung") == "die Anerkennungs- und Qualifizierung"
    assert join("das Fachkräfteeinwan-", "derungsgesetz") == "das Fachkräfteeinwanderungsgesetz"
    assert join("die IQ-", "Netzwerke") == "die IQ-Netzwerke"
    assert join("von 2015-", "2018") == "von 2015-2018"
    assert join("Wissens\u00ad", "transfer") == "Wissenstransfer"
    assert join("Kammern –", "Bundesagentur") == "Kammern – Bundesagentur"


def test_pdf_drops_running_headers_footers_and_page_numbers() -> None:
    lines = [f"- Punkt {number} der Liste mit Inhalt" for number in range(1, 120)]
    data = documents.text_to_pdf("\n".join(lines), header="Protokoll AG Pflege 2024")
    text = pdf_format.extract_text(data)
    assert "Protokoll AG Pflege" not in text and "Seite" not in text
    assert text.splitlines() == lines


def test_pdf_keeps_bullets_and_list_nesting() -> None:
    data = documents.text_to_pdf("Themen:\n• Anerkennung\n  - Verfahren\n• Sprache\n", header="")
    text = pdf_format.extract_text(data)
    items = [(text[item.start : item.end], item.marker, item.depth)
             for item in segment(text).items]
    assert items == [("Anerkennung", "•", 0), ("Verfahren", "-", 1), ("Sprache", "•", 0)]


def test_pdf_bullet_glyph_apart_from_its_text() -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(400, 300))
    for row, item in enumerate(["Anerkennung", "Sprachkurse"]):
        y = 250 - 14 * row
        page.setFont("Symbol", 10)
        page.drawString(60, y, "\u2022")  # Word: the bullet, then a tab
        page.setFont("Helvetica", 10)
        page.drawString(90, y, item)
    page.save()
    assert pdf_format.extract_text(buffer.getvalue()) == "• Anerkennung\n• Sprachkurse"


# -- DOCX ------------------------------------------------------------------------------------


def test_docx_headings_lists_numbering_and_tables() -> None:
    writer = documents.DocxWriter()
    writer.document.add_paragraph("Protokoll der AG", style="Title")
    writer.heading("Ergebnisse", 2)
    numbered = writer.new_numbered_list()
    writer.item("Erstens", numbered, 0)
    writer.item("Unterpunkt", numbered, 1)
    writer.item("Zweitens", numbered, 0)
    writer.paragraph("Offene Fragen:")
    writer.item("Finanzierung", writer.bullet_num_id, 0)
    writer.item("Räume", writer.bullet_num_id, 1)
    restarted = writer.new_numbered_list()
    writer.item("Neu gezählt", restarted, 0)
    writer.paragraph("**Ergebnis:**")
    table = writer.document.add_table(rows=2, cols=2)
    for row, cells in enumerate([("Name", "Organisation"), ("Frau Meier", "BMAS")]):
        for column, value in enumerate(cells):
            table.cell(row, column).text = value
    writer.paragraph("Ende")
    assert docx_format.extract_text(writer.to_bytes()) == (
        "# Protokoll der AG\n## Ergebnisse\n1. Erstens\n  a) Unterpunkt\n2. Zweitens\n"
        "Offene Fragen:\n- Finanzierung\n  - Räume\n1. Neu gezählt\n**Ergebnis:**\n\n"
        "Name | Organisation\nFrau Meier | BMAS\n\nEnde"
    )


def test_docx_list_styles_without_direct_numbering() -> None:
    writer = documents.DocxWriter()
    writer.paragraph("Themen:")
    writer.paragraph("Anerkennung", style="List Bullet")
    writer.paragraph("Sprache", style="List Number")
    writer.paragraph("Wohnen", style="List Number")
    assert docx_format.extract_text(writer.to_bytes()) == (
        "Themen:\n- Anerkennung\n1. Sprache\n2. Wohnen"
    )


def test_docx_leaves_out_tracked_deletions_and_field_codes() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    writer = documents.DocxWriter()
    paragraph = writer.paragraph("Treffen in ")
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>Bonn</w:delText>'
        "</w:r></w:del>"
    ))
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:instrText> PAGE </w:instrText></w:r>'
    ))
    paragraph.add_run("Kiel")
    assert docx_format.extract_text(writer.to_bytes()) == "Treffen in Kiel"

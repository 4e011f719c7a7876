"""Structure: headings and list items as the spec defines them."""

from __future__ import annotations

import pytest

from pipeline.segment import marker_length, segment
from tests.conftest import gold_pairs


def item_texts(text: str) -> list[str]:
    return [text[i.start : i.end] for i in segment(text).items]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- Text", 2),
        ("* Text", 2),
        ("• Text", 2),
        ("· Text", 2),
        ("– Text", 2),
        ("o Text", 2),
        ("▪ Text", 2),
        ("➢ Text", 2),
        ("✅ Text", 2),
        ("1. Begrüßung", 3),
        ("12) Punkt", 4),
        ("a) Unterpunkt", 3),
        ("(2) Absatz", 4),
        ("  - o Matching", 4),
        ("oder so", 0),
        ("Ohne Marker", 0),
        ("-Kein Leerzeichen", 0),
        ("2019 war gut", 0),
    ],
)
def test_marker_length(line: str, expected: int) -> None:
    assert marker_length(line) == expected


def test_markdown_bullets_nested_and_chained_markers() -> None:
    text = (
        "## Herausforderungen\n\n"
        "- Erstens\n"
        "  - o Zweitens tiefer\n"
        "    - drittens\n"
        "- Viertens  \n"
    )
    structure = segment(text)
    assert item_texts(text) == ["Erstens", "Zweitens tiefer", "drittens", "Viertens"]
    assert [i.depth for i in structure.items] == [0, 1, 2, 0]
    assert {i.heading.text for i in structure.items} == {"Herausforderungen"}


def test_not_items_bold_label_quote_rule_date_line() -> None:
    text = (
        "**Ergebnis:**\n"
        "> - zitiert\n"
        "---\n"
        "15. November 2018\n"
        "1. Begrüßung\n"
    )
    assert item_texts(text) == ["Begrüßung"]


def test_unmarked_list_after_colon_needs_two_lines() -> None:
    text = "Themen waren:\nErstes Thema\nZweites Thema\n\nNur ein Satz:\nEin Absatz folgt.\n"
    assert item_texts(text) == ["Erstes Thema", "Zweites Thema"]


def test_unmarked_sentence_list_stops_at_title_line() -> None:
    text = (
        "Es wurden Themen behandelt:\n"
        "Job-Turbo: Was bedeutet das?\n"
        "KI in der Beratung: Beispiele wurden gezeigt.\n"
        "Austausch und Zusammenarbeit\n"
        "Letztlich wurde die Gelegenheit genutzt.\n"
    )
    assert item_texts(text) == [
        "Job-Turbo: Was bedeutet das?",
        "KI in der Beratung: Beispiele wurden gezeigt.",
    ]
    assert "Austausch und Zusammenarbeit" in [h.text for h in segment(text).headings]


def test_wrapped_item_ends_with_its_first_line() -> None:
    text = "Punkte:\n- ein langer Punkt, der\n  umbricht\n- zweiter\n"
    assert item_texts(text) == ["ein langer Punkt, der", "zweiter"]


def test_crlf_offsets() -> None:
    text = "Liste:\r\n- eins\r\n- zwei\r\n"
    assert item_texts(text) == ["eins", "zwei"]


@pytest.mark.parametrize(("raw_path", "gold"), gold_pairs(), ids=lambda v: getattr(v, "name", ""))
def test_items_match_seed_gold_spans(raw_path, gold) -> None:
    if not gold["doc"].startswith("00"):
        pytest.skip("structure rules are checked strictly on the seeds only")
    text = raw_path.read_text("utf-8")
    predicted = {(i.start, i.end) for i in segment(text).items}
    expected = {(i["start"], i["end"]) for i in gold["items"]}
    assert predicted == expected

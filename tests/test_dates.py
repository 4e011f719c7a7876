"""Date finding and normalisation: a table of German date forms, non-dates, and the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise.dates import extract_dates, normalise_dates, opening_region_end
from pipeline.tag.dates import DateMention, find_dates

REPO = Path(__file__).resolve().parents[1]
# Only the seed documents are guaranteed to carry reviewed gold; later files are someone
# else's and may still be in progress.
SEED_GOLD = sorted((REPO / "corpus" / "gold").glob("00[0-4]_*.json"))


def spans_and_values(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], value) for start, end, value in extract_dates(text)]


DATE_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    # --- seed gold, in their sentences ---
    (
        "Am Mittwoch, dem 15. Mai 2024, fand in der Meistersingerhalle ein Treffen statt.",
        [("15. Mai 2024", "2024-05-15")],
    ),
    (
        "Dokumentation des virtuellen Treffens, 18.-19. November 2020",
        [("18.-19. November 2020", "2020-11-18/2020-11-19")],
    ),
    ("#### Mittwoch, 18. November 2020 (09:30-13:15)", [("18. November 2020", "2020-11-18")]),
    ("#### Donnerstag, 19. November 2020 (09:30-12:30)", [("19. November 2020", "2020-11-19")]),
    (
        "beim Vernetzungstreffen der Landeskoordinatoren zum HSP 4 am 28. September 2020 benannt",
        [("28. September 2020", "2020-09-28")],
    ),
    (
        "finden am **Dienstag, den 20. April und Mittwoch, den 21. April 2021** statt.",
        [("20. April", "2021-04-20"), ("21. April 2021", "2021-04-21")],
    ),
    (
        "mit dem am 1. März 2020 in Kraft getretenen Fachkräfteeinwanderungsgesetz",
        [("1. März 2020", "2020-03-01")],
    ),
    (
        "wurde von den genannten Akteur*innen 2019 ein monatlicher Praxisaustausch gestartet.",
        [("2019", "2019")],
    ),
    ("Im Verlauf von 2019 konnte eine zunehmende Beteiligung", [("2019", "2019")]),
    (
        "Dem widmet sich IQ bereits seit 2005. Für die Förderperiode 2015-2018 wurde",
        [("2005", "2005"), ("2015-2018", "2015/2018")],
    ),
    ("Das Förderprogramm IQ geht 2023 in die vierte Förderrunde.", [("2023", "2023")]),
    ("Bevor das RKW die Koordination im Jahr 2015 übernommen hat,", [("2015", "2015")]),
    (
        "2023 startet das Förderprogramm IQ. Was steht bis 2028 auf dem Programm?",
        [("2023", "2023"), ("2028", "2028")],
    ),
    (
        "(RKW) gegründet (10. Juni 1921), gab sich das RKW 1996 eine neue Struktur.",
        [("10. Juni 1921", "1921-06-10"), ("1996", "1996")],
    ),
    # --- days with month names ---
    ("am 15. Mai fand", [("15. Mai", "XXXX-05-15")]),
    ("15. November 2018\nBegrüßung durch die Leitung", [("15. November 2018", "2018-11-15")]),
    ("am 1. Okt. 2020", [("1. Okt. 2020", "2020-10-01")]),
    ("am 3. Sept. 2019", [("3. Sept. 2019", "2019-09-03")]),
    ("Wien, 12. Jän. 2021", [("12. Jän. 2021", "2021-01-12")]),
    ("am 7. Dez. 2022", [("7. Dez. 2022", "2022-12-07")]),
    ("Stichtag 31. Maerz 2020", [("31. Maerz 2020", "2020-03-31")]),
    ("am 2.Februar 2021", [("2.Februar 2021", "2021-02-02")]),
    # --- days sharing a month ---
    ("vom 18. bis 19. November 2020", [("18. bis 19. November 2020", "2020-11-18/2020-11-19")]),
    ("vom 1.–3. März", [("1.–3. März", "XXXX-03-01/XXXX-03-03")]),
    ("Am 3. und 4. März treffen wir uns.", [("3. und 4. März", "XXXX-03-03/XXXX-03-04")]),
    ("am 8./9. Oktober 2019", [("8./9. Oktober 2019", "2019-10-08/2019-10-09")]),
    ("am 3., 4. und 5. März 2022", [("3., 4. und 5. März 2022", "2022-03-03/2022-03-05")]),
    ("vom 18. bis zum 20. Mai 2021", [("18. bis zum 20. Mai 2021", "2021-05-18/2021-05-20")]),
    # --- ranges across months and years ---
    (
        "vom 30. November bis 2. Dezember 2020",
        [("30. November bis 2. Dezember 2020", "2020-11-30/2020-12-02")],
    ),
    (
        "vom 30. Dezember bis 2. Januar 2021",
        [("30. Dezember bis 2. Januar 2021", "2020-12-30/2021-01-02")],
    ),
    # --- numeric dates ---
    ("Sitzung am 18.11.2020 in Berlin", [("18.11.2020", "2020-11-18")]),
    ("Protokoll vom 03.03.21", [("03.03.21", "2021-03-03")]),
    ("Am 12.03. beginnt die Reihe.", [("12.03.", "XXXX-03-12")]),
    ("Sitzung am 5.7.2021", [("5.7.2021", "2021-07-05")]),
    ("Frist: 2024-05-15", [("2024-05-15", "2024-05-15")]),
    ("vom 18.11.–20.11.2020", [("18.11.–20.11.2020", "2020-11-18/2020-11-20")]),
    ("am 18.-20.11.2020", [("18.-20.11.2020", "2020-11-18/2020-11-20")]),
    ("am 15. und 16.05.2021", [("15. und 16.05.2021", "2021-05-15/2021-05-16")]),
    ("vom 30.11. bis 02.12.2020", [("30.11. bis 02.12.2020", "2020-11-30/2020-12-02")]),
    (
        "vom 18.11.2020 bis 20.11.2020",
        [("18.11.2020", "2020-11-18"), ("20.11.2020", "2020-11-20")],
    ),
    # --- months ---
    ("im Mai 2023 wurde", [("Mai 2023", "2023-05")]),
    ("Stand: 05/2023", [("05/2023", "2023-05")]),
    ("Stand 11.2020", [("11.2020", "2020-11")]),
    ("von Januar bis März 2021", [("Januar bis März 2021", "2021-01/2021-03")]),
    ("im Mai/Juni 2021", [("Mai/Juni 2021", "2021-05/2021-06")]),
    ("Das nächste Treffen ist im März.", [("März", "XXXX-03")]),
    ("bis Ende Oktober", [("Oktober", "XXXX-10")]),
    ("Jan. 2021 bis März 2021", [("Jan. 2021", "2021-01"), ("März 2021", "2021-03")]),
    # --- years and year ranges ---
    ("Förderperiode 2015 bis 2018", [("2015 bis 2018", "2015/2018")]),
    ("im Schuljahr 2020/21", [("2020/21", "2020/2021")]),
    ("im Zeitraum 2019–2020", [("2019–2020", "2019/2020")]),
    ("Ende 2019.", [("2019", "2019")]),
    ("Jahresbericht 2019", [("2019", "2019")]),
    ("2019, 2020 und 2021", [("2019", "2019"), ("2020", "2020"), ("2021", "2021")]),
    ("seit 2019 Unternehmen beraten", [("2019", "2019")]),
    ("über 2026 hinaus finanziert", [("2026", "2026")]),
    ("im Jahr 2003 27 Betriebe", [("2003", "2003")]),
    ("von 1955-1956 Vorsitzender", [("1955-1956", "1955/1956")]),
    ("die Spielzeit 1999/00", [("1999/00", "1999/2000")]),
    ("gegründet am 25. Juni 1798", [("25. Juni 1798", "1798-06-25")]),
    ("- 5.3.2024 Sitzung der AG", [("5.3.2024", "2024-03-05")]),
    # --- missing years ---
    (
        "am 4. Juli 2020 und am 5. Juli",
        [("4. Juli 2020", "2020-07-04"), ("5. Juli", "2020-07-05")],
    ),
    (
        "Mo., 3. Mai und Di., 4. Mai 2021",
        [("3. Mai", "2021-05-03"), ("4. Mai 2021", "2021-05-04")],
    ),
    (
        "am 4. Juli: Austausch. Förderperiode 2023-2028",
        [("4. Juli", "XXXX-07-04"), ("2023-2028", "2023/2028")],
    ),
    (
        "am 30. Dezember und 2. Januar 2021",
        [("30. Dezember", "2020-12-30"), ("2. Januar 2021", "2021-01-02")],
    ),
    (
        "## Protokoll vom 12. März 2021\n\nDas nächste Treffen ist am 3. und 4. Mai.",
        [("12. März 2021", "2021-03-12"), ("3. und 4. Mai", "2021-05-03/2021-05-04")],
    ),
]

NOT_DATES: list[str] = [
    "09:30-13:15",
    "10:00 Uhr",
    "von 9.30 bis 12.30 Uhr",
    "10.00-12.00 Uhr",
    "Fachaustausch der Teilprojekte 1x im Monat",
    "In den letzten acht Jahren hat sich viel getan.",
    "Weiterleitung innerhalb von 2 Tagen",
    "nächste Woche",
    "Insgesamt haben bislang ca. 250 Personen profitiert.",
    "Rund 40.000 Menschen konnten beraten werden.",
    "Tel.: 0361 / 51150012",
    "Tel. 0911 2019 33",
    "Wallstr. 18, 99084 Erfurt",
    "Einreise mit § 16d AufenthG",
    "im HSP 4",
    "unter TOP 3",
    "1. Begrüßung",
    "2.1. Ergebnisse der Arbeitsgruppen",
    "siehe Kapitel 2.3. und Punkt 1.2.",
    "Ziel 2.1. ist erreicht, Maßnahme 3.2. läuft",
    "**2.1. Ergebnisse**",
    "Version 1.2.21",
    "Kosten: 1.500 € bzw. 2.000 Euro",
    "ca. 2000 Personen",
    "über 2000 Teilnehmende",
    "2019 Beratungen",
    "die 2020er Jahre",
    "Raum 2019",
    "Drucksache 19/2019",
    "Heft 03/2021",
    "www.example.de/2019/05/bericht",
    "am 31.02.2021",
    "Frau Mai sagte",
    "August Bebel",
    "2. Thementage im HSP4",
]


@pytest.mark.parametrize(("text", "expected"), DATE_CASES)
def test_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans_and_values(text) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert spans_and_values(text) == []


def test_mention_parts() -> None:
    text = "am 18.-19. November 2020 und am 3. März"
    first, second = find_dates(text)
    assert first == DateMention(3, 24, "day", 2020, 11, 18, 2020, 11, 19)
    assert first.is_range and not first.year_missing
    assert second.granularity == "day" and second.year_missing and not second.is_range


def test_reference_year_comes_from_the_opening_only() -> None:
    filler = "Text ohne Datum.\n" * 80
    late = f"Protokoll\n\n{filler}Am 12. März 2021 trafen wir uns. Am 3. Mai wieder."
    assert [v for _, v in spans_and_values(late)] == ["2021-03-12", "XXXX-05-03"]
    assert opening_region_end(late) < late.index("12. März")


def test_values_follow_the_given_order() -> None:
    text = "am 3. Mai und am 4. Mai 2021"
    mentions = find_dates(text)
    assert normalise_dates(text, list(reversed(mentions))) == ["2021-05-04", "2021-05-03"]


def _seed_cases() -> list[tuple[str, Path]]:
    return [(path.stem, path) for path in SEED_GOLD]


@pytest.mark.parametrize(("name", "gold_path"), _seed_cases())
def test_seed_gold_dates(name: str, gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text("utf-8"))
    text = (REPO / "corpus" / "raw" / gold["doc"]).read_text("utf-8")
    expected = [
        (e["start"], e["end"], e["value"]) for e in gold["entities"] if e["label"] == "DATE"
    ]
    assert extract_dates(text) == sorted(expected)


def test_seed_gold_is_present() -> None:
    assert len(SEED_GOLD) == 5


# --- the grammar runs only on lines with a digit or a month name ----------------------------


def _grammar_everywhere(text: str) -> list[DateMention]:
    """find_dates without the line filter: every pattern over the whole text."""
    from pipeline.tag.dates import GRAMMAR, first_longest

    return first_longest(
        [
            mention
            for pattern, build in GRAMMAR
            for match in pattern.finditer(text)
            if (mention := build(text, match)) is not None
        ]
    )


def test_line_filter_finds_what_the_whole_text_scan_finds_in_the_corpus() -> None:
    texts = [path.read_text("utf-8") for path in sorted((REPO / "corpus" / "raw").glob("*.txt"))]
    found = 0
    for text in texts:
        expected = _grammar_everywhere(text)
        assert find_dates(text) == expected
        found += len(expected)
    assert found > 500  # not vacuous


@given(
    st.lists(
        st.sampled_from(
            [
                " ",
                "\n",
                "\t",
                "\u00a0",
                ".",
                "-",
                "–",
                "/",
                ",",
                ":",
                "1",
                "3",
                "05",
                "12",
                "2024",
                "1999",
                "20",
                "Mai",
                "März",
                "Nov.",
                "Dezember",
                "im ",
                "bis ",
                "und ",
                "Ende ",
                "Tel. ",
                "Uhr",
                "a",
                "Wort",
                "\r\n",
                "(",
                ")",
            ]
        ),
        max_size=40,
    ).map("".join)
)
@settings(max_examples=1500, deadline=None)
def test_line_filter_is_exact_on_generated_text(text: str) -> None:
    assert find_dates(text) == _grammar_everywhere(text)


MONTH_WORDS = [
    *[
        "Januar",
        "Jänner",
        "Februar",
        "März",
        "Maerz",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
    ],
    *[
        "November",
        "Dezember",
        "Jan.",
        "Jän.",
        "Feb.",
        "Mär.",
        "Mrz.",
        "Apr.",
        "Jun.",
        "Jul.",
        "Aug.",
        "Sept.",
        "Sep.",
    ],
    *["Okt.", "Nov.", "Dez."],
]


@pytest.mark.parametrize("month", MONTH_WORDS)
def test_line_filter_keeps_lines_with_a_month_name_and_no_digit(month: str) -> None:
    text = f"Kein Datum hier.\nDas Treffen ist Ende {month}\nvon {month} bis {month}\nEnde."
    assert find_dates(text) == _grammar_everywhere(text)
    if not month.endswith("."):  # a full month name after "Ende" is a date
        assert find_dates(text)

"""Find German calendar dates in raw text: a spaCy-free regex grammar over character offsets.

Covered forms (the span is exactly what the annotation spec tags):

- day with month name: ``15. Mai 2024``, ``15. Mai``, ``1. Okt. 2020``
- days sharing a month: ``18.-19. November 2020``, ``3. und 4. März``, ``8./9. Oktober 2019``
- range across months: ``30. November bis 2. Dezember 2020``
- numeric: ``18.11.2020``, ``03.03.21`` (two-digit year = 20xx), ``12.03.``, ``2024-05-15``
- numeric ranges: ``18.11.–20.11.2020``, ``18.-20.11.2020``, ``15. und 16.05.2021``
- months: ``Mai 2023``, ``05/2023``, ``Januar bis März 2021``, ``im März`` (after a cue word)
- years: ``2019`` (only where it reads as a year), ``2015-2018``, ``2015 bis 2018``, ``2020/21``

Weekdays, "am", "vom", "den" stay outside the span. Clock times, money, phone numbers,
postcodes, section numbers and list markers are not dates. Two complete dates joined by
"bis" stay two spans (spec: "Two complete dates stay two spans").

Every pattern marks the spanned text with the group ``date``; the parts needed to
normalise travel in `DateMention`. Resolving a missing year (coordination, the document's
own date) is `pipeline.normalise.dates`' job.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Granularity = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: its span and the calendar parts written in it.

    A single date leaves the ``end_*`` parts empty. A year that is not written anywhere in
    the expression is ``None`` (``year_missing``); within a range the year is copied from the
    end to the start, because "18.-19. November 2020" states it once for both.
    """

    start: int
    end: int
    granularity: Granularity
    start_year: int | None
    start_month: int | None = None
    start_day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None

    @property
    def is_range(self) -> bool:
        return self.end_year is not None or self.end_month is not None

    @property
    def year_missing(self) -> bool:
        return self.start_year is None


# --- vocabulary -----------------------------------------------------------------------------

MONTH_NUMBERS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan": 1, "jän": 1,
    "februar": 2, "feb": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4,
    "mai": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}  # fmt: skip

_FULL_MONTHS = (
    "Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November"
    "|Dezember"
)
_ABBREVIATED_MONTHS = "Jan|Jän|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Nov|Dez"

# Weekday names and abbreviations, used only to recognise coordination gaps
# ("20. April und Mittwoch, den 21. April 2021").
WEEKDAYS = (
    "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"
    "|Mo\\.?|Di\\.?|Mi\\.?|Do\\.?|Fr\\.?|Sa\\.?|So\\.?"
)

# --- regex building blocks --------------------------------------------------------------------

SP = r"[ \t\u00a0]"  # horizontal space only: a date never spans a line break
_LETTER = r"[^\W\d_]"
MONTH_NAME = rf"(?:(?:{_FULL_MONTHS})|(?:{_ABBREVIATED_MONTHS})\.?)(?!{_LETTER})"
FULL_MONTH_NAME = rf"(?:{_FULL_MONTHS})(?!{_LETTER})"
DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
# A year alone is plausible from 1900 to 2099; attached to a day or month it may be older
# ("gegründet am 25. Juni 1798").
YEAR4 = r"(?:19|20)\d\d"
DATED_YEAR = r"(?:1[5-9]|20)\d\d"
DASH = r"(?:-|–|—)"
RANGE_JOIN = rf"(?:{SP}*(?:{DASH}|bis(?:{SP}+zum)?){SP}*)"
# Between days that share a month: "18.-19.", "8./9.", "3. und 4.", "3., 4. und 5."
DAY_JOIN = rf"(?:{SP}*(?:{DASH}|/|,|bis(?:{SP}+zum)?|und|u\.|&){SP}*)"
# A number starts here: not inside a word, a longer number, a decimal, a version or a time.
NUMBER_START = r"(?<![\w.,/\-–])(?<!\d:)"
NUMBER_END = r"(?!\d|[.,:]\d)"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.VERBOSE)


DAYS_SHARING_MONTH = _compile(
    rf"""{NUMBER_START}(?P<date>(?P<d1>{DAY})\.(?:{DAY_JOIN}(?P<d2>{DAY})\.)+
    {SP}*(?P<m>{MONTH_NAME})(?:{SP}*(?P<y>{DATED_YEAR}){NUMBER_END})?)"""
)
RANGE_ACROSS_MONTHS = _compile(
    rf"""{NUMBER_START}(?P<date>(?P<d1>{DAY})\.{SP}*(?P<m1>{MONTH_NAME})
    (?:{SP}*(?P<y1>{DATED_YEAR}))?{RANGE_JOIN}
    (?P<d2>{DAY})\.{SP}*(?P<m2>{MONTH_NAME})(?:{SP}*(?P<y2>{DATED_YEAR}){NUMBER_END})?)"""
)
DAY_WITH_MONTH_NAME = _compile(
    rf"""{NUMBER_START}(?P<date>(?P<d>{DAY})(?P<dot>\.)?{SP}*(?P<m>{MONTH_NAME})
    (?:{SP}*(?P<y>{DATED_YEAR}){NUMBER_END})?)"""
)
NUMERIC_RANGE = _compile(
    rf"""{NUMBER_START}(?P<date>(?P<d1>{DAY})\.(?:(?P<m1>{MONTH_NUMBER})\.)?
    {SP}*(?P<join>{DASH}|/|bis(?:{SP}+zum)?|und){SP}*
    (?P<d2>{DAY})\.(?P<m2>{MONTH_NUMBER})\.(?:{SP}?(?P<y4>{DATED_YEAR})|(?P<y2>\d\d))?){NUMBER_END}"""
)
NUMERIC_DAY = _compile(
    rf"""{NUMBER_START}(?P<date>(?P<d>{DAY})\.(?P<m>{MONTH_NUMBER})\.
    (?:{SP}?(?P<y4>{DATED_YEAR})|(?P<y2>\d\d))?){NUMBER_END}"""
)
ISO_DAY = _compile(
    rf"{NUMBER_START}(?P<date>(?P<y>{YEAR4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01]))"
    rf"{NUMBER_END}"
)
MONTH_RANGE = _compile(
    rf"""(?<!{_LETTER})(?P<date>(?P<m1>{MONTH_NAME})(?:{SP}*(?P<y1>{DATED_YEAR}))?
    {SP}*(?:{DASH}|/|bis){SP}*
    (?P<m2>{MONTH_NAME})(?:{SP}*(?P<y2>{DATED_YEAR}){NUMBER_END})?)"""
)
MONTH_WITH_YEAR = _compile(
    rf"(?<!{_LETTER})(?P<date>(?P<m>{MONTH_NAME}){SP}*(?P<y>{DATED_YEAR})){NUMBER_END}"
)
# "05/2023", "05.2023": only a two-digit month, so "3/2021" (an issue number) is left alone.
NUMERIC_MONTH = _compile(
    rf"{NUMBER_START}(?P<date>(?P<m>0[1-9]|1[0-2])[./](?P<y>{YEAR4})){NUMBER_END}"
)
# A month name alone is a date only after a word that makes it one ("im März", "Ende Mai");
# "August" or "Mai" alone may be a name.
BARE_MONTH = _compile(
    rf"(?<!{_LETTER})(?:im|Im|Anfang|Mitte|Ende|ab|Ab|seit|Seit|bis|Bis|Monat|Monats){SP}+"
    rf"(?P<date>(?P<m>{FULL_MONTH_NAME}))"
)
YEAR_RANGE = _compile(
    rf"""{NUMBER_START}(?P<date>(?P<y1>{YEAR4}){SP}*
    (?:(?:{DASH}|/){SP}*(?P<y2>{YEAR4}|\d\d)|bis{SP}+(?P<y3>{YEAR4}))){NUMBER_END}(?!{_LETTER})"""
)
YEAR = _compile(rf"{NUMBER_START}(?P<date>{YEAR4}){NUMBER_END}(?![^\W_])")

# --- context rules ------------------------------------------------------------------------------


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words before a number that make it an identifier or a quantity, not a date
# ("Tel. 0361 2019", "Kapitel 2.3.", "ca. 2000", "HSP 4", "TOP 3").
NOT_BEFORE_A_DATE = _word_set(
    """tel telefon fon fax mobil handy nr nummer plz raum zimmer az aktenzeichen drucksache
    kennziffer kennzeichen § §§ art abs absatz anlage seite s postfach hsp top punkt kapitel
    abschnitt ziffer version abb tab rn heft ausgabe band bd vers v id folie tabelle abbildung
    anhang teil schritt phase modul stufe ziel maßnahme teilprojekt tp arbeitspaket ap"""
)
QUANTITY_HEDGES = _word_set("ca circa rund etwa ungefähr knapp nahezu fast insgesamt gut je")
# Words after a number that make it a quantity ("2000 Euro", "1950 Teilnehmende").
UNITS = _word_set(
    """€ eur euro teur mio mrd tsd % prozent uhr h km m qm m² std stunden min minuten tage
    tagen wochen monate monaten jahre jahren mal x personen menschen teilnehmende
    teilnehmenden teilnehmer teilnehmerinnen tn fälle fällen"""
)
# Words before a number that make it a year even when a noun follows
# ("seit 2019 Unternehmen ...", "im Jahr 2015 Beratungen ...").
YEAR_CUES = _word_set(
    """seit ab bis vor nach jahr jahre jahres jahren anfang mitte ende frühjahr frühling
    sommer herbst winter jahresende jahresanfang jahresbeginn förderperiode förderphase
    förderrunde förderjahr haushaltsjahr kalenderjahr berichtsjahr schuljahr stand laufzeit
    gegründet"""
)
# A bare month range needs a cue like a bare month does ("von Januar bis März").
MONTH_RANGE_CUES = _word_set("im anfang mitte ende ab seit bis von vom zwischen")

_PREVIOUS_WORDS = re.compile(r"([\w§%€]+)\W*$")
_NEXT_WORD = re.compile(rf"{SP}+([\w%€²]+)")
# What may precede a heading number on its line: markdown heading or quote markers, bold.
# After a list bullet ("- 5.3. Sitzung der AG") a number is a date again.
_HEADING_LEAD = re.compile(r"[ \t#>]*(?:\*\*|__)?")
# Context rules look this far back at most, so a long line costs no more than a short one.
CONTEXT_CHARS = 120


def _line_before(text: str, pos: int) -> tuple[str, bool]:
    """The line's text before `pos` (at most CONTEXT_CHARS), and whether it reaches the
    line start."""
    floor = max(0, pos - CONTEXT_CHARS)
    newline = text.rfind("\n", floor, pos)
    if newline != -1:
        return text[newline + 1 : pos], True
    return text[floor:pos], floor == 0


def _previous_words(text: str, start: int, count: int = 2) -> list[str]:
    """The `count` words before `start` on the same line, nearest first, lowercased."""
    before, _ = _line_before(text, start)
    words: list[str] = []
    for _ in range(count):
        match = _PREVIOUS_WORDS.search(before)
        if not match:
            break
        words.append(match.group(1).lower())
        before = before[: match.start()]
    return words


def _next_word(text: str, end: int) -> str | None:
    """The word right after `end`, if only spaces (no punctuation) separate them."""
    match = _NEXT_WORD.match(text, end)
    return match.group(1) if match else None


def _identifier_before(text: str, start: int) -> bool:
    words = _previous_words(text, start)
    if not words:
        return False
    if words[0] in NOT_BEFORE_A_DATE:
        return True
    return words[0] == "als" and len(words) > 1 and words[1] in {"mehr", "weniger"}


_NUMBER_BEFORE = re.compile(rf"\d{SP}*[/\-–]?{SP}*$")
_NUMBER_AFTER = re.compile(rf"{SP}*[/\-–]?{SP}*\d")


def _plausible_year(text: str, start: int, end: int, is_range: bool = False) -> bool:
    """Whether the year-shaped number (or year range) text[start:end] reads as a year.

    Years in minutes stand in many frames ("seit 2019", "Akteur*innen 2019 ein ...",
    "RKW 1996 eine ..."), so a plausible number is a year unless its context makes it an
    identifier (phone, room, section), a quantity ("ca. 2000", "1950 Teilnehmende") or part
    of a number group ("0911 2019 33").
    """
    line_before, _ = _line_before(text, start)
    if _NUMBER_BEFORE.search(line_before):
        return False  # another number right before: phone or number group
    words = _previous_words(text, start)
    cued = bool(words) and words[0] in YEAR_CUES
    if _NUMBER_AFTER.match(text, end) and not cued:
        return False  # "0911 2019 33"; but "im Jahr 2003 27 Betriebe" is a year
    if _identifier_before(text, start) or (words and words[0] in QUANTITY_HEDGES):
        return False
    following = _next_word(text, end)
    if following is None:
        return True
    if following.lower() in UNITS:
        return False
    # Without a cue, a noun right after makes a lone number a count ("2019 Beratungen");
    # a range of years is rarely a count ("1955-1956 Vorsitzender").
    return cued or is_range or not following[0].isupper() or following.lower() in MONTH_NUMBERS


def _section_number(text: str, start: int, day: str, month: str) -> bool:
    """A yearless "d.m." that is a heading number ("2.1. Ergebnisse") or a cross-reference."""
    if _identifier_before(text, start):
        return True
    before, reaches_line_start = _line_before(text, start)
    at_line_start = reaches_line_start and bool(_HEADING_LEAD.fullmatch(before))
    unpadded = not day.startswith("0") and not month.startswith("0")
    end = start + len(day) + len(month) + 2
    return at_line_start and unpadded and _next_word(text, end) is not None


# --- builders: match -> DateMention or None (None = not a date after all) ----------------------


def _month(surface: str) -> int:
    return MONTH_NUMBERS[surface.rstrip(".").lower()]


def _year(four: str | None, two: str | None = None) -> int | None:
    if four:
        return int(four)
    if two:
        return 2000 + int(two)  # spec: two-digit years are 20xx
    return None


def _valid_day(year: int | None, month: int, day: int) -> bool:
    # Without a year, allow 29 February (a leap year is possible).
    return 1 <= day <= calendar.monthrange(year if year else 2000, month)[1]


def _day_range(
    match: re.Match[str], d1: int, m1: int, d2: int, m2: int, year: int | None
) -> DateMention | None:
    if not (_valid_day(year, m1, d1) and _valid_day(year, m2, d2)):
        return None
    if (m1, d1) == (m2, d2):
        return None
    # "30. Dezember bis 2. Januar 2021": the start lies in the year before.
    start_year = year - 1 if year is not None and (m1, d1) > (m2, d2) else year
    start, end = match.span("date")
    return DateMention(start, end, "day", start_year, m1, d1, year, m2, d2)


def _single_day(match: re.Match[str], day: int, month: int, year: int | None) -> DateMention | None:
    if not _valid_day(year, month, day):
        return None
    start, end = match.span("date")
    return DateMention(start, end, "day", year, month, day)


def _build_days_sharing_month(text: str, match: re.Match[str]) -> DateMention | None:
    d1, d2 = int(match["d1"]), int(match["d2"])
    if d1 >= d2:
        return None
    month = _month(match["m"])
    return _day_range(match, d1, month, d2, month, _year(match["y"]))


def _build_range_across_months(text: str, match: re.Match[str]) -> DateMention | None:
    if match["y1"] and match["y2"]:
        return None  # two complete dates stay two spans
    year = _year(match["y2"] or match["y1"])
    return _day_range(
        match, int(match["d1"]), _month(match["m1"]), int(match["d2"]), _month(match["m2"]), year
    )


def _build_day_with_month_name(text: str, match: re.Match[str]) -> DateMention | None:
    if not match["dot"] and not match["y"]:
        return None  # "3 März" without a year is too weak ("Gruppe 3 März ...")
    return _single_day(match, int(match["d"]), _month(match["m"]), _year(match["y"]))


def _build_numeric_range(text: str, match: re.Match[str]) -> DateMention | None:
    if match["m1"] and match["join"] == "und":
        return None  # "12.03. und 14.03.2021" are two dates
    if match["m1"] is None and _identifier_before(text, match.start("date")):
        return None
    m2 = int(match["m2"])
    m1 = int(match["m1"]) if match["m1"] else m2
    year = _year(match["y4"], match["y2"])
    return _day_range(match, int(match["d1"]), m1, int(match["d2"]), m2, year)


def _build_numeric_day(text: str, match: re.Match[str]) -> DateMention | None:
    year = _year(match["y4"], match["y2"])
    if year is None and _section_number(text, match.start("date"), match["d"], match["m"]):
        return None
    if year is not None and _identifier_before(text, match.start("date")):
        return None  # "Version 1.2.21"
    return _single_day(match, int(match["d"]), int(match["m"]), year)


def _build_iso_day(text: str, match: re.Match[str]) -> DateMention | None:
    return _single_day(match, int(match["d"]), int(match["m"]), int(match["y"]))


def _build_month_range(text: str, match: re.Match[str]) -> DateMention | None:
    if match["y1"] and match["y2"]:
        return None  # two complete months stay two spans
    words = _previous_words(text, match.start("date"), 1)
    if not match["y2"] and not (words and words[0] in MONTH_RANGE_CUES):
        return None
    m1, m2 = _month(match["m1"]), _month(match["m2"])
    if m1 == m2:
        return None
    year = _year(match["y2"] or match["y1"])
    start_year = year - 1 if year is not None and m1 > m2 else year
    start, end = match.span("date")
    return DateMention(start, end, "month", start_year, m1, None, year, m2, None)


def _build_month_with_year(text: str, match: re.Match[str]) -> DateMention | None:
    start, end = match.span("date")
    return DateMention(start, end, "month", int(match["y"]), _month(match["m"]))


def _build_numeric_month(text: str, match: re.Match[str]) -> DateMention | None:
    if _identifier_before(text, match.start("date")):
        return None
    start, end = match.span("date")
    return DateMention(start, end, "month", int(match["y"]), int(match["m"]))


def _build_bare_month(text: str, match: re.Match[str]) -> DateMention | None:
    start, end = match.span("date")
    return DateMention(start, end, "month", None, _month(match["m"]))


def _build_year_range(text: str, match: re.Match[str]) -> DateMention | None:
    first = int(match["y1"])
    if match["y3"]:
        last = int(match["y3"])
    elif len(match["y2"]) == 2:
        last = first // 100 * 100 + int(match["y2"])  # "2020/21" -> 2021
        if last <= first:
            last += 100  # "1999/00" -> 2000
    else:
        last = int(match["y2"])
    if not first < last <= first + 100:
        return None
    start, end = match.span("date")
    if not _plausible_year(text, start, end, is_range=True):
        return None
    return DateMention(start, end, "year", first, end_year=last)


def _build_year(text: str, match: re.Match[str]) -> DateMention | None:
    start, end = match.span("date")
    if not _plausible_year(text, start, end):
        return None
    return DateMention(start, end, "year", int(match["date"]))


Builder = Callable[[str, re.Match[str]], DateMention | None]

GRAMMAR: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (DAYS_SHARING_MONTH, _build_days_sharing_month),
    (RANGE_ACROSS_MONTHS, _build_range_across_months),
    (DAY_WITH_MONTH_NAME, _build_day_with_month_name),
    (NUMERIC_RANGE, _build_numeric_range),
    (NUMERIC_DAY, _build_numeric_day),
    (ISO_DAY, _build_iso_day),
    (MONTH_RANGE, _build_month_range),
    (MONTH_WITH_YEAR, _build_month_with_year),
    (NUMERIC_MONTH, _build_numeric_month),
    (BARE_MONTH, _build_bare_month),
    (YEAR_RANGE, _build_year_range),
    (YEAR, _build_year),
)


# Every pattern of the grammar needs a digit or a month name (month names are
# capitalised), and no date spans a line break (SP is horizontal space).
_DATE_HINT = re.compile(r"\d|Jan|Jän|Feb|Mär|Maerz|Mrz|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez")


def date_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of lines that hold a digit or a month name.

    The grammar's dozen patterns run only there (a regex scan costs the same on every
    character, dates or not), with the whole text still around for their look-behinds.
    Their look-aheads all ask for something other than a line break, so ending a run
    before its line break changes no match.
    """
    regions: list[tuple[int, int]] = []
    position = 0
    while (hint := _DATE_HINT.search(text, position)) is not None:
        start = text.rfind("\n", 0, hint.start()) + 1
        end = text.find("\n", hint.start())
        if end == -1:
            end = len(text)
        if regions and regions[-1][1] + 1 >= start:  # the next line: one run
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
        position = end + 1
    return regions


def find_dates(text: str) -> list[DateMention]:
    """All date mentions in `text`, non-overlapping, in text order.

    Every pattern proposes candidates; where they overlap, the one that starts first wins,
    and of those starting together the longest (so "18.-19. November 2020" beats
    "19. November 2020", and "15. Mai 2024" beats "2024").
    """
    candidates: list[DateMention] = []
    regions = date_lines(text)
    for pattern, build in GRAMMAR:
        for start, end in regions:
            for match in pattern.finditer(text, start, end):
                mention = build(text, match)
                if mention is not None:
                    candidates.append(mention)
    return first_longest(candidates)


def first_longest(candidates: list[DateMention]) -> list[DateMention]:
    """Non-overlapping candidates in text order: the earliest start wins, then the longest."""
    chosen: list[DateMention] = []
    for mention in sorted(candidates, key=lambda m: (m.start, -m.end)):
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return chosen

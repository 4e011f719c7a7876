"""ISO 8601 values for date mentions, with the spec's order for a missing year.

Values: a day ``2024-05-15``, a month ``2020-11``, a year ``2019``, a range ``start/end``
(``2020-11-18/2020-11-19``, ``2015/2018``). A year that the expression does not state comes,
in this order, from

1. its coordination: a neighbouring date in the same sentence, joined only by a
   conjunction, commas, weekdays and articles, that states a year ("Dienstag, den 20. April
   und Mittwoch, den 21. April 2021" -> ``2021-04-20``); the following date is asked first,
   then the preceding one;
2. the document's reference year: the year of its first complete date (day or month with a
   written year) that starts in the opening region, see `opening_region_end`;
3. otherwise it is unknown and written ``XXXX`` as in TIMEX3 (``XXXX-03-03/XXXX-03-04``).

A year elsewhere in the sentence is never borrowed: in "am 4. Juli: … Förderperiode
2023-2028" the range is not joined to the date by a coordination gap.
"""

from __future__ import annotations

import re

from pipeline.tag.dates import WEEKDAYS, DateMention, find_dates

UNKNOWN_YEAR = "XXXX"

# The opening region holds the title and the opening paragraph: the first
# OPENING_LINES non-empty lines, but at least OPENING_MIN_CHARS and at most
# OPENING_MAX_CHARS characters (a header block of short lines, or a long first paragraph).
OPENING_LINES = 5
OPENING_MIN_CHARS = 600
OPENING_MAX_CHARS = 1200

# What may stand between two coordinated dates: conjunctions, commas, dashes, weekdays,
# articles and prepositions, markdown emphasis. No full stop and no line break, so the two
# dates stand in one sentence.
_GAP_WORD = rf"(?:und|sowie|oder|bzw\.|bis|u\.|&|am|an|den|dem|vom|von|zum|zur|{WEEKDAYS})"
COORDINATION_GAP = re.compile(
    rf"[ \t\u00a0*_]*(?:(?:,|;|/|-|–|—|{_GAP_WORD}(?!\w))[ \t\u00a0*_]*)+",
)
_CONJUNCTION = re.compile(r"und|sowie|oder|bzw\.|bis|u\.|&|,|;|/|-|–|—")
MAX_GAP_CHARS = 40


def opening_region_end(text: str) -> int:
    """Offset where the document's title and opening paragraph end (see module docstring)."""
    end = 0
    seen = 0
    for line in re.finditer(r"[^\n]*\n?", text):
        if not line.group().strip():
            if line.end() == len(text):
                break
            continue
        seen += 1
        end = line.end()
        if seen == OPENING_LINES:
            break
    return min(max(end, OPENING_MIN_CHARS), OPENING_MAX_CHARS, len(text))


def reference_year(text: str, mentions: list[DateMention]) -> int | None:
    """The year of the document's own date: its first complete date in the opening region."""
    limit = opening_region_end(text)
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start >= limit:
            break
        complete = mention.granularity in ("day", "month") and mention.start_year is not None
        if complete:
            return mention.start_year
    return None


def _coordinated(text: str, left: DateMention, right: DateMention) -> bool:
    """Whether only a coordination gap separates `left` and `right`."""
    gap = text[left.end : right.start]
    if len(gap) > MAX_GAP_CHARS or not COORDINATION_GAP.fullmatch(gap):
        return False
    return bool(_CONJUNCTION.search(gap))


def _last_point(mention: DateMention) -> tuple[int, int]:
    month = mention.end_month if mention.end_month is not None else mention.start_month
    day = mention.end_day if mention.end_day is not None else mention.start_day
    return month or 1, day or 1


def _first_point(mention: DateMention) -> tuple[int, int]:
    return mention.start_month or 1, mention.start_day or 1


def _wraps_new_year(mention: DateMention) -> bool:
    """A range whose end comes before its start in the calendar ("30. Dezember bis 2. Januar")."""
    return mention.is_range and _first_point(mention) > _last_point(mention)


def _end_year(mention: DateMention, start_year: int) -> int:
    if mention.end_year is not None:
        return mention.end_year
    return start_year + 1 if _wraps_new_year(mention) else start_year


def _years_from_coordination(text: str, mentions: list[DateMention]) -> list[int | None]:
    """For each mention, the start year its own text or its coordination gives it."""
    years: list[int | None] = [m.start_year for m in mentions]
    # Following neighbour first; right to left so a chain "3. Mai, 5. Juni und 7. Juli 2021"
    # passes the year along.
    for i in range(len(mentions) - 2, -1, -1):
        following_year = years[i + 1]
        if (
            years[i] is None
            and following_year is not None
            and _coordinated(text, mentions[i], mentions[i + 1])
        ):
            # "30. Dezember und 2. Januar 2021": the earlier date lies in the year before.
            end_year = following_year
            if _last_point(mentions[i]) > _first_point(mentions[i + 1]):
                end_year -= 1
            years[i] = end_year - 1 if _wraps_new_year(mentions[i]) else end_year
    # Then the preceding neighbour ("am 4. Juli 2020 und am 5. Juli").
    for i in range(1, len(mentions)):
        preceding_year = years[i - 1]
        if (
            years[i] is None
            and preceding_year is not None
            and _coordinated(text, mentions[i - 1], mentions[i])
        ):
            year = _end_year(mentions[i - 1], preceding_year)
            if _first_point(mentions[i]) < _last_point(mentions[i - 1]):
                year += 1
            years[i] = year
    return years


def _format(granularity: str, year: int | None, month: int | None, day: int | None) -> str:
    year_text = UNKNOWN_YEAR if year is None else f"{year:04d}"
    if granularity == "year" or month is None:
        return year_text
    if granularity == "month" or day is None:
        return f"{year_text}-{month:02d}"
    return f"{year_text}-{month:02d}-{day:02d}"


def iso_value(mention: DateMention, start_year: int | None) -> str:
    """The ISO 8601 value of `mention`, taking `start_year` where the mention has none."""
    if mention.start_year is not None:
        start_year = mention.start_year
    first = _format(mention.granularity, start_year, mention.start_month, mention.start_day)
    if not mention.is_range:
        return first
    if mention.end_year is not None:
        end_year: int | None = mention.end_year
    elif start_year is None:
        end_year = None
    else:
        end_year = _end_year(mention, start_year)
    end_month = mention.end_month if mention.end_month is not None else mention.start_month
    last = _format(mention.granularity, end_year, end_month, mention.end_day)
    return f"{first}/{last}"


def normalise_dates(text: str, mentions: list[DateMention]) -> list[str]:
    """One ISO 8601 value per mention, in the order of `mentions`."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    ordered = [mentions[i] for i in order]
    years = _years_from_coordination(text, ordered)
    document_year = reference_year(text, ordered)
    values = [""] * len(mentions)
    for position, index in enumerate(order):
        year = years[position] if years[position] is not None else document_year
        values[index] = iso_value(ordered[position], year)
    return values


def extract_dates(text: str) -> list[tuple[int, int, str]]:
    """Find and normalise: (start, end, ISO value) for every date in `text`."""
    mentions = find_dates(text)
    return [
        (m.start, m.end, v) for m, v in zip(mentions, normalise_dates(text, mentions), strict=True)
    ]

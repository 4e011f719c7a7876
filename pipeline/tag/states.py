"""Find German federal states in raw text, by name or code (spaCy-free, character offsets).

Names and their inflected forms match as whole words: "Thüringens" and "Niedersachsens"
are states, the adjectives "bayerischen", "Thüringer", "bayernweit" and the regions
"Südostbayern", "Ostthüringen" are not. Berlin, Hamburg and Bremen are cities as well as
states; their names count as states only in a list with another state ("Berlin und
Brandenburg") or after "Land"/"Bundesland".

Abbreviations come in two kinds (see ``pipeline/resources/bundeslaender.json``):

- unambiguous ones (``BY BW HH NRW RLP LSA M-V S-H BaWü``) match wherever they stand as a
  whole token;
- codes that are also ordinary words or acronyms (``BE BB HB HE MV NI NW RP SL SN ST SH
  TH``: "Mitgliederversammlung", "Schulleitung", "TH Köln") match only where they stand as
  codes: in parentheses "(ST)", "(z. B. in ST)", in a list of codes "(BE, RLP)", "BY/BW",
  after "z. B.", alone on a line or in a table cell (a column of codes), as a line label
  "NI: ...", or after "Bundesland"/"Länder".

A code never matches inside a longer token or a hyphenated compound ("HSP4-TP", "AG-S",
"ST-Gruppe"), and matching is case-sensitive. States inside organisation names
("Regionaldirektion Bayern") are the caller's to drop.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.normalise.states import State, load_states

_HYPHENS = "[-\u2010\u2011]"

# Between two members of a list of states or codes (on one line).
LIST_SEPARATOR = re.compile(r"[ \t]*(?:,|/|;|&|\+|und|sowie|oder|bzw\.|u\.)[ \t]*")
# Words a parenthesis may hold before its codes: "(z. B. in ST)", "(u. a. BY, BW)".
_PAREN_PREFIX = (
    r"(?:z\.\s?B\.|bspw\.|beispielsweise|u\.\s?a\.|v\.\s?a\.|insb\.|insbes\.|etwa|ggf\.|"
    r"vgl\.|siehe|wie|nur|in|im|aus|bei|für|Land|Bundesland|Länder)"
)
OPENS_PARENTHESIS = re.compile(rf"\([ \t]*(?:{_PAREN_PREFIX}[ \t]*)*$")
CLOSES_PARENTHESIS = re.compile(r"[ \t]*\)")
AFTER_EXAMPLE_MARKER = re.compile(r"(?:z\.\s?B\.|bspw\.|beispielsweise)[ \t]*(?:in[ \t]+)?$")
AFTER_STATE_NOUN = re.compile(
    r"(?:Bundesland|Bundesländer|Bundesländern|Land|Länder|Ländern|Landesnetzwerke?|LNW)"
    r"[ \t]*:?[ \t]*$"
)
# Line start, optionally after markdown and list markers; used for a column of codes
# ("BY", "- BW:", "| ST |") and for line labels ("NI: Projekt läuft").
LINE_LEAD = re.compile(r"^[ \t>#*_\-•·–|]*$")
LINE_TAIL = re.compile(r"^[ \t*_]*[:.,;]?[ \t*_|]*$")
LINE_LABEL_TAIL = re.compile(r"^[ \t*_]*:")
TABLE_CELL_LEAD = re.compile(r"\|[ \t]*$")
TABLE_CELL_TAIL = re.compile(r"^[ \t]*\|")
# What makes a city-state name a state: "im Land Berlin", "Bundesland Bremen".
CITY_STATE_CUE = re.compile(r"(?:Bundesland|Bundeslandes|Land|Landes|Stadtstaat|Stadtstaates)\s+$")
# A word this long may be a compound that an acronym abbreviates.
COMPOUND_MIN_LENGTH = 10
# Context rules look this far around a match at most, so long lines stay cheap.
CONTEXT_CHARS = 120
NOT_A_STATE_AFTER = re.compile(r"\s+an\s+der\s+Havel")  # the city Brandenburg an der Havel


def _alternation(surfaces: list[str]) -> str:
    # Longest first, so "Sachsen-Anhalt" wins over "Sachsen".
    ordered = sorted(set(surfaces), key=len, reverse=True)
    # re.escape writes "-" as "\\-"; let it match the Unicode hyphens of converted PDFs too.
    return "|".join(re.escape(s).replace(r"\-", _HYPHENS) for s in ordered)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    """Compiled from the lexicon once: name pattern, code pattern, city-state names, and
    the abbreviations that need a code context."""
    states: tuple[State, ...] = load_states()
    names = [name for state in states for name in state.names]
    codes = [a for s in states for a in (*s.abbreviations, *s.code_context_abbreviations)]
    name_pattern = re.compile(rf"(?<![\w\-\u2010\u2011])(?:{_alternation(names)})(?!\w|-\w)")
    code_pattern = re.compile(
        rf"(?<![\w\-.@&\u2010\u2011])(?:{_alternation(codes)})(?![\w@&]|[-.\u2010\u2011]\w)"
    )
    city_names = frozenset(n for s in states if s.city_state for n in s.names)
    needs_context = frozenset(a for s in states for a in s.code_context_abbreviations)
    return name_pattern, code_pattern, city_names, needs_context


def _line_bounds(text: str, start: int, end: int) -> tuple[str, bool, str]:
    """The line's text before `start` and after `end`, each at most CONTEXT_CHARS long, and
    whether the text before reaches the line start."""
    floor = max(0, start - CONTEXT_CHARS)
    newline = text.rfind("\n", floor, start)
    line_start = newline + 1 if newline != -1 else floor
    ceiling = min(len(text), end + CONTEXT_CHARS)
    line_end = text.find("\n", end, ceiling)
    if line_end == -1:
        line_end = ceiling
    reaches_line_start = newline != -1 or floor == 0
    return text[line_start:start], reaches_line_start, text[end:line_end]


def _code_runs(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group code tokens into runs joined by list separators ("BE, RLP", "BY/BW")."""
    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        if runs and LIST_SEPARATOR.fullmatch(text[runs[-1][-1][1] : span[0]]):
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _defines_acronym(before: str, code: str) -> bool:
    """Whether a parenthesised code spells out the words before it, so it is no state.

    Two words with the code's initials ("Technische Hochschule (TH)"), or one compound that
    starts with the code's first letter and holds its second letter inside a later part
    ("Mitgliederversammlung (MV)", "Schulleitung (SL)", "Handelsblatt.com (HB)"). The
    compound test leaves out short words and vowels, which would match almost any word
    ("Sitzung (ST)", "Beratung (BE)" may well name a state).
    """
    words = re.findall(r"[^\W\d_][\w.-]*", before[-60:])
    if not words:
        return False
    last = words[-1]
    if len(words) >= 2 and (words[-2][0] + last[0]).upper() == code:
        return True
    if last[0].upper() != code[0] or code[1] in "AEIOU" or len(last) < COMPOUND_MIN_LENGTH:
        return False
    # Skip the first letters and a final inflection ("-ungen"), where a part cannot start.
    return code[1].lower() in last[2:-4].lower()


def _stands_as_codes(text: str, start: int, end: int, members: int) -> bool:
    """Whether the run text[start:end] of `members` codes is used as codes."""
    if members >= 2:
        return True
    before, reaches_line_start, after = _line_bounds(text, start, end)
    if OPENS_PARENTHESIS.search(before) and CLOSES_PARENTHESIS.match(after):
        opening = before.rstrip()
        if opening.endswith("("):  # "(ST)" alone might spell out the words before it
            return not _defines_acronym(opening[:-1], text[start:end])
        return True
    if AFTER_EXAMPLE_MARKER.search(before) or AFTER_STATE_NOUN.search(before):
        return True
    if TABLE_CELL_LEAD.search(before) and TABLE_CELL_TAIL.match(after):
        return True
    if reaches_line_start and LINE_LEAD.match(before):
        return bool(LINE_TAIL.match(after) or LINE_LABEL_TAIL.match(after))
    return False


def _slash_joined_to_non_code(text: str, run: list[tuple[int, int]]) -> bool:
    """A code glued by "/" to something that is no code ("IQ/BE" like "MUT IQ/ebb")."""
    first_start, last_end = run[0][0], run[-1][1]
    glued_before = first_start > 0 and text[first_start - 1] == "/"
    return glued_before or text[last_end : last_end + 1] == "/"


def _find_codes(text: str) -> list[tuple[int, int]]:
    _, code_pattern, _, needs_context = _patterns()
    spans = [match.span() for match in code_pattern.finditer(text)]
    found: list[tuple[int, int]] = []
    for run in _code_runs(text, spans):
        if _slash_joined_to_non_code(text, run):
            continue
        as_codes = _stands_as_codes(text, run[0][0], run[-1][1], len(run))
        found.extend(
            (start, end) for start, end in run if as_codes or text[start:end] not in needs_context
        )
    return found


def _find_names(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """State names, and city-state names that still need a state context."""
    name_pattern, _, city_names, _ = _patterns()
    names: list[tuple[int, int]] = []
    cities: list[tuple[int, int]] = []
    for match in name_pattern.finditer(text):
        if NOT_A_STATE_AFTER.match(text, match.end()):
            continue
        cue_window = text[max(0, match.start() - CONTEXT_CHARS) : match.start()]
        if match.group() in city_names and not CITY_STATE_CUE.search(cue_window):
            cities.append(match.span())
        else:
            names.append(match.span())
    return names, cities


def _accept_listed_cities(
    text: str, states: list[tuple[int, int]], cities: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Add city-state names listed next to an accepted state ("Berlin, Hamburg und Bayern").

    One pass each way along the text passes acceptance along a list in both directions.
    """
    mentions = sorted([(span, True) for span in states] + [(span, False) for span in cities])
    accepted = [is_state for _, is_state in mentions]
    for order in (range(1, len(mentions)), range(len(mentions) - 2, -1, -1)):
        for i in order:
            neighbour = i - 1 if order.step == 1 else i + 1
            if not accepted[i] and accepted[neighbour]:
                accepted[i] = _adjacent_in_list(text, mentions[i][0], mentions[neighbour][0])
    return [span for (span, _), keep in zip(mentions, accepted, strict=True) if keep]


def _adjacent_in_list(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    left, right = (a, b) if a[0] < b[0] else (b, a)
    return bool(LIST_SEPARATOR.fullmatch(text[left[1] : right[0]]))


def find_states(text: str) -> list[tuple[int, int]]:
    """Character spans of federal-state mentions in `text`, in text order, non-overlapping."""
    names, cities = _find_names(text)
    spans = _accept_listed_cities(text, names + _find_codes(text), cities)
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end))
    return chosen

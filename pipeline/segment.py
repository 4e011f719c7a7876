"""Structure of a text: lines, headings, the section each line is in, and list items.

List items follow the spec (``shared/spec/annotation.md``, "Items"): a line that
starts with one or more list markers, or one of two or more consecutive unmarked
lines after a line ending in ':'. Everything here works on the untouched source
text; all offsets are Python string indices into it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MONTHS = (
    "januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|"
    "november|dezember|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez"
)

# One list marker and its trailing whitespace. Several may follow each other ("- o Text").
_SYMBOL_MARKERS = r"[-*•·–—▪▫◦‣⁃➢➤►▶→✓✔☐☑■□●○◆◇❖]"
_MARKER = re.compile(
    r"(?:"
    + _SYMBOL_MARKERS
    + r"|o(?=\s)"  # Word's 'o' bullet
    + r"|\d{1,2}[.)](?!\d)"  # 1.  2)
    + r"|\(\d{1,2}\)|\([a-z]\)"  # (1)  (a)
    + r"|[a-zA-Z]\)"  # a)  B)
    + r")[ \t\u00a0]+"
)
# "15. November 2018", "6. und 7. Juni", "8./9. Oktober": a date, not a numbered entry.
_DATE_AT_START = re.compile(
    r"\d{1,2}\.\s*(?:(?:und|bis|/|-|–)\s*\d{1,2}\.\s*)?(?:" + MONTHS + r")\b", re.IGNORECASE
)
_NUMBER_MARKER = re.compile(r"\s*(\d{1,2})[.)]\s")
_RULE_LINE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_EMPHASIS_ONLY = re.compile(r"^\s*(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1\s*$")
_TERMINAL = tuple(".!?;,")
_MAX_TITLE_CHARS = 90
_MAX_TITLE_WORDS = 12
_MAX_LABEL_WORDS = 6
# Within an unmarked list, only a short label line can be a title ("Vereinbarungen").
_MAX_RUN_TITLE_WORDS = 4


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # end of the line's text, trailing whitespace excluded
    text: str  # the raw line without its line break

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class HeadingLine:
    start: int
    end: int
    text: str  # the heading's words, markup removed
    level: int


@dataclass(frozen=True)
class ListItem:
    start: int
    end: int
    marker: str
    depth: int
    heading: HeadingLine | None
    section_path: tuple[str, ...]
    lead_in: str | None  # the line ending in ':' that introduces the list, if any


@dataclass
class Structure:
    lines: list[Line]
    headings: list[HeadingLine] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        content_end = pos + len(body.rstrip())
        lines.append(Line(start=pos, end=content_end, text=body))
        pos += len(raw)
    return lines


def _is_symbol_bullet(char: str) -> bool:
    # Emoji and pictographic bullets (✅, 👉, 🔹) used in exported minutes.
    return unicodedata.category(char) == "So"


def marker_length(line: str) -> int:
    """Length of the list markers (and their whitespace) at the start of `line`, 0 if none."""
    indent = len(line) - len(line.lstrip())
    pos = indent
    while True:
        match = _MARKER.match(line, pos)
        if match and not _DATE_AT_START.match(line, pos):
            pos = match.end()
            continue
        if pos < len(line) and _is_symbol_bullet(line[pos]):
            rest = line[pos + 1 :]
            gap = len(rest) - len(rest.lstrip(" \t\u00a0\ufe0f"))
            if gap:
                pos += 1 + gap
                continue
        break
    return pos - indent if pos > indent else 0


def _clean_heading(text: str) -> str:
    text = text.strip().strip("*_ ").strip()
    return re.sub(r"\s+", " ", text)


def _is_title_like(line: Line) -> bool:
    words = line.stripped
    if not words or len(words) > _MAX_TITLE_CHARS or len(words.split()) > _MAX_TITLE_WORDS:
        return False
    if words.endswith(_TERMINAL) or sum(ch.isalpha() for ch in words) < 3:
        return False
    if words.endswith(":") and len(words.split()) > _MAX_LABEL_WORDS:
        return False  # a sentence introducing a list, not a label
    first = words.lstrip("„\"'(»")[:1]
    return first.isupper() or first.isdigit()


def _heading(line: Line, prev: Line | None, next_: Line | None) -> HeadingLine | None:
    text = line.text
    md = _MD_HEADING.match(text)
    if md:
        inner = _clean_heading(md.group(2))
        return HeadingLine(line.start, line.end, inner, len(md.group(1))) if inner else None
    emphasis = _EMPHASIS_ONLY.match(text)
    if emphasis and len(emphasis.group(2)) <= 150:
        # A line that is only bold or italic is a (sub)heading or label.
        return HeadingLine(line.start, line.end, _clean_heading(emphasis.group(2)), 6)
    if marker_length(text) or not _is_title_like(line):
        return None
    # A wrapped paragraph's last line looks like a title; its neighbours give it away.
    prev_open = (
        prev is not None
        and not prev.is_blank
        and not prev.stripped.endswith((*_TERMINAL, ":"))
        and not _MD_HEADING.match(prev.text)
        and not _is_title_like(prev)
    )
    next_continues = next_ is not None and next_.stripped[:1].islower()
    if prev_open or next_continues:
        return None
    return HeadingLine(line.start, line.end, _clean_heading(text), 7)


def _numbers_in_sequence(lines: list[Line]) -> set[int]:
    """Leading numbers that belong to a numbered list: 1, or n next to n-1 or n+1 elsewhere.

    A lone "12. Sitzung des Arbeitskreises" is an ordinal title, not a list entry.
    """
    numbers = set()
    for line in lines:
        match = _NUMBER_MARKER.match(line.text)
        if match:
            numbers.add(int(match.group(1)))
    return {n for n in numbers if n == 1 or n - 1 in numbers or n + 1 in numbers}


def segment(text: str) -> Structure:
    lines = split_lines(text)
    sequence_numbers = _numbers_in_sequence(lines)
    structure = Structure(lines=lines)
    stack: list[HeadingLine] = []  # open headings, outermost first
    lead_in: str | None = None
    indents: list[int] = []  # indentation of open marked items, for nesting depth
    unmarked_run: list[Line] = []
    unmarked_sentence_style = False

    def flush_unmarked() -> None:
        # Unmarked lines after a ':' line are items only when there are two or more.
        nonlocal unmarked_run
        if len(unmarked_run) >= 2:
            for run_line in unmarked_run:
                _add_item(run_line.start + _indent(run_line.text), run_line.end, "", 0)
        unmarked_run = []

    def _add_item(start: int, end: int, marker: str, depth: int) -> None:
        heading = stack[-1] if stack else None
        structure.items.append(
            ListItem(start, end, marker, depth, heading, tuple(h.text for h in stack), lead_in)
        )

    for index, line in enumerate(lines):
        prev = lines[index - 1] if index else None
        next_ = lines[index + 1] if index + 1 < len(lines) else None
        stripped = line.stripped

        if line.is_blank:
            flush_unmarked()
            continue

        heading = _heading(line, prev, next_)
        # Inside an unmarked list of short entries, a short line is an entry, not a title.
        if heading is not None and heading.level == 7 and lead_in is not None:
            if unmarked_run:
                # Entries go on until a title that introduces a paragraph directly below it.
                introduces_paragraph = (
                    len(stripped.split()) <= _MAX_RUN_TITLE_WORDS
                    and _entry_follows(next_)
                    and (unmarked_sentence_style or _is_prose(next_))
                )
                if not introduces_paragraph:
                    heading = None
            elif _continues_unmarked_run(lines, index, unmarked_run) and _entry_follows(next_):
                heading = None
        if heading is not None:
            flush_unmarked()
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
            structure.headings.append(heading)
            lead_in = heading.text if stripped.rstrip("*_ ").endswith(":") else None
            indents = []
            continue

        if _RULE_LINE.match(line.text) or stripped.startswith((">", "|")):
            flush_unmarked()
            lead_in = None
            continue

        marker = marker_length(line.text)
        indent = _indent(line.text)
        number = _NUMBER_MARKER.match(line.text)
        if number and int(number.group(1)) not in sequence_numbers:
            marker = 0
        if marker:
            flush_unmarked()
            content_start = line.start + indent + marker
            if content_start < line.end and not _EMPHASIS_ONLY.match(line.text[indent + marker :]):
                while indents and indents[-1] >= indent:
                    indents.pop()
                depth = len(indents)
                indents.append(indent)
                marker_text = line.text[indent : indent + marker].strip()
                _add_item(content_start, line.end, marker_text, depth)
            continue

        indents = []
        if stripped.endswith(":"):
            flush_unmarked()
            lead_in = stripped
            unmarked_sentence_style = False
            continue
        if lead_in is not None and _continues_unmarked_run(lines, index, unmarked_run):
            if not unmarked_run:
                unmarked_sentence_style = stripped.endswith(_TERMINAL)
            unmarked_run.append(line)
            continue
        flush_unmarked()
        lead_in = None

    flush_unmarked()
    structure.items.sort(key=lambda item: item.start)
    return structure


def _is_prose(line: Line | None) -> bool:
    return (
        line is not None
        and line.stripped.endswith((".", "!", "?"))
        and len(line.stripped.split()) > _MAX_TITLE_WORDS
    )


def _entry_follows(line: Line | None) -> bool:
    return (
        line is not None
        and not line.is_blank
        and not marker_length(line.text)
        and not _MD_HEADING.match(line.text)
    )


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _continues_unmarked_run(lines: list[Line], index: int, run: list[Line]) -> bool:
    """An unmarked entry directly follows the previous entry, or the ':' line (one blank
    line between the ':' line and the first entry is tolerated: HTML exports add it)."""
    if run:
        return index > 0 and lines[index - 1] is run[-1]
    for back in (1, 2):
        if index - back < 0:
            return False
        candidate = lines[index - back]
        if not candidate.is_blank:
            return candidate.stripped.rstrip("*_ ").endswith(":")
    return False

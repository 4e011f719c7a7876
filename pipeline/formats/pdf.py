"""PDF (.pdf): the text of each page in reading order, as lines.

pdfminer.six does the layout analysis: characters to lines, lines to text boxes, and the
boxes in reading order (columns included). On top of it:

- running headers and footers are dropped: a line near the top or bottom edge of a page
  that recurs there (its page number aside) on at least half of the pages, and page
  numbers ("3", "- 3 -", "Seite 3 von 5") there;
- lines that the layout wrapped are joined again: a line is joined to the next one in
  its box (or on the next page) when the next line's first word would not have fitted
  behind it, so the break was the layout's, not the author's; never before a list
  marker, and not after a line that ends a sentence or introduces a list (':');
- hyphenation at such a join is repaired: "Einwan-" + "derung" becomes "Einwanderung",
  but "IQ-" + "Netzwerk" keeps its hyphen and "Anerkennungs-" + "und" stays
  "Anerkennungs- und";
- bullets drawn from symbol fonts (Word's U+F0B7 and friends) become "•", and typographic
  ligatures (U+FB00-U+FB06) are spelled out.

More space between two lines than ordinary line spacing (or a step to another column)
is a paragraph break, written as a blank line, and so is a page break, unless the page
ends with a ':' line or the next one starts with a list item (a list going on). A list
item's indentation is kept, so that nesting survives.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTAnno, LTChar, LTFigure, LTPage, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from pipeline.formats import ConversionError, collapse_spaces, describe
from pipeline.segment import marker_length

# pdfminer reports recoverable oddities of a file through logging; the user gets one line
# per file from us instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

_EDGE_BAND = 0.1  # top and bottom tenth of the page: where running headers and footers sit
_MIN_RUNNING_PAGES = 2
_RUNNING_SHARE = 0.5
_PAGE_NUMBER = re.compile(
    r"^(?:(?:seite|page|s\.)\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
    r"(?:\s*(?:/|von|of)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_SYMBOL_BULLETS = str.maketrans({
    "\uf0b7": "•", "\uf0a7": "▪", "\uf06c": "•", "\uf0d8": "➢", "\uf0fc": "✓",
    "\uf076": "❖", "\uf0a8": "□", "\uf0e0": "→", "\uf06e": "■", "\uf0be": "–",
})
_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})
_UNMAPPED_GLYPH_BULLET = re.compile(r"^\(cid:\d+\)\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BULLET_ONLY = re.compile(r"^[•▪➢✓❖□→■◦‣●○–\-*]$")
_HYPHENS = ("-", "\u2010")
_SOFT_HYPHEN = "\u00ad"
# Words after which a line-final hyphen is an elided compound part ("Anerkennungs- und").
_CONJUNCTIONS = frozenset({"und", "oder", "bzw", "sowie", "bis", "als", "wie", "noch",
                           "respektive", "beziehungsweise", "u", "sondern", "statt"})
# Abbreviations that end a line without ending the sentence ("Prof." "Müller").
_ABBREVIATIONS = frozenset({"prof", "inkl", "bspw", "evtl", "insb", "bzgl", "zzgl", "abs",
                            "ziff", "str", "tel", "sept", "okt", "nov", "dez", "febr"})


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    first_word_width: float  # width of the first word: does it fit behind the line above?

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class _Page:
    height: float
    lines: list[_Line]  # in reading order


def extract_text(data: bytes) -> str:
    if b"%PDF-" not in data[:1024]:  # readers accept the header anywhere in the first 1 KiB
        raise ConversionError("not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise ConversionError("truncated or damaged PDF (no end-of-file marker)")
    pages = _read_pages(data)
    for page in pages:
        _attach_bullets(page)
    _drop_running_lines(pages)
    text = _reflow(pages)
    if not text.strip():
        raise ConversionError("no text in the PDF (scanned pages would need OCR)")
    return text


def _read_pages(data: bytes) -> list[_Page]:
    """pdfminer's layout, page by page, as plain lines. Whatever pdfminer raises is a
    damaged file; our own handling of the layout stays outside that net."""
    layouts = extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True))
    pages: list[_Page] = []
    while True:
        try:
            layout = next(layouts)
        except StopIteration:
            return pages
        except PDFPasswordIncorrect as err:
            raise ConversionError("encrypted PDF (a password is needed to open it)") from err
        except PDFEncryptionError as err:
            raise ConversionError(f"encrypted PDF that cannot be read ({describe(err)})") from err
        except Exception as err:  # pdfminer raises many types on malformed input
            raise ConversionError(f"damaged PDF ({describe(err)})") from err
        lines = [line for box in _boxes(layout) for line in _box_lines(box)]
        pages.append(_Page(layout.height, lines))


def _boxes(container: LTPage | LTFigure) -> list[LTTextBox]:
    boxes: list[LTTextBox] = []
    for obj in container:
        if isinstance(obj, LTTextBox):
            boxes.append(obj)
        elif isinstance(obj, LTFigure):  # text inside form XObjects
            boxes.extend(_boxes(obj))
    return boxes


def _box_lines(box: LTTextBox) -> list[_Line]:
    lines = []
    for line in box:
        if not isinstance(line, LTTextLine):
            continue
        text = _clean(line.get_text())
        if text:
            lines.append(
                _Line(text, line.x0, line.x1, line.y0, line.y1, _first_word_width(line))
            )
    return lines


def _first_word_width(line: LTTextLine) -> float:
    start = end = None
    for obj in line:
        glyph = obj.get_text() if isinstance(obj, LTChar | LTAnno) else ""
        if glyph.isspace() or not glyph:
            if start is not None:
                break
            continue
        if isinstance(obj, LTChar):
            start = obj.x0 if start is None else start
            end = obj.x1
    return 0.0 if start is None or end is None else end - start


def _clean(raw: str) -> str:
    text = raw.translate(_SYMBOL_BULLETS).translate(_LIGATURES)
    text = _CONTROL.sub("", text.replace("\n", " ")).replace("\u00a0", " ")
    text = _UNMAPPED_GLYPH_BULLET.sub("• ", text.strip())
    return text.rstrip()


# -- running headers, footers and page numbers ---------------------------------------------


def _edge_lines(page: _Page) -> list[_Line]:
    band = page.height * _EDGE_BAND
    return [line for line in page.lines if line.y0 >= page.height - band or line.y1 <= band]


def _running_key(text: str, page_number: int) -> str:
    """The line with its page number replaced ("Protokoll AG - Seite #"); other digits
    stay, so that list lines that differ only in their numbers are not taken for it."""
    words = re.split(r"(\d+)", collapse_spaces(text).casefold())
    return "".join("#" if word == str(page_number) else word for word in words)


def _drop_running_lines(pages: list[_Page]) -> None:
    pages_with: dict[str, int] = {}
    for number, page in enumerate(pages, start=1):
        for key in {_running_key(line.text, number) for line in _edge_lines(page)}:
            pages_with[key] = pages_with.get(key, 0) + 1
    needed = max(_MIN_RUNNING_PAGES, _RUNNING_SHARE * len(pages))
    running = {key for key, count in pages_with.items() if count >= needed}
    for number, page in enumerate(pages, start=1):
        doomed = {
            id(line)
            for line in _edge_lines(page)
            if _running_key(line.text, number) in running or _PAGE_NUMBER.match(line.text)
        }
        page.lines = [line for line in page.lines if id(line) not in doomed]


# -- reflow ----------------------------------------------------------------------------------


def _reflow(pages: list[_Page]) -> str:
    out: list[str] = []
    previous: _Line | None = None
    previous_edge = 0.0
    for page in pages:
        left = min((line.x0 for line in page.lines), default=0.0)
        for index, line in enumerate(page.lines):
            text = _indented(line, left)
            if previous is None:
                out.append(text)
            elif index == 0:  # the page before may end mid-paragraph
                if _continues(previous, line, previous_edge):
                    out[-1] = _join(out[-1], text)
                else:
                    if not (previous.text.endswith(":") or marker_length(text)):
                        out.append("")  # the break most likely ended a paragraph
                    out.append(text)
            elif not _same_flow(previous, line):
                out.extend(("", text))  # space between, or another column: a new paragraph
            elif _continues(previous, line, previous_edge):
                out[-1] = _join(out[-1], text)
            else:
                out.append(text)
            previous, previous_edge = line, _right_edge(line, page.lines)
    return "\n".join(out)


def _indented(line: _Line, left: float) -> str:
    """A list item's nesting, kept as indentation (about one space per space width)."""
    if not marker_length(line.text):
        return line.text
    spaces = round((line.x0 - left) / (0.25 * max(line.height, 1.0)))
    return " " * max(spaces, 0) + line.text


def _same_flow(line: _Line, following: _Line) -> bool:
    """`following` sits directly below `line` at ordinary line spacing. pdfminer's text
    boxes are no guide here: it puts a list item's indented continuation lines into a
    box of their own."""
    gap = line.y0 - following.y1
    height = max(line.height, following.height)
    return -0.5 * height < gap < 0.7 * height


def _attach_bullets(page: _Page) -> None:
    """A bullet drawn apart from its text (Word puts a tab between them) becomes a line of
    its own in pdfminer's layout, often in a box of bullets; it goes back to its text."""
    bullets = [line for line in page.lines if _BULLET_ONLY.match(line.text)]
    attached = set()
    for bullet in bullets:
        middle = (bullet.y0 + bullet.y1) / 2
        partners = [
            line
            for line in page.lines
            if not _BULLET_ONLY.match(line.text)
            and line.y0 <= middle <= line.y1
            and bullet.x1 - 1 <= line.x0 <= bullet.x1 + 8 * bullet.height
        ]
        if partners:
            partner = min(partners, key=lambda line: line.x0)
            partner.text = f"{bullet.text} {partner.text}"
            attached.add(id(bullet))
    page.lines = [line for line in page.lines if id(line) not in attached]


def _right_edge(line: _Line, page_lines: list[_Line]) -> float:
    """Where the lines of this line's column end: the widest line overlapping it."""
    return max(
        (other.x1 for other in page_lines if other.x0 < line.x1 and line.x0 < other.x1),
        default=line.x1,
    )


def _continues(line: _Line, following: _Line, right_edge: float) -> bool:
    """Whether `following` continues `line` (a break made by the layout, not the author)."""
    if marker_length(following.text):
        return False
    text = line.text
    hyphenated = text.endswith((*_HYPHENS, _SOFT_HYPHEN)) and text[-2:-1].isalnum()
    if not hyphenated and _ends_sentence(text):
        return False
    space = 0.25 * line.height
    return line.x1 + space + following.first_word_width > right_edge - 0.5


def _ends_sentence(text: str) -> bool:
    """A line ending in '!', '?', ':' or ';', or in a full stop after a word that is no
    abbreviation, an ordinal or a day ("z. B.", "Dr.", "15." go on)."""
    if text.endswith(("!", "?", ":", ";")):
        return True
    if not text.endswith("."):
        return False
    word = text.rsplit(None, 1)[-1].rstrip(".").lstrip("(\"„")
    return len(word) > 3 and "." not in word and word.casefold() not in _ABBREVIATIONS


def _join(text: str, following: str) -> str:
    if text.endswith(_SOFT_HYPHEN):
        return text[:-1] + following
    if text.endswith(_HYPHENS) and text[-2:-1].isalpha():
        first_word = re.split(r"[\s,;.]", following, maxsplit=1)[0]
        if first_word[:1].islower():
            if first_word.casefold() in _CONJUNCTIONS:
                return f"{text} {following}"  # "Anerkennungs- und Qualifizierungsberatung"
            return text[:-1] + following  # "Einwan-" "derung"
        return text + following  # "IQ-" "Netzwerk"
    if text.endswith(_HYPHENS) and text[-2:-1].isdigit():
        return text + following  # "2015-" "2018"
    return f"{text} {following}"

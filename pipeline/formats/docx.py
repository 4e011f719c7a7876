"""DOCX (.docx): the body as lines, in the form segment.py reads minutes written in text.

python-docx opens the package and resolves styles and numbering parts; the text itself is
read from the WordprocessingML directly, so that tracked deletions, field codes and the
fallback copies of text boxes stay out:

- one paragraph is one line (an empty paragraph an empty line; a manual line break a
  line break);
- headings, by style ("Heading 1" / "Überschrift 1", "Title", styles based on them) or
  by outline level, become "# Heading" lines;
- list paragraphs (numbering set on the paragraph or its style) become items with the
  marker Word shows: "-" for bullets, "1." / "a)" / "(1)" for numbers, counted per list
  and level, indented two spaces per level;
- a paragraph that is bold throughout becomes "**Label:**";
- tables become one line per row, cells joined by " | ", with a blank line around.

Page headers and footers, footnotes and comments are not part of the body and are left
out. Zip bombs: the declared uncompressed sizes in the archive's directory are checked
before anything is unpacked (and zipfile never inflates a member beyond its declared
size).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from lxml.etree import _Element

from pipeline.formats import ConversionError, collapse_spaces, describe, tidy_lines

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000
# Word's XML deflates by 5-20x; a member above this ratio (and 1 MiB) is a crafted one.
MAX_COMPRESSION_RATIO = 200
_RATIO_CHECK_BYTES = 1024 * 1024
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_R, _T, _TAB, _BR, _CR = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN, _TEXT_BOX = qn("w:noBreakHyphen"), qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Not part of the visible text: properties, deleted or moved-away text, field codes, and
# the duplicate of a text box that old Word versions read.
_SKIPPED = frozenset({
    qn("w:pPr"), qn("w:rPr"), qn("w:del"), qn("w:moveFrom"), qn("w:instrText"),
    qn("w:delText"), _FALLBACK, _TEXT_BOX,
})
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "titel"})
_BULLET_STYLE = re.compile(r"^(?:list bullet|aufzählungszeichen)", re.IGNORECASE)
_NUMBER_STYLE = re.compile(r"^(?:list number|listennummer)", re.IGNORECASE)
_FALSE_VALUES = frozenset({"0", "false", "off"})
_MAX_LEVEL = 9


def extract_text(data: bytes) -> str:
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx and zipfile raise many types on damaged files
        raise ConversionError(f"damaged DOCX ({describe(err)})") from err
    reader = _Reader(document)
    reader.blocks(document.element.body)
    return tidy_lines(reader.lines)


def _check_archive(data: bytes) -> None:
    if data.startswith(_OLE_SIGNATURE):
        raise ConversionError(
            "not a DOCX: an old .doc file or a password-protected document (OLE container)"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as err:  # BadZipFile, and struct/ValueErrors on mangled directories
        reason = f"damaged DOCX (not a readable ZIP archive: {describe(err)})"
        raise ConversionError(reason) from err
    if len(members) > MAX_MEMBERS:
        raise ConversionError(f"DOCX with {len(members)} parts (limit {MAX_MEMBERS})")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ConversionError(
            f"DOCX unpacks to {unpacked} bytes, over the limit of {MAX_UNPACKED_BYTES} "
            "(zip bomb?)"
        )
    for member in members:
        if (
            member.file_size > _RATIO_CHECK_BYTES
            and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            raise ConversionError(
                f"DOCX part {member.filename!r} inflates {member.file_size} bytes from "
                f"{member.compress_size} (zip bomb?)"
            )
    if "[Content_Types].xml" not in {member.filename for member in members}:
        raise ConversionError("not a DOCX (a ZIP archive without [Content_Types].xml)")


class _Reader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.lines: list[str] = []
        self.numbering = _Numbering(document)
        self._style_counters: dict[str, int] = {}

    def blocks(self, container: _Element) -> None:
        for child in container.iterchildren():
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag in (_SDT, _CUSTOM_XML):  # content controls wrap ordinary blocks
                content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
                if content is not None:
                    self.blocks(content)

    def paragraph(self, p: _Element) -> None:
        text = _paragraph_text(p)
        style = self._style(p)
        level = _heading_level(p, style)
        stripped = text.strip()
        if stripped and level is not None:
            self.lines.append(f"{'#' * min(level, 6)} {collapse_spaces(stripped)}")
        elif stripped and (marker := self._list_marker(p, style)) is not None:
            marker_text, depth = marker
            first, *rest = text.strip().split("\n")
            self.lines.append(f"{'  ' * depth}{marker_text} {first.strip()}")
            self.lines.extend(rest)
        elif stripped and len(stripped) <= 150 and "\n" not in stripped and _all_bold(p):
            self.lines.append(f"**{stripped}**")
        else:
            self.lines.extend(text.split("\n"))
        for box in _text_boxes(p):
            self.blocks(box)

    def table(self, tbl: _Element) -> None:
        self.lines.append("")
        for row in tbl.iterchildren(_TR):
            cells = [_cell_text(cell) for cell in row.iterchildren(_TC)]
            if any(cells):
                self.lines.append(" | ".join(cells))
        self.lines.append("")

    def _style(self, p: _Element) -> BaseStyle | None:
        """The paragraph's style (the document's default one when it names none)."""
        style_id = _val(p, "w:pPr", "w:pStyle") or None
        try:
            return self.document.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
        except (KeyError, ValueError):
            return None

    def _list_marker(self, p: _Element, style: BaseStyle | None) -> tuple[str, int] | None:
        num_id, level = _numbering_reference(p, style)
        if num_id is not None:
            return self.numbering.marker(num_id, level)
        name = _style_name(style)
        if _BULLET_STYLE.match(name):
            return "-", 0
        if _NUMBER_STYLE.match(name):
            count = self._style_counters.get(name, 0) + 1
            self._style_counters[name] = count
            return f"{count}.", 0
        return None


def _paragraph_text(p: _Element) -> str:
    parts: list[str] = []

    def walk(element: _Element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag in _SKIPPED or not isinstance(tag, str):
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _text_boxes(p: _Element) -> Iterator[_Element]:
    for box in p.iter(_TEXT_BOX):
        if not any(ancestor.tag == _FALLBACK for ancestor in box.iterancestors()):
            yield box


def _cell_text(cell: _Element) -> str:
    texts = [_paragraph_text(p) for p in cell.iter(_P)]
    return collapse_spaces(" ".join(text.replace("\n", " ") for text in texts))


def _all_bold(p: _Element) -> bool:
    runs = [run for run in p.iter(_R) if _paragraph_text(run).strip()]
    if not runs:
        return False
    for run in runs:
        bold = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
        if bold is None or bold.get(qn("w:val"), "true").lower() in _FALSE_VALUES:
            return False
    return True


def _style_chain(style: BaseStyle | None) -> Iterator[BaseStyle]:
    seen: set[int] = set()
    while style is not None and id(style.element) not in seen:
        seen.add(id(style.element))
        yield style
        style = style.base_style


def _style_name(style: BaseStyle | None) -> str:
    return (style.name or "") if style is not None else ""


def _heading_level(p: _Element, style: BaseStyle | None) -> int | None:
    own = _outline_level(p.find(qn("w:pPr")))
    if own is not None:
        return own
    for link in _style_chain(style):
        name = _style_name(link).strip()
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1))
        if name.casefold() in _TITLE_STYLES:
            return 1
        level = _outline_level(link.element.find(qn("w:pPr")))
        if level is not None:
            return level
    return None


def _outline_level(ppr: _Element | None) -> int | None:
    """Outline level 0-8 is heading 1-9; 9 is body text."""
    if ppr is None:
        return None
    value = _int(_val(ppr, "w:outlineLvl"))
    return value + 1 if value is not None and 0 <= value < _MAX_LEVEL else None


def _numbering_reference(p: _Element, style: BaseStyle | None) -> tuple[str | None, int]:
    """The paragraph's (numId, level): its own numPr, else its style's."""
    sources = [p.find(qn("w:pPr"))] + [link.element.find(qn("w:pPr")) for link in
                                        _style_chain(style)]
    num_id: str | None = None
    level: int | None = None
    for ppr in sources:
        if ppr is None:
            continue
        if num_id is None:
            found = _val(ppr, "w:numPr", "w:numId")
            num_id = found or None
        if level is None:
            level = _int(_val(ppr, "w:numPr", "w:ilvl"))
    if num_id is None or num_id == "0":  # numId 0 switches numbering off
        return None, 0
    return num_id, min(max(level or 0, 0), _MAX_LEVEL - 1)


def _val(element: _Element, *path: str) -> str:
    """The w:val attribute of the element at `path` (tags like "w:numPr") below
    `element`, or "" where there is none."""
    for tag in path:
        found = element.find(qn(tag))
        if found is None:
            return ""
        element = found
    return element.get(qn("w:val"), "")


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


class _Numbering:
    """Word's list numbering: numId -> abstract definition -> per-level format and text."""

    def __init__(self, document: Document) -> None:
        self._abstract_of: dict[str, str] = {}
        self._start_overrides: dict[tuple[str, int], int] = {}
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, ValueError):
            return
        for num in root.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            abstract = _val(num, "w:abstractNumId")
            if num_id is None or not abstract:
                continue
            self._abstract_of[num_id] = abstract
            for override in num.iterchildren(qn("w:lvlOverride")):
                level = _int(override.get(qn("w:ilvl"), ""))
                start = _int(_val(override, "w:startOverride"))
                if level is not None and start is not None:
                    self._start_overrides[(num_id, level)] = start
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                level = _int(lvl.get(qn("w:ilvl"), ""))
                if level is None:
                    continue
                levels[level] = (
                    _val(lvl, "w:numFmt") or "decimal",
                    _val(lvl, "w:lvlText"),
                    _int(_val(lvl, "w:start")) or 1,
                )
            self._levels[abstract.get(qn("w:abstractNumId"), "")] = levels

    def marker(self, num_id: str, level: int) -> tuple[str, int] | None:
        definition = self._levels.get(self._abstract_of.get(num_id, ""), {}).get(level)
        if definition is None:
            return "-", level  # numbered, but its definition is missing: an item still
        number_format, level_text, start = definition
        if number_format == "bullet":
            return "-", level
        if number_format == "none" or "%" not in level_text:
            return None
        counters = self._counters.setdefault(num_id, [None] * _MAX_LEVEL)
        current = counters[level]
        counters[level] = (
            self._start_overrides.get((num_id, level), start) if current is None else current + 1
        )
        for deeper in range(level + 1, _MAX_LEVEL):
            counters[deeper] = None
        return _format_marker(counters[level] or 0, number_format, level_text), level


def _format_marker(number: int, number_format: str, level_text: str) -> str:
    """The marker of the level's own number in a form segment.py recognises: "1." "2)"
    "(3)" "a)". Multi-level texts ("%1.%2.") show the last level's number only."""
    placeholder = list(re.finditer(r"%\d", level_text))[-1]
    before = level_text[placeholder.start() - 1 : placeholder.start()]
    after = level_text[placeholder.end() : placeholder.end() + 1]
    if number_format in ("lowerLetter", "upperLetter"):
        letters = _letters(number)
        shown = letters.upper() if number_format == "upperLetter" else letters
        return f"({shown})" if before == "(" else f"{shown})"
    if number_format in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        shown = roman if number_format == "upperRoman" else roman.lower()
    else:
        shown = str(number)
    if before == "(":
        return f"({shown})"
    return f"{shown}{after if after in ('.', ')') else '.'}"


def _letters(number: int) -> str:
    number = max(number, 1)
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _roman(number: int) -> str:
    numerals = (
        ("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
        ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1),
    )
    out = ""
    number = max(number, 1)
    for symbol, value in numerals:
        while number >= value:
            out += symbol
            number -= value
    return out

"""HTML (.html, .htm): the page's main content as lines of markdown-like text.

Parsing is BeautifulSoup over lxml (both lenient with the tag soup that CMS exports
contain). Main content: site furniture is removed first (navigation, page header and
footer, sidebars, cookie banners, skip links, hidden elements: by element, ARIA role
and id/class words), then the `<main>` element (or the only `<article>`) is taken where
the page has one, else the body. Lines that are only a piece of boilerplate ("Zum
Inhalt springen", "Zurück zum Seitenanfang", "Sie sind hier: ...") are dropped.

The output reads as minutes written in text do, so that segment.py finds the same
structure: headings as "## Heading", list items as "- item" / "1. item" (indented two
spaces per nesting level), a paragraph that is bold throughout as "**Label:**", table
rows as cells joined by " | ", quotes as "> ", `<br>` as a line break, blocks separated
by a blank line.
"""

from __future__ import annotations

import codecs
import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EncodingDetector
from bs4.element import PreformattedString

from pipeline.formats import ConversionError, collapse_spaces, tidy_lines
from pipeline.formats.text import decode_text, reject_binary

_DROPPED_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "head", "nav", "aside", "dialog", "menu", "button", "input", "select", "textarea",
    "option", "map", "audio", "video",
)
_PAGE_FURNITURE_TAGS = ("header", "footer")
_DROPPED_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog",
    "alertdialog", "menu", "menubar", "toolbar",
})
# Words in id/class values that name site furniture ("main-navigation", "cookie-banner").
_FURNITURE_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "skip", "skiplink",
    "sidebar", "footer", "share", "sharing", "social", "newsletter", "pagination", "pager",
    "toolbar", "topbar", "backtotop", "totop", "sronly", "screenreader", "cookie",
    "cookies", "consent", "gdpr", "cookiebanner", "cookieconsent",
})
_CLASS_WORD = re.compile(r"[a-z]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CONTENT_ROOTS = ("main", "article")

# Whole lines that are navigation, not minutes (compared casefolded, edge symbols removed).
_BOILERPLATE_LINES = frozenset({
    "zum inhalt springen", "zum hauptinhalt springen", "direkt zum inhalt",
    "zur navigation springen", "zur hauptnavigation springen", "navigation überspringen",
    "zurück zum seitenanfang", "zum seitenanfang", "seitenanfang", "nach oben",
    "zurück nach oben", "sie sind hier", "zurück", "seite drucken", "drucken",
    "druckversion", "seite teilen", "teilen", "seite empfehlen", "skip to content",
    "skip to main content", "back to top", "cookie-einstellungen", "cookies akzeptieren",
    "alle akzeptieren", "alle cookies akzeptieren",
})
_BOILERPLATE_PREFIXES = (
    "sie sind hier:", "diese website verwendet cookies", "diese webseite verwendet cookies",
    "wir verwenden cookies", "this website uses cookies",
)
_EDGE_SYMBOLS = re.compile(r"^[\W_]+|[\W_]+$")
_LIST_PREFIX = re.compile(r"^\s*(?:[-*]|\d+[.)]|[a-z][.)])\s+")

# WHATWG encoding labels that browsers read as Windows-1252.
_WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
                                  "ascii", "us-ascii", "windows-1252", "cp1252"})

_HEADING = re.compile(r"h([1-6])")
_BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup",
    "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "h1", "h2", "h3", "h4", "h5", "h6",
})
_BOLD_TAGS = frozenset({"b", "strong"})


def extract_text(data: bytes) -> str:
    return convert_html(data)[0]


def convert_html(data: bytes) -> tuple[str, str]:
    """Bytes to (main-content text, the encoding the page was decoded from)."""
    markup, encoding = decode_html(data)
    try:
        return html_to_text(markup), encoding
    except RecursionError as err:
        raise ConversionError("HTML nested too deeply to read") from err


def decode_html(data: bytes) -> tuple[str, str]:
    """Bytes to (markup, encoding): a BOM, else the page's own charset declaration, else
    the text detection (UTF-8 first)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        markup, encoding = decode_text(data)
        return markup.removeprefix("\ufeff"), encoding  # markup: no offsets refer to it
    if b"\x00" in data:
        raise ConversionError("binary content (NUL bytes), not an HTML file")
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    codec = _codec_for_label(declared) if declared else None
    if codec is not None:
        try:
            markup = data.decode(codec)
        except UnicodeDecodeError:
            pass  # a wrong declaration: detect instead, as browsers do
        else:
            reject_binary(markup)
            return markup, codec
    return decode_text(data)


def _codec_for_label(label: str) -> str | None:
    label = label.strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A UTF-16 declaration in an ASCII-compatible byte stream is wrong (a BOM would have
    # said UTF-16): browsers read it as UTF-8.
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def html_to_text(markup: str) -> str:
    soup = BeautifulSoup(markup, "lxml")
    _remove_furniture(soup)
    renderer = _Renderer()
    renderer.block(_content_root(soup))
    renderer.flush()
    return tidy_lines([line for line in renderer.lines if not _is_boilerplate(line)])


def _remove_furniture(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    # Never remove the content itself or anything around it (a <body class="has-sidebar">).
    protected = {id(parent) for root in _content_roots(soup) for parent in root.parents}
    page_chars = len(soup.get_text())
    doomed: list[Tag] = []
    for tag in soup.find_all(True):
        if tag.name in ("html", "body", *_CONTENT_ROOTS) or id(tag) in protected:
            continue
        if (
            (tag.name in _PAGE_FURNITURE_TAGS and tag.find_parent(_CONTENT_ROOTS) is None)
            or str(tag.get("role", "")).lower() in _DROPPED_ROLES
            or _is_hidden(tag)
            # A class word is weaker evidence: a wrapper named "content-sidebar-wrap"
            # that holds most of the page is not furniture.
            or (_names_furniture(tag) and len(tag.get_text()) <= 0.5 * page_chars)
        ):
            doomed.append(tag)
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()


def _content_roots(soup: BeautifulSoup) -> list[Tag]:
    return [*soup.find_all(_CONTENT_ROOTS), *soup.find_all(role="main")]


def _is_hidden(tag: Tag) -> bool:
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden", "")).lower() == "true"
        or bool(_HIDDEN_STYLE.search(str(tag.get("style", ""))))
    )


def _names_furniture(tag: Tag) -> bool:
    classes = tag.get("class") or []
    values = [*classes] if isinstance(classes, list) else [str(classes)]
    values.append(str(tag.get("id", "")))
    for value in values:
        lowered = value.lower()
        words = set(_CLASS_WORD.findall(lowered))
        if words & _FURNITURE_WORDS or re.sub(r"[^a-z]", "", lowered) in _FURNITURE_WORDS:
            return True
    return False


def _content_root(soup: BeautifulSoup) -> Tag:
    candidates = soup.find_all("main") + soup.find_all(role="main")
    if not candidates:
        articles = soup.find_all("article")
        candidates = articles if len(articles) == 1 else []
    candidates = [tag for tag in candidates if tag.get_text(strip=True)]
    if candidates:
        return max(candidates, key=lambda tag: len(tag.get_text()))
    return soup.body or soup


def _is_boilerplate(line: str) -> bool:
    words = collapse_spaces(_LIST_PREFIX.sub("", line).replace("*", " ")).casefold()
    bare = _EDGE_SYMBOLS.sub("", words)
    return bool(bare) and (bare in _BOILERPLATE_LINES or words.startswith(_BOILERPLATE_PREFIXES))


class _Renderer:
    """Walks the content tree, collecting inline text into paragraphs and emitting lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._runs: list[tuple[str, bool]] = []  # (text, inside <b>/<strong>)
        self._bold_depth = 0
        self._quote_depth = 0
        self._item_prefix: str | None = None  # marker of the list item being collected

    # -- emitting -------------------------------------------------------------------

    def _emit(self, line: str) -> None:
        self.lines.append("> " * self._quote_depth + line if line else "")

    def flush(self, blank_after: bool = True) -> None:
        """End the paragraph being collected: its lines (split at <br>) are emitted."""
        runs, self._runs = self._runs, []
        text = "".join(part for part, _ in runs)
        lines = [collapse_spaces(line) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return
        prefix, self._item_prefix = self._item_prefix, None
        if prefix is not None:
            self._emit(prefix + lines[0])
            indent = " " * len(prefix)
            for line in lines[1:]:
                self._emit(indent + line)
            return
        bold_text = "".join(part for part, bold in runs if bold)
        if len(lines) == 1 and collapse_spaces(bold_text) == lines[0] and len(lines[0]) <= 150:
            lines = [f"**{lines[0]}**"]  # a bold label, as segment.py knows it from text
        for line in lines:
            self._emit(line)
        if blank_after:
            self._emit("")

    # -- walking --------------------------------------------------------------------

    def block(self, node: Tag) -> None:
        for child in node.children:
            self.node(child)

    def node(self, node: object) -> None:
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, CDATA, doctype
                self._runs.append((re.sub(r"[ \t\n\r\f]+", " ", str(node)), self._bold_depth > 0))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name == "br":
            self._runs.append(("\n", False))
        elif _HEADING.fullmatch(name):
            self.flush()
            self._heading(node, int(name[1]))
        elif name in ("ul", "ol"):
            self.flush()
            self._list(node, depth=0)
            self._emit("")
        elif name == "table":
            self.flush()
            self._table(node)
        elif name == "pre":
            self.flush()
            for line in node.get_text().splitlines():
                self._emit(line.rstrip())
            self._emit("")
        elif name == "blockquote":
            self.flush()
            self._quote_depth += 1
            self.block(node)
            self.flush()
            self._quote_depth -= 1
            self._emit("")
        elif name == "hr":
            self.flush()
        elif name in _BLOCK_TAGS:
            self.flush()
            self.block(node)
            self.flush()
        elif name in _BOLD_TAGS:
            self._bold_depth += 1
            self.block(node)
            self._bold_depth -= 1
        else:
            self.block(node)

    def _heading(self, node: Tag, level: int) -> None:
        text = collapse_spaces(node.get_text(" "))
        if text:
            self._emit("")
            self._emit(f"{'#' * level} {text}")
            self._emit("")

    def _list(self, node: Tag, depth: int) -> None:
        ordered = node.name == "ol"
        number = _int_attr(node, "start", 1)
        list_type = str(node.get("type", "1"))
        for child in node.children:
            if not isinstance(child, Tag):
                continue
            if child.name in ("ul", "ol"):  # invalid but common: a list directly in a list
                self.flush(blank_after=False)
                self._list(child, depth + 1)
            elif child.name == "li":
                number = _int_attr(child, "value", number)
                marker = _ordinal(number, list_type) if ordered else "-"
                self._item_prefix = f"{'  ' * depth}{marker} "
                number += 1
                self._item(child, depth)
            else:
                self.node(child)
        self.flush(blank_after=False)

    def _item(self, item: Tag, depth: int) -> None:
        for child in item.children:
            if isinstance(child, Tag) and child.name in ("ul", "ol"):
                self.flush(blank_after=False)
                self._list(child, depth + 1)
            elif isinstance(child, Tag) and child.name in _BLOCK_TAGS:
                # Paragraphs inside an item continue its text on the same line.
                self._runs.append((" ", False))
                self._inline(child)
                self._runs.append((" ", False))
            else:
                self.node(child)
        self.flush(blank_after=False)
        self._item_prefix = None

    def _inline(self, node: Tag) -> None:
        """A block inside a list item or a table cell, read as inline text."""
        if node.name in ("ul", "ol", "table"):
            self._runs.append((collapse_spaces(node.get_text(" ")), False))
            return
        for child in node.children:
            if isinstance(child, Tag) and child.name in _BLOCK_TAGS:
                self._runs.append((" ", False))
                self._inline(child)
                self._runs.append((" ", False))
            elif isinstance(child, Tag) and child.name == "br":
                self._runs.append((" ", False))
            else:
                self.node(child)

    def _table(self, table: Tag) -> None:
        rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
        cells_by_row = [row.find_all(("td", "th"), recursive=False) for row in rows]
        if any(cell.find(("ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table"))
               for cells in cells_by_row for cell in cells):
            # A layout table: its cells are page regions, read one after the other.
            for cells in cells_by_row:
                for cell in cells:
                    self.block(cell)
                    self.flush()
            return
        for cells in cells_by_row:
            texts = []
            for cell in cells:
                self._inline(cell)
                texts.append(collapse_spaces("".join(part for part, _ in self._runs)))
                self._runs = []
            if any(texts):
                self._emit(" | ".join(texts))
        self._emit("")


def _int_attr(tag: Tag, name: str, default: int) -> int:
    try:
        return int(str(tag.get(name, default)).strip())
    except ValueError:
        return default


def _ordinal(number: int, list_type: str) -> str:
    """The marker of an ordered list entry, in a form segment.py recognises."""
    if list_type in ("a", "A") and 1 <= number <= 26:
        letter = chr(ord("a" if list_type == "a" else "A") + number - 1)
        return f"{letter})"
    if list_type in ("i", "I") and 1 <= number < 40:
        roman = _roman(number)
        return f"{roman if list_type == 'I' else roman.lower()}."
    return f"{number}."


def _roman(number: int) -> str:
    numerals = (("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
    out = ""
    for symbol, value in numerals:
        while number >= value:
            out += symbol
            number -= value
    return out

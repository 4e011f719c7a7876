#!/usr/bin/env python3
"""Convert inline-annotated minutes (corpus/src/*.txt) into raw text + gold JSON.

Inline syntax (stdlib only, no nesting):

    [[PER|Stephan Schiele]]                 entity without value
    [[DATE=2024-05-15|15. Mai 2024]]        entity with normalised value
    [[BUNDESLAND=RP|RLP]]
    - {{challenge}}Datenaustausch ...       item: marker where the item text starts

For a source ``corpus/src/NAME.txt`` the converter writes ``corpus/raw/NAME.txt``
(UTF-8, LF, no BOM) and ``corpus/gold/NAME.json`` (a source under
``corpus/items_only/src/`` likewise into ``corpus/items_only/raw`` and ``gold``) in the format of
``shared/spec/annotation.md``.  An item runs from its marker position to the end
of its line, trailing whitespace excluded.

Usage:
    python3 corpus/tools/inline_to_gold.py [--lint] [SRC ...]

Without SRC all ``corpus/src/*.txt`` are converted.  ``--lint`` additionally
prints heuristic warnings (unmarked list lines, untagged repeats of tagged
strings, untagged state codes / date-like strings) for manual review; the
warnings never change the output.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

LABELS = {"PER", "ORG", "LOC", "DATE", "BUNDESLAND"}
VALUE_LABELS = {"DATE", "BUNDESLAND"}
CATEGORIES = {"challenge", "solution", "benefit", "need", "topic", "other"}
STATE_CODES = {
    "BW",
    "BY",
    "BE",
    "BB",
    "HB",
    "HH",
    "HE",
    "MV",
    "NI",
    "NW",
    "RP",
    "SL",
    "SN",
    "ST",
    "SH",
    "TH",
}
_D = r"(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?)?"
DATE_VALUE_RE = re.compile(rf"^{_D}(?:/{_D})?$")

TOKEN_RE = re.compile(r"\[\[([A-Z]+)(?:=([^|\]]*))?\|([^\[\]|]+)\]\]|\{\{([a-z]+)\}\}")
# Emoji bullets (✅, ⚠️, 👉) as pipeline/segment.py reads them: a pictographic symbol, with
# an optional variation selector.
EMOJI = "(?:[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?)"
MARKER_PREFIX_RE = re.compile(
    rf"^[ \t]*(?:(?:[-*•·–o▪➢]|{EMOJI}|\d{{1,2}}\.|[a-z]\)|\d{{1,2}}\))[ \t]+)*$"
)
LIST_LINE_RE = re.compile(
    rf"^[ \t]*(?:[-*•·–▪➢]|{EMOJI}|o(?=[ \t])|\d{{1,2}}\.(?=[ \t])|[a-z]\))[ \t]+\S"
)

ROOT = Path(__file__).resolve().parents[1]


class AnnotationError(Exception):
    pass


def parse(src: str, name: str):
    """Strip the inline markup; return raw text, entities and items."""
    out: list[str] = []
    pos = 0  # position in raw output
    last = 0  # position in src
    entities = []
    item_starts: list[tuple[int, str]] = []
    for m in TOKEN_RE.finditer(src):
        chunk = src[last : m.start()]
        if "[[" in chunk or "]]" in chunk or "{{" in chunk or "}}" in chunk:
            raise AnnotationError(f"{name}: malformed markup near {chunk[-60:]!r}")
        out.append(chunk)
        pos += len(chunk)
        last = m.end()
        label, value, text, cat = m.groups()
        if cat is not None:
            if cat not in CATEGORIES:
                raise AnnotationError(f"{name}: unknown category {cat!r}")
            item_starts.append((pos, cat))
            continue
        if label not in LABELS:
            raise AnnotationError(f"{name}: unknown label {label!r} ({text!r})")
        if (label in VALUE_LABELS) != (value is not None):
            raise AnnotationError(f"{name}: value presence wrong for {label} {text!r}")
        if text != text.strip():
            raise AnnotationError(f"{name}: entity with outer whitespace {text!r}")
        ent = {"start": pos, "end": pos + len(text), "label": label, "text": text}
        if label == "DATE" and not DATE_VALUE_RE.match(value):
            raise AnnotationError(f"{name}: bad DATE value {value!r} for {text!r}")
        if label == "BUNDESLAND" and value not in STATE_CODES:
            raise AnnotationError(f"{name}: bad BUNDESLAND value {value!r} for {text!r}")
        if value is not None:
            ent["value"] = value
        entities.append(ent)
        out.append(text)
        pos += len(text)
    tail = src[last:]
    if "[[" in tail or "]]" in tail or "{{" in tail or "}}" in tail:
        raise AnnotationError(f"{name}: malformed markup near {tail[:60]!r}")
    out.append(tail)
    raw = "".join(out)

    items = []
    for start, cat in item_starts:
        line_start = raw.rfind("\n", 0, start) + 1
        line_end = raw.find("\n", start)
        if line_end == -1:
            line_end = len(raw)
        end = start + len(raw[start:line_end].rstrip())
        if end <= start:
            raise AnnotationError(f"{name}: empty item at {start}")
        prefix = raw[line_start:start]
        if not MARKER_PREFIX_RE.match(prefix):
            raise AnnotationError(f"{name}: item at {start} preceded by {prefix!r}, not a marker")
        if raw[start].isspace():
            raise AnnotationError(f"{name}: item at {start} starts with whitespace")
        items.append({"start": start, "end": end, "category": cat, "text": raw[start:end]})
    return raw, entities, items


def validate(raw: str, entities: list[dict], items: list[dict], name: str) -> None:
    prev_end = -1
    for e in entities:
        if raw[e["start"] : e["end"]] != e["text"]:
            raise AnnotationError(f"{name}: span mismatch {e}")
        if e["start"] < prev_end:
            raise AnnotationError(f"{name}: overlapping entity {e}")
        prev_end = e["end"]
        if e["label"] not in LABELS:
            raise AnnotationError(f"{name}: label {e}")
        if ("value" in e) != (e["label"] in VALUE_LABELS):
            raise AnnotationError(f"{name}: value presence {e}")
    seen = set()
    for it in items:
        if raw[it["start"] : it["end"]] != it["text"]:
            raise AnnotationError(f"{name}: item span mismatch {it}")
        if it["category"] not in CATEGORIES:
            raise AnnotationError(f"{name}: category {it}")
        if it["start"] in seen:
            raise AnnotationError(f"{name}: duplicate item {it}")
        seen.add(it["start"])


def lint(raw: str, entities: list[dict], items: list[dict], name: str) -> list[str]:
    warns = []
    covered = [False] * len(raw)
    for e in entities:
        for i in range(e["start"], e["end"]):
            covered[i] = True
    item_lines = set()
    for it in items:
        item_lines.add(raw.count("\n", 0, it["start"]))
    offset = 0
    for ln, line in enumerate(raw.split("\n")):
        if LIST_LINE_RE.match(line) and ln not in item_lines:
            warns.append(f"line {ln + 1} looks like a list entry but is no item: {line[:70]!r}")
        offset += len(line) + 1
    # untagged repeats of tagged surface strings
    for s in sorted({e["text"] for e in entities if len(e["text"]) >= 2}):
        for m in re.finditer(rf"(?<![\w@.\-]){re.escape(s)}(?![\w@\-])", raw):
            if not any(covered[m.start() : m.end()]):
                ctx = raw[max(0, m.start() - 25) : m.end() + 25].replace("\n", "⏎")
                warns.append(f"untagged {s!r} at {m.start()}: …{ctx}…")
    codes = r"BW|BY|BE|BB|HB|HH|HE|MV|NI|NW|RP|SL|SN|ST|SH|TH|RLP|NRW|LSA|S-H|M-V|BaWü"
    date_like = (
        r"\b\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?|\b(?:19|20)\d\d\b|\b(?:Januar|Februar|März|April|Mai|Juni|"
        r"Juli|August|September|Oktober|November|Dezember)\b"
    )
    state_pat = rf"(?<![\w\-])(?:{codes})(?![\w\-])"
    # Documents annotated for items only (corpus/items_only) have no entities to check.
    entity_checks = ((state_pat, "state code"), (date_like, "date-like")) if entities else ()
    for pat, what in entity_checks:
        for m in re.finditer(pat, raw):
            if not any(covered[m.start() : m.end()]):
                ctx = raw[max(0, m.start() - 25) : m.end() + 25].replace("\n", "⏎")
                warns.append(f"untagged {what} {m.group()!r} at {m.start()}: …{ctx}…")
    return warns


def convert(src_path: Path, do_lint: bool = False) -> tuple[Path, Path]:
    name = src_path.name
    src = src_path.read_text(encoding="utf-8")
    if src.startswith("\ufeff"):
        raise AnnotationError(f"{name}: BOM in source")
    src = src.replace("\r\n", "\n")
    raw, entities, items = parse(src, name)
    entities.sort(key=lambda e: (e["start"], e["end"]))
    items.sort(key=lambda i: i["start"])
    validate(raw, entities, items, name)
    raw_bytes = raw.encode("utf-8")
    # raw/ and gold/ are siblings of the source's src/ folder: corpus/ or corpus/items_only/.
    root = src_path.resolve().parent.parent
    raw_path = root / "raw" / name
    gold_path = root / "gold" / (src_path.stem + ".json")
    raw_path.write_bytes(raw_bytes)
    gold = {
        "doc": name,
        "text_sha256": hashlib.sha256(raw_bytes).hexdigest(),
        "entities": entities,
        "items": items,
    }
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if do_lint:
        for w in lint(raw, entities, items, name):
            print(f"[lint] {name}: {w}")
    return raw_path, gold_path


def main(argv: list[str]) -> int:
    do_lint = "--lint" in argv
    args = [a for a in argv if a != "--lint"]
    paths = [Path(a) for a in args] or sorted((ROOT / "src").glob("*.txt"))
    for p in paths:
        raw_path, gold_path = convert(p, do_lint)
        print(f"{p.name}: wrote {raw_path}, {gold_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

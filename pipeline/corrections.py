"""Corrections: reviewed entities and items -> gold files (shared/spec/annotation.md).

A correction table is the review's `entities` or `items` DataFrame (`pipeline.review`), or a
CSV file written from it (`Review.to_csv`, `minutes corrections export`; `minutes export
--format csv` tables work too). Its rows patch the records:

- a row with an `entity_index` / `item_index` stands for that entry of the record: its
  `verdict` "wrong" removes it; otherwise its `label` / `category`, `start`, `end` and
  `value` replace the record's (an empty cell keeps the record's);
- a row without an index adds an entity or item (verdict "wrong" leaves it out);
- entries without a row, and rows nobody touched, stay as extracted, so a table filtered
  down to the rows one has looked at is a valid correction table.

Documents are named by `doc` or by `text_sha256`. A gold file is written for every document
that has a verdict or a change (or for the ones named with `docs`), never for documents
nobody looked at: their predictions are no gold.

Every span is checked against the source text (the record's `source_text`, else the file
at its `source_path` whose bytes still hash to `text_sha256`): offsets inside the text, a
non-empty `text` cell equal to source[start:end] (so an offset edited without its text, or
the reverse, is caught), no whitespace at either end, known labels and categories, a valid
`value` for DATE and BUNDESLAND (derived from the text where the span or label changed and
no new value is given; where it cannot be, a value left standing from the old span of the
same label is kept, with a warning), no overlapping entities or items. Nothing is written unless
every document passes; the gold files are then written atomically, in the corpus/gold
format, so they can go straight into training.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from pipeline.records import (
    ENTITY_LABELS,
    ITEM_CATEGORIES,
    VALUED_LABELS,
    DocumentRecord,
    Entity,
    Item,
)
from pipeline.review import VERDICTS, Review, SourceTextError, load_review

TableKind = Literal["entities", "items"]
CorrectionInput = Review | pd.DataFrame | str | Path
Action = Literal[
    "confirmed", "removed", "added", "relabelled", "respanned", "revalued", "recategorised"
]

_DATE_POINT = r"(?:\d{4}|XXXX)(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
DATE_VALUE = re.compile(rf"^{_DATE_POINT}(?:/{_DATE_POINT})?$")
# Either spelling of the offsets: the review's (and the records') or the exported tables'.
_START_COLUMNS = ("start", "char_start")
_END_COLUMNS = ("end", "char_end")


class CorrectionError(ValueError):
    """Corrections that cannot become gold; `problems` says what, where. Nothing written."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s), no gold file written:\n{shown}")


@dataclass(frozen=True)
class Change:
    doc: str
    kind: Literal["entity", "item"]
    index: int | None  # position in the record's list; None for an added entry
    action: Action
    before: str | None
    after: str | None


@dataclass(frozen=True)
class CorrectionReport:
    written: tuple[Path, ...]
    changes: tuple[Change, ...]
    not_applied: tuple[str, ...] = ()  # documents with corrections left out by `docs`
    warnings: tuple[str, ...] = ()  # what was written but deserves a look

    def frame(self) -> pd.DataFrame:
        """The changes as a table (doc, kind, index, action, before, after)."""
        columns = ["doc", "kind", "index", "action", "before", "after"]
        frame = pd.DataFrame([vars(change) for change in self.changes], columns=columns)
        return frame.astype({"index": "Int64", "kind": "category", "action": "category"})

    def counts(self) -> dict[str, Counter[str]]:
        """Per document: how many entries each action touched ("entity relabelled": 2)."""
        counts: dict[str, Counter[str]] = {}
        for change in self.changes:
            counts.setdefault(change.doc, Counter())[f"{change.kind} {change.action}"] += 1
        return counts


# --- Reading correction tables ------------------------------------------------------------


def read_corrections(path: str | Path) -> tuple[TableKind, pd.DataFrame]:
    """A correction CSV: entities if it has a `label` column, items if `category`."""
    path = Path(path)
    # Everything as text, and no "NA" -> missing guessing: a value like "2019" stays text,
    # an organisation called "NA" stays a name.
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8-sig")
    frame.index = frame.index + 2  # spreadsheet line numbers (line 1 is the header)
    return table_kind(frame, str(path)), frame


def table_kind(frame: pd.DataFrame, name: str = "table") -> TableKind:
    has_label, has_category = "label" in frame.columns, "category" in frame.columns
    if has_label == has_category:
        raise CorrectionError(
            [
                f"{name}: a correction table has a label column (entities) or a category "
                "column (items), not both or neither"
            ]
        )
    return "entities" if has_label else "items"


@dataclass
class _Row:
    where: str
    doc: str
    index: int | None
    start: int | None
    end: int | None
    text: str | None
    tag: str | None  # label or category
    value: str | None
    verdict: str | None


def _cell(value: Any) -> Any:
    """A cell as a plain Python value; None for every kind of missing or empty."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _integer(value: Any, column: str, where: str, problems: list[str]) -> int | None:
    value = _cell(value)
    if value is None:
        return None
    try:
        number = float(value) if not isinstance(value, int) else value
        if number != int(number):
            raise ValueError
        return int(number)
    except (TypeError, ValueError):
        problems.append(f"{where}: {column} {value!r} is not a whole number")
        return None


def _rows(
    kind: TableKind,
    frame: pd.DataFrame,
    name: str,
    docs_by_sha: Mapping[str, str],
    problems: list[str],
) -> list[_Row]:
    index_column = "entity_index" if kind == "entities" else "item_index"
    tag_column = "label" if kind == "entities" else "category"
    start_column = next((c for c in _START_COLUMNS if c in frame.columns), None)
    end_column = next((c for c in _END_COLUMNS if c in frame.columns), None)
    if "doc" not in frame.columns and "text_sha256" not in frame.columns:
        problems.append(f"{name}: no doc or text_sha256 column to say which document")
        return []
    rows = []
    for position, row in frame.iterrows():
        where = f"{name} row {position}"
        doc = _cell(row.get("doc"))
        sha = _cell(row.get("text_sha256"))
        if sha is not None and sha not in docs_by_sha:
            problems.append(f"{where}: no record with text_sha256 {sha}")
            continue
        if doc is None and sha is not None:
            doc = docs_by_sha[sha]
        elif doc is not None and sha is not None and docs_by_sha[sha] != doc:
            problems.append(f"{where}: doc {doc!r} and text_sha256 name different documents")
            continue
        if doc is None:
            problems.append(f"{where}: no document named")
            continue
        verdict = _cell(row.get("verdict"))
        if verdict is not None:
            verdict = str(verdict).strip().lower()
            if verdict not in VERDICTS:
                problems.append(
                    f"{where}: verdict {verdict!r} is not one of {', '.join(VERDICTS)} or empty"
                )
                continue
        known_problems = len(problems)
        index = _integer(row.get(index_column), index_column, where, problems)
        entry = "new" if index is None else f"{index_column} {index}"
        where = f"{where} ({doc}, {entry})"
        start = _integer(row.get(start_column), "start", where, problems)
        end = _integer(row.get(end_column), "end", where, problems)
        if len(problems) > known_problems:
            continue  # a row that cannot be read is not applied in part
        tag = _cell(row.get(tag_column))
        value = _cell(row.get("value")) if kind == "entities" else None
        rows.append(
            _Row(
                where=where,
                doc=str(doc),
                index=index,
                start=start,
                end=end,
                text=_cell(row.get("text")),
                tag=None if tag is None else str(tag).strip(),
                value=None if value is None else str(value).strip(),
                verdict=verdict,
            )
        )
    return rows


# --- Building gold ------------------------------------------------------------------------


@dataclass
class _Document:
    """One document's corrections while its gold is built."""

    record: DocumentRecord
    text: str
    problems: list[str]
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _dates: dict[tuple[int, int], str] | None = None

    def date_value(self, start: int, end: int) -> str | None:
        """The ISO value the date grammar gives the span, in the document's context."""
        if self._dates is None:
            from pipeline.normalise.dates import extract_dates

            self._dates = {(s, e): value for s, e, value in extract_dates(self.text)}
        return self._dates.get((start, end))

    def change(
        self,
        kind: Literal["entity", "item"],
        index: int | None,
        action: Action,
        before: str | None,
        after: str | None,
    ) -> None:
        self.changes.append(Change(self.record.doc, kind, index, action, before, after))

    def span(self, row: _Row, start: int, end: int) -> bool:
        """Check a span against the text; add the problems, say whether it is usable."""
        text = self.text
        if not 0 <= start < end <= len(text):
            self.problems.append(
                f"{row.where}: span {start}:{end} is outside the text (0:{len(text)}) or empty"
            )
            return False
        covered = text[start:end]
        if row.text is not None and row.text != covered:
            self.problems.append(
                f"{row.where}: text {row.text!r} does not match the source at {start}:{end} "
                f"({covered!r}); correct the offsets or the text, or empty the text cell"
            )
            return False
        if covered != covered.strip():
            self.problems.append(
                f"{row.where}: span {start}:{end} ({covered!r}) starts or ends with whitespace"
            )
            return False
        return True


def _describe(start: int, end: int, tag: str, text: str) -> str:
    return f"{tag} {start}:{end} {text!r}"


def _gold_entity(start: int, end: int, label: str, text: str, value: str | None) -> dict:
    entity: dict[str, Any] = {"start": start, "end": end, "label": label, "text": text}
    if label in VALUED_LABELS:
        entity["value"] = value
    return entity


def _entity_value(
    document: _Document, row: _Row, label: str, start: int, end: int, original: Entity | None
) -> tuple[bool, str | None]:
    """(usable, value) for a corrected or added entity."""
    same = original is not None and (original.start, original.end, original.label) == (
        start,
        end,
        label,
    )
    stale = original is not None and row.value == original.value  # the old row's value
    if label not in VALUED_LABELS:
        if row.value is not None and not stale:
            document.problems.append(
                f"{row.where}: value {row.value!r} given for {label}; only DATE and "
                "BUNDESLAND carry a value"
            )
            return False, None
        return True, None
    if row.value is not None and (same or not stale):
        value: str | None = row.value
    elif same and original is not None:
        value = original.value
    else:  # a new span or label, and no new value: derive it as the extraction does
        value = _derived_value(document, label, start, end)
        kept = row.value is not None and original is not None and original.label == label
        if value is None and kept:
            # A table edited outside the review API cannot say whether the old value was
            # left standing or confirmed: keep it, and say so.
            value = row.value
            document.warnings.append(
                f"{row.where}: kept the value {value!r} of the old span for "
                f"{document.text[start:end]!r}; check it"
            )
    if value is None:
        document.problems.append(
            f"{row.where}: no {label} value for {document.text[start:end]!r} could be derived; "
            "give one in the value column"
        )
        return False, None
    return _check_value(document, row, label, value), value


def _derived_value(document: _Document, label: str, start: int, end: int) -> str | None:
    if label == "DATE":
        return document.date_value(start, end)
    from pipeline.normalise.states import state_code

    return state_code(document.text[start:end])


def _check_value(document: _Document, row: _Row, label: str, value: str) -> bool:
    from pipeline.normalise.states import load_states

    if label == "DATE" and not DATE_VALUE.match(value):
        document.problems.append(
            f"{row.where}: DATE value {value!r} is not ISO 8601 (2024-05-15, 2020-11, 2019, "
            "start/end, XXXX for an unknown year)"
        )
        return False
    if label == "BUNDESLAND" and value not in {state.code for state in load_states()}:
        document.problems.append(
            f"{row.where}: BUNDESLAND value {value!r} is not an ISO 3166-2:DE code without DE-"
        )
        return False
    return True


def _corrected_entity(
    document: _Document, row: _Row, original: Entity | None, index: int | None
) -> dict | None:
    start = row.start if row.start is not None else (original.start if original else None)
    end = row.end if row.end is not None else (original.end if original else None)
    label = row.tag if row.tag is not None else (original.label if original else None)
    if start is None or end is None or label is None:
        document.problems.append(f"{row.where}: a new entity needs start, end and label")
        return None
    if label not in ENTITY_LABELS:
        document.problems.append(
            f"{row.where}: unknown label {label!r} (one of {', '.join(ENTITY_LABELS)})"
        )
        return None
    if not document.span(row, start, end):
        return None
    usable, value = _entity_value(document, row, label, start, end, original)
    if not usable:
        return None
    text = document.text[start:end]
    after = _describe(start, end, label, text)
    if original is None:
        document.change("entity", None, "added", None, after)
    else:
        before = _describe(original.start, original.end, original.label, original.text)
        actions: list[Action] = []
        if label != original.label:
            actions.append("relabelled")
        if (start, end) != (original.start, original.end):
            actions.append("respanned")
        if not actions and value != original.value:
            actions.append("revalued")
            before, after = f"{before} = {original.value}", f"{after} = {value}"
        if not actions and row.verdict == "right":
            actions.append("confirmed")
        for action in actions:
            document.change("entity", index, action, before, after)
    return _gold_entity(start, end, label, text, value)


def _corrected_item(
    document: _Document, row: _Row, original: Item | None, index: int | None
) -> dict | None:
    start = row.start if row.start is not None else (original.start if original else None)
    end = row.end if row.end is not None else (original.end if original else None)
    category = row.tag if row.tag is not None else (original.category if original else None)
    if start is None or end is None or category is None:
        document.problems.append(f"{row.where}: a new item needs start, end and category")
        return None
    if category not in ITEM_CATEGORIES:
        document.problems.append(
            f"{row.where}: unknown category {category!r} (one of {', '.join(ITEM_CATEGORIES)})"
        )
        return None
    if not document.span(row, start, end):
        return None
    text = document.text[start:end]
    after = _describe(start, end, category, text)
    if original is None:
        document.change("item", None, "added", None, after)
    else:
        before = _describe(original.start, original.end, original.category, original.text)
        actions: list[Action] = []
        if category != original.category:
            actions.append("recategorised")
        if (start, end) != (original.start, original.end):
            actions.append("respanned")
        if not actions and row.verdict == "right":
            actions.append("confirmed")
        for action in actions:
            document.change("item", index, action, before, after)
    return {"start": start, "end": end, "category": category, "text": text}


def _patched(
    document: _Document,
    kind: TableKind,
    originals: Sequence[Entity] | Sequence[Item],
    rows: list[_Row],
) -> list[dict]:
    """The record's entries with the rows applied (removed, corrected, added)."""
    singular: Literal["entity", "item"] = "entity" if kind == "entities" else "item"
    index_column = f"{singular}_index"
    correct = _corrected_entity if kind == "entities" else _corrected_item
    by_index: dict[int, _Row] = {}
    added = []
    for row in rows:
        if row.index is None:
            added.append(row)
        elif not 0 <= row.index < len(originals):
            document.problems.append(
                f"{row.where}: {document.record.doc} has no {singular} with {index_column} "
                f"{row.index} (it has {len(originals)})"
            )
        elif row.index in by_index:
            document.problems.append(
                f"{row.where}: {index_column} {row.index} already corrected in "
                f"{by_index[row.index].where}"
            )
        else:
            by_index[row.index] = row
    result = []
    for index, original in enumerate(originals):
        row = by_index.get(index)
        if row is None:
            result.append(_unchanged(original))
        elif row.verdict == "wrong":
            tag = original.label if isinstance(original, Entity) else original.category
            before = _describe(original.start, original.end, tag, original.text)
            document.change(singular, index, "removed", before, None)
        else:
            entry = correct(document, row, original, index)  # type: ignore[arg-type]
            if entry is not None:
                result.append(entry)
    for row in added:
        if row.verdict != "wrong":
            entry = correct(document, row, None, None)
            if entry is not None:
                result.append(entry)
    result.sort(key=lambda entry: (entry["start"], entry["end"]))
    for previous, following in itertools.pairwise(result):
        if following["start"] < previous["end"]:
            document.problems.append(
                f"{document.record.doc}: {kind} overlap: {previous['start']}:{previous['end']} "
                f"{previous['text']!r} and {following['start']}:{following['end']} "
                f"{following['text']!r}"
            )
    return result


def _unchanged(original: Entity | Item) -> dict:
    if isinstance(original, Entity):
        return _gold_entity(
            original.start, original.end, original.label, original.text, original.value
        )
    return {
        "start": original.start,
        "end": original.end,
        "category": original.category,
        "text": original.text,
    }


def gold_problems(gold: Mapping[str, Any], text: str) -> list[str]:
    """What keeps `gold` from being a valid gold file for `text` (the spec's rules)."""
    name = gold.get("doc", "?")
    problems = []
    if list(gold) != ["doc", "text_sha256", "entities", "items"]:
        problems.append(f"{name}: keys must be doc, text_sha256, entities, items")
        return problems
    previous_end = -1
    for entity in gold["entities"]:
        if text[entity["start"] : entity["end"]] != entity["text"]:
            problems.append(f"{name}: entity {entity} does not match the text")
        if entity["label"] not in ENTITY_LABELS:
            problems.append(f"{name}: unknown label in {entity}")
        if ("value" in entity) != (entity["label"] in VALUED_LABELS):
            problems.append(f"{name}: value only and always for DATE and BUNDESLAND: {entity}")
        if entity["start"] < previous_end:
            problems.append(f"{name}: entities overlap or are unsorted at {entity}")
        previous_end = entity["end"]
    previous_end = -1
    for item in gold["items"]:
        if text[item["start"] : item["end"]] != item["text"]:
            problems.append(f"{name}: item {item} does not match the text")
        if item["category"] not in ITEM_CATEGORIES:
            problems.append(f"{name}: unknown category in {item}")
        if item["start"] < previous_end:
            problems.append(f"{name}: items overlap or are unsorted at {item}")
        previous_end = item["end"]
    return problems


def gold_path(out: Path, doc: str) -> Path:
    """Where the gold file of `doc` goes: named after the raw file's stem."""
    return out / f"{Path(doc).stem}.json"


def write_gold(gold: Mapping[str, Any], path: Path) -> None:
    """Write a gold file as corpus/gold has them (indent 1, UTF-8 as is), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- The whole round ----------------------------------------------------------------------


def apply_corrections(
    corrections: CorrectionInput | Sequence[CorrectionInput],
    out: str | Path,
    *,
    records: str | Path | Review | None = None,
    docs: Iterable[str] | None = None,
    source_dirs: Sequence[str | Path] = (),
) -> CorrectionReport:
    """Write gold files for the corrected documents into `out`; see the module docstring.

    `corrections`: a Review (its entities and items), correction DataFrames, CSV paths, or a
    list of them. `records`: the records they correct (a directory or a Review); a Review
    given as corrections is its own records. `docs` limits the gold files to these documents
    (by default: every document with a verdict or a change). Raises CorrectionError listing
    every problem, before anything is written.
    """
    inputs = list(corrections) if isinstance(corrections, list | tuple) else [corrections]
    review = records if isinstance(records, Review) else None
    if review is None and records is None:
        review = next((given for given in inputs if isinstance(given, Review)), None)
    if review is None:
        if records is None:
            raise ValueError("records: the directory of the records the corrections are for")
        review = load_review(Path(records), source_dirs=source_dirs)  # type: ignore[arg-type]
    elif source_dirs:
        review.source_dirs = [*review.source_dirs, *(Path(d) for d in source_dirs)]

    problems: list[str] = []
    docs_by_sha = {record.text_sha256: doc for doc, record in review.records.items()}
    rows: dict[TableKind, list[_Row]] = {"entities": [], "items": []}
    for position, given in enumerate(inputs):
        for kind, frame, name in _tables(given, position):
            rows[kind] += _rows(kind, frame, name, docs_by_sha, problems)
    strays: dict[str, list[_Row]] = {}
    for row in (row for kind in rows for row in rows[kind] if row.doc not in review.records):
        strays.setdefault(row.doc, []).append(row)
    for doc, stray_rows in strays.items():
        more = f" (and {len(stray_rows) - 1} more rows)" if len(stray_rows) > 1 else ""
        problems.append(f"{stray_rows[0].where}{more}: no record for document {doc!r}")
    wanted = None if docs is None else list(docs)
    problems += [
        f"no record for document {doc!r} (named to write)"
        for doc in wanted or ()
        if doc not in review.records
    ]
    # Go on with the rest, so that one run reports every problem there is.
    for kind in rows:
        rows[kind] = [row for row in rows[kind] if row.doc in review.records]
    if wanted is not None:
        wanted = [doc for doc in wanted if doc in review.records]

    golds: dict[str, dict] = {}
    changes: list[Change] = []
    warnings: list[str] = []
    originals = {
        doc: {"entities": record.entities, "items": record.items}
        for doc, record in review.records.items()
    }
    corrected = sorted(
        {row.doc for kind in rows for row in rows[kind] if _touches(row, originals[row.doc][kind])}
    )
    for doc in corrected if wanted is None else wanted:
        record = review.records[doc]
        try:
            text = review.text(doc)
        except SourceTextError as err:
            problems.append(str(err))
            continue
        problems_before = len(problems)
        document = _Document(record, text, problems)
        entities = _patched(
            document, "entities", record.entities, [r for r in rows["entities"] if r.doc == doc]
        )
        items = _patched(
            document, "items", record.items, [r for r in rows["items"] if r.doc == doc]
        )
        gold = {
            "doc": doc,
            "text_sha256": record.text_sha256,
            "entities": entities,
            "items": items,
        }
        if len(problems) == problems_before:  # a last check of what will be written
            problems += gold_problems(gold, text)
        golds[doc] = gold
        changes += document.changes
        warnings += document.warnings
    if problems:
        raise CorrectionError(problems)

    out = Path(out)
    written = []
    for doc, gold in golds.items():
        path = gold_path(out, doc)
        write_gold(gold, path)
        written.append(path)
    not_applied = () if wanted is None else tuple(d for d in corrected if d not in wanted)
    return CorrectionReport(tuple(written), tuple(changes), not_applied, tuple(warnings))


def _touches(row: _Row, originals: Sequence[Entity] | Sequence[Item]) -> bool:
    """Whether the row marks, changes or adds anything (an untouched row changes nothing)."""
    if row.index is None:
        return row.verdict != "wrong"
    if row.verdict is not None or not 0 <= row.index < len(originals):
        return True  # an index out of range is reported when the document is built
    original = originals[row.index]
    if isinstance(original, Entity):
        known: tuple[Any, ...] = (original.start, original.end, original.text, original.label)
        given: tuple[Any, ...] = (row.start, row.end, row.text, row.tag)
        if row.value is not None and row.value != original.value:
            return True
    else:
        known = (original.start, original.end, original.text, original.category)
        given = (row.start, row.end, row.text, row.tag)
    return any(
        mine is not None and mine != theirs for mine, theirs in zip(given, known, strict=True)
    )


def _tables(given: CorrectionInput, position: int) -> list[tuple[TableKind, pd.DataFrame, str]]:
    if isinstance(given, Review):
        return [("entities", given.entities, "entities"), ("items", given.items, "items")]
    if isinstance(given, pd.DataFrame):
        name = f"table {position + 1}"
        return [(table_kind(given, name), given, name)]
    kind, frame = read_corrections(given)
    return [(kind, frame, str(given))]

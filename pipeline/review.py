"""Reviewing records in Jupyter: DataFrames, displaCy views, filters and corrections.

`load_review(DIR)` reads a directory of records (`minutes extract` output) into a `Review`:
one DataFrame per table, with the columns and dtypes of `pipeline.export` (derived from the
pydantic models: Literal fields are categoricals, ints Int64, floats Float64, text string),
plus what a reviewer needs:

    documents      one row per record
    entities       the mentions, with `doc`, `start`/`end` (the record's field names, as in
                   the gold files), a `context` snippet and a `verdict` column
    items          the list entries, with `doc`, `start`/`end` and `verdict`
    people, organisations, affiliations, dates, states   as exported, with `doc` (and the
                   state's `name` beside its `code`)

A reviewer marks rows right or wrong (`verdict`: "right", "wrong" or missing) and edits
`label`, `start`/`end`, `value` or `category`, in the DataFrames directly, through the
`mark_*`/`correct_*`/`add_*` methods (which keep `text` in step with the offsets), or in the
CSV files `to_csv` writes; `pipeline.corrections.apply_corrections` turns that into gold
files.
"""

from __future__ import annotations

import hashlib
import html
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from pipeline.export import record_frames
from pipeline.ingest import IngestError, decode
from pipeline.records import ENTITY_LABELS, ITEM_CATEGORIES, DocumentRecord
from pipeline.store import read_records

Verdict = Literal["right", "wrong"]
VERDICTS: tuple[Verdict, ...] = ("right", "wrong")
VERDICT_DTYPE = pd.CategoricalDtype(list(VERDICTS))
# The environment variable the notebooks read to find records (tests point it at theirs).
RECORDS_ENV = "MINUTES_RECORDS"
CONTEXT_CHARS = 40
ITEM_LABEL_PREFIX = "ITEM:"

# The store's column names where the pydantic field name is an SQL keyword; the review uses
# the field names again, as the records and the gold files do.
_FIELD_NAMES = {"char_start": "start", "char_end": "end"}

ENTITY_COLORS: Mapping[str, str] = {
    "PER": "#aa9cfc",
    "ORG": "#7aecec",
    "LOC": "#ff9561",
    "DATE": "#bfe1d9",
    "BUNDESLAND": "#feca74",
}
CATEGORY_COLORS: Mapping[str, str] = {
    "challenge": "#ff8197",
    "solution": "#9cc9cc",
    "benefit": "#bfeeb7",
    "need": "#f0d0ff",
    "topic": "#e4e7d2",
    "other": "#dddddd",
}
WRONG_SUFFIX = " ✗"
WRONG_COLOR = "#e0e0e0"

# displaCy's own template (spacy.displacy.templates.TPL_ENT) with a title attribute, so that
# the browser shows each span's confidence and source on hover.
_MARK_TEMPLATE = """
<mark class="entity" title="{hover}" style="background: {bg}; padding: 0.45em 0.6em; \
margin: 0 0.25em; line-height: 1; border-radius: 0.35em;">
    {text}
    <span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; \
vertical-align: middle; margin-left: 0.5rem">{label}{kb_link}</span>
</mark>
"""


class SourceTextError(LookupError):
    """The text a record's offsets refer to cannot be found (or has changed)."""


# --- Source texts -------------------------------------------------------------------------


def source_text(
    record: DocumentRecord,
    *,
    records_dir: Path | None = None,
    source_dirs: Sequence[Path] = (),
) -> str:
    """The text the record's offsets refer to.

    `record.source_text` where the record carries it; else the file at `record.source_path`
    (a relative path is tried against the working directory and against `records_dir` and
    its parents, since `minutes extract corpus/raw --out outputs` records paths relative to
    where it ran), else `<dir>/<record.doc>` for each of `source_dirs`. A file only counts if
    its bytes still hash to `record.text_sha256`.
    """
    if record.source_text is not None:
        return record.source_text
    stale = []
    for candidate in _source_candidates(record, records_dir, source_dirs):
        try:
            data = candidate.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != record.text_sha256:
            stale.append(str(candidate))
            continue
        try:
            return decode(data)[0]
        except IngestError as err:
            raise SourceTextError(f"{candidate}: {err}") from err
    changed = f" ({', '.join(stale)} changed since extraction)" if stale else ""
    raise SourceTextError(
        f"{record.doc}: source text not found at {record.source_path}{changed}; "
        "pass the directory of the raw files as source_dirs / --sources"
    )


def _source_candidates(
    record: DocumentRecord, records_dir: Path | None, source_dirs: Sequence[Path]
) -> list[Path]:
    path = Path(record.source_path)
    candidates = [path]
    if not path.is_absolute() and records_dir is not None:
        base = records_dir.resolve()
        candidates += [parent / path for parent in (base, *base.parents)]
    candidates += [Path(directory) / record.doc for directory in source_dirs]
    return list(dict.fromkeys(candidates))


def ensure_records(
    records_dir: Path,
    raw_dir: Path,
    *,
    backbone: str = "rules",
    scratch: Path | None = None,
) -> Path:
    """`records_dir` if it holds record files, else a directory of freshly extracted ones.

    A clean clone has no records in `outputs/`; the notebooks then extract `raw_dir` into
    `scratch` (a new temporary directory by default) with the rules backbone, which is quick
    and needs no model. Source paths are written absolute, so the texts are found from any
    working directory.
    """
    if records_dir.is_dir() and any(
        not path.name.startswith(("_", ".")) for path in records_dir.glob("*.json")
    ):
        return records_dir
    from pipeline.extract import Extractor
    from pipeline.ingest import expand_inputs, read_document
    from pipeline.write import write_record

    target = scratch or Path(tempfile.mkdtemp(prefix="minutes-records-"))
    sources = [read_document(path.resolve()) for path in expand_inputs([raw_dir])]
    if not sources:
        raise FileNotFoundError(f"{raw_dir}: no minutes to extract")
    for source, record in zip(sources, Extractor(backbone).records_for(sources), strict=True):
        write_record(record, target / f"{source.path.stem}.json")
    return target


# --- Loading ------------------------------------------------------------------------------


def load_review(
    records_dir: str | Path,
    *,
    source_dirs: Sequence[str | Path] = (),
    skip_invalid: bool = False,
) -> Review:
    """Read every record in `records_dir` into a `Review`.

    Record files that do not validate raise ValueError (listing each file and reason) unless
    `skip_invalid`. The source texts are read for the `context` column; where one cannot be
    found, that document's context stays empty and rendering or correcting it raises
    SourceTextError.
    """
    directory = Path(records_dir)
    batch = read_records(directory)
    if batch.failures and not skip_invalid:
        reasons = "\n".join(f"  {failure}" for failure in batch.failures)
        raise ValueError(f"{len(batch.failures)} invalid record file(s):\n{reasons}")
    records = {record_file.record.doc: record_file.record for record_file in batch.records}
    return Review(records, records_dir=directory, source_dirs=[Path(d) for d in source_dirs])


def review_frames(
    records: Iterable[DocumentRecord], texts: Mapping[str, str] | None = None
) -> dict[str, pd.DataFrame]:
    """The review's DataFrames for `records` (see the module docstring), keyed by table.

    `texts` (doc -> source text) fills the entities' `context` column where given.
    """
    records = list(records)
    frames = record_frames(records)
    docs = {record.text_sha256: record.doc for record in records}
    reviewed: dict[str, pd.DataFrame] = {"documents": frames["documents"]}
    for name, frame in frames.items():
        if name == "documents":
            continue
        frame = frame.rename(columns=_FIELD_NAMES)
        frame.insert(0, "doc", frame["text_sha256"].map(docs).astype("string"))
        reviewed["entities" if name == "mentions" else name] = frame
    entities = reviewed["entities"]
    texts = texts or {}
    entities["context"] = pd.array(
        [
            _context(texts[doc], start, end) if doc in texts else pd.NA
            for doc, start, end in zip(
                entities["doc"], entities["start"], entities["end"], strict=True
            )
        ],
        dtype="string",
    )
    for name in ("entities", "items"):
        reviewed[name]["verdict"] = pd.Series(
            pd.NA, index=reviewed[name].index, dtype=VERDICT_DTYPE
        )
    states = reviewed["states"]
    states.insert(states.columns.get_loc("code") + 1, "name", _state_names(states["code"]))
    return reviewed


def _context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The mention in brackets with up to `width` characters either side, on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    snippet = f"{left}[{text[start:end]}]{right}"
    return " ".join(snippet.split())


def _state_names(codes: pd.Series) -> pd.Series:
    from pipeline.normalise.states import load_states

    names = {state.code: state.name for state in load_states()}
    return codes.astype("string").map(names).astype("string")


@dataclass(eq=False)
class Review:
    """A directory of records as DataFrames, with views, filters and correction helpers."""

    records: dict[str, DocumentRecord] = field(repr=False)
    records_dir: Path | None = None
    source_dirs: list[Path] = field(default_factory=list)
    documents: pd.DataFrame = field(init=False, repr=False)
    entities: pd.DataFrame = field(init=False, repr=False)
    items: pd.DataFrame = field(init=False, repr=False)
    people: pd.DataFrame = field(init=False, repr=False)
    organisations: pd.DataFrame = field(init=False, repr=False)
    affiliations: pd.DataFrame = field(init=False, repr=False)
    dates: pd.DataFrame = field(init=False, repr=False)
    states: pd.DataFrame = field(init=False, repr=False)
    _texts: dict[str, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        for doc in self.records:
            try:
                self.text(doc)
            except SourceTextError:
                continue  # context stays empty; rendering or correcting this one says why
        for name, frame in review_frames(self.records.values(), self._texts).items():
            setattr(self, name, frame)

    def __repr__(self) -> str:
        where = f" from {self.records_dir}" if self.records_dir else ""
        return (
            f"<Review of {len(self.records)} documents{where}: {len(self.entities)} entities, "
            f"{len(self.items)} items>"
        )

    # -- texts and records

    def record(self, doc: str) -> DocumentRecord:
        try:
            return self.records[doc]
        except KeyError:
            raise KeyError(f"no record for document {doc!r}") from None

    def text(self, doc: str) -> str:
        """The source text of `doc` (what the offsets refer to); SourceTextError if gone."""
        if doc not in self._texts:
            self._texts[doc] = source_text(
                self.record(doc), records_dir=self.records_dir, source_dirs=self.source_dirs
            )
        return self._texts[doc]

    # -- views

    def people_organisations(self) -> pd.DataFrame:
        """One row per person and affiliation (people without one keep an empty row)."""
        people = self.people[["doc", "person_key", "name", "roles", "mention_count"]]
        organisations = self.organisations[
            ["organisation_key", "name", "acronym", "mention_count"]
        ].rename(
            columns={
                "name": "organisation",
                "mention_count": "organisation_mentions",
            }
        )
        table = (
            people.rename(columns={"name": "person"})
            .merge(self.affiliations[["person_key", "organisation_key"]], how="left")
            .merge(organisations, how="left", on="organisation_key")
        )
        return table.sort_values(["doc", "person", "organisation"], ignore_index=True)

    # -- filters (the module-level functions with this review's tables)

    def with_labels(self, *labels: str) -> pd.DataFrame:
        return by_label(self.entities, labels)

    def low_confidence(
        self, threshold: float = 0.9, table: Literal["entities", "items"] = "entities"
    ) -> pd.DataFrame:
        return below_confidence(getattr(self, table), threshold)

    def in_states(self, *codes: str, table: str = "entities") -> pd.DataFrame:
        return by_state(getattr(self, table), self.states, codes)

    def with_organisation(
        self, name: str, table: str = "entities", *, exact: bool = False
    ) -> pd.DataFrame:
        return by_organisation(getattr(self, table), self.organisations, name, exact=exact)

    # -- rendering

    def render(
        self,
        doc: str,
        *,
        entities: bool = True,
        items: bool = True,
        labels: Iterable[str] | None = None,
    ) -> str:
        """displaCy HTML of `doc` as it stands in the DataFrames (corrections included).

        Entities coloured by label, then (a second render, since items contain entities)
        items labelled ITEM:<category>; rows marked wrong are grey with a ✗. Hovering over a
        span shows its confidence and source.
        """
        text = self.text(doc)
        parts = []
        if entities:
            rows = self.entities[self.entities["doc"] == doc]
            if labels is not None:
                rows = by_label(rows, labels)
            parts.append(
                render_spans(
                    text,
                    [_entity_span(row) for row in rows.to_dict("records")],
                    title=f"{doc}: entities",
                )
            )
        if items:
            rows = self.items[self.items["doc"] == doc]
            parts.append(
                render_spans(
                    text,
                    [_item_span(row) for row in rows.to_dict("records")],
                    title=f"{doc}: items",
                )
            )
        return "\n".join(parts)

    # -- corrections

    def mark_entity(self, doc: str, entity_index: int, verdict: Verdict | None) -> None:
        """Mark the record's entity right or wrong (None: not reviewed)."""
        self.entities.loc[
            self._row(self.entities, "entity_index", doc, entity_index), "verdict"
        ] = _verdict(verdict)

    def correct_entity(
        self,
        doc: str,
        entity_index: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
        value: str | None = None,
    ) -> None:
        """Change the label, span or value of the record's entity; `text` follows the span.

        A changed span or label of a DATE or BUNDESLAND gets its value recomputed when the
        corrections are applied, unless `value` is given.
        """
        row = self._row(self.entities, "entity_index", doc, entity_index)
        current = self.entities.loc[row]
        new_label = label if label is not None else str(current["label"])
        new_start = int(start if start is not None else current["start"])
        new_end = int(end if end is not None else current["end"])
        _check_choice(new_label, ENTITY_LABELS, "label")
        span_text = self._span_text(doc, new_start, new_end)
        self.entities.loc[row, ["start", "end", "text"]] = [new_start, new_end, span_text]
        self.entities.loc[row, "label"] = new_label
        if value is not None:
            self.entities.loc[row, "value"] = value
        elif label is not None or start is not None or end is not None:
            self.entities.loc[row, "value"] = pd.NA  # recomputed for the new span or label
        self.entities.loc[row, "context"] = _context(self.text(doc), new_start, new_end)

    def add_entity(
        self, doc: str, start: int, end: int, label: str, value: str | None = None
    ) -> None:
        """Add an entity the extraction missed (no entity_index; source "review")."""
        _check_choice(label, ENTITY_LABELS, "label")
        row = {
            "doc": doc,
            "text_sha256": self.record(doc).text_sha256,
            "start": start,
            "end": end,
            "text": self._span_text(doc, start, end),
            "label": label,
            "value": value,
            "source": "review",
            "context": _context(self.text(doc), start, end),
        }
        self.entities = _append(self.entities, row)

    def mark_item(self, doc: str, item_index: int, verdict: Verdict | None) -> None:
        """Mark the record's item right or wrong (wrong: not a list entry)."""
        self.items.loc[self._row(self.items, "item_index", doc, item_index), "verdict"] = _verdict(
            verdict
        )

    def correct_item(
        self,
        doc: str,
        item_index: int,
        *,
        category: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        """Change the category or span of the record's item; `text` follows the span."""
        row = self._row(self.items, "item_index", doc, item_index)
        if category is not None:
            _check_choice(category, ITEM_CATEGORIES, "category")
            self.items.loc[row, "category"] = category
        if start is not None or end is not None:
            new_start = int(start if start is not None else self.items.loc[row, "start"])
            new_end = int(end if end is not None else self.items.loc[row, "end"])
            span_text = self._span_text(doc, new_start, new_end)
            self.items.loc[row, ["start", "end", "text"]] = [new_start, new_end, span_text]

    def add_item(self, doc: str, start: int, end: int, category: str) -> None:
        """Add a list entry the extraction missed (no item_index; source "review")."""
        _check_choice(category, ITEM_CATEGORIES, "category")
        row = {
            "doc": doc,
            "text_sha256": self.record(doc).text_sha256,
            "start": start,
            "end": end,
            "text": self._span_text(doc, start, end),
            "category": category,
            "source": "review",
        }
        self.items = _append(self.items, row)

    def to_csv(self, directory: str | Path) -> tuple[Path, Path]:
        """Write entities.csv and items.csv (UTF-8 with BOM, so spreadsheets read umlauts)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        paths = (directory / "entities.csv", directory / "items.csv")
        self.entities.to_csv(paths[0], index=False, encoding="utf-8-sig")
        items = self.items.copy()
        items["section_path"] = [" > ".join(path) for path in items["section_path"]]
        items.to_csv(paths[1], index=False, encoding="utf-8-sig")
        return paths

    def _row(self, frame: pd.DataFrame, index_column: str, doc: str, index: int) -> Any:
        matches = frame.index[(frame["doc"] == doc) & (frame[index_column] == index)]
        if len(matches) != 1:
            raise KeyError(f"{doc}: no single row with {index_column} {index}")
        return matches[0]

    def _span_text(self, doc: str, start: int, end: int) -> str:
        text = self.text(doc)
        if not 0 <= start < end <= len(text):
            raise ValueError(f"{doc}: span {start}:{end} outside the text (0:{len(text)})")
        return text[start:end]


def _verdict(verdict: str | None) -> Any:
    if verdict is None:
        return pd.NA
    _check_choice(verdict, VERDICTS, "verdict")
    return verdict


def _check_choice(value: str, choices: Iterable[str], what: str) -> None:
    choices = list(choices)
    if value not in choices:
        raise ValueError(f"unknown {what} {value!r} (one of {', '.join(choices)})")


def _append(frame: pd.DataFrame, row: dict[str, Any]) -> pd.DataFrame:
    position = (frame.index.max() + 1) if len(frame) else 0
    addition = pd.DataFrame([row], columns=frame.columns, index=[position])
    return pd.concat([frame, addition.astype(frame.dtypes.to_dict())])


# --- Filters ------------------------------------------------------------------------------


def by_label(frame: pd.DataFrame, labels: str | Iterable[str]) -> pd.DataFrame:
    """The rows whose `label` is one of `labels`."""
    wanted = [labels] if isinstance(labels, str) else list(labels)
    return frame[frame["label"].isin(wanted)]


def below_confidence(frame: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The rows with a confidence below `threshold`, least confident first."""
    return frame[frame["confidence"] < threshold].sort_values("confidence", kind="stable")


def by_state(frame: pd.DataFrame, states: pd.DataFrame, codes: str | Iterable[str]) -> pd.DataFrame:
    """The rows of `frame` from documents that mention one of the states `codes` (BY, NW, …)."""
    wanted = [codes] if isinstance(codes, str) else list(codes)
    docs = states.loc[states["code"].isin(wanted), "text_sha256"]
    return frame[frame["text_sha256"].isin(docs)]


def by_organisation(
    frame: pd.DataFrame, organisations: pd.DataFrame, name: str, *, exact: bool = False
) -> pd.DataFrame:
    """The rows of `frame` from documents that mention an organisation called `name`.

    `name` is matched, ignoring case, against each organisation's name, acronym and aliases:
    as a part of them, or with `exact` as the whole.
    """
    needle = name.casefold()

    def matches(candidate: Any) -> bool:
        if not isinstance(candidate, str):
            return False
        candidate = candidate.casefold()
        return candidate == needle if exact else needle in candidate

    hits = [
        any(matches(candidate) for candidate in (entry_name, acronym, *aliases))
        for entry_name, acronym, aliases in zip(
            organisations["name"], organisations["acronym"], organisations["aliases"], strict=True
        )
    ]
    docs = organisations.loc[hits, "text_sha256"]
    return frame[frame["text_sha256"].isin(docs)]


# --- displaCy -----------------------------------------------------------------------------


def render_spans(text: str, spans: Iterable[Mapping[str, Any]], title: str | None = None) -> str:
    """displaCy `ent` HTML of `text` with `spans` (start, end, label, optional hover text).

    displaCy cannot draw nested spans: of overlapping ones, the first (by start) is drawn.
    """
    from spacy import displacy

    ents = []
    last_end = 0
    for span in sorted(spans, key=lambda s: (s["start"], s["end"])):
        if span["start"] < last_end:
            continue
        last_end = span["end"]
        hover = html.escape(str(span.get("hover", span["label"])), quote=True)
        ents.append(
            {
                "start": span["start"],
                "end": span["end"],
                "label": span["label"],
                "params": {"hover": hover},
            }
        )
    colors = {
        **ENTITY_COLORS,
        **{f"{ITEM_LABEL_PREFIX}{c}": color for c, color in CATEGORY_COLORS.items()},
    }
    colors.update({f"{label}{WRONG_SUFFIX}": WRONG_COLOR for label in list(colors)})
    document = {"text": text, "ents": ents, "title": html.escape(title) if title else None}
    markup = displacy.render(
        document,
        style="ent",
        manual=True,
        jupyter=False,
        options={"colors": colors, "template": _MARK_TEMPLATE},
    )
    return str(markup)


def _confidence(value: Any) -> str:
    return "n/a" if pd.isna(value) else f"{float(value):.2f}"


def _is_wrong(row: Mapping[str, Any]) -> bool:
    return not pd.isna(row["verdict"]) and row["verdict"] == "wrong"


def _entity_span(row: Mapping[str, Any]) -> dict[str, Any]:
    label = str(row["label"])
    details = [label, f"confidence {_confidence(row['confidence'])}", str(row["source"])]
    if not pd.isna(row["value"]):
        details.insert(1, f"value {row['value']}")
    if not pd.isna(row["verdict"]):
        details.append(f"marked {row['verdict']}")
    return {
        "start": int(row["start"]),
        "end": int(row["end"]),
        "label": label + (WRONG_SUFFIX if _is_wrong(row) else ""),
        "hover": " · ".join(details),
    }


def _item_span(row: Mapping[str, Any]) -> dict[str, Any]:
    label = f"{ITEM_LABEL_PREFIX}{row['category']}"
    details = [label, f"confidence {_confidence(row['confidence'])}", str(row["source"])]
    if not pd.isna(row["heading"]):
        details.append(f"heading: {row['heading']}")
    if not pd.isna(row["verdict"]):
        details.append(f"marked {row['verdict']}")
    return {
        "start": int(row["start"]),
        "end": int(row["end"]),
        "label": label + (WRONG_SUFFIX if _is_wrong(row) else ""),
        "hover": " · ".join(details),
    }


def count_marks(markup: str) -> int:
    """How many spans a displaCy `ent` rendering highlights."""
    return len(re.findall(r'<mark class="entity"', markup))

"""The record: pydantic models that are the single source of truth.

`minutes schema` prints `DocumentRecord.model_json_schema()`; every other view of the
data (JSON files, DataFrames, database tables) is derived from these models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

EntityLabel = Literal["PER", "ORG", "LOC", "DATE", "BUNDESLAND"]
ItemCategory = Literal["challenge", "solution", "benefit", "need", "topic", "other"]

ENTITY_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "DATE", "BUNDESLAND")
ITEM_CATEGORIES: tuple[str, ...] = ("challenge", "solution", "benefit", "need", "topic", "other")
VALUED_LABELS = frozenset({"DATE", "BUNDESLAND"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Strict):
    start: int = Field(ge=0, description="Offset of the first character (Python str index).")
    end: int = Field(ge=0, description="Offset after the last character.")
    text: str = Field(description="Exactly source[start:end].")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"empty or reversed span {self.start}:{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"text length does not match span {self.start}:{self.end}")
        return self


class Entity(Span):
    label: EntityLabel
    value: str | None = Field(
        default=None, description="ISO 8601 date or ISO 3166-2:DE code (DATE, BUNDESLAND)."
    )
    source: str = Field(default="rule", description="Which rule or model produced the span.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    group: str | None = Field(
        default=None, description="Id of the person or organisation entry this mention names."
    )

    @model_validator(mode="after")
    def _value_where_required(self) -> Entity:
        if (self.label in VALUED_LABELS) != (self.value is not None):
            raise ValueError(
                f"{self.label} entity must {'' if self.value is None else 'not '}carry a value"
            )
        return self


class Item(Span):
    category: ItemCategory
    heading: str | None = Field(default=None, description="The heading the item stands under.")
    section_path: list[str] = Field(default_factory=list, description="Headings, outermost first.")
    marker: str = Field(default="", description="The list marker as written ('' if unmarked).")
    depth: int = Field(default=0, ge=0, description="Nesting depth (0 = top level).")
    source: str = Field(default="heading-rule")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Heading(Span):
    level: int = Field(ge=1, description="1 = top level; markdown level where given.")


class MentionRef(Span):
    """Where a grouped entry is mentioned."""


class PersonEntry(_Strict):
    id: str = Field(description="per-N, unique within the record.")
    name: str = Field(description="Canonical name: the fullest form, titles stripped.")
    mentions: list[MentionRef]
    affiliations: list[str] = Field(default_factory=list, description="Organisation ids.")
    roles: list[str] = Field(default_factory=list, description="Roles or functions as stated.")
    confidence: float = Field(ge=0.0, le=1.0)
    sources: list[str] = Field(description="Rules or models behind the mentions.")


class OrganisationEntry(_Strict):
    id: str = Field(description="org-N, unique within the record.")
    name: str = Field(description="Canonical name: the most frequent long form.")
    acronym: str | None = None
    aliases: list[str] = Field(default_factory=list)
    mentions: list[MentionRef]
    confidence: float = Field(ge=0.0, le=1.0)
    sources: list[str]


class MeetingInfo(_Strict):
    title: str | None = None
    date: str | None = Field(default=None, description="ISO 8601 date or range of the meeting.")
    date_mention: MentionRef | None = None
    times: list[str] = Field(default_factory=list, description="Clock times as written.")
    place: str | None = None
    format: Literal["virtual", "in person", "hybrid"] | None = None


class StateCount(_Strict):
    code: str = Field(description="ISO 3166-2:DE code without the DE- prefix.")
    count: int = Field(ge=1)


class MergeLogEntry(_Strict):
    kind: Literal["person", "organisation"]
    into: str = Field(description="Id of the entry the mention was merged into.")
    mention: MentionRef
    reason: str


class Provenance(_Strict):
    pipeline_version: str
    backbone: str = Field(description="The spaCy pipeline that tagged the text.")
    ner_model: str | None = Field(
        default=None, description="Statistical NER model name and version, if any."
    )
    item_classifier: str = Field(description="How item categories were decided.")


class DocumentRecord(_Strict):
    doc: str = Field(description="The input file's name.")
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    source_path: str
    encoding: str = Field(description="Encoding the text was decoded from.")
    source_text: str | None = Field(
        default=None,
        description="The text all offsets refer to, when it differs from the decoded input "
        "(formats other than plain text).",
    )
    n_chars: int = Field(ge=0)
    entities: list[Entity]
    items: list[Item]
    headings: list[Heading] = Field(default_factory=list)
    people: list[PersonEntry] = Field(default_factory=list)
    organisations: list[OrganisationEntry] = Field(default_factory=list)
    meeting: MeetingInfo = Field(default_factory=MeetingInfo)
    bundeslaender: list[StateCount] = Field(default_factory=list)
    merge_log: list[MergeLogEntry] = Field(default_factory=list)
    provenance: Provenance

    def check_offsets(self, text: str) -> None:
        """Raise ValueError unless every span's text is text[start:end]."""
        refs = [m for entry in [*self.people, *self.organisations] for m in entry.mentions]
        for span in [*self.entities, *self.items, *self.headings, *refs]:
            if text[span.start : span.end] != span.text:
                raise ValueError(f"span {span.start}:{span.end} does not match the source text")


def record_json_schema() -> dict:
    return DocumentRecord.model_json_schema()

"""Entity mentions as character spans, and the Doc extensions that carry them.

Every tagging component proposes `Mention`s (character offsets into ``doc.text``) in
``doc._.mention_candidates``; the resolver picks a flat, non-overlapping set into
``doc._.mentions`` and mirrors it into ``doc.ents`` for displaCy and spaCy users.
Character offsets rather than token spans keep exact boundaries even where the
tokenizer disagrees with the annotation guidelines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str  # PER ORG LOC DATE BUNDESLAND
    source: str  # which rule or model proposed it, e.g. "gazetteer", "ner:de_minutes_ner"
    priority: int  # higher wins an overlap
    confidence: float = 1.0
    key: str | None = None  # identity hint: gazetteer id (org:bmas), state code, ...
    payload: Any = None  # e.g. the parsed date

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Mention) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def length(self) -> int:
        return self.end - self.start


# Priorities of the sources (documented in README "How entities are combined").
PRIORITY = {
    "date": 100,
    "state": 80,
    "gazetteer": 70,
    "person": 60,
    "acting-body": 60,
    "acronym": 50,
    "model": 40,
}

for _name, _default in (("mention_candidates", None), ("mentions", None), ("blocked", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "minutes.text"


def add_candidates(doc: Doc, mentions: list[Mention]) -> None:
    if doc._.mention_candidates is None:
        doc._.mention_candidates = []
    doc._.mention_candidates.extend(mentions)


def candidates(doc: Doc) -> list[Mention]:
    return list(doc._.mention_candidates or [])

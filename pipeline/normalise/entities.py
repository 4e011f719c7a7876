"""Mentions to record entities: normalised values for DATE and BUNDESLAND."""

from __future__ import annotations

from pipeline.normalise.dates import normalise_dates
from pipeline.normalise.states import state_code
from pipeline.records import Entity
from pipeline.tag.mentions import Mention


def to_entities(text: str, mentions: list[Mention]) -> list[Entity]:
    date_mentions = [m for m in mentions if m.label == "DATE"]
    date_values = normalise_dates(text, [m.payload for m in date_mentions])
    values: dict[tuple[int, int], str] = {
        (m.start, m.end): value for m, value in zip(date_mentions, date_values, strict=True)
    }
    entities = []
    for mention in mentions:
        surface = text[mention.start : mention.end]
        value: str | None = None
        if mention.label == "DATE":
            value = values[(mention.start, mention.end)]
        elif mention.label == "BUNDESLAND":
            value = state_code(surface)
            if value is None:
                continue  # a proposal the lexicon cannot map is no state
        entities.append(
            Entity(
                start=mention.start,
                end=mention.end,
                text=surface,
                label=mention.label,
                value=value,
                source=mention.source,
                confidence=mention.confidence,
            )
        )
    return entities

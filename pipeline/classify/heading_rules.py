"""Item categories from headings: the rule the classifier falls back on.

Cues are data (``heading_cues.json``). The nearest heading decides; where it says
nothing, the lead-in line ending in ':' is tried, then the outer headings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from pipeline.segment import ListItem

FALLBACK_CATEGORY = "other"
MEMO_SIZE = 10_000


@dataclass(frozen=True)
class HeadingCues:
    order: tuple[str, ...]
    cues: dict[str, tuple[str, ...]]
    # Headings repeat for every item under them: each is looked up once (bounded memo).
    _memo: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def category_of(self, heading: str) -> str | None:
        if heading in self._memo:
            return self._memo[heading]
        words = f" {heading.lower()} "
        found = next(
            (c for c in self.order if any(cue in words for cue in self.cues[c])),
            None,
        )
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[heading] = found
        return found


@lru_cache(maxsize=1)
def load_cues() -> HeadingCues:
    data = json.loads(resources.files(__package__).joinpath("heading_cues.json").read_text("utf-8"))
    return HeadingCues(
        order=tuple(data["order"]),
        cues={name: tuple(values) for name, values in data["cues"].items()},
    )


def categorise_by_heading(item: ListItem, cues: HeadingCues | None = None) -> tuple[str, str]:
    """(category, evidence) for an item; evidence names what decided it."""
    cues = cues or load_cues()
    candidates = []
    if item.heading is not None:
        candidates.append(("heading", item.heading.text))
    if item.lead_in:
        candidates.append(("lead-in", item.lead_in))
    candidates.extend(("section", title) for title in reversed(item.section_path[:-1]))
    for evidence, text in candidates:
        category = cues.category_of(text)
        if category is not None:
            return category, evidence
    return FALLBACK_CATEGORY, "default"

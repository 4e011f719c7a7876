"""Federal-state surfaces to ISO 3166-2:DE codes (without ``DE-``), from the JSON lexicon.

The lexicon ``pipeline/resources/bundeslaender.json`` ships as package data; it lists for
each state its code, names with inflected forms, and abbreviations (see its description).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

LEXICON_PACKAGE = "pipeline"
LEXICON_DIRECTORY = "resources"
LEXICON_FILE = "bundeslaender.json"

# Words that may precede a state's name in a surface without changing the state
# ("Freistaat Bayern", "Land Berlin"); the span tagger leaves them outside anyway.
_STATE_TITLE = re.compile(r"^(?:Freistaat|Freistaates|Bundesland|Land|Landes)\s+", re.IGNORECASE)
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013]")
# Codes that are ordinary words in lower case ("by", "he", "be"): only their exact,
# upper-case surface maps; longer names and aliases also map case-insensitively.
_MIN_CASELESS_LENGTH = 3


@dataclass(frozen=True, slots=True)
class State:
    code: str
    name: str
    names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    code_context_abbreviations: tuple[str, ...]
    city_state: bool

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.code, *self.names, *self.abbreviations, *self.code_context_abbreviations)


@cache
def load_states() -> tuple[State, ...]:
    """The 16 states from the packaged lexicon."""
    source = resources.files(LEXICON_PACKAGE) / LEXICON_DIRECTORY / LEXICON_FILE
    data = json.loads(source.read_text(encoding="utf-8"))
    return tuple(
        State(
            code=entry["code"],
            name=entry["name"],
            names=tuple(entry["names"]),
            abbreviations=tuple(entry["abbreviations"]),
            code_context_abbreviations=tuple(entry["code_context_abbreviations"]),
            city_state=bool(entry["city_state"]),
        )
        for entry in data["states"]
    )


@cache
def _surface_index() -> tuple[dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    caseless: dict[str, str] = {}
    for state in load_states():
        for surface in state.surfaces:
            exact[surface] = state.code
            if len(surface.rstrip(".")) >= _MIN_CASELESS_LENGTH:
                caseless[surface.casefold()] = state.code
    return exact, caseless


def _clean(surface: str) -> str:
    surface = _DASHES.sub("-", " ".join(surface.split()))
    surface = surface.rstrip("'’")  # genitive apostrophe: "Rheinland-Pfalz'"
    return _STATE_TITLE.sub("", surface)


def state_code(surface: str) -> str | None:
    """The ISO code for a state name, inflected form or abbreviation; None if none.

    ``state_code("RLP") == "RP"``, ``state_code("Thüringens") == "TH"``,
    ``state_code("Freistaat Bayern") == "BY"``, ``state_code("bayerischen") is None``.
    """
    exact, caseless = _surface_index()
    cleaned = _clean(surface)
    if cleaned in exact:
        return exact[cleaned]
    return caseless.get(cleaned.casefold())

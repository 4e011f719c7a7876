"""German tokenizer that keeps gender forms whole and splits dates cleanly.

spaCy's German defaults split ``Kund:innen`` at the colon and glue a sentence-final
full stop to a year (``2019.``); both would break entity spans, so we adjust the
infix and suffix rules once and register the result for ``config.cfg``.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.lang.de import German
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_suffix_regex

# Gender forms: Teilnehmer*innen, Kund:innen, Mitarbeiter_innen, Kolleg/innen, Bürger·innen.
GENDER_SUFFIX = r"(?:in|innen)\b"

TOKENIZER_NAME = "minutes.GermanTokenizer.v1"


def _infixes() -> list[str]:
    patterns = []
    for pattern in German.Defaults.infixes:
        # The defaults split on ':' and '/' between letters; keep gender gaps (Kund:innen) whole.
        if "[:<>=]" in pattern:
            pattern = pattern.replace("[:<>=]", r"(?!:" + GENDER_SUFFIX + r")[:<>=]")
        elif r"\/" in pattern:
            pattern = pattern.replace(r"\/", r"(?!/" + GENDER_SUFFIX + r")\/")
        patterns.append(pattern)
    # Split a hyphen or en dash between digits (2015-2018, 1.–3.) so range ends are tokens.
    patterns.append(r"(?<=[0-9.])[-–—](?=[0-9])")
    # Split slashes between digits and letters (HSP3/4, 8./9.).
    patterns.append(r"(?<=[0-9.])/(?=[0-9])")
    return patterns


def _suffixes() -> list[str]:
    # A full stop after a four-digit year ends the sentence, it is not part of the date.
    # Likewise after legal forms and hyphenated acronyms: "… GmbH." "… AG-S."
    return [
        *German.Defaults.suffixes,
        r"(?<=[0-9]{4})\.",
        r"(?<=[0-9]{4})[:,;]",
        r"(?<=[a-z][A-Z])\.",
        r"(?<=-[A-Z])\.",
    ]


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer() -> Callable[[spacy.Language], Tokenizer]:
    def factory(nlp: spacy.Language) -> Tokenizer:
        base = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        base.infix_finditer = compile_infix_regex(_infixes()).finditer
        base.suffix_search = compile_suffix_regex(_suffixes()).search
        return base

    return factory

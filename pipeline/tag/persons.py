"""Person names from context: honorifics and titles, known first names, and names
already found in the same document.

The lexicons are data (``patterns/person_context.json``, ``patterns/first_names.txt``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

PATTERNS_DIR = Path(__file__).parent / "patterns"

# Capitalised word, possibly hyphenated (Steinbring-May), with letters from any Latin script.
_NAME_TOKEN = re.compile(r"^[A-ZÄÖÜÀ-ÞĀ-ſ][a-zäöüßà-ÿā-ſ'’]+(?:-[A-ZÄÖÜÀ-Þ][a-zäöüßà-ÿā-ſ'’]+)*$")
# Endings of German common nouns; a surname candidate with one is more likely a noun.
_NOUN_ENDINGS = (
    "ung",
    "heit",
    "keit",
    "schaft",
    "tion",
    "ität",
    "nis",
    "ismus",
    "ment",
    "ium",
    "tur",
    "ie",
    "ei",
    "ling",
    "chen",
    "lein",
    "tum",
    "anz",
    "enz",
    "ierung",
    "ager",
    "ieren",
    # heads of organisation names ("Herr Kılıç vom Kreismedienzentrum Göppingen")
    "zentrum",
    "zentrums",
    "schule",
    "amt",
    "amts",
    "behörde",
    "verein",
    "vereins",
    "verband",
    "stelle",
    "büro",
    "gericht",
    "agentur",
    "klinik",
    "klinikum",
    # districts ("Integrationsbeauftragte des Salzlandkreises")
    "kreis",
    "kreises",
)
# "St. Otto", "Sankt Martin": a saint's name names a church, home, clinic or place.
SAINT_WORDS = frozenset({"St.", "Sankt", "St"})


@dataclass(frozen=True)
class PersonLexicon:
    honorifics: frozenset[str]
    titles: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    first_names: frozenset[str]
    # A post or role ("Stationsleitung", "Erste"): see post_endings/post_words in the data.
    post_word: re.Pattern[str] = re.compile(r"(?!)")


@lru_cache(maxsize=4)
def load_lexicon(patterns_dir: Path = PATTERNS_DIR) -> PersonLexicon:
    context = json.loads((patterns_dir / "person_context.json").read_text("utf-8"))
    first_names_path = patterns_dir / "first_names.txt"
    first_names = [
        line.strip()
        for line in first_names_path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    particles = {p for p in context.get("name_particles", []) if " " not in p}
    return PersonLexicon(
        honorifics=frozenset(context.get("honorifics", [])),
        titles=frozenset(context.get("titles", [])),
        particles=frozenset(particles),
        not_names=frozenset(context.get("not_names", []))
        | frozenset(context.get("role_nouns", [])),
        first_names=frozenset(first_names),
        post_word=_post_word_pattern(
            context.get("post_endings", []), context.get("post_words", [])
        ),
    )


def _post_word_pattern(endings: list[str], words: list[str]) -> re.Pattern[str]:
    alternatives = [re.escape(word) for word in words]
    if endings:
        alternatives.append(r"[A-ZÄÖÜ][\w-]*(?:" + "|".join(map(re.escape, endings)) + ")")
    return re.compile("|".join(f"(?:{a})" for a in alternatives) or r"(?!)")


def _is_name_token(token: Token, lexicon: PersonLexicon) -> bool:
    text = token.text
    return (
        bool(_NAME_TOKEN.match(text))
        and text not in lexicon.not_names
        and not (text in lexicon.honorifics or text in lexicon.titles)
    )


def _looks_like_noun(text: str) -> bool:
    return text.lower().endswith(_NOUN_ENDINGS)


def _surname_end(doc: Doc, index: int, lexicon: PersonLexicon, max_tokens: int) -> int:
    """End token index (exclusive) of a surname starting at `index`, or `index` if none.

    Particles (von, van, de) join when a name token follows them.
    """
    end = index
    taken = 0
    while end < len(doc) and taken < max_tokens:
        token = doc[end]
        if token.whitespace_ == "" and end + 1 < len(doc) and doc[end + 1].text == "@":
            break  # an e-mail address, never a name
        if (
            token.text in lexicon.particles
            and end + 1 < len(doc)
            and _is_name_token(doc[end + 1], lexicon)
            and not _looks_like_noun(doc[end + 1].text)
        ):
            end += 1
            continue
        if not _is_name_token(token, lexicon):
            break
        if taken >= 1 and _looks_like_noun(token.text):
            break
        end += 1
        taken += 1
        if "\n" in token.whitespace_ or token.whitespace_ == "":
            break
    return end


def find_persons(doc: Doc, lexicon: PersonLexicon) -> list[tuple[int, int, str]]:
    """Token spans (start, end, rule) of person names."""
    found: list[tuple[int, int, str]] = []
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        # 1. Frau/Herr, optionally titles: the following name tokens are the name.
        if token.text in lexicon.honorifics or token.text in lexicon.titles:
            j = i + 1
            while j < n and (doc[j].text in lexicon.titles or doc[j].text in lexicon.honorifics):
                j += 1
            first_end = j
            while first_end < n and doc[first_end].text in lexicon.first_names:
                first_end += 1
            end = _surname_end(doc, first_end, lexicon, max_tokens=2)
            if end == first_end and first_end > j:
                end = first_end  # "Frau Monika" is still a name
            if end > j:
                found.append((j, end, "honorific"))
                i = end
                continue
        # 2. Known first name(s) followed by a surname.
        if token.text in lexicon.first_names and _NAME_TOKEN.match(token.text):
            j = i + 1
            while j < n and doc[j].text in lexicon.first_names and j - i < 3:
                j += 1
            end = _surname_end(doc, j, lexicon, max_tokens=2)
            if end == j and j - i >= 2:
                end = j  # "Maria Virginia": the last first name may be the surname
            if end > j or (end == j and j - i >= 2):
                found.append((i, end, "first-name"))
                i = end
                continue
        i += 1
    return found


def lone_first_names(
    doc: Doc, spans: list[tuple[int, int]], lexicon: PersonLexicon
) -> list[tuple[int, int]]:
    """A known first name used alone for a person ("Oksana hat sich umgehört"): the next
    word is no capitalised noun that could make it part of a longer name or a compound."""
    taken = {i for start, end in spans for i in range(start, end)}
    found = []
    for token in doc:
        if token.i in taken or token.text not in lexicon.first_names or len(token.text) < 3:
            continue
        if not _NAME_TOKEN.match(token.text) or token.text in lexicon.not_names:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and not nxt.is_space and nxt.text[:1].isupper():
            continue
        if nxt is not None and nxt.text in ("-", "‐") and not token.whitespace_:
            continue  # "Anna-Lena"-style compounds are handled as one token elsewhere
        if token.i > 0 and doc[token.i - 1].text in SAINT_WORDS:
            continue  # "St. Otto", "Sankt Martin": a church, clinic or place named after a saint
        found.append((token.i, token.i + 1))
    return found


def propagate_surnames(
    doc: Doc, spans: list[tuple[int, int]], lexicon: PersonLexicon
) -> list[tuple[int, int]]:
    """Later mentions of a surname already seen in a full name ("Opitz" after "Monika Opitz")."""
    surnames = {doc[end - 1].text for start, end in spans if end - start >= 2}
    taken = {i for start, end in spans for i in range(start, end)}
    return [
        (i, i + 1)
        for i, token in enumerate(doc)
        if token.text in surnames and i not in taken and _is_name_token(token, lexicon)
    ]

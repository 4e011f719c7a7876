"""Context rules for names whose label depends on their neighbours.

The rules are data (``patterns/acting_bodies.json``, documented there and in
``patterns/README.md``):

- acting bodies: ``IQ`` is an ORG where the network acts ("zwischen IQ und BA"), not
  where it names a programme or modifies a noun ("Förderprogramm IQ", "IQ Fachtag");
- singular-only bodies: bare ``Jobcenter`` is an ORG after a singular determiner only;
- singular offices: a bare ``-amt``/``-behörde`` noun ("das Jugendamt") is the local body,
  an ORG, unless generic ("ein Jugendamt"), a role ("Als Naturschutzbehörde") or an office
  held by a person ("Ehrenamt");
- units with their place: a noun whose ending names a body or unit, followed by a tagged
  place, is one ORG with it ("Kreismedienzentrum Göppingen", "Gewerblichen Schule Göppingen");
- named facilities: a head noun with "St. X" or "am/an der X" ("Seniorenzentrum St. Otto",
  "Klinik am Wollenberg") is one ORG;
- elliptical coordination: "MigraNet plus Franken, Südostbayern und Region München" is
  three organisations;
- administrative units (``loc:admin``: Stadt/Landkreis X) are places unless the
  administration acts: employs someone, is a partner, host, subject or the letterhead
  ("gemeinsam mit dem Landkreis X", "Einladende: Stadt X", "Die Stadt X prüft"), never
  after a territorial preposition ("im Landkreis X");
- never-ORG names (funds, laws, programmes) are dropped from the model's proposals.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.attrs import ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from pipeline.tag.mentions import PRIORITY, Mention, candidates, doc_text
from pipeline.tag.persons import SAINT_WORDS

PATTERNS_DIR = Path(__file__).parent / "patterns"
_CAPITALISED = re.compile(r"^[A-ZÄÖÜ]")
_SINGULAR_DETERMINERS = frozenset({"dem", "des", "vom", "beim", "im", "zum", "am", "ins", "ans"})
_CONJUNCT = re.compile(
    r"(?P<sep>\s*(?:,|und|sowie|/|bzw\.)\s*)(?P<name>(?:Region\s+)?[A-ZÄÖÜ][\w\-]+"
    r"(?:\s+[A-ZÄÖÜ][\w\-]+)?)"
)


# Regional names built on a state or region ("Südostbayern", "Ostwestfalen").
_REGION_ENDINGS = (
    "bayern",
    "franken",
    "schwaben",
    "sachsen",
    "westfalen",
    "thüringen",
    "hessen",
    "pfalz",
    "baden",
    "württemberg",
    "holstein",
    "brandenburg",
    "vorpommern",
    "friesland",
    "lippe",
)


@dataclass(frozen=True)
class AdminCues:
    """What decides whether "Stadt/Landkreis X" is the administration (ORG) or the place."""

    key: str
    before_words: frozenset[str]
    genitive_of: tuple[str, ...]
    after_words: frozenset[str]
    subject_articles: frozenset[str]
    subordinating: frozenset[str]
    host_labels: frozenset[str]
    territory: frozenset[str]


@dataclass(frozen=True)
class ContextLexicon:
    bodies: tuple[dict, ...]
    singular_only: tuple[dict, ...]
    coordination_families: tuple[str, ...]
    admin: dict
    never_org: frozenset[str]
    offices: dict | None = None
    units: dict | None = None
    facilities: dict | None = None

    @cached_property
    def facility_heads(self) -> frozenset[str]:
        return frozenset((self.facilities or {}).get("heads", ()))

    @cached_property
    def facility_head_ids(self) -> frozenset[int]:
        return frozenset(hash_string(head) for head in self.facility_heads)

    @cached_property
    def admin_cues(self) -> AdminCues:
        """The ``admin_units`` cue lists as sets, built once per lexicon, not per document."""
        admin = self.admin
        return AdminCues(
            key=admin.get("id", "loc:admin"),
            before_words=frozenset(
                admin.get("org_if_preceded_by", []) + admin.get("org_if_preceded_by_more", [])
            ),
            genitive_of=tuple(admin.get("org_if_genitive_of_ending", ())),
            after_words=frozenset(admin.get("org_if_followed_by", [])),
            subject_articles=frozenset(admin.get("subject_articles", [])),
            subordinating=frozenset(admin.get("subordinating_words", [])),
            host_labels=frozenset(admin.get("host_labels", [])),
            territory=frozenset(admin.get("territory_if_preceded_by", [])),
        )

    @cached_property
    def first_word_ids(self) -> frozenset[int]:
        """String hashes of the words the acting-body and singular-only rules start with."""
        words = {rule["acronym"] for rule in self.bodies}
        words |= {rule["word"].split()[0] for rule in self.singular_only}
        return frozenset(hash_string(word) for word in words)


@lru_cache(maxsize=4)
def load_context_lexicon(path: Path = PATTERNS_DIR / "acting_bodies.json") -> ContextLexicon:
    data = json.loads(path.read_text("utf-8")) if path.exists() else {}
    families = data.get("elliptical_coordination", {}).get("family_ids", [])
    return ContextLexicon(
        bodies=tuple(data.get("bodies", [])),
        singular_only=tuple(data.get("singular_only_bodies", [])),
        coordination_families=tuple(f.rstrip("*") for f in families),
        admin=data.get("admin_units", {}),
        never_org=frozenset(data.get("never_org", {}).get("tokens", [])),
        offices=data.get("singular_office_nouns"),
        units=data.get("unit_place_names"),
        facilities=data.get("facility_names"),
    )


def _previous(token: Token) -> Token | None:
    """The previous token that is not whitespace."""
    i = token.i - 1
    while i >= 0 and token.doc[i].is_space:
        i -= 1
    return token.doc[i] if i >= 0 else None


def _next(token: Token) -> Token | None:
    i = token.i + 1
    while i < len(token.doc) and token.doc[i].is_space:
        i += 1
    return token.doc[i] if i < len(token.doc) else None


def _acting_body(token: Token, rule: dict) -> bool:
    prev, nxt = _previous(token), _next(token)
    if prev is not None and prev.text in rule.get("not_if_preceded_by", []):
        return False
    if not token.whitespace_ and nxt is not None and nxt.text in "-‐":
        return False  # IQ-Kolleg*innen
    if nxt is not None and nxt.text in rule.get("not_if_followed_by", []):
        return False
    next_is_name = (
        nxt is not None and "\n" not in token.whitespace_ and bool(_CAPITALISED.match(nxt.text))
    )
    # "IQ Fachtag": a capitalised word after it makes IQ a modifier, unless IQ is the
    # subject or object of a verb right before it ("hat IQ Zugriff").
    acting_verb = prev is not None and prev.text in rule.get("org_even_if_next_capitalised", [])
    return not next_is_name or acting_verb


def _singular_body(doc: Doc, start: int, rule: dict) -> bool:
    prev = _previous(doc[start])
    if prev is None or prev.text in rule.get("not_if_preceded_by", []):
        return False
    if prev.text in ("örtlichen", "zuständigen"):
        before = _previous(prev)
        return before is not None and before.lower_ in _SINGULAR_DETERMINERS
    return prev.text in rule.get("org_if_preceded_by", [])


def context_mentions(doc: Doc, lexicon: ContextLexicon) -> list[Mention]:
    """ORG proposals from the acting-body, singular-only, singular-office and unit-place
    rules."""
    mentions = []
    # Only the tokens a rule starts with become Token objects (most documents have few).
    orths = doc.to_array(ORTH).tolist()
    wanted_ids = lexicon.first_word_ids
    tokens_by_text: dict[str, list[Token]] = {}
    for i, orth in enumerate(orths):
        if orth in wanted_ids:
            token = doc[i]
            tokens_by_text.setdefault(token.text, []).append(token)
    for rule in lexicon.bodies:
        for token in tokens_by_text.get(rule["acronym"], ()):
            if _acting_body(token, rule):
                mentions.append(
                    Mention(
                        token.idx,
                        token.idx + len(token.text),
                        "ORG",
                        "acting-body",
                        PRIORITY["acting-body"],
                        key=rule.get("id"),
                    )
                )
    for rule in lexicon.singular_only:
        words = rule["word"].split()
        for token in tokens_by_text.get(words[0], ()):
            if token.i + len(words) > len(doc):
                continue
            span = doc[token.i : token.i + len(words)]
            if [t.text for t in span] == words and _singular_body(doc, token.i, rule):
                mentions.append(
                    Mention(
                        span.start_char,
                        span.end_char,
                        "ORG",
                        "singular-body",
                        PRIORITY["acting-body"],
                        key=rule.get("id"),
                    )
                )
    for rule in (lexicon.offices, lexicon.units):
        if rule:
            mentions += _office_mentions(doc, orths, rule)
    if lexicon.facilities:
        mentions += _facility_mentions(doc, orths, lexicon)
    return mentions


def _facility_mentions(doc: Doc, orths: list[int], lexicon: ContextLexicon) -> list[Mention]:
    """Facilities named by a head noun and "St. X" or "am/an der X" ("Seniorenzentrum St.
    Otto", "Klinik am Wollenberg"): see ``facility_names`` in acting_bodies.json."""
    rule = lexicon.facilities or {}
    head_ids = lexicon.facility_head_ids
    prepositions = [p.split() for p in rule.get("place_prepositions", ())]
    not_names = set(rule.get("not_names", ()))
    mentions: list[Mention] = []
    for i, orth in enumerate(orths):
        if orth not in head_ids or i + 2 >= len(doc) or "\n" in doc[i].whitespace_:
            continue
        end = None
        if doc[i + 1].text in SAINT_WORDS:
            end = i + 3
        else:
            for words in prepositions:
                if [t.text for t in doc[i + 1 : i + 1 + len(words)]] == words:
                    end = i + 2 + len(words)
                    break
        if end is None or end > len(doc):
            continue
        name = doc[end - 1]
        between = doc[i : end - 1]
        if (
            not _CAPITALISED.match(name.text)
            or name.text in not_names
            or any("\n" in t.whitespace_ for t in between)
        ):
            continue
        mentions.append(
            Mention(
                doc[i].idx,
                name.idx + len(name.text),
                "ORG",
                rule.get("source", "facility"),
                PRIORITY["acting-body"],
                key=rule.get("id"),
            )
        )
    return mentions


@lru_cache(maxsize=4)
def _office_pattern(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    # A capitalised word ending in one of the suffixes, or a capitalised suffix itself ("Schule").
    alternatives = "|".join(map(re.escape, suffixes))
    return re.compile(r"(?=[A-ZÄÖÜ])(?:[A-ZÄÖÜ][a-zäöüß]*)?(?:" + alternatives + ")")


def _office_mentions(doc: Doc, orths: list[int], rule: dict) -> list[Mention]:
    """Nouns that name a body by their ending: bare singular offices ("das Jugendamt", see
    ``singular_office_nouns`` in acting_bodies.json) and, with ``requires_place``, units
    named with their place ("Kreismedienzentrum Göppingen", ``unit_place_names``)."""
    suffixes = tuple(rule["suffixes"])
    pattern = _office_pattern(suffixes)
    not_endings = tuple(rule.get("not_office_endings", ()))
    adjective_endings = tuple(rule.get("name_adjective_endings", ()))
    not_preceded_by = set(rule.get("not_if_preceded_by", ()))
    name_adjectives = set(rule.get("name_adjectives", ()))
    strings = doc.vocab.strings
    offices = {
        orth
        for orth in set(orths)
        if (word := strings[orth]).endswith(suffixes)  # cheap test first: most words fail it
        and pattern.fullmatch(word)
        and not word.lower().endswith(not_endings)
    }
    mentions: list[Mention] = []
    if not offices:
        return mentions
    text = doc_text(doc)
    place_labels = ("LOC", "BUNDESLAND") if rule.get("requires_place") else ("LOC",)
    places_after = {m.start: m.end for m in candidates(doc) if m.label in place_labels}
    for i, orth in enumerate(orths):
        if orth not in offices:
            continue
        token = doc[i]
        prev, nxt = _previous(token), _next(token)
        if prev is not None and prev.text in not_preceded_by:
            continue
        if nxt is not None and not token.whitespace_ and nxt.text in ("-", "‐"):
            continue  # "Jugendamt-Mitarbeitende": part of a compound
        start, end = token.idx, token.idx + len(token.text)
        # "Staatliches Schulamt", "Gewerblichen Schule": a capitalised adjective belongs
        # to the name ...
        if prev is not None and (
            prev.text in name_adjectives
            or (prev.text[:1].isupper() and prev.text.endswith(adjective_endings))
        ):
            start = prev.idx
        # ... and so does a place right after it ("Finanzamt Gifhorn").
        place_end = places_after.get(end + 1) if text[end : end + 1] == " " else None
        if place_end is None and rule.get("requires_place"):
            continue
        mentions.append(
            Mention(
                start,
                place_end or end,
                "ORG",
                rule.get("source", "singular-office"),
                PRIORITY["acting-body"],
                key=rule.get("id"),
            )
        )
    return mentions


def coordinated_orgs(
    text: str, chosen: list[Mention], proposals: list[Mention], lexicon: ContextLexicon
) -> list[Mention]:
    """Conjuncts that continue an organisation family's name ("…, Südostbayern und Region
    München" after "MigraNet plus Franken"). A conjunct must be a place: a LOC or state
    proposal, a regional name, or "Region X"."""
    places = {(m.start, m.end) for m in proposals if m.label in ("LOC", "BUNDESLAND")}
    out = []
    for mention in chosen:
        if (
            mention.label != "ORG"
            or not mention.key
            or not any(mention.key.startswith(f) for f in lexicon.coordination_families)
        ):
            continue
        position = mention.end
        while True:
            conjunct = _CONJUNCT.match(text, position)
            if conjunct is None or "\n" in conjunct.group("sep"):
                break
            start, end = conjunct.span("name")
            name = conjunct.group("name")
            if not (
                (start, end) in places
                or name.startswith("Region ")
                or (" " not in name and name.lower().endswith(_REGION_ENDINGS))
            ):
                break
            out.append(
                Mention(start, end, "ORG", "coordination", PRIORITY["state"] + 1, key=mention.key)
            )
            position = end
    return out


_LABEL_BEFORE = re.compile(r"\b(\w+)\s*:[\s*]*$")


def relabel_admin_units(
    text: str,
    chosen: list[Mention],
    lexicon: ContextLexicon,
) -> list[Mention]:
    """Stadt/Landkreis X: ORG where the administration acts or employs, else LOC (the cues:
    ``admin_units`` in acting_bodies.json)."""
    cues = lexicon.admin_cues
    if not any(mention.key == cues.key for mention in chosen):
        return chosen
    persons = [m for m in chosen if m.label == "PER"]
    first_character = len(text) - len(text.lstrip())
    out = []
    for mention in chosen:
        if mention.key != cues.key:
            out.append(mention)
            continue
        before = text[max(0, mention.start - 40) : mention.start]
        after = text[mention.end : mention.end + 30]
        words_before = re.findall(r"[\w*:]+", before)
        words_after = re.findall(r"\w+", after)
        last = words_before[-1] if words_before else ""
        second_last = words_before[-2] if len(words_before) >= 2 else ""
        article = last in ("der", "des", "dem", "die", "den")
        in_affiliation = bool(re.search(r"[(,]\s*$", before)) and any(
            re.fullmatch(r"\s*[(,]\s*", text[p.end : mention.start]) for p in persons
        )
        acts = bool(words_after) and words_after[0] in cues.after_words
        employs = last in cues.before_words or (
            article
            and (
                second_last in cues.before_words
                or (second_last[:1].isupper() and second_last.lower().endswith(cues.genitive_of))
            )
        )
        # "Die Hansestadt Stendal prüft", "dass der Landkreis ...", "hält der Landkreis ...".
        subject = last in cues.subject_articles or (
            last in ("der", "die")
            and (second_last in cues.subordinating or second_last in cues.after_words)
        )
        label_before = _LABEL_BEFORE.search(before)  # "Einladende: Landeshauptstadt Dresden"
        host = label_before is not None and label_before.group(1) in cues.host_labels
        letterhead = mention.start == first_character
        if last in cues.territory:
            label = "LOC"
        elif in_affiliation or acts or employs or subject or host or letterhead:
            label = "ORG"
        else:
            label = "LOC"
        out.append(replace(mention, label=label))
    return out

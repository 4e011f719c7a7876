"""spaCy components that propose and resolve entity mentions.

Each proposing component appends `Mention`s to ``doc._.mention_candidates``; the
``minutes_entities`` resolver makes the flat annotation; the steps it applies are plain
functions in `pipeline.tag.resolve`. Registered with ``@Language.factory`` and configured in
``pipeline/tag/config.cfg``.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from pipeline.normalise.states import state_code
from pipeline.tag import persons as person_rules
from pipeline.tag.anchored_matcher import AnchoredMatcher
from pipeline.tag.context_rules import (
    context_mentions,
    coordinated_orgs,
    load_context_lexicon,
    relabel_admin_units,
)
from pipeline.tag.dates import find_dates
from pipeline.tag.mentions import PRIORITY, Mention, add_candidates, candidates, doc_text
from pipeline.tag.resolve import (
    CITY_STATES,
    COMMON_NOUN_END,
    SHOUTED_WORD,
    STREET,
    acronym_mentions,
    affiliation_slots,
    as_spans,
    drop_blocked,
    drop_places_inside_names,
    drop_places_inside_orgs,
    facility_short_names,
    named_facilities,
    promote_extending_model_spans,
    select,
    with_name_adjectives,
)
from pipeline.tag.states import find_states

PATTERNS_DIR = Path(__file__).parent / "patterns"


@Language.factory("minutes_dates")
def make_date_tagger(nlp: Language, name: str) -> DateTagger:
    return DateTagger()


class DateTagger:
    """Calendar dates and ranges from the regex grammar in `pipeline.tag.dates`."""

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(
            doc,
            [
                Mention(m.start, m.end, "DATE", "date-grammar", PRIORITY["date"], payload=m)
                for m in find_dates(doc_text(doc))
            ],
        )
        return doc


@Language.factory("minutes_states")
def make_state_tagger(nlp: Language, name: str) -> StateTagger:
    return StateTagger()


class StateTagger:
    """German federal states by name or code, with the guards of `pipeline.tag.states`."""

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(
            doc,
            [
                Mention(start, end, "BUNDESLAND", "state-lexicon", PRIORITY["state"])
                for start, end in find_states(doc_text(doc))
            ],
        )
        return doc


@Language.factory(
    "minutes_gazetteer",
    default_config={"pattern_files": ["organisations.jsonl", "locations.jsonl"]},
)
def make_gazetteer(nlp: Language, name: str, pattern_files: list[str]) -> Gazetteer:
    return Gazetteer(nlp, name, pattern_files)


class Gazetteer:
    """Known organisations and places from JSONL pattern files (SpanRuler's pattern format).

    The patterns run through `AnchoredMatcher`, which finds the same spans as a `SpanRuler`
    but tries each token pattern only where its first word occurs.
    """

    def __init__(self, nlp: Language, name: str, pattern_files: list[str]) -> None:
        patterns = []
        for file_name in pattern_files:
            path = PATTERNS_DIR / file_name
            if path.exists():
                patterns.extend(srsly.read_jsonl(path))
        self.matcher = AnchoredMatcher(nlp.vocab, patterns, nlp.make_doc)

    def __call__(self, doc: Doc) -> Doc:
        # Longest match wins; among equal spans a specific body beats a shape ("~" ids).
        # BLOCK spans ("IQ Fachtag", "ThAFF Praxisaustausch") exist only to beat the
        # shorter ORG inside them and are dropped afterwards.
        spans = filter_spans(sorted(self.matcher(doc), key=lambda s: "~" in s.id_))
        doc._.blocked = [(s.start_char, s.end_char) for s in spans if s.label_ == "BLOCK"]
        spans = [s for s in spans if s.label_ != "BLOCK"]
        add_candidates(
            doc,
            [
                Mention(
                    span.start_char,
                    span.end_char,
                    span.label_,
                    "gazetteer",
                    PRIORITY["gazetteer"],
                    key=span.id_ or None,
                )
                for span in spans
            ],
        )
        return doc


@Language.factory("minutes_persons")
def make_person_tagger(nlp: Language, name: str) -> PersonTagger:
    return PersonTagger()


class PersonTagger:
    """Names after Frau/Herr/titles, after known first names, and their later surnames."""

    def __init__(self) -> None:
        self.lexicon = person_rules.load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        found = person_rules.find_persons(doc, self.lexicon)
        spans = [(start, end) for start, end, _ in found]
        mentions = [
            Mention(
                doc[s:e].start_char, doc[s:e].end_char, "PER", f"person:{rule}", PRIORITY["person"]
            )
            for s, e, rule in found
        ]
        mentions += [
            Mention(
                doc[s:e].start_char,
                doc[s:e].end_char,
                "PER",
                "person:surname",
                PRIORITY["person"] - 5,
            )
            for s, e in person_rules.propagate_surnames(doc, spans, self.lexicon)
        ]
        mentions += [
            Mention(
                doc[s:e].start_char,
                doc[s:e].end_char,
                "PER",
                "person:first-name-alone",
                PRIORITY["person"] - 10,
                confidence=0.7,
            )
            for s, e in person_rules.lone_first_names(doc, spans, self.lexicon)
        ]
        add_candidates(doc, mentions)
        return doc


@Language.factory("minutes_context_rules", default_config={"lexicon": "acting_bodies.json"})
def make_context_rules(nlp: Language, name: str, lexicon: str) -> ContextRules:
    return ContextRules(PATTERNS_DIR / lexicon)


class ContextRules:
    """Names that are an ORG only in some contexts (IQ, bare Jobcenter); see
    `pipeline.tag.context_rules`."""

    def __init__(self, path: Path) -> None:
        self.lexicon = load_context_lexicon(path)

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(doc, context_mentions(doc, self.lexicon))
        return doc


@Language.factory("minutes_entities", default_config={"lexicon": "acting_bodies.json"})
def make_entity_resolver(nlp: Language, name: str, lexicon: str) -> EntityResolver:
    return EntityResolver(nlp, PATTERNS_DIR / lexicon)


class EntityResolver:
    """One flat set of mentions from all proposals.

    Policy: the statistical model's entities join as low-priority proposals; a model
    span that extends a rule span of the same label replaces it; the model's LOC for a
    federal state becomes BUNDESLAND; a state or place inside an organisation name is
    dropped (it belongs to the ORG); acronyms defined or tagged as ORG anywhere in the document
    are ORG wherever they stand alone; then higher priority, then longer, wins.
    """

    def __init__(self, nlp: Language, lexicon_path: Path) -> None:
        self.lexicon = load_context_lexicon(lexicon_path)
        person_lexicon = person_rules.load_lexicon()
        self.first_names = person_lexicon.first_names
        self.person_words = person_lexicon.not_names | person_lexicon.titles
        self.post_word = person_lexicon.post_word
        self.unpropagated = self.lexicon.never_org | {b["acronym"] for b in self.lexicon.bodies}
        self.adjective_endings = tuple((self.lexicon.units or {}).get("name_adjective_endings", ()))
        meta = nlp.meta or {}
        self.model_name = f"ner:{meta.get('name', 'unknown')}-{meta.get('version', '0')}"

    def _model_mentions(self, doc: Doc) -> list[Mention]:
        mentions = []
        # A single word the model calls a person is trusted only if it is a known first
        # name or the surname of a fuller name in the same document: minutes are full of
        # capitalised nouns ("Moderation", "Kita") that a news-trained model takes for names.
        surnames = {e[-1].text for e in doc.ents if e.label_ == "PER" and len(e) > 1}
        for ent in doc.ents:
            label = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}.get(ent.label_)
            if label is None:
                continue  # MISC and others are not in our scheme
            # A name never runs over a line break: cut it there and drop trailing space.
            text = ent.text.split("\n", 1)[0].rstrip()
            if not text:
                continue
            end_char = ent.start_char + len(text)
            words = text.split()
            if not text[:1].isalnum():
                continue  # "✅ ToDo": a name starts with a letter
            if label in ("ORG", "PER") and SHOUTED_WORD.fullmatch(text):
                continue  # "LEBENSMITTEL": a heading in capitals
            start_char = ent.start_char
            if self.post_word.fullmatch(words[0]):
                if label == "ORG":
                    continue  # "Fachbereichsleiter Soziales": a post, not a body
                if label == "PER" and len(words) > 1:
                    # "Polizeihauptkommissar Marko Steffens": the rank is not the name
                    start_char += text.index(words[1], len(words[0]))
                    text = text[start_char - ent.start_char :]
                    words = words[1:]
            if (
                label == "PER"
                and len(words) == 1
                and not (text in self.first_names or text in surnames)
            ):
                continue
            if len(words) > 1 and words[-1][:1].islower():
                continue  # "Agentur für Arbeit angestrebt": a name ends in a name word
            if any(ch.isdigit() for ch in text) and label in ("PER", "LOC"):
                continue  # "B1", "HSP3": levels and codes, not names or places
            if (
                label in ("LOC", "ORG")
                and STREET.search(words[-1])
                and not any(word[:1].islower() for word in words)
            ):
                continue  # but "Grundschule am Pastorenweg" names a school
            if label == "ORG" and text in self.lexicon.never_org:
                continue  # funds, laws, programmes: never an ORG by the guidelines
            if label == "LOC" and len(words) == 1 and COMMON_NOUN_END.search(text):
                continue
            if label == "LOC" and state_code(text) and text not in CITY_STATES:
                label = "BUNDESLAND"
            mentions.append(
                Mention(start_char, end_char, label, self.model_name, PRIORITY["model"])
            )
        return mentions

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        proposals = drop_blocked(candidates(doc) + self._model_mentions(doc), doc._.blocked)
        proposals = named_facilities(text, proposals, self.lexicon.facility_heads)
        proposals = promote_extending_model_spans(proposals)
        proposals = drop_places_inside_orgs(proposals)
        proposals = drop_places_inside_names(proposals)
        chosen = select(proposals)
        # Second pass: what the first choice implies for the rest of the document.
        implied = acronym_mentions(doc, chosen, self.unpropagated) + coordinated_orgs(
            text, chosen, proposals, self.lexicon
        )
        chosen = select(proposals + drop_blocked(implied, doc._.blocked))
        chosen = sorted(
            affiliation_slots(text, chosen, self.person_words, self.post_word),
            key=lambda m: m.start,
        )
        chosen = relabel_admin_units(text, chosen, self.lexicon)
        # Only now are all facility names known (some come from the affiliation slots). A
        # short name beats what the model alone made of it ("St. Otto" as a place).
        short_names = facility_short_names(text, chosen, proposals, self.lexicon.facility_heads)
        chosen = sorted(
            [
                m
                for m in chosen
                if m.priority != PRIORITY["model"] or not any(n.overlaps(m) for n in short_names)
            ]
            + short_names,
            key=lambda m: m.start,
        )
        chosen = with_name_adjectives(text, chosen, self.adjective_endings)
        doc._.mentions = chosen
        doc.ents = as_spans(doc, chosen)
        return doc

"""How the resolver combines the proposals: the rules it applies to them, as plain functions.

`pipeline.tag.components.EntityResolver` calls these in order (its `_model_mentions` uses
the patterns below to filter the statistical model's spans: street names, common nouns,
headings in capitals): named facilities,
the drop and promote steps, the selection (higher priority, then longer, wins), acronym
propagation, affiliation slots after person names, facility short names and name
adjectives. Each takes and returns `Mention`s (character offsets), so each can be tested on
its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from pipeline.tag.mentions import PRIORITY, Mention, doc_text
from pipeline.tag.persons import SAINT_WORDS

# City states are cities first: the model's LOC "Berlin" stays a place.
CITY_STATES = frozenset({"Berlin", "Hamburg", "Bremen"})
# Street names are not tagged (guidelines: "Street and house number are not tagged"); a
# news-trained model reads "Gareisstraße" or "Sulzbacher Straße" as a place.
STREET = re.compile(r"(?:straße|strasse|str\.|allee|gasse|weg)$", re.IGNORECASE)
# Endings of German common nouns that no place name in GermEval's training data has
# ("Osterferien", "Schmierereien", "Haushaltsmitteln", "Urlaubssperre", "Krankenstand");
# the model takes such capitalised words for places. (-ung/-ungen and -nis are left out:
# Gerstungen, Freyung, Tunis.)
COMMON_NOUN_END = re.compile(
    r"(?:ferien|reien|mitteln|sperre|fonds|keiten|heiten|stand|schaften|ismus)$"
)
ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜa-z0-9&+\-]{0,9}$")


def is_acronym(text: str) -> bool:
    return (
        bool(ACRONYM.match(text))
        and sum(ch.isupper() for ch in text) >= 2
        and not SHOUTED_WORD.fullmatch(text)
    )


# A word of seven or more capitals is a heading or emphasis ("KUNDSCHAFT", "LEBENSMITTEL"),
# not an acronym; body acronyms that long are rare, and the gazetteer lists them.
SHOUTED_WORD = re.compile(r"[A-ZÄÖÜß]{7,}")


_PLACE_PREPOSITION_BEFORE = re.compile(r"(?<!\w)(?:in|In|aus|Aus|nach|bei|um|von) $")
_WORD_BEFORE = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]+) $")


def _word_before(text: str, position: int) -> re.Match[str] | None:
    """The capitalised word that ends one space before `position` (group 1), if any."""
    return _WORD_BEFORE.search(text, max(0, position - 40), position)


_BULLET_ONLY = re.compile(r"[ \t]*\S{1,3}[ \t]+")


def with_name_adjectives(
    text: str, chosen: list[Mention], adjective_endings: tuple[str, ...]
) -> list[Mention]:
    """A capitalised adjective right before an organisation is part of its name
    ("Integrierten Gesamtschule Fuldablick", "Dualen Hochschule Gera-Eisenach"): German
    writes adjectives in lower case unless they belong to a name. Not at the start of a
    sentence or line, where every word is capitalised."""
    if not adjective_endings:
        return chosen
    taken = {m.end for m in chosen}
    out = []
    for mention in chosen:
        if mention.label == "ORG":
            before = _word_before(text, mention.start)
            if before is None or not before.group(1).endswith(adjective_endings):
                out.append(mention)
                continue
            # What precedes the adjective on its line: nothing, a bullet marker or the end
            # of a sentence means it is capitalised for that reason alone.
            line = text[text.rfind("\n", 0, before.start(1)) + 1 : before.start(1)]
            if (
                before.end(1) not in taken
                and line.rstrip()[-1:] not in ("", ".", "!", "?", ":")
                and not _BULLET_ONLY.fullmatch(line)
            ):
                mention = replace(mention, start=before.start(1))
        out.append(mention)
    return out


def named_facilities(text: str, proposals: list[Mention], heads: frozenset[str]) -> list[Mention]:
    """A one-word name the model tags as a person or organisation right after a facility
    head noun is the facility's name: "Waldkita Eichhörnchen", "Jugendzentrum Regenbogen"."""
    if not heads:
        return proposals
    out = []
    for mention in proposals:
        if mention.priority == PRIORITY["model"] and mention.label in ("PER", "ORG"):
            words = text[mention.start : mention.end].split()
            start = None
            if len(words) == 2 and words[0] in heads:
                start = mention.start  # the model's own "Waldkita Eichhörnchen" (PER)
            elif len(words) == 1:
                before = _word_before(text, mention.start)
                if before is not None and before.group(1) in heads:
                    start = before.start(1)
            if start is not None:
                mention = replace(
                    mention,
                    start=start,
                    label="ORG",
                    source=f"{mention.source}+facility",
                    priority=PRIORITY["acting-body"],
                    key="org:~facility",
                )
        out.append(mention)
    return out


def facility_short_names(
    text: str, chosen: list[Mention], proposals: list[Mention], heads: frozenset[str]
) -> list[Mention]:
    """Once "Kita Pusteblume" is named, "in der Pusteblume" is the same facility (and "in
    St. Otto" after "Seniorenzentrum St. Otto"): its name alone is an ORG wherever it stands
    outside the rules' other mentions, unless it is proposed as a place or person anywhere
    in the document ("Kita Lauterborn" after the district Lauterborn)."""
    names = set()
    for mention in chosen:
        words = text[mention.start : mention.end].split()
        if mention.label != "ORG" or not words or words[0] not in heads:
            continue
        if len(words) == 2 or (len(words) == 3 and words[1] in SAINT_WORDS):
            names.add(" ".join(words[1:]))  # "Pusteblume", "St. Otto"
    if not names:
        return []
    # The model's "St. Otto" (LOC) is no evidence against the facility: saints name
    # churches, homes and clinics; the rules know the places called "St. X".
    elsewhere = {
        text[m.start : m.end]
        for m in proposals
        if m.label in ("LOC", "PER")
        and not (
            m.priority == PRIORITY["model"] and text[m.start : m.end].split()[0] in SAINT_WORDS
        )
    }
    taken = bytearray(len(text))
    for mention in chosen:
        if mention.priority != PRIORITY["model"]:
            taken[mention.start : mention.end] = b"\x01" * mention.length
    out = []
    for name in names - elsewhere:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if taken.find(1, match.start(), match.end()) != -1:
                continue  # inside the full name or another mention
            place_before = _PLACE_PREPOSITION_BEFORE.search(
                text, max(0, match.start() - 6), match.start()
            )
            if place_before and name.split()[0] not in SAINT_WORDS:
                continue  # "aus Vöhrum" after "Oberschule Vöhrum": the place itself
            # "an der Waldkita Eichhörnchen": with its head word it is the full name again.
            head = _word_before(text, match.start())
            start = match.start()
            if head is not None and head.group(1) in heads and taken[head.start(1)] == 0:
                start = head.start(1)
            out.append(Mention(start, match.end(), "ORG", "facility-name", PRIORITY["acronym"]))
    return out


def drop_blocked(proposals: list[Mention], blocked: list[tuple[int, int]] | None) -> list[Mention]:
    """No name inside a BLOCK span: "IQ Fachtag", "ThAFF Praxisaustausch" name no body."""
    if not blocked:
        return proposals
    return [
        m
        for m in proposals
        if m.label not in ("ORG", "PER", "LOC")
        or not any(start <= m.start and m.end <= end for start, end in blocked)
    ]


def promote_extending_model_spans(proposals: list[Mention]) -> list[Mention]:
    rules = [m for m in proposals if m.priority > PRIORITY["model"]]
    out = []
    for mention in proposals:
        if mention.priority == PRIORITY["model"]:
            extended = [
                r
                for r in rules
                if r.label == mention.label
                and mention.contains(r)
                and mention.length > r.length
                and r.label in ("ORG", "LOC", "PER")
            ]
            if extended:
                best = max(extended, key=lambda r: r.priority)
                mention = Mention(
                    mention.start,
                    mention.end,
                    mention.label,
                    f"{mention.source}+{best.source}",
                    best.priority,
                    mention.confidence,
                    best.key,
                )
        out.append(mention)
    return out


def drop_places_inside_names(proposals: list[Mention]) -> list[Mention]:
    """A surname that is also a place ("Frau Kreuzberg", "Paul Wendland") is the person's."""
    names = [m for m in proposals if m.label == "PER" and m.source.startswith("person:")]
    return _drop_contained(proposals, ("LOC",), names, longer_only=False)


def drop_places_inside_orgs(proposals: list[Mention]) -> list[Mention]:
    """A state or place inside a proposed organisation name is part of it ("Jobcenter
    Thüringen", "Finanzamt Gifhorn", the model's "Staatliches Schulamt Göppingen"), even
    where the place alone has the higher priority."""
    orgs = [m for m in proposals if m.label == "ORG"]
    return _drop_contained(proposals, ("BUNDESLAND", "LOC"), orgs, longer_only=True)


def _drop_contained(
    proposals: list[Mention], labels: tuple[str, ...], containers: list[Mention], longer_only: bool
) -> list[Mention]:
    """Proposals with one of `labels` that lie inside one of `containers` (and are shorter
    than it, with `longer_only`) are dropped."""
    return [
        m
        for m in proposals
        if not (
            m.label in labels
            and any(c.contains(m) and (c.length > m.length or not longer_only) for c in containers)
        )
    ]


def select(proposals: list[Mention]) -> list[Mention]:
    """Higher priority, then longer, then earlier wins; no two chosen mentions overlap."""
    chosen: list[Mention] = []
    # The characters already taken: one lookup per proposal instead of a scan of `chosen`.
    taken = bytearray(max((m.end for m in proposals), default=0))
    for mention in sorted(proposals, key=lambda m: (-m.priority, -m.length, m.start)):
        if taken.find(1, mention.start, mention.end) == -1:
            chosen.append(mention)
            taken[mention.start : mention.end] = b"\x01" * mention.length
    return sorted(chosen, key=lambda m: m.start)


_PROJECT_AFTER_NAME = re.compile(
    r",[ \t]*(?:IQ[ -])?(?:Teil)?[Pp]rojekt[ \t]+[„\"»]([^“\"«\n]{3,100})[“\"«]"
)
_PAREN_AFTER_NAME = re.compile(r"[ \t]*\(([^()\n,;]{2,80})[),]")
# One ordinary capitalised word, hyphenated parts included ("Schatzmeisterin",
# "Kita-Fachberatung", "Repair-Café"): in parentheses after a person that is a role, a
# field or a generic unit, not a name. Names there have a second word ("Hort Kunterbunt",
# "Pflegeschule am Moselufer"), or an acronym or symbol ("ZAQ+", "AWO", "THW-Ortsverband").
_PLAIN_WORD = re.compile(r"[A-ZÄÖÜ][a-zäöüßéèàç]+(?:-[A-ZÄÖÜa-zäöüß][a-zäöüßéèàç]+)*")
# "Anerkennungs- und Qualifizierungsberatung", "Technik und Verwaltung" (coordinated common
# nouns), "Kinderarztpraxis in Kyritz" (a kind of place), "Stufenleitung 7/8".
_NOT_A_NAME = re.compile(r"\S+-? und \S+|.* in .*|\S+(?: [^A-ZÄÖÜ\s]\S*)+")


def _slot_is_a_name(name: str, post_word: re.Pattern[str]) -> bool:
    return not (
        _PLAIN_WORD.fullmatch(name)
        or _NOT_A_NAME.fullmatch(name)
        or post_word.fullmatch(name.split()[0])
    )


def affiliation_slots(
    text: str,
    chosen: list[Mention],
    person_words: frozenset[str],
    post_word: re.Pattern[str],
) -> list[Mention]:
    """ "Nathalie Oswald (ZAQ+ Nürnberg)": in minutes, a capitalised name in parentheses
    right after a person is that person's organisation, even one no list knows. Roles and
    generic units ("(Moderation)", "(Schatzmeisterin)", "(Sozialberatung)") and anything
    already tagged are left alone."""
    out: list[Mention] = []
    absorbed: set[Mention] = set()
    for person in chosen:
        if person.label != "PER":
            continue
        # "Name (Org)", or "Name, Projekt „Org“": a named project with contact persons
        # acts as an organisation (annotation guidelines).
        slot = _PAREN_AFTER_NAME.match(text, person.end) or _PROJECT_AFTER_NAME.match(
            text, person.end
        )
        if slot is None:
            continue
        start, end = slot.span(1)
        name = slot.group(1).strip()
        start += len(slot.group(1)) - len(slot.group(1).lstrip())
        end = start + len(name)
        words = name.split()
        slot_mention = Mention(start, end, "ORG", "", 0)
        inside = [m for m in chosen if m.overlaps(slot_mention)]
        # A place inside the name belongs to it ("ZAQ+ Nürnberg"); a slot that is only a
        # place ("(Berlin)") or holds anything else already tagged is left alone.
        if (
            not name[:1].isupper()
            or len(words) > 6
            or not _slot_is_a_name(name, post_word)
            or words[0] in person_words
            or any(
                m.label not in ("LOC", "BUNDESLAND")
                or not slot_mention.contains(m)
                or m.length == slot_mention.length
                for m in inside
            )
        ):
            continue
        absorbed.update(inside)
        out.append(
            Mention(start, end, "ORG", "affiliation-slot", PRIORITY["acronym"], confidence=0.8)
        )
    return [m for m in chosen if m not in absorbed] + out


def acronym_mentions(doc: Doc, chosen: list[Mention], excluded: frozenset[str]) -> list[Mention]:
    """Acronyms known as ORG somewhere in the document are ORG wherever they stand alone,
    except context-dependent (IQ) and never-ORG (ESF, HSP) ones."""
    text = doc_text(doc)
    # Context-dependent short names (IQ) are not propagated: their acting-body rule decides.
    known = {
        text[m.start : m.end]
        for m in chosen
        if m.label == "ORG" and m.source != "acting-body" and is_acronym(text[m.start : m.end])
    }
    # "Zentrale Servicestelle Berufliche Anerkennung (ZSBA)": the acronym defines the body.
    for mention in chosen:
        if mention.label != "ORG":
            continue
        after = re.match(r"\s*\(([^()\s]{2,10})\)", text[mention.end : mention.end + 14])
        if after and is_acronym(after.group(1)):
            known.add(after.group(1))
    known -= excluded
    out: list[Mention] = []
    if not known:
        return out
    for token in doc:
        attached = token.i + 1 < len(doc) and not token.whitespace_ and doc[token.i + 1].text == "-"
        if token.text in known and not attached:
            out.append(
                Mention(
                    token.idx, token.idx + len(token.text), "ORG", "acronym", PRIORITY["acronym"]
                )
            )
    return out


def as_spans(doc: Doc, mentions: list[Mention]) -> list[Span]:
    spans = []
    last_end = -1
    for mention in mentions:
        span = doc.char_span(
            mention.start, mention.end, label=mention.label, alignment_mode="expand"
        )
        if span is not None and span.start >= last_end:
            spans.append(span)
            last_end = span.end
    return spans

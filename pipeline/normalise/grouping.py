"""From mentions to the things they name: people with their organisations and roles,
deduplicated organisations, the meeting's own metadata and the states mentioned.

Every merge is logged with its reason so that a reviewer can undo a wrong one.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from pipeline.normalise.dates import opening_region_end
from pipeline.records import (
    Entity,
    MeetingInfo,
    MentionRef,
    MergeLogEntry,
    OrganisationEntry,
    PersonEntry,
    StateCount,
)

# "Name (Org)", "Name (Rolle, Org)", shared "A und B (Org)".
_PAREN_OPEN = re.compile(r"\s*\(")
# Between a person and an organisation: ", Geschäftsführerin der", " von der", " vom", ", IQ
# Koordinatorin und Geschäftsführerin der". Group "role" holds the role words, if any.
_LINK_WORDS = (
    r"(?:von\s+der|von\s+den|vom|von|der|des|bei\s+der|beim|bei|aus\s+der|aus\s+dem|"
    r"für\s+die|für\s+den|für\s+das|im|in\s+der|am)"
)
_PERSON_TO_ORG = re.compile(
    # "Name von der Org", "Name vom Org"
    rf"^\s+{_LINK_WORDS}\s+$"
    # "Name, Org", "Name, Geschäftsführerin der Org", "Name, Projekt „Org“"
    rf"|^\s*,\s*(?:(?P<role>[^,.;:()\n]{{2,80}}?)\s+(?:{_LINK_WORDS}\s+)?)?[„\"»]?$"
)
_COORDINATION = re.compile(r"^\s*(?:,|und|sowie|&)\s*(?:und\s+)?$")
_ARTICLE_PREFIX = re.compile(r"^(?:der|die|das|dem|den|des)\s+", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:(?:Frau|Herr|Herrn|Dr\.|Prof\.|Dipl\.-\w+\.?)\s+)+")
_CLOCK_RANGE = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:Uhr\s*)?(?:[-–—]|bis)\s*\d{1,2}[:.]\d{2}(?:\s*Uhr)?"
    r"|\b\d{1,2}[:.]\d{2}\s*Uhr"
)
_PLACE_LINE = re.compile(
    r"^\s*(?:Ort|Veranstaltungsort|Tagungsort)\s*:\s*(?P<place>.+?)\s*$", re.MULTILINE
)
_VIRTUAL = re.compile(
    r"\b(?:virtuell\w*|online|Videokonferenz|Zoom|Webex|MS Teams|Teams-"
    r"|digital\w* Treffen|Web-?Konferenz)",
    re.IGNORECASE,
)
_IN_PERSON = re.compile(
    r"\b(?:in Präsenz|Präsenzveranstaltung|Präsenztreffen|vor Ort)\b", re.IGNORECASE
)
_HYBRID = re.compile(r"\bhybrid\w*", re.IGNORECASE)


@dataclass
class Groups:
    people: list[PersonEntry] = field(default_factory=list)
    organisations: list[OrganisationEntry] = field(default_factory=list)
    meeting: MeetingInfo | None = None
    states: list[StateCount] = field(default_factory=list)
    merge_log: list[MergeLogEntry] = field(default_factory=list)
    entity_groups: dict[tuple[int, int], str] = field(default_factory=dict)


def _ref(entity: Entity) -> MentionRef:
    return MentionRef(start=entity.start, end=entity.end, text=entity.text)


def _org_key(text: str) -> str:
    """A loose identity for organisation names: case, articles and German inflection
    endings of each word do not matter ("Zentralen Servicestelle" = "Zentrale Servicestelle")."""
    words = _ARTICLE_PREFIX.sub("", text.strip()).lower().replace("-", " ").split()
    stems = [re.sub(r"(?:es|en|em|er|s|n|e)$", "", w) if len(w) > 4 else w for w in words]
    return " ".join(stems)


def _is_acronym(text: str) -> bool:
    return (
        bool(re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜa-z0-9&+\-]{0,9}", text))
        and sum(ch.isupper() for ch in text) >= 2
    )


def group_organisations(text: str, entities: list[Entity], groups: Groups) -> None:
    orgs = [e for e in entities if e.label == "ORG"]
    by_key: dict[str, int] = {}
    entries: list[dict] = []

    def new_entry(entity: Entity) -> int:
        entries.append(
            {"names": Counter(), "acronym": None, "mentions": [], "conf": [], "sources": set()}
        )
        return len(entries) - 1

    def attach(index: int, entity: Entity, reason: str | None) -> None:
        entry = entries[index]
        entry["mentions"].append(entity)
        entry["conf"].append(entity.confidence)
        entry["sources"].add(entity.source)
        if _is_acronym(entity.text):
            entry["acronym"] = entry["acronym"] or entity.text
        else:
            entry["names"][entity.text] += 1
        by_key.setdefault(_org_key(entity.text), index)
        if reason:
            groups.merge_log.append(
                MergeLogEntry(
                    kind="organisation",
                    into=f"org-{index + 1}",
                    mention=_ref(entity),
                    reason=reason,
                )
            )

    # Long form followed by "(ACR)": one organisation.
    defined_acronyms: dict[str, Entity] = {}
    for long_form, short in itertools.pairwise(orgs):
        between = text[long_form.end : short.start]
        if (
            _is_acronym(short.text)
            and not _is_acronym(long_form.text)
            and re.fullmatch(r"\s*\(\s*", between)
            and text[short.end : short.end + 1] == ")"
        ):
            defined_acronyms[short.text] = long_form

    for entity in orgs:
        key = _org_key(entity.text)
        if key in by_key:
            seen = {m.text for m in entries[by_key[key]]["mentions"]}
            first = entries[by_key[key]]["mentions"][0].text
            # A form already merged needs no second log line.
            attach(by_key[key], entity, None if entity.text in seen else f"same name as '{first}'")
            continue
        long_form = defined_acronyms.get(entity.text)
        if long_form is not None and _org_key(long_form.text) in by_key:
            index = by_key[_org_key(long_form.text)]
            attach(index, entity, f"acronym defined as '{long_form.text} ({entity.text})'")
            continue
        long_key_owner = next(
            (
                acr
                for acr, lf in defined_acronyms.items()
                if lf is entity and _org_key(acr) in by_key
            ),
            None,
        )
        if long_key_owner is not None:
            index = by_key[_org_key(long_key_owner)]
            attach(index, entity, f"long form of '{long_key_owner}'")
            continue
        attach(new_entry(entity), entity, None)

    for index, entry in enumerate(entries):
        org_id = f"org-{index + 1}"
        name = entry["names"].most_common(1)[0][0] if entry["names"] else entry["acronym"]
        for mention in entry["mentions"]:
            groups.entity_groups[(mention.start, mention.end)] = org_id
        groups.organisations.append(
            OrganisationEntry(
                id=org_id,
                name=name,
                acronym=entry["acronym"],
                aliases=sorted({m.text for m in entry["mentions"]} - {name}),
                mentions=[_ref(m) for m in entry["mentions"]],
                confidence=round(sum(entry["conf"]) / len(entry["conf"]), 3),
                sources=sorted(entry["sources"]),
            )
        )


def _orgs_in_parentheses(text: str, position: int, orgs: list[Entity]) -> tuple[list[Entity], str]:
    """ORG mentions inside a parenthesis opening at `position`, and the role words there."""
    close = text.find(")", position)
    if close == -1 or "\n" in text[position:close]:
        return [], ""
    inside = [o for o in orgs if position < o.start and o.end <= close]
    role = ""
    if inside:
        lead = text[position + 1 : inside[0].start].strip(" ,")
        role = lead if lead and len(lead) < 60 else ""
    return inside, role


_ROLE_ENDINGS = (
    "in",
    "er",
    "ung",
    "leitung",
    "beauftragte",
    "vorsitzende",
    "vorstand",
    "koordination",
    "referent",
    "sprecher",
    "ministerin",
    "minister",
    "präsident",
    "direktor",
    "chef",
    "chefin",
)


def _roles(phrase: str) -> list[str]:
    """Role nouns in an apposition ("IQ Koordinatorin und Geschäftsführerin"); words that
    are no roles ("Projekt", "die") are left out."""
    roles = []
    for part in re.split(r"\s+und\s+|\s+sowie\s+|,", phrase):
        part = part.strip()
        if part[:1].isupper() and part.split()[-1].lower().endswith(_ROLE_ENDINGS):
            roles.append(part)
    return roles


def _new_person(name: str) -> dict:
    return {
        "name": name,
        "mentions": [],
        "affiliations": set(),
        "roles": set(),
        "conf": [],
        "sources": set(),
    }


def group_people(text: str, entities: list[Entity], groups: Groups) -> None:
    persons = [e for e in entities if e.label == "PER"]
    orgs = [e for e in entities if e.label == "ORG"]
    org_id_of = groups.entity_groups

    # 1. Affiliations and roles per mention.
    affiliations: dict[int, set[str]] = defaultdict(set)
    roles: dict[int, set[str]] = defaultdict(set)
    for index, person in enumerate(persons):
        after = text[person.end : person.end + 120]
        paren = _PAREN_OPEN.match(after)
        if paren:
            inside, role_phrase = _orgs_in_parentheses(text, person.end + paren.end() - 1, orgs)
            role = ", ".join(_roles(role_phrase))
            targets = [index]
            # Shared parentheses: "A und B (Org)", "A, B und C (Org)".
            back = index
            while back > 0 and _COORDINATION.match(
                text[persons[back - 1].end : persons[back].start]
            ):
                back -= 1
                targets.append(back)
            for target in targets:
                affiliations[target].update(org_id_of[(o.start, o.end)] for o in inside)
                if role:
                    roles[target].add(role)
            continue
        following = next(
            (o for o in orgs if o.start >= person.end and o.start - person.end <= 90), None
        )
        if following is None:
            continue
        between = text[person.end : following.start]
        link = _PERSON_TO_ORG.match(between)
        if link and "\n" not in between:
            affiliations[index].add(org_id_of[(following.start, following.end)])
            if link.group("role"):
                roles[index].update(_roles(link.group("role")))

    # 2. Identity: a full name; a surname or first name alone links to the unique full name.
    full_names = [p for p in persons if len(p.text.split()) >= 2]
    entries: list[dict] = []
    entry_of_name: dict[str, int] = {}
    for index, person in enumerate(persons):
        name = _HONORIFIC.sub("", person.text)
        reason = None
        if name in entry_of_name:
            target = entry_of_name[name]
            reason = f"same name '{name}'"
        elif len(name.split()) == 1:
            matches = {
                f.text
                for f in full_names
                if f.text.split()[-1] == name or f.text.split()[0] == name
            }
            if len(matches) == 1:
                full = matches.pop()
                target = entry_of_name.get(full)
                if target is None:
                    entries.append(_new_person(full))
                    target = entry_of_name[full] = len(entries) - 1
                reason = f"part of full name '{full}'"
            else:
                entries.append(_new_person(name))
                target = entry_of_name[name] = len(entries) - 1
        else:
            entries.append(_new_person(name))
            target = entry_of_name[name] = len(entries) - 1
        entry = entries[target]
        entry["mentions"].append(person)
        entry["affiliations"].update(affiliations[index])
        entry["roles"].update(roles[index])
        entry["conf"].append(person.confidence)
        entry["sources"].add(person.source)
        if reason and len(entry["mentions"]) > 1 and person.text != entry["name"]:
            groups.merge_log.append(
                MergeLogEntry(
                    kind="person", into=f"per-{target + 1}", mention=_ref(person), reason=reason
                )
            )

    for index, entry in enumerate(entries):
        person_id = f"per-{index + 1}"
        for mention in entry["mentions"]:
            groups.entity_groups[(mention.start, mention.end)] = person_id
        groups.people.append(
            PersonEntry(
                id=person_id,
                name=entry["name"],
                mentions=[_ref(m) for m in entry["mentions"]],
                affiliations=sorted(entry["affiliations"], key=lambda x: int(x.split("-")[1])),
                roles=sorted(entry["roles"]),
                confidence=round(sum(entry["conf"]) / len(entry["conf"]), 3),
                sources=sorted(entry["sources"]),
            )
        )


def meeting_info(text: str, entities: list[Entity], title: str | None) -> MeetingInfo:
    opening_end = opening_region_end(text)
    opening = text[:opening_end]
    # The meeting's date is its first complete date (a day or a month with its year).
    date = next(
        (
            e
            for e in entities
            if e.label == "DATE"
            and e.start < opening_end
            and e.value
            and len(e.value.split("/")[0]) >= 7
            and "XXXX" not in e.value
        ),
        None,
    )
    place_line = _PLACE_LINE.search(opening)
    place = place_line.group("place") if place_line else None
    if place is None and date is not None:
        # "Am 15. Mai 2024 fand in der Meistersingerhalle in Nürnberg …": a place on the
        # date's own line.
        line_start = text.rfind("\n", 0, date.start) + 1
        line_end = text.find("\n", date.end)
        line_end = len(text) if line_end == -1 else line_end
        loc = next(
            (e for e in entities if e.label == "LOC" and line_start <= e.start < line_end), None
        )
        place = loc.text if loc else None
    meeting_format = None
    if _HYBRID.search(opening):
        meeting_format = "hybrid"
    elif _VIRTUAL.search(opening):
        meeting_format = "virtual"
    elif _IN_PERSON.search(opening) or place_line:
        meeting_format = "in person"
    return MeetingInfo(
        title=title,
        date=date.value if date else None,
        date_mention=_ref(date) if date else None,
        times=[m.group(0) for m in _CLOCK_RANGE.finditer(opening)],
        place=place,
        format=meeting_format,
    )


def state_counts(entities: list[Entity]) -> list[StateCount]:
    counts = Counter(e.value for e in entities if e.label == "BUNDESLAND" and e.value)
    return [StateCount(code=code, count=n) for code, n in sorted(counts.items())]


def group(text: str, entities: list[Entity], title: str | None) -> Groups:
    groups = Groups()
    group_organisations(text, entities, groups)
    group_people(text, entities, groups)
    groups.meeting = meeting_info(text, entities, title)
    groups.states = state_counts(entities)
    return groups

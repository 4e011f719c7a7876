"""People with their organisations, deduplicated organisations, meeting facts (seeds)."""

from __future__ import annotations

import pytest

from pipeline.ingest import read_document
from tests.conftest import CORPUS_RAW

# Every person the seeds name, with the organisation(s) the text gives for them.
EXPECTED_AFFILIATIONS = {
    "000_0b59dfbaf194c290.txt": {
        "Stephan Schiele": {"MigraNet plus Franken", "Südostbayern"},
        "Caroline Mulert": {"MigraNet plus Region München"},
        "Christian Herget": {"MigraNet plus Region München"},
        "Temesghen Kubrom": {"FizE Südbayern"},
        "Yassir Kaoui": {"Fize München"},
        "Nathalie Oswald": {"ZAQ+ Nürnberg"},
        "Jürgen Stölzle": {"ZAQ+ Nürnberg"},
        "Malika Bashirova": {"Landeshauptstadt München"},
        "Daniel Kehne": {"Tür an Tür - Digitalfabrik gGmbH"},
        "Maria Virginia Gonzalez Romero": {"Visiones e.V."},
        "Christiane Singh Verma": {"Regionaldirektion Bayern"},
        "Magdalena Mehl": {"Regionaldirektion Bayern"},
        "Arthur Depner": {"Tür an Tür - Integrationsprojekte gGmbH"},
    },
    "001_833cca77f4a3edec.txt": {
        "Kristin Steinbring-May": {"Bundesministerium für Arbeit und Soziales"},
        "Doritt Komitowski": {"IQ Fachstelle Einwanderung"},
    },
    "002_70b4111245ba0ecf.txt": {
        "Adrian Blechschmidt": {"Regionale Fachkräftenetzwerke – Einwanderung Thüringen"},
        "Lena Untertrifaller": set(),
    },
    "003_fc38171a94771055.txt": {},
    "004_0e3bdd4287e3b250.txt": {"Monika Opitz": {"RKW Nord GmbH"}},
}


@pytest.fixture(scope="module")
def seed_records(extractor):
    return {
        name: extractor.record_for(read_document(CORPUS_RAW / name))
        for name in EXPECTED_AFFILIATIONS
    }


@pytest.mark.parametrize("doc", sorted(EXPECTED_AFFILIATIONS))
def test_every_seed_person_has_the_stated_organisation(seed_records, doc) -> None:
    record = seed_records[doc]
    org_names = {org.id: {org.name, *org.aliases} for org in record.organisations}
    found = {
        person.name: set().union(*(org_names[a] for a in person.affiliations))
        if person.affiliations else set()
        for person in record.people
    }
    assert set(found) == set(EXPECTED_AFFILIATIONS[doc])
    for person, orgs in EXPECTED_AFFILIATIONS[doc].items():
        assert orgs <= found[person], f"{person}: expected {orgs}, found {found[person]}"
        if not orgs:
            continue
        assert found[person], person


def test_acronym_and_long_form_are_one_organisation(seed_records) -> None:
    record = seed_records["001_833cca77f4a3edec.txt"]
    bmas = [o for o in record.organisations if o.acronym == "BMAS"]
    assert len(bmas) == 1
    assert bmas[0].name == "Bundesministerium für Arbeit und Soziales"
    assert not [o for o in record.organisations if o.name == "BMAS"]


def test_surname_after_honorific_joins_the_full_name_with_roles(seed_records) -> None:
    record = seed_records["004_0e3bdd4287e3b250.txt"]
    [opitz] = [p for p in record.people if p.name == "Monika Opitz"]
    assert {m.text for m in opitz.mentions} == {"Monika Opitz", "Opitz"}
    assert {"IQ Koordinatorin", "Geschäftsführerin"} <= set(opitz.roles)
    assert any(entry.reason.startswith("part of full name") for entry in record.merge_log)


def test_meeting_facts(seed_records) -> None:
    meeting = seed_records["001_833cca77f4a3edec.txt"].meeting
    assert meeting.date == "2020-11-18/2020-11-19"
    assert meeting.format == "virtual"
    assert meeting.times == ["09:30-13:15", "09:30-12:30"]
    assert seed_records["000_0b59dfbaf194c290.txt"].meeting.date == "2024-05-15"


def test_state_counts(seed_records) -> None:
    states = {s.code: s.count for s in seed_records["001_833cca77f4a3edec.txt"].bundeslaender}
    assert states["BY"] == 3
    assert states["RP"] == 2

"""How the statistical model's entities are combined with the rules (EntityResolver).

The model's output is simulated by setting `doc.ents` before the project components run,
so the policy is tested without depending on what a particular model predicts.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from pipeline.tag.nlp import build_nlp


@lru_cache(maxsize=1)
def _rules_nlp() -> Language:
    return build_nlp("rules")[0]


def _resolve(text: str, model_spans: list[tuple[str, str]]) -> set[tuple[str, str]]:
    nlp = _rules_nlp()
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in model_spans:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    for _, component in nlp.pipeline:
        doc = component(doc)
    return {(text[m.start : m.end], m.label) for m in doc._.mentions}


def test_model_street_names_are_dropped_but_a_school_named_after_one_stays() -> None:
    text = (
        "Das Treffen fand in der Gareisstraße 5 in Nürnberg statt, danach in der "
        "Sulzbacher Straße. Gast war die Grundschule am Pastorenweg."
    )
    found = _resolve(
        text,
        [
            ("Gareisstraße", "LOC"),
            ("Nürnberg", "LOC"),
            ("Sulzbacher Straße", "LOC"),
            ("Grundschule am Pastorenweg", "ORG"),
        ],
    )
    assert ("Nürnberg", "LOC") in found
    assert ("Grundschule am Pastorenweg", "ORG") in found
    assert not {surface for surface, _ in found} & {"Gareisstraße", "Sulzbacher Straße"}


def test_model_loc_for_a_state_becomes_bundesland() -> None:
    text = "Die Kolleginnen aus Tirol und Sachsen berichten."
    found = _resolve(text, [("Tirol", "LOC"), ("Sachsen", "LOC")])
    assert ("Sachsen", "BUNDESLAND") in found
    assert ("Tirol", "LOC") in found


def test_a_place_inside_a_model_organisation_belongs_to_it() -> None:
    text = "Frau Brandt vom Staatlichen Schulamt Göppingen berichtet. Göppingen liegt an der Fils."
    found = _resolve(text, [("Staatlichen Schulamt Göppingen", "ORG")])
    assert ("Staatlichen Schulamt Göppingen", "ORG") in found
    assert ("Göppingen", "LOC") in found  # the second, alone, is still a place
    assert sum(1 for surface, label in found if label == "LOC") == 1


def test_bare_singular_offices_are_organisations() -> None:
    text = (
        "Meldungen ans Jugendamt übernimmt die Schule nicht. Termine in der Ausländerbehörde "
        "fehlen; Herr Demir klärt das mit dem Staatlichen Schulamt und dem Finanzamt Gifhorn. "
        "Im Ehrenamt und im Lehramt fehlt Nachwuchs. Ein Jugendamt allein kann das nicht, "
        "alle Jugendämter und Ausländerbehörden sind gefragt. Als Naturschutzbehörde prüft "
        "der Landkreis den Plan. Insgesamt kamen 20 Personen, auch Jugendamt-Mitarbeitende."
    )
    orgs = {surface for surface, label in _resolve(text, []) if label == "ORG"}
    assert orgs == {
        "Jugendamt",
        "Ausländerbehörde",
        "Staatlichen Schulamt",
        "Finanzamt Gifhorn",
    }


def test_a_name_in_parentheses_after_a_person_is_an_organisation_a_role_is_not() -> None:
    text = (
        "Anwesend: Jana Wendt (Hort Kunterbunt), Olaf Brandt (Pflegeschule am Moselufer), "
        "Ute Krüger (ZAQ+ Nürnberg), Natascha Ehlers (Schatzmeisterin), Jonas Kruse "
        "(Kita-Fachberatung), Petra Haase (Anerkennungs- und Qualifizierungsberatung), "
        "Dr. Hanna Kaminski (Kinderarztpraxis in Kyritz), Tom Weber (Stufenleitung 7/8)."
    )
    organisations = {surface for surface, label in _resolve(text, []) if label == "ORG"}
    assert {"Hort Kunterbunt", "Pflegeschule am Moselufer", "ZAQ+ Nürnberg"} <= organisations
    assert not organisations & {
        "Schatzmeisterin",
        "Kita-Fachberatung",
        "Anerkennungs- und Qualifizierungsberatung",
        "Kinderarztpraxis in Kyritz",
        "Stufenleitung 7/8",
    }


def test_a_city_or_district_is_a_place_unless_its_administration_acts() -> None:
    text = (
        "Landkreis Göttingen\nNiederschrift der Sitzung\n\n"
        "Einladende: Stadt Kassel\n"
        "Anwesend: Gerda Hilling, Landkreis Emsland\n"
        "Eine Kampagne gemeinsam mit dem Landkreis Ludwigsburg ist geplant. "
        "Die Wohngeldstelle der Stadt Cottbus ist überlastet. "
        "Die Hansestadt Stendal prüft den Antrag. "
        "Als Schulträger hält der Landkreis Esslingen am Plan fest.\n"
        "Im Landkreis Northeim wird gebaut. Viele Einwohner der Stadt Gifhorn pendeln, "
        "auch aus dem Landkreis Celle."
    )
    found = _resolve(text, [])
    assert {
        ("Landkreis Göttingen", "ORG"),  # the letterhead
        ("Stadt Kassel", "ORG"),  # the host
        ("Landkreis Emsland", "ORG"),  # a person's affiliation after a comma
        ("Landkreis Ludwigsburg", "ORG"),  # a partner
        ("Stadt Cottbus", "ORG"),  # a unit of the administration
        ("Hansestadt Stendal", "ORG"),  # the subject
        ("Landkreis Esslingen", "ORG"),  # the subject after its verb
    } <= found
    assert {
        ("Landkreis Northeim", "LOC"),
        ("Stadt Gifhorn", "LOC"),
        ("Landkreis Celle", "LOC"),
    } <= found


def test_a_unit_named_with_its_place_is_one_organisation() -> None:
    text = (
        "Herr Kılıç vom Kreismedienzentrum Göppingen und Frau Hägele von der Gewerblichen "
        "Schule Göppingen berichten; zwei Mitglieder des Jugendforums Stendal sind da. "
        "Das Jugendforum tagt monatlich. Treffpunkt ist das Kreishaus Northeim, danach die "
        "Geschäftsstelle Göppingen und ein Café im Stadtzentrum Kassel."
    )
    found = _resolve(text, [])
    assert {
        ("Kreismedienzentrum Göppingen", "ORG"),
        ("Gewerblichen Schule Göppingen", "ORG"),
        ("Jugendforums Stendal", "ORG"),
    } <= found
    organisations = {surface for surface, label in found if label == "ORG"}
    assert not any(
        word in name
        for name in organisations
        for word in ("Jugendforum ", "Kreishaus", "Geschäftsstelle", "Stadtzentrum")
    )
    assert {("Northeim", "LOC"), ("Kassel", "LOC")} <= found


def test_a_capitalised_adjective_before_an_organisation_belongs_to_its_name() -> None:
    model = [("Gesamtschule Fuldablick", "ORG")]
    text = "Der Elternbeirat der Integrierten Gesamtschule Fuldablick tagte."
    assert ("Integrierten Gesamtschule Fuldablick", "ORG") in _resolve(text, model)
    # At the start of a line or sentence every word is capitalised: no evidence there.
    for text in (
        "- Kommunale Gesamtschule Fuldablick bleibt offen.",
        "Wir tagen. Kommunale Gesamtschule Fuldablick?",
    ):
        assert ("Gesamtschule Fuldablick", "ORG") in _resolve(text, model)


def test_model_places_with_common_noun_endings_are_dropped() -> None:
    text = "In den Osterferien bleibt der Krankenstand hoch, sagt man in Gerstungen und Freyung."
    found = _resolve(
        text,
        [
            ("Osterferien", "LOC"),
            ("Krankenstand", "LOC"),
            ("Gerstungen", "LOC"),
            ("Freyung", "LOC"),
        ],
    )
    assert {("Gerstungen", "LOC"), ("Freyung", "LOC")} <= found
    assert not {surface for surface, _ in found} & {"Osterferien", "Krankenstand"}


def test_named_facilities_and_their_short_names() -> None:
    text = (
        "Anwesend: Aylin Demirci (Kita Pusteblume), Mareike Voigt (Waldkita Eichhörnchen).\n"
        "Im Seniorenzentrum St. Otto und in der Klinik am Wollenberg gab es Besuche. "
        "In der Pusteblume ist der Krankenstand hoch; an der Waldkita Eichhörnchen fehlt ein "
        "Bauwagen. Die Grundschule am Montag und die Kita im Quartier sind keine Namen."
    )
    found = _resolve(text, [("Waldkita Eichhörnchen", "PER")])
    organisations = [surface for surface, label in found if label == "ORG"]
    assert {
        "Kita Pusteblume",
        "Waldkita Eichhörnchen",
        "Seniorenzentrum St. Otto",
        "Klinik am Wollenberg",
        "Pusteblume",
    } <= set(organisations)
    assert not {"Grundschule am Montag", "Kita im Quartier", "Eichhörnchen"} & set(organisations)
    assert ("Waldkita Eichhörnchen", "PER") not in found


def test_a_facility_named_after_a_place_does_not_make_the_place_an_organisation() -> None:
    text = (
        "Viele Familien wohnen in Lauterborn. Elternabend der Kita Lauterborn. "
        "Lauterborn hat zwei Schulen."
    )
    found = _resolve(text, [("Kita Lauterborn", "ORG"), ("Lauterborn", "LOC")])
    assert ("Kita Lauterborn", "ORG") in found
    assert ("Lauterborn", "ORG") not in found


def test_a_saints_name_is_no_person_and_a_facility_keeps_its_short_name() -> None:
    text = (
        "Im Seniorenzentrum St. Otto ist die Lage "
        "angespannt; der Medizinische Dienst prüfte in St. Otto.\n✅ ToDo Küche"
    )
    found = _resolve(text, [("St. Otto", "LOC"), ("✅ ToDo", "PER")])
    assert {("Seniorenzentrum St. Otto", "ORG"), ("St. Otto", "ORG")} <= found
    assert not {surface for surface, label in found if label == "PER"} & {"Otto", "✅ ToDo"}


def test_posts_ranks_and_shouted_headings_are_not_names() -> None:
    text = (
        "Dabei: Sonja Wehrle (Stationsleitung Innere 3), Birgit Hollenstedt (Erste Kreisrätin), "
        "Jens Wiechmann (Fachbereichsleiter Soziales), Polizeihauptkommissar Marko Steffens.\n\n"
        "KUNDSCHAFT UND AUSGABE\nDas BAMF meldet sich."
    )
    found = _resolve(
        text,
        [
            ("Fachbereichsleiter Soziales", "ORG"),
            ("Polizeihauptkommissar Marko Steffens", "PER"),
            ("KUNDSCHAFT", "ORG"),
            ("BAMF", "ORG"),
        ],
    )
    assert ("Marko Steffens", "PER") in found
    assert ("BAMF", "ORG") in found
    surfaces = {surface for surface, _ in found}
    assert not surfaces & {
        "Stationsleitung Innere 3",
        "Erste Kreisrätin",
        "Fachbereichsleiter Soziales",
        "Polizeihauptkommissar Marko Steffens",
        "KUNDSCHAFT",
        "AUSGABE",
    }

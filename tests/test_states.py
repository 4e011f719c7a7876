"""Federal-state finding and codes: a table of names, codes, non-states, and the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.normalise.states import load_states, state_code
from pipeline.tag.states import find_states

REPO = Path(__file__).resolve().parents[1]
SEED_GOLD = sorted((REPO / "corpus" / "gold").glob("00[0-4]_*.json"))
ISO_CODES = [
    "BW",
    "BY",
    "BE",
    "BB",
    "HB",
    "HH",
    "HE",
    "MV",
    "NI",
    "NW",
    "RP",
    "SL",
    "SN",
    "ST",
    "SH",
    "TH",
]


def spans_and_codes(text: str) -> list[tuple[str, str | None]]:
    return [(text[start:end], state_code(text[start:end])) for start, end in find_states(text)]


STATE_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    # --- names and inflected forms ---
    ("Fachkräfteeinwanderung in Bayern.", [("Bayern", "BY")]),
    ("aus verschiedenen Regionen Thüringens angefragt", [("Thüringens", "TH")]),
    ("In Rheinland-Pfalz gibt es bei IQ drei Handlungsschwerpunkte", [("Rheinland-Pfalz", "RP")]),
    ("in Niedersachsen lebende Menschen", [("Niedersachsen", "NI")]),
    ("die Wirtschaft Niedersachsens", [("Niedersachsens", "NI")]),
    ("Kommunen Brandenburgs", [("Brandenburgs", "BB")]),
    (
        "in Nordrhein-Westfalen und Baden-Württemberg",
        [("Nordrhein-Westfalen", "NW"), ("Baden-Württemberg", "BW")],
    ),
    ("in Sachsen-Anhalt und Sachsen", [("Sachsen-Anhalt", "ST"), ("Sachsen", "SN")]),
    ("Mecklenburg-Vorpommerns Häfen", [("Mecklenburg-Vorpommerns", "MV")]),
    ("im Saarland und in Hessen", [("Saarland", "SL"), ("Hessen", "HE")]),
    ("des Saarlandes", [("Saarlandes", "SL")]),
    ("Schleswig-Holstein", [("Schleswig-Holstein", "SH")]),
    ("im Freistaat Bayern", [("Bayern", "BY")]),
    ("Fachtag Bayern und Sachsen", [("Bayern", "BY"), ("Sachsen", "SN")]),
    ("Baden\u2011Württemberg", [("Baden\u2011Württemberg", "BW")]),
    # --- city states: only in a list of states or after Land/Bundesland ---
    (
        "in Bayern, Berlin und Brandenburg",
        [("Bayern", "BY"), ("Berlin", "BE"), ("Brandenburg", "BB")],
    ),
    ("im Land Berlin", [("Berlin", "BE")]),
    (
        "Hamburg, Bremen und Niedersachsen",
        [("Hamburg", "HH"), ("Bremen", "HB"), ("Niedersachsen", "NI")],
    ),
    # --- codes that are unambiguous anywhere ---
    ("One-Stop-Agency (HH)", [("HH", "HH")]),
    ("Kalt-Akquise in weniger betroffenen Branchen (z. B. HH)", [("HH", "HH")]),
    ("Projekte in NRW und RLP", [("NRW", "NW"), ("RLP", "RP")]),
    ("BY/BW berichten", [("BY", "BY"), ("BW", "BW")]),
    ("Rollenfindungs-Workshops (BW)", [("BW", "BW")]),
    ("S-H und M-V", [("S-H", "SH"), ("M-V", "MV")]),
    ("Kooperation in LSA", [("LSA", "ST")]),
    ("BaWü und Ba-Wü", [("BaWü", "BW"), ("Ba-Wü", "BW")]),
    # --- ambiguous codes in code contexts ---
    ("Software Installation ermöglicht (BY, RLP)", [("BY", "BY"), ("RLP", "RP")]),
    ("angegliedert (personell/strukturell) (BE, RLP)", [("BE", "BE"), ("RLP", "RP")]),
    ("HSP4-TP an HSP3 angesiedelt (BB, MV): Austausch", [("BB", "BB"), ("MV", "MV")]),
    ("zwischen IQ und den AG-S (z. B. in ST)", [("ST", "ST")]),
    ("Beantwortung durch den AG-S innerhalb von 2 Tagen (ST)", [("ST", "ST")]),
    ("Vorabprüfstelle für das beschleunigte Fachkräfteverfahren (BB)", [("BB", "BB")]),
    ("Gemeinsame Einwilligungserklärung (ST)", [("ST", "ST")]),
    ("Beispiele z. B. HH und SH", [("HH", "HH"), ("SH", "SH")]),
    ("Länder: BE, BB und SN", [("BE", "BE"), ("BB", "BB"), ("SN", "SN")]),
    ("Bundesland: TH", [("TH", "TH")]),
    ("NI: Das Projekt läuft gut.", [("NI", "NI")]),
    ("Teilnehmende Länder:\n- HE\n- SL\n", [("HE", "HE"), ("SL", "SL")]),
    ("| ST | 3 Projekte |", [("ST", "ST")]),
    ("Austausch (SH)", [("SH", "SH")]),
    ("Gemeinsame Sitzung (ST)", [("ST", "ST")]),
    # --- not states ---
    ("Datenaustausch zwischen IQ und BA", []),
    ("Bundesministerium für Arbeit und Soziales (BMAS)", []),
    ("zwischen IQ und ZAV, IHK und HWK, RD und LK", []),
    ("unter TOP 3 für KMU aus dem ESF", []),
    ("HSP4-TP eng an HSP1 angegliedert", []),
    ("Kooperationsbereitschaft der AG-S", []),
    ("Die ST-Gruppe tagt.", []),
    ("Es ist SO.", []),
    ("Die TH Köln lädt ein.", []),
    ("an der Technischen Hochschule (TH) Köln", []),
    ("Die Mitgliederversammlung (MV) beschließt.", []),
    ("Die MV findet im Mai statt.", []),
    ("Bericht der SL zur Lage", []),
    ("Die Schulleitung (SL) berichtet.", []),
    ("Sozialhilfe (SH) wird gewährt", []),
    ("Das Regierungspräsidium (RP) prüft.", []),
    ("ein bayernweites Netzwerktreffen", []),
    ("unter den bayerischen IQ-Akteur*innen", []),
    ("Der Fachkräftebedarf in Thüringer Unternehmen", []),
    ("MigraNet plus Franken und Südostbayern", []),
    ("Projekte NRW-weit", []),
    ("Treffen in Berlin", []),
    ("Hamburg und Bremen", []),
    ("Brandenburg an der Havel", []),
    ("MUT IQ/ebb und IQ/BE", []),
    ("E-Mail an st@example.de", []),
]


@pytest.mark.parametrize(("text", "expected"), STATE_CASES)
def test_states(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans_and_codes(text) == expected


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("RLP", "RP"),
        ("NRW", "NW"),
        ("BaWü", "BW"),
        ("Ba-Wü", "BW"),
        ("S-H", "SH"),
        ("SH", "SH"),
        ("M-V", "MV"),
        ("LSA", "ST"),
        ("Thüringens", "TH"),
        ("Freistaat Bayern", "BY"),
        ("Rheinland-Pfalz'", "RP"),
        ("nordrhein-westfalen", "NW"),
        ("Niedersachsens", "NI"),
        ("bayerischen", None),
        ("Thüringer", None),
        ("BA", None),
        ("by", None),
    ],
)
def test_state_code(surface: str, code: str | None) -> None:
    assert state_code(surface) == code


def test_lexicon_covers_the_sixteen_states() -> None:
    states = load_states()
    assert sorted(s.code for s in states) == sorted(ISO_CODES)
    for state in states:
        assert state_code(state.code) == state.code
        assert all(state_code(name) == state.code for name in state.names)


@pytest.mark.parametrize("gold_path", SEED_GOLD, ids=lambda p: p.stem)
def test_seed_gold_states(gold_path: Path) -> None:
    """Seed BUNDESLAND entities; the caller drops states inside organisation names, so
    predictions overlapping a gold ORG are left out here too."""
    gold = json.loads(gold_path.read_text("utf-8"))
    text = (REPO / "corpus" / "raw" / gold["doc"]).read_text("utf-8")
    orgs = [(e["start"], e["end"]) for e in gold["entities"] if e["label"] == "ORG"]
    predicted = [
        (start, end, state_code(text[start:end]))
        for start, end in find_states(text)
        if not any(start < org_end and org_start < end for org_start, org_end in orgs)
    ]
    expected = sorted(
        (e["start"], e["end"], e["value"]) for e in gold["entities"] if e["label"] == "BUNDESLAND"
    )
    assert predicted == expected

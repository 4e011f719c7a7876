"""Write organisations.jsonl (ORG and BLOCK patterns) and locations.jsonl (LOC patterns).

Sources: org_data.py (bodies, families, vocabularies), places.py (place names), common.py
(states, template expansion). Token patterns are tokenised with the project tokenizer
(pipeline.tag.tokenizer), so the repository root must be importable (build.py sees to that).
"""
import json

import spacy

from common import STATES, STATE_ABBR, STATE_ADJ, expand
import places as P
import org_data as O

_nlp = None


def toks(s):
    global _nlp
    if _nlp is None:
        from pipeline.tag.tokenizer import create_tokenizer
        _nlp = spacy.blank("de")
        _nlp.tokenizer = create_tokenizer()(_nlp)
    return [t.text for t in _nlp.make_doc(s)]


# ------------------------------------------------------------------ place sets
ORG_OK_EXCLUDED = ["Essen", "Hamm", "Marl", "Hof", "Weiden", "Heide", "Leer", "Roth", "Regen", "Brühl", "Wedel",
                   "Haan", "Eisenberg", "Auerbach", "Blomberg", "Delbrück", "Steinhagen", "Emmerich", "Buchholz", "Aue",
                   "Halle", "Lehrte", "Achim", "Kamen", "Löhne", "Bünde", "Springe", "Brake", "Waren", "Norden", "Forst",
                   "Singen", "Bergen", "Langen", "Lage", "Burg", "Börde", "Lippe", "Konstanz"]
CITY_STATES = ["Berlin", "Hamburg", "Bremen"]
LOC_EXCLUDED = P.EXCLUDED | {"Kanton", "Lichtenberg", "Buchholz", "Emmerich", "Posen", "Porto", "Rügen", "Konstanz"}

city_org = list(dict.fromkeys(P.CITIES + P.CITIES_MULTI + ORG_OK_EXCLUDED + CITY_STATES))
district_org = list(dict.fromkeys(P.DISTRICTS + P.DISTRICTS_MULTI))
GER_REGIONS = [r for r in P.REGIONS if r not in set("""Europa Afrika Asien Amerika Nordamerika Südamerika Lateinamerika
Mittelamerika Zentralamerika Ozeanien Osteuropa Westeuropa Südeuropa Nordeuropa Südosteuropa Mitteleuropa Mittelosteuropa
Ostasien Südostasien Südasien Zentralasien Vorderasien Westasien Nordafrika Westafrika Ostafrika Südafrika Zentralafrika
Subsahara-Afrika Westbalkan Balkan Nahost Maghreb Kaukasus Skandinavien Baltikum Levante Karibik Arktis Antarktis
Mittelmeerraum Sahelzone Sahel Kurdistan Tibet Kaschmir Westjordanland Gazastreifen Gaza Darfur Tigray Donbass Krim
Anatolien Kurdistan-Region""".split())]
UNI_CITIES = """Aachen Augsburg Bamberg Bayreuth Berlin Bielefeld Bochum Bonn Braunschweig Bremen Chemnitz Clausthal Cottbus
Darmstadt Dortmund Dresden Duisburg Duisburg-Essen Düsseldorf Eichstätt Erfurt Erlangen Erlangen-Nürnberg Essen Flensburg
Frankfurt Freiberg Freiburg Gießen Göttingen Greifswald Hagen Halle Hamburg Hannover Heidelberg Hildesheim Hohenheim Ilmenau
Jena Kaiserslautern Karlsruhe Kassel Kiel Koblenz Koblenz-Landau Köln Konstanz Landau Leipzig Lübeck Lüneburg Magdeburg Mainz
Mannheim Marburg München Münster Nürnberg Oldenburg Osnabrück Paderborn Passau Potsdam Regensburg Rostock Saarbrücken
Siegen Stuttgart Trier Tübingen Ulm Vechta Weimar Wuppertal Würzburg Zwickau Coburg Deggendorf Ingolstadt Kempten
Landshut Rosenheim Ansbach Amberg-Weiden Hof Aschaffenburg Schweinfurt Würzburg-Schweinfurt Neu-Ulm Weihenstephan-Triesdorf
Nordhausen Schmalkalden Merseburg Anhalt Harz Stendal Wismar Stralsund Neubrandenburg Emden Emden/Leer Wilhelmshaven Hameln
Bremerhaven Kehl Ludwigsburg Esslingen Reutlingen Heilbronn Pforzheim Offenburg Furtwangen Aalen Biberach Albstadt-Sigmaringen
Fulda Worms Bingen Mittweida Zittau/Görlitz Wildau Eberswalde Brandenburg Niederrhein Rhein-Waal Bonn-Rhein-Sieg Hamm-Lippstadt
Ostwestfalen-Lippe Südwestfalen Bochum Düsseldorf Osnabrück Hannover Kiel Lübeck Rhein-Main RheinMain Darmstadt Mannheim
München Regensburg Nürnberg""".split()
UNI_CITIES = list(dict.fromkeys(UNI_CITIES + ["Frankfurt am Main", "Frankfurt (Oder)", "Halle (Saale)", "Halle-Wittenberg",
                                              "zu Köln", "zu Berlin", "zu Lübeck", "zu Kiel", "der Bundeswehr München",
                                              "der Bundeswehr Hamburg"]))
FOREIGN = list(dict.fromkeys(P.FOREIGN_CITIES + P.FOREIGN_MULTI))
COUNTRY_NAMES = list(dict.fromkeys(P.COUNTRIES + P.COUNTRIES_MULTI))

PLACESETS = {
    "city": city_org, "district": district_org, "region": GER_REGIONS, "state": STATES, "state_abbr": STATE_ABBR,
    "ihk_region": O.IHK_REGIONS, "borough": P.BOROUGHS + P.BOROUGHS_MULTI, "unicity": UNI_CITIES,
    "bay_region": O.BAY_REGIONS, "bay_bezirk": O.BAY_BEZIRKE, "bezreg": O.BEZREG, "rp": O.RP, "rd": O.RD,
    "rkw_region": O.RKW_REGIONS, "drv_region": O.DRV_REGIONS, "aok_region": O.AOK_REGIONS, "aek_region": O.AEK_REGIONS,
    "foreign_city": FOREIGN, "country": COUNTRY_NAMES,
    "zu_city": ["zu " + c for c in P.CITIES if " " not in c] + ["zu Berlin", "zu Hamburg", "zu Bremen", "zu Essen",
                                                                  "zu Halle", "zu Leipzig"],
    "bb_region": O.BB_REGIONS,
}
HYPHEN_PLACE = [{"TEXT": {"REGEX": r"^[A-ZÄÖÜ][a-zäöüß]+(-[A-ZÄÖÜ][a-zäöüß]+)+$"}}]
LEGAL_TAIL = {"ORTH": {"IN": ["e.V.", "gGmbH", "GmbH", "mbH", "gUG", "eG"]}, "OP": "?"}
ADMIN_WORDS = ["Landkreis", "Landkreises", "Kreis", "Kreises", "Stadt", "Landeshauptstadt", "Region", "Städteregion",
               "StädteRegion", "Hansestadt", "Universitätsstadt", "Kreisstadt", "Bundesstadt", "Wissenschaftsstadt"]


def place_token_specs(names):
    """Compress a list of place names into token-spec lists: one IN-list per token count
    for 1- and 2-token names, exact sequences for longer ones."""
    single, pairs, longer = [], [], []
    for n in names:
        t = toks(n)
        if len(t) == 1:
            single.append(t[0])
        elif len(t) == 2:
            pairs.append(t)
        else:
            longer.append(t)
    specs = []
    if single:
        specs.append([{"ORTH": {"IN": sorted(set(single))}}])
    # group 2-token names by first token so that no spurious cross-products arise
    byfirst = {}
    for a, b in pairs:
        byfirst.setdefault(a, set()).add(b)
    bysecondset = {}
    for a, bs in byfirst.items():
        bysecondset.setdefault(tuple(sorted(bs)), []).append(a)
    for bs, as_ in bysecondset.items():
        specs.append([{"ORTH": {"IN": sorted(as_)}} if len(as_) > 1 else {"ORTH": as_[0]},
                      {"ORTH": {"IN": list(bs)}} if len(bs) > 1 else {"ORTH": bs[0]}])
    for t in longer:
        specs.append([{"ORTH": x} for x in t])
    return specs


def orth_seq(s):
    return [{"ORTH": x} for x in toks(s)]


class Store(list):
    """A list of pattern objects that ignores a second copy of the same (label, pattern)."""

    def __init__(self):
        super().__init__()
        self.seen = set()


def add(label, pattern, pid, store):
    key = json.dumps(pattern, ensure_ascii=False, sort_keys=True) + label
    if key in store.seen:
        return
    store.seen.add(key)
    store.append({"label": label, "pattern": pattern, "id": pid})


def org_patterns():
    org_lines = Store()
    # ------------------------------------------------------------------ 1. explicit bodies
    for pid, templates in O.BODIES:
        for t in templates:
            for v in expand(t):
                add("ORG", v, pid, org_lines)

    # Bare ministry short names (org_data.BARE_MINISTRIES) are deliberately not emitted: see
    # pipeline/tag/patterns/README.md, 'Never ORG'.

    # ------------------------------------------------------------------ 2. families HEAD + place
    for pid, heads, sets in O.FAMILIES:
        names = []
        for s in sets:
            if s in ("admin", "city_stadt_land", "hyphen_place", "gen_admin"):
                continue
            names.extend(PLACESETS[s])
        names = list(dict.fromkeys(names))
        specs = place_token_specs(names)
        fam_id = pid + ":*"
        by_len = {}
        for h in heads:
            by_len.setdefault(len(toks(h)), []).append(toks(h))
        for n, hl in sorted(by_len.items()):
            hs = []
            for i in range(n):
                alts = sorted({h[i] for h in hl})
                hs.append({"ORTH": alts[0]} if len(alts) == 1 else {"ORTH": {"IN": alts}})
            for sp in specs:
                add("ORG", hs + sp + [LEGAL_TAIL], fam_id, org_lines)
            if "hyphen_place" in sets:
                add("ORG", hs + HYPHEN_PLACE + [LEGAL_TAIL], fam_id, org_lines)
            if "gen_admin" in sets:
                single = sorted({n for n in city_org + district_org if len(toks(n)) == 1})
                add("ORG", hs + [{"LOWER": {"IN": ["der", "des", "im", "für"]}}, {"LOWER": {"IN": ["den", "die", "das"]}, "OP": "?"},
                                 {"ORTH": {"IN": ADMIN_WORDS + ["Kreis", "Landkreis"]}}, {"ORTH": {"IN": single}}], fam_id, org_lines)
            if "admin" in sets:
                single = sorted({n for n in city_org + district_org if len(toks(n)) == 1})
                add("ORG", hs + [{"ORTH": {"IN": ADMIN_WORDS}}, {"ORTH": {"IN": single}}], fam_id, org_lines)
            if "city_stadt_land" in sets:
                single = sorted({n for n in city_org if len(toks(n)) == 1 and "-" not in n})
                add("ORG", hs + [{"ORTH": {"IN": [x + "-Stadt" for x in single] + [x + "-Land" for x in single]}}],
                    fam_id, org_lines)
                add("ORG", hs + [{"ORTH": {"IN": single}}, {"ORTH": {"IN": ["Stadt", "Land"]}}], fam_id, org_lines)

    # state adjective + head ("Thüringer Staatskanzlei", "Bayerischer Landtag", "Hessisches Sozialministerium")
    adj_all = sorted({a for v in STATE_ADJ.values() for a in v})
    for pid, heads in O.STATE_ADJ_HEADS:
        for h in heads:
            add("ORG", [{"ORTH": {"IN": adj_all}}] + orth_seq(h), pid + ":*", org_lines)

    # ------------------------------------------------------------------ 3. ministries and authorities by closed vocabulary
    V = sorted(set(O.POLICY_VOCAB))
    C = sorted(set(O.POLICY_CONNECT))
    VOC = {"ORTH": {"IN": V}}
    VOC_OR_CONN = {"ORTH": {"IN": sorted(set(V) | set(C))}, "OP": "*"}
    HEADS = sorted(set(O.MINISTRY_HEADS))
    state_tail_specs = [
        [{"LOWER": "des"}, {"LOWER": "landes"}, {"ORTH": {"IN": STATES}}],
        [{"ORTH": {"IN": [s for s in STATES if s != "NRW"] + ["NRW"]}}],
        [{"LOWER": "der"}, {"ORTH": "Freien"}, {"LOWER": "und"}, {"ORTH": "Hansestadt"}, {"ORTH": "Hamburg"}],
        [{"LOWER": "der"}, {"ORTH": "Freien"}, {"ORTH": "Hansestadt"}, {"ORTH": "Bremen"}],
    ]
    core_variants = [
        [{"ORTH": {"IN": HEADS}}, {"LOWER": "für"}, VOC],
        [{"ORTH": {"IN": HEADS}}, {"LOWER": "für"}, VOC, VOC_OR_CONN, VOC],
        [{"ORTH": {"IN": HEADS}}, {"LOWER": "für"}, {"ORTH": {"IN": C}}, VOC_OR_CONN, VOC],
    ]
    ministry_ids = "org:~authority"
    for core in core_variants:
        for pre in ([], [{"ORTH": {"IN": adj_all}}]):
            add("ORG", pre + core, ministry_ids, org_lines)
            for tail in state_tail_specs:
                add("ORG", pre + core + tail, ministry_ids, org_lines)
    # "Ministerium des Innern / der Justiz / der Finanzen (, für ... | und für ...) (des Landes X)"
    MHEAD = {"ORTH": {"IN": ["Ministerium", "Ministeriums", "Staatsministerium", "Staatsministeriums", "Landesministerium"]}}
    objs = [[{"LOWER": "des"}, {"ORTH": {"IN": ["Innern", "Inneren"]}}], [{"LOWER": "der"}, {"ORTH": {"IN": ["Justiz", "Finanzen"]}}]]
    exts = [[], [{"ORTH": {"IN": [",", "und"]}, "OP": "?"}, {"LOWER": "für"}, VOC],
            [{"ORTH": {"IN": [",", "und"]}, "OP": "?"}, {"LOWER": "für"}, VOC, VOC_OR_CONN, VOC]]
    for obj in objs:
        for ext in exts:
            for pre in ([], [{"ORTH": {"IN": adj_all}}]):
                add("ORG", pre + [MHEAD] + obj + ext, ministry_ids, org_lines)
                for tail in state_tail_specs:
                    add("ORG", pre + [MHEAD] + obj + ext + tail, ministry_ids, org_lines)

    # ------------------------------------------------------------------ 4. IQ named units ("IQ Servicestelle X", "IQ Fachstelle X")
    IQ_UNIT_BLOCK = ["Informationen", "Angebote", "Beratung", "Projekte", "Unterstützung", "Mitarbeitende", "Kolleginnen",
                     "Kollegen", "Veranstaltungen", "Materialien", "Fragen", "Themen"]
    for unit in ["Servicestelle", "Fachstelle", "Koordinierungsstelle", "Kompetenzstelle", "Landeskoordination"]:
        add("ORG", [{"ORTH": "IQ"}, {"ORTH": unit},
                    {"TEXT": {"REGEX": r"^[A-ZÄÖÜ][a-zäöüß]{3,}$"}, "ORTH": {"NOT_IN": IQ_UNIT_BLOCK}}],
            "org:~iq-unit", org_lines)

    # ------------------------------------------------------------------ 5. generic organisation shapes
    LEGAL_ONE = ["GmbH", "gGmbH", "mbH", "e.V.", "eV", "e.V", "gUG", "UG", "KG", "OHG", "oHG", "GbR", "eG", "KGaA", "Ltd.",
                 "Ltd", "Inc.", "LLC", "gAG", "PartG", "e.K."]
    BLOCK = set("""der die das den dem des ein eine einer eines einem einen kein keine ich du er sie es wir ihr ihm ihn ihnen
    uns euch mein meine dein sein seine unser unsere unserer euer ihre ihrer dieser diese dieses diesem diesen jene jener
    in im an am auf aus bei beim mit nach seit von vom zu zum zur für über unter vor hinter neben zwischen durch gegen ohne
    um bis laut gemäß wegen trotz und oder aber sondern denn sowie bzw. bzw sowohl als wie dass ob wenn weil auch so dann
    hier dort heute damals zudem außerdem ebenso ferner insbesondere zunächst anschließend zusätzlich weiterhin gemeinsam
    firma unternehmen unternehmens träger trägers trägerin projektträger teilprojektträger bildungsträger maßnahmeträger
    partner partnerin kooperationspartner kooperationspartnerin projektpartner netzwerkpartner arbeitgeber arbeitgeberin
    betrieb betriebe kunde kundin tochter tochtergesellschaft tochterunternehmen muttergesellschaft gesellschafter
    gesellschafterin dienstleister anbieter anbieterin auftraggeber auftragnehmer mitglied mitglieder mitgliedsorganisation
    organisation einrichtung verein vereins projekt projekte teilprojekt teilprojekts programm thema titel name namen sitz
    standort frau herr herrn dr. prof. tel. tel fax e-mail email www kontakt adresse anschrift ansprechpartner
    ansprechpartnerin ansprechpartner*innen quelle foto bild copyright herausgeber impressum verantwortlich redaktion
    gefördert durchführung veranstalter ausrichter kooperation förderer zuwendungsgeber geschäftsführer geschäftsführerin
    geschäftsführung leiter leiterin leitung vorstand vorsitzende vorsitzender mitarbeiter mitarbeiterin mitarbeitende
    koordinator koordinatorin referent referentin berater beraterin gründer gründerin inhaber inhaberin
    januar februar märz april mai juni juli august september oktober november dezember
    montag dienstag mittwoch donnerstag freitag samstag sonntag gmbh ggmbh ag e.v. iq neu neue neuen co. co agentur
    tochtergesellschaft betreibergesellschaft projektgesellschaft""".split())
    NAME = {"TEXT": {"REGEX": r"^(?!.*(unternehmen|konzern|firma|tochter|hersteller|betreiber|dienstleister|händler|anbieter|träger)$)[A-ZÄÖÜ0-9][\w&+.'’-]*$"},
            "LOWER": {"NOT_IN": sorted(BLOCK)}}
    LEGAL_SPECS = [
        [{"ORTH": {"IN": LEGAL_ONE}}],
        [{"ORTH": "e."}, {"ORTH": {"IN": ["V.", "V"]}}],
        [{"ORTH": "GmbH"}, {"ORTH": "&"}, {"ORTH": "Co."}, {"ORTH": "KG"}],
        [{"ORTH": "UG"}, {"ORTH": "("}, {"LOWER": "haftungsbeschränkt"}, {"ORTH": ")"}],
    ]
    GEM = {"LOWER": {"IN": ["gemeinnützige", "gemeinnützigen"]}, "OP": "?"}
    for lg in LEGAL_SPECS:
        add("ORG", [dict(NAME, OP="{1,4}"), GEM] + lg, "org:~legal-form", org_lines)
        add("ORG", [dict(NAME, OP="{1,3}"), {"ORTH": {"IN": ["&", "-", "–"]}}, dict(NAME, OP="{1,2}"), GEM] + lg,
            "org:~legal-form", org_lines)
        add("ORG", [dict(NAME, OP="{1,3}"), {"ORTH": {"IN": ["&", "und"]}}, {"LOWER": {"IN": ["partner", "partnerin",
                    "partnerinnen", "partner*innen", "söhne", "sohn", "töchter", "kollegen"]}}, GEM] + lg, "org:~legal-form", org_lines)
    HEAD_NOUNS = ["Institut", "Gesellschaft", "Zentrum", "Verein", "Verband", "Akademie", "Bildungswerk", "Werkstatt", "Büro",
                  "Agentur", "Netzwerk", "Forum", "Initiative", "Zentrale", "Stiftung", "Beratungsstelle", "Forschungsinstitut",
                  "Bildungszentrum", "Beratungszentrum", "Arbeitsgemeinschaft", "Kontor", "Projektkontor", "Förderverein",
                  "Landesverband", "Bundesverband", "Dachverband", "Fachverband", "Kreisverband", "Bildungsinstitut",
                  "Kuratorium", "Interessengemeinschaft", "Genossenschaft", "Werk", "Hilfswerk", "Kompetenzzentrum"]
    NAME_OR_ADJ = {"TEXT": {"REGEX": r"^([A-ZÄÖÜ][\w-]*|[a-zäöüß]+(e|en|er|es|em)|und|,|&)$"},
                   "LOWER": {"NOT_IN": sorted(BLOCK - {"und", "für"})}}
    for lg in LEGAL_SPECS[:3]:
        add("ORG", [dict(NAME, OP="{0,2}"), {"ORTH": {"IN": HEAD_NOUNS}}, {"LOWER": "für"}, dict(NAME_OR_ADJ, OP="{0,6}"),
                    NAME, GEM] + lg, "org:~legal-form", org_lines)
    # "Bildungswerk der Thüringer Wirtschaft e.V.", "Klinikum am Lechfeld gGmbH"
    for lg in LEGAL_SPECS[:3]:
        add("ORG", [dict(NAME, OP="{0,2}"), {"ORTH": {"IN": HEAD_NOUNS}}, {"LOWER": {"IN": ["der", "des"]}},
                    dict(NAME_OR_ADJ, OP="{0,3}"), NAME, GEM] + lg, "org:~legal-form", org_lines)
        add("ORG", [{"ORTH": {"IN": HEAD_NOUNS + ["Klinikum", "Klinik", "Kliniken", "Krankenhaus", "Haus", "Seniorenzentrum",
                                                 "Pflegezentrum", "Pflegeheim", "Seniorenresidenz", "Wohnstift", "Stift"]}},
                    {"LOWER": {"IN": ["am", "an", "im", "in", "auf", "zum", "zur"]}}, {"LOWER": {"IN": ["der", "dem", "den"]}, "OP": "?"},
                    dict(NAME, OP="{1,2}"), GEM] + lg, "org:~legal-form", org_lines)

    # ------------------------------------------------------------------ named organisational units (closed vocabulary)
    UNIT_VOC = {"ORTH": {"IN": V}}
    for core in ([{"ORTH": {"IN": O.UNIT_HEADS}}, UNIT_VOC],
                 [{"ORTH": {"IN": O.UNIT_HEADS}}, UNIT_VOC, VOC_OR_CONN, UNIT_VOC]):
        add("ORG", core, "org:~unit", org_lines)

    # "X Stiftung" (Otto Benecke Stiftung, Bertelsmann Stiftung) and hyphenated compounds (Körber-Stiftung,
    # Max-Planck-Institut, Humboldt-Universität, Geschwister-Scholl-Schule)
    add("ORG", [dict(NAME, OP="{1,3}"), {"ORTH": {"IN": ["Stiftung", "Stiftung e.V.", "Foundation"]}}], "org:~legal-form", org_lines)
    GENERIC_PREFIX = ("Elite|Partner|Sprach|Berufs|Fach|Privat|Modell|Pilot|Universitäts|Lepra|Ganztags|Förder|Sonder|"
                      "Brennpunkt|Mittel|Haupt|Grund|Real|Gesamt|Musik|Kunst|Sport|Forschungs|Bildungs|Landes|Bundes|"
                      "Stadt|Kreis|Dorf|Internats|Tages|Abend|Volks|Hoch|Online|Digital|Familien|Bürger|Kinder|Jugend|Senioren")
    SUFFIX_MULTI = "Stiftung|Institut|Instituts|Institute|Universität|Schule|Gymnasium|Realschule|Gesamtschule|Grundschule|Mittelschule|Berufsschule|Berufskolleg|Akademie"
    add("ORG", [{"TEXT": {"REGEX": r"^[A-ZÄÖÜ][a-zäöüß]+(-[A-ZÄÖÜ][a-zäöüß]+)+-(" + SUFFIX_MULTI + r")$"}}],
        "org:~named-compound", org_lines)
    add("ORG", [{"TEXT": {"REGEX": r"^(?!(" + GENERIC_PREFIX + r")-)[A-ZÄÖÜ][a-zäöüß]+-(Stiftung|Institut|Instituts|Institute|Universität)$"}}],
        "org:~named-compound", org_lines)
    uni_single = sorted({n for n in city_org + UNI_CITIES if len(toks(n)) == 1})
    add("ORG", [{"TEXT": {"REGEX": r"^([A-ZÄÖÜ][a-zäöüß]+-)+(Universität|Hochschule)$"}},
                {"ORTH": {"IN": ["zu", "in"]}, "OP": "?"}, {"ORTH": {"IN": uni_single}}],
        "org:~named-compound", org_lines)

    # ------------------------------------------------------------------ 6. BLOCK: a body's short name used as a modifier
    # ("ThAFF Praxisaustausch", "IQ Fachtag", "RKW Projekte"): the longer BLOCK span wins the
    # longest-match filter and must then be dropped by the consumer (label "BLOCK").
    # MODIFIER_NOUNS is in org_data.py: gen_acting.py uses the same list.
    short_names = sorted({o["pattern"] for o in org_lines if isinstance(o["pattern"], str) and len(toks(o["pattern"])) == 1} | {"IQ"})
    add("BLOCK", [{"ORTH": {"IN": short_names}}, {"ORTH": {"IN": O.MODIFIER_NOUNS}}], "block:modifier", org_lines)
    add("BLOCK", [{"ORTH": {"IN": short_names}}, {"ORTH": "Good"}, {"ORTH": "Practice"}], "block:modifier", org_lines)
    # Programme readings: "Förderprogramm IQ", "Programms IQ", "(IQ)" after the programme title are handled by acting_bodies.json
    return org_lines


def genitive_ok(w):
    return (" " not in w and not w.endswith(("s", "ß", "x", "z", "sch")) and w[-1].isalpha())


def loc_patterns():
    loc_lines = Store()
    loc_words = []
    for lst in (P.CITIES, P.DISTRICTS, P.REGIONS, P.COUNTRIES, P.FOREIGN_CITIES, P.BOROUGHS):
        for w in lst:
            if w in LOC_EXCLUDED:
                continue
            loc_words.append(w)
    for lst in (P.CITIES_MULTI, P.DISTRICTS_MULTI, P.REGIONS_MULTI, P.COUNTRIES_MULTI, P.FOREIGN_MULTI, P.BOROUGHS_MULTI):
        loc_words.extend(lst)
    loc_words += ["Bundesrepublik Deutschland", "BRD", "DDR", "Bundesrepublik Deutschlands"]
    loc_words = [w for w in dict.fromkeys(loc_words)]
    gen_src = set(P.CITIES) | set(P.COUNTRIES) | set(P.REGIONS) | set(P.DISTRICTS)
    GEN_SKIP = P.NO_GENITIVE | {"OWL", "USA", "DDR", "BRD", "Rhein-Main", "Rhein-Neckar", "Harz", "Rhön"}
    for w in loc_words:
        add("LOC", w, "loc", loc_lines)
    for w in loc_words:
        if w in gen_src and w not in GEN_SKIP and genitive_ok(w) and not w.endswith("kreis") and not w.endswith("-Kreis"):
            add("LOC", w + "s", "loc", loc_lines)
    # district names ending in -kreis take genitive -es/-s
    for w in P.DISTRICTS:
        if w.endswith(("kreis", "-Kreis")):
            add("LOC", w + "es", "loc", loc_lines)
            add("LOC", w + "s", "loc", loc_lines)
    # administrative units "Landkreis X", "Stadt X" ... : LOC by default (territory); ORG where the administration acts
    admin_places = [n for n in city_org + district_org if n not in CITY_STATES]
    for sp in place_token_specs(admin_places):
        add("LOC", [{"ORTH": {"IN": ADMIN_WORDS}}] + sp, "loc:admin", loc_lines)
        add("LOC", [{"ORTH": {"IN": ["Hanse-", "Universitäts-"]}}, {"ORTH": "und"}, {"ORTH": {"IN": ["Universitätsstadt", "Hansestadt"]}}] + sp,
            "loc:admin", loc_lines)
    return loc_lines


def write_jsonl(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for obj in lines:
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")


def main(out):
    org_lines = org_patterns()
    loc_lines = loc_patterns()
    write_jsonl(out / "organisations.jsonl", org_lines)
    write_jsonl(out / "locations.jsonl", loc_lines)
    print(f"organisations.jsonl: {len(org_lines)} patterns; locations.jsonl: {len(loc_lines)} patterns")

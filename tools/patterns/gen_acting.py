"""Write acting_bodies.json: context rules for names that are ORG only in some contexts.

The file is a hand-written rule set; the only derived part is the modifier-noun list, shared
with the BLOCK patterns of organisations.jsonl (org_data.MODIFIER_NOUNS).
"""
import json

from org_data import MODIFIER_NOUNS

data = {
    "_doc": ("Context rules for short names that are ORG only in some contexts. Read with "
             "pipeline/tag/patterns/README.md. Token-level: 'preceded_by' is the previous non-space token, "
             "'followed_by' the next token; comparisons are case-sensitive unless a key says otherwise."),
    "bodies": [
        {
            "acronym": "IQ",
            "id": "org:iq",
            "label": "ORG",
            "rule": ("ORG iff (a) the previous token is not in not_if_preceded_by, (b) the next token is not in "
                     "not_if_followed_by, and (c) the next token is not a capitalised word or acronym (i.e. it is "
                     "lowercase, punctuation, a digit, a line break or the end of text) - unless the previous token is "
                     "in org_even_if_next_capitalised (IQ in subject/object position: 'hat IQ Zugriff'). "
                     "org_if_preceded_by lists typical acting contexts (the simpler rule 'previous token in "
                     "org_if_preceded_by and next token not in not_if_followed_by' finds 20 of the 21 bare-IQ ORGs in "
                     "the seeds with 4 false positives, 2 of them inside 'IQ Netzwerk' which longest-match removes; the "
                     "full rule finds 21/21 with none); it is NOT an override: 'im Rahmen von IQ "
                     "Informationen' is not ORG. Longer gazetteer spans "
                     "('IQ Netzwerk', 'IQ Fachstelle Einwanderung', 'MUT IQ') take precedence."),
            "org_if_preceded_by": ["zwischen", "bei", "durch", "Durch", "von", "mit", "und", "an", "hat", "dass", "für",
                                   "sowie", "gegenüber", "seitens", "über", "via", "im", "ist", "war", "wird", "wurde",
                                   "geht", "arbeitet", "bietet", "kann", "soll", "muss", "will", "hatte", "sieht",
                                   "setzt", "stellt", "fördert", "berät", "begleitet", "unterstützt", "leistet",
                                   "erhält", "gibt", "macht", "plant", "führt", "sich", "bestand", "besteht", "also",
                                   ".", ":", "?", "!"],
            "org_even_if_next_capitalised": ["hat", "ist", "war", "wird", "wurde", "geht", "arbeitet", "bietet", "kann",
                                             "soll", "muss", "will", "hatte", "sieht", "setzt", "stellt", "fördert",
                                             "berät", "begleitet", "unterstützt", "leistet", "erhält", "gibt", "macht",
                                             "plant", "führt", "sich"],
            "not_if_preceded_by": ["Förderprogramm", "Förderprogramms", "Förderprogrammes", "Programm", "Programms",
                                   "Programmes", "Bundesprogramm", "Bundesprogramms", "ESF-Programm", "ESF-Programms",
                                   "Förderprogramm„", "(", "„", "\""],
            "not_if_followed_by": sorted(set(MODIFIER_NOUNS + ["-", "Good", "LNW", "LK", "TP", "HSP", "Programm", "Programms"])),
            "examples_org": ["Datenaustausch zwischen IQ und BA", "Rolle von IQ beim Matching", "Inwieweit hat IQ Zugriff",
                             "Dem widmet sich IQ bereits seit 2005", "bei IQ drei Handlungsschwerpunkte", "IQ bedeutet aber"],
            "examples_not_org": ["Förderprogramm IQ", "„Integration durch Qualifizierung“ (IQ)", "IQ Fachtag",
                                 "IQ Teilprojekt", "die IQ Beratenden", "der IQ LNW", "im Rahmen von IQ Informationen"],
        }
    ],
    "singular_only_bodies": [
        {
            "word": "Jobcenter", "id": "org:jobcenter",
            "rule": ("'Jobcenter' is identical in singular and plural; without a place name it is ORG only after a "
                     "determiner that is unambiguously singular. With a place name the gazetteer already covers it."),
            "org_if_preceded_by": ["das", "Das", "dem", "des", "vom", "beim", "im", "zum", "ins", "ans", "am", "unser",
                                   "unserem", "unseres", "Ihrem", "Ihres", "örtlichen", "zuständigen"],
            "require_determiner_singular": True,
            "not_if_preceded_by": ["die", "Die", "den", "der", "alle", "viele", "einige", "mehrere", "beide", "einzelne",
                                   "einzelnen", "zahlreiche", "zugelassenen", "kommunalen", "gemeinsamen", "sämtliche"],
            "examples_org": ["Beratung im Jobcenter", "das Jobcenter hat zugestimmt"],
            "examples_not_org": ["die Jobcenter", "den Jobcentern", "alle Jobcenter"],
            "note": "'örtlichen'/'zuständigen' are singular only after dem/des/vom/beim: check the determiner before them.",
        },
        {
            "word": "Welcome Center", "id": "org:welcome-center",
            "rule": "Same as Jobcenter: 'Center' is singular and plural; bare 'Welcome Center' is ORG only after a singular determiner.",
            "org_if_preceded_by": ["das", "Das", "dem", "des", "vom", "beim", "im", "zum", "ins", "ans", "am"],
            "require_determiner_singular": True,
            "not_if_preceded_by": ["die", "Die", "den", "der", "alle", "viele", "einige", "mehrere", "beide", "regionalen"],
            "examples_org": ["Beratung im Welcome Center"], "examples_not_org": ["Die Welcome Center dienen als Anlaufstelle"],
        },
    ],
    "singular_office_nouns": {
        "id": "org:~office",
        "rule": ("A bare public office named by a singular compound in -amt or -behörde ('das Jugendamt', 'mit der "
                 "Ausländerbehörde', 'Polizei, Ortsamt und Initiativen') is the specific local body the minutes deal "
                 "with: ORG (annotation guidelines: singular names of specific bodies). The plural forms (-ämter, "
                 "-behörden) never match. Not ORG after an indefinite or generic determiner ('ein Jugendamt', 'jedes "
                 "Jugendamt') or as a role ('Als Naturschutzbehörde hält der Landkreis ...'), nor when the word is an "
                 "office held by a person ('Ehrenamt', 'Lehramt') or the first part of a hyphenated compound."),
        "suffixes": ["amt", "amts", "amtes", "behörde"],
        "not_office_endings": ["ehrenamt", "ehrenamts", "ehrenamtes", "lehramt", "lehramts", "lehramtes", "nebenamt",
                               "hauptamt", "richteramt", "schöffenamt", "prüferamt", "vorstandsamt", "wahlamt",
                               "bürgermeisteramt", "insgesamt", "gesamt"],
        "not_if_preceded_by": ["ein", "Ein", "eine", "Eine", "einer", "einem", "eines", "kein", "Kein", "keine",
                               "Keine", "keinem", "keiner", "jedes", "Jedes", "jede", "Jede", "jedem", "jeder", "als",
                               "Als", "welches", "welche", "welchem", "solches", "solche"],
        "name_adjectives": ["Staatliches", "Staatlichen", "Staatliche", "Städtisches", "Städtischen", "Städtische",
                            "Zentrale", "Zentralen", "Kommunales", "Kommunalen", "Kommunale", "Statistisches",
                            "Statistischen"],
        "rule_span": ("The span takes in a capitalised adjective before the noun ('Staatliches Schulamt') and a "
                      "place tagged right after it ('Finanzamt Gifhorn')."),
        "examples_org": ["Meldungen ans Jugendamt", "Terminvergabe in der Ausländerbehörde", "beim Ordnungsamt"],
        "examples_not_org": ["ein Jugendamt", "Als Naturschutzbehörde", "Ehrenamt", "die Jugendämter"],
    },
    "unit_place_names": {
        "id": "org:~unit-place",
        "source": "unit-place",
        "rule": ("A capitalised compound whose head names an organisation or one of its units (-zentrum, -schule, "
                 "-bibliothek, -verein, -beirat, -forum, -vertretung, -verband, -dienst, -feuerwehr, -kammer, "
                 "-stiftung, -klinik, -hochschule, -netzwerk, -ausschuss ...) followed directly by a tagged place "
                 "is one ORG with the place ('Kreismedienzentrum Göppingen', 'Stadtbibliothek Gifhorn', "
                 "'Jugendforums Stendal'), with a capitalised adjective before it ('Gewerblichen Schule "
                 "Göppingen', 'Freiwillige Feuerwehr Lehnitz'). Without the place the noun is generic and "
                 "is not tagged. Venues and branch offices are not bodies: -haus, -halle, -saal, Geschäftsstelle "
                 "and -büro stay out ('Kreishaus Northeim', 'Geschäftsstelle Lingen' keep their LOC)."),
        "requires_place": True,
        "suffixes": sorted({stem + ending for stem, endings in {
            "zentrum": ("", "s"), "schule": ("",), "bibliothek": ("",), "verein": ("", "s"),
            "beirat": ("", "s", "es"), "seniorenrat": ("", "s", "es"), "elternrat": ("", "s", "es"),
            "jugendrat": ("", "s", "es"), "integrationsrat": ("", "s", "es"), "migrationsrat": ("", "s", "es"),
            "stadtrat": ("", "s", "es"), "gemeinderat": ("", "s", "es"), "forum": ("", "s"),
            "vertretung": ("",), "verband": ("", "s", "es"), "dienst": ("", "es"), "feuerwehr": ("",),
            "agentur": ("",), "kammer": ("",), "gesellschaft": ("",), "stiftung": ("",), "klinik": ("",),
            "klinikum": ("", "s"), "gymnasium": ("", "s"), "kolleg": ("", "s"), "akademie": ("",),
            "hochschule": ("",), "universität": ("",), "institut": ("", "s", "es"), "netzwerk": ("", "s", "es"),
            "bündnis": ("", "ses"), "initiative": ("",), "ausschuss": ("", "es"), "werkstatt": ("",),
            "beratungsstelle": ("",), "fachstelle": ("",), "koordinierungsstelle": ("",), "kita": ("",),
            "kindertagesstätte": ("",), "kindergarten": ("", "s"), "museum": ("", "s"), "theater": ("", "s"),
            "jobcenter": ("", "s"), "polizei": ("",), "sparkasse": ("",), "bank": ("",),
        }.items() for ending in endings} | {
            # the bare head, when an adjective or the place makes it a name ("Gewerblichen Schule Göppingen")
            "Schule", "Verein", "Vereins", "Klinik", "Klinikum", "Bibliothek", "Gymnasium", "Kolleg", "Akademie",
            "Hochschule", "Universität", "Institut", "Netzwerk", "Bündnis", "Verband", "Kammer", "Stiftung",
            "Gesellschaft", "Feuerwehr", "Kita", "Kindergarten", "Museum", "Theater", "Polizei", "Sparkasse"}),
        # Venues and parts of a town, not bodies ("Kultur- und Kongresszentrum Gera", "Stadtzentrum Kassel").
        "not_office_endings": ["geschäftsstelle", "außenstelle", "haltestelle", "baustelle", "kongresszentrum",
                               "kongresszentrums", "stadtzentrum", "stadtzentrums", "einkaufszentrum",
                               "einkaufszentrums", "ortszentrum", "ortszentrums", "tagungszentrum", "tagungszentrums",
                               "veranstaltungszentrum", "veranstaltungszentrums", "messezentrum", "messezentrums",
                               "bürgerzentrum", "bürgerzentrums"],
        "not_if_preceded_by": ["ein", "Ein", "eine", "Eine", "einer", "einem", "eines", "kein", "keine", "jede",
                               "jedes", "jeder", "jedem", "als", "Als"],
        "name_adjective_endings": ["ische", "ischen", "ischer", "isches", "liche", "lichen", "licher", "liches",
                                   "ige", "igen", "iger", "iges", "ierte", "ierten", "ierter", "iertes", "elle",
                                   "ellen", "eller", "elles", "ale", "alen", "aler", "ales", "ive", "iven", "iver"],
        "examples_org": ["Kreismedienzentrum Göppingen", "Gewerblichen Schule Göppingen", "Jugendforums Stendal"],
        "examples_not_org": ["das Jugendforum", "Kreishaus Northeim", "Geschäftsstelle Lingen"],
    },
    "facility_names": {
        "id": "org:~facility",
        "source": "facility",
        "rule": ("Social, educational and care facilities are named by a head noun and a proper name: "
                 "'Kita Pusteblume', 'Hort Kunterbunt', 'Seniorenzentrum St. Otto', 'Klinik am Wollenberg', "
                 "'Grundschule am Pastorenweg'. The head with 'St./Sankt X' or with 'am/an der X' (X "
                 "capitalised) is one ORG; the head with a single word that the statistical model tags (as "
                 "anything) is one ORG ('Waldkita Eichhörnchen'). Once a document has named such a facility, "
                 "its name word alone is the same ORG elsewhere in it ('in der Pusteblume'), unless the word is "
                 "tagged as a place or person anywhere in the document. The model's word must be a PER or ORG: "
                 "a place after the head ('Grundschule Bissendorf') is left to the unit-place rule. 'Haus' "
                 "and 'Kinderhaus' (a Münster district) are left out: 'Haus am Dom' is as often a venue."),
        "heads": ["Kita", "Kitas", "Kindertagesstätte", "Kindergarten", "Hort", "Waldkita",
                  "Waldkindergarten", "Krippe", "Jugendzentrum", "Jugendtreff", "Jugendclub", "Jugendhaus",
                  "Familienzentrum", "Seniorenzentrum", "Seniorenheim", "Seniorenresidenz", "Pflegeheim",
                  "Altenheim", "Altenzentrum", "Wohnstift", "Stift", "Tagespflege", "Sozialstation",
                  "Begegnungsstätte", "Stadtteiltreff", "Stadtteilzentrum", "Mehrgenerationenhaus",
                  "Grundschule", "Gesamtschule", "Gemeinschaftsschule", "Oberschule", "Mittelschule",
                  "Realschule", "Gymnasium", "Förderschule", "Berufsschule", "Klinik", "Fachklinik",
                  "Reha-Klinik", "Wohnheim", "Frauenhaus"],
        # Only prepositions that name a site: "im Quartier", "auf dem Sofa" are common nouns.
        "place_prepositions": ["am", "Am", "an der", "An der"],
        "not_names": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
                      "Wochenende", "Vormittag", "Nachmittag", "Abend", "Morgen", "Anfang", "Ende", "Standort",
                      "Rand", "Stadtrand", "Ortsrand", "Ort", "Platz", "Bahnhof", "Markt", "Jahresende",
                      "Monatsende", "Telefon", "Computer", "Tisch", "Wochenanfang"],
    },
    "elliptical_coordination": {
        "rule": ("After an ORG span from one of these families, a following conjunct joined by ', ' / ' und ' / "
                 "' sowie ' / '/' that is a bare region/city/state name (or 'Region X') continues the name: label the "
                 "conjunct ORG (one span each), not LOC/BUNDESLAND. 'MigraNet plus Franken, Südostbayern und Region "
                 "München' -> 3 ORG."),
        "family_ids": ["org:migranet-plus:*", "org:fize:*", "org:iq-netzwerk:*", "org:ihk:*", "org:hwk:*", "org:rd:*",
                       "org:agentur-fuer-arbeit:*", "org:jobcenter:*", "org:rkw:*", "org:welcome-center:*"],
        "conjunctions": [",", "und", "sowie", "/", "bzw."],
        "conjunct_prefixes_allowed": ["Region"],
    },
    "admin_units": {
        "id": "loc:admin",
        "default_label": "LOC",
        "rule": ("'Stadt/Landkreis/Kreis/Landeshauptstadt/Region/Hansestadt X' is LOC as territory (default) and ORG "
                 "where the administration acts. Relabel to ORG when: the span is the affiliation in parentheses right "
                 "after a PER ('Malika Bashirova (Landeshauptstadt München)'), or follows one of org_if_preceded_by "
                 "directly or via a determiner ('Mitarbeiterin der Stadt Erlangen'), or is followed by one of "
                 "org_if_followed_by (administration acting: 'die Stadt Erlangen hat ...'). Keep LOC in parentheses "
                 "after an ORG ('Jobcenter (Landkreis Fürth)') and after 'im/in/aus/des Landkreis(es)' (territory)."),
        "org_if_preceded_by": ["Mitarbeiter", "Mitarbeiterin", "Mitarbeitende", "Mitarbeitenden", "Vertreter",
                               "Vertreterin", "Vertreter*innen", "Kolleg*innen", "Kollegin", "Kollege", "seitens",
                               "Auftrag", "Verwaltung", "Oberbürgermeister", "Oberbürgermeisterin", "Landrat", "Landrätin",
                               "Bürgermeister", "Bürgermeisterin", "Integrationsbeauftragte", "Integrationsbeauftragter",
                               "Pressestelle", "Ausländerbehörde", "Sozialamt", "Jobcenter"],
        "org_if_followed_by": ["hat", "hatte", "bietet", "fördert", "lädt", "lud", "organisiert", "veranstaltet",
                               "beschäftigt", "stellt", "unterstützt", "beteiligt", "finanziert", "plant", "will",
                               "prüft", "trägt", "legt", "übernimmt", "zahlt", "gibt", "richtet", "sucht",
                               "schreibt", "entscheidet", "setzt", "betreibt", "erstattet", "verhandelt", "informiert",
                               "teilt", "sagt", "lehnt", "verweist", "kündigt", "baut", "vergibt", "bezuschusst",
                               "soll", "muss", "kann", "möchte", "wird", "hält", "sieht", "beantragt", "bewilligt"],
        "rule_more": ("Also ORG (2026-11-30): after a partner or agent preposition, directly or via a determiner "
                      "('gemeinsam mit dem Landkreis Göttingen', 'bei der Region Hannover', 'von der Stadt Offenbach "
                      "gefördert', 'laut Stadt Kassel'); after a genitive determiner that follows a role or unit "
                      "of the administration, by its ending ('Wohngeldstelle der Stadt Cottbus', "
                      "'Ehrenamtsbeauftragte der Stadt Gera', 'im Namen der Landeshauptstadt Kiel'); as the "
                      "subject after a capitalised or subordinate-clause article ('Die Hansestadt Stendal prüft', "
                      "'dass der Landkreis Oberhavel die Zulassung ...'); right after a person and a comma ('Gerda "
                      "Hilling, Landkreis Emsland'); after a label naming the host ('Einladende: Landeshauptstadt "
                      "Dresden'); and at the very start of the document (the issuing body's letterhead). A "
                      "territorial preposition right before the span keeps it LOC whatever follows ('im "
                      "Landkreis Ludwigsburg wird ...')."),
        "org_if_preceded_by_more": ["mit", "bei", "beim", "von", "vom", "laut", "gegenüber", "durch", "Namen",
                                    "Haushalt", "Haushaltssperre", "Beschluss", "Stellungnahme", "Zuständigkeit"],
        "org_if_genitive_of_ending": ["beauftragte", "beauftragter", "beauftragten", "stelle", "amt", "amts",
                                      "amtes", "dienst", "dienstes", "abteilung", "referat", "referats", "bereich",
                                      "bereichs", "büro", "büros", "verwaltung", "kämmerei", "leitung", "spitze",
                                      "leiter", "leiterin", "sprecher", "sprecherin", "mitarbeiter", "mitarbeiterin",
                                      "mitarbeitende", "mitarbeitenden", "vertreter", "vertreterin", "vertretung"],
        "subject_articles": ["Die", "Der"],
        "subordinating_words": ["dass", "weil", "ob", "wenn", "da", "nachdem", "sodass", "damit", "obwohl"],
        "host_labels": ["Einladende", "Einladender", "Einladung", "Veranstalter", "Veranstalterin", "Schulträger",
                        "Träger", "Trägerin", "Gastgeber", "Gastgeberin", "Ausrichter", "Ausrichterin",
                        "Auftraggeber", "Herausgeber", "Federführung", "Kontakt"],
        "territory_if_preceded_by": ["im", "in", "aus", "nach", "ins", "innerhalb", "außerhalb", "um", "Im", "In",
                                     "Aus"],
    },
    "block_label": {
        "label": "BLOCK",
        "rule": ("organisations.jsonl contains patterns labelled BLOCK ('ThAFF Praxisaustausch', 'IQ Fachtag', "
                 "'RKW Projekte'): the short name modifies another noun and is not an ORG. Resolve overlaps "
                 "longest-first, then drop BLOCK spans (they suppress the shorter ORG)."),
        "modifier_nouns": sorted(set(MODIFIER_NOUNS)),
    },
    "never_org": {
        "rule": ("Acronyms and names that look like bodies but are funds, laws, programmes, portals, events or "
                 "company classes (spec: not ORG). Useful as a post-filter for a statistical NER."),
        "tokens": ["ESF", "ESF+", "EFRE", "KMU", "HSP", "HSP1", "HSP2", "HSP3", "HSP4", "AufenthG", "FEG", "BQFG",
                   "BeschV", "SGB", "SGB II", "SGB III", "BAföG", "AsylbLG", "IntV", "DeuFöV", "TOP", "LNW", "TP", "LK",
                   "MINT", "IT", "KI", "Job-Turbo", "Make it in Germany", "Triple Win", "Anerkennung in Deutschland",
                   "anerkennung-in-deutschland.de", "BQ-Portal", "Fachkräfteeinwanderungsgesetz", "Anerkennungsgesetz",
                   "Westbalkanregelung", "Chancenkarte", "Blaue Karte", "Blaue Karte EU", "Integrationskurs",
                   "Berufssprachkurs", "Berufssprachkurse", "Förderprogramm IQ", "Integration durch Qualifizierung",
                   "Faire Integration", "Specialized", "Thementage", "Fachtag", "Netzwerktreffen"],
    },
}


def main(out):
    with open(out / "acting_bodies.json", "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("acting_bodies.json written")

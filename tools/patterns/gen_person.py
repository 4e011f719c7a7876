"""Write person_context.json: honorifics, titles, role nouns, name particles and not-names
for the PER component. All lists are hand-written here."""
import json


def mf(*stems):
    """'Leiter' -> Leiter, Leiterin, Leiterinnen, Leiter*in, Leiter*innen, Leiter:in, Leiter:innen, Leiter/in, LeiterIn"""
    out = []
    for s in stems:
        out += [s, s + "in", s + "innen", s + "*in", s + "*innen", s + ":in", s + ":innen", s + "/in", s + "/-in", s + "In",
                s + "_in"]
    return out


def adj(*stems):
    """'Vorsitzend' -> Vorsitzende, Vorsitzender, Vorsitzenden"""
    out = []
    for s in stems:
        out += [s + "e", s + "er", s + "en"]
    return out


honorifics = ["Frau", "Herr", "Herrn", "Herren", "Fr.", "Hr.", "Hrn.", "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms",
              "Madame", "Monsieur", "Mme.", "Señora", "Señor", "Sra.", "Sr.", "Signora", "Signor"]

titles = ["Dr.", "Dr", "Dres.", "Prof.", "Prof", "Professor", "Professorin", "Prof. Dr.", "Prof. Dr. Dr.", "Dr. Dr.",
          "PD", "PD Dr.", "apl. Prof.", "Hon.-Prof.", "Jun.-Prof.", "Dr. med.", "Dr. phil.", "Dr. rer. pol.", "Dr. rer. nat.",
          "Dr. jur.", "Dr. iur.", "Dr. oec.", "Dr. paed.", "Dr. med. dent.", "Dr.-Ing.", "Dr. h.c.", "Dr. h. c.",
          "Dipl.-Ing.", "Dipl.-Ing. (FH)", "Dipl.-Kfm.", "Dipl.-Kffr.", "Dipl.-Kauffrau", "Dipl.-Kaufmann", "Dipl.-Päd.",
          "Dipl.-Psych.", "Dipl.-Soz.", "Dipl.-Soz.-Päd.", "Dipl.-Sozialpäd.", "Dipl.-Sozialarb.", "Dipl.-Volksw.",
          "Dipl.-Betriebsw.", "Dipl.-Oec.", "Dipl.-Jur.", "Dipl.-Pol.", "Dipl.-Verw.-Wiss.", "Dipl.-Geogr.", "Dipl.-Inf.",
          "Dipl.", "Mag.", "Mag.a", "Ing.", "M.A.", "M. A.", "B.A.", "B. A.", "M.Sc.", "M. Sc.", "B.Sc.", "B. Sc.",
          "MBA", "LL.M.", "LL.B.", "MdB", "MdL", "MdEP", "MdA", "MdBB", "RA", "RAin", "StB",
          # political and administrative offices used as titles before names (stay outside the PER span)
          "Staatssekretärin", "Staatssekretär", "Parlamentarische Staatssekretärin", "Parlamentarischer Staatssekretär",
          "Staatsministerin", "Staatsminister", "Ministerin", "Minister", "Bundesministerin", "Bundesminister",
          "Landesministerin", "Landesminister", "Ministerpräsidentin", "Ministerpräsident", "Bundeskanzlerin",
          "Bundeskanzler", "Bundespräsidentin", "Bundespräsident", "Senatorin", "Senator", "Staatsrätin", "Staatsrat",
          "Bürgermeisterin", "Bürgermeister", "Oberbürgermeisterin", "Oberbürgermeister", "Erste Bürgermeisterin",
          "Erster Bürgermeister", "Zweite Bürgermeisterin", "Zweiter Bürgermeister", "Dritte Bürgermeisterin",
          "Dritter Bürgermeister", "Bezirksbürgermeisterin", "Bezirksbürgermeister", "Ortsbürgermeisterin",
          "Ortsbürgermeister", "Landrätin", "Landrat", "Stadträtin", "Stadtrat", "Kreisrätin", "Kreisrat",
          "Bezirksrätin", "Bezirksrat", "Gemeinderätin", "Gemeinderat", "Ratsfrau", "Ratsherr", "Stadtverordnete",
          "Stadtverordneter", "Bezirksverordnete", "Bezirksverordneter", "Abgeordnete", "Abgeordneter",
          "Bundestagsabgeordnete", "Bundestagsabgeordneter", "Landtagsabgeordnete", "Landtagsabgeordneter",
          "Präsidentin", "Präsident", "Vizepräsidentin", "Vizepräsident", "Regierungspräsidentin", "Regierungspräsident",
          "Bezirkstagspräsidentin", "Bezirkstagspräsident", "Landtagspräsidentin", "Landtagspräsident",
          "Botschafterin", "Botschafter", "Generalkonsulin", "Generalkonsul", "Konsulin", "Konsul",
          "Beigeordnete", "Beigeordneter", "Bürgermeisterin a. D.", "Dezernentin", "Dezernent", "Stadtdirektorin",
          "Stadtdirektor", "Kreisdirektorin", "Kreisdirektor", "Ministerialdirektorin", "Ministerialdirektor",
          "Ministerialdirigentin", "Ministerialdirigent", "Ministerialrätin", "Ministerialrat", "Regierungsdirektorin",
          "Regierungsdirektor", "Leitende Regierungsdirektorin", "Leitender Regierungsdirektor", "Oberregierungsrätin",
          "Oberregierungsrat", "Regierungsrätin", "Regierungsrat", "Amtsrätin", "Amtsrat", "Oberamtsrätin", "Oberamtsrat",
          "Richterin", "Richter", "Pfarrerin", "Pfarrer", "Pastorin", "Pastor", "Bischöfin", "Bischof", "Imam", "Rabbiner",
          "Rabbinerin", "Schwester", "Bruder", "Pater", "Prälat", "Prälatin", "Direktorin", "Direktor",
          "Integrationsbeauftragte", "Integrationsbeauftragter", "Migrationsbeauftragte", "Migrationsbeauftragter",
          "Bundesbeauftragte", "Bundesbeauftragter", "Landesbeauftragte", "Landesbeauftragter",
          "Staatsministerin für Migration, Flüchtlinge und Integration"]

role_nouns = sorted(set(
    mf("Geschäftsführer", "Leiter", "Projektleiter", "Teamleiter", "Bereichsleiter", "Abteilungsleiter", "Referatsleiter",
       "Sachgebietsleiter", "Fachbereichsleiter", "Amtsleiter", "Dienststellenleiter", "Geschäftsstellenleiter",
       "Standortleiter", "Einrichtungsleiter", "Schulleiter", "Niederlassungsleiter", "Koordinator", "Landeskoordinator",
       "Netzwerkkoordinator", "Projektkoordinator", "Bildungskoordinator", "Integrationskoordinator", "Ehrenamtskoordinator",
       "Referent", "Fachreferent", "Bildungsreferent", "Grundsatzreferent", "Berater", "Anerkennungsberater",
       "Qualifizierungsberater", "Migrationsberater", "Integrationsberater", "Arbeitsmarktberater", "Unternehmensberater",
       "Betriebsberater", "Bildungsberater", "Berufsberater", "Jobcoach", "Coach", "Arbeitsvermittler", "Vermittler",
       "Fallmanager", "Sachbearbeiter", "Mitarbeiter", "Projektmitarbeiter", "Ansprechpartner", "Moderator",
       "Protokollant", "Gastgeber", "Sprecher", "Pressesprecher", "Vertreter", "Trainer", "Dozent", "Lehrer",
       "Sozialarbeiter", "Jurist", "Wissenschaftler", "Forscher", "Gründer",
       "Inhaber", "Prokurist", "Geschäftsstellenleiter", "Kursleiter", "Kammerberater", "Teilnehmer", "Gutachter",
       "Controller", "Assistent", "Projektassistent", "Auszubildende", "Praktikant", "Stipendiat",
       "Fachberater", "Arbeitgeberberater", "Personalberater",
       "Personalreferent", "Personalleiter", "Ausbildungsleiter", "Ausbilder", "Betreuer", "Dolmetscher",
       "Sprachmittler", "Übersetzer", "Kulturmittler", "Mentor")
    + adj("Vorsitzend", "Stellvertretend", "Beauftragt", "Integrationsbeauftragt", "Migrationsbeauftragt",
          "Gleichstellungsbeauftragt", "Ausländerbeauftragt", "Ehrenamtlich", "Sachverständig", "Angestellt",
          "Vorstandsvorsitzend", "Teilnehmend", "Mitarbeitend", "Beratend", "Lehrend")
    + ["Leitung", "Projektleitung", "Teamleitung", "Bereichsleitung", "Abteilungsleitung", "Referatsleitung",
       "Sachgebietsleitung", "Fachbereichsleitung", "Amtsleitung", "Geschäftsführung", "Geschäftsstellenleitung",
       "Standortleitung", "Landeskoordination", "Netzwerkkoordination", "Projektkoordination", "Koordination",
       "Moderation", "Protokoll", "Vorstandsmitglied", "Vorstandsvorsitz", "Vorsitz", "Stellvertretung",
       "Fachkraft", "Integrationsfachkraft", "Lehrkraft", "Fachkräfte", "Projektverantwortliche", "Verantwortliche",
       "Hauptverantwortliche", "Mitglied", "Vorstand", "Experte", "Expertin", "Expertinnen", "Experten", "Expert*innen",
       "Sozialpädagoge", "Sozialpädagogin", "Psychologe", "Psychologin", "Lotse", "Lotsin", "Integrationslotse",
       "Integrationslotsin", "Willkommenslotse", "Willkommenslotsin", "Pate", "Patin", "Auszubildende", "Auszubildender",
       "Ehrenamtliche", "Ehrenamtlicher", "Sachverständige", "Sachverständiger", "Beauftragte", "Beauftragter",
       "Ansprechperson", "Kontaktperson", "IQ Koordinatorin", "IQ Koordinator", "IQ Landeskoordinatorin", "IQ Landeskoordinator",
       "Anerkennungs- und Qualifizierungsberaterin", "Anerkennungs- und Qualifizierungsberater",
       "wissenschaftliche Mitarbeiterin", "wissenschaftlicher Mitarbeiter", "stellvertretende Leiterin",
       "stellvertretender Leiter", "stellvertretende Vorsitzende", "stellvertretender Vorsitzender",
       "kommissarische Leiterin", "kommissarischer Leiter", "Leiterin des Referats", "Leiter des Referats"]))

name_particles = ["von", "von der", "von dem", "vom", "van", "van der", "van den", "van de", "de", "de la", "de los",
                  "de las", "del", "della", "delle", "di", "da", "dos", "das", "do", "du", "des", "le", "la", "zu", "zur",
                  "von und zu", "ter", "ten", "den", "der", "op", "af", "av", "al", "al-", "Al", "Al-", "el", "el-",
                  "El", "El-", "ad-", "ar-", "as-", "at-", "az-", "ash-", "abu", "Abu", "abd", "Abd", "bin", "bint", "ben",
                  "Ben", "ibn", "Ibn", "ould", "Ould", "y", "e", "Mc", "Mac", "O'", "O’", "St.", "San", "Santa", "De",
                  "Di", "Da", "Van", "Von", "Le", "La", "Du", "Dos", "Del", "Della", "Ter", "Ten"]

not_names = sorted(set(
    ["Kollegin", "Kollege", "Kollegen", "Kolleginnen", "Vorsitzende", "Vorsitzender", "Vorsitzenden", "Doktor",
     "Professorin", "Professor", "Abgeordnete", "Abgeordneter", "Beauftragte", "Beauftragter", "Bürgerin", "Bürger",
     "Kundin", "Kunde", "Teilnehmerin", "Teilnehmer", "Protokollantin", "Moderatorin", "Moderator", "Gastgeberin",
     "Vertreterin", "Vertreter", "Mitarbeiterin", "Mitarbeiter", "Ansprechpartnerin", "Ansprechpartner", "Koordinatorin",
     "Koordinator", "Referentin", "Referent", "Beraterin", "Berater", "Leiterin", "Leiter", "Geschäftsführerin",
     "Geschäftsführer", "Sprecherin", "Sprecher", "Direktorin", "Direktor", "Präsidentin", "Präsident", "Ministerin",
     "Minister", "Staatssekretärin", "Staatssekretär", "Bürgermeisterin", "Bürgermeister", "Oberbürgermeisterin",
     "Oberbürgermeister", "Landrätin", "Landrat", "Stadträtin", "Stadtrat", "Kreisrätin", "Kreisrat", "Bezirksrätin",
     "Senatorin", "Senator", "Dezernentin", "Dezernent", "Beigeordnete", "Beigeordneter", "Integrationsbeauftragte",
     "Integrationsbeauftragter", "Amtsleiterin", "Amtsleiter", "Sachgebietsleiterin", "Teamleiterin", "Teamleiter",
     "Bereichsleiterin", "Abteilungsleiterin", "Abteilungsleiter", "Ministerialrätin", "Ministerialrat",
     "Regierungsdirektorin", "Regierungsdirektor", "Oberregierungsrätin", "Richterin", "Richter", "Pfarrerin",
     "Pfarrer", "Botschafterin", "Botschafter", "Konsulin", "Konsul", "Dr.", "Prof.", "Dipl.-Ing.", "Mag.",
     "Frau", "Herr", "Herrn", "Mann", "Männer", "Frauen", "Kinder", "Kind", "Familie", "Familien", "Mutter", "Vater",
     "Eltern", "Tochter", "Sohn", "Schwester", "Bruder", "Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrer", "Ihrem",
     "Damen", "Dame", "Herren", "Herrschaften", "Kolleg*innen", "Kolleg:innen", "Teilnehmende", "Teilnehmenden",
     "Anwesende", "Anwesenden", "Gäste", "Gast", "Vorstand", "Geschäftsführung", "Leitung", "Moderation", "Protokoll",
     "Stellvertreterin", "Stellvertreter", "Nachfolgerin", "Nachfolger", "Vorgängerin", "Vorgänger", "Expertin",
     "Experte", "Lehrerin", "Lehrer", "Schülerin", "Schüler", "Studentin", "Student", "Mandantin", "Klientin",
     "Ratsuchende", "Antragstellerin", "Antragsteller", "Arbeitgeberin", "Arbeitgeber", "Arbeitnehmerin",
     "Arbeitnehmer", "Unternehmerin", "Unternehmer", "Inhaberin", "Inhaber", "Gründerin", "Gründer", "Ärztin", "Arzt",
     "Pflegekraft", "Fachkraft", "Lehrkraft", "Dolmetscherin", "Dolmetscher", "Übersetzerin", "Übersetzer",
     "Sachbearbeiterin", "Sachbearbeiter", "Vermittlerin", "Vermittler", "Kollegium", "Team", "Runde", "Gruppe",
     "Vorsitz", "Anwalt", "Anwältin", "Rechtsanwalt", "Rechtsanwältin", "Notar", "Notarin", "Verantwortliche",
     "Verantwortlicher", "Beteiligte", "Beteiligten", "Betroffene", "Betroffenen", "Geflüchtete", "Geflüchteten",
     "Migrantin", "Migrant", "Zugewanderte", "Jugendliche", "Azubi", "Auszubildende", "Praktikantin", "Praktikant",
     "Kommissarin", "Kommissar", "Bundeskanzlerin", "Bundeskanzler", "Ministerpräsidentin", "Ministerpräsident",
     "Staatsministerin", "Staatsminister", "Abteilung", "Referat", "Amt", "Behörde", "Stadt", "Kreis", "Landkreis",
     "Land", "Bund", "Agentur", "Kammer", "Jobcenter", "Ausländerbehörde", "Verwaltung", "Bank", "Bahn", "Post",
     "Gesundheit", "Integration", "Migration", "Arbeit", "Kollegin/Kollege", "Kollege/Kollegin", "Mustermann",
     "Musterfrau", "Muster", "Beispiel", "X", "Y", "XY", "NN", "N.N.", "N. N.", "Name", "Vorname", "Nachname",
     "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
     "Dezember", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag", "Tel.", "Telefon",
     "E-Mail", "Mail", "Fax", "Zimmer", "Raum", "Tagesordnung", "TOP", "Begrüßung", "Vorstellung", "Fragen",
     "Herzlich", "Willkommen", "Danke", "Vielen", "Dank", "Bitte", "Und", "Oder", "Bzw.", "Sowie", "Mit", "Von",
     "Vom", "Aus", "Bei", "Für", "Im", "In", "Am", "An", "Zu", "Zur", "Zum", "Der", "Die", "Das", "Den", "Dem", "Des",
     "Ein", "Eine", "Einer", "Als", "Auch", "Noch", "Nicht", "Keine", "Kein", "Alle", "Beide", "Jede", "Jeder"]))

data = {
    "_doc": ("Lexicon for the person-name component. honorifics/titles precede names and stay outside the PER span "
             "(spec: 'Frau Opitz' -> 'Opitz'; 'Staatssekretärin' outside). role_nouns precede or follow names "
             "('Monika Opitz, IQ Koordinatorin und Geschäftsführerin der RKW Nord GmbH') and are used to extract "
             "roles, never part of PER. name_particles may sit inside a surname ('Ursula von der Leyen'). not_names: "
             "capitalised words that can follow Frau/Herr or a title but are not names. Multi-word entries are "
             "space-separated as written. Gender-inclusive spellings (*in, :in, /in, In, _in) are included for role "
             "nouns."),
    "honorifics": honorifics,
    "titles": titles,
    "role_nouns": role_nouns,
    "name_particles": name_particles,
    "not_names": not_names,
    "_doc_posts": ("post_endings: a capitalised word ending so names a post or role, not a person or a body "
                   "('Stationsleitung', 'Praxisanleiterin', 'Fachbereichsleiter', 'Polizeihauptkommissar'); "
                   "post_words: words that open a post ('Erste Kreisrätin', 'stellv. Leitung'). The resolver "
                   "uses both: a post is no organisation in parentheses after a person, a model ORG that starts "
                   "with one is dropped, and it is cut off the front of a model PER."),
    "post_endings": ["leitung", "leiter", "leiterin", "kraft", "referent", "referentin", "koordinator",
                     "koordinatorin", "anleiter", "anleiterin", "anleitung", "rätin", "sprecher", "sprecherin",
                     "vorsitzende", "vorsitzender", "beauftragte", "beauftragter", "mitarbeiter", "mitarbeiterin",
                     "assistent", "assistentin", "assistenz", "manager", "managerin", "kommissar", "kommissarin",
                     "direktor", "direktorin", "präsident", "präsidentin"],
    "post_words": ["Erste", "Erster", "Stellvertretende", "Stellvertretender", "stellv."],
}


def main(out):
    with open(out / "person_context.json", "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("person_context.json:", {k: len(v) for k, v in data.items() if isinstance(v, list)})

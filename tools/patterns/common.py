import re, unicodedata

STATES = ["Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
          "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "NRW", "Rheinland-Pfalz",
          "Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen"]
STATE_ABBR = ["BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "M-V", "NI", "NW", "RP", "RLP", "SL",
              "SN", "ST", "LSA", "SH", "S-H", "TH"]
# state -> attributive adjective stem (capitalised, used in names: "Thüringer Ministerium ...")
STATE_ADJ = {
    "Baden-Württemberg": ["Baden-Württembergische", "Baden-Württembergisches", "Baden-Württembergischen", "Baden-Württembergischer"],
    "Bayern": ["Bayerische", "Bayerisches", "Bayerischen", "Bayerischer"],
    "Berlin": ["Berliner"], "Brandenburg": ["Brandenburger", "Brandenburgische", "Brandenburgisches", "Brandenburgischen"],
    "Bremen": ["Bremer", "Bremische", "Bremischen"], "Hamburg": ["Hamburger", "Hamburgische", "Hamburgischen"],
    "Hessen": ["Hessische", "Hessisches", "Hessischen", "Hessischer"],
    "Mecklenburg-Vorpommern": [], "Niedersachsen": ["Niedersächsische", "Niedersächsisches", "Niedersächsischen", "Niedersächsischer"],
    "Nordrhein-Westfalen": [], "Rheinland-Pfalz": [], "Saarland": ["Saarländische", "Saarländisches", "Saarländischen", "Saarländischer"],
    "Sachsen": ["Sächsische", "Sächsisches", "Sächsischen", "Sächsischer"],
    "Sachsen-Anhalt": [], "Schleswig-Holstein": ["Schleswig-Holsteinische", "Schleswig-Holsteinischen", "Schleswig-Holsteinischer"],
    "Thüringen": ["Thüringer"],
}


def slug(s):
    s = s.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-").lower()
    return s


def expand(template):
    """'{A|B} c {d|e}' -> ['A c d', 'A c e', 'B c d', 'B c e']; '{|x}' gives optional parts."""
    m = re.search(r"\{([^{}]*)\}", template)
    if not m:
        return [re.sub(r"\s+", " ", template).strip()]
    out = []
    for alt in m.group(1).split("|"):
        out.extend(expand(template[:m.start()] + alt + template[m.end():]))
    return list(dict.fromkeys(out))

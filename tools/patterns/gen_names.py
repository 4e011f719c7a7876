"""Write first_names.txt: the curated lists (names_de.txt, names_intl.txt) plus first names
that GermEval 2014 shows >= 2 times as the first token of a multi-token PER span, minus a
blacklist, minus names that GermEval mostly tags O.
"""
import json
import re
from pathlib import Path

import places as P
from germeval import first_name_counts

HERE = Path(__file__).resolve().parent


def read(fn):
    out = []
    for line in open(fn, encoding="utf-8"):
        if line.startswith("#"):
            continue
        out += line.split()
    return out


# ordinary words, titles, months, places, particles: never first names in this list
BLACK = set("""August April Juli Mai Juni Januar März Mark Roman Brett Adel Paris La Lady Kid DJ Snoop Ras Wolf Dick Don
Peer Per Art Rose Nur Sultan Nana Alpha Kader Dersim Newroz Welat Mercedes Faith Joy Comfort Precious Patience Blessing
Rejoice Mercy Peace Innocent Long Lan Van Yen Li Yu Sri Shah Kumar von Von van de De zu Al Abu El Ben Bin Ibn Chr J. G.
A. R M. H. I. P. D. Wang Liu Cao Chiang Minamoto Nai Jesus Paris Francisco Ban Kolping Engel Bär Christ Sonne Hoffnung
Heide Lippe Alma Ob Fatima Norma Hope Justice Happy Gift Sunny Will Ernst Frank Detlefsen Demir Arslan Ahmadzai
Hartmann Ulbrich Urban Hein Sham Lama Wali Wazir Şahin Sahin Erdoğan Doğan Dogan Yılmaz Aydın Aydin Aslan Özcan Kaya
Rand Sylvester Tran Lovely Princess""".split())
# Listed in BLACK but kept: Ernst and Frank are overwhelmingly names in GermEval (PER share > 0.9)
REALLOW = {"Ernst", "Frank", "Alma", "Fatima"}
PLACES = set(P.CITIES) | set(P.COUNTRIES) | set(P.REGIONS) | set(P.DISTRICTS) | set(P.FOREIGN_CITIES)


def main(out, germeval_dir):
    first, tagc = first_name_counts(Path(germeval_dir) / "NER-de-train.tsv")
    own = read(HERE / "names_de.txt") + read(HERE / "names_intl.txt")
    ge_names = []
    for tok, n in first.items():
        if n < 2:
            continue
        if not re.fullmatch(r"[A-ZÄÖÜÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÇŠŽČŁ][a-zäöüßáéíóúàèìòùâêîôûçšžčćłńśźżăâîșțğışõãñ'’-]+(-[A-ZÄÖÜ][a-zäöüßéèáíóú]+)?", tok):
            continue
        ge_names.append(tok)
    cands = []
    for n in own + ge_names:
        if n in BLACK and n not in REALLOW:
            continue
        cands.append(n)
    cands = list(dict.fromkeys(cands))
    # data check: drop names that GermEval mostly tags O (ordinary words) when seen >= 3 times
    flag = []
    for n in cands:
        c = tagc.get(n)
        if not c:
            continue
        tot = sum(c.values())
        if tot >= 3 and c.get("O", 0) / tot > 0.5:
            flag.append((n, dict(c)))
    print("first_names: dropped as mostly O in GermEval:", flag)
    drop = {n for n, _ in flag}
    # names that are also place names are kept; printed for review only
    print("first_names: also a place name (kept):", [n for n in cands if n in PLACES])
    final = sorted({n for n in cands if n not in drop}, key=lambda s: (s.lower(), s))
    with open(out / "first_names.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(final) + "\n")
    ge_kept = [n for n in ge_names if n in set(final)]
    stats = {"ge_candidates": len(ge_names), "ge_kept": len(ge_kept), "ge_only": len(set(ge_kept) - set(own)),
             "own": len(set(own) - drop - BLACK), "final": len(final), "dropped_O": flag}
    print("first_names.txt:", json.dumps(stats, ensure_ascii=False))

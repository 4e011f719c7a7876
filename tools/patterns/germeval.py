"""Read the GermEval 2014 NER data (NER-de-*.tsv) and count first names.

Format (see shared/data/germeval2014/README.md): one token per line,
`index<TAB>token<TAB>outer tag<TAB>inner tag`, blank line between sentences,
optional `#<TAB>...` comment line at the start of a sentence (dev/test only).
"""
import collections


def sents(path):
    """Yield each sentence as a list of (token, outer tag, inner tag)."""
    s = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if s:
                    yield s
                    s = []
                continue
            if line.startswith("#\t"):
                continue
            p = line.split("\t")
            s.append((p[1], p[2], p[3] if len(p) > 3 else "O"))
    if s:
        yield s


def first_name_counts(path):
    """Return (first, tagc) for the GermEval file at path, outer tag column only.

    first: Counter token -> how often it is the first token of a multi-token PER span
           (B-PER directly followed by I-PER).
    tagc:  dict token -> Counter of its outer entity type over all occurrences
           ("PER", "ORG", "LOCderiv", ... with the B-/I- prefix removed; "O" outside entities).
    Both keep first-seen order.
    """
    first = collections.Counter()
    tagc = {}
    for s in sents(path):
        for i, (tok, outer, _inner) in enumerate(s):
            tagc.setdefault(tok, collections.Counter())[outer[2:] if outer != "O" else "O"] += 1
            if outer == "B-PER" and i + 1 < len(s) and s[i + 1][1] == "I-PER":
                first[tok] += 1
    return first, tagc

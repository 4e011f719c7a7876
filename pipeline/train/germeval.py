"""Read GermEval 2014 NER TSVs and convert them to spaCy ``DocBin`` files.

Data: GermEval 2014 NER shared task (NoSta-D annotation), CC BY 4.0.
Benikova, Biemann, Reznicek (2014), *NoSta-D Named Entity Annotation for German:
Guidelines and Dataset*, LREC 2014. See ``/work/shared/data/germeval2014/README.md``.

Decisions (documented in the model card too):

* Only the **outer** layer (column 3) is used; the inner layer is ignored.
* ``PER``, ``ORG`` and ``LOC`` are kept as they are. ``OTH`` and all ``…deriv`` / ``…part``
  types (e.g. ``deutsche`` = ``LOCderiv``, ``Troia-Ausstellung`` = ``LOCpart``) become ``O``:
  the project only needs person, organisation and location *names*, and an adjective or a
  compound that merely contains a name is not one.
* Stray C1 control characters of the 2014 release are repaired the way the organisers'
  2022 fix did (U+0096 → "–", U+0080 → "€", U+0092 → "'"; other C1 characters via the
  cp1252 code page), and soft hyphens (U+00AD) and U+200E marks are removed. A token that
  would become empty keeps a single "-" so that token alignment is unchanged.
* Comment lines (``#\\t<url>\\t[<date>]``) are skipped; the odd fifth (empty) field on one
  test line is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.training import biluo_tags_to_spans, iob_to_biluo
from spacy.vocab import Vocab

DATA_DIR = Path("/work/shared/data/germeval2014")
SPLIT_FILES = {
    "train": "NER-de-train.tsv",
    "dev": "NER-de-dev.tsv",
    "test": "NER-de-test.tsv",
}
KEPT_LABELS = ("PER", "ORG", "LOC")

# Characters that are removed from tokens outright.
_STRIP = {"\u00ad": "", "\u200e": ""}
# The organisers' explicit replacements; remaining C1 characters go through cp1252.
_EXPLICIT = {"\u0096": "–", "\u0080": "€", "\u0092": "'"}


def _fix_char(char: str) -> str:
    if char in _STRIP:
        return _STRIP[char]
    if char in _EXPLICIT:
        return _EXPLICIT[char]
    if "\u0080" <= char <= "\u009f":
        try:
            return char.encode("latin-1").decode("cp1252")
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252
            return ""
    return char


def fix_token(token: str) -> str:
    """Repair the C1 control characters and soft hyphens of the 2014 release."""
    if token.isascii():
        return token
    fixed = "".join(_fix_char(c) for c in token)
    return fixed if fixed else "-"


def map_tag(tag: str) -> str:
    """Map an outer-layer GermEval tag to an IOB tag over PER/ORG/LOC only."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    if label in KEPT_LABELS and prefix in ("B", "I"):
        return f"{prefix}-{label}"
    return "O"  # OTH, *deriv, *part


@dataclass(frozen=True)
class Sentence:
    words: list[str]
    tags: list[str]  # IOB over PER/ORG/LOC, already mapped


def read_sentences(path: str | Path) -> Iterator[Sentence]:
    """Yield the sentences of one GermEval TSV (outer layer, mapped tags, fixed tokens)."""
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("#\t") or line == "#":
                continue
            if not line.strip():
                if words:
                    yield Sentence(words, tags)
                words, tags = [], []
                continue
            fields = line.split("\t")
            words.append(fix_token(fields[1]))
            tags.append(map_tag(fields[2]))
    if words:
        yield Sentence(words, tags)


def sentence_to_doc(vocab: Vocab, sent: Sentence) -> Doc:
    """Build a pre-tokenised ``Doc`` (space after every token but the last) with its entities.

    The sentence boundary is set so that spaCy's corpus reader can use ``gold_preproc``
    (train on the gold tokens instead of re-tokenising the text).
    """
    spaces = [True] * len(sent.words)
    spaces[-1] = False
    sent_starts = [True] + [False] * (len(sent.words) - 1)
    doc = Doc(vocab, words=sent.words, spaces=spaces, sent_starts=sent_starts)
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(sent.tags))
    return doc


def group_docs(vocab: Vocab, sents: Iterable[Sentence], n_sents: int = 1) -> Iterator[Doc]:
    """Turn sentences into Docs; with ``n_sents > 1`` consecutive sentences are merged."""
    if n_sents <= 1:
        for sent in sents:
            yield sentence_to_doc(vocab, sent)
        return
    batch: list[Doc] = []
    for sent in sents:
        batch.append(sentence_to_doc(vocab, sent))
        if len(batch) == n_sents:
            yield Doc.from_docs(batch)
            batch = []
    if batch:
        yield Doc.from_docs(batch)


def convert_split(
    split: str,
    output_dir: str | Path,
    data_dir: str | Path = DATA_DIR,
    n_sents: int = 1,
    limit: int | None = None,
) -> Path:
    """Convert one split (``train``/``dev``/``test``) to ``<output_dir>/<split>.spacy``."""
    vocab = Vocab()
    sents: Iterable[Sentence] = read_sentences(Path(data_dir) / SPLIT_FILES[split])
    if limit is not None:
        sents = (s for i, s in enumerate(sents) if i < limit)
    db = DocBin(store_user_data=False)
    for doc in group_docs(vocab, sents, n_sents=n_sents):
        db.add(doc)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{split}.spacy"
    db.to_disk(path)
    return path


def label_counts(path: str | Path) -> dict[str, int]:
    """Entity span counts per label after mapping (for the model card / sanity checks)."""
    counts: dict[str, int] = {}
    for sent in read_sentences(path):
        for tag in sent.tags:
            if tag.startswith("B-"):
                counts[tag[2:]] = counts.get(tag[2:], 0) + 1
    return counts

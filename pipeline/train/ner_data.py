"""In-domain data for the NER model: the project's gold minutes, and raw text for pretraining.

- :func:`convert_minutes` turns the gold corpus (``corpus/gold`` + ``corpus/raw``, the
  holdout of ``corpus/splits.json`` excluded) into a DocBin of paragraphs with PER/ORG/LOC
  spans: ``BUNDESLAND`` becomes ``LOC`` (GermEval tags federal states as places; the
  pipeline turns the model's LOC for a state back into BUNDESLAND) and ``DATE`` is dropped.
  Each paragraph is repeated ``repeat`` times: a few dozen documents next to 24,000 GermEval
  sentences would otherwise hardly count.
- :func:`write_raw_text` writes the JSONL that ``spacy pretrain`` reads: the GermEval train
  and dev sentences (never test) and the paragraphs of the same gold minutes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

from pipeline.train.germeval import DATA_DIR, SPLIT_FILES, read_sentences

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = PROJECT_ROOT / "corpus" / "gold"
RAW_DIR = PROJECT_ROOT / "corpus" / "raw"
SPLITS_FILE = PROJECT_ROOT / "corpus" / "splits.json"
MODEL_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "BUNDESLAND": "LOC"}
# A paragraph: consecutive non-blank lines.
PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*\n?)+")


def holdout_names(splits_file: Path = SPLITS_FILE) -> frozenset[str]:
    if not splits_file.exists():
        return frozenset()
    return frozenset(json.loads(splits_file.read_text("utf-8")).get("holdout", []))


def _training_documents(gold_dir: Path, raw_dir: Path) -> Iterator[tuple[str, list[dict]]]:
    """(text, gold entities) of every non-holdout gold document with its raw text."""
    holdout = holdout_names()
    for gold_path in sorted(gold_dir.glob("*.json")):
        raw_path = raw_dir / f"{gold_path.stem}.txt"
        if raw_path.name in holdout or not raw_path.exists():
            continue
        gold = json.loads(gold_path.read_text("utf-8"))
        yield raw_path.read_text("utf-8"), gold.get("entities", [])


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    for match in PARAGRAPH.finditer(text):
        paragraph = match.group().rstrip("\n")
        if paragraph.strip():
            yield match.start(), paragraph


def minutes_docs(
    nlp: Language, gold_dir: Path = GOLD_DIR, raw_dir: Path = RAW_DIR
) -> Iterator[Doc]:
    """One Doc per paragraph of the gold minutes, with the model's labels as entities."""
    for text, entities in _training_documents(gold_dir, raw_dir):
        spans = [
            (e["start"], e["end"], MODEL_LABELS[e["label"]])
            for e in entities
            if e["label"] in MODEL_LABELS
        ]
        for offset, paragraph in _paragraphs(text):
            doc = nlp.make_doc(paragraph)
            ents = []
            for start, end, label in spans:
                if start >= offset and end <= offset + len(paragraph):
                    span = doc.char_span(
                        start - offset, end - offset, label=label, alignment_mode="expand"
                    )
                    if span is not None:
                        ents.append(span)
            doc.ents = filter_spans(ents)
            yield doc


def convert_minutes(nlp: Language, path: Path, repeat: int = 3) -> Path:
    """Write the gold minutes' paragraphs, each ``repeat`` times, to the DocBin ``path``."""
    db = DocBin(store_user_data=False)
    for doc in minutes_docs(nlp):
        for _ in range(repeat):
            db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return path


def write_raw_text(path: Path, data_dir: Path = DATA_DIR) -> int:
    """JSONL ``{"text": ...}`` lines for ``spacy pretrain``; returns the number of words."""
    path.parent.mkdir(parents=True, exist_ok=True)
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for split in ("train", "dev"):  # never test
            for sentence in read_sentences(Path(data_dir) / SPLIT_FILES[split]):
                out.write(json.dumps({"text": " ".join(sentence.words)}, ensure_ascii=False))
                out.write("\n")
                words += len(sentence.words)
        for text, _ in _training_documents(GOLD_DIR, RAW_DIR):
            for _, paragraph in _paragraphs(text):
                out.write(json.dumps({"text": paragraph}, ensure_ascii=False) + "\n")
                words += len(paragraph.split())
    return words

"""Train, evaluate and package the project's German NER component (PER/ORG/LOC).

The component is trained on GermEval 2014 (outer layer, see :mod:`pipeline.train.germeval`)
plus the project's gold minutes (:mod:`pipeline.train.ner_data`), with the checked-in config
``pipeline/train/ner.cfg``; its tok2vec starts from ``spacy pretrain`` weights learnt on
the raw text of both (GermEval test excluded). Command line::

    python -m pipeline.train.ner convert                      # -> training/corpus/ (+ minutes)
    python -m pipeline.train.ner pretrain                     # tok2vec from raw text (CPU)
    python -m pipeline.train.ner train training/runs/final    # full training (CPU)
    python -m pipeline.train.ner evaluate training/runs/final/model-best --split dev
    python -m pipeline.train.ner package training/runs/final/model-best
    python -m pipeline.train.ner evaluate models/de_minutes_ner   # GermEval test scores
    python -m pipeline.train.ner speed models/de_minutes_ner

Importing this module imports :mod:`pipeline.tag.tokenizer`, which registers the
``minutes.GermanTokenizer.v1`` tokenizer that the model's config refers to; use
:func:`load_ner` (or import the tokenizer module yourself) before ``spacy.load``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

import pipeline.tag.tokenizer  # noqa: F401  (registers minutes.GermanTokenizer.v1)
from pipeline.train.germeval import (
    DATA_DIR,
    KEPT_LABELS,
    SPLIT_FILES,
    Sentence,
    convert_split,
    read_sentences,
    sentence_to_doc,
)
from pipeline.train.ner_data import convert_minutes, write_raw_text

_TOKENIZER = {"@tokenizers": "minutes.GermanTokenizer.v1"}
PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONFIG_PATH = Path(__file__).with_name("ner.cfg")
TRAINING_DIR = PROJECT_ROOT / "training"
CORPUS_DIR = TRAINING_DIR / "corpus"
PRETRAIN_DIR = TRAINING_DIR / "pretrain"
MINUTES_REPEAT = 3
# 0.2.0: gold minutes as in-domain data and a pretrained tok2vec; 0.3.0: the grown corpus
# (82 non-holdout documents). See the model card.
MODEL_VERSION = "0.3.0"
MODEL_DIR = PROJECT_ROOT / "models" / "de_minutes_ner"
MAX_MODEL_MB = 25.0

# A few hand-made sentences so that smoke_train also works where the GermEval data is absent.
_FALLBACK_SENTENCES: list[tuple[str, str]] = [
    (
        "Angela Merkel besuchte am Montag die Firma Siemens in München .",
        "B-PER I-PER O O O O O B-ORG O B-LOC O",
    ),
    ("Der Vorstand der Deutschen Bahn tagte in Berlin .", "O O O B-ORG I-ORG O O B-LOC O"),
    (
        "Olaf Scholz sprach mit Vertretern der SPD in Hamburg .",
        "B-PER I-PER O O O O B-ORG O B-LOC O",
    ),
    ("Die Sitzung fand im Rathaus von Köln statt .", "O O O O O O B-LOC O O"),
    ("Frau Müller von der Stadtverwaltung Leipzig berichtete .", "O B-PER O O B-ORG I-ORG O O"),
]


# --------------------------------------------------------------------------- data


def convert(
    output_dir: str | Path = CORPUS_DIR,
    data_dir: str | Path = DATA_DIR,
    n_sents: int = 1,
    splits: Sequence[str] = ("train", "dev", "test"),
) -> dict[str, Path]:
    """Convert the GermEval TSVs to ``<output_dir>/{train/germeval,dev,test}.spacy`` (outer
    layer) and the gold minutes to ``<output_dir>/train/minutes.spacy``.

    The test split is converted for :func:`evaluate_germeval` only; training never reads it.
    """
    out = Path(output_dir)
    paths = {}
    for split in splits:
        target = out / "train" if split == "train" else out
        path = convert_split(split, target, data_dir=data_dir, n_sents=n_sents)
        if split == "train":
            path = path.rename(target / "germeval.spacy")
        paths[split] = path
    if "train" in splits:
        nlp = spacy.blank("de", config={"nlp": {"tokenizer": _TOKENIZER}})
        paths["minutes"] = convert_minutes(nlp, out / "train" / "minutes.spacy", MINUTES_REPEAT)
    return paths


def pretrain(
    output_dir: str | Path = PRETRAIN_DIR,
    config_path: str | Path = CONFIG_PATH,
    overrides: dict[str, Any] | None = None,
    raw: Path | None = None,
) -> Path:
    """``spacy pretrain`` of the tok2vec (character objective) on GermEval train+dev and the
    gold minutes' text (or on the JSONL ``raw``); returns the last epoch's weights."""
    from spacy.training.pretrain import pretrain as spacy_pretrain

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    if raw is None:
        raw = out / "raw.jsonl"
        write_raw_text(raw)
    config = spacy.util.load_config(
        Path(config_path),
        overrides={"paths.raw_text": str(raw), **(overrides or {})},
        interpolate=True,
    )
    spacy_pretrain(config, out, use_gpu=-1, silent=False)
    return out / "model-last.bin"


# --------------------------------------------------------------------------- training


def train(
    output_dir: str | Path,
    config_path: str | Path = CONFIG_PATH,
    overrides: dict[str, Any] | None = None,
    corpus_dir: str | Path = CORPUS_DIR,
    use_gpu: int = -1,
) -> Path:
    """Train with spaCy's training loop and return the path of ``model-best``.

    ``overrides`` are config overrides in spaCy's dotted form, e.g.
    ``{"training.max_steps": 2000}``. The train/dev DocBins come from ``corpus_dir``.
    """
    from spacy.cli.train import train as spacy_train

    corpus = Path(corpus_dir).resolve()
    all_overrides: dict[str, Any] = {
        "paths.train": str(corpus / "train"),
        "paths.dev": str(corpus / "dev.spacy"),
    }
    all_overrides.update(overrides or {})
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    spacy_train(Path(config_path), out, use_gpu=use_gpu, overrides=all_overrides)
    return out / "model-best"


def smoke_train(tmp_dir: str | Path, n_train: int = 50, max_steps: int = 20) -> Path:
    """Train a tiny model for a few steps on ~50 sentences (CI check of the training path).

    Uses the real config with a narrow network; falls back to built-in sentences if the
    GermEval data is not on this machine. Returns the ``model-best`` directory.
    """
    tmp = Path(tmp_dir)
    corpus = tmp / "corpus"
    train_file = DATA_DIR / SPLIT_FILES["train"]
    if train_file.exists():
        convert_split("train", corpus / "train", limit=n_train)
        convert_split("dev", corpus, limit=20)
        sents = list(islice(read_sentences(train_file), n_train))
    else:
        from spacy.tokens import DocBin

        (corpus / "train").mkdir(parents=True, exist_ok=True)
        sents = [Sentence(w.split(), t.split()) for w, t in _FALLBACK_SENTENCES]
        vocab = Vocab()
        for target, reps in ((corpus / "train" / "train.spacy", 10), (corpus / "dev.spacy", 1)):
            db = DocBin()
            for _ in range(reps):
                for sent in sents:
                    db.add(sentence_to_doc(vocab, sent))
            db.to_disk(target)
    raw = tmp / "raw.jsonl"
    raw.write_text("".join(json.dumps({"text": " ".join(s.words)}) + "\n" for s in sents), "utf-8")
    n_attrs = len(
        spacy.util.load_config(CONFIG_PATH)["components"]["tok2vec"]["model"]["embed"]["attrs"]
    )
    small: dict[str, Any] = {
        "components.tok2vec.model.encode.width": 32,
        "components.tok2vec.model.embed.width": 32,
        "components.ner.model.tok2vec.width": 32,
        "components.tok2vec.model.encode.depth": 1,
        "components.tok2vec.model.embed.rows": [300] * n_attrs,
        "components.ner.model.hidden_width": 32,
    }
    weights = pretrain(
        tmp / "pretrain",
        overrides={**small, "pretraining.max_epochs": 1, "pretraining.objective.hidden_size": 16},
        raw=raw,
    )
    overrides: dict[str, Any] = {
        **small,
        "paths.init_tok2vec": str(weights),
        "training.max_steps": max_steps,
        "training.eval_frequency": max(1, max_steps // 2),
    }
    return train(tmp / "run", overrides=overrides, corpus_dir=corpus)


# --------------------------------------------------------------------------- loading / eval


def load_ner(model_path: str | Path = MODEL_DIR) -> Language:
    """Load a trained NER pipeline from a directory (the custom tokenizer is registered)."""
    return spacy.load(Path(model_path))


def _gold_docs(vocab: Vocab, split: str, data_dir: str | Path) -> list[Doc]:
    return [sentence_to_doc(vocab, s) for s in read_sentences(Path(data_dir) / SPLIT_FILES[split])]


def _spans(docs: Iterable[Doc]) -> set[tuple[int, int, int, str]]:
    return {(i, e.start, e.end, e.label_) for i, d in enumerate(docs) for e in d.ents}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def score_spans(
    gold: set[tuple[int, int, int, str]], pred: set[tuple[int, int, int, str]]
) -> dict[str, Any]:
    """Strict (exact boundaries and label) P/R/F1 per label and micro-averaged."""
    result: dict[str, Any] = {}
    for label in KEPT_LABELS:
        g = {x for x in gold if x[3] == label}
        p = {x for x in pred if x[3] == label}
        result[label] = _prf(len(g & p), len(p), len(g))
    g_all = {x for x in gold if x[3] in KEPT_LABELS}
    p_all = {x for x in pred if x[3] in KEPT_LABELS}
    result["micro"] = _prf(len(g_all & p_all), len(p_all), len(g_all))
    return result


def evaluate_germeval(
    model_path: str | Path = MODEL_DIR,
    split: str = "test",
    data_dir: str | Path = DATA_DIR,
    batch_size: int = 256,
) -> dict[str, Any]:
    """Strict PER/ORG/LOC P/R/F1 (per label and micro) on a GermEval split (outer layer).

    The model sees the gold tokenisation (pre-tokenised Docs, one per sentence); OTH and the
    deriv/part types count as ``O`` in the gold data, exactly as in training.
    """
    nlp = load_ner(model_path)
    gold = _gold_docs(nlp.vocab, split, data_dir)
    inputs = [
        Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
        for d in gold
    ]
    pred = list(nlp.pipe(inputs, batch_size=batch_size))
    result = score_spans(_spans(gold), _spans(pred))
    result["split"] = split
    result["n_sentences"] = len(gold)
    return result


def measure_speed(
    model_path: str | Path = MODEL_DIR,
    split: str = "test",
    data_dir: str | Path = DATA_DIR,
    batch_size: int = 256,
    repeats: int = 3,
) -> dict[str, float]:
    """Words/s of ``nlp.pipe`` (one process) on the raw text of a split's sentences.

    ``full_wps`` includes the project tokenizer; ``ner_wps`` times the ner step alone on
    already-tokenised Docs. The best of ``repeats`` runs is reported.
    """
    nlp = load_ner(model_path)
    texts = [" ".join(s.words) for s in read_sentences(Path(data_dir) / SPLIT_FILES[split])]
    best_full = best_ner = float("inf")
    n_words = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=batch_size, n_process=1))
        best_full = min(best_full, time.perf_counter() - t0)
        n_words = sum(len(d) for d in docs)
        fresh = [nlp.make_doc(t) for t in texts]
        t0 = time.perf_counter()
        for _name, proc in nlp.pipeline:
            fresh = list(proc.pipe(fresh, batch_size=batch_size))
        best_ner = min(best_ner, time.perf_counter() - t0)
    return {
        "words": float(n_words),
        "full_wps": n_words / best_full,
        "ner_wps": n_words / best_ner,
    }


# --------------------------------------------------------------------------- packaging


def dir_size_mb(path: str | Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


def package(
    model_path: str | Path,
    dest: str | Path = MODEL_DIR,
    max_mb: float = MAX_MODEL_MB,
    meta_extra: dict[str, Any] | None = None,
) -> Path:
    """Write the inference pipeline (tokenizer + ner with its own tok2vec) to ``dest``.

    The model is re-serialised with ``nlp.to_disk``, so no optimizer state or training
    leftovers are copied. An existing README.md (model card) in ``dest`` is kept.
    Raises ``ValueError`` if the result is larger than ``max_mb``.
    """
    nlp = load_ner(model_path)
    if "tok2vec" in nlp.pipe_names:
        # The ner component gets its own copy of the shared tok2vec: one component to ship.
        nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        # The copied settings may refer to the tok2vec component's (${...}); resolve them
        # while it is still there.
        nlp._pipe_configs["ner"] = nlp.config.interpolate()["components"]["ner"]
    for name in [n for n in nlp.pipe_names if n != "ner"]:
        nlp.remove_pipe(name)
    nlp.meta.update(
        {
            "name": "minutes_ner",
            "version": MODEL_VERSION,
            "description": "German NER (PER, ORG, LOC) for the minutes pipeline; CNN, "
            "trained on GermEval 2014 (outer layer) and the project's gold minutes, tok2vec "
            "pretrained on their raw text. Needs pipeline.tag.tokenizer imported.",
            "license": "CC BY 4.0 (training data GermEval 2014)",
            "author": "minutes-pipeline",
            "sources": [
                {
                    "name": "GermEval 2014 NER (NoSta-D)",
                    "url": "https://sites.google.com/site/germeval2014ner/",
                    "license": "CC BY 4.0",
                    "author": "Benikova, Biemann, Reznicek (LREC 2014)",
                },
                {
                    "name": "minutes gold corpus (non-holdout documents)",
                    "url": "corpus/SOURCES.md",
                    "license": "see corpus/SOURCES.md",
                    "author": "minutes-pipeline team; seeds: IQ public web texts",
                },
            ],
        }
    )
    if meta_extra:
        nlp.meta.update(meta_extra)
    dest = Path(dest)
    card = (
        (dest / "README.md").read_text(encoding="utf-8") if (dest / "README.md").exists() else None
    )
    tmp = Path(
        tempfile.mkdtemp(
            prefix="de_minutes_ner_", dir=dest.parent if dest.parent.exists() else None
        )
    )
    try:
        nlp.to_disk(tmp / "model")
        size = dir_size_mb(tmp / "model")
        if size > max_mb:
            raise ValueError(f"packaged model is {size:.1f} MB > {max_mb} MB")
        if dest.exists():
            shutil.rmtree(dest)
        shutil.move(str(tmp / "model"), dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if card is not None:
        (dest / "README.md").write_text(card, encoding="utf-8")
    return dest


# --------------------------------------------------------------------------- CLI


def _format_scores(scores: dict[str, Any]) -> str:
    lines = [
        f"split={scores['split']} sentences={scores['n_sentences']}",
        f"{'label':6} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'pred':>6}",
    ]
    for label in (*KEPT_LABELS, "micro"):
        s = scores[label]
        lines.append(
            f"{label:6} {s['p']:7.4f} {s['r']:7.4f} {s['f']:7.4f} {s['n_gold']:6d} {s['n_pred']:6d}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.train.ner",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("convert")
    p.add_argument("--output-dir", default=str(CORPUS_DIR))
    p.add_argument("--n-sents", type=int, default=1)
    p = sub.add_parser("pretrain")
    p.add_argument("--output-dir", default=str(PRETRAIN_DIR))
    p = sub.add_parser("train")
    p.add_argument("output_dir")
    p.add_argument("--config", default=str(CONFIG_PATH))
    p.add_argument("--corpus-dir", default=str(CORPUS_DIR))
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=JSON",
        help="config override, value parsed as JSON if possible",
    )
    p = sub.add_parser("evaluate")
    p.add_argument("model", nargs="?", default=str(MODEL_DIR))
    p.add_argument("--split", default="test", choices=list(SPLIT_FILES))
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("speed")
    p.add_argument("model", nargs="?", default=str(MODEL_DIR))
    p = sub.add_parser("package")
    p.add_argument("model")
    p.add_argument("--dest", default=str(MODEL_DIR))
    p = sub.add_parser("smoke")
    p.add_argument("tmp_dir")
    args = parser.parse_args(argv)

    if args.cmd == "convert":
        for split, path in convert(args.output_dir, n_sents=args.n_sents).items():
            print(split, path)
    elif args.cmd == "pretrain":
        print(pretrain(args.output_dir))
    elif args.cmd == "train":
        overrides: dict[str, Any] = {"paths.init_tok2vec": str(PRETRAIN_DIR / "model-last.bin")}
        for item in args.set:
            key, _, value = item.partition("=")
            try:
                overrides[key] = json.loads(value)
            except json.JSONDecodeError:
                overrides[key] = value
        print(train(args.output_dir, args.config, overrides, corpus_dir=args.corpus_dir))
    elif args.cmd == "evaluate":
        scores = evaluate_germeval(args.model, split=args.split)
        print(json.dumps(scores, indent=2) if args.json else _format_scores(scores))
    elif args.cmd == "speed":
        print(json.dumps(measure_speed(args.model), indent=2))
    elif args.cmd == "package":
        dest = package(args.model, args.dest)
        print(dest, f"{dir_size_mb(dest):.2f} MB")
    elif args.cmd == "smoke":
        print(smoke_train(args.tmp_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())

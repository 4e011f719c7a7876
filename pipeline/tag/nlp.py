"""Assemble the tagging pipeline: a German backbone plus the project's components.

Backbone selection is explicit and reported in every record:

- ``de_core_news_md`` when that package is installed (its tok2vec + ner are used);
- otherwise the project's own NER model in ``models/de_minutes_ner`` when present;
- otherwise rules only on ``spacy.blank("de")``.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

import pipeline.tag.components
import pipeline.tag.tokenizer  # noqa: F401  (registers the tokenizer)

CONFIG_PATH = Path(__file__).parent / "config.cfg"
REPO_ROOT = Path(__file__).resolve().parents[2]
SPACY_MODEL = "de_core_news_md"
# Components of a full spaCy model that entity tagging does not need.
UNUSED_MODEL_COMPONENTS = [
    "tagger",
    "morphologizer",
    "parser",
    "lemmatizer",
    "attribute_ruler",
    "senter",
    "trainable_lemmatizer",
]


class BackboneError(Exception):
    """The requested backbone cannot be loaded."""


@dataclass(frozen=True)
class Backbone:
    kind: str  # "de_core_news_md", "project-model" or "rules"
    ner_model: str | None  # name-version of the statistical NER, if any
    path: str | None

    @property
    def description(self) -> str:
        return self.kind if self.ner_model is None else f"{self.kind} ({self.ner_model})"


def load_config() -> Config:
    return Config().from_disk(CONFIG_PATH, interpolate=False)


def project_model_path(config: Config | None = None) -> Path:
    config = config or load_config()
    override = os.environ.get("MINUTES_NER_MODEL")
    return Path(override) if override else REPO_ROOT / config["backbone"]["project_model"]


def resolve_backbone(requested: str = "auto") -> tuple[str, Path | str | None]:
    """Which backbone `requested` means on this machine: (kind, what to load)."""
    if requested == "rules":
        return "rules", None
    if requested in ("auto", SPACY_MODEL) and importlib.util.find_spec(SPACY_MODEL) is not None:
        return SPACY_MODEL, SPACY_MODEL
    if requested == SPACY_MODEL:
        raise BackboneError(
            f"{SPACY_MODEL} is not installed (see README: optional extra 'de-core-news-md')"
        )
    if requested == "auto":
        path = project_model_path()
        return ("project-model", path) if (path / "meta.json").exists() else ("rules", None)
    path = Path(requested)
    if not (path / "meta.json").exists():
        raise BackboneError(f"no spaCy pipeline at {path} (meta.json missing)")
    return "project-model", path


def build_nlp(requested: str = "auto") -> tuple[Language, Backbone]:
    config = load_config()
    kind, target = resolve_backbone(requested)
    tokenizer_config = {"nlp": {"tokenizer": dict(config["nlp"]["tokenizer"])}}
    if target is None:
        nlp = spacy.blank("de", config=tokenizer_config)
        backbone = Backbone(kind, None, None)
    else:
        nlp = spacy.load(target, exclude=UNUSED_MODEL_COMPONENTS)
        # Our tokenizer keeps gender forms whole; the NER reads the same tokens either way.
        nlp.tokenizer = spacy.registry.tokenizers.get(config["nlp"]["tokenizer"]["@tokenizers"])()(
            nlp
        )
        meta = nlp.meta
        backbone = Backbone(kind, f"{meta.get('name')}-{meta.get('version')}", str(target))
    for name in config["nlp"]["pipeline"]:
        component = dict(config["components"][name])
        factory = component.pop("factory")
        nlp.add_pipe(factory, name=name, config=component)
    return nlp, backbone

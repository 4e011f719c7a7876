"""The gazetteer's AnchoredMatcher finds exactly what spaCy's SpanRuler finds."""

from __future__ import annotations

from pathlib import Path

import pytest
import srsly
from spacy.pipeline import SpanRuler

from pipeline.tag.anchored_matcher import AnchoredMatcher
from pipeline.tag.components import PATTERNS_DIR
from pipeline.tag.nlp import build_nlp

RAW = Path(__file__).resolve().parents[1] / "corpus" / "raw"


def _keys(spans):
    return [(s.start, s.end, s.label_, s.id_) for s in spans]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("rules")[0]


@pytest.fixture(scope="module")
def gazetteer_patterns():
    return [
        pattern
        for name in ("organisations.jsonl", "locations.jsonl")
        for pattern in srsly.read_jsonl(PATTERNS_DIR / name)
    ]


def _both(nlp, patterns):
    ruler = SpanRuler(nlp, name="reference", spans_key=None, annotate_ents=False)
    ruler.add_patterns(patterns)
    return ruler, AnchoredMatcher(nlp.vocab, patterns, nlp.make_doc)


def test_same_spans_as_span_ruler_on_the_corpus(nlp, gazetteer_patterns):
    ruler, anchored = _both(nlp, gazetteer_patterns)
    texts = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))][::3]
    assert texts
    total = 0
    for text in texts:
        doc = nlp.make_doc(text)
        expected = _keys(ruler.match(doc))
        assert _keys(anchored(doc)) == expected
        total += len(expected)
    assert total > 100  # the comparison is not vacuous


# Each pattern's anchor sits somewhere else: first token, after optional and repeated
# tokens, a LOWER list, a regex-only pattern that cannot be indexed, an open-ended one.
SYNTHETIC = [
    {"label": "ORG", "pattern": "Deutsche Bahn", "id": "org:db"},
    {"label": "ORG", "pattern": [{"ORTH": "Jobcenter"}, {"ORTH": {"IN": ["Jena", "Gera"]}}]},
    {
        "label": "ORG",
        "pattern": [
            {"TEXT": {"REGEX": "^[A-Z]\\w+$"}, "OP": "{1,3}"},
            {"ORTH": "Verein", "OP": "?"},
            {"ORTH": {"IN": ["e.V.", "GmbH"]}},
        ],
        "id": "org:~legal-form",
    },
    {"label": "LOC", "pattern": [{"LOWER": {"IN": ["landkreis", "kreis"]}}, {"IS_TITLE": True}]},
    {"label": "ORG", "pattern": [{"TEXT": {"REGEX": "^Stiftung\\w*$"}}]},
    {"label": "ORG", "pattern": [{"LOWER": {"REGEX": "werk$"}}], "id": "org:~werk"},
    {"label": "ORG", "pattern": [{"ORTH": "Amt"}, {"IS_TITLE": True, "OP": "+"}]},
    {"label": "BLOCK", "pattern": [{"ORTH": "IQ"}, {"ORTH": "Fachtag"}]},
    # Open-ended repeats over closed word lists, after and before the anchor.
    {
        "label": "ORG",
        "pattern": [
            {"ORTH": "Referat"},
            {"LOWER": "für"},
            {"ORTH": {"IN": ["Arbeit", "Soziales", "und", "Integration"]}, "OP": "*"},
            {"ORTH": {"IN": ["Soziales", "Integration"]}},
        ],
    },
    {"label": "ORG", "pattern": [{"LOWER": {"IN": ["neue", "alte"]}, "OP": "+"}, {"ORTH": "Netz"}]},
]

SENTENCES = [
    "Die Deutsche Bahn und das Jobcenter Jena trafen die Muster Holz Verein e.V. in Gera.",
    "Im landkreis Saalfeld und im Kreis Greiz berieten Stiftungsrat und Amt Stadt Weimar.",
    "Kleine Werkstatt GmbH, Große Hilfe Verein e.V. und IQ Fachtag; e.V. am Anfang.",
    "Das Bildungswerk und das Netzwerk: Stiftung Bildungswerk, STIFTUNGEN, Stiftungen.",
    "Das Referat für Arbeit und Soziales und Integration und das Referat für Soziales tagten.",
    "Neue alte neue Netz und alte Netz, Referat für Arbeit Referat für Integration.",
    "",
    "GmbH",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_same_spans_on_synthetic_patterns(nlp, text):
    ruler, anchored = _both(nlp, SYNTHETIC)
    doc = nlp.make_doc(text)
    assert _keys(anchored(doc)) == _keys(ruler.match(doc))


def test_synthetic_patterns_are_found(nlp):
    _, anchored = _both(nlp, SYNTHETIC)
    found = {span.text for span in anchored(nlp.make_doc(SENTENCES[0]))}
    assert {"Deutsche Bahn", "Jobcenter Jena", "Muster Holz Verein e.V."} <= found

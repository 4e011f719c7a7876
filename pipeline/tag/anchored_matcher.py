"""A span matcher for thousands of gazetteer patterns that only tries a pattern where it can start.

spaCy's `Matcher` starts every token pattern at every token, so its cost grows with
tokens x patterns: with the ~4,600 token patterns of the gazetteer it took about 95 % of the
tagging time. Nearly all of those patterns begin with a fixed word or a word list
(``{"ORTH": "Jobcenter"}``, ``{"ORTH": {"IN": [...]}}``). This matcher indexes the patterns by
that word and runs each group's `Matcher` only on a short window that starts at a token
where the group's first word occurs. Patterns whose first token cannot be indexed (a regex, an
optional first token, an open-ended length) run on the whole document as before.

The result is the same set of spans that `SpanRuler.match` returns for the same patterns
(same labels, ids and boundaries, sorted the same way); ``tests/test_anchored_matcher.py``
checks this on the corpus.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

# Quantifiers and the most tokens each one can take; "*" and "+" are open-ended.
_MAX_REPEAT = {"!": 0, "?": 1, "1": 1}
_ANCHOR_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER}


def _max_tokens(token_spec: Mapping[str, Any]) -> int | None:
    """How many tokens one pattern token can match at most (None: unbounded)."""
    op = token_spec.get("OP", "1")
    if op in _MAX_REPEAT:
        return _MAX_REPEAT[op]
    if op.startswith("{") and op.endswith("}"):
        bounds = op[1:-1].split(",")
        upper = bounds[-1].strip()
        return int(upper) if upper else None
    return None


def _anchor(token_spec: Mapping[str, Any]) -> tuple[int, frozenset[str]] | None:
    """The attribute and the words a pattern's first token must have, if it is that simple."""
    if "OP" in token_spec or len(token_spec) != 1:
        return None
    ((key, value),) = token_spec.items()
    attr = _ANCHOR_ATTRS.get(key)
    if attr is None:
        return None
    if isinstance(value, str):
        return attr, frozenset([value])
    if isinstance(value, dict) and set(value) == {"IN"}:
        return attr, frozenset(value["IN"])
    return None


def _anchor_index(pattern: list[dict[str, Any]]) -> int | None:
    """The token to index a pattern by: its first indexable token (a fixed word or word list)."""
    for index, spec in enumerate(pattern):
        if _anchor(spec) is not None:
            return index
    return None


class AnchoredMatcher:
    """Phrase and token patterns in SpanRuler's format (``label``, ``pattern``, ``id``)."""

    def __init__(
        self,
        vocab: Vocab,
        patterns: Iterable[Mapping[str, Any]],
        make_doc: Callable[[str], Doc],
    ) -> None:
        """``make_doc`` tokenises phrase patterns (the pipeline's tokenizer, as in SpanRuler)."""
        self.vocab = vocab
        self._keys: list[tuple[str, str]] = []  # match key -> (label, id)
        self._key_ids: dict[tuple[str, str], str] = {}
        self.phrases = PhraseMatcher(vocab)
        self.unanchored = Matcher(vocab)
        # One Matcher per distinct anchor token, with how many tokens its patterns can reach
        # before and after the anchor.
        self._groups: list[tuple[Matcher, int, int]] = []
        self._triggers: dict[int, dict[int, list[int]]] = {ORTH: {}, LOWER: {}}
        phrase_docs: dict[str, list[Doc]] = defaultdict(list)
        grouped: dict[str, list[tuple[str, list[dict[str, Any]], int, int]]] = defaultdict(list)
        for entry in patterns:
            key = self._key(entry["label"], entry.get("id", ""))
            pattern = entry["pattern"]
            if isinstance(pattern, str):
                phrase_docs[key].append(make_doc(pattern))
                continue
            if not pattern:
                continue
            lengths = [_max_tokens(spec) for spec in pattern]
            anchor_at = _anchor_index(pattern)
            if anchor_at is None or any(n is None for n in lengths):
                self.unanchored.add(key, [pattern])
                continue
            before = sum(lengths[:anchor_at])  # type: ignore[arg-type]
            after = sum(lengths[anchor_at + 1 :])  # type: ignore[arg-type]
            grouped[json.dumps(pattern[anchor_at], sort_keys=True)].append(
                (key, pattern, before, after)
            )
        for key, docs in phrase_docs.items():
            self.phrases.add(key, docs)
        for anchor_json, members in grouped.items():
            matcher = Matcher(vocab)
            for key, pattern, _, _ in members:
                matcher.add(key, [pattern])
            before = max(member[2] for member in members)
            after = max(member[3] for member in members)
            group = len(self._groups)
            self._groups.append((matcher, before, after))
            attr, words = _anchor(json.loads(anchor_json))  # type: ignore[misc]
            for word in words:
                self._triggers[attr].setdefault(vocab.strings.add(word), []).append(group)

    def _key(self, label: str, span_id: str) -> str:
        pair = (label, span_id or "")
        if pair not in self._key_ids:
            self._key_ids[pair] = f"{len(self._keys)}"
            self._keys.append(pair)
        return self._key_ids[pair]

    def _spans(self, doc: Doc, matches: Iterable[tuple[int, int, int]], offset: int = 0):
        strings = self.vocab.strings
        for match_id, start, end in matches:
            label, span_id = self._keys[int(strings[match_id])]
            yield Span(doc, offset + start, offset + end, label=label, span_id=span_id)

    def __call__(self, doc: Doc) -> list[Span]:
        """All matches, deduplicated and sorted like `SpanRuler.match`."""
        found: set[Span] = set()
        found.update(self._spans(doc, self.phrases(doc)))
        found.update(self._spans(doc, self.unanchored(doc)))
        for attr, triggers in self._triggers.items():
            if not triggers:
                continue
            values = doc.to_array(attr) if len(doc) else numpy.zeros(0, dtype="uint64")
            for position, value in enumerate(values.tolist()):
                for group in triggers.get(value, ()):
                    # Every match that uses this token as its anchor lies inside the window,
                    # and every match inside the window is a match in the document.
                    matcher, before, after = self._groups[group]
                    start = max(0, position - before)
                    window = doc[start : position + after + 1]
                    found.update(self._spans(doc, matcher(window), offset=start))
        return sorted(span for span in found if span.start != span.end)


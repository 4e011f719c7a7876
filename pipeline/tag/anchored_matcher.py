"""A span matcher for thousands of gazetteer patterns that only tries a pattern where it can start.

spaCy's `Matcher` starts every token pattern at every token, so its cost grows with
tokens x patterns: with the ~4,600 token patterns of the gazetteer it took about 95 % of the
tagging time. Nearly all of those patterns begin with a fixed word or a word list
(``{"ORTH": "Jobcenter"}``, ``{"ORTH": {"IN": [...]}}``). This matcher indexes the patterns by
that word and runs each group's `Matcher` only on a short window around each token where the
word occurs. A pattern with an open-ended repeat ("*") gets a window that ends at the first
token outside the words the pattern can match at all. A pattern of one token with one regex
is tried once per distinct word of the document. Patterns without any indexable token
(other regexes) run on the whole document as before.

The result is the same set of spans that `SpanRuler.match` returns for the same patterns
(same labels, ids and boundaries, sorted the same way); ``tests/test_anchored_matcher.py``
checks this on the corpus.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

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


def _closed_words(pattern: list[dict[str, Any]]) -> frozenset[str] | None:
    """Every word a pattern's tokens may be, where each token is a fixed word or word list
    (None otherwise). A token that is none of these words cannot lie inside a match, which
    bounds the window of a pattern with an open-ended repeat ("*", "+")."""
    words: set[str] = set()
    for spec in pattern:
        for key, value in spec.items():
            if key == "OP":
                continue
            if key not in _ANCHOR_ATTRS:
                return None
            if isinstance(value, str):
                words.add(value)
            elif isinstance(value, dict) and set(value) == {"IN"}:
                words.update(value["IN"])
            else:
                return None
    return frozenset(words)


def _single_token_regex(pattern: list[dict[str, Any]]) -> tuple[int, re.Pattern[str]] | None:
    """(attribute, regex) of a pattern that is one token with one regex and nothing else."""
    if len(pattern) != 1 or len(pattern[0]) != 1:
        return None
    ((key, value),) = pattern[0].items()
    attr = _ANCHOR_ATTRS.get(key)
    if attr is None or not isinstance(value, dict) or set(value) != {"REGEX"}:
        return None
    return attr, re.compile(value["REGEX"])


def _anchor_index(pattern: list[dict[str, Any]]) -> int | None:
    """The token to index a pattern by: its first indexable token (a fixed word or word list)."""
    for index, spec in enumerate(pattern):
        if _anchor(spec) is not None:
            return index
    return None


def _total(lengths: list[int | None]) -> int | None:
    return None if None in lengths else sum(lengths)  # type: ignore[arg-type]


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
        # before and after the anchor (None: open-ended, up to the first token outside the
        # group's closed vocabulary, given as string hashes).
        self._groups: list[tuple[Matcher, int | None, int | None, frozenset[int]]] = []
        self._triggers: dict[int, dict[int, list[int]]] = {ORTH: {}, LOWER: {}}
        # One-token regex patterns, tried once per distinct word of a document rather than
        # by the Matcher at every token: (match key, attribute, compiled regex).
        self._token_regexes: list[tuple[str, int, re.Pattern[str]]] = []
        phrase_docs: dict[str, list[Doc]] = defaultdict(list)
        grouped: dict[tuple[str, bool], list[tuple[str, list[dict[str, Any]]]]] = defaultdict(list)
        for entry in patterns:
            key = self._key(entry["label"], entry.get("id", ""))
            pattern = entry["pattern"]
            if isinstance(pattern, str):
                phrase_docs[key].append(make_doc(pattern))
                continue
            if not pattern:
                continue
            token_regex = _single_token_regex(pattern)
            if token_regex is not None:
                self._token_regexes.append((key, *token_regex))
                continue
            anchor_at = _anchor_index(pattern)
            open_ended = any(_max_tokens(spec) is None for spec in pattern)
            if anchor_at is None or (open_ended and _closed_words(pattern) is None):
                self.unanchored.add(key, [pattern])
                continue
            anchor_json = json.dumps(pattern[anchor_at], sort_keys=True)
            grouped[(anchor_json, open_ended)].append((key, pattern))
        for key, docs in phrase_docs.items():
            self.phrases.add(key, docs)
        for (anchor_json, open_ended), members in grouped.items():
            anchor_spec = json.loads(anchor_json)
            matcher = Matcher(vocab)
            reach_before: list[int | None] = []
            reach_after: list[int | None] = []
            closed: set[int] = set()
            for key, pattern in members:
                matcher.add(key, [pattern])
                at = pattern.index(anchor_spec)
                lengths = [_max_tokens(spec) for spec in pattern]
                reach_before.append(_total(lengths[:at]))
                reach_after.append(_total(lengths[at + 1 :]))
                if open_ended:
                    closed.update(vocab.strings.add(w) for w in _closed_words(pattern) or ())
            before = None if None in reach_before else max(reach_before)  # type: ignore[type-var]
            after = None if None in reach_after else max(reach_after)  # type: ignore[type-var]
            group = len(self._groups)
            self._groups.append((matcher, before, after, frozenset(closed)))
            attr, words = _anchor(anchor_spec)  # type: ignore[misc]
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
        # An empty Matcher warns on every call.
        if len(self.phrases):
            found.update(self._spans(doc, self.phrases(doc)))
        if len(self.unanchored):
            found.update(self._spans(doc, self.unanchored(doc)))
        if not len(doc):
            return sorted(span for span in found if span.start != span.end)
        columns = {ORTH: doc.to_array(ORTH).tolist(), LOWER: doc.to_array(LOWER).tolist()}
        found.update(self._token_regex_spans(doc, columns))
        for attr, triggers in self._triggers.items():
            for position, value in enumerate(columns[attr]):
                for group in triggers.get(value, ()):
                    # Every match that uses this token as its anchor lies inside the window,
                    # and every match inside the window is a match in the document.
                    matcher, before, after, closed = self._groups[group]
                    start, end = self._window(columns, position, before, after, closed)
                    found.update(self._spans(doc, matcher(doc[start:end]), offset=start))
        return sorted(span for span in found if span.start != span.end)

    def _token_regex_spans(self, doc: Doc, columns: dict[int, list[int]]) -> Iterator[Span]:
        strings = self.vocab.strings
        # Each distinct word once, whatever the number of regexes.
        words: dict[int, dict[int, str]] = {}
        for key, attr, regex in self._token_regexes:
            if attr not in words:
                words[attr] = {value: strings[value] for value in set(columns[attr])}
            matching = {value for value, word in words[attr].items() if regex.search(word)}
            if not matching:
                continue
            label, span_id = self._keys[int(key)]
            for position, value in enumerate(columns[attr]):
                if value in matching:
                    yield Span(doc, position, position + 1, label=label, span_id=span_id)

    @staticmethod
    def _window(
        columns: dict[int, list[int]],
        position: int,
        before: int | None,
        after: int | None,
        closed: frozenset[int],
    ) -> tuple[int, int]:
        orths, lowers = columns[ORTH], columns[LOWER]

        def inside(i: int) -> bool:
            return orths[i] in closed or lowers[i] in closed

        if before is not None:
            start = max(0, position - before)
        else:
            start = position
            while start > 0 and inside(start - 1):
                start -= 1
        if after is not None:
            end = min(len(orths), position + after + 1)
        else:
            end = position + 1
            while end < len(orths) and inside(end):
                end += 1
        return start, end

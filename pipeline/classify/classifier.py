"""The item classifier: a scikit-learn Pipeline over an item's text and its context.

Every feature is a column of a DataFrame made by ``item_features`` (the one place, so
training and prediction agree); the fitted Pipeline holds only scikit-learn types and is
persisted with skops instead of pickle.

- ``text``: character 2-4-grams (TF-IDF) of the item;
- ``stems``: word 1-2-grams over Snowball-stemmed words, plus the first and last stem;
- ``cues``: German cue lexicon (``item_cues.json``): problem, need/wish/demand/open
  question, measure/next step/recommendation, success/improvement, agenda/theme and
  participants/logistics/statistics cues, each marked when a negator precedes it;
- ``shape``: nesting depth, marker kind, length, sentence mood (question, infinitive-final
  instruction, nominal style, leading label such as "Tipp:"), names, URLs, dates; with
  headings also the heading rule's verdict per source (heading, lead-in, outer section)
  and verdict x text-cue pairs, so that the model learns how far to trust a heading;
- ``context``: the words of the nearest heading, the lead-in and the outer headings.

The model is a soft vote of a class-balanced multinomial logistic regression and a
Complement Naive Bayes over the same features. The averaged probabilities are already well
calibrated in document-grouped CV (ECE about 0.02-0.04); sigmoid calibration made the
regression's worse (ECE 0.12), so none is added. ``confidence`` is the top probability.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import Pipeline

from pipeline.classify.heading_rules import categorise_by_heading, load_cues
from pipeline.segment import MONTHS, ListItem, segment

FEATURE_COLUMNS = ["text", "stems", "context", "cues", "shape"]
MODEL_FILE = "model.skops"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODEL_DIR = REPO_ROOT / "models" / "item_classifier"
SEED = 13
# C 4 -> 8 and shape 0.25 -> 0.5 after the corpus grew to 55 documents (grouped CV, both
# variants within about +0.01; see the model card).
C = 8.0
# The binary cue and shape tokens are many per row against one l2-normalised TF-IDF vector
# per text view; at full weight they drown the words (grouped CV: macro-F1 0.735 -> 0.771
# with cues and shape at 0.5 and 0.25). With the 10,395 items-only training items the text
# views carry more: stems 1.3 -> 3.5 and chars 0.7 -> 1.5 (with the vote 3:1 -> 2:1), grouped
# CV 0.816 -> 0.835 with headings (standard split and seed 1 alike; see the model card).
TRANSFORMER_WEIGHTS = {"context": 1.0, "words": 3.5, "chars": 1.5, "cues": 0.5, "shape": 0.5}
# Soft-vote weights (regression, Complement NB) and the NB's smoothing.
VOTE_WEIGHTS = [2, 1]
NB_ALPHA = 0.3


ITEM_CUES_FILE = "item_cues.json"
# Words up to this far before a cue can negate it ("kaum noch Missverständnisse").
NEGATION_WINDOW = 3
_WORD = re.compile(r"\w[\w-]*")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:de|com|org|net|eu)\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_DATE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?|\b\d{1,2}\.\s?(?:" + MONTHS + r")\b", re.IGNORECASE
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s?(?:uhr|h)\b|\b\d{1,2}\s?uhr\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_NUMBER = re.compile(r"\d")
# "Name (Organisation)": a participant list entry.
_NAME_WITH_ORG = re.compile(r"^(?:(?:Dr|Prof)\.\s)?[A-ZÄÖÜ][\w-]+(?:\s[A-ZÄÖÜ][\w-]+)+\s?\(")
_PERSON_SUBJECT = re.compile(r"^(?:Frau|Herr|Dr\.)\s+(?:Dr\.\s+)?[A-ZÄÖÜ][\w-]+\s+[a-zäöüß]")
_LABEL = re.compile(r"^\**([\w„“\"' -]{1,30}?)\**:\**\s")
# Words in -en at the end of a clause that are no infinitive of an instruction.
_NOT_INFINITIVES = frozenset(
    [
        "werden",
        "worden",
        "haben",
        "sein",
        "können",
        "müssen",
        "sollen",
        "dürfen",
        "wollen",
        "zusammen",
        "vorhanden",
        "zufrieden",
        "verschieden",
        "entgegen",
        "oben",
        "unten",
        "wieder",
    ]
)
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class ItemCues:
    """The compiled cue lexicon (``item_cues.json``)."""

    # (feature token, a literal the match must contain or "", pattern)
    patterns: tuple[tuple[str, str, re.Pattern[str]], ...]
    negators: frozenset[str]
    question_words: frozenset[str]
    labels: dict[str, str]  # label word -> category
    # Pattern indices by the first three characters of their literal; literals shorter
    # than that are always tried. Most items contain few of the ~600 cues' openings.
    by_opening: dict[str, tuple[int, ...]] = field(default_factory=dict)
    always: tuple[int, ...] = ()

    @classmethod
    def indexed(cls, **fields: Any) -> ItemCues:
        by_opening: dict[str, list[int]] = {}
        always = []
        for index, (_, literal, _) in enumerate(fields["patterns"]):
            if len(literal) < OPENING:
                always.append(index)
            else:
                by_opening.setdefault(literal[:OPENING], []).append(index)
        return cls(
            **fields,
            by_opening={key: tuple(value) for key, value in by_opening.items()},
            always=tuple(always),
        )

    def candidates(self, lowered: str) -> list[int]:
        """The patterns whose literal can occur in `lowered`."""
        openings = {lowered[i : i + OPENING] for i in range(len(lowered) - OPENING + 1)}
        found = list(self.always)
        for opening in openings:
            found.extend(self.by_opening.get(opening, ()))
        return found


OPENING = 3


def _cue_pattern(entry: str) -> re.Pattern[str]:
    # Entries match at the start of a word unless marked with '*' (inside compounds too).
    if entry.startswith("*"):
        return re.compile(entry[1:])
    return re.compile(r"(?<![\w-])" + entry)


_REGEX_SYNTAX = set("\\.^$*+?{}[]()|")


def _literal_prefix(entry: str) -> str:
    """The literal text every match of a cue entry starts with ("" if there is none).

    A cheap ``prefix in text`` test then skips the regex for most items.
    """
    entry = entry.removeprefix("*")
    depth = 0
    for char in entry:  # an alternation at the top level has no common prefix
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            return ""
    prefix = []
    for char in entry:
        if char in _REGEX_SYNTAX:
            if char in "*?{" and prefix:
                prefix.pop()  # the character before a quantifier may be absent
            break
        prefix.append(char)
    return "".join(prefix)


@lru_cache(maxsize=1)
def load_item_cues() -> ItemCues:
    data = json.loads(
        resources.files("pipeline.classify").joinpath(ITEM_CUES_FILE).read_text("utf-8")
    )
    patterns = tuple(
        (f"cue_{category}_{group}", _literal_prefix(entry), _cue_pattern(entry))
        for category, groups in data["cues"].items()
        for group, entries in groups.items()
        for entry in entries
    )
    labels = {
        word: category
        for category, words in data["labels"].items()
        if not category.startswith("_")
        for word in words
    }
    return ItemCues.indexed(
        patterns=patterns,
        negators=frozenset(data["negators"]),
        question_words=frozenset(data["question_words"]),
        labels=labels,
    )


def cue_tokens(text: str, cues: ItemCues | None = None) -> list[str]:
    """Lexicon features of an item's text: one token per cue group that matches."""
    cues = cues or load_item_cues()
    lowered = text.lower()
    tokens: set[str] = set()
    for index in cues.candidates(lowered):
        token, literal, pattern = cues.patterns[index]
        if literal not in lowered:
            continue
        for match in pattern.finditer(lowered):
            before = _WORD.findall(lowered[: match.start()])[-NEGATION_WINDOW:]
            negated = any(word in cues.negators for word in before)
            tokens.add(f"{token}_neg" if negated else token)
    # The category alone, so that rare groups share evidence.
    tokens |= {"_".join(t.split("_")[:2]) + ("_neg" if t.endswith("_neg") else "") for t in tokens}
    return sorted(tokens)


def _marker_kind(marker: str) -> str:
    if not marker:
        return "none"
    if re.fullmatch(r"\(?\d+[.)]?", marker.split()[0]):
        return "number"
    if re.fullmatch(r"\(?[a-zA-Z][.)]", marker.split()[0]):
        return "letter"
    return "symbol"


def _length_bucket(text: str) -> str:
    words = len(text.split())
    return (
        "len_1_3"
        if words <= 3
        else "len_4_8"
        if words <= 8
        else "len_9_20"
        if words <= 20
        else "len_21_plus"
    )


def mood_tokens(text: str, cues: ItemCues | None = None) -> list[str]:
    """Sentence mood and form: question, infinitive-final instruction, nominal style, label."""
    cues = cues or load_item_cues()
    stripped = text.strip().strip("*_ ")
    words = _WORD.findall(stripped)
    tokens = []
    if not words:
        return ["empty"]
    first = words[0]
    if stripped.endswith("?") or "?" in stripped:
        tokens.append("question")
    if first.lower() in cues.question_words and first[0].isupper():
        tokens.append("question_word_first")
    if stripped.endswith("."):
        tokens.append("sentence_period")
    if first[0].islower():
        tokens.append("starts_lowercase")
    # "Termin mit der Kammer abstimmen (Herr X)": an instruction ends in an infinitive.
    core = _TRAILING_PARENTHESIS.sub("", stripped).rstrip(" .!")
    core_words = _WORD.findall(core)
    if (
        not stripped.endswith(".")
        and len(core_words) >= 2
        and re.fullmatch(r"[a-zäöüß]+(?:en|ern|eln)", core_words[-1])
        and core_words[-1] not in _NOT_INFINITIVES
    ):
        tokens.append("infinitive_final")
    lowercase_words = [w for w in words[1:] if w[0].islower()]
    if not stripped.endswith((".", "?", "!")) and len(lowercase_words) <= len(words) // 2:
        tokens.append("nominal_style")
    label = _LABEL.match(stripped)
    if label:
        name = label.group(1).strip(" „“\"'").lower()
        tokens.append("has_label")
        category = cues.labels.get(name) or cues.labels.get(name.split()[0] if name else "")
        if category:
            tokens.append(f"label_{category}")
    if _PERSON_SUBJECT.match(stripped):
        tokens.append("person_subject")
    if _NAME_WITH_ORG.match(stripped):
        tokens.append("name_with_org")
    # Cheap tests first: every URL has a dot or "://", every address an @, and dates, times and
    # years need a digit (most items have none of these).
    if ("." in text or "://" in text) and _URL.search(text):
        tokens.append("url")
    if "@" in text and _EMAIL.search(text):
        tokens.append("email")
    if _NUMBER.search(text):
        if _DATE.search(text):
            tokens.append("date")
        if _TIME.search(text):
            tokens.append("clock_time")
        if _YEAR.search(text):
            tokens.append("year")
        tokens.append("number")
    if "→" in text or "->" in text:
        tokens.append("arrow")
    return tokens


def heading_tokens(item: ListItem) -> list[str]:
    """What each piece of context says by the heading cues, kept apart by source: the
    lead-in ("Folgende Ansätze wurden genannt:") is more specific than the heading above."""
    cues = load_cues()
    rule_category, evidence = categorise_by_heading(item, cues)
    tokens = [f"rule_{rule_category}_{evidence}", f"rule_{rule_category}"]
    heading = item.heading.text if item.heading else None
    if heading:
        tokens.append(f"heading_{cues.category_of(heading) or 'none'}")
    else:
        tokens.append("no_heading")
    if item.lead_in and item.lead_in != heading:
        tokens.append(f"lead_in_{cues.category_of(item.lead_in) or 'none'}")
    for title in item.section_path[:-1]:
        category = cues.category_of(title)
        if category:
            tokens.append(f"section_{category}")
    return tokens


def item_features(item: ListItem, item_text: str, with_context: bool = True) -> dict[str, str]:
    """One row of classifier input for a segmented item."""
    cues = load_item_cues()
    shape = [
        f"depth_{min(item.depth, 3)}",
        f"marker_{_marker_kind(item.marker)}",
        _length_bucket(item_text),
        *mood_tokens(item_text, cues),
    ]
    text_cues = cue_tokens(item_text, cues)
    context = ""
    if with_context:
        context_tokens = heading_tokens(item)
        # The text decides when it disagrees with the heading: pairs let a linear model
        # learn "need cue under a challenge heading" apart from either alone.
        verdict = context_tokens[1].removeprefix("rule_")
        categories_in_text = sorted({t.split("_")[1] for t in text_cues if t.count("_") == 1})
        shape += context_tokens
        shape += [f"pair_{verdict}_{category}" for category in categories_in_text]
        heading = item.heading.text if item.heading else ""
        parts = [
            heading,
            item.lead_in if item.lead_in != heading else "",
            " ".join(item.section_path[:-1]),
        ]
        context = " ".join(p for p in parts if p) or "no_heading"
    return {
        "text": item_text,
        "stems": _stem_column(item_text),
        "context": context,
        "cues": " ".join(text_cues),
        "shape": " ".join(shape),
    }


def _stem_column(text: str) -> str:
    """Stemmed words, plus the first and last stem marked: the first word carries the mood
    ("Mehr …", "Wie …", "Frau …"), the last the infinitive of an instruction ("… anlegen")."""
    stems = [german_stem(word) for word in _WORD.findall(text.lower())]
    if not stems:
        return ""
    return " ".join([*stems, f"FIRST_{stems[0]}", f"LAST_{stems[-1]}"])


# --- a light German stemmer (the Snowball algorithm) ----------------------------------

_VOWELS = "aeiouyäöü"
_S_ENDING = "bdfghklmnrt"
_ST_ENDING = "bdfghklmnt"


def _region_start(word: str, begin: int = 0) -> int:
    for i in range(begin + 1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return i + 1
    return len(word)


@lru_cache(maxsize=20000)
def german_stem(word: str) -> str:
    """Snowball's German stemmer: inflection and common derivation suffixes removed, so
    that 'fehlende', 'fehlt' and 'Fehlen' share a feature."""
    word = word.replace("ß", "ss")
    # u and y between vowels are consonants.
    chars = list(word)
    for i in range(1, len(chars) - 1):
        if chars[i] in "uy" and chars[i - 1] in _VOWELS and chars[i + 1] in _VOWELS:
            chars[i] = chars[i].upper()
    word = "".join(chars)
    r1 = max(_region_start(word), 3)
    r2 = _region_start(word, r1) if r1 < len(word) else len(word)

    def strip_suffix(w: str, suffixes: tuple[str, ...], region: int) -> tuple[str, str | None]:
        for suffix in suffixes:
            if w.endswith(suffix):
                if len(w) - len(suffix) >= region:
                    return w[: -len(suffix)], suffix
                return w, None
        return w, None

    # Step 1
    for suffix in ("ern", "em", "er", "en", "es", "e", "s"):
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r1 and (
                suffix != "s" or (len(word) > 1 and word[-2] in _S_ENDING)
            ):
                word = word[: -len(suffix)]
                if suffix in ("en", "es", "e") and word.endswith("niss"):
                    word = word[:-1]
            break
    # Step 2
    for suffix in ("est", "en", "er", "st"):
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r1 and (
                suffix != "st" or (len(word) > 5 and word[-3] in _ST_ENDING)
            ):
                word = word[: -len(suffix)]
            break
    # Step 3: derivational suffixes
    for suffix in ("end", "ung", "isch", "lich", "heit", "keit", "ig", "ik"):
        if not word.endswith(suffix):
            continue
        if len(word) - len(suffix) < r2:
            break
        stem = word[: -len(suffix)]
        if suffix in ("end", "ung"):
            word = stem
            if word.endswith("ig") and not word.endswith("eig") and len(word) - 2 >= r2:
                word = word[:-2]
        elif suffix in ("ig", "ik", "isch"):
            if not stem.endswith("e"):
                word = stem
        elif suffix in ("lich", "heit"):
            word = stem
            if word.endswith(("er", "en")) and len(word) - 2 >= r1:
                word = word[:-2]
        elif suffix == "keit":
            word = stem
            for inner in ("lich", "ig"):
                if word.endswith(inner) and len(word) - len(inner) >= r2:
                    word = word[: -len(inner)]
                    break
        break
    return word.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u")


class CompactTfidfVectorizer(TfidfVectorizer):
    """A TfidfVectorizer whose vocabulary is persisted as one array of terms in index order.

    skops writes a dict key by key (tens of MB of JSON for ~35,000 terms) and needed about
    3 s to read it back, in every process that loads the model; an array loads in
    milliseconds. Fitting is TfidfVectorizer's own; counting for prediction has a per-word
    fast path for ``char_wb`` n-grams (see ``_count_vocab``).
    """

    def __getstate__(self) -> dict[str, Any]:
        # A copy: BaseEstimator may hand out the live __dict__, and saving must not change
        # the model being saved.
        state = dict(super().__getstate__())
        state.pop("_word_columns", None)
        vocabulary = state.pop("vocabulary_", None)
        if vocabulary is not None:
            terms = sorted(vocabulary, key=vocabulary.__getitem__)  # in index order
            state["vocabulary_terms_"] = np.array(terms, dtype=str)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        terms = state.pop("vocabulary_terms_", None)
        if terms is not None:
            state["vocabulary_"] = {term: index for index, term in enumerate(terms.tolist())}
        super().__setstate__(state)

    def _count_vocab(self, raw_documents: Any, fixed_vocab: bool) -> tuple[dict[str, int], Any]:
        """sklearn's counting, with a fast path for prediction with ``char_wb`` n-grams.

        Every ``char_wb`` n-gram lies inside one word, so a document's counts are the sum
        of its words' counts. The columns of each distinct word are looked up once and
        kept (words repeat a lot: about 10 % of the pipeline's time went to counting the
        same n-grams again). The counts are the same as sklearn's; fitting is unchanged.
        """
        if not (
            fixed_vocab
            and self.analyzer == "char_wb"
            and self.input == "content"
            and self.preprocessor is None
        ):
            return super()._count_vocab(raw_documents, fixed_vocab)
        preprocess = self.build_preprocessor()
        columns_of = self.__dict__.setdefault("_word_columns", {})
        if len(columns_of) > WORD_CACHE_SIZE:
            columns_of.clear()
        vocabulary = self.vocabulary_
        min_n, max_n = self.ngram_range
        indices: list[int] = []
        indptr = [0]
        for document in raw_documents:
            for word in preprocess(self.decode(document)).split():
                columns = columns_of.get(word)
                if columns is None:
                    grams = _char_wb_word_ngrams(word, min_n, max_n)
                    columns = [i for i in map(vocabulary.get, grams) if i is not None]
                    columns_of[word] = columns
                indices.extend(columns)
            indptr.append(len(indices))
        index_dtype = np.int32 if len(indices) < np.iinfo(np.int32).max else np.int64
        counts = sp.csr_matrix(
            (
                np.ones(len(indices), dtype=self.dtype),
                np.asarray(indices, dtype=index_dtype),
                np.asarray(indptr, dtype=index_dtype),
            ),
            shape=(len(indptr) - 1, len(vocabulary)),
        )
        counts.sum_duplicates()  # sums repeated n-grams and sorts the indices
        return vocabulary, counts


# Distinct words whose char n-gram columns a vectorizer keeps (about 15 MB at most).
WORD_CACHE_SIZE = 20_000


def _char_wb_word_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """The n-grams sklearn's ``char_wb`` analyzer makes of one word, in its order."""
    padded = f" {word} "
    grams = []
    for n in range(min_n, max_n + 1):
        if len(padded) <= n:  # a short word counts once, as a whole
            grams.append(padded)
            break
        grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def _binary_tokens() -> CountVectorizer:
    return CountVectorizer(token_pattern=r"\S+", lowercase=False, binary=True)


def build_pipeline(c: float = C, with_context: bool = True) -> Pipeline:
    context = (
        [
            (
                "context",
                CompactTfidfVectorizer(
                    ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w[\w-]*\b"
                ),
                "context",
            ),
        ]
        if with_context
        else []
    )
    features = ColumnTransformer(
        [
            *context,
            (
                "words",
                CompactTfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+"),
                "stems",
            ),
            (
                "chars",
                CompactTfidfVectorizer(
                    analyzer="char_wb",
                    # 2-4-grams: half the transform time of 2-5 (the largest per-item
                    # cost at run time) for no measurable loss in grouped CV.
                    ngram_range=(2, 4),
                    min_df=2,
                    sublinear_tf=True,
                    max_features=30000,
                ),
                "text",
            ),
            ("cues", _binary_tokens(), "cues"),
            ("shape", _binary_tokens(), "shape"),
        ],
        transformer_weights=TRANSFORMER_WEIGHTS,
    )
    # Class weights: the six categories are not equally frequent in new minutes either,
    # and macro-F1 counts each alike.
    regression = LogisticRegression(
        C=c, max_iter=3000, class_weight="balanced", random_state=SEED
    )
    # A generative model next to the discriminative one (as in NB-SVM): Complement NB
    # trusts rare words the regression has too few examples to weigh. Soft vote,
    # regression 2 : NB 1 (VOTE_WEIGHTS; the vote was worth +0.007 to +0.012 macro-F1 on
    # four document splits when it came in; see the model card).
    model = VotingClassifier(
        [("regression", regression), ("naive_bayes", ComplementNB(alpha=NB_ALPHA))],
        voting="soft",
        weights=VOTE_WEIGHTS,
    )
    return Pipeline([("features", features), ("model", model)])


# --- training data from the gold corpus ------------------------------------------------


@dataclass(frozen=True)
class ItemExample:
    doc: str
    features: dict[str, str]
    category: str


def examples_from_gold(
    raw_dir: Path, gold_dir: Path, exclude: set[str] | None = None, with_context: bool = True
) -> list[ItemExample]:
    """Gold items with the structure our segmenter finds around them.

    A gold item whose span the segmenter does not find as an item still gets its context
    from the nearest preceding heading, so the classifier sees every gold item.
    """
    examples = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        if exclude and gold["doc"] in exclude:
            continue
        text = (raw_dir / gold["doc"]).read_text("utf-8")
        structure = segment(text)
        by_span = {(i.start, i.end): i for i in structure.items}
        for gold_item in gold["items"]:
            span = (gold_item["start"], gold_item["end"])
            item = by_span.get(span) or _nearest_context(structure, *span)
            examples.append(
                ItemExample(
                    doc=gold["doc"],
                    features=item_features(item, gold_item["text"], with_context),
                    category=gold_item["category"],
                )
            )
    return examples


def _nearest_context(structure, start: int, end: int) -> ListItem:
    heading = None
    for candidate in structure.headings:
        if candidate.start < start:
            heading = candidate
    section = (heading.text,) if heading else ()
    return ListItem(start, end, "", 0, heading, section, None)


def frame(examples: list[ItemExample]) -> pd.DataFrame:
    return pd.DataFrame([e.features for e in examples], columns=FEATURE_COLUMNS)


# --- persistence (skops: no arbitrary pickle) ------------------------------------------


def trusted_types() -> list[str]:
    """The only types a model file may contain; anything else refuses to load."""
    return [
        "sklearn.compose._column_transformer.ColumnTransformer",
        "sklearn.feature_extraction.text.CountVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "pipeline.classify.classifier.CompactTfidfVectorizer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.ensemble._voting.VotingClassifier",
        "sklearn.naive_bayes.ComplementNB",
        "sklearn.preprocessing._label.LabelEncoder",
        "sklearn.pipeline.Pipeline",
        "sklearn.utils._bunch.Bunch",
        "collections.defaultdict",
        "numpy.float64",
        "numpy.int64",
        "builtins.slice",
    ]


def save_model(pipeline: Pipeline, model_dir: Path) -> Path:
    import skops.io as sio

    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / MODEL_FILE
    sio.dump(pipeline, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    untrusted = set(sio.get_untrusted_types(file=path)) - set(trusted_types())
    if untrusted:
        path.unlink()
        raise ValueError(f"model holds types outside the allowlist: {sorted(untrusted)}")
    return path


def load_model(model_dir: Path = DEFAULT_MODEL_DIR) -> Pipeline:
    import skops.io as sio

    return sio.load(model_dir / MODEL_FILE, trusted=trusted_types())


def predict(pipeline: Pipeline, rows: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """Categories and their calibrated probabilities."""
    probabilities = pipeline.predict_proba(rows)
    classes = list(pipeline.classes_)
    best = probabilities.argmax(axis=1)
    return [classes[i] for i in best], probabilities[np.arange(len(best)), best]

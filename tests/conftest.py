from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS_RAW = REPO / "corpus" / "raw"
CORPUS_GOLD = REPO / "corpus" / "gold"


def gold_pairs() -> list[tuple[Path, dict]]:
    pairs = []
    for gold_path in sorted(CORPUS_GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        pairs.append((CORPUS_RAW / gold["doc"], gold))
    return pairs


@pytest.fixture(scope="session")
def extractor():
    from pipeline.extract import Extractor

    return Extractor("auto")


@pytest.fixture(scope="session")
def rules_extractor():
    from pipeline.extract import Extractor

    return Extractor("rules")

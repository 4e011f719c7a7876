"""The JSON Schema that `minutes schema` prints validates every record we write."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.ingest import read_document
from pipeline.records import record_json_schema
from pipeline.write import write_record
from tests.conftest import CORPUS_RAW, REPO


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = record_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_validates_every_corpus_record(extractor, validator, tmp_path: Path) -> None:
    paths = sorted(CORPUS_RAW.glob("*.txt"))
    for path, record in zip(paths, extractor.records_for(map(read_document, paths)), strict=True):
        target = tmp_path / f"{path.stem}.json"
        write_record(record, target)
        validator.validate(json.loads(target.read_text("utf-8")))


def test_schema_validates_records_in_outputs(validator) -> None:
    records = sorted((REPO / "outputs").glob("*.json"))
    if not records:
        pytest.skip("outputs/ holds no records (run `make run` first)")
    for path in records:
        validator.validate(json.loads(path.read_text("utf-8")))


def test_schema_rejects_a_broken_record(extractor, validator) -> None:
    record = extractor.record_for(read_document(next(iter(sorted(CORPUS_RAW.glob("*.txt"))))))
    data = json.loads(record.model_dump_json(exclude_none=True))
    data["entities"][0]["label"] = "MISC"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)

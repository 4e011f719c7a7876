"""The command line as a user meets it: real subprocesses, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS_RAW


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, check=False
    )


def test_extract_writes_valid_records(tmp_path: Path) -> None:
    from pipeline.records import DocumentRecord

    seed = next(iter(sorted(CORPUS_RAW.glob("000_*.txt"))))
    result = run_cli("extract", str(seed), "--out", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    record = DocumentRecord.model_validate_json((tmp_path / f"{seed.stem}.json").read_text())
    text = seed.read_text("utf-8")
    assert record.doc == seed.name
    assert all(text[e.start : e.end] == e.text for e in record.entities)
    assert record.entities and record.items


def test_missing_path_is_one_line_and_nonzero(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if "missing.txt" in line]
    assert error_lines == [f"{tmp_path / 'missing.txt'}: no such file"]
    assert not list((tmp_path / "o").glob("*.json")) if (tmp_path / "o").exists() else True


def test_unreadable_file_is_reported_and_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "in" / "good.txt"
    bad = tmp_path / "in" / "bad.txt"
    good.parent.mkdir()
    good.write_text("Protokoll vom 15. Mai 2024\n\nHerausforderungen:\n- eins\n- zwei\n")
    bad.write_bytes(b"\x00\x00binary")
    result = run_cli("extract", str(good.parent), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad}: binary content" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["good.json"]


def test_schema_is_json_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "DocumentRecord"
    assert {"doc", "text_sha256", "entities", "items"} <= set(schema["required"])


def test_help_explains_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("extract", "schema", "evaluate", "info"):
        assert command in result.stdout


def test_info_names_the_backbone() -> None:
    result = run_cli("info", "--backbone", "rules")
    assert result.returncode == 0
    assert "backbone: rules" in result.stdout

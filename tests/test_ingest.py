from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import IngestError, decode, expand_inputs, read_document


def test_utf8_with_bom_keeps_offsets_of_plain_decoding(tmp_path: Path) -> None:
    data = "\ufeffAm 15. Mai 2024".encode()
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    source = read_document(path)
    assert source.text == data.decode("utf-8")
    assert source.encoding == "utf-8"
    assert len(source.sha256) == 64


def test_windows_1252_fallback() -> None:
    text, encoding = decode("Größe – Übersicht".encode("cp1252"))
    assert text == "Größe – Übersicht"
    assert encoding == "cp1252"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"  \n\t", "empty"),
        ("binary.txt", b"\x00\x01\x02abc", "binary"),
        ("table.csv", b"a,b", "unsupported"),
    ],
)
def test_bad_inputs_raise_clean_errors(tmp_path: Path, name: str, content: bytes,
                                       reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=reason):
        read_document(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_expand_inputs_recurses_and_sorts(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.md").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / "skip.pdf").write_text("x")
    assert [p.name for p in expand_inputs([tmp_path])] == ["1.txt", "2.md"]

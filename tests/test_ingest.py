from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.ingest import (
    IngestError,
    decode,
    document_from_bytes,
    expand_inputs,
    read_document,
)
from pipeline.segment import segment

GERMAN = "Protokoll – „Fachkräfte“: Größe, Übersicht, Maßnahmen für Zugewanderte.\n"


def test_utf8_with_bom_keeps_offsets_of_plain_decoding(tmp_path: Path) -> None:
    data = "\ufeffAm 15. Mai 2024".encode()
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    source = read_document(path)
    assert source.text == data.decode("utf-8")
    assert source.encoding == "utf-8"
    assert len(source.sha256) == 64
    assert not source.converted


def test_windows_1252_fallback() -> None:
    text, encoding = decode("Größe – Übersicht".encode("cp1252"))
    assert text == "Größe – Übersicht"
    assert encoding == "cp1252"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (GERMAN.encode("utf-8"), "utf-8"),
        (GERMAN.encode("utf-16"), "utf-16"),  # with the platform's BOM
        (b"\xff\xfe" + GERMAN.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + GERMAN.encode("utf-16-be"), "utf-16"),
        (GERMAN.encode("utf-32"), "utf-32"),
        (GERMAN.encode("cp1252"), "cp1252"),
    ],
)
def test_common_encodings_are_detected_and_recorded(encoded: bytes, encoding: str) -> None:
    source = document_from_bytes(encoded, Path("minutes.txt"))
    assert source.text == GERMAN
    assert source.encoding == encoding


def test_latin_1_is_detected() -> None:
    text = "Größe der Maßnahmen für Zugewanderte in Nürnberg: Übersicht, Ärzte, Öffnung.\n"
    source = document_from_bytes(text.encode("latin-1"), Path("minutes.md"))
    assert source.text == text
    # Without bytes in 0x80-0x9F, Latin-1 and Windows-1252 read the same: the narrower name.
    assert source.encoding == "iso-8859-1"


def test_other_scripts_go_to_the_detector() -> None:
    text = "Протокол заседания рабочей группы по интеграции мигрантов в Берлине.\n"
    source = document_from_bytes(text.encode("cp1251"), Path("minutes.txt"))
    assert source.text == text
    assert source.encoding == "cp1251"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_are_kept_and_offsets_refer_to_them(newline: str, rules_extractor) -> None:
    text = newline.join(
        ["Protokoll vom 15. Mai 2024", "", "Herausforderungen:", "- Anerkennung in Bayern",
         "- Sprachkurse fehlen", ""]
    )
    source = document_from_bytes(text.encode("utf-8"), Path("minutes.txt"))
    assert source.text == text  # no newline normalisation
    assert [text[item.start : item.end] for item in segment(source.text).items] == [
        "Anerkennung in Bayern",
        "Sprachkurse fehlen",
    ]
    record = rules_extractor.record_for(source)
    assert record.source_text is None
    for span in [*record.entities, *record.items]:
        assert text[span.start : span.end] == span.text
    assert {entity.label for entity in record.entities} >= {"DATE", "BUNDESLAND"}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t", "empty"),
        ("blank16.txt", "  \n".encode("utf-16"), "empty"),
        ("binary.txt", b"\x00\x01\x02abc", "binary"),
        ("controls.md", bytes(range(1, 32)) * 20, "binary"),
        ("table.csv", b"a,b", "unsupported"),
        ("odd16.txt", b"\xff\xfe\x41", "invalid UTF-16"),
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


def test_error_carries_the_hash_of_readable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x00")
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert caught.value.sha256 is not None and len(caught.value.sha256) == 64


def test_expand_inputs_recurses_and_sorts(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.md").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / "3.pdf").write_text("x")
    (tmp_path / "skip.csv").write_text("x")
    assert [p.name for p in expand_inputs([tmp_path])] == ["1.txt", "3.pdf", "2.md"]


def test_expand_inputs_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "back_to_top")  # a directory cycle
    os.symlink("self", tmp_path / "self")  # a link to itself
    os.symlink("loop2.txt", tmp_path / "loop1.txt")
    os.symlink("loop1.txt", tmp_path / "loop2.txt")
    os.symlink("a.txt", tmp_path / "alias.txt")  # the same file twice
    found = [p.name for p in expand_inputs([tmp_path])]
    # The looping file links are listed so that they are reported, not silently lost.
    assert found == ["a.txt", "loop1.txt", "loop2.txt"]
    with pytest.raises(IngestError, match="symbolic link loop"):
        read_document(tmp_path / "loop1.txt")


def test_expand_inputs_passes_missing_paths_through(tmp_path: Path) -> None:
    assert list(expand_inputs([tmp_path / "gone.txt"])) == [tmp_path / "gone.txt"]

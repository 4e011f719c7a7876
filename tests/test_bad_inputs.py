"""Bad inputs: each gets a one-line reason and a manifest line, never a record or a
traceback, and the rest of the batch goes on."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.formats import docx as docx_format
from pipeline.ingest import IngestError, read_document
from pipeline.manifest import MANIFEST_NAME, read_manifest
from pipeline.records import DocumentRecord
from pipeline.write import record_name
from tests.conftest import CORPUS_RAW
from tests.fixtures import documents

SEED = CORPUS_RAW / "000_0b59dfbaf194c290.txt"
SMALL_TEXT = "Protokoll vom 15. Mai 2024 in Kiel\n\nHerausforderungen:\n- eins\n- zwei\n"


def _docx_without_content_types() -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# name -> (bytes, reason the user reads)
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file (no text)"),
    "whitespace.md": (b" \r\n\t\n", "empty file (no text)"),
    "binary.txt": (bytes(range(256)) * 4, "binary content (NUL bytes), not a text file"),
    "image.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL bytes)"),
    "only_navigation.html": (
        b"<html><body><nav><a href='/'>Start</a></nav><p>Zum Inhalt springen</p></body></html>",
        "empty file (no text)",
    ),
    "not_a.pdf": (b"Protokoll vom 15. Mai", "not a PDF file (no %PDF header)"),
    "truncated.pdf": (documents.truncated_pdf(), "truncated or damaged PDF"),
    "encrypted.pdf": (documents.encrypted_pdf(), "encrypted PDF (a password is needed"),
    "corrupt.docx": (documents.corrupt_docx(), "damaged DOCX (XMLSyntaxError"),
    "not_a_zip.docx": (b"PK\x03\x04 this is no zip", "damaged DOCX (not a readable ZIP"),
    "old_word.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "OLE container"),
    "no_content_types.docx": (_docx_without_content_types(), "without [Content_Types].xml"),
    "bomb.docx": (documents.zip_bomb_docx(16 * 1024 * 1024), "(zip bomb?)"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_raises_a_clean_one_line_error(tmp_path: Path, name: str) -> None:
    data, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    message = str(caught.value)
    assert reason in message
    assert "\n" not in message
    assert caught.value.sha256 is not None  # the bytes were read


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(100, 100, 200, 200, fill=1)  # a "scanned" page: graphics, no text
    page.save()
    with pytest.raises(IngestError, match="no text in the PDF"):
        read_document(path)


def test_zip_bomb_is_refused_by_its_declared_size(tmp_path: Path, monkeypatch) -> None:
    # Lowering the cap stands in for a huge archive: the check reads only the directory.
    monkeypatch.setattr(docx_format, "MAX_UNPACKED_BYTES", 10_000)
    path = tmp_path / "big.docx"
    path.write_bytes(documents.text_to_docx(SMALL_TEXT))
    with pytest.raises(IngestError, match=r"unpacks to \d+ bytes, over the limit of 10000"):
        read_document(path)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Protokoll " * 100)
    with pytest.raises(IngestError, match=r"file too large \(1000 bytes > limit 999\)"):
        read_document(path, max_bytes=999)
    assert read_document(path, max_bytes=1000).text.startswith("Protokoll")


def test_permission_denied(tmp_path: Path, monkeypatch) -> None:
    # The tests run as root, who may read anything: the refusal is simulated.
    path = tmp_path / "locked.txt"
    path.write_text(SMALL_TEXT)
    original_open = Path.open

    def refusing_open(self: Path, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return original_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    with pytest.raises(IngestError, match=r"^cannot read file \(Permission denied\)$"):
        read_document(path)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: path.mkdir(), "is a directory, not a file"),
        (lambda path: os.mkfifo(path), "not a regular file"),
        (lambda path: os.symlink(path.with_name("gone.txt"), path), "broken symbolic link"),
        (lambda path: os.symlink(path.name, path), "symbolic link loop"),
    ],
    ids=["directory", "fifo", "dangling-link", "link-loop"],
)
def test_things_named_like_files(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "minutes.txt"
    make(path)
    with pytest.raises(IngestError, match=reason):
        read_document(path)


@pytest.mark.parametrize("stem", ["../evil", "a/b", "..", "a\\b"])
def test_output_names_that_would_leave_the_output_directory(stem: str) -> None:
    class Named:  # a path whose stem a file system could not produce
        def __init__(self, stem: str) -> None:
            self.stem = stem

    with pytest.raises(ValueError, match="not a plain file name in the output directory"):
        record_name(Named(stem))  # type: ignore[arg-type]
    assert record_name(Path("notes/x.y.md")) == "x.y.json"


# -- the command line on a mixed batch -----------------------------------------------------


def _mixed_batch(root: Path) -> tuple[list[str], dict[str, str]]:
    """Good files of every format and every bad case; returns (good names, bad reasons)."""
    text = SEED.read_text("utf-8")
    inputs = root / "in"
    (inputs / "nested").mkdir(parents=True)
    good = {
        "good_text.txt": text.encode("utf-8"),
        "good_cp1252.md": SMALL_TEXT.replace("eins", "Größe – „eins“").encode("cp1252"),
        "good_utf16.txt": SMALL_TEXT.encode("utf-16"),
        "good_page.html": documents.text_to_html(text),
        "good_print.pdf": documents.text_to_pdf(text, hyphenate=True),
        "good_word.docx": documents.text_to_docx(text),
        "nested/good_nested.md": SMALL_TEXT.encode("utf-8"),
    }
    for name, data in good.items():
        (inputs / name).write_bytes(data)
    bad = {name: reason for name, (_, reason) in BAD_FILES.items()}
    for name, (data, _) in BAD_FILES.items():
        (inputs / name).write_bytes(data)
    (inputs / "too_big.txt").write_text("Protokoll " * 20_000)
    bad["too_big.txt"] = "file too large (200000 bytes > limit 150000)"
    (inputs / "nested" / "good_text.md").write_text(SMALL_TEXT)  # collides with good_text.txt
    bad["nested/good_text.md"] = "output name good_text.json already used by"
    os.symlink("nowhere.txt", inputs / "dangling.txt")
    bad["dangling.txt"] = "broken symbolic link"
    os.symlink("loop_b.txt", inputs / "loop_a.txt")
    os.symlink("loop_a.txt", inputs / "loop_b.txt")
    bad["loop_a.txt"] = bad["loop_b.txt"] = "symbolic link loop"
    os.symlink("..", inputs / "nested" / "up")  # a directory cycle: must not hang
    os.mkfifo(inputs / "pipe.txt")
    bad["pipe.txt"] = "not a regular file"
    return [name.split("/")[-1] for name in good], bad


def test_mixed_batch_reports_every_bad_file_and_writes_every_good_one(tmp_path: Path) -> None:
    good, bad = _mixed_batch(tmp_path)
    inputs, out = tmp_path / "in", tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(inputs), "--out", str(out),
         "--backbone", "rules", "--max-bytes", "150000", "--quiet"],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr

    records = sorted(path.name for path in out.glob("*.json"))
    assert records == sorted(name.rsplit(".", 1)[0] + ".json" for name in good)
    for path in out.glob("*.json"):
        record = DocumentRecord.model_validate_json(path.read_text("utf-8"))
        source = record.source_text or Path(record.source_path).read_bytes().decode(
            record.encoding
        )
        record.check_offsets(source)
        assert record.entities or record.items
        assert (record.source_text is not None) == record.doc.endswith((".html", ".pdf", ".docx"))

    stderr_lines = result.stderr.splitlines()
    assert len(stderr_lines) == len(bad)
    entries = {Path(entry.path).relative_to(inputs).as_posix(): entry
               for entry in read_manifest(out / MANIFEST_NAME)}
    assert len((out / MANIFEST_NAME).read_text("utf-8").splitlines()) == len(good) + len(bad)
    for name, reason in bad.items():
        entry = entries[name]
        assert entry.status == "failed" and entry.record is None
        assert reason in (entry.error or ""), (name, entry.error)
        assert f"{inputs / name}: {entry.error}" in stderr_lines
    for name in ("good_text.txt", "good_page.html", "good_print.pdf", "good_word.docx",
                 "nested/good_nested.md"):
        entry = entries[name]
        assert entry.status == "ok" and entry.error is None
        assert entry.sha256 == hashlib.sha256((inputs / name).read_bytes()).hexdigest()
        assert (out / (entry.record or "")).exists()
    # Unreadable inputs have no hash; every line names the versions that produced it.
    assert entries["dangling.txt"].sha256 is None
    assert entries["empty.txt"].sha256 is not None
    raw_line = json.loads((out / MANIFEST_NAME).read_text("utf-8").splitlines()[0])
    assert set(raw_line) == {"path", "sha256", "status", "error", "record", "pipeline_version",
                             "backbone", "ner_model", "item_classifier", "seconds",
                             "finished_at"}
    assert raw_line["backbone"] == "rules" and raw_line["pipeline_version"]


# -- failures inside extraction, in process --------------------------------------------------


@pytest.fixture
def cli(monkeypatch, rules_extractor):
    """The command in process, with the session's rules extractor (no model loading)."""
    from typer.testing import CliRunner

    import pipeline.batch
    import pipeline.extract
    from pipeline.cli import app

    monkeypatch.setattr(pipeline.extract, "Extractor", lambda backbone: rules_extractor)
    monkeypatch.setattr(pipeline.batch, "_EXTRACTORS", {})  # no extractor from other tests
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["extract", *map(str, args)])


def test_unexpected_error_in_one_file_is_an_internal_error(tmp_path: Path, cli, monkeypatch,
                                                          rules_extractor) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(SMALL_TEXT)
    (inputs / "b.txt").write_text(SMALL_TEXT + "\nboom\n")
    original = rules_extractor.records_for

    def failing_records_for(sources):
        sources = list(sources)
        if any("boom" in source.text for source in sources):
            raise RuntimeError("the classifier fell over")
        return original(sources)

    monkeypatch.setattr(rules_extractor, "records_for", failing_records_for)
    result = cli(inputs, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{inputs / 'b.txt'}: internal error: RuntimeError: the classifier fell over"
    ]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["a.json"]
    [failed] = [e for e in read_manifest(tmp_path / "out" / MANIFEST_NAME) if e.status != "ok"]
    assert failed.error == "internal error: RuntimeError: the classifier fell over"
    assert failed.sha256 == hashlib.sha256((inputs / "b.txt").read_bytes()).hexdigest()

    debug = cli(inputs, "--out", tmp_path / "out2", "--quiet", "--debug")
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert "failing_records_for" in debug.stderr


def test_permission_denied_in_a_batch(tmp_path: Path, cli, monkeypatch) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "open.txt").write_text(SMALL_TEXT)
    locked = inputs / "locked.txt"
    locked.write_text(SMALL_TEXT)
    original_open = Path.open

    def refusing_open(self: Path, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return original_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    result = cli(inputs, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{locked}: cannot read file (Permission denied)"]
    entries = read_manifest(tmp_path / "out" / MANIFEST_NAME)
    assert [(Path(e.path).name, e.status, e.sha256) for e in entries] == [
        ("locked.txt", "failed", None),
        ("open.txt", "ok", entries[1].sha256),
    ]
    assert entries[1].sha256 is not None


def test_a_rerun_skips_what_is_up_to_date_and_force_redoes_it(tmp_path: Path, cli) -> None:
    source = tmp_path / "a.txt"
    source.write_text(SMALL_TEXT)
    out = tmp_path / "out"
    first = cli(source, "--out", out, "--backbone", "rules")
    assert first.exit_code == 0
    assert first.stderr.splitlines()[-1].startswith("1 inputs: 1 done, 0 skipped, 0 failed")
    [entry] = read_manifest(out / MANIFEST_NAME)
    again = cli(source, "--out", out, "--backbone", "rules")
    assert again.exit_code == 0
    assert again.stderr.splitlines()[-1].startswith("1 inputs: 0 done, 1 skipped, 0 failed")
    assert read_manifest(out / MANIFEST_NAME) == [entry]  # one line per input, unchanged
    forced = cli(source, "--out", out, "--backbone", "rules", "--force")
    assert forced.stderr.splitlines()[-1].startswith("1 inputs: 1 done, 0 skipped, 0 failed")
    [redone] = read_manifest(out / MANIFEST_NAME)
    assert (redone.status, redone.record, redone.sha256) == ("ok", "a.json", entry.sha256)


def test_a_record_that_cannot_be_written_is_reported(tmp_path: Path, cli, monkeypatch) -> None:
    import pipeline.batch

    def full_disk(record, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline.batch, "write_record", full_disk)
    source = tmp_path / "a.txt"
    source.write_text(SMALL_TEXT)
    result = cli(source, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{source}: cannot write {tmp_path / 'out' / 'a.json'} (No space left on device)"
    ]
    [entry] = read_manifest(tmp_path / "out" / MANIFEST_NAME)
    assert entry.status == "failed" and entry.sha256 is not None

"""Batch runs: the same records from every engine, resumable after a kill, failures kept.

The rules backbone keeps these fast; what is compared is the batch machinery (chunks,
workers, memory zones, JSON transport, manifest), which is the same for every backbone.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from pipeline.batch import (
    MANIFEST_NAME,
    BatchError,
    ManifestEntry,
    cached_extractor,
    extract_chunk,
    run_batch,
)
from pipeline.ingest import SourceDocument, read_document
from pipeline.records import DocumentRecord
from pipeline.write import write_record
from tests.conftest import CORPUS_RAW, REPO

BACKBONE = "rules"
# Six documents spread over the corpus (old exports and the newer minutes alike).
SIX_DOCS = sorted(CORPUS_RAW.glob("*.txt"))[::7][:6]


def _records(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.json"))}


def _manifest(out: Path) -> list[ManifestEntry]:
    lines = (out / MANIFEST_NAME).read_text("utf-8").splitlines()
    return [ManifestEntry.model_validate_json(line) for line in lines]


def _copies(corpus_docs: list[Path], target: Path, count: int) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    copies = []
    for index in range(count):
        source = corpus_docs[index % len(corpus_docs)]
        copy = target / f"{index:03d}_{source.name}"
        shutil.copyfile(source, copy)
        copies.append(copy)
    return copies


@pytest.fixture(scope="module")
def single_process_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("one-process")
    summary = run_batch(SIX_DOCS, out, backbone=BACKBONE, progress=False, batch_size=4)
    assert (summary.done, summary.skipped, summary.failed) == (6, 0, 0)
    return out


def test_six_documents_are_spread_over_the_corpus() -> None:
    assert len(SIX_DOCS) == 6
    assert len({path.name[:1] for path in SIX_DOCS}) > 1


def test_batch_records_equal_the_plain_extractor(single_process_out: Path, tmp_path: Path) -> None:
    """Chunks, memory zones and the JSON round trip change nothing in a record."""
    extractor = cached_extractor(BACKBONE)
    for path in SIX_DOCS:
        write_record(extractor.record_for(read_document(path)), tmp_path / f"{path.stem}.json")
    assert _records(tmp_path) == _records(single_process_out)


@pytest.mark.skipif(
    not (REPO / "models" / "de_minutes_ner" / "meta.json").exists(),
    reason="the trained NER model is not in models/",
)
def test_with_the_trained_ner_the_batch_equals_the_plain_extractor(tmp_path: Path) -> None:
    """Memory zones and chunked nlp.pipe leave the statistical NER's output unchanged."""
    backbone = str(REPO / "models" / "de_minutes_ner")
    docs = SIX_DOCS[:4]
    summary = run_batch(docs, tmp_path / "batch", backbone=backbone, progress=False)
    assert summary.done == 4
    extractor = cached_extractor(backbone)
    assert extractor.backbone.kind == "project-model"
    for path in docs:
        record = extractor.record_for(read_document(path))
        write_record(record, tmp_path / "plain" / f"{path.stem}.json")
    assert _records(tmp_path / "plain") == _records(tmp_path / "batch")
    assert {entry.ner_model for entry in _manifest(tmp_path / "batch")} == {
        extractor.backbone.ner_model
    }


def test_two_worker_processes_write_the_same_records(
    single_process_out: Path, tmp_path: Path
) -> None:
    summary = run_batch(
        SIX_DOCS, tmp_path, workers=2, backbone=BACKBONE, progress=False, batch_size=4
    )
    assert (summary.done, summary.failed) == (6, 0)
    assert "2 worker processes" in summary.line
    records = _records(tmp_path)
    assert len(records) == 6
    assert records == _records(single_process_out)


def test_dask_local_cluster_writes_the_same_records(
    single_process_out: Path, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        summary = run_batch(
            SIX_DOCS,
            tmp_path,
            engine="dask",
            scheduler=cluster.scheduler_address,
            backbone=BACKBONE,
            progress=False,
            batch_size=4,
        )
    assert (summary.done, summary.failed) == (6, 0)
    assert _records(tmp_path) == _records(single_process_out)
    assert {entry.status for entry in _manifest(tmp_path)} == {"ok"}


def test_memory_zone_keeps_the_vocabulary_flat() -> None:
    extractor = cached_extractor(BACKBONE)
    template = read_document(SIX_DOCS[0])

    def with_new_words(tag: str) -> list[SourceDocument]:
        # Words the vocabulary has never seen, as every new document brings some.
        return [
            SourceDocument(
                path=template.path,
                text=template.text + f"\nProjekt Qzx{tag}{n} mit Wbv{tag}{n}-Netzwerk.\n",
                sha256=template.sha256,
                encoding="utf-8",
            )
            for n in range(4)
        ]

    extract_chunk(extractor, with_new_words("warm"))
    strings_before = len(extractor.nlp.vocab.strings)
    result = extract_chunk(extractor, with_new_words("zone"))
    assert all(document.record_json for document in result.results)
    assert len(extractor.nlp.vocab.strings) == strings_before
    # Without the zone the same kind of chunk leaves its words behind.
    list(extractor.records_for(with_new_words("nozone")))
    assert len(extractor.nlp.vocab.strings) > strings_before


def test_resume_skips_unchanged_inputs(tmp_path: Path) -> None:
    inputs = _copies(SIX_DOCS, tmp_path / "in", 4)
    out = tmp_path / "out"
    first = run_batch(inputs, out, backbone=BACKBONE, progress=False)
    assert (first.done, first.skipped, first.failed) == (4, 0, 0)
    written = {name: (out / name).stat().st_mtime_ns for name in _records(out)}

    again = run_batch(inputs, out, backbone=BACKBONE, progress=False)
    assert (again.done, again.skipped, again.failed) == (0, 4, 0)
    assert {name: (out / name).stat().st_mtime_ns for name in written} == written

    changed = inputs[1]
    changed.write_text(changed.read_text("utf-8") + "\nNachtrag: Frau Berger (IQ Netzwerk).\n")
    (out / f"{inputs[2].stem}.json").unlink()
    resumed = run_batch(inputs, out, backbone=BACKBONE, progress=False)
    assert (resumed.done, resumed.skipped, resumed.failed) == (2, 2, 0)
    record = DocumentRecord.model_validate_json((out / f"{changed.stem}.json").read_text())
    assert record.text_sha256 == read_document(changed).sha256

    forced = run_batch(inputs, out, backbone=BACKBONE, progress=False, force=True)
    assert (forced.done, forced.skipped) == (4, 0)
    entries = _manifest(out)
    assert len(entries) == 4
    assert sorted(entry.path for entry in entries) == sorted(str(p.resolve()) for p in inputs)

    # Records made by another item classifier (a retrained model file) are made again.
    manifest = out / MANIFEST_NAME
    lines = [json.loads(line) for line in manifest.read_text("utf-8").splitlines()]
    lines[0]["item_classifier"] = "item-classifier (item_classifier, 000000000000)"
    manifest.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    retrained = run_batch(inputs, out, backbone=BACKBONE, progress=False)
    assert (retrained.done, retrained.skipped) == (1, 3)


def test_failing_inputs_are_recorded_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _copies(SIX_DOCS, tmp_path / "in", 3)
    empty = tmp_path / "in" / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "in" / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    unsupported = tmp_path / "in" / "slides.key"
    unsupported.write_bytes(b"PK\x03\x04")
    boom = tmp_path / "in" / "boom.txt"
    shutil.copyfile(SIX_DOCS[0], boom)
    clash = tmp_path / "other" / good[0].name
    clash.parent.mkdir()
    shutil.copyfile(SIX_DOCS[1], clash)
    missing = tmp_path / "in" / "missing.txt"

    from pipeline.extract import Extractor

    build = Extractor._build_record

    def fail_on_boom(self: Extractor, source: SourceDocument, *args: object) -> DocumentRecord:
        if source.name == "boom.txt":
            raise ValueError("offset check failed")
        return build(self, source, *args)

    monkeypatch.setattr(Extractor, "_build_record", fail_on_boom)
    # boom.txt shares its chunk with good documents, which must still get their records.
    inputs = [good[0], boom, empty, good[1], binary, unsupported, clash, missing, good[2]]
    out = tmp_path / "out"
    summary = run_batch(inputs, out, backbone=BACKBONE, progress=False, batch_size=8)

    assert (summary.done, summary.skipped, summary.failed) == (3, 0, 6)
    assert sorted(_records(out)) == sorted(f"{path.stem}.json" for path in good)
    reasons = dict(summary.failures)
    assert "ValueError: offset check failed" in reasons[str(boom)]
    assert "empty" in reasons[str(empty)]
    assert "binary" in reasons[str(binary)]
    assert "unsupported" in reasons[str(unsupported)]
    assert "already used" in reasons[str(clash)]
    assert "no such file" in reasons[str(missing)]
    entries = {Path(entry.path).name: entry for entry in _manifest(out)}
    assert entries["boom.txt"].status == "failed"
    assert entries["boom.txt"].sha256 is not None
    assert entries["boom.txt"].error == reasons[str(boom)]
    assert entries["missing.txt"].sha256 is None
    assert "3 done, 0 skipped, 6 failed" in summary.line

    # Failures are tried again; the good ones are not redone.
    monkeypatch.setattr(Extractor, "_build_record", build)
    again = run_batch(inputs, out, backbone=BACKBONE, progress=False)
    assert (again.done, again.skipped, again.failed) == (1, 3, 5)


KILLED_BATCH = """
import sys
from pathlib import Path

from pipeline.batch import run_batch

if __name__ == "__main__":
    inputs = sorted(Path(sys.argv[1]).glob("*.txt"))
    run_batch(inputs, sys.argv[2], workers=2, backbone="rules", progress=False, batch_size=2)
"""


def _ok_lines(out: Path) -> int:
    try:
        text = (out / MANIFEST_NAME).read_text("utf-8")
    except FileNotFoundError:
        return 0
    return text.count('"status":"ok"')


def test_killed_batch_resumes_with_one_record_per_input(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    inputs = _copies(sorted(CORPUS_RAW.glob("*.txt")), tmp_path / "in", 40)
    out = tmp_path / "out"
    script = tmp_path / "batch.py"
    script.write_text(textwrap.dedent(KILLED_BATCH))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "in"), str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        while _ok_lines(out) < 4:
            assert process.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "no progress in the manifest"
            time.sleep(0.05)
        workers = psutil.Process(process.pid).children(recursive=True)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    before_rerun = _ok_lines(out)
    assert 4 <= before_rerun < 40, "the batch must be killed part-way"
    # Orphaned workers notice and exit instead of holding a model forever.
    _gone, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive
    # What a kill in the middle of a write leaves behind.
    (out / f".{inputs[-1].stem}.json.k1ll3d.tmp").write_text('{"doc": "half')

    summary = run_batch(inputs, out, backbone=BACKBONE, progress=False)

    assert summary.failed == 0
    assert summary.skipped >= before_rerun
    assert summary.done + summary.skipped == 40
    records = sorted(out.glob("*.json"))
    assert [path.stem for path in records] == sorted(path.stem for path in inputs)
    for path in records:
        DocumentRecord.model_validate_json(path.read_text("utf-8"))
    assert not list(out.glob(".*.tmp"))
    entries = _manifest(out)
    assert len(entries) == 40
    assert {entry.status for entry in entries} == {"ok"}
    assert len({entry.path for entry in entries}) == 40


def test_a_dead_worker_costs_only_its_chunks(tmp_path: Path) -> None:
    """A worker killed mid-run (as the OOM killer would): the chunks it held are recorded
    as failed, a new pool takes over, and the next run completes them."""
    psutil = pytest.importorskip("psutil")
    inputs = _copies(sorted(CORPUS_RAW.glob("*.txt")), tmp_path / "in", 16)
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_a_worker() -> None:
        deadline = time.monotonic() + 240
        while _ok_lines(out) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        # Pool workers, not the resource tracker that multiprocessing also starts.
        workers = [
            child
            for child in psutil.Process().children()
            if "spawn_main" in " ".join(child.cmdline())
            and "resource_tracker" not in " ".join(child.cmdline())
        ]
        worker = workers[0]
        killed.append(worker.pid)
        worker.kill()

    killer = threading.Thread(target=kill_a_worker, daemon=True)
    killer.start()
    summary = run_batch(inputs, out, workers=2, backbone=BACKBONE, progress=False, batch_size=2)
    killer.join()

    assert killed
    assert 1 <= summary.failed < 16
    assert summary.done + summary.failed == 16
    assert all("worker lost" in reason for _path, reason in summary.failures)
    again = run_batch(inputs, out, backbone=BACKBONE, progress=False)
    assert (again.done, again.skipped, again.failed) == (summary.failed, summary.done, 0)
    assert len(list(out.glob("*.json"))) == 16


def test_manifest_entries_say_what_made_the_record(single_process_out: Path) -> None:
    entries = _manifest(single_process_out)
    assert [Path(entry.path).name for entry in entries] == sorted(p.name for p in SIX_DOCS)
    for entry in entries:
        record = DocumentRecord.model_validate_json((single_process_out / entry.record).read_text())
        assert entry.sha256 == record.text_sha256
        assert entry.backbone == record.provenance.backbone == BACKBONE
        assert entry.pipeline_version == record.provenance.pipeline_version
        assert entry.item_classifier == record.provenance.item_classifier
        assert entry.seconds is not None and entry.seconds > 0
        assert json.loads(entry.model_dump_json())["finished_at"].endswith("+00:00")


def test_unusable_arguments_raise_batch_error(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="unknown engine"):
        run_batch(SIX_DOCS, tmp_path, engine="spark")  # type: ignore[arg-type]
    with pytest.raises(BatchError, match="at least 1"):
        run_batch(SIX_DOCS, tmp_path, workers=0)
    with pytest.raises(BatchError, match="needs engine='dask'"):
        run_batch(SIX_DOCS, tmp_path, scheduler="tcp://127.0.0.1:8786")
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    with pytest.raises(BatchError, match="not a directory"):
        run_batch(SIX_DOCS, not_a_dir)
    with pytest.raises(BatchError, match=r"meta\.json missing"):
        run_batch(SIX_DOCS, tmp_path, backbone=str(tmp_path / "no-model"))


def test_one_batch_at_a_time_per_output_directory(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(BatchError, match="another batch"):
            run_batch(SIX_DOCS, tmp_path, backbone=BACKBONE, progress=False)
    finally:
        os.close(fd)

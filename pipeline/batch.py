"""Batch extraction at scale: chunked `nlp.pipe`, worker processes or a Dask cluster,
resumable through a manifest, one atomically written record per input.

Division of labour: the calling process (the client) reads the inputs, decides what is
already up to date, writes every record and the manifest. Workers only turn source
documents into records and send them back as JSON strings (never spaCy Docs). So the
outputs are the same files whichever engine ran the work:

- ``engine="local", workers=1``: in this process;
- ``engine="local", workers=N``: N worker processes ("spawn"), the model loaded once in
  each by the pool's initializer;
- ``engine="dask"``: the tasks of a Dask distributed cluster (``scheduler`` = its address,
  or a LocalCluster of ``workers`` processes), the model loaded once per worker process.

Documents travel in chunks of ``batch_size``; each chunk goes through ``nlp.pipe`` inside
one ``nlp.memory_zone()``, so strings and lexemes a chunk adds to the vocabulary are freed
afterwards and a worker's memory stays flat however many documents it sees. Chunks are cut
from the input order alone, so every engine and worker count feeds the model the same
batches and the records come out byte-identical.

``OUT/_manifest.jsonl`` holds one JSON line per input: its absolute path, sha256, status
(ok/failed), error, the output record's name, the pipeline version, backbone, NER model and
item classifier that made the record, seconds and the time it finished. Lines are appended
as documents finish (a killed run loses at most the line being written) and the file is
rewritten sorted, one line per input, when a run ends. A re-run skips an input whose
manifest entry is ok, whose sha256, pipeline version, backbone, NER model and item
classifier (a digest of its file) are unchanged and whose record exists; everything else
(including earlier failures) is done again.

Scripts that call `run_batch` with worker processes or Dask need the usual
``if __name__ == "__main__":`` guard: both start their workers with "spawn".
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from pipeline import __version__
from pipeline.ingest import (
    DEFAULT_MAX_BYTES,
    IngestError,
    SourceDocument,
    expand_inputs,
    read_document,
)
from pipeline.manifest import MANIFEST_NAME, Manifest, ManifestEntry
from pipeline.records import DocumentRecord
from pipeline.write import record_name, write_record

if TYPE_CHECKING:
    from spacy.language import Language

    from pipeline.extract import Extractor

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "MANIFEST_NAME",
    "BatchError",
    "BatchSummary",
    "ChunkResult",
    "DocumentResult",
    "Manifest",
    "ManifestEntry",
    "cached_extractor",
    "extract_chunk",
    "run_batch",
]

Engine = Literal["local", "dask"]
# (input path, one-line reason, traceback or None)
FailureHandler = Callable[[str, str, "str | None"], None]
ENGINES: tuple[str, ...] = ("local", "dask")
# Big enough for nlp.pipe to batch well, small enough that a killed run loses little work
# and that progress moves often.
DEFAULT_BATCH_SIZE = 16
# Chunks queued per worker: one running, one waiting, so no worker idles while the client
# writes, and no more than that in memory.
CHUNKS_PER_WORKER = 2
START_METHOD = "spawn"
# A pool that dies again and again without finishing a chunk cannot load the model (or
# crashes on everything): give up rather than restart it forever.
MAX_RESTARTS_WITHOUT_PROGRESS = 2
ORPHAN_CHECK_SECONDS = 0.5
ERROR_MAX_CHARS = 500


class BatchError(Exception):
    """The batch cannot run at all (arguments, output directory, backbone, workers)."""


# --- the worker side ----------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentResult:
    """One document's outcome as it travels back from a worker: plain strings (and, in
    this process only, the record object)."""

    record_json: str | None
    error: str | None
    seconds: float
    detail: str | None = None  # the traceback behind an unexpected error
    # The record itself, only when it was made in this process (workers=1): it was
    # validated when it was built, so the writer need not parse JSON back into it (about
    # 2.5 % of a one-process run). Never set by a worker, so never sent between processes.
    record: DocumentRecord | None = None


@dataclass(frozen=True)
class ChunkResult:
    results: tuple[DocumentResult, ...]
    provenance: dict[str, str | None]


_EXTRACTORS: dict[str, Extractor] = {}
_EXTRACTORS_LOCK = threading.Lock()
# spaCy pipelines (and memory zones above all) are not thread-safe; a Dask worker with
# several threads runs its chunks one after another.
_NLP_LOCK = threading.Lock()


def cached_extractor(backbone: str) -> Extractor:
    """This process's Extractor for `backbone`, loaded on first use and then kept: a worker
    (or the calling process, for workers=1) loads the model once, not once per chunk."""
    with _EXTRACTORS_LOCK:
        if backbone not in _EXTRACTORS:
            from pipeline.extract import Extractor

            _EXTRACTORS[backbone] = Extractor(backbone)
        return _EXTRACTORS[backbone]


def _memory_zone(nlp: Language) -> contextlib.AbstractContextManager[Any]:
    zone = getattr(nlp, "memory_zone", None)  # spaCy >= 3.8
    return zone() if zone is not None else contextlib.nullcontext()


def extract_chunk(
    extractor: Extractor, sources: Sequence[SourceDocument], keep_records: bool = False
) -> ChunkResult:
    """Records for one chunk, as compact JSON, from one `nlp.pipe` inside one memory zone
    (``keep_records``: as the record objects instead, for a writer in this process).

    A document's `seconds` is its share (by length) of the chunk's time. If any document
    fails, the chunk is redone one document at a time, so that only the failing ones are
    lost.
    """
    started = time.perf_counter()
    try:
        with _memory_zone(extractor.nlp):
            records = list(extractor.records_for(sources))
            payloads = [None if keep_records else record.model_dump_json() for record in records]
    except Exception:
        results = tuple(_extract_one(extractor, source) for source in sources)
    else:
        elapsed = time.perf_counter() - started
        total_chars = sum(len(source.text) for source in sources) or 1
        results = tuple(
            DocumentResult(
                payload,
                None,
                elapsed * len(source.text) / total_chars,
                record=record if keep_records else None,
            )
            for payload, record, source in zip(payloads, records, sources, strict=True)
        )
    return ChunkResult(results, extractor.provenance.model_dump())


def _extract_one(extractor: Extractor, source: SourceDocument) -> DocumentResult:
    started = time.perf_counter()
    try:
        with _memory_zone(extractor.nlp):
            payload = extractor.record_for(source).model_dump_json()
    except Exception as err:  # a bug shows on one document; the batch goes on
        return DocumentResult(
            None,
            f"internal error: {_describe(err)}",
            time.perf_counter() - started,
            "".join(traceback.format_exception(err)),
        )
    return DocumentResult(payload, None, time.perf_counter() - started)


def _extract_in_worker(backbone: str, sources: Sequence[SourceDocument]) -> ChunkResult:
    """The task a pool process or a Dask worker runs for one chunk."""
    extractor = cached_extractor(backbone)
    with _NLP_LOCK:
        return extract_chunk(extractor, sources)


def _warm_worker(backbone: str) -> dict[str, str | None]:
    """Load the model in a Dask worker before any chunk arrives; say what was loaded."""
    return cached_extractor(backbone).provenance.model_dump()


def _init_pool_worker(backbone: str, parent_pid: int) -> None:
    # Ctrl-C reaches the whole process group: the client handles it and ends the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A client killed outright (SIGKILL, OOM killer) cannot end its pool; without this the
    # workers would wait for tasks forever, each holding a loaded model.
    threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), daemon=True).start()
    cached_extractor(backbone)


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


def _describe(err: BaseException) -> str:
    text = " ".join(f"{type(err).__name__}: {err}".split())
    return text if len(text) <= ERROR_MAX_CHARS else text[: ERROR_MAX_CHARS - 1] + "…"


# --- engines: chunks in, (chunk, result or the error that lost it) out ---------------------


@dataclass(frozen=True)
class _Input:
    path: Path  # as given (the record's source_path)
    key: str  # absolute path: the manifest's key, the same from any working directory
    record_name: str


@dataclass(frozen=True)
class _Chunk:
    inputs: tuple[_Input, ...]
    sources: tuple[SourceDocument, ...]
    words: int


ChunkOutcome = tuple[_Chunk, ChunkResult | BaseException]


def _bounded(
    chunks: Iterator[_Chunk],
    submit: Callable[[_Chunk], Any],
    first_completed: Callable[[list[Any]], Iterable[Any]],
    slots: int,
) -> Iterator[tuple[_Chunk, Any]]:
    """Submit chunks while fewer than `slots` are in flight; yield them as they finish.
    Chunks are read only when a slot is free, so memory holds `slots` chunks at most."""
    pending: dict[Any, _Chunk] = {}
    for chunk in chunks:
        pending[submit(chunk)] = chunk
        while len(pending) >= slots:
            for future in first_completed(list(pending)):
                yield pending.pop(future), future
    while pending:
        for future in first_completed(list(pending)):
            yield pending.pop(future), future


def _run_inline(chunks: Iterator[_Chunk], backbone: str) -> Iterator[ChunkOutcome]:
    extractor = cached_extractor(backbone)
    for chunk in chunks:
        yield chunk, extract_chunk(extractor, chunk.sources, keep_records=True)


class _ProcessPool:
    """A spawn pool that is replaced when a worker dies (segfault, out of memory): the
    chunks in flight then are lost (recorded as failed, redone by the next run) and the
    batch goes on, unless new pools keep dying before they finish a single chunk."""

    def __init__(self, backbone: str, workers: int) -> None:
        self.backbone = backbone
        self.workers = workers
        self.generation = 0
        self.generation_of: dict[Future[ChunkResult], int] = {}
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(START_METHOD),
            initializer=_init_pool_worker,
            initargs=(self.backbone, os.getpid()),
        )

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.generation += 1
        self.executor = self._start()

    def submit(self, chunk: _Chunk) -> Future[ChunkResult]:
        try:
            future = self.executor.submit(_extract_in_worker, self.backbone, chunk.sources)
        except BrokenProcessPool:
            self.restart()
            future = self.executor.submit(_extract_in_worker, self.backbone, chunk.sources)
        self.generation_of[future] = self.generation
        return future

    def run(self, chunks: Iterator[_Chunk]) -> Iterator[ChunkOutcome]:
        restarts_without_progress = 0
        try:
            slots = CHUNKS_PER_WORKER * self.workers
            for chunk, future in _bounded(chunks, self.submit, _first_completed, slots):
                generation = self.generation_of.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool as err:
                    if generation == self.generation:
                        if restarts_without_progress == MAX_RESTARTS_WITHOUT_PROGRESS:
                            raise BatchError(f"worker processes keep dying: {err}") from err
                        self.restart()
                        restarts_without_progress += 1
                    yield chunk, err
                    continue
                if generation == self.generation:
                    restarts_without_progress = 0
                yield chunk, result
        finally:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _first_completed(futures: list[Future[ChunkResult]]) -> Iterable[Future[ChunkResult]]:
    return wait_futures(futures, return_when=FIRST_COMPLETED).done


_TRIM_SETTING = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"


def _run_dask(
    chunks: Iterator[_Chunk], backbone: str, workers: int, scheduler: str | None
) -> Iterator[ChunkOutcome]:
    try:
        from dask import config as dask_config
        from distributed import Client, LocalCluster
        from distributed import wait as wait_dask
    except ImportError as err:
        raise BatchError("engine 'dask' needs dask.distributed: pip install -e '.[dask]'") from err

    def first_completed(futures: list[Any]) -> Iterable[Any]:
        return wait_dask(futures, return_when="FIRST_COMPLETED").done

    with contextlib.ExitStack() as stack:
        if scheduler is None:
            # Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_ set, which turns off
            # glibc's adaptive mmap threshold: every large numpy array of the model is then
            # mapped and unmapped afresh, and extraction ran about 30 % slower per chunk.
            # Memory stays bounded by the memory zones, so the local workers go without it.
            stack.enter_context(dask_config.set({_TRIM_SETTING: None}))
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(scheduler))
            except OSError as err:
                raise BatchError(f"cannot reach the Dask scheduler {scheduler}: {err}") from err
        try:
            # Every worker loads the model now, in parallel, and a broken backbone shows
            # here once instead of as a failure per chunk.
            client.run(_warm_worker, backbone)
        except Exception as err:
            raise BatchError(f"Dask workers cannot load the backbone: {_describe(err)}") from err
        slots = CHUNKS_PER_WORKER * max(1, sum(client.nthreads().values()))

        def submit(chunk: _Chunk) -> Any:
            return client.submit(_extract_in_worker, backbone, chunk.sources, pure=False)

        for chunk, future in _bounded(chunks, submit, first_completed, slots):
            try:
                result = future.result()
            except Exception as err:  # KilledWorker, a lost connection: this chunk only
                yield chunk, err
                continue
            yield chunk, result


# --- the run ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchSummary:
    out_dir: Path
    manifest_path: Path
    engine: str  # how the work ran, in words: "local, 2 workers"
    done: int
    skipped: int
    failed: int
    words: int  # words (whitespace-separated) in the documents extracted in this run
    seconds: float
    failures: tuple[tuple[str, str], ...] = field(default=())  # (input path, reason)

    @property
    def total(self) -> int:
        return self.done + self.skipped + self.failed

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    @property
    def line(self) -> str:
        return (
            f"{self.total} inputs: {self.done} done, {self.skipped} skipped, "
            f"{self.failed} failed in {self.seconds:.1f} s "
            f"({self.words_per_second:,.0f} words/s; {self.engine}) -> {self.out_dir}"
        )

    def __str__(self) -> str:
        return self.line


def run_batch(
    paths: Iterable[Path | str],
    out_dir: Path | str,
    *,
    workers: int = 1,
    engine: Engine = "local",
    scheduler: str | None = None,
    force: bool = False,
    progress: bool = True,
    backbone: str = "auto",
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_failure: FailureHandler | None = None,
) -> BatchSummary:
    """Extract every input (files, or directories of .txt/.md) into OUT/<stem>.json.

    - workers: processes (engine "local"; 1 = this process) or LocalCluster workers (engine
      "dask" without a scheduler; with one, the cluster's own workers are used);
    - scheduler: a Dask scheduler address ("tcp://host:8786"); its workers need this
      package and the backbone's model installed. The client resolves `backbone` too, to
      decide which records are up to date;
    - force: redo inputs even if their records are up to date;
    - progress: a tqdm bar (documents, words/s, ETA) on stderr, if stderr is a terminal;
    - batch_size: documents per chunk (one `nlp.pipe` call, one memory zone);
    - max_bytes: inputs larger than this are refused (recorded as failed);
    - on_failure: called with (input path, one-line reason, traceback or None) as each
      failure happens, e.g. to report it on stderr.

    A failing input is recorded (manifest and summary) and the batch goes on. Raises
    BatchError when the batch cannot run at all. With workers=1 the loaded model stays in
    this process (`cached_extractor`) for the next call.
    """
    if engine not in ENGINES:
        raise BatchError(f"unknown engine '{engine}' (choose from {', '.join(ENGINES)})")
    if workers < 1:
        raise BatchError("workers must be at least 1")
    if batch_size < 1:
        raise BatchError("batch_size must be at least 1")
    if scheduler is not None and engine != "dask":
        raise BatchError("a scheduler address needs engine='dask'")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: output path exists and is not a directory")
    expected = expected_backbone(backbone)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with _exclusive(out):
        _remove_stale_temporaries(out)
        manifest = Manifest(out / MANIFEST_NAME)
        manifest.open_for_append()
        run = _BatchRun(out, manifest, expected, batch_size, max_bytes, on_failure)
        completed = False
        try:
            todo = run.plan(paths, force)
            if todo:
                with run.progress_bar(len(todo), progress):
                    chunks = run.chunks(todo)
                    if engine == "dask":
                        outcomes = _run_dask(chunks, backbone, workers, scheduler)
                    elif workers == 1:
                        outcomes = _run_inline(chunks, backbone)
                    else:
                        outcomes = _ProcessPool(backbone, workers).run(chunks)
                    # Closed at once on an error, so that pools and clusters end with it.
                    with contextlib.closing(outcomes):
                        for chunk, outcome in outcomes:
                            run.finish(chunk, outcome)
            completed = True
        finally:
            manifest.close(compact=completed)
    return BatchSummary(
        out_dir=out,
        manifest_path=manifest.path,
        engine=_engine_description(engine, workers, scheduler),
        done=run.done,
        skipped=run.skipped,
        failed=len(run.failures),
        words=run.words,
        seconds=time.perf_counter() - started,
        failures=tuple(run.failures),
    )


class _BatchRun:
    """The client's bookkeeping for one run: plan, read, write, record, count."""

    def __init__(
        self,
        out_dir: Path,
        manifest: Manifest,
        expected: tuple[str, str | None],
        batch_size: int,
        max_bytes: int = DEFAULT_MAX_BYTES,
        on_failure: FailureHandler | None = None,
    ) -> None:
        self.out_dir = out_dir
        self.max_bytes = max_bytes
        self.on_failure = on_failure
        self.manifest = manifest
        self.expected_backbone, self.expected_ner_model = expected
        self.batch_size = batch_size
        from pipeline.classify.items import classifier_name

        self.expected_item_classifier = classifier_name()
        self.provenance: dict[str, str | None] = {
            "pipeline_version": __version__,
            "backbone": self.expected_backbone,
            "ner_model": self.expected_ner_model,
            "item_classifier": self.expected_item_classifier,
        }
        self.done = 0
        self.skipped = 0
        self.words = 0
        self.failures: list[tuple[str, str]] = []
        self.bar: Any = None
        self.rate_since: tuple[float, int] | None = None  # (time, words) when rates begin

    def plan(self, paths: Iterable[Path | str], force: bool) -> list[_Input]:
        """The inputs to extract, in order; duplicates dropped, up-to-date ones skipped."""
        todo: list[_Input] = []
        seen: set[str] = set()
        record_owner: dict[str, str] = {}
        for path in expand_inputs(Path(p) for p in paths):
            key = os.path.abspath(path)
            if key in seen:
                continue
            seen.add(key)
            try:
                name = record_name(path)
            except ValueError as err:
                self.fail(_Input(path, key, ""), None, str(err))
                continue
            item = _Input(path, key, name)
            if name in record_owner:
                self.fail(item, None, f"output name {name} already used by {record_owner[name]}")
                continue
            record_owner[name] = str(path)
            if not force and self._up_to_date(item):
                self.skipped += 1
                continue
            todo.append(item)
        return todo

    def _up_to_date(self, item: _Input) -> bool:
        entry = self.manifest.get(item.key)
        if (
            entry is None
            or entry.status != "ok"
            or entry.record != item.record_name
            or entry.pipeline_version != __version__
            or entry.backbone != self.expected_backbone
            or not (self.out_dir / item.record_name).is_file()
        ):
            return False
        # None: the model's name could not be read without loading it; the kind must do.
        if self.expected_ner_model is not None and entry.ner_model != self.expected_ner_model:
            return False
        if entry.item_classifier != self.expected_item_classifier:
            return False
        return entry.sha256 == _file_sha256(item.path)

    @contextlib.contextmanager
    def progress_bar(self, total: int, wanted: bool) -> Iterator[None]:
        from tqdm import tqdm

        show = wanted and sys.stderr.isatty()
        with tqdm(total=total, desc="minutes", unit="doc", disable=not show) as bar:
            self.bar = bar
            try:
                yield
            finally:
                self.bar = None

    def _advance(self, documents: int) -> None:
        if self.bar is None:
            return
        now = time.perf_counter()
        # Measured from the first finished chunk on: model loading is not throughput.
        if self.rate_since is None:
            self.rate_since = (now, self.words)
        elif now > self.rate_since[0]:
            rate = (self.words - self.rate_since[1]) / (now - self.rate_since[0])
            self.bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
        self.bar.update(documents)

    def chunks(self, todo: list[_Input]) -> Iterator[_Chunk]:
        """Chunks of readable inputs, read as the engine asks for them; unreadable inputs
        are recorded as failed on the way."""
        inputs: list[_Input] = []
        sources: list[SourceDocument] = []
        for item in todo:
            try:
                source = read_document(item.path, max_bytes=self.max_bytes)
            except IngestError as err:
                # Newer ingest versions say the hash of bytes they could read.
                self.fail(item, getattr(err, "sha256", None), str(err))
                self._advance(1)
                continue
            inputs.append(item)
            sources.append(source)
            if len(sources) == self.batch_size:
                yield _chunk(inputs, sources)
                inputs, sources = [], []
        if sources:
            yield _chunk(inputs, sources)

    def finish(self, chunk: _Chunk, outcome: ChunkResult | BaseException) -> None:
        self.words += chunk.words
        if isinstance(outcome, BaseException):
            reason = f"worker lost this document's chunk: {_describe(outcome)}"
            for item, source in zip(chunk.inputs, chunk.sources, strict=True):
                self.fail(item, source.sha256, reason)
        else:
            self.provenance = dict(outcome.provenance)
            for item, source, result in zip(
                chunk.inputs, chunk.sources, outcome.results, strict=True
            ):
                self._write(item, source, result)
        self.manifest.sync()
        self._advance(len(chunk.inputs))

    def _write(self, item: _Input, source: SourceDocument, result: DocumentResult) -> None:
        record = result.record
        if record is None and result.record_json is None:
            reason = result.error or "extraction failed"
            self.fail(item, source.sha256, reason, result.seconds, result.detail)
            return
        if record is None:
            try:  # a record from another process is checked before it is written
                record = DocumentRecord.model_validate_json(result.record_json)
            except ValidationError as err:
                self.fail(item, source.sha256, _describe(err), result.seconds)
                return
        # The record first, then its manifest line: a crash in between only means the
        # input is done again, never that an entry claims a record that is not there.
        target = self.out_dir / item.record_name
        try:
            write_record(record, target)
        except OSError as err:
            self.fail(item, source.sha256, f"cannot write {target} ({err.strerror or err})")
            return
        self.manifest.add(
            self._entry(item, source.sha256, "ok", None, result.seconds, record.provenance)
        )
        self.done += 1

    def fail(
        self,
        item: _Input,
        sha256: str | None,
        error: str,
        seconds: float | None = None,
        detail: str | None = None,
    ) -> None:
        self.manifest.add(self._entry(item, sha256, "failed", error, seconds, None))
        self.failures.append((str(item.path), error))
        if self.on_failure is not None:
            self.on_failure(str(item.path), error, detail)

    def _entry(
        self,
        item: _Input,
        sha256: str | None,
        status: Literal["ok", "failed"],
        error: str | None,
        seconds: float | None,
        provenance: Any,
    ) -> ManifestEntry:
        made_by = provenance.model_dump() if provenance is not None else self.provenance
        return ManifestEntry(
            path=item.key,
            sha256=sha256,
            status=status,
            error=error,
            record=item.record_name if status == "ok" else None,
            pipeline_version=made_by["pipeline_version"] or __version__,
            backbone=made_by["backbone"],
            ner_model=made_by["ner_model"],
            item_classifier=made_by["item_classifier"],
            seconds=round(seconds, 4) if seconds is not None else None,
            finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )


def _chunk(inputs: list[_Input], sources: list[SourceDocument]) -> _Chunk:
    words = sum(len(source.text.split()) for source in sources)
    return _Chunk(tuple(inputs), tuple(sources), words)


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def expected_backbone(requested: str) -> tuple[str, str | None]:
    """(backbone kind, NER model name-version) that `requested` means here, without
    loading it; the name is None where it cannot be read from the model's meta.json."""
    from pipeline.tag.nlp import BackboneError, resolve_backbone

    try:
        kind, target = resolve_backbone(requested)
    except BackboneError as err:
        raise BatchError(str(err)) from err
    if target is None:
        return kind, None
    meta_path = Path(target) / "meta.json"
    if not meta_path.exists():  # an installed package such as de_core_news_md
        from spacy.util import get_package_path

        try:
            meta_path = get_package_path(str(target)) / "meta.json"
        except Exception:
            return kind, None
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (OSError, ValueError):
        return kind, None
    return kind, f"{meta.get('name')}-{meta.get('version')}"


@contextlib.contextmanager
def _exclusive(out_dir: Path) -> Iterator[None]:
    """One batch at a time per output directory (it removes temporary files that a
    concurrent batch would still need). The lock dies with the process, even on SIGKILL."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise BatchError(f"{out_dir}: another batch is writing there") from err
        yield
    finally:
        os.close(fd)


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files of a run that was killed mid-write (records and the manifest are
    written as `.NAME.XXXX.tmp`, then renamed)."""
    for stale in out_dir.glob(".*.tmp"):
        if stale.is_file():
            stale.unlink(missing_ok=True)


def _engine_description(engine: str, workers: int, scheduler: str | None) -> str:
    if engine == "dask":
        return f"dask, scheduler {scheduler}" if scheduler else f"dask, {workers} local workers"
    return "local, 1 process" if workers == 1 else f"local, {workers} worker processes"

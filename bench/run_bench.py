"""Throughput and memory of batch extraction, on one generated corpus, in one run.

    .venv/bin/python bench/run_bench.py [--parts speed,memory] [--docs 2000] ...

Builds a corpus of copies of corpus/raw with small variations (a unique reference line,
shifted years), then measures on the same documents, each in a fresh process:

1. the spaCy tokenizer alone (the pipeline's German tokenizer);
2. tokenizer + the trained NER alone (models/de_minutes_ner; skipped if absent);
3. full extraction with pipeline.batch.run_batch: 1 process, N worker processes, Dask
   (a LocalCluster of N workers); their records must be byte-identical;
4. a long run (--memory-docs documents) for memory: RSS of the process doing the NLP
   at its start and its end, and in between.

Peak RSS is sampled (psutil, every 0.2 s) over the measured process and all its
descendants (pool workers, Dask nannies and workers). Times are wall-clock and include
starting the workers and loading the model in each. Results go to bench/results.json and,
rendered, to bench/RESULTS.md; `--parts memory` re-runs one part and keeps the other's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import string
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS_RAW = REPO / "corpus" / "raw"
NER_MODEL = REPO / "models" / "de_minutes_ner"
SAMPLE_SECONDS = 0.2
MIB = 1024 * 1024
YEAR = re.compile(r"\b(20[12]\d)\b")


# --- corpus ------------------------------------------------------------------------------


def vary(text: str, index: int, rng: random.Random) -> str:
    """A copy that differs a little: a unique reference line (new words for the
    vocabulary, as real new documents bring) and, for some copies, the years moved on."""
    reference = "".join(rng.choice(string.ascii_lowercase) for _ in range(8)).capitalize()
    if index % 3 == 1:
        text = YEAR.sub(lambda m: str(int(m.group(1)) + 1), text)
    return text.rstrip("\n") + f"\n\nVorgang {index:05d}, Ablage {reference}.\n"


def excerpt(text: str, lines: int) -> str:
    """The opening of a document (title, date, participants, first items)."""
    return "".join(text.splitlines(keepends=True)[:lines])


def build_corpus(target: Path, count: int, seed: int, excerpt_lines: int | None) -> list[Path]:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    bases = [(path.stem, path.read_text("utf-8")) for path in sorted(CORPUS_RAW.glob("*.txt"))]
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        stem, text = bases[index % len(bases)]
        if excerpt_lines is not None:
            text = excerpt(text, excerpt_lines)
        path = target / f"{index:05d}_{stem}.txt"
        path.write_text(vary(text, index, rng), "utf-8")
        paths.append(path)
    return paths


def count_words(paths: list[Path]) -> int:
    return sum(len(path.read_text("utf-8").split()) for path in paths)


# --- measuring a child process -------------------------------------------------------------


@dataclass
class Sampler:
    """Samples the RSS of a process and its descendants until stopped."""

    pid: int
    progress_file: Path | None = None
    peak_total: int = 0
    peak_single: int = 0
    # (seconds since start, documents finished, RSS of the largest process)
    timeline: list[tuple[float, int, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        import psutil

        started = time.perf_counter()
        root = psutil.Process(self.pid)
        finished = _LineCounter(self.progress_file)
        while not self._stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            sizes = []
            for proc in procs:
                try:
                    sizes.append(proc.memory_info().rss)
                except psutil.Error:
                    continue
            if sizes:
                self.peak_total = max(self.peak_total, sum(sizes))
                self.peak_single = max(self.peak_single, max(sizes))
                done = finished.count()
                self.timeline.append((time.perf_counter() - started, done, max(sizes)))
            self._stop.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop.set()


class _LineCounter:
    """Lines in a growing file (the manifest: one per finished document), read as they
    come; starts again when the file is replaced."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.inode = -1
        self.offset = 0
        self.lines = 0

    def count(self) -> int:
        if self.path is None:
            return 0
        try:
            with self.path.open("rb") as handle:
                inode = os.fstat(handle.fileno()).st_ino
                if inode != self.inode:
                    self.inode, self.offset, self.lines = inode, 0, 0
                handle.seek(self.offset)
                data = handle.read()
        except FileNotFoundError:
            return self.lines
        complete = data.rfind(b"\n") + 1
        self.lines += data.count(b"\n", 0, complete)
        self.offset += complete
        return self.lines


@dataclass
class Measurement:
    name: str
    docs: int
    words: int
    seconds: float
    peak_single_mib: float
    peak_total_mib: float
    note: str = ""
    timeline: list[tuple[float, int, int]] = field(default_factory=list)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def measure(name: str, args: list[str], progress_file: Path | None = None) -> Measurement:
    """Run this script with --measure ARGS in a fresh process; sample its memory."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", *args]
    print(f"[bench] {name} ...", file=sys.stderr, flush=True)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO)
    sampler = Sampler(process.pid, progress_file)
    thread = threading.Thread(target=sampler.run, daemon=True)
    thread.start()
    stdout, _ = process.communicate()
    sampler.stop()
    thread.join()
    if process.returncode != 0:
        raise SystemExit(f"[bench] {name} failed (exit {process.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    measurement = Measurement(
        name=name,
        docs=result["docs"],
        words=result["words"],
        seconds=result["seconds"],
        peak_single_mib=sampler.peak_single / MIB,
        peak_total_mib=sampler.peak_total / MIB,
        note=result.get("note", ""),
        timeline=sampler.timeline,
    )
    print(
        f"[bench] {name}: {measurement.words_per_second:,.0f} words/s, "
        f"{measurement.seconds:.1f} s, peak {measurement.peak_single_mib:,.0f} MiB",
        file=sys.stderr,
        flush=True,
    )
    return measurement


# --- what the child measures -----------------------------------------------------------------


def _texts(corpus: Path) -> list[str]:
    return [path.read_text("utf-8") for path in sorted(corpus.glob("*.txt"))]


def child_tokenizer(corpus: Path) -> dict[str, object]:
    import spacy

    import pipeline.tag.tokenizer  # noqa: F401  (registers the tokenizer)
    from pipeline.tag.nlp import load_config

    tokenizer_config = {"nlp": {"tokenizer": dict(load_config()["nlp"]["tokenizer"])}}
    nlp = spacy.blank("de", config=tokenizer_config)
    texts = _texts(corpus)
    started = time.perf_counter()
    with nlp.memory_zone():
        tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    return {"docs": len(texts), "words": words, "seconds": seconds, "note": f"{tokens} tokens"}


def child_ner(corpus: Path, model: Path) -> dict[str, object]:
    import spacy

    import pipeline.tag.tokenizer  # noqa: F401  (the model's tokenizer is the pipeline's)

    nlp = spacy.load(model)
    texts = _texts(corpus)
    started = time.perf_counter()
    entities = 0
    for start in range(0, len(texts), 64):
        with nlp.memory_zone():
            entities += sum(len(doc.ents) for doc in nlp.pipe(texts[start : start + 64]))
    seconds = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    note = f"{model.name} {nlp.meta.get('version')}, {entities} entities"
    return {"docs": len(texts), "words": words, "seconds": seconds, "note": note}


def child_batch(
    corpus: Path, out: Path, workers: int, engine: str, backbone: str
) -> dict[str, object]:
    from pipeline.batch import run_batch

    if out.exists():
        shutil.rmtree(out)
    paths = sorted(corpus.glob("*.txt"))
    summary = run_batch(
        paths, out, workers=workers, engine=engine, backbone=backbone, progress=False
    )
    if summary.failed:
        raise SystemExit(f"{summary.failed} documents failed: {summary.failures[:3]}")
    backbones = {
        json.loads(line)["backbone"]
        for line in (out / "_manifest.jsonl").read_text("utf-8").splitlines()
    }
    return {
        "docs": summary.done,
        "words": summary.words,
        "seconds": summary.seconds,
        "note": f"backbone {', '.join(sorted(backbones))}; {summary.engine}",
    }


def run_child(argv: list[str]) -> None:
    kind, *rest = argv
    if kind == "tokenizer":
        result = child_tokenizer(Path(rest[0]))
    elif kind == "ner":
        result = child_ner(Path(rest[0]), Path(rest[1]))
    elif kind == "batch":
        corpus, out, workers, engine, backbone = rest
        result = child_batch(Path(corpus), Path(out), int(workers), engine, backbone)
    else:
        raise SystemExit(f"unknown measurement {kind}")
    print(json.dumps(result))


# --- the report ----------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import dask
    import spacy

    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "dask": dask.__version__,
        "load": " / ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


def identical(first: Path, second: Path) -> bool:
    names = sorted(path.name for path in first.glob("*.json"))
    if names != sorted(path.name for path in second.glob("*.json")):
        return False
    return all((first / name).read_bytes() == (second / name).read_bytes() for name in names)


def memory_profile(measurement: Measurement, docs: int) -> list[list[float]]:
    """[percent done, seconds, RSS MiB of the NLP process] at 1 %, 5 %, 10 %, ... 100 %
    (5 % of the 20,000-document long run is the 1,000 documents the target compares with)."""
    points = []
    for percent in (1, 5, 10, 25, 50, 75, 90, 100):
        wanted = max(1, docs * percent // 100)
        sample = next((s for s in measurement.timeline if s[1] >= wanted), None)
        if sample is None and percent == 100 and measurement.timeline:
            sample = measurement.timeline[-1]
        if sample is not None:
            points.append([percent, round(sample[0], 1), round(sample[2] / MIB, 1)])
    return points


def as_row(measurement: Measurement, profile_docs: int | None = None) -> dict[str, object]:
    row: dict[str, object] = {
        "name": measurement.name,
        "docs": measurement.docs,
        "words": measurement.words,
        "seconds": round(measurement.seconds, 2),
        "words_per_second": round(measurement.words_per_second, 1),
        "peak_rss_largest_mib": round(measurement.peak_single_mib, 1),
        "peak_rss_all_mib": round(measurement.peak_total_mib, 1),
        "note": measurement.note,
    }
    if profile_docs is not None:
        row["rss_profile"] = memory_profile(measurement, profile_docs)
    return row


def run_speed(args: argparse.Namespace, work: Path) -> dict[str, object]:
    """Words/s and peak RSS of each way of running, on one corpus."""
    corpus = work / "corpus"
    paths = build_corpus(corpus, args.docs, args.seed, None)
    words = count_words(paths)
    print(f"[bench] corpus: {len(paths)} documents, {words:,} words", file=sys.stderr)
    rows: list[dict[str, object]] = []
    notes: list[str] = []
    rows.append(as_row(measure("spaCy tokenizer alone", ["tokenizer", str(corpus)])))
    if (args.ner_model / "meta.json").exists():
        ner_args = ["ner", str(corpus), str(args.ner_model)]
        rows.append(as_row(measure("tokenizer + trained NER alone", ner_args)))
    else:
        notes.append(f"Tokenizer + NER skipped: no model at {args.ner_model}.")
    outputs: dict[str, Path] = {}
    runs = [
        ("full extraction, 1 process", 1, "local"),
        (f"full extraction, {args.workers} worker processes", args.workers, "local"),
        (f"full extraction, Dask LocalCluster, {args.workers} workers", args.workers, "dask"),
    ]
    for name, workers, engine in runs:
        out = work / f"out-{engine}-{workers}"
        batch_args = ["batch", str(corpus), str(out), str(workers), engine, args.backbone]
        measurement = measure(name, batch_args, progress_file=out / "_manifest.jsonl")
        rows.append(as_row(measurement, measurement.docs if workers == 1 else None))
        outputs[name] = out
    reference_name, reference = next(iter(outputs.items()))
    for name, out in list(outputs.items())[1:]:
        same = identical(reference, out)
        notes.append(
            f"Records of '{name}' and '{reference_name}': "
            f"{'byte-identical' if same else 'DIFFERENT'}."
        )
    for out in outputs.values():
        shutil.rmtree(out, ignore_errors=True)
    return {"docs": len(paths), "words": words, "rows": rows, "notes": notes}


def run_memory(args: argparse.Namespace, work: Path) -> dict[str, object]:
    """RSS of the NLP process along one long run."""
    corpus = work / "memory-corpus"
    lines = args.memory_excerpt_lines or None
    paths = build_corpus(corpus, args.memory_docs, args.seed + 1, lines)
    words = count_words(paths)
    out = work / "out-memory"
    shape = f"the first {lines} lines of each copy" if lines else "whole copies"
    how = f"{shape}, 1 process, backbone '{args.memory_backbone}'"
    measurement = measure(
        f"long run, {args.memory_docs:,} documents",
        ["batch", str(corpus), str(out), "1", "local", args.memory_backbone],
        progress_file=out / "_manifest.jsonl",
    )
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(corpus, ignore_errors=True)
    return {
        "docs": len(paths),
        "words": words,
        "how": how,
        "row": as_row(measurement, len(paths)),
    }


def render(results: dict[str, dict[str, object]]) -> str:
    lines = ["# Batch extraction benchmark", ""]
    lines.append(
        "Written by `bench/run_bench.py` from `bench/results.json`; each part says the command "
        "and the machine it ran on (the machine is shared: the load average says how much "
        "other work competed for the cores)."
    )
    for part, title in (("speed", "Throughput"), ("memory", "Memory over a long run")):
        if part not in results:
            continue
        result = results[part]
        run = result["run"]
        info = run["machine"]
        lines += [
            "",
            f"## {title}",
            "",
            f"Command: `{run['command']}`, {run['date']}, {run['minutes']:.1f} min.",
            "",
            f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; Python "
            f"{info['python']}, spaCy {info['spacy']}, Dask {info['dask']}. Load average "
            f"(1/5/15 min) at the start {info['load']}, at the end {run['load_after']}.",
            "",
        ]
        if part == "speed":
            lines += _speed_lines(result)
        else:
            lines += _memory_lines(result)
    return "\n".join(lines) + "\n"


def _speed_lines(result: dict) -> list[str]:
    lines = [
        f"Corpus: {result['docs']:,} documents, {result['words']:,} words "
        "(whitespace-separated), copies of corpus/raw with a unique reference line each "
        "and, for every third, the years moved on.",
        "",
        "| measurement | docs | words | seconds | words/s | peak RSS, largest process | "
        "peak RSS, all processes | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['name']} | {row['docs']:,} | {row['words']:,} | {row['seconds']:.1f} | "
            f"{row['words_per_second']:,.0f} | {row['peak_rss_largest_mib']:,.0f} MiB | "
            f"{row['peak_rss_all_mib']:,.0f} MiB | {row['note']} |"
        )
    lines.append("")
    lines += [f"- {note}" for note in result["notes"]]
    lines += [f"- {ratio}" for ratio in _ratios(result["rows"])]
    lines.append(
        "- Seconds are wall-clock for the whole call: worker start-up and one model load per "
        "process are included (the tokenizer and NER rows time the processing only)."
    )
    for row in result["rows"]:
        if "rss_profile" in row:
            lines += ["", *_profile_lines(row, f"'{row['name']}'")]
    return lines


def _ratios(rows: list[dict]) -> list[str]:
    """The speed ratios the targets are stated in, from this run's rows."""
    speed = {row["name"]: row["words_per_second"] for row in rows}
    single = speed.get("full extraction, 1 process")
    if not single:
        return []
    ratios = []
    ner = speed.get("tokenizer + trained NER alone")
    if ner:
        ratios.append(
            f"Full extraction, 1 process, at {single / ner:.0%} of tokenizer + NER alone."
        )
    for name, value in speed.items():
        if name.startswith("full extraction,") and value != single:
            ratios.append(f"'{name}': {value / single:.2f}x '1 process'.")
    return ratios


def _memory_lines(result: dict) -> list[str]:
    row = result["row"]
    lines = _profile_lines(
        row, f"{result['docs']:,} documents ({result['words']:,} words; {result['how']})"
    )
    by_docs = {round(p * result["docs"] / 100): rss for p, _, rss in row["rss_profile"]}
    if 1000 in by_docs and result["docs"] in by_docs:
        growth = by_docs[result["docs"]] - by_docs[1000]
        lines += [
            "",
            f"RSS after {result['docs']:,} documents minus RSS after 1,000: {growth:+,.0f} MiB.",
        ]
    return lines


def _profile_lines(row: dict, title: str) -> list[str]:
    lines = [
        f"RSS of the process doing the NLP during {title}: {row['seconds']:.0f} s, "
        f"{row['words_per_second']:,.0f} words/s, peak {row['peak_rss_largest_mib']:,.0f} MiB "
        "(model loading included).",
        "",
        "| documents done | seconds | RSS |",
        "| ---: | ---: | ---: |",
    ]
    for percent, seconds, rss in row["rss_profile"]:
        lines.append(f"| {percent:.0f} % | {seconds:.0f} | {rss:,.0f} MiB |")
    return lines


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--parts",
        default="speed,memory",
        help="which parts to run (speed, memory); the others keep their last results",
    )
    parser.add_argument("--docs", type=int, default=2000, help="documents in the corpus")
    parser.add_argument("--memory-docs", type=int, default=20000)
    parser.add_argument(
        "--memory-excerpt-lines",
        type=int,
        default=4,
        help="long run: only the first N lines of each copy, so that many documents fit in "
        "the time (0: whole copies)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backbone", default="auto", help="backbone of the full extraction")
    parser.add_argument("--memory-backbone", default="auto", help="backbone of the long run")
    parser.add_argument("--ner-model", type=Path, default=NER_MODEL)
    parser.add_argument("--work-dir", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--results", type=Path, default=REPO / "bench" / "RESULTS.md")
    parser.add_argument("--seed", type=int, default=20241122)
    parser.add_argument("--measure", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        run_child(args.measure)
        return
    parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    unknown = set(parts) - {"speed", "memory"}
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")

    data_path = args.results.with_name("results.json")
    results = json.loads(data_path.read_text("utf-8")) if data_path.exists() else {}
    command = " ".join(["python", "bench/run_bench.py", *sys.argv[1:]])
    runners = {"speed": run_speed, "memory": run_memory}
    for part in parts:
        started = time.perf_counter()
        info = machine()
        result = runners[part](args, args.work_dir)
        result["run"] = {
            "command": command,
            "date": time.strftime("%Y-%m-%d %H:%M %Z"),
            "minutes": round((time.perf_counter() - started) / 60, 1),
            "machine": info,
            "load_after": " / ".join(f"{value:.2f}" for value in os.getloadavg()),
        }
        results[part] = result
        data_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
        args.results.write_text(render(results), "utf-8")
    print(f"[bench] results in {args.results} and {data_path}", file=sys.stderr)


if __name__ == "__main__":
    main()

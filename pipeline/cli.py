"""The `minutes` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.batch import DEFAULT_BATCH_SIZE
from pipeline.ingest import DEFAULT_MAX_BYTES

app = typer.Typer(
    help="Turn German meeting minutes into validated, traceable JSON records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

BACKBONE_HELP = (
    "German backbone: 'auto' (de_core_news_md if installed, else the project's model in "
    "models/, else rules only), 'rules', 'de_core_news_md', or a path to a spaCy pipeline."
)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"minutes: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Files and/or directories of minutes.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the JSON records.")],
    backbone: Annotated[str, typer.Option(help=BACKBONE_HELP)] = "auto",
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Worker processes, each with the model loaded once (1: this process). With "
            "--engine dask and no --scheduler: the workers of a local Dask cluster.",
        ),
    ] = 1,
    engine: Annotated[
        str,
        typer.Option(
            help="'local' (this machine) or 'dask' (a Dask distributed cluster; needs the "
            "'dask' extra)."
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Address of a running Dask scheduler (tcp://host:8786), for --engine dask. "
            "Its workers need this package and the model installed."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo inputs whose records are up to date.")
    ] = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per nlp.pipe batch.")
    ] = DEFAULT_BATCH_SIZE,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say which backbone.")] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse input files larger than this.")
    ] = DEFAULT_MAX_BYTES,
    debug: Annotated[
        bool, typer.Option("--debug", help="Print the traceback of each failure.")
    ] = False,
) -> None:
    """Extract one JSON record per input file into OUT/<stem>.json.

    Inputs: .txt and .md (any common encoding), .html/.htm (main content), .pdf, .docx.

    Documents go through the model in batches, on --workers processes or a Dask cluster.

    The records are the same whichever engine runs them; each is written atomically.

    A bad input is reported as `path: reason` on stderr, gets no record; the batch goes on.

    OUT/_manifest.jsonl: one line per input (status, reason, sha256, versions, time).

    A re-run skips inputs that are up to date (--force redoes them): a stopped batch resumes.

    The last line sums up; the exit code is 1 if any input failed, else 0.
    """
    from tqdm import tqdm

    from pipeline.batch import BatchError, expected_backbone, run_batch
    from pipeline.ingest import expand_inputs

    if engine not in ("local", "dask"):
        _fail(f"unknown engine '{engine}' (choose 'local' or 'dask')")
    if scheduler is not None and engine != "dask":
        _fail("--scheduler needs --engine dask")
    paths = list(dict.fromkeys(expand_inputs(inputs)))  # an input named twice runs once
    if not paths:
        _fail("no input files found")
    if verbose:
        try:
            kind, ner_model = expected_backbone(backbone)
        except BatchError as err:
            _fail(str(err))
        typer.echo(f"backbone: {kind}" + (f" ({ner_model})" if ner_model else ""), err=True)

    def report(path: str, reason: str, detail: str | None) -> None:
        tqdm.write(f"{_one_line(path)}: {_one_line(reason)}", file=sys.stderr)
        if debug and detail:
            tqdm.write(detail.rstrip(), file=sys.stderr)

    try:
        summary = run_batch(
            paths,
            out,
            workers=workers,
            engine=engine,  # type: ignore[arg-type]
            scheduler=scheduler,
            force=force,
            progress=not quiet,
            backbone=backbone,
            batch_size=batch_size,
            max_bytes=max_bytes,
            on_failure=report,
        )
    except BatchError as err:
        _fail(str(err))
    except KeyboardInterrupt:
        _fail("interrupted; records written so far are kept, re-run to resume", code=130)
    if not quiet:
        typer.echo(summary.line, err=True)
    raise typer.Exit(1 if summary.failed else 0)


def _one_line(text: str) -> str:
    """Control characters (newlines in file names or messages) escaped: one report line."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    from pipeline.records import record_json_schema

    typer.echo(json.dumps(record_json_schema(), indent=2, ensure_ascii=False))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Directory of gold JSON files.")],
    pred: Annotated[Path, typer.Option(help="Directory of predicted records.")],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores as JSON here.")
    ] = None,
    docs: Annotated[
        list[str] | None, typer.Option("--doc", help="Only these documents (file names).")
    ] = None,
) -> None:
    """Score predicted records against gold annotation (the spec's Scoring section)."""
    from pipeline.evaluate import EvaluationError, evaluate_dirs, format_report

    try:
        scores = evaluate_dirs(gold, pred, only=set(docs) if docs else None)
    except EvaluationError as err:
        _fail(str(err))
    typer.echo(format_report(scores))
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n", "utf-8")


@app.command()
def info(
    backbone: Annotated[str, typer.Option(help=BACKBONE_HELP)] = "auto",
) -> None:
    """Say which backbone and model versions a record would be produced with."""
    from pipeline import __version__
    from pipeline.tag.nlp import BackboneError, build_nlp

    try:
        nlp, chosen = build_nlp(backbone)
    except BackboneError as err:
        _fail(str(err))
    typer.echo(f"pipeline version: {__version__}")
    typer.echo(f"backbone: {chosen.kind}")
    typer.echo(f"ner model: {chosen.ner_model or 'none (rules only)'}")
    if chosen.path:
        typer.echo(f"model path: {chosen.path}")
    typer.echo(f"components: {', '.join(nlp.pipe_names)}")


@app.command()
def load(
    output_dir: Annotated[Path, typer.Argument(help="Directory of records (minutes extract).")],
    db: Annotated[str, typer.Option("--db", help="SQLAlchemy URL (SQLite or PostgreSQL).")] = (
        "sqlite:///outputs/minutes.db"
    ),
) -> None:
    """Load records into a database; idempotent (documents are keyed by text_sha256)."""
    from pipeline.store import StoreSchemaError, load_records

    try:
        summary = load_records(output_dir, db)
    except (FileNotFoundError, StoreSchemaError) as err:
        _fail(str(err))
    for failure in summary.failures:
        typer.echo(str(failure), err=True)
    typer.echo(
        f"{summary.url}: {summary.inserted} inserted, {summary.replaced} replaced, "
        f"{summary.unchanged} unchanged, {summary.failed} failed"
    )
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def export(
    output_dir: Annotated[Path, typer.Argument(help="Directory of records (minutes extract).")],
    dest: Annotated[Path, typer.Option("--dest", help="Directory for the tables.")] = Path(
        "outputs/tables"
    ),
    fmt: Annotated[str, typer.Option("--format", help="parquet or csv.")] = "parquet",
) -> None:
    """Write one table per entity kind (documents, mentions, items, people, ...) via pandas."""
    from pipeline.export import InvalidRecordsError, export_tables

    if fmt not in ("parquet", "csv"):
        _fail(f"unknown format '{fmt}' (parquet or csv)")
    try:
        paths = export_tables(output_dir, dest, fmt)  # type: ignore[arg-type]
    except (FileNotFoundError, InvalidRecordsError) as err:
        _fail(str(err))
    for path in paths:
        typer.echo(str(path))


train_app = typer.Typer(
    help="Train the project's models (reproducibly, from the repository).", no_args_is_help=True
)
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner(
    output: Annotated[Path, typer.Option(help="Training run directory.")] = Path(
        "training/runs/final"
    ),
    package_to: Annotated[Path, typer.Option("--package", help="Where the model ships.")] = Path(
        "models/de_minutes_ner"
    ),
) -> None:
    """Convert GermEval 2014 and the gold minutes, pretrain the tok2vec on their raw text,
    train the German NER (pipeline/train/ner.cfg) and package it (about 25 min, 1 core)."""
    from pipeline.train import ner

    ner.convert(ner.CORPUS_DIR)
    weights = ner.pretrain(ner.PRETRAIN_DIR)
    ner.train(
        output, ner.CONFIG_PATH, {"paths.init_tok2vec": str(weights)}, corpus_dir=ner.CORPUS_DIR
    )
    dest = ner.package(output / "model-best", package_to)
    typer.echo(f"packaged {dest} ({ner.dir_size_mb(dest):.1f} MB)")


@train_app.command("items")
def train_items() -> None:
    """Train the item classifier on the gold corpus (holdout excluded) and save it."""
    from pipeline.train.items import run_cli

    run_cli("train")


@app.command("evaluate-ner")
def evaluate_ner(
    model: Annotated[Path, typer.Argument(help="spaCy pipeline directory.")] = Path(
        "models/de_minutes_ner"
    ),
    split: Annotated[str, typer.Option(help="GermEval split: test or dev.")] = "test",
) -> None:
    """GermEval 2014 outer-layer strict PER/ORG/LOC scores of an NER model."""
    from pipeline.train import ner

    if not (model / "meta.json").exists():
        _fail(f"{model}: no spaCy pipeline there")
    typer.echo(ner._format_scores(ner.evaluate_germeval(model, split=split)))


@app.command("evaluate-items")
def evaluate_items(
    split_seed: Annotated[
        list[int] | None,
        typer.Option(
            metavar="SEED",
            help="Instead of the standard split, shuffle the documents into folds with this "
            "seed (repeatable): shows how much the scores owe to one split."
        ),
    ] = None,
    items_only: Annotated[
        bool,
        typer.Option(
            help="Add the items-only documents (corpus/items_only) to every training fold, "
            "as `minutes train items` does; --no-items-only trains on the gold corpus alone. "
            "Scores are always on the gold corpus."
        ),
    ] = True,
) -> None:
    """Document-grouped cross-validation of the item classifier, with and without headings,
    and its scores on the holdout documents."""
    from pipeline.train.items import run_cli

    run_cli("evaluate", split_seeds=split_seed, items_only=items_only)


corrections_app = typer.Typer(
    help="Reviewed corrections of records -> gold files (shared/spec/annotation.md).",
    no_args_is_help=True,
)
app.add_typer(corrections_app, name="corrections")


@corrections_app.command("export")
def corrections_export(
    records: Annotated[Path, typer.Argument(help="Directory of records (minutes extract).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the CSV files.")],
    sources: Annotated[
        list[Path] | None,
        typer.Option("--sources", help="Directory of the raw files, if moved since extraction."),
    ] = None,
) -> None:
    """Write entities.csv and items.csv to review in a spreadsheet (verdict: right/wrong)."""
    from pipeline.review import load_review

    try:
        review = load_review(records, source_dirs=sources or ())
    except (FileNotFoundError, ValueError) as err:
        _fail(str(err))
    for path in review.to_csv(out):
        typer.echo(str(path))


@corrections_app.command("apply")
def corrections_apply(
    files: Annotated[
        list[Path],
        typer.Argument(help="Correction CSVs: entities (label column) or items (category)."),
    ],
    records: Annotated[Path, typer.Option(help="Directory of the records they correct.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the gold files.")],
    docs: Annotated[
        list[str] | None, typer.Option("--doc", help="Only these documents (file names).")
    ] = None,
    sources: Annotated[
        list[Path] | None,
        typer.Option("--sources", help="Directory of the raw files, if moved since extraction."),
    ] = None,
) -> None:
    """Validate the corrections against the source texts and write OUT/<stem>.json gold files.

    Gold files are written for the documents with a verdict or a change (or those named with
    --doc); nothing is written if any correction is invalid (exit code 1).
    """
    from pipeline.corrections import CorrectionError, apply_corrections

    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        _fail(f"no such file: {', '.join(missing)}")
    if not records.is_dir():
        _fail(f"{records}: no such directory")
    try:
        report = apply_corrections(
            files, out, records=records, docs=docs, source_dirs=sources or ()
        )
    except CorrectionError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    except (FileNotFoundError, ValueError) as err:
        _fail(str(err))
    counts = report.counts()
    for path in report.written:
        doc = next((d for d in counts if Path(d).stem == path.stem), None)
        summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.get(doc, {}).items()))
        typer.echo(f"{path}: {summary or 'unchanged'}")
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if report.not_applied:
        typer.echo(f"not applied (not named with --doc): {', '.join(report.not_applied)}", err=True)
    typer.echo(f"{len(report.written)} gold file(s) written to {out}", err=True)


def main() -> None:
    app()

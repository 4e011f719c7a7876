"""The `minutes` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say which backbone.")] = False,
) -> None:
    """Extract one JSON record per input file into OUT/<stem>.json.

    Unreadable or unsupported inputs are reported (file: reason) on stderr and skipped;
    the exit code is 1 if any input failed, else 0.
    """
    from tqdm import tqdm

    from pipeline.extract import Extractor
    from pipeline.ingest import expand_inputs
    from pipeline.tag.nlp import BackboneError
    from pipeline.write import write_record

    paths = list(expand_inputs(inputs))
    if not paths:
        _fail("no input files found")
    if out.exists() and not out.is_dir():
        _fail(f"{out}: output path exists and is not a directory")
    try:
        extractor = Extractor(backbone)
    except BackboneError as err:
        _fail(str(err))
    if verbose:
        typer.echo(f"backbone: {extractor.backbone.description}", err=True)

    failures = 0
    written = 0
    taken: dict[str, Path] = {}
    show_progress = not quiet and sys.stderr.isatty()
    for path in tqdm(paths, desc="minutes", unit="doc", disable=not show_progress):
        target = out / f"{path.stem}.json"
        if target.name in taken:
            failures += 1
            typer.echo(
                f"{path}: output name {target.name} already used by {taken[target.name]}", err=True
            )
            continue
        outcome = extractor.extract_path(path)
        if outcome.record is None:
            failures += 1
            typer.echo(f"{path}: {outcome.error}", err=True)
            continue
        taken[target.name] = path
        write_record(outcome.record, target)
        written += 1
    if not quiet:
        typer.echo(f"{written} records written to {out}, {failures} failed", err=True)
    raise typer.Exit(1 if failures else 0)


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


train_app = typer.Typer(help="Train the project's models (reproducibly, from the repository).",
                        no_args_is_help=True)
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
    """Convert GermEval 2014, train the German NER (pipeline/train/ner.cfg) and package it."""
    from pipeline.train import ner

    ner.convert(ner.CORPUS_DIR)
    ner.train(output, ner.CONFIG_PATH, {}, corpus_dir=ner.CORPUS_DIR)
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
def evaluate_items() -> None:
    """Document-grouped cross-validation of the item classifier, with and without headings."""
    from pipeline.train.items import run_cli

    run_cli("evaluate")


def main() -> None:
    app()

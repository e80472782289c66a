"""The ``eventlens`` command: thin commands that read options, call the library and print.

Exit status: 0 when every article was processed, 1 when some articles had errors (they are
reported and the run went on), 2 for usage errors, 3 when the run could not start (a spaCy pipeline
or an event-model weight file missing or unreadable).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from eventlens import __version__, runner
from eventlens.config import Settings, load_settings
from eventlens.output import render

app = typer.Typer(
    help="Turn English news articles into event data: actors, CAMEO events, dates and quotes.",
    no_args_is_help=True,
    add_completion=False,
)
query_app = typer.Typer(help="Read events, quotes, actors or errors from an eventlens DuckDB file.", no_args_is_help=True)
app.add_typer(query_app, name="query")


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


Inputs = Annotated[list[str], typer.Argument(help=".jsonl files, .txt files, folders, or - for stdin (JSONL).")]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file [default: settings db_path, eventlens.duckdb].")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help="Installed spaCy pipeline to use.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="TOML file overriding the default settings.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", help="Return at most this many rows.")]


def _settings(config: Path | None, **flags: object) -> Settings:
    """Settings from the packaged defaults, the environment, ``--config`` and flags."""
    try:
        return load_settings(config).replace(**flags)
    except (ValueError, OSError) as exc:
        raise typer.BadParameter(str(exc)) from exc


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventlens {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """eventlens: who did what to whom, when, and who said what."""


@app.command()
def extract(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="JSONL file to write (- for stdout).")] = Path("-"),
    include_text: Annotated[bool, typer.Option("--include-text", help="Add the article text to each record.")] = False,
    model: ModelOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Extract one RESULT-SCHEMA record per article into a JSONL file."""
    settings = _settings(config, spacy_model=model)
    report = runner.extract_to_jsonl(inputs, output, settings, include_text=include_text)
    runner.print_report(report, f"wrote {output}" if str(output) != "-" else None)
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def ingest(inputs: Inputs, db: DbOpt = None, model: ModelOpt = None, config: ConfigOpt = None) -> None:
    """Extract articles and store them in DuckDB (re-running the same input changes nothing)."""
    settings = _settings(config, spacy_model=model, db_path=str(db) if db else None)
    report = runner.ingest(inputs, settings)
    runner.print_report(report, f"stored in {settings.db_path}")
    raise typer.Exit(1 if report.errors else 0)


def _query(kind: str, db: Path | None, fmt: Format, **filters: object) -> None:
    """Run one read-only query and print its rows."""
    path = str(db) if db else load_settings().db_path
    try:
        rows, columns = runner.query_rows(kind, path, **filters)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(render(rows, fmt.value, columns), nl=False)


@query_app.command("events")
def query_events(
    db: DbOpt = None,
    actor: Annotated[Optional[str], typer.Option(help="Source or target actor code prefix (RUS, FRAGOV).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Source actor code prefix.")] = None,
    target: Annotated[Optional[str], typer.Option(help="Target actor code prefix.")] = None,
    code: Annotated[Optional[str], typer.Option(help="CAMEO code prefix (04 matches 042).")] = None,
    root: Annotated[Optional[str], typer.Option(help="CAMEO root, two digits.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Events on or before YYYY-MM-DD.")] = None,
    article: Annotated[Optional[str], typer.Option(help="Only this article id.")] = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Events, filtered by actor, code, root and date range."""
    _query("events", db, fmt, actor=actor, source=source, target=target, code=code, root=root,
           since=since, until=until, article=article, limit=limit)


@query_app.command("quotes")
def query_quotes(
    db: DbOpt = None,
    speaker: Annotated[Optional[str], typer.Option(help="Speaker name contains this (any case).")] = None,
    actor: Annotated[Optional[str], typer.Option(help="Speaker actor code prefix.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Quotes on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Quotes on or before YYYY-MM-DD.")] = None,
    article: Annotated[Optional[str], typer.Option(help="Only this article id.")] = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Quotes, filtered by speaker, speaker code and date range."""
    _query("quotes", db, fmt, speaker=speaker, actor=actor, since=since, until=until, article=article, limit=limit)


@query_app.command("actors")
def query_actors(
    db: DbOpt = None,
    code: Annotated[Optional[str], typer.Option(help="Actor code prefix.")] = None,
    name: Annotated[Optional[str], typer.Option(help="Name contains this.")] = None,
    article: Annotated[Optional[str], typer.Option(help="Only this article id.")] = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Distinct actors with their mention counts."""
    _query("actors", db, fmt, code=code, name=name, article=article, limit=limit)


@query_app.command("errors")
def query_errors(db: DbOpt = None, fmt: FormatOpt = Format.table) -> None:
    """Articles that could not be processed, with the reason."""
    _query("errors", db, fmt)


@app.command("eval")
def eval_cmd(
    benchmarks: Annotated[Optional[list[str]], typer.Argument(help="Benchmarks: seed, devset, actors, petrarch, plover, plv, timex, timelines, quotes, or all [default: all implemented].")] = None,
    shared: Annotated[Optional[Path], typer.Option(help="The shared/ folder with benchmarks/.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N devset articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print figures as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List missed events and not-event violations.")] = False,
    model: ModelOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Score eventlens on the shared benchmarks and print the figures."""
    settings = _settings(config, spacy_model=model)
    try:
        names = runner.benchmark_names(benchmarks)
        runs = runner.evaluate(names, settings, shared, limit)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps({r.name: {**r.figures, "errors": r.errors} for r in runs}, indent=2))
    else:
        for r in runs:
            typer.echo(runner.format_report(r, details))
    raise typer.Exit(1 if any(r.errors for r in runs) else 0)


@app.command()
def bench(
    inputs: Annotated[Optional[list[str]], typer.Argument(help="Articles to time [default: the bundled samples/ or the devset].")] = None,
    repeat: Annotated[int, typer.Option(help="Process the inputs this many times.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print figures as JSON.")] = False,
    model: ModelOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print speed and memory figures: load times, parse time, per-stage time per 1,000 sentences."""
    from eventlens import bench as bench_lib

    settings = _settings(config, spacy_model=model)
    figures = bench_lib.run(inputs or runner.default_bench_inputs(), settings, repeat).figures()
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
    else:
        typer.echo(render([{"figure": k, "value": v} for k, v in figures.items()], "table"), nl=False)


@app.command()
def train(
    data: Annotated[Optional[list[Path]], typer.Argument(help="Training JSONL files or folders [default: training/events/ of the checkout].")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Weight file to write [default: the packaged model file].")] = None,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation of the event detector.")] = 1.0,
    code_c: Annotated[float, typer.Option("--code-c", help="Inverse regularisation of the code classifier.")] = 2.0,
    threshold: Annotated[float, typer.Option(help="Least P(event) for the model to code a word.")] = 0.4,
    model: ModelOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Rebuild the learned event layer's weights from the labelled training sentences."""
    from eventlens import training
    from eventlens.coding.learned import packaged_model_path

    settings = _settings(config, spacy_model=model)
    try:
        report = training.train(data or [training.default_data_dir()], out or packaged_model_path(), settings, c,
                                threshold, code_c)
    except (training.TrainingError, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(json.dumps(report, indent=2))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output record."""
    from eventlens.schema import result_schema

    typer.echo(json.dumps(result_schema(), indent=2))


@app.command()
def validate(path: Annotated[Path, typer.Argument(help="JSONL file written by eventlens extract.")]) -> None:
    """Check every record of a JSONL file against the output schema."""
    bad = runner.validate_jsonl(path)
    for line in bad:
        typer.echo(line, err=True)
    typer.echo(f"{path}: {'ok' if not bad else f'{len(bad)} problems'}")
    raise typer.Exit(1 if bad else 0)


STARTUP_FAILED = 3


def run() -> None:
    """The console entry point: the Typer app, with start-up failures (a missing spaCy pipeline, a
    missing or corrupt event-model file) told in one line instead of a traceback."""
    from eventlens.coding.learned import ModelError
    from eventlens.parse import ModelNotInstalled

    try:
        app()
    except (ModelError, ModelNotInstalled) as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(STARTUP_FAILED)


if __name__ == "__main__":  # pragma: no cover
    run()

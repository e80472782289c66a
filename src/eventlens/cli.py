"""The ``eventlens`` command: thin commands that read options, call the library and print.

Exit status: 0 when every article was processed, 1 when some articles had errors (they are
reported and the run went on), 2 for a user's mistake (a bad option value, an output or database
path that cannot be used, a database locked by another process past the wait), 3 when the run could
not start or go on (a spaCy pipeline or an event-model weight file missing or unreadable, the output
or the database refusing writes mid-run, an unexpected failure). ``Commands.invoke`` is the one
place where library exceptions become these one-line messages and statuses.
"""

from __future__ import annotations

import json
import logging
import os
import traceback
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from eventlens import __version__, runner
from eventlens.config import Settings, load_settings
from eventlens.output import render

USAGE_ERROR = 2
STARTUP_FAILED = 3


def _exit_status(exc: Exception) -> int | None:
    """The exit status for a library exception that ends a command, None for an unexpected one."""
    from eventlens.events.learned import ModelError
    from eventlens.parse import ModelNotInstalled
    from eventlens.store import StoreError

    if isinstance(exc, (runner.UsageError, StoreError, FileNotFoundError)):
        return USAGE_ERROR
    if isinstance(exc, (ModelError, ModelNotInstalled, runner.RunAborted)):
        return STARTUP_FAILED
    return None


def _from_click(exc: Exception) -> bool:
    """Whether ``exc`` is click's own (a bad option value, an unknown option): click prints it as a
    usage error with status 2. Typer may ship click inside itself (``typer._click``), so the
    exception classes are matched by module, not imported."""
    return any(cls.__module__.split(".")[-2:-1] in (["click"], ["_click"]) for cls in type(exc).__mro__)


class Commands(TyperGroup):
    """The command group: a library exception becomes one line on stderr and its exit status."""

    # typer hands its own Context (a subclass of click's); the base class names click's Context, which
    # newer typers vendor as the private typer._click and older ones import from click: no one name fits both.
    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if isinstance(exc, (typer.Exit, typer.Abort)):
                raise
            if _from_click(exc):
                if getattr(exc, "exit_code", None) != USAGE_ERROR or not hasattr(exc, "format_message"):
                    raise
                where = getattr(getattr(exc, "ctx", None), "command_path", None) or ctx.command_path
                typer.echo(f"error: {exc.format_message()}; see `{where} --help`", err=True)
                raise typer.Exit(USAGE_ERROR) from exc
            status = _exit_status(exc)
            if status is None:  # a bug: keep the traceback for the report
                traceback.print_exc()
                typer.echo(f"error: internal error: {type(exc).__name__}: {exc}", err=True)
                raise typer.Exit(STARTUP_FAILED) from exc
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(status) from exc


app = typer.Typer(
    cls=Commands,
    help="Turn English news articles into event data: actors, CAMEO events, dates and quotes.",
    no_args_is_help=True,
    add_completion=False,
)
query_app = typer.Typer(help="Read events, quotes, actors or errors from an eventlens DuckDB file.",
                        no_args_is_help=True)
app.add_typer(query_app, name="query")


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


Inputs = Annotated[list[str], typer.Argument(help=".jsonl files, .txt files, folders, or - for stdin (JSONL).")]
DbOpt = Annotated[Path | None, typer.Option("--db", help="DuckDB file [default: settings db_path, eventlens.duckdb].")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="Installed spaCy pipeline to use.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML file overriding the default settings.")]
JobsOpt = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, help="Worker processes [default: every core for more than a few articles].")]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="No progress bar and no summary (errors are still shown).")]
class Engine(str, Enum):
    local = "local"
    dask = "dask"


EngineOpt = Annotated[Engine, typer.Option("--engine", help="local: processes on this machine; dask: Dask workers "
                                           "(pip install 'eventlens[dask]'), Parquet output by month.")]
SchedulerOpt = Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786) "
                                                     "[default: a local cluster of 2 workers].")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="Return at most this many rows.")]


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
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """eventlens: who did what to whom, when, and who said what."""


@app.command()
def extract(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="JSONL file to write (- for stdout).")] = Path("-"),
    include_text: Annotated[bool, typer.Option("--include-text", help="Add the article text to each record.")] = False,
    model: ModelOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
) -> None:
    """Extract one RESULT-SCHEMA record per article into a JSONL file, in input order; with
    --engine dask, into a folder of Parquet tables by publication month."""
    settings = _settings(config, spacy_model=model)
    if engine is Engine.dask:
        report = runner.extract_dask(inputs, output, settings, scheduler)
    else:
        report = runner.extract_to_jsonl(inputs, output, settings, include_text=include_text, jobs=jobs,
                                         progress=runner.show_progress(quiet))
    if not quiet:
        runner.print_report(report, f"wrote {output}" if str(output) != "-" else None)
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def ingest(
    inputs: Inputs,
    db: DbOpt = None,
    model: ModelOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Code every article again, even those stored unchanged.")] = False,
    quiet: QuietOpt = False,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
) -> None:
    """Extract articles and store them in DuckDB. Articles stored with the same text and settings are
    skipped, so an interrupted run started again goes on where it stopped. A folder written by
    `extract --engine dask` is loaded as it is."""
    settings = _settings(config, spacy_model=model, db_path=str(db) if db else None)
    if engine is Engine.dask:
        report = runner.ingest_dask(inputs, settings, scheduler)
    else:
        report = runner.ingest(inputs, settings, jobs=jobs, force=force, progress=runner.show_progress(quiet))
    if not quiet:
        runner.print_report(report, f"stored in {settings.db_path}")
    raise typer.Exit(1 if report.errors else 0)


def _query(kind: str, db: Path | None, fmt: Format, **filters: object) -> None:
    """Run one read-only query and print its rows."""
    settings = load_settings()
    path = str(db) if db else settings.db_path
    rows, columns = runner.query_rows(kind, path, wait=settings.lock_seconds, **filters)
    typer.echo(render(rows, fmt.value, columns if fmt is Format.table else None), nl=False)  # json/csv: every column


@query_app.command("events")
def query_events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(help="Source or target actor code prefix (RUS, FRAGOV).")] = None,
    source: Annotated[str | None, typer.Option(help="Source actor code prefix.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code prefix.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code prefix (04 matches 042).")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root, two digits.")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id.")] = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Events, filtered by actor, code, root and date range."""
    _query("events", db, fmt, actor=actor, source=source, target=target, code=code, root=root,
           since=since, until=until, article=article, limit=limit)


@query_app.command("quotes")
def query_quotes(
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option(help="Speaker name contains this (any case).")] = None,
    actor: Annotated[str | None, typer.Option(help="Speaker actor code prefix.")] = None,
    since: Annotated[str | None, typer.Option(help="Quotes on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Quotes on or before YYYY-MM-DD.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id.")] = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Quotes, filtered by speaker, speaker code and date range."""
    _query("quotes", db, fmt, speaker=speaker, actor=actor, since=since, until=until, article=article, limit=limit)


@query_app.command("actors")
def query_actors(
    db: DbOpt = None,
    code: Annotated[str | None, typer.Option(help="Actor code prefix.")] = None,
    name: Annotated[str | None, typer.Option(help="Name contains this.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id.")] = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Distinct actors with their mention counts."""
    _query("actors", db, fmt, code=code, name=name, article=article, limit=limit)


@query_app.command("errors")
def query_errors(db: DbOpt = None, fmt: FormatOpt = Format.table) -> None:
    """Articles that could not be processed, with the reason."""
    _query("errors", db, fmt)


class ExportKind(str, Enum):
    events = "events"
    happenings = "happenings"
    quotes = "quotes"
    actors = "actors"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"


@app.command("export")
def export_cmd(
    kind: Annotated[ExportKind, typer.Argument(help="What to export.")],
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f",
        help="jsonl, csv, parquet, or plover (PLOVER/POLECAT-style JSON lines; events and happenings).",
    )] = ExportFormat.jsonl,
    output: Annotated[str, typer.Option(
        "-o", "--output", help="File to write (- for stdout; parquet needs a file).")] = "-",
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(
        help="Source or target (events, happenings) or speaker (quotes) code prefix.")] = None,
    source: Annotated[str | None, typer.Option(help="Source actor code prefix.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code prefix.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code prefix (events) or actor code prefix (actors).")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root, two digits.")] = None,
    since: Annotated[str | None, typer.Option(help="On or after YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option(help="On or before YYYY[-MM[-DD]].")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Quotes: speaker name contains this.")] = None,
    name: Annotated[str | None, typer.Option(help="Actors: name contains this.")] = None,
    min_reports: Annotated[int | None, typer.Option(help="Happenings: at least this many reports.")] = None,
    limit: LimitOpt = None,
) -> None:
    """Export events, happenings, quotes or actors with every column (JSONL, CSV, Parquet or PLOVER JSON)."""
    from eventlens import export, query

    path = str(db) if db else load_settings().db_path
    filters = dict(actor=actor, source=source, target=target, code=code, root=root, since=since, until=until,
                   article=article, speaker=speaker, name=name, min_reports=min_reports, limit=limit)
    try:
        con = query.open_db(path)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}; run `eventlens ingest` first", err=True)
        raise typer.Exit(2) from exc
    try:
        n = export.export(con, kind.value, fmt.value, output, **filters)
    except ValueError as exc:  # ExportError or a bad filter value
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        con.close()
    if output != "-":
        typer.echo(f"wrote {n} {kind.value} to {output}", err=True)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the analyst's workbench (read-only web pages and JSON API under /api/) over a store."""
    try:
        import uvicorn

        from eventlens.web.app import create_app
    except ImportError as exc:
        typer.echo(f"error: the web app needs its extra: pip install -e '.[web]' ({exc})", err=True)
        raise typer.Exit(2) from exc
    path = str(db) if db else load_settings().db_path
    if not Path(path).exists():
        typer.echo(f"error: no database at {path}; run `eventlens ingest` first", err=True)
        raise typer.Exit(2)
    typer.echo(f"eventlens workbench on http://{host}:{port}/ over {path} (read-only)", err=True)
    uvicorn.run(create_app(path), host=host, port=port, log_level="warning")


@app.command("eval")
def eval_cmd(
    benchmarks: Annotated[list[str] | None, typer.Argument(
        help="Benchmarks: seed, devset, actors, petrarch, plover, plv, timex, timelines, quotes, or all "
             "[default: all implemented].",
    )] = None,
    shared: Annotated[Path | None, typer.Option(help="The shared/ folder with benchmarks/.")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N devset articles.")] = None,
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
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Articles to time [default: 40 Timeline17 articles from shared/, else the devset or samples/].",
    )] = None,
    rounds: Annotated[int, typer.Option(
        "--rounds", "--repeat",
        help="Interleaved runs of bare parsing and the whole pipeline; medians are reported.",
    )] = 3,
    limit: Annotated[int | None, typer.Option(
        "--limit",
        help="Time this many articles spread over the inputs (0: all) [default: 40 for Timeline17, else all].",
    )] = None,
    startup_runs: Annotated[int, typer.Option(
        "--startup-runs", help="Fresh processes timed for the start-up figures (0: skip).")] = 3,
    jobs: Annotated[str, typer.Option(
        "--jobs", help="Process counts to time the same articles with, comma-separated (empty: skip).")] = "1,2",
    scaling: Annotated[bool, typer.Option(
        "--scaling",
        help="Instead: parse and stage time on the first 20k, 40k, 80k and 160k characters of the longest "
             "input article.",
    )] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print figures as JSON.")] = False,
    model: ModelOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print speed and memory figures: start-up, bare spaCy parsing vs the whole pipeline (articles,
    sentences and words per second, their ratio), time per stage, peak RSS; or, with --scaling, how
    time grows with article length."""
    from eventlens import bench as bench_lib

    settings = _settings(config, spacy_model=model)
    default, default_limit = bench_lib.default_inputs() if not inputs else (inputs, None)
    say = (lambda msg: None) if as_json else (lambda msg: typer.echo(msg, err=True))
    if scaling:
        rows = bench_lib.scaling(default, settings, rounds=rounds, progress=say)
        typer.echo(json.dumps(rows, indent=2) if as_json else render(rows, "table"), nl=as_json)
        return
    try:
        counts = [int(n) for n in jobs.split(",") if n.strip()]
    except ValueError:
        raise typer.BadParameter(f"--jobs takes whole numbers separated by commas, not {jobs!r}") from None
    if any(n < 1 for n in counts):
        raise typer.BadParameter("--jobs counts must be 1 or more")
    report = bench_lib.run(default, settings, rounds, default_limit if limit is None else limit, startup_runs,
                           str(config) if config else None, progress=say, jobs=counts)
    figures = report.figures()
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    for title, rows in bench_lib.tables(figures):
        typer.echo(title)
        typer.echo(render(rows, "table"), nl=False)


@app.command()
def train(
    data: Annotated[list[Path] | None, typer.Argument(
        help="Training JSONL files or folders [default: training/events/ of the checkout].")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Weight file to write [default: the packaged model file].")] = None,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation of the event detector.")] = 1.0,
    code_c: Annotated[float, typer.Option("--code-c", help="Inverse regularisation of the code classifier.")] = 2.0,
    threshold: Annotated[float, typer.Option(help="Least P(event) for the model to code a word.")] = 0.4,
    model: ModelOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Rebuild the learned event layer's weights from the labelled training sentences."""
    from eventlens.events import training
    from eventlens.events.learned import packaged_model_path

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


def run() -> None:
    """The console entry point: the Typer app (``Commands`` turns failures into one-line messages).

    An article's internal error is one ``error:`` line; its traceback is logged only with
    ``EVENTLENS_DEBUG=1``.
    """
    if not os.environ.get("EVENTLENS_DEBUG"):
        logging.getLogger("eventlens").addHandler(logging.NullHandler())
        logging.getLogger("eventlens").propagate = False
    app()


if __name__ == "__main__":  # pragma: no cover
    run()

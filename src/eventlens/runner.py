"""The loops behind the CLI: files in, records or database rows out, errors reported.

The CLI only reads options; everything it runs lives here or in the library, so it can be
called and tested from Python.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from eventlens import evals
from eventlens.config import Settings
from eventlens.ingest import read_all
from eventlens.models import Article, ArticleError, ArticleResult
from eventlens.parallel import choose_jobs


@dataclass
class RunReport:
    """What one run did: counts, the errors it met, and how long it took."""

    articles: int = 0
    actors: int = 0
    events: int = 0
    quotes: int = 0
    dates: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    seconds: float = 0.0
    skipped: int = 0  # articles already stored with the same text and settings (ingest)
    jobs: int = 1

    def count(self, result: ArticleResult) -> None:
        self.articles += 1
        self.actors += len(result.actors)
        self.events += len(result.events)
        self.quotes += len(result.quotes)
        self.dates += len(result.dates)


Item = Article | ArticleError


def _outcomes(items: Iterable[Item], settings: Settings, jobs: int) -> Iterator[tuple[Item, Any]]:
    """(input item, result or error) for every item, in input order, in this process or ``jobs``
    worker processes."""
    from eventlens.parallel import process_pairs_parallel
    from eventlens.pipeline import process_pairs

    if jobs > 1:
        yield from process_pairs_parallel(items, settings, jobs)
    else:
        yield from process_pairs(items, settings)


class Progress:
    """A progress bar on stderr (articles/s, events and errors so far, ETA) when it is a terminal
    and the run is not quiet; nothing otherwise."""

    def __init__(self, inputs: list[str], report: RunReport, show: bool) -> None:
        self.report, self.bar, self.task = report, None, None
        if not show:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        from eventlens.ingest import count_items

        self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.fields[rate]} articles/s, {task.fields[events]} events, "
                                  "{task.fields[errors]} errors"), TimeRemainingColumn(),
                       console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("coding", total=count_items(inputs), rate="0.0", events=0, errors=0)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def step(self, started: float) -> None:
        if self.bar is None or self.task is None:
            return
        r = self.report
        done = r.articles + len(r.errors) + r.skipped
        rate = r.articles / max(time.perf_counter() - started, 1e-9)
        self.bar.update(self.task, completed=done, rate=f"{rate:.1f}", events=r.events, errors=len(r.errors))


def show_progress(quiet: bool) -> bool:
    """Whether to draw a progress bar: not quiet, and stderr is a terminal."""
    return not quiet and sys.stderr.isatty()


def report_error(error: ArticleError, stream: IO[str] | None = None) -> None:
    """One line on stderr: where the article was and why it failed."""
    stream = stream or sys.stderr
    ident = f" [{error.article_id}]" if error.article_id else ""
    print(f"error: {error.origin}{ident}: {error.reason}", file=stream)


class UsageError(ValueError):
    """A user's mistake found before the run starts (a bad option value or output path): exit 2."""


class RunAborted(RuntimeError):
    """The run could not go on (the output or the database stopped taking writes): exit 3."""


def check_output(path: Path) -> None:
    """Refuse an output path that cannot be a file, before any work starts (nothing is created).

    RAISES UsageError.
    """
    if str(path) == "-":
        return
    if path.is_dir():
        raise UsageError(f"output {path} is a folder; give -o a file name such as out.jsonl")
    parent = next((p for p in path.parents if p.exists()), None)
    if parent is not None and not parent.is_dir():
        raise UsageError(f"cannot write {path}: {parent} is a file, not a folder")


@contextmanager
def _open_out(path: Path) -> Iterator[IO[str]]:
    """The output file, or stdout for ``-``."""
    if str(path) == "-":
        yield sys.stdout
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    with fh:
        yield fh


def _record_line(item: Article | ArticleError, result: ArticleResult, include_text: bool) -> str | ArticleError:
    """The JSON line of a result, or an error for its article when it cannot be written."""
    try:
        line = json.dumps(result.to_dict(include_text), ensure_ascii=False) + "\n"
        line.encode("utf-8")
        return line
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        origin = item.origin if isinstance(item, (Article, ArticleError)) else result.article_id
        return ArticleError(origin or result.article_id, f"internal error: record cannot be written: {exc}",
                            result.article_id, getattr(item, "input", ""))


def extract_to_jsonl(inputs: Iterable[str], output: Path, settings: Settings, include_text: bool = False,
                     jobs: int | None = 1, progress: bool = False) -> RunReport:
    """Write one JSON record per readable article to ``output``; report the others on stderr.

    Every input line or file ends as one record or one reported error, in input order.
    jobs: worker processes (None: every core when there are more than a few articles).
    progress: draw a progress bar on stderr.
    RAISES UsageError: an output path that cannot be written (before anything is read);
    RunAborted: the output stopped taking writes (a full disk).
    """
    from eventlens.pipeline import load_resources

    report, started = RunReport(), time.perf_counter()
    inputs = list(inputs)
    check_output(output)
    load_resources(settings)  # a missing model or weight file fails here, before the output is touched
    report.jobs, items = choose_jobs(jobs, read_all(inputs, settings.max_chars))
    with _open_out(output) as out, Progress(inputs, report, progress) as bar:
        for item, outcome in _outcomes(items, settings, report.jobs):
            bar.step(started)
            if isinstance(outcome, ArticleResult):
                line = _record_line(item, outcome, include_text)
                if isinstance(line, str):
                    try:
                        out.write(line)
                    except OSError as exc:
                        raise RunAborted(f"cannot write {output}: {exc.strerror or exc}; "
                                         f"{report.articles} records written before it") from exc
                    report.count(outcome)
                    continue
                outcome = line
            report.errors.append(outcome)
            report_error(outcome)
    report.seconds = time.perf_counter() - started
    return report


FLUSH_SECONDS = 5.0  # ingest writes at least this often while articles come in


class _Batches:
    """Results and errors of ``ingest`` on their way to the store: written in input order, one short
    transaction per batch, the database opened only for that write (readers and other writers get
    the lock between batches)."""

    def __init__(self, settings: Settings, size: int) -> None:
        self.settings, self.size = settings, size
        self.items: list[ArticleError | tuple[ArticleResult, Article | None]] = []
        self.results = 0
        self.seen: set[str] = set()
        self.fresh: set[str] = set()
        self.settled: set[str] = set()  # ids read again and found stored unchanged
        self.last = time.monotonic()
        self.stored = 0

    def note(self, item: Article | ArticleError, outcome: object = None) -> None:
        """Remember the input ``item`` was read from (its old error rows go at the next write)."""
        source = getattr(item, "input", "") or getattr(outcome, "input", "")
        if source and source not in self.seen:
            self.seen.add(source)
            self.fresh.add(source)

    def add(self, item: Article | ArticleError, outcome: ArticleResult | ArticleError) -> None:
        self.note(item, outcome)
        if isinstance(outcome, ArticleResult):
            self.items.append((outcome, item if isinstance(item, Article) else None))
            self.results += 1
        else:
            self.items.append(outcome)
        if self.results >= self.size or time.monotonic() - self.last >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        from eventlens import happenings
        from eventlens.store import Store, StoreError

        if self.items or self.fresh or self.settled:
            try:
                with Store(self.settings.db_path, wait=self.settings.lock_seconds) as store:
                    store.happening_rule = happenings.Rule.from_settings(self.settings)
                    store.coded_with = self.settings.fingerprint()
                    self.stored += store.write_batch(self.items, self.fresh, self.settled)
            except StoreError as exc:
                raise RunAborted(f"{exc}; {self.stored} articles stored before it, re-run the same "
                                 "command to finish") from exc
            self.items, self.results, self.fresh, self.settled = [], 0, set(), set()
        self.last = time.monotonic()


def ingest(inputs: Iterable[str], settings: Settings, batch: int = 100, jobs: int | None = 1,
           force: bool = False, progress: bool = False) -> RunReport:
    """Extract every article and upsert it into the DuckDB file ``settings.db_path``.

    Results and errors are written in input order, in one short transaction per ``batch`` articles
    (or every few seconds), the database opened only for each write. Errors go to the ``errors``
    table; re-reading an input replaces its earlier error rows. An article already stored with the
    same text, date, title and settings fingerprint is skipped without parsing (``force``: code it
    again), so a killed run started again goes on where it stopped.
    jobs: worker processes (None: every core when there are more than a few articles).
    RAISES NotAStore, StoreLocked, StoreError: the database cannot be used (before any work);
    RunAborted: the database stopped taking writes during the run (what was written stays).
    """
    from eventlens.pipeline import check_resources, load_resources
    from eventlens.store import check_target, stored_versions

    report, started = RunReport(), time.perf_counter()
    inputs = list(inputs)
    check_target(settings.db_path, settings.lock_seconds)  # before the model loads; creates nothing
    for folder in [i for i in inputs if is_parquet_output(i)]:  # coded already (``extract --engine dask``)
        _load_parquet(folder, settings, report)
    inputs = [i for i in inputs if not is_parquet_output(i)]
    if not inputs:
        report.seconds = time.perf_counter() - started
        return report
    stored = {} if force else stored_versions(settings.db_path, settings.lock_seconds)
    if stored:  # much may be skipped: load the model only when an article is to be coded
        check_resources(settings)
    else:
        load_resources(settings)  # fail on a missing model before the store is opened
    batches = _Batches(settings, batch)
    items = _unstored(read_all(inputs, settings.max_chars), stored, settings.fingerprint(), report, batches)
    report.jobs, items = choose_jobs(jobs, items)
    try:
        with Progress(inputs, report, progress) as bar:
            for item, outcome in _outcomes(items, settings, report.jobs):
                if isinstance(outcome, ArticleError):
                    report.errors.append(outcome)
                    report_error(outcome)
                else:
                    report.count(outcome)
                batches.add(item, outcome)
                bar.step(started)
    except BaseException:  # interrupted (Ctrl-C) or failed: keep what was done
        with suppress(Exception):
            batches.flush()
        raise
    batches.flush()
    report.seconds = time.perf_counter() - started
    return report


def is_parquet_output(path: str | Path) -> bool:
    """Whether ``path`` is a folder of Parquet output (``extract --engine dask``): one with an
    ``articles/`` or ``errors/`` table folder."""
    folder = Path(path)
    return folder.is_dir() and any((folder / table).is_dir() for table in ("articles", "errors"))


def extract_dask(inputs: Iterable[str], out_dir: Path, settings: Settings, scheduler: str | None = None,
                 partition_size: int = 200) -> RunReport:
    """Code ``inputs`` on Dask workers into a folder of Parquet tables by publication month
    (``scale.run_dask``); each error is reported on stderr as its partition finishes.
    RAISES UsageError: dask missing, ``out_dir`` not a folder, a scheduler that cannot be reached."""
    from eventlens.scale import run_dask

    if str(out_dir) == "-":
        raise UsageError("the dask engine writes a folder of Parquet files: give -o a folder name")
    report = run_dask(list(inputs), settings, out_dir, scheduler, partition_size, on_error=report_error)
    report.jobs = 0
    return report


def ingest_dask(inputs: Iterable[str], settings: Settings, scheduler: str | None = None,
                partition_size: int = 200) -> RunReport:
    """``ingest`` on Dask: code into a Parquet folder beside the database, load it into the store,
    delete the folder. The folder must be one every worker can write (on a cluster, run
    ``extract --engine dask -o SHARED_FOLDER`` and ``ingest SHARED_FOLDER`` instead)."""
    import shutil
    import tempfile

    from eventlens import happenings
    from eventlens.scale import store_from_parquet
    from eventlens.store import check_target

    check_target(settings.db_path, settings.lock_seconds)
    folder = Path(tempfile.mkdtemp(prefix=".eventlens-parquet-", dir=Path(settings.db_path).absolute().parent))
    try:
        report = extract_dask(inputs, folder, settings, scheduler, partition_size)
        store_from_parquet(folder, settings.db_path, settings.lock_seconds, happenings.Rule.from_settings(settings))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return report


def _load_parquet(folder: str, settings: Settings, report: RunReport) -> None:
    """Load one Parquet output folder into the store, counting what it held."""
    from eventlens import happenings
    from eventlens.scale import store_from_parquet

    counts = store_from_parquet(folder, settings.db_path, settings.lock_seconds,
                                happenings.Rule.from_settings(settings))
    report.articles += counts.get("articles", 0)
    report.actors += counts.get("actors", 0)
    report.events += counts.get("events", 0)
    report.quotes += counts.get("quotes", 0)
    report.dates += counts.get("dates", 0)


def _unstored(items: Iterable[Item], stored: dict[str, str], fingerprint: str, report: RunReport,
              batches: _Batches) -> Iterator[Item]:
    """The items not already stored as they are: an article whose id, text, date and title match a
    stored one coded with the same settings is counted as skipped and never parsed."""
    from eventlens.store import version_key

    for item in items:
        if isinstance(item, Article) and item.id in stored:
            date = item.date.isoformat() if item.date else None
            if stored[item.id] == version_key(item.text_sha256, date, item.title, fingerprint):
                report.skipped += 1
                batches.note(item)
                batches.settled.add(item.id)
                continue
        yield item


def print_report(report: RunReport, where: str | None = None, stream: IO[str] | None = None) -> None:
    """A short human summary of a run on stderr."""
    stream = stream or sys.stderr
    rate = report.articles / report.seconds if report.seconds else 0.0
    print(
        f"{report.articles} articles: {report.actors} actor mentions, {report.events} events, "
        f"{report.quotes} quotes, {report.dates} dates; {len(report.errors)} errors; "
        + (f"{report.skipped} unchanged articles skipped; " if report.skipped else "")
        + f"{report.seconds:.1f}s ({rate:.1f} articles/s"
        + (f", {report.jobs} processes)" if report.jobs > 1 else ")") + (f"; {where}" if where else ""),
        file=stream,
    )


QUERY_COLUMNS = {
    "events": ["article_id", "date", "source", "target", "code", "name", "plover", "goldstein", "trigger", "evidence"],
    "quotes": ["article_id", "date", "speaker", "speaker_code", "type", "cue", "quote"],
    "actors": ["code", "name", "mentions", "articles"],
    "errors": ["origin", "article_id", "reason"],
}


MAX_LIMIT = 2**63 - 1
_BOUND_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_filters(filters: dict[str, Any]) -> None:
    """Refuse query filters that cannot be right: a ``since``/``until`` that is not a real
    ``YYYY[-MM[-DD]]`` date, a ``limit`` below 0 or above 2**63-1. RAISES UsageError."""
    for name in ("since", "until"):
        value = filters.get(name)
        if value is None:
            continue
        m = _BOUND_RE.fullmatch(str(value))
        try:
            if not m:
                raise ValueError
            date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError:
            raise UsageError(f"--{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}") from None
    limit = filters.get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT):
        raise UsageError(f"--limit must be a whole number from 0 to {MAX_LIMIT}, got {limit!r}")


def query_rows(kind: str, db_path: str, wait: float | None = None,
               **filters: Any) -> tuple[list[dict[str, Any]], list[str] | None]:
    """Rows of one read-only query and the columns to show (all columns for JSON/CSV callers).

    RAISES UsageError: a bad filter; FileNotFoundError, NotAStore, StoreLocked, StoreError: the
    database cannot be read (a writer's lock is waited out for ``wait`` seconds first).
    """
    from eventlens import query
    from eventlens.store import LOCK_WAIT_SECONDS, open_reader

    check_filters(filters)
    if is_parquet_output(db_path):  # a folder written by ``extract --engine dask``
        from eventlens.scale import open_parquet

        con = open_parquet(db_path)
    else:
        con = open_reader(db_path, LOCK_WAIT_SECONDS if wait is None else wait)
    try:
        rows = getattr(query, kind)(con, **{k: v for k, v in filters.items() if v is not None})
    except ValueError as exc:  # the query's own check of a filter value
        raise UsageError(str(exc)) from exc
    finally:
        con.close()
    columns = [c for c in QUERY_COLUMNS[kind] if not rows or c in rows[0]]
    return rows, columns


def benchmark_names(names: list[str] | None) -> list[str]:
    """Benchmark names to run; ``all`` or nothing means every implemented one."""
    if not names or "all" in names:
        return evals.available()
    unknown = [n for n in names if n not in evals.REGISTRY]
    if unknown:
        raise ValueError(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(evals.REGISTRY)} or all")
    return names


def evaluate(names: list[str], settings: Settings, shared: Path | None,
             limit: int | None = None) -> list[evals.Report]:
    """Run and score each named benchmark."""
    root = evals.find_shared(shared)
    return [evals.run(name, settings, root, limit) for name in names]


def format_report(report: evals.Report, details: bool = False) -> str:
    """A benchmark report for the terminal; without ``details``, indented detail lines are dropped."""
    lines = report.text.splitlines()
    if not details:
        lines = [line for line in lines if not line.startswith("  ")]
    lines += [f"  error: {e}" for e in report.errors]
    return "\n".join(lines) + "\n"


def default_bench_inputs() -> list[str]:
    """Inputs for ``eventlens bench`` when none are given: the devset if found, else ``samples/``."""
    try:
        devset = evals.find_shared() / "benchmarks" / "devset" / "dev_articles.jsonl"
        if devset.exists():
            return [str(devset)]
    except FileNotFoundError:
        pass
    return ["samples"]


def validate_jsonl(path: Path) -> list[str]:
    """Problems of every record in a JSONL file, each prefixed with its line number."""
    from eventlens.schema import problems

    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                out.append(f"{path}:{lineno}: broken JSON: {exc.msg}")
                continue
            out.extend(f"{path}:{lineno}: {p}" for p in problems(record, record.get("text")))
    return out

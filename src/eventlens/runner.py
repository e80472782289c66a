"""The loops behind the CLI: files in, records or database rows out, errors reported.

The CLI only reads options; everything it runs lives here or in the library, so it can be
called and tested from Python.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from eventlens import benchmarks
from eventlens.config import Settings
from eventlens.ingest import read_all
from eventlens.models import Article, ArticleError, ArticleResult


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

    def count(self, result: ArticleResult) -> None:
        self.articles += 1
        self.actors += len(result.actors)
        self.events += len(result.events)
        self.quotes += len(result.quotes)
        self.dates += len(result.dates)


def _outcomes(inputs: Iterable[str], settings: Settings) -> Iterator[tuple[Article | ArticleError, Any]]:
    """(input item, result or error) for every article of every input."""
    from eventlens.pipeline import process_pairs

    yield from process_pairs(read_all(inputs, settings.max_chars), settings)


def report_error(error: ArticleError, stream: IO[str] | None = None) -> None:
    """One line on stderr: where the article was and why it failed."""
    stream = stream or sys.stderr
    ident = f" [{error.article_id}]" if error.article_id else ""
    print(f"error: {error.origin}{ident}: {error.reason}", file=stream)


@contextmanager
def _open_out(path: Path) -> Iterator[IO[str]]:
    """The output file, or stdout for ``-``."""
    if str(path) == "-":
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        yield fh


def extract_to_jsonl(inputs: Iterable[str], output: Path, settings: Settings, include_text: bool = False) -> RunReport:
    """Write one JSON record per readable article to ``output``; report the others on stderr."""
    from eventlens.pipeline import load_resources

    report, started = RunReport(), time.perf_counter()
    load_resources(settings)  # a missing model or weight file fails here, before the output is touched
    with _open_out(output) as out:
        for _, outcome in _outcomes(inputs, settings):
            if isinstance(outcome, ArticleError):
                report.errors.append(outcome)
                report_error(outcome)
                continue
            out.write(json.dumps(outcome.to_dict(include_text), ensure_ascii=False) + "\n")
            report.count(outcome)
    report.seconds = time.perf_counter() - started
    return report


def ingest(inputs: Iterable[str], settings: Settings, batch: int = 100) -> RunReport:
    """Extract every article and upsert it into the DuckDB file ``settings.db_path``.

    Results are written in transactions of ``batch`` articles; errors go to the ``errors`` table.
    """
    from eventlens.pipeline import load_resources
    from eventlens.store import Store

    report, started = RunReport(), time.perf_counter()
    pending: list[tuple[ArticleResult, Article | None]] = []
    load_resources(settings)  # fail on a missing model before the store is opened
    with Store(settings.db_path) as store:
        for item, outcome in _outcomes(inputs, settings):
            if isinstance(outcome, ArticleError):
                report.errors.append(outcome)
                report_error(outcome)
                store.write_error(outcome)
                continue
            pending.append((outcome, item if isinstance(item, Article) else None))
            report.count(outcome)
            if len(pending) >= batch:
                store.write_many(pending)
                pending = []
        if pending:
            store.write_many(pending)
    report.seconds = time.perf_counter() - started
    return report


def print_report(report: RunReport, where: str | None = None, stream: IO[str] | None = None) -> None:
    """A short human summary of a run on stderr."""
    stream = stream or sys.stderr
    rate = report.articles / report.seconds if report.seconds else 0.0
    print(
        f"{report.articles} articles: {report.actors} actor mentions, {report.events} events, "
        f"{report.quotes} quotes, {report.dates} dates; {len(report.errors)} errors; "
        f"{report.seconds:.1f}s ({rate:.1f} articles/s)" + (f"; {where}" if where else ""),
        file=stream,
    )


QUERY_COLUMNS = {
    "events": ["article_id", "date", "source", "target", "code", "name", "plover", "goldstein", "trigger", "evidence"],
    "quotes": ["article_id", "date", "speaker", "speaker_code", "type", "cue", "quote"],
    "actors": ["code", "name", "mentions", "articles"],
    "errors": ["origin", "article_id", "reason"],
}


def query_rows(kind: str, db_path: str, **filters: Any) -> tuple[list[dict[str, Any]], list[str] | None]:
    """Rows of one read-only query and the columns to show (all columns for JSON/CSV callers)."""
    from eventlens import query

    if not Path(db_path).exists():
        raise FileNotFoundError(f"no database at {db_path}; run `eventlens ingest` first")
    con = query.open_db(db_path)
    try:
        rows = getattr(query, kind)(con, **{k: v for k, v in filters.items() if v is not None})
    finally:
        con.close()
    columns = [c for c in QUERY_COLUMNS[kind] if not rows or c in rows[0]]
    return rows, columns


def benchmark_names(names: list[str] | None) -> list[str]:
    """Benchmark names to run; ``all`` or nothing means every implemented one."""
    if not names or "all" in names:
        return benchmarks.available()
    unknown = [n for n in names if n not in benchmarks.REGISTRY]
    if unknown:
        raise ValueError(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(benchmarks.REGISTRY)} or all")
    return names


def evaluate(names: list[str], settings: Settings, shared: Path | None, limit: int | None = None) -> list[benchmarks.Report]:
    """Run and score each named benchmark."""
    root = benchmarks.find_shared(shared)
    return [benchmarks.run(name, settings, root, limit) for name in names]


def format_report(report: benchmarks.Report, details: bool = False) -> str:
    """A benchmark report for the terminal; without ``details``, indented detail lines are dropped."""
    lines = report.text.splitlines()
    if not details:
        lines = [line for line in lines if not line.startswith("  ")]
    lines += [f"  error: {e}" for e in report.errors]
    return "\n".join(lines) + "\n"


def default_bench_inputs() -> list[str]:
    """Inputs for ``eventlens bench`` when none are given: the devset if found, else ``samples/``."""
    try:
        devset = benchmarks.find_shared() / "benchmarks" / "devset" / "dev_articles.jsonl"
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

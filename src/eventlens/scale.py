"""Out on a cluster: articles coded in partitions by Dask workers, results written as Parquet by month.

``code_partition`` is the unit of work and knows nothing of Dask: it takes a list of input lines
(JSONL strings, dicts or Articles), codes them with ``pipeline.process_pairs`` and writes one
Parquet file per table and publication month, hive style::

    OUT/events/month=2014-07/part-<partition>.parquet   (articles, actors, quotes, dates, errors alike)

The columns are the DuckDB store's (``store.TABLES``), built by the store's own row builders, so a
folder of partitions reads like the store (``open_parquet``) and loads into one
(``store_from_parquet``). Articles without a date go to ``month=unknown``, and so do errors of
input that never became an article. A partition writes its files under temporary names and
renames them at the end, after deleting its earlier files, so running it again replaces its output
and never duplicates it. Any engine that can call a Python function on a list of lines can run it
(Dask here; Ray's ``map_batches`` and Spark's ``mapPartitions`` alike).

``run_dask`` reads the inputs in the client (``ingest.read_all``: JSONL, text files, folders,
duplicate ids), sends partitions of ``partition_size`` items to the workers (a bounded number in
flight), and sums what they did. A worker plugin loads the spaCy pipeline and tables once per
worker. Dask is an optional extra (``pip install 'eventlens[dask]'``) imported only here, inside
functions.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from eventlens import happenings
from eventlens.config import Settings
from eventlens.models import Article, ArticleError, ArticleResult
from eventlens.store import (
    LOCK_WAIT_SECONDS,
    META_COLUMNS,
    TABLES,
    Columns,
    StoreError,
    _article_row,
    _create_sql,
    _insert_sql,
    _now,
    _quote,
    child_rows,
    error_key,
)

if TYPE_CHECKING:
    from distributed import Client

    from eventlens.runner import RunReport

log = logging.getLogger(__name__)

Item = Article | ArticleError
Line = str | dict[str, Any] | Article | ArticleError

UNKNOWN_MONTH = "unknown"
PART_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")
_MONTH_RE = re.compile(r"(\d{4}-\d{2})(?:-\d{2})?")
DASK_HINT = "the dask engine needs dask and distributed: install eventlens[dask] (pip install 'eventlens[dask]')"
LOCAL_ALLOWED_FAILURES = 0  # a LocalCluster gives up on a task at its worker's first death (run_dask retries)
KILL_TRIES = 2  # deaths of its worker before a single article is an error
CONNECT_SECONDS = 10.0  # how long run_dask tries to reach a scheduler (and waits for its first worker)


class ParquetError(StoreError):
    """A Parquet output folder that cannot be read: missing, empty, or holding a corrupt file."""


# --- one partition: lines in, Parquet files out ---------------------------------------------------


def check_partition_id(partition: str) -> str:
    """``partition`` when it can name a file (letters, digits, ``.``, ``_``, ``-``); RAISES ValueError."""
    if not isinstance(partition, str) or not PART_RE.fullmatch(partition):
        raise ValueError(f"partition id {partition!r} must be letters, digits, '.', '_' or '-' (at most 120)")
    return partition


def partition_id(lines: Sequence[Any]) -> str:
    """A partition id from its content (for engines that give no partition index, such as Ray):
    the same lines give the same id, so a re-run overwrites its own files."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(repr(line).encode("utf-8", "surrogatepass") + b"\x1e")
    return "h" + digest.hexdigest()[:20]


def month_of(value: str | None) -> str:
    """``YYYY-MM`` of a ``YYYY-MM[-DD]`` date, else ``unknown``."""
    m = _MONTH_RE.fullmatch(value or "")
    return m.group(1) if m else UNKNOWN_MONTH


def _item(line: Line, origin: str, max_chars: int) -> Item:
    """One input line as an Article, or an ArticleError saying why not."""
    from eventlens.ingest import _from_json_line, from_dict

    if isinstance(line, (Article, ArticleError)):
        return line
    if isinstance(line, dict):
        return from_dict(line, origin, max_chars)
    if isinstance(line, str):
        return _from_json_line(line, origin, max_chars)
    return ArticleError(origin, f"unsupported input type {type(line).__name__}")


def read_lines(lines: Iterable[Line], partition: str, max_chars: int = 200_000) -> list[Item]:
    """Articles and errors of a partition's lines, in order; blank lines are skipped, and an article
    id met twice is an error for the later line (the first wins, as in ``ingest.read_all``).
    Lines that are not already Articles get the origin ``<partition>:<position>``."""
    from eventlens.ingest import _duplicate

    first: dict[str, str] = {}
    items: list[Item] = []
    for i, line in enumerate(lines, start=1):
        if isinstance(line, str) and not line.strip():
            continue
        items.append(_duplicate(_item(line, f"{partition}:{i}", max_chars), first))
    return items


def _alone(item: Item, settings: Settings) -> ArticleResult | ArticleError:
    """One item processed by itself, any failure an error for it alone."""
    from eventlens.pipeline import process

    try:
        return next(iter(process([item], settings)))
    except Exception as exc:  # noqa: BLE001 - one article must not stop its partition
        return _error_for(item, f"internal error: {type(exc).__name__}: {exc}")


def _outcomes(items: list[Item], settings: Settings) -> Iterator[tuple[Item, ArticleResult | ArticleError]]:
    """(item, result or error) for every item: ``process_pairs`` over the partition, and when it
    fails as a whole, the items it had not finished one by one."""
    from eventlens.pipeline import process_pairs

    done = 0
    try:
        for pair in process_pairs(items, settings):
            done += 1
            yield pair
    except Exception:  # noqa: BLE001
        log.exception("partition pipeline failed after %d of %d items; the rest one by one", done, len(items))
        for item in items[done:]:
            yield item, _alone(item, settings)


def _error_for(item: Item, reason: str) -> ArticleError:
    """An error for ``item`` with ``reason``."""
    if isinstance(item, ArticleError):
        return item
    return ArticleError(item.origin or item.id, reason, item.id, item.input)


def _error_row(error: ArticleError) -> tuple[Any, ...]:
    """The ``errors`` row of one error (the store's key and columns)."""
    return (error_key(error), error.origin, error.article_id, error.reason, _now(), error.input or None)


Rows = dict[str, list[tuple[Any, ...]]]  # table -> rows, each ending with its month


def _result_rows(result: ArticleResult, article: Article | None, coded_with: str | None) -> Rows:
    """The store's rows of one result, each with its article's month appended."""
    head = _article_row(result, article, coded_with)
    month = month_of(head[1])
    rows: Rows = {"articles": [head + (month,)]}
    for table, children in child_rows(result).items():
        rows[table] = [row + (month,) for row in children]
    return rows


def _counts(result: ArticleResult) -> dict[str, int]:
    return {"articles": 1, "actors": len(result.actors), "events": len(result.events),
            "quotes": len(result.quotes), "dates": len(result.dates)}


def code_rows(items: list[Item], settings: Settings) -> tuple[Rows, dict[str, int], list[ArticleError]]:
    """Code ``items``: the rows of every table (each ending with its month), the counts, the errors.

    A result whose rows cannot be built becomes an error for its article; nothing raises for one
    article.
    """
    rows: Rows = {table: [] for table in TABLES}
    counts = dict.fromkeys(("articles", "actors", "events", "quotes", "dates"), 0)
    errors: list[ArticleError] = []
    coded_with = settings.fingerprint() if hasattr(settings, "fingerprint") else None
    for item, outcome in _outcomes(items, settings):
        article = item if isinstance(item, Article) else None
        if isinstance(outcome, ArticleResult):
            try:
                built = _result_rows(outcome, article, coded_with)
            except Exception as exc:  # noqa: BLE001
                outcome = _error_for(item, f"internal error: rows cannot be built: {type(exc).__name__}: {exc}")
            else:
                for table, table_rows in built.items():
                    rows[table].extend(table_rows)
                for name, n in _counts(outcome).items():
                    counts[name] += n
                continue
        errors.append(outcome)
        month = month_of(article.date.isoformat()) if article is not None and article.date else UNKNOWN_MONTH
        rows["errors"].append(_error_row(outcome) + (month,))
    return rows, counts, errors


def _part_name(partition: str) -> str:
    return f"part-{partition}.parquet"


def _sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def _plain_columns(columns: Columns) -> Columns:
    """The columns with their types only (no keys or NOT NULL): a partition's scratch table."""
    return tuple((name, kind.split()[0]) for name, kind in columns)


def _write_file(con: duckdb.DuckDBPyConnection, columns: Columns, rows: list[tuple[Any, ...]], path: Path) -> None:
    """Write ``rows`` (store columns, no month) to the Parquet file ``path``."""
    con.execute("DROP TABLE IF EXISTS part")
    con.execute(_create_sql("part", _plain_columns(columns)))
    for i in range(0, len(rows), 200):
        chunk = rows[i : i + 200]
        con.execute(_insert_sql("part", columns, rows=len(chunk)), [v for row in chunk for v in row])
    con.execute(f"COPY part TO {_sql_text(str(path))} (FORMAT PARQUET)")


def remove_partition(out_dir: str | Path, partition: str) -> int:
    """Delete every file of ``partition`` under ``out_dir`` (finished or half-written); return how
    many. Month folders left empty go too."""
    check_partition_id(partition)
    removed = 0
    for table in TABLES:
        for pattern in (_part_name(partition), f".{_part_name(partition)}.tmp"):
            for path in (Path(out_dir) / table).glob(f"month=*/{pattern}"):
                path.unlink(missing_ok=True)
                removed += 1
                _drop_if_empty(path.parent)
    return removed


def _drop_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty, or already gone
        pass


def remove_stale(out_dir: str | Path, keep: Iterable[str]) -> int:
    """Delete the partition files under ``out_dir`` whose partition id is not in ``keep`` (what an
    earlier run with more partitions left); return how many."""
    keep = set(keep)
    removed = 0
    for table in TABLES:
        for path in (Path(out_dir) / table).glob("month=*/part-*.parquet"):
            if path.name[len("part-") : -len(".parquet")] not in keep:
                path.unlink(missing_ok=True)
                removed += 1
                _drop_if_empty(path.parent)
    return removed


def write_partition(out_dir: str | Path, partition: str, rows: Rows) -> list[str]:
    """Replace the files of ``partition`` with ``rows`` (table -> rows ending with their month):
    one Parquet file per table and month, written under a temporary name and renamed at the end,
    after the partition's earlier files are deleted. RETURNS the files written."""
    check_partition_id(partition)
    out = Path(out_dir)
    staged: list[tuple[Path, Path]] = []
    con = duckdb.connect()
    try:
        for table, table_rows in rows.items():
            by_month: dict[str, list[tuple[Any, ...]]] = {}
            for row in table_rows:
                by_month.setdefault(row[-1], []).append(row[:-1])
            for month, month_rows in sorted(by_month.items()):
                folder = out / table / f"month={month}"
                folder.mkdir(parents=True, exist_ok=True)
                tmp = folder / f".{_part_name(partition)}.tmp"
                _write_file(con, TABLES[table], month_rows, tmp)
                staged.append((tmp, folder / _part_name(partition)))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    _remove_except(out, partition, [final for _, final in staged])
    for tmp, final in staged:
        os.replace(tmp, final)
    return [str(final) for _, final in staged]


def _remove_except(out: Path, partition: str, keep: list[Path]) -> None:
    """Delete the partition's finished files that this write does not replace (months it no longer has)."""
    keep_set = {str(p) for p in keep}
    for table in TABLES:
        for path in (out / table).glob(f"month=*/{_part_name(partition)}"):
            if str(path) not in keep_set:
                path.unlink(missing_ok=True)
                _drop_if_empty(path.parent)


def code_partition(lines: Sequence[Line], settings: Settings, out_dir: str | Path, partition: str) -> dict[str, Any]:
    """Code one partition of input lines and write its Parquet files (see the module's docstring).

    lines: JSONL lines (str), article dicts (``id``, ``date``, ``text``, ...), or Articles and
        ArticleErrors as ``ingest.read_all`` gives them. A line that cannot be read, an article whose
        stages fail and a duplicate id each become a row of ``errors``; nothing raises for one article.
    settings: the options every worker must share (model, dictionaries, thresholds).
    out_dir: the output folder (on a cluster, a folder every worker can write to).
    partition: the partition's id (letters, digits, ``.``, ``_``, ``-``); it names the files, so
        running the same partition again replaces them.
    RETURNS: ``{"partition", "articles", "actors", "events", "quotes", "dates", "errors": [dicts of
        ArticleError], "files": [paths], "seconds"}``, all plain values.
    RAISES ValueError: a bad partition id; ModelError and the like: the pipeline cannot be loaded;
        OSError: the files cannot be written.
    """
    from eventlens.pipeline import load_resources

    started = time.perf_counter()
    check_partition_id(partition)
    load_resources(settings)  # a missing model fails the partition, not each article
    items = read_lines(lines, partition, settings.max_chars)
    rows, counts, errors = code_rows(items, settings)
    files = write_partition(out_dir, partition, rows)
    return {"partition": partition, **counts, "errors": [e.to_dict() for e in errors], "files": files,
            "seconds": time.perf_counter() - started}


# --- Dask -----------------------------------------------------------------------------------------


def _require_dask() -> None:
    """RAISES UsageError when dask or distributed is not installed."""
    from eventlens.runner import UsageError

    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"{DASK_HINT}; {exc}") from None


def worker_plugin(settings: Settings) -> Any:
    """A ``distributed.WorkerPlugin`` that loads the pipeline and tables of ``settings`` once per
    worker process, when the worker joins (a worker without the model fails there)."""
    _require_dask()
    from distributed import WorkerPlugin

    class EventlensResources(WorkerPlugin):
        """Loads ``pipeline.load_resources(settings)`` in each worker (cached for its tasks)."""

        name = "eventlens-resources"
        idempotent = False

        def __init__(self, settings: Settings) -> None:
            self.settings = settings

        def setup(self, worker: Any) -> None:
            from eventlens.pipeline import load_resources

            load_resources(self.settings)

    return EventlensResources(settings)


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2,
                connect_seconds: float = CONNECT_SECONDS) -> Iterator[Client]:
    """A Dask client: on a ``LocalCluster`` of ``workers`` single-threaded processes when
    ``scheduler`` is None, else connected to the scheduler at that address.

    RAISES UsageError: dask missing; a scheduler that cannot be reached within ``connect_seconds``
    or that has no worker after as long (one line naming the address).
    """
    _require_dask()
    import dask
    from distributed import Client, LocalCluster

    from eventlens.runner import UsageError

    if scheduler is None:
        local = {"distributed.scheduler.allowed-failures": LOCAL_ALLOWED_FAILURES,
                 "distributed.scheduler.worker-saturation": 1.0}  # no task waits on a worker behind another
        with dask.config.set(local):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                                   scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})  # no dashboard; any free port
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=connect_seconds)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler} within {connect_seconds:g} s: "
                         f"{reason}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=connect_seconds)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"the Dask scheduler at {scheduler} has no workers after {connect_seconds:g} s") from exc
        yield client


def _register(client: Client, settings: Settings) -> None:
    """Register the worker plugin; RAISES RunAborted when the workers cannot load eventlens or its
    resources (a missing model, eventlens not installed on them)."""
    from eventlens.runner import RunAborted

    try:
        client.register_plugin(worker_plugin(settings))
    except Exception as exc:  # noqa: BLE001 - whatever the workers raised
        raise RunAborted(f"the Dask workers cannot load eventlens's resources: {type(exc).__name__}: {exc}") from exc


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _killed_error(item: Item, exc: BaseException) -> ArticleError:
    """The error of an article whose worker died on it every time it was tried."""
    return _error_for(item, f"the worker died while coding this article ({type(exc).__name__}); article skipped")


def _clear_then(task: Callable[..., dict[str, Any]], clear: list[str], items: list[Item], settings: Settings,
                out_dir: str, partition: str) -> dict[str, Any]:
    """Delete the files of the partitions in ``clear`` (one whose worker died, perhaps half-renamed),
    then run ``task`` on this partition."""
    for old in clear:
        remove_partition(out_dir, old)
    return task(items, settings, out_dir, partition)


class _DaskRun:
    """The partitions of one ``run_dask`` call in flight, their outcomes summed into a RunReport.

    A partition whose worker died (Dask's KilledWorker) is sent again one article at a time; a
    single article gets KILL_TRIES such deaths (an article queued behind the culprit on a dying
    worker can be blamed once) before it becomes an error row of its own.
    """

    def __init__(self, client: Client, settings: Settings, out_dir: str, task: Callable[..., dict[str, Any]],
                 on_error: Callable[[ArticleError], None] | None) -> None:
        from distributed import as_completed

        from eventlens.runner import RunReport

        self.client, self.settings, self.out_dir, self.task = client, settings, out_dir, task
        self.on_error = on_error
        self.report = RunReport()
        self.pending: dict[Any, tuple[str, list[Item], int, list[str]]] = {}
        self.kept: set[str] = set()
        self.done = as_completed()

    def submit(self, partition: str, items: list[Item], kills: int = 0, clear: list[str] | None = None) -> None:
        """Send one partition to the workers (after deleting the files of the ``clear`` partitions)."""
        clear = clear or []
        future = self.client.submit(_clear_then, self.task, clear, items, self.settings, self.out_dir, partition,
                                    pure=False)
        self.pending[future] = (partition, items, kills, clear)
        self.kept.add(partition)
        self.done.add(future)

    def settle_one(self) -> None:
        """Wait for the next partition to finish and take in its outcome."""
        self._take(next(self.done))

    def settle_all(self) -> None:
        """Wait for every partition in flight (and those sent again meanwhile)."""
        for future in self.done:
            self._take(future)

    def _take(self, future: Any) -> None:
        from distributed import KilledWorker

        from eventlens.runner import RunAborted

        partition, items, kills, clear = self.pending.pop(future)
        try:
            outcome = future.result()
        except KilledWorker as exc:
            self._killed(partition, items, kills + 1, clear, exc)
            return
        except Exception as exc:  # noqa: BLE001 - a full disk, a lost cluster: the run cannot go on
            raise RunAborted(f"partition {partition} failed: {type(exc).__name__}: {exc}") from exc
        finally:
            future.release()
        self._add(outcome)

    def _killed(self, partition: str, items: list[Item], kills: int, clear: list[str], exc: BaseException) -> None:
        """Send again the articles of a partition whose worker died, or record the culprit."""
        self.kept.discard(partition)
        clear = sorted({*clear, partition})
        if len(items) > 1:
            log.warning("a Dask worker died on partition %s; its %d articles go one by one", partition, len(items))
            for j, item in enumerate(items):
                self.submit(f"{partition}-{j:04d}", [item], clear=clear)
        elif kills < KILL_TRIES:
            self.submit(partition, items, kills, clear)
        else:
            log.warning("a Dask worker died on every try of partition %s: an error for its article", partition)
            self.submit(partition, [_killed_error(items[0], exc)], kills, clear)

    def _add(self, outcome: dict[str, Any]) -> None:
        r = self.report
        r.articles += outcome["articles"]
        r.actors += outcome["actors"]
        r.events += outcome["events"]
        r.quotes += outcome["quotes"]
        r.dates += outcome["dates"]
        for raw in outcome["errors"]:
            error = ArticleError(**raw)
            r.errors.append(error)
            if self.on_error is not None:
                self.on_error(error)


def run_dask(
    inputs: Sequence[str],
    settings: Settings,
    out_dir: str | Path,
    scheduler: str | None = None,
    partition_size: int = 200,
    *,
    workers: int = 2,
    connect_seconds: float = CONNECT_SECONDS,
    on_error: Callable[[ArticleError], None] | None = None,
    task: Callable[..., dict[str, Any]] = code_partition,
    client: Client | None = None,
) -> RunReport:
    """Code every article of ``inputs`` on Dask workers into Parquet under ``out_dir``.

    inputs: what ``eventlens extract`` takes (JSONL and text files, folders), read in this process.
    scheduler: a scheduler address (``tcp://host:8786``); None starts a LocalCluster of ``workers``
        single-threaded worker processes on this machine.
    partition_size: articles per task; at most twice as many tasks as worker threads are in flight,
        so the client holds a bounded part of the input.
    on_error: called with each ArticleError as its partition finishes (``runner.report_error``).
    task: the function run on each partition, ``code_partition`` or a wrapper of it.
    client: a ``distributed.Client`` to run on (``dask_client()``, a notebook's); ``scheduler``,
        ``workers`` and ``connect_seconds`` are then unused and the client stays open.
    The folder holds one run's output: partitions are numbered in input order, re-running the same
    input rewrites the same files, and files of partitions this run does not have are deleted at the
    end. A worker that dies on a partition (killed, out of memory, a crash in native code) loses
    nothing: once Dask gives up on the partition (at the worker's first death on a LocalCluster; after
    ``distributed.scheduler.allowed-failures`` retries on a scheduler of your own) its articles are
    sent again one by one, and an article whose worker dies on it twice becomes an error row of its own.
    RETURNS: a ``runner.RunReport`` (articles, actors, events, quotes, dates, errors, seconds).
    RAISES UsageError: dask missing, a bad ``partition_size`` or ``out_dir``, a scheduler that cannot
    be reached (before anything is read); RunAborted: the workers cannot load the pipeline, or a
    partition failed other than by a dying worker (a full disk).
    """
    from eventlens.ingest import read_all
    from eventlens.runner import UsageError

    started = time.perf_counter()
    _require_dask()
    if isinstance(partition_size, bool) or not isinstance(partition_size, int) or partition_size < 1:
        raise UsageError(f"partition size must be a whole number of at least 1, got {partition_size!r}")
    out = Path(os.path.abspath(out_dir))
    if out.exists() and not out.is_dir():
        raise UsageError(f"output {out} is a file; give a folder for the Parquet output")
    if client is None and scheduler is None:  # on this machine: a missing model fails here, before any worker starts
        from eventlens.pipeline import load_resources

        load_resources(settings)
    with nullcontext(client) if client is not None else dask_client(scheduler, workers, connect_seconds) as running:
        report = _run_on(running, read_all(inputs, settings.max_chars), settings, out, partition_size, on_error, task)
    report.seconds = time.perf_counter() - started
    return report


def _run_on(client: Client, items: Iterable[Item], settings: Settings, out: Path, partition_size: int,
            on_error: Callable[[ArticleError], None] | None, task: Callable[..., dict[str, Any]]) -> RunReport:
    """The body of ``run_dask`` once a client is connected."""
    _register(client, settings)
    out.mkdir(parents=True, exist_ok=True)
    run = _DaskRun(client, settings, str(out), task, on_error)
    window = 2 * max(1, sum(client.nthreads().values()))
    for index, chunk in enumerate(_chunks(items, partition_size)):
        run.submit(f"{index:06d}", chunk)
        while len(run.pending) >= window:
            run.settle_one()
    run.settle_all()
    client.submit(remove_stale, str(out), sorted(run.kept), pure=False, retries=2).result()
    return run.report


# --- reading the Parquet back ---------------------------------------------------------------------


def parquet_files(out_dir: str | Path, table: str) -> list[Path]:
    """The Parquet files of ``table`` under ``out_dir``, in path order (temporary files left out)."""
    return sorted((Path(out_dir) / table).glob("**/*.parquet"))


def _check_file(con: duckdb.DuckDBPyConnection, path: Path, columns: Columns) -> str | None:
    """Why ``path`` cannot serve as a part of a table with ``columns`` (None when it can): it is
    opened and its rows counted, which reads its footer and metadata."""
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
        con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    except (duckdb.Error, OSError) as exc:
        return f"{path}: not a readable Parquet file ({str(exc).splitlines()[0]})"
    found = {row[0] for row in described}
    missing = [name for name, _ in columns if name not in found]
    if missing:
        kind = path.parts[-3] if len(path.parts) > 2 else ""
        return f"{path}: not an eventlens {kind} file (missing columns {', '.join(missing)})"
    return None


def check_parquet(out_dir: str | Path) -> dict[str, list[Path]]:
    """The checked Parquet files of every table under ``out_dir``.

    RAISES ParquetError: ``out_dir`` is not a folder, holds no eventlens Parquet output, or holds a
    file that cannot be read (every such file is named; none is skipped).
    """
    out = Path(out_dir)
    if not out.is_dir():
        raise ParquetError(f"no Parquet output at {out}: not a folder")
    found = {table: parquet_files(out, table) for table in TABLES}
    if not any(found.values()):
        raise ParquetError(f"{out} holds no eventlens Parquet output (no {'/, '.join(TABLES)}/ files)")
    con = duckdb.connect()
    try:
        problems = [p for table, files in found.items() for f in files
                    if (p := _check_file(con, f, TABLES[table])) is not None]
    finally:
        con.close()
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ParquetError("unreadable Parquet output: " + "; ".join(problems[:5]) + more)
    return found


def _view_sql(name: str, columns: Columns, files: list[Path], temp: bool = False) -> str:
    """A view of the store's ``columns`` over ``files`` (an empty table of them when there are none)."""
    kind = "TEMP VIEW" if temp else "VIEW"
    names = ", ".join(_quote(n) for n, _ in columns)
    if not files:
        cols = ", ".join(f"CAST(NULL AS {t.split()[0]}) AS {_quote(n)}" for n, t in columns)
        return f"CREATE OR REPLACE {kind} {_quote(name)} AS SELECT {cols} WHERE false"
    paths = "[" + ", ".join(_sql_text(str(f)) for f in files) + "]"
    return (f"CREATE OR REPLACE {kind} {_quote(name)} AS SELECT {names} FROM read_parquet({paths}, "
            "hive_partitioning = true, hive_types = {'month': VARCHAR})")


def open_parquet(out_dir: str | Path, rule: happenings.Rule | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection over a Parquet output folder, for ``eventlens.query``.

    ``articles``, ``actors``, ``events``, ``quotes``, ``dates`` and ``errors`` are views with the
    store's columns over the checked files (a table with no file is an empty view); ``happenings``
    and ``happening_reports`` are linked in memory with ``rule`` (the settings' rule when None), so
    every query function runs as on a store. The views see the files present when it was opened.
    RAISES ParquetError: see ``check_parquet``.
    """
    found = check_parquet(out_dir)
    con = duckdb.connect()
    try:
        for table, files in found.items():
            con.execute(_view_sql(table, TABLES[table], files))
        con.execute(_create_sql("meta", META_COLUMNS))
        happenings.rebuild(con, rule or happenings.default_rule())
    except BaseException:
        con.close()
        raise
    return con


def _names(columns: Columns) -> str:
    return ", ".join(_quote(n) for n, _ in columns)


def store_from_parquet(out_dir: str | Path, db_path: str | Path, wait: float = LOCK_WAIT_SECONDS,
                       rule: happenings.Rule | None = None) -> dict[str, int]:
    """Load a Parquet output folder into the eventlens DuckDB store ``db_path`` (created if missing).

    In one transaction the stored rows of every article in the folder are replaced by the folder's
    (loading the same folder twice changes nothing), the errors of those articles are cleared, the
    folder's error rows are upserted on their key (an error for an article stored earlier says that
    version is kept), and the happenings they touch are relinked with ``rule``.
    RETURNS: rows loaded per table.
    RAISES ParquetError: an unreadable folder or file, or an article id in more than one file;
    NotAStore, StoreLocked, StoreError: the database cannot be used.
    """
    from eventlens.store import Store

    found = check_parquet(out_dir)
    with Store(db_path, wait=wait) as store:
        con = store.con
        for table, files in found.items():
            con.execute(_view_sql(f"pq_{table}", TABLES[table], files, temp=True))
        twice = con.execute("SELECT article_id, count(*) FROM pq_articles GROUP BY ALL HAVING count(*) > 1 "
                            "ORDER BY article_id LIMIT 3").fetchall()
        if twice:
            named = ", ".join(repr(row[0]) for row in twice)
            raise ParquetError(f"{out_dir}: article {named} written by more than one partition; the folder mixes "
                               "runs: write the run again into an empty folder")
        ids = [row[0] for row in con.execute("SELECT article_id FROM pq_articles").fetchall()]
        counts: dict[str, int] = {}

        def work() -> None:
            for table in TABLES:
                if table != "errors":
                    con.execute(f"DELETE FROM {_quote(table)} WHERE article_id IN (SELECT article_id FROM pq_articles)")
                    con.execute(f"INSERT INTO {_quote(table)} ({_names(TABLES[table])}) "
                                f"SELECT {_names(TABLES[table])} FROM {_quote('pq_' + table)}")
            con.execute("DELETE FROM errors WHERE article_id IN (SELECT article_id FROM pq_articles)")
            _load_errors(con)
            for table in TABLES:
                row = con.execute(f"SELECT count(*) FROM {_quote('pq_' + table)}").fetchone()
                counts[table] = int(row[0]) if row else 0
            happenings.refresh(con, ids, rule or store.happening_rule or happenings.default_rule())

        store._transaction(work)
        for table in TABLES:
            con.execute(f"DROP VIEW IF EXISTS {_quote('pq_' + table)}")
    return counts


def _load_errors(con: duckdb.DuckDBPyConnection) -> None:
    """Upsert the folder's error rows; ``first_seen`` keeps the first time (as ``Store`` does)."""
    kept = ("CASE WHEN e.article_id IN (SELECT article_id FROM articles) AND e.article_id NOT IN "
            "(SELECT article_id FROM pq_articles) THEN e.reason || '; the version stored earlier is kept' "
            "ELSE e.reason END")
    con.execute(
        'INSERT INTO errors (id, origin, article_id, reason, first_seen, "input") '
        f'SELECT e.id, e.origin, e.article_id, {kept}, e.first_seen, e."input" FROM pq_errors e '
        "QUALIFY row_number() OVER (PARTITION BY e.id ORDER BY e.first_seen DESC) = 1 "
        'ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, reason = excluded.reason, '
        'article_id = excluded.article_id, "input" = excluded."input"'
    )

"""DuckDB store for article results: schema, upserts on content-hash ids, error log.

No NLP imports here: the store only knows the records of ``models.py``. Each article's
rows are replaced in one transaction, so writing the same result twice leaves the same
rows, and a new version of an article (new text or new extraction) replaces the old one.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from eventlens import happenings
from eventlens.models import (
    SCHEMA_VERSION,
    Actor,
    Article,
    ArticleError,
    ArticleResult,
    DateRef,
    Event,
    Quote,
)

STORE_SCHEMA = "eventlens.store/1"
DEFAULT_PATH = "eventlens.duckdb"
INSERT_BATCH = 200  # rows per multi-row INSERT statement

Columns = tuple[tuple[str, str], ...]

ARTICLE_COLUMNS: Columns = (
    ("article_id", "VARCHAR PRIMARY KEY"),
    ("date", "VARCHAR"),
    ("title", "VARCHAR"),
    ("text_sha256", "VARCHAR"),
    ("text", "VARCHAR"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("origin", "VARCHAR"),
    ("ingested_at", "TIMESTAMP"),
    ("coded_with", "VARCHAR"),
)

_ROW_KEYS: Columns = (
    ("row_id", "VARCHAR NOT NULL"),
    ("article_id", "VARCHAR NOT NULL"),
    ("seq", "INTEGER NOT NULL"),
)

ACTOR_COLUMNS: Columns = _ROW_KEYS + (
    ("id", "VARCHAR"),
    ("text", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("code", "VARCHAR"),
    ("name", "VARCHAR"),
    ("alt_codes", "VARCHAR[]"),
    ("kind", "VARCHAR"),
    ("rule", "VARCHAR"),
    ("ref", "VARCHAR"),
)

EVENT_COLUMNS: Columns = _ROW_KEYS + (
    ("id", "VARCHAR"),
    ("source", "VARCHAR"),
    ("target", "VARCHAR"),
    ("source_actor", "VARCHAR"),
    ("target_actor", "VARCHAR"),
    ("code", "VARCHAR"),
    ("root", "VARCHAR"),
    ("name", "VARCHAR"),
    ("plover", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("date", "VARCHAR"),
    ("date_text", "VARCHAR"),
    ("evidence", "VARCHAR"),
    ("evidence_start", "INTEGER"),
    ("evidence_end", "INTEGER"),
    ("trigger", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
    ("location_text", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("confidence", "DOUBLE"),
    ("rule", "VARCHAR"),
)

QUOTE_COLUMNS: Columns = _ROW_KEYS + (
    ("id", "VARCHAR"),
    ("quote", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("type", "VARCHAR"),
    ("speaker", "VARCHAR"),
    ("speaker_text", "VARCHAR"),
    ("speaker_actor", "VARCHAR"),
    ("cue", "VARCHAR"),
    ("reported_by", "VARCHAR"),
    ("date", "VARCHAR"),
    ("speaker_code", "VARCHAR"),
    ("speaker_start", "INTEGER"),
    ("speaker_end", "INTEGER"),
)

DATE_COLUMNS: Columns = _ROW_KEYS + (
    ("id", "VARCHAR"),
    ("text", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("value", "VARCHAR"),
    ("type", "VARCHAR"),
    ("granularity", "VARCHAR"),
    ("mod", "VARCHAR"),
)

ERROR_COLUMNS: Columns = (
    ("id", "VARCHAR PRIMARY KEY"),
    ("origin", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("first_seen", "TIMESTAMP"),
    ("input", "VARCHAR"),
)
LOCK_WAIT_SECONDS = 10.0  # how long opening a locked database keeps retrying

META_COLUMNS: Columns = (("key", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR"))

TABLES: dict[str, Columns] = {
    "articles": ARTICLE_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "events": EVENT_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "dates": DATE_COLUMNS,
    "errors": ERROR_COLUMNS,
}
CHILD_TABLES = ("actors", "events", "quotes", "dates")


class StoreError(RuntimeError):
    """The database cannot be used as asked (a user's mistake or another process); the message says
    what to do."""


class StoreSchemaError(StoreError):
    """The database file was written by an incompatible store schema version."""


class NotAStore(StoreError):
    """The path is a folder, not a DuckDB file, or a DuckDB file without eventlens tables."""


class StoreLocked(StoreError):
    """Another process holds the database's lock past the wait."""


def _holder(message: str) -> str:
    """Who holds a DuckDB lock, from DuckDB's message (``... held in /usr/bin/python3 (PID 123)``)."""
    m = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    return f"process {m.group(2)} ({Path(m.group(1)).name})" if m else "another process"


def connect(path: str | Path, read_only: bool = False, wait: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, retrying for ``wait`` seconds while another process holds its lock.

    RAISES NotAStore: a folder or a file DuckDB cannot read; StoreLocked: still locked after
    ``wait``; StoreError: any other reason the file cannot be opened; FileNotFoundError: a
    read-only open of a file that does not exist.
    """
    path = str(path)
    if path != ":memory:":
        if Path(path).is_dir():
            raise NotAStore(f"{path} is a folder, not a database file; give --db a file such as eventlens.duckdb")
        if read_only and not Path(path).exists():
            raise FileNotFoundError(f"no database at {path}; run `eventlens ingest` first")
    deadline, pause = time.monotonic() + wait, 0.05
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            message = str(exc)
            if "lock" not in message.lower():
                if "not a valid DuckDB database" in message:
                    raise NotAStore(f"{path} is not a DuckDB database file; give --db an eventlens database") from exc
                raise StoreError(f"cannot open {path}: {message.splitlines()[0]}") from exc
            if time.monotonic() >= deadline:
                raise StoreLocked(f"{path} is locked by {_holder(message)}, still after {wait:g} s; "
                                  "try again when it finishes") from exc
            time.sleep(min(pause, max(deadline - time.monotonic(), 0.01)))
            pause = min(pause * 2, 0.5)


def check_store(con: duckdb.DuckDBPyConnection, path: str, writable: bool = False) -> None:
    """Refuse a DuckDB file that is not an eventlens database (an empty one is fine to write into).

    RAISES NotAStore, StoreSchemaError.
    """
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "meta" in tables:
        row = con.execute("SELECT value FROM meta WHERE key = 'store_schema'").fetchone()
        if row is not None and row[0] != STORE_SCHEMA:
            raise StoreSchemaError(f"{path}: database schema {row[0]!r}; this eventlens needs {STORE_SCHEMA!r}")
        if row is not None:
            return
    if tables or not writable:
        raise NotAStore(f"{path} is a DuckDB file without eventlens tables; give --db a database written by "
                        "`eventlens ingest`")


def open_reader(path: str | Path, wait: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """A read-only connection to an eventlens database, after waiting out a writer's lock.

    RAISES FileNotFoundError, NotAStore, StoreLocked, StoreError.
    """
    con = connect(path, read_only=True, wait=wait)
    try:
        check_store(con, str(path))
    except BaseException:
        con.close()
        raise
    return con


def check_target(path: str | Path, wait: float = LOCK_WAIT_SECONDS) -> None:
    """Check that ``ingest`` can write to ``path`` before any work starts, without creating it.

    RAISES NotAStore, StoreLocked, StoreError (a missing parent folder, an unreadable file).
    """
    path = str(path)
    if path == ":memory:":
        return
    target = Path(path)
    if target.is_dir():
        raise NotAStore(f"{path} is a folder, not a database file; give --db a file such as eventlens.duckdb")
    if not target.exists():
        if not target.parent.is_dir():
            raise StoreError(f"cannot create {path}: folder {target.parent} does not exist")
        return
    con = connect(path, wait=wait)
    try:
        check_store(con, path, writable=True)
    finally:
        con.close()


def version_key(text_sha256: str | None, date: str | None, title: str | None, coded_with: str | None) -> str:
    """What makes a stored article the same as an input one: its text, date, title and the
    settings fingerprint it was coded with."""
    return row_hash(text_sha256, date, title, coded_with)


def stored_versions(path: str | Path, wait: float = LOCK_WAIT_SECONDS) -> dict[str, str]:
    """``article_id -> version_key`` of every article stored in ``path`` (empty when the file does
    not exist yet): what ``ingest`` may skip."""
    if str(path) == ":memory:" or not Path(path).exists():
        return {}
    try:
        con = open_reader(path, wait)
    except NotAStore:  # an empty DuckDB file that ingest may fill
        return {}
    try:
        rows = con.execute("SELECT article_id, text_sha256, date, title, coded_with FROM articles").fetchall()
    except duckdb.Error:  # a store of before the coded_with column: nothing is skipped
        return {}
    finally:
        con.close()
    return {row[0]: version_key(*row[1:]) for row in rows}


def _quote(name: str) -> str:
    """A SQL identifier in double quotes (column names such as ``end`` are reserved)."""
    return '"' + name.replace('"', '""') + '"'


def _create_sql(table: str, columns: Columns) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for one table."""
    cols = ", ".join(f"{_quote(name)} {kind}" for name, kind in columns)
    return f"CREATE TABLE IF NOT EXISTS {_quote(table)} ({cols})"


def _insert_sql(table: str, columns: Columns, suffix: str = "", rows: int = 1) -> str:
    """A parameterised ``INSERT`` of ``rows`` rows of every column of ``table``."""
    names = ", ".join(_quote(name) for name, _ in columns)
    marks = "(" + ", ".join("?" for _ in columns) + ")"
    values = ", ".join([marks] * rows)
    return f"INSERT INTO {_quote(table)} ({names}) VALUES {values}{suffix}"


def error_key(error: ArticleError) -> str:
    """The errors-table key: the resolved input plus the article id, or the line when there is no id."""
    if error.article_id:
        where = error.article_id
    else:  # the line number, not the path as typed (``in.jsonl:4`` and ``/abs/in.jsonl:4`` are one line)
        head, _, line = error.origin.rpartition(":")
        where = f"line {line}" if error.input and head and line.isdigit() else error.origin
    return row_hash("error", error.input or error.origin, where)


def row_hash(*parts: str | None) -> str:
    """Deterministic id: SHA-256 (32 hex chars) of the parts joined by a unit separator."""
    joined = "\x1f".join("" if p is None else p for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables and record the schema version; refuse a different version.

    con: an open, writable DuckDB connection.
    RAISES StoreSchemaError: the database holds another ``store_schema`` version.
    """
    for table, columns in {**TABLES, "meta": META_COLUMNS}.items():
        con.execute(_create_sql(table, columns))
    con.execute('ALTER TABLE errors ADD COLUMN IF NOT EXISTS "input" VARCHAR')  # databases of before the column
    con.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS coded_with VARCHAR")
    happenings.ensure_tables(con)
    row = con.execute("SELECT value FROM meta WHERE key = 'store_schema'").fetchone()
    if row is None:
        con.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [("store_schema", STORE_SCHEMA), ("result_schema", SCHEMA_VERSION)],
        )
    elif row[0] != STORE_SCHEMA:
        raise StoreSchemaError(f"database schema {row[0]!r}; this eventlens needs {STORE_SCHEMA!r}")


def _now() -> datetime:
    """The current UTC time without tzinfo (DuckDB ``TIMESTAMP``)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _article_row(result: ArticleResult, article: Article | None, coded_with: str | None = None) -> tuple[Any, ...]:
    """The ``articles`` row: the result's fields plus text and provenance from ``article``;
    ``coded_with`` is the settings fingerprint the result was made with (``Settings.fingerprint``)."""
    date = result.date or (article.date.isoformat() if article and article.date else None)
    text = article.text if article is not None else (result.text or None)
    return (
        result.article_id,
        date,
        result.title if result.title is not None else (article.title if article else None),
        result.text_sha256,
        text,
        article.url if article else None,
        article.source if article else None,
        article.origin if article and article.origin else None,
        _now(),
        coded_with,
    )


def _keys(result: ArticleResult, kind: str, seq: int, local_id: str) -> tuple[str, str, int]:
    """``(row_id, article_id, seq)`` for one record of ``result``."""
    rid = row_hash(result.article_id, result.text_sha256, kind, local_id)
    return (rid, result.article_id, seq)


def _actor_row(result: ArticleResult, seq: int, a: Actor) -> tuple[Any, ...]:
    """The ``actors`` row for one actor."""
    return _keys(result, "actor", seq, a.id) + (
        a.id, a.text, a.start, a.end, a.code, a.name, list(a.alt_codes), a.kind, a.rule, a.ref,
    )


def _event_row(result: ArticleResult, seq: int, e: Event) -> tuple[Any, ...]:
    """The ``events`` row for one event, its location spread over five columns."""
    loc = e.location
    where = (loc.text, loc.name, loc.country, loc.lat, loc.lon) if loc else (None,) * 5
    return _keys(result, "event", seq, e.id) + (
        e.id, e.source, e.target, e.source_actor, e.target_actor, e.code, e.root, e.name,
        e.plover, e.quad_class, e.goldstein, e.date, e.date_text, e.evidence,
        e.evidence_start, e.evidence_end, e.trigger, e.trigger_start, e.trigger_end,
    ) + where + (e.confidence, e.rule)


def _quote_row(result: ArticleResult, seq: int, q: Quote) -> tuple[Any, ...]:
    """The ``quotes`` row for one quote."""
    return _keys(result, "quote", seq, q.id) + (
        q.id, q.quote, q.start, q.end, q.type, q.speaker, q.speaker_text, q.speaker_actor,
        q.cue, q.reported_by, q.date, q.speaker_code, q.speaker_start, q.speaker_end,
    )


def _date_row(result: ArticleResult, seq: int, d: DateRef) -> tuple[Any, ...]:
    """The ``dates`` row for one date mention; its local id is ``t<position>``."""
    local = f"t{seq + 1}"
    return _keys(result, "date", seq, local) + (
        local, d.text, d.start, d.end, d.value, d.type, d.granularity, d.mod,
    )


def child_rows(result: ArticleResult) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for the actors, events, quotes and dates tables, in record order."""
    return {
        "actors": [_actor_row(result, i, a) for i, a in enumerate(result.actors)],
        "events": [_event_row(result, i, e) for i, e in enumerate(result.events)],
        "quotes": [_quote_row(result, i, q) for i, q in enumerate(result.quotes)],
        "dates": [_date_row(result, i, d) for i, d in enumerate(result.dates)],
    }


class Store:
    """An eventlens DuckDB database opened for writing.

    path (str | Path): database file, created if missing; ``":memory:"`` for tests.
    ``con`` is the open connection; pass it to ``eventlens.query`` functions.
    Use as a context manager, or call ``close()``.
    ``happening_rule`` links events across articles after each write (None: the settings' rule).
    """

    happening_rule: happenings.Rule | None = None
    coded_with: str | None = None

    def __init__(self, path: str | Path = DEFAULT_PATH, wait: float = LOCK_WAIT_SECONDS) -> None:
        self.path = str(path)
        self.con = connect(self.path, wait=wait)
        try:
            check_store(self.con, self.path, writable=True)
            ensure_schema(self.con)
        except Exception:
            self.con.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def write(self, result: ArticleResult, article: Article | None = None) -> None:
        """Store one article result, replacing any earlier rows of the same article_id.

        result (ArticleResult): the extraction to store.
        article (Article | None): the input article, for text, url, source and origin;
            without it the text is ``result.text`` (NULL when empty).
        Side effect: one transaction that deletes the article's rows and inserts the new ones.
        """
        self.write_many([(result, article)])

    def write_many(self, items: Iterable[tuple[ArticleResult, Article | None]]) -> int:
        """Store many ``(result, article)`` pairs in one transaction; return how many were stored.

        Same replace semantics as ``write``; a later pair wins over an earlier one with the
        same article_id; on any error nothing of the batch is kept.
        """
        batch = list({result.article_id: (result, article) for result, article in items}.values())
        self._transaction(lambda: self._replace_all(batch))
        return len(batch)

    def write_error(self, error: ArticleError) -> None:
        """Record an input problem, replacing the row of the same input and article (or line);
        ``first_seen`` keeps the first time."""
        self.write_batch([error])

    def write_batch(self, items: Sequence[ArticleError | tuple[ArticleResult, Article | None]],
                    fresh_inputs: Iterable[str] = (), settled: Iterable[str] = ()) -> int:
        """Store results and errors in input order, in one transaction; return the results stored.

        items: ``(result, article)`` pairs and ArticleErrors, in the order they were read.
        fresh_inputs: resolved inputs read again from their start in this run: their old error rows
            are dropped first, so a re-run leaves only the errors it meets.
        settled: ids of articles read again and found stored unchanged: their error rows go too.
        An error row is keyed by its resolved input and article id (the line without an id), so a
        re-run replaces it; a stored result clears every error row of its article id, wherever it
        was read; an error for an article already stored says that the stored version is kept.
        """
        results: dict[str, tuple[ArticleResult, Article | None]] = {}
        errors: dict[str, tuple[Any, ...]] = {}
        for item in items:
            if isinstance(item, ArticleError):
                key = error_key(item)
                errors[key] = (key, item.origin, item.article_id, item.reason, _now(), item.input or None)
            else:
                result, article = item
                results[result.article_id] = (result, article)
                errors = {k: row for k, row in errors.items() if row[2] != result.article_id}
        fresh, kept = sorted(set(fresh_inputs)), sorted(set(settled))

        def work() -> None:
            if fresh:
                self.con.execute("DELETE FROM errors WHERE list_contains(?, input)", [fresh])
            if kept:
                self.con.execute("DELETE FROM errors WHERE list_contains(?, article_id)", [kept])
            if results:
                self.con.execute("DELETE FROM errors WHERE list_contains(?, article_id)", [list(results)])
                self._replace_all(list(results.values()))
            if errors:
                self._upsert_errors(list(errors.values()), set(results))

        self._transaction(work)
        return len(results)

    def _upsert_errors(self, rows: list[tuple[Any, ...]], written: set[str]) -> None:
        """Insert or replace error rows (caller holds the transaction); ``first_seen`` is kept."""
        ids = [row[2] for row in rows if row[2] is not None and row[2] not in written]
        stored = set()
        if ids:
            found = self.con.execute("SELECT article_id FROM articles WHERE list_contains(?, article_id)", [ids])
            stored = {r[0] for r in found.fetchall()}
        rows = [row[:3] + (row[3] + "; the version stored earlier is kept",) + row[4:] if row[2] in stored else row
                for row in rows]
        sql = _insert_sql("errors", ERROR_COLUMNS, ' ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, '
                          'reason = excluded.reason, article_id = excluded.article_id, "input" = excluded."input"')
        for row in rows:
            self.con.execute(sql, row)

    def counts(self) -> dict[str, int]:
        """Rows per data table (articles, actors, events, quotes, dates, errors)."""
        out = {}
        for table in TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        self.con.close()

    def _transaction(self, work: Any) -> None:
        """Run ``work()`` inside BEGIN/COMMIT, rolling back on any error."""
        self.con.begin()
        try:
            work()
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    def _replace_all(self, batch: Sequence[tuple[ArticleResult, Article | None]]) -> None:
        """Delete then insert the rows of every article in ``batch`` (caller holds the transaction)."""
        articles: list[tuple[Any, ...]] = []
        children: dict[str, list[tuple[Any, ...]]] = {t: [] for t in CHILD_TABLES}
        for result, article in batch:
            articles.append(_article_row(result, article, self.coded_with))
            for table, rows in child_rows(result).items():
                children[table].extend(rows)
        for table, rows in children.items():  # row ids are unique by construction; the tables keep no
            if len({row[0] for row in rows}) != len(rows):  # index of them (it would grow with the store)
                raise StoreError(f"duplicate record ids in {table}: an article's records need distinct ids")
        ids = [row[0] for row in articles]
        for table in ("articles", *CHILD_TABLES):
            self.con.execute(f"DELETE FROM {_quote(table)} WHERE list_contains(?, article_id)", [ids])
        self._insert("articles", articles)
        for table in CHILD_TABLES:
            self._insert(table, children[table])
        happenings.refresh(self.con, ids, self.happening_rule or happenings.default_rule())

    def _insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """Insert ``rows`` into ``table``, up to INSERT_BATCH rows per parameterised statement."""
        for i in range(0, len(rows), INSERT_BATCH):
            chunk = rows[i : i + INSERT_BATCH]
            sql = _insert_sql(table, TABLES[table], rows=len(chunk))
            self.con.execute(sql, [value for row in chunk for value in row])


"""Read-only queries over an eventlens database, shared by the CLI and the web app.

Every function takes an open DuckDB connection, only runs ``SELECT`` statements and
returns plain JSON-ready rows (``list[dict]``; timestamps as ISO strings). Filters are
SQL parameters, never formatted into the statement.

Date filters (``since``/``until``) take ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and are
inclusive at the bound's own granularity: ``until="2022-02"`` keeps all of February.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from eventlens.store import ensure_schema

_BOUND = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DATED = r"^[0-9]{4}"


@dataclass
class _Where:
    """A growing list of SQL conditions and their parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        """Add one condition with its ``?`` parameters."""
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        """The ``WHERE`` part, empty when there is no condition."""
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def open_db(path: str | Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open an eventlens database for queries.

    path: the database file (``":memory:"`` gives an empty, writable database).
    read_only: open the file read-only (the default); when False, missing tables are created.
    RAISES FileNotFoundError: a read-only open of a file that does not exist.
    """
    path = str(path)
    if path == ":memory:":
        con = duckdb.connect(path)
        ensure_schema(con)
        return con
    if read_only:
        if not Path(path).exists():
            raise FileNotFoundError(f"no eventlens database at {path}")
        return duckdb.connect(path, read_only=True)
    con = duckdb.connect(path)
    ensure_schema(con)
    return con


def _value(v: Any) -> Any:
    """A JSON-ready value: timestamps and dates as ISO strings."""
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return v


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Run one SELECT and return its rows as dicts."""
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [{n: _value(v) for n, v in zip(names, row)} for row in cur.fetchall()]


def _bound(value: str, name: str) -> str:
    """Check a since/until bound is ``YYYY[-MM[-DD]]``."""
    if not _BOUND.fullmatch(value):
        raise ValueError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def _date_range(where: _Where, column: str, since: str | None, until: str | None) -> None:
    """Keep rows whose ``column`` date falls in [since, until]; undated rows drop out."""
    if since is None and until is None:
        return
    where.add(f"regexp_matches(coalesce({column}, ''), '{_DATED}')")
    if since is not None:
        since = _bound(since, "since")
        where.add(f"substr({column}, 1, ?) >= ?", len(since), since)
    if until is not None:
        until = _bound(until, "until")
        where.add(f"substr({column}, 1, ?) <= ?", len(until), until)


def _limit(limit: int | None) -> tuple[str, list[Any]]:
    """The ``LIMIT`` part and its parameter."""
    if limit is None:
        return "", []
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise ValueError(f"limit must be a non-negative integer, got {limit!r}")
    return " LIMIT ?", [limit]


def _prefix(value: str) -> str:
    """An actor-code prefix, upper-cased (codes are stored upper-case)."""
    return value.strip().upper()


def _select(
    con: duckdb.DuckDBPyConnection, base: str, where: _Where, order: str, limit: int | None
) -> list[dict[str, Any]]:
    """Run ``base`` with the conditions, an ORDER BY and an optional LIMIT."""
    limit_sql, limit_params = _limit(limit)
    sql = f"{base}{where.sql()} ORDER BY {order}{limit_sql}"
    return _rows(con, sql, where.params + limit_params)


_EVENTS = (
    "SELECT e.* EXCLUDE (seq), a.title AS article_title, a.date AS article_date "
    "FROM events e LEFT JOIN articles a USING (article_id)"
)


def events(
    con: duckdb.DuckDBPyConnection,
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    code: str | None = None,
    root: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Events matching every filter given, ordered by event date, article and position.

    actor/source/target: actor-code prefixes (``actor`` matches source or target;
        ``"RUS"`` matches ``RUSGOV``); case-insensitive.
    code: CAMEO code prefix (``"04"`` matches ``"042"``). root: exact root (``"4"`` is ``"04"``).
    since/until: inclusive range on the event date; events dated ``unknown`` drop out.
    article: exact article_id. limit: most rows returned.
    RETURNS: one dict per event: every ``events`` column (``row_id``, ``article_id``, the
        Event fields, location as ``location_text/_name/_country``, ``lat``, ``lon``)
        plus ``article_title`` and ``article_date``.
    """
    where = _Where()
    if actor:
        where.add("(starts_with(e.source, ?) OR starts_with(e.target, ?))", _prefix(actor), _prefix(actor))
    if source:
        where.add("starts_with(e.source, ?)", _prefix(source))
    if target:
        where.add("starts_with(e.target, ?)", _prefix(target))
    if code:
        where.add("starts_with(e.code, ?)", code.strip())
    if root:
        where.add("e.root = ?", str(root).strip().zfill(2))
    if article:
        where.add("e.article_id = ?", article)
    _date_range(where, "e.date", since, until)
    return _select(con, _EVENTS, where, "e.date, e.article_id, e.seq", limit)


_QUOTES = (
    "SELECT q.* EXCLUDE (seq, speaker_code), "
    "coalesce(q.speaker_code, s.code) AS speaker_code, "
    "a.title AS article_title, a.date AS article_date "
    "FROM quotes q LEFT JOIN articles a USING (article_id) "
    "LEFT JOIN actors s ON s.article_id = q.article_id AND s.id = q.speaker_actor"
)


def quotes(
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Quotes matching every filter given, ordered by date, article and position.

    speaker: case-insensitive substring of the speaker's canonical name.
    actor: prefix of the speaker's actor code (the quote's ``speaker_code``, else the code
        of its ``speaker_actor`` record).
    since/until: inclusive range on the quote date, or the article date when the quote has none.
    article: exact article_id. limit: most rows returned.
    RETURNS: one dict per quote: the ``quotes`` columns (``speaker_code`` filled from the
        speaker's actor record when missing) plus ``article_title`` and ``article_date``.
    """
    where = _Where()
    if speaker:
        where.add("strpos(lower(q.speaker), lower(?)) > 0", speaker)
    if actor:
        where.add("starts_with(coalesce(q.speaker_code, s.code), ?)", _prefix(actor))
    if article:
        where.add("q.article_id = ?", article)
    _date_range(where, "coalesce(q.date, a.date)", since, until)
    order = "coalesce(q.date, a.date), q.article_id, q.seq"
    return _select(con, _QUOTES, where, order, limit)


def actors(
    con: duckdb.DuckDBPyConnection,
    code: str | None = None,
    name: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Distinct actors (code, name) with mention and article counts, most mentioned first.

    code: actor-code prefix (case-insensitive). name: case-insensitive substring of the name.
    article: count only mentions in this article_id. limit: most rows returned.
    RETURNS: dicts with ``code``, ``name``, ``mentions``, ``articles``.
    """
    where = _Where()
    if code:
        where.add("starts_with(code, ?)", _prefix(code))
    if name:
        where.add("strpos(lower(name), lower(?)) > 0", name)
    if article:
        where.add("article_id = ?", article)
    limit_sql, limit_params = _limit(limit)
    sql = (
        "SELECT code, name, count(*) AS mentions, count(DISTINCT article_id) AS articles "
        f"FROM actors{where.sql()} GROUP BY code, name "
        f"ORDER BY mentions DESC, code, name{limit_sql}"
    )
    return _rows(con, sql, where.params + limit_params)


def errors(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> list[dict[str, Any]]:
    """Recorded input errors (id, origin, article_id, reason, first_seen), oldest first."""
    return _select(con, "SELECT * FROM errors", _Where(), "first_seen, origin, id", limit)


_ARTICLES = (
    "SELECT a.article_id, a.date, a.title, a.url, a.source, a.origin, a.text_sha256, a.ingested_at, "
    "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id) AS events, "
    "(SELECT count(*) FROM quotes q WHERE q.article_id = a.article_id) AS quotes "
    "FROM articles a"
)


def articles(
    con: duckdb.DuckDBPyConnection,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored articles (no text) with event and quote counts, ordered by date and id.

    since/until: inclusive range on the publication date; undated articles drop out.
    """
    where = _Where()
    _date_range(where, "a.date", since, until)
    return _select(con, _ARTICLES, where, "a.date, a.article_id", limit)


def _records(con: duckdb.DuckDBPyConnection, table: str, article_id: str) -> list[dict[str, Any]]:
    """The rows of one child table for an article, in record order, without store keys."""
    sql = f"SELECT * EXCLUDE (row_id, article_id, seq) FROM {table} WHERE article_id = ? ORDER BY seq"
    return _rows(con, sql, [article_id])


def _event_record(row: dict[str, Any]) -> dict[str, Any]:
    """An events row folded back to the RESULT-SCHEMA event shape."""
    loc = {k: row.pop(c) for k, c in (("text", "location_text"), ("name", "location_name"),
                                       ("country", "location_country"), ("lat", "lat"), ("lon", "lon"))}
    row["location"] = loc if loc["text"] is not None or loc["name"] is not None else None
    return row


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One stored article as its RESULT-SCHEMA record (text included), or None if absent.

    ``ArticleResult.from_dict`` reads the returned dict back into the record that was written.
    """
    head = _rows(con, "SELECT * FROM articles WHERE article_id = ?", [article_id])
    if not head:
        return None
    a = head[0]
    dates = _records(con, "dates", article_id)
    for d in dates:
        d.pop("id")
    return {
        "article_id": a["article_id"], "date": a["date"], "title": a["title"],
        "text_sha256": a["text_sha256"], "text": a["text"] or "",
        "url": a["url"], "source": a["source"], "origin": a["origin"],
        "actors": _records(con, "actors", article_id),
        "events": [_event_record(r) for r in _records(con, "events", article_id)],
        "quotes": _records(con, "quotes", article_id),
        "dates": dates,
    }

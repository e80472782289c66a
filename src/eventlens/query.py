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
    return [{n: _value(v) for n, v in zip(names, row, strict=True)} for row in cur.fetchall()]


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


def _limit(limit: int | None, offset: int = 0) -> tuple[str, list[Any]]:
    """The ``LIMIT``/``OFFSET`` part and its parameters."""
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer, got {offset!r}")
    if limit is None:
        return (" OFFSET ?", [offset]) if offset else ("", [])
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise ValueError(f"limit must be a non-negative integer, got {limit!r}")
    return " LIMIT ? OFFSET ?", [limit, offset]


def _prefix(value: str) -> str:
    """An actor-code prefix, upper-cased (codes are stored upper-case)."""
    return value.strip().upper()


Query = tuple[str, list[Any]]


def _statement(base: str, where: _Where, order: str, limit: int | None, offset: int = 0) -> Query:
    """``base`` with the conditions, an ORDER BY and an optional LIMIT/OFFSET, and its parameters."""
    limit_sql, limit_params = _limit(limit, offset)
    return f"{base}{where.sql()} ORDER BY {order}{limit_sql}", where.params + limit_params


def _select(
    con: duckdb.DuckDBPyConnection, base: str, where: _Where, order: str, limit: int | None, offset: int = 0
) -> list[dict[str, Any]]:
    """Run ``base`` with the conditions, an ORDER BY and an optional LIMIT/OFFSET."""
    return _rows(con, *_statement(base, where, order, limit, offset))


_EVENTS = (
    "SELECT e.* EXCLUDE (seq), a.title AS article_title, a.date AS article_date, "
    "sa.name AS source_name, ta.name AS target_name "
    "FROM events e LEFT JOIN articles a USING (article_id) "
    "LEFT JOIN actors sa ON sa.article_id = e.article_id AND sa.id = e.source_actor "
    "LEFT JOIN actors ta ON ta.article_id = e.article_id AND ta.id = e.target_actor"
)


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by the event list and its aggregates (every field optional).

    actor/source/target: actor-code prefixes (``actor`` matches source or target; ``"RUS"``
        matches ``RUSGOV``); case-insensitive.
    code: CAMEO code prefix (``"04"`` matches ``"042"``). root: exact root (``"4"`` is ``"04"``).
    quad_class: 1-4. plover: exact PLOVER type (any case).
    since/until: inclusive range on the event date; events dated ``unknown`` drop out.
    article: exact article_id.
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    code: str | None = None
    root: str | None = None
    quad_class: int | None = None
    plover: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None

    def where(self, alias: str = "e") -> _Where:
        """The SQL conditions of these filters on the events table named ``alias``."""
        where, e = _Where(), alias
        if self.actor:
            where.add(f"(starts_with({e}.source, ?) OR starts_with({e}.target, ?))",
                      _prefix(self.actor), _prefix(self.actor))
        if self.source:
            where.add(f"starts_with({e}.source, ?)", _prefix(self.source))
        if self.target:
            where.add(f"starts_with({e}.target, ?)", _prefix(self.target))
        if self.code:
            where.add(f"starts_with({e}.code, ?)", self.code.strip())
        if self.root:
            where.add(f"{e}.root = ?", str(self.root).strip().zfill(2))
        if self.quad_class is not None:
            where.add(f"{e}.quad_class = ?", int(self.quad_class))
        if self.plover:
            where.add(f"{e}.plover = ?", self.plover.strip().upper())
        if self.article:
            where.add(f"{e}.article_id = ?", self.article)
        _date_range(where, f"{e}.date", self.since, self.until)
        return where


def events_query(limit: int | None = None, offset: int = 0, **filters: Any) -> Query:
    """The SELECT statement and parameters of :func:`events` (for COPY-style exports)."""
    where = EventFilter(**filters).where()
    return _statement(_EVENTS, where, "e.date, e.article_id, e.seq", limit, offset)


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
    offset: int = 0,
    quad_class: int | None = None,
    plover: str | None = None,
) -> list[dict[str, Any]]:
    """Events matching every filter given (see :class:`EventFilter`), ordered by event date,
    article and position; ``limit`` rows at most after skipping ``offset``.

    RETURNS: one dict per event: every ``events`` column (``row_id``, ``article_id``, the
        Event fields, location as ``location_text/_name/_country``, ``lat``, ``lon``)
        plus ``article_title``, ``article_date``, ``source_name`` and ``target_name``.
    """
    return _rows(con, *events_query(limit, offset, actor=actor, source=source, target=target, code=code,
                                    root=root, since=since, until=until, article=article,
                                    quad_class=quad_class, plover=plover))


_QUOTES = (
    "SELECT q.* EXCLUDE (seq, speaker_code), "
    "coalesce(q.speaker_code, s.code) AS speaker_code, "
    "a.title AS article_title, a.date AS article_date "
    "FROM quotes q LEFT JOIN articles a USING (article_id) "
    "LEFT JOIN actors s ON s.article_id = q.article_id AND s.id = q.speaker_actor"
)


def quotes_query(
    speaker: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    text: str | None = None,
) -> Query:
    """The SELECT statement and parameters of :func:`quotes`."""
    where = _Where()
    if speaker:
        where.add("strpos(lower(q.speaker), lower(?)) > 0", speaker)
    if actor:
        where.add("starts_with(coalesce(q.speaker_code, s.code), ?)", _prefix(actor))
    if article:
        where.add("q.article_id = ?", article)
    if text:
        where.add("strpos(lower(q.quote), lower(?)) > 0", text)
    _date_range(where, "coalesce(q.date, a.date)", since, until)
    return _statement(_QUOTES, where, "coalesce(q.date, a.date), q.article_id, q.seq", limit, offset)


def quotes(
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    text: str | None = None,
) -> list[dict[str, Any]]:
    """Quotes matching every filter given, ordered by date, article and position.

    speaker: case-insensitive substring of the speaker's canonical name.
    actor: prefix of the speaker's actor code (the quote's ``speaker_code``, else the code
        of its ``speaker_actor`` record).
    since/until: inclusive range on the quote date, or the article date when the quote has none.
    article: exact article_id. text: case-insensitive substring of the quote.
    limit: most rows returned, after skipping ``offset``.
    RETURNS: one dict per quote: the ``quotes`` columns (``speaker_code`` filled from the
        speaker's actor record when missing) plus ``article_title`` and ``article_date``.
    """
    return _rows(con, *quotes_query(speaker, actor, since, until, article, limit, offset, text))


def actors_query(
    code: str | None = None,
    name: str | None = None,
    article: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Query:
    """The SELECT statement and parameters of :func:`actors`."""
    where = _Where()
    if code:
        where.add("starts_with(code, ?)", _prefix(code))
    if name:
        where.add("strpos(lower(name), lower(?)) > 0", name)
    if article:
        where.add("article_id = ?", article)
    base = ("SELECT code, name, count(*) AS mentions, count(DISTINCT article_id) AS articles "
            f"FROM actors{where.sql()} GROUP BY code, name")
    return _statement(base, _Where(params=where.params), "mentions DESC, code, name", limit, offset)


def actors(
    con: duckdb.DuckDBPyConnection,
    code: str | None = None,
    name: str | None = None,
    article: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Distinct actors (code, name) with mention and article counts, most mentioned first.

    code: actor-code prefix (case-insensitive). name: case-insensitive substring of the name.
    article: count only mentions in this article_id. limit: most rows returned, after ``offset``.
    RETURNS: dicts with ``code``, ``name``, ``mentions``, ``articles``.
    """
    return _rows(con, *actors_query(code, name, article, limit, offset))


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
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stored articles (no text) with event and quote counts, ordered by date and id.

    since/until: inclusive range on the publication date; undated articles drop out.
    """
    where = _Where()
    _date_range(where, "a.date", since, until)
    return _select(con, _ARTICLES, where, "a.date, a.article_id", limit, offset)


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


# --- happenings (events linked across articles; see eventlens.happenings) -------------------------

_HAPPENINGS = "SELECT h.* FROM happenings h"
_HAPPENING_ORDER = {"date": "h.date_start, h.happening_id", "reports": "h.reports DESC, h.date_start, h.happening_id"}


def happenings_query(
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    root: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_reports: int = 1,
    order: str = "date",
    limit: int | None = None,
    offset: int = 0,
) -> Query:
    """The SELECT statement and parameters of :func:`happenings`."""
    if order not in _HAPPENING_ORDER:
        raise ValueError(f"order must be one of {', '.join(_HAPPENING_ORDER)}, got {order!r}")
    where = _Where()
    for column, value in (("source", source), ("target", target)):
        if value:
            where.add(f"starts_with(h.{column}, ?)", _prefix(value))
    if actor:
        where.add("(starts_with(h.source, ?) OR starts_with(h.target, ?))", _prefix(actor), _prefix(actor))
    if root:
        where.add("h.root = ?", str(root).strip().zfill(2))
    if min_reports > 1:
        where.add("h.reports >= ?", int(min_reports))
    if since is not None:
        since = _bound(since, "since")
        where.add("substr(h.date_end, 1, ?) >= ?", len(since), since)
    if until is not None:
        until = _bound(until, "until")
        where.add("substr(h.date_start, 1, ?) <= ?", len(until), until)
    return _statement(_HAPPENINGS, where, _HAPPENING_ORDER[order], limit, offset)


def happenings(con: duckdb.DuckDBPyConnection, **filters: Any) -> list[dict[str, Any]]:
    """Happenings matching every filter given.

    actor/source/target: prefixes of the happening's actor keys; root: CAMEO root;
    since/until: the happening's day span overlaps the range; min_reports: at least this many
    linked events; order: ``date`` (first day) or ``reports`` (most reported first);
    limit/offset: paging.
    RETURNS: the ``happenings`` rows: ``happening_id``, source, target, root, most common code,
        its name, plover, quad_class, mean goldstein, ``date_start``/``date_end``, location,
        ``reports`` (events), ``articles``, ``outlets`` (distinct sources), first/last reported.
    """
    return _rows(con, *happenings_query(**filters))


def happening(con: duckdb.DuckDBPyConnection, happening_id: str) -> dict[str, Any] | None:
    """One happening with ``reports``: its linked events (event columns plus article title/date), or None."""
    head = _rows(con, "SELECT * FROM happenings WHERE happening_id = ?", [happening_id])
    if not head:
        return None
    sql = (_EVENTS + " JOIN happening_reports r ON r.row_id = e.row_id WHERE r.happening_id = ? "
           "ORDER BY a.date, e.article_id, e.seq")
    return {**head[0], "reports_list": _rows(con, sql, [happening_id])}


def happening_of(con: duckdb.DuckDBPyConnection, row_ids: list[str]) -> dict[str, str]:
    """The happening id of each of these event row ids that is linked to one."""
    rows = con.execute("SELECT row_id, happening_id FROM happening_reports WHERE list_contains(?, row_id)",
                       [list(row_ids)]).fetchall()
    return dict(rows)


# --- aggregates for the workbench -------------------------------------------------------------------

_DAY = "substr(e.date, 1, 10)"
_IS_DAY = "regexp_matches(coalesce(e.date, ''), '^[0-9]{4}-[0-9]{2}-[0-9]{2}')"


def _filter(filters: EventFilter | None) -> _Where:
    """The conditions of ``filters`` (none when None)."""
    return (filters or EventFilter()).where()


def daily(con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None) -> list[dict[str, Any]]:
    """Events per day and QuadClass with their Goldstein sum, for day-dated events.

    RETURNS: dicts ``day``, ``quad_class``, ``events``, ``goldstein_sum``, ordered by day and class.
    """
    where = _filter(filters)
    where.add(_IS_DAY)
    sql = (f"SELECT {_DAY} AS day, e.quad_class, count(*) AS events, sum(e.goldstein) AS goldstein_sum "
           f"FROM events e{where.sql()} GROUP BY ALL ORDER BY day, e.quad_class")
    return _rows(con, sql, where.params)


def top_actors(con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None,
               limit: int = 10) -> list[dict[str, Any]]:
    """Actor codes by number of events they take part in (as source or target), with mean Goldstein."""
    where = _filter(filters)
    limit_sql, limit_params = _limit(limit)
    sql = (f"WITH f AS (SELECT e.source, e.target, e.goldstein FROM events e{where.sql()}), "
           "sides AS (SELECT source AS code, goldstein FROM f UNION ALL SELECT target, goldstein FROM f) "
           "SELECT code, count(*) AS events, round(avg(goldstein), 3) AS goldstein FROM sides "
           f"WHERE code IS NOT NULL AND code <> '' GROUP BY code ORDER BY events DESC, code{limit_sql}")
    return _rows(con, sql, where.params + limit_params)


def top_dyads(con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None,
              limit: int = 10) -> list[dict[str, Any]]:
    """Source-target pairs by number of events, with mean Goldstein (events with a target only)."""
    where = _filter(filters)
    where.add("e.target IS NOT NULL AND e.target <> ''")
    limit_sql, limit_params = _limit(limit)
    sql = ("SELECT e.source, e.target, count(*) AS events, round(avg(e.goldstein), 3) AS goldstein "
           f"FROM events e{where.sql()} GROUP BY ALL ORDER BY events DESC, e.source, e.target{limit_sql}")
    return _rows(con, sql, where.params + limit_params)


def dyad(con: duckdb.DuckDBPyConnection, a: str, b: str, since: str | None = None,
         until: str | None = None) -> list[dict[str, Any]]:
    """A to B and B to A over time: events per day, direction and PLOVER type, with mean Goldstein.

    a, b: actor-code prefixes. RETURNS: dicts ``day``, ``direction`` (``a>b`` or ``b>a``), ``source``,
    ``target``, ``plover``, ``events``, ``goldstein``; day-dated events only.
    """
    a, b = _prefix(a), _prefix(b)
    where = EventFilter(since=since, until=until).where()
    where.add("((starts_with(e.source, ?) AND starts_with(e.target, ?)) OR "
              "(starts_with(e.source, ?) AND starts_with(e.target, ?)))", a, b, b, a)
    where.add(_IS_DAY)
    sql = (f"SELECT {_DAY} AS day, CASE WHEN starts_with(e.source, ?) AND starts_with(e.target, ?) "
           "THEN 'a>b' ELSE 'b>a' END AS direction, coalesce(e.plover, 'OTHER') AS plover, "
           "count(*) AS events, round(avg(e.goldstein), 3) AS goldstein "
           f"FROM events e{where.sql()} GROUP BY ALL ORDER BY day, direction, plover")
    rows = _rows(con, sql, [a, b] + where.params)
    for r in rows:
        r["source"], r["target"] = (a, b) if r["direction"] == "a>b" else (b, a)
    return rows


def partners(con: duckdb.DuckDBPyConnection, code: str, filters: EventFilter | None = None,
             limit: int = 20) -> list[dict[str, Any]]:
    """The actors that ``code`` (a prefix) acts on or is acted on by: events each way, mean Goldstein."""
    code = _prefix(code)
    where = _filter(filters)
    where.add("(starts_with(e.source, ?) OR starts_with(e.target, ?))", code, code)
    limit_sql, limit_params = _limit(limit)
    sql = ("WITH f AS (SELECT CASE WHEN starts_with(e.source, ?) THEN e.target ELSE e.source END AS partner, "
           f"starts_with(e.source, ?) AS outgoing, e.goldstein FROM events e{where.sql()}) "
           "SELECT partner, count(*) FILTER (WHERE outgoing) AS events_to, "
           "count(*) FILTER (WHERE NOT outgoing) AS events_from, "
           "count(*) AS events, round(avg(goldstein), 3) AS goldstein "
           "FROM f WHERE partner IS NOT NULL AND partner <> '' "
           f"GROUP BY partner ORDER BY events DESC, partner{limit_sql}")
    return _rows(con, sql, [code, code] + where.params + limit_params)


def network(con: duckdb.DuckDBPyConnection, filters: EventFilter | None = None,
            limit: int = 60) -> list[dict[str, Any]]:
    """The actor network: undirected edges weighted by event count, with mean Goldstein, heaviest first."""
    where = _filter(filters)
    where.add("e.target IS NOT NULL AND e.target <> '' AND e.source <> e.target")
    limit_sql, limit_params = _limit(limit)
    sql = ("SELECT least(e.source, e.target) AS a, greatest(e.source, e.target) AS b, count(*) AS events, "
           f"round(avg(e.goldstein), 3) AS goldstein FROM events e{where.sql()} "
           f"GROUP BY ALL ORDER BY events DESC, a, b{limit_sql}")
    return _rows(con, sql, where.params + limit_params)


def actor_summary(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, Any] | None:
    """An exact actor code: its names, mentions, articles and events, or None when the store has none."""
    code = _prefix(code)
    names = _rows(con, "SELECT name, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM actors "
                       "WHERE code = ? GROUP BY name ORDER BY mentions DESC, name", [code])
    count = con.execute("SELECT count(*) FROM events WHERE source = ? OR target = ?", [code, code]).fetchone()
    events_n = int(count[0]) if count else 0
    if not names and not events_n:
        return None
    return {"code": code, "names": names, "mentions": sum(n["mentions"] for n in names), "events": events_n}


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Row counts of the main tables and the time of the latest ingest."""
    out: dict[str, Any] = {}
    for table in ("articles", "events", "happenings", "quotes", "actors"):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = int(row[0]) if row else 0
    row = con.execute("SELECT max(ingested_at) FROM articles").fetchone()
    out["last_ingest"] = _value(row[0]) if row else None
    return out


# --- search ---------------------------------------------------------------------------------------

_TERM = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def search_terms(text: str) -> list[str]:
    """The lower-cased words of a search, at most MAX_TERMS, duplicates dropped."""
    return list(dict.fromkeys(t.lower() for t in _TERM.findall(text or "")))[:MAX_TERMS]


def search(con: duckdb.DuckDBPyConnection, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Articles containing every word of ``text`` (title or body, any case), best first.

    The score is BM25-like: for each word, its count in the article times log(1 + N/df), where N
    is the number of articles and df the number containing the word. Words are matched as
    substrings, so ``sanction`` finds ``sanctions``.
    RETURNS: dicts ``article_id``, ``title``, ``date``, ``score``, ``snippet`` (text around the first
        word), ``events``, ``quotes``; empty for a search without words.
    """
    terms = search_terms(text)
    if not terms:
        return []
    body = "lower(coalesce(a.title, '') || ' ' || coalesce(a.text, ''))"
    counts = ", ".join(
        f"(length({body}) - length(replace({body}, ?, ''))) // {max(len(t), 1)} AS n{i}" for i, t in enumerate(terms))
    every = " AND ".join(f"n{i} > 0" for i in range(len(terms)))
    dfs = ", ".join(f"count(*) FILTER (WHERE n{i} > 0) AS d{i}" for i in range(len(terms)))
    score = " + ".join(f"n{i} * ln(1 + total / greatest(d{i}, 1))" for i in range(len(terms)))
    limit_sql, limit_params = _limit(limit, offset)
    sql = (f"WITH hits AS (SELECT a.article_id, a.title, a.date, a.text, {counts} FROM articles a), "
           f"df AS (SELECT count(*) AS total, {dfs} FROM hits), "
           f"matched AS (SELECT hits.*, {score} AS score FROM hits, df WHERE {every}) "
           "SELECT article_id, title, date, round(score, 3) AS score, "
           "substr(coalesce(text, ''), greatest(1, strpos(lower(coalesce(text, '')), ?) - 80), 240) AS snippet, "
           "(SELECT count(*) FROM events e WHERE e.article_id = matched.article_id) AS events, "
           "(SELECT count(*) FROM quotes q WHERE q.article_id = matched.article_id) AS quotes "
           f"FROM matched ORDER BY score DESC, date DESC, article_id{limit_sql}")
    return _rows(con, sql, terms + [terms[0]] + limit_params)


def happening_stories(con: duckdb.DuckDBPyConnection, happening_ids: list[str]) -> dict[str, list[str]]:
    """The article ids reporting each of these happenings, sorted."""
    rows = con.execute(
        "SELECT happening_id, list(DISTINCT article_id ORDER BY article_id) FROM happening_reports "
        "WHERE list_contains(?, happening_id) GROUP BY happening_id", [list(happening_ids)]).fetchall()
    return {h: list(ids) for h, ids in rows}

"""Happenings: the events of different articles that report the same real-world happening.

Each article's events stay in the ``events`` table as they were coded; this module links them
into ``happenings`` (one row per happening, with its number of reports, articles and distinct
outlets, like GDELT's NumMentions/NumArticles/NumSources) and ``happening_reports`` (one row per
linked event). Two reports are the same happening when all of these hold:

1. **Same dyad**: the source and the target have the same actor key, the country block plus
   ``sector_blocks`` sector blocks of the code (``RUSGOVMIL`` -> ``RUSGOV`` with one block; IGO and
   NGO codes keep their organisation block, ``IGOWSTNAT``). Symmetric codes (041, 044, 046, 057,
   062, 0871) match in either direction.
2. **Same CAMEO root**.
3. **Same time**: their dates, as day spans (``2022-02-10`` is one day, ``2022-W05`` seven, a range
   ``2022-02-08/2022-02-10`` its days), overlap once each is widened by ``window_days``. Linking is
   transitive, so a chain of overlapping reports is one happening. A report whose span is longer
   than ``max_span_days`` (a month, a year) links only to reports with the very same span, so
   "in February" never swallows every day of February. Undated reports (``unknown``) are not linked.
4. **Compatible place** (``location = "country"``): reports placed in different countries are
   different happenings; an unplaced report joins the placed happening with the most reports.

A happening's id is a hash of its dyad, root, first day and country, so re-ingesting the same
articles gives the same ids; a new report that extends a happening earlier gives it a new id.
The rule in force is kept in the ``meta`` table; when it changes, every happening is rebuilt.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

import duckdb

from eventlens.ontology import SYMMETRIC_CODES

ORG_PREFIXES = ("IGO", "NGO", "NGM", "MNC")
LOCATIONS = ("country", "off")

HAPPENING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("happening_id", "VARCHAR PRIMARY KEY"),
    ("source", "VARCHAR"),
    ("target", "VARCHAR"),
    ("root", "VARCHAR"),
    ("code", "VARCHAR"),
    ("name", "VARCHAR"),
    ("plover", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("date_start", "VARCHAR"),
    ("date_end", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("reports", "INTEGER"),
    ("articles", "INTEGER"),
    ("outlets", "INTEGER"),
    ("first_reported", "VARCHAR"),
    ("last_reported", "VARCHAR"),
)
REPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("happening_id", "VARCHAR NOT NULL"),
    ("row_id", "VARCHAR NOT NULL"),
    ("article_id", "VARCHAR NOT NULL"),
    ("event_id", "VARCHAR"),
)
TABLES = {"happenings": HAPPENING_COLUMNS, "happening_reports": REPORT_COLUMNS}
_META_KEY = "happening_rule"


@dataclass(frozen=True, slots=True)
class Rule:
    """The tunable parts of the linking rule (settings ``happening_*``).

    window_days (int): dates this many days apart still match (0: same day or overlapping span).
    max_span_days (int): reports dated with a longer span link only to reports of the same span.
    sector_blocks (int): sector blocks of an actor code compared after its country (0: country only).
    location (str): ``country`` keeps reports placed in different countries apart; ``off`` ignores places.
    """

    window_days: int = 0
    max_span_days: int = 7
    sector_blocks: int = 1
    location: str = "country"

    def __post_init__(self) -> None:
        if self.location not in LOCATIONS:
            raise ValueError(f"happening_location must be one of {', '.join(LOCATIONS)}, not {self.location!r}")
        if min(self.window_days, self.max_span_days, self.sector_blocks) < 0:
            raise ValueError("happening_window_days, happening_max_span_days and happening_sector_blocks must be >= 0")

    @classmethod
    def from_settings(cls, settings: Any) -> Rule:
        """The rule from a ``Settings`` object's ``happening_*`` fields (defaults where absent)."""
        names = ("window_days", "max_span_days", "sector_blocks", "location")
        found = {n: getattr(settings, "happening_" + n) for n in names if hasattr(settings, "happening_" + n)}
        return cls(**found)


def default_rule() -> Rule:
    """The rule of the settings in force (packaged defaults and ``EVENTLENS_HAPPENING_*``)."""
    from eventlens.config import load_settings

    return Rule.from_settings(load_settings())


def actor_key(code: str | None, sector_blocks: int = 1) -> str:
    """The part of an actor code that must match: country (or organisation) plus sector blocks."""
    code = (code or "").strip().upper()
    head = 9 if code.startswith(ORG_PREFIXES) else 3
    return code[: head + 3 * sector_blocks]


def _day(text: str) -> date | None:
    """A ``YYYY-MM-DD`` prefix as a date, else None."""
    try:
        return date.fromisoformat(text[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def _single_span(value: str) -> tuple[date, date] | None:
    """First and last day of one TIMEX3 date value (day, week, weekend, month, year)."""
    if (d := _day(value)) is not None:
        return d, d
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        try:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        if m[3]:
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), date(int(value), 12, 31)
    return None


def date_span(value: str | None) -> tuple[date, date] | None:
    """The days an event date covers, or None when it fixes none (``unknown``, seasons, decades).

    ``2022-02-10`` and ``2022-02-10T18:00`` are one day; ``2022-W05`` a week; ``2022-02`` a month;
    ``2022-02-08/2022-02-10`` the days from the first part's start to the second part's end.
    """
    if not value:
        return None
    parts = value.split("/")
    spans = [_single_span(p) for p in parts[:2]]
    if not spans or any(s is None for s in spans):
        return None
    first, last = spans[0][0], spans[-1][1]  # type: ignore[index]
    return (first, last) if first <= last else None


@dataclass(frozen=True, slots=True)
class Report:
    """One stored event as the linker sees it."""

    row_id: str
    article_id: str
    event_id: str
    source: str
    target: str
    root: str
    code: str
    name: str | None
    plover: str | None
    quad_class: int | None
    goldstein: float | None
    date: str | None
    location_country: str | None
    location_name: str | None
    lat: float | None
    lon: float | None
    article_date: str | None
    outlet: str | None


def group_key(r: Report, rule: Rule) -> tuple[str, str, str]:
    """(source key, target key, root) of a report; a symmetric code's pair is sorted."""
    src, tgt = actor_key(r.source, rule.sector_blocks), actor_key(r.target, rule.sector_blocks)
    if r.code in SYMMETRIC_CODES and tgt < src:
        src, tgt = tgt, src
    return src, tgt, r.root


def _time_clusters(reports: Sequence[Report], rule: Rule) -> list[list[Report]]:
    """Reports of one dyad and root linked by overlapping date spans (undated ones left out)."""
    dated = [(span, r) for r in reports if (span := date_span(r.date)) is not None]
    long_spans: dict[tuple[date, date], list[Report]] = {}
    clusters: list[list[Report]] = []
    end: date | None = None
    widen = timedelta(days=rule.window_days)
    for span, r in sorted(dated, key=lambda sr: (sr[0], sr[1].row_id)):
        if (span[1] - span[0]).days + 1 > rule.max_span_days:
            long_spans.setdefault(span, []).append(r)
        elif end is not None and span[0] - widen <= end:
            clusters[-1].append(r)
            end = max(end, span[1])
        else:
            clusters.append([r])
            end = span[1]
    return clusters + list(long_spans.values())


def _place_split(cluster: list[Report], rule: Rule) -> list[list[Report]]:
    """One cluster split by location country; unplaced reports join the biggest placed part."""
    if rule.location == "off":
        return [cluster]
    parts: dict[str, list[Report]] = {}
    for r in cluster:
        if r.location_country:
            parts.setdefault(r.location_country, []).append(r)
    unplaced = [r for r in cluster if not r.location_country]
    if not parts:
        return [cluster]
    biggest = min(parts, key=lambda c: (-len(parts[c]), c))
    parts[biggest].extend(unplaced)
    return list(parts.values())


def _happening_id(key: tuple[str, str, str], first_day: str, country: str | None) -> str:
    """Deterministic id: 24 hex characters of SHA-256 over the key, first day and country."""
    joined = "\x1f".join((*key, first_day, country or ""))
    return "h" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:23]


def _most_common(values: Iterable[Any]) -> Any:
    """The most frequent non-null value (ties: the smallest), or None."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def _record(key: tuple[str, str, str], members: list[Report]) -> dict[str, Any]:
    """The ``happenings`` row of one linked group of reports."""
    spans = [date_span(r.date) for r in members]
    start = min(s[0] for s in spans if s).isoformat()
    end = max(s[1] for s in spans if s).isoformat()
    country = _most_common(r.location_country for r in members)
    placed = [r for r in members if r.location_country == country and r.location_name]
    place = _most_common(r.location_name for r in placed)
    at = next((r for r in placed if r.location_name == place and r.lat is not None), None)
    code = _most_common(r.code for r in members)
    scores = [r.goldstein for r in members if r.goldstein is not None]
    reported = sorted(r.article_date for r in members if r.article_date)
    return {
        "happening_id": _happening_id(key, start, country),
        "source": key[0], "target": key[1], "root": key[2], "code": code,
        "name": next((r.name for r in members if r.code == code), None),
        "plover": _most_common(r.plover for r in members),
        "quad_class": _most_common(r.quad_class for r in members),
        "goldstein": round(sum(scores) / len(scores), 3) if scores else None,
        "date_start": start, "date_end": end,
        "location_country": country, "location_name": place,
        "lat": at.lat if at else None, "lon": at.lon if at else None,
        "reports": len(members),
        "articles": len({r.article_id for r in members}),
        "outlets": len({r.outlet for r in members if r.outlet}),
        "first_reported": reported[0] if reported else None,
        "last_reported": reported[-1] if reported else None,
    }


def link(reports: Iterable[Report], rule: Rule = Rule()) -> list[tuple[dict[str, Any], list[Report]]]:
    """Link reports into happenings: ``(happenings row, its reports)`` pairs, ordered by id.

    Pure function of its input: the same reports always give the same happenings and ids.
    """
    groups: dict[tuple[str, str, str], list[Report]] = {}
    for r in reports:
        groups.setdefault(group_key(r, rule), []).append(r)
    out = []
    for key, members in groups.items():
        for cluster in _time_clusters(members, rule):
            for part in _place_split(cluster, rule):
                out.append((_record(key, part), sorted(part, key=lambda r: r.row_id)))
    return sorted(out, key=lambda hr: hr[0]["happening_id"])


def outlet(source: str | None, url: str | None) -> str | None:
    """The outlet of an article: its ``source``, else the host of its URL (``www.`` dropped)."""
    if source and source.strip():
        return source.strip().lower()
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or None


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the happenings tables when missing."""
    for table, columns in TABLES.items():
        cols = ", ".join(f'"{name}" {kind}' for name, kind in columns)
        con.execute(f'CREATE TABLE IF NOT EXISTS "{table}" ({cols})')


_REPORTS_SQL = (
    "SELECT e.row_id, e.article_id, e.id, coalesce(e.source, ''), coalesce(e.target, ''), e.root, e.code, "
    "e.name, e.plover, e.quad_class, e.goldstein, e.date, e.location_country, e.location_name, e.lat, e.lon, "
    "a.date, a.source, a.url FROM events e LEFT JOIN articles a USING (article_id)"
)


def _load_reports(con: duckdb.DuckDBPyConnection, where: str = "", params: Sequence[Any] = ()) -> list[Report]:
    """Events (with their article's date and outlet) as Reports."""
    rows = con.execute(_REPORTS_SQL + where, list(params)).fetchall()
    return [Report(*(*row[:17], outlet(row[17], row[18]))) for row in rows]


def _insert_linked(con: duckdb.DuckDBPyConnection, linked: list) -> None:
    """Insert linked happenings and their report links."""
    names = [n for n, _ in HAPPENING_COLUMNS]
    rows = [[h[n] for n in names] for h, _ in linked]
    reports = [(h["happening_id"], r.row_id, r.article_id, r.event_id) for h, members in linked for r in members]
    _insert(con, "happenings", len(names), rows)
    _insert(con, "happening_reports", 4, reports)


INSERT_BATCH = 500  # rows per multi-row INSERT (executemany runs one statement a row)


def _insert(con: duckdb.DuckDBPyConnection, table: str, width: int, rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` into ``table`` with parameterised multi-row INSERT statements."""
    marks = "(" + ", ".join("?" * width) + ")"
    for i in range(0, len(rows), INSERT_BATCH):
        chunk = rows[i : i + INSERT_BATCH]
        con.execute(f'INSERT INTO "{table}" VALUES {", ".join([marks] * len(chunk))}',
                    [v for row in chunk for v in row])


def _stored_rule(con: duckdb.DuckDBPyConnection) -> str | None:
    """The rule the stored happenings were built with (JSON), or None."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [_META_KEY]).fetchone()
    return row[0] if row else None


def rebuild(con: duckdb.DuckDBPyConnection, rule: Rule = Rule()) -> int:
    """Relink every stored event (caller holds the transaction); return the number of happenings."""
    ensure_tables(con)
    linked = link(_load_reports(con), rule)
    con.execute("DELETE FROM happening_reports")
    con.execute("DELETE FROM happenings")
    _insert_linked(con, linked)
    con.execute("DELETE FROM meta WHERE key = ?", [_META_KEY])
    con.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [_META_KEY, json.dumps(asdict(rule), sort_keys=True)])
    return len(linked)


def refresh(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], rule: Rule = Rule()) -> None:
    """Relink the happenings touched by these articles (call after their rows were replaced).

    Only the happenings near the articles' old and new events in time are recomputed (see
    :func:`_window`); when the stored rule differs from ``rule`` (or none is stored), everything is
    rebuilt.
    """
    ensure_tables(con)
    if _stored_rule(con) != json.dumps(asdict(rule), sort_keys=True):
        rebuild(con, rule)
        return
    ids = list(article_ids)
    fresh = _load_reports(con, " WHERE list_contains(?, e.article_id)", [ids])
    old = con.execute(
        "SELECT DISTINCT h.happening_id, h.source, h.target, h.root, h.date_start, h.date_end FROM happenings h "
        "JOIN happening_reports r USING (happening_id) WHERE list_contains(?, r.article_id)", [ids]).fetchall()
    keys = {group_key(r, rule) for r in fresh} | {tuple(row[1:4]) for row in old}
    if not keys:
        return
    flat = ["\x1f".join(k) for k in keys]
    stored = con.execute(
        "SELECT happening_id, source, target, root, date_start, date_end FROM happenings "
        "WHERE list_contains(?, concat_ws(chr(31), source, target, root))", [flat]).fetchall()
    chosen = _window(fresh, old, stored, rule)
    reports = {r.row_id: r for r in _load_reports(
        con, " WHERE e.row_id IN (SELECT row_id FROM happening_reports WHERE list_contains(?, happening_id))",
        [sorted(chosen)])}
    reports.update((r.row_id, r) for r in fresh)
    _replace_ids(con, chosen, link(reports.values(), rule))


def _window(fresh: Sequence[Report], old: Sequence[Sequence[Any]], stored: Sequence[Sequence[Any]],
            rule: Rule) -> set[str]:
    """The stored happenings to relink: those the articles were linked to, and every happening of the
    same dyad and root whose dates, widened by ``window_days``, meet the new reports' dates or a
    happening already chosen (so a whole chain, and every place part of it, is relinked at once).
    Happenings further away in time cannot change, so the work per batch does not grow with the store."""
    widen = timedelta(days=rule.window_days)
    spans: dict[tuple[str, ...], list[tuple[date, date]]] = {}
    for r in fresh:
        if (span := date_span(r.date)) is not None:
            spans.setdefault(group_key(r, rule), []).append(span)
    chosen = {row[0] for row in old}
    for row in old:
        if (span := _row_span(row)) is not None:
            spans.setdefault(tuple(row[1:4]), []).append(span)
    waiting: dict[tuple[str, ...], list[tuple[str, tuple[date, date]]]] = {}
    for row in stored:
        span = _row_span(row)
        if row[0] not in chosen and span is not None:
            waiting.setdefault(tuple(row[1:4]), []).append((row[0], span))
    for key, seen in spans.items():
        rest = waiting.get(key, [])
        while rest:
            near: list[tuple[str, tuple[date, date]]] = []
            far: list[tuple[str, tuple[date, date]]] = []
            for hid, span in rest:
                meets = any(span[0] - widen <= b and a - widen <= span[1] for a, b in seen)
                (near if meets else far).append((hid, span))
            if not near:
                break
            chosen.update(hid for hid, _ in near)
            seen.extend(span for _, span in near)
            rest = far
    return chosen


def _row_span(row: Sequence[Any]) -> tuple[date, date] | None:
    """The first and last day of a ``happenings`` row (its ``date_start`` and ``date_end``)."""
    first, last = _day(row[4] or ""), _day(row[5] or "")
    return (first, last) if first is not None and last is not None else None


def _replace_ids(con: duckdb.DuckDBPyConnection, ids: set[str], linked: list) -> None:
    """Delete the happenings ``ids`` with their report links and insert ``linked``."""
    if ids:
        con.execute("DELETE FROM happening_reports WHERE list_contains(?, happening_id)", [sorted(ids)])
        con.execute("DELETE FROM happenings WHERE list_contains(?, happening_id)", [sorted(ids)])
    _insert_linked(con, linked)

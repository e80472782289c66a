"""Exports of the store: events, happenings, quotes or actors as JSONL, CSV, Parquet or PLOVER JSON.

Every export has every column that the matching ``eventlens.query`` function returns. Parquet is
written by DuckDB's own ``COPY ... (FORMAT parquet)`` over the same parameterised query, so no
Arrow library is needed. ``plover`` writes one PLOVER/POLECAT-style JSON object a line for events
and happenings (see :func:`plover_event` and :func:`plover_happening`).
"""

from __future__ import annotations

import csv
import dataclasses
import inspect
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import duckdb

from eventlens import query

KINDS = ("events", "happenings", "quotes", "actors")
FORMATS = ("jsonl", "csv", "parquet", "plover")
PLOVER_KINDS = ("events", "happenings")
PLOVER_SCHEMA = "eventlens.plover/1"

# kind -> (its SQL and parameters from filters, its rows from a connection and filters)
_QUERIES: dict[str, tuple[Callable[..., query.Query], Callable[..., list[dict[str, Any]]]]] = {
    "events": (query.events_query, query.events),
    "happenings": (query.happenings_query, query.happenings),
    "quotes": (query.quotes_query, query.quotes),
    "actors": (query.actors_query, query.actors),
}


class ExportError(ValueError):
    """An export that cannot be made (unknown kind or format, plover for quotes, parquet to stdout)."""


def _check(kind: str, fmt: str, out: str) -> None:
    """Refuse unknown kinds and formats, PLOVER for quotes/actors and Parquet to stdout."""
    if kind not in KINDS:
        raise ExportError(f"unknown export {kind!r}; choose from {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "plover" and kind not in PLOVER_KINDS:
        raise ExportError(f"plover format is for {' and '.join(PLOVER_KINDS)}, not {kind}")
    if fmt == "parquet" and out == "-":
        raise ExportError("parquet needs an output file (-o PATH)")


def filters_for(kind: str) -> list[str]:
    """The filter names an export kind takes (those of its ``eventlens.query`` function)."""
    if kind == "events":
        names = [f.name for f in dataclasses.fields(query.EventFilter)]
    else:
        names = list(inspect.signature(_QUERIES[kind][0]).parameters)
    return [name for name in names if name not in ("limit", "offset", "order")] + ["limit"]


def _check_filters(kind: str, filters: dict[str, Any]) -> None:
    """Refuse a filter that the kind does not take (``--speaker`` for events)."""
    allowed = set(filters_for(kind)) | {"offset", "order"}
    wrong = sorted(k for k in filters if k not in allowed)
    if wrong:
        raise ExportError(f"{kind} cannot be filtered by {', '.join(wrong)}; use {', '.join(filters_for(kind))}")


def rows(con: duckdb.DuckDBPyConnection, kind: str, **filters: Any) -> list[dict[str, Any]]:
    """The rows of one export kind, every column, filters as in ``eventlens.query``."""
    _check(kind, "jsonl", "")
    _check_filters(kind, filters)
    return _QUERIES[kind][1](con, **filters)


@contextmanager
def _opened(out: str) -> Iterator[IO[str]]:
    """A text stream for ``out`` (``-`` is stdout), parent folders created."""
    if out == "-":
        yield sys.stdout
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _cell(value: Any) -> Any:
    """A CSV cell: lists and dicts as JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(records: list[dict[str, Any]], stream: IO[str]) -> None:
    """Records as CSV with a header of every key of the first record."""
    if not records:
        return
    writer = csv.DictWriter(stream, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in r.items()} for r in records)


def write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> None:
    """One JSON object a line."""
    for r in records:
        stream.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


@dataclass(frozen=True, slots=True)
class PloverInfo:
    """What the CAMEO-to-PLOVER 2021 table says of one CAMEO code."""

    event_type: str | None
    mode: str | None
    context: str | None


@lru_cache(maxsize=1)
def plover_table() -> dict[str, PloverInfo]:
    """CAMEO code -> PLOVER type, mode and context, from the packaged 2021 mapping table."""
    path = resources.files("eventlens") / "data" / "ontology" / "cameo_to_plover_2021.csv"
    table: dict[str, PloverInfo] = {}
    # (Traversable.open takes no newline=; the wrapper reads as Path.open(encoding=, newline="") would)
    with io.TextIOWrapper(path.open("rb"), encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["row_kind"] == "code":
                table.setdefault(r["cameo_code"], PloverInfo(r["plover_event_type"] or None,
                                                             r["plover_mode"] or None, r["plover_context"] or None))
    return table


def _plover_info(code: str | None, event_type: str | None = None) -> PloverInfo:
    """The PLOVER info of a code, falling back to its shorter prefixes (``0311`` -> ``031``).

    A mode belongs to its event type: when the stored type differs from the table's, the mode is dropped.
    """
    table = plover_table()
    for n in (4, 3, 2):
        if code and len(code) >= n and code[:n] in table:
            info = table[code[:n]]
            if event_type and info.event_type and event_type != info.event_type:
                return PloverInfo(event_type, None, info.context)
            return info
    return PloverInfo(event_type, None, None)


def split_code(code: str | None) -> dict[str, str | None]:
    """An actor code as PLOVER actor fields: ``country`` (ISO3 or org block) and ``sector``."""
    code = (code or "").upper()
    head = 9 if code.startswith(("IGO", "NGO", "NGM", "MNC")) else 3
    return {"code": code or None, "country": code[:head] or None, "sector": code[head:] or None}


def _actor(code: str | None, name: str | None, text_id: str | None = None) -> dict[str, Any]:
    """A PLOVER actor object."""
    return {**split_code(code), "name": name, "mention_id": text_id}


def plover_event(e: dict[str, Any]) -> dict[str, Any]:
    """One stored event as a PLOVER/POLECAT-style record.

    event_type is the stored PLOVER type (else the 2021 table's), mode and context come from the
    CAMEO-to-PLOVER 2021 table where it gives them; ``story_ids`` is the article id.
    """
    info = _plover_info(e.get("code"), e.get("plover"))
    location = None
    if e.get("location_name") or e.get("location_text"):
        location = {"text": e.get("location_text"), "name": e.get("location_name"),
                    "country": e.get("location_country"), "lat": e.get("lat"), "lon": e.get("lon")}
    return {
        "schema": PLOVER_SCHEMA,
        "event_id": f"{e['article_id']}/{e['id']}",
        "event_date": e.get("date"),
        "event_type": e.get("plover") or info.event_type,
        "event_mode": info.mode,
        "contexts": [info.context] if info.context else [],
        "source": _actor(e.get("source"), e.get("source_name"), e.get("source_actor")),
        "target": _actor(e.get("target"), e.get("target_name"), e.get("target_actor")),
        "cameo": {"code": e.get("code"), "root": e.get("root"), "name": e.get("name"),
                  "quad_class": e.get("quad_class"), "goldstein": e.get("goldstein")},
        "event_text": e.get("evidence"),
        "trigger": e.get("trigger"),
        "location": location,
        "story_ids": [e["article_id"]],
        "story_date": e.get("article_date"),
        "story_title": e.get("article_title"),
        "confidence": e.get("confidence"),
        "rule": e.get("rule"),
    }


def plover_happening(h: dict[str, Any], story_ids: list[str]) -> dict[str, Any]:
    """One happening as a PLOVER/POLECAT-style record with every reporting article in ``story_ids``."""
    info = _plover_info(h.get("code"), h.get("plover"))
    dates = h["date_start"] if h["date_start"] == h["date_end"] else f"{h['date_start']}/{h['date_end']}"
    return {
        "schema": PLOVER_SCHEMA,
        "event_id": h["happening_id"],
        "event_date": dates,
        "event_type": h.get("plover") or info.event_type,
        "event_mode": info.mode,
        "contexts": [info.context] if info.context else [],
        "source": _actor(h.get("source"), None),
        "target": _actor(h.get("target"), None),
        "cameo": {"code": h.get("code"), "root": h.get("root"), "name": h.get("name"),
                  "quad_class": h.get("quad_class"), "goldstein": h.get("goldstein")},
        "location": {"name": h.get("location_name"), "country": h.get("location_country"),
                     "lat": h.get("lat"), "lon": h.get("lon")} if h.get("location_country") else None,
        "num_mentions": h.get("reports"),
        "num_articles": h.get("articles"),
        "num_sources": h.get("outlets"),
        "story_ids": story_ids,
        "first_reported": h.get("first_reported"),
        "last_reported": h.get("last_reported"),
    }


def plover_records(con: duckdb.DuckDBPyConnection, kind: str, **filters: Any) -> list[dict[str, Any]]:
    """PLOVER records of events or happenings matching the filters."""
    if kind == "events":
        return [plover_event(e) for e in query.events(con, **filters)]
    found = query.happenings(con, **filters)
    stories = query.happening_stories(con, [h["happening_id"] for h in found])
    return [plover_happening(h, stories.get(h["happening_id"], [])) for h in found]


def export(con: duckdb.DuckDBPyConnection, kind: str, fmt: str, out: str = "-", **filters: Any) -> int:
    """Write one export and return the number of records written.

    kind: events, happenings, quotes or actors. fmt: jsonl, csv, parquet or plover.
    out: a file path, or ``-`` for standard output (not for parquet).
    filters: the keyword filters of the matching ``eventlens.query`` function.
    RAISES ExportError: an unknown kind or format, plover for quotes/actors, parquet to stdout;
        ValueError: a bad filter value.
    """
    out = str(out)
    _check(kind, fmt, out)
    filters = {k: v for k, v in filters.items() if v is not None}
    _check_filters(kind, filters)
    if fmt == "parquet":
        sql, params = _QUERIES[kind][0](**filters)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        con.execute(f"COPY ({sql}) TO '{_literal(out)}' (FORMAT parquet)", params)
        row = con.execute(f"SELECT count(*) FROM read_parquet('{_literal(out)}')").fetchone()
        return int(row[0]) if row else 0
    records = plover_records(con, kind, **filters) if fmt == "plover" else rows(con, kind, **filters)
    with _opened(out) as stream:
        (write_csv if fmt == "csv" else write_jsonl)(records, stream)
    return len(records)


def _literal(path: str) -> str:
    """A file path inside a SQL string literal (COPY takes no parameter for its target)."""
    return path.replace("'", "''")

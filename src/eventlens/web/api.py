"""The JSON API under ``/api/``: the library's queries with pagination and limits."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from eventlens import export, query
from eventlens.web.deps import ACTOR_CODE, DATE, Code, Con, Day, FiltersDep, Limit, Offset

router = APIRouter(prefix="/api", tags=["api"])
Page = dict[str, Any]


def page(items: list[dict[str, Any]], limit: int, offset: int) -> Page:
    """One page of results: ``items``, ``limit``, ``offset`` and ``next_offset`` (null on the last page).

    The query is asked for ``limit + 1`` rows so the last page is known without counting.
    """
    more = len(items) > limit
    return {"items": items[:limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


@router.get("/stats", summary="Row counts and the time of the latest ingest")
def stats(con: Con) -> dict[str, Any]:
    return query.stats(con)


@router.get("/events", summary="Events, filtered and paged")
def events(con: Con, f: FiltersDep, source: Code = None, target: Code = None,
           plover: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{0,20}$")] = None,
           article: Annotated[str | None, Query(max_length=300)] = None,
           limit: Limit = 100, offset: Offset = 0) -> Page:
    flt = f.event_filter(source=source or None, target=target or None, plover=plover or None, article=article or None)
    rows = query.events(con, limit=limit + 1, offset=offset, **dataclasses.asdict(flt))
    return page(rows, limit, offset)


@router.get("/happenings", summary="Happenings (events linked across articles), filtered and paged")
def happenings(con: Con, actor: Code = None, source: Code = None, target: Code = None,
               root: Annotated[str | None, Query(pattern=r"^\d{0,2}$")] = None,
               since: Day = None, until: Day = None,
               min_reports: Annotated[int, Query(ge=1, le=100_000)] = 1,
               order: Literal["date", "reports"] = "date", limit: Limit = 100, offset: Offset = 0) -> Page:
    rows = query.happenings(con, actor=actor or None, source=source or None, target=target or None,
                            root=root or None, since=since or None, until=until or None,
                            min_reports=min_reports, order=order, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/happenings/{happening_id}", summary="One happening with every report (404 when unknown)")
def happening(con: Con, happening_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    found = query.happening(con, happening_id)
    if found is None:
        raise HTTPException(404, f"no happening {happening_id}")
    return found


@router.get("/quotes", summary="Quotes by speaker, speaker code, text and date")
def quotes(con: Con, speaker: Annotated[str | None, Query(max_length=200)] = None, actor: Code = None,
           text: Annotated[str | None, Query(max_length=200)] = None, since: Day = None, until: Day = None,
           article: Annotated[str | None, Query(max_length=300)] = None,
           limit: Limit = 100, offset: Offset = 0) -> Page:
    rows = query.quotes(con, speaker=speaker or None, actor=actor or None, text=text or None, since=since or None,
                        until=until or None, article=article or None, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/actors", summary="Distinct actors with mention counts")
def actors(con: Con, code: Code = None, name: Annotated[str | None, Query(max_length=200)] = None,
           limit: Limit = 100, offset: Offset = 0) -> Page:
    rows = query.actors(con, code=code or None, name=name or None, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/actors/{actor_code}", summary="One actor code: names, partners and network (404 when unknown)")
def actor(con: Con, actor_code: Annotated[str, Path(pattern=ACTOR_CODE)], f: FiltersDep) -> dict[str, Any]:
    code = actor_code.upper()
    summary = query.actor_summary(con, code)
    if summary is None:
        raise HTTPException(404, f"no actor {code}")
    flt = f.event_filter()
    return {**summary, "partners": query.partners(con, code, flt),
            "network": query.network(con, dataclasses.replace(flt, actor=code))}


@router.get("/dyad", summary="A to B and B to A per day and PLOVER type")
def dyad(con: Con, a: Annotated[str, Query(pattern=ACTOR_CODE)],
         b: Annotated[str, Query(pattern=ACTOR_CODE)],
         since: Day = None, until: Day = None) -> dict[str, Any]:
    return {"a": a.upper(), "b": b.upper(), "series": query.dyad(con, a, b, since or None, until or None)}


@router.get("/daily", summary="Events per day and QuadClass with the Goldstein sum")
def daily(con: Con, f: FiltersDep) -> dict[str, Any]:
    return {"items": query.daily(con, f.event_filter())}


@router.get("/top", summary="Top actors and dyads for the filters")
def top(con: Con, f: FiltersDep, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    flt = f.event_filter()
    return {"actors": query.top_actors(con, flt, limit), "dyads": query.top_dyads(con, flt, limit)}


@router.get("/network", summary="Actor network edges: event counts and mean Goldstein")
def network(con: Con, f: FiltersDep, limit: Annotated[int, Query(ge=1, le=500)] = 60) -> dict[str, Any]:
    return {"edges": query.network(con, f.event_filter(), limit)}


@router.get("/articles", summary="Stored articles (no text) with event and quote counts")
def articles(con: Con, since: Day = None, until: Day = None, limit: Limit = 100, offset: Offset = 0) -> Page:
    rows = query.articles(con, since=since or None, until=until or None, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/articles/{article_id}", summary="One article as its result record, text included (404 when unknown)")
def article(con: Con, article_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    found = query.article(con, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return found


@router.get("/search", summary="Articles containing every word of q, best first")
def search(con: Con, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0) -> Page:
    return page(query.search(con, q, limit + 1, offset), limit, offset)


_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "plover": "application/x-ndjson",
          "parquet": "application/vnd.apache.parquet"}


@router.get("/export/{kind}", summary="A whole export with every column (jsonl, csv, parquet or plover)",
            response_class=Response)
def export_kind(con: Con, kind: Literal["events", "happenings", "quotes", "actors"],
                format: Literal["jsonl", "csv", "parquet", "plover"] = "jsonl",
                limit: Annotated[int | None, Query(ge=1, le=1_000_000)] = None) -> Response:
    if format == "plover" and kind not in export.PLOVER_KINDS:
        raise HTTPException(422, f"plover format is for {' and '.join(export.PLOVER_KINDS)}")
    handle, path = tempfile.mkstemp(suffix="." + format)
    os.close(handle)
    export.export(con, kind, format, path, limit=limit)
    name = f"eventlens-{kind}.{'jsonl' if format == 'plover' else format}"
    return FileResponse(path, media_type=_MEDIA[format], filename=name, background=BackgroundTask(os.unlink, path))


__all__ = ["router", "DATE"]

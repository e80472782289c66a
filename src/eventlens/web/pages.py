"""Server-rendered pages: each handler calls ``eventlens.query`` functions and renders a template."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from eventlens import query
from eventlens.web import views
from eventlens.web.app import render
from eventlens.web.deps import ACTOR_CODE, Code, Con, Day, FiltersDep, Offset

router = APIRouter(include_in_schema=False)
PAGE = 50
PageLimit = Annotated[int, Query(ge=1, le=500)]


def _pager(path: str, params: dict[str, str], offset: int, limit: int, shown: int, more: bool) -> dict[str, str | None]:
    """Previous/next links of a paged list."""
    prev = views.url(path, **{**params, "offset": max(0, offset - limit), "limit": limit}) if offset else None
    nxt = views.url(path, **{**params, "offset": offset + limit, "limit": limit}) if more else None
    return {"prev": prev, "next": nxt, "first": str(offset + 1 if shown else 0), "last": str(offset + shown)}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, con: Con, f: FiltersDep) -> HTMLResponse:
    flt, params = f.event_filter(), f.params()
    days = query.daily(con, flt)
    return render(request, "overview.html", f=f, stats=query.stats(con),
                  daily=views.daily_figure(days, params), goldstein=views.goldstein_figure(days, params),
                  actors=query.top_actors(con, flt, 15), dyads=query.top_dyads(con, flt, 15))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, con: Con, f: FiltersDep, source: Code = None, target: Code = None,
           plover: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{0,20}$")] = None,
           limit: PageLimit = PAGE, offset: Offset = 0) -> HTMLResponse:
    more = {"source": source or None, "target": target or None, "plover": plover or None}
    rows = query.events(con, limit=limit + 1, offset=offset, **dataclasses.asdict(f.event_filter(**more)))
    params = f.params(**more)
    links = query.happening_of(con, [r["row_id"] for r in rows])
    return render(request, "events.html", f=f, extra=more, rows=rows[:limit], happenings=links,
                  pager=_pager("/events", params, offset, limit, len(rows[:limit]), len(rows) > limit))


@router.get("/dyad", response_class=HTMLResponse)
def dyad(request: Request, con: Con, a: Annotated[str, Query(pattern=ACTOR_CODE)],
         b: Annotated[str, Query(pattern=ACTOR_CODE)], since: Day = None, until: Day = None) -> HTMLResponse:
    a, b = a.upper(), b.upper()
    series = query.dyad(con, a, b, since or None, until or None)
    there = query.events(con, source=a, target=b, since=since or None, until=until or None, limit=50)
    back = query.events(con, source=b, target=a, since=since or None, until=until or None, limit=50)
    return render(request, "dyad.html", a=a, b=b, since=since or "", until=until or "",
                  figure=views.dyad_figure(series, a, b), there=there, back=back)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, con: Con, f: FiltersDep, name: Annotated[str | None, Query(max_length=200)] = None,
           limit: PageLimit = PAGE, offset: Offset = 0) -> HTMLResponse:
    rows = query.actors(con, code=f.actor, name=name or None, limit=limit + 1, offset=offset)
    edges = query.network(con, f.event_filter(), 60)
    params = f.params(name=name or None)
    return render(request, "actors.html", f=f, name=name or "", rows=rows[:limit],
                  network=views.network_figure(edges),
                  pager=_pager("/actors", params, offset, limit, len(rows[:limit]), len(rows) > limit))


@router.get("/actors/{actor_code}", response_class=HTMLResponse)
def actor(request: Request, con: Con, f: FiltersDep,
          actor_code: Annotated[str, Path(pattern=ACTOR_CODE)]) -> HTMLResponse:
    summary = query.actor_summary(con, actor_code)
    if summary is None:
        raise HTTPException(404, f"no actor {actor_code.upper()} in this store")
    code = summary["code"]
    flt = dataclasses.replace(f.event_filter(), actor=code)
    return render(request, "actor.html", f=f, actor=summary,
                  events=query.events(con, limit=100, **dataclasses.asdict(flt)),
                  quotes=query.quotes(con, actor=code, since=f.since, until=f.until, limit=50),
                  partners=query.partners(con, code, f.event_filter(), 30),
                  network=views.network_figure(query.network(con, flt, 40), focus=code))


@router.get("/happenings", response_class=HTMLResponse)
def happenings(request: Request, con: Con, actor: Code = None, since: Day = None, until: Day = None,
               min_reports: Annotated[int, Query(ge=1, le=100_000)] = 1,
               order: Literal["date", "reports"] = "reports",
               limit: PageLimit = PAGE, offset: Offset = 0) -> HTMLResponse:
    params = {"actor": actor or "", "since": since or "", "until": until or "", "min_reports": str(min_reports),
              "order": order}
    rows = query.happenings(con, actor=actor or None, since=since or None, until=until or None,
                            min_reports=min_reports, order=order, limit=limit + 1, offset=offset)
    return render(request, "happenings.html", params=params, rows=rows[:limit],
                  pager=_pager("/happenings", params, offset, limit, len(rows[:limit]), len(rows) > limit))


@router.get("/happenings/{happening_id}", response_class=HTMLResponse)
def happening(request: Request, con: Con, happening_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    found = query.happening(con, happening_id)
    if found is None:
        raise HTTPException(404, f"no happening {happening_id}")
    return render(request, "happening.html", h=found)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, con: Con, speaker: Annotated[str | None, Query(max_length=200)] = None,
           actor: Code = None, text: Annotated[str | None, Query(max_length=200)] = None,
           since: Day = None, until: Day = None, limit: PageLimit = PAGE, offset: Offset = 0) -> HTMLResponse:
    params = {k: v for k, v in {"speaker": speaker, "actor": actor, "text": text, "since": since,
                                "until": until}.items() if v}
    rows = query.quotes(con, limit=limit + 1, offset=offset, **params)
    return render(request, "quotes.html", params=params, rows=rows[:limit],
                  pager=_pager("/quotes", params, offset, limit, len(rows[:limit]), len(rows) > limit))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, con: Con, article_id: Annotated[str, Path(max_length=300)]) -> HTMLResponse:
    record = query.article(con, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id}")
    pieces = views.segments(record["text"], views.article_spans(record))
    return render(request, "article.html", a=record, segments=pieces)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, con: Con, q: Annotated[str, Query(max_length=200)] = "",
           limit: PageLimit = 20, offset: Offset = 0) -> HTMLResponse:
    rows = query.search(con, q, limit + 1, offset) if q.strip() else []
    return render(request, "search.html", q=q, rows=rows[:limit], terms=query.search_terms(q),
                  pager=_pager("/search", {"q": q}, offset, limit, len(rows[:limit]), len(rows) > limit))

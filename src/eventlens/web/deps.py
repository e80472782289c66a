"""What every handler shares: the per-request read-only connection and the validated filters."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, Query, Request

from eventlens.query import EventFilter

LOCK_ATTEMPTS = 40  # with LOCK_WAIT_S: up to 2 s for a writer to let go
LOCK_WAIT_S = 0.05
MAX_LIMIT = 1000


class StoreUnavailable(Exception):
    """The store cannot be read now: missing, locked by a writer past the retries, or unreadable."""

    def __init__(self, message: str, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


def connect(path: str, attempts: int = LOCK_ATTEMPTS, wait: float = LOCK_WAIT_S) -> duckdb.DuckDBPyConnection:
    """A read-only connection, retried while a writer (``eventlens ingest``) holds the file's lock."""
    if not Path(path).exists():
        raise StoreUnavailable(f"no eventlens database at {path}; run eventlens ingest first")
    for _attempt in range(attempts):
        try:
            return duckdb.connect(path, read_only=True)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreUnavailable("the database file could not be read") from exc
            time.sleep(wait)
    raise StoreUnavailable("the database is busy with a write (eventlens ingest); try again in a moment", retry=True)


def db(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """FastAPI dependency: a fresh read-only connection for this request, closed after it."""
    attempts = max(1, round(request.app.state.lock_wait_s / LOCK_WAIT_S))
    con = connect(request.app.state.db_path, attempts)
    try:
        yield con
    finally:
        con.close()


Con = Annotated[duckdb.DuckDBPyConnection, Depends(db)]

DATE = r"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"
ACTOR = r"^[A-Za-z]{0,30}$"
ACTOR_CODE = r"^[A-Za-z]{1,30}$"
CAMEO = r"^\d{0,4}$"


def _blank(value: str | None) -> str | None:
    """Empty form fields as None."""
    return value.strip() if value and value.strip() else None


@dataclass
class Filters:
    """The event filters of a page or API call, checked (bad values give 422) and kept for URLs."""

    since: str | None = None
    until: str | None = None
    actor: str | None = None
    code: str | None = None
    root: str | None = None
    quad_class: str | None = None

    def event_filter(self, **more: Any) -> EventFilter:
        """The query's EventFilter of these filters (plus ``more``)."""
        quad = int(self.quad_class) if self.quad_class else None
        return EventFilter(actor=self.actor, code=self.code, root=self.root, quad_class=quad,
                           since=self.since, until=self.until, **more)

    def params(self, **more: Any) -> dict[str, str]:
        """The non-empty filters (and ``more``) as URL parameters."""
        items = {**self.__dict__, **more}
        return {k: str(v) for k, v in items.items() if v not in (None, "")}


def filters(
    since: Annotated[str | None, Query(pattern=DATE, description="From this date, YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="To this date, YYYY[-MM[-DD]]")] = None,
    actor: Annotated[str | None, Query(pattern=ACTOR, description="Source or target actor code prefix")] = None,
    code: Annotated[str | None, Query(pattern=CAMEO, description="CAMEO code prefix")] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{0,2}$", description="CAMEO root")] = None,
    quad_class: Annotated[str | None, Query(pattern=r"^[1-4]?$", description="QuadClass 1-4")] = None,
) -> Filters:
    """FastAPI dependency: the shared event filters."""
    return Filters(_blank(since), _blank(until), _blank(actor), _blank(code), _blank(root), _blank(quad_class))


FiltersDep = Annotated[Filters, Depends(filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
Code = Annotated[str | None, Query(pattern=ACTOR)]
Day = Annotated[str | None, Query(pattern=DATE)]

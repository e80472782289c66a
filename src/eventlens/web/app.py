"""The FastAPI application: ``create_app(db_path)`` wires the pages, the JSON API and error pages."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

import duckdb
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from eventlens import __version__
from eventlens.web.deps import StoreUnavailable

log = logging.getLogger("eventlens.web")
_HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(_HERE / "templates"))


def plotly_js() -> Path:
    """The plotly.js bundle shipped inside the installed ``plotly`` package."""
    path = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    if not path.exists():
        raise FileNotFoundError("plotly.min.js not found in the installed plotly package")
    return path


def _wants_json(request: Request) -> bool:
    """Whether the request is for the JSON API."""
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A JSON error for the API, an HTML error page otherwise; never a stack trace."""
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status, headers=headers)


def _install_handlers(app: FastAPI) -> None:
    """Errors as 404/422/503 pages or JSON, and a last-resort handler without a trace."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        return error_response(request, 404, getattr(exc, "detail", "not found"))

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": [{"loc": e.get("loc"), "msg": e.get("msg")} for e in exc.errors()]},
                                status_code=422)
        wrong = ", ".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors())
        return error_response(request, 422, f"bad value for: {wrong}")

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> Response:
        return error_response(request, 422, str(exc))

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable) -> Response:
        return error_response(request, 503, str(exc), {"Retry-After": "2"} if exc.retry else None)

    @app.exception_handler(duckdb.Error)
    async def store_error(request: Request, exc: duckdb.Error) -> Response:
        log.warning("store error on %s: %s", request.url.path, exc)
        return error_response(request, 503, "the store could not answer this request; "
                                            "if it was written by an older eventlens, run eventlens ingest once")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error")


def create_app(db_path: str | Path, lock_wait_s: float = 2.0) -> FastAPI:
    """The workbench app over the DuckDB file ``db_path``, opened read-only per request.

    Nothing is read at start-up, so the file may be written (``eventlens ingest``) while the app
    runs: each request sees the data committed when it started. While a writer holds the file's
    lock, a request retries for up to ``lock_wait_s`` seconds, then answers 503 with Retry-After.
    """
    from eventlens.web import api, pages

    app = FastAPI(title="eventlens workbench", version=__version__,
                  description="Read-only JSON API over an eventlens store: events, happenings, quotes, "
                              "actors, articles, search and exports.",
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.db_path = str(db_path)
    app.state.lock_wait_s = lock_wait_s
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def vendor_plotly() -> FileResponse:
        return FileResponse(plotly_js(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    app.include_router(api.router)
    app.include_router(pages.router)
    _install_handlers(app)
    return app


def render(request: Request, template: str, **context: object) -> HTMLResponse:
    """A page from ``template`` with ``context`` (autoescaped)."""
    return templates.TemplateResponse(request, template, context)

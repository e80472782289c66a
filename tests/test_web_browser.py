"""The workbench in a real browser: Debian's chromium driven by Playwright (never `playwright install`).

One server for the module, over a store of the bundled samples plus the hand-built articles of
``web_support``. Screenshots go to ``out/screenshots/`` (ignored by git).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("no Chromium: install Debian's chromium (apt-get install -y chromium) to run the browser tests",
                allow_module_level=True)

import uvicorn  # noqa: E402

from eventlens import runner  # noqa: E402
from eventlens.config import load_settings  # noqa: E402
from eventlens.web.app import create_app  # noqa: E402
from web_support import XSS, build_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "out" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "store.duckdb"
    report = runner.ingest([str(ROOT / "samples")], load_settings().replace(db_path=str(path)))
    assert not report.errors
    build_store(path)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(path)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("dialog", lambda d: (pg.errors.append("dialog: " + d.message), d.dismiss()))
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


PAGES = {"overview": "/", "events": "/events", "dyad": "/dyad?a=USA&b=RUS", "actors": "/actors",
         "actor": "/actors/RUSGOV", "happenings": "/happenings", "quotes": "/quotes",
         "article": "/articles/helsinki_summit", "search": "/search?q=putin+summit", "hostile": "/articles/hostile"}


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_loads_without_script_errors(page, base_url, name):
    response = page.goto(base_url + PAGES[name])
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    for chart in page.locator(".chart").all():
        chart.locator(".main-svg").first.wait_for(timeout=10_000)
    shot(page, name)
    assert page.errors == []


def test_filter_is_applied_and_kept_in_the_url(page, base_url):
    page.goto(base_url + "/")
    page.fill("input[name=since]", "2018-07-01")
    page.fill("input[name=until]", "2018-07-31")
    page.fill("input[name=actor]", "USA")
    page.click("#filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "since=2018-07-01" in page.url and "actor=USA" in page.url
    assert page.input_value("input[name=actor]") == "USA"
    codes = page.locator("#top-dyads tbody tr td:first-child").all_inner_texts()
    assert codes and all("USA" in c for c in codes)
    shot(page, "overview-filtered")


def test_chart_point_leads_to_events_then_article_with_highlights(page, base_url):
    page.goto(base_url + "/?since=2018-07-16&until=2018-07-16")
    bar = page.locator("#daily g.point path").first
    bar.wait_for(timeout=10_000)
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/events?**")
    assert "since=2018-07-16" in page.url and "quad_class=" in page.url
    page.locator("a.article-link").first.click()
    page.wait_for_url("**/articles/**")
    for kind in ("actor", "trigger", "quote", "date"):
        assert page.locator(f"#text mark.hl.{kind}").count() > 0, kind
    assert "Donald Trump" in " ".join(page.locator("#text mark.hl.actor").all_inner_texts())
    assert page.locator("ol.coded li code").count() > 0  # each event's rule
    shot(page, "article-from-chart")


def test_hostile_article_renders_as_text(page, base_url):
    page.goto(base_url + "/articles/hostile")
    assert XSS in page.locator("#text").inner_text()
    assert page.locator("#text script, #text img").count() == 0
    assert page.errors == []


def test_network_node_opens_the_actor(page, base_url):
    page.goto(base_url + "/actors")
    node = page.locator("#network g.trace.scatter g.points path.point").last
    node.wait_for(timeout=10_000)
    box = node.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/actors/**")
    assert page.locator("h1").inner_text().startswith("Actor")

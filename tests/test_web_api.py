"""The workbench app through FastAPI's TestClient: every page and API endpoint, the OpenAPI schema,
404/422 handling, escaping of hostile text, and reading a store while another process writes it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")
from fastapi.testclient import TestClient  # noqa: E402

from eventlens.store import Store  # noqa: E402
from eventlens.web.app import create_app  # noqa: E402
from web_support import SQL, XSS, build_store, meeting  # noqa: E402


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web") / "store.duckdb")


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def meeting_id(client):
    return client.get("/api/happenings", params={"min_reports": 2}).json()["items"][0]["happening_id"]


PAGES = ["/", "/?since=2023-05-02&until=2023-05-02&actor=USA&quad_class=1", "/events", "/events?plover=CONSULT",
         "/dyad?a=USA&b=CHN", "/actors", "/actors?name=biden", "/actors/USAGOV", "/actors/UKRGOV", "/happenings",
         "/happenings?order=date&min_reports=2", "/quotes", "/quotes?speaker=biden&text=frank",
         "/articles/hostile", "/articles/biden_xi_ap", "/search?q=biden", "/search?q=", "/search"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<main>" in r.text and "Traceback" not in r.text


def test_overview_shows_counts_charts_and_links(client):
    html = client.get("/").text
    assert "4 articles · 4 events · 3 happenings" in html
    assert 'data-figure="daily-data"' in html and "/vendor/plotly.min.js" in html
    assert "/events?since=2023-05-02\\u0026until=2023-05-02\\u0026quad_class=1" in html  # a bar's URL, JSON-escaped
    assert '<a href="/dyad?a=USAGOV&amp;b=CHNGOV">' in html


def test_happening_page_lists_every_report(client, meeting_id):
    html = client.get(f"/happenings/{meeting_id}").text
    assert "2 events in 2 articles from 2 outlets" in html
    assert "/articles/biden_xi_reuters#t-e1" in html and "/articles/biden_xi_ap#t-e1" in html


def test_article_page_highlights_actors_triggers_quotes_and_dates(client):
    html = client.get("/articles/biden_xi_reuters").text
    assert '<mark class="hl actor" title="actor USAGOV Joe Biden">President Joe Biden</mark>' in html
    assert '<a id="t-e1"></a><mark class="hl trigger"' in html
    assert '<mark class="hl quote"' in html and '<mark class="hl date" title="date 2023-05-02 (DATE)">' in html
    assert "rule <code>verb:meet</code> · confidence 0.9" in html


@pytest.mark.parametrize("path", ["/articles/hostile", "/events", "/quotes", "/actors/UKRGOV", "/happenings",
                                  "/search?q=officials", "/actors?name=drop", f"/search?q={XSS}"])
def test_hostile_text_is_escaped_everywhere(client, path):
    html = client.get(path).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "onerror=\"alert" not in html


def test_hostile_text_is_shown_escaped(client):
    html = client.get("/articles/hostile").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert "&#39;; DROP TABLE events; --" in html


@pytest.mark.parametrize("params", [{"actor": SQL}, {"speaker": SQL}, {"text": "' OR 1=1 --"}])
def test_sql_fragments_are_data(client, params):
    path = "/api/events" if "actor" in params else "/api/quotes"
    r = client.get(path, params=params)
    assert r.status_code in (200, 422)
    if "speaker" in params:
        assert [q["article_id"] for q in r.json()["items"]] == ["hostile"]
    assert client.get("/api/stats").json()["events"] == 4


@pytest.mark.parametrize("path", ["/articles/nope", "/happenings/hnothere", "/actors/ZZZ", "/nothing",
                                  "/api/articles/nope", "/api/happenings/nothere", "/api/actors/ZZZ"])
def test_unknown_ids_are_404(client, path):
    r = client.get(path)
    assert r.status_code == 404 and "Traceback" not in r.text


@pytest.mark.parametrize("path", ["/?since=yesterday", "/events?quad_class=7", "/events?limit=0", "/events?offset=-1",
                                  "/actors/R1S", "/dyad?a=USA", "/happenings?order=worst", "/api/events?limit=5000",
                                  "/api/events?until=2023-99", "/api/search", "/api/export/tweets",
                                  "/api/dyad?a=U;S&b=R",
                                  "/api/export/quotes?format=plover", "/quotes?since=2023-5-1"])
def test_bad_parameters_are_422(client, path):
    r = client.get(path)
    assert r.status_code == 422 and "Traceback" not in r.text


def test_api_lists_page_with_next_offset(client):
    first = client.get("/api/events", params={"limit": 3}).json()
    assert (len(first["items"]), first["limit"], first["offset"], first["next_offset"]) == (3, 3, 0, 3)
    rest = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    ids = {e["row_id"] for e in first["items"]} | {e["row_id"] for e in rest["items"]}
    assert len(ids) == 4


@pytest.mark.parametrize("path,check", [
    ("/api/stats", lambda j: j["articles"] == 4 and j["happenings"] == 3),
    ("/api/events?actor=usa&since=2023-05", lambda j: len(j["items"]) == 2),
    ("/api/events?source=IGO&plover=reduce", lambda j: j["items"][0]["article_id"] == "eu_sanctions"),
    ("/api/happenings?min_reports=2", lambda j: j["items"][0]["outlets"] == 2),
    ("/api/quotes?speaker=biden", lambda j: len(j["items"]) == 2),
    ("/api/actors?code=USA",
     lambda j: j["items"][0] == {"code": "USAGOV", "name": "Joe Biden", "mentions": 2, "articles": 2}),
    ("/api/actors/USAGOV", lambda j: j["partners"][0]["partner"] == "CHNGOV" and j["network"]),
    ("/api/dyad?a=USA&b=CHN", lambda j: j["series"][0]["events"] == 2 and j["series"][0]["plover"] == "CONSULT"),
    ("/api/daily", lambda j: {r["day"] for r in j["items"]} == {"2023-05-02", "2023-05-03", "2023-05-04"}),
    ("/api/top?limit=2", lambda j: j["dyads"][0]["source"] == "USAGOV" and len(j["actors"]) == 2),
    ("/api/network", lambda j: j["edges"][0]["events"] == 2),
    ("/api/articles", lambda j: len(j["items"]) == 4 and "text" not in j["items"][0]),
    ("/api/articles/biden_xi_ap", lambda j: j["events"][0]["location"]["country"] == "FIN"),
    ("/api/search?q=sanctions%20russia", lambda j: [r["article_id"] for r in j["items"]] == ["eu_sanctions"]),
])
def test_api_endpoints(client, path, check):
    r = client.get(path)
    assert r.status_code == 200 and check(r.json())


def test_api_happening_has_its_reports(client, meeting_id):
    j = client.get(f"/api/happenings/{meeting_id}").json()
    assert j["reports"] == 2 and {r["article_id"] for r in j["reports_list"]} == {"biden_xi_reuters", "biden_xi_ap"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "plover", "parquet"])
def test_api_export(client, fmt):
    r = client.get("/api/export/events", params={"format": fmt})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    if fmt == "parquet":
        assert r.content[:4] == b"PAR1"
    elif fmt == "csv":
        assert r.text.splitlines()[0].startswith("row_id,article_id,")
    else:
        assert len(r.text.splitlines()) == 4


def test_openapi_schema_lists_every_api_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/stats", "/api/events", "/api/happenings", "/api/happenings/{happening_id}", "/api/quotes",
            "/api/actors", "/api/actors/{actor_code}", "/api/dyad", "/api/daily", "/api/top", "/api/network",
            "/api/articles", "/api/articles/{article_id}", "/api/search", "/api/export/{kind}"} == paths
    limit = next(p for p in schema["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 1000
    assert client.get("/api/docs").status_code == 200


def test_static_files_and_plotly_come_from_the_installed_package(client):
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and b"plotly" in js.content[:2000].lower()
    assert client.get("/static/app.js").status_code == 200


def test_new_data_shows_without_restart(tmp_path):
    path = build_store(tmp_path / "live.duckdb")
    with TestClient(create_app(path)) as c:
        assert c.get("/api/stats").json()["articles"] == 4
        with Store(path) as store:
            store.write(*meeting("biden_xi_bbc", "2023-05-02", "bbc", "2023-05-02"))
        assert c.get("/api/stats").json()["articles"] == 5
        assert c.get("/api/happenings", params={"min_reports": 2}).json()["items"][0]["reports"] == 3


HOLD = textwrap.dedent("""
    import sys, time
    from eventlens.store import Store
    with Store(sys.argv[1]):
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def test_reads_wait_for_a_writer_then_answer(tmp_path):
    path = build_store(tmp_path / "busy.duckdb")
    writer = subprocess.Popen([sys.executable, "-c", HOLD, path, "0.6"], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "locked"
        with TestClient(create_app(path)) as c:
            r = c.get("/api/stats")
        assert r.status_code == 200 and r.json()["articles"] == 4
    finally:
        writer.wait(timeout=30)


def test_a_long_write_gives_503_with_retry_after(tmp_path):
    path = build_store(tmp_path / "long.duckdb")
    writer = subprocess.Popen([sys.executable, "-c", HOLD, path, "8"], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "locked"
        with TestClient(create_app(path, lock_wait_s=0.2)) as c:
            page, api = c.get("/"), c.get("/api/events")
        assert page.status_code == api.status_code == 503
        assert api.headers["retry-after"] == "2" and "busy" in api.json()["detail"]
    finally:
        writer.kill()
        writer.wait(timeout=30)


def test_missing_store_is_503_not_500(tmp_path):
    with TestClient(create_app(tmp_path / "none.duckdb")) as c:
        r = c.get("/")
    assert r.status_code == 503 and "eventlens ingest" in r.text

"""Read-only queries: every filter of events, quotes, actors, errors, articles; no writes."""

from __future__ import annotations

import duckdb
import pytest

from eventlens import query
from eventlens.models import Actor, ArticleError, ArticleResult, Event, Quote, sha256_text
from eventlens.store import TABLES, Store


def ev(eid: str, source: str, target: str | None, code: str, date: str) -> Event:
    """An event with only the fields the filters look at varying."""
    return Event(eid, source, target, "a1", "a2" if target else None, code, code[:2], f"name {code}",
                 None, 1, 1.0, date, None, "evidence", 0, 8, "verb", 0, 4)


def q(qid: str, speaker: str | None, actor: str | None, code: str | None, date: str | None) -> Quote:
    """A quote with a speaker name, speaker actor id, optional code and date."""
    return Quote(qid, f"words of {qid}", 0, 5, "direct", speaker, speaker, actor, "said",
                 date=date, speaker_code=code)


def act(aid: str, code: str, name: str, kind: str = "person") -> Actor:
    """An actor mention."""
    return Actor(aid, name, 0, len(name), code, name, kind=kind)


def result(aid: str, date: str | None, actors=(), events=(), quotes=()) -> ArticleResult:
    """An ArticleResult with a text derived from its id."""
    text = f"text of {aid}"
    return ArticleResult(aid, date, f"title {aid}", sha256_text(text), actors=tuple(actors),
                         events=tuple(events), quotes=tuple(quotes), text=text)


ART1 = result(
    "art1", "2022-02-10",
    actors=[act("a1", "FRAGOV", "Emmanuel Macron"), act("a2", "RUSGOV", "Vladimir Putin"),
            act("a3", "RUSGOV", "Vladimir Putin", "pronoun"), act("a4", "UKRMIL", "Ukrainian army", "group")],
    events=[ev("e1", "FRAGOV", "RUSGOV", "042", "2022-02-08"),
            ev("e2", "RUSMIL", "UKRMIL", "190", "2022-02-10"),
            ev("e3", "USAGOV", "RUSGOV", "043", "unknown")],
    quotes=[q("q1", "Emmanuel Macron", "a1", "FRAGOV", "2022-02-08"),
            q("q2", "Vladimir Putin", "a2", None, None)],
)
ART2 = result(
    "art2", "2022-03-01",
    actors=[act("a1", "UKRGOV", "Volodymyr Zelensky"), act("a2", "IGOWSTNAT", "NATO", "organisation"),
            act("a3", "RUSGOV", "Vladimir Putin")],
    events=[ev("e1", "UKRGOV", "IGOWSTNAT", "020", "2022-03-01"),
            ev("e2", "RUSGOV", "FRAGOV", "046", "2022-02-28T18:00")],
    quotes=[q("q1", None, None, None, "2022-03-01"),
            q("q2", "Volodymyr Zelensky", "a1", "UKRGOV", "2022-02-27")],
)


@pytest.fixture()
def con():
    with Store(":memory:") as store:
        store.write(ART1)
        store.write(ART2)
        store.write_error(ArticleError("in.jsonl:9", "empty text"))
        yield store.con


def keys(rows: list[dict]) -> list[str]:
    """``article_id/local id`` of each row."""
    return [f"{r['article_id']}/{r['id']}" for r in rows]


def test_events_all_ordered_by_date(con):
    assert keys(query.events(con)) == ["art1/e1", "art1/e2", "art2/e2", "art2/e1", "art1/e3"]


def test_events_row_shape(con):
    row = query.events(con, article="art1", code="042")[0]
    assert row["source"] == "FRAGOV" and row["target"] == "RUSGOV" and row["root"] == "04"
    assert row["article_title"] == "title art1" and row["article_date"] == "2022-02-10"
    assert {"row_id", "location_text", "location_name", "location_country", "lat", "lon"} <= set(row)
    assert "seq" not in row


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"actor": "RUS"}, ["art1/e1", "art1/e2", "art2/e2", "art1/e3"]),
        ({"actor": "rusgov"}, ["art1/e1", "art2/e2", "art1/e3"]),
        ({"actor": "IGO"}, ["art2/e1"]),
        ({"source": "RUS"}, ["art1/e2", "art2/e2"]),
        ({"target": "RUSGOV"}, ["art1/e1", "art1/e3"]),
        ({"source": "FRA", "target": "RUS"}, ["art1/e1"]),
        ({"code": "04"}, ["art1/e1", "art2/e2", "art1/e3"]),
        ({"code": "042"}, ["art1/e1"]),
        ({"code": "4"}, []),
        ({"root": "04"}, ["art1/e1", "art2/e2", "art1/e3"]),
        ({"root": "4"}, ["art1/e1", "art2/e2", "art1/e3"]),
        ({"root": "19"}, ["art1/e2"]),
        ({"root": "0"}, []),
        ({"article": "art2"}, ["art2/e2", "art2/e1"]),
        ({"article": "art"}, []),
        ({"actor": "RUS", "root": "04", "article": "art1"}, ["art1/e1", "art1/e3"]),
        ({"limit": 2}, ["art1/e1", "art1/e2"]),
        ({"limit": 0}, []),
    ],
)
def test_events_filters(con, kwargs, expected):
    assert keys(query.events(con, **kwargs)) == expected


@pytest.mark.parametrize(
    "since, until, expected",
    [
        ("2022-02-10", None, ["art1/e2", "art2/e2", "art2/e1"]),
        (None, "2022-02-10", ["art1/e1", "art1/e2"]),
        ("2022-02-08", "2022-02-08", ["art1/e1"]),
        ("2022-02-09", "2022-02-27", ["art1/e2"]),
        ("2022-02-28", "2022-02-28", ["art2/e2"]),
        (None, "2022-02", ["art1/e1", "art1/e2", "art2/e2"]),
        ("2022-03", None, ["art2/e1"]),
        ("2022", "2022", ["art1/e1", "art1/e2", "art2/e2", "art2/e1"]),
        ("2023-01-01", None, []),
    ],
)
def test_events_date_range_inclusive_and_excludes_unknown(con, since, until, expected):
    assert keys(query.events(con, since=since, until=until)) == expected


@pytest.mark.parametrize(
    "kwargs", [{"since": "Feb 2022"}, {"until": "2022-2-1"}, {"limit": -1}, {"limit": "5"}]
)
def test_events_bad_arguments_raise(con, kwargs):
    with pytest.raises(ValueError):
        query.events(con, **kwargs)


def test_filters_are_parameters_not_sql(con):
    assert query.events(con, actor="'; DROP TABLE events; --") == []
    assert query.quotes(con, speaker="' OR 1=1 --") == []
    assert query.actors(con, name="%") == []
    assert len(query.events(con)) == 5


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({}, ["art1/q1", "art1/q2", "art2/q2", "art2/q1"]),
        ({"speaker": "putin"}, ["art1/q2"]),
        ({"speaker": "VOLODYMYR"}, ["art2/q2"]),
        ({"speaker": "nobody"}, []),
        ({"actor": "FRA"}, ["art1/q1"]),
        ({"actor": "rus"}, ["art1/q2"]),
        ({"actor": "UKRGOV"}, ["art2/q2"]),
        ({"article": "art1"}, ["art1/q1", "art1/q2"]),
        ({"since": "2022-02-10"}, ["art1/q2", "art2/q2", "art2/q1"]),
        ({"until": "2022-02-09"}, ["art1/q1"]),
        ({"until": "2022-02-27"}, ["art1/q1", "art1/q2", "art2/q2"]),
        ({"since": "2022-02-10", "until": "2022-02-10"}, ["art1/q2"]),
        ({"since": "2022-03"}, ["art2/q1"]),
        ({"limit": 1}, ["art1/q1"]),
    ],
)
def test_quotes_filters(con, kwargs, expected):
    assert keys(query.quotes(con, **kwargs)) == expected


def test_quotes_speaker_code_falls_back_to_actor_record(con):
    row = query.quotes(con, speaker="Putin")[0]
    assert row["speaker_code"] == "RUSGOV" and row["speaker_actor"] == "a2"
    assert query.quotes(con, article="art2", speaker=None)[1]["speaker_code"] is None


def test_actors_distinct_with_counts(con):
    rows = query.actors(con)
    assert rows[0] == {"code": "RUSGOV", "name": "Vladimir Putin", "mentions": 3, "articles": 2}
    assert {(r["code"], r["mentions"]) for r in rows[1:]} == {
        ("FRAGOV", 1), ("UKRMIL", 1), ("UKRGOV", 1), ("IGOWSTNAT", 1)}


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"code": "UKR"}, [("UKRGOV", 1), ("UKRMIL", 1)]),
        ({"code": "igo"}, [("IGOWSTNAT", 1)]),
        ({"name": "vladimir"}, [("RUSGOV", 3)]),
        ({"name": "army"}, [("UKRMIL", 1)]),
        ({"article": "art2", "code": "RUS"}, [("RUSGOV", 1)]),
        ({"limit": 1}, [("RUSGOV", 3)]),
    ],
)
def test_actors_filters(con, kwargs, expected):
    assert [(r["code"], r["mentions"]) for r in query.actors(con, **kwargs)] == expected


def test_errors_and_articles(con):
    errs = query.errors(con)
    assert [(e["origin"], e["reason"]) for e in errs] == [("in.jsonl:9", "empty text")]
    assert isinstance(errs[0]["first_seen"], str)
    arts = query.articles(con)
    assert [(a["article_id"], a["events"], a["quotes"]) for a in arts] == [("art1", 3, 2), ("art2", 2, 2)]
    assert [a["article_id"] for a in query.articles(con, since="2022-03")] == ["art2"]
    assert query.article(con, "missing") is None


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """Every row of every table, for before/after comparison."""
    return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in [*TABLES, "meta"]}


def run_every_query(con: duckdb.DuckDBPyConnection) -> None:
    """Call each query function with every filter set."""
    query.events(con, actor="RUS", source="R", target="U", code="1", root="19", since="2022",
                 until="2022-12-31", article="art1", limit=5)
    query.quotes(con, speaker="a", actor="R", since="2022", until="2022", article="art1", limit=5)
    query.actors(con, code="R", name="v", article="art1", limit=5)
    query.errors(con)
    query.articles(con, since="2022", until="2023", limit=3)
    query.article(con, "art1")


def test_queries_do_not_write_in_memory(con):
    before = snapshot(con)
    run_every_query(con)
    assert snapshot(con) == before


def test_queries_work_on_read_only_file(tmp_path):
    path = tmp_path / "q.duckdb"
    with Store(path) as store:
        store.write(ART1)
        store.write(ART2)
    con = query.open_db(path)
    try:
        run_every_query(con)
        assert len(query.events(con)) == 5
        with pytest.raises(duckdb.Error):
            con.execute("DELETE FROM events")
    finally:
        con.close()


def test_open_db_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        query.open_db(tmp_path / "nope.duckdb")
    con = query.open_db(tmp_path / "new.duckdb", read_only=False)
    assert query.events(con) == [] and query.errors(con) == []
    con.close()

"""The DuckDB store: schema, round trip, idempotent upserts, replacement, errors."""

from __future__ import annotations

import dataclasses
from datetime import date

import duckdb
import pytest

from eventlens import query
from eventlens.models import (
    Actor,
    Article,
    ArticleError,
    ArticleResult,
    DateRef,
    Event,
    Location,
    Quote,
    sha256_text,
)
from eventlens.store import STORE_SCHEMA, Store, StoreError, StoreSchemaError, error_key, row_hash

TEXT = (
    "date 2018-07-16\nTrump and Putin meet in Helsinki\n\n"
    "HELSINKI, July 16 - President Donald Trump met Russian President Vladimir Putin."
    ' "We had a good dialogue," Trump said.'
)


def make_result(text: str = TEXT, article_id: str = "demo1", code: str = "044") -> ArticleResult:
    """A hand-built result using every field of every record type."""
    trump = Actor("a1", "President Donald Trump", 70, 92, "USAGOV", "Donald Trump",
                  alt_codes=("USAELI", "USA"), kind="person", rule="dict:TRUMP")
    putin = Actor("a2", "Russian President Vladimir Putin", 97, 129, "RUSGOV", "Vladimir Putin",
                  kind="person", rule="dict:PUTIN", ref=None)
    he = Actor("a3", "Trump", 170, 175, "USAGOV", "Donald Trump", kind="pronoun", rule="coref", ref="a1")
    meet = Event(
        "e1", "USAGOV", "RUSGOV", "a1", "a2", code, code[:2], "Meet at a 'third' location",
        "CONSULT", 1, 2.5, "2018-07-16", "July 16", "HELSINKI, July 16 - ...", 50, 130,
        "met", 93, 96, Location("Helsinki", "Helsinki", "FIN", 60.1695, 24.9354), 0.9, "verb:meet",
    )
    talk = Event("e2", "RUSGOV", None, "a2", None, "010", "01", "Make statement", None, 0, 0.0,
                 "unknown", None, "x", 0, 1, "said", 5, 9)
    quote = Quote("q1", "We had a good dialogue,", 140, 163, "direct", "Donald Trump", "Trump", "a3",
                  "said", reported_by="AP", date="2018-07-16", speaker_code="USAGOV")
    dates = (DateRef("July 16", 60, 67, "2018-07-16"),
             DateRef("three months", 10, 22, "P3M", type="DURATION", granularity="duration", mod="APPROX"))
    title = "Trump and Putin meet in Helsinki"
    return ArticleResult(article_id, "2018-07-16", title, sha256_text(text),
                         actors=(trump, putin, he), events=(meet, talk), quotes=(quote,), dates=dates, text=text)


def make_article(text: str = TEXT, article_id: str = "demo1") -> Article:
    """The input article that goes with ``make_result``."""
    return Article(article_id, text, date(2018, 7, 16), "Trump and Putin meet in Helsinki", 16,
                   "in.jsonl:3", "https://example.org/a", "Example News")


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        yield s


def test_schema_tables_and_version(store):
    tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "actors", "events", "quotes", "dates", "errors", "meta"} <= tables
    meta = dict(store.con.execute("SELECT key, value FROM meta").fetchall())
    assert meta["store_schema"] == STORE_SCHEMA
    assert store.counts() == dict.fromkeys(["articles", "actors", "events", "quotes", "dates", "errors"], 0)


def test_round_trip_every_field(store):
    result, article = make_result(), make_article()
    store.write(result, article)
    record = query.article(store.con, "demo1")
    back = ArticleResult.from_dict(record)
    assert back == result
    assert back.text == TEXT
    assert back.events[0].location == Location("Helsinki", "Helsinki", "FIN", 60.1695, 24.9354)
    assert back.events[1].location is None and back.events[1].target is None
    assert back.actors[0].alt_codes == ("USAELI", "USA")
    provenance = (record["url"], record["source"], record["origin"])
    assert provenance == ("https://example.org/a", "Example News", "in.jsonl:3")


def test_counts_after_write(store):
    store.write(make_result(), make_article())
    assert store.counts() == {"articles": 1, "actors": 3, "events": 2, "quotes": 1, "dates": 2, "errors": 0}


def test_rewrite_same_result_is_idempotent(store):
    store.write(make_result(), make_article())
    ids_before = sorted(r[0] for r in store.con.execute("SELECT row_id FROM events").fetchall())
    counts = store.counts()
    store.write(make_result(), make_article())
    store.write(make_result())
    assert store.counts() == counts
    assert sorted(r[0] for r in store.con.execute("SELECT row_id FROM events").fetchall()) == ids_before


def test_row_ids_are_content_hashes(store):
    result = make_result()
    store.write(result)
    row = store.con.execute("SELECT row_id FROM actors WHERE id = 'a2'").fetchone()
    assert row[0] == row_hash("demo1", result.text_sha256, "actor", "a2")


def test_new_text_version_replaces_rows(store):
    store.write(make_result(), make_article())
    new_text = TEXT + " Updated."
    smaller = dataclasses.replace(make_result(new_text), events=make_result().events[:1], quotes=())
    store.write(smaller, make_article(new_text))
    assert store.counts() == {"articles": 1, "actors": 3, "events": 1, "quotes": 0, "dates": 2, "errors": 0}
    shas = {r[0] for r in store.con.execute("SELECT text_sha256 FROM articles").fetchall()}
    assert shas == {sha256_text(new_text)}
    old_rows = store.con.execute(
        "SELECT count(*) FROM actors WHERE row_id = ?", [row_hash("demo1", sha256_text(TEXT), "actor", "a1")]
    ).fetchone()
    assert old_rows[0] == 0


def test_new_extraction_same_text_replaces_rows(store):
    store.write(make_result(code="044"))
    store.write(make_result(code="036"))
    codes = [r[0] for r in store.con.execute("SELECT code FROM events ORDER BY seq").fetchall()]
    assert codes == ["036", "010"]


def test_other_articles_untouched(store):
    store.write(make_result(article_id="x"))
    store.write(make_result(article_id="y"))
    store.write(dataclasses.replace(make_result(article_id="y"), events=()))
    per_article = dict(store.con.execute("SELECT article_id, count(*) FROM events GROUP BY 1").fetchall())
    assert per_article == {"x": 2}


def test_write_many_last_pair_wins(store):
    first, second = make_result(code="044"), make_result(code="057")
    assert store.write_many([(first, None), (second, None), (make_result(article_id="z"), None)]) == 2
    assert store.counts()["articles"] == 2
    assert query.events(store.con, article="demo1", root="05")[0]["code"] == "057"


def test_failed_write_rolls_back(store):
    store.write(make_result())
    counts = store.counts()
    dup = dataclasses.replace(make_result(), actors=make_result().actors[:1] * 2)  # duplicate local id
    with pytest.raises(StoreError, match="duplicate record ids"):
        store.write(dup)
    assert store.counts() == counts
    assert query.article(store.con, "demo1")["actors"][1]["id"] == "a2"


def test_write_without_article_uses_result_text(store):
    store.write(make_result())
    stored = store.con.execute("SELECT text, url, origin FROM articles").fetchone()
    assert stored == (TEXT, None, None)
    store.write(dataclasses.replace(make_result(), text=""))
    assert store.con.execute("SELECT text FROM articles").fetchone()[0] is None


def test_errors_recorded_once(store):
    store.write_error(ArticleError("in.jsonl:4", "empty text", "a4"))
    first = store.con.execute("SELECT first_seen FROM errors").fetchone()[0]
    store.write_error(ArticleError("in.jsonl:4", "empty text", "a4"))
    store.write_error(ArticleError("in.jsonl:5", "too long"))
    assert store.counts()["errors"] == 2
    rows = query.errors(store.con)
    assert [(r["origin"], r["article_id"], r["reason"]) for r in rows] == [
        ("in.jsonl:4", "a4", "empty text"), ("in.jsonl:5", None, "too long")]
    assert rows[0]["id"] == error_key(ArticleError("in.jsonl:4", "empty text", "a4"))  # input + article id
    again = store.con.execute("SELECT first_seen FROM errors WHERE origin = 'in.jsonl:4'").fetchone()
    assert again[0] == first


def test_file_persists_and_reopens(tmp_path):
    path = tmp_path / "el.duckdb"
    with Store(path) as s:
        s.write(make_result(), make_article())
    with Store(path) as s:
        assert s.counts()["events"] == 2
        s.write(make_result(), make_article())
        assert s.counts()["events"] == 2


def test_other_schema_version_refused(tmp_path):
    path = tmp_path / "old.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = 'eventlens.store/0' WHERE key = 'store_schema'")
    con.close()
    with pytest.raises(StoreSchemaError):
        Store(path)

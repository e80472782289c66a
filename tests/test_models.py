"""Record types: RESULT-SCHEMA shape and round trips."""

from __future__ import annotations

from eventlens.models import Actor, ArticleResult, DateRef, Event, Location, Quote, sha256_text


def _result() -> ArticleResult:
    actor = Actor("a1", "Putin", 0, 5, "RUSGOV", "Vladimir Putin", ("RUS",), "person", "dict:PUTIN")
    event = Event(
        "e1", "RUSGOV", "FRAGOV", "a1", "a2", "042", "04", "Make a visit", "CONSULT", 1, 1.9,
        "2022-02-07", "Monday", "Putin visited.", 0, 14, "visited", 6, 13,
        Location("Paris", "Paris", "FRA", 48.85, 2.35), 0.8, "verb:visit",
    )
    quote = Quote("q1", "Hi", 20, 22, "direct", "Vladimir Putin", "Putin", "a1", "said", None, "2022-02-07", "RUSGOV")
    date_ref = DateRef("Monday", 30, 36, "2022-02-07")
    return ArticleResult("x", "2022-02-10", None, sha256_text("t"), (actor,), (event,), (quote,), (date_ref,), "t")


def test_to_dict_has_the_schema_keys_in_order():
    d = _result().to_dict()
    assert list(d) == ["schema", "article_id", "date", "title", "text_sha256", "actors", "events", "quotes", "dates"]
    assert d["schema"] == "eventlens.article/1"
    assert d["events"][0]["code"] == "042" and d["events"][0]["location"]["country"] == "FRA"
    assert d["actors"][0]["alt_codes"] == ["RUS"]


def test_round_trip():
    result = _result()
    again = ArticleResult.from_dict(result.to_dict(include_text=True))
    assert again == result and again.text == "t"


def test_include_text():
    assert _result().to_dict(include_text=True)["text"] == "t"
    assert "text" not in _result().to_dict()

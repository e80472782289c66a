"""The whole path on real text: extract, extract_many, errors, ordering."""

from __future__ import annotations

import pytest

import eventlens
from eventlens.ingest import InputError
from eventlens.models import ArticleError, ArticleResult
from eventlens.schema import problems


@pytest.fixture(scope="module")
def seed(shared_dir):
    text = (shared_dir / "benchmarks/seed/seed_article.txt").read_text(encoding="utf-8")
    return eventlens.extract(text, id="seed")


def test_seed_record_is_valid(seed):
    assert isinstance(seed, ArticleResult) and seed.date == "2022-02-10"
    assert problems(seed.to_dict(), seed.text) == []


def test_seed_actors_are_coded(seed):
    codes = {a.name: a.code for a in seed.actors}
    assert codes.get("Emmanuel Macron") == "FRAGOV"
    assert codes.get("Vladimir Putin") == "RUSGOV"
    assert codes.get("Volodymyr Zelensky") == "UKRGOV"


def test_seed_direct_quotes_are_macrons(seed):
    direct = [q for q in seed.quotes if q.type == "direct"]
    assert len(direct) >= 3 and all(q.speaker == "Emmanuel Macron" for q in direct)


def test_seed_has_a_gold_event(seed):
    pairs = {(e.source[:3], (e.target or "")[:3], e.root) for e in seed.events}
    gold = {("FRA", "RUS", "04"), ("FRA", "RUS", "03"), ("FRA", "RUS", "05"), ("FRA", "UKR", "02"),
            ("FRA", "UKR", "01"), ("FRA", "UKR", "04"), ("RUS", "IGO", "10"), ("RUS", "IGO", "02")}
    assert pairs & gold


def test_extract_many_keeps_order_and_reports_bad_items():
    items = ["Putin met Macron in Moscow.", {"id": "x", "date": "2022-99-01", "text": "Bad."},
             {"id": "e", "text": " "}, 42]
    out = list(eventlens.extract_many(items))
    assert [type(o).__name__ for o in out] == ["ArticleResult", "ArticleError", "ArticleError", "ArticleError"]
    assert isinstance(out[1], ArticleError) and "invalid date" in out[1].reason


def test_extract_rejects_empty_text():
    with pytest.raises(InputError):
        eventlens.extract("   ")


def test_article_without_date_still_works():
    result = eventlens.extract("Russian President Vladimir Putin met French President Emmanuel Macron.")
    assert result.date is None and all(e.date == "unknown" or e.date for e in result.events)


def test_chunks_end_at_the_item_count_or_the_character_limit_in_order():
    from eventlens.ingest import make_article
    from eventlens.pipeline import _chunks

    texts = ["a" * 60, "b" * 60, "c" * 10, "d" * 200, "e" * 5]
    arts = [make_article(t, id=str(i)) for i, t in enumerate(texts)]
    chunks = list(_chunks(arts, size=3, max_chars=100))
    assert [[a.id for a in c] for c in chunks] == [["0"], ["1", "2"], ["3"], ["4"]]
    assert [a.id for c in _chunks(arts, size=2, max_chars=10_000) for a in c] == ["0", "1", "2", "3", "4"]
    assert [len(c) for c in _chunks(arts, size=2, max_chars=10_000)] == [2, 2, 1]

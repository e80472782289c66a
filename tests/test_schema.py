"""The shipped JSON Schema and the offset checks."""

from __future__ import annotations

from eventlens.models import Actor, ArticleResult, sha256_text
from eventlens.schema import problems, result_schema

TEXT = "Putin spoke."


def _record(**changes):
    actor = Actor("a1", "Putin", 0, 5, "RUSGOV", "Vladimir Putin")
    record = ArticleResult("x", "2022-02-10", None, sha256_text(TEXT), (actor,), text=TEXT).to_dict()
    record.update(changes)
    return record


def test_schema_is_draft_2020_12_with_id():
    schema = result_schema()
    assert schema["$id"] == "eventlens.article/1" and "events" in schema["required"]


def test_valid_record_has_no_problems():
    assert problems(_record(), TEXT) == []


def test_missing_field_and_bad_code_are_reported():
    record = _record()
    del record["quotes"]
    assert any("quotes" in p for p in problems(record))
    bad = _record(events=[{"id": "e1", "code": 42}])
    assert problems(bad)


def test_offsets_must_match_the_text():
    record = _record()
    record["actors"][0]["end"] = 4
    assert any("text[0:4]" in p for p in problems(record, TEXT))

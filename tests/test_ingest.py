"""Reading articles: JSONL, .txt, folders, stdin, headers and bad input."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from eventlens.ingest import InputError, make_article, read, read_header
from eventlens.models import Article, ArticleError


@pytest.mark.parametrize(
    "text,published,body_start,title",
    [
        (" date 2022-02-10 French President Emmanuel Macron said.", date(2022, 2, 10), 17, None),
        ("date 2015-02-12\nUkraine truce agreed\n\nMINSK - ...", date(2015, 2, 12), 16, "Ukraine truce agreed"),
        ("date 2015-02-12\nThe leaders met on Thursday.\nMore.", date(2015, 2, 12), 16, None),
        ("No header here.", None, 0, None),
        ("dated 2015-02-12 is not a header", None, 0, None),
    ],
)
def test_read_header(text, published, body_start, title):
    header = read_header(text)
    assert (header.date, header.body_start, header.title) == (published, body_start, title)


def test_header_date_invalid_is_an_error():
    with pytest.raises(InputError, match="invalid date header"):
        make_article("date 2022-02-30\nText.")


def test_jsonl_date_overrides_header_and_id_is_kept():
    a = make_article("date 2020-01-01\nBody text.", date="2021-05-06", id="x1")
    assert a.date == date(2021, 5, 6) and a.id == "x1"


def test_missing_id_gives_stable_content_hash():
    a, b = make_article("Same text."), make_article("Same text.")
    assert a.id == b.id and a.id.startswith("sha256:")
    assert make_article("Other text.").id != a.id


@pytest.mark.parametrize("text,reason",
                         [("", "empty"), ("   \n", "empty"), ("a\x00b", "binary"), ("x" * 50, "too long")])
def test_make_article_rejects_bad_text(text, reason):
    with pytest.raises(InputError, match=reason):
        make_article(text, max_chars=40)


def test_read_jsonl_goes_on_after_bad_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "ok1", "date": "2022-02-10", "text": "Putin met Macron."}).encode(),
        b"{broken json",
        json.dumps({"id": "bad-date", "date": "10/02/2022", "text": "Text."}).encode(),
        b"\xff\xfe not utf-8",
        json.dumps({"id": "no-text"}).encode(),
        b"",
        json.dumps({"id": "ok2", "text": "Another article."}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read(path))
    assert [type(i).__name__ for i in items] == \
        ["Article", "ArticleError", "ArticleError", "ArticleError", "ArticleError", "Article"]
    errors = [i for i in items if isinstance(i, ArticleError)]
    assert errors[0].origin.endswith("in.jsonl:2") and "broken JSON" in errors[0].reason
    assert "invalid date" in errors[1].reason and errors[1].article_id == "bad-date"
    assert "not UTF-8" in errors[2].reason
    assert "missing 'text'" in errors[3].reason


def test_read_folder_of_txt_and_binary(tmp_path):
    (tmp_path / "a.txt").write_text("date 2021-01-02\nTitle\n\nBody.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c.txt").write_bytes("caf\xe9".encode("latin-1"))
    items = list(read(tmp_path))
    assert isinstance(items[0], Article) and items[0].id == "a" and items[0].title == "Title"
    assert isinstance(items[1], ArticleError) and "binary" in items[1].reason
    assert isinstance(items[2], ArticleError) and "not UTF-8" in items[2].reason


def test_read_stdin_and_missing_file(tmp_path):
    stdin = io.BytesIO(json.dumps({"id": "s1", "text": "Hello."}).encode() + b"\n")
    (item,) = list(read("-", stdin=stdin))
    assert isinstance(item, Article) and item.id == "s1" and item.origin == "<stdin>:1"
    (missing,) = list(read(tmp_path / "nope.jsonl"))
    assert isinstance(missing, ArticleError) and "no such file" in missing.reason


def test_seed_article_header(shared_dir):
    (a,) = list(read(shared_dir / "benchmarks/seed/seed_article.txt"))
    assert a.date == date(2022, 2, 10)
    assert a.text[a.body_start :].startswith("French President Emmanuel Macron")

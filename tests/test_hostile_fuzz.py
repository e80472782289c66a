"""Hostile input through ``extract``, ``ingest`` and the Python API: every line ends as exactly one
record or one recorded error, an article's failure costs that article only, and every user mistake
is one line on stderr with exit status 2."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventlens import pipeline
from eventlens.cli import app
from eventlens.models import ArticleError, ArticleResult
from eventlens.schema import problems
from test_hostile_inputs import GOOD_TEXT, blank_or_item, hostile_files, hostile_lines

cli = CliRunner()


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("hostile")
    lines = [line for _, line in hostile_lines(seed=5)]
    path = folder / "hostile.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, sum(1 for line in lines if blank_or_item(line))


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def test_extract_accounts_for_every_line(hostile_file, tmp_path):
    path, items = hostile_file
    out = tmp_path / "out.jsonl"
    result = cli.invoke(app, ["extract", str(path), str(tmp_path / "missing.jsonl"), "-o", str(out), "--include-text"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = _error_lines(result.stderr)
    assert len(records) + len(errors) == items + 1  # the missing file is one error
    assert "Traceback" not in result.stderr and not any("internal error" in e for e in errors)
    assert all(problems(r, r["text"]) == [] for r in records)
    ids = [r["article_id"] for r in records]
    assert len(ids) == len(set(ids)) and "True" not in ids and "7" in ids
    assert {"ext0-0001-01-01", "ext0-9999-12-31"} <= set(ids)  # extreme publication dates are valid input


def _table(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_ingest_accounts_for_every_line_and_reruns_replace(hostile_file, tmp_path, monkeypatch):
    path, items = hostile_file
    db = tmp_path / "h.duckdb"
    first = cli.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert first.exit_code == 1 and "Traceback" not in first.stderr
    errors = _error_lines(first.stderr)
    articles = _table(db, "SELECT article_id FROM articles")
    assert len(articles) + len(errors) == items
    stored_errors = _table(db, "SELECT id, input FROM errors")
    assert {row[1] for row in stored_errors} == {str(path.resolve())}
    # the same file by another path: error rows replaced, not copied; articles not doubled
    monkeypatch.chdir(tmp_path)
    again = cli.invoke(app, ["ingest", os.path.relpath(path, tmp_path), "--db", "h.duckdb"])
    assert again.exit_code == 1
    assert sorted(_table(db, "SELECT id, input FROM errors")) == sorted(stored_errors)
    assert sorted(_table(db, "SELECT article_id FROM articles")) == sorted(articles)


def test_error_rows_cleared_when_the_article_succeeds(tmp_path):
    src = tmp_path / "in.jsonl"
    db = str(tmp_path / "e.duckdb")
    good = {"id": "a1", "date": "2022-02-10", "text": GOOD_TEXT}
    src.write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert cli.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0
    src.write_text(json.dumps(dict(good, date="2022-02-30")) + "\n{broken\n", encoding="utf-8")
    assert cli.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 1
    rows = _table(Path(db), "SELECT article_id, reason FROM errors ORDER BY reason")
    assert [r[0] for r in rows] == [None, "a1"] and "the version stored earlier is kept" in rows[1][1]
    src.write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert cli.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0
    assert _table(Path(db), "SELECT count(*) FROM errors") == [(0,)]


def test_odd_files_through_extract(tmp_path):
    (tmp_path / "in").mkdir()
    expected = hostile_files(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    result = cli.invoke(app, ["extract", *[str(tmp_path / "in" / n) for n in expected], "-o", str(out)])
    records = out.read_text(encoding="utf-8").splitlines()
    assert len(records) + len(_error_lines(result.stderr)) == sum(expected.values())
    assert result.exit_code == 1 and "Traceback" not in result.stderr


def test_api_accounts_for_every_item():
    items = [
        {"id": "ok", "date": datetime(2022, 2, 10, 9, 0), "text": GOOD_TEXT},
        {"id": True, "text": GOOD_TEXT},
        {"id": "s", "text": "Putin \ud800 met."},
        {"id": "t", "title": 5, "text": GOOD_TEXT},
        42,
        None,
        "Putin met Macron in Moscow on Monday.",
        {"id": "d", "date": "9999-12-31", "text": "Putin met Macron yesterday and will meet him tomorrow."},
    ]
    outs = list(pipeline.extract_many(items))
    assert len(outs) == len(items)
    kinds = [type(o).__name__ for o in outs]
    assert kinds == ["ArticleResult", "ArticleError", "ArticleError", "ArticleError", "ArticleError",
                     "ArticleError", "ArticleResult", "ArticleResult"]
    assert outs[0].date == "2022-02-10"


def test_a_failing_stage_costs_one_article_not_its_chunk(monkeypatch):
    real = pipeline.quote_stage.extract

    def flaky(doc, article, actors):
        if article.id == "bad":
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "planted")
        return real(doc, article, actors)

    monkeypatch.setattr(pipeline.quote_stage, "extract", flaky)
    items = [{"id": f"a{i}", "text": GOOD_TEXT} for i in range(3)] + [{"id": "bad", "text": GOOD_TEXT}]
    outs = list(pipeline.extract_many(items + [{"id": "a9", "text": GOOD_TEXT}]))
    assert [type(o).__name__ for o in outs] == ["ArticleResult"] * 3 + ["ArticleError", "ArticleResult"]
    assert "internal error: UnicodeEncodeError" in outs[3].reason


def test_a_failing_parse_costs_one_article_not_its_chunk(monkeypatch):
    real = pipeline.parse

    def fragile(articles, nlp, batch_size=32):
        articles = list(articles)
        if any(a.id == "bad" for a in articles):
            raise RuntimeError("planted parse failure")
        return real(articles, nlp, batch_size)

    monkeypatch.setattr(pipeline, "parse", fragile)
    outs = list(pipeline.extract_many([{"id": "a1", "text": GOOD_TEXT}, {"id": "bad", "text": GOOD_TEXT},
                                       {"id": "a2", "text": GOOD_TEXT}]))
    assert [type(o).__name__ for o in outs] == ["ArticleResult", "ArticleError", "ArticleResult"]
    assert "planted parse failure" in outs[1].reason


def test_an_article_over_its_time_budget_is_an_error(monkeypatch):
    import time

    real = pipeline.event_stage.extract

    def slow(doc, actors, *args, **kwargs):
        if doc.text.startswith("SLOW"):
            time.sleep(30)
        return real(doc, actors, *args, **kwargs)

    monkeypatch.setattr(pipeline.event_stage, "extract", slow)
    outs = list(pipeline.extract_many([{"id": "s", "text": "SLOW " + GOOD_TEXT}, {"id": "f", "text": GOOD_TEXT}],
                                      article_seconds=0.5))
    assert isinstance(outs[0], ArticleError) and "over the time budget" in outs[0].reason
    assert isinstance(outs[1], ArticleResult)


def test_tokenizer_bombs_are_parsed_with_offsets_intact():
    text = 'Putin said ' + '"' * 25_000 + " and paid " + "$" * 40_000 + ". Macron met Putin in Moscow."
    (out,) = list(pipeline.extract_many([{"id": "bomb", "date": "2022-02-10", "text": text}]))
    assert isinstance(out, ArticleResult)
    assert problems(out.to_dict(include_text=True), text) == []


def test_quote_mark_inside_the_last_word_of_a_clause(nlp):
    from eventlens.quotes.clauses import cut_at_marks
    from eventlens.quotes.marks import Mark

    doc = nlp("Putin said Russia would leave the town now")
    span = doc[2:8]
    inside_last = doc[7].idx + 1
    cut_at_marks(span, [Mark(inside_last, inside_last + 1, inside_last + 2, inside_last + 3)])  # no StopIteration


@pytest.mark.parametrize("args, says", [
    (["query", "events", "--since", "notadate"], "--since must be a date"),
    (["query", "events", "--until", "abc"], "--until must be a date"),
    (["query", "quotes", "--since", "2022-13"], "--since must be a date"),
    (["query", "events", "--limit", "-1"], "--limit must be a whole number"),
    (["query", "actors", "--limit", "99999999999999999999"], "--limit must be a whole number"),
    (["query", "events", "--db", "FOLDER"], "is a folder"),
    (["query", "events", "--db", "NOTDB"], "not a DuckDB database file"),
    (["query", "errors", "--db", "OTHERDB"], "without eventlens tables"),
    (["query", "events", "--db", "MISSING"], "no database at"),
    (["ingest", "IN", "--db", "NOTDB"], "not a DuckDB database file"),
    (["ingest", "IN", "--db", "OTHERDB"], "without eventlens tables"),
    (["extract", "IN", "-o", "FOLDER"], "is a folder"),
])
def test_user_mistakes_are_one_line_and_exit_2(tmp_path, args, says):
    db = tmp_path / "ok.duckdb"
    if args[0] == "query" and "--db" not in args:
        src = tmp_path / "in.jsonl"
        src.write_text(json.dumps({"id": "a", "text": GOOD_TEXT}) + "\n", encoding="utf-8")
        assert cli.invoke(app, ["ingest", str(src), "--db", str(db)]).exit_code == 0
        args = [*args, "--db", str(db)]
    (tmp_path / "folder").mkdir()
    (tmp_path / "notdb").write_text("not a database")
    con = duckdb.connect(str(tmp_path / "other.duckdb"))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    (tmp_path / "in.txt").write_text(GOOD_TEXT)
    names = {"FOLDER": "folder", "NOTDB": "notdb", "OTHERDB": "other.duckdb", "MISSING": "missing.duckdb",
             "IN": "in.txt"}
    args = [str(tmp_path / names[a]) if a in names else a for a in args]
    before = (tmp_path / "notdb").read_bytes()
    result = cli.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and says in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "notdb").read_bytes() == before and not (tmp_path / "missing.duckdb").exists()

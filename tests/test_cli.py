"""The command line, run in-process: extract, ingest twice, query, errors, eval, schema."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.schema import problems

runner = CliRunner()


@pytest.fixture()
def inputs(tmp_path, shared_dir):
    shutil.copy(shared_dir / "benchmarks/seed/seed_article.txt", tmp_path / "seed.txt")
    lines = [
        json.dumps({"id": "j1", "date": "2018-07-16",
                    "text": "President Donald Trump met Russian President Vladimir Putin in Helsinki on Monday."}),
        "{not json",
        json.dumps({"id": "j2", "date": "2018-13-01", "text": "Bad date."}),
    ]
    (tmp_path / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_extract_writes_valid_records_and_reports_errors(inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(inputs / "seed.txt"), str(inputs / "more.jsonl"), "-o", str(out),
                                 "--include-text"])
    assert result.exit_code == 1  # two bad lines
    assert "more.jsonl:2" in result.stderr and "more.jsonl:3" in result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["article_id"] for r in records] == ["seed", "j1"]
    for r in records:
        assert problems(r, r["text"]) == []


def test_ingest_twice_changes_nothing_then_query(inputs, tmp_path):
    db = tmp_path / "x.duckdb"
    first = runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert first.exit_code == 1
    con = duckdb.connect(str(db), read_only=True)
    tables = ["articles", "actors", "events", "quotes", "dates", "errors"]
    counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    con.close()
    assert counts["articles"] == 2 and counts["errors"] == 2 and counts["events"] > 0
    runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])
    con = duckdb.connect(str(db), read_only=True)
    again = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    con.close()
    assert again == counts
    rows = runner.invoke(app, ["query", "events", "--db", str(db), "--actor", "RUS", "--format", "json"])
    assert rows.exit_code == 0
    events = [json.loads(line) for line in rows.stdout.splitlines()]
    assert events and all("RUS" in (e["source"] + (e["target"] or "")) for e in events)
    quotes = runner.invoke(app, ["query", "quotes", "--db", str(db), "--speaker", "macron", "--format", "csv"])
    assert quotes.exit_code == 0 and "Emmanuel Macron" in quotes.stdout
    errors = runner.invoke(app, ["query", "errors", "--db", str(db)])
    assert "broken JSON" in errors.stdout


def test_query_without_database_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["query", "events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "eventlens ingest" in result.stderr


def test_schema_and_validate(tmp_path):
    schema = runner.invoke(app, ["schema"])
    assert json.loads(schema.stdout)["$id"] == "eventlens.article/1"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"schema": "eventlens.article/1", "article_id": "x"}) + "\n")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1 and "required" in result.stderr


def test_eval_seed_prints_figures(shared_dir):
    result = runner.invoke(app, ["eval", "seed", "--shared", str(shared_dir), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["seed"]["total"]
    assert figures["actor_recall"] > 0 and "event_recall" in figures

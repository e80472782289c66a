"""Exports: every kind in every format with every column; PLOVER records; the CLI commands."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest
from typer.testing import CliRunner

from eventlens import export, query
from eventlens.cli import app
from web_support import build_store


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("export") / "store.duckdb")


@pytest.fixture()
def con(db_path):
    c = query.open_db(db_path)
    yield c
    c.close()


@pytest.mark.parametrize("kind", export.KINDS)
def test_jsonl_and_csv_have_every_column_of_the_query(con, tmp_path, kind):
    expected = export.rows(con, kind)
    assert export.export(con, kind, "jsonl", str(tmp_path / "x.jsonl")) == len(expected) > 0
    lines = [json.loads(line) for line in (tmp_path / "x.jsonl").read_text().splitlines()]
    assert lines == expected
    export.export(con, kind, "csv", str(tmp_path / "x.csv"))
    with open(tmp_path / "x.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(expected[0]) and len(rows) == len(expected)


@pytest.mark.parametrize("kind", export.KINDS)
def test_parquet_is_written_by_duckdb_with_the_same_rows(con, tmp_path, kind):
    out = tmp_path / "sub" / f"{kind}.parquet"
    n = export.export(con, kind, "parquet", str(out))
    back = duckdb.sql(f"SELECT * FROM read_parquet('{out}')")
    assert n == len(export.rows(con, kind)) and back.columns == list(export.rows(con, kind)[0])


def test_filters_apply_to_exports(con, tmp_path):
    assert export.export(con, "events", "jsonl", str(tmp_path / "e.jsonl"), actor="IGO") == 1
    assert export.export(con, "quotes", "parquet", str(tmp_path / "q.parquet"), speaker="biden") == 2
    assert export.export(con, "happenings", "jsonl", str(tmp_path / "h.jsonl"), min_reports=2) == 1


def test_plover_records_for_events_and_happenings(con):
    events = export.plover_records(con, "events", source="USAGOV")
    assert {e["event_id"] for e in events} == {"biden_xi_reuters/e1", "biden_xi_ap/e1"}
    e = events[0]
    assert (e["event_type"], e["source"]["country"], e["source"]["sector"], e["target"]["code"]) == (
        "CONSULT", "USA", "GOV", "CHNGOV")
    assert e["source"]["name"] == "Joe Biden" and e["location"]["country"] == "FIN"
    assert e["story_ids"] == [e["event_id"].split("/")[0]] and e["cameo"]["code"] == "042"
    sanction = export.plover_records(con, "events", root="16")[0]
    assert (sanction["event_type"], sanction["event_mode"], sanction["contexts"]) == ("REDUCE", None, ["diplomatic"])
    h = export.plover_records(con, "happenings", min_reports=2)[0]
    assert h["story_ids"] == ["biden_xi_ap", "biden_xi_reuters"]
    assert (h["num_mentions"], h["num_articles"], h["num_sources"]) == (2, 2, 2)
    assert h["event_date"] == "2023-05-02"


def test_plover_table_gives_mode_and_context():
    info = export.plover_table()["0311"]
    assert (info.event_type, info.context) == ("AGREE", "economic")


@pytest.mark.parametrize("kind,fmt,out,filters,message", [
    ("quotes", "plover", "x", {}, "plover format"),
    ("events", "parquet", "-", {}, "parquet needs"),
    ("events", "xml", "x", {}, "unknown format"),
    ("tweets", "jsonl", "x", {}, "unknown export"),
    ("events", "jsonl", "x", {"speaker": "x"}, "cannot be filtered by speaker"),
])
def test_bad_exports_are_refused(con, kind, fmt, out, filters, message):
    with pytest.raises(export.ExportError, match=message):
        export.export(con, kind, fmt, out, **filters)


def test_cli_export_and_query_formats_give_every_column(db_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "ev.csv"
    done = runner.invoke(app, ["export", "events", "--db", db_path, "--format", "csv", "-o", str(out)])
    assert done.exit_code == 0, done.output
    header = out.read_text().splitlines()[0].split(",")
    columns = {"row_id", "root", "quad_class", "confidence", "rule", "date_text", "location_name", "lat", "lon"}
    assert columns <= set(header)
    plover = runner.invoke(app, ["export", "happenings", "--db", db_path, "-f", "plover", "--min-reports", "2"])
    assert plover.exit_code == 0 and json.loads(plover.stdout.splitlines()[0])["num_articles"] == 2
    bad = runner.invoke(app, ["export", "actors", "--db", db_path, "-f", "plover"])
    assert bad.exit_code == 2
    as_json = runner.invoke(app, ["query", "events", "--db", db_path, "--format", "json", "--limit", "1"])
    row = json.loads(as_json.stdout.splitlines()[0])
    assert {"row_id", "root", "quad_class", "confidence", "rule", "date_text", "lat", "lon"} <= set(row)
    as_csv = runner.invoke(app, ["query", "quotes", "--db", db_path, "--format", "csv"])
    assert "speaker_actor" in as_csv.stdout.splitlines()[0]

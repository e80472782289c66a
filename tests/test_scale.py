"""The Dask engine (``eventlens.scale``): partitions to Parquet by month, idempotent re-runs, a
LocalCluster equal to the local engine, a dying worker, an unreachable scheduler, corrupt files, and
the Parquet read back through ``eventlens.query`` and into a store."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")

from eventlens import query, scale  # noqa: E402
from eventlens.config import Settings, load_settings  # noqa: E402
from eventlens.ingest import from_dict  # noqa: E402
from eventlens.models import ArticleResult  # noqa: E402
from eventlens.pipeline import process  # noqa: E402
from eventlens.runner import UsageError  # noqa: E402
from eventlens.store import TABLES, open_reader  # noqa: E402

ARTICLES = [
    {"id": "a1", "date": "2014-07-03",
     "text": "WASHINGTON, July 3 - President Barack Obama met German Chancellor Angela Merkel at the White House "
             "on Thursday."},
    {"id": "a2", "date": "2014-07-21",
     "text": "MOSCOW, July 21 - Russia accused Ukraine of shelling a border post on Monday."},
    {"id": "a3", "date": "2014-08-04", "text": "KIEV, Aug. 4 - Ukrainian President Petro Poroshenko urged the European "
                                               "Union to impose new sanctions on Russia."},
    {"id": "a4", "date": "2014-08-12",
     "text": "BEIJING, Aug. 12 - China criticized Japan over its defence policy on Tuesday."},
    {"id": "a5", "text": "Iran and Saudi Arabia agreed to restore diplomatic relations."},
    {"id": "a6", "date": "2014-08-20", "text": "PARIS, Aug. 20 - French President Francois Hollande praised Germany "
                                               "for its leadership on Wednesday."},
]
LINES = [json.dumps(a) for a in ARTICLES]


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(env={})


@pytest.fixture(scope="module")
def local_events(settings: Settings) -> set[tuple[str, str | None, str | None, str]]:
    """(article_id, source, target, code) of every event of ARTICLES coded in this process."""
    results = list(process([from_dict(a, a["id"]) for a in ARTICLES], settings))
    assert all(isinstance(r, ArticleResult) for r in results)
    return {(r.article_id, e.source, e.target, e.code) for r in results for e in r.events}


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster of 2 single-threaded worker processes for the module's Dask tests."""
    with scale.dask_client() as client:
        yield client


def parquet_events(out: Path) -> list[tuple[str, str | None, str | None, str]]:
    sql = "SELECT article_id, source, target, code FROM read_parquet(?, hive_partitioning = true)"
    return [tuple(r) for r in duckdb.execute(sql, [str(out / "events" / "**" / "*.parquet")]).fetchall()]


def test_partition_writes_months_equal_to_local_engine(tmp_path, settings, local_events):
    lines = LINES[:4] + [LINES[4], "{broken", ""]
    outcome = scale.code_partition(lines, settings, tmp_path, "p0")
    assert outcome["articles"] == 5 and outcome["events"] == 5
    assert [e["origin"] for e in outcome["errors"]] == ["p0:6"]  # the blank line is skipped
    months = sorted(p.name for p in (tmp_path / "events").iterdir())
    assert months == ["month=2014-07", "month=2014-08", "month=unknown"]
    assert (tmp_path / "errors" / "month=unknown" / "part-p0.parquet").exists()
    assert set(parquet_events(tmp_path)) == {e for e in local_events if e[0] in {"a1", "a2", "a3", "a4", "a5"}}
    for table, columns in TABLES.items():  # the store's columns, in order, plus the hive month
        if table == "quotes":  # none in these articles: no file
            assert not (tmp_path / table).exists()
            continue
        described = duckdb.execute("DESCRIBE SELECT * FROM read_parquet(?)",
                                   [str(tmp_path / table / "*" / "*.parquet")]).fetchall()
        assert [r[0] for r in described] == [name for name, _ in columns] + ["month"]


def test_rerunning_a_partition_replaces_its_files(tmp_path, settings):
    scale.code_partition(LINES[:3], settings, tmp_path, "p0")
    scale.code_partition(LINES[3:], settings, tmp_path, "p1")
    first = sorted(parquet_events(tmp_path))
    scale.code_partition(LINES[:3], settings, tmp_path, "p0")
    assert sorted(parquet_events(tmp_path)) == first
    scale.code_partition(LINES[:1], settings, tmp_path, "p0")  # the partition shrank: its other months go
    assert {e[0] for e in parquet_events(tmp_path)} == {"a1", "a4", "a5", "a6"}
    assert not list(tmp_path.glob("*/month=*/.*.tmp"))


def test_a_failing_article_is_an_error_row(tmp_path, settings, monkeypatch):
    from eventlens import pipeline

    real = pipeline.analyse

    def analyse(doc, article, res, watch=None):
        if article.id == "a2":
            raise RuntimeError("boom")
        return real(doc, article, res, watch)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    outcome = scale.code_partition(LINES[:3], settings, tmp_path, "p0")
    assert outcome["articles"] == 2
    assert [(e["article_id"], e["reason"]) for e in outcome["errors"]] == [("a2", "internal error: RuntimeError: boom")]
    rows = duckdb.execute("SELECT article_id, month FROM read_parquet(?, hive_partitioning = true)",
                          [str(tmp_path / "errors" / "*" / "*.parquet")]).fetchall()
    assert rows == [("a2", "2014-07")]


def test_bad_partition_id_is_refused(tmp_path, settings):
    with pytest.raises(ValueError, match="partition id"):
        scale.code_partition(LINES[:1], settings, tmp_path, "../x")


def test_local_cluster_equals_local_engine(tmp_path, settings, local_events, cluster):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("\n".join(LINES + ["{broken"]) + "\n", encoding="utf-8")
    started = time.perf_counter()
    report = scale.run_dask([str(inputs)], settings, tmp_path / "out", partition_size=2)  # its own LocalCluster
    seconds = time.perf_counter() - started
    assert seconds < 90, f"LocalCluster run took {seconds:.1f} s"
    assert (report.articles, report.events) == (6, len(local_events))
    assert [(e.origin, e.article_id) for e in report.errors] == [(f"{inputs}:7", None)]
    found = parquet_events(tmp_path / "out")
    assert len(found) == len(set(found)) and set(found) == local_events
    parts = {p.name for p in (tmp_path / "out").glob("*/month=*/*.parquet")}
    assert parts == {"part-000000.parquet", "part-000001.parquet", "part-000002.parquet", "part-000003.parquet"}
    # the same input in bigger partitions into the same folder: the old partitions' files go
    report = scale.run_dask([str(inputs)], settings, tmp_path / "out", partition_size=10, client=cluster)
    assert sorted(parquet_events(tmp_path / "out")) == sorted(found)
    assert {p.name for p in (tmp_path / "out").glob("*/month=*/*.parquet")} == {"part-000000.parquet"}


def test_a_worker_dying_on_an_article_loses_only_that_article(tmp_path, settings, local_events, cluster):
    def task(items, settings, out_dir, partition):
        if any(getattr(item, "id", None) == "a3" for item in items):
            os._exit(1)  # a crash in native code, the OOM killer
        return scale.code_partition(items, settings, out_dir, partition)

    inputs = tmp_path / "in.jsonl"
    inputs.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    report = scale.run_dask([str(inputs)], settings, tmp_path / "out", partition_size=3, task=task,
                             client=cluster)
    assert report.articles == 5
    assert [(e.article_id, e.origin) for e in report.errors] == [("a3", f"{inputs}:3")]
    assert "worker died" in report.errors[0].reason
    found = parquet_events(tmp_path / "out")
    assert len(found) == len(set(found)) and set(found) == {e for e in local_events if e[0] != "a3"}
    con = scale.open_parquet(tmp_path / "out")
    assert [r["article_id"] for r in query.errors(con)] == ["a3"]


def test_unreachable_scheduler_is_one_clear_error(tmp_path, settings):
    started = time.perf_counter()
    with pytest.raises(UsageError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1 "):
        scale.run_dask(["missing.jsonl"], settings, tmp_path / "out", scheduler="tcp://127.0.0.1:1", connect_seconds=1)
    assert time.perf_counter() - started < 15
    assert not (tmp_path / "out").exists()


def test_bad_partition_size_is_a_usage_error(tmp_path, settings):
    with pytest.raises(UsageError, match="partition size"):
        scale.run_dask(["x.jsonl"], settings, tmp_path, partition_size=0)


def test_corrupt_parquet_file_is_named(tmp_path, settings):
    scale.code_partition(LINES[:2], settings, tmp_path, "p0")
    bad = tmp_path / "events" / "month=2014-07" / "part-p9.parquet"
    bad.write_bytes(b"not parquet at all" * 10)
    with pytest.raises(scale.ParquetError, match=str(bad)):
        scale.open_parquet(tmp_path)
    with pytest.raises(scale.ParquetError, match=str(bad)):
        scale.store_from_parquet(tmp_path, tmp_path / "s.duckdb")


def test_missing_or_empty_output_is_an_error(tmp_path):
    with pytest.raises(scale.ParquetError, match="not a folder"):
        scale.open_parquet(tmp_path / "nope")
    with pytest.raises(scale.ParquetError, match="no eventlens Parquet output"):
        scale.open_parquet(tmp_path)


def test_open_parquet_serves_the_query_functions(tmp_path, settings, local_events):
    scale.code_partition(LINES[:3], settings, tmp_path, "p0")
    scale.code_partition(LINES[3:], settings, tmp_path, "p1")
    con = scale.open_parquet(tmp_path)
    events = query.events(con)
    assert {(e["article_id"], e["source"], e["target"], e["code"]) for e in events} == local_events
    assert {e["article_id"] for e in query.events(con, actor="UKR")} == {"a2", "a3"}
    assert [e["article_id"] for e in query.events(con, since="2014-08-01")] == ["a3", "a4", "a6"]
    assert events[0]["article_title"] is None and events[0]["source_name"]
    assert query.stats(con)["happenings"] == len(local_events) - 1  # a5 is undated: no happening
    assert len(query.happenings(con)) == len(local_events) - 1
    assert query.quotes(con) == [] and query.errors(con) == []  # no quotes file: an empty view
    assert query.article(con, "a1")["events"]


def test_store_from_parquet_loads_a_store_idempotently(tmp_path, settings, local_events):
    out = tmp_path / "out"
    scale.code_partition(LINES[:3] + ["{broken"], settings, out, "p0")
    scale.code_partition(LINES[3:], settings, out, "p1")
    db = tmp_path / "s.duckdb"
    counts = scale.store_from_parquet(out, db)
    assert counts["articles"] == 6 and counts["events"] == len(local_events) and counts["errors"] == 1
    assert scale.store_from_parquet(out, db) == counts
    con = open_reader(db)
    try:
        events = query.events(con)
        assert sorted((e["article_id"], e["source"], e["target"], e["code"]) for e in events) == sorted(local_events)
        # a5 is undated: no happening
        assert len(query.errors(con)) == 1 and query.stats(con)["happenings"] == len(local_events) - 1
    finally:
        con.close()


def test_without_dask_the_engine_says_what_to_install(tmp_path, settings, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    with pytest.raises(UsageError, match=r"install eventlens\[dask\]"):
        scale.run_dask(["x.jsonl"], settings, tmp_path)


def test_cli_dask_engine_writes_parquet_that_query_and_ingest_read(tmp_path: Path, local_events) -> None:
    from typer.testing import CliRunner

    from eventlens.cli import app

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    out, db = tmp_path / "parts", tmp_path / "s.duckdb"
    cli = CliRunner()
    done = cli.invoke(app, ["extract", str(src), "--engine", "dask", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert set(parquet_events(out)) == local_events
    shown = cli.invoke(app, ["query", "events", "--db", str(out), "-f", "json"])
    assert shown.exit_code == 0
    assert {(r["article_id"], r["source"], r["target"], r["code"])
            for r in map(json.loads, shown.stdout.splitlines())} == local_events
    loaded = cli.invoke(app, ["ingest", str(out), "--db", str(db)])
    assert loaded.exit_code == 0 and "6 articles" in loaded.output
    stored = cli.invoke(app, ["query", "events", "--db", str(db), "-f", "json"])
    assert {(r["article_id"], r["source"], r["target"], r["code"])
            for r in map(json.loads, stored.stdout.splitlines())} == local_events
    to_stdout = cli.invoke(app, ["extract", str(src), "--engine", "dask"])
    assert to_stdout.exit_code == 2 and "folder" in to_stdout.output

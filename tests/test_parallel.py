"""Worker processes (--jobs), skipping what is stored unchanged (--force), progress and --quiet."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventlens import parallel, runner
from eventlens.cli import app
from eventlens.config import load_settings

TEXTS = [
    ("a1", "2022-03-01", "Russia expelled two Polish diplomats on Tuesday, the foreign ministry said."),
    ("a2", "2022-03-02", "France and Germany signed a defence agreement in Paris on Wednesday."),
    ("a3", "2022-03-03", "Protesters clashed with police in Nairobi on Thursday."),
    ("a4", "2022-03-04", "China condemned the United States for selling arms to Taiwan."),
    ("a5", "2022-03-05", "Iran's president met the Iraqi prime minister in Tehran on Saturday."),
]


def _write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t in rows), "utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return _write(tmp_path / "in.jsonl", TEXTS + [("a6", "2022-03-06", "")])  # a6: an empty text, an error


def test_jobs_two_gives_the_same_records_in_input_order(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK", 1)  # one article per task: the workers finish out of order
    settings = load_settings()
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = runner.extract_to_jsonl([str(corpus)], one, settings, jobs=1)
    r2 = runner.extract_to_jsonl([str(corpus)], two, settings, jobs=2)
    assert r2.jobs == 2 and r1.jobs == 1
    assert one.read_text("utf-8") == two.read_text("utf-8")
    assert [json.loads(line)["article_id"] for line in two.read_text("utf-8").splitlines()] == [
        "a1", "a2", "a3", "a4", "a5"]
    assert [e.article_id for e in r2.errors] == ["a6"] and r2.events == r1.events > 0


def test_a_worker_that_dies_loses_only_its_article(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from eventlens import pipeline

    real = pipeline.analyse

    def deadly(doc, article, res, watch=None):
        if "Nairobi" in article.text:
            os._exit(9)  # as if the process were killed mid-article
        return real(doc, article, res, watch)

    monkeypatch.setattr(pipeline, "analyse", deadly)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    if "fork" not in parallel.multiprocessing.get_all_start_methods():
        pytest.skip("the patched stage reaches the workers only when they are forked")
    out = tmp_path / "out.jsonl"
    report = runner.extract_to_jsonl([str(corpus)], out, load_settings(), jobs=2)
    written = [json.loads(line)["article_id"] for line in out.read_text("utf-8").splitlines()]
    assert written == ["a1", "a2", "a4", "a5"]
    reasons = {e.article_id: e.reason for e in report.errors}
    assert set(reasons) == {"a3", "a6"} and "worker process" in reasons["a3"] and "died" in reasons["a3"]


def test_choose_jobs_uses_every_core_only_for_more_than_a_few_articles() -> None:
    few, items = parallel.choose_jobs(None, iter(range(3)))
    assert few == 1 and list(items) == [0, 1, 2]
    many, items = parallel.choose_jobs(None, iter(range(40)))
    assert many == parallel.available_cores() and list(items) == list(range(40))
    assert parallel.choose_jobs(3, [])[0] == 3


def _rows(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT article_id, code, source, target FROM events").fetchall())
    finally:
        con.close()


def test_ingest_skips_articles_stored_unchanged_and_force_codes_them_again(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    settings = load_settings().replace(db_path=str(db))
    first = runner.ingest([str(corpus)], settings)
    assert (first.articles, first.skipped, len(first.errors)) == (5, 0, 1)
    rows = _rows(db)
    again = runner.ingest([str(corpus)], settings)
    assert (again.articles, again.skipped, len(again.errors)) == (0, 5, 1)  # the empty text is read again
    assert _rows(db) == rows
    changed = [(i, d, t.replace("Tuesday", "Monday") if i == "a1" else t) for i, d, t in TEXTS]
    edited = runner.ingest([str(_write(tmp_path / "edit.jsonl", changed))], settings)
    assert (edited.articles, edited.skipped) == (1, 4)  # only the new version of a1 is coded
    other = runner.ingest([str(corpus)], settings.replace(goldstein="icews"))
    assert other.skipped == 0 and other.articles == 5  # other settings: coded again
    forced = runner.ingest([str(corpus)], settings.replace(goldstein="icews"), force=True)
    assert (forced.articles, forced.skipped) == (5, 0)
    assert _rows(db) == rows


def test_cli_quiet_prints_only_errors_and_skipped_runs_say_so(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    cli = CliRunner()
    loud = cli.invoke(app, ["ingest", str(corpus), "--db", str(db), "--jobs", "1"])
    assert loud.exit_code == 1 and "5 articles" in loud.output
    again = cli.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert "5 unchanged articles skipped" in again.output
    quiet = cli.invoke(app, ["ingest", str(corpus), "--db", str(db), "--quiet", "--force"])
    assert quiet.exit_code == 1
    assert "articles:" not in quiet.output and "error:" in quiet.output  # the empty article still reported
    bad = cli.invoke(app, ["extract", str(corpus), "--jobs", "0"])
    assert bad.exit_code == 2


def test_progress_is_drawn_only_on_a_terminal_and_not_when_quiet(monkeypatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(runner.sys, "stderr", Tty())
    assert runner.show_progress(quiet=False) and not runner.show_progress(quiet=True)
    monkeypatch.setattr(runner.sys, "stderr", open(os.devnull, "w"))
    assert not runner.show_progress(quiet=False)


def test_progress_bar_counts_articles_events_and_errors(corpus: Path, tmp_path: Path) -> None:
    report = runner.RunReport()
    bar = runner.Progress([str(corpus)], report, show=True)
    assert bar.bar is not None and bar.bar.tasks[0].total == 6
    with bar:
        report.articles, report.events, report.skipped = 3, 7, 1
        report.errors.append(runner.ArticleError("x", "y"))
        bar.step(0.0)
    task = bar.bar.tasks[0]
    assert task.completed == 5 and task.fields["events"] == 7 and task.fields["errors"] == 1


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_worker_ends_itself_when_its_parent_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import os, sys\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from eventlens import parallel\n"
        "pool = ProcessPoolExecutor(1, mp_context=parallel._context(), initializer=parallel._watch_start,\n"
        "                           initargs=(os.getpid(),))\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "import time; time.sleep(60)\n", "utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{worker}").exists():
        status = Path(f"/proc/{worker}/status").read_text() if Path(f"/proc/{worker}/status").exists() else ""
        if "State:\tZ" in status:
            break
        time.sleep(0.2)
    alive = Path(f"/proc/{worker}/status").exists() and "State:\tZ" not in Path(f"/proc/{worker}/status").read_text()
    if alive:  # do not leave it running
        os.kill(worker, signal.SIGKILL)
    assert not alive


def test_a_rerun_with_everything_stored_loads_no_model(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from eventlens import pipeline
    from eventlens.parse import ModelNotInstalled

    settings = load_settings().replace(db_path=str(tmp_path / "r.duckdb"))
    runner.ingest([str(corpus)], settings)

    def no_loading(_settings):
        raise AssertionError("the model was loaded for a run with nothing to code")

    monkeypatch.setattr(pipeline, "load_resources", no_loading)
    again = runner.ingest([str(corpus)], settings)
    assert again.skipped == 5 and again.articles == 0
    with pytest.raises(ModelNotInstalled):  # a missing model still fails before any work
        runner.ingest([str(corpus)], settings.replace(spacy_model="no_such_pipeline_xyz"))

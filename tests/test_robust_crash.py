"""Crash safety: a real ``ingest`` process killed (SIGKILL) after it has written some batches leaves
a database that opens, and re-running the same command gives exactly the rows of a clean run:
nothing lost, nothing doubled."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventlens import runner
from eventlens.config import load_settings
from test_hostile_inputs import ODD_TEXTS, hostile_lines

INGEST = """
import sys
from eventlens import runner
from eventlens.config import load_settings
runner.ingest(sys.argv[2:], load_settings().replace(db_path=sys.argv[1]), batch=2)
"""


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        keys = {"articles": "article_id, text_sha256", "actors": "row_id", "events": "row_id", "quotes": "row_id",
                "dates": "row_id", "errors": "id, reason"}
        return {t: sorted(con.execute(f"SELECT {k} FROM {t}").fetchall()) for t, k in keys.items()}
    finally:
        con.close()


def _stored(db: Path) -> int:
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return 0
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_ingest_rerun_matches_a_clean_run(tmp_path, shared_dir):
    src = tmp_path / "in.jsonl"
    lines = [line for _, line in hostile_lines(seed=3)]
    lines += [json.dumps({"id": f"odd-{i}", "date": "2022-02-10", "text": t}).encode() for i, t in enumerate(ODD_TEXTS)]
    src.write_bytes(b"\n".join(lines) + b"\n")
    inputs = [str(src), str(shared_dir / "benchmarks/devset/dev_articles.jsonl")]
    settings = load_settings()

    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", INGEST, str(killed), *inputs],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and _stored(killed) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    at_kill = _snapshot(killed)  # the killed run's database opens
    assert 0 < len(at_kill["articles"])

    runner.ingest(inputs, settings.replace(db_path=str(killed)), batch=2)
    clean = tmp_path / "clean.duckdb"
    runner.ingest(inputs, settings.replace(db_path=str(clean)), batch=2)
    after, reference = _snapshot(killed), _snapshot(clean)
    assert after == reference
    assert len(at_kill["articles"]) < len(reference["articles"])  # killed mid-run, not after it

"""``eventlens bench`` produces its figures (no timing thresholds: speed is reported, not tested)."""

from __future__ import annotations

from pathlib import Path

from eventlens import bench
from eventlens.config import load_settings

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_bench_reports_every_stage_and_load():
    figures = bench.run([str(SAMPLES)], load_settings(env={})).figures()
    assert figures["articles"] == len(list(SAMPLES.glob("*.txt")))
    assert figures["sentences"] > 10 and figures["peak_rss_mb"] > 0
    for stage in ("actors", "quotes", "dates", "events", "dating"):
        assert f"{stage}_s_per_1k_sentences" in figures
    assert {"load_model_s", "load_dictionaries_s", "parse_s"} <= figures.keys()

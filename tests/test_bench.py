"""``eventlens bench`` produces its figures (no timing thresholds: speed is reported, not tested)."""

from __future__ import annotations

from pathlib import Path

from eventlens import bench
from eventlens.config import load_settings

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_bench_reports_every_stage_and_load():
    figures = bench.run([str(SAMPLES)], load_settings(env={})).figures()
    assert figures["articles"] == len(list(SAMPLES.glob("*.txt")))
    assert figures["sentences"] > 10 and figures["words"] > 100 and figures["peak_rss_mb"] > 0
    for stage in ("actors", "quotes", "dates", "events", "dating"):
        assert f"{stage}_s_per_1k_sentences" in figures and f"stage_{stage}_s" in figures
    loads = {"load_model_s", "load_dictionaries_s", "load_gazetteer_s", "load_event_model_s", "parse_s"}
    assert loads <= figures.keys()
    for run in ("parse", "pipeline"):
        for unit in ("articles", "sentences", "words"):
            assert figures[f"{run}_{unit}_per_s"] > 0
    assert 0 < figures["pipeline_to_parse_ratio"] and figures["stages_share_of_parse"] > 0
    titles = [title for title, _ in bench.tables(figures)]
    assert len(titles) == 4


def test_bench_times_one_and_two_processes_on_the_same_articles():
    figures = bench.run([str(SAMPLES)], load_settings(env={}), jobs=(1, 2)).figures()
    for n in (1, 2):
        assert figures[f"jobs_{n}_s"] > 0 and figures[f"jobs_{n}_articles_per_s"] > 0
        assert figures[f"jobs_{n}_worker_peak_rss_mb"] > 0
    assert abs(figures["jobs_2_speedup"] - figures["jobs_1_s"] / figures["jobs_2_s"]) < 0.01
    assert "jobs_1_speedup" not in figures


def test_bench_limit_spreads_over_the_inputs():
    assert bench.spread(list(range(10)), 3) == [0, 3, 6]
    assert bench.spread(list(range(4)), 0) == [0, 1, 2, 3]


def test_startup_probe_runs_in_a_fresh_process():
    figures = bench.measure_startup(1)
    for name in ("import", "model", "dictionaries", "gazetteer", "event_model", "total"):
        assert figures[name] > 0
    assert figures["peak_rss_mb"] > 0 and figures["runs"] == 1


def test_scaling_rows_per_prefix():
    rows = bench.scaling([str(SAMPLES)], load_settings(env={}), sizes=(1000, 2000))
    assert [r["characters"] <= s for r, s in zip(rows, (1000, 2000), strict=False)] == [True, True]
    assert all(r["tokens"] > 0 and "events_s" in r and "stages_us_per_char" in r for r in rows)

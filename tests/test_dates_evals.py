"""Scoring of the timex (TempEval-3) and timelines (Timeline17) benchmarks on made-up cases."""

from __future__ import annotations

from eventlens.evals import timelines, timex
from eventlens.models import DateRef


def _gold(start: int, end: int, value: str, type_: str = "DATE") -> dict:
    return {"start": start, "end": end, "text": "x" * (end - start), "value": value, "type": type_}


def test_timex_strict_relaxed_type_and_value():
    gold = [_gold(0, 6, "2013-03-22"), _gold(10, 19, "P1M", "DURATION"), _gold(30, 34, "2010")]
    system = [
        DateRef("Friday", 0, 6, "2013-03-22"),  # strict, right value
        DateRef("a month", 12, 19, "P1M", "DURATION", "duration"),  # relaxed only, right value
        DateRef("spurious", 40, 48, "2012"),
    ]
    figures = timex.figures_of(timex.score_document(gold, system))
    assert figures["strict_precision"] == round(1 / 3, 4) and figures["strict_recall"] == round(1 / 3, 4)
    assert figures["relaxed_precision"] == round(2 / 3, 4) and figures["relaxed_recall"] == round(2 / 3, 4)
    assert figures["value_accuracy"] == 1.0 and figures["type_accuracy"] == 1.0
    assert figures["value_f1"] == round(2 / 3, 4)


def test_timex_one_system_timex_matches_one_gold():
    gold = [_gold(0, 4, "2009"), _gold(5, 9, "2010")]
    system = [DateRef("2009-2010", 0, 9, "2009/2010")]
    tally = timex.score_document(gold, system)
    assert (tally.relaxed, tally.value_ok) == (1, 0)


def test_timelines_measure_and_pubdate_baseline():
    topic = timelines.TopicDates(gold={"2011-02-16", "2011-02-17", "2011-02-20"},
                                 events=["2011-02-16", "2011-02-16", "2011-02-18", "unknown"],
                                 stamped=["2011-02-17"] * 4, articles=2)
    assert timelines.measure({"t": topic}) == {
        "timeline_date_recall": round(1 / 3, 4), "event_date_precision": round(2 / 3, 4), "date_f1": 0.4444}
    assert timelines.measure({"t": topic}, stamped=True)["event_date_precision"] == 1.0


def test_timelines_spread_keeps_order_and_size():
    assert timelines.spread(list(range(10)), 3) == [0, 3, 6]
    assert timelines.spread([1, 2], None) == [1, 2]

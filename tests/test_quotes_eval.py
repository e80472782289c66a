"""The PolNeAR quotes report also scores the records at even and at odd positions apart."""

from __future__ import annotations

from eventlens.evals import quotes as quote_eval


def _figures(value: float) -> dict[str, float]:
    return {key: value for key in quote_eval.HALF_FIGURES}


def test_the_report_shows_the_even_and_odd_halves_beside_each_other():
    figures = {"total": {"direct_f1": 0.5}, "even": _figures(0.25), "odd": _figures(0.75)}
    text = quote_eval.format_report(figures, 4)
    row = next(line for line in text.splitlines() if line.startswith("all_recall"))
    assert row.split() == ["all_recall", "0.25", "0.75"]
    assert "direct_f1" in text


def test_scoring_a_half_counts_only_its_records():
    pred = quote_eval.Pred(0, 5, (10, 12), False, "direct")
    gold_hit = [quote_eval.Gold(((0, 5),), (10, 12), "direct")]
    gold_miss = [quote_eval.Gold(((20, 25),), None, "direct")]
    runs = [quote_eval.Run((pred,)), quote_eval.Run(())]
    golds = [gold_hit, gold_miss]
    halves = quote_eval.half_figures(runs * 2, golds * 2)  # positions 0 and 2 even, 1 and 3 odd
    even, odd = halves["even"], halves["odd"]
    assert (even["direct_recall"], even["direct_quote_speaker_f1"]) == (1.0, 1.0)
    assert (even["direct_gold"], odd["direct_recall"], odd["direct_gold"]) == (2, 0.0, 2)

"""The scorer: matching rules, and gold scored against itself."""

from __future__ import annotations

import pytest

from eventlens.evals.articles import load_devset, load_seed
from eventlens.evals.scoring import code_matches, event_matches, names_match, score_article, score_corpus

GOLD_EVENT = {
    "source": "RUSGOV", "target": "UKRGOV", "root": "08", "code": "0871", "date": "2015-02-12",
    "evidence": "The leaders agreed on a ceasefire.", "acceptable_roots": ["05"],
    "note": "symmetric; also target DEUGOV, FRAGOV.",
}


def _pred(**kw):
    base = {"source": "RUSGOV", "target": "UKRGOV", "root": "08", "code": "0871",
            "evidence": "The leaders agreed on a ceasefire.", "date": "2015-02-12"}
    return {**base, **kw}


@pytest.mark.parametrize(
    "pred,ok",
    [
        (_pred(), True),
        (_pred(source="UKRGOV", target="RUSGOV"), True),  # symmetric
        (_pred(target="FRAGOV"), True),  # also target
        (_pred(root="05", code="057"), True),  # acceptable root
        (_pred(root="19", code="190"), False),
        (_pred(target="USAGOV"), False),
        (_pred(evidence="Another sentence entirely."), False),
        (_pred(source="RUS"), True),  # country level
    ],
)
def test_event_matches(pred, ok):
    assert event_matches(pred, GOLD_EVENT) is ok


def test_exact_level_needs_the_whole_code():
    assert not event_matches(_pred(source="RUS"), GOLD_EVENT, "exact")


@pytest.mark.parametrize(
    "pred,gold,ok",
    [("IGOWSTNAT", "NATO", True), ("RUSGOV", "RUS", True), ("RUSGOV", "UKR", False), (None, "RUS", False),
     ("X", "*", True), ("IGOUNO", "NATO", False)],
)
def test_code_matches(pred, gold, ok):
    assert code_matches(pred, gold) is ok


@pytest.mark.parametrize(
    "pred,gold,ok",
    [("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", True), ("Sauli Niinisto", "Sauli Niinistö", True),
     ("he", "Emmanuel Macron", False), (None, None, True), ("Macron", "Emmanuel Macron", False)],
)
def test_names_match(pred, gold, ok):
    assert names_match(pred, gold) is ok


def test_not_event_violation_counts_only_forbidden_roots():
    gold = {"events": [], "not_events": [{"evidence": "Moscow would not escalate the conflict",
                                          "forbidden_roots": ["13", "19"], "why": "negated"}]}
    pledge = "a pledge that Moscow would not escalate the conflict in Ukraine"
    bad = {"events": [_pred(evidence=pledge, root="19", code="190")]}
    fine = {"events": [_pred(evidence=pledge, root="03", code="030")]}
    assert score_article(bad, gold).not_event_violations == 1
    assert score_article(fine, gold).not_event_violations == 0


def _gold_as_prediction(gold):
    events = []
    for e in gold["events"]:
        date = e.get("date") or e.get("date_range", [None])[0]
        target = e["target"] if e["target"] != "*" else "XXX"
        events.append({**e, "date": date, "target": target})
    return {"article_id": gold["id"], "events": events, "quotes": gold["quotes"], "dates": gold["dates"],
            "actors": gold["actors"]}


def test_gold_scored_against_itself_is_perfect(shared_dir):
    golds = load_devset(shared_dir) + load_seed(shared_dir)
    _, total = score_corpus((_gold_as_prediction(g), g) for g in golds)
    s = total.summary()
    for key in ("event_recall", "event_precision", "event_code_exact", "event_date_accuracy", "quote_f1",
                "quote_speaker_accuracy", "date_recall", "date_value_accuracy", "actor_recall", "actor_code_exact"):
        assert s[key] == 1.0, key
    assert s["not_event_violations"] == 0


def test_empty_prediction_scores_zero(shared_dir):
    (gold,) = load_seed(shared_dir)
    s = score_article({"article_id": "seed"}, gold).summary()
    assert s["event_recall"] == 0 and s["quote_recall"] == 0 and s["actor_recall"] == 0


def test_a_whole_date_expression_matches_the_gold_word_it_contains():
    gold = {"dates": [{"text": "Friday", "value": "2021-09-17"}]}
    pred = {"dates": [{"text": "late on Friday", "value": "2021-09-17TNI"}]}
    s = score_article(pred, gold).summary()
    assert s["date_recall"] == 1.0 and s["date_value_accuracy"] == 1.0
    wrong = {"dates": [{"text": "late on Friday", "value": "2021-09-10TNI"}]}
    assert score_article(wrong, gold).summary()["date_value_accuracy"] == 0.0


def test_events_are_matched_one_to_one():
    """Two predictions of one gold event: one true positive, one false positive (the devset README)."""
    gold = {"events": [GOLD_EVENT]}
    twice = {"events": [_pred(), _pred(source="UKRGOV", target="RUSGOV", code="0871")]}
    score = score_article(twice, gold).summary()
    assert score["event_recall"] == 1.0
    assert score["event_precision"] == 0.5


def test_one_to_one_prefers_the_exact_code():
    """Greedy matching takes the exact-code candidate first, so code accuracy counts it."""
    gold = {"events": [GOLD_EVENT]}
    preds = {"events": [_pred(root="05", code="057"), _pred()]}
    assert score_article(preds, gold).summary()["event_code_exact"] == 1.0


def test_a_prediction_matched_to_an_optional_event_is_neither_right_nor_wrong():
    gold = {"events": [{**GOLD_EVENT, "optional": True}]}
    score = score_article({"events": [_pred()]}, gold)
    assert (score.events.tp, score.events.pred, score.events.gold) == (0, 0, 0)

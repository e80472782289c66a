"""The PLV scorer, on records built by hand (the benchmark's own sentences stay in shared/)."""

from __future__ import annotations

from eventlens.evals.plv import half, judge, plover_type, score

GOLD = {"id": "PLV-train-0003", "plover": "ACCUSE", "modality": "past",
        "source_spans": [[0, 6]], "target_spans": [[20, 27]]}


def _result(*events, actors=(("a1", 0, 6), ("a2", 20, 27), ("a3", 40, 45))):
    return {"actors": [{"id": i, "start": s, "end": e} for i, s, e in actors], "events": list(events)}


def _event(plover, source="a1", target="a2", confidence=0.8):
    return {"plover": plover, "source_actor": source, "target_actor": target, "confidence": confidence}


def test_halves_follow_the_id_number():
    assert half("PLV-train-0003") == "odd" and half("PLV-train-0010") == "even"


def test_concede_and_retreat_are_yield():
    assert plover_type("CONCEDE") == plover_type("RETREAT") == "YIELD"
    assert plover_type("ACCUSE") == "ACCUSE"


def test_type_and_dyad_right():
    j = judge(_result(_event("ACCUSE")), GOLD)
    assert (j.found, j.type_hit, j.dyad_hit, j.predicted_right) == (True, True, True, 1)


def test_a_reversed_dyad_counts_only_for_symmetric_types():
    assert not judge(_result(_event("ACCUSE", "a2", "a1")), GOLD).dyad_hit
    assert judge(_result(_event("CONSULT", "a2", "a1")), {**GOLD, "plover": "CONSULT"}).dyad_hit


def test_a_side_without_spans_is_not_checked():
    implicit = {**GOLD, "target_spans": []}
    assert judge(_result(_event("ACCUSE", target="a3")), implicit).dyad_hit
    assert not judge(_result(_event("ACCUSE", target="a3")), GOLD).dyad_hit


def test_wrong_type_is_found_but_not_right():
    j = judge(_result(_event("ASSAULT")), GOLD)
    assert j.found and not j.type_hit and not j.dyad_hit and j.top == "ASSAULT"


def test_scores_by_half_and_precision():
    pairs = [
        (_result(_event("ACCUSE"), _event("ASSAULT")), GOLD),  # odd: type right, one of two right
        (_result(), {**GOLD, "id": "PLV-train-0004"}),  # even: nothing found
    ]
    total = score(pairs)["total"]
    assert total["past_odd_type_recall"] == 1.0 and total["past_odd_type_precision"] == 0.5
    assert total["past_even_event_found"] == 0.0
    assert total["past_type_recall"] == 0.5

"""One event told in the lead and again in the body is one event (``events.merge_repeats``)."""

from __future__ import annotations

from eventlens import events
from eventlens.models import Actor, Event

ACTORS = [
    Actor("a1", "Russia", 0, 6, "RUS", "Russia", kind="country"),
    Actor("a2", "Ukraine", 10, 17, "UKR", "Ukraine", kind="country"),
    Actor("a3", "Moscow", 40, 46, "RUS", "Russia", kind="metonym", ref="a1"),
    Actor("a4", "Kyiv", 50, 54, "UKR", "Ukraine", kind="metonym", ref="a2"),
    Actor("a5", "Putin", 60, 65, "RUSGOV", "Vladimir Putin"),
    Actor("a6", "Lavrov", 70, 76, "RUSGOV", "Sergei Lavrov"),
]


def event(eid: str, src: str, tgt: str | None, code: str, date: str = "unknown", at: int = 0) -> Event:
    """A hand-built event between two actors of ``ACTORS`` (by id)."""
    codes = {a.id: a.code for a in ACTORS}
    return Event(
        id=eid, source=codes[src], target=codes[tgt] if tgt else None, source_actor=src, target_actor=tgt,
        code=code, root=code[:2], name="", plover=None, quad_class=4, goldstein=-10.0, date=date,
        date_text=None if date == "unknown" else "on Monday", evidence="...", evidence_start=at,
        evidence_end=at + 3, trigger="x", trigger_start=at, trigger_end=at + 1,
    )


def test_lead_repeated_in_body_is_one_event():
    evs = [event("e1", "a1", "a2", "190", "2022-02-24", 0), event("e2", "a3", "a4", "190", "2022-02-24", 100)]
    merged = events.merge_repeats(evs, ACTORS)
    assert [(e.id, e.source_actor, e.evidence_start) for e in merged] == [("e1", "a1", 0)]


def test_attacks_on_different_dates_stay_two_events():
    evs = [event("e1", "a1", "a2", "190", "2022-02-24"), event("e2", "a3", "a4", "190", "2022-02-25", 100)]
    assert len(events.merge_repeats(evs, ACTORS)) == 2


def test_undated_repeat_is_dropped_and_dates_the_undated_lead():
    evs = [event("e1", "a1", "a2", "174"), event("e2", "a1", "a4", "174", "2018-03-26", 100)]
    (merged,) = events.merge_repeats(evs, ACTORS)
    assert (merged.id, merged.evidence_start, merged.date, merged.date_text) == ("e1", 0, "2018-03-26", "on Monday")


def test_code_family_merges_general_with_specific_but_not_siblings():
    general = [event("e1", "a1", "a2", "190", "2022-02-24"), event("e2", "a1", "a2", "195", "2022-02-24", 100)]
    siblings = [event("e1", "a1", "a2", "111", "2022-02-24"), event("e2", "a1", "a2", "112", "2022-02-24", 100)]
    assert len(events.merge_repeats(general, ACTORS)) == 1
    assert len(events.merge_repeats(siblings, ACTORS)) == 2


def test_different_people_with_one_code_are_different_sources():
    evs = [event("e1", "a5", "a2", "111", "2022-02-24"), event("e2", "a6", "a2", "111", "2022-02-24", 100)]
    assert len(events.merge_repeats(evs, ACTORS)) == 2


def test_direction_matters_except_for_symmetric_codes():
    attack = [event("e1", "a1", "a2", "190"), event("e2", "a2", "a1", "190", at=100)]
    agree = [event("e1", "a1", "a2", "057"), event("e2", "a4", "a3", "057", at=100)]
    assert len(events.merge_repeats(attack, ACTORS)) == 2
    assert len(events.merge_repeats(agree, ACTORS)) == 1


def test_ids_are_renumbered_in_order():
    evs = [event("e1", "a1", "a2", "190"), event("e2", "a1", "a2", "190", at=50),
           event("e3", "a5", "a2", "111", at=100)]
    merged = events.merge_repeats(evs, ACTORS)
    assert [(e.id, e.code) for e in merged] == [("e1", "190"), ("e2", "111")]


def test_target_less_events_compare_by_source():
    evs = [event("e1", "a1", None, "141"), event("e2", "a3", None, "141", at=100),
           event("e3", "a1", "a2", "141", at=200)]
    assert [e.target for e in events.merge_repeats(evs, ACTORS)] == [None, "UKR"]

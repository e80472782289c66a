"""Collective anaphors ("the four leaders", "both sides") code one event per member."""

from __future__ import annotations

import re
from dataclasses import replace

from builders import actors_in
from eventlens import events, ontology
from eventlens.events.repeats import merge_repeats
from eventlens.models import Actor
from test_events import ACTORS

COLLECTIVES = ("the four leaders", "both sides", "the three countries", "The three countries")


def _with_collectives(text: str) -> list[Actor]:
    """Hand-built actors plus collectives standing for the first three leaders named (Putin, Macron, Scholz)."""
    actors = actors_in(text, ACTORS, kind="country")
    for phrase in COLLECTIVES:
        for m in re.finditer(re.escape(phrase), text):
            members = ("RUSGOV", "FRAGOV", "DEUGOV") if "three" in phrase or "four" in phrase else ("RUSGOV", "UKRGOV")
            actors.append(Actor(f"c{m.start()}", m.group(), m.start(), m.end(), members[0], "Vladimir Putin",
                                alt_codes=members[1:], kind="group", rule="coref:collective", ref="a1"))
    return sorted(actors, key=lambda a: a.start)


def _code(parsed, text: str):
    doc, article = parsed(text)
    actors = _with_collectives(article.text)
    return events.extract(doc, actors, ontology.load()), actors


def test_collective_source_gives_one_event_per_member(parsed):
    evs, _ = _code(parsed, "Putin met Macron and Scholz. The three countries condemned Iran on Tuesday.")
    condemn = [e for e in evs if e.trigger == "condemned"]
    assert {(e.source, e.target, e.code) for e in condemn} == {
        ("RUSGOV", "IRN", "111"), ("FRAGOV", "IRN", "111"), ("DEUGOV", "IRN", "111")}
    assert len({e.source_actor for e in condemn}) == 1 and condemn[0].source_actor.startswith("c")


def test_collective_target_gives_one_event_per_member(parsed):
    evs, _ = _code(parsed, "Putin met Zelensky. Macron urged both sides to show restraint.")
    urged = {(e.source, e.target) for e in evs if e.trigger == "urged"}
    assert urged == {("FRAGOV", "RUSGOV"), ("FRAGOV", "UKRGOV")}


def test_a_member_is_never_its_own_target(parsed):
    evs, _ = _code(parsed, "Putin met Macron and Scholz. Putin praised the three countries.")
    praised = {(e.source, e.target) for e in evs if e.trigger == "praised"}
    assert praised == {("RUSGOV", "FRAGOV"), ("RUSGOV", "DEUGOV")}


def test_symmetric_act_of_a_collective_pairs_its_members(parsed):
    evs, _ = _code(parsed, "Putin met Macron and Scholz. Later the four leaders negotiated for hours.")
    talks = [e for e in evs if e.trigger == "negotiated"]
    assert {(e.source, e.target) for e in talks} == {("RUSGOV", "FRAGOV"), ("RUSGOV", "DEUGOV")}
    assert all(e.code == "046" for e in talks)


def test_member_events_are_not_merged_as_repeats(parsed):
    evs, actors = _code(parsed, "Putin met Macron and Scholz. The three countries condemned Iran on Tuesday.")
    dated = [replace(e, date="2024-01-02") for e in evs]
    merged = merge_repeats(dated, actors)
    assert {e.source for e in merged if e.trigger == "condemned"} == {"RUSGOV", "FRAGOV", "DEUGOV"}


def test_ultimatum_to_leave_is_an_expulsion(parsed):
    doc, article = parsed("Russia gave the British diplomats a week to leave the country.")
    actors = [Actor("a1", "Russia", 0, 6, "RUS", "Russia", kind="country"),
              Actor("a2", "British diplomats", 15, 32, "GBRGOV", "Britain", kind="agent")]
    evs = events.extract(doc, actors, ontology.load())
    assert [(e.source, e.target, e.code) for e in evs] == [("RUS", "GBRGOV", "174")]


def test_gift_without_deadline_is_no_expulsion(parsed):
    doc, article = parsed("Russia gave the British diplomats a chance to leave.")
    actors = [Actor("a1", "Russia", 0, 6, "RUS", "Russia", kind="country"),
              Actor("a2", "British diplomats", 15, 32, "GBRGOV", "Britain", kind="agent")]
    assert all(e.code != "174" for e in events.extract(doc, actors, ontology.load()))


def test_followed_suit_in_a_new_paragraph_copies_the_lead_act(parsed):
    text = "Russia expelled Britain's diplomats on Monday.\n\nRussia also condemned Britain.\n\nIran followed suit."
    doc, article = parsed(text)
    evs = events.extract(doc, actors_in(article.text, ACTORS, kind="country"), ontology.load())
    assert [(e.source, e.target, e.root) for e in evs if e.trigger == "followed"] == [("IRN", "GBR", "16")]

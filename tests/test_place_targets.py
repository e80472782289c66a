"""A place an aid or force event lands in is its target when no actor is acted upon."""

from __future__ import annotations

import eventlens
from eventlens.schema import problems


def _placed(result):
    places = {a.id: a for a in result.actors if a.kind == "place"}
    return [(e.source, e.code[:2], e.target, places[e.target_actor].text)
            for e in result.events if e.target_actor in places]


def test_an_attack_on_things_in_a_country_targets_the_country():
    result = eventlens.extract("French fighter jets struck military targets in eastern Libya on March 19.",
                               id="t1", date="2011-03-20")
    assert _placed(result) == [("FRAMIL", "19", "LBY", "Libya")]
    assert problems(result.to_dict(), result.text) == []
    assert [a.id for a in result.actors] == [f"a{n}" for n in range(1, len(result.actors) + 1)]


def test_aid_flown_into_a_country_targets_it():
    result = eventlens.extract("Medecins Sans Frontieres flew 13 tonnes of medicine into Afghanistan.",
                               id="t2", date="2011-03-20")
    assert [(code, target, text) for _, code, target, text in _placed(result)] == [("07", "AFG", "Afghanistan")]


def test_a_meeting_place_is_no_target_and_unused_places_are_no_actors():
    result = eventlens.extract("The French foreign minister held talks in Moscow on Monday. "
                               "Thousands of protesters gathered in Cairo.", id="t3", date="2011-03-20")
    assert _placed(result) == []
    assert all(a.kind != "place" for a in result.actors)
    assert all(e.target != "RUS" for e in result.events)


def test_an_actor_acted_upon_wins_over_the_place():
    result = eventlens.extract("Israeli warplanes bombed Hamas positions in Gaza City on Monday.",
                               id="t4", date="2014-07-20")
    assert _placed(result) == []
    assert any(e.source == "ISRMIL" and e.target == "PSEREB" for e in result.events)


def test_troops_pledged_to_or_pulled_out_of_a_country_target_it():
    pledged = eventlens.extract("Germany agreed to send aid to areas in northern Iraq.", id="t5", date="2012-01-10")
    assert [(code, target) for _, code, target, _ in _placed(pledged)] == [("03", "IRQ")]
    pulled = eventlens.extract("Turkish forces withdrew from northern Syria on Friday.", id="t6", date="2019-10-20")
    assert [(code, target) for _, code, target, _ in _placed(pulled)] == [("08", "SYR")]


def test_a_stated_intent_takes_the_place_its_content_act_lands_in():
    result = eventlens.extract("Australia is willing to withdraw its troops from Iraq.", id="t7", date="2004-05-01")
    assert [(source, code, target) for source, code, target, _ in _placed(result)] == [("AUS", "03", "IRQ")]

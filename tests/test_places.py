"""Places: datelines and names used as places, gazetteer lookups, event locations."""

from __future__ import annotations

import dataclasses

from eventlens.models import Event, Location
from eventlens.places import load_gazetteer, locate


def test_gazetteer_knows_capitals_spellings_and_seas():
    gaz = load_gazetteer()
    assert gaz.find("Kyiv")[1] == "UKR" and gaz.find("Kiev")[1] == "UKR"
    name, country, lat, lon = gaz.find("MOSCOW")
    assert (name, country) == ("Moscow", "RUS") and 55 < lat < 56 and 37 < lon < 38
    assert gaz.find("the Black Sea")[1] is None and gaz.find("the Black Sea")[2] is not None
    assert gaz.find("Ukraine") == ("Ukraine", "UKR", *_coords("Kyiv"))  # a country at its capital
    assert gaz.find("Atlantis Prime") is None
    assert gaz.find("White House")[:2] == ("Washington", "USA")  # the seat building, not Casablanca


def test_dateline_and_places_used_as_places(places):
    found, _, _ = places("KYIV, April 9 - Talks in Moscow ended as ships sailed in the Black Sea.")
    assert [(p.text, p.role, p.country) for p in found] == [
        ("KYIV", "dateline", "UKR"), ("Moscow", "place", "RUS"), ("the Black Sea", "place", None)]


def test_a_capital_as_speaker_is_not_a_place(places):
    found, _, _ = places("Moscow said on Monday that Beijing had agreed.")
    assert found == []


def _event(doc, article, trigger: str) -> Event:
    start = article.text.index(trigger)
    return Event("e1", "RUS", "UKR", "a1", "a2", "040", "04", "consult", "CONSULT", 1, 1.0, "2022-02-10",
                 None, "", 0, 0, trigger, start, start + len(trigger))


def test_locate_uses_the_clause_then_the_dateline(places):
    text = "KYIV, April 9 - Russia met Ukraine in Istanbul. Later Russia criticised Ukraine."
    found, doc, article = places(text)
    met, criticised = _event(doc, article, "met"), _event(doc, article, "criticised")
    located = locate([met, criticised], found, doc, article)
    assert located[0].location == Location("Istanbul", "Istanbul", "TUR", *_coords("Istanbul"))
    assert located[1].location.text == "KYIV" and located[1].location.country == "UKR"
    assert dataclasses.replace(located[0], location=None) == met


def test_locate_without_any_place_gives_none(places):
    found, doc, article = places("Russia criticised Ukraine.")
    assert locate([_event(doc, article, "criticised")], found, doc, article)[0].location is None


def _coords(name: str) -> tuple[float, float]:
    _, _, lat, lon = load_gazetteer().find(name)
    return lat, lon

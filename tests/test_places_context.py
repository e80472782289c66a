"""Places resolved by the article's countries, countries with coordinates, of/on/toward places,
seat buildings as places, and event locations by clause."""

from __future__ import annotations

from eventlens.models import Event
from eventlens.places import load_gazetteer, locate


def _by_text(found, text: str):
    return next(p for p in found if p.text == text)


def test_a_shared_name_goes_to_the_country_of_the_story(places):
    found, _, _ = places("Police in Britain said a British man was attacked in Salisbury.")
    assert _by_text(found, "Salisbury").country == "GBR"
    found, _, _ = places("The United States said an American man was attacked in Salisbury.")
    assert _by_text(found, "Salisbury").country == "USA"
    found, _, _ = places("Lebanese troops clashed with gunmen in Tripoli, the Lebanese army said.")
    assert _by_text(found, "Tripoli").country == "LBN"
    found, _, _ = places("Rebels fought in Tripoli on Monday.")
    assert _by_text(found, "Tripoli").country == "LBY"  # no context: the most populous


def test_the_dateline_gives_the_context(places):
    found, _, _ = places("BEIRUT, May 2 - Gunmen fought in Tripoli overnight.")
    assert _by_text(found, "Tripoli").country == "LBN"


def test_a_small_namesake_does_not_beat_a_capital(places):
    found, _, _ = places("American and Iranian envoys met in Paris on Monday.")
    assert _by_text(found, "Paris").country == "FRA"


def test_countries_have_their_capitals_coordinates(places):
    found, _, _ = places("Troops crossed into Ukraine and Britain sent aid to Poland.")
    ukraine = _by_text(found, "Ukraine")
    _, _, lat, lon = load_gazetteer().find("Kyiv")
    assert (ukraine.name, ukraine.country, ukraine.lat, ukraine.lon) == ("Ukraine", "UKR", lat, lon)
    poland = _by_text(found, "Poland")
    assert poland.country == "POL" and 52 < poland.lat < 53


def test_places_after_of_on_toward_and_outside(places):
    found, _, _ = places("Shells fell on the outskirts of Kyiv as troops began an advance on Moscow. "
                         "A column moved toward Kharkiv and camped outside Odesa.")
    assert {p.text: p.country for p in found} == {"Kyiv": "UKR", "Moscow": "RUS", "Kharkiv": "UKR",
                                                 "Odesa": "UKR"}


def test_of_and_on_and_to_without_a_place_sense_are_not_places(places):
    found, _, _ = places("The government of Yemen imposed sanctions on Russia. "
                         "Moscow's ambassador to Kyiv spoke. France recalled its ambassadors to Australia.")
    assert found == []


def test_seat_buildings_used_as_places_map_to_their_city(places):
    found, _, _ = places("Leaders met at the Kremlin. Talks were held at the White House.")
    kremlin, house = _by_text(found, "the Kremlin"), _by_text(found, "the White House")
    assert (kremlin.name, kremlin.country) == ("Moscow", "RUS") and 55 < kremlin.lat < 56
    assert (house.name, house.country) == ("Washington", "USA") and 38 < house.lat < 39


def test_seat_buildings_as_actors_are_not_places(places):
    found, _, _ = places("The Kremlin said on Monday that the White House had lied.")
    assert found == []


def _event(article, trigger: str) -> Event:
    start = article.text.index(trigger)
    return Event("e1", "RUS", "UKR", "a1", "a2", "040", "04", "consult", "CONSULT", 1, 1.0, "2022-02-10",
                 None, "", 0, 0, trigger, start, start + len(trigger))


def test_a_place_that_describes_a_noun_does_not_place_the_event(places):
    found, doc, article = places("BRUSSELS, March 27 - NATO expelled seven diplomats over the attack "
                                 "on a former spy in England.")
    located = locate([_event(article, "expelled")], found, doc, article)
    assert located[0].location.text == "BRUSSELS"


def test_a_place_of_the_trigger_clause_wins_over_the_dateline(places):
    found, doc, article = places("PARIS, May 1 - The talks ended. In Tehran, the spokeswoman condemned the strikes.")
    located = locate([_event(article, "condemned")], found, doc, article)
    assert (located[0].location.name, located[0].location.country) == ("Tehran", "IRN")

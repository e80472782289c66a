"""Canonical names of composed groups and institutions, the West Bank, and round-3 title coreference."""

from __future__ import annotations

import pytest

from eventlens.places.nations import load_nations


@pytest.fixture()
def actors(actors_at):
    """The actor stage on a text (published 2021-08-16 unless given)."""

    def _actors(text: str, date: str | None = "2021-08-16"):
        return actors_at(text, date)

    return _actors


def names(found):
    return {a.text: (a.code, a.name) for a in found}


def test_the_nations_table_reads_names_adjectives_and_other_names():
    nations = load_nations()
    assert nations.code_of("Britain") == "GBR" and nations.code_of("the Netherlands") == "NLD"
    assert nations.code_of("Egyptian") == "EGY" and nations.adjective("USAMIL") == "U.S."
    assert nations.by_code["TUR"].legislature == "Grand National Assembly of Turkey"


def test_armed_forces_take_one_name(actors):
    found = names(actors("Ukrainian troops shelled the town. American troops left Kabul. "
                         "U.S. forces withdrew."))
    assert found["Ukrainian troops"] == ("UKRMIL", "Ukrainian armed forces")
    assert found["American troops"] == ("USAMIL", "U.S. armed forces")
    assert found["U.S. forces"] == ("USAMIL", "U.S. armed forces")


def test_ministries_take_their_official_form(actors):
    found = names(actors("Egypt's foreign ministry condemned the attack. "
                         "Russia's defence ministry denied it."))
    assert found["Egypt's foreign ministry"] == ("EGYGOV", "Egyptian Ministry of Foreign Affairs")
    assert found["Russia's defence ministry"][1] == "Russian Ministry of Defence"


def test_a_later_bare_title_takes_the_institutions_name(actors):
    found = actors("MOSCOW, June 25 - Prigozhin accused the Defence Ministry of striking his camp. "
                   "The ministry denied it.")
    ministry = next(a for a in found if a.text == "The ministry")
    assert (ministry.code, ministry.name) == ("RUSMIL", "Russian Ministry of Defence")


def test_legislatures_police_and_crowds_of_a_country(actors):
    found = names(actors("Turkish lawmakers approved the deal. Sri Lankan police fired tear gas at "
                         "Sri Lankan protesters."))
    assert found["Turkish lawmakers"] == ("TURLEG", "Grand National Assembly of Turkey")
    assert found["Sri Lankan police"][1] == "Sri Lankan police"


def test_a_plural_demonym_and_a_named_group_with_an_agent(actors):
    found = names(actors("Afghans crowded the airport as Taliban fighters entered Kabul."))
    assert found["Afghans"] == ("AFGCVL", "Afghan civilians")
    assert found["Taliban fighters"] == ("AFGREB", "Taliban")


def test_a_plural_title_does_not_corefer_with_a_person(actors):
    found = actors("Houthi rebels seized the city. Rebel spokesman Mohammed al-Bukhaiti said "
                   "talks had failed. The rebels said they would fight.", date="2015-03-26")
    rebels = next(a for a in found if a.text == "The rebels")
    assert rebels.code == "YEMREB" and rebels.name == "Houthis"


def test_the_west_bank_is_not_the_west(actors):
    found = actors("Palestinians protested in the West Bank. The West Bank authorities met. "
                   "The West condemned the move.")
    assert [(a.text, a.code) for a in found if a.code == "WST"] == [("The West", "WST")]
    assert all("West Bank" not in a.text or a.code.startswith("PSE") for a in found)

"""Collective anaphors, forms of state, coordinated owners, place phrases and "it"/"him"."""

from __future__ import annotations

import pytest


@pytest.fixture()
def actors(actors_at):
    """The actor stage on a text (published 2017-06-06 unless given)."""

    def _actors(text: str, date: str | None = "2017-06-06"):
        return actors_at(text, date)

    return _actors


def by_text(found, text):
    hits = [a for a in found if a.text == text]
    assert hits, f"{text!r} not among {[a.text for a in found]}"
    return hits[0]


def test_collective_takes_first_member_and_others_as_alternatives(actors):
    found = actors("Saudi Arabia, the United Arab Emirates, Bahrain and Egypt severed ties with Qatar. "
                   "The four countries gave Qatari citizens 14 days to leave.")
    four = by_text(found, "The four countries")
    assert four.code == "SAUGOV"
    assert four.alt_codes == ("AREGOV", "BHRGOV", "EGYGOV")
    assert four.rule == "coref:collective"


def test_collective_needs_a_set_of_the_announced_size(actors):
    found = actors("Saudi Arabia and Egypt severed ties with Qatar. The four countries gave citizens 14 days.")
    assert not [a for a in found if a.text == "The four countries"]


def test_form_of_state_points_to_the_earlier_state_not_a_listed_one(actors):
    found = actors("Qatar faced isolation after Saudi Arabia, the United Arab Emirates and Egypt "
                   "severed relations with the emirate. The kingdom said it acted to protect itself.")
    assert by_text(found, "the emirate").code == "QAT"
    assert by_text(found, "The kingdom").code == "SAUGOV"


def test_coordinated_owner_countries_stay_separate_actors(actors):
    found = actors("The leaders of Russia, Ukraine, Germany and France agreed on a ceasefire.", "2015-02-12")
    assert [(a.text, a.code) for a in found] == [("Russia", "RUSGOV"), ("Ukraine", "UKRGOV"),
                                                 ("Germany", "DEUGOV"), ("France", "FRAGOV")]
    assert by_text(found, "Ukraine").alt_codes == ("UKR",)


def test_place_phrase_in_clause_gives_the_country_of_a_bare_agent(actors):
    found = actors("In Tehran on Wednesday, lawmakers set fire to a paper U.S. flag.", "2018-05-09")
    lawmakers = by_text(found, "lawmakers")
    assert lawmakers.code == "IRNLEG"
    assert lawmakers.rule == "compose:place+agent"


def test_it_refers_to_the_body_that_governs_the_speech_verb(actors):
    found = actors("The AU\u2019s Peace and Security Council said on Thursday that it strongly condemns "
                   "the takeover.", "2023-08-31")
    council = by_text(found, "The AU\u2019s Peace and Security Council")
    assert council.code == "IGOAFR"
    assert by_text(found, "it").code == "IGOAFR"


def test_object_pronoun_skips_the_subject_of_its_own_verb(actors):
    found = actors("Parliament Speaker Mahinda Yapa Abeywardena said the president had informed him "
                   "that he would step down.", "2022-07-10")
    assert by_text(found, "him").ref == found[0].id
    assert by_text(found, "he").code == by_text(found, "the president").code


def test_led_demonym_is_the_leading_state(actors):
    found = actors("A Saudi-led coalition struck Sanaa. Iranian-backed militias fired rockets.", "2020-01-01")
    assert by_text(found, "Iranian").code == "IRN"


@pytest.mark.parametrize("text, group, code", [
    ("Germany sent troops to Mali to train its army.", "troops", "DEUMIL"),
    ("Canada has agreed to deploy peacekeepers in Mali.", "peacekeepers", "CANMIL"),
    ("The United States completed its withdrawal of troops from Iraq.", "troops", "USAMIL"),
])
def test_forces_a_state_moves_are_its_own_not_the_places(actors, group, text, code):
    found = by_text(actors(text), group)
    assert (found.code, found.rule) == (code, "compose:mover+agent")


def test_forces_that_act_keep_the_nearest_state(actors):
    found = by_text(actors("In Mali, troops attacked a base held by rebels."), "troops")
    assert found.code == "MLIMIL"


@pytest.mark.parametrize("text, group", [
    ("The leaders condemned the continuing threats made by the Russian government.", "The leaders"),
    ("The Heads of State condemned the threats made by the United States Government.", "The Heads of State"),
])
def test_several_office_holders_do_not_take_the_country_of_the_actor_beside_them(actors, text, group):
    country = next(a for a in actors(text) if a.text != group and a.text.startswith("the"))
    assert all(a.code != country.code for a in actors(text) if a.text == group)


def test_a_domestic_body_of_office_holders_keeps_its_country(actors):
    found = by_text(actors("In Sri Lanka, party leaders met the speaker on Monday."), "party leaders")
    assert found.code.startswith("LKA")


@pytest.mark.parametrize("text, group, code", [
    ("The Palestinians rejected the Israeli proposal on Monday.", "The Palestinians", "PSE"),
    ("Israelis accused the Palestinians of incitement.", "Israelis", "ISR"),
    ("Iraqis voted on Tuesday in a snap election.", "Iraqis", "IRQCVL"),
    ("Hundreds of Palestinians protested in Ramallah.", "Palestinians", "PSECVL"),
    ("Nearly 2,000 Libyans were held in camps.", "Libyans", "LBYCVL"),
    ("Many Afghans fear reprisals.", "Afghans", "AFGCVL"),
    ("The curfew on Palestinians living in Gaza was lifted.", "Palestinians", "PSECVL"),
])
def test_a_plural_demonym_is_the_nation_unless_counted_or_described(actors, text, group, code):
    assert by_text(actors(text), group).code == code


@pytest.mark.parametrize("text, group, code", [
    ("Serb forces shelled the town on Monday.", "Serb forces", "SRBMIL"),
    ("The Democratic People's Republic of Korea rejected the demand.", "The Democratic People's Republic of Korea",
     "PRK"),
    ("The Liberation Tigers of Tamil Eelam agreed to talks.", "The Liberation Tigers of Tamil Eelam", "LKAREB"),
])
def test_full_and_short_names_of_states_and_armed_groups(actors, text, group, code):
    assert by_text(actors(text), group).code == code

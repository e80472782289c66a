"""What a sentence means beyond its main verb: memberships, unveiled pacts, support for a campaign,
stated intents in reported speech and judgments of an earlier act."""

from __future__ import annotations

import re

import pytest

from builders import actors_in
from eventlens import events, ontology

ACTORS = {
    "Finland": ("FIN", "Finland"), "NATO": ("IGOWSTNAT", "NATO"), "Qatar": ("QAT", "Qatar"),
    "Saudi Arabia": ("SAU", "Saudi Arabia"), "Houthi rebels": ("YEMREB", "Houthis"),
    "Obama": ("USAGOV", "Barack Obama"), "The White House": ("USAGOV", "United States"),
    "Biden": ("USAGOV", "Joe Biden"), "Johnson": ("GBRGOV", "Boris Johnson"), "Morrison": ("AUSGOV", "Scott Morrison"),
    "Peskov": ("RUSGOV", "Dmitry Peskov"), "Prigozhin": ("RUSREB", "Yevgeny Prigozhin"),
    "Rajapaksa": ("LKAGOV", "Gotabaya Rajapaksa"), "he": ("LKAGOV", "Gotabaya Rajapaksa"),
    "him": ("LKALEG", "Mahinda Abeywardena"),
    "Abeywardena": ("LKALEG", "Mahinda Abeywardena"),
    "Jubeir": ("SAUGOV", "Adel al-Jubeir"), "the government of Yemen": ("YEMGOV", "Yemen government"),
    "Putin": ("RUSGOV", "Vladimir Putin"), "Wagner": ("RUSREB", "Wagner Group"),
}


@pytest.fixture()
def code(parsed):
    """Run the stage on a text with hand-built actors; return (source, target, code) triples."""

    def _code(text: str, skip: list[tuple[int, int]] | None = None) -> set[tuple[str, str | None, str]]:
        doc, article = parsed(text)
        evs = events.extract(doc, actors_in(article.text, ACTORS), ontology.load(), skip or [])
        return {(e.source, e.target, e.code) for e in evs}

    return _code


def test_becoming_a_member_of_an_alliance_is_joining_it(code):
    assert ("FIN", "IGOWSTNAT", "057") in code("Finland became the 31st member of NATO on Tuesday.")


def test_becoming_something_else_is_no_event(code):
    assert code("Finland became a quieter place after NATO was founded.") == set()


def test_coordinated_leaders_unveiling_a_pact_agree_with_each_other(code):
    got = code("Biden, Johnson and Morrison unveiled the partnership in a joint appearance.")
    assert {("USAGOV", "GBRGOV", "057"), ("USAGOV", "AUSGOV", "057")} <= got


def test_support_for_a_campaign_goes_to_whoever_runs_it(code):
    text = ("Saudi Arabia launched air strikes against Houthi rebels on Thursday. The White House said that "
            "Obama had authorised logistical and intelligence support for the campaign.")
    assert ("USAGOV", "SAU", "062") in code(text)


def test_dropping_a_case_is_only_the_speakers_undertaking_when_future(code):
    said = code("Peskov said the criminal case against Prigozhin would be dropped.")
    assert ("RUSGOV", "RUSREB", "035") in said
    assert code("Peskov said the criminal case against Prigozhin could be dropped.") == set()


def test_telling_someone_one_will_step_down_is_intent_to_that_person(code):
    told = code("Abeywardena said Rajapaksa had informed him that he would step down on Wednesday.")
    assert ("LKAGOV", "LKALEG", "0341") in told


def test_stepping_down_itself_is_no_event_between_actors(code):
    assert code("Rajapaksa stepped down on Wednesday after Abeywardena spoke.") == set()


def test_a_judgment_of_an_earlier_act_in_reported_speech_criticises_its_author(code):
    text = 'Saudi Arabia cut ties with Qatar on Monday. Qatar said the measures were "unjustified".'
    assert ("QAT", "SAU", "111") in code(text, [(text.index('"'), len(text))])


def test_a_negated_or_unreported_judgment_is_no_criticism(code):
    lead = "Saudi Arabia cut ties with Qatar on Monday. "
    assert ("QAT", "SAU", "111") not in code(lead + "Qatar said the measures were not unjustified.")
    assert not any(c == "111" for _, _, c in code(lead + "The measures were unjustified for many in Qatar."))


def quotes_of(text: str) -> list[tuple[int, int]]:
    """Character spans of the double-quoted passages."""
    return [(m.start(), m.end()) for m in re.finditer(r'"[^"]*"', text)]


def test_a_quoted_first_person_pledge_is_the_speakers_intent_toward_who_it_names(code):
    text = '"We will do whatever it takes to protect the government of Yemen," Jubeir told reporters.'
    assert code(text, quotes_of(text)) == {("SAUGOV", "YEMGOV", "0334")}


def test_a_quoted_threat_is_aimed_at_the_speakers_adversary_from_context(code):
    text = ('Wagner accused Putin of betrayal on Friday. "All those who embarked on the path of betrayal '
            'will suffer inevitable punishment," Putin said.')
    assert ("RUSGOV", "RUSREB", "137") in code(text, quotes_of(text))


def test_quoted_words_that_are_no_commitment_give_nothing(code):
    for quote in ('"We will not protect the government of Yemen,"', '"We protected the government of Yemen,"',
                  '"They will protect the government of Yemen,"'):
        text = f"{quote} Jubeir told reporters."
        assert code(text, quotes_of(text)) == set(), quote


@pytest.mark.parametrize("text, expected", [
    ("Qatar expelled ten diplomats from Finland on Friday.", "161"),
    ("Qatar expelled aid workers from Finland in March.", "1663"),
    ("Qatar expelled two observers from Saudi Arabia.", "1662"),
])
def test_expelling_a_states_envoys_or_agencies_reduces_relations(code, text, expected):
    assert {c for _, _, c in code(text)} == {expected}


def test_a_scathing_attack_is_criticism_not_force(code):
    found = code("Finland launched a scathing attack on NATO on Sunday.")
    assert ("FIN", "IGOWSTNAT", "111") in found and not any(c.startswith("19") for _, _, c in found)


def test_a_launched_attack_without_a_critical_word_stays_force(code):
    assert ("FIN", "IGOWSTNAT", "190") in code("Finland launched an attack on NATO on Sunday.")

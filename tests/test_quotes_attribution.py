"""Issue 11, quotes: a quote is what someone said, not any complement, and every quote names its speaker.

Undertakings and requests (``agreed to``, ``urged X to``) are quotes only when a statement or a
speech verb frames them; ``A and that B`` is one quote; fragments left beside a partial quote are not
quotes; speakers keep their own words when no actor names them; ``it``, ``the group``, ``the ministry``
go back to the organisation named before; nested and joint attribution; bad names give ``null``.
"""

from __future__ import annotations

import pytest

from builders import cast_actors
from eventlens.models import Actor
from eventlens.quotes import extract, lexicon
from eventlens.quotes.records import MAX_NAME_CHARS, usable_name

CAST = {
    r"(?:Mayor )?(?:Lena )?Varga": ("Lena Varga", "XYZGOV", "person"),
    r"(?:Tomas )?Reyes": ("Tomas Reyes", "XYZOPP", "person"),
    r"(?:Ana )?Petrov": ("Ana Petrov", "XYZGOV", "person"),
    r"[Tt]he Harbour Workers Union": ("Harbour Workers Union", "XYZLAB", "organisation"),
    r"[Tt]he Ministry of Fisheries": ("Ministry of Fisheries", "XYZGOV", "organisation"),
    r"[Tt]he Coastal Alliance": ("Coastal Alliance", "XYZOPP", "organisation"),
}


def cast(text: str) -> list[Actor]:
    """Hand-built actor mentions for the names of CAST found in ``text``."""
    return cast_actors(text, CAST)


@pytest.fixture()
def quotes_of(parsed):
    def _quotes(text: str):
        doc, article = parsed(text, "2023-05-10")
        return extract(doc, article, cast(article.text))

    return _quotes


# --- what is a quote --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Varga agreed to reopen the harbour.",
        "Reyes promised to cut port fees.",
        "The Harbour Workers Union pledged to keep the cranes running.",
        "Varga urged the dockers to return to work.",
        "Reyes asked the council to delay the vote.",
        "Varga told the crews to stay home.",
        "The Coastal Alliance sought to block the sale.",
        "Reyes vowed to fight the plan in court.",
        "Varga called for a new inquiry into the fire.",
    ],
)
def test_undertakings_and_requests_alone_are_not_quotes(quotes_of, text):
    assert quotes_of(text) == []


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("In a statement, Varga urged the dockers to return to work.", "the dockers to return to work"),
        ("In a letter to members, the Harbour Workers Union pledged to keep the cranes running.",
         "to keep the cranes running"),
        ("Reyes urged the council to delay the vote, saying the figures were not ready.",
         "the council to delay the vote"),
    ],
)
def test_a_statement_or_speech_verb_frames_them_as_quotes(quotes_of, text, clause):
    assert clause in [q.quote for q in quotes_of(text) if q.type == "indirect"]


def test_a_request_relayed_by_a_report_is_a_nested_quote(quotes_of):
    text = "Varga phoned the port chief on Monday and urged him to lift the ban, the city's press office reported."
    inner = [q for q in quotes_of(text) if q.quote == "him to lift the ban"]
    assert [(q.speaker, q.reported_by) for q in inner] == [("Lena Varga", "the city's press office")]


def test_a_clause_joined_by_and_that_stays_one_quote(quotes_of):
    text = "Varga said the harbour would reopen on Friday and that the fees would be cut."
    assert [q.quote for q in quotes_of(text)] == ["the harbour would reopen on Friday and that the fees would be cut"]


def test_claims_set_against_each_other_by_but_that_are_two_quotes(quotes_of):
    text = "Reyes said he understood the anger of the crews but that the union had acted lawfully."
    assert [q.quote for q in quotes_of(text)] == \
        ["he understood the anger of the crews", "the union had acted lawfully"]


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ('Varga said the closure would be "short and orderly".', "short and orderly"),
        ('Reyes said the union was ready to sign "a fair deal".', "a fair deal"),
        ('Varga warned that if the strike went on, the port would lose "every contract we have".',
         "every contract we have"),
    ],
)
def test_fragment_left_beside_a_partial_quote_is_not_a_quote(quotes_of, text, partial):
    assert [(q.type, q.quote) for q in quotes_of(text)] == [("partial", partial)]


def test_a_whole_clause_before_a_quoted_adjunct_is_still_a_quote(quotes_of):
    text = 'Varga said the crews had left the docks and closed the gates "until further notice".'
    quotes = {q.quote: q.type for q in quotes_of(text)}
    assert quotes == {"the crews had left the docks and closed the gates": "indirect",
                      "until further notice": "partial"}


def test_a_relative_clause_running_into_the_quote_is_left_with_it(quotes_of):
    text = 'Reyes said the vote was a gift to Varga, who had "wanted this fight all along".'
    quotes = {q.quote: q.type for q in quotes_of(text)}
    assert quotes == {"the vote was a gift to Varga": "indirect", "wanted this fight all along": "partial"}


def test_a_partial_quote_in_the_first_that_part_leaves_the_second(quotes_of):
    text = 'The Coastal Alliance said it "firmly rejects" the sale and that the vote should be held again.'
    quotes = {q.quote: q.type for q in quotes_of(text)}
    assert quotes == {"firmly rejects": "partial", "the vote should be held again": "indirect"}


def test_a_free_relative_names_a_topic_not_what_was_said(quotes_of):
    assert quotes_of("Varga revealed what the inspectors had found.") == []
    asked = "Reyes asked what the inspectors had found."
    assert [q.quote for q in quotes_of(asked)] == ["what the inspectors had found"]


def test_a_concessive_clause_on_the_speech_verb_stays_in_the_quote(quotes_of):
    text = "The ministry said on Monday that the quota would rise, although the fleet would stay the same size."
    assert [q.quote for q in quotes_of(text)] == [
        "the quota would rise, although the fleet would stay the same size"
    ]


# --- who said it ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Organisers said more than 8,000 people had joined the march.", "Organisers"),
        ("Critics said the new quota favoured the largest trawlers.", "Critics"),
        ("A military spokesman said the patrol boats had returned to base.", "A military spokesman"),
    ],
)
def test_an_unnamed_speaker_keeps_its_words(quotes_of, text, speaker):
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text, quote.speaker_actor) == (speaker, speaker, None)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The Harbour Workers Union met on Monday. It said the strike would end on Friday.", "Harbour Workers Union"),
        ("The Coastal Alliance met on Monday. The group said the strike would end on Friday.", "Coastal Alliance"),
        ("Varga met the Ministry of Fisheries on Monday. The ministry said the quota would rise.",
         "Ministry of Fisheries"),
    ],
)
def test_it_the_group_and_the_ministry_are_the_organisation_named_before(quotes_of, text, speaker):
    (quote,) = quotes_of(text)
    assert quote.speaker == speaker


def test_it_without_an_actor_is_the_organisation_the_parser_named(parsed):
    doc, article = parsed("The Northland Fishing Board met on Monday. It said the season would open in June.")
    (quote,) = extract(doc, article, [])
    assert (quote.speaker, quote.speaker_text) == ("Northland Fishing Board", "It")


def test_a_specific_noun_does_not_take_another_kind_of_organisation(quotes_of):
    text = "The Coastal Alliance met on Monday. The ministry said the quota would rise."
    (quote,) = quotes_of(text)
    assert quote.speaker != "Coastal Alliance"


def test_a_quoted_speech_verb_with_its_subject_outside_names_the_speaker_and_the_relay(quotes_of):
    text = 'Varga "strongly condemns" the attack on the ferry, her spokesman Ivo Marsh said.'
    (quote,) = quotes_of(text)
    assert (quote.type, quote.speaker, quote.reported_by) == ("partial", "Lena Varga", "Ivo Marsh")


def test_a_speech_verb_inside_a_reported_clause_is_nested(quotes_of):
    text = "The spokesman said Varga had told the council that the ferry would resume on Monday."
    nested = [q for q in quotes_of(text) if q.quote == "the ferry would resume on Monday"]
    assert [(q.speaker, q.reported_by) for q in nested] == [("Lena Varga", "The spokesman")]


def test_a_second_speech_verb_of_the_same_speaker_is_not_nested(quotes_of):
    text = "The ministry said the quota would rise and added that it would review the fleet."
    quotes = quotes_of(text)
    assert [(q.quote, q.speaker, q.reported_by) for q in quotes] == [
        ("the quota would rise", "The ministry", None), ("it would review the fleet", "The ministry", None)
    ]


def test_a_pronoun_taking_up_the_speaker_above_keeps_the_name(quotes_of):
    text = "Varga said she believed the harbour would reopen on Friday."
    quotes = quotes_of(text)
    assert [(q.quote, q.speaker, q.speaker_text, q.reported_by) for q in quotes] == [
        ("she believed the harbour would reopen on Friday", "Lena Varga", "Varga", None),
        ("the harbour would reopen on Friday", "Lena Varga", "Varga", None),
    ]


def test_what_a_thing_shows_inside_a_reported_clause_is_the_reporter_s(quotes_of):
    text = "Petrov said the camera footage showed that the gates had been left open."
    inner = [q for q in quotes_of(text) if q.quote == "the gates had been left open"]
    assert [(q.speaker, q.reported_by) for q in inner] == [("Ana Petrov", None)]


def test_a_joint_statement_names_both_parties(quotes_of):
    text = "Varga and Reyes said the harbour would reopen on Friday."
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text) == ("Lena Varga and Tomas Reyes", "Varga and Reyes")


def test_an_institution_speaking_through_a_named_spokeswoman_is_quoted_as_her(quotes_of):
    text = ('The Coastal Alliance accused the port authority of "reckless" conduct on Monday, '
            "with its spokeswoman Ana Petrov saying the fines were unlawful.")
    assert {(q.quote, q.speaker) for q in quotes_of(text)} == {
        ("reckless", "Ana Petrov"), ("the fines were unlawful", "Ana Petrov")
    }


def test_words_read_on_behalf_of_a_body_are_that_body_s(quotes_of):
    text = ('"We have taken control of the port," one of the officers said, reading a statement on behalf of '
            "what they called the Harbour Defence Council.")
    (quote,) = quotes_of(text)
    assert quote.speaker == "Harbour Defence Council"


def test_speaker_reached_through_a_preposition(quotes_of):
    text = "Reyes courted the crews by telling them that their wages would rise."
    (quote,) = quotes_of(text)
    assert (quote.quote, quote.speaker) == ("their wages would rise", "Tomas Reyes")


# --- bad input --------------------------------------------------------------------------------


def test_a_name_in_another_script_gives_a_null_speaker_with_its_words(parsed):
    doc, article = parsed("Лена Варга said the harbour would reopen on Friday.")
    quotes = extract(doc, article, [])
    assert quotes and all(q.speaker is None for q in quotes)
    assert any("Варга" in (q.speaker_text or "") for q in quotes)


def test_a_very_long_name_gives_a_null_speaker_with_its_words(parsed):
    name = " ".join(["Harbourmaster"] * 12)
    doc, article = parsed(f"{name} said the harbour would reopen on Friday.")
    quotes = extract(doc, article, [])
    assert quotes and all(q.speaker is None for q in quotes)
    assert all(q.speaker_text for q in quotes)


def test_a_speaker_phrase_without_a_noun_is_null_with_its_words(parsed):
    doc, article = parsed("Some said the harbour would reopen on Friday.")
    (quote,) = extract(doc, article, [])
    assert (quote.speaker, quote.speaker_text) == (None, "Some")


def test_usable_names():
    assert usable_name("Lena Varga") and usable_name("François Hollande")
    assert not usable_name("Лена Варга") and not usable_name("—") and not usable_name(None)
    assert not usable_name("x" * (MAX_NAME_CHARS + 1))


def test_word_lists_come_from_the_data_file():
    assert {"say", "tell", "insist"} <= lexicon.INDIRECT_LEMMAS
    assert {"agree", "promise", "pledge", "seek"} <= lexicon.INTENT_LEMMAS
    assert {"urge", "ask", "tell"} <= lexicon.OBJECT_CONTROL_LEMMAS
    assert {"group", "ministry"} <= lexicon.ORGANISATION_NOUNS
    assert lexicon.ORGANISATION_PRONOUNS == {"it"}

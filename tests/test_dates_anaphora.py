"""Issue 11, dates: anaphoric day expressions are date mentions valued like the events they date,
parts of night and day are found, scheduled days point the way their verb and tense say, and
"<place> time" zones give a value."""

from __future__ import annotations

import pytest

from builders import event_at
from eventlens import dates

# 2023-05-10 is a Wednesday.
PUB = "2023-05-10"


def _refs(parsed, text: str, pub: str = PUB, timeml: bool = False) -> dict[str, tuple[str, str]]:
    """Expression text -> (value, type), offsets checked on the way."""
    doc, article = parsed(text, pub)
    refs = dates.find(doc, article, timeml=timeml)
    for ref in refs:
        assert article.text[ref.start : ref.end] == ref.text
    return {r.text: (r.value, r.type) for r in refs}


def _values(parsed, text: str, pub: str = PUB) -> dict[str, str]:
    return {k: v for k, (v, _) in _refs(parsed, text, pub).items()}


# --- anaphoric day expressions ------------------------------------------------------------


def test_anaphoric_days_are_mentions_anchored_on_the_day_named_before(parsed):
    text = ("Ferries stopped running on Monday. The same day, the port closed. The next day, the crews walked out. "
            "Earlier that day, the union had met. Two days later, the mayor stepped in.")
    assert _values(parsed, text) == {
        "Monday": "2023-05-08", "The same day": "2023-05-08", "The next day": "2023-05-09",
        "Earlier that day": "2023-05-08", "Two days later": "2023-05-10",
    }


def test_ordinal_days_count_from_the_start_named_before(parsed):
    text = "The strike began on Saturday. On the first day, the docks were quiet. By the third day, ships were waiting."
    values = _values(parsed, text)
    assert (values["the first day"], values["the third day"]) == ("2023-05-06", "2023-05-08")


def test_a_part_of_an_anaphoric_day_is_a_time(parsed):
    text = "The talks opened on Friday. That evening the envoys dined together, and the next morning they left."
    refs = _refs(parsed, text)
    assert refs["That evening"] == ("2023-05-05TEV", "TIME")
    assert refs["the next morning"] == ("2023-05-06TMO", "TIME")


def test_a_lead_s_day_after_counts_back_from_the_day_in_its_sentence(parsed):
    text = "The council suspended the mayor on Tuesday, a day after auditors found the missing funds."
    assert _values(parsed, text)["a day after"] == "2023-05-08"


@pytest.mark.parametrize("text", [
    "Two days later, the crews walked out.",  # nothing named before
    "The port closed on Monday.\n\nThe day before the inspectors arrived, the crews walked out.",  # counts from X
])
def test_anaphoric_days_without_an_anchor_are_left_out(parsed, text):
    assert not any(k.lower().startswith(("two days", "the day")) for k in _values(parsed, text))


def test_the_day_before_at_the_end_of_a_phrase_counts_from_the_day_named_before(parsed):
    values = _values(parsed, "The port closed on Monday. The mayor had warned the crews the day before.")
    assert values["the day before"] == "2023-05-07"


def test_anaphoric_mentions_have_the_value_that_dates_their_event(parsed):
    text = "Ferries stopped running on Monday. Two days later, the mayor suspended the harbour chief."
    doc, article = parsed(text, PUB)
    found = dates.extract(doc, article)
    (event,) = dates.assign([event_at(doc, article, "suspended")], found, doc, article)
    mention = next(r for r in found if r.text == "Two days later")
    assert (event.date, event.date_text) == (mention.value, "Two days later")


def test_timeml_mode_keeps_the_duration_of_n_days_later(parsed):
    refs = _refs(parsed, "Ferries stopped running on Monday. Two days later, the mayor stepped in.", timeml=True)
    assert refs["Two days"] == ("P2D", "DURATION")
    assert "Two days later" not in refs


# --- parts of night and day ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "word", "value"), [
    ("Shelling went on overnight.", "overnight", "2023-05-09TNI"),  # the night before publication
    ("On Monday, shelling went on overnight.", "overnight", "2023-05-08TNI"),
    ("By evening the streets were empty.", "evening", "2023-05-10TEV"),
    ("Shortly after midnight, sirens sounded.", "midnight", "2023-05-10T00:00"),
    ("The curfew lasts until midnight.", "midnight", "2023-05-10T24:00"),
    ("The crowd gathered at noon.", "noon", "2023-05-10T12:00"),
    ("Troops moved in at dawn.", "dawn", "2023-05-10TMO"),
    ("Fighting broke out in the early hours.", "the early hours", "2023-05-10TNI"),
    ("On Sunday, rebels attacked in the afternoon.", "the afternoon", "2023-05-07TAF"),
])
def test_parts_of_night_and_day_are_found(parsed, text, word, value):
    assert _refs(parsed, text)[word] == (value, "TIME")


@pytest.mark.parametrize("text", ["He booked an overnight stay in the city.", "The morning of the vote was quiet."])
def test_day_part_words_that_date_nothing_are_left_out(parsed, text):
    assert _refs(parsed, text) == {}


# --- scheduled days -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("The trial is due to start on Monday.", "2023-05-15"),
    ("The ceasefire starts on Friday.", "2023-05-12"),
    ("The rebels set Friday as the deadline for a reply.", "2023-05-12"),
    ("The government gave the rebels until Friday to lay down their arms.", "2023-05-12"),
    ("The rebels had set Friday as the deadline for a reply, but the day passed quietly.", "2023-05-05"),
])
def test_scheduled_days_point_the_way_their_verb_and_tense_say(parsed, text, value):
    (found,) = _values(parsed, text).values()
    assert found == value


def test_a_past_tense_the_tagger_took_for_a_participle_still_looks_back(parsed):
    # "opened" tagged VBN as the root: still the simple past, so last year's March 3
    assert _values(parsed, "The summit opened on March 3.", "2023-02-10") == {"March 3": "2022-03-03"}


# --- zones ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "span", "value"), [
    ("The strike hit at 5 a.m. Lisbon time.", "5 a.m. Lisbon time", "2023-05-10T05:00"),
    ("The ceasefire starts at 22:00 Moscow time on Friday.", "22:00 Moscow time on Friday", "2023-05-12T22:00"),
])
def test_a_place_s_time_zone_is_kept_with_the_clock_time_and_gives_its_value(parsed, text, span, value):
    assert _values(parsed, text)[span] == value


def test_the_day_after_an_event_counts_back_from_its_sentence_s_day(parsed):
    values = _values(parsed, "The vote on Saturday came the day after the mayor resigned.")
    assert values["the day after"] == "2023-05-05"

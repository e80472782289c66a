"""Event dating of issue 6, round 2: the governing expression, quotes, unknown dates, planned days; and ``mod``."""

from __future__ import annotations

import pytest

from builders import event_at
from eventlens import dates


def _dated(parsed, text: str, pub: str, trigger: str) -> str:
    """The date ``assign`` gives the event triggered by ``trigger``."""
    doc, article = parsed(text, pub)
    return dates.assign([event_at(doc, article, trigger)], dates.extract(doc, article), doc, article)[0].date


# 2021-09-21 is a Tuesday.
@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # the date on the trigger's own dependency path wins over a closer one in another clause
    ("Rebels, who had entered the city on Sunday, attacked the barracks on Monday.", "attacked", "2021-09-20"),
    ("The army shelled the port on Friday, and the rebels retaliated on Sunday.", "retaliated", "2021-09-19"),
    # planned for one day, cancelled on another: the cancellation's day
    ("The talks, scheduled for Friday, were cancelled by Moscow on Monday.", "cancelled", "2021-09-20"),
    ("The ministers postponed the vote until Thursday.", "postponed", "2021-09-21"),
    # nothing fixes the date: a present-tense state, a past perfect with no date of its own
    ("Police raided the office on Monday.\nBritain blames Moscow for the March 4 attack.", "blames", "unknown"),
    ("Police raided the office on Monday. The rebels had seized the town, he said.", "seized", "unknown"),
    # a past perfect tied to the narrative by a time adverbial keeps the narrative's day
    ("Talks ended on Monday. During the night the envoy had threatened to leave.", "threatened", "2021-09-20"),
    # a present-tense headline is a historical present, not a state
    ("Russia expels envoys\n\nMOSCOW, Sept. 21 - Russia expelled two diplomats.", "expels", "2021-09-21"),
])
def test_event_dating_rules(parsed, text, trigger, expected):
    assert _dated(parsed, text, "2021-09-21", trigger) == expected


def test_quoted_words_are_dated_when_spoken(parsed):
    text = ("Rebels seized the airport last Thursday.\n\n"
            "The minister said the West had \u201cprovoked the attack on our embassy\u201d.")
    assert _dated(parsed, text, "2021-09-21", "provoked") == "2021-09-21"  # not last Thursday's paragraph
    text = ("The envoy spoke to reporters late on Monday. \u201cWe will attack them,\u201d he said.")
    assert _dated(parsed, text, "2021-09-21", "attack") == "2021-09-20"  # the paragraph's day


def test_background_dates_do_not_carry_over(parsed):
    text = "The treaty was signed on March 3, 2009.\nThe ministry condemned the raid."
    assert _dated(parsed, text, "2021-09-21", "condemned") == "2021-09-21"
    text = "Troops entered the town on Sunday.\nThe ministry condemned the raid."
    assert _dated(parsed, text, "2021-09-21", "condemned") == "2021-09-19"


def test_future_event_takes_no_past_day(parsed):
    text = "Protesters marched on Sunday.\nThe ministers will meet the protesters."
    assert _dated(parsed, text, "2021-09-21", "meet") == "2021-09-21"


def test_set_for_a_weekday_looks_ahead(parsed):
    doc, article = parsed("A major rally is set for Sunday in Benghazi.", "2011-02-19")
    assert {r.text: r.value for r in dates.extract(doc, article)}["Sunday"] == "2011-02-20"


@pytest.mark.parametrize(("text", "expr", "value", "mod"), [
    ("The plant opened in early 2011.", "early 2011", "2011", "START"),
    ("Arrests followed in late August.", "late August", "2012-08", "END"),
    ("He had held the post for almost seven years.", "seven years", "P7Y", "LESS_THAN"),
    ("This comes just over a week before the vote.", "a week", "P1W", "MORE_THAN"),
    ("The talks lasted about two hours.", "two hours", "PT2H", "APPROX"),
    ("The work will be done by the end of the year.", "the end of the year", "2013", "END"),
    ("Cases peaked by the end of the year.", "the end of the year", "2012", "END"),  # past: the last one
    ("Prices rose at the beginning of March 2010.", "the beginning of March 2010", "2010-03", "START"),
    ("Relations soured over the past two years.", "the past two years", "P2Y", None),
    ("The vote was held on Thursday.", "Thursday", "2013-03-21", None),
])
def test_mod(parsed, text, expr, value, mod):
    doc, article = parsed(text, "2013-03-22")
    refs = {r.text: r for r in dates.find(doc, article, timeml=True)}
    assert (refs[expr].value, refs[expr].mod) == (value, mod)

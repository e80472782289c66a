"""The anchoring rules of issue 6, bad input, and the TimeML conventions of the dates stage."""

from __future__ import annotations

import pytest

from builders import event_at
from eventlens import dates


def _refs(parsed, text: str, pub: str | None, timeml: bool = False) -> dict[str, str]:
    """Expression text -> value (offsets checked on the way)."""
    doc, article = parsed(text, pub)
    refs = dates.find(doc, article, timeml=timeml)
    for ref in refs:
        assert article.text[ref.start : ref.end] == ref.text
    return {r.text: r.value for r in refs}


def _dated(parsed, text: str, pub: str, trigger: str) -> tuple[str, str | None]:
    """(date, date_text) that ``assign`` gives the event triggered by ``trigger``."""
    doc, article = parsed(text, pub)
    event = dates.assign([event_at(doc, article, trigger)], dates.extract(doc, article), doc, article)[0]
    return event.date, event.date_text


# --- anchoring ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pub", "trigger", "expected"),
    [
        # "a day after X": X is dated a day before the clause's date
        ("Troops retook the town on Thursday, a day after rebels seized the airport.", "2023-06-23", "seized",
         ("2023-06-21", "a day after")),
        ("Troops retook the town on Thursday, a day after rebels seized the airport.", "2023-06-23", "retook",
         ("2023-06-22", "Thursday")),
        # "two days later" after "March 4"
        ("Rebels seized the airport on March 4. Troops retook it two days later.", "2022-03-20", "retook",
         ("2022-03-06", "two days later")),
        # "the same day", "the next day", "later that evening"
        ("Rebels seized the airport on Monday. The army declared an emergency the same day.", "2022-02-10",
         "declared", ("2022-02-07", "the same day")),
        ("Rebels seized the airport on Monday. The army shelled the city the next day.", "2022-02-10",
         "shelled", ("2022-02-08", "the next day")),
        ("Protesters gathered in the square on Tuesday. Police fired tear gas later that evening.", "2022-02-10",
         "fired", ("2022-02-08", "later that evening")),
        # with no cue in the sentence, the day in force from an earlier sentence
        ("Rebels seized the airport on Monday.\n\nThe army shelled the city.", "2022-02-10", "shelled",
         ("2022-02-07", "Monday")),
    ],
)
def test_relative_anchors(parsed, text, pub, trigger, expected):
    assert _dated(parsed, text, pub, trigger) == expected


def test_since_october_in_february_is_last_year(parsed):
    assert _refs(parsed, "Prices have risen since October.", "2022-02-10")["October"] == "2021-10"


def test_month_ahead_in_future_clause_is_this_year(parsed):
    assert _refs(parsed, "The vote will be held in March.", "2022-02-10")["March"] == "2022-03"


@pytest.mark.parametrize(
    ("text", "pub", "expr", "value"),
    [
        # a weekday in a past-tense sentence: the most recent such day (Tuesday article)
        ("Rebels attacked the town on Friday.", "2022-02-08", "Friday", "2022-02-04"),
        ("Rebels attacked the town on Tuesday.", "2022-02-08", "Tuesday", "2022-02-08"),
        # forward references resolve forward
        ("The union set Friday as the deadline for a deal.", "2022-02-08", "Friday", "2022-02-11"),
        ("The deadline is Friday.", "2022-02-08", "Friday", "2022-02-11"),
        ("The vote has been postponed until Saturday.", "2022-02-08", "Saturday", "2022-02-12"),
        ("The mayor declared Monday a non-working day.", "2023-06-25", "Monday", "2023-06-26"),
        # ... but a plan made in the past for a past day stays in the past
        ("The embassy cancelled a gala planned for Friday evening.", "2021-09-18", "Friday evening",
         "2021-09-17TEV"),
        ("Fighters set fire to the building on Saturday.", "2022-07-10", "Saturday", "2022-07-09"),
        # partial dates: a past verb never lands after publication, a future one never before
        ("On March 4, 12 people died in the attack.", "2022-02-10", "March 4", "2021-03-04"),
        ("Talks are scheduled for March 4.", "2022-02-10", "March 4", "2022-03-04"),
        ("The vote took place on Jan. 28.", "2022-02-10", "Jan. 28", "2022-01-28"),
        # a present modal or a "to" infinitive from a present clause looks ahead; from a past one not
        ("Mubarak says he asked the cabinet to resign so he can appoint a new one Saturday.", "2011-01-28",
         "Saturday", "2011-01-29"),
        ("He could not attend the talks on Saturday.", "2011-01-28", "Saturday", "2011-01-22"),
        ("Microsoft has chosen three firms for a program to run through June.", "2013-03-18", "June", "2013-06"),
        ("The talks are to resume Monday.", "2022-02-08", "Monday", "2022-02-14"),
        ("They agreed to meet Monday.", "2022-02-08", "Monday", "2022-02-07"),
        ("Israel signed agreements to normalise relations on Tuesday.", "2020-09-16", "Tuesday", "2020-09-15"),
    ],
)
def test_direction(parsed, text, pub, expr, value):
    assert _refs(parsed, text, pub)[expr] == value


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed on February 30.",
        "The treaty was signed on Feb. 30, 2021.",
        "The accord runs until March 3, 9999.",
        "It was signed on May 4, '22 in Rome.",
        "He was born on 3/4/22.",
        "Talks will resume in the year 3000.",
        "At 25:00 on Monday the 31st of February nothing happened.",
        "The code 20221399 was used.",
    ],
)
def test_bad_dates_never_give_a_wrong_day(parsed, text):
    values = _refs(parsed, text, "2022-02-10").values()
    bad = {"2022-03-02", "2022-03-03", "2022-05-04", "2021-02-28", "2022-03-01", "3000", "9999"}
    assert not bad & set(values)
    assert not any(v.startswith(("2021-03", "2022-03-0", "2022-05")) for v in values), values


def test_two_digit_range_year_is_expanded(parsed):
    assert _refs(parsed, "The expedition of 1957-58 crossed Antarctica.", "2013-03-22") == {"1957-58": "1957/1958"}


def test_without_publication_date_nothing_relative(parsed):
    assert _refs(parsed, "They met last summer and again now, a decade on.", None) == {
        "now": "PRESENT_REF", "a decade": "P10Y"}


# --- TimeML conventions (both modes) ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pub", "expr", "value"),
    [
        ("He is now in charge.", "2013-03-22", "now", "PRESENT_REF"),
        ("The firm is currently reviewing its options.", "2013-03-22", "currently", "PRESENT_REF"),
        ("He went missing last summer.", "2013-03-22", "last summer", "2012-SU"),
        ("The vote is expected this summer.", "2013-03-22", "this summer", "2013-SU"),
        ("They met in the spring of 2011.", "2013-03-22", "the spring of 2011", "2011-SP"),
        ("It was the worst in a decade.", "2013-03-22", "a decade", "P10Y"),
        ("Sales will grow over the next decade.", "2013-03-22", "the next decade", "P10Y"),
        ("It was a curiosity for much of the 20th century.", "2013-03-22", "20th century", "19"),
        ("She checked for smog every morning.", "2013-03-22", "every morning", "XXXX-XX-XXTMO"),
        ("The committee meets annually.", "2013-03-22", "annually", "P1Y"),
        ("The agency must cut its budget this fiscal year.", "2013-03-22", "this fiscal year", "2013"),
        ("The buyback could take between 12 and 18 months.", "2013-03-22", "12", "P12M"),
        ("The buyback could take between 12 and 18 months.", "2013-03-22", "18 months", "P18M"),
        ("He finished the marathon in 3:07:35.", "2013-03-22", "3:07:35", "PT3H7M35S"),
        ("She had met the envoys several times over the past two years.", "2013-03-22", "the past two years", "P2Y"),
        ("Deaths were reported in the last week.", "2013-03-22", "the last week", "2013-W11"),
        ("The music of the '90s returned.", "2013-03-22", "the '90s", "199"),
    ],
)
def test_timeml_values(parsed, text, pub, expr, value):
    assert _refs(parsed, text, pub)[expr] == value


def test_ages_are_not_durations(parsed):
    assert _refs(parsed, "All children 6 months and older should be vaccinated.", "2013-03-22") == {}


# --- TimeML mode only ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The oil companies had blocked it for years.", "years", "PXY"),
        ("He has been treated in recent weeks.", "recent weeks", "PXW"),
        ("Prices will be set over the next few months.", "the next few months", "PXM"),
        ("Several days later he was found.", "Several days", "PXD"),
        ("Moscow answered in kind three days later.", "three days", "P3D"),
        ("Two years after his diagnosis, he ran a marathon.", "Two years", "P2Y"),
        ("In the past, the two sides fought.", "the past", "PAST_REF"),
        ("The convoy was still on the road at the time.", "at the time", "PAST_REF"),
        ("The pandemic of 2009-2010 killed 348 children.", "2010", "2010"),
        ("The pandemic of 2009-2010 killed 348 children.", "2009", "2009"),
    ],
)
def test_timeml_mode(parsed, text, expr, value):
    assert _refs(parsed, text, "2013-03-22", timeml=True)[expr] == value
    assert expr not in _refs(parsed, text, "2013-03-22")  # left out of eventlens output


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        # a Saturday page that pairs Saturday with the next Sunday was still written on Sunday
        ("(9:30 p.m. Saturday, 5:30 a.m. Sunday in Jakarta) Jets struck Tripoli early Sunday.", "early Sunday",
         "2011-03-20TMO"),
        # ... or one whose own text names the next day as past
        ("Comment posted March 20, 2011 at 9:15 am. Jets struck Tripoli on Sunday.", "Sunday", "2011-03-20"),
        ("A past-tense March 20 with no year lands on it too: rebels fled on March 20.", "March 20", "2011-03-20"),
    ],
)
def test_page_written_after_its_date(parsed, text, expr, value):
    assert _refs(parsed, text, "2011-03-19")[expr] == value


@pytest.mark.parametrize(
    "text",
    [
        "Jets struck Tripoli on Sunday. A talk is planned for March 20.",
        "Jets struck Tripoli on Sunday. A curfew will run from 4 p.m. Saturday to 8 a.m. Sunday.",
    ],
)
def test_next_weekday_without_evidence_stays_in_the_past(parsed, text):
    assert _refs(parsed, text, "2011-03-19")["Sunday"] == "2011-03-13"


def test_events_dated_on_the_day_after_a_stale_publication_date(parsed):
    text = "(9:30 p.m. Saturday, 5:30 a.m. Sunday in Jakarta)\nJets bombed Tripoli early Sunday."
    doc, article = parsed(text, "2011-03-19")
    ev = event_at(doc, article, "bombed")
    (dated,) = dates.assign([ev], dates.extract(doc, article), doc, article)
    assert (dated.date, dated.date_text) == ("2011-03-20", "early Sunday")


# --- issue 6 examples on a Tuesday article (2021-02-02) -------------------------------------------------

PUB_TUE = "2021-02-02"


def test_holiday_in_past_clause_is_the_latest_past_one(parsed):
    assert _refs(parsed, "On Christmas Eve the talks stalled.", PUB_TUE)["Christmas Eve"] == "2020-12-24"


def test_late_on_weekday_with_zone_is_one_part_of_day_expression(parsed):
    doc, article = parsed("Late on Sunday New York time the deal was done.", PUB_TUE)
    (ref,) = dates.extract(doc, article)
    assert (ref.text, ref.value, ref.type, ref.mod) == ("Late on Sunday New York time", "2021-01-31TNI", "TIME", "END")


def test_since_month_is_the_latest_one_begun(parsed):
    refs = _refs(parsed, "Since October prices rose. Since March they fell.", PUB_TUE)
    assert (refs["October"], refs["March"]) == ("2020-10", "2020-03")


def test_quote_today_anchors_to_its_speech_verb_day(parsed):
    text = 'Talks ended at 18:00 GMT on Friday. "Today we act," he said on Monday.'
    doc, article = parsed(text, PUB_TUE)
    refs = [(r.text, r.value) for r in dates.extract(doc, article)]
    assert ("Today", "2021-02-01") in refs


def test_last_season_is_the_most_recent_one_over(parsed):
    refs = _refs(parsed, "Last summer was hot. Last winter was cold. Next spring will be wet.", PUB_TUE)
    assert (refs["Last summer"], refs["Last winter"], refs["Next spring"]) == ("2020-SU", "2019-WI", "2021-SP")


def test_quarter_is_the_last_past_one_unless_forward(parsed):
    refs = _refs(parsed, "In the first quarter sales fell. In the third quarter they will rise. Q4 2019 was weak.",
                 PUB_TUE)
    assert (refs["the first quarter"], refs["the third quarter"], refs["Q4 2019"]) == ("2020-Q1", "2021-Q3", "2019-Q4")

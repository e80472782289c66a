"""Tests for the dates stage: TIMEX3 extraction and event dating."""

from __future__ import annotations

import json
from datetime import date

import pytest

from builders import event_at
from eventlens import dates


def _values(parsed, text: str, pub: str | None) -> dict[str, str]:
    """Map each extracted expression text to its value (checking offsets on the way)."""
    doc, article = parsed(text, pub)
    refs = dates.extract(doc, article)
    for ref in refs:
        assert article.text[ref.start : ref.end] == ref.text
        assert ref.start >= article.body_start
    return {r.text: r.value for r in refs}


@pytest.mark.parametrize(
    ("text", "pub", "expr", "value"),
    [
        # absolute dates
        ("The post was written on February 9, 2022 in Paris.", "2022-02-10", "February 9, 2022", "2022-02-09"),
        ("MINSK, Feb. 12 - Leaders met.", "2015-02-12", "Feb. 12", "2015-02-12"),
        ("The vote was held on Sept. 14 after months of debate.", "2022-02-10", "Sept. 14", "2021-09-14"),
        ("The treaty was signed on 9 February 2022 in Minsk.", "2022-03-01", "9 February 2022", "2022-02-09"),
        ("The plan was announced in April 2019 by the ministry.", "2022-02-10", "April 2019", "2019-04"),
        ("The deal was reached in 2019 after long talks.", "2022-02-10", "2019", "2019"),
        ("A report dated 2022-02-10 was leaked.", "2022-02-12", "2022-02-10", "2022-02-10"),
        ("Macron spoke.\n\n20220208: AP: 'It will take time,' Macron says.", "2022-02-10", "20220208", "2022-02-08"),
        ("Omar Bongo ruled from 1967 to 2009.", "2023-08-31", "from 1967 to 2009", "1967/2009"),
        # weekdays: past by default, forward in a future clause
        ("Trump pulled out of the deal on Tuesday.", "2018-05-09", "Tuesday", "2018-05-08"),
        ("The leaders agreed on Thursday on a ceasefire.", "2015-02-12", "Thursday", "2015-02-12"),
        ("He said the ambassador would meet Taliban representatives on Tuesday.", "2021-08-16", "Tuesday",
         "2021-08-17"),
        ("The junta said he would be sworn in as president on Monday.", "2023-08-31", "Monday", "2023-09-04"),
        ("Turkey's parliament ratified the membership last Thursday.", "2023-04-04", "last Thursday", "2023-03-30"),
        ("He said he would step down on Wednesday, July 13.", "2022-07-10", "Wednesday, July 13", "2022-07-13"),
        # deictic words and relative periods
        ("The minister resigned today.", "2022-02-10", "today", "2022-02-10"),
        ("The minister resigned yesterday.", "2022-02-10", "yesterday", "2022-02-09"),
        ("The minister will resign tomorrow.", "2022-02-10", "tomorrow", "2022-02-11"),
        ("The two sides met last week.", "2022-02-10", "last week", "2022-W05"),
        ("Trump visited the kingdom last month.", "2017-06-06", "last month", "2017-05"),
        ("Elections were held last year.", "2022-02-10", "last year", "2021"),
        ("Lawmakers are expected to vote this week.", "2017-06-06", "this week", "2017-W23"),
        ("Arab leaders are due to meet this weekend.", "2015-03-26", "this weekend", "2015-W13-WE"),
        # parts of day
        ("The talks started on Wednesday evening.", "2015-02-12", "Wednesday evening", "2015-02-11TEV"),
        ("Ghani wrote in a post on Sunday night.", "2021-08-16", "Sunday night", "2021-08-15TNI"),
        ("By Saturday morning his men had seized the base.", "2023-06-25", "Saturday morning", "2023-06-24TMO"),
        ("Biden spoke on Monday afternoon.", "2021-08-16", "Monday afternoon", "2021-08-16TAF"),
        # clock times
        ("Trump quit the deal on Tuesday. He announced it at 2 p.m. from the White House.", "2018-05-09",
         "2 p.m.", "2018-05-08T14:00"),
        ("A ceasefire starts from 00:00 on Feb. 15.", "2015-02-12", "00:00 on Feb. 15", "2015-02-15T00:00"),
        # durations
        ("After his five-hour summit, Macron spoke.", "2022-02-10", "five-hour", "PT5H"),
        ("They negotiated for about 16 hours.", "2015-02-12", "16 hours", "PT16H"),
        ("Weapons are to be pulled back within 14 days.", "2015-02-12", "14 days", "P14D"),
        ("It came two weeks before the deadline.", "2021-08-16", "two weeks", "P2W"),
        ("Sanctions return after a 90-day wind-down.", "2018-05-09", "90-day", "P90D"),
        ("The talks lasted twenty-four hours.", "2018-05-09", "twenty-four hours", "PT24H"),
    ],
)
def test_extract_value(parsed, text, pub, expr, value):
    assert _values(parsed, text, pub).get(expr) == value


def test_types_and_granularity(parsed):
    doc, article = parsed("On Wednesday evening, after 16 hours of talks, they met in April 2019.", "2015-02-12")
    refs = {r.text: (r.type, r.granularity) for r in dates.extract(doc, article)}
    assert refs == {
        "Wednesday evening": ("TIME", "time"),
        "16 hours": ("DURATION", "duration"),
        "April 2019": ("DATE", "month"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Moscow had warned for years that it would respond.",
        "Further expulsions in the coming days and weeks were not excluded.",
        "After decades of division, peace came.",
        "European allies had lobbied for months.",
        "Moscow answered in kind three days later.",
        "He was a 45-year-old officer who led 1,500 troops.",
    ],
)
def test_vague_expressions_left_out(parsed, text):
    assert _values(parsed, text, "2022-02-10") == {}


@pytest.mark.parametrize("text", ["They met on February 30, 2022.", "At 9 a.m. on February 30 they left.",
                                  "The code 20221399 was used."])
def test_impossible_dates_left_out(parsed, text):
    assert _values(parsed, text, "2022-02-10") == {}


def test_partial_date_in_leap_year_only_not_invented(parsed):
    assert "Feb. 29" not in _values(parsed, "The law took effect on Feb. 29.", "2022-02-10")


def test_header_line_is_not_a_mention(parsed):
    doc, article = parsed("date 2022-02-10\nHeadline here\n\nMacron met Putin on Monday.", None)
    refs = dates.extract(doc, article)
    assert [(r.text, r.value) for r in refs] == [("Monday", "2022-02-07")]
    assert refs[0].start > article.body_start


def test_header_on_same_line_is_skipped(parsed):
    doc, article = parsed(" date 2022-02-10 French President Macron spoke on Tuesday.", None)
    assert [(r.text, r.value) for r in dates.extract(doc, article)] == [("Tuesday", "2022-02-08")]


def test_without_publication_date_only_absolute_values(parsed):
    values = _values(parsed, "On Monday, after a five-hour meeting on February 9, 2022, they left.", None)
    assert values == {"five-hour": "PT5H", "February 9, 2022": "2022-02-09"}


def test_today_inside_quote_is_the_day_spoken(parsed):
    text = ('The president resigned late on Saturday. "I accept the recommendation today," he wrote.\n\n'
            'He left the country today.')
    doc, article = parsed(text, "2022-07-10")
    refs = [(r.text, r.value) for r in dates.extract(doc, article)]
    assert refs == [("late on Saturday", "2022-07-09TNI"), ("today", "2022-07-09"), ("today", "2022-07-10")]


def test_mentions_in_text_order_without_overlap(parsed):
    doc, article = parsed("On Wednesday, July 13, at 2 p.m. on Friday, and in 1948 they met.", "2022-07-10")
    refs = dates.extract(doc, article)
    assert [r.start for r in refs] == sorted(r.start for r in refs)
    assert all(a.end <= b.start for a, b in zip(refs, refs[1:], strict=False))


def test_seed_dates(parsed, shared_dir):
    gold = json.loads((shared_dir / "benchmarks/seed/seed_gold.json").read_text())
    doc, article = parsed(gold["text"], gold["date"])
    values = {r.text: r.value for r in dates.extract(doc, article)}
    assert values["20220208"] == "2022-02-08"
    assert values["February 9, 2022"] == "2022-02-09"
    assert values["five-hour"] == "PT5H"
    assert "2022-02-10" not in values  # the header line


@pytest.mark.parametrize(
    ("pub", "wd", "mode", "expected"),
    [
        (date(2023, 4, 4), 3, "past", date(2023, 3, 30)),
        (date(2023, 4, 4), 1, "past", date(2023, 4, 4)),
        (date(2023, 4, 4), 1, "last", date(2023, 3, 28)),
        (date(2023, 4, 4), 1, "future", date(2023, 4, 4)),
        (date(2023, 4, 4), 1, "next", date(2023, 4, 11)),
        (date(2023, 8, 31), 0, "future", date(2023, 9, 4)),
    ],
)
def test_weekday_date(pub, wd, mode, expected):
    assert dates.weekday_date(pub, wd, mode) == expected


@pytest.mark.parametrize(
    ("pub", "month", "day", "expected"),
    [
        (date(2022, 2, 10), 9, 14, date(2021, 9, 14)),  # nearest before
        (date(2021, 8, 16), 8, 31, date(2021, 8, 31)),  # a deadline two weeks ahead
        (date(2022, 12, 20), 1, 5, date(2023, 1, 5)),  # just after New Year
        (date(2022, 2, 10), 2, 30, None),
    ],
)
def test_partial_date(pub, month, day, expected):
    assert dates.partial_date(pub, month, day) == expected


# --- assign -------------------------------------------------------------------------------


def _assign(parsed, text: str, pub: str | None, trigger: str) -> tuple[str, str | None]:
    """(date, date_text) given to the event triggered by ``trigger``."""
    doc, article = parsed(text, pub)
    refs = dates.extract(doc, article)
    event = dates.assign([event_at(doc, article, trigger, code="111")], refs, doc, article)[0]
    return event.date, event.date_text


@pytest.mark.parametrize(
    ("text", "pub", "trigger", "expected"),
    [
        ("Taliban fighters took control of Kabul on Sunday.", "2021-08-16", "took", ("2021-08-15", "Sunday")),
        ("The rebels captured the air base on Wednesday, and Hadi arrived in Riyadh on Thursday.", "2015-03-26",
         "captured", ("2015-03-25", "Wednesday")),
        ("The rebels captured the air base on Wednesday, and Hadi arrived in Riyadh on Thursday.", "2015-03-26",
         "arrived", ("2015-03-26", "Thursday")),
        ("WASHINGTON, Sept 16 - Israel signed agreements with Bahrain on Tuesday.", "2020-09-16", "signed",
         ("2020-09-15", "Tuesday")),
        ("WASHINGTON, Sept 16 - Israel signed agreements with Bahrain.", "2020-09-16", "signed",
         ("2020-09-16", "Sept 16")),
        ("NATO expelled seven envoys on Tuesday, a day after the United States ordered 60 diplomats out.",
         "2018-03-27", "ordered", ("2018-03-26", "a day after")),
        ("NATO expelled seven envoys on Tuesday, a day after the United States ordered 60 diplomats out.",
         "2018-03-27", "expelled", ("2018-03-27", "Tuesday")),
        ("Britain expelled 23 diplomats on March 14, and Moscow answered in kind three days later.", "2018-03-27",
         "answered", ("2018-03-17", "three days later")),
        ("The allies announced the pact on Wednesday. Canberra scrapped its contract that day.", "2021-09-18",
         "scrapped", ("2021-09-15", "that day")),
        ("Rebels seized the city on Friday. They also attacked the airport the next day.", "2023-06-25",
         "attacked", ("2023-06-24", "the next day")),
        ("Moscow protested on Tuesday.\n\nThe ministry called Monday's expulsions a provocation.", "2018-03-28",
         "called", ("2018-03-27", "Tuesday")),
        ("Washington ordered 48 Russians out on Monday.\n\nThe Kremlin condemned the step.", "2018-03-27",
         "condemned", ("2018-03-26", "Monday")),
        ("He said he would meet the rebels on Friday.", "2022-02-10", "said", ("2022-02-10", None)),
        ("The Kremlin condemned the step.", "2018-03-27", "condemned", ("2018-03-27", None)),
        ("The Kremlin condemned the step.", None, "condemned", ("unknown", None)),
    ],
)
def test_assign(parsed, text, pub, trigger, expected):
    assert _assign(parsed, text, pub, trigger) == expected


def test_assign_keeps_other_fields(parsed):
    doc, article = parsed("Police fired tear gas on Saturday.", "2022-07-10")
    event = event_at(doc, article, "fired", code="111")
    out = dates.assign([event], dates.extract(doc, article), doc, article)
    assert len(out) == 1
    assert out[0].date == "2022-07-09"
    assert out[0].code == event.code and out[0].trigger_start == event.trigger_start

"""The dates stage's contract on hand-built parses (``spacy.blank("en")``, no trained pipeline): a
weekday resolves against the publication date (2022-02-10, a Thursday) backwards in a past clause and
forwards under ``will``, "next week" is the ISO week after, absolute dates need no publication date,
the ``date`` header is no mention, and ``assign`` dates an event by the date in its clause."""

from __future__ import annotations

import pytest

from blank_docs import blank_article, no_trained_model
from builders import event_at
from eventlens import dates


@pytest.fixture(scope="module", autouse=True)
def _no_trained_model():
    with no_trained_model():
        yield


PAST = """
Russia    PROPN  nsubj  attacked
attacked  VERB   ROOT   -         attack
Ukraine   PROPN  dobj   attacked
on        ADP    prep   attacked
Monday    PROPN  pobj   on
.         PUNCT  punct  attacked
"""
FUTURE = """
Russia   PROPN    nsubj  attack
will     AUX/MD   aux    attack
attack   VERB/VB  ROOT   -
Ukraine  PROPN    dobj   attack
on       ADP      prep   attack
Monday   PROPN    pobj   on
.        PUNCT    punct  attack
"""


def _values(text: str, parse: str, date: str | None = "2022-02-10"):
    doc, article = blank_article(text, parse, date=date)
    found = dates.extract(doc, article)
    assert all(article.text[d.start : d.end] == d.text for d in found)
    return [(d.text, d.value, d.type, d.granularity) for d in found]


def test_monday_in_a_past_clause_is_the_monday_before_publication():
    assert _values("Russia attacked Ukraine on Monday.", PAST) == [("Monday", "2022-02-07", "DATE", "day")]


def test_monday_under_will_is_the_monday_after_publication():
    assert _values("Russia will attack Ukraine on Monday.", FUTURE) == [("Monday", "2022-02-14", "DATE", "day")]


def test_next_week_is_the_iso_week_after_publication():
    assert _values("Talks will resume next week.", """
        Talks   NOUN     nsubj     resume  talk
        will    AUX/MD   aux       resume
        resume  VERB/VB  ROOT      -
        next    ADJ      amod      week
        week    NOUN     npadvmod  resume
        .       PUNCT    punct     resume
        """) == [("next week", "2022-W07", "DATE", "week")]


def test_without_a_publication_date_only_absolute_dates_are_kept():
    text = "Russia said on March 3, 2021 that it left on Monday."
    parse = """
        Russia  PROPN  nsubj  said
        said    VERB   ROOT   -      say
        on      ADP    prep   said
        March   PROPN  pobj   on
        3       NUM    nummod March
        ,       PUNCT  punct  March
        2021    NUM    nummod March
        that    SCONJ  mark   left
        it      PRON   nsubj  left
        left    VERB   ccomp  said   leave
        on      ADP    prep   left
        Monday  PROPN  pobj   on#2
        .       PUNCT  punct  said
        """
    assert _values(text, parse, date=None) == [("March 3, 2021", "2021-03-03", "DATE", "day")]
    assert [v[:2] for v in _values(text, parse)] == [("March 3, 2021", "2021-03-03"), ("Monday", "2022-02-07")]


def test_the_date_header_is_no_mention_but_the_publication_date():
    text = "date 2022-02-10\nRussia attacked Ukraine on Monday."
    assert _values(text, PAST, date=None) == [("Monday", "2022-02-07", "DATE", "day")]


def test_assign_dates_an_event_by_the_date_of_its_clause():
    text = "Russia attacked Ukraine on Monday."
    doc, article = blank_article(text, PAST)
    (event,) = dates.assign([event_at(doc, article, "attacked")], dates.extract(doc, article), doc, article)
    assert (event.date, event.date_text) == ("2022-02-07", "Monday")
    doc, undated = blank_article(text, PAST, date=None)
    (event,) = dates.assign([event_at(doc, undated, "attacked")], dates.extract(doc, undated), doc, undated)
    assert (event.date, event.date_text) == ("unknown", None)

"""Tests for the quotes stage on news conventions and bad input: NYT marks, run-on paragraphs,
dash and transcript speakers, "according to", nested attribution, robustness."""

from __future__ import annotations

import pytest

from eventlens.models import Actor
from eventlens.quotes import attribute, extract, find_marks


def marked(text: str) -> list[str]:
    """The contents of the paired (or run-on) quote marks of ``text``."""
    return [text[m.start : m.end] for m in find_marks(text)]


def merkel(text: str) -> list[Actor]:
    """One hand-built actor per "Merkel" in ``text``."""
    out, pos = [], text.find("Merkel")
    while pos >= 0:
        out.append(Actor(id=f"a{len(out) + 1}", text="Merkel", start=pos, end=pos + 6, code="DEUGOV",
                         name="Angela Merkel"))
        pos = text.find("Merkel", pos + 1)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("''We agree,'' Mr. King said.", ["We agree,"]),
        ("``We agree,'' Mr. King said, ``and we're glad.''", ["We agree,", "and we're glad."]),
        ("''It isn't over. It's far from over.", ["It isn't over. It's far from over."]),
        ("He spoke. “We will stay the course.", ["We will stay the course."]),
        ("He spoke “and left", []),
    ],
)
def test_nyt_marks_and_run_on_paragraphs(text, expected):
    assert marked(text) == expected


def test_run_on_quote_keeps_its_speaker_into_the_next_paragraph(parsed):
    text = "“We will win,” Merkel said. “It will take time.\n“But we will get there.”"
    doc, article = parsed(text)
    quotes = extract(doc, article, merkel(text))
    assert [q.quote for q in quotes] == ["We will win,", "It will take time.", "But we will get there."]
    assert {q.speaker for q in quotes} == {"Angela Merkel"}
    assert [q.type for q in quotes] == ["direct"] * 3


@pytest.mark.parametrize(
    "text",
    ["“Maybe we can build a wall.” ― Steve Quinlan", "“Maybe we can build a wall.” -- Steve Quinlan"],
)
def test_name_after_a_dash_is_the_speaker(parsed, text):
    doc, article = parsed(text)
    (found,) = attribute(doc, article, [])
    assert (found.quote.speaker, text[slice(*found.speaker_span)]) == ("Steve Quinlan", "Steve Quinlan")


def test_transcript_label_is_the_speaker(parsed):
    doc, article = parsed('"PENCE: Well, look, that is not true. We disagree."')
    (quote,) = extract(doc, article, [])
    assert quote.speaker == "PENCE"


def test_quote_after_speech_verb_and_comma_is_direct(parsed):
    text = "Merkel said, “We have some big plans for the final month.”"
    doc, article = parsed(text)
    (quote,) = [q for q in extract(doc, article, merkel(text)) if q.type != "indirect"]
    assert (quote.type, quote.speaker, quote.cue) == ("direct", "Angela Merkel", "said")


def test_inverted_reporting_clause_does_not_take_a_word_of_the_quote(parsed):
    text = '"If it does not have it, it will," said James Acton, a physicist. "People disagree."'
    doc, article = parsed(text)
    found = attribute(doc, article, [])
    assert [text[slice(*f.speaker_span)] for f in found] == ["James Acton"] * 2


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("According to Merkel, the talks had failed.", "the talks had failed", "Angela Merkel"),
        ("The talks had failed, according to Merkel.", "The talks had failed", "Angela Merkel"),
    ],
)
def test_according_to_is_an_indirect_quote(parsed, text, clause, speaker):
    doc, article = parsed(text)
    (quote,) = extract(doc, article, merkel(text))
    assert (quote.quote, quote.type, quote.speaker, quote.cue) == (clause, "indirect", speaker, "according to")


def test_according_to_names_the_speaker_of_a_direct_quote(parsed):
    text = "According to Merkel, “the talks had failed.”"
    doc, article = parsed(text)
    quote = next(q for q in extract(doc, article, merkel(text)) if q.type != "indirect")
    assert (quote.speaker, quote.cue) == ("Angela Merkel", "according to")


def test_nested_attribution_goes_to_reported_by(parsed):
    text = "Merkel told Erdogan that the vote had been fair, a German government spokesman said."
    doc, article = parsed(text)
    inner = next(q for q in extract(doc, article, merkel(text)) if q.quote == "the vote had been fair")
    assert (inner.speaker, inner.cue) == ("Angela Merkel", "told")
    assert "spokesman" in (inner.reported_by or "")


@pytest.mark.parametrize(
    "text",
    [
        "“" * 40 + "He said “ it ” and ‘ then ’ \" \" '' `` ' ' ” ” ”",
        "“This quote never closes and goes on " + "and on " * 200,
        "“" + "Quoted words, all of them. " * 4000 + "”",
        "Ã© â€œWe agreeâ€\x9d, Merkel said. â€˜okâ€™ Ã",
        "\"\n\"\n''\n``\n“\n”",
    ],
)
def test_bad_input_never_crashes_and_offsets_hold(parsed, text):
    doc, article = parsed(text)
    for quote in extract(doc, article, merkel(text)):
        assert text[quote.start : quote.end] == quote.quote


def test_long_quote_is_found_whole(parsed):
    text = "“" + "Quoted words, all of them. " * 4000 + "” Merkel said."
    doc, article = parsed(text)
    (quote,) = extract(doc, article, merkel(text))
    assert (len(quote.quote), quote.speaker) == (len(text) - len("“” Merkel said."), "Angela Merkel")


def test_spaced_straight_mark_closes_after_a_single_quote():
    text = "\"I was insulted by the term 'outreach,' \" he told the group."
    assert marked(text) == ["I was insulted by the term 'outreach,' "]

"""Issue 11, quotes: reported speech the parser hides, and speakers it loses (invented sentences).

Recall of indirect and partial quotes: a reported clause the parser hung on the speech verb as
something else (``said after the talks he would``, ``said during a briefing that``), ``as X said``
and ``, X reported`` around the clause they report, what a verb of calling says of its object
(``called the plan a ploy``), a partial quote inside someone's reported clause. Speakers: a subject
the parser lost (``4 in 10 say``, ``X, asked about Y, had said``), a pronoun beside a quote the parser
took for the subject, the one shown speaking (``footage of X saying``), verbs of manner of speaking
and with particles (``barked``, ``shot back``), a name after a question (``?" X told reporters``).
"""

from __future__ import annotations

import pytest

from builders import cast_actors
from eventlens.models import Actor
from eventlens.quotes import extract

CAST = {
    r"(?:Mayor )?(?:Lena )?Varga": ("Lena Varga", "XYZGOV", "person"),
    r"(?:Tomas )?Reyes": ("Tomas Reyes", "XYZOPP", "person"),
    r"[Tt]he Harbour Workers Union": ("Harbour Workers Union", "XYZLAB", "organisation"),
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


def indirect(quotes) -> dict[str, str | None]:
    """The indirect quotes as {words: speaker}."""
    return {q.quote: q.speaker for q in quotes if q.type == "indirect"}


# --- reported clauses the parser hides ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("Varga said after the meeting she would not sign the harbour lease.",
         "she would not sign the harbour lease", "Lena Varga"),
        ("Reyes said on Friday during a news conference that he may wait until the spring to decide.",
         "he may wait until the spring to decide", "Tomas Reyes"),
        ("Reyes said reopening the docks could put hundreds of people back to work.",
         "reopening the docks could put hundreds of people back to work", "Tomas Reyes"),
    ],
)
def test_a_reported_clause_the_parser_hung_elsewhere_is_a_quote(quotes_of, text, clause, speaker):
    assert indirect(quotes_of(text)).get(clause) == speaker


def test_a_time_clause_after_the_speech_verb_is_not_what_was_said(quotes_of):
    assert quotes_of("That was what Varga said when she resigned from the council in 2014.") == []


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("The crew of the ferry had not been warned of the storm, as Reyes has said.",
         "The crew of the ferry had not been warned of the storm", "Tomas Reyes"),
        ("As Varga put it in a speech last week, the harbour is the town's only real employer.",
         "the harbour is the town's only real employer", "Lena Varga"),
        ("The port will run a deficit this year, the harbour board reported on Monday.",
         "The port will run a deficit this year", "the harbour board"),
    ],
)
def test_as_x_said_and_a_closing_report_give_the_clause_they_comment_on(quotes_of, text, clause, speaker):
    assert indirect(quotes_of(text)).get(clause) == speaker


def test_an_as_clause_of_an_act_is_not_a_report(quotes_of):
    assert quotes_of("The town flipped to the opposition, as voters responded to the rise in port fees.") == []


def test_a_dateline_is_not_part_of_the_reported_clause(quotes_of):
    text = "PORTVILLE, May 9 -- The harbour will stay closed until June, the harbour board said on Tuesday."
    (quote,) = quotes_of(text)
    assert quote.quote == "The harbour will stay closed until June"
    assert "harbour board" in (quote.speaker_text or "")


@pytest.mark.parametrize(
    ("text", "claim", "speaker"),
    [
        ("The Harbour Workers Union called the new quota a transparent political ploy.",
         "the new quota a transparent political ploy", "Harbour Workers Union"),
        ("Reyes blasted Varga as a disgrace to the town.", "Varga as a disgrace to the town", "Tomas Reyes"),
        ("Varga described the fire as an act of sabotage.", "the fire as an act of sabotage", "Lena Varga"),
        ("Reyes called her a coward on Tuesday.", "her a coward", "Tomas Reyes"),
        ("The Harbour Workers Union calls it a cynical land grab by the port owners.",
         "it a cynical land grab by the port owners", "Harbour Workers Union"),
    ],
)
def test_what_a_verb_of_calling_says_of_its_object_is_a_quote(quotes_of, text, claim, speaker):
    assert indirect(quotes_of(text)).get(claim) == speaker


def test_appointing_someone_is_not_a_quote(quotes_of):
    assert quotes_of("Varga named Reyes harbour master.") == []


def test_the_name_one_goes_by_is_not_a_quote(quotes_of):
    assert quotes_of("A hacker calling himself Ghost Fox posted the harbour files.") == []


def test_a_short_clause_before_a_quote_mark_is_kept_when_it_is_whole(quotes_of):
    text = 'Reyes says he respects Varga and calls her "a tough and fair mayor."'
    quotes = {q.quote: q.type for q in quotes_of(text)}
    assert quotes.get("he respects Varga") == "indirect"
    assert quotes.get("a tough and fair mayor.") == "partial"


def test_a_partial_quote_inside_a_reported_thought_is_the_thinker_s(quotes_of):
    text = 'Reyes worried that the old port was becoming "a ghost town that nobody visits."'
    partials = [(q.quote, q.speaker) for q in quotes_of(text) if q.type == "partial"]
    assert partials == [("a ghost town that nobody visits.", "Tomas Reyes")]


# --- speakers the parser loses -----------------------------------------------------------------


def test_a_share_of_people_that_says_something_keeps_its_words(quotes_of):
    (quote,) = quotes_of("About 4 in 10 say they want the harbour to stay public.")
    assert (quote.quote, quote.speaker_text) == ("they want the harbour to stay public", "About 4 in 10")


def test_the_name_before_an_aside_is_the_speaker(quotes_of):
    text = "The row began after Reyes, asked about the closure of the docks, had said, \"We will not pay for this.\""
    (quote,) = [q for q in quotes_of(text) if q.type == "direct"]
    assert (quote.speaker, quote.speaker_text) == ("Tomas Reyes", "Reyes")


def test_a_clause_joined_before_the_speech_verb_gives_its_subject(quotes_of):
    text = "Reyes jokingly offered the mayor a seat on the board, then says he will welcome advice from anyone."
    assert indirect(quotes_of(text)) == {"he will welcome advice from anyone": "Tomas Reyes"}


def test_the_one_shown_speaking_is_the_speaker(quotes_of):
    text = 'The advert uses footage of Varga asking, "Why are we not fifty points ahead?"'
    (quote,) = quotes_of(text)
    assert (quote.type, quote.speaker) == ("direct", "Lena Varga")


def test_a_pronoun_beside_the_quote_speaks_when_the_parser_takes_a_quoted_word_for_the_subject(parsed):
    doc, article = parsed("''That, unfortunately,'' he said, ''is part of the reality of life on the coast.''")
    quotes = extract(doc, article, [])
    assert [(q.type, q.speaker_text) for q in quotes] == [("direct", "he"), ("direct", "he")]


@pytest.mark.parametrize(
    "text",
    [
        '"Go back to your office," Varga barked.',
        '"Reyes wants to be a tough guy tonight," Varga shot back.',
        '"The figures have not moved at all," Varga pointed out.',
    ],
)
def test_verbs_of_manner_of_speaking_and_with_particles_frame_quotes(quotes_of, text):
    (quote,) = quotes_of(text)
    assert (quote.type, quote.speaker) == ("direct", "Lena Varga")


def test_a_name_after_a_question_is_the_speaker(quotes_of):
    text = '"When will the ferry run again, and who will pay for it?" Reyes told reporters on Tuesday.'
    (quote,) = quotes_of(text)
    assert (quote.type, quote.speaker) == ("direct", "Tomas Reyes")


def test_a_paragraph_opened_by_a_right_quote_mark_is_a_quote_with_its_dashed_name(parsed):
    doc, article = parsed("\u201dThe port is dying. Nobody in the council cares.\u201d \u2015 Marta Ilves")
    (quote,) = extract(doc, article, [])
    assert (quote.type, quote.quote, quote.speaker) == (
        "direct", "The port is dying. Nobody in the council cares.", "Marta Ilves")


@pytest.mark.parametrize(
    ("text", "finding", "source"),
    [
        ("There were more harbour polls showing Reyes leading.", "Reyes leading", "more harbour polls"),
        ("Early port data shows some signs of a slowdown.", "some signs of a slowdown", "Early port data"),
    ],
)
def test_what_a_source_shows_is_its_finding(quotes_of, text, finding, source):
    assert indirect(quotes_of(text)).get(finding) == source


def test_a_thing_showing_something_is_no_source(quotes_of):
    assert quotes_of("Footage showing the crowd at the harbour was aired.") == []


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("The Harbour Workers Union issued a statement saying that the port had no plans to close.",
         "the port had no plans to close", "Harbour Workers Union"),
        ("Reyes released a report arguing that the port loses money because of weak oversight.",
         "the port loses money because of weak oversight", "Tomas Reyes"),
    ],
)
def test_a_speech_participle_on_a_medium_someone_put_out_gives_their_words(quotes_of, text, clause, speaker):
    assert indirect(quotes_of(text)).get(clause) == speaker


def test_the_subject_of_an_adjective_speaks_through_its_speech_verb(quotes_of):
    text = "Union leaders are quick to note that the port has never made a loss."
    assert indirect(quotes_of(text)) == {"the port has never made a loss": "Union leaders"}


def test_a_reported_clause_the_parser_took_for_an_object_is_a_quote(quotes_of):
    text = ("In the memo, Reyes said he had secured contracts for the harbour that would pay out $6 million "
            "over nine years if the deals remained in place.")
    assert indirect(quotes_of(text)) == {
        "he had secured contracts for the harbour that would pay out $6 million over nine years if the deals "
        "remained in place": "Tomas Reyes"}


def test_an_object_of_a_speech_verb_is_no_quote(quotes_of):
    assert quotes_of("Reyes said nothing about the harbour.") == []

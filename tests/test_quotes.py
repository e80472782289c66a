"""Tests for the quotes stage: quote marks, speakers, types, indirect speech, post dates."""

from __future__ import annotations

import json
import re

import pytest

from eventlens.models import Actor, Quote
from eventlens.quotes import extract, find_marks, find_posts, quote_spans

PEOPLE = {
    "Emmanuel Macron": ("FRAGOV", r"(?:French President )?(?:Emmanuel )?Macron|The French mandatory"),
    "Vladimir Putin": ("RUSGOV", r"(?:President )?(?:Vladimir )?Putin"),
    "Volodymyr Zelensky": ("UKRGOV", r"(?:Ukrainian President )?Volodymyr Zelensky"),
    "Angela Merkel": ("DEUGOV", r"(?:Chancellor )?(?:Angela )?Merkel"),
    "Donald Trump": ("USAGOV", r"(?:Donald )?Trump"),
}


def actors_for(text: str) -> list[Actor]:
    """Hand-built actor mentions for the people of PEOPLE found in ``text``."""
    found = []
    for name, (code, pattern) in PEOPLE.items():
        found += [(m.start(), m.end(), m.group(), code, name) for m in re.finditer(pattern, text)]
    return [
        Actor(id=f"a{i}", text=t, start=s, end=e, code=c, name=n, kind="person")
        for i, (s, e, t, c, n) in enumerate(sorted(found), 1)
    ]


@pytest.fixture()
def quotes_of(parsed):
    """Run the quotes stage on a text with hand-built actors."""

    def _quotes(text: str, date: str = "2022-02-10") -> list[Quote]:
        doc, article = parsed(text, date)
        return extract(doc, article, actors_for(article.text))

    return _quotes


def marked(text: str) -> list[str]:
    """The contents of the paired quote marks of ``text``."""
    return [text[m.start : m.end] for m in find_marks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Macron said: “We agree.” Then he left.", ["We agree."]),
        ('Macron said: "We agree." Then he left.', ["We agree."]),
        ("He called it ‘a good start,’ and Russia’s envoy didn’t object.", ["a good start,"]),
        ("He called it 'a good start,' and Russia's envoy don't object.", ["a good start,"]),
        ("Russia's envoy said the talks' outcome wasn't clear.", []),
        ('He said "hello and left. Then "bye" came.', ["bye"]),
        ('She wrote "one" and then "two', ["one"]),
        ("“Unclosed quote and “closed one” here.", ["closed one"]),
        ("“He told me ‘never’ twice,” she said.", ["He told me ‘never’ twice,"]),
        ('"Line one\nline two" is split', []),
    ],
)
def test_find_marks_pairs_quotes_and_skips_apostrophes(text, expected):
    assert marked(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "“We will not give up,” Macron said on Tuesday.",
        '"We will not give up," Macron said on Tuesday.',
        "Macron said on Tuesday: “We will not give up,”",
        "Macron said: 'We will not give up,' and left.",
    ],
)
def test_direct_quote_speaker_before_or_after(quotes_of, text):
    (quote,) = quotes_of(text)
    assert (quote.quote, quote.type, quote.speaker) == ("We will not give up,", "direct", "Emmanuel Macron")
    assert (quote.speaker_text, quote.speaker_actor, quote.speaker_code, quote.cue) == \
        ("Macron", "a1", "FRAGOV", "said")
    assert quote.date == "2022-02-10"


@pytest.mark.parametrize(("left", "right"), [("“", "”"), ('"', '"')])
def test_split_quote_takes_the_middle_speaker(quotes_of, left, right):
    text = f"Merkel was cautious. {left}The main thing,{right} she said, {left}is that the guns fall silent.{right}"
    first, second = quotes_of(text)
    assert (first.quote, second.quote) == ("The main thing,", "is that the guns fall silent.")
    assert first.type == second.type == "direct"
    assert first.speaker == second.speaker == "Angela Merkel"
    assert first.speaker_text == "she"


def test_multi_sentence_quote_is_one_direct_quote(quotes_of):
    text = "“The United States no longer makes empty threats. When I make promises, I keep them,” Trump said."
    (quote,) = quotes_of(text)
    assert quote.quote == "The United States no longer makes empty threats. When I make promises, I keep them,"
    assert (quote.type, quote.speaker, quote.cue) == ("direct", "Donald Trump", "said")


@pytest.mark.parametrize(
    ("text", "fragment", "cue"),
    [
        ("Macron stated that the session was “rich and substantive,” adding more.", "rich and substantive,", "stated"),
        ('Putin called the mutiny "treason" in an address.', "treason", "called"),
        ("“Security for everyone” was the message that Macron posted online.", "Security for everyone", "posted"),
    ],
)
def test_partial_quote_goes_to_the_speech_verb_subject(quotes_of, text, fragment, cue):
    quote = next(q for q in quotes_of(text) if q.type != "indirect")
    assert (quote.quote, quote.type, quote.cue) == (fragment, "partial", cue)
    assert quote.speaker in ("Emmanuel Macron", "Vladimir Putin")


def test_pronoun_in_reported_clause_takes_the_chain_subject(quotes_of):
    text = (
        "The French mandatory expressed similar sentiments to Ukrainian President Volodymyr Zelensky, "
        "writing that he urged for a “broad and demanding dialogue.”"
    )
    quote = next(q for q in quotes_of(text) if q.type == "partial")
    assert (quote.speaker, quote.speaker_text, quote.cue) == ("Emmanuel Macron", "he", "urged")


def test_standalone_quote_takes_the_next_sentence_subject(quotes_of):
    text = (
        "Putin spoke first.\n\n“There is no solution without dialogue.” "
        "The French mandatory expressed similar sentiments."
    )
    (quote,) = [q for q in quotes_of(text) if q.type == "direct"]
    assert (quote.speaker, quote.speaker_text, quote.cue) == ("Emmanuel Macron", "The French mandatory", "expressed")


def test_standalone_quote_takes_the_adjacent_quote_speaker(quotes_of):
    text = "“I obtained guarantees,” Macron stated, satisfied. “My aim was to freeze the game.”"
    first, second = quotes_of(text)
    assert second.quote == "My aim was to freeze the game."
    assert (second.type, second.speaker) == ("direct", first.speaker)
    assert first.speaker == "Emmanuel Macron"


def test_scare_quotes_without_a_speaker_are_left_out(quotes_of):
    assert quotes_of("The meeting was intended to find a way to “avoid war” in the region.") == []


@pytest.mark.parametrize(
    ("text", "clause", "cue"),
    [
        ("Merkel said the accord covered all the main issues.", "the accord covered all the main issues", "said"),
        ("Merkel warned that much work remained.", "much work remained", "warned"),
        ("The kingdom had consulted closely with Moscow, Merkel added.",
         "The kingdom had consulted closely with Moscow", "added"),
        ("In a statement, Putin urged both sides to show restraint.", "both sides to show restraint", "urged"),
    ],
)
def test_indirect_quote_is_the_reported_clause(quotes_of, text, clause, cue):
    (quote,) = quotes_of(text)
    assert (quote.quote, quote.type, quote.cue) == (clause, "indirect", cue)
    assert quote.speaker in ("Angela Merkel", "Vladimir Putin")
    assert text[quote.start : quote.end] == clause


def test_indirect_clause_stops_at_a_quote_mark_that_ends_it(quotes_of):
    types = {q.quote: q.type for q in quotes_of("Merkel said Cairo was prepared to send ground troops “if necessary”.")}
    assert types == {"Cairo was prepared to send ground troops": "indirect", "if necessary": "partial"}


def test_fragment_left_beside_a_partial_quote_is_not_a_quote(quotes_of):
    # the quoted words are their own record; "President Vladimir Putin was" says nothing on its own
    text = "Merkel said that President Vladimir Putin was 'ready for talks' with Ukraine."
    types = {q.quote: (q.type, q.speaker) for q in quotes_of(text)}
    assert types == {"ready for talks": ("partial", "Angela Merkel")}


@pytest.mark.parametrize(
    ("text", "clause", "cue"),
    [
        ("Merkel believes the accord will hold.", "the accord will hold", "believes"),
        ("It reflects Merkel's view that the accord will hold.", "the accord will hold", "view"),
        ("Merkel expressed the hope that the accord will hold.", "the accord will hold", "hope"),
        ("Merkel expressed confidence that the accord will hold.", "the accord will hold", "confidence"),
        ("It reflects Merkel's doubt that the accord will hold.", "the accord will hold", "doubt"),
        ("Merkel wrote in a letter that the accord will hold.", "the accord will hold", "wrote"),
        ("Merkel argued that the accord will hold.", "the accord will hold", "argued"),
    ],
)
def test_belief_and_written_attributions_are_indirect_quotes(quotes_of, text, clause, cue):
    (quote,) = quotes_of(text)
    assert (quote.quote, quote.type, quote.speaker, quote.cue) == (clause, "indirect", "Angela Merkel", cue)


def test_parenthetical_speech_verb_reports_the_clause_around_it(quotes_of):
    quotes = quotes_of("Whatever Merkel has won, officials said, might quickly come apart in the talks.")
    indirect = [(q.quote, q.cue) for q in quotes if q.type == "indirect"]
    assert ("might quickly come apart in the talks", "said") in indirect


def test_embedded_snippet_quote_takes_the_prefix_date(quotes_of):
    text = "Talks ended.\n\n20220208: AP: 'It will take time to get results,' Macron says after talks\n\nMore later."
    (quote,) = quotes_of(text)
    assert (quote.quote, quote.type, quote.speaker) == \
        ("It will take time to get results,", "direct", "Emmanuel Macron")
    assert (quote.date, quote.reported_by) == ("2022-02-08", "AP")


def test_embedded_post_without_marks_is_a_direct_quote(quotes_of):
    text = "Trump weighed in.\n20170606: @realDonaldTrump: Leaders pointed to Qatar - look!\nMore later."
    (quote,) = quotes_of(text, "2017-06-06")
    assert (quote.quote, quote.type, quote.date) == ("Leaders pointed to Qatar - look!", "direct", "2017-06-06")
    assert (quote.speaker, quote.speaker_text) == ("Donald Trump", "@realDonaldTrump")


def test_find_posts_rejects_impossible_dates():
    assert [p.date for p in find_posts("20221345: AP: no\n20230404: @nato: yes")] == ["2023-04-04"]


def test_ids_offsets_and_quote_spans(quotes_of):
    text = "“We agree,” Macron said. Merkel said the accord covered the main issues."
    quotes = quotes_of(text)
    assert [q.id for q in quotes] == ["q1", "q2"]
    assert all(text[q.start : q.end] == q.quote for q in quotes)
    assert quote_spans(quotes) == [(1, 10)]


def test_pronoun_without_actor_falls_back_to_recent_person(parsed):
    doc, article = parsed("Merkel arrived late. “We agree,” he said.")
    actors = [Actor(id="a1", text="Merkel", start=0, end=6, code="DEUGOV", name="Angela Merkel")]
    (quote,) = extract(doc, article, actors)
    assert (quote.speaker, quote.speaker_actor, quote.speaker_text) == ("Angela Merkel", "a1", "he")


def test_speaker_without_actor_falls_back_to_entity(parsed):
    doc, article = parsed("“We agree,” Boris Johnson told reporters.")
    (quote,) = extract(doc, article, [])
    assert (quote.speaker, quote.speaker_actor) == ("Boris Johnson", None)


def test_seed_article_gold_quotes(shared_dir, parsed):
    seed = shared_dir / "benchmarks" / "seed"
    doc, article = parsed((seed / "seed_article.txt").read_text(encoding="utf-8"), None)
    quotes = extract(doc, article, actors_for(article.text))
    found = {q.quote.rstrip(",."): q for q in quotes}
    for gold in json.loads((seed / "seed_gold.json").read_text(encoding="utf-8"))["quotes"]:
        quote = found[gold["quote"].rstrip(",.")]
        assert (quote.type, quote.speaker) == (gold["type"], gold["speaker"])
        assert article.text[quote.start : quote.end] == quote.quote
    assert "avoid war" not in found


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("In an interview, Merkel said she plans to call on young people to serve.",
         "she plans to call on young people to serve"),
        ("In a letter to parents, Merkel called for more school investment.", "more school investment"),
        ("Polls show Merkel with a lead in the low single digits.", "Merkel with a lead in the low single digits"),
        ("Merkel said peace would not come until the occupation ended.",
         "peace would not come until the occupation ended"),
    ],
)
def test_intent_call_and_evidence_clauses_are_indirect_quotes(quotes_of, text, clause):
    assert [(q.quote, q.type) for q in quotes_of(text)] == [(clause, "indirect")]


def test_no_clause_for_an_object_with_its_own_subject_or_a_small_clause(quotes_of):
    assert quotes_of("The commission declared Merkel the winner of the vote.") == []
    text = "Merkel said she expected “five countries” to follow soon."
    assert [q.quote for q in quotes_of(text)] == ["five countries"]


def test_reported_clause_starts_after_its_verb(quotes_of):
    (quote,) = quotes_of("Jets struck what the military said were Hamas targets.")
    assert quote.quote == "were Hamas targets"


def test_closing_time_clause_is_left_out_deep_in_the_clause(quotes_of):
    texts = [q.quote for q in quotes_of("Merkel said he was ready to go after party leaders urged both men to resign.")]
    assert "he was ready to go" in texts

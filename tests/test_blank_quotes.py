"""The quotes stage's contract on hand-built parses (``spacy.blank("en")``, no trained pipeline) and
hand-made actor mentions: a marked quote's speaker is the subject of the speech verb governing it
(not its object), named by the actor it covers or by its own words; the ``ccomp`` of "said" is an
indirect quote; a quoted word after a verb of calling is a partial quote; a scare quote is none."""

from __future__ import annotations

import pytest

from blank_docs import blank_article, no_trained_model
from builders import actors_in
from eventlens import quotes

PEOPLE = {"Putin": ("RUSGOV", "Vladimir Putin"), "Zelensky": ("UKRGOV", "Volodymyr Zelensky")}


@pytest.fixture(scope="module", autouse=True)
def _no_trained_model():
    with no_trained_model():
        yield


def _quotes(text: str, parse: str):
    doc, article = blank_article(text, parse)
    found = quotes.extract(doc, article, actors_in(text, PEOPLE))
    assert all(article.text[q.start : q.end] == q.quote for q in found)
    return found


TOLD = """
"         PUNCT    punct  told
We        PRON     nsubj  win      we
will      AUX/MD   aux    win
win       VERB/VB  ccomp  told
,         PUNCT    punct  told
"         PUNCT    punct  told
Putin     PROPN    {putin}  told
told      VERB     ROOT   -        tell
Zelensky  PROPN    {zelensky}  told
.         PUNCT    punct  told
"""
TOLD_TEXT = '"We will win," Putin told Zelensky.'


def test_a_marked_quote_with_said_takes_the_subject_as_speaker():
    (quote,) = _quotes(TOLD_TEXT, TOLD.format(putin="nsubj", zelensky="dobj"))
    assert (quote.id, quote.type, quote.quote, quote.start) == ("q1", "direct", "We will win,", 1)
    assert (quote.speaker, quote.speaker_code, quote.speaker_actor, quote.cue) == \
        ("Vladimir Putin", "RUSGOV", "a1", "told")
    assert (quote.speaker_text, quote.speaker_start, quote.date) == ("Putin", TOLD_TEXT.index("Putin"), "2022-02-10")
    assert quotes.quote_spans([quote]) == [(1, 13)]


def test_the_speaker_follows_the_parse_not_the_word_order():
    """The same words with the roles swapped in the tree: the subject speaks, whoever it is."""
    (quote,) = _quotes(TOLD_TEXT, TOLD.format(putin="dobj", zelensky="nsubj"))
    assert (quote.speaker, quote.speaker_code, quote.speaker_actor) == ("Volodymyr Zelensky", "UKRGOV", "a2")


def test_a_speaker_no_actor_names_keeps_its_own_words():
    (quote,) = _quotes('"It is over," a spokesman said.', """
        "          PUNCT    punct  said
        It         PRON     nsubj  is     it
        is         AUX/VBZ  ccomp  said   be
        over       ADV      advmod is
        ,          PUNCT    punct  said
        "          PUNCT    punct  said
        a          DET      det    spokesman
        spokesman  NOUN     nsubj  said
        said       VERB     ROOT   -      say
        .          PUNCT    punct  said
        """)
    assert (quote.type, quote.quote, quote.speaker, quote.speaker_actor, quote.speaker_code) == \
        ("direct", "It is over,", "a spokesman", None, None)


def test_the_ccomp_of_said_is_an_indirect_quote_of_its_subject():
    text = "Zelensky said that Putin lied."
    (quote,) = _quotes(text, """
        Zelensky  PROPN  nsubj  said
        said      VERB   ROOT   -     say
        that      SCONJ  mark   lied
        Putin     PROPN  nsubj  lied
        lied      VERB   ccomp  said  lie
        .         PUNCT  punct  said
        """)
    assert (quote.type, quote.quote, quote.speaker, quote.speaker_code, quote.cue) == \
        ("indirect", "Putin lied", "Volodymyr Zelensky", "UKRGOV", "said")
    assert quotes.quote_spans([quote]) == []  # an indirect quote hides no verb from the events stage


def test_a_called_word_is_a_partial_quote_and_a_scare_quote_is_none():
    (quote,) = _quotes('Putin called the talks "useful".', """
        Putin   PROPN  nsubj  called
        called  VERB   ROOT   -       call
        the     DET    det    talks
        talks   NOUN   nsubj  useful  talk
        "       PUNCT  punct  useful
        useful  ADJ    oprd   called
        "       PUNCT  punct  useful
        .       PUNCT  punct  called
        """)
    assert (quote.type, quote.quote, quote.speaker, quote.cue) == ("partial", "useful", "Vladimir Putin", "called")
    assert _quotes('The "talks" failed.', """
        The     DET    det    talks
        "       PUNCT  punct  talks
        talks   NOUN   nsubj  failed  talk
        "       PUNCT  punct  talks
        failed  VERB   ROOT   -       fail
        .       PUNCT  punct  failed
        """) == []

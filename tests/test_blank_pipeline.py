"""Every stage in ``pipeline.analyse`` on one hand-built parse (``spacy.blank("en")``; the Resources
hold a blank pipeline, which ``analyse`` never calls): the stages meet without the trained model, and
the record is valid against the result schema with every offset on the article's text."""

from __future__ import annotations

import pytest
import spacy

from blank_docs import blank_article, no_trained_model
from eventlens import actors, ontology, pipeline, schema

TEXT = "MOSCOW, Jan. 1 - Russia condemned Ukraine on Monday, Putin said."
PARSE = """
MOSCOW     PROPN  npadvmod  said
,          PUNCT  punct     said
Jan.       PROPN  npadvmod  said
1          NUM    nummod    Jan.
-          PUNCT  punct     said
Russia     PROPN  nsubj     condemned
condemned  VERB   ccomp     said       condemn
Ukraine    PROPN  dobj      condemned
on         ADP    prep      condemned
Monday     PROPN  pobj      on
,          PUNCT  punct     said
Putin      PROPN  nsubj     said
said       VERB   ROOT      -          say
.          PUNCT  punct     said
"""
ENTS = {"MOSCOW": "GPE", "Russia": "GPE", "Ukraine": "GPE", "Putin": "PERSON"}


@pytest.fixture(scope="module", autouse=True)
def _no_trained_model():
    with no_trained_model():
        yield


@pytest.fixture(scope="module")
def result():
    res = pipeline.Resources(nlp=spacy.blank("en"), lexicon=actors.load_lexicon(), ontology=ontology.load())
    doc, article = blank_article(TEXT, PARSE, ENTS)
    return pipeline.analyse(doc, article, res)


def test_the_stages_meet_on_a_blank_doc(result):
    assert [(a.id, a.text, a.code) for a in result.actors] == \
        [("a1", "Russia", "RUS"), ("a2", "Ukraine", "UKR"), ("a3", "Putin", "RUSGOV")]
    (event,) = result.events
    assert (event.code, event.source_actor, event.target_actor, event.date, event.date_text) == \
        ("111", "a1", "a2", "2022-02-07", "Monday")
    assert event.location is not None and (event.location.name, event.location.country) == ("Moscow", "RUS")
    (quote,) = result.quotes
    assert (quote.type, quote.quote, quote.speaker_actor) == ("indirect", "Russia condemned Ukraine on Monday", "a3")
    assert [(d.text, d.value) for d in result.dates] == [("Jan. 1", "2022-01-01"), ("Monday", "2022-02-07")]


def test_the_record_is_valid_and_its_offsets_are_the_texts(result):
    assert result.date == "2022-02-10" and result.text == TEXT
    assert schema.problems(result.to_dict(), TEXT) == []

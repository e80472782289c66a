"""The actor stage's contract on hand-built parses (``spacy.blank("en")``, no trained pipeline):
dictionary codes for countries and titled persons, coreference of a pronoun, the article date
choosing a dated code, and a capital read as a government or as a place by its dependency."""

from __future__ import annotations

import pytest

from blank_docs import blank_article, no_trained_model
from eventlens import actors


@pytest.fixture(scope="module", autouse=True)
def _no_trained_model():
    with no_trained_model():
        yield


@pytest.fixture(scope="module")
def lexicon():
    return actors.load_lexicon()


PUTIN = """
President  PROPN  compound  Putin
Vladimir   PROPN  compound  Putin
Putin      PROPN  nsubj     met
met        VERB   ROOT      -       meet
Ukraine    PROPN  dobj      met
.          PUNCT  punct     met
He         PRON   nsubj     said    he
said       VERB   ROOT      -       say
Russia     PROPN  nsubj     wanted
wanted     VERB   ccomp     said    want
peace      NOUN   dobj      wanted
.          PUNCT  punct     said
"""
PUTIN_TEXT = "President Vladimir Putin met Ukraine. He said Russia wanted peace."
PUTIN_ENTS = {"Vladimir Putin": "PERSON", "Ukraine": "GPE", "Russia": "GPE"}


def _rows(found):
    return [(a.text, a.code, a.name, a.kind) for a in found]


def test_titled_dictionary_person_and_countries_are_coded(lexicon):
    doc, article = blank_article(PUTIN_TEXT, PUTIN, PUTIN_ENTS)
    found = actors.extract(doc, article, lexicon)
    assert [a.id for a in found] == ["a1", "a2", "a3", "a4"]
    assert _rows(found) == [
        ("President Vladimir Putin", "RUSGOV", "Vladimir Putin", "person"),
        ("Ukraine", "UKR", "Ukraine", "country"),
        ("He", "RUSGOV", "Vladimir Putin", "pronoun"),
        ("Russia", "RUS", "Russia", "country"),
    ]
    assert found[0].rule == "supplement:VLADIMIR_PUTIN_"
    assert all(article.text[a.start : a.end] == a.text for a in found)


def test_pronoun_after_a_person_points_back_to_them(lexicon):
    doc, article = blank_article(PUTIN_TEXT, PUTIN, PUTIN_ENTS)
    he = next(a for a in actors.extract(doc, article, lexicon) if a.text == "He")
    assert (he.ref, he.rule, he.start) == ("a1", "coref:pronoun", PUTIN_TEXT.index("He"))


@pytest.mark.parametrize("date, code", [("2021-01-05", "GBRGOV"), ("2023-01-05", "GBRELI")])
def test_the_article_date_picks_the_dated_code(lexicon, date, code):
    doc, article = blank_article("Boris Johnson criticised the plan.", """
        Boris       PROPN  compound  Johnson
        Johnson     PROPN  nsubj     criticised
        criticised  VERB   ROOT      -          criticise
        the         DET    det       plan
        plan        NOUN   dobj      criticised
        .           PUNCT  punct     criticised
        """, {"Boris Johnson": "PERSON"}, date=date)
    assert _rows(actors.extract(doc, article, lexicon)) == [("Boris Johnson", code, "Boris Johnson", "person")]


def test_a_capital_speaking_is_its_government_but_the_object_of_in_is_a_place(lexicon):
    text = "Moscow said talks in Moscow failed."
    doc, article = blank_article(text, """
        Moscow  PROPN  nsubj  said
        said    VERB   ROOT   -       say
        talks   NOUN   nsubj  failed  talk
        in      ADP    prep   talks
        Moscow  PROPN  pobj   in
        failed  VERB   ccomp  said    fail
        .       PUNCT  punct  said
        """, {"Moscow": "GPE", "Moscow#2": "GPE"})
    found = actors.extract(doc, article, lexicon)
    assert [(a.text, a.start, a.code, a.kind) for a in found] == [("Moscow", 0, "RUSGOV", "metonym")]


def test_a_name_no_dictionary_knows_is_no_actor(lexicon):
    doc, article = blank_article("John Quincy Example criticised the plan.", """
        John        PROPN  compound  Example
        Quincy      PROPN  compound  Example
        Example     PROPN  nsubj     criticised
        criticised  VERB   ROOT      -          criticise
        the         DET    det       plan
        plan        NOUN   dobj      criticised
        .           PUNCT  punct     criticised
        """, {"John Quincy Example": "PERSON"})
    assert actors.extract(doc, article, lexicon) == []

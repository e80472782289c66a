"""The places stage's contract on hand-built parses (``spacy.blank("en")``, no trained pipeline): the
object of "in" is a place with its gazetteer entry, a subject is none, a dateline is the dateline
place, a shared name goes to the country the article names, and ``locate`` places each event at the
place of its clause, else at the dateline."""

from __future__ import annotations

import pytest

from blank_docs import blank_article, no_trained_model
from builders import event_at
from eventlens import places


@pytest.fixture(scope="module", autouse=True)
def _no_trained_model():
    with no_trained_model():
        yield


def _places(text: str, parse: str, ents: dict[str, str]):
    doc, article = blank_article(text, parse, ents)
    found = places.extract(doc, article)
    assert all(article.text[p.start : p.end] == p.text for p in found)
    return found


def test_the_object_of_in_is_a_place_in_its_country():
    text = "Russia and Ukraine held talks in Moscow."
    (moscow,) = _places(text, """
        Russia   PROPN  nsubj  held
        and      CCONJ  cc     Russia
        Ukraine  PROPN  conj   Russia
        held     VERB   ROOT   -     hold
        talks    NOUN   dobj   held  talk
        in       ADP    prep   held
        Moscow   PROPN  pobj   in
        .        PUNCT  punct  held
        """, {"Russia": "GPE", "Ukraine": "GPE", "Moscow": "GPE"})
    assert (moscow.text, moscow.start, moscow.name, moscow.country, moscow.role) == \
        ("Moscow", text.index("Moscow"), "Moscow", "RUS", "place")
    assert moscow.lat == pytest.approx(55.75, abs=0.1) and moscow.lon == pytest.approx(37.62, abs=0.1)


def test_a_capital_as_subject_is_no_place():
    assert _places("Moscow said it would fight.", """
        Moscow  PROPN    nsubj  said
        said    VERB     ROOT   -      say
        it      PRON     nsubj  fight
        would   AUX/MD   aux    fight
        fight   VERB/VB  ccomp  said
        .       PUNCT    punct  said
        """, {"Moscow": "GPE"}) == []


DATELINE = "MOSCOW, Jan. 1 - Russia attacked Ukraine. Ukraine shelled a town near Kharkiv."
DATELINE_PARSE = """
MOSCOW    PROPN  npadvmod  attacked
,         PUNCT  punct     attacked
Jan.      PROPN  npadvmod  attacked
1         NUM    nummod    Jan.
-         PUNCT  punct     attacked
Russia    PROPN  nsubj     attacked
attacked  VERB   ROOT      -         attack
Ukraine   PROPN  dobj      attacked
.         PUNCT  punct     attacked
Ukraine   PROPN  nsubj     shelled
shelled   VERB   ROOT      -         shell
a         DET    det       town
town      NOUN   dobj      shelled
near      ADP    prep      town
Kharkiv   PROPN  pobj      near
.         PUNCT  punct     shelled
"""
DATELINE_ENTS = {"MOSCOW": "GPE", "Russia": "GPE", "Ukraine": "GPE", "Ukraine#2": "GPE", "Kharkiv": "GPE"}


def test_a_dateline_is_the_dateline_place():
    found = _places(DATELINE, DATELINE_PARSE, DATELINE_ENTS)
    assert [(p.text, p.start, p.name, p.country, p.role) for p in found] == [
        ("MOSCOW", 0, "Moscow", "RUS", "dateline"),
        ("Kharkiv", DATELINE.index("Kharkiv"), "Kharkiv", "UKR", "place"),
    ]


@pytest.mark.parametrize("country, code", [("Lebanon", "LBN"), ("Libya", "LBY")])
def test_a_shared_name_goes_to_the_country_the_article_names(country, code):
    (tripoli,) = _places(f"{country} said fighting in Tripoli went on.", f"""
        {country}  PROPN  nsubj  said
        said      VERB   ROOT   -         say
        fighting  NOUN   nsubj  went
        in        ADP    prep   fighting
        Tripoli   PROPN  pobj   in
        went      VERB   ccomp  said      go
        on        ADP    prt    went
        .         PUNCT  punct  said
        """, {country: "GPE", "Tripoli": "GPE"})
    assert (tripoli.name, tripoli.country) == ("Tripoli", code)


def test_locate_takes_the_clause_place_else_the_dateline():
    doc, article = blank_article(DATELINE, DATELINE_PARSE, DATELINE_ENTS)
    found = places.extract(doc, article)
    events = [event_at(doc, article, "attacked"), event_at(doc, article, "shelled")]
    located = places.locate(events, found, doc, article)
    assert [(e.trigger, e.location and (e.location.text, e.location.name, e.location.country)) for e in located] == [
        ("attacked", ("MOSCOW", "Moscow", "RUS")),
        ("shelled", ("Kharkiv", "Kharkiv", "UKR")),
    ]

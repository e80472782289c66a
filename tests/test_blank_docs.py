"""The hand-built parses of ``blank_docs`` are what the stages would get from ``parse``: the text of
``parse_text(article)`` (date header blanked, offsets kept), the heads, labels and entities the table
says; and the guard really stops a trained pipeline from loading."""

from __future__ import annotations

import pytest
import spacy

import eventlens.parse
from blank_docs import TrainedModelCalled, blank_article, blank_doc, no_trained_model
from eventlens.parse import doc_text, parse_text, sentence_starts


def test_doc_is_the_parse_text_with_the_header_blanked():
    text = "date 2022-03-01\nRussia condemned Ukraine."
    doc, article = blank_article(text, """
        Russia     PROPN  nsubj  condemned
        condemned  VERB   ROOT   -          condemn
        Ukraine    PROPN  dobj   condemned
        .          PUNCT  punct  condemned
        """, {"Ukraine": "GPE"}, date=None)
    assert article.date.isoformat() == "2022-03-01" and article.body_start == text.index("Russia")
    assert doc.text == parse_text(article) == doc_text(doc) and len(doc.text) == len(text)
    russia = next(t for t in doc if t.text == "Russia")
    assert russia.idx == text.index("Russia")
    assert (russia.dep_, russia.head.lemma_, russia.tag_, russia.pos_) == ("nsubj", "condemn", "NNP", "PROPN")
    assert [(e.text, e.label_, e.start_char) for e in doc.ents] == [("Ukraine", "GPE", text.index("Ukraine"))]


def test_two_roots_are_two_sentences_and_line_breaks_hang_on_the_token_before():
    doc = blank_doc("He left.\n\nShe stayed.", """
        He      PRON   nsubj  left
        left    VERB   ROOT   -       leave
        .       PUNCT  punct  left
        She     PRON   nsubj  stayed
        stayed  VERB   ROOT   -       stay
        .       PUNCT  punct  stayed
        """)
    assert [s.text for s in doc.sents] == ["He left.\n\n", "She stayed."]
    assert doc[3].is_space and doc[3].head.i == 2
    assert sentence_starts(doc) == [0, 0, 0, 0, 4, 4, 4]
    assert doc[2].tag_ == "." and doc[4].lemma_ == "she" and doc[1].lemma_ == "leave"


def test_a_table_that_does_not_match_the_tokens_is_refused():
    with pytest.raises(ValueError, match="table words"):
        blank_doc("Russia didn't go.", "Russia PROPN nsubj go\ndid AUX aux go\nnot PART neg go\ngo VERB ROOT -")
    with pytest.raises(ValueError, match="head 'went'"):
        blank_doc("Russia left.", "Russia PROPN nsubj went\nleft VERB ROOT -\n. PUNCT punct left")


def test_the_guard_refuses_a_trained_pipeline():
    with no_trained_model():
        with pytest.raises(TrainedModelCalled):
            eventlens.parse.load_nlp("en_core_web_sm")
        with pytest.raises(TrainedModelCalled):
            spacy.load("en_core_web_sm")
        assert spacy.blank("en")("two words").text == "two words"  # a blank pipeline is allowed
    assert eventlens.parse.load_nlp.__wrapped__.__name__ == "load_nlp"  # the cached loader is back
    assert spacy.load.__module__ == "spacy"

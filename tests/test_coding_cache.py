"""The events stage's per-document token facts (``coding.tokenfacts.DocFacts``): every memoised answer
is the answer of the function it stands for, and the stage codes the same with and without it."""

from __future__ import annotations

import pytest

from builders import actors_in
from eventlens import events
from eventlens.events.learned import candidates, features, model_events, recode
from eventlens.events.lexicon import load_lexicon
from eventlens.events.mentions import ActorIndex, phrases_actors
from eventlens.events.modality import is_conditional, modality_of
from eventlens.events.syntax import clause_of, in_spans, sentence_segments, subject_of
from eventlens.events.tokenfacts import DocFacts
from eventlens.events.verbs import matching_rule, verb_rules
from test_events import ACTORS

TEXT = (
    "MOSCOW, March 3 - Russia said on Monday it would not withdraw its troops from Ukraine.\n"
    'Putin "firmly condemns the sanctions", and France urged Germany to cut off gas if Iran attacks.\n'
    "Macron and Scholz met in Paris and accused each other of stalling, while NATO did not respond.\n\n"
    "Zelensky called the move a mistake; Britain expelled four Russian diplomats and cordoned off the embassy."
)


@pytest.fixture(scope="module")
def model():
    return events.load_event_model()


@pytest.fixture()
def setting(parsed):
    doc, article = parsed(TEXT)
    actors = actors_in(article.text, ACTORS, kind="country")
    quote = TEXT.index('"firmly')
    spans = ((quote, TEXT.index('",') + 1),)
    index = ActorIndex(actors)
    return doc, actors, spans, index, DocFacts(doc, spans, index)


def test_every_token_answer_is_the_functions_answer(setting):
    doc, _, spans, index, facts = setting
    lex = load_lexicon()
    lemmas, lowers, pos, alpha = facts.columns()
    segments = sentence_segments(doc)
    for sent in segments:
        for token in sent:
            assert facts.skipped(token) == in_spans(token, spans)
            assert facts.has_actor(token) == (index.at(token) is not None)
            assert (lemmas[token.i], lowers[token.i], pos[token.i], alpha[token.i]) == \
                (token.lemma_.lower(), token.lower_, token.pos_, token.is_alpha)
            assert facts.conditional(token) == is_conditional(token)
            assert facts.modality(token) == modality_of(token)
            assert facts.subject(token) == subject_of(token)
            assert facts.clause(token) == [t.i for t in clause_of(token)]
            assert facts.is_actor_phrase(token) == bool(phrases_actors([token], index))
            for table in (lex.verbs, lex.fallback):
                assert facts.rules(token, table) == verb_rules(token, table)
                assert facts.rule(token, sent, table) == matching_rule(token, sent, verb_rules(token, table))
        assert facts.any_actor(sent) == any(index.at(t) is not None for t in sent)
    assert any(facts.conditional(t) for t in doc)  # the text has a condition to find


def test_answers_are_kept_not_recomputed(setting):
    doc, *_, facts = setting
    verb = next(t for t in doc if t.lemma_ == "withdraw")
    assert facts.clause(verb) is facts.clause(verb)
    assert facts.subject(verb) is facts.subject(verb)


def _segments_token_by_token(doc):
    """Sentences cut at line breaks, whitespace-only pieces left out, read Token by Token."""
    out = []
    for sent in doc.sents:
        start = sent.start
        for t in sent:
            if t.is_space and "\n" in t.text:
                if t.i > start:
                    out.append(doc[start : t.i])
                start = t.i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return [(s.start, s.end) for s in out if s.text.strip()]


def test_segments_and_candidates_read_from_columns_are_the_same(setting):
    doc, _, spans, _, facts = setting
    segments = sentence_segments(doc)
    assert [(s.start, s.end) for s in segments] == _segments_token_by_token(doc)
    for sent in segments:
        assert candidates(sent, spans, facts) == candidates(sent, spans)


def test_model_features_and_events_are_the_same_with_facts(setting, model):
    doc, _, spans, index, facts = setting
    lex = events.load_lexicon()
    for sent in sentence_segments(doc):
        for token in candidates(sent, spans):
            assert features(token, sent, lex, index, facts) == features(token, sent, lex, index)
        assert model_events(sent, model, lex, index, spans, facts=facts) == model_events(sent, model, lex, index, spans)
    found = events.find(doc, index.actors, lex, spans)
    dictionary = [f for f in found if f.rule.startswith("dict:")]
    assert recode(dictionary, model, lex, index, facts=facts) == recode(dictionary, model, lex, index)


def test_facts_hold_no_state_between_documents(parsed):
    """A fresh DocFacts per document: nothing of one article is kept for the next."""
    first, _ = parsed("Russia attacked Ukraine.")
    second, _ = parsed("France would not sanction Iran if Germany objected.")
    index = ActorIndex([])
    a, b = DocFacts(first, (), index), DocFacts(second, (), index)
    verb = second[3]
    assert b.modality(verb) == modality_of(verb)
    assert a.columns()[1] == [t.lower_ for t in first]
    assert b.columns()[1] == [t.lower_ for t in second]


def test_an_empty_document(nlp):
    doc = nlp("")
    facts = DocFacts(doc, ((0, 5),), ActorIndex([]))
    assert facts.columns() == ([], [], [], [])
    assert sentence_segments(doc) == []

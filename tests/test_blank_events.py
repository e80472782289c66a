"""The events stage's contract on hand-built parses (``spacy.blank("en")``, no trained pipeline) and
hand-made actor mentions, the verb rules alone (``model=None``): a subject and an object of a coded
verb give a CAMEO event between their actors; negation, a modal and a skipped (quoted) span give
none; the passive swaps source and target; ``principal_only`` keeps one event of a shared act."""

from __future__ import annotations

import pytest

from blank_docs import blank_article, no_trained_model
from builders import actors_in
from eventlens import events, ontology

COUNTRIES = {"Russia": ("RUS", "Russia"), "Ukraine": ("UKR", "Ukraine"), "Belarus": ("BLR", "Belarus")}


@pytest.fixture(scope="module", autouse=True)
def _no_trained_model():
    with no_trained_model():
        yield


@pytest.fixture(scope="module")
def table():
    return ontology.load()


def _events(text: str, parse: str, ontology_table, **options):
    doc, _ = blank_article(text, parse)
    return events.extract(doc, actors_in(text, COUNTRIES, kind="country"), ontology_table, model=None, **options)


CONDEMNED = """
Russia     PROPN  nsubj  condemned
condemned  VERB   ROOT   -          condemn
Ukraine    PROPN  dobj   condemned
.          PUNCT  punct  condemned
"""


def test_subject_and_object_of_condemn_give_a_111_event(table):
    (event,) = _events("Russia condemned Ukraine.", CONDEMNED, table)
    assert (event.id, event.code, event.source, event.target, event.source_actor, event.target_actor) == \
        ("e1", "111", "RUS", "UKR", "a1", "a2")
    assert (event.root, event.plover, event.quad_class, event.goldstein) == ("11", "ACCUSE", 3, -2.0)
    assert (event.trigger, event.trigger_start, event.evidence) == ("condemned", 7, "Russia condemned Ukraine.")
    assert event.date == "unknown" and event.location is None


@pytest.mark.parametrize("text, parse", [
    ("Russia did not condemn Ukraine.", """
        Russia   PROPN   nsubj  condemn
        did      AUX     aux    condemn  do
        not      PART    neg    condemn
        condemn  VERB/VB ROOT   -
        Ukraine  PROPN   dobj   condemn
        .        PUNCT   punct  condemn
        """),
    ("Russia may attack Ukraine.", """
        Russia   PROPN    nsubj  attack
        may      AUX/MD   aux    attack
        attack   VERB/VB  ROOT   -
        Ukraine  PROPN    dobj   attack
        .        PUNCT    punct  attack
        """),
], ids=["negated", "modal"])
def test_a_negated_or_modal_verb_states_no_event(table, text, parse):
    assert _events(text, parse, table) == []


def test_the_same_verb_without_neg_child_is_coded(table):
    """The control of the negated case: only the ``neg`` child differs ("did condemn")."""
    (event,) = _events("Russia did condemn Ukraine.", """
        Russia   PROPN   nsubj  condemn
        did      AUX     aux    condemn  do
        condemn  VERB/VB ROOT   -
        Ukraine  PROPN   dobj   condemn
        .        PUNCT   punct  condemn
        """, table)
    assert (event.code, event.source, event.target) == ("111", "RUS", "UKR")


def test_the_passive_agent_is_the_source(table):
    (event,) = _events("Ukraine was attacked by Russia.", """
        Ukraine   PROPN     nsubjpass  attacked
        was       AUX       auxpass    attacked  be
        attacked  VERB/VBN  ROOT       -         attack
        by        ADP       agent      attacked
        Russia    PROPN     pobj       by
        .         PUNCT     punct      attacked
        """, table)
    assert (event.code, event.quad_class, event.source, event.target) == ("190", 4, "RUS", "UKR")
    assert (event.source_actor, event.target_actor) == ("a2", "a1")


def test_a_skipped_span_hides_its_verb(table):
    text = "Russia attacked Ukraine."
    parse = """
        Russia    PROPN  nsubj  attacked
        attacked  VERB   ROOT   -         attack
        Ukraine   PROPN  dobj   attacked
        .         PUNCT  punct  attacked
        """
    assert [e.code for e in _events(text, parse, table)] == ["190"]
    assert _events(text, parse, table, skip_spans=[(0, len(text))]) == []


def test_principal_only_keeps_the_first_of_a_shared_act(table):
    text = "Russia and Belarus condemned Ukraine."
    parse = """
        Russia     PROPN  nsubj  condemned
        and        CCONJ  cc     Russia
        Belarus    PROPN  conj   Russia
        condemned  VERB   ROOT   -          condemn
        Ukraine    PROPN  dobj   condemned
        .          PUNCT  punct  condemned
        """
    each = _events(text, parse, table)
    assert [(e.source, e.target, e.code) for e in each] == [("RUS", "UKR", "111"), ("BLR", "UKR", "111")]
    principal = _events(text, parse, table, principal_only=True)
    assert [(e.source, e.target, e.code) for e in principal] == [("RUS", "UKR", "111")]


def test_the_event_models_features_of_a_trigger(table):
    """The feature strings the learned layer reads for "condemned": lemma, part of speech, its
    subject and object (both coded actors), voice, modality and the words around it."""
    from eventlens.events.learned import features
    from eventlens.events.mentions import ActorIndex
    from eventlens.events.syntax import sentence_segments

    text = "Russia sharply condemned Ukraine on Monday."
    doc, _ = blank_article(text, """
        Russia     PROPN    nsubj   condemned
        sharply    ADV      advmod  condemned
        condemned  VERB/VBD ROOT    -          condemn
        Ukraine    PROPN    dobj    condemned
        on         ADP      prep    condemned
        Monday     PROPN    pobj    on
        .          PUNCT    punct   condemned
        """, ents={"Monday": "DATE"})
    index = ActorIndex(actors_in(text, COUNTRIES, kind="country"))
    (sent,) = sentence_segments(doc)
    found = features(doc[2], sent, None, index)
    for expected in ("L=condemn", "P=VERB", "T=VBD", "LD=condemn|ROOT", "LO=condemn|ukraine", "OK=A",
                     "S=nsubj|A", "LS=condemn|russia", "LP=condemn|on", "LPO=condemn|on|monday", "PK=on|DATE",
                     "MOD=ok", "SUBJ=own|A", "C=sharply", "W-=russia", "W+=ukraine"):
        assert expected in found, expected
    assert "PASSIVE" not in found and "REPORTED" not in found and not any(f.startswith("H=") for f in found)

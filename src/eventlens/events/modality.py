"""Whether a verb states a real event: negation, modals, conditions, non-factual complements."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from eventlens.events.syntax import conj_top, has_aux, has_subject
from eventlens.events.words import WORDS
from eventlens.text.speech import is_neutral_speech

MODALS = WORDS.frozenset_of("modality", "modals")
INTENT_MODALS = WORDS.frozenset_of("modality", "intent_modals")
# Negation tokens: spaCy's "n't" is a clitic, not a word of data/events/words.toml, so the list stays here.
NEGATORS = frozenset({"not", "n't", "never", "no"})
CONDITIONAL_MARKS = WORDS.frozenset_of("modality", "conditional_marks")
FACTUAL_XCOMP_HEADS = WORDS.frozenset_of("modality", "factual_xcomp_heads")
NONFACTUAL_CCOMP_HEADS = WORDS.frozenset_of("modality", "nonfactual_ccomp_heads")


def modality_of(verb: Token, conditional: Callable[[Token], bool] | None = None) -> str:
    """``ok``, ``intent`` (will/would in reported speech) or ``blocked`` (negated, modal, conditional ...).

    conditional: answers ``is_conditional`` (a per-document memo may stand in for it).
    """
    if _negated(verb) or verb.dep_ in ("amod", "acl", "csubj") or (conditional or is_conditional)(verb):
        return "blocked"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in FACTUAL_XCOMP_HEADS:
        return "blocked"
    top = conj_top(verb)
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in NONFACTUAL_CCOMP_HEADS:
        return "blocked"
    modals = _modals(verb)
    if not modals:
        return "ok"
    if modals <= INTENT_MODALS and speech_head(verb) is not None:
        return "intent"
    return "blocked"


def speech_head(verb: Token) -> Token | None:
    """The speech verb whose that-clause the verb (or its coordination chain) is: "said (that) X would ..."."""
    top = conj_top(verb)
    if top.dep_ == "ccomp" and is_neutral_speech(top.head):
        return top.head
    return None


def _negated(verb: Token) -> bool:
    """Whether the verb (or the verb whose subject and auxiliaries it shares) is negated."""
    for v in _shared_heads(verb):
        if any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in v.children if c.dep_ in ("neg", "advmod", "det")):
            return True
    return False


def _modals(verb: Token) -> set[str]:
    """The modal auxiliaries that govern the verb (shared through coordination)."""
    out: set[str] = set()
    for v in _shared_heads(verb):
        out |= {c.lower_ for c in v.children if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in MODALS)}
    return out


def _shared_heads(verb: Token) -> list[Token]:
    """The verb, plus the verbs it is coordinated with when it has no subject of its own."""
    chain = [verb]
    while chain[-1].dep_ == "conj" and not has_subject(chain[-1]) and not has_aux(chain[-1]):
        chain.append(chain[-1].head)
    return chain


def is_conditional(verb: Token) -> bool:
    """Whether the verb sits in (or heads) an if/unless clause."""
    node = verb
    while True:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head

"""Stated readiness as intent to cooperate: "Beijing was ready to develop relations with Kabul" (03x)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventlens.events.lexicon import Rule, refined_code, slot_word
from eventlens.events.mentions import ActorIndex
from eventlens.events.modality import modality_of
from eventlens.events.records import Found, pair_actors
from eventlens.events.syntax import clause_of
from eventlens.events.verbs import verb_sources, verb_targets

READINESS_CONFIDENCE = 0.55


def readiness_candidates(adj: Token, sent: Span, rule: Rule, index: ActorIndex) -> list[Found]:
    """Events of an adjective rule: the copula's subject intends what the infinitive says, toward its object."""
    action = next((c for c in adj.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    copula = adj.head
    if adj.dep_ != "acomp" or action is None or modality_of(copula) != "ok":
        return []
    code = refined_code(rule, clause_of(action))
    if code is None:
        return []
    sources, inherited = verb_sources(copula, False, index, sent)
    targets = verb_targets(action, rule, False, index)
    confidence = READINESS_CONFIDENCE - (0.1 if inherited else 0.0)
    return pair_actors(sources, targets, rule, code, adj, sent, f"adj:{rule.lemma} {slot_word(rule)}", confidence)

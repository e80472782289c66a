"""Events stated by event nouns ("his summit with Putin", "a pledge from Putin")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventlens.events.lexicon import Rule, refined_code, slot_word
from eventlens.events.mentions import ActorIndex, phrases_actors
from eventlens.events.modality import NEGATORS, modality_of
from eventlens.events.records import Found, pair_actors
from eventlens.events.syntax import is_passive, pobjs
from eventlens.events.verbs import verb_sources
from eventlens.events.words import WORDS
from eventlens.models import Actor

LIGHT_VERBS = WORDS.frozenset_of("nouns", "light_verbs")
# Time phrases whose noun event is the clause's own ("met him during talks in Doha"). An event
# before or after the clause's is someone else's ("imposed a curfew after the riots") unless a
# possessive pronoun makes it the subject's own ("After his summit with Putin, Macron said ...").
FRAME_PREPS = WORDS.frozenset_of("nouns", "frame_preps")
SEQUENCE_PREPS = WORDS.frozenset_of("nouns", "sequence_preps")
OWN_PRONOUNS = WORDS.frozenset_of("nouns", "own_pronouns")


def noun_candidates(noun: Token, sent: Span, rules: list[Rule], index: ActorIndex) -> list[Found]:
    """Events coded from an event noun ("his summit with Putin", "a pledge from Putin")."""
    if any(c.lower_ in NEGATORS for c in noun.children if c.dep_ in ("det", "neg")):
        return []
    anchor = _noun_anchor(noun)
    keys = [noun, *noun.subtree, *([anchor] if anchor is not None else [])]
    rule = next((r for r in rules if refined_code(r, keys) is not None), rules[0])
    code, why = _noun_code(rule, keys, anchor)
    if code is None:
        return []
    sources = _noun_sources(noun, rule, anchor, index)
    light = anchor if anchor is not None and is_light(anchor) else None
    targets = phrases_actors(_noun_preps(noun, rule.target, light), index)
    confidence = 0.45 if why == "intent" else 0.6
    label = f"noun:{rule.lemma} {'via ' + light.lemma_.lower() + ' ' if light is not None else ''}{why}"
    return pair_actors(sources, targets, rule, code, noun, sent, label.strip(), confidence)


def _noun_code(rule: Rule, keys: list[Token], anchor: Token | None) -> tuple[str | None, str]:
    """The code of an event noun (refined by ``keys``: the noun phrase and its anchor verb) given the
    modality of its anchor verb, with a word saying why."""
    code = refined_code(rule, keys)
    modality = modality_of(anchor) if anchor is not None else "ok"
    if code is None or modality == "blocked":
        return None, ""
    if modality == "intent":
        return (rule.intent, "intent") if rule.intent else (None, "")
    return code, slot_word(rule)


def is_light(verb: Token) -> bool:
    """Whether a verb is a light verb, by lemma or, where the lemmatiser slipped ("staged" -> "stag"),
    by its inflected form."""
    word = verb.lower_
    forms = {verb.lemma_.lower(), word, word.removesuffix("d"), word.removesuffix("ed"), word.removesuffix("s")}
    return bool(forms & LIGHT_VERBS)


def _noun_anchor(noun: Token) -> Token | None:
    """The verb whose subject performs the noun's event: a light verb or the clause of a time phrase."""
    if noun.dep_ == "dobj" and is_light(noun.head):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX") and (
            noun.head.lower_ in FRAME_PREPS or noun.head.lower_ in SEQUENCE_PREPS and _own(noun)):
        return noun.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "on" and noun.head.head.lemma_.lower() == "go":
        return noun.head.head  # "went on strike"
    return None


def _own(noun: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in noun.children)


def _noun_sources(noun: Token, rule: Rule, anchor: Token | None, index: ActorIndex) -> list[Actor]:
    """Source of a noun event: a from/by phrase, else the possessor, else the anchor verb's subject."""
    governor = noun.head if noun.dep_ == "dobj" else None  # "received a pledge from Putin"
    by_prep = phrases_actors(_noun_preps(noun, rule.source, governor), index)
    if by_prep:
        return by_prep
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners and (found := phrases_actors(owners, index)):
        return found
    if anchor is not None:
        return verb_sources(anchor, is_passive(anchor), index)[0]
    return []


def _noun_preps(noun: Token, preps: Sequence[str], verb: Token | None) -> list[Token]:
    """Objects of the listed prepositions on the noun, else on the verb that governs it."""
    for prep in preps:
        found = pobjs(noun, prep) or (pobjs(verb, prep) if verb is not None else [])
        if found:
            return found
    return []

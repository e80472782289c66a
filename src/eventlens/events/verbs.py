"""Events stated by a verb under a TOML rule: its code, source and target."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from eventlens.events import verbdicts
from eventlens.events.lexicon import Lexicon, Rule, refined_code, slot_word
from eventlens.events.meetings import situate
from eventlens.events.mentions import (
    PLACE_PREPS,
    ActorIndex,
    acted_on,
    located_target,
    nearest_actor_phrase,
    phrases_actors,
    same_actor,
)
from eventlens.events.modality import is_conditional, modality_of, speech_head
from eventlens.events.records import Found, pair_actors
from eventlens.events.syntax import (
    SUBJECT_DEPS,
    any_prep_objects,
    clause_of,
    dateline_end,
    free_relative_heads,
    has_particle,
    has_subject,
    is_passive,
    naming_parts,
    objects_of,
    prep_objects,
    sentence_words,
    subject_of,
)
from eventlens.models import Actor


def verb_rules(token: Token, rules: Lexicon) -> list[Rule]:
    """Rules for a verb token, looked up by lemma, then by its lower-cased text."""
    return rules.get(token.lemma_.lower()) or rules.get(token.lower_) or []


def matching_rule(verb: Token, sent: Span, rules: list[Rule],
                  forms: Callable[[Span], verbdicts.Words] | None = None) -> Rule | None:
    """The first rule of ``verb`` whose conditions hold in the sentence; a rule that fires only when
    refined gives way (to the next rule or the fallback dictionary) when no keyword matched.

    forms: gives the sentence's words for multi-word verb forms (default ``sentence_words``).
    """
    return next((r for r in rules if _rule_applies(r, verb, sent, forms) and not _unrefined(r, verb)), None)


def _unrefined(rule: Rule, verb: Token) -> bool:
    """Whether a rule that needs a refine keyword finds none around ``verb``."""
    return rule.only_refined and rule.kind != "dictionary" and refined_code(rule, refine_tokens(verb)) is None


def verb_candidates(verb: Token, sent: Span, rule: Rule, index: ActorIndex) -> list[Found]:
    """Events a TOML rule codes for ``verb``, one per source-target pair."""
    code, why = verb_code(rule, verb)
    if code is None:
        return []
    passive = is_passive(verb)
    sources, inherited = verb_sources(verb, passive, index, sent)
    targets = verb_targets(verb, rule, passive, index) or located_target(verb, code, index)
    if why == "intent":
        sources, targets = _stated_intent_actors(verb, passive, sources, targets, index)
    confidence = (0.6 if inherited else 0.8) - (0.2 if why == "intent" else 0.0)
    label = f"verb:{rule.lemma} {'passive ' if passive else ''}{why}".strip()
    found = pair_actors(sources, targets, rule, code, verb, sent, label, confidence, mutual=not inherited)
    return situate(found, verb, index)


def _stated_intent_actors(verb: Token, passive: bool, sources: list[Actor], targets: list[Actor],
                          index: ActorIndex) -> tuple[list[Actor], list[Actor]]:
    """Actors of an intent stated in reported speech: an agentless passive ("said the case would be
    dropped") is the speaker's undertaking; a target-less one is aimed at the person told ("informed
    him that he would step down")."""
    speech = speech_head(verb)
    if speech is None:
        return sources, targets
    if passive and not sources:
        sources = verb_sources(speech, is_passive(speech), index)[0]
    if not targets:
        told = [c for c in speech.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"]
        targets = [a for a in phrases_actors(told, index) if all(not same_actor(a, s) for s in sources)]
    return sources, targets


def _rule_applies(rule: Rule, verb: Token, sent: Span | None = None,
                  forms: Callable[[Span], verbdicts.Words] | None = None) -> bool:
    """Whether the rule's particle, object and object-predicate conditions hold."""
    if rule.form is not None:
        if sent is None:
            return True
        words = forms(sent) if forms is not None else sentence_words(sent)
        return verbdicts.form_matches(rule.form, words, verb.i - sent.start)
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if particles and rule.needs not in particles:  # "call off" is not "call"
        return False
    if rule.needs and not has_particle(verb, rule.needs):
        return False
    if rule.oprd and naming_parts(verb)[1] is None:
        return False
    if rule.bare and any(c.dep_ == "dobj" for c in verb.children):  # "demonstrated its resolve"
        return False
    if rule.object:  # the object, or the predicate noun of a copular verb ("became a member")
        nouns = objects_of(verb) + [c for c in verb.children if c.dep_ == "attr"]
        return any(o.lemma_.lower() in rule.object for o in nouns)
    return True


def verb_code(rule: Rule, verb: Token) -> tuple[str | None, str]:
    """The code to emit (None when the verb states no real event) and a word saying why."""
    modality = modality_of(verb)
    if modality == "blocked" or (rule.intent_only and modality != "intent"):
        return None, ""
    code = refined_code(rule, refine_tokens(verb))
    if code is None:
        return None, ""
    if modality == "intent":
        return (rule.intent, "intent") if rule.intent else (None, "")
    return code, slot_word(rule)


def refine_tokens(verb: Token) -> list[Token]:
    """Tokens whose words refine a verb's code: its clause, plus a subject it shares with another verb
    ("protesters stormed the residence and set fire to it")."""
    tokens = clause_of(verb) + _deadline_infinitives(verb)
    subject, inherited = subject_of(verb)
    if inherited and subject is not None:
        tokens.extend(t for t in subject.subtree if t.dep_ not in ("relcl", "acl"))
    return sorted(tokens, key=lambda t: t.i)


def _deadline_infinitives(verb: Token) -> list[Token]:
    """"to leave" of "gave them 48 hours to leave": a subject-less to-infinitive hung on the verb or on
    one of its nouns, as its two words (so a keyword "hour to leave" can match)."""
    heads = [verb, *(c for c in verb.children if c.pos_ in ("NOUN", "PROPN"))]
    out: list[Token] = []
    for inf in (c for h in heads for c in h.children if c.dep_ in ("relcl", "advcl", "acl") and c.pos_ == "VERB"):
        to = [a for a in inf.children if a.dep_ == "aux" and a.lower_ == "to"]
        if to and not has_subject(inf):
            out.extend([to[0], inf])
    return out


def verb_sources(verb: Token, passive: bool, index: ActorIndex, sent: Span | None = None) -> tuple[list[Actor], bool]:
    """Source actors (the agent in the passive) and whether they were inherited from another verb."""
    if passive:
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        return phrases_actors(agents, index), False
    subject, inherited = subject_of(verb)
    dateline = dateline_end(sent) if sent is not None else None
    if sent is not None and dateline is not None and (subject is None or subject.i < dateline) and dateline < verb.i:
        return nearest_actor_phrase(sent.doc[dateline + 1 : verb.i], index), True
    return (phrases_actors([subject], index) if subject is not None else []), inherited


def verb_targets(verb: Token, rule: Rule, passive: bool, index: ActorIndex) -> list[Actor]:
    """Target actors from the rule's slots, first slot that yields an actor wins."""
    for slot in rule.target:
        heads = _slot_tokens(verb, slot, passive)
        groups = [heads] if slot in ("dobj", "dative", "ccomp") else [[h] for h in heads]  # nearest prep first
        for group in groups:
            if found := acted_on(phrases_actors(group, index)):
                return found
    if rule.object:  # e.g. "recalled its ambassador from Paris": look inside the object phrase
        return acted_on(phrases_actors(objects_of(verb), index, skip_possessive=True))
    return []


def _slot_tokens(verb: Token, slot: str, passive: bool) -> list[Token]:
    """Head tokens filling a target slot of the verb."""
    if slot == "dobj":
        if passive:
            return [c for c in verb.children if c.dep_ == "nsubjpass"]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        controlled = [s for c in verb.children if c.dep_ == "xcomp" for s in c.children if s.dep_ == "nsubj"]
        # "urged lawmakers to act" is often parsed with lawmakers under "act"
        return objects or controlled or free_relative_heads(verb)
    if slot == "dative":
        return [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    if slot == "ccomp":
        return [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECT_DEPS]
    if slot == "if":  # "warned that if Tehran pursued ..., it would ...": the condition's subject
        return [s for c in verb.children if c.dep_ == "ccomp" for a in c.children
                if a.dep_ == "advcl" and is_conditional(a) for s in a.children if s.dep_ in SUBJECT_DEPS]
    if slot == "purpose":  # "took to the streets to protest the arrest of X"
        return [o for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.i > verb.i
                and any(a.lower_ == "to" for a in c.children) for o in c.children if o.dep_ == "dobj"]
    if slot == "any":
        return any_prep_objects(verb)
    if slot == "nonplace":
        return [t for t in any_prep_objects(verb) if t.head.lower_ not in PLACE_PREPS]
    return prep_objects(verb, slot)

"""The events stage: CAMEO events from verbs (and a few event nouns) over spaCy dependency parses.

A rule from the lexicon (``data/verbs.toml``, optionally PETRARCH verb dictionaries) fires on a verb
lemma; its subject gives the source actor, the object or a prepositional phrase gives the target.
Negated, modal, conditional and non-factual verbs, and verbs inside quotes, give no event. The
pieces live in this package's modules; this module is the stage's entry point:

- :mod:`.lexicon`: TOML rules and PETRARCH verb dictionaries compiled into rules keyed by lemma;
- :mod:`.syntax`: clauses, subjects, objects and voice over spaCy dependency parses;
- :mod:`.modality`: whether a verb states a real event (negation, modals, conditions);
- :mod:`.mentions`: which identified actor a token or noun phrase refers to;
- :mod:`.verbs`, :mod:`.nouns`, :mod:`.dictionary`: candidate events of each kind of rule;
- :mod:`.records`: pairing, deduplication and the final Event records;
- :mod:`.repeats`: one event told twice in an article (lead and body) kept once, after dating.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventlens.events.antecedents import antecedent_candidates, copy_candidates, copy_mode, resolve
from eventlens.events.channels import drop_press_contacts
from eventlens.events.commitments import quoted_commitments
from eventlens.events.dictionary import STRICT, DictionaryMode, dictionary_candidates
from eventlens.events.judgments import judgment_candidates
from eventlens.events.learned import EventModel, ModelError, load_model, model_events, recode
from eventlens.events.lexicon import (
    Lexicon,
    Lexicons,
    Rule,
    dictionary_rules,
    load_lexicon,
    packaged_verb_files,
)
from eventlens.events.mentions import ActorIndex
from eventlens.events.nouns import noun_candidates
from eventlens.events.readiness import readiness_candidates
from eventlens.events.records import Found, dedupe_found, drop_shadowed, to_event
from eventlens.events.repeats import merge_repeats
from eventlens.events.syntax import MAX_SENTENCE_TOKENS, in_spans, sentence_segments, subject_of
from eventlens.events.tokenfacts import DocFacts
from eventlens.events.verbs import verb_candidates
from eventlens.models import Actor, Event
from eventlens.ontology import Ontology

log = logging.getLogger(__name__)

# Verbal acts (statements, appeals, intents, praise, demands, criticism, rejection, threats, protest):
# coded from a partial quote whose subject the reporter names outside the quote marks.
SPEECH_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})

__all__ = ["EventModel", "Found", "Lexicon", "Lexicons", "ModelError", "Rule", "dictionary_rules", "extract", "find",
           "load_event_model", "load_lexicon", "merge_repeats", "packaged_verb_files"]


def load_event_model(path: str = "", threshold: float = 0.0) -> EventModel | None:
    """The learned event layer: the packaged weights (``path`` empty), a weight file, or None for
    ``off``; ``threshold`` above 0 replaces the one stored with the model. Raises ModelError naming
    the file when it is missing or corrupt."""
    if path.strip().lower() == "off":
        return None
    model = load_model(path or None)
    return replace(model, threshold=threshold) if threshold > 0 else model


def extract(
    doc: Doc,
    actors: list[Actor],
    ontology: Ontology,
    skip_spans: Iterable[tuple[int, int]] = (),
    lexicon: Lexicons | None = None,
    model: EventModel | None = None,
    principal_only: bool = False,
    places: Sequence[Actor] = (),
) -> list[Event]:
    """Code the CAMEO events stated by verbs (and event nouns) between identified actors.

    doc (Doc): the parsed article (offsets equal to ``article.text`` offsets).
    actors (list[Actor]): actor mentions from the actor stage; a token belongs to an actor when
        ``actor.start <= token.idx < actor.end``.
    ontology (Ontology): gives name, root, PLOVER, QuadClass and Goldstein of each code.
    skip_spans (iterable of (start, end)): character spans (quotes, the headline) whose verbs are skipped.
    lexicon (Lexicons | None): verb/noun rules; default the packaged ``data/verbs.toml``.
    model (EventModel | None): the learned event layer, consulted for sentences the rules leave
        uncoded; None for the rules alone.
    principal_only (bool): a multilateral act ("A, B and C expelled Russian diplomats") is one event
        with its principal (first-named) participants, as the devset and CAMEO coders code it;
        False gives one event per source-target pair.
    places (sequence of Actor): places as the countries they lie in (``actors.located``), the target
        of an aid or force event that acts on no actor ("attacked a base in Kenya"); an event that
        takes one has ``target_actor`` set to its id.
    RETURNS (list[Event]): events with ids ``e1``, ``e2`` ... in text order; ``date`` is ``"unknown"``
        and ``location`` None (later stages fill them).
    """
    found = drop_press_contacts(drop_shadowed(resolve(find(doc, actors, lexicon, skip_spans, model=model,
                                                           places=places))))
    kept = dedupe_found(c for c in found if ontology.valid(c.code))
    kept.sort(key=lambda c: (c.trigger.idx, c.source.start))
    if principal_only:
        kept = principal_events(kept)
    return [to_event(f"e{i}", c, ontology) for i, c in enumerate(kept, start=1)]


def principal_events(found: list[Found]) -> list[Found]:
    """One event per trigger and code: the first source-target pair in text order (the list is
    sorted by trigger, then source), and its reverse for a reciprocal act ("accused each other")."""
    seen: dict[tuple[int, str], Found] = {}
    out: list[Found] = []
    for f in found:
        key = (f.trigger.i, f.code)
        first = seen.get(key)
        if first is None or _reverse(first, f):  # "A and B accused each other": both directions stay
            seen.setdefault(key, f)
            out.append(f)
    return out


def _reverse(a: Found, b: Found) -> bool:
    return a.target is not None and b.target is not None and a.source.id == b.target.id \
        and a.target.id == b.source.id and a.source.code == b.target.code


def find(
    doc: Doc,
    actors: Sequence[Actor],
    lexicon: Lexicons | None = None,
    skip_spans: Iterable[tuple[int, int]] = (),
    factual: bool = True,
    require_dyad: bool = True,
    model: EventModel | None = None,
    places: Sequence[Actor] = (),
) -> list[Found]:
    """Every event the lexicon codes in ``doc``, codes unchecked and not deduplicated.

    factual (bool): False codes what verb-dictionary patterns say even for negated or modal
        verbs (the PETRARCH validation convention); TOML rules always apply their modality checks.
    require_dyad (bool): False lets a verb-dictionary pattern code an event whose target is not
        found (``target`` None; PETRARCH's ``require_dyad = false``).
    model (EventModel | None): codes the sentences where no rule fires (rules where they are sure,
        the model where they are silent).
    RETURNS (list[Found]): in sentence order; a sentence that fails to code is skipped.
    """
    lex = lexicon or load_lexicon()
    index = ActorIndex(actors, places)
    spans = tuple(skip_spans)
    found: list[Found] = []
    mode = DictionaryMode(factual, require_dyad)
    facts = DocFacts(doc, spans, index)  # per-token answers shared by the rules and the model, this doc only
    for sent in sentence_segments(doc):
        by_rules = _sentence_events(sent, lex, index, spans, mode, facts)
        if model is not None and len(sent) <= MAX_SENTENCE_TOKENS:
            by_rules = recode(by_rules, model, lex, index, facts=facts) if by_rules else \
                model_events(sent, model, lex, index, spans, facts=facts)
        found.extend(by_rules)
    return found


def _sentence_events(sent: Span, lex: Lexicons, index: ActorIndex, spans: Sequence[tuple[int, int]],
                     mode: DictionaryMode, facts: DocFacts) -> list[Found]:
    """Events of one sentence segment (over-long segments give none)."""
    out: list[Found] = []
    if len(sent) > MAX_SENTENCE_TOKENS:
        log.warning("not coding a %d-token sentence at offset %d: too long to be one sentence",
                    len(sent), sent.start_char)
        return out
    doc = sent.doc
    lemmas, _, tags, _ = facts.columns()  # part of speech and lemma read without making Token objects
    for i in range(sent.start, sent.end):
        pos = tags[i]
        if facts.skipped_at(i):
            if pos == "VERB" and reporter_frames(doc[i], spans, facts):
                out.extend(f for f in _verb_events(doc[i], sent, lex, index, mode, facts) if f.code[:2] in SPEECH_ROOTS)
            elif pos in ("VERB", "AUX"):
                out.extend(quoted_commitments(doc[i], sent, spans, index))
            continue
        if pos in ("VERB", "AUX"):
            token = doc[i]
            out.extend(_verb_events(token, sent, lex, index, mode, facts))
            out.extend(judgment_candidates(token, sent, lex.judgments, index))
        elif pos in ("NOUN", "PROPN") and lemmas[i] in lex.nouns:
            out.extend(noun_candidates(doc[i], sent, lex.nouns[lemmas[i]], index))
        elif pos == "ADJ" and lemmas[i] in lex.adjectives:
            out.extend(readiness_candidates(doc[i], sent, lex.adjectives[lemmas[i]][0], index))
    return out


def reporter_frames(verb: Token, spans: Sequence[tuple[int, int]], facts: DocFacts | None = None) -> bool:
    """Whether a quoted verb is the reporter's account: its subject stands outside the quote
    (``Guterres "firmly condemns the coup"``), so the quote gives the words of a verbal act."""
    subject, inherited = facts.subject(verb) if facts is not None else subject_of(verb)
    if subject is None or inherited:
        return False
    outside = not facts.skipped(subject) if facts is not None else not in_spans(subject, spans)
    return outside and subject.i < verb.i


def _verb_events(verb: Token, sent: Span, lex: Lexicons, index: ActorIndex, mode: DictionaryMode,
                 facts: DocFacts) -> list[Found]:
    """Events of the first rule of ``verb`` that applies; the fallback dictionary when none does."""
    rule = facts.rule(verb, sent, lex.verbs)
    if rule is not None and rule.kind == "dictionary":
        return dictionary_candidates(verb, sent, rule, index, mode, facts=facts)
    if rule is not None:
        found = verb_candidates(verb, sent, rule, index)
        if all(f.target is None for f in found):  # target-less: an earlier event may give the target
            found += antecedent_candidates(verb, sent, rule, index)
        return found
    if (copying := copy_mode(verb)) is not None:
        return copy_candidates(verb, sent, copying, index)
    fallback = facts.rule(verb, sent, lex.fallback)
    return dictionary_candidates(verb, sent, fallback, index, STRICT, facts=facts) if fallback else []

"""Events of verb-dictionary (PETRARCH) rules: the best pattern, its slots and compound codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from eventlens.events import verbdicts
from eventlens.events.lexicon import Rule
from eventlens.events.mentions import ActorIndex, phrases_actors, same_actor
from eventlens.events.modality import modality_of
from eventlens.events.records import Found
from eventlens.events.syntax import is_passive, sentence_words
from eventlens.events.verbs import verb_sources, verb_targets
from eventlens.events.words import WORDS
from eventlens.models import Actor

if TYPE_CHECKING:
    from eventlens.events.tokenfacts import DocFacts

# Where the fallback looks for a target: object, indirect object, then non-place prepositions.
PHYSICAL_ROOTS = frozenset({"17", "18", "19", "20"})
FUNCTION_WORDS = WORDS.frozenset_of("dictionary", "function_words")
STRICT_TARGETS = Rule("fallback", "", target=("dobj", "dative", "nonplace"))


@dataclass(frozen=True, slots=True)
class DictionaryMode:
    """How verb-dictionary rules code.

    factual: skip verbs whose modality is blocked (negated, modal ...), unless a pattern with
        words before the verb matched (PETRARCH convention).
    require_dyad: False codes a matched pattern even when no target is found (target None).
    strict: the fallback mode for news: the verb must be factual, the source is the verb's subject
        and the target its object or a non-place prepositional object (pattern slots unused).
    """

    factual: bool = True
    require_dyad: bool = True
    strict: bool = False


STRICT = DictionaryMode(strict=True)


def dictionary_candidates(verb: Token, sent: Span, rule: Rule, index: ActorIndex,
                          mode: DictionaryMode = DictionaryMode(), facts: DocFacts | None = None) -> list[Found]:
    """Events of a verb-dictionary rule: the best pattern's code (else the block's) and its slots.

    facts (DocFacts | None): the document's memoised token facts, when the events stage has them.
    """
    if mode.strict:
        return _strict_candidates(verb, sent, rule, index, facts)
    match = _best_match(rule, verb, sent, index)
    code = match.pattern.code if match is not None else rule.code
    modality = facts.modality if facts is not None else modality_of
    if not code or (mode.factual and modality(verb) == "blocked" and not (match and match.pattern.pre)):
        return []
    passive = is_passive(verb)
    sources = _slot_actors(match, "source", sent, index) or verb_sources(verb, passive, index, sent)[0]
    targets = _slot_actors(match, "target", sent, index) or verb_targets(verb, rule, passive, index)
    compound = match is not None and "compound" in match.pattern.slots()
    confidence = 0.7 if match is not None else 0.5
    found = _dictionary_pairs(sources, targets, code, compound, verb, sent, _label(rule, match), confidence)
    if not found and not mode.require_dyad and not any(c.dep_ == "dobj" for c in verb.children):
        found = [Found(s, None, code.split(":")[0], verb, sent, _label(rule, match), confidence) for s in sources]
    return found


def _strict_candidates(verb: Token, sent: Span, rule: Rule, index: ActorIndex,
                       facts: DocFacts | None = None) -> list[Found]:
    """Fallback events: dependency source and target only, one code, lower confidence.

    The actors are sought before any pattern is matched (most verbs have none: matching is the
    costly part). A target that is the bare country of its source ("Trump pulled the United
    States out") is dropped.
    """
    if (facts.modality(verb) if facts is not None else modality_of(verb)) != "ok":
        return []
    passive = is_passive(verb)
    sources, inherited = verb_sources(verb, passive, index, sent)
    targets = verb_targets(verb, STRICT_TARGETS, passive, index) if sources else []
    pairs = [(s, t) for s in sources for t in targets if not same_actor(s, t) and t.code != s.code[:3]]
    if not pairs:
        return []
    match = _best_match(rule, verb, sent, index)
    code = (match.pattern.code if match is not None else rule.code) or ""
    if not code or not _reliable(code, match):
        return []
    confidence = (0.45 if match is not None else 0.35) - (0.1 if inherited else 0.0)
    return [Found(s, t, code.split(":")[0], verb, sent, _label(rule, match), confidence) for s, t in pairs]


def _best_match(rule: Rule, verb: Token, sent: Span, index: ActorIndex) -> verbdicts.PatternMatch | None:
    """The most specific pattern of the rule's block that matches around ``verb``."""
    return verbdicts.best_match(rule.patterns, sentence_words(sent), verb.i - sent.start,
                                lambda t: index.at(t) is not None)


def _reliable(code: str, match: verbdicts.PatternMatch | None) -> bool:
    """Whether a fallback code is trusted: no statement codes (01x); a block's default code only for
    physical coercion and violence (17-20); a pattern only when it names a content word."""
    if code.startswith("01"):
        return False
    if match is None:
        return code[:2] in PHYSICAL_ROOTS
    return any(w not in FUNCTION_WORDS for e in (*match.pattern.pre, *match.pattern.post)
               if e.kind == "word" for seq in e.words for w in seq)


def _label(rule: Rule, match: verbdicts.PatternMatch | None) -> str:
    """The rule label of a dictionary event: the pattern line, or ``default``."""
    return f"dict:{rule.lemma} " + (f"line {match.pattern.line}: {match.pattern.text}" if match else "default")


def _slot_actors(match: verbdicts.PatternMatch | None, slot: str, sent: Span, index: ActorIndex) -> list[Actor]:
    """Actors at a pattern slot (``$`` source, ``+`` target), with their conjuncts."""
    if match is None or slot not in match.slots:
        return []
    return phrases_actors([sent[match.slots[slot]]], index)


def _dictionary_pairs(sources: list[Actor], targets: list[Actor], code: str, compound: bool,
                      trigger: Token, sent: Span, label: str, confidence: float) -> list[Found]:
    """Source-target pairs of a dictionary code; ``A:B`` codes add the reverse event with B."""
    codes = code.split(":")
    if compound and not targets and len(sources) > 1:
        pairs = [(s, t, codes[0]) for s in sources for t in sources if s is not t]
    else:
        pairs = [(s, t, codes[0]) for s in sources for t in targets]
        if len(codes) > 1 and codes[1]:
            pairs += [(t, s, codes[1]) for s in sources for t in targets]
    return [Found(s, t, c, trigger, sent, label, confidence) for s, t, c in pairs if not same_actor(s, t)]

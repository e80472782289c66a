"""Candidate events: pairing sources with targets, deduplication and the final Event records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventlens.events.lexicon import Rule
from eventlens.events.mentions import same_actor
from eventlens.events.syntax import reciprocal
from eventlens.models import Actor, Event
from eventlens.ontology import SYMMETRIC_CODES, Ontology

# Cooperative roots whose coordinated subjects act toward each other ("A and B agreed on a pact").
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})


@dataclass(slots=True)
class Found:
    """An event found in a sentence, before ids and ontology fields are attached."""

    source: Actor
    target: Actor | None
    code: str
    trigger: Token
    sent: Span
    rule: str
    confidence: float
    pending: str | None = None  # "antecedent", "in_kind" or "suit": completed from an earlier event


def pair_actors(
    sources: list[Actor], targets: list[Actor], rule: Rule, code: str,
    trigger: Token, sent: Span, label: str, confidence: float, mutual: bool = True,
) -> list[Found]:
    """One candidate per source-target pair; coordinated sources of a symmetric or mutual act pair up.

    mutual (bool): False when the sources were inherited from another verb (no mutual pairing).
    """
    if not sources:
        return []
    if not targets and len(sources) > 1 and reciprocal(trigger):  # "A and B accused each other"
        return each_other(sources, code, trigger, sent, label, confidence)
    pairs: list[tuple[Actor, Actor | None]]
    if not targets and (code in SYMMETRIC_CODES or (mutual and code[:2] in MUTUAL_ROOTS)) and len(sources) > 1:
        pairs = [(sources[0], other) for other in sources[1:]]
    elif targets:
        pairs = [(s, t) for s in sources for t in targets]
    elif rule.no_target:
        pairs = [(s, None) for s in sources]
    else:
        return []
    return [
        Found(s, t, code, trigger, sent, label, confidence)
        for s, t in pairs
        if t is None or not same_actor(s, t)
    ]


def each_other(sources: list[Actor], code: str, trigger: Token, sent: Span, label: str,
               confidence: float) -> list[Found]:
    """A reciprocal act of several parties: one event each way between the first two (one for a
    symmetric code)."""
    a, b = sources[0], sources[1]
    if same_actor(a, b):
        return []
    pairs = [(a, b)] if code in SYMMETRIC_CODES else [(a, b), (b, a)]
    return [Found(s, t, code, trigger, sent, label, confidence) for s, t in pairs]


def drop_shadowed(found: list[Found]) -> list[Found]:
    """Drop a target-less event when the same trigger and source also gave one with a target."""
    aimed = {(f.trigger.i, f.source.id, f.source.code) for f in found if f.target is not None}
    return [f for f in found if f.target is not None or (f.trigger.i, f.source.id, f.source.code) not in aimed]


def dedupe_found(candidates: Iterable[Found]) -> list[Found]:
    """Drop repeats: same codes in one sentence, and symmetric acts once per actor pair."""
    seen: set[tuple] = set()
    out: list[Found] = []
    for c in candidates:
        target = c.target.code if c.target else None
        if c.code in SYMMETRIC_CODES:
            key: tuple = ("sym", c.code, frozenset((c.source.code, target)))
        else:
            key = (c.sent.start, c.code, c.source.code, target)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _evidence(sent: Span) -> tuple[str, int, int]:
    """The sentence text stripped of surrounding whitespace, with its character offsets."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    stripped = text.strip()
    return stripped, start, start + len(stripped)


def to_event(event_id: str, c: Found, ontology: Ontology) -> Event:
    """The Event record of a candidate, with ontology fields filled in."""
    info = ontology.info(c.code)
    evidence, ev_start, ev_end = _evidence(c.sent)
    return Event(
        id=event_id, source=c.source.code, target=c.target.code if c.target else None,
        source_actor=c.source.id, target_actor=c.target.id if c.target else None,
        code=info.code, root=info.root, name=info.name, plover=info.plover,
        quad_class=info.quad_class, goldstein=info.goldstein, date="unknown", date_text=None,
        evidence=evidence, evidence_start=ev_start, evidence_end=ev_end,
        trigger=c.trigger.text, trigger_start=c.trigger.idx, trigger_end=c.trigger.idx + len(c.trigger.text),
        location=None, confidence=c.confidence, rule=c.rule,
    )

"""Each event's location: the place of its clause, else a place of its sentence that says where
something happened, else the dateline, else any place of its sentence."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from eventlens.models import Event, Location, Place
from eventlens.places.find import place_head

CLAUSE_DEPS = {"conj", "xcomp", "advcl", "ccomp", "relcl", "parataxis"}


def locate(events: Sequence[Event], places: Sequence[Place], doc: Doc) -> list[Event]:
    """The events, in order, with ``location`` set (None when nothing places them)."""
    dateline = next((p for p in places if p.role == "dateline"), None)
    return [dataclasses.replace(e, location=_location(_event_place(e, places, doc, dateline))) for e in events]


def _event_place(event: Event, places: Sequence[Place], doc: Doc, dateline: Place | None) -> Place | None:
    """Clause place, else a verb's place in the sentence, else the dateline, else any place."""
    trigger = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    if trigger is None:
        return dateline
    sent = trigger.sent
    inside = [p for p in places if p.role != "dateline" and sent.start_char <= p.start < sent.end_char]
    heads = {id(p): _head(doc, p) for p in inside}
    clause = _clause(trigger.root)
    verbal = [p for p in inside if _verbal(heads[id(p)], trigger.root)]
    own = [p for p in inside if (head := heads[id(p)]) is not None and head.i in clause
           and (p in verbal or _object_of(head, clause))]
    for group in (own, verbal, [dateline] if dateline else [], inside):
        if group:
            return min(group, key=lambda p: abs(p.start - event.trigger_start))
    return None


def _verbal(head: Token | None, root: Token) -> bool:
    """The place says where an action happened: it hangs on a verb (or on the trigger)."""
    return head is not None and (head.pos_ in {"VERB", "AUX"} or head.i == root.i)


def _object_of(noun: Token, clause: set[int]) -> bool:
    """A thing the clause's verb acts on, one step down ("protested against the agreements in
    the West Bank"), not a person ("a spy in England")."""
    if noun.ent_type_ == "PERSON" or noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return noun.dep_ in {"dobj", "pobj"} and verb.pos_ in {"VERB", "AUX"} and verb.i in clause


def _head(doc: Doc, place: Place) -> Token | None:
    """The word the place describes."""
    span: Span | None = doc.char_span(place.start, place.end, alignment_mode="expand")
    return place_head(span) if span is not None else None


def _clause(root: Token) -> set[int]:
    """Token ids of the trigger's clause: its verb, the words under it outside other clauses,
    and the verbs above it when the trigger is a noun or a verb complement."""
    verb = root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ in {"xcomp", "aux", "auxpass"} and verb.head.i != verb.i:
        verb = verb.head
    ids = {root.i, verb.i}
    stack = [verb]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ not in CLAUSE_DEPS or child.i == root.i or child.dep_ == "xcomp":
                ids.add(child.i)
                stack.append(child)
    return ids


def _location(place: Place | None) -> Location | None:
    """The Location record of a place."""
    if place is None:
        return None
    return Location(place.text, place.name, place.country, place.lat, place.lon)


__all__ = ["locate"]

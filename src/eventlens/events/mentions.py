"""Which identified actor a token or a noun phrase refers to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from eventlens.actors.countries import MOVED_RULE  # forces their own state moves: never an act's target
from eventlens.actors.groups import COLLECTIVE_RULE  # "the four leaders": the first member's code
from eventlens.events.syntax import CLAUSE_DEPS
from eventlens.models import Actor
from eventlens.text.prepositions import LOCATION_PREPS

PLACE_PREPS = LOCATION_PREPS  # where something happens: its object is no participant


@dataclass(slots=True)
class ActorIndex:
    """Finds the actor that covers a token, by character offsets."""

    actors: Sequence[Actor]
    places: Sequence[Actor] = ()  # places as their countries (actors.located): targets of last resort
    _by_char: dict[int, Actor] = field(default_factory=dict)
    _place_at: dict[int, Actor] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for actor in sorted(self.actors, key=lambda a: a.end - a.start, reverse=True):
            for i in range(actor.start, actor.end):
                self._by_char[i] = actor  # shorter (inner) mentions win
        for place in self.places:
            for i in range(place.start, place.end):
                self._place_at.setdefault(i, place)

    def at(self, token: Token) -> Actor | None:
        """The actor with ``actor.start <= token.idx < actor.end``, if any."""
        return self._by_char.get(token.idx)

    def place_at(self, token: Token) -> Actor | None:
        """The place (as its country) whose name covers the token, if any."""
        return self._place_at.get(token.idx)

    def covers(self, offset: int) -> bool:
        """Whether an actor mention covers the character ``offset``."""
        return offset in self._by_char

    def members(self, actor: Actor) -> list[Actor]:
        """A collective anaphor as one actor per member (same id, the member's code); else the actor."""
        if not is_collective(actor):
            return [actor]
        return [actor, *(self._member(actor, code) for code in actor.alt_codes if code != actor.code)]

    def _member(self, collective: Actor, code: str) -> Actor:
        """A member of a collective, named after the latest earlier mention with the member's code."""
        earlier = [a for a in self.actors if a.start < collective.start and not is_collective(a)
                   and code in (a.code, a.code + "GOV")]
        ante = max(earlier, key=lambda a: a.start, default=None)
        if ante is None:
            return replace(collective, code=code, alt_codes=(), name=code, ref=None)
        return replace(collective, code=code, alt_codes=(), name=ante.name, ref=ante.ref or ante.id)


def is_collective(actor: Actor) -> bool:
    """Whether the actor is a collective anaphor standing for several members ("both sides")."""
    return actor.rule == COLLECTIVE_RULE


def phrases_actors(heads: Iterable[Token], index: ActorIndex, skip_possessive: bool = False) -> list[Actor]:
    """Distinct actors of several phrases, in order, each phrase expanded over its conjuncts."""
    out: list[Actor] = []
    for head in heads:
        for member in _members(head):
            for found in _phrase_actors(member, index, skip_possessive):
                for actor in index.members(found):
                    if all((actor.id, actor.code) != (a.id, a.code) for a in out):
                        out.append(actor)
    return out


def _members(head: Token) -> list[Token]:
    """A phrase head with its conjuncts, including conjuncts hung on an apposition ("A, B's envoy, and C")."""
    members = [head, *head.conjuncts]
    for appos in (c for c in head.children if c.dep_ == "appos"):
        members.extend(appos.conjuncts)
    return members


def _phrase_actors(head: Token, index: ActorIndex, skip_possessive: bool = False) -> list[Actor]:
    """The actor a noun phrase refers to: the one covering its head, else the nearest inside it."""
    direct = index.at(head)
    if direct is not None:
        return [direct]
    frontier = [c for c in head.children if _descend(c)]
    while frontier:
        hits = [t for t in frontier if index.at(t) is not None and not (skip_possessive and t.tag_ == "PRP$")]
        if hits:
            first = min(hits, key=lambda t: t.i)
            return [a for t in (first, *first.conjuncts) if (a := index.at(t)) is not None]
        frontier = [c for t in frontier for c in t.children if t.dep_ not in CLAUSE_DEPS and _descend(c)]
    return []


def _descend(child: Token) -> bool:
    """Whether an actor search inside a noun phrase goes into ``child`` (not clauses, not places)."""
    return child.dep_ not in CLAUSE_DEPS and not (child.dep_ == "prep" and child.lower_ in PLACE_PREPS)


def nearest_actor_phrase(span: Span, index: ActorIndex) -> list[Actor]:
    """The actor nearest the end of ``span``, with the actors coordinated with it.

    Used when the parser took a dateline word as the subject: the real subject precedes the verb.
    """
    for token in reversed(span):
        if index.at(token) is not None and token.tag_ != "PRP$":
            head = token
            while head.dep_ in ("compound", "flat") and head.head.i != head.i and index.at(head.head) is not None:
                head = head.head
            return phrases_actors([head], index)
    return []


# Codes whose act lands where it happens: intents to send aid or troops there, visits (042, not
# talks merely held there), aid delivered in or into a country, troops deployed or pulled out there,
# sanctions, curfews and seizures (171-172; an arrest acts on people, not on a place), attacks and
# fighting there. With no actor acted upon, the country of a place
# in the act's own phrases is the target ("flew medicine into Afghanistan", "agreed to send troops to
# Somalia", "withdrew from Idlib", "attacked a base in Kenya"), as CAMEO coders code a location.
# Statements, appeals, praise, criticism and protests (01-02, 05-06, 09-14) are about someone, not
# somewhere, and never take a place.
PLACE_TARGET_CODES = ("03", "042", "07", "08", "15", "16", "171", "172", "18", "19", "20")
# How the search for a place walks down from the trigger: its objects and prepositional phrases and
# what they contain, never its subject, a clause of its own or a conjoined act.
_PLACE_PATH = frozenset({"dobj", "dative", "prep", "pobj", "compound", "amod", "nmod", "appos", "npadvmod", "poss",
                         "nsubjpass", "agent", "acl"})
_PLACE_DEPTH = 5


def located_target(trigger: Token, code: str, index: ActorIndex) -> list[Actor]:
    """The country of the nearest place in the trigger's phrases, as a target of last resort for the
    codes of :data:`PLACE_TARGET_CODES`; [] for other codes or when no place is there."""
    if not code.startswith(PLACE_TARGET_CODES) or not index.places:
        return []
    frontier = [c for c in trigger.children if (c.dep_ in _PLACE_PATH and c.dep_ != "acl") or _purpose(c)]
    for _ in range(_PLACE_DEPTH):
        hits = [t for t in frontier if index.place_at(t) is not None and index.at(t) is None]
        if hits:
            place = index.place_at(min(hits, key=lambda t: t.i))
            return [place] if place is not None else []
        frontier = [c for t in frontier for c in t.children if c.dep_ in _PLACE_PATH]
    return []


def _purpose(clause: Token) -> bool:
    """A purpose clause ("gave 50 million euros to promote investment in Ethiopia")."""
    return clause.dep_ in ("advcl", "xcomp") and clause.pos_ == "VERB" and \
        any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)


def acted_on(actors: list[Actor]) -> list[Actor]:
    """The actors that may be a target: not forces their own state moves (:data:`MOVED_RULE`)."""
    return [a for a in actors if a.rule != MOVED_RULE]


def same_actor(a: Actor, b: Actor) -> bool:
    """Whether two mentions are the same actor (same id, coreferent, or same canonical name);
    two members of one collective are not."""
    if a.id == b.id:
        return a.code == b.code or not is_collective(a)
    return a.ref == b.id or b.ref == a.id or (a.ref is not None and a.ref == b.ref) or a.name == b.name

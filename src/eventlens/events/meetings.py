"""Where a meeting took place decides its CAMEO code: visit (042), host (043) or third place (044).

Only the clause's own cues are used: a place after "in"/"at" that the actor stage coded (a capital
or a country), whose country is compared with the countries of the two parties.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventlens.events.mentions import ActorIndex
from eventlens.events.records import Found
from eventlens.events.syntax import clause_of
from eventlens.models import Actor

MEETING = "040"
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
NOT_COUNTRIES = frozenset({"IGO", "NGO", "MNC", "UAF", ""})


def situate(found: list[Found], verb: Token, index: ActorIndex) -> list[Found]:
    """Meetings (040) recoded by the place named in the verb's clause; other events unchanged."""
    place = _place_country(verb, index)
    if place is None:
        return found
    return [replace(f, code=code) if f.code == MEETING and (code := _code(f, place)) else f for f in found]


def _code(found: Found, place: str) -> str | None:
    """042 when the place is the target's country, 043 the source's, 044 neither's; None if unknown."""
    source, target = _country(found.source), _country(found.target)
    if source is None or target is None or source == target:
        return None
    if place == target:
        return "042"
    return "043" if place == source else "044"


def _place_country(verb: Token, index: ActorIndex) -> str | None:
    """Country of the first coded place after "in"/"at" in the verb's clause."""
    for token in clause_of(verb):
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "at") and token.ent_type_ in PLACE_ENTS:
            actor = index.at(token)
            if actor is not None and (country := _country(actor)) is not None:
                return country
    return None


def _country(actor: Actor | None) -> str | None:
    """The three-letter country root of an actor code (None for IGOs and uncoded actors)."""
    root = (actor.code or "")[:3] if actor is not None else ""
    return None if root in NOT_COUNTRIES or len(root) < 3 else root

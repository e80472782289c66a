"""One event told twice is one event: a lead and the body that repeats it give a single record.

Runs after dating: two events are the same event when their source, their target and their code
agree (codes of one family: ``170`` and ``174``, ``025`` and ``0256``) and their dates do not
disagree (the same day, or one of them undated). The earlier mention is kept; an undated one takes
the date of the repeat that has one.
"""

from __future__ import annotations

from dataclasses import replace

from eventlens.events.mentions import is_collective
from eventlens.models import Actor, Event
from eventlens.ontology import SYMMETRIC_CODES

UNKNOWN = "unknown"


def merge_repeats(events: list[Event], actors: list[Actor]) -> list[Event]:
    """Drop events that repeat an earlier one; renumber the rest ``e1``, ``e2`` ... in order.

    events (list[Event]): the article's events in text order, dated (``dates.assign`` has run).
    actors (list[Actor]): the article's actor mentions; an event's participants are compared by
        their actors' canonical names (by code when a mention has no name).
    RETURNS (list[Event]): the events with repeats removed. A repeat has the same source and
        target (either order for symmetric codes), a code of the same family, and the same date
        or an unknown one; two attacks on different days stay two events.
    """
    names = _identities(actors)
    kept: list[Event] = []
    for event in events:
        index = next((i for i, k in enumerate(kept) if is_repeat(event, k, names)), None)
        if index is None:
            kept.append(event)
        else:
            kept[index] = _absorb(kept[index], event)
    return [replace(e, id=f"e{i}") for i, e in enumerate(kept, start=1)]


def is_repeat(later: Event, earlier: Event, names: dict[str, str]) -> bool:
    """Whether ``later`` tells the same event as ``earlier`` (participants, code family, date)."""
    if not same_family(later.code, earlier.code) or not dates_agree(later.date, earlier.date):
        return False
    pair_later = (_who(later.source_actor, later.source, names), _who(later.target_actor, later.target, names))
    pair_earlier = (_who(earlier.source_actor, earlier.source, names),
                    _who(earlier.target_actor, earlier.target, names))
    if pair_later == pair_earlier:
        return True
    symmetric = later.code in SYMMETRIC_CODES and earlier.code in SYMMETRIC_CODES
    return symmetric and pair_later == pair_earlier[::-1]


def same_family(a: str, b: str) -> bool:
    """Whether two CAMEO codes name the same act, one maybe more specifically (``190``/``195``)."""
    fa, fb = _family(a), _family(b)
    return fa.startswith(fb) or fb.startswith(fa)


def _family(code: str) -> str:
    """A code with its "general" zero dropped: ``170`` -> ``17``, ``0340`` -> ``034``."""
    return code[:-1] if len(code) > 2 and code.endswith("0") else code


def dates_agree(a: str | None, b: str | None) -> bool:
    """The same date, or at least one of them unknown."""
    return a == b or a in (None, UNKNOWN) or b in (None, UNKNOWN)


def _identities(actors: list[Actor]) -> dict[str, str]:
    """Canonical names by actor id; a collective's members by ``(id, code)``, named after the
    member's own mention ("the four countries" gives Saudi Arabia, Egypt ...), else by code."""
    names = {a.id: a.name or a.code for a in actors if not is_collective(a)}
    by_code = {a.code: a.name or a.code for a in reversed(actors) if not is_collective(a)}
    for group in (a for a in actors if is_collective(a)):
        for code in (group.code, *group.alt_codes):
            names[f"{group.id} {code}"] = by_code.get(code) or by_code.get(code.removesuffix("GOV")) or code
    return names


def _who(actor_id: str | None, code: str | None, names: dict[str, str]) -> str | None:
    """A participant's identity: its actor's canonical name (its member's for a collective), else its code."""
    if actor_id is None:
        return code
    return names.get(actor_id) or names.get(f"{actor_id} {code}") or code


def _absorb(kept: Event, repeat: Event) -> Event:
    """The kept event, dated from the repeat when it had no date of its own."""
    if kept.date in (None, UNKNOWN) and repeat.date not in (None, UNKNOWN):
        return replace(kept, date=repeat.date, date_text=repeat.date_text)
    return kept

"""An agent owned by a country named after it: "the legitimate government of Yemen" (YEMGOV),
"the president of Armenia" (ARMGOV), "the regime in Tehran" (IRNGOV)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from eventlens.actoring.compose import compose_code, person_title
from eventlens.actoring.countries import state_root
from eventlens.actoring.mention import Mention, Piece
from eventlens.dictionaries import Agent

OWNER_PREPS = {"of", "in"}
OWNER_KINDS = {"country", "metonym"}
# Bodies of a state that "in" + a country or capital owns ("a court in Nairobi", "the police in
# Lagos"); an embassy or a spy in a country belongs to another.
INSTITUTIONS = {"court", "tribunal", "judiciary", "police", "government", "parliament", "legislature",
                "army", "military", "navy", "ministry", "administration", "authorities", "regime", "junta",
                "cabinet", "prosecutor", "prosecutors", "prosecution"}


def owner_after(doc: Doc, end: int, by_start: dict[int, Piece]) -> Piece | None:
    """The country or capital piece right after ``of``/``in`` (and "the") at token ``end``."""
    if end >= len(doc) or doc[end].lower_ not in OWNER_PREPS:
        return None
    pos = end + 1
    if pos < len(doc) and doc[pos].lower_ == "the":
        pos += 1
    piece = by_start.get(pos)
    if piece is None or piece.entry is None or piece.kind not in OWNER_KINDS or not state_root(piece.code or ""):
        return None
    return piece


def co_owners(doc: Doc, owner: Piece, by_start: dict[int, Piece]) -> list[Piece]:
    """The countries coordinated with the first owner ("of Arnor, Osgiliath and Gondor")."""
    out, stack = [], [doc[owner.start : owner.end].root]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ == "conj":
                stack.append(child)
                piece = _piece_over(child.i, by_start)
                if piece is not None and piece.kind in OWNER_KINDS and state_root(piece.code or ""):
                    out.append(piece)
    return sorted(out, key=lambda p: p.start)


def _piece_over(i: int, by_start: dict[int, Piece]) -> Piece | None:
    """The piece that covers token ``i``."""
    return next((p for start, p in by_start.items() if start <= i < p.end and p.entry is not None), None)


def _may_own(doc: Doc, group: list[Piece], owner: Piece, mentions: Sequence[Mention]) -> bool:
    """The owner is a whole mention ("leaders of Romania's new government" is not owned by
    Romania) and "in" places only groups and state bodies ("rebels in Darfur", "a court in
    Nairobi", not "a former spy in England")."""
    if any(m.start <= owner.start and m.end > owner.end for m in mentions):
        return False
    head = doc[group[-1].end - 1]
    return doc[group[-1].end].lower_ == "of" or head.tag_ in {"NNS", "NNPS"} or head.lower_ in INSTITUTIONS


def _modified_start(doc: Doc, start: int) -> int:
    """Take in adjectives and a "the" before the agent ("the legitimate government")."""
    while start > 0 and doc[start - 1].pos_ == "ADJ":
        start -= 1
    return start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start


def _recode_owners(mentions: list[Mention], owners: Sequence[Piece], agent: Agent) -> list[Mention]:
    """Each coordinated owner country keeps its own mention, coded as the agent that acts, the
    bare country as its alternative ("Ukraine" in "the leaders of Russia, Ukraine ...": UKRGOV, alt UKR)."""
    spans = {(p.start, p.end) for p in owners}
    out = []
    for m in mentions:
        root = state_root(m.code)
        if (m.start, m.end) in spans and root and m.kind in OWNER_KINDS:
            m = Mention(m.start, m.end, compose_code(root, agent.code), m.name, m.kind,
                        "compose:agent+of-countries", m.titles, alt_codes=(m.code,))
        out.append(m)
    return out


def code_owned(doc: Doc, mentions: list[Mention], bare: Sequence[list[Piece]], pieces: Sequence[Piece]
               ) -> tuple[list[Mention], list[list[Piece]]]:
    """Agent-only groups followed by of/in + a country or capital become one composed mention
    (the country's own mention is dropped); with several coordinated countries ("the leaders
    of Russia, Ukraine, Germany and France") each country stays its own actor coded as the agent
    (RUSGOV, alt RUS), and the agent words get no mention of their own;
    RETURNS the mentions and the groups left bare."""
    by_start = {p.start: p for p in pieces}
    out, left = list(mentions), []
    for group in bare:
        owner = owner_after(doc, group[-1].end, by_start)
        agent = group[0].agent
        if owner is None or agent is None or not _may_own(doc, group, owner, out):
            left.append(group)
            continue
        start = _modified_start(doc, group[0].start)
        code = compose_code(state_root(owner.code or "") or "", agent.code)
        others = co_owners(doc, owner, by_start)
        if others:
            out = _recode_owners(out, [owner, *others], agent)
            continue
        end = owner.end
        name = doc[start:end].text
        name = name[4:] if name.lower().startswith("the ") else name
        out = [m for m in out if m.end <= start or m.start >= end]
        kind = "title" if person_title(agent) and doc[group[-1].end - 1].tag_ == "NN" else "group"
        out.append(Mention(start, end, code, name, kind, "compose:agent+of-country",
                           frozenset({agent.root.lower(), "@" + code[:3]})))
    return sorted(out, key=lambda m: m.start), left

"""An agent owned by a country named after it: "the legitimate government of Yemen" (YEMGOV),
"the president of Armenia" (ARMGOV), "the regime in Tehran" (IRNGOV)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from eventlens.actors.compose import compose_code, person_title
from eventlens.actors.countries import moved, state_root
from eventlens.actors.mention import Mention, Piece
from eventlens.actors.petrarch import Agent
from eventlens.actors.words import WORDS

OWNER_PREPS = {"of", "in"}
LIST_JOINERS = {",", "and", "or"}
OWNER_KINDS = {"country", "metonym"}
# Bodies of a state that "in" + a country or capital owns ("a court in Nairobi", "the police in
# Lagos"); an embassy or a spy in a country belongs to another.
INSTITUTIONS = WORDS.set_of("owners", "institutions")


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
    """The countries coordinated with the first owner ("of Arnor, Osgiliath and Gondor"): its
    conjuncts in the parse, and the countries listed right after it that the parser made
    conjuncts of something else ("Lawmakers in Fornost and Gondor", "Gondor" a conjunct of
    "Lawmakers")."""
    out, stack = [], [doc[owner.start : owner.end].root]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ == "conj":
                stack.append(child)
                piece = _piece_over(child.i, by_start)
                if piece is not None and piece.kind in OWNER_KINDS and state_root(piece.code or ""):
                    out.append(piece)
    listed = [p for p in _listed_after(doc, owner, by_start) if p not in out]
    root = state_root(owner.code or "")
    return sorted((p for p in out + listed if not _place_of(doc, p, root)), key=lambda p: p.start)


def _place_of(doc: Doc, piece: Piece, root: str | None) -> bool:
    """"Benghazi, Libya": a country after a comma that names the owner's own country places it."""
    return piece.start > 0 and doc[piece.start - 1].text == "," and state_root(piece.code or "") == root


def _listed_after(doc: Doc, owner: Piece, by_start: dict[int, Piece]) -> list[Piece]:
    """Whole country names listed right after the owner, joined by commas and a last
    "and"/"or" that makes the last one a conjunct in the parse: "in Fornost and Gondor",
    "of A, B and C" (not "in Paris, France")."""
    out, pos, closed = [], owner.end, False
    while pos < len(doc) and doc[pos].lower_ in LIST_JOINERS:
        nxt = pos + 1
        while nxt < len(doc) and doc[nxt].lower_ in LIST_JOINERS:
            nxt += 1
        piece = by_start.get(nxt)
        if piece is None or piece.entry is None or piece.kind not in OWNER_KINDS or not state_root(piece.code or ""):
            break
        if _goes_on(doc, piece, by_start):
            break
        out.append(piece)
        closed = doc[nxt - 1].lower_ in {"and", "or"} and doc[piece.start : piece.end].root.dep_ == "conj"
        pos = piece.end
        if closed:
            break
    return out if closed else []


def _goes_on(doc: Doc, piece: Piece, by_start: dict[int, Piece]) -> bool:
    """The country name starts a longer phrase ("Gondor's army", "Gondor troops")."""
    if piece.end >= len(doc):
        return False
    nxt = by_start.get(piece.end)
    return doc[piece.end].lower_ in {"'s", "\u2019s"} or nxt is not None and nxt.kind == "agent"


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


def _recode_owners(doc: Doc, mentions: list[Mention], owners: Sequence[Piece], agent: Agent) -> list[Mention]:
    """Each coordinated owner country keeps its own mention, coded as the agent that acts, the
    bare country as its alternative ("Ukraine" in "the leaders of Russia, Ukraine ...": UKRGOV, alt UKR);
    an owner whose mention was dropped as a place ("Lawmakers in Fornost and Gondor") gets one back."""
    spans = {(p.start, p.end) for p in owners}
    out = []
    for m in mentions:
        root = state_root(m.code)
        if (m.start, m.end) in spans and root and m.kind in OWNER_KINDS:
            m = Mention(m.start, m.end, compose_code(root, agent.code), m.name, m.kind,
                        "compose:agent+of-countries", m.titles, alt_codes=(m.code,))
            spans.discard((m.start, m.end))
        out.append(m)
    for p in owners:
        root = state_root(p.code or "")
        if (p.start, p.end) not in spans or root is None or p.entry is None \
                or any(m.start < p.end and p.start < m.end for m in out):
            continue
        out.append(Mention(p.start, p.end, compose_code(root, agent.code), doc[p.start : p.end].text, p.kind,
                           "compose:agent+of-countries", frozenset({"@" + root}), alt_codes=(p.code or "",)))
    return sorted(out, key=lambda m: m.start)


def code_owned(doc: Doc, mentions: list[Mention], bare: Sequence[list[Piece]], pieces: Sequence[Piece]
               ) -> tuple[list[Mention], list[list[Piece]]]:
    """Agent-only groups followed by of/in + a country or capital become one composed mention
    (the country's own mention is dropped); with several coordinated countries ("the leaders
    of Russia, Ukraine, Germany and France") each country stays its own actor coded as the agent
    (RUSGOV, alt RUS), and the agent words get no mention of their own, except after "in"
    ("Lawmakers in Fornost and Gondor": "Lawmakers in Fornost" FORLEG, "Gondor" GONLEG);
    RETURNS the mentions and the groups left bare."""
    by_start = {p.start: p for p in pieces}
    out, left = list(mentions), []
    for group in bare:
        owner = owner_after(doc, group[-1].end, by_start)
        agent = group[0].agent
        if owner is None or agent is None or not _may_own(doc, group, owner, out) or \
                doc[group[-1].end].lower_ != "of" and moved(doc, group[0].start, group[-1].end, agent):
            # "deployed peacekeepers in Mali": forces moved into a place are the mover's own
            left.append(group)
            continue
        start = _modified_start(doc, group[0].start)
        code = compose_code(state_root(owner.code or "") or "", agent.code)
        others = co_owners(doc, owner, by_start)
        if others and doc[group[-1].end].lower_ != "in":
            out = _recode_owners(doc, out, [owner, *others], agent)
            continue
        if others:  # "Lawmakers in Fornost and Gondor": "in" is a place for the event coder, so the
            out = _recode_owners(doc, out, others, agent)  # first owner still composes with the agent
        end = owner.end
        name = doc[start:end].text
        name = name[4:] if name.lower().startswith("the ") else name
        out = [m for m in out if m.end <= start or m.start >= end]
        kind = "title" if person_title(agent) and doc[group[-1].end - 1].tag_ == "NN" else "group"
        out.append(Mention(start, end, code, name, kind, "compose:agent+of-country",
                           frozenset({agent.root.lower(), "@" + code[:3]})))
    return sorted(out, key=lambda m: m.start), left

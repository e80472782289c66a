"""Step 4a: definite titles ("the French president", "the rebels") corefer or compose a code."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventlens.actors import context
from eventlens.actors.compose import COMPOSED_TITLE, compose_code, person_title
from eventlens.actors.countries import context_blocked, context_country
from eventlens.actors.mention import Mention, Piece, is_person_like
from eventlens.actors.petrarch import Agent
from eventlens.actors.words import WORDS
from eventlens.text import columns

COLLECTIVE_NOUNS = WORDS.set_of("titles", "collective_nouns")

def _is_the(cols: columns.Columns, i: int) -> bool:
    return cols.lower[i] == "the"


def _definite_np(doc: Doc, det: Token, by_token: dict[int, Piece]) -> tuple[int, str | None, Agent | None] | None:
    """For "the [Nationality] NOUN" return (end, country, agent) when it can be a title."""
    if det.lower_ != "the":
        return None
    head = det.head
    if head.i <= det.i or head.i - det.i > 4:
        return None
    head_piece = by_token.get(head.i)
    if head.pos_ == "PROPN" and (head_piece is None or head_piece.agent is None):
        return None
    country, agent = None, None
    for i in range(det.i + 1, head.i + 1):
        piece = by_token.get(i)
        if piece is not None and piece.kind == "country" and piece.code:
            country = piece.code[:3]
        elif piece is not None and piece.agent is not None:
            agent = agent or piece.agent
        elif i != head.i and doc[i].pos_ not in {"ADJ", "NOUN"}:
            return None
    end = max(head.i + 1, head_piece.end if head_piece else 0)
    if agent is None and not context.speaking_subject(head):
        return None  # "the U.S. decision", "the Finnish flag"; but "The French mandatory said"
    if country is None and not (agent and head_piece and head_piece.agent and _collective(head)):
        return None
    return end, country, agent


def _collective(head: Token) -> bool:
    """A noun for a body of people: a plural ("the rebels") or one of COLLECTIVE_NOUNS."""
    return head.tag_ in {"NNS", "NNPS"} or head.lemma_.lower() in COLLECTIVE_NOUNS or head.lower_ in COLLECTIVE_NOUNS


def _find_antecedent(mentions: Sequence[Mention], pos: int, country: str | None,
                     agent: Agent | None, plural: bool = False) -> Mention | None:
    """Most recent earlier mention with the title, else of the country or sector.

    A person introduced with the same title may also come later ("the prime minister"
    before "Prime Minister Ranil Wickremesinghe").
    """
    title = agent.root.lower() if agent else None
    before = [m for m in reversed(mentions) if m.end <= pos]
    after = [m for m in mentions if m.start > pos]
    before = [m for m in before if not (plural and is_person_like(m))]  # "the rebels" is not their spokesman
    after = [m for m in after if not (plural and is_person_like(m))]
    strict = [m for m in before + after if title and title in m.titles and _country_ok(m, country)]
    if strict:
        return strict[0]
    head = _head_word(title) if title else None
    same_head = [m for m in before if head and head in {_head_word(t) for t in m.titles} and _country_ok(m, country)]
    if same_head:
        return same_head[0]  # "the ministry" after "the Defence Ministry"
    for m in before:
        if not _country_ok(m, country):
            continue
        if country and is_person_like(m) and person_title(agent) or _same_sector(m, agent, country):
            return m
    return None


def _head_word(title: str) -> str:
    """The last word of an agent root ("defence_ministry": ministry)."""
    words = title.strip("_ ").split("_")
    return words[-1] if words else title


def _country_ok(mention: Mention, country: str | None) -> bool:
    return country is None or mention.code[:3] == country


def _same_sector(mention: Mention, agent: Agent | None, country: str | None) -> bool:
    """A non-government agent ("the rebels", "the military") matches a code with its sector."""
    if agent is None or not agent.code.startswith("~") or agent.code[1:4] == "GOV" or country:
        return False
    return mention.code[3:6] == agent.code[1:4]


def resolve_titles(doc: Doc, mentions: list[Mention], pieces: Sequence[Piece]) -> list[Mention]:
    """Definite titles ("the French president", "The French mandatory", "the rebels")."""
    by_token = {i: p for p in pieces for i in range(p.start, p.end)}
    out = list(mentions)
    for det in columns.where(doc, _is_the):
        found = _definite_np(doc, det, by_token)
        if found is None:
            continue
        inside = [m for m in out if m.start < found[0] and m.end > det.i]
        if any(m.kind != "country" and m.rule != COMPOSED_TITLE or m.end > found[0] for m in inside):
            continue
        rest = [m for m in out if m not in inside]
        composed = any(m.rule == COMPOSED_TITLE for m in inside)
        mention = _title_mention(doc, det.i, found, rest, compose_new=not composed)
        if mention is not None:
            out = rest + [mention]
    return sorted(out, key=lambda m: m.start)


def _title_mention(doc: Doc, start: int, found: tuple[int, str | None, Agent | None],
                   mentions: Sequence[Mention], compose_new: bool = True) -> Mention | None:
    """Corefer a definite title with its antecedent, else compose nationality + agent."""
    end, country, agent = found
    ante = _find_antecedent(mentions, start, country, agent, doc[end - 1].tag_ in {"NNS", "NNPS"})
    if ante is not None:
        return Mention(start, end, ante.code, ante.name, "title", "coref:title", ante.titles, ante)
    if not compose_new:
        return None
    rule = "compose:demonym+agent"
    if country is None and agent is not None:
        if context_blocked(doc, start, end, agent):
            return None
        country, rule = context_country(doc, mentions, start), "compose:context+agent"
    if country and agent:
        code = compose_code(country, agent.code)
        name = doc[start + 1 : end].text
        return Mention(start, end, code, name, "title", rule, frozenset({agent.root.lower()}))
    return None

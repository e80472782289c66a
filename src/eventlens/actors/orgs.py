"""Step 2b: named organisations that no dictionary knows, coded by the head of their name ("the
Regional Court": JUD, "the Provincial Police Bureau": COP, "Acme Mining Corporation":
BUS, "the Department of Public Works": GOV).

A name is a capitalised head from ``data/actors/org-heads.agents.txt`` with at least one other
capitalised word: name words before it ("Regional"), or "of"/"for" and capitalised words
after it ("Office of the Ombudsman"); spaCy's ORG entity around the head widens the name to
its words. The country comes from a nationality or country inside the name ("the Kenya Teachers
Union"), a possessive owner before it ("Canada's Border Services Agency") or "in" + a country
or capital after it ("the Regional Court in Nairobi"); else the code is CAMEO's
agent-only code. A generic state head (~GOV: bureau, agency, department) takes the sector of an
agent noun inside the name ("Police": COP); a party is OPP only when "opposition" comes before it;
a union names its members ("the Kenya Teachers Union"), else it is none; a named unit of a state's
army ("Brigade of the Kenyan Army") is MIL, not REB. A body of an IGO ("the U.N. Boundary
Commission") takes the IGO's code; names holding a person or another dictionary organisation are
left to the dictionary. Places ("at the Harbour Office"), modifiers ("the Oxford University study")
and indefinite descriptions ("a unity government") are no names.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from eventlens.actors.compose import agent_only, compose_code
from eventlens.actors.countries import located, state_root
from eventlens.actors.descriptions import international_words
from eventlens.actors.mention import Mention, Piece
from eventlens.actors.owners import owner_after
from eventlens.actors.petrarch import Agent, read_agent_file

HEADS_FILE = Path(__file__).resolve().parent.parent / "data" / "actors" / "org-heads.agents.txt"
RULE = "compose:organisation-name"
NOT_NAME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "PERSON"}
NAME_POS = {"PROPN", "NOUN", "ADJ"}
LINK_WORDS = {"of", "for"}
NAME_JOINERS = {"&", "and"}
ABSORBED_KINDS = {"country", "metonym"}
COMPOSED_KINDS = {"group", "title"}
INNER_SECTORS = {"~COP", "~MIL", "~JUD", "~SPY", "~LEG"}
OPPOSITION = {"opposition"}
POSSESSIVE = {"'s", "\u2019s"}
MAX_AFTER = 5
# sectors of a state's bodies, which a name can make international
STATE_TEMPLATES = {"GOV", "JUD", "LEG", "COP", "SPY"}
MEMBER_HEADS = {"UNION", "CONFEDERATION"}  # a union names its members ("Teachers", "Mineworkers")


@lru_cache(maxsize=1)
def load_heads(path: Path = HEADS_FILE) -> dict[tuple[str, ...], Agent]:
    """Head phrases (lower-cased words) of organisation names and their agent templates."""
    return {agent.phrase.words: agent for agent in read_agent_file(path).agents}


@lru_cache(maxsize=1)
def _last_words() -> tuple[frozenset[str], int]:
    """The words a head phrase ends with, and the longest phrase's length."""
    heads = load_heads()
    return frozenset(k[-1] for k in heads), max((len(k) for k in heads), default=1)


def name_organisations(doc: Doc, mentions: list[Mention], bare: Sequence[list[Piece]],
                       pieces: Sequence[Piece], keys: Sequence[str]) -> tuple[list[Mention], list[list[Piece]]]:
    """Mentions for unknown organisation names (see the module doc); RETURNS the mentions and
    the agent-only groups no name took in. ``keys`` are the lower-cased tokens
    (:func:`~eventlens.actors.pieces.token_keys`): only a token that can end a head is looked at."""
    heads = load_heads()
    last_words, longest = _last_words()
    at = {i: m for m in mentions for i in range(m.start, m.end)}
    agents_at = {i: p for p in pieces if p.agent is not None for i in range(p.start, p.end)}
    by_start = {p.start: p for p in pieces}
    orgs_at = {i: ent for ent in doc.ents if ent.label_ == "ORG" for i in range(ent.start, ent.end)}
    entries_at = {i: p for p in pieces if p.entry is not None for i in range(p.start, p.end)}
    found: list[Mention] = []
    last_end = 0
    for i, key in enumerate(keys):
        if key not in last_words or i < last_end or i in at or not doc[i].text[:1].isupper():
            continue
        head = _head_at(doc, i, heads, longest, at)
        if head is None:
            continue
        head_start, agent = head
        mention = _organisation(doc, head_start, i + 1, agent, at, agents_at, by_start, orgs_at, entries_at)
        if mention is not None:
            found.append(mention)
            last_end = mention.end
    if not found:
        return mentions, list(bare)
    named = {i for m in found for i in range(m.start, m.end)}
    out = [m for m in mentions if not named.intersection(range(m.start, m.end))] + found
    left = [g for g in bare if not named.intersection(range(g[0].start, g[-1].end))]
    return sorted(out, key=lambda m: m.start), left


def _head_at(doc: Doc, end_tok: int, heads: dict[tuple[str, ...], Agent], longest: int,
             at: dict[int, Mention]) -> tuple[int, Agent] | None:
    """The longest head phrase ending at token ``end_tok``, all capitalised and uncovered."""
    for size in range(min(longest, end_tok + 1), 0, -1):
        toks = doc[end_tok - size + 1 : end_tok + 1]
        if any(not t.text[:1].isupper() or t.i in at for t in toks):
            continue
        agent = heads.get(tuple(t.lower_ for t in toks))
        if agent is not None:
            return end_tok - size + 1, agent
    return None


def _organisation(doc: Doc, head_start: int, head_end: int, agent: Agent, at: dict[int, Mention],
                  agents_at: dict[int, Piece], by_start: dict[int, Piece], orgs_at: dict,
                  entries_at: dict[int, Piece]) -> Mention | None:
    """The mention of the name whose head is [head_start, head_end), or None when it is no name."""
    head = doc[head_end - 1]
    if head.ent_type_ in NOT_NAME_ENTS or head.pos_ not in {"PROPN", "NOUN"}:
        return None
    if head_end < len(doc) and _name_word(doc[head_end]) and head_end not in at:
        return None  # "Police" in "the Provincial Police Bureau": the name goes on
    if head.dep_ in {"compound", "amod"} and head.head.i >= head_end and head.head.pos_ == "NOUN":
        return None  # "the Oxford University study": a modifier, not an actor
    start = _name_start(doc, head_start, head_end, at)
    end = _name_end(doc, head_end, at)
    start, end = _entity_bounds(doc, start, end, head_start, head_end, at, orgs_at)
    if start == head_start and end == head_end and head_end - head_start == 1:
        return None  # a lone capitalised head ("Police said") is an agent, not a name
    if any(g[0] <= start and end <= g[1] for g in _agent_spans(start, end, agents_at)):
        return None  # "the Defence Ministry", "Federal Police": an agent phrase, coded as one
    if any(i in entries_at for i in range(head_start, head_end)):
        return None  # "the West Bank": a dictionary name
    places = [p for i in range(start, end) if (p := entries_at.get(i)) is not None]
    if any(p.kind not in ABSORBED_KINDS and not (p.start in at and _absorbed(at[p.start])) for p in places):
        return None  # a person or organisation the dictionary knows is inside
    det = next((c for c in head.children if c.dep_ == "det"), None)
    if det is not None and det.lower_ in {"a", "an"} or located(head):
        return None  # "a unity government" is no name; "at the Harbour Office" a place
    inner = {id(m): m for i in range(start, end) if (m := at.get(i)) is not None}
    if not all(_absorbed(m) for m in inner.values()):
        return None  # "UN Relief Mission", "Trump Organization": the dictionary's
    country = next((state_root(m.code) for m in inner.values() if state_root(m.code)), None)
    country = country or next((state_root(p.code or "") for p in places if state_root(p.code or "")), None)
    # a state's armed forces inside the name own it ("the Kenyan Army's 7th Brigade"); a bare
    # nationality does not ("the Rwandan Patriotic Front" is a movement of Rwandans)
    owned, first = any(m.code[3:6] == "MIL" and state_root(m.code) for m in inner.values()), start
    if country is None:
        first, country = _possessive_owner(doc, start, at)
        owned = country is not None
    if country is None:
        owner = owner_after(doc, end, by_start)
        country = state_root(owner.code or "") if owner is not None else None
        owned = country is not None and doc[end].lower_ == "of"
    template = _template(doc, start, head_start, head_end, end, agent, agents_at)
    if not template:
        return None
    if template == "~REB" and owned:
        template = "~MIL"  # "the 7th Infantry Brigade of the Kenyan Army": a state's own unit
    code = compose_code(country, template) if country else agent_only(Agent(agent.phrase, template, agent.root))
    if country is None and template[1:4] in STATE_TEMPLATES and _international(doc, start, end):
        code = "IGO"  # "the International Labour Office": no state's body
    igo = next((m for m in inner.values() if m.code.startswith("IGO")), None)
    if igo is not None:
        code = igo.code  # "the U.N. Boundary Commission": a body of the IGO
    if not code:
        return None
    if first > 0 and doc[first - 1].lower_ == "the":
        first -= 1
    possessives = [i for i in range(start, end) if doc[i].lower_ in POSSESSIVE]
    name = doc[possessives[-1] + 1 if possessives else start : end].text  # "France's Acme Group": Acme Group
    name = name[4:] if name.lower().startswith("the ") else name
    titles = frozenset({agent.root.lower(), head.lower_} | ({"@" + country} if country else set()))
    return Mention(first, end, code, name, "organisation", RULE, titles)


def _international(doc: Doc, start: int, end: int) -> bool:
    """The name holds a word that makes it international ("International", "World")."""
    words = international_words()
    return any(t.text in words for t in doc[start:end])


def _agent_spans(start: int, end: int, agents_at: dict[int, Piece]) -> set[tuple[int, int]]:
    """The spans of the agent pieces inside [start, end)."""
    return {(p.start, p.end) for i in range(start, end) if (p := agents_at.get(i)) is not None}


def _absorbed(mention: Mention) -> bool:
    """A country, a city, a composed group or an IGO inside a name ("Kenya", "the Kenya
    Teachers", "U.N." in "the U.N. Boundary Commission")."""
    if mention.kind == "organisation" and mention.code.startswith("IGO"):
        return True
    return mention.kind in ABSORBED_KINDS or mention.kind in COMPOSED_KINDS and mention.rule.startswith("compose:")


def _name_word(tok: Token) -> bool:
    """A capitalised word that can stand in a name."""
    return (tok.text[:1].isupper() and tok.pos_ in NAME_POS and tok.ent_type_ not in NOT_NAME_ENTS
            and tok.lower_ not in {"the", "a", "an"} and (tok.is_alpha or "." in tok.text or "-" in tok.text))


def _name_start(doc: Doc, head_start: int, head_end: int, at: dict[int, Mention]) -> int:
    """Capitalised name words before the head (a country or city among them is taken in)."""
    pos = head_start
    while pos > 0:
        tok = doc[pos - 1]
        if tok.is_sent_start and not tok.pos_ == "PROPN":
            break  # "Yesterday Court ..."
        if tok.text == "&" and pos - 1 > 0 and _name_word(doc[pos - 2]):
            pos -= 1  # "Procter & Gamble Company"
            continue
        if not _name_word(tok):
            break
        mention = at.get(tok.i)
        if mention is not None:
            if not _absorbed(mention) or mention.end > head_start:
                break
            pos = mention.start
            continue
        pos -= 1
    return pos


def _name_end(doc: Doc, head_end: int, at: dict[int, Mention]) -> int:
    """"of"/"for" + capitalised words after the head ("Department of Transportation"); not a
    country or city ("the Government of India" is the government of a country)."""
    if head_end >= len(doc) or doc[head_end].lower_ not in LINK_WORDS:
        return head_end
    pos = head_end + 1
    if pos < len(doc) and doc[pos].lower_ == "the":
        pos += 1
    end = pos
    while end < len(doc) and end - pos < MAX_AFTER and (_name_word(doc[end]) or doc[end].lower_ == "and"
                                                         and end + 1 < len(doc) and _name_word(doc[end + 1])):
        if end in at:
            return head_end
        end += 1
    return end if end > pos else head_end


def _entity_bounds(doc: Doc, start: int, end: int, head_start: int, head_end: int,
                   at: dict[int, Mention], orgs_at: dict) -> tuple[int, int]:
    """spaCy's ORG entity over the head widens the name to its first word (leading "the" aside)
    when no other mention stands in the way."""
    ent = orgs_at.get(head_end - 1)
    if ent is None:
        return start, end
    first = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    for i in range(start - 1, first - 1, -1):
        if doc[i].lower_ in POSSESSIVE or doc[i].is_punct and doc[i].text not in NAME_JOINERS:
            first = i + 1  # "France's Acme Group": the owner is no part of the name
            break
    if first < start and all(i not in at or _absorbed(at[i]) for i in range(first, start)):
        if all(doc[i].text[:1].isupper() or not doc[i].is_alpha for i in range(first, start)):
            start = first
    return start, end


def _possessive_owner(doc: Doc, start: int, at: dict[int, Mention]) -> tuple[int, str | None]:
    """"Canada's Border Services Agency": the country that owns the name, and where it starts."""
    if start < 2 or doc[start - 1].lower_ not in POSSESSIVE:
        return start, None
    owner = at.get(start - 2)
    if owner is None or owner.kind not in ABSORBED_KINDS or not state_root(owner.code):
        return start, None
    return owner.start, state_root(owner.code)


def _template(doc: Doc, start: int, head_start: int, head_end: int, end: int, agent: Agent,
              agents_at: dict[int, Piece]) -> str:
    """The head's template; a generic state head takes a sector noun inside the name, a party
    that "opposition" comes before is OPP."""
    if agent.code == "~PTY" and any(t.lower_ in OPPOSITION for t in doc[max(0, start - 2) : start]):
        return "~OPP"
    if agent.root in MEMBER_HEADS:  # "the Kenya Teachers Union"; "the Continental Union" is no union of workers
        members = [i for i in range(start, head_start) if i in agents_at]
        return agent.code if members else ""
    if agent.code != "~GOV":
        return agent.code
    inner = [agents_at[i] for i in range(start, end) if i in agents_at and not head_start <= i < head_end]
    inner = [p for p in inner if p.agent is not None and p.agent.code in INNER_SECTORS]
    return inner[-1].agent.code if inner and inner[-1].agent is not None else agent.code

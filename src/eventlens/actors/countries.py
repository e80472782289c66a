"""Agent-only mentions ("protesters", "the embassy") take a country from their context."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from eventlens.actors.compose import AGENT_ONLY_ROOTS, NON_STATE_ROOTS, compose_code, office_title, person_title
from eventlens.actors.descriptions import ethnic_words, force_sectors, moved_words
from eventlens.actors.mention import Mention, Piece, is_outlet
from eventlens.actors.petrarch import Agent
from eventlens.actors.words import WORDS
from eventlens.places.nations import load_nations

HARDWARE_ROOTS = {"TANK", "HELICOPTER", "AIRCRAFT", "WARPLANE", "FIGHTER_JET", "WARSHIP", "DRONE", "MISSILE"}
LOCATIVE_PREPS = WORDS.set_of("countries", "locative_preps")
MOVED_RULE = "compose:mover+agent"  # forces coded by the state that moves them (mover_country)
PLURAL_DEMONYM_RULES = {"compose:demonym-plural", "compose:demonym+people"}

def state_root(code: str) -> str | None:
    """The country root of a code, None for IGOs, NGOs, firms and the like."""
    root = code[:3]
    return root if root.isalpha() and root not in NON_STATE_ROOTS and root not in AGENT_ONLY_ROOTS else None


def context_root(mention: Mention) -> str | None:
    """The country a mention gives the agents around it: its state root; none for a news
    organisation, whose home country is not the country it reports on ("protesters told ABC
    News" in Libya are Libyan)."""
    return None if is_outlet(mention) else state_root(mention.code)


def context_country(doc: Doc, mentions: Sequence[Mention], pos: int) -> str | None:
    """Nearest state-coded mention in the sentence of ``pos``, else the article's main one."""
    sent = doc[pos].sent
    near = [m for m in mentions if sent.start <= m.start < sent.end and context_root(m)]
    if near:
        return context_root(min(near, key=lambda m: abs(m.start - pos)))
    counts: dict[str, int] = {}
    for m in mentions:
        root = context_root(m)
        if root:
            counts[root] = counts.get(root, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def mover_country(doc: Doc, start: int, end: int, agent: Agent | None,
                  mention_at: Callable[[int], Mention | None]) -> str | None:
    """"Germany sent troops to Mali", "the US completed its withdrawal of troops from Iraq": forces a
    state sends or withdraws are its own, whatever place is nearer. The country of the subject of
    the verb of moving (or of the verb that governs the noun of moving), or of the noun's owner."""
    word = _moving_word(doc, start, end, agent)
    mover = _mover(word) if word is not None else None
    mention = mention_at(mover.i) if mover is not None else None
    return context_root(mention) if mention is not None else None


def moved(doc: Doc, start: int, end: int, agent: Agent | None) -> bool:
    """The group names forces (an agent of a force sector) and is the object of a verb or noun of
    moving them (see :func:`mover_country`)."""
    return _moving_word(doc, start, end, agent) is not None


def _moving_word(doc: Doc, start: int, end: int, agent: Agent | None) -> Token | None:
    """The verb or noun of moving whose object is the group, when the group names forces."""
    if agent is None or agent.code.strip("~")[:3] not in force_sectors():
        return None
    head = doc[start:end].root
    verbs, nouns = moved_words()
    if head.dep_ == "dobj" and head.head.lemma_.lower() in verbs:
        return head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in nouns:
        return head.head.head
    return None


def _mover(word: Token) -> Token | None:
    """Who moves the forces: the subject of the verb of moving ``word``; for a noun of moving, its
    owner or the subject of the verb it is the object of."""
    if word.pos_ in {"VERB", "AUX"}:
        return _acting_subject(word)
    owner = next((c for c in word.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    return owner if owner is not None else _acting_subject(word.head) if word.dep_ == "dobj" else None


def _acting_subject(verb: Token) -> Token | None:
    """The active subject of a verb, or of the verb it completes or is coordinated with ("agreed
    to send", "met and sent")."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ not in {"xcomp", "conj"} or verb.head.i == verb.i:
            return subject
        verb = verb.head
    return None


def _plural_group(doc: Doc, start: int, end: int) -> bool:
    """A plural (or "police") agent group with no determiner before it."""
    if start > 0 and doc[start - 1].pos_ in {"DET", "PRON"}:
        return False
    head = doc[end - 1]
    return head.tag_ in {"NNS", "NNPS"} or head.lower_ == "police"


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a noun belongs to."""
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        tok = tok.head
    return tok


def place_country(doc: Doc, start: int, end: int, pieces: Sequence[Piece]) -> str | None:
    """The country of a place phrase in the agent's own clause ("In Tehran, lawmakers set fire
    to..."): a capital, city or country that is the object of in/at on the same verb."""
    verb = _clause_verb(doc[start:end].root)
    places = [p for p in pieces if p.entry is not None and p.kind in {"country", "metonym"} and p.code]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at", "inside"}):
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        for piece in places:
            if any(piece.start <= o.i < piece.end for o in objs) and state_root(piece.code or ""):
                return state_root(piece.code or "")
    return None


def code_from_context(doc: Doc, mentions: list[Mention], bare: Sequence[list[Piece]],
                      pieces: Sequence[Piece] = ()) -> list[Mention]:
    """Agent-only mentions without a determiner ("protesters", "Police officers") take the
    country of a place phrase in their clause ("In Tehran, lawmakers"), else of the nearest
    state actor in their sentence, else of the article."""
    at = {i: m for m in mentions for i in range(m.start, m.end)}  # the tokens mentions already take
    out = list(mentions)
    for group in bare:
        start, end = group[0].start, group[-1].end
        if any(i in at for i in range(start, end)) or not _plural_group(doc, start, end):
            continue
        if context_blocked(doc, start, end, group[0].agent):
            continue
        country, rule = mover_country(doc, start, end, group[0].agent, at.get), MOVED_RULE
        if country is None:
            country, rule = place_country(doc, start, end, pieces), "compose:place+agent"
        if country is None:
            country, rule = context_country(doc, mentions, start), "compose:context+agent"
        if country:
            code = compose_code(country, group[0].agent.code if group[0].agent else "")
            out.append(Mention(start, end, code, doc[start:end].text, "group", rule))
    return sorted(out, key=lambda m: m.start)


def context_blocked(doc: Doc, start: int, end: int, agent: Agent | None) -> bool:
    """An agent that the nearest country must not code: several office holders ("the four
    leaders"), hardware, people in general, reporters told something, a building used as a
    place ("out of the embassy"), or one owned by a named non-country ("the ministers of the
    two Gulf states")."""
    if agent is None or bystander(doc, end, agent):
        return True
    if doc[start:end].root.tag_ in {"NNS", "NNPS"} and (
            person_title(agent) or office_title(agent) and agent.code.startswith("~GOV")):
        return True
    return end < len(doc) and doc[end].lower_ == "of" and _noun_object(doc[end])


def bystander(doc: Doc, end: int, agent: Agent) -> bool:
    """People in general, hardware, reporters told something, a building used as a place: no
    actor at all, whatever country is near."""
    head = doc[end - 1]
    return agent.code == "~PPL" or agent.root in HARDWARE_ROOTS or _told(head) or located(head)


def _noun_object(prep: Token) -> bool:
    """The preposition governs a noun ("of the two Gulf states"), not a gerund ("of striking")."""
    return any(c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN", "NUM"} for c in prep.children)


def _told(head: Token) -> bool:
    """"told reporters": the object of a verb of telling."""
    return head.dep_ in {"dobj", "dative"} and head.head.lemma_.lower() in {"tell", "brief"}


def located(head: Token) -> bool:
    """"in the embassy", "out of the consulates": the object of a place preposition."""
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ == "into" and prep.head.pos_ == "NOUN":
        return False  # "an inquiry into the employees"
    return prep.lower_ in LOCATIVE_PREPS or prep.lower_ == "of" and prep.head.lower_ == "out"


def code_ethnic(doc: Doc, mentions: list[Mention], pieces: Sequence[Piece]) -> list[Mention]:
    """"ethnic Albanians" take the country of a place phrase of their clause ("demonstrated in
    Serbia"), else of the nearest other state named in their sentence, else of the article's
    most frequent other state, as civilians; with none, they keep their own."""
    ethnic = ethnic_words()
    for m in mentions:
        if m.rule not in PLURAL_DEMONYM_RULES or m.antecedent is not None:
            continue
        before = {t.lower_ for t in doc[max(0, m.start - 2) : m.start]}
        if not before & ethnic:
            continue
        own = state_root(m.code)
        country = _placed_in(doc, m, pieces) or place_country(doc, m.start, m.end, pieces)
        if country is None or country == own:
            country = _other_state(doc, mentions, m, own)
        if country and country != own:
            m.code = country + "CVL"
            m.rule = "compose:ethnic+place"
            nation = load_nations().by_code.get(country)
            m.name = f"{doc[m.start : m.end].text} of {nation.name if nation else country}"
    return mentions


def _placed_in(doc: Doc, mention: Mention, pieces: Sequence[Piece]) -> str | None:
    """A country the mention itself is placed in ("Ethnic Albanians in south Serbia")."""
    head = doc[mention.start : mention.end].root
    countries = {i: p for p in pieces if p.entry is not None and p.kind in {"country", "metonym"}
                 and state_root(p.code or "") for i in range(p.start, p.end)}
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS):
        found = [countries[t.i] for t in prep.subtree if t.i in countries]
        if found:
            return state_root(found[0].code or "")
    return None


def _other_state(doc: Doc, mentions: Sequence[Mention], mention: Mention, own: str | None) -> str | None:
    """The nearest state of the sentence other than ``own``, else the article's most frequent."""
    sent = doc[mention.start].sent
    others = [(m, root) for m in mentions if m is not mention and (root := context_root(m)) and root != own]
    near = [(abs(m.start - mention.start), root) for m, root in others if sent.start <= m.start < sent.end]
    if near:
        return min(near)[1]
    counts: dict[str, int] = {}
    for _, root in others:
        counts[root] = counts.get(root, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None

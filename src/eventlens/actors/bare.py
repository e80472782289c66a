"""Step 4e: agent groups that nothing else coded ("The court", "Federal Police", "a prosecutor",
"Los Rojos cartel") still are actors. Their country comes, in this order, from a name word
before them ("Oslo City Court judge"), a state-coded owner after "of" ("the military
government of President X"), an earlier mention of the same title that "the ..." points back to
("the court" after "a court in Nairobi"), a place phrase of their clause ("In Lima, the
government"), the nearest state of their sentence or article (as for "protesters"); with none,
they take CAMEO's agent-only code ("JUD", "COP", "CRM"). A name followed by a title in apposition
("Omar Haddad, a suspected militant") is a person with the title's code. A titled name or a state
body's name that said no country ("President Amani Wekesa", "the Regional Court") takes the
nearest state as "the president" does, else a country its sentence names as a place; firms,
schools, associations and news media do not.

Not every agent word names participants: a modifier of another noun ("police station", "army
camp", "intelligence budgets"), a predicate or role ("was named prime minister", "as leader"), a
place or medium ("in court", "on state television"), an owned or anaphoric group ("its
ambassadors", "the ministers of the two states"), a non-specific one ("call for an interim
government", "not any one party", "a senior official added", an indefinite one outside the main
clause: "after a court freed him"), a former holder ("a former spy"), a
conjunct of a coded mention ("Dutch media and government") and the bystanders of
:func:`~eventlens.actors.countries.bystander` ("told reporters", "people", hardware) stay out,
and so do the words of ``data/actors/bare-agents.txt`` ("the revolt"). An agent owned by an
agent group before it is one group with the owner's code ("the army's spokesman": MIL), and
refugees take the country their clause says they come from ("refugees fleeing the war in
Liberia": LBRREF; ``data/actors/descriptions.toml``).

Every lookup goes through indexes built once per article (mentions by token, start and title;
state roots by sentence), so the step stays linear in the article's length.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from eventlens.actors.compose import ACT_NOUNS, AGENT_ONLY_ROOTS, FORMER_WORDS, agent_only, compose_code, person_title
from eventlens.actors.countries import (
    MOVED_RULE,
    bystander,
    context_blocked,
    context_root,
    mover_country,
    place_country,
    state_root,
)
from eventlens.actors.descriptions import origin_words
from eventlens.actors.groups import FORMS_OF_STATE
from eventlens.actors.mention import Mention, Piece, first_of
from eventlens.actors.petrarch import Agent
from eventlens.actors.words import WORDS

RULE = "compose:agent-only"
UNPLACED_RULES = {"compose:title+name", "compose:organisation-name"}
# Sectors whose named bodies belong to the state they act in ("the Department of Transportation",
# "the Regional Court", "the Labour Party"); firms, schools, associations and news media may
# act across borders and keep their agent-only code.
STATE_SECTORS = {"GOV", "COP", "JUD", "LEG", "MIL", "PTY", "OPP", "REB", "SPY"}
SKIPPED = Path(__file__).resolve().parent.parent / "data" / "actors" / "bare-agents.txt"
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
PREDICATE_DEPS = {"attr", "oprd", "acomp"}
NO_ACTOR_WORDS = WORDS.set_of("bare", "no_actor_words")
POSSESSIVE_DETS = WORDS.set_of("bare", "possessive_dets")
POSSESSIVE_MARKS = {"'s", "\u2019s"}
INDEFINITE = {"a", "an"}
ACTING_DEPS = {"nsubj", "nsubjpass", "dobj"}  # "A court ruled", "killed a worker"
NOUN_POS = {"NOUN", "PROPN"}
MEDIUM_PREPS = {"on", "in"}
# "thousands of workers", "members of the militia": the "of" introduces the people themselves
PARTITIVE_HEADS = WORDS.set_of("bare", "partitive_heads")
EVENT_SUFFIXES = ("ion", "ment", "ing", "al", "ure")


@lru_cache(maxsize=1)
def skipped_words(path: Path = SKIPPED) -> frozenset[str]:
    """The agent words that are no actor standing alone (one a line, ``#`` comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#"))


def code_bare(doc: Doc, mentions: list[Mention], bare: Sequence[list[Piece]], pieces: Sequence[Piece],
              unknown: Sequence[Piece] = ()) -> list[Mention]:
    """Agent-only groups left uncoded become mentions (see the module doc); an unknown name
    that a title follows in apposition ("Omar Haddad, a suspected militant") is a person."""
    index = _Index(doc, mentions)
    _place_unplaced(doc, mentions, index, pieces)
    mentions, bare = _appositions(doc, mentions, bare, unknown, index)
    places = {i: p for p in pieces if p.entry is not None and p.kind in {"country", "metonym"}
              for i in range(p.start, p.end)}
    agents_at = {i for p in pieces if p.agent is not None for i in range(p.start, p.end)}
    dropped: set[int] = set()
    found: list[Mention] = []
    for group in _owned_by_agent(doc, bare):
        start, end, agent = group[0].start, group[-1].end, group[0].agent
        if agent is None or doc[end - 1].lower_ in skipped_words():
            continue
        if end < len(doc) and (end in index.at or _hyphenated(doc, end)):
            continue  # "the rebel Free Syrian Army", "rebel-held areas"
        end = named_end(doc, end)  # "the weekly newspaper El Faro"
        if index.covers(start, end) or not _actor_noun(doc, start, end, agent):
            continue
        if _conjoined(doc[end - 1], index.at):
            continue  # "Dutch media and government": the phrase of a coded mention
        first, country, absorbed = _modifiers(doc, start, end, index.at, places)
        named = any(t.pos_ == "PROPN" for t in doc[first:start])  # "Los Rojos cartel"
        if not _specific(doc, first, end, agent, country, agents_at, named=named):
            continue
        source = _country(doc, first, end, agent, country, index, pieces)
        mention = _bare_mention(doc, first, end, agent, source, absorbed)
        if mention is None:
            continue
        dropped.update(id(m) for m in absorbed)
        found.append(mention)
        index.add(mention)
    out = [m for m in mentions if id(m) not in dropped] + found
    return sorted(out, key=lambda m: m.start)


def _owned_by_agent(doc: Doc, bare: Sequence[list[Piece]]) -> list[list[Piece]]:
    """"the army's spokesman", "the ministry's officials": an agent owned by an agent group
    before it is one group with the owner's code (the army's spokesman speaks for the army)."""
    out: list[list[Piece]] = []
    for group in bare:
        prev = out[-1] if out else None
        if prev is not None and prev[-1].end + 1 == group[0].start and doc[prev[-1].end].lower_ in POSSESSIVE_MARKS \
                and doc[group[-1].end - 1].head.i >= group[0].start:
            out[-1] = prev + group
            continue
        out.append(list(group))
    return out


def _place_unplaced(doc: Doc, mentions: Sequence[Mention], index: _Index, pieces: Sequence[Piece]) -> None:
    """A titled name or a state body's name that said no country ("President Amani Wekesa",
    "the Regional Court") takes the nearest state of its sentence, else of the article, as "the
    president" does, else the country or capital its sentence names as a place ("threatened a
    curfew in Algiers"); mentions that corefer with it follow. Firms, schools, associations and
    news media keep their agent-only code."""
    places: dict[int, str] = {}
    for p in pieces:
        root = state_root(p.code or "") if p.entry is not None and p.kind in {"country", "metonym"} else None
        if root:
            places.setdefault(doc[p.start].sent.start, root)
    recoded: dict[int, str] = {}
    for m in mentions:
        if m.rule not in UNPLACED_RULES or m.antecedent is not None or m.code[:3] not in AGENT_ONLY_ROOTS:
            continue
        if m.kind == "organisation" and m.code[:3] not in STATE_SECTORS:
            continue
        root = index.nearest_state(m.start) or places.get(doc[m.start].sent.start)
        if root:
            recoded[id(m)] = m.code = compose_code(root, "~" + m.code)
    for m in mentions:
        if m.antecedent is not None and id(first_of(m)) in recoded:
            m.code = recoded[id(first_of(m))]


class _Index:
    """The mentions of an article by token, start and title, and its state roots by sentence
    (for the nearest state) and by count (for the article's main state); kept up to date as
    mentions are added, so no lookup rescans the article."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.at: dict[int, Mention] = {}
        self.starts: dict[int, Mention] = {}
        self.titles: dict[str, list[tuple[int, Mention]]] = {}
        self.states: dict[int, list[tuple[int, str]]] = {}
        self.counts: Counter[str] = Counter()
        for m in mentions:
            self.add(m)

    def add(self, mention: Mention) -> None:
        for i in range(mention.start, mention.end):
            self.at[i] = mention
        self.starts.setdefault(mention.start, mention)
        for title in mention.titles:
            entries = self.titles.setdefault(title, [])
            entries.insert(bisect_left(entries, (mention.end, -1), key=lambda e: (e[0], -1)), (mention.end, mention))
        root = context_root(mention)
        if root:
            self.states.setdefault(self.doc[mention.start].sent.start, []).append((mention.start, root))
            self.counts[root] += 1

    def covers(self, start: int, end: int) -> bool:
        return any(i in self.at for i in range(start, end))

    def before(self, title: str, pos: int) -> Mention | None:
        """The latest mention introduced with ``title`` that ends before token ``pos``."""
        entries = self.titles.get(title, [])
        k = bisect_left(entries, pos, key=lambda e: e[0])
        return entries[k - 1][1] if k else None

    def nearest_state(self, pos: int) -> str | None:
        """As :func:`~eventlens.actors.countries.context_country`: the nearest state-coded
        mention of the sentence, else the article's most frequent state."""
        near = self.states.get(self.doc[pos].sent.start)
        if near:
            return min(near, key=lambda e: abs(e[0] - pos))[1]
        return max(self.counts, key=lambda k: self.counts[k]) if self.counts else None


def _appositions(doc: Doc, mentions: list[Mention], bare: Sequence[list[Piece]], unknown: Sequence[Piece],
                 index: _Index) -> tuple[list[Mention], list[list[Piece]]]:
    """"Rajiv Menon, leader of the council": the name takes the sector of the title in apposition
    after it (its country when a state is named between them: "X, Morocco's best-known activist");
    the title words make no second actor."""
    names = {i: p for p in unknown if not index.covers(p.start, p.end) for i in range(p.start, p.end)}
    out, left = list(mentions), []
    for group in bare:
        head, agent = doc[group[-1].end - 1], group[0].agent
        name = names.get(head.head.i) if head.dep_ == "appos" and head.head.i < group[0].start else None
        code = agent_only(agent) if name is not None else None
        if name is None or agent is None or code is None or index.covers(name.start, name.end):
            left.append(group)
            continue
        country = next((root for i in range(name.end, group[0].start)
                        if (m := index.at.get(i)) is not None and (root := state_root(m.code))), None)
        if country:
            code = compose_code(country, agent.code)
        mention = Mention(name.start, name.end, code, doc[name.start : name.end].text, "person",
                          "compose:name+appositive-title", frozenset({agent.root.lower()}))
        out.append(mention)
        index.add(mention)
    return sorted(out, key=lambda m: m.start), left


def _actor_noun(doc: Doc, start: int, end: int, agent: Agent) -> bool:
    """The group's head is a noun that names participants, not a modifier, predicate or place."""
    head = doc[end - 1]
    if head.pos_ not in NOUN_POS or not head.is_alpha:
        return False
    if head.lower_ in FORMS_OF_STATE or bystander(doc, end, agent):
        return False  # "the kingdom" is a state or a place (actors.groups)
    role = _role(head)
    if role.dep_ in MODIFIER_DEPS and role.head.i >= end and role.head.pos_ in NOUN_POS:
        return False  # "police station", "the army camp", "police and intelligence budgets"
    if role.dep_ in PREDICATE_DEPS:
        return False  # "he was named prime minister"
    if role.dep_ == "pobj" and not _participant_object(role, agent):
        return False
    return not _owned_by_noun(doc, end)


def named_end(doc: Doc, end: int) -> int:
    """The end of a name right after the agent ("the weekly newspaper El Faro"): capitalised
    proper nouns up to the agent's own head; ``end`` when none follows."""
    head = doc[end - 1]
    if head.dep_ != "compound" or head.head.i < end or head.head.pos_ != "PROPN":
        return end
    name = doc[end : head.head.i + 1]
    if len(name) > 4 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
        return end
    return head.head.i + 1


def _owner_of(doc: Doc, end: int, starts: dict[int, Mention]) -> str | None:
    """The country of a state-coded mention right after "of" ("residents of the Ukrainian
    capital", "the cabinet of President Vladimir Putin")."""
    if end >= len(doc) or doc[end].lower_ != "of":
        return None
    owner = starts.get(end + 1)
    return state_root(owner.code) if owner is not None else None


def _conjoined(head: Token, at: dict[int, Mention]) -> bool:
    """The head is a conjunct of a coded mention's head ("media and government")."""
    return head.dep_ == "conj" and head.head.i in at


def _hyphenated(doc: Doc, end: int) -> bool:
    """The head goes on in a hyphenated word ("rebel-held", "police-run")."""
    return doc[end].text == "-" and not doc[end - 1].whitespace_


def _role(head: Token) -> Token:
    """The first conjunct of a coordination ("intelligence" in "police and intelligence")."""
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    return head


def _participant_object(obj: Token, agent: Agent) -> bool:
    """The object of a preposition that names a participant: "by the court", "against the
    army", "thousands of workers", "the arrest of a journalist"; not "as leader", "on state
    television", "the floor of parliament"."""
    prep = obj.head
    word = prep.lower_
    if word == "as":
        return False
    if word in MEDIUM_PREPS and agent.code.startswith("~MED"):
        return False
    if word != "of":
        return True
    owner = prep.head
    if owner.pos_ in {"NUM", "PRON", "DET"} or owner.lower_ in PARTITIVE_HEADS:
        return True
    lemma = owner.lemma_.lower()
    return owner.pos_ == "NOUN" and (lemma in ACT_NOUNS or lemma.endswith(EVENT_SUFFIXES))


def _owned_by_noun(doc: Doc, end: int) -> bool:
    """"the ministers of the two Gulf states": owned by a common noun, so its own country is
    unsaid ("employees of Acme" name their owner)."""
    if end >= len(doc) or doc[end].lower_ != "of":
        return False
    return any(c.dep_ == "pobj" and c.pos_ == "NOUN" for c in doc[end].children)


def _specific(doc: Doc, start: int, end: int, agent: Agent, country: str | None, agents_at: set[int],
              named: bool = False) -> bool:
    """A definite or named group, or an indefinite one that acts (a subject, the agent of a
    passive); not a possessive's ("its ambassadors"), a negated one or a former holder."""
    head = doc[end - 1]
    before = {t.lower_ for t in doc[max(0, start - 3) : start]} | {c.lower_ for c in head.children if c.i < start}
    if before & NO_ACTOR_WORDS or before & FORMER_WORDS:
        return False
    if any(t.lower_ in FORMER_WORDS for t in doc[start:end]):
        return False
    det = next((c for c in head.children if c.dep_ in {"det", "poss"} and c.i < head.i), None)
    if det is not None and det.dep_ == "poss" and det.i >= start:  # "the army's spokesman": the owner's "the"
        det = next((c for c in det.children if c.dep_ == "det" and c.i < det.i), None)
    det_word = det.lower_ if det is not None else ""
    if det_word in POSSESSIVE_DETS or det is not None and det.dep_ == "poss":
        return False
    if _named_apart(head):
        return False
    if head.tag_ in {"NN", "NNP"} and _common_compound(head, start, agents_at):
        return False
    if det is None and head.tag_ == "NN" and not named:
        return False  # "he said government would review", a headline's "Government warns ..."
    if det_word in INDEFINITE and country is None and head.tag_ in {"NN", "NNP"}:
        if person_title(agent) or agent.code.startswith("~GOV"):
            return False  # "a senior official added": an unnamed office holder of no known state
        acting = head.dep_ in ACTING_DEPS or head.dep_ == "pobj" and head.head.dep_ == "agent"
        return acting and _main_clause(head)  # "after a court freed him": background
    return True


def _main_clause(tok: Token) -> bool:
    """The noun belongs to the sentence's main clause or a clause conjoined with it, not to a
    subordinate one (adverbial, relative, complement)."""
    verb = tok.head
    while verb.dep_ in {"agent", "prep"} and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ in {"conj", "xcomp", "aux"} and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _named_apart(head: Token) -> bool:
    """"A spokesman for the group, Ali Karim", "Ana Petrovic, the Serbian-born tycoon":
    the named person in apposition is the actor, the title words are no second one."""
    if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
        return True
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON" for c in head.children)


def _common_compound(head: Token, start: int, agents_at: set[int]) -> bool:
    """A singular head after a lower-case noun of its own ("the visa regime", "a
    sanctions regime"): a system or a thing, not the body that acts (an agent word before it,
    as in "the opposition weekly newspaper", is no such noun)."""
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_lower and c.i < start and c.i not in agents_at
               for c in head.children)


def _modifiers(doc: Doc, start: int, end: int, at: dict[int, Mention], places: dict[int, Piece]
               ) -> tuple[int, str | None, list[Mention]]:
    """Take in capitalised name words before the agent ("Los Rojos cartel", "Oslo City
    Court judge") and the country a place among them names; a state-coded mention among them
    owns the group ("the Trump administration": USAGOV). RETURNS the start, the country and the
    mentions the group takes in."""
    country: str | None = None
    absorbed: list[Mention] = []
    pos = start
    while pos > 0:
        tok = doc[pos - 1]
        if not _name_modifier(tok, start, end):
            break
        found = at.get(tok.i)
        if found is not None:
            if not state_root(found.code) or absorbed:
                break
            absorbed.append(found)
            country, pos = state_root(found.code), found.start
            continue
        if tok.i in places:
            piece = places[tok.i]
            country = state_root(piece.code or "") or country
            pos = piece.start
            continue
        pos -= 1
    return pos, country, absorbed


def _name_modifier(tok: Token, start: int, end: int) -> bool:
    """A capitalised compound word that modifies the group ("Rojos" in "Los Rojos cartel")."""
    if not tok.text[:1].isupper() or tok.lower_ in {"the", "a", "an"} or tok.ent_type_ == "NORP":
        return False  # a nationality the dictionary lacks ("Swedish media") is no name word
    if tok.pos_ not in {"PROPN", "NOUN", "ADJ"} or not tok.is_alpha:
        return False
    anchor = tok
    while anchor.dep_ in {"compound", "amod"} and anchor.head.i < end and anchor.head.i != anchor.i:
        anchor = anchor.head
        if start <= anchor.i < end:
            return True
    return False


def _country(doc: Doc, start: int, end: int, agent: Agent, country: str | None, index: _Index,
             pieces: Sequence[Piece]) -> tuple[str | None, str] | Mention:
    """Where the group's country comes from (see the module doc); an antecedent mention itself
    when "the ..." points back to one."""
    if country:
        return country, "compose:name+agent"
    origin = _origin(doc, end, agent, pieces)
    if origin:
        return origin, "compose:agent+origin"
    mover = mover_country(doc, start, end, agent, index.at.get)
    if mover:
        return mover, MOVED_RULE
    owner = _owner_of(doc, end, index.starts)
    if owner:
        return owner, "compose:agent+of-country"
    if doc[start].lower_ == "the" or start > 0 and doc[start - 1].lower_ == "the":
        ante = index.before(_title(agent), start)  # the agent may hold the "the" ("THE_COURT")
        if ante is not None:
            return ante
    place = place_country(doc, start, end, pieces)
    if place:
        return place, "compose:place+agent"
    if not context_blocked(doc, start, end, agent):
        near = index.nearest_state(start)
        if near:
            return near, "compose:context+agent"
    return None, RULE


def _origin(doc: Doc, end: int, agent: Agent, pieces: Sequence[Piece]) -> str | None:
    """Where refugees come from: a country after "from" on the refugees' noun, or one that the
    clause of a verb of leaving on it names ("refugees fleeing the civil war in Liberia")."""
    if agent.code != "~REF":
        return None
    verbs, preps = origin_words()
    head = doc[end - 1]
    countries = {i: p for p in pieces if p.entry is not None and p.kind in {"country", "metonym"}
                 and state_root(p.code or "") for i in range(p.start, p.end)}
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found = [countries[t.i] for t in child.subtree if t.i in countries]
        elif child.dep_ in {"acl", "relcl"} and child.lemma_.lower() in verbs:
            found = [countries[t.i] for t in child.subtree if t.i in countries]
        else:
            continue
        if found:
            return state_root(found[0].code or "")
    return None


def _bare_mention(doc: Doc, start: int, end: int, agent: Agent, source: tuple[str | None, str] | Mention,
                  absorbed: Sequence[Mention]) -> Mention | None:
    """The mention of a bare group over [start, end): with a country, an antecedent, or alone."""
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1
    if isinstance(source, Mention):
        return Mention(start, end, source.code, source.name, "title", "coref:title", source.titles, source)
    country, rule = source
    code = compose_code(country, agent.code) if country else agent_only(agent)
    if not code:
        return None
    name = doc[start:end].text
    name = name[4:] if name.lower().startswith("the ") else name
    owner = absorbed[0] if absorbed else None
    if owner is not None and owner.kind == "person":
        name = f"{owner.name} {doc[owner.end:end].text}"  # "Donald Trump administration"
    kind = "title" if doc[end - 1].tag_ in {"NN", "NNP"} and person_title(agent) else "group"
    titles = frozenset({_title(agent)} | ({"@" + country} if country else set()))
    return Mention(start, end, code, name, kind, rule, titles)


def _title(agent: Agent) -> str:
    """The title key of an agent, as later titles look it up ("THE_COURT": court)."""
    root = agent.root.lower()
    return root[4:] if root.startswith("the_") else root

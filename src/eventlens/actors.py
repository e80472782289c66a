"""Actor stage: find actor mentions in a parsed article and give each a dated code.

Steps, in order (all inside :func:`extract`):

1. pieces: longest dictionary matches (actor entries and agent nouns, case-insensitive)
   plus spaCy PERSON entities that no entry covers;
2. composition: adjacent pieces form one mention ("Ukrainian President Volodymyr Zelensky",
   "Russian troops", "Russia's foreign ministry"); a known person keeps their own code;
3. places: a capital, building or country that is the object of in/at/from/... is a place,
   not an actor;
4. coreference: surnames, definite titles ("the French president", "the rebels") and the
   pronouns he/she/him point back to an earlier mention and take its code and name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventlens.actoring import context
from eventlens.dictionaries import ActorLexicon, Agent, LexEntry, Match, build_lexicon
from eventlens.models import Actor, Article

SHORT_CODES = {"IGOWSTNAT": "NATO", "IGOEUREEC": "EU", "IGOUNO": "UNO", "IGOAFR": "AU", "IGOG7": "G7"}
PLACE_PREPS = {"in", "at", "to", "from", "into", "inside", "near", "outside", "via", "toward",
               "towards", "across", "throughout", "within", "around", "over", "between"}
COUNTRY_PLACE_PREPS = PLACE_PREPS - {"to", "between"}
TRAVEL_VERBS = {"leave", "depart", "head", "flee", "fly", "bound", "set"}
PRONOUNS = {"he", "she", "him"}
COMPOSED_TITLE = "compose:country+agent"
PERSON_TITLES = {"president", "minister", "chancellor", "premier", "leader", "king", "queen", "prince",
                 "secretary", "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador",
                 "diplomat", "general", "commander", "chief", "head", "mayor", "governor", "emir"}
COLLECTIVE_NOUNS = {"military", "army", "navy", "government", "ministry", "police", "junta", "regime",
                    "administration", "cabinet", "parliament", "opposition", "militia", "coalition",
                    "president", "minister", "chancellor", "premier", "king", "leader", "spokesman",
                    "spokeswoman", "commission", "council", "embassy", "legislature"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPACE_KEY = ""


@dataclass(frozen=True, slots=True)
class _Piece:
    """A dictionary entry, agent noun or unknown PERSON entity over tokens [start, end)."""

    start: int
    end: int
    entry: LexEntry | None = None
    agent: Agent | None = None
    code: str | None = None
    kind: str = "person"
    undated: bool = False


@dataclass(slots=True)
class _Mention:
    """A mention being built: token span, code, name and coreference facts."""

    start: int
    end: int
    code: str
    name: str
    kind: str
    rule: str
    titles: frozenset[str] = frozenset()
    antecedent: _Mention | None = None
    alt_codes: tuple[str, ...] = field(default=())


@lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = ()) -> ActorLexicon:
    """Load the actor lexicon once per process (per distinct ``extra_files``).

    extra_files (tuple[str, ...]): user dictionaries in PETRARCH format, loaded last so
        they override the shipped ones; a file whose name contains "agent" is an agents file.
    RETURNS (ActorLexicon): the shipped Phoenix files + the supplement + the user files.
        Malformed lines are skipped and listed in ``lexicon.problems``.
    """
    return build_lexicon(tuple(Path(p) for p in extra_files))


def extract(doc: Doc, article: Article, lexicon: ActorLexicon) -> list[Actor]:
    """Find the actor mentions of one article, in text order, ids ``a1``, ``a2``, ...

    doc (Doc): the article parsed from ``parse_text(article)`` (offsets equal article.text's).
    article (Article): its ``date`` picks date-restricted codes (None: undated/latest code).
    lexicon (ActorLexicon): from :func:`load_lexicon`.
    RETURNS (list[Actor]): mentions with exact offsets, code, canonical name, kind, the rule
        that coded them and ``ref``, the id of the first mention they corefer with.
    """
    keys = token_keys(doc)
    pieces = find_pieces(doc, keys, lexicon, article.date)
    mentions, unknown, bare = compose(doc, pieces, lexicon)
    mentions = [m for m in mentions if not is_place(doc, m)]
    mentions = resolve_surnames(doc, mentions, unknown)
    mentions = resolve_titles(doc, mentions, pieces)
    mentions = code_from_context(doc, mentions, bare)
    mentions = resolve_pronouns(doc, mentions)
    mentions = resolve_bodies(doc, mentions)
    return to_actors(doc, article, mentions)


def token_keys(doc: Doc) -> list[str]:
    """Lower-cased match keys per token (curly apostrophes made straight, spaces empty)."""
    return [SPACE_KEY if t.is_space else t.text.lower().replace("\u2019", "'") for t in doc]


def find_pieces(doc: Doc, keys: Sequence[str], lexicon: ActorLexicon, day: date | None) -> list[_Piece]:
    """Non-overlapping longest matches of entries and agents, plus unknown PERSON entities."""
    pieces: list[_Piece] = []
    pos = 0
    while pos < len(doc):
        piece = _piece_at(doc, keys, lexicon, day, pos)
        if piece is None:
            pos += 1
            continue
        pieces.append(piece)
        pos = piece.end
    covered = {i for p in pieces for i in range(p.start, p.end)}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not covered.intersection(range(ent.start, ent.end)):
            pieces.append(_Piece(ent.start, ent.end))
    return sorted(pieces, key=lambda p: p.start)


def _piece_at(doc: Doc, keys: Sequence[str], lexicon: ActorLexicon, day: date | None, pos: int) -> _Piece | None:
    """The longer of the entry and agent matches at ``pos`` (an entry wins a tie)."""
    if not keys[pos]:
        return None
    actor = lexicon.match_actor(keys, pos)
    if actor and not _has_capital(doc, actor.start, actor.end):
        actor = None
    agent = lexicon.match_agent(keys, pos)
    if agent and (actor is None or agent.end > actor.end):
        end = agent.end
        while end > pos + 1 and doc[end - 1].pos_ in {"ADP", "DET"}:
            end -= 1  # "AMBASSADOR_TO" should not take the "to" of "ambassador to Kyiv"
        return _Piece(pos, end, agent=lexicon.agents[agent.index], kind="agent")
    if actor is None:
        actor = _plural_match(doc, keys, lexicon, pos)
    if actor is None:
        return None
    entry = lexicon.entries[actor.index]
    code = entry.code_on(day) or ""
    kind = _entry_kind(doc, entry, code, actor.start, actor.end)
    return _Piece(pos, actor.end, entry=entry, code=code, kind=kind, undated=day is None)


def _plural_match(doc: Doc, keys: Sequence[str], lexicon: ActorLexicon, pos: int) -> Match | None:
    """A capitalised plural ("Afghans") whose singular is a one-word country entry."""
    key = keys[pos]
    if not (key.endswith("s") and len(key) > 3 and doc[pos].text[:1].isupper()):
        return None
    found = lexicon.match_actor([key[:-1]], 0)
    if found is None or found.end != 1:
        return None
    codes = lexicon.entries[found.index].codes
    return Match(pos, pos + 1, found.index) if all(len(c.code) == 3 for c in codes) else None


def _has_capital(doc: Doc, start: int, end: int) -> bool:
    """Dictionary names need a capitalised token (or a handle) somewhere in the match."""
    return any(doc[i].text[:1].isupper() or doc[i].text[:1] in "@" for i in range(start, end))


def _entry_kind(doc: Doc, entry: LexEntry, code: str, start: int, end: int) -> str:
    """The entry's own kind, else one guessed from its code and the spaCy entity labels."""
    if entry.kind:
        return entry.kind
    if len(code) == 3 and code.isalpha():
        return "country"
    if code[:3] in {"IGO", "NGO", "MNC"}:
        return "organisation"
    if code.startswith("IMG") or "REB" in code[3:]:
        return "group"
    labels = {doc[i].ent_type_ for i in range(start, end)}
    return "person" if "PERSON" in labels else "organisation"


def _is_name(piece: _Piece) -> bool:
    return piece.kind == "person"


def _joins(doc: Doc, prev: _Piece, piece: _Piece) -> bool:
    """True when ``piece`` continues the mention that ends with ``prev``."""
    if _is_name(prev):
        return False
    if piece.entry is not None and piece.kind != "person":
        same_country = prev.entry is not None and (prev.code or "")[:3] == (piece.code or "")[:3]
        if not (same_country and prev.kind in {"country", "metonym"}):
            return False
    gap = [t for t in doc[prev.end : piece.start]]
    if not gap:
        return True
    return len(gap) == 1 and gap[0].lower_ in {"'s", "\u2019s"} and prev.entry is not None


def compose(doc: Doc, pieces: Sequence[_Piece], lexicon: ActorLexicon
            ) -> tuple[list[_Mention], list[_Piece], list[list[_Piece]]]:
    """Group adjacent pieces into mentions.

    RETURNS: the mentions, the unknown names no title codes, and the agent-only groups
        ("protesters", "the rebels") that coreference or the context may code later.
    """
    groups: list[list[_Piece]] = []
    for piece in pieces:
        if groups and _joins(doc, groups[-1][-1], piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    covered = {i for p in pieces for i in range(p.start, p.end)}
    mentions: list[_Mention] = []
    unknown: list[_Piece] = []
    bare: list[list[_Piece]] = []
    for group in groups:
        mention = _group_mention(doc, group, lexicon, covered)
        if mention is not None:
            mentions.append(mention)
        elif group[-1].kind == "person":
            unknown.append(group[-1])
        elif all(p.agent is not None for p in group):
            bare.append(group)
    return mentions, unknown, bare


def compose_code(base: str, template: str) -> str:
    """Apply an agent template to a base code: ``UKR`` + ``~MIL`` -> ``UKRMIL``."""
    if len(base) != 3:
        return base
    if template.startswith("~"):
        return base + template[1:]
    if template.endswith("~"):
        return template[:-1] + base
    return base


def _titles(group: Sequence[_Piece]) -> frozenset[str]:
    """Agent roots and country roots a mention was introduced with (for later titles)."""
    out = {p.agent.root.lower() for p in group if p.agent}
    out |= {"@" + p.code[:3] for p in group if p.entry and p.code}
    return frozenset(out)


def _group_mention(doc: Doc, group: list[_Piece], lexicon: ActorLexicon, covered: set[int]) -> _Mention | None:
    """One mention from a group of pieces, or None when nothing in it gives a code."""
    last = group[-1]
    base = next((p for p in group if p.entry is not None), None)
    agent = next((p.agent for p in group if p.agent is not None), None)
    if last.kind == "person":
        return _person_mention(doc, group, base, agent, covered)
    if base is None or not base.code:
        return None
    start = _extend_the(doc, group[0].start)
    if agent is None and len(group) == 1:
        if base.kind == "country" and _bare_adjective(doc, base):
            return None
        if base.kind == "country" and _people_of(doc, base, lexicon):
            name = doc[base.start : base.end].text
            return _Mention(start, last.end, base.code + "CVL", name, "group", "compose:demonym-plural")
        name = lexicon.country_name(base.code) if base.kind in {"country", "metonym"} else base.entry.name
        return _Mention(start, last.end, base.code, name, base.kind, base.entry.rule, _titles(group))
    code = compose_code(base.code, agent.code) if agent else base.code
    head = doc[last.end - 1]
    kind = "title" if head.tag_ in {"NN", "NNP"} and _person_title(agent) and agent else "group"
    name = doc[start:last.end].text
    name = name[4:] if name.lower().startswith("the ") else name
    rule = COMPOSED_TITLE if base.kind == "country" else f"compose:{base.kind}+agent"
    return _Mention(start, last.end, code, name, kind, rule, _titles(group))


def _people_of(doc: Doc, piece: _Piece, lexicon: ActorLexicon) -> bool:
    """A plural demonym ("Afghans", "Americans"), not a plural country name ("Maldives")."""
    if piece.end - piece.start != 1 or len(piece.code or "") != 3:
        return False
    tok = doc[piece.start]
    name = lexicon.country_name(piece.code or "").lower()
    return tok.tag_ in {"NNS", "NNPS"} and tok.lower_.endswith("s") and tok.lower_ not in name.split()


def _bare_adjective(doc: Doc, piece: _Piece) -> bool:
    """A demonym used as a plain adjective ("French sentiments") is not an actor."""
    root = doc[piece.start : piece.end].root
    return root.pos_ == "ADJ" or root.dep_ == "amod"


def _person_mention(doc: Doc, group: list[_Piece], base: _Piece | None, agent: Agent | None,
                    covered: set[int]) -> _Mention | None:
    """A person mention: a known person keeps their code; an unknown name takes the title's."""
    last = group[-1]
    start = _extend_title(doc, group[0].start, last.end, covered)
    if last.entry is not None:
        code = _title_code(doc, last, agent, start)
        return _Mention(start, last.end, code, last.entry.name, "person", last.entry.rule, _titles(group))
    if base is None or not base.code:
        return None
    code = compose_code(base.code, agent.code) if agent else base.code
    name = doc[last.start : last.end].text
    return _Mention(start, last.end, code, name, "person", f"compose:{base.kind}+name", _titles(group))


def _title_code(doc: Doc, piece: _Piece, agent: Agent | None, start: int) -> str:
    """In an undated text, "President Saddam Hussein" holds office: prefer the entry's code
    with the title's sector (IRQGOV) over its latest one (IRQELI), unless "former" is said."""
    code = piece.code or ""
    if not (piece.undated and agent and piece.entry) or len(code) < 3:
        return code
    if any(t.lower_ in {"former", "ex", "late"} for t in doc[start : piece.start]):
        return code
    wanted = compose_code(code[:3], agent.code)
    return wanted if any(c.code == wanted for c in piece.entry.codes) else code


def _extend_the(doc: Doc, start: int) -> int:
    """Include a directly preceding "the"."""
    if start > 0 and doc[start - 1].lower_ == "the":
        return start - 1
    return start


def _extend_title(doc: Doc, start: int, end: int, covered: set[int]) -> int:
    """Take in title words before a name: "former", "Sheikh", "Secretary-General", "the"."""
    while start > 0 and start - 1 not in covered:
        tok = doc[start - 1]
        if tok.lower_ in {"former", "ex"}:
            start -= 1
        elif tok.dep_ in {"compound", "amod"} and start <= tok.head.i < end and tok.text[:1].isupper():
            start -= 1
        elif tok.text == "-" and start >= 2 and doc[start - 2].text[:1].isupper() and start - 2 not in covered:
            start -= 2
        else:
            break
    return _extend_the(doc, start)


def is_place(doc: Doc, mention: _Mention) -> bool:
    """A metonym or country used as a place: the object of in/at/from/... ("talks in Moscow")."""
    if mention.kind not in {"metonym", "country"}:
        return False
    if context.in_dateline(doc, mention.start, mention.end):
        return True
    tok = doc[mention.start : mention.end].root
    while tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    if mention.kind == "metonym" and context.modifies_a_thing(tok) and tok.head.dep_ != "pobj":
        return True
    if tok.dep_ != "pobj":
        return tok.dep_ == "compound" and tok.head.dep_ == "pobj" and _place_prep(tok.head.head, mention)
    return _place_prep(tok.head, mention)


def _place_prep(prep: Token, mention: _Mention) -> bool:
    """True when ``prep`` introduces a place for this kind of mention."""
    word = prep.lower_
    if word == "for":
        return prep.head.lemma_ in TRAVEL_VERBS
    if context.targeted(prep) or mention.kind == "country" and context.origin_of_a_thing(prep):
        return False
    if mention.kind == "metonym" and context.of_a_place(prep):
        return True
    return word in (PLACE_PREPS if mention.kind == "metonym" else COUNTRY_PLACE_PREPS)


def _last_words(name: str) -> list[str]:
    return name.lower().replace("-", " ").split()


def _partial_name(mention: _Mention, mentions: Sequence[_Mention]) -> _Mention:
    """A short dictionary name inside an earlier person's name ("Sheikh Abdullah" after
    "Sheikh Abdullah bin Zayed Al Nahyan") is that person, not another entry."""
    if mention.kind != "person":
        return mention
    words = set(_last_words(mention.name))
    for cand in reversed([m for m in mentions if m.end <= mention.start and m.kind == "person"]):
        cand_words = _last_words(cand.name)
        if cand.name != mention.name and words < set(cand_words):
            return _Mention(mention.start, mention.end, cand.code, cand.name, "person",
                            "coref:partial-name", cand.titles, cand)
    return mention


def resolve_surnames(doc: Doc, mentions: list[_Mention], unknown: Sequence[_Piece]) -> list[_Mention]:
    """An unknown name that ends an earlier person's name ("Le Drian") takes that person."""
    out = [_partial_name(m, mentions) for m in mentions]
    for piece in unknown:
        words = _last_words(doc[piece.start : piece.end].text)
        earlier = [m for m in out if m.kind == "person" and m.end <= piece.start]
        for cand in reversed(earlier):
            cand_words = _last_words(cand.name)
            if words and len(words) < len(cand_words) and cand_words[-len(words):] == words:
                out.append(_Mention(piece.start, piece.end, cand.code, cand.name, "person",
                                    "coref:surname", cand.titles, cand))
                break
    return sorted(out, key=lambda m: m.start)


NON_STATE_ROOTS = {"IGO", "NGO", "MNC", "IMG", "WST", "---"}


def _state(code: str) -> str | None:
    """The country root of a code, None for IGOs, NGOs, firms and the like."""
    root = code[:3]
    return root if root.isalpha() and root not in NON_STATE_ROOTS else None


def _context_country(doc: Doc, mentions: Sequence[_Mention], pos: int) -> str | None:
    """Nearest state-coded mention in the sentence of ``pos``, else the article's main one."""
    sent = doc[pos].sent
    near = [m for m in mentions if sent.start <= m.start < sent.end and _state(m.code)]
    if near:
        return _state(min(near, key=lambda m: abs(m.start - pos)).code)
    counts: dict[str, int] = {}
    for m in mentions:
        root = _state(m.code)
        if root:
            counts[root] = counts.get(root, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _plural_group(doc: Doc, start: int, end: int) -> bool:
    """A plural (or "police") agent group with no determiner before it."""
    if start > 0 and doc[start - 1].pos_ in {"DET", "PRON"}:
        return False
    head = doc[end - 1]
    return head.tag_ in {"NNS", "NNPS"} or head.lower_ == "police"


def code_from_context(doc: Doc, mentions: list[_Mention], bare: Sequence[list[_Piece]]) -> list[_Mention]:
    """Agent-only mentions without a determiner ("protesters", "Police officers") take the
    country of the nearest state actor in their sentence, else of the article."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    for group in bare:
        start, end = group[0].start, group[-1].end
        if taken.intersection(range(start, end)) or not _plural_group(doc, start, end):
            continue
        country = _context_country(doc, mentions, start)
        if country:
            code = compose_code(country, group[0].agent.code if group[0].agent else "")
            out.append(_Mention(start, end, code, doc[start:end].text, "group", "compose:context+agent"))
    return sorted(out, key=lambda m: m.start)


def _definite_np(doc: Doc, det: Token, by_token: dict[int, _Piece]) -> tuple[int, str | None, Agent | None] | None:
    """For "the [Nationality] NOUN" return (end, country, agent) when it can be a title."""
    head = det.head
    if det.lower_ != "the" or head.i <= det.i or head.i - det.i > 4:
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


def _find_antecedent(mentions: Sequence[_Mention], pos: int, country: str | None,
                     agent: Agent | None) -> _Mention | None:
    """Most recent earlier mention with the title, else of the country or sector.

    A person introduced with the same title may also come later ("the prime minister"
    before "Prime Minister Ranil Wickremesinghe").
    """
    title = agent.root.lower() if agent else None
    before = [m for m in reversed(mentions) if m.end <= pos]
    after = [m for m in mentions if m.start > pos]
    strict = [m for m in before + after if title and title in m.titles and _country_ok(m, country)]
    if strict:
        return strict[0]
    for m in before:
        if not _country_ok(m, country):
            continue
        if country and _is_person_like(m) and _person_title(agent) or _same_sector(m, agent, country):
            return m
    return None


def _person_title(agent: Agent | None) -> bool:
    """No agent ("The French mandatory") or one that names a single office holder."""
    return agent is None or agent.phrase.words[-1] in PERSON_TITLES


def _country_ok(mention: _Mention, country: str | None) -> bool:
    return country is None or mention.code[:3] == country


def _same_sector(mention: _Mention, agent: Agent | None, country: str | None) -> bool:
    """A non-government agent ("the rebels", "the military") matches a code with its sector."""
    if agent is None or not agent.code.startswith("~") or agent.code[1:4] == "GOV" or country:
        return False
    return mention.code[3:6] == agent.code[1:4]


def resolve_titles(doc: Doc, mentions: list[_Mention], pieces: Sequence[_Piece]) -> list[_Mention]:
    """Definite titles ("the French president", "The French mandatory", "the rebels")."""
    by_token = {i: p for p in pieces for i in range(p.start, p.end)}
    out = list(mentions)
    for det in doc:
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
                   mentions: Sequence[_Mention], compose_new: bool = True) -> _Mention | None:
    """Corefer a definite title with its antecedent, else compose nationality + agent."""
    end, country, agent = found
    ante = _find_antecedent(mentions, start, country, agent)
    if ante is not None:
        return _Mention(start, end, ante.code, ante.name, "title", "coref:title", ante.titles, ante)
    if not compose_new:
        return None
    rule = "compose:demonym+agent"
    if country is None and agent is not None:
        country, rule = _context_country(doc, mentions, start), "compose:context+agent"
    if country and agent:
        code = compose_code(country, agent.code)
        name = doc[start + 1 : end].text
        return _Mention(start, end, code, name, "title", rule, frozenset({agent.root.lower()}))
    return None


def _is_subject(doc: Doc, mention: _Mention) -> bool:
    return doc[mention.start : mention.end].root.dep_ in SUBJECT_DEPS


def _pronoun_antecedent(doc: Doc, tok: Token, people: Sequence[_Mention]) -> _Mention | None:
    """The subject person of the pronoun's sentence, else of the nearest earlier sentence."""
    before = [m for m in people if m.end <= tok.i]
    if not before:
        return None
    sent_start = tok.sent.start
    same = [m for m in before if m.start >= sent_start]
    pool = same or [m for m in before if doc[m.start].sent.start == doc[before[-1].start].sent.start]
    subjects = [m for m in pool if _is_subject(doc, m)]
    return (subjects or pool)[-1]


def resolve_pronouns(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """he/she/him -> the person they most likely refer to (subjects first, then recency)."""
    people = [m for m in mentions if m.kind in {"person", "title"} and _is_person_like(m)]
    out = list(mentions)
    for tok in doc:
        if tok.lower_ not in PRONOUNS or tok.pos_ != "PRON":
            continue
        ante = _pronoun_antecedent(doc, tok, people)
        if ante is not None:
            pron = _Mention(tok.i, tok.i + 1, ante.code, ante.name, "pronoun", "coref:pronoun", ante.titles, ante)
            out.append(pron)
            people = sorted(people + [pron], key=lambda m: m.start)
    return sorted(out, key=lambda m: m.start)


ORG_NOUNS = {"bloc", "alliance", "organisation", "organization", "union", "body"}
BODY_KINDS = {"organisation", "metonym", "country", "group"}


def _body_antecedent(doc: Doc, pos: int, mentions: Sequence[_Mention], igo: bool) -> _Mention | None:
    """The latest non-person mention before ``pos`` in this or the previous sentence (IGOs only
    when ``igo``), subjects first."""
    sent = doc[pos].sent
    floor = doc[sent.start - 1].sent.start if sent.start > 0 else 0
    pool = [m for m in mentions if floor <= m.start and m.end <= pos and m.kind in BODY_KINDS
            and not _is_person_like(m) and (not igo or m.code.startswith("IGO"))]
    if igo and not pool:
        pool = [m for m in mentions if m.end <= pos and m.code.startswith("IGO")]
    if igo:
        pool = [m for m in pool if m.kind == "organisation"] or pool
    subjects = [m for m in pool if _is_subject(doc, m)]
    return (subjects or pool or [None])[-1]


def resolve_bodies(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """"the bloc", "the alliance" -> the IGO named before; "it" as the subject of a speech or
    action verb -> the organisation, government or country named before (not a person)."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    for tok in doc:
        if tok.i in taken:
            continue
        if tok.lower_ in ORG_NOUNS and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            ante, start, rule = _body_antecedent(doc, tok.i - 1, out, True), tok.i - 1, "coref:organisation"
        elif tok.lower_ == "it" and tok.pos_ == "PRON" and context.speaking_subject(tok):
            ante, start, rule = _body_antecedent(doc, tok.i, out, False), tok.i, "coref:pronoun"
        else:
            continue
        if ante is not None:
            kind = "pronoun" if rule == "coref:pronoun" else "title"
            out.append(_Mention(start, tok.i + 1, ante.code, ante.name, kind, rule, ante.titles, ante))
    return sorted(out, key=lambda m: m.start)


def _is_person_like(mention: _Mention) -> bool:
    """A person, or a title that resolved to one."""
    root = mention
    while root.antecedent is not None:
        root = root.antecedent
    return root.kind == "person"


def _first_of(mention: _Mention) -> _Mention:
    while mention.antecedent is not None:
        mention = mention.antecedent
    return mention


def to_actors(doc: Doc, article: Article, mentions: Sequence[_Mention]) -> list[Actor]:
    """Actor records with char offsets, ids in text order and ``ref`` to the first mention."""
    ids: dict[int, str] = {}
    first_by_name: dict[tuple[str, str], str] = {}
    actors: list[Actor] = []
    for n, m in enumerate(sorted(mentions, key=lambda m: (m.start, m.end)), 1):
        ids[id(m)] = f"a{n}"
        span: Span = doc[m.start : m.end]
        start, end = span.start_char, span.end_char
        key = (m.name.lower(), m.code)
        ref = first_by_name.get(key) or _ref_id(ids, m)
        first_by_name.setdefault(key, ref or f"a{n}")
        alt = _alt_codes(m)
        actors.append(Actor(f"a{n}", article.text[start:end], start, end, m.code, m.name, alt, m.kind, m.rule, ref))
    return actors


def _ref_id(ids: dict[int, str], mention: _Mention) -> str | None:
    """Id of the first mention in the antecedent chain (None for a first mention)."""
    if mention.antecedent is None:
        return None
    return ids.get(id(_first_of(mention)))


def _alt_codes(mention: _Mention) -> tuple[str, ...]:
    """Short IGO codes (NATO, EU, UNO ...) and the country code of a metonym."""
    alt = []
    for long, short in SHORT_CODES.items():
        if mention.code == long:
            alt.append(short)
    if mention.kind == "metonym" and len(mention.code) > 3:
        alt.append(mention.code[:3])
    return tuple(alt)


__all__ = ["ActorLexicon", "compose_code", "extract", "load_lexicon"]

"""Step 2: adjacent pieces form one mention ("Ukrainian President Volodymyr Zelensky", "Russian troops")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventlens.actors.descriptions import crowd_words, owned_sector, voice_words
from eventlens.actors.lexicon import AGENT_ONLY_ROOTS, NON_STATE_ROOTS, ActorLexicon
from eventlens.actors.mention import Mention, Piece
from eventlens.actors.petrarch import Agent
from eventlens.actors.words import WORDS
from eventlens.places.gazetteer import Gazetteer, load_gazetteer
from eventlens.places.nations import load_nations

COMPOSED_TITLE = "compose:country+agent"
TITLED_NAME = "compose:title+country-coded-name"
# AGENT_ONLY_ROOTS (CAMEO's agent codes, which stand alone when no country is known) and
# NON_STATE_ROOTS live in eventlens.actors.lexicon, which needs them too; imported from here too.
PEOPLE = "~PPL"  # the Phoenix agent of "people", "men": no CAMEO code of its own
FORMER_WORDS = WORDS.set_of("compose", "former_words")
ACT_NOUNS = WORDS.set_of("compose", "act_nouns")
LED_WORDS = WORDS.set_of("compose", "led_words")
PERSON_TITLES = WORDS.set_of("compose", "person_titles")
# Prepositions whose object is a participant ("fired at", "blockade on"): see _argument.
ARGUMENT_PREPS = WORDS.frozenset_of("compose", "argument_preps")

def _is_name(piece: Piece) -> bool:
    return piece.kind == "person"


def _joins(doc: Doc, prev: Piece, piece: Piece) -> bool:
    """True when ``piece`` continues the mention that ends with ``prev``."""
    if _is_name(prev):
        return False
    if _prefix_of_country(doc, prev, piece):
        return True
    if piece.entry is not None and piece.kind != "person":
        same_country = prev.entry is not None and (prev.code or "")[:3] == (piece.code or "")[:3]
        if not (same_country and prev.kind in {"country", "metonym"}):
            return False
    gap = [t for t in doc[prev.end : piece.start]]
    if not gap:
        return True
    if gap[0].lower_ not in {"'s", "\u2019s"} or prev.entry is None:
        return False
    return len(gap) == 1 or piece.kind == "agent" and _modifiers_only(gap[1:])


def _prefix_of_country(doc: Doc, prev: Piece, piece: Piece) -> bool:
    """An agent whose template prefixes (``NGO~``) right before a country name it modifies:
    a national branch of a body ("MSF Belgium": NGOBEL)."""
    if prev.agent is None or not prev.agent.code.endswith("~") or prev.end != piece.start:
        return False
    if piece.entry is None or piece.kind != "country" or len(piece.code or "") != 3:
        return False
    return piece.start <= doc[prev.end - 1].head.i < piece.end


def _prefixed_code(root: str, group: Sequence[Piece]) -> str:
    """A prefix agent's code over the root with the group's first suffix agent applied."""
    prefix = next(p.agent.code for p in group if p.agent is not None and p.agent.code.endswith("~"))
    suffix = next((p.agent.code for p in group if p.agent is not None and p.agent.code.startswith("~")), None)
    return prefix[:-1] + (compose_code(root, suffix) if suffix else root)


def _demonym_of_title(doc: Doc, before: list[Piece], group: list[Piece]) -> bool:
    """``group`` is a title and an unknown name that a demonym modifies across a few
    modifiers ("Kenyan junior trade minister David Kamau"): one mention, the demonym's."""
    piece, titles = group[-1], group[:-1]
    if piece.kind != "person" or piece.entry is not None or not titles or len(before) != 1 or before[0].entry is None:
        return False
    base = before[0]
    if base.kind != "country" or len(base.code or "") != 3 or any(p.agent is None or p.entry for p in titles):
        return False
    if titles[-1].end != piece.start or not _modifiers_only(doc[base.end : titles[0].start]):
        return False
    return titles[0].start > base.end and titles[0].start <= doc[base.start : base.end].root.head.i < piece.start


def _modifiers_only(tokens: Span | Sequence[Token]) -> bool:
    """Up to three adjectives or nouns ("Romania's new government", "Cairo's security chief")."""
    return len(tokens) <= 3 and all(t.pos_ in {"ADJ", "NOUN", "PROPN", "ADV"} and t.is_alpha for t in tokens)


def compose(doc: Doc, pieces: Sequence[Piece], lexicon: ActorLexicon, gazetteer: Gazetteer | None = None
            ) -> tuple[list[Mention], list[Piece], list[list[Piece]]]:
    """Group adjacent pieces into mentions (the gazetteer tells a place from a name; default: the
    packaged one).

    RETURNS: the mentions, the unknown names no title codes, and the agent-only groups
        ("protesters", "the rebels") that coreference or the context may code later.
    """
    pieces = titled_names(doc, pieces, lexicon, gazetteer or load_gazetteer())
    groups: list[list[Piece]] = []
    for piece in pieces:
        if groups and _joins(doc, groups[-1][-1], piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    for k in range(len(groups) - 1, 0, -1):
        if _demonym_of_title(doc, groups[k - 1], groups[k]):
            groups[k - 1].extend(groups.pop(k))  # "Kenyan junior trade minister David Kamau"
    covered = {i for p in pieces for i in range(p.start, p.end)}
    agents_at = {i: p for p in pieces if p.kind == "agent" for i in range(p.start, p.end)}
    mentions: list[Mention] = []
    unknown: list[Piece] = []
    bare: list[list[Piece]] = []
    taken = 0
    for group in groups:
        if group[0].start < taken:
            continue  # a plural demonym that a nationality before it took in ("Bosnian Serbs")
        mention = (_people_mention(doc, group, agents_at) or _group_mention(doc, group, lexicon, covered)
                   or _adjective_mention(doc, group, lexicon, agents_at))
        if mention is not None:
            mentions.append(mention)
            taken = mention.end
        elif group[-1].kind == "person":
            unknown.append(group[-1])
        elif all(p.agent is not None for p in group):
            bare.append(group)
    return _shared_agents(doc, mentions), unknown, bare


def _shared_agents(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A lone country coordinated with a nationality that takes an agent shares the agent:
    "U.S. and Russian negotiators" (USAGOV), "US and British forces" (USAMIL), "Sierra Leonean
    and Liberian refugees" (SLEREF). The country must modify the agent's noun ("U.S." of
    "negotiators") or, written as a nationality, head the coordination the parser built."""
    nations = load_nations()
    for k in range(len(mentions) - 1):
        country, composed = mentions[k], mentions[k + 1]
        if country.kind != "country" or country.rule.startswith("compose:") or len(country.code) != 3:
            continue
        if composed.rule != COMPOSED_TITLE or len(composed.code) <= 3 or composed.code[:3] == country.code:
            continue
        gap = doc[country.end : composed.start]
        if not gap or len(gap) > 2 or not all(t.lower_ in {"and", "or", ",", "the"} for t in gap):
            continue
        root, head = doc[country.start : country.end].root, doc[composed.start : composed.end].root
        modifies = root.head.i == head.i and root.dep_ in {"nmod", "compound", "amod", "conj"}
        written = doc[country.start : country.end].text.lower()
        heads = head.dep_ == "conj" and head.head.i == root.i \
            and written == (nations.adjective(country.code) or "").lower()
        if not (modifies or heads):
            continue
        name = f"{doc[country.start : country.end].text} {doc[head.i : composed.end].text}"
        mentions[k] = Mention(country.start, country.end, country.code + composed.code[3:], name, "group",
                              "compose:coordinated+agent", composed.titles - {"@" + composed.code[:3]})
    return mentions


def titled_names(doc: Doc, pieces: Sequence[Piece], lexicon: ActorLexicon, gaz: Gazetteer) -> list[Piece]:
    """A dictionary name coded with a bare country code (``ROMENDACIL [BRE]``) right after a
    person's title it names ("Prime Minister Romendacil", "Bree's prime minister, Romendacil,")
    is that person, not the country: the piece becomes a person with the title, so that its
    mention composes the country with the title (BREGOV)."""
    out = list(pieces)
    for k in range(1, len(out)):
        prev, piece = out[k - 1], out[k]
        gap = doc[prev.end : piece.start]
        if prev.kind == "agent" and all(t.text == "," for t in gap) and len(gap) <= 1 \
                and _country_coded_name(doc, piece, lexicon, gaz) and _titles_name(doc, prev, piece):
            out[k] = replace(piece, kind="person", agent=prev.agent)
    return out


def _country_coded_name(doc: Doc, piece: Piece, lexicon: ActorLexicon, gaz: Gazetteer) -> bool:
    """An entry of no stated kind whose code is a bare country code but whose words name
    neither that country (its dictionary name or any name in the nations table) nor a place."""
    code = piece.code or ""
    if piece.kind != "country" or piece.entry is None or piece.entry.kind or len(code) != 3 \
            or code in AGENT_ONLY_ROOTS or code in NON_STATE_ROOTS:
        return False
    text = doc[piece.start : piece.end].text
    names = {text.lower(), piece.entry.name.lower()}
    if lexicon.country_name(code).lower() in names or any(load_nations().code_of(n) for n in names):
        return False
    return not gaz.candidates(text)


def _titles_name(doc: Doc, title: Piece, name: Piece) -> bool:
    """A person's title (``~`` template, last word a person's office) that modifies the name
    ("Prime Minister Romendacil") or that the name stands in apposition to ("Bree's prime
    minister Romendacil")."""
    agent = title.agent
    if agent is None or not agent.code.startswith("~") or not person_title(agent):
        return False
    last, root = doc[title.end - 1], doc[name.start : name.end].root
    return name.start <= last.head.i < name.end or root.dep_ == "appos" and root.head.i == last.i


def compose_code(base: str, template: str) -> str:
    """Apply an agent template to a base code: ``UKR`` + ``~MIL`` -> ``UKRMIL``. A base that
    is itself an agent-only code keeps it ("New York Times journalist": MED, not MEDMED)."""
    if len(base) != 3 or base in AGENT_ONLY_ROOTS:
        return base
    if template == PEOPLE and base not in NON_STATE_ROOTS:
        template = "~CVL"  # "the Zambian people": a country's people are its civilians (CAMEO has no PPL)
    if template.startswith("~"):
        return base + template[1:]
    if template.endswith("~"):
        return template[:-1] + base
    return base


def _titles(group: Sequence[Piece]) -> frozenset[str]:
    """Agent roots and country roots a mention was introduced with (for later titles)."""
    out = {p.agent.root.lower() for p in group if p.agent}
    out |= {"@" + p.code[:3] for p in group if p.entry and p.code}
    return frozenset(out)


def _group_mention(doc: Doc, group: list[Piece], lexicon: ActorLexicon, covered: set[int]) -> Mention | None:
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
        if base.kind == "country" and (_bare_adjective(doc, base) or _inside_word(doc, base)):
            return None
        if base.kind == "country" and _people_of(doc, base, lexicon):
            if not _crowd(doc[base.start]):  # "the Palestinians rejected": the nation
                return Mention(start, last.end, base.code, lexicon.country_name(base.code), "country",
                               "compose:demonym-nation")
            name = doc[base.start : base.end].text
            return Mention(start, last.end, base.code + "CVL", name, "group", "compose:demonym-plural")
        national = base.kind == "metonym" or base.kind == "country" and len(base.code) == 3
        name = lexicon.country_name(base.code) if national else entry_name(doc, base)  # "Palestinians": PSECVL
        assert base.entry is not None  # base is the first piece with an entry
        return Mention(start, last.end, base.code, name, base.kind, base.entry.rule, _titles(group),
                       alt_codes=entry_alts(base))
    root = base.code[:3] if base.kind == "metonym" else base.code  # "Cairo's security chief": EGYCOP
    code = compose_code(root, agent.code) if agent else base.code
    if agent is not None and len(agent.phrase.words) == 1 and agent.phrase.words[0] in voice_words():
        code = base.code  # "a State Department spokesman": the body speaking, not media ("army spokesman": MIL)
    elif agent is not None and agent.code.endswith("~") and len(root) == 3:
        code = _prefixed_code(root, group)  # "MSF Arnor government": NGOARNGOV
    head = doc[last.end - 1]
    kind = "title" if head.tag_ in {"NN", "NNP"} and person_title(agent) and agent else "group"
    name = doc[start:last.end].text
    name = name[4:] if name.lower().startswith("the ") else name
    if base.kind not in {"country", "metonym", "person"}:
        name = entry_name(doc, base)  # "Taliban fighters": Taliban
    rule = COMPOSED_TITLE if base.kind == "country" else f"compose:{base.kind}+agent"
    return Mention(start, last.end, code, name, kind, rule, _titles(group))


def _adjective_mention(doc: Doc, group: list[Piece], lexicon: ActorLexicon,
                       agents_at: dict[int, Piece]) -> Mention | None:
    """A lone demonym adjective that is still an actor: one coordinated with another that
    takes an agent ("Hungarian and Romanian officials"), or one before an act or a side ("an
    Indian proposal", "French mediation", "the Turkish side")."""
    base = group[0]
    if len(group) != 1 or base.kind != "country" or not base.code or base.entry is None:
        return None
    if _led_by(doc, base.end):
        return Mention(base.start, base.end, base.code, lexicon.country_name(base.code), "country",
                       "compose:demonym-led")
    first = doc[base.start : base.end].root
    shared = _conjoined_agent(first, agents_at)
    if shared is not None and first.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
        return _distant_agent(doc, base, shared, True)  # "Greek and the Italian navies"
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first.dep_ not in {"amod", "compound"} or first.head.i < base.end:
        return None
    head = first.head
    agent = agents_at.get(head.i)
    if agent is not None and agent.agent is not None:
        root = doc[base.start : base.end].root
        coordinated = root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)
        return _distant_agent(doc, base, agent, coordinated)
    if head.lemma_.lower() in ACT_NOUNS:
        return Mention(base.start, base.end, base.code, lexicon.country_name(base.code), "country",
                       "compose:demonym+act")
    return _owned_mention(doc, base, head, lexicon)


def _owned_mention(doc: Doc, base: Piece, head: Token, lexicon: ActorLexicon) -> Mention | None:
    """A nationality before something it owns that acts or is acted on stands for the owner:
    "shelled Georgian positions" (GEOMIL), "demolished Palestinian homes" (PSECVL), "Indonesian
    rule" (IDN); not "French sentiments" (see :mod:`eventlens.actors.descriptions`)."""
    sector = owned_sector(head.lower_)
    if sector is None or len(base.code or "") != 3 or not _argument(head):
        return None
    code = (base.code or "") + sector
    if not sector:
        return Mention(base.start, base.end, code, lexicon.country_name(code), "country", "compose:demonym+act")
    start = _extend_the(doc, base.start)
    return Mention(start, head.i + 1, code, doc[base.start : head.i + 1].text, "group", "compose:demonym+owned",
                   frozenset({"@" + code[:3]}))


def _argument(head: Token) -> bool:
    """The noun is a participant of its clause: a subject, an object, or the object of a
    preposition that names a participant ("fired at", "blockade on")."""
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head.dep_ in {"nsubj", "nsubjpass", "dobj", "appos"}:
        return True
    return head.dep_ == "pobj" and head.head.lower_ in ARGUMENT_PREPS


def _people_mention(doc: Doc, group: list[Piece], agents_at: dict[int, Piece]) -> Mention | None:
    """A nationality right before the plural proper noun of a people it qualifies: "Iraqi
    Kurds", "Bosnian Serbs", "Kosovo Albanians". They are that country's civilians (CAMEO codes a
    people by the state they live in), not the people's namesake state."""
    base = group[0]
    if len(group) != 1 or base.kind != "country" or base.entry is None or base.code in NON_STATE_ROOTS \
            or base.code is None or len(base.code) != 3:
        return None  # "West Africans": the West is no state
    if base.end >= len(doc) or base.end in agents_at:
        return None
    head = doc[base.end]
    root = doc[base.start : base.end].root
    if root.head.i != head.i or root.dep_ not in {"amod", "compound", "nmod"} or not _people_noun(head):
        return None
    name = doc[base.start : head.i + 1].text
    return Mention(_extend_the(doc, base.start), head.i + 1, base.code + "CVL", name, "group",
                   "compose:demonym+people", _titles(group))


def _people_noun(tok: Token) -> bool:
    """A capitalised plural proper noun naming a people ("Kurds", "Serbs", "Shiites"), not a
    firm or a place ("American Airlines", "the Philippines")."""
    if tok.tag_ != "NNPS" or not tok.text[:1].isupper() or not tok.is_alpha:
        return False
    if tok.ent_type_ in {"ORG", "GPE", "LOC", "FAC"}:
        return False
    return not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN")  # "Syrian Arab Airlines"


def _conjoined_agent(tok: Token, agents_at: dict[int, Piece]) -> Piece | None:
    """The agent heading the conjunct of a lone demonym noun ("Greek" and "the Italian
    navies"), when another demonym modifies that agent."""
    for conj in (c for c in tok.children if c.dep_ == "conj"):
        agent = agents_at.get(conj.i)
        if agent is not None and agent.agent is not None and any(c.dep_ == "amod" for c in conj.children):
            return agent
    return None


def _led_by(doc: Doc, end: int) -> bool:
    """"Saudi-led", "Iranian-backed": the demonym names the state that leads or backs something."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in LED_WORDS


def _distant_agent(doc: Doc, base: Piece, agent: Piece, coordinated: bool) -> Mention:
    """"Hungarian" in "Hungarian and Romanian officials" (HUNGOV); "Irish nationalist
    guerrillas" as one mention when only modifiers stand between demonym and agent."""
    assert agent.agent is not None
    code = compose_code(base.code or "", agent.agent.code)
    titles = _titles([base, agent])
    if coordinated:
        name = f"{doc[base.start : base.end].text} {doc[agent.start : agent.end].text}"
        return Mention(base.start, base.end, code, name, "group", "compose:coordinated+agent", titles)
    start = _extend_the(doc, base.start)
    name = doc[base.start : agent.end].text
    return Mention(start, agent.end, code, name, "group", COMPOSED_TITLE, titles)


def entry_name(doc: Doc, piece: Piece) -> str:
    """The canonical name of a dictionary piece: the entry's, except that a one-word root the
    text writes in capitals keeps them ("UNICEF", not "Unicef": the dictionaries write every
    root in capitals, so only the text tells an acronym from a word)."""
    assert piece.entry is not None
    entry = piece.entry
    if entry.display:
        return entry.display
    text = doc[piece.start : piece.end].text
    root = entry.root.strip("_ ")
    if "_" not in root and " " not in root and text.lower() == root.lower() and text.isupper() and text.isalpha():
        return text
    return entry.name


def entry_alts(piece: Piece) -> tuple[str, ...]:
    """The alternative codes a dictionary gave with the piece's code ("[ELR/GAL]": GAL)."""
    if piece.entry is None:
        return ()
    return next((span.alt for span in piece.entry.codes if span.code == piece.code), ())


def _people_of(doc: Doc, piece: Piece, lexicon: ActorLexicon) -> bool:
    """A plural demonym ("Afghans", "Americans"), not a plural country name ("Maldives")."""
    if piece.end - piece.start != 1 or len(piece.code or "") != 3:
        return False
    tok = doc[piece.start]
    name = lexicon.country_name(piece.code or "").lower()
    return tok.tag_ in {"NNS", "NNPS"} and tok.lower_.endswith("s") and tok.lower_ not in name.split()


def _crowd(people: Token) -> bool:
    """A plural demonym counted, described or named as a crowd ("2,000 Libyans", "many Afghans",
    "ethnic Albanians", "hundreds of Palestinians", "Palestinians living in Gaza", "Afghans crowded the
    airport"): civilians, not the nation
    (``data/actors/descriptions.toml``, [crowd])."""
    quantifiers, partitives, after, verbs = crowd_words()
    for child in people.children:
        if child.i > people.i:
            if child.dep_ in ("acl", "relcl") or child.dep_ == "prep" and child.lower_ in after:
                return True
        elif child.dep_ in ("nummod", "amod") or child.like_num or child.lower_ in quantifiers:
            return True
    head = people.head
    if people.dep_ == "nsubj" and head.lemma_.lower() in verbs:
        return True
    return people.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in partitives


def _inside_word(doc: Doc, piece: Piece) -> bool:
    """A country inside a hyphenated word that is no actor ("a Bosnia-style war", "an
    Iraq-era law"); "Saudi-led", "Jordanian-appointed" name a state that acts (:func:`_led_by`)."""
    end = piece.end
    if end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_ or doc[end].whitespace_:
        return False
    after = doc[end + 1]
    if not (after.is_lower and after.is_alpha) or after.lower_ in LED_WORDS:
        return False
    return after.pos_ in {"NOUN", "ADJ"} and after.tag_ not in {"VBN", "VBD"} and not after.lower_.endswith("ed")


def _bare_adjective(doc: Doc, piece: Piece) -> bool:
    """A demonym used as a plain adjective ("French sentiments") is not an actor."""
    root = doc[piece.start : piece.end].root
    return root.pos_ == "ADJ" or root.dep_ == "amod"


def _person_mention(doc: Doc, group: list[Piece], base: Piece | None, agent: Agent | None,
                    covered: set[int]) -> Mention | None:
    """A person mention: a known person keeps their code; an unknown name takes the title's."""
    last = group[-1]
    start = _extend_title(doc, group[0].start, last.end, covered)
    if last.entry is not None:
        code = _title_code(doc, last, agent, start)
        rule = last.entry.rule
        if last.kind == "person" and agent and len(code) == 3 and code not in AGENT_ONLY_ROOTS and not last.entry.kind:
            code, rule = compose_code(code, agent.code), TITLED_NAME  # "Prime Minister Romendacil" [BRE]: BREGOV
        return Mention(start, last.end, code, entry_name(doc, last), "person", rule, _titles(group),
                       alt_codes=entry_alts(last))
    name = doc[last.start : last.end].text
    if base is None or not base.code:
        only = agent_only(agent)  # "Prime Minister Jan Novak": no country said, the title's sector
        if only is None:
            return None
        return Mention(start, last.end, only, name, "person", "compose:title+name", _titles(group))
    code = compose_code(base.code, agent.code) if agent else base.code
    return Mention(start, last.end, code, name, "person", f"compose:{base.kind}+name", _titles(group))


def agent_only(agent: Agent | None) -> str | None:
    """The agent-only code of an agent whose country nobody names (``~COP``: COP, CAMEO's
    code for an agent with no known country); None for prefix templates (``IGO~``)."""
    if agent is None or not agent.code.startswith("~"):
        return None
    if agent.code[1:4] == "MUS":
        return "REL"  # "Imam X": "MUS" alone would read as Mauritius; a religious figure
    return agent.code[1:] if agent.code[1:4] in AGENT_ONLY_ROOTS else None


def _title_code(doc: Doc, piece: Piece, agent: Agent | None, start: int) -> str:
    """In an undated text, "President Saddam Hussein" holds office: prefer the entry's code
    with the title's sector (IRQGOV) over its latest one (IRQELI), unless "former" is said."""
    code = piece.code or ""
    if not (piece.undated and agent and piece.entry) or len(code) < 3:
        return code
    if any(t.lower_ in FORMER_WORDS for t in doc[start : piece.start]):
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
        if tok.lower_ in FORMER_WORDS:
            start -= 1
        elif tok.dep_ in {"compound", "amod"} and start <= tok.head.i < end and tok.text[:1].isupper():
            start -= 1
        elif tok.text == "-" and start >= 2 and doc[start - 2].text[:1].isupper() and start - 2 not in covered:
            start -= 2
        else:
            break
    return _extend_the(doc, start)


def person_title(agent: Agent | None) -> bool:
    """No agent ("The French mandatory") or one that names a single office holder."""
    return agent is None or agent.phrase.words[-1] in PERSON_TITLES


def office_title(agent: Agent | None) -> bool:
    """The agent names office holders, singular or plural: "ambassador", "ministers", "heads of
    state" (the head of its code's root, the word before "of" where there is one)."""
    if agent is None or person_title(agent):
        return True
    words = agent.root.lower().strip("_ ").split("_")
    return (words[words.index("of") - 1] if "of" in words[1:] else words[-1]) in PERSON_TITLES


def _body_of(doc: Doc, owner: Mention, body: Mention) -> bool:
    """``owner`` + 's + capitalised words ("and" allowed) + ``body``: "The AU's Peace and
    Security Council" is a body of the AU, whatever the dictionary says of its last words."""
    if owner.kind != "organisation" or body.kind != "organisation" or owner.end >= body.start:
        return False
    if doc[owner.end].lower_ not in {"'s", "\u2019s"}:
        return False
    gap = doc[owner.end + 1 : body.start]
    return len(gap) <= 4 and all(t.text[:1].isupper() or t.lower_ in {"and", "of", "for"} for t in gap)


def join_bodies(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """An organisation's named body ("the AU's Peace and Security Council") is one mention with
    the owner's code."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if out and _body_of(doc, out[-1], m):
            owner = out.pop()
            name = doc[owner.start : m.end].text
            name = name[4:] if name.lower().startswith("the ") else name
            m = Mention(owner.start, m.end, owner.code, name, "organisation", "compose:organisation's-body",
                        owner.titles | m.titles, alt_codes=owner.alt_codes)
        out.append(m)
    return out

"""Step 4b: surnames, pronouns and "the bloc" point back to an earlier mention."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventlens.actors import context
from eventlens.actors.compose import AGENT_ONLY_ROOTS, agent_only, compose_code, office_title
from eventlens.actors.countries import state_root
from eventlens.actors.mention import Mention, Piece, is_person_like, is_subject
from eventlens.actors.words import WORDS
from eventlens.parse import sentence_starts
from eventlens.text import columns
from eventlens.text.speech import is_speech

POSSESSIVES = {"his", "her"}
BODY_POSSESSIVES = {"its", "their"}  # owned by the state or group a clause above names as subject
OWN_FORCES = {"~PPL", "~UAF"}  # "his men", "his fighters" are his own group
OTHER_SIDE = {"COUNTERPART"}  # "his counterpart" is not his own
PRONOUNS = {"he", "she", "him"}
OBJECT_PRONOUNS = {"him", "her"}
ORG_NOUNS = WORDS.set_of("coref", "org_nouns")
BODY_KINDS = {"organisation", "metonym", "country", "group"}

def _last_words(name: str) -> list[str]:
    return name.lower().replace("-", " ").split()


def _partial_name(mention: Mention, mentions: Sequence[Mention]) -> Mention:
    """A short dictionary name inside an earlier person's name ("Sheikh Abdullah" after
    "Sheikh Abdullah bin Zayed Al Nahyan") is that person, not another entry."""
    if mention.kind != "person":
        return mention
    words = set(_last_words(mention.name))
    for cand in reversed([m for m in mentions if m.end <= mention.start and m.kind == "person"]):
        cand_words = _last_words(cand.name)
        if cand.name != mention.name and words < set(cand_words):
            return Mention(mention.start, mention.end, cand.code, cand.name, "person",
                            "coref:partial-name", cand.titles, cand)
    return mention


def resolve_surnames(doc: Doc, mentions: list[Mention], unknown: Sequence[Piece],
                     pieces: Sequence[Piece] = ()) -> list[Mention]:
    """An unknown name that ends an earlier person's name ("Le Drian") takes that person; so
    does a lone capitalised word that spaCy did not take for a name, when it is the surname of
    a person introduced before ("Prime Minister Jan Novak ... Novak said")."""
    out = [_partial_name(m, mentions) for m in mentions]
    for piece in unknown:
        words = _last_words(doc[piece.start : piece.end].text)
        earlier = [m for m in out if m.kind == "person" and m.end <= piece.start]
        for cand in reversed(earlier):
            cand_words = _last_words(cand.name)
            if words and len(words) < len(cand_words) and cand_words[-len(words):] == words:
                out.append(Mention(piece.start, piece.end, cand.code, cand.name, "person",
                                    "coref:surname", cand.titles, cand))
                break
    out += _bare_surnames(doc, out, pieces)
    return sorted(out, key=lambda m: m.start)


def _bare_surnames(doc: Doc, mentions: Sequence[Mention], pieces: Sequence[Piece]) -> list[Mention]:
    """Lone surname tokens of people named before (one pass over the people and the tokens
    after the first of them)."""
    people = sorted((m for m in mentions if m.kind == "person" and m.antecedent is None
                     and len(_last_words(m.name)) > 1), key=lambda m: m.end)
    if not people:
        return []
    spans: tuple[Mention | Piece, ...] = (*mentions, *pieces)
    covered = {i for x in spans for i in range(x.start, x.end)}
    surnames: dict[str, Mention] = {}
    found, k = [], 0
    cols = columns.of_doc(doc)
    for i in range(people[0].end, len(doc)):
        while k < len(people) and people[k].end <= i:
            surnames[_last_words(people[k].name)[-1]] = people[k]
            k += 1
        cand = surnames.get(cols.lower[i])
        if cand is None or i in covered or cols.pos[i] != "PROPN" or not cols.text[i][:1].isupper():
            continue
        tok = doc[i]
        if _in_name(doc, tok.i):
            continue  # "Peter Novak", "Novak Industries": another name
        found.append(Mention(tok.i, tok.i + 1, cand.code, cand.name, "person", "coref:surname", cand.titles, cand))
    return found


def _in_name(doc: Doc, i: int) -> bool:
    """The token has a capitalised proper noun right before or after it."""
    near = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in near)


def _co_subject(doc: Doc, tok: Token, mention: Mention) -> bool:
    """"him" as the object of a verb never is that verb's own subject ("X informed him")."""
    if tok.lower_ not in OBJECT_PRONOUNS or tok.dep_ not in {"dobj", "dative", "iobj"}:
        return False
    root = doc[mention.start : mention.end].root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.i == tok.head.i


def _pronoun_antecedent(doc: Doc, tok: Token, people: Sequence[Mention]) -> Mention | None:
    """The subject person of the pronoun's sentence, else of the nearest earlier sentence;
    an object pronoun skips the subject of its own verb."""
    before = [m for m in people if m.end <= tok.i and not _co_subject(doc, tok, m)]
    if not before:
        return None
    sent_start = tok.sent.start
    same = [m for m in before if m.start >= sent_start]
    starts = sentence_starts(doc)
    pool = same or [m for m in before if starts[m.start] == starts[before[-1].start]]
    subjects = [m for m in pool if is_subject(doc, m)]
    return (subjects or pool)[-1]


def _single_title(doc: Doc, mention: Mention) -> bool:
    """A singular office title with no antecedent ("the president") stands for a person."""
    head = doc[mention.start : mention.end].root
    return mention.kind == "title" and mention.antecedent is None and head.tag_ in {"NN", "NNP"}


def _is_pronoun(cols: columns.Columns, i: int) -> bool:
    return cols.lower[i] in PRONOUNS and cols.pos[i] == "PRON"


def resolve_pronouns(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """he/she/him -> the person they most likely refer to (subjects first, then recency)."""
    people = [m for m in mentions if m.kind in {"person", "title"}
              and (is_person_like(m) or _single_title(doc, m))]
    out = list(mentions)
    for tok in columns.where(doc, _is_pronoun):
        ante = _pronoun_antecedent(doc, tok, people)
        if ante is not None:
            pron = Mention(tok.i, tok.i + 1, ante.code, ante.name, "pronoun", "coref:pronoun", ante.titles, ante)
            out.append(pron)
            people = sorted(people + [pron], key=lambda m: m.start)
    return sorted(out, key=lambda m: m.start)


def resolve_possessed(doc: Doc, mentions: list[Mention], bare: Sequence[list[Piece]]) -> list[Mention]:
    """"his men", "her ministers": an agent group owned by the person a possessive pronoun
    points to; "men", "fighters" take the person's own code, other agents the person's country.
    "its troops", "their forces" that act belong to the state or group a clause above names as
    its subject ("Bosnian Serbs said their forces had withdrawn": BIHMIL)."""
    people = [m for m in mentions if m.kind in {"person", "title"} and is_person_like(m)]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    for group in bare:
        start, end, agent = group[0].start, group[-1].end, group[0].agent
        if start == 0 or agent is None or start in taken:
            continue
        if agent.root in OTHER_SIDE:
            continue  # "his counterpart" serves another state; its name follows
        word = doc[start - 1].lower_
        if word in POSSESSIVES:
            ante = _pronoun_antecedent(doc, doc[start - 1], people)
        elif word in BODY_POSSESSIVES and _acting(doc[end - 1]) and not office_title(agent):
            # "their forces had withdrawn", "its troops entered": a group that acts; not "its
            # ambassadors" (office holders, named apart when they act), nor a group the owner
            # acts on itself ("withdraw its troops", "urged its citizens"): no second party
            ante = _owning_subject(doc, start - 1, mentions)
        else:
            continue
        if ante is None or len(ante.code) < 3:
            continue
        if agent.code in OWN_FORCES:
            code = ante.code
        elif ante.code[:3] in AGENT_ONLY_ROOTS:  # "Speaker X ... his government": no country said
            code = agent_only(agent) or ante.code
        else:
            code = compose_code(ante.code[:3], agent.code)
        mark = "'" if ante.name.endswith("s") else "'s"
        name = f"{ante.name}{mark} {doc[start:end].text}"
        out.append(Mention(start - 1, end, code, name, "group", "coref:possessive+agent"))
    return sorted(out, key=lambda m: m.start)


def _acting(head: Token) -> bool:
    """The group's noun is the subject of its clause ("their forces had withdrawn"), not a
    modifier ("its military potential") or an object."""
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    return head.pos_ in {"NOUN", "PROPN"} and head.dep_ in {"nsubj", "nsubjpass"}


def _owning_subject(doc: Doc, pos: int, mentions: Sequence[Mention]) -> Mention | None:
    """"Syria says it will withdraw its troops", "Bosnian Serbs said their forces": the state or
    group that is the subject of a clause above the possessive, in its sentence, nearest first."""
    sent = doc[pos].sent
    by_token = {i: m for m in mentions if m.kind in BODY_KINDS and not is_person_like(m) and state_root(m.code)
                for i in range(m.start, m.end)}
    verb = doc[pos].head
    while verb.i != verb.head.i and verb.i >= sent.start:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < pos]
        for subj in subjects:
            if subj.i in by_token:
                return _single(subj, by_token)
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < pos]
    return next((_single(c, by_token) for c in subjects if c.i in by_token), None)


def _single(subj: Token, by_token: dict[int, Mention]) -> Mention | None:
    """The subject's mention, unless the subject is a coordination ("France and Germany said
    their ministers ...": whose ministers is not said)."""
    return None if any(c.dep_ == "conj" for c in subj.children) else by_token[subj.i]


def _body_antecedent(doc: Doc, pos: int, mentions: Sequence[Mention], igo: bool) -> Mention | None:
    """The latest non-person mention before ``pos`` in this or the previous sentence (IGOs only
    when ``igo``), subjects first."""
    sent = doc[pos].sent
    floor = doc[sent.start - 1].sent.start if sent.start > 0 else 0
    pool = [m for m in mentions if floor <= m.start and m.end <= pos and m.kind in BODY_KINDS
            and not is_person_like(m) and (not igo or m.code.startswith("IGO"))]
    if igo and not pool:
        pool = [m for m in mentions if m.end <= pos and m.code.startswith("IGO")]
    if igo:
        pool = [m for m in pool if m.kind == "organisation"] or pool
    subjects = [m for m in pool if is_subject(doc, m)]
    last = subjects or pool
    return last[-1] if last else None


def _governing_speaker(doc: Doc, tok: Token, mentions: Sequence[Mention]) -> Mention | None:
    """"X said that it condemns": the body that is the subject of the governing speech verb."""
    verb = tok.head
    if verb.dep_ != "ccomp" or not is_speech(verb.head):
        return None
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    found = [m for m in mentions if m.start <= subj.i < m.end and m.kind in BODY_KINDS and not is_person_like(m)]
    return found[0] if found else None


def _may_be_a_body(cols: columns.Columns, i: int) -> bool:
    """"the" + an organisation noun, or the pronoun "it" (the tests ``resolve_bodies`` makes first)."""
    low = cols.lower[i]
    return (low in ORG_NOUNS and i > 0 and cols.lower[i - 1] == "the") or (low == "it" and cols.pos[i] == "PRON")


def resolve_bodies(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the bloc", "the alliance" -> the IGO named before; "it" as the subject of a speech or
    action verb -> the organisation, government or country named before (not a person)."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    for tok in columns.where(doc, _may_be_a_body):
        if tok.i in taken:
            continue
        if tok.lower_ in ORG_NOUNS and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            ante, start, rule = _body_antecedent(doc, tok.i - 1, out, True), tok.i - 1, "coref:organisation"
        elif tok.lower_ == "it" and tok.pos_ == "PRON" and context.speaking_subject(tok):
            ante = _governing_speaker(doc, tok, out) or _body_antecedent(doc, tok.i, out, False)
            start, rule = tok.i, "coref:pronoun"
        else:
            continue
        if ante is not None:
            kind = "pronoun" if rule == "coref:pronoun" else "title"
            out.append(Mention(start, tok.i + 1, ante.code, ante.name, kind, rule, ante.titles, ante))
    return sorted(out, key=lambda m: m.start)

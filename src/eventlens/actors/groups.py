"""Step 4c: collective anaphors ("the four leaders", "both sides", "the kingdom") point back to
the set of actors or the state introduced before."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventlens.actors import context
from eventlens.actors.countries import MOVED_RULE, state_root
from eventlens.actors.mention import Mention, is_person_like
from eventlens.actors.words import WORDS
from eventlens.text import columns

NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
STATE_NOUNS = WORDS.set_of("groups", "state_nouns")
OPEN_QUANTIFIERS = WORDS.frozenset_of("groups", "open_quantifiers")  # "other countries": no known group
ANY_NOUNS = {"leaders", "sides", "parties"}
PERSON_NOUNS = {"men", "women"}
FORMS_OF_STATE = {
    "kingdom": {"SAU", "JOR", "MAR", "GBR", "BHR", "ESP", "NLD", "BEL", "SWE", "NOR", "DNK", "THA",
                "KHM", "BTN", "LSO", "SWZ", "TON"},
    "emirate": {"QAT", "ARE", "KWT"},
    "sultanate": {"OMN", "BRN"},
    "republic": {"FRA", "DEU", "ITA", "IRN", "TUR", "KOR", "PRK", "CHN", "IND", "EGY", "SYR", "YEM",
                 "IRQ", "PAK", "CZE", "IRL", "ZAF", "USA", "RUS", "UKR", "BLR", "AZE", "ARM", "GAB"},
    "principality": {"MCO", "LIE", "AND"},
}
# "the four leaders": the code of the first member, alt_codes the others' (the events stage reads the rule)
COLLECTIVE_RULE = "coref:collective"
REPLACEABLE_RULES = {"compose:context+agent", "coref:title", "compose:place+agent", MOVED_RULE}


def _taken(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start < end and m.end > start]


def _phrase(doc: Doc, noun: Token) -> tuple[int, int | None] | None:
    """(start, size) of "the four leaders", "both sides", "the Gulf states"; None otherwise."""
    words = [t for t in doc[max(0, noun.i - 3) : noun.i] if t.head.i == noun.i or t.dep_ == "compound"]
    det = next((t for t in words if t.lower_ in {"the", "both"}), None)
    if any(t.lower_ in OPEN_QUANTIFIERS for t in words):
        return None
    if det is None or any(t.pos_ not in {"NUM", "ADJ", "PROPN", "DET"} for t in doc[det.i + 1 : noun.i]):
        return None
    size = next((NUMBERS[t.lower_] for t in doc[det.i : noun.i] if t.lower_ in NUMBERS), None)
    return det.i, size


def _coordinated_sets(doc: Doc, mentions: Sequence[Mention], pos: int) -> list[list[Mention]]:
    """Sets of two or more earlier mentions joined by "and" or commas, latest last."""
    coded = [m for m in mentions if m.end <= pos and m.kind != "pronoun"]
    by_root = {doc[m.start : m.end].root.i: m for m in coded}
    sets: list[list[Mention]] = []
    for m in coded:
        root = doc[m.start : m.end].root
        if root.dep_ in {"conj", "appos"}:
            continue
        members = [by_root[i] for i in sorted(_list_tokens(root)) if i in by_root]
        if len(members) >= 2:
            sets.append(members)
    return sorted(sets, key=lambda s: s[-1].end)


def _list_tokens(root: Token) -> set[int]:
    """The token and its conjuncts, also through a listed apposition ("A, B, C and D" parsed as
    A + appos B with conjuncts C and D)."""
    out = {root.i, *(c.i for c in root.conjuncts)}
    for appos in (c for c in root.children if c.dep_ == "appos" and c.conjuncts):
        out |= {appos.i, *(c.i for c in appos.conjuncts)}
    return out


def _fits(members: Sequence[Mention], noun: str, size: int | None) -> bool:
    """The set has the announced size and the kind of member the noun asks for."""
    if size is not None and len(members) != size:
        return False
    if noun in PERSON_NOUNS:
        return all(is_person_like(m) for m in members)
    if noun in STATE_NOUNS:
        return all(state_root(m.code) and not is_person_like(m) for m in members)
    return True


def _member_code(member: Mention, noun: str) -> str:
    """A country standing for its leaders or government takes GOV ("the four countries")."""
    if len(member.code) == 3 and state_root(member.code) and noun not in PERSON_NOUNS:
        return member.code + "GOV"
    return member.code


def _collective(doc: Doc, noun: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The mention of a collective anaphor, coded by the first member, the others alternatives."""
    word = noun.lower_
    found = _phrase(doc, noun)
    if found is None:
        return None
    start, size = found
    sets = [s for s in _coordinated_sets(doc, mentions, start) if _fits(s, word, size)]
    if not sets:
        return None
    members = sets[-1]
    codes = [_member_code(m, word) for m in members]
    alts = tuple(dict.fromkeys(c for c in codes[1:] if c != codes[0]))
    return Mention(start, noun.i + 1, codes[0], members[0].name, "group", COLLECTIVE_RULE,
                   members[0].titles, members[0], alts)


def _state_form(doc: Doc, det: Token, mentions: Sequence[Mention]) -> Mention | None:
    """"the kingdom", "the emirate": the latest earlier state with that form of government."""
    noun = doc[det.i + 1]
    states = FORMS_OF_STATE.get(noun.lower_, set())
    if not states or noun.dep_ == "pobj" and noun.head.lower_ in context.PLACE_PREPS:
        return None  # "his visit to the kingdom" is a place
    listed = {id(m) for group in _coordinated_sets(doc, mentions, det.i) for m in group
              if m.start >= det.sent.start}  # "A, B and C cut ties with the emirate" is not B
    earlier = [m for m in mentions if m.end <= det.i and (state_root(m.code) or "") in states
               and not _co_argument(doc, m, noun) and id(m) not in listed]
    if not earlier:
        return None
    ante = earlier[-1]
    root = ante.code[:3]
    code = root + "GOV" if noun.dep_ in {"nsubj", "nsubjpass"} else root
    return Mention(det.i, noun.i + 1, code, ante.name, "title",
                   "coref:form-of-state", ante.titles, ante)


def _co_argument(doc: Doc, mention: Mention, noun: Token) -> bool:
    """The mention is (a conjunct of) the subject of the anaphor's own clause: "A, B and C cut
    ties with the emirate" is not about B."""
    root = doc[mention.start : mention.end].root
    while root.dep_ in {"conj", "appos"} and root.head.i != root.i:
        root = root.head
    verb = noun
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.i == verb.i


def _may_refer_to_a_group(cols: columns.Columns, i: int) -> bool:
    """A plural collective noun, or "the" before a form of state (the tests ``resolve_groups`` makes first)."""
    low = cols.lower[i]
    if low in STATE_NOUNS or low in ANY_NOUNS or low in PERSON_NOUNS:
        return cols.tag[i] in {"NNS", "NNPS"}
    return low == "the" and i + 1 < len(cols.lower) and cols.lower[i + 1] in FORMS_OF_STATE


def resolve_groups(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Collective anaphors and "the kingdom"/"the emirate" take the actors introduced before."""
    out = list(mentions)
    for tok in columns.where(doc, _may_refer_to_a_group):
        new = None
        if tok.lower_ in STATE_NOUNS | ANY_NOUNS | PERSON_NOUNS and tok.tag_ in {"NNS", "NNPS"}:
            new = _collective(doc, tok, out)
        elif tok.lower_ == "the" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in FORMS_OF_STATE:
            new = _state_form(doc, tok, out)
        if new is None:
            continue
        clash = _taken(out, new.start, new.end)
        if any(m.rule not in REPLACEABLE_RULES for m in clash):
            continue
        out = sorted([m for m in out if m not in clash] + [new], key=lambda m: m.start)
    return out

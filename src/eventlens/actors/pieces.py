"""Step 1: longest dictionary matches (actor entries and agent nouns) and unknown PERSON names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc

from eventlens.actors.compose import AGENT_ONLY_ROOTS
from eventlens.actors.lexicon import ActorLexicon, LexEntry, Match
from eventlens.actors.mention import Piece
from eventlens.places.gazetteer import Gazetteer, load_gazetteer
from eventlens.text import columns

SPACE_KEY = ""

def token_keys(doc: Doc) -> list[str]:
    """Lower-cased match keys per token (curly apostrophes made straight, spaces empty)."""
    cols = columns.of_doc(doc)
    return [SPACE_KEY if space else text.lower().replace("\u2019", "'")
            for text, space in zip(cols.text, cols.is_space, strict=True)]


def find_pieces(doc: Doc, keys: Sequence[str], lexicon: ActorLexicon, day: date | None,
                gazetteer: Gazetteer | None = None) -> list[Piece]:
    """Non-overlapping longest matches of entries and agents, plus unknown PERSON entities (the
    gazetteer tells a city from the country an entry codes; default: the packaged one)."""
    gaz = gazetteer or load_gazetteer()
    pieces: list[Piece] = []
    texts = columns.of_doc(doc).text
    pos = 0
    while pos < len(doc):
        piece = _piece_at(doc, keys, lexicon, gaz, day, pos, texts)
        if piece is None or _overrun(doc, keys, lexicon, day, piece):
            pos += 1
            continue
        pieces.append(piece)
        pos = piece.end
    covered = {i for p in pieces for i in range(p.start, p.end)}
    titles = {i for p in pieces if p.kind == "agent" for i in range(p.start, p.end)}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start = _after_title(doc, ent.start, ent.end, titles)
        if start > ent.start and ent.end in covered:
            continue  # "Crown Prince Sheikh" before a known name: titles, no name of their own
        if start < ent.end and not covered.intersection(range(start, ent.end)):
            pieces.append(Piece(start, ent.end))
    return sorted(pieces, key=lambda p: p.start)


def _after_title(doc: Doc, start: int, end: int, titles: set[int]) -> int:
    """Where the name starts in a PERSON entity that begins with a title ("Imam Tariq Haddad"):
    after the agent words, when a capitalised name word follows them."""
    pos = start
    while pos < end and pos in titles:
        pos += 1
    if pos == start or pos >= end or not doc[pos].text[:1].isupper():
        return start
    return pos


def _overrun(doc: Doc, keys: Sequence[str], lexicon: ActorLexicon, day: date | None, piece: Piece) -> bool:
    """An entry match that starts inside this one runs past its end and no agent follows:
    "the West Bank" is "the" + WEST BANK, not THE WEST + "Bank"."""
    if piece.entry is None or lexicon.match_agent(keys, piece.end) is not None:
        return False  # "The US" + "Congress" composes
    for inner in range(piece.start + 1, piece.end):
        found = lexicon.match_actor(keys, inner)
        if found is not None and found.end > piece.end and _has_capital(doc, found.start, found.end):
            return True
    return False


def _piece_at(doc: Doc, keys: Sequence[str], lexicon: ActorLexicon, gaz: Gazetteer, day: date | None, pos: int,
              texts: Sequence[str] = ()) -> Piece | None:
    """The longer of the entry and agent matches at ``pos`` (an entry wins a tie); a name that
    matches only as written (a news outlet: "AP", "the Guardian") wins a tie with an entry."""
    if not keys[pos] or not lexicon.may_start(keys[pos]):
        return None
    actor = lexicon.match_actor(keys, pos)
    if actor and not _has_capital(doc, actor.start, actor.end):
        actor = None
    cased = lexicon.match_cased(keys, texts or [t.text for t in doc], pos)
    if cased is not None and (actor is None or cased.end >= actor.end):
        actor = cased
    agent = lexicon.match_agent(keys, pos)
    if agent and (actor is None or agent.end > actor.end):
        end = agent.end
        while end > pos + 1 and doc[end - 1].pos_ in {"ADP", "DET"}:
            end -= 1  # "AMBASSADOR_TO" should not take the "to" of "ambassador to Kyiv"
        return Piece(pos, end, agent=lexicon.agents[agent.index], kind="agent")
    if actor is None:
        actor = _plural_match(doc, keys, lexicon, pos)
    if actor is None:
        return None
    entry = lexicon.entries[actor.index]
    code = entry.code_on(day) or ""
    kind = _entry_kind(doc, entry, code, actor.start, actor.end)
    if kind == "country" and _city_of(doc, lexicon, gaz, code, actor.start, actor.end):
        if _hyphen_name(doc, actor.end):
            return None  # "Rostov" in "Rostov-on-Don"
        kind = "metonym"  # "Aden", "Basra": a city of the country, a place unless it acts
    title = lexicon.agents[agent.index] if agent and kind == "person" else None  # "President Obama"
    return Piece(pos, actor.end, entry=entry, agent=title, code=code, kind=kind, undated=day is None)


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
    labels = {doc[i].ent_type_ for i in range(start, end)}
    if code in AGENT_ONLY_ROOTS:  # "Reuters" (MED), "Kofi Annan" (ELI): no country
        return "person" if "PERSON" in labels else "organisation"
    if code[:3] in {"IGO", "NGO", "MNC"}:  # "UNOCAL [MNC]" is a firm, though its code has 3 letters
        return "organisation"
    if code.startswith("IMG") or "REB" in code[3:]:
        return "group"
    if len(code) == 3 and code.isalpha():
        return "country"
    return "person" if "PERSON" in labels else "organisation"


def _city_of(doc: Doc, lexicon: ActorLexicon, gaz: Gazetteer, code: str, start: int, end: int) -> bool:
    """The words name a city of the entry's country, not the country itself ("Aden" under YEMEN)."""
    text = doc[start:end].text
    if len(code) != 3 or text.lower() == lexicon.country_name(code).lower():
        return False
    found = gaz.candidates(text)
    return bool(found) and found[0].country == code and found[0].kind in {"city", "region"}


def _hyphen_name(doc: Doc, end: int) -> bool:
    """A hyphenated place name goes on ("Rostov-on-Don", "Stratford-upon-Avon")."""
    if end + 2 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_:
        return False
    return doc[end + 1].is_lower and doc[end + 1].pos_ == "ADP"

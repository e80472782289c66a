"""Is a country or capital mention a place here, not an actor? Tests on the parse around it."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from eventlens.actors.mention import Mention, is_outlet

PLACE_PREPS = {"in", "at", "to", "from", "into", "inside", "near", "outside", "via", "toward",
               "towards", "across", "throughout", "within", "around", "over", "between"}
COUNTRY_PLACE_PREPS = PLACE_PREPS - {"to", "between"}
LEFT_VERBS = {"leave", "flee", "depart", "exit", "evacuate"}
TRAVEL_VERBS = {"leave", "depart", "head", "flee", "fly", "bound", "set"}
ATTACK_VERBS = {"fire", "shoot", "aim", "launch", "lob", "strike", "hurl", "direct", "target"}
GOVERNING_HEADS = {"government", "leadership", "regime", "authorities", "administration", "president",
                   "leader", "leaders", "ruler", "rulers", "people"}
SPEECH_VERBS = {"say", "tell", "add", "announce", "state", "declare", "warn", "accuse", "deny", "reject",
                "urge", "call", "condemn", "demand", "insist", "claim", "argue", "respond", "reply",
                "agree", "threaten", "vow", "promise", "welcome", "criticise", "criticize", "note",
                "confirm", "report", "suspend", "expel", "recall", "sign", "order", "summon", "impose",
                "express", "voice", "write", "speak", "stress", "emphasise", "emphasize", "reiterate",
                "meet", "visit", "praise", "thank", "describe", "ask", "propose", "offer", "refuse",
                "decide", "want", "hope", "believe", "dismiss", "pledge", "repeat", "invite"}
CREDIT_DASHES = {"-", "--", "\u2013", "\u2014"}
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
_HYPHENATED = re.compile(r"-\w")
_DATELINE_TAIL = re.compile(rf"\s*(\([^)]{{1,30}}\))?\s*(,\s*({_MONTHS}|\d)|[\u2013\u2014-])")


def in_dateline(doc: Doc, start: int, end: int) -> bool:
    """The mention opens a line and is followed by a comma or dash ("KYIV, April 9 -")."""
    if not _opens_line(doc, start):
        return _second_place(doc, start, end)
    after = _text_after(doc, end, 40)
    shouted = doc[start:end].text.isupper() and after.lstrip().startswith(",")
    if _HYPHENATED.match(after):
        return False  # "Russian-backed militias ...": a hyphenated word, not a dateline dash
    return shouted or bool(_DATELINE_TAIL.match(after))


def _second_place(doc: Doc, start: int, end: int) -> bool:
    """The country after the city of a dateline ("CAIRO, Egypt (Reuters) -", "Kyiv, Ukraine,
    April 9 -"): a comma after capitalised words that open the line, then the dateline's tail."""
    if start < 2 or doc[start - 1].text != ",":
        return False
    first = start - 1
    while first > 0 and not doc[first - 1].is_space and start - first <= 4:
        first -= 1
    words = doc[first : start - 1]
    if not words or not _opens_line(doc, first) or not all(t.text[:1].isupper() or t.text == "." for t in words):
        return False
    return bool(_DATELINE_TAIL.match(_text_after(doc, end, 40)))


def in_credit(doc: Doc, start: int, end: int) -> bool:
    """A wire credit: a name in parentheses before a dash, as a dateline gives the agency that
    filed the story ("CAIRO (Reuters) -", "(CNN) --", "Tehran, March 15, IRNA -"), or a source
    label after the date that opens a line ("20220208: AP: ..."); the outlet wrote the story, it
    acts in none of it. A label alone at a line's start ("CNN: Where are events headed?") is an
    interviewer's turn in a transcript, not a credit."""
    if end < len(doc) and doc[end].text == ":" and _opens_line_after_date(doc, start):
        return True
    if end < len(doc) and doc[end].text in CREDIT_DASHES and start > 0 and doc[start - 1].text == "," \
            and _dateline_before(doc, start - 1):
        return True  # "Tehran, March 15, IRNA -"
    if start == 0 or end + 1 >= len(doc) or doc[start - 1].text != "(" or doc[end].text != ")":
        return False
    return doc[end + 1].text in CREDIT_DASHES


def _dateline_before(doc: Doc, end: int) -> bool:
    """The tokens from the line's start to ``end`` are a dateline: a few capitalised words,
    numbers and commas ("Tehran, March 15")."""
    pos = end
    while pos > 0 and not doc[pos - 1].is_space and end - pos < 8:
        tok = doc[pos - 1]
        if not (tok.text[:1].isupper() or tok.like_num or tok.text in {",", "."}):
            return False
        pos -= 1
    return pos < end and _opens_line(doc, pos)


def _opens_line_after_date(doc: Doc, start: int) -> bool:
    """A number (a date) and punctuation, and nothing else, stand between the line's start and
    token ``start``."""
    pos = start
    while pos > 0 and not doc[pos - 1].is_space and (doc[pos - 1].like_num or doc[pos - 1].is_punct):
        pos -= 1
    return pos < start and any(t.like_num for t in doc[pos:start]) and _opens_line(doc, pos)


def _opens_line(doc: Doc, start: int) -> bool:
    """Only spaces and tabs stand between the last line break (or the start) and token ``start``."""
    for tok in reversed(doc[:start]):
        if not tok.is_space:
            return False
        if "\n" in tok.text:
            return not tok.text.rsplit("\n", 1)[1].strip(" \t")
    return True


def _text_after(doc: Doc, end: int, size: int) -> str:
    """Up to ``size`` characters of the text after token ``end - 1`` (read from the tokens near
    it, never from the whole text)."""
    parts, got = [doc[end - 1].whitespace_], len(doc[end - 1].whitespace_)
    for tok in doc[end:]:
        if got >= size:
            break
        parts.append(tok.text_with_ws)
        got += len(tok.text_with_ws)
    return "".join(parts)[:size]


def modifies_a_thing(tok: Token) -> bool:
    """A capital left alone as a compound of another noun ("Kabul airport") names a place."""
    return tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i > tok.i


def of_a_place(prep: Token) -> bool:
    """"the streets of Libreville": ``of`` after a noun that is not a governing body."""
    head = prep.head
    return prep.lower_ == "of" and head.pos_ in {"NOUN", "PROPN"} and head.lower_ not in GOVERNING_HEADS


def targeted(prep: Token) -> bool:
    """"fired shells at Seoul": the object of ``at`` after an attack verb is a target."""
    return prep.lower_ == "at" and prep.head.lemma_.lower() in ATTACK_VERBS


def origin_of_a_thing(prep: Token) -> bool:
    """"a naval vessel from South Korea": ``from`` after a noun gives a nationality."""
    return prep.lower_ == "from" and prep.head.pos_ in {"NOUN", "PROPN"}


def speaking_subject(head: Token) -> bool:
    """The noun is the active subject of a speech or action verb ("The French mandatory said")."""
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in SPEECH_VERBS


def is_credit(doc: Doc, mention: Mention) -> bool:
    """A news organisation named as the credit of a dateline or a headline (:func:`in_credit`)."""
    return is_outlet(mention) and in_credit(doc, mention.start, mention.end)


def is_place(doc: Doc, mention: Mention) -> bool:
    """A metonym or country used as a place: the object of in/at/from/... ("talks in Moscow")."""
    if mention.kind not in {"metonym", "country"}:
        return False
    if in_dateline(doc, mention.start, mention.end):
        return True
    tok = doc[mention.start : mention.end].root
    while tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    if mention.kind == "metonym" and modifies_a_thing(tok) and tok.head.dep_ != "pobj":
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in LEFT_VERBS:
        return True  # "to leave Lorien", "fled Syria"
    if tok.dep_ != "pobj":
        return tok.dep_ == "compound" and tok.head.dep_ == "pobj" and _place_prep(tok.head.head, mention)
    return _place_prep(tok.head, mention)


def _place_prep(prep: Token, mention: Mention) -> bool:
    """True when ``prep`` introduces a place for this kind of mention."""
    word = prep.lower_
    if word == "for":
        return prep.head.lemma_ in TRAVEL_VERBS
    if targeted(prep) or mention.kind == "country" and origin_of_a_thing(prep):
        return False
    if mention.kind == "metonym" and of_a_place(prep):
        return True
    return word in (PLACE_PREPS if mention.kind == "metonym" else COUNTRY_PLACE_PREPS)

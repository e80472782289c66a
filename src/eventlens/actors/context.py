"""Is a country or capital mention a place here, not an actor? Tests on the parse around it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventlens.actors.descriptions import acting_verbs
from eventlens.actors.mention import Mention, is_outlet
from eventlens.actors.words import WORDS
from eventlens.text import datelines
from eventlens.text import prepositions as text_prepositions
from eventlens.text.speech import is_speech

# prepositions that make a country or capital after them a place ("talks in Moscow", "flew to Kyiv");
# a country, not a capital, after "to" or "between" stays an actor
PLACE_PREPS = set(text_prepositions.PLACE_PREPS | {"between"})
COUNTRY_PLACE_PREPS = PLACE_PREPS - {"to", "between"}
LEFT_VERBS = WORDS.set_of("context", "left_verbs")
TRAVEL_VERBS = WORDS.set_of("context", "travel_verbs")
ATTACK_VERBS = WORDS.set_of("context", "attack_verbs")
GOVERNING_HEADS = WORDS.set_of("context", "governing_heads")
CREDIT_DASHES = {"-", "--", "\u2013", "\u2014"}


def in_dateline(doc: Doc, start: int, end: int) -> bool:
    """The mention is a place of a dateline ("KYIV, April 9 -", "CAIRO, Egypt (Reuters) -"), not
    its wire credit (:mod:`eventlens.text.datelines`)."""
    line = datelines.at(doc, doc[start].idx)
    if line is None or doc[end - 1].idx >= line.end:
        return False
    return not _dateline_credit(doc, line, start, end)


def _dateline_credit(doc: Doc, line: datelines.Dateline, start: int, end: int) -> bool:
    """The mention is the dateline's credit: in parentheses, or the last part before its dash
    ("Tehran, March 15, IRNA -")."""
    if line.credit is not None and line.credit[0] <= doc[start].idx < line.credit[1]:
        return True
    return line.dash is not None and end < len(doc) and doc[end].idx == line.dash and doc[start].idx > line.place[1]


def in_credit(doc: Doc, start: int, end: int) -> bool:
    """A wire credit: a name in parentheses before a dash, as a dateline gives the agency that
    filed the story ("CAIRO (Reuters) -", "(CNN) --", "Tehran, March 15, IRNA -"), or a source
    label after the date that opens a line ("20220208: AP: ..."); the outlet wrote the story, it
    acts in none of it. A label alone at a line's start ("CNN: Where are events headed?") is an
    interviewer's turn in a transcript, not a credit."""
    if end < len(doc) and doc[end].text == ":" and _opens_line_after_date(doc, start):
        return True
    line = datelines.at(doc, doc[start].idx)
    if line is not None and _dateline_credit(doc, line, start, end):
        return True  # "Tehran, March 15, IRNA -", "CAIRO (Reuters) -"
    if start == 0 or end + 1 >= len(doc) or doc[start - 1].text != "(" or doc[end].text != ")":
        return False
    return doc[end + 1].text in CREDIT_DASHES


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
    """The noun is the active subject of a verb of saying or an act of a state ("The French mandatory
    said", "it had expelled"; :func:`eventlens.actors.descriptions.acting_verbs`)."""
    return head.dep_ == "nsubj" and (is_speech(head.head) or head.head.lemma_.lower() in acting_verbs())


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

"""Is a country or capital mention a place here, not an actor? Tests on the parse around it."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

ATTACK_VERBS = {"fire", "shoot", "aim", "launch", "lob", "strike", "hurl", "direct", "target"}
GOVERNING_HEADS = {"government", "leadership", "regime", "authorities", "administration", "president",
                   "leader", "leaders", "ruler", "rulers", "people"}
SPEECH_VERBS = {"say", "tell", "add", "announce", "state", "declare", "warn", "accuse", "deny", "reject",
                "urge", "call", "condemn", "demand", "insist", "claim", "argue", "respond", "reply",
                "agree", "threaten", "vow", "promise", "welcome", "criticise", "criticize", "note",
                "confirm", "report", "suspend", "expel", "recall", "sign", "order", "summon", "impose",
                "express", "voice", "write", "speak", "stress", "emphasise", "emphasize", "reiterate",
                "meet", "visit", "praise", "thank", "describe", "ask", "propose", "offer", "refuse",
                "decide", "want", "hope", "believe", "insist", "dismiss", "pledge", "repeat", "invite"}
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
_DATELINE_TAIL = re.compile(rf"\s*(\([^)]{{1,30}}\))?\s*(,\s*({_MONTHS}|\d)|[\u2013\u2014-])")


def in_dateline(doc: Doc, start: int, end: int) -> bool:
    """The mention opens a line and is followed by a comma or dash ("KYIV, April 9 -")."""
    first = doc[start]
    before = doc.text[: first.idx]
    if before.strip(" \t") and not before.rstrip(" \t").endswith("\n"):
        return False
    after = doc.text[doc[end - 1].idx + len(doc[end - 1].text):][:40]
    shouted = doc[start:end].text.isupper() and after.lstrip().startswith(",")
    return shouted or bool(_DATELINE_TAIL.match(after))


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

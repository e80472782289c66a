"""Whether a time expression sits in a forward-looking (future, planned) or simple-past clause."""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.dates.lexicon import Context
from eventlens.dates.words import WORDS

FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}


MODAL_AHEAD = WORDS.set_of("tense", "modal_ahead")  # "so he can appoint ... Saturday"; not "could"


FUTURE_HEADS = WORDS.set_of("tense", "future_heads")


FORWARD_LEMMAS = WORDS.set_of("tense", "forward_lemmas")


FORWARD_PREPS = WORDS.set_of("tense", "forward_preps")


SETTING_LEMMAS = WORDS.set_of("tense", "setting_lemmas")  # "set Friday as the deadline"


PLAN_LEMMAS = WORDS.set_of("tense", "plan_lemmas")
DEADLINE_LEMMAS = {"give", "grant", "allow"}  # "gave the rebels until Friday to disarm"
# Verbs whose simple present states a timetable ("the ceasefire starts on Friday"), not a habit or a report.
SCHEDULE_LEMMAS = WORDS.set_of("tense", "schedule_lemmas")
FORWARD_NOUNS = {"deadline", "ultimatum"}


def future_token(tok: Token, infinitive: bool = True) -> bool:
    """Whether the verb governing ``tok`` looks ahead ("will", "is due to", "postponed until", "deadline");
    with ``infinitive``, also a ``to`` infinitive from a present clause (for dates, not for an event in a
    purpose clause: "has sent troops to enforce a curfew" happens with its main clause)."""
    start, path, seen = tok, [], 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and seen < 8:
        path.append(tok.lower_)
        tok, seen = tok.head, seen + 1
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in tok.children):
        return True
    if tok.tag_ in ("VBZ", "VBP") and tok.lemma_.lower() in SCHEDULE_LEMMAS:
        return True  # a timetable in the present: "the ceasefire starts on Friday"
    if _forward_verb(tok, start, path) or _modal_ahead(tok) or infinitive and _infinitive_ahead(tok):
        return True
    return tok.dep_ == "xcomp" and tok.head.lower_ in FUTURE_HEADS


def _modal_ahead(verb: Token) -> bool:
    """Whether a bare verb has a present modal ("can appoint", "may meet"), not a perfect ("must have left")."""
    if verb.tag_ != "VB":
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & MODAL_AHEAD) and "have" not in aux


def _infinitive_ahead(verb: Token) -> bool:
    """Whether a ``to`` infinitive looks ahead from a present clause ("has a program to run through June",
    "talks are to resume Monday"); not from a past one ("went to Cairo to meet him Monday")."""
    if verb.tag_ != "VB" or verb.dep_ not in ("xcomp", "advcl", "acl", "relcl") or verb.head.i == verb.i:
        return False
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return False
    head, seen = verb.head, 0
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and seen < 8:
        head, seen = head.head, seen + 1  # "signed agreements to normalise ...": the noun's clause is past
    return not _past(head)


def _past_perfect(verb: Token) -> bool:
    """Whether a verb is in the past perfect (``had set``)."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _past(verb: Token) -> bool:
    """Whether a head verb is past: simple past, or a participle without a present auxiliary."""
    if verb.tag_ == "VBD" or any(c.dep_.startswith("aux") and c.tag_ == "VBD" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_.startswith("aux") and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _forward_verb(verb: Token, start: Token, path: list[str]) -> bool:
    """Whether the verb points ahead: "postponed until X", "set X as the deadline", "the deadline is X"."""
    lemma = verb.lemma_.lower()
    if _past_perfect(verb) and lemma in PLAN_LEMMAS | SETTING_LEMMAS:
        return False  # "had set Friday as the deadline": a day that has come
    if lemma in FORWARD_LEMMAS and FORWARD_PREPS & set(path):
        return True
    if lemma in DEADLINE_LEMMAS and {"until", "till"} & set(path):
        return True
    if lemma in PLAN_LEMMAS and "for" in path and verb.dep_ != "acl":  # "a rally is set for Sunday"
        return True
    if lemma in SETTING_LEMMAS and start.head == verb and start.dep_ in ("dobj", "npadvmod"):
        if any(c.dep_ in ("appos", "oprd") for c in start.children) or any(c.lower_ == "as" for c in verb.children):
            return True
    present = verb.tag_ in ("VBZ", "VBP") or verb.lemma_ == "be" and verb.tag_ != "VBD"
    return present and any(c.lower_ in FORWARD_NOUNS for c in verb.children) or bool(FORWARD_NOUNS & set(path))


def is_future(ctx: Context, start: int, end: int) -> bool:
    """Whether the expression at ``start:end`` sits in a future-tense clause."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and future_token(span.root)


def tense(ctx: Context, start: int, end: int) -> str:
    """``future``, ``past`` (a simple past verb that plans nothing: "died", "met") or ``""``."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    if future_token(span.root):
        return "future"
    verb, seen = span.root, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb and seen < 8:
        verb, seen = verb.head, seen + 1
    planned = verb.lemma_.lower() in FORWARD_LEMMAS | SETTING_LEMMAS | FUTURE_HEADS | {"plan", "schedule"}
    return "past" if simple_past(verb) and not planned else ""


def simple_past(verb: Token) -> bool:
    """Whether a verb is in the simple past, a bare participle conjoined to one included ("rose and peaked")."""
    if verb.tag_ == "VBN" and verb.dep_ == "conj" and not any(c.dep_.startswith("aux") for c in verb.children):
        return verb.head.tag_ == "VBD"
    if verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not any(c.dep_.startswith("aux") for c in verb.children):
        return any(c.dep_ == "nsubj" for c in verb.children)  # "The summit opened on March 3": a tagger slip
    return verb.tag_ == "VBD"

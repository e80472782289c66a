"""Whether a time expression sits in a forward-looking (future, planned) or simple-past clause."""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.timex.lexicon import Context


FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}


FUTURE_HEADS = {"due", "expected", "set", "scheduled", "poised", "going", "planning", "plan"}


FORWARD_LEMMAS = {"postpone", "delay", "adjourn", "defer", "reschedule", "extend"}


FORWARD_PREPS = {"until", "till", "to", "for"}


SETTING_LEMMAS = {"set", "fix", "name", "choose", "pick", "declare", "make"}  # "set Friday as the deadline"


PLAN_LEMMAS = {"set", "schedule", "slate", "plan"}
FORWARD_NOUNS = {"deadline", "ultimatum"}


def future_token(tok: Token) -> bool:
    """Whether the verb governing ``tok`` looks ahead ("will", "is due to", "postponed until", "deadline")."""
    start, path, seen = tok, [], 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and seen < 8:
        path.append(tok.lower_)
        tok, seen = tok.head, seen + 1
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in tok.children):
        return True
    if _forward_verb(tok, start, path):
        return True
    return tok.dep_ == "xcomp" and tok.head.lower_ in FUTURE_HEADS


def _forward_verb(verb: Token, start: Token, path: list[str]) -> bool:
    """Whether the verb points ahead: "postponed until X", "set X as the deadline", "the deadline is X"."""
    lemma = verb.lemma_.lower()
    if lemma in FORWARD_LEMMAS and FORWARD_PREPS & set(path):
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
    return verb.tag_ == "VBD"

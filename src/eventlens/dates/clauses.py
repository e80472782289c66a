"""Clause facts for event dating: a token's governing verb, the path to the root, tense and planning."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventlens.dates.tense import FUTURE_HEADS, future_token
from eventlens.dates.words import WORDS
from eventlens.text.speech import is_neutral_speech

PLAN_LEMMAS = WORDS.set_of("clauses", "plan_lemmas")
PLAN_PREPS = WORDS.set_of("clauses", "plan_preps")
TIME_WORDS = WORDS.set_of("clauses", "time_words")


def root_token(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the text at ``start:end``, or None when it maps to no token."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_verb(tok: Token) -> Token:
    """The verb whose clause holds ``tok`` (itself when it is a verb; the root at most)."""
    seen = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and seen < 10:
        tok, seen = tok.head, seen + 1
    return tok


def path_to_root(tok: Token) -> list[Token]:
    """``tok`` and its ancestors, nearest first."""
    return [tok, *tok.ancestors]


def planned(tok: Token) -> bool:
    """Whether a date token names a planned or future day ("scheduled for Monday", "postponed until May 2")."""
    if future_token(tok):
        return True
    verb = clause_verb(tok)
    between = {a.lower_ for a in tok.ancestors if a.i != verb.i and verb in a.ancestors}
    lemma = verb.lemma_.lower()
    return bool(between & PLAN_PREPS) and (lemma in PLAN_LEMMAS or verb.lower_ in FUTURE_HEADS)


def past_perfect(verb: Token) -> bool:
    """Whether a verb is in the past perfect ("had captured") with no time adverbial ("during the night")."""
    if verb.tag_ != "VBN" or not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in verb.children):
        return False
    return not any(_time_adverbial(c) for c in verb.children)


def _time_adverbial(tok: Token) -> bool:
    """Whether a verb's dependent places it in the narrative's time ("during the night", "earlier")."""
    if tok.dep_ == "prep":
        return any(o.dep_ == "pobj" and o.lower_ in TIME_WORDS for o in tok.children)
    return tok.dep_ in ("advmod", "npadvmod") and tok.lower_ in TIME_WORDS


def present_state(verb: Token) -> bool:
    """Whether a verb is a simple present that reports no dated act ("Britain blames Moscow"); speech verbs excluded."""
    if is_neutral_speech(verb):
        return False
    has_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.tag_ in ("VBZ", "VBP") and not has_aux

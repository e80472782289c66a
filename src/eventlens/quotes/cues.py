"""Speech cues: the verb of saying that governs, precedes or follows a quotation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from eventlens.quotes.lexicon import INDIRECT_LEMMAS, NAMED_REPORT_REACH, SPEECH_REACH
from eventlens.quotes.marks import Mark
from eventlens.quotes.naming import speaker_subject
from eventlens.quotes.tokens import (
    any_token,
    last_tokens_before,
    same_line,
    sentence_tokens_after,
    sentence_tokens_before,
    tokens_in,
    verb_lemma,
)
from eventlens.text.speech import PHRASAL_SPEECH, SPEECH


def _is_speech_verb(tok: Token) -> bool:
    """A verb of saying (or writing, urging...) with an active subject somewhere up its chain."""
    return speech_lemma(tok) and tok.pos_ in ("VERB", "AUX") and speaker_subject(tok) is not None


def speech_lemma(tok: Token) -> bool:
    """Whether ``tok`` is a verb of saying by its lemma, or with its particle (``pointed out``, ``shot back``)."""
    lemma = tok.lemma_.lower()
    if lemma in SPEECH:
        return True
    return any(c.dep_ in ("prt", "advmod") and c.i == tok.i + 1 and (lemma, c.lower_) in PHRASAL_SPEECH
               for c in tok.children)


def first_speech_verb(tokens: Iterable[Token]) -> Token | None:
    """The first speech verb among ``tokens``."""
    return next((t for t in tokens if _is_speech_verb(t)), None)


def last_speech_verb(tokens: Sequence[Token]) -> Token | None:
    """The last speech verb among ``tokens``."""
    return first_speech_verb(reversed(tokens))


def _governing_speech_verb(doc: Doc, text: str, mark: Mark) -> Token | None:
    """The nearest speech verb with an active subject above the quoted words, on their line."""
    for tok in tokens_in(doc, mark.start, mark.end):
        if mark.start <= tok.head.idx < mark.end and tok.head.i != tok.i:
            continue
        outside = [a for a in tok.ancestors if not mark.open_start <= a.idx < mark.close_end]
        verb = first_speech_verb(same_line(text, mark.start, outside))
        if verb is not None:
            return verb
    return None


def cue_verb(doc: Doc, text: str, mark: Mark, qtype: str) -> Token | None:
    """The speech verb of a marked quote: in the parse, after it (``," he said``) or before it."""
    verb = _governing_speech_verb(doc, text, mark) if qtype == "partial" else None
    if verb is None and _reporting_after(text, mark) and not _subordinate_after(doc, mark):
        verb = first_speech_verb(same_line(text, mark.close_end, sentence_tokens_after(doc, mark.close_end)))
    if verb is None:
        verb = _governing_speech_verb(doc, text, mark)
    if verb is None:
        verb = _named_reporting_after(doc, text, mark)
    if verb is None and text[: mark.open_start].rstrip()[-1:] in (":", ","):
        verb = last_speech_verb(same_line(text, mark.open_start, sentence_tokens_before(doc, mark.open_start)))
    if verb is None and qtype == "partial":
        verb = _reporting_verb_above(doc, text, mark)
    return verb


def _reporting_verb_above(doc: Doc, text: str, mark: Mark) -> Token | None:
    """The verb of saying or thinking whose reported clause holds the quoted words (``Ryan worried that
    the safety net was becoming "a hammock"``): the words in that clause are the subject's."""
    words = tokens_in(doc, mark.start, mark.end)
    heads = [t for t in words if not mark.start <= t.head.idx < mark.end or t.head.i == t.i]
    tok = heads[0] if heads else None
    while tok is not None and tok.head.i != tok.i:
        head = tok.head
        if not same_line(text, mark.start, [head]):
            return None
        if (tok.dep_ == "ccomp" and not mark.open_start <= head.idx < mark.close_end
                and verb_lemma(head, INDIRECT_LEMMAS) in INDIRECT_LEMMAS and head.pos_ in ("VERB", "AUX")
                and speaker_subject(head) is not None):
            return head
        tok = head
    return None


def _reporting_after(text: str, mark: Mark) -> bool:
    """Whether a reporting clause may follow the closing mark (``,” he said``)."""
    content = text[mark.start : mark.end].rstrip().rstrip("'’‘").rstrip()  # a quote closing a quote inside it
    rest = text[mark.close_end : mark.close_end + 40].lstrip(" ,")
    return content[-1:] == "," or text[mark.close_end : mark.close_end + 1] == "," or (
        content[-1:] in ("!", "?") and rest[:1].islower()
    )


def _subordinate_after(doc: Doc, mark: Mark) -> bool:
    """Whether the words after the closing mark open a subordinate clause (``," when Clinton blasted him``):
    the reporter's own narration, not a reporting clause."""
    after = [t for t in sentence_tokens_after(doc, mark.close_end) if not t.is_punct and not t.is_space][:1]
    return bool(after) and (after[0].tag_ in ("WRB", "WDT") or (after[0].dep_ == "mark" and after[0].tag_ == "IN"))


def _named_reporting_after(doc: Doc, text: str, mark: Mark) -> Token | None:
    """The speech verb of a short reporting clause that opens with a name after a question or exclamation
    (``?” Renteria told reporters``), within the first few words after the closing mark."""
    content = text[mark.start : mark.end].rstrip().rstrip("'’‘").rstrip()
    if content[-1:] not in ("!", "?") or not text[mark.close_end : mark.close_end + 2].strip()[:1].isupper():
        return None
    words = same_line(text, mark.close_end, sentence_tokens_after(doc, mark.close_end))[:NAMED_REPORT_REACH]
    return first_speech_verb(words)


def _not_punct(tok: Token) -> bool:
    return not tok.is_punct


def speech_word_before(doc: Doc, offset: int) -> bool:
    """Whether a speech verb is among the last few words before ``offset`` (``he said, "...``)."""
    words = last_tokens_before(doc, offset, SPEECH_REACH, _not_punct)
    speech = any(speech_lemma(t) and t.pos_ in ("VERB", "AUX") for t in words)
    return speech or any(t.lower_ == "according" for t in words)


def speech_verb_right_before(doc: Doc, mark: Mark) -> bool:
    """Whether the word just before the opening mark is a speech verb (``Trump declared "...``)."""
    words = last_tokens_before(doc, mark.open_start, 1, any_token)
    return bool(words) and _is_speech_verb(words[0])


def according_source(tok: Token) -> Token | None:
    """The object of ``according to`` when ``tok`` is its ``according``."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def next_sentence_tokens(doc: Doc, text: str, mark: Mark) -> list[Token]:
    """The next sentence after a standalone quote, when it is on the same line."""
    if text[mark.start : mark.end].rstrip()[-1:] not in ".!?…":
        return []
    tokens = sentence_tokens_after(doc, mark.close_end)
    return [t for t in tokens if "\n" not in text[mark.close_end : t.idx]]

"""Speech cues: the verb of saying that governs, precedes or follows a quotation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from eventlens.quoting.lexicon import SPEECH_LEMMAS, SPEECH_REACH
from eventlens.quoting.marks import Mark
from eventlens.quoting.naming import subject_of
from eventlens.quoting.tokens import same_line, sentence_tokens_after, sentence_tokens_before, tokens_before, tokens_in


def _is_speech_verb(tok: Token) -> bool:
    """A verb of saying (or writing, urging...) with an active subject somewhere up its chain."""
    return tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX") and subject_of(tok) is not None


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
    if verb is None and _reporting_after(text, mark):
        verb = first_speech_verb(same_line(text, mark.close_end, sentence_tokens_after(doc, mark.close_end)))
    if verb is None:
        verb = _governing_speech_verb(doc, text, mark)
    if verb is None and text[: mark.open_start].rstrip()[-1:] in (":", ","):
        verb = last_speech_verb(same_line(text, mark.open_start, sentence_tokens_before(doc, mark.open_start)))
    return verb


def _reporting_after(text: str, mark: Mark) -> bool:
    """Whether a reporting clause may follow the closing mark (``,” he said``)."""
    content = text[mark.start : mark.end].rstrip()
    rest = text[mark.close_end : mark.close_end + 40].lstrip(" ,")
    return content[-1:] == "," or text[mark.close_end : mark.close_end + 1] == "," or (
        content[-1:] in "!?" and rest[:1].islower()
    )


def speech_word_before(doc: Doc, offset: int) -> bool:
    """Whether a speech verb is among the last few words before ``offset`` (``he said, "...``)."""
    words = [t for t in tokens_before(doc, offset) if not t.is_punct][-SPEECH_REACH:]
    speech = any(t.lemma_.lower() in SPEECH_LEMMAS and t.pos_ in ("VERB", "AUX") for t in words)
    return speech or any(t.lower_ == "according" for t in words)


def speech_verb_right_before(doc: Doc, mark: Mark) -> bool:
    """Whether the word just before the opening mark is a speech verb (``Trump declared "...``)."""
    words = tokens_before(doc, mark.open_start)[-1:]
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

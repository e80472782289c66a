"""Token helpers: tokens by character offset, sentences around an offset, same-line filters."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from eventlens.quotes.lexicon import NAME_REACH
from eventlens.quotes.marks import Mark
from eventlens.text import columns


def same_line(text: str, offset: int, tokens: Iterable[Token]) -> list[Token]:
    """The tokens on the same line as ``offset``."""
    return [t for t in tokens if "\n" not in text[min(offset, t.idx) : max(offset, t.idx)]]


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The non-space tokens starting within ``[start, end)``."""
    return [t for t in doc[_index_at(doc, start) : _index_at(doc, end)] if not t.is_space]


def _index_at(doc: Doc, offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (``len(doc)`` when none)."""
    return bisect_left(columns.of_doc(doc).idx, offset)


def last_tokens_before(doc: Doc, offset: int, count: int, keep: Callable[[Token], bool],
                       reach: int = 3 * NAME_REACH) -> list[Token]:
    """The last ``count`` non-space tokens that pass ``keep`` among the last ``reach`` tokens starting
    before ``offset``, in text order; read backwards from ``offset`` so only the tokens it needs are built."""
    end = _index_at(doc, offset)
    spaces = columns.of_doc(doc).is_space
    found: list[Token] = []
    for i in range(end - 1, max(0, end - reach) - 1, -1):
        if len(found) == count:
            break
        if not spaces[i] and keep(tok := doc[i]):
            found.append(tok)
    return found[::-1]


def sentence_of(doc: Doc, offset: int) -> Span | list[Token]:
    """The sentence holding the first token at or after ``offset``."""
    i = _index_at(doc, offset)
    tok = doc[i] if i < len(doc) else None
    return tok.sent if tok is not None else []


def sentence_tokens_after(doc: Doc, offset: int) -> list[Token]:
    """The tokens from ``offset`` to the end of the sentence that starts there or holds it."""
    return [t for t in sentence_of(doc, offset) if t.idx >= offset]


def sentence_tokens_before(doc: Doc, offset: int) -> list[Token]:
    """The tokens of the sentence before ``offset`` (the one holding the last token before it)."""
    before = last_tokens_before(doc, offset, 1, any_token)
    if not before:
        return []
    return [t for t in before[-1].sent if t.idx < offset]


def any_token(_: Token) -> bool:
    """Keeps every token (for ``last_tokens_before``)."""
    return True


def chars(doc: Doc, start: int, end: int) -> str:
    """The text of the tokens from offset ``start`` to ``end`` (both on token boundaries)."""
    return doc[_index_at(doc, start) : _index_at(doc, end)].text


def inside_marks(offset: int, marks: Sequence[Mark]) -> bool:
    """Whether ``offset`` falls within a pair of quote marks."""
    return any(m.open_start <= offset < m.close_end for m in marks)


def verb_lemma(tok: Token, known: frozenset[str]) -> str:
    """The lemma of ``tok``, or the inflected form it strips to when the lemmatizer slipped (``hopes``)."""
    lemma = tok.lemma_.lower()
    if lemma in known:
        return lemma
    word = tok.lower_
    stems = (word[:-1], word[:-2]) if word.endswith(("s", "d")) else ()
    return next((s for s in stems if s in known), lemma)

"""Reported-clause spans: trimmed, clipped to their line and cut at quote marks."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventlens.quotes.lexicon import (
    DANGLING,
    LEADING_JOINERS,
    LOOSE_DEPS,
    MIN_CLAUSE_TOKENS,
    MIN_CUT_TOKENS,
    TIME_MARKS,
)
from eventlens.quotes.marks import Mark
from eventlens.quotes.tokens import inside_marks
from eventlens.text.datelines import in_dateline


def clause_end(clause: Token) -> int:
    """End index of the clause, leaving out a closing time clause (``after party leaders urged``)."""
    end = clause.right_edge.i + 1
    for tok in clause.subtree:
        if tok.dep_ == "advcl" and tok.i > clause.i and tok.right_edge.i + 1 >= end and any(
            g.dep_ == "mark" and g.lower_ in TIME_MARKS for g in tok.children
        ):
            end = min(end, tok.left_edge.i)
    return end


def trim(span: Span) -> Span:
    """The span without leading ``that``/``but``/punctuation and without dangling words at the end."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in LEADING_JOINERS
                           or in_dateline(doc[start])):  # ``WASHINGTON -- A will end, X reported``
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ in DANGLING):
        end -= 1
    return doc[start:end]


def drop_final_appos(span: Span) -> Span:
    """The span without an apposition that closes it (``..., a rail hub where ...``)."""
    for tok in span:
        if tok.dep_ == "appos" and tok.i > span.start and tok.right_edge.i >= span.end - 1:
            if span.doc[tok.left_edge.i - 1].text == ",":
                return trim(span.doc[span.start : tok.left_edge.i])
    return span


def clip_to_line(span: Span, verb: Token) -> Span | None:
    """The part of ``span`` on the speech verb's line; None when the clause starts on another."""
    doc = span.doc
    lo, hi = sorted((span.start, verb.i))
    if any("\n" in t.text_with_ws for t in doc[lo:hi]):
        return None
    cut = next((t for t in span if "\n" in t.text_with_ws), None)
    if cut is None:
        return span
    return trim(doc[span.start : cut.i if "\n" in cut.text else cut.i + 1])


def cut_at_marks(span: Span | None, marks: Sequence[Mark]) -> Span | None:
    """The reported clause cut at its first quote mark; None when too short.

    An indirect quote is the reporter's paraphrase *without* quote marks (RESULT-SCHEMA and the
    devset convention): the quoted words after the cut are their own partial quote.
    """
    if span is None or len(span) < 2 or inside_marks(span.start_char, marks):
        return None
    inner = [m for m in marks if span.start_char < m.open_start < span.end_char]
    if not inner:
        return span
    cut = inner[0].open_start
    kept = _drop_open_relative(_complete_part(span, next((t.i for t in span if t.idx >= cut), span.end)))
    return kept if len(kept) >= MIN_CUT_TOKENS or (len(kept) >= MIN_CLAUSE_TOKENS and _whole_clause(kept)) else None


def _whole_clause(span: Span) -> bool:
    """Whether a short span is a clause of its own: a finite verb with its subject (``he respects Clinton``)."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and span.start <= t.head.i < span.end
               and (t.head.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in t.head.children))
               for t in span)


def _complete_part(span: Span, cut: int) -> Span:
    """The words of ``span`` before token ``cut`` (a quote mark) when they make a clause of their own.

    They are a fragment, and an empty span is returned, when a quoted word fills one of their slots
    (``the campaign would be "limited"``, ``ready to develop "friendly relations"``) or one of their
    words hangs on the quoted ones (``and Guterres "firmly condemns"``): fragments beside a partial
    quote are not quotes (issue 11). A conjunct or relative clause that runs on into the quoted
    words is first left out with them (``..., Putin, who had "precipitated X"``).
    """
    doc = span.doc
    for end in [cut, *_open_modifiers(span, cut)]:
        if not _fragment(span, end):
            return trim(doc[span.start : end])
    return doc[span.start : span.start]


def _fragment(span: Span, end: int) -> bool:
    """Whether ``span[:end]`` and the rest of ``span`` share a slot (see ``_complete_part``)."""
    doc = span.doc
    if any(end <= tok.head.i < span.end and not _loose(tok) for tok in doc[span.start : end]):
        return True
    return any(span.start <= tok.head.i < end and not _loose(tok) for tok in doc[end : span.end])


def _loose(tok: Token) -> bool:
    """Whether ``tok`` joins its head as an adjunct or another clause, not as one of its slots; the
    object of an adjunct preposition counts as the adjunct (``acted "to protect X" from "Y"``)."""
    if tok.dep_ in LOOSE_DEPS:
        return True
    return tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent")


def _open_modifiers(span: Span, cut: int) -> list[int]:
    """Where the conjuncts and relative clauses that start before ``cut`` and run on past it begin,
    the nearest first."""
    starts = {tok.left_edge.i for tok in span.doc[span.start : span.end]
              if tok.dep_ in ("conj", "relcl") and span.start <= tok.head.i < tok.left_edge.i < cut <= tok.right_edge.i}
    return sorted(starts, reverse=True)


def _drop_open_relative(span: Span) -> Span:
    """Drop a relative clause left open at the end of a cut span (``..., who had``)."""
    for anc in span[-1].ancestors if len(span) else ():
        if anc.dep_ == "relcl" and span.start < anc.left_edge.i and span.doc[anc.left_edge.i - 1].text == ",":
            return trim(span.doc[span.start : anc.left_edge.i - 1])
    return span

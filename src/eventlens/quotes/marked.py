"""Direct and partial quotes: the quotations between paired marks, typed and attributed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from eventlens.models import Actor
from eventlens.quotes.cues import cue_verb, speech_verb_right_before, speech_word_before
from eventlens.quotes.lexicon import CLAUSE_END, SPLIT_CLAUSE_CHARS
from eventlens.quotes.marked_speakers import speaker_for
from eventlens.quotes.marks import Mark, Post, post_at
from eventlens.quotes.records import Found, Speaker, make_quote
from eventlens.quotes.tokens import tokens_in


def marked_quotes(
    doc: Doc,
    text: str,
    marks: Sequence[Mark],
    actors: Sequence[Actor],
    posts: Sequence[Post],
    published: str | None,
) -> list[Found]:
    """Direct and partial quotes for the paired marks, each with its speaker and type."""
    quotes: list[Found] = []
    prev: tuple[Mark, Speaker] | None = None
    for i, mark in enumerate(marks):
        split = prev is not None and _is_split(text, prev[0], mark)
        qtype = "direct" if split or _is_direct(doc, text, mark, posts) else "partial"
        speaker = speaker_for(doc, text, marks, i, actors, qtype, prev if _continues(text, prev, mark) else None)
        if qtype == "partial" and speaker.name is None and speaker.cue is None:
            continue  # scare quotes: no speech cue, nobody named
        post = post_at(posts, mark.start)
        quote = make_quote(text[mark.start : mark.end], mark.start, qtype, speaker, post.date if post else published)
        if post and not post.source.startswith("@") and post.source != speaker.name:
            quote = replace(quote, reported_by=post.source)
        quotes.append(Found(quote, speaker.span))
        prev = (mark, speaker) if (qtype == "direct" or speaker.span) and not _denied(doc, text, mark, qtype) else prev
    return quotes


def _denied(doc: Doc, text: str, mark: Mark, qtype: str) -> bool:
    """Whether the quote's cue is a negated speech verb (``X haven't said the FBI is "reopening" it``): its
    subject did not say the words, so a quote that follows cannot go on with theirs."""
    verb = cue_verb(doc, text, mark, qtype)
    return verb is not None and any(c.dep_ == "neg" for c in verb.children)


def _continues(text: str, prev: tuple[Mark, Speaker] | None, mark: Mark) -> bool:
    """Whether ``mark`` may go on the previous quote: same line, or right after a run-on quote."""
    if prev is None:
        return False
    between = text[prev[0].close_end : mark.open_start]
    return "\n" not in between or (not prev[0].closed and not between.strip())


def _is_split(text: str, prev: Mark, mark: Mark) -> bool:
    """Whether ``mark`` continues a quote split by a short reporting clause (``," he said, "``)."""
    between = text[prev.close_end : mark.open_start]
    return (
        text[prev.start : prev.end].rstrip()[-1:] == ","
        and between.rstrip().endswith(",")
        and len(between) <= SPLIT_CLAUSE_CHARS
        and not any(c in between for c in ".!?\n")
    )


def _is_direct(doc: Doc, text: str, mark: Mark, posts: Sequence[Post]) -> bool:
    """A whole quoted clause: it opens the sentence (or follows a colon) and reads as a clause."""
    before = text[: mark.open_start].rstrip(" \t")
    post = post_at(posts, mark.start)
    opens = not before or before[-1] in "\n.!?:;”\"…'" or (post is not None and mark.open_start <= post.text_start)
    after_cue = before[-1:] == "," and speech_word_before(doc, mark.open_start)
    opens = opens or after_cue or speech_verb_right_before(doc, mark)
    content = text[mark.start : mark.end].rstrip()
    after = text[mark.close_end : mark.close_end + 1]
    return opens and (content[-1:] in CLAUSE_END or after == "," or _has_clause(doc, mark))


def _has_clause(doc: Doc, mark: Mark) -> bool:
    """Whether the quoted words include a verb with its own subject."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "expl") and mark.start <= t.head.idx < mark.end
        for t in tokens_in(doc, mark.start, mark.end)
    )

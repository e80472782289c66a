"""Embedded post lines (``20170606: @account: text``) without marks, as direct quotes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from eventlens.models import Actor
from eventlens.quotes.marks import Mark, Post
from eventlens.quotes.naming import actor_speaker, covering_actor
from eventlens.quotes.records import Found, Speaker, make_quote


def post_quotes(text: str, posts: Sequence[Post], marks: Sequence[Mark], actors: Sequence[Actor]) -> list[Found]:
    """A direct quote for each post line without quote marks: its whole text, by its account."""
    quotes = []
    for post in posts:
        if any(post.start <= m.open_start < post.end for m in marks):
            continue
        body = text[post.text_start : post.end].rstrip()
        speaker = _handle_speaker(post.source, actors, text.index(post.source, post.start))
        quotes.append(Found(make_quote(body, post.text_start, "direct", speaker, post.date), speaker.span))
    return quotes


def _handle_speaker(source: str, actors: Sequence[Actor], offset: int) -> Speaker:
    """The speaker named by a post's account: an actor whose name appears in the handle."""
    span = (offset, offset + len(source))
    covering = covering_actor(actors, offset)
    if covering:
        return replace(actor_speaker(covering, source), span=span)
    handle = re.sub(r"[^a-z0-9]", "", source.lower())
    for actor in actors:
        last = re.sub(r"[^a-z0-9]", "", actor.name.split()[-1].lower()) if actor.name.split() else ""
        if actor.kind == "person" and len(last) > 2 and last in handle:
            return replace(actor_speaker(actor, source), span=span)
    return Speaker(source, source, span=span)

"""Records of the quotes stage: a speaker, a quote found with its speaker span, the Quote builder."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from eventlens.models import Actor, Quote


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: the canonical name, the words in the text and the actor record.

    reported_by: who relays the words when the text nests them (``X "condemns" Y, his spokesman said``).
    """

    name: str | None
    text: str | None
    actor: Actor | None = None
    cue: str | None = None
    span: tuple[int, int] | None = None
    reported_by: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A quote with the character span of its speaker's mention in the text (None when unnamed)."""

    quote: Quote
    speaker_span: tuple[int, int] | None


NO_SPEAKER = Speaker(None, None)
MAX_NAME_CHARS = 100


def make_quote(quote: str, start: int, qtype: str, speaker: Speaker, day: str | None) -> Quote:
    """A Quote record (id filled in later) from its parts."""
    actor = speaker.actor
    name = speaker.name if usable_name(speaker.name) else None
    return Quote(
        id="",
        quote=quote,
        start=start,
        end=start + len(quote),
        type=qtype,
        speaker=name,
        speaker_text=speaker.text,
        speaker_actor=actor.id if actor else None,
        cue=speaker.cue,
        date=day,
        speaker_code=actor.code if actor else None,
        reported_by=speaker.reported_by,
    )


def usable_name(name: str | None) -> bool:
    """Whether a speaker name can be given as canonical: letters in Latin script and at most
    MAX_NAME_CHARS long; other names leave the speaker ``null`` with the words kept (issue 11)."""
    if not name or len(name) > MAX_NAME_CHARS or not any(c.isalpha() for c in name):
        return False
    return all("LATIN" in unicodedata.name(c, "") for c in name if c.isalpha())

"""Records of the quotes stage: a speaker, a quote found with its speaker span, the Quote builder."""

from __future__ import annotations

from dataclasses import dataclass

from eventlens.models import Actor, Quote


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: the canonical name, the words in the text and the actor record."""

    name: str | None
    text: str | None
    actor: Actor | None = None
    cue: str | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A quote with the character span of its speaker's mention in the text (None when unnamed)."""

    quote: Quote
    speaker_span: tuple[int, int] | None


NO_SPEAKER = Speaker(None, None)


def make_quote(quote: str, start: int, qtype: str, speaker: Speaker, day: str | None) -> Quote:
    """A Quote record (id filled in later) from its parts."""
    actor = speaker.actor
    return Quote(
        id="",
        quote=quote,
        start=start,
        end=start + len(quote),
        type=qtype,
        speaker=speaker.name,
        speaker_text=speaker.text,
        speaker_actor=actor.id if actor else None,
        cue=speaker.cue,
        date=day,
        speaker_code=actor.code if actor else None,
    )

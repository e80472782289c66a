"""Statements made *to* the news media are not events between the speaker and the outlet.

The verbs are data (``data/channels.toml``, with sources): an event whose target is a media actor
(a ``MED`` block in its code) and whose trigger is a verb of telling or speaking ("told CNN",
"spoke to the BBC") is left out; acts aimed at the media ("accused the BBC", "banned Al Jazeera")
are kept.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

from eventlens.events.records import Found

CHANNELS_FILE = "channels.toml"
MEDIA_BLOCK = "MED"


@lru_cache(maxsize=1)
def channel_verbs() -> frozenset[str]:
    """Lemmas of telling and speaking (``data/channels.toml``)."""
    raw = (resources.files("eventlens") / "data" / CHANNELS_FILE).read_text(encoding="utf-8")
    return frozenset(tomllib.loads(raw)["channel"]["verbs"].split())


def is_media(code: str | None) -> bool:
    """Whether an actor code has a media block (``MED``, ``USAMED``, ``GBRGOVMED``)."""
    return code is not None and any(code[i : i + 3] == MEDIA_BLOCK for i in range(0, len(code), 3))


def told_the_press(found: Found) -> bool:
    """Whether ``found`` is a speaker telling a news outlet something (no event between them)."""
    target = found.target
    return (target is not None and is_media(target.code)
            and found.trigger.lemma_.lower() in channel_verbs())


def drop_press_contacts(found: Iterable[Found]) -> Iterator[Found]:
    """``found`` without the statements made to news outlets."""
    return (f for f in found if not told_the_press(f))

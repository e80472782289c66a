"""The verbs of saying, loaded once from ``data/text/speech.toml`` (sources in the file).

- :data:`SPEECH`: every verb that frames what someone said (``said``, ``warned``, ``denounced``);
- :data:`PHRASAL_SPEECH`: verbs of saying with their particle (``pointed out``);
- :data:`NEUTRAL_SPEECH`: the ones that report a statement without judging it (``said``,
  ``announced``, ``confirmed``), whose ``that`` clause is the speaker's own statement.
"""

from __future__ import annotations

import tomllib
from importlib import resources

from spacy.tokens import Token

SPEECH_FILE = "data/text/speech.toml"


def _load() -> dict[str, frozenset[str]]:
    raw = tomllib.loads(resources.files("eventlens").joinpath(SPEECH_FILE).read_text("utf-8"))
    lists = {name: frozenset(words.split()) for name, words in raw["verbs"].items()}
    stray = lists["neutral"] - lists["all"]
    if stray:
        raise ValueError(f"{SPEECH_FILE}: neutral verbs missing from all: {', '.join(sorted(stray))}")
    return lists


_LISTS = _load()
SPEECH: frozenset[str] = _LISTS["all"]
NEUTRAL_SPEECH: frozenset[str] = _LISTS["neutral"]
PHRASAL_SPEECH: frozenset[tuple[str, ...]] = frozenset(tuple(w.split("_")) for w in _LISTS["phrasal"])


def is_speech(tok: Token) -> bool:
    """Whether the token's lemma is a verb of saying."""
    return tok.lemma_.lower() in SPEECH


def is_neutral_speech(tok: Token) -> bool:
    """Whether the token's lemma reports a statement without judging it (``said``, ``announced``)."""
    return tok.lemma_.lower() in NEUTRAL_SPEECH

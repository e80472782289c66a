"""The verbs of saying, loaded once from ``data/text/speech.toml`` (sources in the file).

- :data:`SPEECH`: every verb that frames what someone said (``said``, ``warned``, ``denounced``);
- :data:`PHRASAL_SPEECH`: verbs of saying with their particle (``pointed out``);
- :data:`NEUTRAL_SPEECH`: the ones that report a statement without judging it (``said``,
  ``announced``, ``confirmed``), whose ``that`` clause is the speaker's own statement.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.wordlists import WordLists

SPEECH_FILE = "data/text/speech.toml"
WORDS = WordLists(SPEECH_FILE)


def _neutral_within(speech: frozenset[str], neutral: frozenset[str]) -> frozenset[str]:
    """``neutral``, once checked to be part of ``speech`` (``ValueError`` naming the strays if not)."""
    stray = neutral - speech
    if stray:
        raise ValueError(f"{SPEECH_FILE}: neutral verbs missing from all: {', '.join(sorted(stray))}")
    return neutral


SPEECH: frozenset[str] = WORDS.frozenset_of("verbs", "all")
NEUTRAL_SPEECH: frozenset[str] = _neutral_within(SPEECH, WORDS.frozenset_of("verbs", "neutral"))
# (verb, particle) pairs: the [phrasal] section holds one list a particle.
PHRASAL_SPEECH: frozenset[tuple[str, ...]] = frozenset(
    (verb, particle) for section, particle in WORDS.names() if section == "phrasal"
    for verb in WORDS.words("phrasal", particle))


def is_speech(tok: Token) -> bool:
    """Whether the token's lemma is a verb of saying."""
    return tok.lemma_.lower() in SPEECH


def is_neutral_speech(tok: Token) -> bool:
    """Whether the token's lemma reports a statement without judging it (``said``, ``announced``)."""
    return tok.lemma_.lower() in NEUTRAL_SPEECH

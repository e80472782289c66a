"""The word lists of the actor stage, read once from ``data/actors/words.toml`` (sources in the file).

Each module of the stage takes its lists from :data:`WORDS` by its own section of the file
(``LEFT_VERBS = WORDS.set_of("context", "left_verbs")``).
"""

from __future__ import annotations

from eventlens.wordlists import WordLists

WORDS_FILE = "data/actors/words.toml"
WORDS = WordLists(WORDS_FILE)

"""The word lists of the place stage, read once from ``data/places/words.toml`` (sources in the file).

Each module of the stage takes its lists from :data:`WORDS` by its own section of the file
(``PLACE_PARTS = WORDS.set_of("find", "place_parts")``).
"""

from __future__ import annotations

from eventlens.wordlists import WordLists

WORDS_FILE = "data/places/words.toml"
WORDS = WordLists(WORDS_FILE)

"""The word lists of the events stage, read once from ``data/events/words.toml`` (sources in the file).

Each module of the stage takes its lists from :data:`WORDS` by its own section of the file
(``MODALS = WORDS.frozenset_of("modality", "modals")``).
"""

from __future__ import annotations

from eventlens.wordlists import WordLists

WORDS_FILE = "data/events/words.toml"
WORDS = WordLists(WORDS_FILE)

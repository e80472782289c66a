"""The word lists of the dates stage, read once from ``data/dates/words.toml`` (sources in the file).

Each module of the stage takes its lists from :data:`WORDS` by its own section of the file
(``TIME_WORDS = WORDS.set_of("clauses", "time_words")``).
"""

from __future__ import annotations

from eventlens.wordlists import WordLists

WORDS_FILE = "data/dates/words.toml"
WORDS = WordLists(WORDS_FILE)

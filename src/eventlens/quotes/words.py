"""The word lists of the quotes stage, read once from ``data/quoting/words.toml`` (sources in the file).

:mod:`eventlens.quotes.lexicon` takes them from :data:`WORDS` by section and name
(``INDIRECT_LEMMAS = WORDS.frozenset_of("verbs", "reported")``).
"""

from __future__ import annotations

from eventlens.wordlists import WordLists

WORDS_FILE = "data/quoting/words.toml"
WORDS = WordLists(WORDS_FILE)

"""The prepositions of place, loaded once from ``data/text/prepositions.toml`` (sources in the file).

- :data:`PLACE_PREPS`: prepositions whose object can be a place, of motion or of location;
- :data:`LOCATION_PREPS`: the ones that say where something is or happens ("in", "near").

A stage that reads a few more words in its own sense says so where it adds them ("the outskirts
*of* Kyiv" in the places stage, "talks *between* Russia and Ukraine" in the actor stage).
"""

from __future__ import annotations

from eventlens.wordlists import WordLists

WORDS = WordLists("data/text/prepositions.toml")
PLACE_PREPS: frozenset[str] = WORDS.frozenset_of("place", "motion_or_location")
LOCATION_PREPS: frozenset[str] = WORDS.frozenset_of("place", "location")
if not LOCATION_PREPS <= PLACE_PREPS:
    raise ValueError("data/text/prepositions.toml: every location preposition must be a place preposition")

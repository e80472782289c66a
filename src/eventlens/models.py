"""Typed records passed between the stages.

Every stage takes and returns these frozen dataclasses, never a spaCy ``Doc`` or a
growing dict. ``to_dict`` gives the RESULT-SCHEMA shape (``shared/docs/RESULT-SCHEMA.md``),
``from_dict`` reads it back.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

SCHEMA_VERSION = "eventlens.article/1"

T = TypeVar("T")


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a text encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _from_fields(cls: type[T], data: dict[str, Any]) -> T:
    """Build ``cls`` from the keys of ``data`` that are fields of ``cls``."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True, slots=True)
class Article:
    """One input article, normalised.

    id (str): the given id, else a content hash of the text.
    text (str): the text exactly as read (header line included); offsets index into it.
    date (date | None): publication date, from the JSONL field or the ``date`` header.
    title (str | None): the headline, given or taken from the first line after the header.
    body_start (int): offset where the text after the ``date`` header begins.
    origin (str): where the article came from (``file:line``), for error reports.
    input (str): the input it was read from, as a resolved path (``<stdin>``, empty for the
        Python API); the store keys error rows on it.
    """

    id: str
    text: str
    date: date | None = None
    title: str | None = None
    body_start: int = 0
    origin: str = ""
    url: str | None = None
    source: str | None = None
    input: str = ""

    @property
    def text_sha256(self) -> str:
        return sha256_text(self.text)


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor mention with its code.

    code (str): CAMEO/Phoenix actor code such as ``FRAGOV`` or ``IGOWSTNAT``.
    name (str): canonical name (``Emmanuel Macron`` for "Macron", "he", "the French president").
    kind (str): ``person``, ``country``, ``organisation``, ``group``, ``metonym``, ``pronoun``, ``title``,
        or ``place`` (a place an event acts on, coded as its country: "attacked a base in Kenya").
    rule (str): the dictionary entry or rule that gave the code, so a user can see why.
    ref (str | None): id of the earlier mention this one corefers with.
    """

    id: str
    text: str
    start: int
    end: int
    code: str
    name: str
    alt_codes: tuple[str, ...] = ()
    kind: str = "person"
    rule: str = ""
    ref: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["alt_codes"] = list(self.alt_codes)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        data = dict(data)
        data["alt_codes"] = tuple(data.get("alt_codes") or ())
        return _from_fields(cls, data)


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event took place: the place text and its gazetteer entry."""

    text: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return _from_fields(cls, data)


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date or time expression normalised to a TIMEX3 value.

    value (str): TIMEX3 style (``2021-09-24``, ``2019-05``, ``P90D``, ``2021-W05-WE``).
    type (str): ``DATE``, ``TIME``, ``DURATION`` or ``SET``.
    granularity (str): ``day``, ``month``, ``year``, ``week``, ``time`` or ``duration``.
    mod (str | None): TIMEX3 modifier (``START``, ``END``, ``MID``, ``APPROX``, ``LESS_THAN``...).
    """

    text: str
    start: int
    end: int
    value: str
    type: str = "DATE"
    granularity: str = "day"
    mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateRef:
        return _from_fields(cls, data)


@dataclass(frozen=True, slots=True)
class Event:
    """An action of one actor toward another, coded in CAMEO with PLOVER, QuadClass, Goldstein."""

    id: str
    source: str
    target: str | None
    source_actor: str
    target_actor: str | None
    code: str
    root: str
    name: str
    plover: str | None
    quad_class: int
    goldstein: float
    date: str
    date_text: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    location: Location | None = None
    confidence: float = 0.5
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["location"] = self.location.to_dict() if self.location else None
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        data = dict(data)
        loc = data.get("location")
        data["location"] = Location.from_dict(loc) if loc else None
        return _from_fields(cls, data)


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct, partial or indirect quote with its speaker.

    quote (str): exact characters between the marks (direct/partial) or the reported clause.
    speaker (str | None): canonical full name, null only when the text names nobody.
    speaker_actor (str | None): id of the actor record of the speaker.
    speaker_start, speaker_end (int | None): offsets of ``speaker_text`` in the article.
    """

    id: str
    quote: str
    start: int
    end: int
    type: str
    speaker: str | None
    speaker_text: str | None
    speaker_actor: str | None
    cue: str | None
    reported_by: str | None = None
    date: str | None = None
    speaker_code: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return _from_fields(cls, data)


@dataclass(frozen=True, slots=True)
class ArticleError:
    """A problem with one input article: where it was and why it failed.

    origin (str): ``file:line`` (or the file) as given, for the report. input (str): the resolved
    input path (``<stdin>``; empty for the Python API). article_id: the article's id when known.
    """

    origin: str
    reason: str
    article_id: str | None = None
    input: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything eventlens extracted from one article (the RESULT-SCHEMA record)."""

    article_id: str
    date: str | None
    title: str | None
    text_sha256: str
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateRef, ...] = ()
    text: str = field(default="", compare=False)
    schema: str = SCHEMA_VERSION

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The RESULT-SCHEMA record; ``include_text`` adds the article text."""
        d: dict[str, Any] = {
            "schema": self.schema,
            "article_id": self.article_id,
            "date": self.date,
            "title": self.title,
            "text_sha256": self.text_sha256,
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "dates": [t.to_dict() for t in self.dates],
        }
        if include_text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleResult:
        return cls(
            article_id=data["article_id"],
            date=data.get("date"),
            title=data.get("title"),
            text_sha256=data.get("text_sha256", ""),
            actors=tuple(Actor.from_dict(a) for a in data.get("actors", [])),
            events=tuple(Event.from_dict(e) for e in data.get("events", [])),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            dates=tuple(DateRef.from_dict(t) for t in data.get("dates", [])),
            text=data.get("text", ""),
            schema=data.get("schema", SCHEMA_VERSION),
        )


@dataclass(frozen=True, slots=True)
class Place:
    """A place name used as a place, with its gazetteer entry.

    country (str | None): ISO 3166 alpha-3 code (None for seas). lat, lon: decimal degrees
    (a country's are its capital's). role (str): ``dateline`` or ``place``.
    """

    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    role: str = "place"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

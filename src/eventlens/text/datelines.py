"""Datelines: the place (and often date and wire credit) that opens a story or one of its
paragraphs, ``MOSCOW, Jan. 1 (Reuters) - ...``. Every stage reads them from here.

A dateline opens a line and ends with a dash (``--``, en or em dash) before the text:

- a place in capitals, one to four words (``MOSCOW``, ``NEW YORK``, ``ST. PETERSBURG``), then
  any comma parts (``, Ukraine``, ``, April 9``, ``, IRNA``), then a credit in parentheses
  (``(Reuters)``), then the dash; in capitals the dash may be missing after a date
  (``MINSK, Feb. 12 (Reuters) The ...``);
- or a place in title case (``Kyiv, Ukraine, April 9 -``, ``Tehran, March 15, IRNA -``,
  ``Cairo, Egypt (CNN) --``), which is a dateline only with a date among its comma parts or a
  credit in parentheses, so a sentence that opens a line is never taken for one.

The places stage takes the first dateline's place as the story's dateline place; the actor stage
reads a country or capital inside a dateline as a place, not an actor; the quotes and events
stages never take a dateline word for a speaker or a subject; the dates stage treats a date inside
a dateline as the report's date, not an event's.

The datelines of a Doc are found once, by one pass of a regular expression over its text, and
kept in ``doc.user_data``; a lookup is a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventlens.parse import doc_text

KEY = "eventlens_datelines"
_UPPER = r"[A-Z][A-Z.'\u2019\-]+(?:[ \t]+[A-Z][A-Z.'\u2019\-]+){0,3}"
_TITLE = r"[A-Z][\w.'\u2019\-]*(?:[ \t]+[A-Z][\w.'\u2019\-]*){0,2}"
_PART = r",[ \t]*[\w.'\u2019]+(?:[ \t]+[\w.'\u2019]+){0,3}"
_DATE_WORD = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
                        r"[a-z]*\.?(?:\s|$)|\d")
_CREDIT = r"[ \t]*(?:\((?P<credit>[^)\n]{1,30})\))?"
_DASH = r"[ \t]*(?P<dash>--?|[\u2013\u2014\u2015])(?=[ \t]|[A-Z\"\u201c])"
DATELINE = re.compile(
    rf"^[ \t]*(?:(?P<upper>{_UPPER})|(?P<title>{_TITLE}))(?P<parts>(?:{_PART})*){_CREDIT}(?:{_DASH})?",
    re.MULTILINE)


@dataclass(frozen=True)
class Dateline:
    """One dateline: character offsets of the whole (up to and with its dash), of its first place
    name, of its credit (``Reuters``; None when it has none) and of its dash (None when it has none)."""

    start: int
    end: int
    place: tuple[int, int]
    credit: tuple[int, int] | None
    dash: int | None


def _dated(parts: str) -> bool:
    """Whether one of the comma parts is a date (``, April 9``, ``, Feb. 12``, ``, 2022``)."""
    return any(_DATE_WORD.match(p.strip()) for p in parts.split(",")[1:])


def find(text: str, start: int = 0) -> list[Dateline]:
    """The datelines of ``text`` from offset ``start`` on, in order."""
    found = []
    for m in DATELINE.finditer(text, start):
        dated, dash = _dated(m.group("parts")), m.start("dash") if m.group("dash") else None
        if m.group("upper") is not None:
            if dash is None and not dated:
                continue
            place = m.span("upper")
        elif dash is not None and (dated or m.group("credit") is not None):
            place = m.span("title")
        else:
            continue
        credit = m.span("credit") if m.group("credit") is not None else None
        end = m.end("dash") if dash is not None else m.end()
        found.append(Dateline(place[0], end, place, credit, dash))
    return found


def of_doc(doc: Doc) -> list[Dateline]:
    """The datelines of ``doc``, in order (found once per Doc, kept in ``doc.user_data``)."""
    return _indexed(doc)[1]


def _indexed(doc: Doc) -> tuple[list[int], list[Dateline]]:
    found = doc.user_data.get(KEY)
    if found is None:
        lines = find(doc_text(doc))
        found = doc.user_data[KEY] = ([d.start for d in lines], lines)
    return found


def at(doc: Doc, offset: int) -> Dateline | None:
    """The dateline whose span holds character ``offset``, if any."""
    starts, lines = _indexed(doc)
    i = bisect_right(starts, offset) - 1
    return lines[i] if i >= 0 and offset < lines[i].end else None


def in_dateline(tok: Token) -> bool:
    """Whether the token lies inside a dateline (``MOSCOW`` in ``MOSCOW, Jan 1 -``)."""
    return at(tok.doc, tok.idx) is not None


def dash_token(doc: Doc, first: Token) -> int | None:
    """The index of the dash that closes the dateline ``first`` opens or lies in, if it has one."""
    line = at(doc, first.idx)
    if line is None or line.dash is None:
        return None
    span = doc.char_span(line.dash, line.end, alignment_mode="expand")
    return span.start if span is not None else None

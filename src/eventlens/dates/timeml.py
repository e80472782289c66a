"""TIMEX3 rules for TimeML conventions: PRESENT_REF and friends, seasons, centuries, sets,
decades as durations, and (TimeML mode only) vague and anchored durations.

Each rule is ``(pattern, handler, timeml_only)``; a handler takes the match and a context with
``pub`` (the publication date or None), and returns ``(value, type, granularity)`` or None.
``timeml_only`` rules follow TempEval annotation ("for years" as ``PXY``, "two days later" as
the duration ``P2D``) and are left out of eventlens output, whose contract drops vague expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from eventlens.dates.scanning import rule

Resolved = tuple[str, str, str]
Handler = Callable[[re.Match[str], Any], Resolved | None]

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_ORDER = ["SP", "SU", "FA", "WI"]  # within a year; the winter of year Y runs from December Y
UNIT_LETTERS = {
    "second": "PTXS", "minute": "PTXM", "hour": "PTXH", "day": "PXD", "week": "PXW",
    "month": "PXM", "year": "PXY", "decade": "PXDE", "century": "PXCE",
}
SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
               "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M"}
PART_CODES = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
NUMS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "a": 1, "an": 1, "twelve": 12, "twenty": 20}
_NUMW = r"(?i:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|an?)"
_UNITS = r"(?:second|minute|hour|day|week|month|year|decade|centur(?:y|ie))"


def _season_of(d: date) -> tuple[int, str]:
    """(year, code) of the season ``d`` falls in; December to February is the winter of December's year."""
    if d.month == 12:
        return d.year, "WI"
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, SEASON_ORDER[(d.month - 3) // 3]


def season_year(pub: date, code: str, mode: str) -> int:
    """The year of season ``code``: ``last`` (the most recent one that is over), ``next`` (the first one
    still to begin), ``this`` (the current one, else the one of the publication year)."""
    year, now = _season_of(pub)
    i, j = SEASON_ORDER.index(now), SEASON_ORDER.index(code)
    if mode == "last":
        return year if j < i else year - 1
    if mode == "next":
        return year if j > i else year + 1
    return year if j == i else pub.year


def _season(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``last summer``, ``the spring of 2011``, ``winter 2010``, ``this fall``."""
    code = SEASONS[m["season"].lower()]
    year = m["sy"] or m["py"]
    if year:
        return f"{year}-{code}", "DATE", "season"
    if ctx.pub is None:
        return None
    mode = (m["smod"] or "this").lower()
    mode = {"past": "last", "coming": "next"}.get(mode, mode)
    return f"{season_year(ctx.pub, code, mode)}-{code}", "DATE", "season"


def _century(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``the 20th century`` as ``19``."""
    n = int(m["cent"])
    return (f"{n - 1:02d}", "DATE", "century") if 1 <= n <= 21 else None


def _short_decade(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``the '90s`` as ``199`` (the 20th century for 30-90, else the 21st)."""
    tens = int(m["tens"])
    return (f"19{tens // 10}" if tens >= 30 else f"20{tens // 10}"), "DATE", "decade"


def _ref(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``now``, ``currently``: PRESENT_REF; ``the past``, ``at the time``: PAST_REF; ``the future``."""
    word = m["ref"].lower()
    if word in ("past", "time", "recently", "formerly"):
        return "PAST_REF", "DATE", "ref"
    if word in ("future", "soon"):
        return "FUTURE_REF", "DATE", "ref"
    return "PRESENT_REF", "DATE", "ref"


def _number(word: str) -> int | None:
    """A digit string or small number word as an int."""
    return int(word) if word.isdigit() else NUMS.get(word.lower())


def _unit_value(n: int, unit: str) -> str:
    """The TIMEX3 duration of ``n`` units (decades and centuries in years)."""
    unit = unit.lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    if unit in ("decade", "century"):
        return f"P{n * (10 if unit == 'decade' else 100)}Y"
    letter = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
    return f"PT{n}{letter}" if unit in ("second", "minute", "hour") else f"P{n}{letter}"


def _decade_duration(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``a decade``, ``two decades``, ``the next decade``, ``a century`` as P10Y, P20Y, P100Y."""
    n = _number(m["dn"] or "1")
    return (_unit_value(n, m["du"]), "DURATION", "duration") if n else None


def _anchored_duration(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``two days`` in ``two days later``, ``a week after``: a duration in TimeML."""
    n = _number(m["an"])
    return (_unit_value(n, m["au"]), "DURATION", "duration") if n else None


def _vague_duration(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``several days``, ``recent weeks``, ``for years``, ``in minutes`` as PXD, PXW, PXY, PTXM."""
    unit = m["vu"].lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    return UNIT_LETTERS[unit], "DURATION", "duration"


def _set_adverb(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``daily``, ``annually``: sets."""
    return SET_ADVERBS[m["adv"].lower()], "SET", "set"


def _set_part(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``every morning``, ``each night``."""
    return f"XXXX-XX-XX{PART_CODES[m['part'].lower()]}", "SET", "set"


def _set_every_n(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``every two years``, ``every 10 days``."""
    n = _number(m["en"])
    return (_unit_value(n, m["eu"]), "SET", "set") if n else None


def _clock_duration(m: re.Match[str], ctx: Any) -> Resolved | None:
    """A race or record time ``3:07:35`` as PT3H7M35S."""
    h, mi, s = int(m["h"]), int(m["mi"]), int(m["s"])
    return f"PT{h}H{mi}M{s}S", "DURATION", "duration"


def _first_of_pair(m: re.Match[str], ctx: Any) -> Resolved | None:
    """``12`` in ``between 12 and 18 months``: the first number takes the shared unit."""
    n = _number(m["pn"])
    return (_unit_value(n, m["pu"]), "DURATION", "duration") if n else None


def second_year(first: str, second: str) -> str | None:
    """The second year of ``2009-2010`` or ``1957-58`` in full, or None when it is not later."""
    year = second if len(second) == 4 else first[:2] + second
    return year if int(year) > int(first) else None


_SEASON = r"(?P<season>[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)"
_SEASON_WORDS = ("Spring", "spring", "Summer", "summer", "Fall", "fall", "Autumn", "autumn", "Winter",
                 "winter")  # every _SEASON match holds one
_SMOD = r"(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?(?:(?P<smod>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming) )"
RULES: list[tuple[re.Pattern[str], Handler, bool]] = [
    (rule(r"\b" + _SMOD + _SEASON + r"\b(?P<sy>)(?P<py>)", needs=_SEASON_WORDS), _season, False),
    (rule(r"\b(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?(?:the )?" + _SEASON
          + r"(?: of)? (?P<sy>(?:19|20)\d\d)\b(?P<smod>)(?P<py>)", needs=_SEASON_WORDS), _season, False),
    (rule(r"(?<![\d,.])\b(?P<py>(?:19|20)\d\d) " + _SEASON + r"\b(?P<sy>)(?P<smod>)", lead=True), _season, False),
    (rule(r"\b(?:this |last |next )?(?P<cent>1\d|2[01]|[1-9])(?:st|nd|rd|th)[- ][Cc]entury\b", needs=("entury",)),
     _century, False),
    (rule(r"\b(?:the )?'(?P<tens>\d0)s\b", needs=("0s",)), _short_decade, False),
    (re.compile(r"\b(?P<ref>[Nn]ow|[Cc]urrently|[Nn]owadays)\b(?![-\u2013]\w)"), _ref, False),
    (re.compile(r"\b(?:[Tt]he |[Tt]his )?(?:[Rr]ecent |[Nn]ot[- ]too[- ]distant )?"
                r"(?P<ref>past|future)\b(?! \w+(?:s|ing)\b)(?! (?:\w+ )?" + _UNITS + r")(?!-)"), _ref, True),
    (re.compile(r"\b(?:at|by) the (?P<ref>time)\b(?! of| when| that| to| for| being)"), _ref, True),
    (rule(r"\b(?:(?:the )?(?:past|last|next|coming|following|previous) |"
          r"(?P<dn>a|one|two|three|four|five|six|seven|eight|nine|ten|\d+) )"
          r"(?P<du>decades?|century|centuries)\b(?!-old)", needs=("decade", "centur")), _decade_duration, False),
    (rule(r"\b(?P<adv>[Dd]aily|[Nn]ightly|[Ww]eekly|[Mm]onthly|[Aa]nnually|[Yy]early|[Hh]ourly|"
          r"[Qq]uarterly)\b",
          needs=("aily", "ightly", "eekly", "onthly", "nnually", "Yearly", "yearly", "ourly", "uarterly")),
     _set_adverb, False),
    (rule(r"\b(?:[Ee]very|[Ee]ach) (?P<part>morning|afternoon|evening|night)\b", lead=True), _set_part, False),
    (rule(r"\b(?:[Ee]very|[Ee]ach) (?P<en>" + _NUMW + r") (?P<eu>" + _UNITS + r")s\b", lead=True), _set_every_n, False),
    (rule(r"(?<![\d:])\b(?P<h>\d):(?P<mi>[0-5]\d):(?P<s>[0-5]\d)\b(?!:)", lead=True), _clock_duration, False),
    (re.compile(r"(?<![\d.,])\b(?P<x>(?P<pn>\d+|one|two|three|four|five|six|seven|eight|nine|ten)) (?:and|to|or) "
                r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve) (?P<pu>" + _UNITS + r")s\b"),
     _first_of_pair, False),
    (re.compile(r"\b(?:[Tt]he )?(?:past|last|next|coming|following|previous|first|final) (?P<an>"
                + _NUMW + r") (?P<au>" + _UNITS + r")s?\b"), _anchored_duration, False),
    (re.compile(r"(?<![\d.,-])\b(?P<an>" + _NUMW + r"|[Aa]n?) (?P<au>" + _UNITS
                + r")s?(?= (?:later|earlier|after|before)\b)"), _anchored_duration, True),
    (re.compile(r"\b(?:(?:[Ss]everal|[Aa] few|[Ff]ew|[Mm]any|[Rr]ecent|[Cc]oming|[Pp]ast) |[Tt]he "
                r"(?:past|last|next|coming|following) (?:several |few |many )?)(?P<vu>" + _UNITS + r")s\b"),
     _vague_duration, True),
    (re.compile(r"\b(?:for|in|take|takes|took|taking|within|over|lasted|of) (?P<x>(?P<vu>" + _UNITS
                + r")s)\b(?! ago| old| later| earlier)"), _vague_duration, True),
]

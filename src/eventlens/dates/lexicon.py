"""Words, numbers and regular-expression pieces shared by the TIMEX3 rules, and the resolving context."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

CARRY_DAYS = 7  # a day named this long before publication can still be the narrative's day
FORWARD_WINDOW_DAYS = 60  # a partial date this far after publication stays in the same year


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}


WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}


NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}


PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}


UNITS = {
    "second": ("PT", "S"), "minute": ("PT", "M"), "hour": ("PT", "H"), "day": ("P", "D"),
    "week": ("P", "W"), "month": ("P", "M"), "year": ("P", "Y"),
}


MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|"
    r"Oct\.?|Nov\.?|Dec\.?)"
)


WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"


YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"


NUM_WORD = "|".join(sorted((k for k in NUMBERS if k not in ("a", "an")), key=len, reverse=True))


NUM = r"(?P<num>\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-[a-z]+|" + NUM_WORD + r")"


UNIT = r"(?P<unit>second|minute|hour|day|week|month|year)"


CLOCK = (
    r"(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
)


FULL_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Sept\.)"
)


MONTH_DAY = (
    r"\b(?:(?:" + WEEKDAY + r",?\s+)?(?:" + MONTH + r"\s+" + DAYNUM + r"(?!\d)"
    r"|(?<!\d)" + DAYNUM.replace("day>", "day2>") + r"\s+(?:of\s+)?" + MONTH.replace("month>", "month2>")
    + r")(?:,?\s+" + YEAR + r")?)"
)


HOLIDAYS = {  # fixed-date holidays: (month, day)
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "new year's eve": (12, 31), "new year's day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31),
    "bastille day": (7, 14), "the fourth of july": (7, 4), "independence day": (7, 4),
}


QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


NAMED_ZONE = r"(?:(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas)\b)[A-Z][a-z]+ ){1,2}time\b"
ZONE = r"(?P<zone>\s+(?:GMT|UTC|local time|" + NAMED_ZONE + r"))"  # "New York time": kept in the span only


UNREAD_YEAR = re.compile(r",?[ \t]*(?:'\d\d\b|\d{2,}\b(?![.,]?\d)(?![ \t]+[a-z%]))")


@dataclass(frozen=True, slots=True)
class Context:
    """What resolving one match needs: the article, its parse and publication date."""

    text: str
    doc: Doc
    pub: date | None
    timeml: bool = False
    now: date | None = None  # the last day the text was written on (pub, or the day after: see written_until)

    @property
    def latest(self) -> date | None:
        """The latest day a past-tense expression can name: ``now``, else the publication date."""
        return self.now or self.pub

Resolved = tuple[str, str, str]  # (value, type, granularity)


INVALID: Resolved = ("", "", "")  # an impossible date: its span hides shorter matches inside it

Handler = Callable[[re.Match[str], Context], Resolved | None]


@dataclass(frozen=True, slots=True)
class Found:
    """A candidate expression before overlaps are removed."""

    start: int
    end: int
    resolved: Resolved

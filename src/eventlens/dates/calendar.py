"""Calendar arithmetic: ISO days and weeks, weekdays and year-less dates relative to a publication date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventlens.dates.lexicon import FORWARD_WINDOW_DAYS, NUMBERS
from eventlens.models import DateRef


def iso(d: date) -> str:
    """A date as YYYY-MM-DD."""
    return d.isoformat()


def iso_week(d: date) -> str:
    """The ISO week of a date, TIMEX3 style (``2017-W23``)."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def number(word: str) -> int | None:
    """A digit string or number word as an int."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    tens, _, unit = word.partition("-")
    if unit:
        return NUMBERS[tens] + NUMBERS[unit] if tens in NUMBERS and unit in NUMBERS and NUMBERS[unit] < 10 else None
    return NUMBERS.get(word)


def weekday_date(pub: date, wd: int, mode: str = "past") -> date:
    """The weekday ``wd`` relative to ``pub``: ``past``/``future`` include ``pub``, ``last``/``next`` do not."""
    if mode == "future":
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    if mode == "next":
        return pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    if mode == "last":
        return pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)`` or None when no such day exists."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def partial_date(pub: date, month: int, day: int, wd: int | None = None, future: bool = False,
                 past: bool = False, now: date | None = None) -> date | None:
    """The year-less date ``month``/``day`` nearest the publication date.

    A weekday picks the year it falls on; a future clause looks forward; a past one
    ("died on March 4") back; otherwise the latest candidate no later than
    FORWARD_WINDOW_DAYS after publication wins. ``now`` (default ``pub``) is the last day the
    text was written on: a past date may fall on it.
    """
    cands = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := safe_date(y, month, day))]
    if wd is not None:
        cands = [d for d in cands if d.weekday() == wd] or cands
    if future:
        ahead = [d for d in cands if d >= pub]
        if ahead:
            return ahead[0]
    limit = (now or pub) if past else pub + timedelta(days=FORWARD_WINDOW_DAYS)
    before = [d for d in cands if d <= limit]
    return before[-1] if before else (cands[0] if cands else None)


def month_year(pub: date, month: int, future: bool = False) -> int:
    """The year of a year-less month: forward in a future clause or when at most two months ahead."""
    ahead = (month - pub.month) % 12
    if future or 0 < ahead <= FORWARD_WINDOW_DAYS // 30:
        return pub.year + (1 if month < pub.month else 0)
    return pub.year if month <= pub.month else pub.year - 1


def shift_month(d: date, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months from ``d``."""
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def day_of(ref: DateRef) -> date | None:
    """The calendar day a date reference names, or None when it is not day-level."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", ref.value)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None

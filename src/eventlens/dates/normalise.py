"""Handlers that turn one rule match into a TIMEX3 ``(value, type, granularity)``."""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventlens.dates.calendar import (
    iso,
    iso_week,
    month_year,
    number,
    partial_date,
    safe_date,
    shift_month,
    weekday_date,
)
from eventlens.dates.lexicon import (
    HOLIDAYS,
    INVALID,
    MONTHS,
    PARTS_OF_DAY,
    QUARTERS,
    UNITS,
    UNREAD_YEAR,
    WEEKDAYS,
    Context,
    Resolved,
)
from eventlens.dates.tense import is_future, tense


def norm_month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``Feb. 12``, ``9 February 2022``, ``Wednesday, July 13``."""
    g = m.groupdict()
    month = MONTHS[(g["month"] or g["month2"]).rstrip(".").lower()]
    day = int(g["day"] or g["day2"])
    wd = WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
    if not g.get("year") and UNREAD_YEAR.match(ctx.text, m.end()):
        return INVALID  # "March 3, 9999", "May 4, '22": a year we cannot trust follows
    if g.get("year"):
        d = safe_date(int(g["year"]), month, day)
    elif ctx.pub is None:
        return None
    else:
        when = tense(ctx, m.start(), m.end())
        d = partial_date(ctx.pub, month, day, wd, when == "future", when == "past", ctx.now)
    return (iso(d), "DATE", "day") if d else INVALID


def norm_month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``April 2019`` or ``in April`` (the nearest such month not after publication)."""
    month = MONTHS[m["month"].rstrip(".").lower()]
    if m.groupdict().get("year"):
        return f"{m['year']}-{month:02d}", "DATE", "month"
    if ctx.pub is None:
        return None
    if (m.groupdict().get("mod") or "").lower() == "last":
        year = ctx.pub.year if month < ctx.pub.month else ctx.pub.year - 1
    elif (m.groupdict().get("prep") or "").lower() == "since":  # "since October": the latest one begun
        year = ctx.pub.year if month <= ctx.pub.month else ctx.pub.year - 1
    else:
        year = month_year(ctx.pub, month, is_future(ctx, m.start(), m.end()))
    return f"{year}-{month:02d}", "DATE", "month"


def norm_numeric(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ISO ``2022-02-10`` or compact ``20220208``."""
    d = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (iso(d), "DATE", "day") if d else INVALID


def norm_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """A bare year such as ``in 1948`` or ``the 2015 deal``, not ``1500 troops``."""
    span = ctx.doc.char_span(m.start("year"), m.end("year"))
    if span is not None and span[-1].i + 1 < len(ctx.doc) and ctx.doc[span[-1].i + 1].tag_ == "NNS":
        return None
    return m["year"], "DATE", "year"


def norm_year_range(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``from 1967 to 2009`` or ``between 1991 and 1995`` as ``1967/2009``."""
    y1, y2 = m["y1"], m["y2"]
    if len(y2) == 2:
        y2 = y1[:2] + y2
    if int(y1) >= int(y2):
        return None
    return f"{y1}/{y2}", "DATE", "year"


def norm_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``the 1990s`` as ``199``."""
    return m["dec"][:3], "DATE", "year"


def _weekday_mode(m: re.Match[str], ctx: Context) -> str:
    """How to resolve a weekday: ``last``, ``next``, forward in a future clause, else back."""
    mod = (m.groupdict().get("mod") or "").lower()
    if mod in ("last", "next"):
        return mod
    return "future" if is_future(ctx, m.start("wd"), m.end("wd")) else "past"


def norm_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``Thursday``, ``last Thursday``, ``Wednesday evening``; ``late on Sunday (New York time)`` as the
    part of day ``TNI`` (``early``: ``TMO``), the zone kept in the span only (a part of day takes no offset)."""
    if ctx.pub is None:
        return None
    mode = _weekday_mode(m, ctx)
    latest = ctx.latest or ctx.pub  # (never None once pub is set; the `or` tells the type checker)
    d = weekday_date(latest if mode == "past" else ctx.pub, WEEKDAYS[m["wd"].lower()], mode)
    edge = (m.groupdict().get("edge") or "").lower()
    part = (m.groupdict().get("part") or "").lower() or {"late": "night", "early": "morning"}.get(edge, "")
    if part:
        return iso(d) + PARTS_OF_DAY[part], "TIME", "time"
    return iso(d), "DATE", "day"


def _deictic_day(word: str, anchor: date) -> date | None:
    """``today``/``yesterday``/``tomorrow`` relative to ``anchor``."""
    return {"today": anchor, "yesterday": anchor - timedelta(days=1),
            "tomorrow": anchor + timedelta(days=1)}.get(word)


def norm_deictic(m: re.Match[str], anchor: date) -> Resolved | None:
    """``today``, ``tonight``, ``this afternoon``, ``last night``, ``yesterday morning``."""
    word, part = m["dx"].lower(), (m["part"] or "").lower()
    if word == "tonight":
        word, part = "today", "night"
    elif word == "this":
        word = "today" if part else ""
    elif word == "last":
        word = "yesterday" if part == "night" else ""
    d = _deictic_day(word, anchor)
    if d is None:
        return None
    if part:
        return iso(d) + PARTS_OF_DAY[part], "TIME", "time"
    return iso(d), "DATE", "day"


def norm_relative_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``this week``, ``last month``, ``next year``, ``this weekend``."""
    if ctx.pub is None:
        return None
    step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[m["rel"].lower()]
    unit = m["per"].lower()
    if unit in ("week", "weekend"):
        value = iso_week(ctx.pub + timedelta(weeks=step))
        return (value + "-WE", "DATE", "week") if unit == "weekend" else (value, "DATE", "week")
    if unit == "month":
        y, mo = shift_month(ctx.pub, step)
        return f"{y}-{mo:02d}", "DATE", "month"
    return str(ctx.pub.year + step), "DATE", "year"


def norm_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``three days ago``, ``two weeks ago``, ``a year ago``."""
    n = number(m["num"])
    unit = m["unit"].lower()
    if n is None or ctx.pub is None or unit not in ("day", "week", "month", "year"):
        return None
    if unit == "day":
        return iso(ctx.pub - timedelta(days=n)), "DATE", "day"
    if unit == "week":
        return iso_week(ctx.pub - timedelta(weeks=n)), "DATE", "week"
    if unit == "month":
        y, mo = shift_month(ctx.pub, -n)
        return f"{y}-{mo:02d}", "DATE", "month"
    return str(ctx.pub.year - n), "DATE", "year"


def norm_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``16 hours``, ``five-hour``, ``90-day``, ``two weeks`` as PT16H, PT5H, P90D, P2W."""
    n = number(m["num"])
    if not n:
        return None
    prefix, suffix = UNITS[m["unit"].lower()]
    return f"{prefix}{n}{suffix}", "DURATION", "duration"


def norm_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``every day``, ``every week``, ``every Monday``."""
    word = m["every"].lower()
    if word in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[word] + 1}", "SET", "week"
    return f"P1{UNITS[word][1]}", "SET", word


def clock_hm(m: re.Match[str]) -> tuple[int, int] | None:
    """(hour, minute) of a clock-time match, 24-hour."""
    if m["h24"] is not None:
        return int(m["h24"]), int(m["m24"])
    hour, minute = int(m["hour"]), int(m["minute"] or 0)
    if not 1 <= hour <= 12:
        return None
    pm = m["ampm"].lower().startswith("p")
    return (hour % 12) + (12 if pm else 0), minute


def norm_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``Christmas Eve``, ``on New Year's Day``: the nearest one (the latest past one in a past clause)."""
    month, day = HOLIDAYS[" ".join(m["hol"].lower().replace("\u2019", "'").split())]
    if m.groupdict().get("year"):
        return iso(date(int(m["year"]), month, day)), "DATE", "day"
    if ctx.pub is None:
        return None
    when = tense(ctx, m.start("hol"), m.end("hol"))
    d = partial_date(ctx.pub, month, day, None, when == "future", when == "past", ctx.now)
    return (iso(d), "DATE", "day") if d else None


def norm_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``the first quarter``, ``Q3 2020`` as ``2020-Q3``: a year-less one is the coming one in a forward
    clause (the current one included), else the latest that is over."""
    n = QUARTERS.get((m["q"] or "").lower()) or int(m["qn"])
    if m["year"] or m["year2"]:
        return f"{m['year'] or m['year2']}-Q{n}", "DATE", "quarter"
    if ctx.pub is None:
        return None
    current = (ctx.pub.month - 1) // 3 + 1
    if is_future(ctx, m.start(), m.end()):
        year = ctx.pub.year if n >= current else ctx.pub.year + 1
    else:
        year = ctx.pub.year if n < current else ctx.pub.year - 1
    return f"{year}-Q{n}", "DATE", "quarter"

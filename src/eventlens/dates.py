"""Dates stage: find date and time expressions, normalise them to TIMEX3, date the events.

``extract`` finds every date/time expression in an article body with regular expressions
and resolves it against the publication date (weekdays, "today", "last month", partial
dates without a year), using the spaCy parse only to tell future-tense sentences apart.
``assign`` gives each event the day it happened, from the dates near its trigger.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from eventlens.models import Article, DateRef, Event
from eventlens.timex import timeml

FORWARD_WINDOW_DAYS = 60  # a partial date this far after publication stays in the same year
CLAUSE_PENALTY = 40  # extra distance, in characters, for a date cue across a comma from the trigger

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
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
FUTURE_HEADS = {"due", "expected", "set", "scheduled", "poised", "going", "planning", "plan"}
# "postponed until Saturday", "scheduled for Monday": the date lies ahead of the verb
FORWARD_LEMMAS = {"postpone", "delay", "adjourn", "defer", "reschedule", "extend"}
FORWARD_PREPS = {"until", "till", "to", "for"}
SETTING_LEMMAS = {"set", "fix", "name", "choose", "pick", "declare", "make"}  # "set Friday as the deadline"
FORWARD_NOUNS = {"deadline", "ultimatum"}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|"
    r"Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_NUM_WORD = "|".join(sorted((k for k in NUMBERS if k not in ("a", "an")), key=len, reverse=True))
_NUM = r"(?P<num>\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-[a-z]+|" + _NUM_WORD + r")"
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year)"
_CLOCK = (
    r"(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
)
_FULL_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Sept\.)"
)
_MONTH_DAY = (
    r"\b(?:(?:" + _WEEKDAY + r",?\s+)?(?:" + _MONTH + r"\s+" + _DAYNUM + r"(?!\d)"
    r"|(?<!\d)" + _DAYNUM.replace("day>", "day2>") + r"\s+(?:of\s+)?" + _MONTH.replace("month>", "month2>")
    + r")(?:,?\s+" + _YEAR + r")?)"
)


UNREAD_YEAR = re.compile(r",?[ \t]*(?:'\d\d\b|\d{2,}\b(?![.,]?\d)(?![ \t]+[a-z%]))")


@dataclass(frozen=True, slots=True)
class Context:
    """What resolving one match needs: the article, its parse and publication date."""

    text: str
    doc: Doc
    pub: date | None
    timeml: bool = False


Resolved = tuple[str, str, str]  # (value, type, granularity)
INVALID: Resolved = ("", "", "")  # an impossible date: its span hides shorter matches inside it
Handler = Callable[[re.Match[str], Context], Resolved | None]


def _iso(d: date) -> str:
    """A date as YYYY-MM-DD."""
    return d.isoformat()


def _week(d: date) -> str:
    """The ISO week of a date, TIMEX3 style (``2017-W23``)."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _number(word: str) -> int | None:
    """A digit string or number word as an int."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    tens, _, unit = word.partition("-")
    if unit:
        return NUMBERS[tens] + NUMBERS[unit] if tens in NUMBERS and unit in NUMBERS and NUMBERS[unit] < 10 else None
    return NUMBERS.get(word)


def _future_token(tok: Token) -> bool:
    """Whether the verb governing ``tok`` looks ahead ("will", "is due to", "postponed until", "deadline")."""
    start, path, seen = tok, [], 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and seen < 8:
        path.append(tok.lower_)
        tok, seen = tok.head, seen + 1
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in tok.children):
        return True
    if _forward_verb(tok, start, path):
        return True
    return tok.dep_ == "xcomp" and tok.head.lower_ in FUTURE_HEADS


def _forward_verb(verb: Token, start: Token, path: list[str]) -> bool:
    """Whether the verb points ahead: "postponed until X", "set X as the deadline", "the deadline is X"."""
    lemma = verb.lemma_.lower()
    if lemma in FORWARD_LEMMAS and FORWARD_PREPS & set(path):
        return True
    if lemma in SETTING_LEMMAS and start.head == verb and start.dep_ in ("dobj", "npadvmod"):
        if any(c.dep_ in ("appos", "oprd") for c in start.children) or any(c.lower_ == "as" for c in verb.children):
            return True
    present = verb.tag_ in ("VBZ", "VBP") or verb.lemma_ == "be" and verb.tag_ != "VBD"
    return present and any(c.lower_ in FORWARD_NOUNS for c in verb.children) or bool(FORWARD_NOUNS & set(path))


def is_future(ctx: Context, start: int, end: int) -> bool:
    """Whether the expression at ``start:end`` sits in a future-tense clause."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and _future_token(span.root)


def tense(ctx: Context, start: int, end: int) -> str:
    """``future``, ``past`` (a simple past verb that plans nothing: "died", "met") or ``""``."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    if _future_token(span.root):
        return "future"
    verb, seen = span.root, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb and seen < 8:
        verb, seen = verb.head, seen + 1
    planned = verb.lemma_.lower() in FORWARD_LEMMAS | SETTING_LEMMAS | FUTURE_HEADS | {"plan", "schedule"}
    return "past" if verb.tag_ == "VBD" and not planned else ""


def weekday_date(pub: date, wd: int, mode: str = "past") -> date:
    """The weekday ``wd`` relative to ``pub``: ``past``/``future`` include ``pub``, ``last``/``next`` do not."""
    if mode == "future":
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    if mode == "next":
        return pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    if mode == "last":
        return pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)`` or None when no such day exists."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def partial_date(pub: date, month: int, day: int, wd: int | None = None, future: bool = False,
                 past: bool = False) -> date | None:
    """The year-less date ``month``/``day`` nearest the publication date.

    A weekday picks the year it falls on; a future clause looks forward; a past one
    ("died on March 4") back; otherwise the latest candidate no later than
    FORWARD_WINDOW_DAYS after publication wins.
    """
    cands = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, day))]
    if wd is not None:
        cands = [d for d in cands if d.weekday() == wd] or cands
    if future:
        ahead = [d for d in cands if d >= pub]
        if ahead:
            return ahead[0]
    limit = pub if past else pub + timedelta(days=FORWARD_WINDOW_DAYS)
    before = [d for d in cands if d <= limit]
    return before[-1] if before else (cands[0] if cands else None)


def _month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``Feb. 12``, ``9 February 2022``, ``Wednesday, July 13``."""
    g = m.groupdict()
    month = MONTHS[(g["month"] or g["month2"]).rstrip(".").lower()]
    day = int(g["day"] or g["day2"])
    wd = WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
    if not g.get("year") and UNREAD_YEAR.match(ctx.text, m.end()):
        return INVALID  # "March 3, 9999", "May 4, '22": a year we cannot trust follows
    if g.get("year"):
        d = _safe_date(int(g["year"]), month, day)
    elif ctx.pub is None:
        return None
    else:
        when = tense(ctx, m.start(), m.end())
        d = partial_date(ctx.pub, month, day, wd, when == "future", when == "past")
    return (_iso(d), "DATE", "day") if d else INVALID


def _month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``April 2019`` or ``in April`` (the nearest such month not after publication)."""
    month = MONTHS[m["month"].rstrip(".").lower()]
    if m.groupdict().get("year"):
        return f"{m['year']}-{month:02d}", "DATE", "month"
    if ctx.pub is None:
        return None
    if (m.groupdict().get("mod") or "").lower() == "last":
        year = ctx.pub.year if month < ctx.pub.month else ctx.pub.year - 1
    else:
        year = month_year(ctx.pub, month, is_future(ctx, m.start(), m.end()))
    return f"{year}-{month:02d}", "DATE", "month"


def month_year(pub: date, month: int, future: bool = False) -> int:
    """The year of a year-less month: forward in a future clause or when at most two months ahead."""
    ahead = (month - pub.month) % 12
    if future or 0 < ahead <= FORWARD_WINDOW_DAYS // 30:
        return pub.year + (1 if month < pub.month else 0)
    return pub.year if month <= pub.month else pub.year - 1


def _numeric(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ISO ``2022-02-10`` or compact ``20220208``."""
    d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (_iso(d), "DATE", "day") if d else INVALID


def _year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """A bare year such as ``in 1948`` or ``the 2015 deal``, not ``1500 troops``."""
    span = ctx.doc.char_span(m.start("year"), m.end("year"))
    if span is not None and span[-1].i + 1 < len(ctx.doc) and ctx.doc[span[-1].i + 1].tag_ == "NNS":
        return None
    return m["year"], "DATE", "year"


def _year_range(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``from 1967 to 2009`` or ``between 1991 and 1995`` as ``1967/2009``."""
    y1, y2 = m["y1"], m["y2"]
    if len(y2) == 2:
        y2 = y1[:2] + y2
    if int(y1) >= int(y2):
        return None
    return f"{y1}/{y2}", "DATE", "year"


def _decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``the 1990s`` as ``199``."""
    return m["dec"][:3], "DATE", "year"


def _weekday_mode(m: re.Match[str], ctx: Context) -> str:
    """How to resolve a weekday: ``last``, ``next``, forward in a future clause, else back."""
    mod = (m.groupdict().get("mod") or "").lower()
    if mod in ("last", "next"):
        return mod
    return "future" if is_future(ctx, m.start("wd"), m.end("wd")) else "past"


def _weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``Thursday``, ``last Thursday``, ``Wednesday evening``."""
    if ctx.pub is None:
        return None
    d = weekday_date(ctx.pub, WEEKDAYS[m["wd"].lower()], _weekday_mode(m, ctx))
    part = (m.groupdict().get("part") or "").lower()
    if part:
        return _iso(d) + PARTS_OF_DAY[part], "TIME", "time"
    return _iso(d), "DATE", "day"


def quote_anchor(pub: date, text: str, pos: int, dates: list[DateRef]) -> date:
    """The day words spoken at ``pos`` refer to: inside quote marks, the latest past day named before."""
    if not in_quote(text, pos):
        return pub
    for ref in reversed(dates):
        d = day_of(ref)
        if ref.end <= pos and d is not None and d <= pub:
            return d
    return pub


def in_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` lies between quote marks in its paragraph (straight or curly)."""
    para = text[text.rfind("\n", 0, pos) + 1 : pos]
    if para.rfind("\u201c") > para.rfind("\u201d"):
        return True
    return para.count('"') % 2 == 1


def _deictic_day(word: str, anchor: date) -> date | None:
    """``today``/``yesterday``/``tomorrow`` relative to ``anchor``."""
    return {"today": anchor, "yesterday": anchor - timedelta(days=1),
            "tomorrow": anchor + timedelta(days=1)}.get(word)


def _deictic(m: re.Match[str], anchor: date) -> Resolved | None:
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
        return _iso(d) + PARTS_OF_DAY[part], "TIME", "time"
    return _iso(d), "DATE", "day"


def _shift_month(d: date, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months from ``d``."""
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _relative_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``this week``, ``last month``, ``next year``, ``this weekend``."""
    if ctx.pub is None:
        return None
    step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[m["rel"].lower()]
    unit = m["per"].lower()
    if unit in ("week", "weekend"):
        value = _week(ctx.pub + timedelta(weeks=step))
        return (value + "-WE", "DATE", "week") if unit == "weekend" else (value, "DATE", "week")
    if unit == "month":
        y, mo = _shift_month(ctx.pub, step)
        return f"{y}-{mo:02d}", "DATE", "month"
    return str(ctx.pub.year + step), "DATE", "year"


def _ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``three days ago``, ``two weeks ago``, ``a year ago``."""
    n = _number(m["num"])
    unit = m["unit"].lower()
    if n is None or ctx.pub is None or unit not in ("day", "week", "month", "year"):
        return None
    if unit == "day":
        return _iso(ctx.pub - timedelta(days=n)), "DATE", "day"
    if unit == "week":
        return _week(ctx.pub - timedelta(weeks=n)), "DATE", "week"
    if unit == "month":
        y, mo = _shift_month(ctx.pub, -n)
        return f"{y}-{mo:02d}", "DATE", "month"
    return str(ctx.pub.year - n), "DATE", "year"


def _duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``16 hours``, ``five-hour``, ``90-day``, ``two weeks`` as PT16H, PT5H, P90D, P2W."""
    n = _number(m["num"])
    if not n:
        return None
    prefix, suffix = UNITS[m["unit"].lower()]
    return f"{prefix}{n}{suffix}", "DURATION", "duration"


def _set(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``every day``, ``every week``, ``every Monday``."""
    word = m["every"].lower()
    if word in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[word] + 1}", "SET", "week"
    return f"P1{UNITS[word][1]}", "SET", word


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    """(hour, minute) of a clock-time match, 24-hour."""
    if m["h24"] is not None:
        return int(m["h24"]), int(m["m24"])
    hour, minute = int(m["hour"]), int(m["minute"] or 0)
    if not 1 <= hour <= 12:
        return None
    pm = m["ampm"].lower().startswith("p")
    return (hour % 12) + (12 if pm else 0), minute


RULES: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(_MONTH_DAY), _month_day),
    (re.compile(r"\b(?:(?:early|late|mid)[- ])?" + _MONTH + r"\s+" + _YEAR + r"\b"), _month_year),
    (re.compile(r"\b(?:in|since|until|by|of|through|during) (?P<x>(?:(?:early|late|mid)[- ])?"
                + _FULL_MONTH + r")\b(?!\s+\d)"), _month_year),
    (re.compile(r"\b(?:(?:early|late|mid)[- ])?(?P<mod>[Ll]ast) " + _FULL_MONTH + r"\b(?!\s+\d)"), _month_year),
    (re.compile(r"\b(?:early|late|mid)[- ]" + _FULL_MONTH + r"\b(?!\s+\d)"), _month_year),
    (re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?![\d-])"), _numeric),
    (re.compile(r"(?<![\d.,-])(?P<y>(?:19|20)\d\d)(?P<mo>[01]\d)(?P<d>[0-3]\d)(?![\d.,])"), _numeric),
    (re.compile(r"(?<![\d.,$£€/-])(?:(?:early|late|mid)[- ])?" + _YEAR + r"(?!\d|,\d|[-\u2013]\d|\.\d|%)"), _year),
    (YEAR_PAIR := re.compile(r"(?<![\d.,$£€/-])(?P<y1>(?:1[5-9]|20)\d\d)[-\u2013](?P<y2>(?:1[5-9]|20)?\d\d)(?![\d-])"),
     _year_range),
    (re.compile(r"\bfrom (?P<y1>(?:1[5-9]|20)\d\d) (?:to|until) (?P<y2>(?:1[5-9]|20)\d\d)\b"), _year_range),
    (re.compile(r"\bbetween (?P<y1>(?:1[5-9]|20)\d\d) and (?P<y2>(?:1[5-9]|20)\d\d)\b"), _year_range),
    (re.compile(r"\b(?:the )?(?P<dec>(?:1[5-9]|20)\d0)s\b"), _decade),
    (re.compile(r"(?:\b(?P<mod>[Ll]ast|[Nn]ext) )?\b" + _WEEKDAY
                + r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"), _weekday),
    (re.compile(r"\b(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?(?:[Tt]he )?(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming) (?:fiscal |financial )?(?P<per>weekend|week|month|year)\b"),
     _relative_period),
    (re.compile(r"\b(?P<num>\d+|[A-Za-z]+) (?P<unit>day|week|month|year)s? ago\b"), _ago),
    (re.compile(r"(?<![\d.,])\b" + _NUM + r"[- ]" + _UNIT + r"(?:s\b|\b)(?!-old| ago| later| earlier| after| old| and older| or older| of age)",
                re.I), _duration),
    (re.compile(r"(?<!once )(?<!twice )(?<!times )(?<!per )\b(?P<num>[Aa]n?) " + _UNIT
                + r"\b(?!-old| ago| later| earlier| after| before| or)"), _duration),
    (re.compile(r"\b[Ee]very (?P<every>day|week|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|"
                r"Saturday|Sunday)\b"), _set),
]
DEICTIC_RE = re.compile(
    r"\b(?P<dx>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Tt]his|[Ll]ast)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)
CLOCK_RE = re.compile(
    r"(?<![\d:.])(?:" + _CLOCK + r")(?:\s+(?:GMT|UTC|local time))?(?:,?\s+(?:on\s+)?(?P<daytext>"
    + _MONTH_DAY.replace("?P<", "?P<c_") + r"|" + _WEEKDAY.replace("?P<", "?P<cw_") + r"))?"
)


@dataclass(frozen=True, slots=True)
class _Found:
    """A candidate expression before overlaps are removed."""

    start: int
    end: int
    resolved: Resolved


def _rules(timeml_mode: bool) -> Iterator[tuple[re.Pattern[str], Handler]]:
    """The rules in force: the core ones and the TimeML extras (hyphenated year ranges split in TimeML)."""
    for pattern, handler in RULES:
        if not (timeml_mode and pattern is YEAR_PAIR):
            yield pattern, handler
    for pattern, handler, timeml_only in timeml.RULES:
        if timeml_mode or not timeml_only:
            yield pattern, handler


def _rule_matches(ctx: Context, body_start: int) -> Iterator[_Found]:
    """Every resolvable match of the fixed rules in the body."""
    for pattern, handler in _rules(ctx.timeml):
        for m in pattern.finditer(ctx.text, body_start):
            res = handler(m, ctx)
            if res is not None:
                span = "x" if m.groupdict().get("x") else 0
                yield _Found(m.start(span), m.end(span), res)
    if ctx.timeml:
        yield from _split_years(ctx, body_start)


def _split_years(ctx: Context, body_start: int) -> Iterator[_Found]:
    """``2009-2010`` and ``1957-58`` as two years, the TimeML way."""
    for m in YEAR_PAIR.finditer(ctx.text, body_start):
        second = timeml.second_year(m["y1"], m["y2"])
        if second is not None:
            yield _Found(m.start("y1"), m.end("y1"), (m["y1"], "DATE", "year"))
            yield _Found(m.start("y2"), m.end("y2"), (second, "DATE", "year"))


def _remove_overlaps(found: list[_Found]) -> list[_Found]:
    """Keep the longest of overlapping candidates, earliest first."""
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
        elif f.end - f.start > kept[-1].end - kept[-1].start and f.start < kept[-1].end:
            kept[-1] = f
    return kept


def _to_refs(text: str, found: list[_Found]) -> list[DateRef]:
    """DateRef records for candidates, impossible dates left out."""
    return [DateRef(text[f.start : f.end], f.start, f.end, *f.resolved) for f in found if f.resolved != INVALID]


def day_of(ref: DateRef) -> date | None:
    """The calendar day a date reference names, or None when it is not day-level."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", ref.value)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _anchored(ctx: Context, pub: date, body_start: int, refs: list[DateRef]) -> list[_Found]:
    """Deictic words and clock times, resolved against the day they refer to."""
    found: list[_Found] = []
    for m in DEICTIC_RE.finditer(ctx.text, body_start):
        res = _deictic(m, quote_anchor(pub, ctx.text, m.start(), refs))
        if res:
            found.append(_Found(m.start(), m.end(), res))
    for m in CLOCK_RE.finditer(ctx.text, body_start):
        res = _clock_time(m, pub, refs)
        if res:
            found.append(_Found(m.start(), m.end(), res))
    return found


def _clock_time(m: re.Match[str], pub: date, refs: list[DateRef]) -> Resolved | None:
    """``2 p.m.`` (on the day named nearby) or ``00:00 on Feb. 15``."""
    hm = _clock(m)
    if hm is None:
        return None
    day = _nearby_day(m.start(), refs, pub)
    if m["daytext"]:
        inner = [r for r in refs if m.start("daytext") <= r.start < m.end()]
        if not inner or day_of(inner[0]) is None:
            return INVALID
        day = day_of(inner[0])
    return f"{_iso(day)}T{hm[0]:02d}:{hm[1]:02d}", "TIME", "time"


def _nearby_day(pos: int, refs: list[DateRef], pub: date) -> date:
    """The day a clock time at ``pos`` belongs to: the latest day named before it, else publication."""
    for ref in reversed(refs):
        d = day_of(ref)
        if ref.end <= pos and d is not None:
            return d
    return pub


def extract(doc: Doc, article: Article) -> list[DateRef]:
    """Every date/time expression in the article body, normalised to TIMEX3 (eventlens conventions).

    See ``find``; vague expressions ("for years", "recent weeks") are left out.
    """
    return find(doc, article)


def find(doc: Doc, article: Article, timeml: bool = False) -> list[DateRef]:
    """Every date/time expression in the article body, normalised to TIMEX3, in text order.

    doc (Doc): the parse of ``parse_text(article)`` (same character offsets as the text).
    article (Article): gives the text, the publication date and ``body_start`` (the
        ``date`` header before it is never a mention).
    RETURNS (list[DateRef]): non-overlapping mentions with exact offsets
        (``article.text[start:end] == text``); vague expressions and impossible dates
        are left out. Without a publication date only absolute dates and durations are kept.
    timeml (bool): follow TempEval-3 annotation instead: vague durations (``PXY``), PAST_REF
        and FUTURE_REF, "two days" in "two days later" as a duration, year ranges split.
    """
    ctx = Context(article.text, doc, article.date, timeml)
    found = list(_rule_matches(ctx, article.body_start))
    if article.date is None:
        return _to_refs(article.text, _remove_overlaps(found))
    first = _to_refs(article.text, _remove_overlaps(found))
    found += _anchored(ctx, article.date, article.body_start, first)
    return _to_refs(article.text, _remove_overlaps(found))


# --- event dating -----------------------------------------------------------------------

RELATIVE_RE = re.compile(
    r"\b(?:(?P<n1>a|one|two|three|four|five|six|seven|\d+) (?P<u1>day|week)s? (?P<dir1>after|later|earlier)"
    r"|the (?P<dir2>next|following|previous) day|the day (?P<dir3>after|before)"
    r"|(?:[Ee]arlier |[Ll]ater )?(?:that|the same) (?:day|morning|afternoon|evening|night)"
    r"|at the same time)\b"
)


@dataclass(frozen=True, slots=True)
class _Cue:
    """Something that can date an event: where it is, the day it gives, the text shown.

    forward (bool): the cue dates the clause after it ("a day after X did Y"), not before.
    """

    start: int
    end: int
    day: date
    text: str
    forward: bool = False


def _relative_offset(m: re.Match[str]) -> tuple[int, bool]:
    """(days to add to the anchor, whether the cue dates the clause after it)."""
    if m["n1"]:
        n = (_number(m["n1"]) or 1) * (7 if m["u1"] == "week" else 1)
        if m["dir1"] == "after":
            return -n, True
        return (n if m["dir1"] == "later" else -n), False
    if m["dir2"]:
        return (-1 if m["dir2"] == "previous" else 1), False
    if m["dir3"]:
        return (1 if m["dir3"] == "after" else -1), False
    return 0, False


def _relative_cues(text: str, body_start: int, day_cues: list[_Cue], pub: date | None) -> list[_Cue]:
    """Cues from "a day after", "three days later", "that day", resolved against the day named before them."""
    cues = []
    for m in RELATIVE_RE.finditer(text, body_start):
        offset, forward = _relative_offset(m)
        earlier = [c.day for c in day_cues if c.end <= m.start() and (pub is None or c.day <= pub)]
        anchor = earlier[-1] if earlier else pub
        if anchor is not None:
            cues.append(_Cue(m.start(), m.end(), anchor + timedelta(days=offset), m.group(), forward))
    return cues


def _attributive(doc: Doc, ref: DateRef) -> bool:
    """Whether a date modifies a noun ("Monday's expulsions", "the March 4 poisoning")."""
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return root.dep_ in ("poss", "nmod", "compound", "amod") and root.head.pos_ in ("NOUN", "PROPN")


def _is_dateline(text: str, ref: DateRef) -> bool:
    """Whether a date is the dateline's ("MINSK, Feb. 12 - ..."): a report date, not an event date."""
    line_start = text.rfind("\n", 0, ref.start) + 1
    before, after = text[line_start : ref.start], text[ref.end : ref.end + 24]
    if not re.fullmatch(r"[A-Z][A-Za-z .',-]*, ", before):
        return False
    return bool(re.match(r"\s*(?:\([^)\n]*\)\s*)?[-\u2013\u2014]", after))


def _distance(cue: _Cue, event: Event, text: str) -> int:
    """Characters between a cue and the event trigger, plus a penalty across a comma or semicolon."""
    lo, hi = (cue.end, event.trigger_start) if cue.end <= event.trigger_start else (event.trigger_end, cue.start)
    between = text[lo:hi] if hi > lo else ""
    return max(0, hi - lo) + (CLAUSE_PENALTY if re.search(r"[,;]", between) else 0)


@dataclass(frozen=True, slots=True)
class _Cues:
    """The cues of one article: dates and relative expressions, and dateline dates (weak)."""

    strong: list[_Cue]
    weak: list[_Cue]
    pub: date | None


def _sentence_cues(event: Event, cues: _Cues) -> list[_Cue]:
    """Past cues in the event's sentence that can date its trigger (dateline only if nothing else)."""

    def fits(c: _Cue) -> bool:
        in_sentence = event.evidence_start <= c.start < event.evidence_end
        past = cues.pub is None or c.day <= cues.pub
        return in_sentence and past and not (c.forward and event.trigger_start < c.start)

    return [c for c in cues.strong if fits(c)] or [c for c in cues.weak if fits(c)]


def date_event(event: Event, text: str, cues: _Cues) -> tuple[str, str | None]:
    """(date, date_text) for one event.

    The cue in its sentence closest to the trigger; else the latest past cue before the
    sentence (the narrative's current day); else the publication date; else ``unknown``.
    """
    near = _sentence_cues(event, cues)
    if near:
        best = min(near, key=lambda c: _distance(c, event, text))
        return _iso(best.day), best.text
    earlier = [c for c in cues.strong if c.end <= event.evidence_start and (cues.pub is None or c.day <= cues.pub)]
    if earlier:
        return _iso(earlier[-1].day), earlier[-1].text
    return (_iso(cues.pub), None) if cues.pub else ("unknown", None)


def _article_cues(dates: list[DateRef], doc: Doc, article: Article) -> _Cues:
    """Day-level dates (not attributive), relative expressions and dateline dates of an article."""
    strong: list[_Cue] = []
    weak: list[_Cue] = []
    for ref in dates:
        day = day_of(ref)
        if day is None or _attributive(doc, ref):
            continue
        cue = _Cue(ref.start, ref.end, day, ref.text)
        (weak if _is_dateline(article.text, ref) else strong).append(cue)
    strong += _relative_cues(article.text, article.body_start, strong, article.date)
    strong.sort(key=lambda c: c.start)
    return _Cues(strong, weak, article.date)


def assign(events: list[Event], dates: list[DateRef], doc: Doc, article: Article) -> list[Event]:
    """Date each event to the day it happened.

    events (list[Event]): events with evidence and trigger offsets into ``article.text``.
    dates (list[DateRef]): the output of ``extract`` for the same article.
    doc (Doc): the article's parse (to skip dates that modify a noun, "Monday's expulsions").
    article (Article): text and publication date.
    RETURNS (list[Event]): copies with ``date`` (YYYY-MM-DD or ``unknown``) and ``date_text``
        set: the closest past day-level date or relative cue ("a day after", "three days
        later", "that day") in the evidence sentence, the dateline date only when the
        sentence has no other; else the latest day named before the sentence; else the
        publication date (``date_text`` None); ``unknown`` without a publication date.
    """
    cues = _article_cues(dates, doc, article)
    out = []
    for ev in events:
        value, cue = date_event(ev, article.text, cues)
        out.append(dataclasses.replace(ev, date=value, date_text=cue))
    return out

"""Anchoring: deictic words and clock times against the day they refer to, relative cues ("two days later")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from eventlens.dates.calendar import day_of, iso, number
from eventlens.dates.clauses import clause_verb, root_token
from eventlens.dates.lexicon import (
    CARRY_DAYS,
    CLOCK,
    INVALID,
    MONTH_DAY,
    MONTHS,
    NAMED_ZONE,
    PARTS_OF_DAY,
    WEEKDAY,
    WEEKDAYS,
    Context,
    Found,
    Resolved,
)
from eventlens.dates.normalise import clock_hm, norm_deictic
from eventlens.dates.tense import is_future
from eventlens.models import DateRef
from eventlens.text.speech import is_neutral_speech

MONTH_DAY_RE = re.compile(MONTH_DAY)


def written_until(text: str, doc: Doc, pub: date | None, body_start: int = 0) -> date | None:
    """The last day the article was written on: the day after publication when its own text names that
    day outside a forward-looking clause (a live page updated past midnight, a comment stamp) or pairs
    the publication weekday with the next ("4 p.m. Saturday to 8 a.m. Sunday"), else ``pub``."""
    if pub is None:
        return None
    if pub == date.max:  # no day after it
        return pub
    nxt = pub + timedelta(days=1)
    names = [w.capitalize() for w, n in sorted(WEEKDAYS.items(), key=lambda kv: kv[1])]
    pair = re.compile(rf"\b{names[pub.weekday()]}\b[^\n]{{0,30}}?\b{names[nxt.weekday()]}\b")
    for m in pair.finditer(text, body_start):  # "9:30 p.m. Saturday, 5:30 a.m. Sunday in Jakarta": consecutive days
        if not is_future(Context(text, doc, pub), m.end() - len(names[nxt.weekday()]), m.end()):
            return nxt
    for m in MONTH_DAY_RE.finditer(text, body_start):
        month = MONTHS[(m["month"] or m["month2"]).rstrip(".").lower()]
        year = int(m["year"]) if m["year"] else nxt.year
        if (year, month, int(m["day"] or m["day2"])) == (nxt.year, nxt.month, nxt.day):
            if not is_future(Context(text, doc, pub), m.start(), m.end()):
                return nxt
    return pub


def quote_anchor(pub: date, text: str, pos: int, dates: list[DateRef], doc: Doc | None = None) -> date:
    """The day words spoken at ``pos`` refer to: inside quote marks, the day of the speech verb that
    introduces the quote ("he said on Monday") when its clause names one, else the latest past day named before."""
    if not in_quote(text, pos):
        return pub
    spoken = _speech_day(text, pos, dates, doc, pub) if doc is not None else None
    if spoken is not None:
        return spoken
    for ref in reversed(dates):
        d = day_of(ref)
        if ref.end <= pos and d is not None and d <= pub:
            return d
    return pub


def _reporting_spans(text: str, pos: int) -> list[tuple[int, int]]:
    """The text of the sentence outside the quote around ``pos``: after its closing mark, before its opening."""
    para_start, para_end = text.rfind("\n", 0, pos) + 1, (text.find("\n", pos) + 1 or len(text) + 1) - 1
    opening = max(text.rfind("\u201c", para_start, pos), text.rfind('"', para_start, pos))
    close = QUOTE_CLOSE_RE.search(text, pos, para_end)
    spans = []
    if close:
        after = SENTENCE_END_RE.search(text, close.end(), para_end)
        spans.append((close.end(), after.start() if after else para_end))
    before = max(text.rfind(c, para_start, opening) for c in ".!?\u201d\"")
    spans.append((max(before + 1, para_start), opening))
    return spans


def _speech_day(text: str, pos: int, dates: list[DateRef], doc: Doc, pub: date) -> date | None:
    """The day named in the clause of the speech verb that introduces the quote at ``pos``, if any."""
    for lo, hi in _reporting_spans(text, pos):
        for ref in dates:
            d = day_of(ref)
            tok = root_token(doc, ref.start, ref.end) if lo <= ref.start and ref.end <= hi else None
            if d is not None and d <= pub and tok is not None and is_neutral_speech(clause_verb(tok)):
                return d
    return None


QUOTE_CLOSE_RE = re.compile("[\u201d\"]")
SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)|[\u201c\"]")


def in_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` lies between quote marks in its paragraph (straight or curly)."""
    para = text[text.rfind("\n", 0, pos) + 1 : pos]
    if para.rfind("\u201c") > para.rfind("\u201d"):
        return True
    return para.count('"') % 2 == 1


DEICTIC_RE = re.compile(
    r"\b(?P<dx>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Tt]his|[Ll]ast)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)


CLOCK_RE = re.compile(
    r"(?<![\d:.])(?:" + CLOCK + r")(?:\s+(?:GMT|UTC|local time|" + NAMED_ZONE + r"))?(?:,?\s+(?:on\s+)?(?P<daytext>"
    + MONTH_DAY.replace("?P<", "?P<c_") + r"|" + WEEKDAY.replace("?P<", "?P<cw_") + r"))?"
)


def anchored(ctx: Context, pub: date, body_start: int, refs: list[DateRef]) -> list[Found]:
    """Deictic words and clock times, resolved against the day they refer to."""
    found: list[Found] = []
    for m in DEICTIC_RE.finditer(ctx.text, body_start):
        try:
            res = norm_deictic(m, quote_anchor(pub, ctx.text, m.start(), refs, ctx.doc))
        except OverflowError:  # "yesterday" of 0001-01-01, "tomorrow" of 9999-12-31
            continue
        if res:
            found.append(Found(m.start(), m.end(), res))
    for m in CLOCK_RE.finditer(ctx.text, body_start):
        try:
            res = _clock_time(m, pub, refs, ctx.text)
        except OverflowError:
            continue
        if res:
            found.append(Found(m.start(), m.end(), res))
    for m in DAYPART_RE.finditer(ctx.text, body_start):
        try:
            res = _day_part(m, pub, refs, ctx.text)
        except OverflowError:
            continue
        words = next(g for g in ("x", "x2", "x3", "x4", "x5") if m[g])
        found.append(Found(m.start(words), m.end(words), res))
    return found


# Parts of night and day said without a day (issue 11: "overnight", "by evening", "shortly after
# midnight"); the span is the time words, the preposition stays outside as a signal.
DAYPART_RE = re.compile(
    r"\b(?:(?P<x>(?P<over>[Oo]vernight)(?! (?:stay|visit|flight|train|bag|shift|rate)s?\b))"
    r"|(?i:(?:shortly |just |soon |long )?(?:after|before|around|at|by|until|till|past|about|towards?)) "
    r"(?P<x2>(?P<clock>midnight|noon|midday))"
    r"|(?i:in|by|during|through|into|towards?|until|till) (?P<x3>(?:the )?(?:(?:early|late) )?"
    r"(?P<part>morning|afternoon|evening|night))(?! of\b|[-\w])"
    r"|(?i:in|during) (?P<x4>the (?:early|small|wee) hours)(?! of\b)"
    r"|(?i:at|before|after|by|until|around) (?P<x5>(?P<light>dawn|daybreak|sunrise|dusk|sunset|nightfall))"
    r")\b"
)
LIGHT_PARTS = {"dawn": "TMO", "daybreak": "TMO", "sunrise": "TMO", "dusk": "TEV", "sunset": "TEV", "nightfall": "TNI"}


def _day_part(m: re.Match[str], pub: date, refs: list[DateRef], text: str) -> Resolved:
    """``overnight`` (the night before the day the text is on), ``by evening``, ``shortly after
    midnight``, ``at dawn``, ``in the early hours``: a part of the day named nearby, else of publication."""
    day = _nearby_day(m.start(), refs, pub, text)
    if m["over"]:
        named = day != pub or any(r.end <= m.start() and day_of(r) == pub for r in refs)
        return f"{iso(day if named else day - timedelta(days=1))}TNI", "TIME", "time"
    if m["clock"]:  # "by midnight" ends the day, "after midnight" begins it
        ends = re.search(r"\b(?:by|until|till|before|towards?)\s+$", text[m.start() : m.start("x2")]) is not None
        hour = "12" if m["clock"] != "midnight" else ("24" if ends else "00")
        return f"{iso(day)}T{hour}:00", "TIME", "time"
    if m["part"]:
        return f"{iso(day)}{PARTS_OF_DAY[m['part']]}", "TIME", "time"
    if m["light"]:
        return f"{iso(day)}{LIGHT_PARTS[m['light']]}", "TIME", "time"
    return f"{iso(day)}TNI", "TIME", "time"


def _clock_time(m: re.Match[str], pub: date, refs: list[DateRef], text: str) -> Resolved | None:
    """``2 p.m.`` (on the day named nearby) or ``00:00 on Feb. 15``."""
    hm = clock_hm(m)
    if hm is None:
        return None
    day = _nearby_day(m.start(), refs, pub, text)
    if m["daytext"]:
        inner = [r for r in refs if m.start("daytext") <= r.start < m.end()]
        named = day_of(inner[0]) if inner else None
        if named is None:
            return INVALID
        day = named
    return f"{iso(day)}T{hm[0]:02d}:{hm[1]:02d}", "TIME", "time"


def _nearby_day(pos: int, refs: list[DateRef], pub: date, text: str) -> date:
    """The day a clock time at ``pos`` belongs to: the latest day named before it (in its paragraph, or
    within CARRY_DAYS before publication), else publication."""
    line_start = text.rfind("\n", 0, pos)
    for ref in reversed(refs):
        d = day_of(ref)
        if ref.end <= pos and d is not None and (line_start < ref.start or 0 <= (pub - d).days <= CARRY_DAYS):
            return d
    return pub


_PART = r"day|morning|afternoon|evening|night"
RELATIVE_RE = re.compile(
    r"\b(?:(?P<n1>a|one|two|three|four|five|six|seven|\d+) (?P<u1>day|week)s? (?P<dir1>after|later|earlier)"
    r"|the (?P<dir2>next|following|previous) (?P<p2>" + _PART + r")|the (?P<p3>day|night) (?P<dir3>after|before)"
    r"|(?:earlier |later )?(?:that|the same) (?P<p4>" + _PART + r")"
    r"|the (?P<ord>first|second|third|fourth|fifth|sixth|seventh) day"
    r"|at the same time)(?![-\w])",
    re.IGNORECASE,
)
ORDINAL_DAYS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5, "seventh": 6}


@dataclass(frozen=True, slots=True)
class Cue:
    """Something that can date an event: where it is, the day it gives, the text shown.

    forward (bool): the cue dates the clause after it ("a day after X did Y"), not before.
    planned (bool): the day something was planned for ("scheduled for Monday"), not when it happened.
    """

    start: int
    end: int
    day: date
    text: str
    forward: bool = False
    planned: bool = False


def _relative_offset(m: re.Match[str]) -> tuple[int, bool]:
    """(days to add to the anchor, whether the cue dates the clause after it)."""
    if m["n1"]:
        n = (number(m["n1"]) or 1) * (7 if m["u1"].lower() == "week" else 1)
        if m["dir1"].lower() == "after":
            return -n, True
        return (n if m["dir1"].lower() == "later" else -n), False
    if m["dir2"]:
        return (-1 if m["dir2"].lower() == "previous" else 1), False
    if m["dir3"]:
        after = m["dir3"].lower() == "after"
        if re.match(r" ?[A-Za-z]", m.string[m.end() : m.end() + 2]):  # "the day after X did Y": X's day, from Y's
            return (-1 if after else 1), True
        return (1 if after else -1), False
    if m["ord"]:
        return ORDINAL_DAYS[m["ord"].lower()], False
    return 0, False


def relative_cues(text: str, body_start: int, day_cues: list[Cue], pub: date | None) -> list[Cue]:
    """Cues from "a day after", "three days later", "that day", resolved against the day named before them."""
    cues = []
    for m in RELATIVE_RE.finditer(text, body_start):
        offset, forward = _relative_offset(m)
        earlier = [c.day for c in day_cues if c.end <= m.start() and (pub is None or c.day <= pub)]
        anchor = earlier[-1] if earlier else pub
        if anchor is not None:
            try:
                day = anchor + timedelta(days=offset)
            except OverflowError:  # before year 1 or after 9999
                continue
            cues.append(Cue(m.start(), m.end(), day, m.group(), forward))
    return cues


def anaphoric_dates(text: str, body_start: int, day_cues: list[Cue], latest: date | None,
                    timeml: bool = False) -> list[Found]:
    """Anaphoric day expressions ("the same day", "the next morning", "earlier that day", "two days
    later", "the first day") as date mentions, valued the way they date events: against the last day
    named before them (issue 11); left out when no day was named before. "At the same time" is no
    date; in TimeML mode "two days later" stays the duration TempEval annotates."""
    found = []
    for cue in relative_cues(text, body_start, day_cues, latest):
        m = RELATIVE_RE.match(text, cue.start)
        if m is None or m.group().lower() == "at the same time" or timeml and m["n1"]:
            continue
        quoted = in_quote(text, cue.start)
        named = [c for c in day_cues if c.end <= cue.start and (latest is None or c.day <= latest)
                 and in_quote(text, c.start) == quoted]
        if not named:
            continue  # nothing named before: no day to count from
        if cue.forward and re.search(r"[.!?\n]", text[named[-1].end : cue.start]):
            continue  # "the day before X did Y" counts from X: only a day named in its sentence can stand for X
        part = (m["p2"] or m["p3"] or m["p4"] or "day").lower()
        if part == "day":
            found.append(Found(cue.start, cue.end, (iso(cue.day), "DATE", "day")))
        else:
            found.append(Found(cue.start, cue.end, (iso(cue.day) + PARTS_OF_DAY[part], "TIME", "time")))
    return found

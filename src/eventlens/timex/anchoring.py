"""Anchoring: deictic words and clock times against the day they refer to, relative cues ("two days later")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from eventlens.models import DateRef
from spacy.tokens import Doc

from eventlens.timex.calendar import day_of, iso, number
from eventlens.timex.clauses import SPEECH_LEMMAS, clause_verb, root_token
from eventlens.timex.lexicon import (
    CARRY_DAYS, CLOCK, INVALID, MONTH_DAY, MONTHS, WEEKDAY, WEEKDAYS, Context, Found, Resolved,
)
from eventlens.timex.normalise import clock_hm, norm_deictic
from eventlens.timex.tense import is_future

MONTH_DAY_RE = re.compile(MONTH_DAY)


def written_until(text: str, doc: Doc, pub: date | None, body_start: int = 0) -> date | None:
    """The last day the article was written on: the day after publication when its own text names that
    day outside a forward-looking clause (a live page updated past midnight, a comment stamp) or pairs
    the publication weekday with the next ("4 p.m. Saturday to 8 a.m. Sunday"), else ``pub``."""
    if pub is None:
        return None
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
            if d is not None and d <= pub and tok is not None and clause_verb(tok).lemma_.lower() in SPEECH_LEMMAS:
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
    r"(?<![\d:.])(?:" + CLOCK + r")(?:\s+(?:GMT|UTC|local time))?(?:,?\s+(?:on\s+)?(?P<daytext>"
    + MONTH_DAY.replace("?P<", "?P<c_") + r"|" + WEEKDAY.replace("?P<", "?P<cw_") + r"))?"
)


def anchored(ctx: Context, pub: date, body_start: int, refs: list[DateRef]) -> list[Found]:
    """Deictic words and clock times, resolved against the day they refer to."""
    found: list[Found] = []
    for m in DEICTIC_RE.finditer(ctx.text, body_start):
        res = norm_deictic(m, quote_anchor(pub, ctx.text, m.start(), refs, ctx.doc))
        if res:
            found.append(Found(m.start(), m.end(), res))
    for m in CLOCK_RE.finditer(ctx.text, body_start):
        res = _clock_time(m, pub, refs, ctx.text)
        if res:
            found.append(Found(m.start(), m.end(), res))
    return found


def _clock_time(m: re.Match[str], pub: date, refs: list[DateRef], text: str) -> Resolved | None:
    """``2 p.m.`` (on the day named nearby) or ``00:00 on Feb. 15``."""
    hm = clock_hm(m)
    if hm is None:
        return None
    day = _nearby_day(m.start(), refs, pub, text)
    if m["daytext"]:
        inner = [r for r in refs if m.start("daytext") <= r.start < m.end()]
        if not inner or day_of(inner[0]) is None:
            return INVALID
        day = day_of(inner[0])
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


RELATIVE_RE = re.compile(
    r"\b(?:(?P<n1>a|one|two|three|four|five|six|seven|\d+) (?P<u1>day|week)s? (?P<dir1>after|later|earlier)"
    r"|the (?P<dir2>next|following|previous) day|the day (?P<dir3>after|before)"
    r"|(?:[Ee]arlier |[Ll]ater )?(?:that|the same) (?:day|morning|afternoon|evening|night)"
    r"|at the same time)\b"
)


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
        n = (number(m["n1"]) or 1) * (7 if m["u1"] == "week" else 1)
        if m["dir1"] == "after":
            return -n, True
        return (n if m["dir1"] == "later" else -n), False
    if m["dir2"]:
        return (-1 if m["dir2"] == "previous" else 1), False
    if m["dir3"]:
        return (1 if m["dir3"] == "after" else -1), False
    return 0, False


def relative_cues(text: str, body_start: int, day_cues: list[Cue], pub: date | None) -> list[Cue]:
    """Cues from "a day after", "three days later", "that day", resolved against the day named before them."""
    cues = []
    for m in RELATIVE_RE.finditer(text, body_start):
        offset, forward = _relative_offset(m)
        earlier = [c.day for c in day_cues if c.end <= m.start() and (pub is None or c.day <= pub)]
        anchor = earlier[-1] if earlier else pub
        if anchor is not None:
            cues.append(Cue(m.start(), m.end(), anchor + timedelta(days=offset), m.group(), forward))
    return cues

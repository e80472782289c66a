"""TIMEX3 ``mod``: the part of a period ("early", "the end of") or the bound ("almost", "more than") a text gives."""

from __future__ import annotations

import re

from eventlens.dates.calendar import shift_month
from eventlens.dates.lexicon import Context, Resolved
from eventlens.dates.tense import tense

EDGES = {"end": "END", "beginning": "START", "start": "START", "middle": "MID"}
PARTS = {"early": "START", "late": "END", "mid": "MID"}
EDGE_BEFORE = re.compile(r"\b(?:[Tt]he )?(?:very )?(?P<edge>end|beginning|start|middle) of (?:the )?$")
EDGE_INSIDE = re.compile(r"(?:[Tt]he )?(?:very )?(?P<edge>end|beginning|start|middle) of\b")
PART_INSIDE = re.compile(r"(?P<part>early|late|mid)\b", re.I)
# (words just before the expression, mod, the TIMEX3 types it applies to)
BOUNDS: list[tuple[re.Pattern[str], str, frozenset[str]]] = [
    (re.compile(r"\b(?:more than|just over|well over|over)\s+$", re.I), "MORE_THAN", frozenset({"DURATION"})),
    (re.compile(r"\b(?:less than|fewer than|almost|nearly|under|just under)\s+$", re.I), "LESS_THAN",
     frozenset({"DURATION"})),
    (re.compile(r"\bat least\s+$", re.I), "EQUAL_OR_MORE", frozenset({"DURATION"})),
    (re.compile(r"\b(?:at most|no more than|up to)\s+$", re.I), "EQUAL_OR_LESS", frozenset({"DURATION"})),
    (re.compile(r"\b(?:about|around|roughly|approximately|some)\s+$", re.I), "APPROX",
     frozenset({"DURATION", "DATE", "TIME"})),
]
EDGE_PERIOD = re.compile(
    r"\b(?:[Tt]he )?(?:very )?(?P<edge>end|beginning|start|middle) of (?:the )?(?P<per>year|month)\b"
    r"(?! of| to| before| after| in| \d)"
)


def modifier(text: str, start: int, end: int, type_: str) -> tuple[int, str | None]:
    """(start, mod) of the expression at ``start:end``: the start widened over a "the end of" before it.

    "the end of March" and "early 2011" give END and START; "almost seven years" LESS_THAN,
    "just over a week" MORE_THAN, "about two hours" APPROX (the bound words stay outside the span;
    "over the past two years" is no bound).
    """
    edge = EDGE_BEFORE.search(text, max(0, start - 24), start)
    if edge and type_ == "DATE":
        return edge.start(), EDGES[edge["edge"]]
    edge = EDGE_INSIDE.match(text, start, end)
    if edge and type_ == "DATE":
        return start, EDGES[edge["edge"]]
    part = PART_INSIDE.match(text, start, end)
    if part and type_ in ("DATE", "TIME"):  # "late on Sunday": TNI with END
        return start, PARTS[part["part"].lower()]
    before = text[max(0, start - 16) : start]
    for pattern, mod, types in BOUNDS:
        if type_ in types and pattern.search(before) and not text.startswith(("the ", "The "), start):
            return start, mod
    return start, None


def norm_edge_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    """``the end of the year``, ``the beginning of the month``: the current one, or the last in a past clause."""
    if ctx.pub is None:
        return None
    past = tense(ctx, m.start(), m.end()) == "past" and m["edge"] == "end"
    if m["per"] == "year":
        return str(ctx.pub.year - past), "DATE", "year"
    year, month = shift_month(ctx.pub, -past)
    return f"{year}-{month:02d}", "DATE", "month"

"""Quote marks and embedded post lines: where the quoted words of an article are.

Marks are paired line by line (a line is a paragraph): curly and straight marks, NYT-style
two-character marks (``''…''`` and ````…''``), single quotes, with apostrophes skipped and
unmatched marks ignored. An opening double mark that never closes on its line, at the start of
the paragraph or of a sentence, is a quote running on into the next paragraph when the words
after it end a sentence; its Mark has ``closed=False``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

QUOTE_CHARS = "\"'“”‘’`"
DOUBLE_PAIRS = ("''", "``")
OPEN_BOUNDARY = " \t\n([{—–-/:"
SENTENCE_END = ".!?…"
POST_RE = re.compile(r"^[ \t]*(\d{8}):[ \t]*([^:\n]{1,60}?):[ \t]*(\S.*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation: the marks' outer span, the content span and whether a closing mark ends it."""

    open_start: int
    start: int
    end: int
    close_end: int
    closed: bool = True


@dataclass(frozen=True, slots=True)
class Post:
    """An embedded dated post line: ``YYYYMMDD: source: text``."""

    start: int
    end: int
    date: str
    source: str
    text_start: int


@dataclass(frozen=True, slots=True)
class _Seen:
    """A mark met while scanning a line: where, how wide, its family and what it can do."""

    pos: int
    width: int
    family: str
    can_open: bool
    can_close: bool


def find_marks(text: str, body_start: int = 0) -> list[Mark]:
    """Pair the quote marks of ``text`` from ``body_start`` on, line by line, in text order."""
    marks: list[Mark] = []
    pos = body_start
    for line in text[body_start:].split("\n"):
        marks.extend(_pair_line(text, pos, pos + len(line)))
        pos += len(line) + 1
    return marks


def _scan(text: str, lo: int, hi: int) -> list[_Seen]:
    """The quote marks of one line, two-character NYT marks read as one double mark."""
    seen = []
    i = lo
    while i < hi:
        if text[i] not in QUOTE_CHARS:
            i += 1
            continue
        width = 2 if i + 1 < hi and text[i : i + 2] in DOUBLE_PAIRS else 1
        if text[i] == "`" and width == 1:
            i += 1
            continue
        seen.append(_role(text, i, width, lo, hi))
        i += width
    return seen


def _role(text: str, i: int, width: int, lo: int, hi: int) -> _Seen:
    """The family (``d``/``s``) of the mark at ``i`` and whether it can open and close."""
    c = text[i : i + width]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + width] if i + width < hi else " "
    can_open = prev in OPEN_BOUNDARY and not nxt.isspace()
    can_close = not prev.isspace() and not nxt.isalnum()
    if c in ("“", "``"):
        return _Seen(i, width, "d", True, False)
    if c == "”":  # a right mark opens only a paragraph that starts with it (``”Fear. ...” ― Name``)
        return _Seen(i, width, "d", not text[lo:i].strip() and not nxt.isspace(), True)
    if c in ('"', "''"):
        spaced = prev.isspace() and nxt.isspace()  # ``,' " he said``: a lone straight mark closes
        return _Seen(i, width, "d", can_open, (can_close or spaced) and not can_open)
    if c == "‘":
        return _Seen(i, width, "s", not nxt.isspace(), False)
    if c == "'":
        return _Seen(i, width, "s", can_open and (nxt.isalnum() or nxt in "“\""), can_close)
    return _Seen(i, width, "s", False, can_close)  # ’ closes only where it is not an apostrophe


def _pair_line(text: str, lo: int, hi: int) -> list[Mark]:
    """Pair the marks of one line; unmatched marks are dropped, singles inside doubles ignored."""
    pairs: list[Mark] = []
    opened: dict[str, _Seen] = {}
    for seen in _scan(text, lo, hi):
        if seen.family == "s" and "d" in opened:
            continue
        first = opened.get(seen.family)
        if first is not None and seen.can_close and seen.pos > first.pos + first.width:
            del opened[seen.family]
            if text[first.pos + first.width : seen.pos].strip():
                pairs.append(Mark(first.pos, first.pos + first.width, seen.pos, seen.pos + seen.width))
        elif seen.can_open:  # a new opening mark: an earlier unclosed one was not a quote
            opened[seen.family] = seen
            if seen.family == "d":
                opened.pop("s", None)
    run_on = _run_on(text, opened.get("d"), lo, hi)
    return pairs + ([run_on] if run_on else [])


def _run_on(text: str, first: _Seen | None, lo: int, hi: int) -> Mark | None:
    """An unclosed double mark that opens the paragraph or a sentence and runs to its end."""
    if first is None:
        return None
    before = text[lo : first.pos].rstrip()
    content = text[first.pos + first.width : hi].rstrip()
    if before and before[-1] not in SENTENCE_END + ":":
        return None
    if len(content.strip()) < 2 or content[-1:] not in SENTENCE_END:
        return None
    start = first.pos + first.width
    return Mark(first.pos, start, start + len(content), start + len(content), closed=False)


# --- embedded posts ---------------------------------------------------------------------


def find_posts(text: str, body_start: int = 0) -> list[Post]:
    """Embedded dated post lines (``20220208: AP: ...``) with a valid date prefix."""
    posts = []
    for m in POST_RE.finditer(text, body_start):
        day = _iso_day(m.group(1))
        if day:
            posts.append(Post(m.start(), m.end(), day, m.group(2).strip(), m.start(3)))
    return posts


def _iso_day(digits: str) -> str | None:
    """``YYYYMMDD`` as an ISO date, or None when it is not a real day."""
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        return None


def post_at(posts: Sequence[Post], offset: int) -> Post | None:
    """The post line that holds ``offset``, if any."""
    return next((p for p in posts if p.start <= offset < p.end), None)

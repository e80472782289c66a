"""Scanning an article with the date rules at the cost of the text, not of the rule count.

Most rules start with zero-width assertions (``\\b``, a look-behind), which keep Python's regex engine
from jumping to the places a match can start: it tries every character of the article. Two hints,
given where a rule is written, make the scan cheaper without changing what it finds:

- ``needs``: words one of which every match contains ("Christmas", "century"). A text with none of
  them is not scanned at all (a substring test runs at memory speed).
- ``lead``: the rule's remainder after its leading assertions starts with a literal or a character
  class. The remainder is searched (the engine then skips straight to candidate characters) and the
  whole rule is tried only where the remainder matched: the same matches, in the same order, as
  ``pattern.finditer``, because the whole rule can match only where its remainder does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Hint:
    """How to scan for one rule (see the module doc)."""

    needs: tuple[str, ...] = ()
    lead: re.Pattern[str] | None = None


_HINTS: dict[re.Pattern[str], Hint] = {}


def rule(source: str, *, needs: tuple[str, ...] = (), lead: bool = False, flags: int = 0) -> re.Pattern[str]:
    """Compile a date rule and remember how to scan for it."""
    pattern = re.compile(source, flags)
    if needs or lead:
        rest = strip_assertions(source)
        if lead and rest == source:
            raise ValueError(f"rule has no leading assertion to skip: {source[:60]!r}")
        _HINTS[pattern] = Hint(needs, re.compile(rest, flags) if lead else None)
    return pattern


def strip_assertions(source: str) -> str:
    """``source`` without its leading ``\\b`` and look-behind groups."""
    while True:
        if source.startswith(r"\b"):
            source = source[2:]
        elif source.startswith(("(?<!", "(?<=")):
            source = source[_group_end(source, 4) + 1 :]
        else:
            return source


def _group_end(source: str, pos: int) -> int:
    """Index of the parenthesis that closes the group opened before ``pos``."""
    depth, in_class = 1, False
    while pos < len(source):
        char = source[pos]
        if char == "\\":
            pos += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
            if depth == 0:
                return pos
        pos += 1
    raise ValueError(f"unbalanced group in rule: {source[:60]!r}")


def matches(pattern: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text, pos)`` yields, found faster where the rule has a hint."""
    hint = _HINTS.get(pattern)
    if hint is None:
        yield from pattern.finditer(text, pos)
        return
    if hint.needs and not any(word in text for word in hint.needs):
        return
    if hint.lead is None:
        yield from pattern.finditer(text, pos)
        return
    while (found := hint.lead.search(text, pos)) is not None:
        start = found.start()
        whole = pattern.match(text, start)
        if whole is None:
            pos = start + 1
            continue
        yield whole
        pos = max(whole.end(), start + 1)

"""Records built by hand for tests: events at a trigger word, actor mentions from a name or pattern table."""

from __future__ import annotations

import re
from collections.abc import Mapping

from eventlens import ontology
from eventlens.models import Actor, Article, Event


def event_at(doc, article: Article, trigger: str, nth: int = 0, code: str = "190") -> Event:
    """An undated AAA->BBB event whose trigger is the ``nth`` occurrence of ``trigger``, its sentence as evidence."""
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(trigger, start + 1)
    sent = doc.char_span(start, start + len(trigger), alignment_mode="expand").sent
    info = ontology.load().info(code)
    return Event(
        id="e1", source="AAA", target="BBB", source_actor="a1", target_actor="a2", code=code,
        root=info.root, name="test", plover=None, quad_class=info.quad_class, goldstein=info.goldstein,
        date="", date_text=None, evidence=sent.text, evidence_start=sent.start_char,
        evidence_end=sent.end_char, trigger=trigger, trigger_start=start, trigger_end=start + len(trigger),
    )


def actors_in(text: str, table: Mapping[str, tuple[str, str]], kind: str = "person") -> list[Actor]:
    """Actor mentions for every whole-word occurrence of a ``table`` name (name -> (code, canonical
    name)), longest names first, no overlaps, ids a1... in text order."""
    found: list[tuple[int, int, str]] = []
    for name in sorted(table, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), name))
    found.sort()
    return [Actor(f"a{i}", n, s, e, table[n][0], table[n][1], kind=kind) for i, (s, e, n) in enumerate(found, 1)]


def cast_actors(text: str, cast: Mapping[str, tuple[str, str, str]]) -> list[Actor]:
    """Actor mentions for every match of a ``cast`` pattern (regex -> (canonical name, code, kind)),
    a match inside a longer one dropped, ids a1... in text order."""
    found = [(m.start(), m.end(), m.group(), *spec) for pat, spec in cast.items() for m in re.finditer(pat, text)]
    found = [f for f in found if not any(o[0] <= f[0] and f[1] <= o[1] and o != f for o in found)]
    return [
        Actor(id=f"a{i}", text=t, start=s, end=e, name=n, code=c, kind=k)
        for i, (s, e, t, n, c, k) in enumerate(sorted(found), 1)
    ]

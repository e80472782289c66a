"""Pure helpers that turn query rows into what the templates show: plotly figures, highlighted
article segments and a network layout. No I/O here; each figure is a plain dict that the page
embeds as JSON (every point's ``customdata`` is the local URL its click opens)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
QUAD_COLOURS = {1: "#4c9f70", 2: "#1f6f8b", 3: "#e0a030", 4: "#c0392b"}
_LAYOUT = {"margin": {"l": 48, "r": 16, "t": 30, "b": 40}, "height": 300, "hovermode": "closest",
           "legend": {"orientation": "h", "y": -0.25}}


def url(path: str, **params: Any) -> str:
    """A local URL with the non-empty parameters encoded."""
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")


def daily_figure(rows: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
    """Stacked bars of events per day by QuadClass; a bar opens that day's events of that class."""
    traces = []
    for quad, name in QUAD_NAMES.items():
        days = [r for r in rows if r["quad_class"] == quad]
        traces.append({
            "type": "bar", "name": name, "marker": {"color": QUAD_COLOURS[quad]},
            "x": [r["day"] for r in days], "y": [r["events"] for r in days],
            "customdata": [url("/events", **{**params, "since": r["day"], "until": r["day"], "quad_class": quad})
                           for r in days],
        })
    return {"data": traces, "layout": {**_LAYOUT, "barmode": "stack", "title": {"text": "Events per day by QuadClass"}}}


def goldstein_figure(rows: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
    """Mean Goldstein score per day; a point opens that day's events."""
    per_day: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in rows:
        per_day[r["day"]][0] += r["goldstein_sum"] or 0.0
        per_day[r["day"]][1] += r["events"]
    days = sorted(per_day)
    trace = {
        "type": "scatter", "mode": "lines+markers", "name": "mean Goldstein", "line": {"color": "#34495e"},
        "x": days, "y": [round(per_day[d][0] / per_day[d][1], 2) for d in days],
        "customdata": [url("/events", **{**params, "since": d, "until": d}) for d in days],
    }
    layout = {**_LAYOUT, "title": {"text": "Mean Goldstein per day"}, "yaxis": {"range": [-10.5, 10.5]}}
    return {"data": [trace], "layout": layout}


def dyad_figure(rows: list[dict[str, Any]], a: str, b: str) -> dict[str, Any]:
    """A to B (above zero) and B to A (below) per day and PLOVER type; a point opens its events."""
    series: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        series[(r["direction"], r["plover"])].append(r)
    traces = []
    for (direction, plover), points in sorted(series.items()):
        sign = 1 if direction == "a>b" else -1
        src, tgt = (a, b) if sign > 0 else (b, a)
        traces.append({
            "type": "bar", "name": f"{src}→{tgt} {plover}",
            "x": [p["day"] for p in points], "y": [sign * p["events"] for p in points],
            "customdata": [url("/events", source=src, target=tgt, plover=None if plover == "OTHER" else plover,
                               since=p["day"], until=p["day"]) for p in points],
        })
    layout = {**_LAYOUT, "barmode": "relative",
              "title": {"text": f"{a} to {b} (up) and {b} to {a} (down) by PLOVER type"}}
    return {"data": traces, "layout": layout}


def goldstein_colour(score: float | None) -> str:
    """Red for conflict, grey for neutral, green for cooperation (Goldstein -10..10)."""
    s = max(-10.0, min(10.0, score or 0.0)) / 10
    if s >= 0:
        return f"rgb({int(140 - 100 * s)},{int(140 + 40 * s)},{int(140 - 60 * s)})"
    return f"rgb({int(140 - 70 * s)},{int(140 + 90 * s)},{int(140 + 90 * s)})"


def layout_nodes(edges: list[tuple[str, str, float]], iterations: int = 80) -> dict[str, tuple[float, float]]:
    """Deterministic force-directed positions in [-1, 1]² for the nodes of weighted edges."""
    nodes = sorted({n for a, b, _ in edges for n in (a, b)})
    if not nodes:
        return {}
    pos = {n: [math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes))]
           for i, n in enumerate(nodes)}
    k = 1.6 / math.sqrt(len(nodes))
    for step in range(iterations):
        move = {n: [0.0, 0.0] for n in nodes}
        for i, u in enumerate(nodes):
            for v in nodes[i + 1:]:
                dx, dy = pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]
                d = max(math.hypot(dx, dy), 1e-3)
                f = k * k / d
                move[u][0] += dx / d * f
                move[u][1] += dy / d * f
                move[v][0] -= dx / d * f
                move[v][1] -= dy / d * f
        for u, v, w in edges:
            dx, dy = pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]
            d = max(math.hypot(dx, dy), 1e-3)
            f = d * d / k * (1 + math.log1p(w)) / 2
            move[u][0] -= dx / d * f
            move[u][1] -= dy / d * f
            move[v][0] += dx / d * f
            move[v][1] += dy / d * f
        temp = 0.1 * (1 - step / iterations)
        for n in nodes:
            d = max(math.hypot(*move[n]), 1e-9)
            pos[n][0] += move[n][0] / d * min(d, temp)
            pos[n][1] += move[n][1] / d * min(d, temp)
    scale = max(max(abs(c) for p in pos.values() for c in p), 1e-9)
    return {n: (round(p[0] / scale, 4), round(p[1] / scale, 4)) for n, p in pos.items()}


def network_figure(edges: list[dict[str, Any]], focus: str | None = None) -> dict[str, Any]:
    """The actor network: edge width by event count, colour by mean Goldstein; a node opens its actor page."""
    pos = layout_nodes([(e["a"], e["b"], float(e["events"])) for e in edges])
    top = max((e["events"] for e in edges), default=1)
    traces: list[dict[str, Any]] = []
    for e in edges:
        (x0, y0), (x1, y1) = pos[e["a"]], pos[e["b"]]
        traces.append({
            "type": "scatter", "mode": "lines", "showlegend": False, "hoverinfo": "skip",
            "x": [x0, x1], "y": [y0, y1],
            "line": {"width": 1 + 7 * e["events"] / top, "color": goldstein_colour(e["goldstein"])},
        })
    traces.append({  # one clickable mid-point per edge: hover text and the dyad page
        "type": "scatter", "mode": "markers", "showlegend": False, "hoverinfo": "text",
        "x": [(pos[e["a"]][0] + pos[e["b"]][0]) / 2 for e in edges],
        "y": [(pos[e["a"]][1] + pos[e["b"]][1]) / 2 for e in edges],
        "text": [f"{e['a']}–{e['b']}: {e['events']} events, mean Goldstein {e['goldstein']}" for e in edges],
        "marker": {"size": 7, "color": [goldstein_colour(e["goldstein"]) for e in edges], "opacity": 0.8},
        "customdata": [url("/dyad", a=e["a"], b=e["b"]) for e in edges],
    })
    names = sorted(pos)
    traces.append({
        "type": "scatter", "mode": "markers+text", "showlegend": False, "textposition": "top center",
        "x": [pos[n][0] for n in names], "y": [pos[n][1] for n in names], "text": names,
        "marker": {"size": [16 if n == focus else 11 for n in names],
                   "color": ["#c0392b" if n == focus else "#2c3e50" for n in names]},
        "customdata": [url(f"/actors/{n}") for n in names],
    })
    axis = {"visible": False, "range": [-1.25, 1.25]}
    layout = {**_LAYOUT, "height": 420, "xaxis": axis, "yaxis": axis,
              "title": {"text": "Actor network (width: events, colour: mean Goldstein)"}}
    return {"data": traces, "layout": layout}


@dataclass
class Segment:
    """A run of article text covered by the same highlights."""

    text: str
    kinds: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


def article_spans(record: dict[str, Any]) -> list[tuple[int, int, str, str, str]]:
    """``(start, end, kind, note, anchor)`` for every actor, event trigger, quote and date of an article."""
    spans = []
    for a in record["actors"]:
        spans.append((a["start"], a["end"], "actor", f"actor {a['code']} {a['name'] or ''}".strip(), ""))
    for e in record["events"]:
        if e.get("trigger_start") is not None and e.get("trigger_end") is not None:
            note = f"event {e['id']}: {e['source']} {e['code']} {e['name']} → {e['target'] or '—'}"
            spans.append((e["trigger_start"], e["trigger_end"], "trigger", note, f"t-{e['id']}"))
    for q in record["quotes"]:
        spans.append((q["start"], q["end"], "quote", f"quote {q['id']} by {q['speaker'] or 'unknown'}", f"q-{q['id']}"))
    for d in record["dates"]:
        spans.append((d["start"], d["end"], "date", f"date {d['value']} ({d['type']})", ""))
    return spans


def segments(text: str, spans: list[tuple[int, int, str, str, str]]) -> list[Segment]:
    """The text cut at every span boundary, each piece with the kinds and notes covering it.

    Spans outside the text or empty are ignored; overlapping spans simply stack their kinds.
    """
    valid = [(max(0, s), min(len(text), e), k, n, a) for s, e, k, n, a in spans
             if s is not None and e is not None and max(0, s) < min(len(text), e)]
    cuts = sorted({0, len(text), *(s for s, *_ in valid), *(e for _, e, *_ in valid)})
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        cover = [(k, n, a) for s, e, k, n, a in valid if s <= lo and hi <= e]
        kinds = sorted({k for k, _, _ in cover})
        starts = [a for s, e, k, n, a in valid if s == lo and a]
        out.append(Segment(text[lo:hi], kinds, [n for _, n, _ in cover], starts))
    return out

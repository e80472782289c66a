"""Timeline17 (two topics): do event dates land on the days a journalist's timeline names?

For each topic the whole pipeline runs over its articles. ``timeline_date_recall`` is the share
of gold timeline dates that get at least one event dated to that day from that topic's
articles; ``event_date_precision`` the share of dated events whose date is a gold timeline
date of the topic. The same figures with every event stamped with its article's publication
date (what story-date coders do) are given as ``pubdate_*`` for comparison. The articles are
read at run time and never copied into the package.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventlens.config import Settings
from eventlens.evals import BenchmarkNotFound, Report
from eventlens.ingest import make_article
from eventlens.models import ArticleError


@dataclass
class TopicDates:
    """Per topic: gold timeline dates, event dates from eventlens, and the same events' publication dates."""

    gold: set[str] = field(default_factory=set)
    events: list[str] = field(default_factory=list)
    stamped: list[str] = field(default_factory=list)
    articles: int = 0


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL file, or BenchmarkNotFound."""
    if not path.exists():
        raise BenchmarkNotFound(str(path))
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def spread(items: list[Any], limit: int | None) -> list[Any]:
    """``limit`` items spread evenly over the list (all of them without a limit)."""
    if not limit or limit >= len(items):
        return items
    return [items[i * len(items) // limit] for i in range(limit)]


def load_topics(shared: Path, limit: int | None = None) -> tuple[dict[str, set[str]], dict[str, list[dict[str, Any]]]]:
    """(gold dates by topic, articles by topic), ``limit`` articles per topic spread over its dates."""
    folder = shared / "benchmarks" / "t17_timelines"
    gold: dict[str, set[str]] = defaultdict(set)
    for entry in _read_jsonl(folder / "timelines.jsonl"):
        gold[entry["topic"]].add(entry["date"])
    by_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in _read_jsonl(folder / "articles.jsonl"):
        by_topic[rec["topic"]].append(rec)
    return dict(gold), {t: spread(sorted(recs, key=lambda r: r["date"]), limit) for t, recs in by_topic.items()}


def _ratio(part: int, whole: int) -> float:
    """part / whole rounded to four places (0.0 for an empty whole)."""
    return round(part / whole, 4) if whole else 0.0


def measure(topics: dict[str, TopicDates], stamped: bool = False) -> dict[str, float]:
    """Timeline date recall, event date precision and their F1 over all topics."""
    covered = gold = on = dated = 0
    for t in topics.values():
        days = [d for d in (t.stamped if stamped else t.events) if d != "unknown"]
        covered += len(t.gold & set(days))
        gold += len(t.gold)
        on += sum(d in t.gold for d in days)
        dated += len(days)
    r, p = _ratio(covered, gold), _ratio(on, dated)
    return {"timeline_date_recall": r, "event_date_precision": p,
            "date_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _run_topic(records: list[dict[str, Any]], gold: set[str], settings: Settings, errors: list[str]) -> TopicDates:
    """Run the pipeline over one topic's articles and collect event dates."""
    from eventlens.pipeline import process

    out = TopicDates(gold=set(gold), articles=len(records))
    articles = [make_article(r["text"], date=r["date"], id=r["id"], max_chars=settings.max_chars) for r in records]
    for outcome, rec in zip(process(articles, settings), records, strict=True):
        if isinstance(outcome, ArticleError):
            errors.append(f"{rec['id']}: {outcome.reason}")
            continue
        out.events += [ev.date for ev in outcome.events]
        out.stamped += [rec["date"] for _ in outcome.events]
    return out


def run(settings: Settings, shared: Path, limit: int | None = None, name: str = "timelines") -> Report:
    """Score event dates against the Timeline17 gold timelines (``limit`` articles per topic)."""
    gold, by_topic = load_topics(shared, limit)
    errors: list[str] = []
    started = time.perf_counter()
    topics = {t: _run_topic(recs, gold.get(t, set()), settings, errors) for t, recs in by_topic.items()}
    seconds = time.perf_counter() - started
    n_articles = sum(t.articles for t in topics.values())
    total: dict[str, Any] = measure(topics)
    total.update({f"pubdate_{k}": v for k, v in measure(topics, stamped=True).items()})
    total.update(articles=n_articles, events=sum(len(t.events) for t in topics.values()),
                 unknown_dates=sum(t.events.count("unknown") for t in topics.values()),
                 seconds=round(seconds, 1), seconds_per_1000_articles=round(1000 * seconds / max(n_articles, 1), 1))
    figures = {"total": total, "topics": {t: measure({t: d}) for t, d in topics.items()}}
    return Report(name, figures, _text(name, figures), errors)


def _text(name: str, figures: dict[str, Any]) -> str:
    """The figures, readable."""
    lines = [f"== {name} (Timeline17, 2 topics) =="]
    lines += [f"{k}: {v}" for k, v in figures["total"].items()]
    lines += [f"{topic}: {vals}" for topic, vals in figures["topics"].items()]
    return "\n".join(lines) + "\n"

"""The PLOVER gold-standard records: event type, source and target code accuracy per sentence.

Each of the 322 CAMEO-manual example sentences is run through the whole pipeline; the event the
coder is most confident of (first in text order on ties) is compared with the gold record:

- ``type_accuracy``: its PLOVER type equals the gold type, over all records (no event = wrong);
- ``type_accuracy_coded``: the same over records where eventlens coded an event;
- ``any_type``: some event of the sentence has the gold type;
- ``source_accuracy`` / ``target_accuracy``: its source (target) country or IGO root is one of the
  gold actors' codes, over coded records whose gold record names such an actor;
- ``target_accuracy_stated``: the same over records whose top event names a target (an event
  CAMEO codes without a target, such as a protest, counts as a miss in ``target_accuracy`` only).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from eventlens.config import Settings
from eventlens.evals import Report, read_jsonl
from eventlens.ingest import make_article
from eventlens.models import ArticleError

LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA"}  # 0.5b1 codes that CAMEO/ISO spell differently


def load_records(shared: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The GSR records, in file order."""
    return read_jsonl(shared, "plover_gsr/plover_gsr.jsonl", limit)


def _root(code: str | None) -> str:
    """The 3-letter country/IGO root of an actor code, legacy codes normalised."""
    root = (code or "")[:3].upper()
    return LEGACY_CODES.get(root, root)


def _gold_roots(actors: list[dict[str, Any]]) -> set[str]:
    return {_root(a.get("code")) for a in actors if isinstance(a, dict) and a.get("code")}


def _top(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event the coder is most confident of (first on ties)."""
    typed = [e for e in events if e.get("plover")]
    return max(typed, key=lambda e: e.get("confidence", 0.0)) if typed else None


class _Counts(Counter):
    """Named counters with a ratio helper."""

    def ratio(self, hit: str, base: str) -> float:
        return round(self[hit] / self[base], 3) if self[base] else 0.0


def _score_one(events: list[dict[str, Any]], gold: dict[str, Any], counts: _Counts,
               confusion: Counter[tuple[str, str]]) -> None:
    """Add one record to the counts."""
    counts["records"] += 1
    top = _top(events)
    counts["any_type"] += any(e.get("plover") == gold["event"] for e in events)
    confusion[(gold["event"], top["plover"] if top else "-")] += 1
    if top is None:
        return
    counts["coded"] += 1
    counts["type_hit"] += top["plover"] == gold["event"]
    for role in ("source", "target"):
        roots = _gold_roots(gold.get(role) or [])
        if roots:
            counts[f"{role}_base"] += 1
            counts[f"{role}_hit"] += _root(top.get(role)) in roots
            counts[f"{role}_stated"] += top.get(role) is not None


def _figures(counts: _Counts) -> dict[str, Any]:
    """The headline numbers."""
    return {
        "records": counts["records"], "coded": counts["coded"],
        "type_accuracy": counts.ratio("type_hit", "records"),
        "type_accuracy_coded": counts.ratio("type_hit", "coded"),
        "any_type": counts.ratio("any_type", "records"),
        "source_accuracy": counts.ratio("source_hit", "source_base"),
        "target_accuracy": counts.ratio("target_hit", "target_base"),
        "target_accuracy_stated": counts.ratio("target_hit", "target_stated"),
    }


def run(settings: Settings, shared: Path, limit: int | None = None, name: str = "plover") -> Report:
    """Score eventlens on the PLOVER GSR."""
    from eventlens.pipeline import process

    records = load_records(shared, limit)
    articles = [make_article(r["text"], id=r["id"]) for r in records]
    counts, errors = _Counts(), []
    confusion: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    for outcome, record in zip(process(articles, settings), records, strict=True):
        if isinstance(outcome, ArticleError):
            errors.append(f"{record['id']}: {outcome.reason}")
            continue
        _score_one([e.to_dict() for e in outcome.events], record["gold"], counts, confusion)
    seconds = time.perf_counter() - started
    figures = {"total": {**_figures(counts), "sentences_per_s": round(len(records) / seconds, 1) if seconds else 0.0},
               "confusion": {f"{g}->{p}": n for (g, p), n in confusion.most_common()}}
    text = f"== {name} (PLOVER GSR) ==\n" + ", ".join(f"{k}={v}" for k, v in figures["total"].items()) + "\n"
    text += "top confusions (gold->predicted): " + ", ".join(
        f"{k} {v}" for k, v in list(figures["confusion"].items())[:15]) + "\n"
    return Report(name, figures, text, errors)

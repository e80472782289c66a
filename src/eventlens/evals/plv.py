"""PLV: 1,050 real news sentences, each stating one event with a PLOVER type, source and target.

Each sentence is run as one article with no date, then judged as the benchmark's README says:

- ``event_found``: the record has any event;
- ``type_recall``: some event has the gold PLOVER type (CONCEDE and RETREAT count as YIELD);
- ``dyad_recall``: such an event whose source mention overlaps a gold source span and whose target
  mention overlaps a gold target span (a side without spans is not checked; CONSULT, AGREE and
  COOPERATE may be written in either direction);
- ``type_precision``: the share of predicted events whose type is the sentence's gold type (a lower
  bound: a sentence may state other true events).

The headline is on the ``past`` sentences. The file is split by id: **even ids are for studying
misses, odd ids are reported as the held-aside figure**; the gap between the halves shows how much
of a gain is fitting. Sentences of the ``future_or_intended`` modality are reported apart.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventlens.config import Settings
from eventlens.evals import Report, read_jsonl
from eventlens.ingest import make_article
from eventlens.models import ArticleError

YIELD_TYPES = frozenset({"CONCEDE", "RETREAT", "YIELD"})
EITHER_WAY = frozenset({"CONSULT", "AGREE", "COOPERATE"})
HALVES = ("even", "odd")


def load_records(shared: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The PLV sentences, in file order."""
    return read_jsonl(shared, "plv/plv_train.jsonl", limit)


def half(record_id: str) -> str:
    """``even`` or ``odd`` by the number at the end of the id (``PLV-train-0007`` -> odd)."""
    digits = "".join(ch for ch in record_id.rsplit("-", 1)[-1] if ch.isdigit())
    return "odd" if digits and int(digits) % 2 else "even"


def plover_type(value: str | None) -> str | None:
    """A PLOVER type as PLV labels it: CONCEDE and RETREAT are YIELD."""
    return "YIELD" if value in YIELD_TYPES else value


def _overlaps(span: tuple[int, int] | None, gold: list[list[int]]) -> bool:
    return span is not None and any(span[0] < end and start < span[1] for start, end in gold)


def dyad_right(event: dict[str, Any], spans: dict[str, tuple[int, int]], record: dict[str, Any]) -> bool:
    """The event's source and target mentions overlap the gold spans (either way for symmetric types)."""
    src, tgt = spans.get(event.get("source_actor") or ""), spans.get(event.get("target_actor") or "")

    def fits(s: tuple[int, int] | None, t: tuple[int, int] | None) -> bool:
        ok_s = not record["source_spans"] or _overlaps(s, record["source_spans"])
        ok_t = not record["target_spans"] or _overlaps(t, record["target_spans"])
        return ok_s and ok_t

    return fits(src, tgt) or (record["plover"] in EITHER_WAY and fits(tgt, src))


@dataclass
class Judgement:
    """What one sentence's record got right."""

    found: bool
    type_hit: bool
    dyad_hit: bool
    predicted: int
    predicted_right: int
    top: str


def judge(result: dict[str, Any], record: dict[str, Any]) -> Judgement:
    """Score one sentence's record against its gold line."""
    gold = plover_type(record["plover"])
    events = result.get("events", [])
    spans = {a["id"]: (a["start"], a["end"]) for a in result.get("actors", [])}
    typed = [e for e in events if plover_type(e.get("plover")) == gold]
    top = max(events, key=lambda e: e.get("confidence", 0.0)) if events else None
    return Judgement(
        found=bool(events),
        type_hit=bool(typed),
        dyad_hit=any(dyad_right(e, spans, record) for e in typed),
        predicted=len(events),
        predicted_right=len(typed),
        top=(plover_type(top.get("plover")) or "-") if top else "-",
    )


class Tally(Counter):
    """Counts for one group of sentences."""

    def add(self, j: Judgement) -> None:
        self["sentences"] += 1
        self["found"] += j.found
        self["type_hit"] += j.type_hit
        self["dyad_hit"] += j.dyad_hit
        self["predicted"] += j.predicted
        self["predicted_right"] += j.predicted_right

    def figures(self) -> dict[str, float]:
        n, p = self["sentences"], self["predicted"]
        return {
            "sentences": n,
            "event_found": round(self["found"] / n, 3) if n else 0.0,
            "type_recall": round(self["type_hit"] / n, 3) if n else 0.0,
            "dyad_recall": round(self["dyad_hit"] / n, 3) if n else 0.0,
            "type_precision": round(self["predicted_right"] / p, 3) if p else 0.0,
        }


def _group(record: dict[str, Any]) -> str:
    return f"{'past' if record.get('modality', 'past') == 'past' else 'future'}_{half(record['id'])}"


def score(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """Figures for (record, gold) pairs: past sentences by half and together, future ones apart,
    per gold type on the past sentences, and the confusion of the top event on the odd half."""
    groups: dict[str, Tally] = {}
    by_type: dict[str, Tally] = {}
    confusion: Counter = Counter()
    for result, record in pairs:
        j = judge(result, record)
        key = _group(record)
        for name in (key, key.split("_")[0]):
            groups.setdefault(name, Tally()).add(j)
        if key.startswith("past"):
            by_type.setdefault(plover_type(record["plover"]) or "-", Tally()).add(j)
        if key == "past_odd":
            confusion[f"{plover_type(record['plover'])}->{j.top}"] += 1
    figures: dict[str, Any] = {"total": {}}
    for name in ("past_odd", "past_even", "past", "future"):
        for k, v in groups.get(name, Tally()).figures().items():
            figures["total"][f"{name}_{k}"] = v
    figures["by_type"] = {t: tally.figures() for t, tally in sorted(by_type.items())}
    figures["confusion_odd"] = dict(confusion.most_common(25))
    return figures


def run(settings: Settings, shared: Path, limit: int | None = None, name: str = "plv") -> Report:
    """Score eventlens on the PLV sentences."""
    from eventlens.pipeline import process

    records = load_records(shared, limit)
    articles = [make_article(r["text"], id=r["id"]) for r in records]
    pairs, errors = [], []
    started = time.perf_counter()
    for outcome, record in zip(process(articles, settings), records, strict=True):
        if isinstance(outcome, ArticleError):
            errors.append(f"{record['id']}: {outcome.reason}")
            continue
        pairs.append((outcome.to_dict(), record))
    seconds = time.perf_counter() - started
    figures = score(pairs)
    figures["total"]["sentences_per_s"] = round(len(records) / seconds, 1) if seconds else 0.0
    return Report(name, figures, _text(name, figures), errors)


def _text(name: str, figures: dict[str, Any]) -> str:
    total = figures["total"]
    lines = [f"== {name} (PLV real news sentences; even ids studied, odd ids held aside) =="]
    for group in ("past_odd", "past_even", "past", "future"):
        keys = ("sentences", "event_found", "type_recall", "dyad_recall", "type_precision")
        lines.append(f"{group:10s} " + ", ".join(f"{k}={total.get(f'{group}_{k}')}" for k in keys))
    lines.append("past sentences by gold type (type recall / dyad recall / n): " + ", ".join(
        f"{t} {f['type_recall']}/{f['dyad_recall']}/{f['sentences']}" for t, f in figures["by_type"].items()))
    lines.append("top confusions, odd half (gold->top predicted): " + ", ".join(
        f"{k} {v}" for k, v in list(figures["confusion_odd"].items())[:15]))
    return "\n".join(lines) + "\n"

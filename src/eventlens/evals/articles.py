"""The seed and the devset: whole articles scored in the output's own shape, article by article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventlens.config import Settings
from eventlens.evals import BenchmarkNotFound, Report, read_jsonl
from eventlens.evals.scoring import ArticleScore, score_corpus
from eventlens.ingest import make_article
from eventlens.models import ArticleError
from eventlens.output import render


def load_seed(shared: Path) -> list[dict[str, Any]]:
    """The seed article's gold record as a one-item list."""
    path = shared / "benchmarks" / "seed" / "seed_gold.json"
    if not path.exists():
        raise BenchmarkNotFound(str(path))
    return [json.loads(path.read_text("utf-8"))]


def load_devset(shared: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The devset's gold articles, in file order."""
    return read_jsonl(shared, "devset/dev_articles.jsonl", limit)


def predict(golds: list[dict[str, Any]], settings: Settings) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Run the pipeline on each gold article's text; yield (prediction, gold)."""
    from eventlens.pipeline import process

    articles = [make_article(g["text"], date=g.get("date"), id=g.get("id"), origin=g.get("id", "")) for g in golds]
    for outcome, gold in zip(process(articles, settings), golds, strict=True):
        if isinstance(outcome, ArticleError):
            yield {"article_id": gold.get("id"), "error": outcome.reason}, gold
        else:
            yield outcome.to_dict(), gold


COLUMNS = [
    ("event_precision", "ev P"), ("event_recall", "ev R"), ("event_f1", "ev F1"),
    ("not_event_violations", "NE viol"), ("quote_f1", "qt F1"), ("quote_speaker_accuracy", "spk acc"),
    ("date_recall", "dt R"), ("date_value_accuracy", "dt val"), ("actor_recall", "act R"),
    ("actor_code_exact", "act exact"), ("actor_code_country", "act ctry"),
]


def format_scores(name: str, per_article: list[ArticleScore], total: ArticleScore) -> str:
    """Article-by-article table, the totals line, missed events and violations."""
    rows = [{"article": s.article_id, **{label: s.summary()[key] for key, label in COLUMNS}}
            for s in [*per_article, total]]
    text = f"== {name} ==\n" + render(rows, "table")
    text += "totals: " + ", ".join(f"{k}={v}" for k, v in total.summary().items()) + "\n"
    text += "".join(f"  missed: {m}\n" for m in total.missed_events)
    text += "".join(f"  violation: {v}\n" for v in total.violations)
    return text


def run(settings: Settings, shared: Path, limit: int | None = None, name: str = "devset") -> Report:
    """Score eventlens on the seed or the devset."""
    golds = load_seed(shared) if name == "seed" else load_devset(shared, limit)
    pairs = list(predict(golds, settings))
    errors = [f"{p['article_id']}: {p['error']}" for p, _ in pairs if "error" in p]
    per_article, total = score_corpus(pairs)
    figures = {"total": total.summary(), "articles": {s.article_id: s.summary() for s in per_article}}
    return Report(name, figures, format_scores(name, per_article, total), errors)

"""Find the shared benchmarks and run eventlens over them (``eventlens eval``).

The benchmarks are read at run time from a ``shared/`` folder beside the repository (or the
folder named by ``EVENTLENS_SHARED``); none of them ships in the package.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventlens.config import Settings
from eventlens.evaluation import ArticleScore, score_corpus
from eventlens.ingest import make_article
from eventlens.models import ArticleError


class BenchmarkNotFound(FileNotFoundError):
    """The shared benchmarks folder or one of its files is missing."""


def find_shared(explicit: str | Path | None = None) -> Path:
    """The ``shared/`` folder: ``explicit``, ``$EVENTLENS_SHARED``, or one above cwd or the package."""
    candidates: list[Path] = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get("EVENTLENS_SHARED"):
        candidates.append(Path(os.environ["EVENTLENS_SHARED"]))
    for base in (Path.cwd(), Path(__file__).resolve()):
        candidates.extend(parent / "shared" for parent in [base, *base.parents])
    for c in candidates:
        if (c / "benchmarks").is_dir():
            return c
    raise BenchmarkNotFound("no shared/benchmarks folder found; pass --shared PATH or set EVENTLENS_SHARED")


def load_seed(shared: Path) -> list[dict[str, Any]]:
    """The seed article's gold record as a one-item list."""
    path = shared / "benchmarks" / "seed" / "seed_gold.json"
    if not path.exists():
        raise BenchmarkNotFound(str(path))
    return [json.loads(path.read_text("utf-8"))]


def load_devset(shared: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The devset's gold articles, in file order."""
    path = shared / "benchmarks" / "devset" / "dev_articles.jsonl"
    if not path.exists():
        raise BenchmarkNotFound(str(path))
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return records[:limit] if limit else records


LOADERS: dict[str, Callable[..., list[dict[str, Any]]]] = {"seed": load_seed, "devset": load_devset}


@dataclass
class BenchmarkRun:
    """Scores of one benchmark: per article, the total, and any article that failed."""

    name: str
    articles: list[ArticleScore]
    total: ArticleScore
    errors: list[str]


def _predict(golds: list[dict[str, Any]], settings: Settings) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Run the pipeline on each gold article's text; yield (prediction, gold)."""
    from eventlens.pipeline import process

    articles = [make_article(g["text"], date=g.get("date"), id=g.get("id"), origin=g.get("id", "")) for g in golds]
    for outcome, gold in zip(process(articles, settings), golds, strict=True):
        if isinstance(outcome, ArticleError):
            yield {"article_id": gold.get("id"), "error": outcome.reason}, gold
        else:
            yield outcome.to_dict(), gold


def run(name: str, settings: Settings, shared: Path, limit: int | None = None) -> BenchmarkRun:
    """Score eventlens on the benchmark ``name`` (``seed`` or ``devset``)."""
    if name not in LOADERS:
        raise ValueError(f"unknown benchmark {name!r}; choose from {', '.join(LOADERS)}")
    golds = LOADERS[name](shared, limit) if name == "devset" else LOADERS[name](shared)
    pairs = list(_predict(golds, settings))
    errors = [f"{p['article_id']}: {p['error']}" for p, _ in pairs if "error" in p]
    per_article, total = score_corpus(pairs)
    return BenchmarkRun(name, per_article, total, errors)

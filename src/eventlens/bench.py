"""Speed and memory figures for ``eventlens bench``: load times, parse and per-stage time."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eventlens.config import Settings
from eventlens.ingest import read_all
from eventlens.models import Article


@dataclass
class BenchReport:
    """Measured figures; ``stages`` holds seconds per stage summed over all articles."""

    articles: int = 0
    sentences: int = 0
    characters: int = 0
    load_seconds: dict[str, float] = field(default_factory=dict)
    parse_seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0

    def figures(self) -> dict[str, Any]:
        """All figures as a flat, JSON-ready dict."""
        per_k = 1000 / self.sentences if self.sentences else 0.0
        coding = sum(self.stages.values())
        total = self.parse_seconds + coding
        out: dict[str, Any] = {
            "articles": self.articles, "sentences": self.sentences, "characters": self.characters,
            **{f"load_{k}_s": round(v, 3) for k, v in self.load_seconds.items()},
            "parse_s": round(self.parse_seconds, 3),
            **{f"{k}_s_per_1k_sentences": round(v * per_k, 3) for k, v in self.stages.items()},
            "stages_s_per_1k_sentences": round(coding * per_k, 3),
            "sentences_per_s_parse_excluded": round(self.sentences / coding, 1) if coding else 0.0,
            "sentences_per_s_parse_included": round(self.sentences / total, 1) if total else 0.0,
            "articles_per_s": round(self.articles / total, 2) if total else 0.0,
            "s_per_1k_articles": round(total * 1000 / self.articles, 1) if self.articles else 0.0,
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }
        return out


def run(inputs: Iterable[str], settings: Settings, repeat: int = 1) -> BenchReport:
    """Time every stage over the articles of ``inputs`` (each read ``repeat`` times).

    Model and dictionary load times are only meaningful in a fresh process (they are cached).
    """
    from eventlens.parse import parse
    from eventlens.pipeline import Stopwatch, analyse, build_resources

    report = BenchReport()
    loads = Stopwatch()
    res = build_resources(settings, loads)
    report.load_seconds = loads.seconds
    articles = [a for a in read_all(list(inputs), settings.max_chars) if isinstance(a, Article)] * repeat
    started = time.perf_counter()
    docs = list(parse(articles, res.nlp, settings.batch_size))
    report.parse_seconds = time.perf_counter() - started
    watch = Stopwatch()
    for doc, article in docs:
        analyse(doc, article, res, watch)
        report.sentences += sum(1 for _ in doc.sents)
        report.characters += len(article.text)
    report.articles = len(docs)
    report.stages = watch.seconds
    report.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report

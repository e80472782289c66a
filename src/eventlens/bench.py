"""Speed and memory figures for ``eventlens bench``.

Three measurements, all reported, none tested against a threshold:

- **start-up**: a fresh Python process imports eventlens and loads every resource (spaCy pipeline,
  actor dictionaries, ontology, verb dictionaries, gazetteer, event model); seconds for each, and
  that process's peak RSS (median of ``startup_runs`` processes);
- **throughput**: the same articles through bare spaCy parsing (``nlp.pipe`` with the pipeline
  eventlens loads, nothing else) and through the whole pipeline (parse, then every stage), in the
  same process, the two runs interleaved ``rounds`` times (alternating which goes first) and the
  median of each kept: articles/s, sentences/s and words/s of both, their ratio, seconds per stage;
- **scaling** (``--scaling``): prefixes of one long article (20k, 40k, 80k and 160k characters),
  parse and stage CPU time for each, to show that the stages' cost grows linearly with length.

Wall-clock time is what a user waits for, CPU time (``time.process_time``) is steadier on a busy
machine; both are kept, throughputs use wall-clock time.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventlens.config import Settings
from eventlens.ingest import make_article, read_all
from eventlens.models import Article

if TYPE_CHECKING:  # the pipeline is imported where used: start-up is one of the things timed
    from eventlens.pipeline import Resources

T17_ARTICLES = Path("benchmarks") / "t17_timelines" / "articles.jsonl"
DEFAULT_LIMIT = 40  # Timeline17 articles timed by default (spread over the 667; --limit 0 for all)
SCALING_SIZES = (20_000, 40_000, 80_000, 160_000)


def default_inputs() -> tuple[list[str], int | None]:
    """The Timeline17 articles of ``shared/`` (40 of them) when found, else the devset or ``samples/``."""
    from eventlens import evals, runner

    try:
        t17 = evals.find_shared() / T17_ARTICLES
        if t17.exists():
            return [str(t17)], DEFAULT_LIMIT
    except FileNotFoundError:
        pass
    return runner.default_bench_inputs(), None


def spread(items: Sequence[Any], limit: int | None) -> list[Any]:
    """``limit`` items taken evenly across ``items`` (all of them when ``limit`` is None or 0)."""
    if not limit or limit >= len(items):
        return list(items)
    step = len(items) / limit
    return [items[int(k * step)] for k in range(limit)]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    """Wall-clock and CPU seconds, summed per name (a ``pipeline.StageTimer``: ``with clock("actors"): ...``)."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu

    @property
    def seconds(self) -> dict[str, float]:
        return self.wall


# ---- start-up -------------------------------------------------------------------------------------


def startup_probe(config: str | None = None, model: str | None = None) -> dict[str, Any]:
    """Import eventlens and load every resource in this (fresh) process; seconds and peak RSS."""
    started = time.perf_counter()
    from eventlens.config import load_settings
    from eventlens.pipeline import Stopwatch, build_resources
    from eventlens.places import gazetteer as gazetteer_module

    imported = time.perf_counter()
    settings = load_settings(Path(config) if config else None)
    if model:
        settings = settings.replace(spacy_model=model)
    cached = gazetteer_module.cache_path() if hasattr(gazetteer_module, "cache_path") else None
    gazetteer = "off" if cached is None else "hit" if cached.exists() else "built"
    watch = Stopwatch()
    build_resources(settings, watch)
    return {"import": imported - started, **watch.seconds, "total": time.perf_counter() - started,
            "peak_rss_mb": peak_rss_mb(), "gazetteer_cache": gazetteer}


def measure_startup(runs: int, config: str | None = None, model: str | None = None) -> dict[str, Any]:
    """Median start-up figures of ``runs`` fresh processes (``python -m eventlens.bench --startup``)."""
    probes = []
    for _ in range(runs):
        command = [sys.executable, "-W", "ignore", "-m", "eventlens.bench", "--startup"]
        command += ["--config", config] if config else []
        command += ["--model", model] if model else []
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"start-up probe failed: {done.stderr.strip()[-500:]}")
        probes.append(json.loads(done.stdout.strip().splitlines()[-1]))
    out: dict[str, Any] = {k: statistics.median(p[k] for p in probes) for k in probes[0] if k != "gazetteer_cache"}
    out["gazetteer_cache"] = ",".join(p["gazetteer_cache"] for p in probes)
    out["runs"] = runs
    return out


# ---- throughput -----------------------------------------------------------------------------------


@dataclass
class BenchReport:
    """Measured figures (medians over rounds); seconds per stage are summed over all articles."""

    articles: int = 0
    sentences: int = 0
    words: int = 0
    characters: int = 0
    rounds: int = 0
    load_seconds: dict[str, float] = field(default_factory=dict)
    startup: dict[str, Any] = field(default_factory=dict)
    parse_seconds: float = 0.0  # bare spaCy parsing, wall clock
    parse_cpu: float = 0.0
    pipeline_seconds: float = 0.0  # the whole pipeline (parse + stages), wall clock
    pipeline_cpu: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # wall clock, "parse" included
    stages_cpu: dict[str, float] = field(default_factory=dict)
    event_model_seconds: float = 0.0  # the learned event model's part of the events stage
    event_model_cpu: float = 0.0
    peak_rss_mb: float = 0.0
    jobs: dict[int, dict[str, float]] = field(default_factory=dict)  # per process count: wall s, peak RSS

    def figures(self) -> dict[str, Any]:
        """All figures as a flat, JSON-ready dict."""
        per_k = 1000 / self.sentences if self.sentences else 0.0
        after = {k: v for k, v in self.stages.items() if k != "parse"}
        after_cpu = {k: v for k, v in self.stages_cpu.items() if k != "parse"}
        coding = sum(after.values())

        def rate(n: int, seconds: float) -> float:
            return round(n / seconds, 2) if seconds else 0.0

        out: dict[str, Any] = {
            "articles": self.articles, "sentences": self.sentences, "words": self.words,
            "characters": self.characters, "rounds": self.rounds,
            **{f"startup_{k}" + ("" if k in ("gazetteer_cache", "runs") or k.endswith("_mb") else "_s"):
               round(v, 3) if isinstance(v, float) else v for k, v in self.startup.items()},
            **{f"load_{k}_s": round(v, 3) for k, v in self.load_seconds.items()},
            "parse_s": round(self.parse_seconds, 3),
            "pipeline_s": round(self.pipeline_seconds, 3),
            "parse_articles_per_s": rate(self.articles, self.parse_seconds),
            "pipeline_articles_per_s": rate(self.articles, self.pipeline_seconds),
            "parse_sentences_per_s": rate(self.sentences, self.parse_seconds),
            "pipeline_sentences_per_s": rate(self.sentences, self.pipeline_seconds),
            "parse_words_per_s": rate(self.words, self.parse_seconds),
            "pipeline_words_per_s": rate(self.words, self.pipeline_seconds),
            "pipeline_to_parse_ratio":
                round(self.parse_seconds / self.pipeline_seconds, 3) if self.pipeline_seconds else 0.0,
            "pipeline_to_parse_ratio_cpu": round(self.parse_cpu / self.pipeline_cpu, 3) if self.pipeline_cpu else 0.0,
            "stages_share_of_parse": round(coding / self.parse_seconds, 3) if self.parse_seconds else 0.0,
            "stages_share_of_parse_cpu": (round(sum(after_cpu.values()) / self.parse_cpu, 3)
                                          if self.parse_cpu else 0.0),
            **{f"stage_{k}_s": round(v, 3) for k, v in self.stages.items()},
            **{f"stage_{k}_cpu_s": round(v, 3) for k, v in self.stages_cpu.items()},
            "event_model_s": round(self.event_model_seconds, 3),
            "event_model_cpu_s": round(self.event_model_cpu, 3),
            "event_model_share_of_stages": round(self.event_model_seconds / coding, 3) if coding else 0.0,
            **{f"{k}_s_per_1k_sentences": round(v * per_k, 3) for k, v in after.items()},
            "stages_s_per_1k_sentences": round(coding * per_k, 3),
            "s_per_1k_articles": round(self.pipeline_seconds * 1000 / self.articles, 1) if self.articles else 0.0,
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }
        one = self.jobs.get(1, {}).get("seconds")
        for n, run in sorted(self.jobs.items()):
            out[f"jobs_{n}_s"] = round(run["seconds"], 3)
            out[f"jobs_{n}_articles_per_s"] = rate(self.articles, run["seconds"])
            out[f"jobs_{n}_worker_peak_rss_mb"] = round(run["worker_rss_mb"], 1)
            if one and n > 1:
                out[f"jobs_{n}_speedup"] = round(one / run["seconds"], 3)
        return out


def tables(figures: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The figures as titled tables for the terminal: throughput, stages, start-up and loads, the rest."""
    f = figures
    through = [
        {"run": run,
         **{unit: f.get(f"{key}_{unit.replace('/', '_per_')}") for unit in ("articles/s", "sentences/s", "words/s")},
         "seconds": f.get(f"{key}_s")}
        for run, key in (("bare spaCy parse", "parse"), ("whole pipeline", "pipeline"))]
    through.append({"run": "pipeline / parse", **{
        unit: round(f[f"pipeline_{unit.replace('/', '_per_')}"] / f[f"parse_{unit.replace('/', '_per_')}"], 3)
        if f.get(f"parse_{unit.replace('/', '_per_')}") else None for unit in ("articles/s", "sentences/s", "words/s")},
        "seconds": None})
    parse_s = f.get("parse_s") or 0.0
    stages = [{"stage": k[len("stage_"):-2], "seconds": v, "cpu seconds": f.get(f"{k[:-2]}_cpu_s"),
               "share of bare parse": round(v / parse_s, 3) if parse_s else None}
              for k, v in f.items() if k.startswith("stage_") and not k.endswith("_cpu_s")]
    stages.append({"stage": "(event model, inside events)", "seconds": f.get("event_model_s"),
                   "cpu seconds": f.get("event_model_cpu_s"),
                   "share of bare parse": round(f.get("event_model_s", 0.0) / parse_s, 3) if parse_s else None})
    stages.append({"stage": "all stages after parsing", "seconds": round(sum(
        r["seconds"] for r in stages[:-1] if r["stage"] != "parse"), 3), "cpu seconds": None,
                   "share of bare parse": f.get("stages_share_of_parse")})
    loads = [{"resource": k[len("startup_"):-2], "fresh process s": v,
              "in this run s": f.get(f"load_{k[len('startup_'):]}")}
             for k, v in f.items() if k.startswith("startup_") and k.endswith("_s")]
    loads += [{"resource": k[len("load_"):-2], "fresh process s": None, "in this run s": v}
              for k, v in f.items() if k.startswith("load_") and f"startup_{k[len('load_'):]}" not in f]
    shown = {"parse_s", "pipeline_s", "event_model_s", "event_model_cpu_s", "stages_share_of_parse"}
    rest = [{"figure": k, "value": v} for k, v in f.items()
            if k not in shown and not k.startswith(("stage_", "load_", "parse_", "pipeline_"))
            and not (k.startswith("startup_") and k.endswith("_s"))]
    rest += [{"figure": k, "value": f[k]} for k in ("pipeline_to_parse_ratio", "pipeline_to_parse_ratio_cpu") if k in f]
    return [("throughput (medians of interleaved rounds)", through),
            ("time per stage, summed over the articles", stages),
            ("start-up: seconds to import and load", loads), ("other figures", rest)]


def bare_parse(texts: Sequence[str], nlp: Any, batch_size: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``nlp.pipe`` over ``texts`` (docs dropped as they come), and the sentences."""
    wall, cpu, sentences = time.perf_counter(), time.process_time(), 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        sentences += sum(1 for _ in doc.sents)
    return time.perf_counter() - wall, time.process_time() - cpu, sentences


@contextmanager
def _event_model_timed(clock: Clock) -> Iterator[None]:
    """Time the learned event model's calls inside the events stage under ``event_model`` (measurement
    only: the functions the events stage calls are wrapped for the run, then put back)."""
    from eventlens import events

    saved = {name: getattr(events, name) for name in ("model_events", "recode") if hasattr(events, name)}

    def timed(fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            with clock("event_model"):
                return fn(*args, **kwargs)
        return call

    try:
        for name, fn in saved.items():
            setattr(events, name, timed(fn))
        yield
    finally:
        for name, fn in saved.items():
            setattr(events, name, fn)


def whole_pipeline(articles: Sequence[Article], res: Resources, batch_size: int) -> tuple[float, float, Clock, Clock]:
    """Wall and CPU seconds of the whole pipeline over ``articles`` (parsed in batches as
    ``pipeline.process`` does, every stage run), with the time of each stage and of the event model."""
    from eventlens.parse import parse
    from eventlens.pipeline import analyse

    clock, model = Clock(), Clock()
    wall, cpu = time.perf_counter(), time.process_time()
    docs = parse(articles, res.nlp, batch_size)
    with _event_model_timed(model):
        while True:
            with clock("parse"):
                pair = next(docs, None)
            if pair is None:
                break
            analyse(pair[0], pair[1], res, clock)
    return time.perf_counter() - wall, time.process_time() - cpu, clock, model


def run(inputs: Iterable[str], settings: Settings, rounds: int = 1, limit: int | None = None,
        startup_runs: int = 0, config: str | None = None, progress: Callable[[str], None] | None = None,
        jobs: Sequence[int] = ()) -> BenchReport:
    """Time bare parsing and the whole pipeline over the articles of ``inputs``, interleaved ``rounds`` times.

    limit: take this many articles spread evenly over the inputs (all when None or 0).
    startup_runs: fresh processes timed for the start-up figures (none when 0).
    jobs: process counts to time the coding of the same articles with (``--jobs N``), e.g. (1, 2).
    """
    from eventlens.parse import parse_text
    from eventlens.pipeline import Stopwatch, build_resources

    say = progress or (lambda _: None)
    report = BenchReport(rounds=max(1, rounds))
    if startup_runs:
        say(f"start-up: {startup_runs} fresh process(es)")
        report.startup = measure_startup(startup_runs, config, settings.spacy_model)
    loads = Stopwatch()
    res = build_resources(settings, loads)
    report.load_seconds = loads.seconds
    articles = spread([a for a in read_all(list(inputs), settings.max_chars) if isinstance(a, Article)], limit)
    texts = [parse_text(a) for a in articles]
    report.articles = len(articles)
    report.words = sum(len(a.text.split()) for a in articles)
    report.characters = sum(len(a.text) for a in articles)
    bare_parse(texts[:2], res.nlp, settings.batch_size)  # warm-up, not timed
    whole_pipeline(articles[:2], res, settings.batch_size)
    parse_runs: list[tuple[float, float]] = []
    pipe_runs: list[tuple[float, float, Clock, Clock]] = []
    for r in range(report.rounds):
        order = ("parse", "pipeline") if r % 2 == 0 else ("pipeline", "parse")
        for what in order:
            say(f"round {r + 1}/{report.rounds}: {what} over {len(articles)} articles")
            if what == "parse":
                wall, cpu, report.sentences = bare_parse(texts, res.nlp, settings.batch_size)
                parse_runs.append((wall, cpu))
            else:
                pipe_runs.append(whole_pipeline(articles, res, settings.batch_size))
    report.parse_seconds = statistics.median(w for w, _ in parse_runs)
    report.parse_cpu = statistics.median(c for _, c in parse_runs)
    report.pipeline_seconds = statistics.median(p[0] for p in pipe_runs)
    report.pipeline_cpu = statistics.median(p[1] for p in pipe_runs)
    for name in pipe_runs[0][2].wall:
        report.stages[name] = statistics.median(p[2].wall.get(name, 0.0) for p in pipe_runs)
        report.stages_cpu[name] = statistics.median(p[2].cpu.get(name, 0.0) for p in pipe_runs)
    report.event_model_seconds = statistics.median(p[3].wall.get("event_model", 0.0) for p in pipe_runs)
    report.event_model_cpu = statistics.median(p[3].cpu.get("event_model", 0.0) for p in pipe_runs)
    report.peak_rss_mb = peak_rss_mb()
    for n in jobs:
        say(f"--jobs {n} over {len(articles)} articles")
        report.jobs[n] = time_jobs(articles, settings, n)
    return report


def time_jobs(articles: Sequence[Article], settings: Settings, jobs: int) -> dict[str, float]:
    """Wall seconds to code ``articles`` as ``extract --jobs N`` does (worker start included), and the
    peak RSS of one worker (of this process for one job)."""
    from eventlens.parallel import process_pairs_parallel
    from eventlens.pipeline import process_pairs

    wall = time.perf_counter()
    pairs = process_pairs_parallel(articles, settings, jobs) if jobs > 1 else process_pairs(articles, settings)
    for _ in pairs:
        pass
    seconds = time.perf_counter() - wall
    rss = (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024) if jobs > 1 else peak_rss_mb()
    return {"seconds": seconds, "worker_rss_mb": rss}


# ---- scaling --------------------------------------------------------------------------------------


def longest_article(inputs: Iterable[str], max_chars: int) -> Article:
    """The longest readable article of ``inputs``."""
    articles = [a for a in read_all(list(inputs), max_chars) if isinstance(a, Article)]
    if not articles:
        raise ValueError("no readable article in the inputs")
    return max(articles, key=lambda a: len(a.text))


def prefix(article: Article, size: int) -> Article:
    """The first ``size`` characters of ``article`` (cut at a line break in the last tenth when one is there)."""
    text = article.text[:size]
    cut = text.rfind("\n")
    if len(article.text) > size and cut > size * 0.9:
        text = text[:cut]
    return make_article(text, date=article.date, id=f"{article.id}[:{len(text)}]", max_chars=max(size, len(text)))


def scaling(inputs: Iterable[str], settings: Settings, sizes: Sequence[int] = SCALING_SIZES, rounds: int = 1,
            progress: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """Parse and stage time on prefixes of the longest article of ``inputs`` (medians over ``rounds``).

    RETURNS: one row per size: characters, tokens, sentences, parse seconds, stage seconds (each
    stage too), stage microseconds per character and stages/parse; a stage that is linear in
    length keeps the same microseconds per character at every size. Seconds are CPU seconds of
    this process (a busy machine stretches wall-clock time, not these).
    """
    from eventlens.parse import parse_text
    from eventlens.pipeline import load_resources

    say = progress or (lambda _: None)
    res = load_resources(settings)
    article = longest_article(inputs, max(settings.max_chars, max(sizes)))
    warm = prefix(article, 2000)
    whole_pipeline([warm], res, 1)
    rows = []
    for size in [s for s in sizes if s <= len(article.text) * 1.05] or [len(article.text)]:
        part = prefix(article, size)
        parses, runs = [], []
        for r in range(max(1, rounds)):
            say(f"scaling: {len(part.text):,} characters, round {r + 1}")
            parses.append(bare_parse([parse_text(part)], res.nlp, 1))
            runs.append(whole_pipeline([part], res, 1))
        stages = {name: statistics.median(run[2].cpu.get(name, 0.0) for run in runs)
                  for name in runs[0][2].cpu if name != "parse"}
        stages_s = sum(stages.values())
        parse_s = statistics.median(p[1] for p in parses)
        doc = res.nlp.make_doc(parse_text(part))
        rows.append({
            "characters": len(part.text), "tokens": len(doc), "sentences": parses[0][2],
            "parse_s": round(parse_s, 3), "stages_s": round(stages_s, 3),
            "stages_us_per_char": round(stages_s * 1e6 / len(part.text), 2),
            "stages_per_parse": round(stages_s / parse_s, 3) if parse_s else 0.0,
            **{f"{k}_s": round(v, 3) for k, v in stages.items()},
        })
    return rows


def _main(argv: Sequence[str]) -> None:
    """``python -m eventlens.bench --startup [--config PATH] [--model NAME]``: one start-up probe as JSON."""
    args = list(argv)
    if "--startup" not in args:
        raise SystemExit("usage: python -m eventlens.bench --startup [--config PATH] [--model NAME]")

    def value(flag: str) -> str | None:
        return args[args.index(flag) + 1] if flag in args else None

    print(json.dumps(startup_probe(value("--config"), value("--model"))))


if __name__ == "__main__":
    _main(sys.argv[1:])

"""The PETRARCH2 validation suite: 279 sentences coded with the ``PETR.Validate.*`` dictionaries.

Scored as ``shared/benchmarks/petrarch2_validation/README.md`` says: per record the set of
``(source, target, code)`` triples against the expected set (empty for ``no_event`` and expected
errors); exact records, expected events reproduced, false events and exceptions (an exception
counts as no output). Each record's ``config`` is applied where eventlens has the option: ``require_dyad = false``
codes events whose target is missing (written ``---``). Actors come from the validation actor/agent files read by
:mod:`eventlens.actors.lexicon`, verbs from the TABARI-format verb file read by
:mod:`eventlens.events.verbdicts`; sentences are parsed with spaCy from their text.
"""

from __future__ import annotations

import json
import re
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventlens import actors as actor_stage
from eventlens import events
from eventlens.actors.lexicon import build_lexicon
from eventlens.config import Settings
from eventlens.evals import BenchmarkNotFound, Report
from eventlens.ingest import make_article
from eventlens.parse import load_nlp, parse

Triple = tuple[str, str, str]
BASELINE_CODER = "petrarch2"


@dataclass
class Tally:
    """Running totals of the four columns (plus coding time)."""

    records: int = 0
    exact: int = 0
    expected: int = 0
    reproduced: int = 0
    false: int = 0
    exceptions: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, pred: set[Triple], gold: set[Triple]) -> None:
        """Count one record."""
        self.records += 1
        self.exact += pred == gold
        self.expected += len(gold)
        self.reproduced += len(pred & gold)
        self.false += len(pred - gold)

    def figures(self) -> dict[str, Any]:
        """The headline numbers."""
        return {
            "records": self.records, "exact": self.exact, "exact_rate": _ratio(self.exact, self.records),
            "expected_events": self.expected, "reproduced": self.reproduced,
            "recall": _ratio(self.reproduced, self.expected), "false_events": self.false,
            "precision": _ratio(self.reproduced, self.reproduced + self.false), "exceptions": self.exceptions,
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def _folder(shared: Path) -> Path:
    """The benchmark folder, checked."""
    folder = shared / "benchmarks" / "petrarch2_validation"
    if not (folder / "cases.jsonl").exists():
        raise BenchmarkNotFound(str(folder / "cases.jsonl"))
    return folder


def load_cases(shared: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The validation records (``in_validation``), in file order."""
    with (_folder(shared) / "cases.jsonl").open(encoding="utf-8") as fh:
        cases = [c for line in fh if line.strip() and (c := json.loads(line)).get("in_validation")]
    return cases[:limit] if limit else cases


def _actor(code: str, is_phrase: bool) -> str:
    return f'"{code}"' if is_phrase else code


def expected(case: dict[str, Any]) -> set[Triple]:
    """The expected triples (empty for no-event and expected-error records)."""
    if case.get("no_event") or case.get("expected_error"):
        return set()
    return {(_actor(e["source"], e["source_is_phrase"]), _actor(e["target"], e["target_is_phrase"]), e["code"])
            for e in case["events"]}


def read_discards(path: Path) -> list[str]:
    """Discard phrases of a PETRARCH discards file, lower-cased (``+`` story and plain sentence
    discards alike: a validation record is one sentence, so both mean no events)."""
    phrases = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip().lstrip("+").strip()
        if line and not line.startswith("<"):
            phrases.append(" ".join(line.lower().replace("_", " ").split()))
    return phrases


def discarded(text: str, phrases: Iterable[str]) -> bool:
    """Whether the text contains a discard phrase as whole words."""
    words = f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "
    return any(f" {' '.join(re.findall(r'[a-z0-9]+', p))} " in words for p in phrases)


def _resources(folder: Path) -> tuple[Any, events.Lexicons]:
    """The validation actor lexicon (no shipped dictionaries) and verb lexicon (no TOML rules)."""
    dicts = folder / "dictionaries"
    with warnings.catch_warnings():  # skipped lines are counted by the reader; not news here
        warnings.simplefilter("ignore")
        lexicon = build_lexicon([dicts / "PETR.Validate.actors.txt", dicts / "PETR.Validate.agents.txt"],
                                data_dir=dicts / "no-shipped-files")
    verbs = events.load_lexicon(verb_files=[dicts / "PETR.Validate.verbs.txt"], with_toml=False)
    return lexicon, verbs


NO_TARGET = "---"


def requires_dyad(config: dict[str, Any]) -> bool:
    """The record's ``require_dyad`` option (PETRARCH's default: true)."""
    return str(config.get("require_dyad", "true")).strip().lower() != "false"


def _code(doc: Any, article: Any, lexicon: Any, verbs: events.Lexicons, config: dict[str, Any]) -> set[Triple]:
    """The triples eventlens codes for one parsed record under its config (a missing target is ``---``)."""
    found_actors = actor_stage.extract(doc, article, lexicon)
    dyad = requires_dyad(config)
    found = events.find(doc, found_actors, verbs, factual=False, require_dyad=dyad)
    return {(f.source.code, f.target.code if f.target else NO_TARGET, f.code) for f in found
            if f.target is not None or not dyad}


def score(cases: list[dict[str, Any]], settings: Settings, folder: Path) -> tuple[Tally, float, float]:
    """Code every case; the tally, coding seconds (parse excluded) and total seconds."""
    lexicon, verbs = _resources(folder)
    discards = read_discards(folder / "dictionaries" / "PETR.Validate.discards.txt")
    nlp = load_nlp(settings.spacy_model)
    articles = [make_article(c["text"], date=c.get("date"), id=c["id"]) for c in cases]
    tally, coding = Tally(), 0.0
    parse_start = time.perf_counter()
    for (doc, article), case in zip(parse(articles, nlp, settings.batch_size), cases, strict=True):
        t0 = time.perf_counter()
        try:
            pred = set() if discarded(case["text"], discards) \
                else _code(doc, article, lexicon, verbs, case.get("config") or {})
        except Exception as exc:  # a record that fails counts as an exception, never stops the run
            tally.exceptions += 1
            tally.failures.append(f"{case['id']}: {type(exc).__name__}: {exc}")
            pred = set()
        coding += time.perf_counter() - t0
        tally.add(pred, expected(case))
    return tally, coding, time.perf_counter() - parse_start


def baseline(folder: Path, ids: Iterable[str], cases: dict[str, dict[str, Any]]) -> Tally:
    """PETRARCH2's own outputs scored the same way."""
    wanted, tally = set(ids), Tally()
    with (folder / "petrarch2_baseline_outputs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] not in wanted or not row["coder"].startswith(BASELINE_CODER + "@"):
                continue
            pred = {(e["source"], e["target"], e["code"]) for e in row["events"]} if not row["exception"] else set()
            tally.exceptions += bool(row["exception"])
            tally.add(pred, expected(cases[row["id"]]))
    return tally


def _table(ours: Tally, base: Tally, speed: dict[str, float]) -> str:
    """The comparison table."""
    lines = ["== petrarch (PETRARCH2 validation suite) ==",
             f"{'coder':<12} {'exact':>12} {'reproduced':>14} {'false':>6} {'precision':>9} {'exceptions':>10}"]
    for name, t in (("eventlens", ours), ("PETRARCH2", base)):
        f = t.figures()
        lines.append(f"{name:<12} {t.exact:>5}/{t.records:<6} {t.reproduced:>6}/{t.expected:<7} {t.false:>6} "
                     f"{f['precision']:>9} {t.exceptions:>10}")
    lines.append(f"speed: {speed['coding_sentences_per_s']} sentences/s coding (parse excluded), "
                 f"{speed['total_sentences_per_s']} sentences/s with parsing")
    return "\n".join(lines) + "\n" + "".join(f"  exception: {f}\n" for f in ours.failures)


def run(settings: Settings, shared: Path, limit: int | None = None, name: str = "petrarch") -> Report:
    """Score eventlens on the PETRARCH2 validation records, next to PETRARCH2's own row."""
    folder = _folder(shared)
    cases = load_cases(shared, limit)
    ours, coding, total = score(cases, settings, folder)
    base = baseline(folder, (c["id"] for c in cases), {c["id"]: c for c in cases})
    speed = {"coding_sentences_per_s": round(len(cases) / coding, 1) if coding else 0.0,
             "total_sentences_per_s": round(len(cases) / total, 1) if total else 0.0}
    figures = {"total": {**ours.figures(), **speed}, "petrarch2": base.figures()}
    return Report(name, figures, _table(ours, base, speed), [])

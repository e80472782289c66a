"""The actor stage alone (``eventlens eval actors``): code accuracy on four gold sets, and speed.

- ``gsr_*``: the source and target actors of the PLOVER GSR. A gold actor is found when a coded
  mention of its sentence has its text (or contains it, or lies inside it); ``exact`` compares
  the country root and the sector (the first agent block), ``country`` the root only; IGO, NGO
  and IMG gold codes name no organisation, so their root is enough for both. Over all gold actors.
- ``seed_*`` / ``dev_*``: the gold actor mentions of the seed article and the devset, scored by
  :func:`eventlens.evals.scoring.score_actors` (recall, exact and country accuracy over found);
  ``dev_precision`` is the share of coded mentions (pronouns aside) whose text is a gold actor's.
- ``petrarch_*``: the ACTOR and AGENT cases of the PETRARCH2 validation suite, coded with the
  suite's own ``PETR.Validate.*`` dictionaries: an expected source or target code is hit when it is
  among the codes of the coded actors of the sentence.
- ``load_s``: seconds to build the shipped lexicon; ``gazetteer_load_s``: seconds to load the
  gazetteer (city names); ``ms_per_1000_sentences``: actor-stage time
  (parse excluded) per 1,000 GSR sentences, in milliseconds.
"""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventlens import actors as actor_stage
from eventlens.actors.lexicon import ActorLexicon, build_lexicon
from eventlens.config import Settings
from eventlens.evals import BenchmarkNotFound, Report
from eventlens.evals.scoring import ArticleScore, _contains_words, norm_text, score_actors
from eventlens.ingest import make_article
from eventlens.models import Actor
from eventlens.parse import load_nlp, parse
from eventlens.places import load_gazetteer

LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA"}
ROOT_ONLY = {"IGO", "NGO", "IMG", "MNC"}
TEXT_KINDS_SKIPPED = {"pronoun"}


@dataclass
class Tally:
    """Gold items, items found, exact and country-level hits, and the misses to show."""

    gold: int = 0
    found: int = 0
    exact: int = 0
    country: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self, prefix: str) -> dict[str, float]:
        """Rates over all gold items."""
        return {f"{prefix}_actors": self.gold, f"{prefix}_recall": _ratio(self.found, self.gold),
                f"{prefix}_exact": _ratio(self.exact, self.gold), f"{prefix}_country": _ratio(self.country, self.gold)}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def _jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL benchmark file."""
    if not path.exists():
        raise BenchmarkNotFound(str(path))
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Coder:
    """Parse texts and run the actor stage, timing the actor stage alone."""

    def __init__(self, settings: Settings, lexicon: ActorLexicon) -> None:
        self.settings, self.lexicon = settings, lexicon
        self.nlp = load_nlp(settings.spacy_model)
        self.seconds, self.sentences = 0.0, 0

    def code(self, items: Iterable[tuple[str, str | None, str]]) -> list[list[Actor]]:
        """Actors of each (text, date, id)."""
        articles = [make_article(text, date=day, id=ident) for text, day, ident in items]
        out = []
        for doc, article in parse(articles, self.nlp, self.settings.batch_size):
            started = time.perf_counter()
            out.append(actor_stage.extract(doc, article, self.lexicon))
            self.seconds += time.perf_counter() - started
            self.sentences += sum(1 for _ in doc.sents)
        return out


# ------------------------------------------------------------------ PLOVER GSR


def _root(code: str) -> str:
    root = code[:3].upper()
    return LEGACY_CODES.get(root, root)


def _sector(gold: dict[str, Any]) -> str:
    """The gold sector as a 3-letter block ('' when none or ``***``)."""
    sector = (gold.get("sector") or "").upper()[:3]
    return "" if sector == "***" else sector


def _gsr_hits(found: list[Actor], text: str) -> list[Actor]:
    """Coded mentions whose text is, contains or lies inside the gold text."""
    g = norm_text(text)
    exact = [a for a in found if norm_text(a.text) == g]
    if exact:
        return exact
    return [a for a in found if _contains_words(norm_text(a.text), g) or _contains_words(g, norm_text(a.text))]


def _gsr_exact(code: str, gold: dict[str, Any]) -> bool:
    root = _root(gold["code"])
    if root in ROOT_ONLY:
        return code[:3] == root
    return code[:3] == root and code[3:6] == _sector(gold)


def score_gsr(found: list[Actor], gold: dict[str, Any], tally: Tally, ident: str) -> None:
    """Add the source and target actors of one GSR record."""
    for actor in (gold.get("source") or []) + (gold.get("target") or []):
        if not isinstance(actor, dict) or not actor.get("code"):
            continue
        tally.gold += 1
        hits = _gsr_hits(found, actor["text"])
        tally.found += bool(hits)
        exact = any(_gsr_exact(a.code, actor) for a in hits)
        country = any(a.code[:3] == _root(actor["code"]) for a in hits)
        tally.exact += exact
        tally.country += country
        if not exact:
            got = ",".join(f"{a.text}={a.code}" for a in hits) or "-"
            tally.misses.append(f"{ident}: {actor['text']} {actor['code']}{_sector(actor)} got {got}")


def run_gsr(shared: Path, coder: Coder, limit: int | None) -> Tally:
    """Score the PLOVER GSR actors."""
    records = _jsonl(shared / "benchmarks" / "plover_gsr" / "plover_gsr.jsonl")[:limit]
    tally = Tally()
    coded = coder.code((r["text"], None, r["id"]) for r in records)
    for found, record in zip(coded, records, strict=True):
        score_gsr(found, record["gold"], tally, record["id"])
    return tally


# ------------------------------------------------------------------ seed and devset


def _is_gold_text(actor: Actor, golds: list[dict[str, Any]]) -> bool:
    """The mention's text is a gold actor's text (or contains it / lies inside it)."""
    p = norm_text(actor.text)
    for g in golds:
        t = norm_text(g["text"])
        if p == t or _contains_words(p, t) or _contains_words(t, p):
            return True
    return False


def _is_gold_text_of(gold: dict[str, Any], found: list[Actor]) -> bool:
    """Some coded mention has the gold text (or contains it)."""
    g = norm_text(gold["text"])
    return any(norm_text(a.text) == g or _contains_words(norm_text(a.text), g) for a in found)


def score_articles(golds: list[dict[str, Any]], coder: Coder) -> tuple[ArticleScore, int, int, list[str]]:
    """Actor scores, coded mentions, coded mentions that are gold, and the spurious and missed ones."""
    coded = coder.code((g["text"], g.get("date"), g.get("id", "")) for g in golds)
    total, predicted, right = ArticleScore("TOTAL"), 0, 0
    spurious: list[str] = []
    for found, gold in zip(coded, golds, strict=True):
        score_actors([a.to_dict() for a in found], gold.get("actors", []), total)
        spurious.extend(f"{gold.get('id')}: MISSED {g['text']}={g['code']}" for g in gold.get("actors", [])
                        if not _is_gold_text_of(g, found))
        for actor in found:
            if actor.kind in TEXT_KINDS_SKIPPED:
                continue
            predicted += 1
            ok = _is_gold_text(actor, gold.get("actors", []))
            right += ok
            if not ok:
                spurious.append(f"{gold.get('id')}: {actor.text}={actor.code} ({actor.rule})")
    return total, predicted, right, spurious


def article_figures(prefix: str, total: ArticleScore, predicted: int, right: int) -> dict[str, float]:
    """Recall, exact and country accuracy (over found) and precision of coded mentions."""
    summary = total.summary()
    return {f"{prefix}_recall": summary["actor_recall"], f"{prefix}_exact": summary["actor_code_exact"],
            f"{prefix}_country": summary["actor_code_country"], f"{prefix}_name": summary["actor_name_accuracy"],
            f"{prefix}_precision": _ratio(right, predicted)}


# ------------------------------------------------------------------ PETRARCH2 ACTOR/AGENT cases


def _validation_lexicon(folder: Path) -> ActorLexicon:
    """The suite's own actor and agent dictionaries, without the shipped ones."""
    dicts = folder / "dictionaries"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_lexicon([dicts / "PETR.Validate.actors.txt", dicts / "PETR.Validate.agents.txt"],
                             data_dir=dicts / "no-shipped-files")


def _expected_codes(case: dict[str, Any]) -> set[str]:
    """Source and target codes of the expected events (phrase actors aside)."""
    out = set()
    for event in case.get("events", []):
        for role in ("source", "target"):
            if not event.get(f"{role}_is_phrase") and event.get(role) not in (None, "---", "###"):
                out.add(event[role])
    return out


def run_petrarch(shared: Path, settings: Settings, limit: int | None) -> tuple[Tally, int, int]:
    """Expected codes among the coded actors; the tally, cases and cases fully hit."""
    folder = shared / "benchmarks" / "petrarch2_validation"
    cases = [c for c in _jsonl(folder / "cases.jsonl")
             if c.get("in_validation") and c["category"] in {"ACTOR", "AGENT", "AGENTS"}][:limit]
    coder = Coder(settings, _validation_lexicon(folder))
    coded = coder.code((c["text"], c.get("date"), c["id"]) for c in cases)
    tally, full = Tally(), 0
    for found, case in zip(coded, cases, strict=True):
        codes, want = {a.code for a in found}, _expected_codes(case)
        tally.gold += len(want)
        tally.exact += len(want & codes)
        tally.country += len({c[:3] for c in want} & {c[:3] for c in codes})
        tally.found = tally.exact
        full += want <= codes
        tally.misses.extend(f"{case['id']}: want {c} got {sorted(codes)}" for c in sorted(want - codes))
    return tally, len(cases), full


# ------------------------------------------------------------------ run


def _load_time() -> tuple[ActorLexicon, float]:
    """Build the shipped lexicon uncached; the lexicon and the seconds it took."""
    started = time.perf_counter()
    lexicon = build_lexicon()
    return lexicon, round(time.perf_counter() - started, 3)


def _gazetteer_time() -> float:
    """Seconds to load the gazetteer the actor stage consults for city names (once per process)."""
    started = time.perf_counter()
    load_gazetteer()
    return round(time.perf_counter() - started, 3)


def _text(name: str, figures: dict[str, Any], lists: dict[str, list[str]]) -> str:
    """The figures, then up to 25 examples of each list."""
    text = f"== {name} (actor stage) ==\n" + ", ".join(f"{k}={v}" for k, v in figures.items()) + "\n"
    for label, items in lists.items():
        text += f"-- {label} ({len(items)}):\n" + "".join(f"  {m}\n" for m in items[:25])
    return text


def run(settings: Settings, shared: Path, limit: int | None = None, name: str = "actors") -> Report:
    """Score the actor stage on the GSR, the seed, the devset and the PETRARCH2 actor cases."""
    lexicon, load_s = _load_time()
    gazetteer_s = _gazetteer_time()  # outside the timed actor stage, like the dictionaries
    coder = Coder(settings, lexicon)
    gsr = run_gsr(shared, coder, limit)
    per_1000 = round(1000 * 1000 * coder.seconds / coder.sentences, 1) if coder.sentences else 0.0
    from eventlens.evals.articles import load_devset, load_seed

    seed = score_articles(load_seed(shared), coder)
    dev = score_articles(load_devset(shared, None), coder)
    pet, cases, full = run_petrarch(shared, settings, limit)
    total = {**gsr.figures("gsr"), **article_figures("seed", *seed[:3]), **article_figures("dev", *dev[:3]),
             "petrarch_codes": pet.gold, "petrarch_hit": _ratio(pet.exact, pet.gold),
             "petrarch_country": _ratio(pet.country, pet.gold), "petrarch_cases_full": _ratio(full, cases),
             "load_s": load_s, "gazetteer_load_s": gazetteer_s, "ms_per_1000_sentences": per_1000}
    lists = {"GSR misses": gsr.misses, "devset spurious/missed": dev[3], "seed spurious/missed": seed[3],
             "PETRARCH misses": pet.misses}
    return Report(name, {"total": total, "lists": lists}, _text(name, total, lists), [])

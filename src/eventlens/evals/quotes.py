"""PolNeAR quote attribution (``eventlens eval quotes``): eventlens beside textacy, on the test split.

Scoring follows ``shared/benchmarks/quotes/README.md``: each article is run paragraph by
paragraph (split on newlines); a prediction matches when its span, trimmed of quote marks,
whitespace and final punctuation, overlaps a gold content fragment; "exact" when the trimmed
spans are equal; a speaker is right when the predicted speaker mention overlaps the gold source
span. Direct-quote precision counts matches against any gold attribution (the strict figure only
against ``direct`` items); recall is the share of gold items of the scored types matched.
The records at even and at odd positions of the file are also scored apart (``even``, ``odd``).
The whole-article run gives the error rate (articles where the stage raised) and its own scores.
textacy's ``direct_quotations`` runs on the same parses when textacy is importable.
PolNeAR is read from ``shared/`` at run time and never shipped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventlens import actors as actor_stage
from eventlens import quotes as quote_stage
from eventlens.config import Settings
from eventlens.evals import BenchmarkNotFound, Report
from eventlens.models import Article
from eventlens.parse import load_nlp

SPLIT = "test"
TRIM = " \t\n\"'“”‘’`.,;:!?…"
PRONOUNS = frozenset("he she it they him her them i we you his its their this that who".split())
DIRECT_TYPES = frozenset({"direct"})
ALL_TYPES = frozenset({"direct", "partial", "indirect"})
# The records at even and at odd positions (0-based) of the split, scored apart as well as together.
HALVES = ("even", "odd")
# The figures of each half shown in the report.
HALF_FIGURES = ("direct_precision", "direct_recall", "direct_f1", "direct_quote_speaker_precision",
                "direct_quote_speaker_recall", "direct_quote_speaker_f1", "direct_speaker_accuracy",
                "all_precision", "all_recall", "all_f1", "all_speaker_accuracy", "all_quote_speaker_f1",
                "direct_gold", "all_gold")


@dataclass(frozen=True, slots=True)
class Pred:
    """One predicted quote: trimmed content span, speaker mention span, whether it is a bare pronoun."""

    start: int
    end: int
    speaker: tuple[int, int] | None
    pronoun: bool
    type: str


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold attribution: trimmed content fragments, source span and derived type."""

    spans: tuple[tuple[int, int], ...]
    speaker: tuple[int, int] | None
    type: str


@dataclass(frozen=True, slots=True)
class Run:
    """Predictions of one system on one article, or the error that stopped it."""

    preds: tuple[Pred, ...]
    error: str | None = None
    failures: int = 0


Predictor = Callable[[Doc, Article], list[Pred]]


def run(settings: Settings, shared: Path, limit: int | None = None, name: str = "quotes") -> Report:
    """Score eventlens (and textacy when importable) on PolNeAR test, plus the seed's quotes."""
    records = load_polnear(shared, SPLIT, limit)
    nlp = load_nlp(settings.spacy_model)
    systems = {"eventlens": eventlens_predictor()}
    textacy = textacy_predictor()
    if textacy is not None:
        systems["textacy"] = textacy
    results = {sys: evaluate(nlp, records, predict) for sys, predict in systems.items()}
    figures: dict[str, Any] = {"total": results["eventlens"][0] | seed_quote_figures(settings, shared)}
    figures |= results["eventlens"][2]
    if textacy is not None:
        figures["textacy"] = results["textacy"][0]
    errors = results["eventlens"][1]
    return Report(name, figures, format_report(figures, len(records)), errors)


def load_polnear(shared: Path, split: str, limit: int | None = None) -> list[dict[str, Any]]:
    """The PolNeAR articles of ``split``, in file order."""
    path = shared / "benchmarks" / "quotes" / f"polnear_{split}.jsonl"
    if not path.exists():
        raise BenchmarkNotFound(str(path))
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return records[:limit] if limit else records


# --- predictors ---------------------------------------------------------------------------


def eventlens_predictor() -> Predictor:
    """The real actor stage, then the quotes stage, on one parsed text."""
    lexicon = actor_stage.load_lexicon()

    def predict(doc: Doc, article: Article) -> list[Pred]:
        actors = actor_stage.extract(doc, article, lexicon)
        return [_eventlens_pred(doc.text, f) for f in quote_stage.attribute(doc, article, actors)]

    return predict


def _eventlens_pred(text: str, found: quote_stage.Found) -> Pred:
    """A Pred from one eventlens quote; the speaker is left a pronoun when no name replaced it."""
    q = found.quote
    name = (q.speaker or "").lower()
    pronoun = name in PRONOUNS or (not name and (q.speaker_text or "").lower() in PRONOUNS)
    start, end = trim(text, q.start, q.end)
    return Pred(start, end, found.speaker_span, pronoun, q.type)


def textacy_predictor() -> Predictor | None:
    """textacy's ``direct_quotations`` as a predictor, or None when textacy is not importable."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None

    def predict(doc: Doc, article: Article) -> list[Pred]:
        return [_textacy_pred(doc.text, t) for t in direct_quotations(doc)]

    return predict


def _textacy_pred(text: str, triple: Any) -> Pred:
    """A Pred from one textacy triple (speaker: the span of its speaker tokens)."""
    start, end = trim(text, triple.content.start_char, triple.content.end_char)
    toks = list(triple.speaker)
    span = (min(t.idx for t in toks), max(t.idx + len(t) for t in toks)) if toks else None
    pronoun = bool(toks) and all(t.pos_ == "PRON" or t.lower_ in PRONOUNS for t in toks)
    return Pred(start, end, span, pronoun, "direct")


# --- running -------------------------------------------------------------------------------


def evaluate(
    nlp: Language, records: Sequence[dict[str, Any]], predict: Predictor
) -> tuple[dict[str, Any], list[str], dict[str, dict[str, float]]]:
    """Paragraph and whole-article runs of one system over the records: flat figures, errors, and the
    paragraph-run figures of the records at even and at odd positions in the file (``even``, ``odd``)."""
    golds = [gold_items(r) for r in records]
    by_para = [paragraph_run(nlp, r, predict) for r in records]
    whole = [_safe(predict, doc, _article(r, r["text"])) for doc, r in zip(_parse(nlp, records), records, strict=True)]
    figures = score_all(by_para, golds, "")
    figures |= score_all(whole, golds, "article_")
    failed = [r["id"] for r, w in zip(records, whole, strict=True) if w.error]
    figures["article_error_rate"] = _ratio(len(failed), len(records))
    figures["paragraph_errors"] = sum(p.failures for p in by_para)
    errors = [f"{r['id']}: {w.error}" for r, w in zip(records, whole, strict=True) if w.error]
    return figures, errors, half_figures(by_para, golds)


def half_figures(runs: Sequence[Run], golds: Sequence[Sequence[Gold]]) -> dict[str, dict[str, float]]:
    """The figures of the runs at even and at odd positions (0-based), apart: ``{"even": ..., "odd": ...}``."""
    return {half: score_all(runs[parity::2], golds[parity::2], "") for parity, half in enumerate(HALVES)}


def _parse(nlp: Language, records: Iterable[dict[str, Any]]) -> Iterable[Doc]:
    """Parse the whole texts of the records."""
    return nlp.pipe((r["text"] for r in records), batch_size=16)


def _article(record: dict[str, Any], text: str) -> Article:
    """An Article for a record's text (or one of its paragraphs)."""
    day = date.fromisoformat(record["date"]) if record.get("date") else None
    return Article(id=record["id"], text=text, date=day)


def paragraph_run(nlp: Language, record: dict[str, Any], predict: Predictor) -> Run:
    """Run ``predict`` on each paragraph; offsets shifted back into the article; errors counted."""
    spans = paragraphs(record["text"])
    texts = [record["text"][s:e] for s, e in spans]
    preds: list[Pred] = []
    errors = []
    for (start, _), doc in zip(spans, nlp.pipe(texts, batch_size=64), strict=True):
        result = _safe(predict, doc, _article(record, doc.text))
        preds += [_shift(p, start) for p in result.preds]
        errors += [result.error] if result.error else []
    return Run(tuple(preds), "; ".join(errors) or None, len(errors))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each non-blank line."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _safe(predict: Predictor, doc: Doc, article: Article) -> Run:
    """Run ``predict``; an exception becomes the run's error."""
    try:
        return Run(tuple(predict(doc, article)))
    except Exception as exc:  # noqa: BLE001 - a benchmark counts failures, it does not stop on them
        return Run((), f"{type(exc).__name__}: {exc}")


def _shift(pred: Pred, offset: int) -> Pred:
    """The prediction moved by ``offset`` characters."""
    speaker = (pred.speaker[0] + offset, pred.speaker[1] + offset) if pred.speaker else None
    return Pred(pred.start + offset, pred.end + offset, speaker, pred.pronoun, pred.type)


# --- scoring -------------------------------------------------------------------------------


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without quote marks, whitespace and final punctuation at either end."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def gold_items(record: dict[str, Any]) -> list[Gold]:
    """The gold attributions of a record, with trimmed fragments; ``mixed`` read as ``partial``."""
    items = []
    for q in record["quotes"]:
        spans = tuple(trim(record["text"], s, e) for s, e in q["spans"])
        speaker = (q["speaker_start"], q["speaker_end"]) if q.get("speaker") else None
        items.append(Gold(spans, speaker, "partial" if q["type"] == "mixed" else q["type"]))
    return items


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two non-empty spans share a character."""
    return a[0] < b[1] and b[0] < a[1] and a[0] < a[1] and b[0] < b[1]


def _matches(pred: Pred, gold: Gold) -> bool:
    """Whether the prediction overlaps one of the gold fragments."""
    return any(_overlaps((pred.start, pred.end), s) for s in gold.spans)


def _speaker_ok(pred: Pred, gold: Gold) -> bool:
    """Whether the predicted speaker mention overlaps the gold source (both empty counts too)."""
    if gold.speaker is None or pred.speaker is None:
        return gold.speaker is None and pred.speaker is None
    return _overlaps(pred.speaker, gold.speaker)


def score_all(runs: Sequence[Run], golds: Sequence[Sequence[Gold]], prefix: str) -> dict[str, float]:
    """Direct-quote and all-type figures, keys prefixed (``direct_f1``, ``all_f1``...)."""
    figures: dict[str, float] = {}
    for mode, types in (("direct", DIRECT_TYPES), ("all", ALL_TYPES)):
        counts = Counts()
        for run_, gold in zip(runs, golds, strict=True):
            counts.add([p for p in run_.preds if p.type in types], gold, types)
        figures |= {f"{prefix}{mode}_{k}": v for k, v in counts.figures(strict=mode == "direct").items()}
    return figures


class Counts:
    """Running counts for one scoring mode."""

    def __init__(self) -> None:
        self.n = {k: 0 for k in ("pred", "matched", "strict", "exact", "speaker", "pronoun", "gold", "found",
                                 "found_spk")}

    def add(self, preds: Sequence[Pred], golds: Sequence[Gold], types: frozenset[str]) -> None:
        """Count one article's predictions against its gold items."""
        scored = [g for g in golds if g.type in types]
        for pred in preds:
            self._count_pred(pred, golds, scored)
        self.n["gold"] += len(scored)
        self.n["found"] += sum(1 for g in scored if any(_matches(p, g) for p in preds))
        self.n["found_spk"] += sum(1 for g in scored if any(_matches(p, g) and _speaker_ok(p, g) for p in preds))

    def _count_pred(self, pred: Pred, golds: Sequence[Gold], scored: Sequence[Gold]) -> None:
        """Count one prediction: matched, strict, exact, right speaker, pronoun speaker."""
        hits = [g for g in golds if _matches(pred, g)]
        self.n["pred"] += 1
        if not hits:
            return
        self.n["matched"] += 1
        self.n["strict"] += any(g in scored for g in hits)
        self.n["exact"] += any((pred.start, pred.end) in g.spans for g in hits)
        self.n["speaker"] += any(_speaker_ok(pred, g) for g in hits)
        self.n["pronoun"] += pred.pronoun

    def figures(self, strict: bool) -> dict[str, float]:
        """Precision, recall, F1, exact precision, speaker accuracy, quote+speaker P/R/F1, pronoun share."""
        n = self.n
        p, r = _ratio(n["matched"], n["pred"]), _ratio(n["found"], n["gold"])
        qs_p, qs_r = _ratio(n["speaker"], n["pred"]), _ratio(n["found_spk"], n["gold"])
        out = {"precision": p, "recall": r, "f1": _f1(p, r), "exact_precision": _ratio(n["exact"], n["pred"])}
        if strict:
            out["precision_strict"] = _ratio(n["strict"], n["pred"])
        out |= {"speaker_accuracy": _ratio(n["speaker"], n["matched"]), "quote_speaker_precision": qs_p,
                "quote_speaker_recall": qs_r, "quote_speaker_f1": _f1(qs_p, qs_r),
                "pronoun_share": _ratio(n["pronoun"], n["matched"]), "predicted": n["pred"], "gold": n["gold"]}
        return out


def _ratio(a: float, b: float) -> float:
    """``a / b`` rounded to 3 places (0 when b is 0)."""
    return round(a / b, 3) if b else 0.0


def _f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall."""
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


# --- seed and report -----------------------------------------------------------------------


def seed_quote_figures(settings: Settings, shared: Path) -> dict[str, float]:
    """The seed gold's quote figures from the whole pipeline (empty when the seed is missing)."""
    from eventlens.evals import articles

    try:
        total = articles.run(settings, shared, name="seed").figures["total"]
    except BenchmarkNotFound:
        return {}
    return {f"seed_{k}": v for k, v in total.items() if k.startswith("quote_")}


def format_report(figures: dict[str, Any], n_articles: int) -> str:
    """eventlens and textacy side by side, one figure a line."""
    ours, theirs = figures["total"], figures.get("textacy", {})
    lines = [f"== quotes: PolNeAR {SPLIT}, {n_articles} articles, paragraph by paragraph ==",
             f"{'figure':38} {'eventlens':>10} {'textacy':>10}"]
    for key, value in ours.items():
        other = theirs.get(key, "")
        lines.append(f"{key:38} {value:>10} {other:>10}")
    if not theirs:
        lines.append("(textacy not importable: no side-by-side figures)")
    if all(half in figures for half in HALVES):
        lines += ["-- records at even and odd positions, paragraph by paragraph --",
                  f"{'figure':38} {'even':>10} {'odd':>10}"]
        lines += [f"{key:38} {figures['even'][key]:>10} {figures['odd'][key]:>10}" for key in HALF_FIGURES]
    return "\n".join(lines) + "\n"

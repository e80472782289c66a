"""TempEval-3 platinum (Task A): span F1 (strict, relaxed), type accuracy and value F1 of the dates stage.

The headline figures use ``dates.find(..., timeml=True)`` (TimeML conventions: vague
durations, PAST_REF, split year ranges); ``eventlens_*`` figures score ``dates.extract``, the
stage's own output, which leaves vague expressions out.

Scoring follows the benchmark README: a strict match has the identical span, a relaxed match
any overlap (gold and system timexes are paired one to one, earliest first); type and value
are judged on relaxed matches, and value F1 = relaxed F1 x value accuracy. ``mod_*`` (an extra
figure) scores the TIMEX3 ``mod`` on relaxed matches: precision over system mods, recall over gold mods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventlens.config import Settings
from eventlens.evals import Report, read_jsonl
from eventlens.ingest import make_article
from eventlens.models import DateRef


@dataclass
class Tally:
    """Counts over documents: system and gold timexes, matches, correct types and values."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    mod_gold: int = 0
    mod_system: int = 0
    mod_ok: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        """Add another tally's counts (and misses) to this one."""
        for name in ("system", "gold", "strict", "relaxed", "type_ok", "value_ok", "mod_gold", "mod_system", "mod_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses


def load_platinum(shared: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The platinum documents, in file order (the first ``limit`` when given)."""
    return read_jsonl(shared, "timex/te3_platinum.jsonl", limit)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def _pair(gold: list[dict[str, Any]], system: list[DateRef]) -> list[tuple[dict[str, Any], DateRef]]:
    """One-to-one relaxed pairs: each gold timex with the first free overlapping system timex."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and _overlaps((g["start"], g["end"]), (s.start, s.end)):
                used.add(i)
                pairs.append((g, s))
                break
    return pairs


def score_document(gold: list[dict[str, Any]], system: list[DateRef], doc_id: str = "") -> Tally:
    """Counts for one document's gold timexes against the system's."""
    pairs = _pair(gold, system)
    tally = Tally(system=len(system), gold=len(gold), relaxed=len(pairs))
    for g, s in pairs:
        tally.strict += (g["start"], g["end"]) == (s.start, s.end)
        tally.type_ok += g["type"] == s.type
        tally.value_ok += g["value"] == s.value
        _count_mod(tally, g.get("mod"), s.mod)
        if g["value"] != s.value:
            tally.misses.append(f"{doc_id}: {g['text']!r} gold {g['value']} got {s.text!r} {s.value}")
    paired = {id(g) for g, _ in pairs}
    tally.misses += [f"{doc_id}: {g['text']!r} gold {g['value']} not found" for g in gold if id(g) not in paired]
    matched = {id(s) for _, s in pairs}
    tally.misses += [f"{doc_id}: spurious {s.text!r} {s.value}" for s in system if id(s) not in matched]
    return tally


def _count_mod(tally: Tally, gold: str | None, system: str | None) -> None:
    """Count a relaxed pair's TIMEX3 ``mod``: gold ones, system ones, and those that agree."""
    tally.mod_gold += gold is not None
    tally.mod_system += system is not None
    tally.mod_ok += gold is not None and gold == system


def _f1(matched_sys: int, n_sys: int, matched_gold: int, n_gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1)."""
    p = matched_sys / n_sys if n_sys else 0.0
    r = matched_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures_of(t: Tally) -> dict[str, float]:
    """The TempEval-3 Task A figures of a tally, rounded to four places."""
    sp, sr, sf = _f1(t.strict, t.system, t.strict, t.gold)
    rp, rr, rf = _f1(t.relaxed, t.system, t.relaxed, t.gold)
    type_acc = t.type_ok / t.relaxed if t.relaxed else 0.0
    value_acc = t.value_ok / t.relaxed if t.relaxed else 0.0
    mp, mr, mf = _f1(t.mod_ok, t.mod_system, t.mod_ok, t.mod_gold)
    raw = {
        "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
        "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
        "type_accuracy": type_acc, "type_f1": rf * type_acc,
        "value_accuracy": value_acc, "value_f1": rf * value_acc,
        "mod_precision": mp, "mod_recall": mr, "mod_f1": mf,
        "gold": t.gold, "system": t.system,
    }
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in raw.items()}


def run(settings: Settings, shared: Path, limit: int | None = None, name: str = "timex") -> Report:
    """Run the dates stage on each platinum document (its creation time as publication date) and score it."""
    from eventlens import dates
    from eventlens.parse import load_nlp, parse_text

    nlp = load_nlp(settings.spacy_model)
    total, plain, errors, per_doc = Tally(), Tally(), [], {}
    for rec in load_platinum(shared, limit):
        try:
            article = make_article(rec["text"], date=rec["dct"], id=rec["id"])
            doc = nlp(parse_text(article))
            timeml, own = dates.find(doc, article, timeml=True), dates.extract(doc, article)
        except Exception as exc:  # one bad document must not stop the run
            errors.append(f"{rec['id']}: {type(exc).__name__}: {exc}")
            continue
        tally = score_document(rec["timexes"], timeml, rec["id"])
        per_doc[rec["id"]] = figures_of(tally)
        total.add(tally)
        plain.add(score_document(rec["timexes"], own))
    headline = figures_of(total)
    headline.update({f"eventlens_{k}": v for k, v in figures_of(plain).items() if k.endswith("f1")})
    figures = {"total": headline, "documents": per_doc}
    return Report(name, figures, _text(name, headline, total.misses), errors)


def _text(name: str, total: dict[str, float], misses: list[str]) -> str:
    """The figures and the misses, readable."""
    lines = [f"== {name} (TempEval-3 platinum, Task A) =="]
    lines += [f"{k}: {v}" for k, v in total.items()]
    lines += ["reference (reported): HeidelTime value F1 77.61, SUTime 67.38"]
    return "\n".join(lines + [f"  {m}" for m in misses]) + "\n"

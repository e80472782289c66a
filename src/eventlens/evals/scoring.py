"""Score article records against gold annotations in the output's own shape (seed, devset).

A gold article has ``events``, ``not_events``, ``quotes``, ``dates`` and ``actors`` (see
``shared/benchmarks/devset/README.md``). Every function here works on plain dicts, so it scores
any producer of RESULT-SCHEMA records, eventlens or another tool.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from eventlens.ontology import SYMMETRIC_CODES

# Short organisation codes used by the gold, and their Phoenix equivalents.
ORG_ALIASES = {"NATO": "IGOWSTNAT", "EU": "IGOEUREEC", "UNO": "IGOUNO", "UN": "IGOUNO", "AU": "IGOAFR", "G7": "IGOG7"}


def norm_code(code: str | None) -> str:
    """A gold or predicted actor code in Phoenix form (``NATO`` -> ``IGOWSTNAT``)."""
    code = (code or "").upper()
    return ORG_ALIASES.get(code, code)


def code_matches(pred: str | None, gold: str, level: str = "country") -> bool:
    """Whether a predicted actor code matches a gold code; ``*`` matches anything.

    level: ``exact`` (whole code) or ``country`` (first three letters; whole code for IGOs).
    """
    if gold == "*":
        return True
    p, g = norm_code(pred), norm_code(gold)
    if not p:
        return False
    if level == "exact" or g.startswith(("IGO", "NGO")) or len(g) < 3:
        return p == g
    return p[:3] == g[:3]


def norm_text(text: str) -> str:
    """Text folded for matching: accents off, quotes and punctuation at the edges off, spaces squeezed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" \t\n\"'“”‘’.,;:!?…")


def _overlaps(a: str, b: str) -> bool:
    """One evidence text contains the other (gold evidence may be a fragment)."""
    a, b = norm_text(a), norm_text(b)
    return bool(a and b) and (a in b or b in a)


@dataclass
class Counts:
    """True positives, predictions and gold items of one kind, with P/R/F1."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    tp_gold: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore:
    """Figures for one article (or a sum of articles)."""

    article_id: str
    events: Counts = field(default_factory=Counts)
    event_codes_exact: int = 0
    event_actors_exact: int = 0
    event_dates_right: int = 0
    not_event_violations: int = 0
    not_events: int = 0
    quotes: Counts = field(default_factory=Counts)
    quote_speakers_right: int = 0
    dates: Counts = field(default_factory=Counts)
    date_values_right: int = 0
    actors_found: int = 0
    actors_gold: int = 0
    actor_codes_exact: int = 0
    actor_codes_country: int = 0
    actor_names_right: int = 0
    missed_events: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def add(self, other: ArticleScore) -> None:
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, Counts):
                mine.add(theirs)
            elif isinstance(mine, list):
                mine.extend(theirs)
            elif isinstance(mine, int):
                setattr(self, f.name, mine + theirs)

    def summary(self) -> dict[str, float]:
        """The headline figures as a flat dict of rounded numbers."""
        ev, qu, da = self.events, self.quotes, self.dates
        return {
            "event_precision": round(ev.precision, 3),
            "event_recall": round(ev.recall, 3),
            "event_f1": round(ev.f1, 3),
            "event_code_exact": _ratio(self.event_codes_exact, ev.tp_gold),
            "event_actor_exact": _ratio(self.event_actors_exact, ev.tp_gold),
            "event_date_accuracy": _ratio(self.event_dates_right, ev.tp_gold),
            "not_event_violations": self.not_event_violations,
            "quote_precision": round(qu.precision, 3),
            "quote_recall": round(qu.recall, 3),
            "quote_f1": round(qu.f1, 3),
            "quote_speaker_accuracy": _ratio(self.quote_speakers_right, qu.tp_gold),
            "date_recall": round(da.recall, 3),
            "date_value_accuracy": _ratio(self.date_values_right, da.tp_gold),
            "actor_recall": _ratio(self.actors_found, self.actors_gold),
            "actor_code_exact": _ratio(self.actor_codes_exact, self.actors_found),
            "actor_code_country": _ratio(self.actor_codes_country, self.actors_found),
            "actor_name_accuracy": _ratio(self.actor_names_right, self.actors_found),
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


# ---------------------------------------------------------------- events


def _gold_participants(gold: dict[str, Any]) -> tuple[set[str], set[str]]:
    """Acceptable source and target codes of a gold event, from its fields and its note."""
    sources = {gold["source"], *gold.get("acceptable_sources", [])}
    targets = {gold["target"], *gold.get("acceptable_targets", [])}
    note = gold.get("note") or ""
    for m in re.finditer(r"also targets? ([A-Z0-9*]+(?:, ?[A-Z0-9*]+)*)", note):
        targets.update(c.strip() for c in m.group(1).split(","))
    for m in re.finditer(r"([A-Z0-9]+(?:, ?[A-Z0-9]+)*) as sources?", note):
        sources.update(c.strip() for c in m.group(1).split(","))
    for m in re.finditer(r"([A-Z0-9]+) as target", note):
        targets.add(m.group(1))
    return sources, targets


def _reversed_ok(gold: dict[str, Any]) -> bool:
    """Whether the gold event may be matched in the other direction."""
    note = gold.get("note") or ""
    return gold.get("code") in SYMMETRIC_CODES or "symmetric" in note or f"{gold['target']}->{gold['source']}" in note


def event_matches(pred: dict[str, Any], gold: dict[str, Any], level: str = "country") -> bool:
    """A predicted event matches a gold one: same sentence, acceptable root, matching actors."""
    if not _overlaps(pred.get("evidence", ""), gold.get("evidence", "")):
        return False
    roots = {gold.get("root") or gold["code"][:2], *gold.get("acceptable_roots", [])}
    if pred.get("root") not in roots:
        return False
    sources, targets = _gold_participants(gold)
    src, tgt = pred.get("source"), pred.get("target")

    def fits(s: str | None, t: str | None) -> bool:
        return any(code_matches(s, g, level) for g in sources) and any(
            code_matches(t, g, level) for g in targets
        )

    return fits(src, tgt) or (_reversed_ok(gold) and fits(tgt, src))


def _date_ok(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """The predicted event date is the gold date, an acceptable one, or inside the gold range."""
    value = pred.get("date")
    if "date_range" in gold:
        lo, hi = gold["date_range"]
        return value not in (None, "unknown") and lo <= value <= hi
    return value == gold.get("date") or value in gold.get("acceptable_dates", [])


def _match_rank(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, int, int]:
    """How good a candidate pair is, best first when sorted: exact code, exact actors, right date,
    tighter evidence (the devset README's order)."""
    slack = abs(len(norm_text(pred.get("evidence", ""))) - len(norm_text(gold.get("evidence", ""))))
    return (pred.get("code") != gold["code"], not event_matches(pred, gold, "exact"), not _date_ok(pred, gold), slack)


def match_events(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one matching of predicted to gold events: greedy over candidate pairs, best first,
    each prediction and each gold event used at most once. RETURNS (pred index, gold index) pairs."""
    candidates = sorted(
        (_match_rank(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if event_matches(p, g)
    )
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            pairs.append((i, j))
    return pairs


def score_events(pred: list[dict[str, Any]], gold: list[dict[str, Any]], score: ArticleScore) -> None:
    """Event precision/recall matched one-to-one, and code/actor/date figures on matched gold events.

    A prediction matched to an ``optional`` gold event is neither a true nor a false positive."""
    pairs = match_events(pred, gold)
    matched = {j: pred[i] for i, j in pairs}
    optional_hits = sum(1 for _, j in pairs if gold[j].get("optional"))
    score.events.gold += sum(1 for g in gold if not g.get("optional"))
    score.events.pred += len(pred) - optional_hits
    score.events.tp += len(pairs) - optional_hits
    for j, g in enumerate(gold):
        if g.get("optional"):
            continue
        hit = matched.get(j)
        if hit is None:
            score.missed_events.append(f"{g['source']}->{g['target']} {g['code']}: {g['evidence'][:80]}")
            continue
        score.events.tp_gold += 1
        score.event_codes_exact += hit.get("code") == g["code"]
        score.event_actors_exact += event_matches(hit, g, "exact")
        score.event_dates_right += _date_ok(hit, g)


def _violates(pred: dict[str, Any], nev: dict[str, Any]) -> bool:
    """A predicted event breaks a not-event: from its sentence, with a forbidden root or code."""
    if not _overlaps(pred.get("evidence", ""), nev.get("evidence", "")):
        return False
    if pred.get("root") not in nev.get("forbidden_roots", []) and pred.get("code") not in nev.get(
        "forbidden_codes", []
    ):
        return False
    actors = nev.get("actors") or {}
    for role in ("source", "target"):
        prefixes = actors.get(role)
        if prefixes and not any(norm_code(pred.get(role)).startswith(norm_code(p)) for p in prefixes):
            return False
    return True


def score_not_events(pred: list[dict[str, Any]], not_events: list[dict[str, Any]], score: ArticleScore) -> None:
    """Count predicted events that break a not-event."""
    scored = [n for n in not_events if n.get("forbidden_roots") or n.get("forbidden_codes")]
    score.not_events += len(scored)
    for nev in scored:
        for p in pred:
            if _violates(p, nev):
                score.not_event_violations += 1
                score.violations.append(f"{p.get('code')} {p.get('source')}->{p.get('target')}: {nev['evidence'][:70]}")


# ---------------------------------------------------------------- quotes, dates, actors


def _quote_match(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Same quoted text once punctuation at the edges and case are folded."""
    return norm_text(pred.get("quote", "")) == norm_text(gold.get("quote", ""))


def names_match(pred: str | None, gold: str | None) -> bool:
    """Speaker names agree (accent- and case-insensitive); a gold surname matches a full name."""
    if gold is None or pred is None:
        return gold is None and pred is None
    p, g = norm_text(pred), norm_text(gold)
    return p == g or (len(g.split()) > 1 and p.split()[-1:] == g.split()[-1:] and len(p.split()) > 1)


def score_quotes(pred: list[dict[str, Any]], gold: list[dict[str, Any]], score: ArticleScore) -> None:
    """Quote P/R by text, and speaker accuracy on matched gold quotes."""
    score.quotes.gold += len(gold)
    score.quotes.pred += len(pred)
    score.quotes.tp += sum(1 for p in pred if any(_quote_match(p, g) for g in gold))
    for g in gold:
        hits = [p for p in pred if _quote_match(p, g)]
        if hits:
            score.quotes.tp_gold += 1
            score.quote_speakers_right += any(names_match(p.get("speaker"), g.get("speaker")) for p in hits)


def _mention_hits(pred: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Predicted mentions with the gold text; else mentions that contain it as whole words.

    The gold may mark "Emmanuel Macron" or "Friday" inside a longer mention eventlens keeps whole
    ("French President Emmanuel Macron", "late on Friday").
    """
    g = norm_text(text)
    exact = [p for p in pred if norm_text(p["text"]) == g]
    return exact or [p for p in pred if _contains_words(norm_text(p["text"]), g)]


def value_matches(pred: str | None, gold: str) -> bool:
    """The value is the gold's, or refines it with a time or part of day (2021-01-31TNI for 2021-01-31)."""
    return pred == gold or (pred is not None and pred.startswith(gold + "T"))


def score_dates(pred: list[dict[str, Any]], gold: list[dict[str, Any]], score: ArticleScore) -> None:
    """Date mentions found by text (or a containing expression), and value accuracy on those found."""
    score.dates.gold += len(gold)
    score.dates.pred += len(pred)
    score.dates.tp += sum(1 for p in pred if any(p in _mention_hits(pred, g["text"]) for g in gold))
    for g in gold:
        hits = _mention_hits(pred, g["text"])
        if hits:
            score.dates.tp_gold += 1
            score.date_values_right += any(value_matches(p.get("value"), g["value"]) for p in hits)


def _contains_words(outer: str, inner: str) -> bool:
    """``inner`` occurs in ``outer`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


def score_actors(pred: list[dict[str, Any]], gold: list[dict[str, Any]], score: ArticleScore) -> None:
    """Gold actor mentions found by text, with exact and country-level code and name accuracy."""
    score.actors_gold += len(gold)
    for g in gold:
        hits = _mention_hits(pred, g["text"])
        if not hits:
            continue
        score.actors_found += 1
        codes = {norm_code(g["code"]), *(norm_code(c) for c in g.get("alt_codes", []))}
        score.actor_codes_exact += any(norm_code(p["code"]) in codes for p in hits)
        score.actor_codes_country += any(any(code_matches(p["code"], c) for c in codes) for p in hits)
        score.actor_names_right += any(names_match(p.get("name"), g.get("name")) for p in hits)


def score_article(pred: dict[str, Any], gold: dict[str, Any]) -> ArticleScore:
    """All figures for one predicted record against its gold article."""
    score = ArticleScore(str(gold.get("id", pred.get("article_id"))))
    score_events(pred.get("events", []), gold.get("events", []), score)
    score_not_events(pred.get("events", []), gold.get("not_events", []), score)
    score_quotes(pred.get("quotes", []), gold.get("quotes", []), score)
    score_dates(pred.get("dates", []), gold.get("dates", []), score)
    score_actors(pred.get("actors", []), gold.get("actors", []), score)
    return score


def score_corpus(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> tuple[list[ArticleScore], ArticleScore]:
    """Per-article scores and their total for (prediction, gold) pairs."""
    per_article = [score_article(p, g) for p, g in pairs]
    total = ArticleScore("TOTAL")
    for s in per_article:
        total.add(s)
    return per_article, total

"""Train the learned event layer (``eventlens train``) from the labelled sentences in ``training/events/``.

Training data: one JSON object per line (see ``training/README.md``): a news sentence written for this
project, the CAMEO code of its main event (or null for a non-event, with the reason), and the exact
source, target and trigger strings. Only data the project may ship trains the weights: the
project's own sentences (MIT). The devset, PLV, PolNeAR, Timeline17 and CASE 2021 never do.

Every verb and noun of a sentence is one training row: the words of the trigger are labelled with
the sentence's code (3 digits; codes with few examples fall back to their root's ``xx0`` code), every
other word ``none``. scikit-learn fits two logistic regressions at build time only (does a word
state an event; which code), and the weights are written as a small numpy archive that
:mod:`eventlens.events.learned` reads with numpy.

The report gives the model's accuracy on a held-aside fifth of the sentences (chosen by a hash of
their id, never trained on in that run) before the final model is fitted on all of them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from eventlens.config import Settings
from eventlens.events.learned import NONE, EventModel, candidates, features
from eventlens.events.mentions import ActorIndex
from eventlens.events.syntax import sentence_segments
from eventlens.events.tokenfacts import DocFacts
from eventlens.ontology import Ontology

DEFAULT_C = 1.0  # inverse regularisation of the event detector
DEFAULT_CODE_C = 2.0  # the code classifier's, relative to DEFAULT_C
DEFAULT_THRESHOLD = 0.4  # least P(event) for the model to code a word (chosen on PLV's even half)
MIN_CODE_EXAMPLES = 6  # rarer 3-digit codes are learned as their root's xx0 code
MIN_FEATURE_COUNT = 2
PRUNE_BELOW = 0.01
HELD_ASIDE = 5  # one sentence in five, by id hash, is held aside for the report


class TrainingError(RuntimeError):
    """The training data or the training tools are missing or wrong."""


@dataclass
class Example:
    """One training sentence after parsing: a feature list and a label per candidate word."""

    id: str
    code: str | None
    rows: list[list[str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def default_data_dir() -> Path:
    """``training/events`` of the source checkout (the data is not part of the installed package)."""
    return Path(__file__).resolve().parents[3] / "training" / "events"


NEGATIVE_REASONS = frozenset({"negated", "future", "hypothetical", "conditional", "denied", "feared", "cancelled",
                              "accidental", "no_target", "generic", "death_toll", "other"})


def record_problems(rec: Any, known_codes: set[str]) -> list[str]:
    """What is wrong with one training record (empty when it is fine); see ``training/README.md``."""
    if not isinstance(rec, dict):
        return ["not a JSON object"]
    text, code, negative = rec.get("text"), rec.get("code"), rec.get("negative")
    problems = []
    if not isinstance(rec.get("id"), str) or not rec.get("id"):
        problems.append("missing id")
    if not isinstance(text, str) or not text.strip():
        return [*problems, "missing text"]
    if code is not None and code not in known_codes:
        problems.append(f"unknown CAMEO code {code!r}")
    if (code is None) == (negative is None):
        problems.append("exactly one of code and negative must be set")
    if negative is not None and negative not in NEGATIVE_REASONS:
        problems.append(f"unknown negative reason {negative!r}")
    if rec.get("would_be") is not None and rec["would_be"] not in known_codes:
        problems.append(f"unknown would_be code {rec['would_be']!r}")
    for name in ("source", "target", "trigger"):
        value = rec.get(name)
        if value is not None and (not isinstance(value, str) or value not in text):
            problems.append(f"{name} {value!r} is not in the text")
    if code is not None and not rec.get("trigger"):
        problems.append("an event needs its trigger")
    return problems


def read_records(paths: Iterable[Path], known_codes: set[str] | None = None) -> list[dict[str, Any]]:
    """Every record of the given JSONL files (or of every ``*.jsonl`` in given folders), checked:
    a bad line, a duplicate id or text, or a record naming an unknown code raises TrainingError
    naming the file and line."""
    if known_codes is None:
        from eventlens.ontology import load as load_ontology

        known_codes = set(load_ontology().codes())
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise TrainingError(f"training data not found: {path}")
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    if not files:
        raise TrainingError("no training files (*.jsonl) found")
    records: list[dict[str, Any]] = []
    ids: set[str] = set()
    texts: set[str] = set()
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TrainingError(f"{f}:{n}: bad JSON: {exc}") from None
            problems = record_problems(rec, known_codes)
            if not problems and rec["id"] in ids:
                problems.append(f"duplicate id {rec['id']!r}")
            if not problems and rec["text"] in texts:
                problems.append("duplicate text")
            if problems:
                raise TrainingError(f"{f}:{n}: " + "; ".join(problems))
            ids.add(rec["id"])
            texts.add(rec["text"])
            records.append(rec)
    return records


def three_digits(code: str) -> str:
    """A CAMEO code cut or padded to three digits (``0871`` -> ``087``, ``19`` -> ``190``)."""
    return (code + "0")[:3] if len(code) == 2 else code[:3]


def class_of(code: str, keep: set[str]) -> str:
    """The class a code is learned as: its 3-digit code when frequent enough, else the root's xx0."""
    three = three_digits(code)
    return three if three in keep else three[:2] + "0"


def _trigger_tokens(doc: Any, text: str, trigger: str | None) -> set[int]:
    """Token indices inside the trigger string's first occurrence."""
    if not trigger:
        return set()
    start = text.find(trigger)
    if start < 0:
        return set()
    end = start + len(trigger)
    return {t.i for t in doc if start <= t.idx < end}


def prepare(records: Sequence[dict[str, Any]], settings: Settings) -> list[Example]:
    """Parse the sentences and turn each into feature rows with labels (codes still unmapped)."""
    from eventlens import actors as actor_stage
    from eventlens.ingest import make_article
    from eventlens.parse import parse
    from eventlens.pipeline import load_resources

    res = load_resources(settings)
    articles = [make_article(r["text"], id=r["id"]) for r in records]
    examples = []
    for (doc, article), record in zip(parse(articles, res.nlp, settings.batch_size), records, strict=True):
        index = ActorIndex(actor_stage.extract(doc, article, res.lexicon))
        triggers = _trigger_tokens(doc, article.text, record.get("trigger")) if record.get("code") else set()
        ex = Example(record["id"], record.get("code"))
        facts = DocFacts(doc, (), index)
        for sent in sentence_segments(doc):  # the sentences the events stage reads
            for token in candidates(sent):
                ex.rows.append(features(token, sent, res.verbs, index, facts))
                ex.labels.append(record["code"] if token.i in triggers else NONE)
        examples.append(ex)
    return examples


def held_aside(record_id: str) -> bool:
    """Whether a sentence belongs to the held-aside fifth (stable across runs and machines)."""
    return int(hashlib.sha1(record_id.encode()).hexdigest(), 16) % HELD_ASIDE == 0


def fit(examples: Sequence[Example], c: float = DEFAULT_C, threshold: float = DEFAULT_THRESHOLD,
        code_c: float = DEFAULT_CODE_C) -> EventModel:
    """Fit the two logistic regressions on the examples' rows (scikit-learn, build time only): the
    event detector on every word, the code classifier on trigger words; see :class:`EventModel`."""
    try:
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise TrainingError("training needs scikit-learn: pip install 'eventlens[train]'") from None
    counts = Counter(three_digits(label) for ex in examples for label in ex.labels if label != NONE)
    keep = {code for code, n in counts.items() if n >= MIN_CODE_EXAMPLES}
    labels = [label if label == NONE else class_of(label, keep) for ex in examples for label in ex.labels]
    rows = [row for ex in examples for row in ex.rows]
    feature_counts = Counter(f for row in rows for f in set(row))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in feature_counts.items() if n >= MIN_FEATURE_COUNT))}
    data, indices, indptr = [], [], [0]
    for row in rows:
        idx = sorted({vocab[f] for f in row if f in vocab})
        indices.extend(idx)
        data.extend([1.0] * len(idx))
        indptr.append(len(indices))
    x = csr_matrix((np.array(data, dtype=np.float32), np.array(indices), np.array(indptr)),
                   shape=(len(rows), len(vocab)))
    is_trigger = np.array([label != NONE for label in labels])
    if len(set(label for label in labels if label != NONE)) < 2 or is_trigger.all():
        raise TrainingError("training data needs words of at least two event codes and some non-event words")
    detector = LogisticRegression(C=c, max_iter=500, tol=1e-4)
    detector.fit(x, is_trigger)
    coder = LogisticRegression(C=c * code_c, max_iter=500, tol=1e-4)
    coder.fit(x[is_trigger], [label for label, t in zip(labels, is_trigger, strict=True) if t])
    classes = (NONE, *(str(k) for k in coder.classes_))
    code_w, code_b = coder.coef_, coder.intercept_
    if len(coder.classes_) == 2:  # sklearn keeps one row for two classes: softmax over (0, w.x + b)
        code_w, code_b = np.vstack([np.zeros_like(code_w), code_w]), np.concatenate([[0.0], code_b])
    weights = np.hstack([detector.coef_.T, code_w.T]).astype(np.float32)
    weights[np.abs(weights) < PRUNE_BELOW] = 0.0  # negligible weights: a smaller file, same decisions
    bias = np.concatenate([detector.intercept_, code_b]).astype(np.float32)
    meta = {"examples_per_code": dict(counts.most_common()), "rows": len(rows), "sentences": len(examples),
            "C": c, "code_C": code_c}
    return EventModel(vocab, weights, bias, classes, threshold, meta)


@dataclass
class Scores:
    """Sentence-level figures of a model on labelled sentences."""

    events: int = 0
    negatives: int = 0
    found: int = 0
    code_right: int = 0
    root_right: int = 0
    plover_right: int = 0
    trigger_right: int = 0
    false_alarms: int = 0

    def figures(self) -> dict[str, float]:
        e = self.events or 1
        return {
            "event_sentences": self.events, "negative_sentences": self.negatives,
            "event_found": round(self.found / e, 3), "code_accuracy": round(self.code_right / e, 3),
            "root_accuracy": round(self.root_right / e, 3), "plover_accuracy": round(self.plover_right / e, 3),
            "trigger_accuracy": round(self.trigger_right / e, 3),
            "negatives_coded": round(self.false_alarms / (self.negatives or 1), 3),
        }


def score(model: EventModel, examples: Sequence[Example], ontology: Ontology) -> Scores:
    """How the model's best trigger per sentence compares with the gold code (model alone, no actors)."""
    s = Scores()
    for ex in examples:
        if not ex.rows:
            continue
        probs = model.probabilities(ex.rows)
        i, code, p = model.best(probs)[0]
        coded = bool(p >= model.threshold)
        if ex.code is None:
            s.negatives += 1
            s.false_alarms += coded
            continue
        s.events += 1
        if not coded:
            continue
        s.found += 1
        s.code_right += code == three_digits(ex.code)
        s.root_right += code[:2] == ex.code[:2]
        s.plover_right += ontology.info(code).plover == ontology.info(ex.code).plover
        s.trigger_right += ex.labels[i] != NONE
    return s


def train(data: Sequence[Path], out: Path, settings: Settings, c: float = DEFAULT_C,
          threshold: float = DEFAULT_THRESHOLD, code_c: float = DEFAULT_CODE_C) -> dict[str, Any]:
    """Report the model's figures on the held-aside fifth, then fit on everything and save to ``out``."""
    from eventlens.ontology import load as load_ontology

    ontology = load_ontology(goldstein=settings.goldstein)
    records = read_records(data, set(ontology.codes()))
    examples = prepare(records, settings)
    study = [ex for ex in examples if not held_aside(ex.id)]
    aside = [ex for ex in examples if held_aside(ex.id)]
    trial = fit(study, c, threshold, code_c=code_c)
    report: dict[str, dict[str, Any]] = {"held_aside": score(trial, aside, ontology).figures(),
              "training_fit": score(trial, study, ontology).figures()}
    model = fit(examples, c, threshold, code_c=code_c)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    report["model"] = {"file": str(out), "bytes": out.stat().st_size, "features": len(model.vocabulary),
                       "classes": len(model.classes), "sentences": len(examples),
                       "rows": model.meta["rows"], "threshold": threshold, "C": c, "code_C": code_c}
    return report

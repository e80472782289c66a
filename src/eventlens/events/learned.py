"""The learned event layer: a linear model that says which word of a sentence states an event, and of
which CAMEO code, where the rules are silent.

Every verb and noun of a sentence is a candidate trigger. Its features are what the parse says about
it: its lemma, its objects, particles and prepositions, the verb it hangs on, negation and modality,
whether its subject and object are coded actors, the words of its clause, its WordNet classes, and
what the CAMEO verb dictionaries (the TOML rules and PETRARCH's CAMEO.2.0, MIT) would code for it.
Two logistic regressions over these features (trained by ``eventlens train`` from the sentences in
``training/events/``; see :mod:`eventlens.events.training`) give each candidate the probability that it
states an event and, if it does, of each code. Inference is a sum of weight rows, a sigmoid and a
softmax in numpy.

The parse then decides who is source and who is target (subject or agent, object, prepositional
object, possessor of an event noun), as for the rules.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from eventlens.events.antecedents import awaits_antecedent
from eventlens.events.frames import REFUSE, Frame, frame_of, frame_stands, negated_future
from eventlens.events.lexicon import Lexicons, Rule
from eventlens.events.mentions import (
    PLACE_PREPS,
    ActorIndex,
    acted_on,
    located_target,
    phrases_actors,
    same_actor,
)
from eventlens.events.modality import modality_of, speech_head
from eventlens.events.records import MUTUAL_ROOTS, Found, each_other
from eventlens.events.syntax import governing_verb, in_spans, is_passive, pobjs, reciprocal, subject_of
from eventlens.events.tokenfacts import DocFacts
from eventlens.events.verbs import verb_sources
from eventlens.events.words import WORDS
from eventlens.models import Actor
from eventlens.ontology import SYMMETRIC_CODES
from eventlens.text import columns
from eventlens.text.speech import NEUTRAL_SPEECH

log = logging.getLogger(__name__)

NONE = "none"
MODEL_FILE = "event_model.npz"
MAX_CANDIDATES = 120  # a "sentence" with more verbs and nouns than this is a parser failure: skipped
CANDIDATE_POS = frozenset({"VERB", "NOUN", "AUX"})
CONTENT_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ", "ADV"})
# In the order they are tried: the words() tuple keeps the file's order.
TARGET_PREPS = WORDS.words("learned", "target_preps")
# Roots whose events may stand without a target when nothing in the text names one: those whose PLOVER
# types need no recipient (ontology plover_event_types.csv), not the bare statements and appeals of
# 01 and 02 (no PLOVER type) nor the types that do need one (COOPERATE 06, AID 07, SANCTION 16).
TARGETLESS_ROOTS = frozenset({"03", "04", "05", "08", "09", "10", "11", "12", "13", "14", "15", "17", "18", "19", "20"})
# A target-less event needs more confidence than a dyadic one: with no participant to anchor it, a
# false alarm costs more (measured on the devset and on PLV's even half).
TARGETLESS_MIN = 0.8
# A place stands in for the target only where the model is surer of the act than its threshold asks:
# a weakly read verb ("tried", "lost") near a place is more often no attack at all.
PLACE_TARGET_MIN = 0.5


# Where a reaction's object may name the earlier act it reacts to ("condemned the attack", "support for
# the campaign", "protested against the move").
REACTION_SLOTS = Rule("model", "", target=("dobj", "for", "against", "over", "on", "at"))


# Features that carry a negated future's negation and modal: left out to score the act it refuses.
NEGATION_CUES = frozenset({"C=never", "W-=not", "W-=never", "W-=will", "W-=would", "W-=wo", "W-=shall"})


SPEAKER_PRONOUNS = WORDS.frozenset_of("learned", "speaker_pronouns")
# Codes whose trigger may be the content of a commitment, refusal, threat or demand ("agreed to
# withdraw" is an intent 03x, "refused to meet" a rejection 12x), not itself a thing that happened.
COMMITMENT_ROOTS = frozenset({"02", "03", "10", "12", "13"})
# Acts that, told by a party to them, are accusations (fights, assaults, coercion, sanctions, force).
HOSTILE_ACT_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})
ACCUSATION = "112"
# The model replaces a dictionary's code only when it gives the root it prefers this many times the
# probability of the dictionary's root ("took part in talks": no root stands out, the rule's stays).
RECODE_MARGIN = 2.0


class ModelError(RuntimeError):
    """The event model's weight file is missing or unreadable."""


@dataclass(frozen=True)
class EventModel:
    """A trained trigger classifier: feature vocabulary, weights (features x classes), bias, classes.

    Two linear models share the columns: the ``none`` column scores whether a word states an event at
    all (a logistic model), the code columns which code it is (a softmax over codes, trained on
    trigger words only). A code's probability is P(event) x P(code | event).

    threshold (float): the least probability that a word states an event for the model to code it.
    """

    vocabulary: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    classes: tuple[str, ...]
    threshold: float
    meta: dict

    def probabilities(self, rows: Sequence[Sequence[str]], floor: float = 0.0) -> np.ndarray:
        """Class probabilities for each feature list (one row per candidate word).

        Column 0 is the probability that the word states no event. The codes' distribution is
        computed only for rows whose event probability reaches ``floor`` (the rest get 0 for every
        code): most candidate words state no event, and the caller never reads their codes.
        """
        vocab = self.vocabulary
        found = [[j for j in map(vocab.get, feats) if j is not None] for feats in rows]
        trigger = 1.0 / (1.0 + np.exp(-self._segment_sums(found, self.trigger_weights, self.bias[0])))
        probs = np.zeros((len(rows), len(self.classes)), dtype=np.float32)
        probs[:, 0] = 1.0 - trigger
        keep = np.flatnonzero(trigger >= floor) if floor > 0 else np.arange(len(rows))
        if len(keep):
            codes = self._segment_sums([found[i] for i in keep], self.weights[:, 1:], self.bias[1:])
            codes -= codes.max(axis=1, keepdims=True)
            np.exp(codes, out=codes)
            codes /= codes.sum(axis=1, keepdims=True)
            probs[keep, 1:] = codes * trigger[keep, None]
        return probs

    @cached_property
    def trigger_weights(self) -> np.ndarray:
        """The weights of column 0 (the "states an event" logit), contiguous."""
        return np.ascontiguousarray(self.weights[:, 0])

    @staticmethod
    def _segment_sums(found: Sequence[Sequence[int]], weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
        """``bias`` plus the sum of the ``weights`` rows each feature-index list names: one gather
        and one segmented sum for all lists."""
        out = np.tile(np.asarray(bias, dtype=np.float32), (len(found),) + (1,) * (weights.ndim - 1))
        idx: list[int] = []
        starts: list[int] = []
        filled: list[int] = []
        for i, row in enumerate(found):
            if row:
                starts.append(len(idx))
                filled.append(i)
                idx.extend(row)
        if idx:
            out[filled] += np.add.reduceat(weights[idx], starts, axis=0, dtype=np.float32)
        return out

    def best(self, probs: np.ndarray) -> list[tuple[int, str, float]]:
        """(candidate index, code, probability that it states an event), most likely event first:
        whether a word states an event decides, then its most probable code names it."""
        none = self.classes.index(NONE)
        event = 1.0 - probs[:, none]
        codes = probs.copy()
        codes[:, none] = -1.0
        order = np.argsort(-event, kind="stable")
        return [(int(i), self.classes[int(codes[i].argmax())], float(event[i])) for i in order]

    def root_mass(self, probs: np.ndarray, root: str) -> float:
        """The probability one candidate's row gives all codes of a CAMEO root together."""
        return float(sum(p for c, p in zip(self.classes, probs, strict=True) if c[:2] == root and c != NONE))

    def save(self, path: str | Path) -> None:
        """Write the model as a compressed numpy archive (float16 weights, no pickled objects)."""
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path, vocabulary=np.array(words), weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32), classes=np.array(self.classes),
            meta=np.array(json.dumps({**self.meta, "threshold": self.threshold})),
        )


def packaged_model_path() -> Path:
    """The weight file shipped in the package."""
    return Path(str(resources.files("eventlens") / "data" / "models" / MODEL_FILE))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> EventModel:
    """Read a weight file (default: the packaged one); raise ModelError naming the file when it is
    missing or corrupt."""
    where = Path(path) if path else packaged_model_path()
    try:
        with np.load(where, allow_pickle=False) as data:
            words = [str(w) for w in data["vocabulary"]]
            weights = data["weights"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
            classes = tuple(str(c) for c in data["classes"])
            meta = json.loads(str(data["meta"]))
    except FileNotFoundError:
        raise ModelError(f"event model not found: {where} (rebuild it with `eventlens train`)") from None
    except Exception as exc:  # zip, key, JSON or dtype problems all mean an unusable file
        raise ModelError(f"event model unreadable: {where}: {type(exc).__name__}: {exc}") from None
    if weights.shape != (len(words), len(classes)) or bias.shape != (len(classes),) or NONE not in classes:
        raise ModelError(f"event model inconsistent: {where}: weights {weights.shape}, "
                         f"{len(words)} features, {len(classes)} classes")
    return EventModel({w: i for i, w in enumerate(words)}, weights, bias, classes,
                      float(meta.get("threshold", 0.5)), meta)


# ---------------------------------------------------------------- features

WORD_CLASSES = "word_classes.tsv.gz"
SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""))


@lru_cache(maxsize=1)
def word_classes() -> dict[tuple[str, str], tuple[str, ...]]:
    """WordNet classes of verbs and event nouns: (lemma, ``v``/``n``) -> lexicographer file and
    hypernym head words (Open English WordNet, CC BY 4.0; built by ``scripts/build_word_classes.py``)."""
    path = resources.files("eventlens") / "data" / "lexical" / WORD_CLASSES
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    with resources.as_file(path) as real, gzip.open(real, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            lemma, pos, classes = line.rstrip("\n").split("\t")
            table[(lemma, pos)] = tuple(classes.split())
    return table


def classes_of(token: Token) -> tuple[str, ...]:
    """The WordNet classes of a verb or noun, trying its lemma, its text and its text without an
    inflection ("lambasted" -> "lambaste", "stopped" -> "stop")."""
    return _classes("v" if token.pos_ in ("VERB", "AUX") else "n", token.lemma_.lower(), token.lower_)


@lru_cache(maxsize=65536)
def _classes(pos: str, lemma: str, word: str) -> tuple[str, ...]:
    table = word_classes()
    tries = [lemma, word]
    for suffix, repl in SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            tries.append(stem + repl)
            if not repl and len(stem) > 3 and stem[-1] == stem[-2]:
                tries.append(stem[:-1])  # doubled consonant
    return next((table[(t, pos)] for t in tries if (t, pos) in table), ())


def candidates(sent: Span, skip_spans: Sequence[tuple[int, int]] = (), facts: DocFacts | None = None) -> list[Token]:
    """Tokens that may state an event: verbs and nouns outside quotes and the headline (keeping only
    WordNet's event nouns was measured: 30% fewer candidates, one point less PLV type recall).
    ``facts`` (built with the same skip spans) answers the quote test without rescanning the spans."""
    if facts is not None:
        _, _, pos, alpha = facts.columns()
        doc = sent.doc
        return [doc[i] for i in range(sent.start, sent.end)
                if pos[i] in CANDIDATE_POS and alpha[i] and not facts.skipped_at(i)]
    return [t for t in sent if t.pos_ in CANDIDATE_POS and t.is_alpha and not in_spans(t, skip_spans)]


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def features(token: Token, sent: Span, lex: Lexicons | None, index: ActorIndex,
             facts: DocFacts | None = None) -> list[str]:
    """The feature strings of one candidate trigger (the same at training and at run time).

    facts (DocFacts | None): the document's memoised token facts (built for this word when not given,
        which reads the whole document: a caller asking for many words passes its own); the features
        are read from the document's columns and parse tree.
    """
    return _features_from_columns(token, sent, lex, facts or DocFacts(token.doc, (), index))



def _features_from_columns(token: Token, sent: Span, lex: Lexicons | None, facts: DocFacts) -> list[str]:
    """``features`` read from the document's columns and parse tree (:mod:`eventlens.text.columns`,
    ``DocFacts.tree``) instead of Token objects: the same strings in the same order."""
    i = token.i
    lemmas, lowers, pos, alpha = facts.columns()
    children, deps, _ = facts.tree()
    cols = columns.of_doc(token.doc)
    heads, ents = cols.head, cols.ent_type

    def kind(j: int) -> str:
        return "A" if facts.is_actor_phrase_at(j) else ents[j] or "-"

    lemma, verbal = lemmas[i], pos[i] in ("VERB", "AUX")
    out = [f"L={lemma}", f"P={pos[i]}", f"LD={lemma}|{deps[i]}", f"T={cols.tag[i]}"]
    out.extend(f"WN={c}" for c in _classes("v" if verbal else "n", lemma, lowers[i]))
    for c in children[i]:
        dep = deps[c]
        if dep in ("dobj", "attr", "oprd"):
            out.append(f"LO={lemma}|{lemmas[c]}")
            out.append(f"OK={kind(c)}")
        elif dep == "prt":
            out.append(f"LT={lemma}|{lemmas[c]}")
        elif dep in ("prep", "agent", "dative"):
            out.append(f"LP={lemma}|{lowers[c]}")
            for p in children[c]:
                if deps[p] == "pobj":
                    out.append(f"LPO={lemma}|{lowers[c]}|{lemmas[p]}")
                    out.append(f"PK={lowers[c]}|{kind(p)}")
        elif dep in ("xcomp", "ccomp"):
            out.append(f"LX={lemma}|{dep}|{lemmas[c]}")
        elif dep in ("nsubj", "nsubjpass"):
            out.append(f"S={dep}|{kind(c)}")
            out.append(f"LS={lemma}|{lemmas[c]}")
        elif dep == "poss":
            out.append(f"POSS={kind(c)}")
        elif dep in ("amod", "compound") and pos[i] == "NOUN":
            out.append(f"LM={lemma}|{lemmas[c]}")
    head = heads[i]
    if head != i:
        out.append(f"H={deps[i]}|{lemmas[head]}")
        out.append(f"HL={lemmas[head]}|{lemma}")
    if any(deps[c] in ("nsubjpass", "auxpass", "agent") for c in children[i]):
        out.append("PASSIVE")
    modality = facts.modality(token) if verbal else "noun"
    subject, inherited = facts.subject(token) if verbal else (None, False)
    out.append(f"MOD={modality}")
    top = i
    while deps[top] == "conj" and heads[top] != top:
        top = heads[top]
    if deps[top] == "ccomp" and lemmas[heads[top]] in NEUTRAL_SPEECH:  # modality.speech_head
        out.append("REPORTED")
    if subject is not None:
        out.append(f"SUBJ={'inh' if inherited else 'own'}|{kind(subject.i)}")
    out.extend(f"C={lemmas[j]}" for j in facts.clause(token)[:40] if j != i and pos[j] in CONTENT_POS and alpha[j])
    out.extend(f"W{'-' if j < i else '+'}={lemmas[j]}"
               for j in range(max(i - 2, sent.start), min(i + 3, sent.end)) if j != i and alpha[j])
    if lex is not None:
        out.extend(_dictionary_features(token, sent, lex, facts))
    return out


def _dictionary_features(token: Token, sent: Span, lex: Lexicons, facts: DocFacts) -> list[str]:
    """What the rule lexicon and the CAMEO.2.0 verb dictionary would code for this word."""
    out: list[str] = []
    if token.pos_ == "NOUN":
        out.extend(f"NR={r.code[:2]}" for r in lex.nouns.get(_lemma(token), ())[:3])
        return out
    out.extend(f"TR={r.code[:2]}" for r in facts.rules(token, lex.verbs)[:3])
    rule = facts.rule(token, sent, lex.verbs)
    if rule is not None:
        out.append(f"TM={rule.code[:3]}")
    out.extend(sorted({f"FR={r.code[:2]}" for r in facts.rules(token, lex.fallback)}))
    match = facts.rule(token, sent, lex.fallback)
    if match is not None:
        out.append(f"FM={match.code[:3]}")
        out.append(f"FMR={match.code[:2]}")
    return out


# ---------------------------------------------------------------- coding


def model_events(sent: Span, model: EventModel, lex: Lexicons | None, index: ActorIndex,
                 skip_spans: Sequence[tuple[int, int]] = (), facts: DocFacts | None = None) -> list[Found]:
    """The events the model codes in one sentence: its most probable trigger above the threshold,
    with source and target from the parse (none when no source actor is found).

    facts (DocFacts | None): the document's memoised token facts, built with ``skip_spans`` (built here
        for this call when not given: a caller coding sentence after sentence should pass its own).
    """
    facts = facts or DocFacts(sent.doc, skip_spans, index)
    if not facts.any_actor(sent):
        return []  # no actor, no source: nothing the model could code (and no features to compute)
    cands = candidates(sent, skip_spans, facts)
    if not cands:
        return []
    if len(cands) > MAX_CANDIDATES:
        log.info("event model: skipping a sentence with %d candidate words at offset %d", len(cands), sent.start_char)
        return []
    rows = [features(t, sent, lex, index, facts) for t in cands]
    probs = model.probabilities(rows, floor=model.threshold)  # codes read only above the threshold
    for i, code, p in model.best(probs)[:3]:
        if p < model.threshold:
            break
        if (frame := frame_of(cands[i], code)) is not None:
            if frame_stands(frame) and (found := _framed(frame, sent, p, index)):
                return found
            continue
        if not (factual(cands[i]) or (code[:2] in COMMITMENT_ROOTS and committed(cands[i]))):
            continue
        found = reported_accusation(cands[i], sent, code, p, index) or _participants(cands[i], sent, code, p, index)
        if found:
            return found
    return refusals(cands, rows, sent, model, index)


def refusals(cands: Sequence[Token], rows: Sequence[list[str]], sent: Span, model: EventModel,
             index: ActorIndex) -> list[Found]:
    """"The union said it will not end the strike": a negated future is a refusal of the act it
    negates. The act is scored as its affirmative (the negation and future cues left out of its
    features, so the model says which act it is), then framed as a rejection of that act."""
    picks = [i for i, t in enumerate(cands) if negated_future(t)]
    if not picks:
        return []
    affirmative = [[f for f in rows[i] if not f.startswith("MOD=") and f not in NEGATION_CUES] + ["MOD=ok"]
                   for i in picks]
    probs = model.probabilities(affirmative, floor=model.threshold)
    for j, code, p in model.best(probs)[:1]:
        frame = frame_of(cands[picks[j]], code) if p >= model.threshold else None
        if frame is not None and frame.kind.name == REFUSE and (found := _framed(frame, sent, p, index)):
            return found
    return []


def factual(token: Token) -> bool:
    """Whether a word states something that happened (or was said to be intended): a verb that is not
    negated, modal, conditional or under a non-factual head; a noun governed by such a verb. The
    model learns these cues too, but a hypothetical act must never become an event."""
    verb = governing_verb(token)
    return verb.pos_ not in ("VERB", "AUX") or modality_of(verb) != "blocked"


def committed(token: Token) -> bool:
    """Whether an act is the content of a commitment, a refusal or a threat that itself happened:
    "agreed to share", "is willing to withdraw", "refused to meet", "threatened to strike" (the
    act is the complement of a factual verb or adjective, not negated or conditional itself)."""
    verb = governing_verb(token)
    if verb.dep_ != "xcomp" or verb.head.i == verb.i or any(c.dep_ == "neg" for c in verb.children):
        return False
    head = verb.head
    return head.pos_ in ("VERB", "AUX", "ADJ") and factual(head)


def recode(found: list[Found], model: EventModel, lex: Lexicons | None, index: ActorIndex,
           facts: DocFacts | None = None) -> list[Found]:
    """Dictionary-fallback events checked by the model: where the model is confident that the
    trigger states an event of another root, its code replaces the dictionary's (the actors stay)."""
    out: list[Found] = []
    for f in found:
        if not f.rule.startswith("dict:"):
            out.append(f)
            continue
        facts = facts or DocFacts(f.sent.doc, (), index)  # once per call when the caller has none
        probs = model.probabilities([features(f.trigger, f.sent, lex, index, facts)])
        _, code, p = model.best(probs)[0]
        if p >= model.threshold and code[:2] != f.code[:2] and model.root_mass(probs[0], code[:2]) >= \
                RECODE_MARGIN * model.root_mass(probs[0], f.code[:2]) and \
                not _object_backs(f, code, model, lex, index, facts):
            f = Found(f.source, f.target, code, f.trigger, f.sent, f"model:{_lemma(f.trigger)} over {f.rule}",
                      f.confidence, f.pending)
        out.append(f)
    return out


def _object_backs(found: Found, code: str, model: EventModel, lex: Lexicons | None, index: ActorIndex,
                  facts: DocFacts) -> bool:
    """"commenced assaults", "conducted an investigation", "gave permission": a light verb's object
    noun states the act. When the model, reading the object, prefers the dictionary's root to its own
    reading of the verb, the dictionary's code stays."""
    objects = [c for c in found.trigger.children if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN"]
    if not objects:
        return False
    probs = model.probabilities([features(o, found.sent, lex, index, facts) for o in objects])
    return any(p >= model.threshold and best[:2] == found.code[:2] for _, best, p in model.best(probs))


def reported_accusation(trigger: Token, sent: Span, code: str, p: float, index: ActorIndex) -> list[Found]:
    """A hostile act told by a party to it is an accusation: "Kyiv said Russia had broken the truce"
    is Kyiv accusing Russia (112), not a fact the reporter states. Applies when the act is the
    complement of a speech verb whose speaker is neither the act's author nor a third party (the act
    has no target, or is aimed at the speaker's own side)."""
    if code[:2] not in HOSTILE_ACT_ROOTS or (speech := speech_head(trigger)) is None:
        return []
    speakers = verb_sources(speech, is_passive(speech), index, sent)[0]
    authors = _sources(trigger, sent, index)
    if not speakers or not authors:
        return []
    speaker, author = speakers[0], authors[0]
    if same_actor(speaker, author) or _country(speaker) == _country(author):
        return []  # "the army said it had shelled ...": its own act, reported
    targets = [a for a in _targets(trigger, index) if not same_actor(a, author)]
    if targets and _country(targets[0]) != _country(speaker):
        return []  # a third party's account of an act between others: the act itself
    confidence = round(min(0.7, 0.3 + 0.4 * p), 3)
    return [Found(speaker, author, ACCUSATION, speech, sent, f"model:{_lemma(trigger)} reported by {_lemma(speech)}",
                  confidence)]


def _framed(frame: Frame, sent: Span, p: float, index: ActorIndex) -> list[Found]:
    """An intent, appeal, demand, refusal or threat: the frame's subject is the source; the target is
    the one asked (appeals, demands) or the content act's own object (the rest), whichever the frame
    kind names first. A frame stands without a target where its root may."""
    word = frame.word if frame.word.pos_ != "ADJ" else governing_verb(frame.word)
    sources = _sources(word, sent, index) or _sources(frame.content, sent, index)
    if not sources:
        return []
    order = (word, frame.content) if frame.kind.target_first else (frame.content, word)
    targets = [a for t in order for a in _targets(t, index) if all(not same_actor(a, s) for s in sources)]
    if not targets:  # "willing to withdraw its troops from Iraq": where the content act lands
        targets = [a for a in located_target(frame.content, frame.code, index)
                   if all(not same_actor(a, s) for s in sources)]
    label = f"model:{_lemma(frame.word)} {frame.kind.name}"
    confidence = round(min(0.75, 0.35 + 0.4 * p), 3)
    if not targets and frame.code[:2] not in TARGETLESS_ROOTS:
        return []
    return [Found(sources[0], targets[0] if targets else None, frame.code, frame.word, sent, label, confidence)]


def _country(actor: Actor) -> str:
    return actor.code[:3]


def _participants(trigger: Token, sent: Span, code: str, p: float, index: ActorIndex) -> list[Found]:
    """Source and target of a model trigger from the parse, as Found records."""
    sources = _sources(trigger, sent, index)
    if not sources:
        return []
    targets = [a for a in _targets(trigger, index) if all(not same_actor(a, s) for s in sources)]
    label = f"model:{_lemma(trigger)}"
    confidence = round(min(0.75, 0.35 + 0.4 * p), 3)
    if not targets and len(sources) > 1 and reciprocal(trigger):
        return each_other(sources, code, trigger, sent, label, confidence)
    mutual = code in SYMMETRIC_CODES or code[:2] in MUTUAL_ROOTS or trigger.pos_ == "NOUN"
    if not targets and len(sources) > 1 and mutual:
        return [Found(sources[0], other, code, trigger, sent, label, confidence) for other in sources[1:]]
    if not targets and p >= PLACE_TARGET_MIN:  # "flew medicine into Afghanistan": where the act lands
        targets = [a for a in located_target(trigger, code, index) if all(not same_actor(a, s) for s in sources)]
    if not targets and trigger.pos_ in ("VERB", "AUX") and awaits_antecedent(trigger, REACTION_SLOTS, code):
        # "condemned the attack": aimed at whoever carried out the act named (completed later, or dropped)
        return [Found(sources[0], None, code, trigger, sent, label, confidence, pending="antecedent")]
    if not targets:
        if code[:2] not in TARGETLESS_ROOTS or p < TARGETLESS_MIN:
            return []
        return [Found(sources[0], None, code, trigger, sent, label, confidence)]
    return [Found(s, t, code, trigger, sent, label, confidence) for s in sources[:1] for t in targets[:1]]


def _sources(trigger: Token, sent: Span, index: ActorIndex) -> list[Actor]:
    """Who acts: the verb's subject (the agent in the passive); an event noun's possessor, its
    ``by`` phrase or the subject of the verb that governs it."""
    if trigger.pos_ in ("VERB", "AUX"):
        return verb_sources(trigger, is_passive(trigger), index, sent)[0] or _speaker_as_subject(trigger, sent, index)
    owners = [c for c in trigger.children if c.dep_ == "poss"]
    found = phrases_actors(owners + pobjs(trigger, "by"), index) or phrases_actors(pobjs(trigger, "between"), index)
    if found:
        return found
    compounds = [c for c in trigger.children if c.dep_ in ("compound", "amod", "nmod")]
    if found := phrases_actors(compounds, index):
        return found[:1]
    head = trigger.head
    if trigger.dep_ in ("dobj", "attr", "pobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return _sources(head, sent, index)
    if trigger.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        return _sources(head.head, sent, index)
    return []


def _speaker_as_subject(verb: Token, sent: Span, index: ActorIndex) -> list[Actor]:
    """"The rebels said they would release ...": a pronoun subject of a reported clause that no actor
    covers is the speaker."""
    subject, _ = subject_of(verb)
    speech = speech_head(verb)
    if subject is None or speech is None or subject.lower_ not in SPEAKER_PRONOUNS or index.at(subject):
        return []
    return verb_sources(speech, is_passive(speech), index, sent)[0]


def _targets(trigger: Token, index: ActorIndex) -> list[Actor]:
    """Who is acted upon: object (the subject of a passive), then prepositional objects by preference,
    then the subject of a reported clause ("accused X of ...", "said X had broken"). Forces the source
    moves ("sent troops to X") are what is moved, not who is acted upon."""
    for found in _target_slots(trigger, index):
        if kept := acted_on(found):
            return kept
    return []


def _target_slots(trigger: Token, index: ActorIndex) -> Iterator[list[Actor]]:
    """The actors of each slot that may hold the target, in order of preference."""
    passive = is_passive(trigger)
    objects = [c for c in trigger.children if c.dep_ in (("nsubjpass",) if passive else ("dobj", "dative"))]
    yield phrases_actors(objects, index, skip_possessive=True)
    yield phrases_actors([s for c in trigger.children if c.dep_ == "xcomp"
                          for s in c.children if s.dep_ == "nsubj"], index)
    for prep in TARGET_PREPS:
        yield phrases_actors([p for c in trigger.children if c.dep_ in ("prep", "dative") and c.lower_ == prep
                              for p in c.children if p.dep_ == "pobj"], index)
    for obj in objects:  # "launched an offensive against X": the object noun's own preposition
        yield phrases_actors([p for c in obj.children if c.dep_ == "prep" and c.lower_ not in PLACE_PREPS
                              for p in c.children if p.dep_ == "pobj"], index)
    yield phrases_actors([s for c in trigger.children if c.dep_ == "ccomp"
                          for s in c.children if s.dep_ in ("nsubj", "nsubjpass")], index)
    for action in (c for c in trigger.children if c.dep_ == "xcomp"):  # "threatened to attack X", "agreed to free X"
        yield _targets(action, index)
    yield phrases_actors([a for obj in objects for a in _authors(obj)], index)  # "the resolution proposed by X"
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX"):
        verb = trigger.head  # "launched cyber warfare against X": the parser hung the target on the verb
        for prep in TARGET_PREPS:
            yield phrases_actors([p for c in verb.children if c.dep_ == "prep" and c.lower_ == prep and c.i > trigger.i
                                  for p in c.children if p.dep_ == "pobj"], index)
    for purpose in (c for c in trigger.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
        # "sent troops to help X": whom the act is for, the object of its purpose
        yield phrases_actors([o for o in purpose.children if o.dep_ in ("dobj", "dative")], index)


def _authors(noun: Token) -> list[Token]:
    """The ``by`` agents of a participle that qualifies a noun ("the resolution proposed by X", "threats
    made by X")."""
    return [p for acl in noun.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
            for agent in acl.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"]

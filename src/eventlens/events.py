"""The events stage: CAMEO events from verbs (and a few event nouns) over spaCy dependency parses.

A rule from the lexicon (``data/verbs.toml``) fires on a verb lemma; its subject gives the source
actor, the object or a prepositional phrase gives the target. Negated, modal, conditional and
non-factual verbs, and verbs inside quotes, give no event.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventlens import verbdicts
from eventlens.models import Actor, Event
from eventlens.ontology import Ontology

SYMMETRIC = frozenset({"041", "044", "046", "057", "062", "0871"})
MODALS = frozenset({"will", "would", "may", "might", "could", "should", "shall", "can", "must", "ca", "wo"})
INTENT_MODALS = frozenset({"will", "would"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# Heads under which an xcomp verb still happened ("began attacking", "went on to meet").
FACTUAL_XCOMP_HEADS = frozenset({"begin", "start", "continue", "resume", "keep", "manage"})
# Heads whose that-clause is not asserted ("denied that ...", "feared that ...").
NONFACTUAL_CCOMP_HEADS = frozenset(
    {"deny", "fear", "hope", "want", "expect", "doubt", "wish", "suggest", "consider", "propose", "threaten", "warn"}
)
SPEECH_HEADS = frozenset({"say", "announce", "tell", "state", "add", "report", "confirm", "declare", "write"})
# Verbs that carry an event noun as their object ("launched strikes", "held talks").
LIGHT_VERBS = frozenset(
    {"launch", "carry", "conduct", "hold", "have", "make", "impose", "reimpose", "stage", "pay", "begin",
     "start", "resume", "mount", "give", "issue", "extend", "level", "obtain", "secure", "receive", "win"}
)
# Prepositions whose object places a noun in the time of the main clause ("after his summit with ...").
FRAME_PREPS = frozenset({"after", "before", "during", "following", "since", "at", "in", "ahead"})
# Prepositions that place a thing ("the agreements in the West Bank"): no actor is sought behind them.
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around"})
CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "acl", "csubj", "parataxis", "conj", "xcomp", "pcomp"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
MAX_SENTENCE_TOKENS = 400  # longer "sentences" are parser failures (tables, lists): not coded
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

Lexicon = dict[str, list["Rule"]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One lexicon entry: when a verb (or noun) lemma codes an event and where its actors are."""

    lemma: str
    code: str
    target: tuple[str, ...] = ("dobj",)
    source: tuple[str, ...] = ()
    needs: str | None = None
    object: frozenset[str] = frozenset()
    oprd: bool = False
    refine: tuple[tuple[str, str], ...] = ()
    only_refined: bool = False
    no_target: bool = False
    intent: str | None = None
    kind: str = "verb"
    patterns: tuple[verbdicts.Pattern, ...] = ()
    form: verbdicts.VerbForm | None = None

    @classmethod
    def from_entry(cls, entry: dict, kind: str) -> Rule:
        """Build a rule from one ``[[verb]]`` or ``[[noun]]`` table of the lexicon file."""
        return cls(
            lemma=entry["lemma"], code=str(entry["code"]), kind=kind,
            target=tuple(entry.get("target", ("dobj",))), source=tuple(entry.get("source", ())),
            needs=entry.get("needs"), object=frozenset(entry.get("object", ())), oprd=bool(entry.get("oprd")),
            refine=tuple((k, str(v)) for k, v in entry.get("refine", {}).items()),
            only_refined=bool(entry.get("only_refined")), no_target=bool(entry.get("no_target")),
            intent=entry.get("intent"),
        )


@dataclass(frozen=True, slots=True)
class Lexicons:
    """Verb rules and noun rules, each keyed by lemma in file order."""

    verbs: Lexicon
    nouns: Lexicon


@dataclass(slots=True)
class Found:
    """An event found in a sentence, before ids and ontology fields are attached."""

    source: Actor
    target: Actor | None
    code: str
    trigger: Token
    sent: Span
    rule: str
    confidence: float


@dataclass(slots=True)
class _ActorIndex:
    """Finds the actor that covers a token, by character offsets."""

    actors: Sequence[Actor]
    _by_char: dict[int, Actor] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for actor in sorted(self.actors, key=lambda a: a.end - a.start, reverse=True):
            for i in range(actor.start, actor.end):
                self._by_char[i] = actor  # shorter (inner) mentions win

    def at(self, token: Token) -> Actor | None:
        """The actor with ``actor.start <= token.idx < actor.end``, if any."""
        return self._by_char.get(token.idx)


def packaged_verb_files() -> list[Path]:
    """The verb dictionaries shipped in ``data/verbs/`` (CAMEO.2.0.txt, MIT, Open Event Data Alliance)."""
    folder = Path(str(resources.files("eventlens") / "data" / "verbs"))
    return sorted(folder.glob("*.txt"))


def load_lexicon(path: str | Path | None = None, verb_files: Sequence[str | Path] | None = None,
                 with_toml: bool = True) -> Lexicons:
    """Read the verb/noun lexicon, cached per arguments.

    path: a TOML lexicon (default: the packaged ``data/verbs.toml``).
    verb_files: PETRARCH/TABARI verb dictionaries (see :mod:`eventlens.verbdicts`); their verbs are
        tried after the TOML rules of the same lemma. Default: none (the TOML rules alone, which
        code news more precisely); :func:`packaged_verb_files` gives the shipped CAMEO.2.0.txt.
    with_toml (bool): False to code with the verb files alone.
    """
    files = verb_files or ()
    return _load_lexicon(str(path) if path else None, tuple(str(f) for f in files), with_toml)


def dictionary_rules(verb_file: verbdicts.VerbFile) -> Lexicon:
    """Rules keyed by verb form, one per form of each block, carrying the block's patterns."""
    out: Lexicon = {}
    for block in verb_file.blocks:
        patterns = tuple(block.patterns)
        for form in block.forms:
            code = form.code or block.code or ""
            rule = Rule(form.key, code, target=("dobj", "dative", "any"), kind="dictionary",
                        patterns=patterns, form=form, no_target=False)
            out.setdefault(form.key, []).append(rule)
    for rules in out.values():  # multi-word forms ("cordon off") before the bare verb
        rules.sort(key=lambda r: -len(r.form.words) if r.form else 0)
    return out


@lru_cache(maxsize=8)
def _load_lexicon(path: str | None, verb_files: tuple[str, ...] = (), with_toml: bool = True) -> Lexicons:
    """Parse a lexicon file (and verb dictionaries) into rules grouped by lemma."""
    if path is None:
        raw = (resources.files("eventlens") / "data" / "verbs.toml").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    data = tomllib.loads(raw) if with_toml else {}
    verbs, nouns = _group(data.get("verb", []), "verb"), _group(data.get("noun", []), "noun")
    for name in verb_files:
        for lemma, rules in dictionary_rules(verbdicts.read_verb_file(name)).items():
            verbs.setdefault(lemma, []).extend(rules)
    return Lexicons(verbs, nouns)


def _group(entries: list[dict], kind: str) -> Lexicon:
    """Rules keyed by lemma, keeping file order within a lemma."""
    out: Lexicon = {}
    for entry in entries:
        rule = Rule.from_entry(entry, kind)
        out.setdefault(rule.lemma, []).append(rule)
    return out


def extract(
    doc: Doc,
    actors: list[Actor],
    ontology: Ontology,
    skip_spans: Iterable[tuple[int, int]] = (),
    lexicon: Lexicons | None = None,
) -> list[Event]:
    """Code the CAMEO events stated by verbs (and event nouns) between identified actors.

    doc (Doc): the parsed article (offsets equal to ``article.text`` offsets).
    actors (list[Actor]): actor mentions from the actor stage; a token belongs to an actor when
        ``actor.start <= token.idx < actor.end``.
    ontology (Ontology): gives name, root, PLOVER, QuadClass and Goldstein of each code.
    skip_spans (iterable of (start, end)): character spans (quotes, the headline) whose verbs are skipped.
    lexicon (Lexicons | None): verb/noun rules; default the packaged ``data/verbs.toml``.
    RETURNS (list[Event]): events with ids ``e1``, ``e2`` ... in text order; ``date`` is ``"unknown"``
        and ``location`` None (later stages fill them).
    """
    kept = _dedupe(c for c in find(doc, actors, lexicon, skip_spans) if ontology.valid(c.code))
    kept.sort(key=lambda c: (c.trigger.idx, c.source.start))
    return [_to_event(f"e{i}", c, ontology) for i, c in enumerate(kept, start=1)]


def find(
    doc: Doc,
    actors: Sequence[Actor],
    lexicon: Lexicons | None = None,
    skip_spans: Iterable[tuple[int, int]] = (),
    factual: bool = True,
) -> list[Found]:
    """Every event the lexicon codes in ``doc``, codes unchecked and not deduplicated.

    factual (bool): False codes what verb-dictionary patterns say even for negated or modal
        verbs (the PETRARCH validation convention); TOML rules always apply their modality checks.
    RETURNS (list[Found]): in sentence order; a sentence that fails to code is skipped.
    """
    lex = lexicon or load_lexicon()
    index = _ActorIndex(actors)
    spans = tuple(skip_spans)
    found: list[Found] = []
    for sent in _segments(doc):
        found.extend(_sentence_events(sent, lex, index, spans, factual))
    return found


def _sentence_events(sent: Span, lex: Lexicons, index: _ActorIndex, spans: Sequence[tuple[int, int]],
                     factual: bool) -> list[Found]:
    """Events of one sentence segment (over-long segments give none)."""
    out: list[Found] = []
    if len(sent) > MAX_SENTENCE_TOKENS:
        return out
    for token in sent:
        if _inside(token, spans):
            continue
        if token.pos_ in ("VERB", "AUX") and (rules := _verb_rules(token, lex)):
            out.extend(_verb_candidates(token, sent, rules, index, factual))
        elif token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in lex.nouns:
            out.extend(_noun_candidates(token, sent, lex.nouns[token.lemma_.lower()], index))
    return out


def _verb_rules(token: Token, lex: Lexicons) -> list[Rule]:
    """Rules for a verb token, looked up by lemma, then by its lower-cased text."""
    return lex.verbs.get(token.lemma_.lower()) or lex.verbs.get(token.lower_) or []


def _segments(doc: Doc) -> list[Span]:
    """Sentences, further cut at line breaks (a headline or an embedded post is its own segment)."""
    out: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    out.append(doc[start : token.i])
                start = token.i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return [span for span in out if span.text.strip()]


def _inside(token: Token, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the token starts inside one of the character spans."""
    return any(start <= token.idx < end for start, end in spans)


# ---- verbs --------------------------------------------------------------------------------------


def _verb_candidates(verb: Token, sent: Span, rules: list[Rule], index: _ActorIndex,
                     factual: bool = True) -> list[Found]:
    """Events coded by the first matching rule of ``verb``, one per source-target pair."""
    rule = next((r for r in rules if _rule_applies(r, verb, sent)), None)
    if rule is None:
        return []
    if rule.kind == "dictionary":
        return _dictionary_candidates(verb, sent, rule, index, factual)
    code, why = _verb_code(rule, verb)
    if code is None:
        return []
    passive = _is_passive(verb)
    sources, inherited = _verb_sources(verb, passive, index, sent)
    targets = _verb_targets(verb, rule, passive, index)
    confidence = (0.6 if inherited else 0.8) - (0.2 if why == "intent" else 0.0)
    label = f"verb:{rule.lemma} {'passive ' if passive else ''}{why}".strip()
    return _pair(sources, targets, rule, code, verb, sent, label, confidence)


def _rule_applies(rule: Rule, verb: Token, sent: Span | None = None) -> bool:
    """Whether the rule's particle, object and object-predicate conditions hold."""
    if rule.form is not None:
        return sent is None or verbdicts.form_matches(rule.form, list(sent), verb.i - sent.start)
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if particles and rule.needs not in particles:  # "call off" is not "call"
        return False
    if rule.needs and not any(c.lower_ == rule.needs and c.dep_ in ("prt", "prep", "agent") for c in verb.children):
        return False
    if rule.oprd and not any(c.dep_ == "oprd" for c in verb.children):
        return False
    if rule.object:
        return any(o.lemma_.lower() in rule.object for o in _objects(verb))
    return True


def _verb_code(rule: Rule, verb: Token) -> tuple[str | None, str]:
    """The code to emit (None when the verb states no real event) and a word saying why."""
    modality = _modality(verb)
    if modality == "blocked":
        return None, ""
    code = _refined(rule, _clause(verb))
    if code is None:
        return None, ""
    if modality == "intent":
        return (rule.intent, "intent") if rule.intent else (None, "")
    return code, _slot_word(rule)


def _slot_word(rule: Rule) -> str:
    """A short description of the pattern, e.g. ``dobj`` or ``with``."""
    return "/".join(rule.target)


def _refined(rule: Rule, tokens: list[Token]) -> str | None:
    """The most specific code the rule's keywords allow (None if a keyword is required but absent)."""
    lemmas = [t.lemma_.lower() for t in tokens]
    joined = " ".join(lemmas)
    for key, code in rule.refine:
        if (key.endswith("*") and any(lem.startswith(key[:-1]) for lem in lemmas)) or (
            " " in key and key in joined) or key in lemmas:
            return code
    return None if rule.only_refined else rule.code


def _modality(verb: Token) -> str:
    """``ok``, ``intent`` (will/would in reported speech) or ``blocked`` (negated, modal, conditional ...)."""
    if _negated(verb) or verb.dep_ in ("amod", "acl", "csubj") or _conditional(verb):
        return "blocked"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in FACTUAL_XCOMP_HEADS:
        return "blocked"
    top = _conj_top(verb)
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in NONFACTUAL_CCOMP_HEADS:
        return "blocked"
    modals = _modals(verb)
    if not modals:
        return "ok"
    top = _conj_top(verb)
    if modals <= INTENT_MODALS and top.dep_ == "ccomp" and top.head.lemma_.lower() in SPEECH_HEADS:
        return "intent"
    return "blocked"


def _conj_top(verb: Token) -> Token:
    """The first verb of a coordination chain ("would remain ... and would hold" -> "remain")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _negated(verb: Token) -> bool:
    """Whether the verb (or the verb whose subject and auxiliaries it shares) is negated."""
    for v in _shared_heads(verb):
        if any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in v.children if c.dep_ in ("neg", "advmod", "det")):
            return True
    return False


def _modals(verb: Token) -> set[str]:
    """The modal auxiliaries that govern the verb (shared through coordination)."""
    out: set[str] = set()
    for v in _shared_heads(verb):
        out |= {c.lower_ for c in v.children if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in MODALS)}
    return out


def _shared_heads(verb: Token) -> list[Token]:
    """The verb, plus the verbs it is coordinated with when it has no subject of its own."""
    chain = [verb]
    while chain[-1].dep_ == "conj" and not _has_subject(chain[-1]) and not _has_aux(chain[-1]):
        chain.append(chain[-1].head)
    return chain


def _has_subject(verb: Token) -> bool:
    """Whether the verb has its own subject."""
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _has_aux(verb: Token) -> bool:
    """Whether the verb has its own auxiliary."""
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _conditional(verb: Token) -> bool:
    """Whether the verb sits in (or heads) an if/unless clause."""
    node = verb
    while True:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head


def _is_passive(verb: Token) -> bool:
    """Whether the verb is in the passive voice."""
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)


def _verb_sources(verb: Token, passive: bool, index: _ActorIndex, sent: Span | None = None) -> tuple[list[Actor], bool]:
    """Source actors (the agent in the passive) and whether they were inherited from another verb."""
    if passive:
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        return _phrases_actors(agents, index), False
    subject, inherited = _subject(verb)
    dateline = _dateline_end(sent) if sent is not None else None
    if dateline is not None and (subject is None or subject.i < dateline) and dateline < verb.i:
        return _nearest_actor_phrase(sent.doc[dateline + 1 : verb.i], index), True
    return (_phrases_actors([subject], index) if subject is not None else []), inherited


def _dateline_end(sent: Span) -> int | None:
    """Index of the dash closing a dateline ("RIYADH, March 26 - ...") at the start of a sentence."""
    first = sent[0]
    if not (first.is_alpha and first.is_upper and len(first) > 1):
        return None
    for token in sent[1:12]:
        if token.text in ("-", "\u2013", "\u2014", "--"):
            return token.i
    return None


def _nearest_actor_phrase(span: Span, index: _ActorIndex) -> list[Actor]:
    """The actor nearest the end of ``span``, with the actors coordinated with it.

    Used when the parser took a dateline word as the subject: the real subject precedes the verb.
    """
    for token in reversed(span):
        if index.at(token) is not None and token.tag_ != "PRP$":
            head = token
            while head.dep_ in ("compound", "flat") and head.head.i != head.i and index.at(head.head) is not None:
                head = head.head
            return _phrases_actors([head], index)
    return []


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject token of the verb, following conj/advcl/xcomp chains and relative pronouns."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head, True
            return child, False
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        subject, _ = _subject(verb.head)
        return subject, True
    return None, False


def _verb_targets(verb: Token, rule: Rule, passive: bool, index: _ActorIndex) -> list[Actor]:
    """Target actors from the rule's slots, first slot that yields an actor wins."""
    for slot in rule.target:
        heads = _slot_tokens(verb, slot, passive)
        groups = [heads] if slot in ("dobj", "dative", "ccomp") else [[h] for h in heads]  # nearest prep first
        for group in groups:
            if found := _phrases_actors(group, index):
                return found
    if rule.object:  # e.g. "recalled its ambassador from Paris": look inside the object phrase
        return _phrases_actors(_objects(verb), index, skip_possessive=True)
    return []


def _slot_tokens(verb: Token, slot: str, passive: bool) -> list[Token]:
    """Head tokens filling a target slot of the verb."""
    if slot == "dobj":
        if passive:
            return [c for c in verb.children if c.dep_ == "nsubjpass"]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        controlled = [s for c in verb.children if c.dep_ == "xcomp" for s in c.children if s.dep_ == "nsubj"]
        return objects or controlled  # "urged lawmakers to act" is often parsed with lawmakers under "act"
    if slot == "dative":
        return [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    if slot == "ccomp":
        return [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECT_DEPS]
    if slot == "if":  # "warned that if Tehran pursued ..., it would ...": the condition's subject
        return [s for c in verb.children if c.dep_ == "ccomp" for a in c.children
                if a.dep_ == "advcl" and _conditional(a) for s in a.children if s.dep_ in SUBJECT_DEPS]
    if slot == "any":
        return _any_prep_objects(verb)
    return _prep_objects(verb, slot)


def _any_prep_objects(verb: Token) -> list[Token]:
    """Objects of every preposition in the verb's clause, nearest first."""
    preps = [t for t in _clause(verb) if t.dep_ in ("prep", "dative", "agent") and t.i > verb.i]
    preps.sort(key=lambda t: (_depth(t, verb), t.i))
    return [p for t in preps for p in t.children if p.dep_ == "pobj"]


def _prep_objects(verb: Token, prep: str) -> list[Token]:
    """Objects of the preposition ``prep`` in the verb's clause, nearest first."""
    preps = [t for t in _clause(verb) if t.lower_ == prep and t.dep_ in ("prep", "dative", "agent")]
    preps.sort(key=lambda t: _depth(t, verb))
    return [p for t in preps for p in t.children if p.dep_ == "pobj"]


def _objects(verb: Token) -> list[Token]:
    """Direct objects (or passive subjects) of the verb, with their conjuncts."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return [t for h in heads for t in (h, *h.conjuncts)]


def _clause(verb: Token) -> list[Token]:
    """Tokens of the verb's own clause: its subtree minus embedded clauses with their own subject."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        node = stack.pop()
        out.append(node)
        for child in node.children:
            if child.dep_ in ("relcl", "ccomp", "advcl", "parataxis") or (
                child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")) or (
                child.dep_ in CLAUSE_DEPS and _has_subject(child)):
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _depth(token: Token, top: Token) -> int:
    """Number of arcs from ``token`` up to ``top`` (large when ``top`` is not an ancestor)."""
    steps = 0
    while token.i != top.i and token.head.i != token.i:
        token, steps = token.head, steps + 1
    return steps if token.i == top.i else 99


# ---- verb-dictionary rules (PETRARCH patterns) ----------------------------------------------------


def _dictionary_candidates(verb: Token, sent: Span, rule: Rule, index: _ActorIndex, factual: bool) -> list[Found]:
    """Events of a verb-dictionary rule: the best pattern's code (else the block's) and its slots."""
    match = verbdicts.best_match(rule.patterns, list(sent), verb.i - sent.start, lambda t: index.at(t) is not None)
    code = match.pattern.code if match is not None else rule.code
    if not code or (factual and _modality(verb) == "blocked" and not (match and match.pattern.pre)):
        return []
    passive = _is_passive(verb)
    sources = _slot_actors(match, "source", sent, index) or _verb_sources(verb, passive, index, sent)[0]
    targets = _slot_actors(match, "target", sent, index) or _verb_targets(verb, rule, passive, index)
    compound = match is not None and "compound" in match.pattern.slots()
    label = f"dict:{rule.lemma} " + (f"line {match.pattern.line}: {match.pattern.text}" if match else "default")
    confidence = 0.7 if match is not None else 0.5
    return _dictionary_pairs(sources, targets, code, compound, verb, sent, label, confidence)


def _slot_actors(match: verbdicts.PatternMatch | None, slot: str, sent: Span, index: _ActorIndex) -> list[Actor]:
    """Actors at a pattern slot (``$`` source, ``+`` target), with their conjuncts."""
    if match is None or slot not in match.slots:
        return []
    return _phrases_actors([sent[match.slots[slot]]], index)


def _dictionary_pairs(sources: list[Actor], targets: list[Actor], code: str, compound: bool,
                      trigger: Token, sent: Span, label: str, confidence: float) -> list[Found]:
    """Source-target pairs of a dictionary code; ``A:B`` codes add the reverse event with B."""
    codes = code.split(":")
    if compound and not targets and len(sources) > 1:
        pairs = [(s, t, codes[0]) for s in sources for t in sources if s.id != t.id]
    else:
        pairs = [(s, t, codes[0]) for s in sources for t in targets]
        if len(codes) > 1 and codes[1]:
            pairs += [(t, s, codes[1]) for s in sources for t in targets]
    return [Found(s, t, c, trigger, sent, label, confidence) for s, t, c in pairs if not _same_actor(s, t)]


# ---- actors of a phrase -------------------------------------------------------------------------


def _phrases_actors(heads: Iterable[Token], index: _ActorIndex, skip_possessive: bool = False) -> list[Actor]:
    """Distinct actors of several phrases, in order, each phrase expanded over its conjuncts."""
    out: list[Actor] = []
    for head in heads:
        for member in _members(head):
            for actor in _phrase_actors(member, index, skip_possessive):
                if all(actor.id != a.id for a in out):
                    out.append(actor)
    return out


def _members(head: Token) -> list[Token]:
    """A phrase head with its conjuncts, including conjuncts hung on an apposition ("A, B's envoy, and C")."""
    members = [head, *head.conjuncts]
    for appos in (c for c in head.children if c.dep_ == "appos"):
        members.extend(appos.conjuncts)
    return members


def _phrase_actors(head: Token, index: _ActorIndex, skip_possessive: bool = False) -> list[Actor]:
    """The actor a noun phrase refers to: the one covering its head, else the nearest inside it."""
    direct = index.at(head)
    if direct is not None:
        return [direct]
    frontier = [c for c in head.children if _descend(c)]
    while frontier:
        hits = [t for t in frontier if index.at(t) is not None and not (skip_possessive and t.tag_ == "PRP$")]
        if hits:
            first = min(hits, key=lambda t: t.i)
            return [a for t in (first, *first.conjuncts) if (a := index.at(t)) is not None]
        frontier = [c for t in frontier for c in t.children if t.dep_ not in CLAUSE_DEPS and _descend(c)]
    return []


def _descend(child: Token) -> bool:
    """Whether an actor search inside a noun phrase goes into ``child`` (not clauses, not places)."""
    return child.dep_ not in CLAUSE_DEPS and not (child.dep_ == "prep" and child.lower_ in PLACE_PREPS)


# ---- nouns --------------------------------------------------------------------------------------


def _noun_candidates(noun: Token, sent: Span, rules: list[Rule], index: _ActorIndex) -> list[Found]:
    """Events coded from an event noun ("his summit with Putin", "a pledge from Putin")."""
    rule = rules[0]
    if any(c.lower_ in NEGATORS for c in noun.children if c.dep_ in ("det", "neg")):
        return []
    anchor = _noun_anchor(noun)
    code, why = _noun_code(rule, noun, anchor)
    if code is None:
        return []
    sources = _noun_sources(noun, rule, anchor, index)
    light = anchor if anchor is not None and anchor.lemma_.lower() in LIGHT_VERBS else None
    targets = _phrases_actors(_noun_preps(noun, rule.target, light), index)
    confidence = 0.45 if why == "intent" else 0.6
    label = f"noun:{rule.lemma} {'via ' + anchor.lemma_.lower() + ' ' if light is not None else ''}{why}"
    return _pair(sources, targets, rule, code, noun, sent, label.strip(), confidence)


def _noun_code(rule: Rule, noun: Token, anchor: Token | None) -> tuple[str | None, str]:
    """The code of an event noun given the modality of its anchor verb, with a word saying why."""
    code = _refined(rule, [noun, *noun.subtree])
    modality = _modality(anchor) if anchor is not None else "ok"
    if code is None or modality == "blocked":
        return None, ""
    if modality == "intent":
        return (rule.intent, "intent") if rule.intent else (None, "")
    return code, _slot_word(rule)


def _noun_anchor(noun: Token) -> Token | None:
    """The verb whose subject performs the noun's event: a light verb or the clause of a time phrase."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in FRAME_PREPS and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head
    return None


def _noun_sources(noun: Token, rule: Rule, anchor: Token | None, index: _ActorIndex) -> list[Actor]:
    """Source of a noun event: a from/by phrase, else the possessor, else the anchor verb's subject."""
    governor = noun.head if noun.dep_ == "dobj" else None  # "received a pledge from Putin"
    by_prep = _phrases_actors(_noun_preps(noun, rule.source, governor), index)
    if by_prep:
        return by_prep
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners and (found := _phrases_actors(owners, index)):
        return found
    if anchor is not None:
        return _verb_sources(anchor, _is_passive(anchor), index)[0]
    return []


def _noun_preps(noun: Token, preps: Sequence[str], verb: Token | None) -> list[Token]:
    """Objects of the listed prepositions on the noun, else on the verb that governs it."""
    for prep in preps:
        found = _pobjs(noun, prep) or (_pobjs(verb, prep) if verb is not None else [])
        if found:
            return found
    return []


def _pobjs(head: Token, prep: str) -> list[Token]:
    """Objects of the preposition ``prep`` attached to ``head``."""
    return [p for c in head.children if c.lower_ == prep and c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]


# ---- pairing, dedupe, records -------------------------------------------------------------------


def _pair(
    sources: list[Actor], targets: list[Actor], rule: Rule, code: str,
    trigger: Token, sent: Span, label: str, confidence: float,
) -> list[Found]:
    """One candidate per source-target pair; coordinated sources of a symmetric act pair up."""
    if not sources:
        return []
    if not targets and code in SYMMETRIC and len(sources) > 1:
        pairs = [(sources[0], other) for other in sources[1:]]
    elif targets:
        pairs = [(s, t) for s in sources for t in targets]
    elif rule.no_target:
        pairs = [(s, None) for s in sources]
    else:
        return []
    return [
        Found(s, t, code, trigger, sent, label, confidence)
        for s, t in pairs
        if t is None or not _same_actor(s, t)
    ]


def _same_actor(a: Actor, b: Actor) -> bool:
    """Whether two mentions are the same actor (same id, coreferent, or same canonical name)."""
    return a.id == b.id or a.ref == b.id or b.ref == a.id or (a.ref is not None and a.ref == b.ref) or a.name == b.name


def _dedupe(candidates: Iterable[Found]) -> list[Found]:
    """Drop repeats: same codes in one sentence, and symmetric acts once per actor pair."""
    seen: set[tuple] = set()
    out: list[Found] = []
    for c in candidates:
        target = c.target.code if c.target else None
        if c.code in SYMMETRIC:
            key: tuple = ("sym", c.code, frozenset((c.source.code, target)))
        else:
            key = (c.sent.start, c.code, c.source.code, target)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _evidence(sent: Span) -> tuple[str, int, int]:
    """The sentence text stripped of surrounding whitespace, with its character offsets."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    stripped = text.strip()
    return stripped, start, start + len(stripped)


def _to_event(event_id: str, c: Found, ontology: Ontology) -> Event:
    """The Event record of a candidate, with ontology fields filled in."""
    info = ontology.info(c.code)
    evidence, ev_start, ev_end = _evidence(c.sent)
    return Event(
        id=event_id, source=c.source.code, target=c.target.code if c.target else None,
        source_actor=c.source.id, target_actor=c.target.id if c.target else None,
        code=info.code, root=info.root, name=info.name, plover=info.plover,
        quad_class=info.quad_class, goldstein=info.goldstein, date="unknown", date_text=None,
        evidence=evidence, evidence_start=ev_start, evidence_end=ev_end,
        trigger=c.trigger.text, trigger_start=c.trigger.idx, trigger_end=c.trigger.idx + len(c.trigger.text),
        location=None, confidence=c.confidence, rule=c.rule,
    )

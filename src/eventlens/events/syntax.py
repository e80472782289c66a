"""Dependency-parse helpers: segments, clauses, subjects, objects and voice."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache, partial

from spacy.tokens import Doc, Span, Token

from eventlens.events import verbdicts
from eventlens.events.words import WORDS
from eventlens.text import columns, datelines
from eventlens.text.datelines import in_dateline

CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "acl", "csubj", "parataxis", "conj", "xcomp", "pcomp"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
OWN_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "parataxis"})  # embedded clauses left out of a clause
RELATIVE_PRONOUNS = WORDS.frozenset_of("syntax", "relative_pronouns")
MAX_SENTENCE_TOKENS = 400  # longer "sentences" are parser failures (tables, lists): not coded


def sentence_segments(doc: Doc) -> list[Span]:
    """Sentences, further cut at line breaks (a headline or an embedded post is its own segment); a
    segment of whitespace alone is left out. Read from the document's columns (:mod:`eventlens.text.columns`)."""
    cols = columns.of_doc(doc)
    lowers, spaces = cols.lower, cols.is_space
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start
        for i in range(sent.start, sent.end):
            if spaces[i] and "\n" in lowers[i]:
                if i > start:
                    out.append((start, i))
                start = i + 1
        if start < sent.end:
            out.append((start, sent.end))
    return [doc[a:b] for a, b in out if not all(spaces[a:b])]


def in_spans(token: Token, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the token starts inside one of the character spans."""
    return any(start <= token.idx < end for start, end in spans)


def is_passive(verb: Token) -> bool:
    """Whether the verb is in the passive voice."""
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)


def has_subject(verb: Token) -> bool:
    """Whether the verb has its own subject."""
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def has_aux(verb: Token) -> bool:
    """Whether the verb has its own auxiliary."""
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def conj_top(verb: Token) -> Token:
    """The first verb of a coordination chain ("would remain ... and would hold" -> "remain")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def clause_of(verb: Token) -> list[Token]:
    """Tokens of the verb's own clause: its subtree minus embedded clauses with their own subject."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        node = stack.pop()
        out.append(node)
        for child in node.children:
            if not embedded_clause(child.dep_, child.pos_, partial(has_subject, child)):
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def embedded_clause(dep: str, pos: str, own_subject: Callable[[], bool]) -> bool:
    """Whether a child with this label and part of speech heads a clause of its own, left out of its
    head's clause: a relative, complement, adverbial or paratactic clause, a conjoined verb, or any
    other clausal child with its own subject (``own_subject`` is asked only then)."""
    return dep in CLAUSE_DEPS and (dep in OWN_CLAUSE_DEPS or (dep == "conj" and pos in ("VERB", "AUX"))
                                   or own_subject())


def _depth(token: Token, top: Token) -> int:
    """Number of arcs from ``token`` up to ``top`` (large when ``top`` is not an ancestor)."""
    steps = 0
    while token.i != top.i and token.head.i != token.i:
        token, steps = token.head, steps + 1
    return steps if token.i == top.i else 99


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject token of the verb, following conj/advcl/xcomp chains and relative pronouns."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        # a parse that splits one noun phrase into two subjects ("The rebel | Free Syrian Army
        # threatened"): the head nearest before the verb is the phrase's own head; a dateline word
        # parsed as a subject stays first, for the dateline rule of the events stage
        before = [c for c in subjects if c.i < verb.i]
        child = before[-1] if before and not in_dateline(subjects[0]) else subjects[0]
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head, True
        return child, False
    if verb.dep_ in ("conj", "advcl", "xcomp", "acomp") and verb.head.i != verb.i:
        subject, _ = subject_of(verb.head)
        return subject, True
    return None, False


def sentence_words(sent: Span) -> verbdicts.Words:
    """The words of a sentence as the CAMEO dictionary patterns match them, read from spaCy once per
    sentence however many verbs and patterns are tried on it."""
    return _sentence_words(sent.doc, sent.start, sent.end)


@lru_cache(maxsize=8)
def _sentence_words(doc: Doc, start: int, end: int) -> verbdicts.Words:
    return verbdicts.words_of(doc[start:end])


def reciprocal(word: Token) -> bool:
    """Whether the word's object, or the object of one of its prepositions, is "each other" or "one
    another" ("accused each other", "fired on one another")."""
    heads = [c for c in word.children if c.dep_ in ("dobj", "dative")]
    heads += [p for c in word.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(h.lower_ in ("other", "another") and h.i > 0 and h.doc[h.i - 1].lower_ in ("each", "one")
               for h in heads)


def governing_verb(token: Token) -> Token:
    """The word itself when it is a verb, else the nearest verb above it (the root when none is)."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def objects_of(verb: Token) -> list[Token]:
    """Direct objects (or passive subjects) of the verb, with their conjuncts."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return [t for h in heads for t in (h, *h.conjuncts)]


def pobjs(head: Token, prep: str) -> list[Token]:
    """Objects of the preposition ``prep`` attached to ``head``."""
    return [p for c in head.children if c.lower_ == prep and c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]


def dateline_end(sent: Span) -> int | None:
    """Index of the dash closing a dateline ("RIYADH, March 26 - ...") that opens the sentence
    (:mod:`eventlens.text.datelines`)."""
    return datelines.dash_token(sent.doc, sent[0])


def any_prep_objects(verb: Token) -> list[Token]:
    """Objects of every preposition in the verb's clause, nearest first."""
    preps = [t for t in clause_of(verb) if t.dep_ in ("prep", "dative", "agent") and t.i > verb.i]
    preps.sort(key=lambda t: (_depth(t, verb), t.i))
    return [p for t in preps for p in t.children if p.dep_ == "pobj"]


def prep_objects(verb: Token, prep: str) -> list[Token]:
    """Objects of the preposition ``prep`` in the verb's clause, nearest first."""
    preps = [t for t in clause_of(verb) if t.lower_ == prep and t.dep_ in ("prep", "dative", "agent")]
    preps.sort(key=lambda t: _depth(t, verb))
    return [p for t in preps for p in t.children if p.dep_ == "pobj"]


# Particles a parser often hangs inside the object phrase ("ordered 48 Russians it identified ... out").
DISPLACED_PARTICLES = WORDS.frozenset_of("syntax", "displaced_particles")
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"})


def has_particle(verb: Token, word: str) -> bool:
    """Whether ``word`` is a particle or preposition of the verb, or a displaced particle in its object."""
    if any(c.lower_ == word and c.dep_ in ("prt", "prep", "agent") and not _dated(c) for c in verb.children):
        return True
    if word not in DISPLACED_PARTICLES:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(t.lower_ == word and t.dep_ in ("prep", "prt", "advmod") for o in objects for t in o.subtree)


def _dated(prep: Token) -> bool:
    """Whether a preposition only dates the clause ("called ... on Thursday" is no "call on")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def naming_parts(verb: Token) -> tuple[Token | None, Token | None]:
    """(named thing, name) of "called X Y", also where the parser hung Y on X or X on Y.

    "called the move a mistake" (oprd), "called the move 'a stab in the back'" (an indefinite or
    quoted apposition), "called the mutiny "treason"" (X a modifier of Y, a quote mark between).
    """
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    oprd = next((c for c in verb.children if c.dep_ == "oprd"), None)
    if oprd is not None or dobj is None:
        return dobj, oprd
    for appos in (c for c in dobj.children if c.dep_ == "appos"):
        if _quoted_or_indefinite(appos):
            return dobj, appos
    for mod in (c for c in dobj.children if c.dep_ in ("nmod", "compound") and c.i < dobj.i):
        if any(t.text in QUOTE_MARKS for t in verb.doc[mod.i + 1 : dobj.i]):
            return mod, dobj
    return None, None


def _quoted_or_indefinite(noun: Token) -> bool:
    """Whether a noun phrase opens with a quote mark or an indefinite article."""
    first = noun.doc[noun.left_edge.i]
    before = noun.doc[first.i - 1] if first.i > 0 else first
    return first.lower_ in ("a", "an") or before.text in QUOTE_MARKS or first.text in QUOTE_MARKS


def free_relative_heads(verb: Token) -> list[Token]:
    """What a "what"-clause object names: "hit what the military said were Hamas targets" -> targets."""
    out: list[Token] = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i):
        what = clause.left_edge
        if what.lower_ == "what" and what.dep_ in ("nsubj", "dobj"):
            out.extend(c for c in what.head.children if c.dep_ in ("attr", "oprd"))
    return out

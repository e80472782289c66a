"""Indirect quotes: reported clauses of speech verbs and ``according to`` attributions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventlens.models import Actor
from eventlens.quoting.clauses import clause_end, clip_to_line, cut_at_marks, drop_final_appos, trim
from eventlens.quoting.cues import according_source
from eventlens.quoting.lexicon import (
    ATTRIBUTION_NOUNS,
    EVIDENCE_LEMMAS,
    EVIDENCE_NOUNS,
    EXPRESS_LEMMAS,
    FINITE_TAGS,
    INDIRECT_LEMMAS,
    MEDIUM_NOUNS,
    MIN_CUT_TOKENS,
    OBJECT_CONTROL_LEMMAS,
    INTENT_LEMMAS,
    CALL_PREPS,
)
from eventlens.quoting.marks import Mark, Post, post_at
from eventlens.quoting.naming import noun_speaker, phrase_start, subject_of, verb_speaker
from eventlens.quoting.records import Found, make_quote
from eventlens.quoting.tokens import inside_marks, verb_lemma


def indirect_quotes(
    doc: Doc, marks: Sequence[Mark], posts: Sequence[Post], actors: Sequence[Actor], published: str | None
) -> list[Found]:
    """Indirect quotes: reported clauses of speech verbs outside quote marks and post lines."""
    quotes = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or inside_marks(verb.idx, marks) or post_at(posts, verb.idx):
            continue
        for clause in _reported_clauses(verb):
            span = cut_at_marks(clip_to_line(clause, verb), marks)
            if span is not None:
                speaker = verb_speaker(verb, actors)
                quote = replace(make_quote(span.text, span.start_char, "indirect", speaker, published),
                                reported_by=_reporter(verb, actors))
                quotes.append(Found(quote, speaker.span))
    return quotes + _according_quotes(doc, marks, posts, actors, published) + _noun_quotes(
        doc, marks, posts, actors, published
    )


def _reporter(verb: Token, actors: Sequence[Actor]) -> str | None:
    """Who reports the speech of ``verb`` when it sits in another speech verb's clause (nested)."""
    for anc in verb.ancestors:
        if verb_lemma(anc, INDIRECT_LEMMAS) in INDIRECT_LEMMAS and anc.pos_ in ("VERB", "AUX") and subject_of(anc) is not None:
            outer = verb_speaker(anc, actors)
            return outer.name or outer.text
    return None


def _according_quotes(
    doc: Doc, marks: Sequence[Mark], posts: Sequence[Post], actors: Sequence[Actor], published: str | None
) -> list[Found]:
    """Indirect quotes attributed with ``according to X``: the rest of the sentence."""
    quotes = []
    for tok in doc:
        source = according_source(tok)
        if source is None or inside_marks(tok.idx, marks) or post_at(posts, tok.idx):
            continue
        span = cut_at_marks(_according_clause(tok, source), marks)
        if span is not None:
            speaker = replace(noun_speaker(source, actors), cue="according to",
                              span=(phrase_start(source), source.idx + len(source)))
            quotes.append(Found(make_quote(span.text, span.start_char, "indirect", speaker, published), speaker.span))
    return quotes


def _according_clause(tok: Token, source: Token) -> Span | None:
    """The sentence around ``according to X`` without that phrase: the words it attributes."""
    sent = tok.sent
    phrase_end = source.right_edge.i + 1
    if tok.i == sent.start or all(t.is_punct for t in sent.doc[sent.start : tok.i]):
        return trim(sent.doc[phrase_end : sent.end])
    return trim(sent.doc[sent.start : tok.i])


def _reported_clauses(verb: Token) -> list[Span]:
    """The clauses ``verb`` reports: ``ccomp``s, ``urged X to Y``, ``plans to Y``, ``polls show X``, ``called for X``."""
    lemma = verb_lemma(verb, INDIRECT_LEMMAS | OBJECT_CONTROL_LEMMAS | INTENT_LEMMAS | {"call"})
    if subject_of(verb) is None:
        return []
    if lemma in INDIRECT_LEMMAS:
        comps = [c for c in verb.children if c.dep_ == "ccomp" and _clausal(c, verb)
                 and (lemma not in EVIDENCE_LEMMAS or _finite(c))]
        clauses = [span for c in comps for span in _split_that_conj(c, verb)]
        if clauses:
            return clauses
    if lemma in OBJECT_CONTROL_LEMMAS:
        return _control_clauses(verb)
    if lemma in INTENT_LEMMAS:
        return _intent_clauses(verb)
    if lemma == "call":
        return _call_clauses(verb)
    if lemma in INDIRECT_LEMMAS:
        return _medium_clauses(verb) or _parenthetical_clauses(verb) or _evidence_clauses(verb, lemma)
    return []


def _clausal(comp: Token, verb: Token) -> bool:
    """Whether a ``ccomp`` is a clause (a verb, or a word with a subject), not ``declared X the winner``."""
    return comp.pos_ in ("VERB", "AUX") or any(c.dep_ in ("aux", "auxpass", "cop") for c in comp.children)


def _control_clauses(verb: Token) -> list[Span]:
    """``urged X to Y``: the object and its infinitive."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    comp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if obj is None or comp is None or obj.i > comp.i:
        return []
    return [drop_final_appos(trim(verb.doc[obj.left_edge.i : comp.right_edge.i + 1]))]


def _intent_clauses(verb: Token) -> list[Span]:
    """``plans to Y``, ``declined to comment``: the infinitive with its ``to``."""
    comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    doc = verb.doc
    if comp is None or comp.i < verb.i or doc[comp.left_edge.i].lower_ != "to":
        return []
    if any(t.pos_ not in ("ADV", "PART") for t in doc[verb.i + 1 : comp.left_edge.i]):
        return []  # ``expected "five countries" to follow``: not the subject's own intent
    return [drop_final_appos(trim(verb.doc[comp.left_edge.i : clause_end(comp)]))]


def _call_clauses(verb: Token) -> list[Span]:
    """``called for X`` and ``called on X to Y``: what is called for."""
    preps = [c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in CALL_PREPS and c.i == verb.i + 1]
    objs = [p for c in preps for p in c.children if p.dep_ == "pobj"]
    if not objs:
        return []
    ends = [objs[0].right_edge.i] + [c.right_edge.i for c in verb.children if c.dep_ == "xcomp" and c.i > objs[0].i]
    end = max(ends)
    return [drop_final_appos(trim(verb.doc[objs[0].left_edge.i : end + 1]))]


def _evidence_clauses(verb: Token, lemma: str) -> list[Span]:
    """``polls show Clinton ahead``, ``a study found 31 cases``: what a noun source shows."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if lemma not in EVIDENCE_LEMMAS or subject is None or subject.lemma_.lower() not in EVIDENCE_NOUNS:
        return []
    rights = [c for c in verb.rights if c.dep_ in ("dobj", "ccomp", "oprd", "xcomp") and c.i > verb.i]
    if not rights:
        return []
    return [trim(verb.doc[rights[0].left_edge.i : clause_end(verb)])]


def _finite(clause: Token) -> bool:
    """Whether the clause has a finite verb (``polls show that he leads``, not ``shows them swimming``)."""
    return clause.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in clause.children)


def _medium_clauses(verb: Token) -> list[Span]:
    """The ``that`` clause the parser hung on the medium (``wrote in a letter that A``)."""
    doc = verb.doc
    media = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
             for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in MEDIUM_NOUNS]
    clauses = [c for p in media for c in p.children if c.dep_ == "relcl" and doc[c.left_edge.i].lower_ == "that"
               and c.left_edge.i == p.i + 1 and any(g.dep_ == "nsubj" for g in c.children)]
    return [trim(doc[c.left_edge.i + 1 : clause_end(c)]) for c in clauses]


def _parenthetical_clauses(verb: Token) -> list[Span]:
    """The clause around a parenthetical speech verb (``A, officials said, could B``): its parts on each side."""
    head = verb.head
    if verb.dep_ != "parataxis" or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return []
    doc = verb.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i + 1
    parts = [trim(doc[head.left_edge.i : lo]), trim(doc[hi : clause_end(head)])]
    return [p for p in parts if len(p) >= MIN_CUT_TOKENS]


def _split_that_conj(clause: Token, verb: Token) -> list[Span]:
    """A reported clause split at conjuncts that bring their own ``that`` (A and that B)."""
    doc = clause.doc
    if clause.left_edge.i < verb.i < clause.i:  # ``what the military said were targets``
        return [trim(doc[verb.i + 1 : clause_end(clause)])]
    parts = [c for c in clause.children if c.dep_ == "conj" and any(g.lower_ == "that" for g in c.lefts)]
    if not parts:
        return [trim(doc[clause.left_edge.i : clause_end(clause)])]
    first_end = min(p.left_edge.i for p in parts)
    spans = [trim(doc[clause.left_edge.i : first_end])]
    return spans + [trim(doc[p.left_edge.i : p.right_edge.i + 1]) for p in parts]


def _noun_quotes(
    doc: Doc, marks: Sequence[Mark], posts: Sequence[Post], actors: Sequence[Actor], published: str | None
) -> list[Found]:
    """Indirect quotes held by a noun of belief or saying with a holder (``Trump's view that A``)."""
    quotes = []
    for noun in doc:
        holder = _noun_holder(noun) if noun.lemma_.lower() in ATTRIBUTION_NOUNS and noun.pos_ == "NOUN" else None
        if holder is None or inside_marks(noun.idx, marks) or post_at(posts, noun.idx):
            continue
        for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp") and _has_that(c)):
            span = cut_at_marks(clip_to_line(trim(doc[clause.left_edge.i : clause_end(clause)]), noun), marks)
            if span is not None:
                speaker = replace(noun_speaker(holder, actors), cue=noun.text,
                                  span=(phrase_start(holder), holder.idx + len(holder)))
                quotes.append(Found(make_quote(span.text, span.start_char, "indirect", speaker, published), speaker.span))
    return quotes


def _noun_holder(noun: Token) -> Token | None:
    """Who holds the view: ``X's view``, or the subject of the verb taking it (``X expressed the hope``)."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in EXPRESS_LEMMAS:
        return subject_of(noun.head)
    return None


def _has_that(clause: Token) -> bool:
    """Whether the clause opens with ``that`` (a content clause, not a relative one)."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)

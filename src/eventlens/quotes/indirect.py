"""Indirect quotes: reported clauses of speech verbs and ``according to`` attributions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventlens.models import Actor
from eventlens.quotes.clauses import clause_end, clip_to_line, cut_at_marks, drop_final_appos, trim
from eventlens.quotes.cues import according_source
from eventlens.quotes.lexicon import (
    AS_EMPTY_OBJECTS,
    AS_EXCLUDED_PREPS,
    AS_IDIOM_LEMMAS,
    ATTRIBUTION_NOUNS,
    CALL_PREPS,
    CONCESSIVE_MARKS,
    EVIDENCE_LEMMAS,
    EXPRESS_LEMMAS,
    FINITE_TAGS,
    INDIRECT_LEMMAS,
    INTENT_LEMMAS,
    MEDIUM_NOUNS,
    MEDIUM_PREPS,
    MIN_CUT_TOKENS,
    NAMING_LEMMAS,
    OBJECT_CONTROL_LEMMAS,
    QUESTION_LEMMAS,
    SHOWING_LEMMAS,
    WH_TAGS,
)
from eventlens.quotes.marks import Mark, Post, post_at
from eventlens.quotes.naming import (
    evidence_noun,
    noun_speaker,
    phrase_start,
    showing_participle,
    speaker_subject,
    verb_speaker,
)
from eventlens.quotes.records import Found, Speaker, make_quote
from eventlens.quotes.tokens import inside_marks, verb_lemma
from eventlens.text import columns
from eventlens.text.speech import SPEECH


def _is_verb(cols: columns.Columns, i: int) -> bool:
    return cols.pos[i] in ("VERB", "AUX")


def _is_according(cols: columns.Columns, i: int) -> bool:
    return cols.lower[i] == "according"


def _is_attribution_noun(cols: columns.Columns, i: int) -> bool:
    return cols.pos[i] == "NOUN" and cols.lemma[i] in ATTRIBUTION_NOUNS


def indirect_quotes(
    doc: Doc, marks: Sequence[Mark], posts: Sequence[Post], actors: Sequence[Actor], published: str | None
) -> list[Found]:
    """Indirect quotes: reported clauses of speech verbs outside quote marks and post lines."""
    quotes = []
    for verb in columns.where(doc, _is_verb):
        if inside_marks(verb.idx, marks) or post_at(posts, verb.idx):
            continue
        for clause in _reported_clauses(verb):
            for span in _kept_spans(clause, verb, marks):
                speaking = _speaking_verb(verb)
                named = _same_speaker_above(speaking, actors) or verb_speaker(speaking, actors)
                speaker = replace(named, cue=verb.text)
                reporter = _reporter(speaking, actors)
                quote = replace(make_quote(span.text, span.start_char, "indirect", speaker, published),
                                reported_by=reporter if reporter != speaker.name else None)
                quotes.append(Found(quote, speaker.span))
    return quotes + _according_quotes(doc, marks, posts, actors, published) + _noun_quotes(
        doc, marks, posts, actors, published
    )


def _reporter(verb: Token, actors: Sequence[Actor]) -> str | None:
    """Who reports the speech of ``verb`` when it sits in another speech verb's reported clause
    (nested: ``his spokesman said Guterres told X that``), unless that is the same speaker."""
    outer_verb = _relaying_verb(verb)
    if outer_verb is None or outer_verb.pos_ not in ("VERB", "AUX"):
        return None
    outer, inner = verb_speaker(outer_verb, actors), verb_speaker(verb, actors)
    if outer.name is not None and outer.name == inner.name:
        return None
    return outer.name or outer.text


def _same_speaker_above(verb: Token, actors: Sequence[Actor]) -> Speaker | None:
    """The speaker named above a pronoun that takes it up (``Perdue said he did not believe that``):
    the words are still theirs, and the name is the mention to give."""
    subject = speaker_subject(verb)
    outer_verb = _relaying_verb(verb) if subject is not None and subject.pos_ == "PRON" else None
    if outer_verb is None or subject is None:
        return None
    inner, outer = verb_speaker(verb, actors), verb_speaker(outer_verb, actors)
    same = outer.name is not None and (inner.name in (None, outer.name) or _inside_subject(inner, outer, outer_verb,
                                                                                         actors))
    return outer if same and (outer.text or "").lower() != subject.lower_ else None


def _inside_subject(inner: Speaker, outer: Speaker, verb: Token, actors: Sequence[Actor]) -> bool:
    """Whether a pronoun's person is only named inside the phrase of ``verb``'s own subject, beside its head
    (``X, Y's aide, said he``): then the pronoun takes up X, the one speaking, not Y."""
    subject = speaker_subject(verb)
    if subject is None or inner.name is None or subject.pos_ == "PRON" or outer.span is None:
        return False
    lo, hi = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    return any(a.name == inner.name and a.kind == "person" and lo <= a.start and a.end <= hi
               and not a.start <= outer.span[0] < a.end for a in actors)


def _according_quotes(
    doc: Doc, marks: Sequence[Mark], posts: Sequence[Post], actors: Sequence[Actor], published: str | None
) -> list[Found]:
    """Indirect quotes attributed with ``according to X``: the rest of the sentence."""
    quotes = []
    for tok in columns.where(doc, _is_according):
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


# Every verb that may report a clause: one of these lemmas, else no branch below applies.
_REPORTING_LEMMAS = INDIRECT_LEMMAS | OBJECT_CONTROL_LEMMAS | INTENT_LEMMAS | AS_IDIOM_LEMMAS | NAMING_LEMMAS | {"call"}


def _reported_clauses(verb: Token) -> list[Span]:
    """The clauses ``verb`` reports: ``ccomp``s, ``urged X to Y``, ``plans to Y``, ``polls show X``,
    ``called for X``."""
    lemma = verb_lemma(verb, _REPORTING_LEMMAS)
    if lemma not in _REPORTING_LEMMAS or speaker_subject(verb) is None:
        return []
    naming = _naming_clauses(verb) if lemma in NAMING_LEMMAS else []
    if naming:
        return naming
    if lemma in INDIRECT_LEMMAS:
        comps = [c for c in verb.children if (c.dep_ == "ccomp" or _misattached_clause(c, verb)) and _clausal(c, verb)
                 and (lemma not in EVIDENCE_LEMMAS or _finite(c))]
        clauses = [span for c in comps if not _to_infinitive(c) and _content_clause(c, verb, lemma)
                   for span in _reported_spans(c, verb)]
        if clauses:
            return clauses
        lost = _object_clause(verb) if not comps else None
        if lost is not None:
            return [lost]
        if comps:  # ``told them to leave``: a request, a quote only when said in a statement or report
            return [_infinitive_span(c) for c in comps if _framed(verb, request=True)]
    if lemma in OBJECT_CONTROL_LEMMAS:
        return _control_clauses(verb) if _framed(verb, request=True) else []
    if lemma in INTENT_LEMMAS:
        return _intent_clauses(verb) if _framed(verb, request=False) else []
    if lemma == "call":
        return _call_clauses(verb) if _framed(verb, request=True) else []
    if lemma in INDIRECT_LEMMAS:
        return (_medium_clauses(verb) or _parenthetical_clauses(verb) or _as_clauses(verb)
                or _evidence_clauses(verb, lemma))
    if lemma in AS_IDIOM_LEMMAS and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
        return _as_clauses(verb)  # ``as X put it, A``
    return []


def _naming_clauses(verb: Token) -> list[Span]:
    """What a verb of calling or characterising says of its object (``called the plan a ploy``,
    ``blasted Clinton as a disgrace``, ``called her a liar``): the object with what it is called, a claim
    the subject made."""
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN", "PRON")),
               None)
    if obj is None:
        return []
    preds = [c for c in verb.children if c.dep_ == "oprd" and c.i > obj.i]
    preds += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.right_edge.i
              for p in c.children if p.dep_ == "pobj"]
    preds += [c for c in obj.children if c.dep_ in ("dobj", "oprd") and c.i > obj.i and c.pos_ == "NOUN"]  # a slip
    if not preds:
        return []
    pred = preds[0]
    if obj.pos_ == "PRON" and obj.lower_.endswith(("self", "selves")) and pred.pos_ == "PROPN":
        return []  # ``calling himself Guccifer``: the name one goes by, not a claim
    end = pred.right_edge.i + 1
    for tok in pred.subtree:  # ``as a disgrace Wednesday on the show``: the reporter's time and place
        if tok.i > pred.i and (tok.ent_type_ in ("DATE", "TIME") and tok.dep_ == "npadvmod"):
            end = min(end, tok.left_edge.i)
    return [trim(doc[obj.left_edge.i : end])]


def _misattached_clause(child: Token, verb: Token) -> bool:
    """Whether the parser hung a reported clause on the speech verb as something else: a finite clause with
    a subject of its own and no subordinator after the verb (``said after the talks he would go``), or a
    gerund that is the subject of a finite clause (``said legalizing it could create jobs``)."""
    if child.i < verb.i or child.pos_ not in ("VERB", "AUX"):
        return False
    if child.dep_ == "advcl":
        return (_finite(child) and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
                and not any(c.dep_ == "mark" or c.tag_ in WH_TAGS for c in child.children)
                and verb.doc[child.left_edge.i - 1].text != ",")
    if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i == verb.i + 1:
        return any(c.dep_ == "ccomp" and c.i > child.i and _finite(c) and any(g.dep_ == "nsubj" for g in c.children)
                   for c in child.children)
    return False


def _object_clause(verb: Token) -> Span | None:
    """A reported clause the parser took for the speech verb's object (``said he had secured contracts``
    parsed with ``secured`` as an adjective of ``contracts``): the object's phrase holds a subject right
    after the verb (or its ``that``) and a finite auxiliary after that subject."""
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    start = verb.i + 2 if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "that" else verb.i + 1
    if start >= obj.left_edge.i and start != obj.left_edge.i:
        return None
    subject = doc[start] if start < len(doc) else None
    if subject is None or subject.dep_ not in ("nsubj", "nsubjpass") or not obj.left_edge.i <= subject.i < obj.i:
        return None
    aux = doc[subject.i + 1] if subject.i + 1 < obj.i else None
    if aux is None or aux.tag_ not in FINITE_TAGS or aux.dep_ not in ("aux", "auxpass"):
        return None
    return trim(doc[subject.i : clause_end(obj)])


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
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) or showing_participle(verb)
    if lemma not in EVIDENCE_LEMMAS or subject is None or not evidence_noun(subject):
        return []
    rights = [c for c in verb.rights if c.dep_ in ("dobj", "ccomp", "oprd", "xcomp") and c.i > verb.i]
    if not rights:
        return []
    return [trim(verb.doc[rights[0].left_edge.i : clause_end(verb)])]


def _finite(clause: Token) -> bool:
    """Whether the clause has a finite verb (``polls show that he leads``, not ``shows them swimming``)."""
    return clause.tag_ in FINITE_TAGS \
        or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in clause.children)


def _medium_clauses(verb: Token) -> list[Span]:
    """The ``that`` clause the parser hung on the medium (``wrote in a letter that A``) or on another noun
    of the verb's adjuncts when ``that`` is a subordinator, not a relative pronoun (``said on Friday during
    a news conference that A``)."""
    doc = verb.doc
    media = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
             for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in MEDIUM_NOUNS]
    clauses = [c for p in media for c in p.children if c.dep_ == "relcl" and doc[c.left_edge.i].lower_ == "that"
               and c.left_edge.i == p.i + 1 and any(g.dep_ == "nsubj" for g in c.children)]
    if not clauses:
        nouns = [p for c in verb.children if c.dep_ in ("prep", "npadvmod") and c.i > verb.i
                 for p in [c, *c.subtree] if p.dep_ in ("pobj", "npadvmod")]
        clauses = [c for p in nouns for c in p.children if c.dep_ in ("relcl", "acl") and _subordinate_that(c)]
    return [trim(doc[c.left_edge.i + 1 : clause_end(c)]) for c in clauses]


def _subordinate_that(clause: Token) -> bool:
    """Whether a clause opens with the subordinator ``that`` (tagged IN, not the relative WDT) and has a subject."""
    first = clause.doc[clause.left_edge.i]
    return (first.lower_ == "that" and first.tag_ == "IN" and first.dep_ == "mark"
            and any(g.dep_ in ("nsubj", "nsubjpass") and g.i > first.i for g in clause.children))


def _reporting_advcl(verb: Token) -> bool:
    """Whether a speech verb the parser hung on the clause before it is that clause's reporting clause
    (``A will end this year, the budget office reported Monday``): after a comma, with its own subject, no
    subordinator and nothing reported of its own."""
    if verb.dep_ != "advcl" or verb.head.i > verb.i or verb.doc[verb.left_edge.i - 1].text != ",":
        return False
    children = list(verb.children)
    return any(c.dep_ == "nsubj" for c in children) and not any(
        c.dep_ in ("mark", "ccomp", "xcomp", "dobj", "dative", "agent") or c.tag_ in WH_TAGS for c in children)


def _as_clauses(verb: Token) -> list[Span]:
    """The clause an ``as X said`` clause comments on (``A, as police said``; ``As X put it, A``): its parts on
    each side. The speech verb must report nothing of its own (no clause or object but ``it`` or ``so``)."""
    head = verb.head
    if verb.dep_ != "advcl" or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return []
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i == verb.left_edge.i for c in verb.children):
        return []
    if not any(c.dep_ == "nsubj" for c in verb.children) or any(
        c.dep_ in ("ccomp", "xcomp", "dative", "agent") or (c.dep_ == "dobj" and c.lower_ not in AS_EMPTY_OBJECTS)
        or (c.dep_ == "prep" and c.lower_ in AS_EXCLUDED_PREPS) for c in verb.children
    ):
        return []  # ``as voters responded to X``, ``as he joked with Y``: an act, not a comment on the clause
    doc = verb.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i + 1
    parts = [trim(doc[head.left_edge.i : lo]), trim(doc[hi : clause_end(head)])]
    return [p for p in parts if len(p) >= MIN_CUT_TOKENS and not _subordinate_start(p)]


def _subordinate_start(span: Span) -> bool:
    """Whether a span opens with a subordinator or wh-word (``when he would``): a clause that hangs on
    another, not the main clause an ``as`` clause comments on."""
    first = span[0]
    return first.tag_ in WH_TAGS or (first.dep_ == "mark" and first.tag_ == "IN")


def _parenthetical_clauses(verb: Token) -> list[Span]:
    """The clause around a parenthetical speech verb (``A, officials said, could B``): its parts on each side."""
    head = verb.head
    if not (verb.dep_ == "parataxis" or _reporting_advcl(verb)) or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return []
    doc = verb.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i + 1
    parts = [trim(doc[head.left_edge.i : lo]), trim(doc[hi : clause_end(head)])]
    return [p for p in parts if len(p) >= MIN_CUT_TOKENS]


def _to_infinitive(comp: Token) -> bool:
    """Whether a complement is a ``to`` infinitive (``told them to leave``), not a finite clause."""
    return comp.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in comp.children)


def _infinitive_span(comp: Token) -> Span:
    """``urged both sides to show restraint``: the words from the infinitive's subject to its end."""
    return drop_final_appos(trim(comp.doc[comp.left_edge.i : clause_end(comp)]))


def _framed(verb: Token, request: bool) -> bool:
    """Whether an undertaking (``pledged to``) or a request (``urged X to``) is reported as something said.

    It is when made in a statement or other medium (``in a joint statement, he urged``), glossed
    by a speech participle (``urged X to Y, saying``) or, for a request, relayed by a speech verb
    whose clause holds it (``... and urged him to Y, the agency reported``). Otherwise the verb
    reports an act, not words (issue 11: "a quote is what someone said, not any complement").
    """
    chain = [verb]
    while chain[-1].dep_ == "conj" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    if any(_in_medium(v) for v in chain):
        return True
    if any(c.dep_ in ("advcl", "conj") and c.i > verb.i and c.lemma_.lower() in SPEECH for c in verb.children):
        return True
    return request and _relaying_verb(chain[-1]) is not None


def _in_medium(verb: Token) -> bool:
    """Whether the verb has ``in a statement``, ``in a letter`` or the like."""
    return any(c.dep_ == "prep" and c.lower_ in MEDIUM_PREPS and any(
        p.dep_ == "pobj" and p.lemma_.lower() in MEDIUM_NOUNS for p in c.children) for c in verb.children)


def _relaying_verb(verb: Token) -> Token | None:
    """The speech verb whose reported clause holds ``verb`` (``..., KUNA reported``), through clauses only."""
    tok = verb
    while tok.dep_ in ("ccomp", "parataxis", "conj", "xcomp") and tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ in ("ccomp", "parataxis") and verb_lemma(head, INDIRECT_LEMMAS) in INDIRECT_LEMMAS:
            return head if speaker_subject(head) is not None else None
        tok = head
    return None


def _content_clause(clause: Token, verb: Token, lemma: str) -> bool:
    """Whether a ``ccomp`` states what was said or thought: not a free relative outside a verb of asking
    (``disclosed what was discussed`` names a topic), not a relative clause the parser hung on the verb,
    not a clause before the verb across ``;`` or ``:``."""
    doc = clause.doc
    first = doc[clause.left_edge.i]
    if first.tag_ == "WDT" and first.dep_.startswith("nsubj"):
        return False  # a relative clause the parser took for a complement (``talks that appeared close to``)
    if first.lower_ == "what" and first.i < clause.i and lemma not in QUESTION_LEMMAS:
        return clause.left_edge.i < verb.i < clause.i  # ``what the military said were targets`` stays
    if clause.i < verb.i:
        subject = speaker_subject(verb)
        if subject is not None and clause.left_edge.i <= subject.i <= clause.right_edge.i:
            return False  # ``X offered Y a job, then says Z``: X's own act, not what X says
        return not any(t.text in (";", ":") or "\n" in t.text for t in doc[clause.right_edge.i + 1 : verb.i])
    return True


def _reported_spans(clause: Token, verb: Token) -> list[Span]:
    """The reported clause: ``A and that B`` stays one quote (issue 11); ``A but that B`` sets two claims
    against each other and gives two."""
    doc = clause.doc
    if clause.left_edge.i < verb.i < clause.i:  # ``what the military said were targets``
        return [trim(doc[verb.i + 1 : clause_end(clause)])]
    end = _concessive_end(clause, verb)
    lifted = _lifted_conjunct(clause, verb)
    if lifted is not None:
        end = min(end, lifted.left_edge.i)
    contrasts = [c for c in clause.children if c.dep_ == "conj" and c.i < end
                 and any(g.lower_ == "that" for g in c.lefts)
                 and any(g.dep_ == "cc" and g.lower_ == "but" and g.i < c.left_edge.i for g in clause.children)]
    start = clause.left_edge.i
    if clause.dep_ == "advcl":  # ``said after the talks he would go``: the clause from its subject
        start = min(c.left_edge.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
    if not contrasts:
        return [trim(doc[start : end])]
    first = min(c.left_edge.i for c in contrasts)
    return [trim(doc[start : first])] + [trim(doc[c.left_edge.i : c.right_edge.i + 1]) for c in contrasts]


def _lifted_conjunct(clause: Token, verb: Token) -> Token | None:
    """A speech verb the parser joined to the reported clause instead of to the speech verb (``said the
    quota would rise and added that``, ``said it was opposed and warned X to``): no subject or auxiliary of
    its own, the speech verb's tense, while the clause has an auxiliary of its own."""
    if not any(c.dep_ in ("aux", "auxpass") for c in clause.children):
        return None
    for conj in clause.children:
        if (conj.dep_ == "conj" and conj.i > clause.i and conj.lemma_.lower() in SPEECH
                and conj.tag_ == verb.tag_ != clause.tag_
                and not any(c.dep_.startswith("nsubj") or c.dep_ == "aux" for c in conj.children)):
            return conj
    return None


def _speaking_verb(verb: Token) -> Token:
    """The speech verb whose subject speaks: ``verb``; the one it was meant to be joined to (see above);
    or, for a verb of showing with a thing for subject inside another's reported clause (``Bamberg said
    the videos do not show whether X``), the verb that reports it: things show, people say."""
    clause = verb.head
    lifted = _lifted_conjunct(clause, clause.head) if verb.dep_ == "conj" and clause.dep_ == "ccomp" else None
    if lifted is not None and lifted.i == verb.i:
        return clause.head
    subject = speaker_subject(verb)
    thing = subject is not None and subject.pos_ == "NOUN" and subject.ent_type_ == "" and (
        verb_lemma(verb, SHOWING_LEMMAS) in SHOWING_LEMMAS)
    relay = _relaying_verb(verb) if thing else None
    return relay if relay is not None else verb


def _concessive_end(clause: Token, verb: Token) -> int:
    """Where the reported clause ends, running on through a concessive clause the parser hung on the
    speech verb right after it (``said that A, although B``): B is still what was said."""
    end = clause_end(clause)
    for adv in verb.rights:
        marks = [g for g in adv.children if g.dep_ == "mark"]
        if adv.dep_ == "advcl" and adv.left_edge.i in (end, end + 1) and marks and marks[0].lower_ in CONCESSIVE_MARKS:
            return adv.right_edge.i + 1
    return end


def _that_parts(span: Span) -> list[Span]:
    """A reported clause split at conjuncts that bring their own ``that`` (A / that B)."""
    root = span.root
    doc = span.doc
    parts = [c for c in root.children if c.dep_ == "conj" and any(g.lower_ == "that" for g in c.lefts)
             and span.start <= c.left_edge.i and c.right_edge.i < span.end]
    if not parts:
        return []
    first_end = min(p.left_edge.i for p in parts)
    return [trim(doc[span.start : first_end])] + [trim(doc[p.left_edge.i : p.right_edge.i + 1]) for p in parts]


def _kept_spans(clause: Span, verb: Token, marks: Sequence[Mark]) -> list[Span]:
    """The quotes a reported clause gives: the whole clause, cut at its first quote mark; when marks
    fall inside a clause of several ``that`` parts, each part on its own (``it "condemns" X and that B``)."""
    line = clip_to_line(clause, verb)
    if line is None:
        return []
    has_marks = any(line.start_char < m.open_start < line.end_char for m in marks)
    parts = _that_parts(line) if has_marks else []
    if not parts:
        span = cut_at_marks(line, marks)
        return [span] if span is not None else []
    kept = [cut_at_marks(p, marks) for p in parts]
    return [k for k in kept if k is not None]


def _noun_quotes(
    doc: Doc, marks: Sequence[Mark], posts: Sequence[Post], actors: Sequence[Actor], published: str | None
) -> list[Found]:
    """Indirect quotes held by a noun of belief or saying with a holder (``Trump's view that A``)."""
    quotes = []
    for noun in columns.where(doc, _is_attribution_noun):
        holder = _noun_holder(noun)
        if holder is None or inside_marks(noun.idx, marks) or post_at(posts, noun.idx):
            continue
        for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp") and _has_that(c)):
            span = cut_at_marks(clip_to_line(trim(doc[clause.left_edge.i : clause_end(clause)]), noun), marks)
            if span is not None:
                speaker = replace(noun_speaker(holder, actors), cue=noun.text,
                                  span=(phrase_start(holder), holder.idx + len(holder)))
                quotes.append(Found(make_quote(span.text, span.start_char, "indirect", speaker, published),
                                    speaker.span))
    return quotes


def _noun_holder(noun: Token) -> Token | None:
    """Who holds the view: ``X's view``, or the subject of the verb taking it (``X expressed the hope``)."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in EXPRESS_LEMMAS:
        return speaker_subject(noun.head)
    return None


def _has_that(clause: Token) -> bool:
    """Whether the clause opens with ``that`` (a content clause, not a relative one)."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)

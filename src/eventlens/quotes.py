"""Quotes stage: direct, partial and indirect quotations with their speakers.

``extract(doc, article, actors)`` finds every quotation in the article body in text order:

1. quote marks are paired per line (curly and straight, apostrophes skipped, odd marks
   ignored), and an embedded post line (``20170606: @account: text``) with no marks is
   itself a direct quote dated by its prefix;
2. each quote's speaker comes from the speech verb that governs it in the dependency
   tree, else from the reporting clause around it, the adjacent quote or the next
   sentence; the speaker token is resolved to the actor whose span covers it;
3. indirect quotes are the ``ccomp`` clauses of speech verbs (and ``urged X to Y``)
   outside quote marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventlens.models import Actor, Article, Quote

SPEECH_LEMMAS = frozenset(
    "say tell state announce add warn insist post write tweet declare call describe urge "
    "condemn denounce accuse appeal blame express claim note stress argue explain reply "
    "respond ask deny vow promise pledge suggest admit acknowledge confirm report mention "
    "disclose decree comment emphasize emphasise remark predict threaten demand praise "
    "criticize criticise label brand term dub hail welcome reiterate repeat conclude "
    "complain lament highlight caution".split()
)
INDIRECT_LEMMAS = frozenset(
    "say tell state announce add warn insist claim report confirm declare write note stress "
    "argue explain reply deny admit acknowledge predict reiterate complain".split()
)
OBJECT_CONTROL_LEMMAS = frozenset({"urge", "ask", "encourage"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
TITLE_NOUNS = frozenset(
    "president leader minister premier chancellor mandatory official spokesman spokeswoman "
    "spokesperson secretary envoy ambassador king queen emir prince ruler monarch".split()
)
ENTITY_LABELS = frozenset({"PERSON", "ORG"})
SPLIT_CLAUSE_CHARS = 80
OPEN_BOUNDARY = " \t\n([{—–-/:"
CLAUSE_END = ",.!?…"
MIN_CUT_TOKENS = 4
LEADING_JOINERS = frozenset({"that", "and", "but"})
TIME_MARKS = frozenset({"after", "before", "when", "while", "until", "once"})
DANGLING = frozenset({"DET", "ADP", "CCONJ", "SCONJ"})

POST_RE = re.compile(r"^[ \t]*(\d{8}):[ \t]*([^:\n]{1,60}?):[ \t]*(\S.*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Mark:
    """One paired quotation: the marks' outer span and the content span."""

    open_start: int
    start: int
    end: int
    close_end: int


@dataclass(frozen=True, slots=True)
class Post:
    """An embedded dated post line: ``YYYYMMDD: source: text``."""

    start: int
    end: int
    date: str
    source: str
    text_start: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: the canonical name, the words in the text and the actor record."""

    name: str | None
    text: str | None
    actor: Actor | None = None
    cue: str | None = None


NO_SPEAKER = Speaker(None, None)


def extract(doc: Doc, article: Article, actors: Sequence[Actor]) -> list[Quote]:
    """Find every quotation in the article body, in text order.

    doc (Doc): the article parsed from ``parse_text(article)`` (offsets == article offsets).
    article (Article): the article; its ``date`` is the default quote date.
    actors (Sequence[Actor]): the actor mentions of the article, used to name speakers.
    RETURNS (list[Quote]): direct, partial and indirect quotes with ids ``q1``, ``q2``...
      A partial quote with no speech cue and no speaker (a scare quote) is left out.
    """
    text = article.text
    published = article.date.isoformat() if article.date else None
    marks = find_marks(text, article.body_start)
    posts = find_posts(text, article.body_start)
    found = _marked_quotes(doc, text, marks, actors, posts, published)
    found += _post_quotes(text, posts, marks, actors)
    found += _indirect_quotes(doc, marks, posts, actors, published)
    found.sort(key=lambda q: (q.start, q.end))
    return [replace(q, id=f"q{i}") for i, q in enumerate(found, 1)]


def quote_spans(quotes: Iterable[Quote]) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the direct and partial quotes."""
    return [(q.start, q.end) for q in quotes if q.type in ("direct", "partial")]


# --- quote marks -------------------------------------------------------------------------


def find_marks(text: str, body_start: int = 0) -> list[Mark]:
    """Pair the quote marks of ``text`` from ``body_start`` on, line by line, in text order."""
    marks: list[Mark] = []
    pos = body_start
    for line in text[body_start:].split("\n"):
        marks.extend(_pair_line(text, pos, pos + len(line)))
        pos += len(line) + 1
    return marks


def _mark_role(text: str, i: int, lo: int, hi: int) -> tuple[str, bool, bool]:
    """The family (``d``/``s``) of the mark at ``i`` and whether it can open and close."""
    c = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    can_open = prev in OPEN_BOUNDARY and not nxt.isspace()
    can_close = not prev.isspace() and not nxt.isalnum()
    if c in "“”":
        return "d", c == "“", c == "”"
    if c == '"':
        return "d", can_open, can_close and not can_open
    if c == "‘":
        return "s", not nxt.isspace(), False
    if c == "'":
        return "s", can_open and (nxt.isalnum() or nxt in "“\""), can_close
    return "s", False, can_close  # ’ closes only where it is not an apostrophe


def _pair_line(text: str, lo: int, hi: int) -> list[Mark]:
    """Pair the marks of one line; unmatched marks are dropped, singles inside doubles ignored."""
    pairs: list[Mark] = []
    opened: dict[str, int] = {}
    for i in range(lo, hi):
        if text[i] not in "\"'“”‘’":
            continue
        family, can_open, can_close = _mark_role(text, i, lo, hi)
        if family == "s" and "d" in opened:
            continue
        if family in opened and can_close and i > opened[family] + 1:
            start = opened.pop(family)
            if text[start + 1 : i].strip():
                pairs.append(Mark(start, start + 1, i, i + 1))
        elif can_open:  # a new opening mark: an earlier unclosed one was not a quote
            opened[family] = i
            if family == "d":
                opened.pop("s", None)
    return pairs


# --- embedded posts ---------------------------------------------------------------------


def find_posts(text: str, body_start: int = 0) -> list[Post]:
    """Embedded dated post lines (``20220208: AP: ...``) with a valid date prefix."""
    posts = []
    for m in POST_RE.finditer(text, body_start):
        day = _iso_day(m.group(1))
        if day:
            posts.append(Post(m.start(), m.end(), day, m.group(2).strip(), m.start(3)))
    return posts


def _iso_day(digits: str) -> str | None:
    """``YYYYMMDD`` as an ISO date, or None when it is not a real day."""
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        return None


def _post_at(posts: Sequence[Post], offset: int) -> Post | None:
    """The post line that holds ``offset``, if any."""
    return next((p for p in posts if p.start <= offset < p.end), None)


def _post_quotes(text: str, posts: Sequence[Post], marks: Sequence[Mark], actors: Sequence[Actor]) -> list[Quote]:
    """A direct quote for each post line without quote marks: its whole text, by its account."""
    quotes = []
    for post in posts:
        if any(post.start <= m.open_start < post.end for m in marks):
            continue
        body = text[post.text_start : post.end].rstrip()
        speaker = _handle_speaker(post.source, actors, text.index(post.source, post.start))
        quotes.append(_make(body, post.text_start, "direct", speaker, post.date))
    return quotes


def _handle_speaker(source: str, actors: Sequence[Actor], offset: int) -> Speaker:
    """The speaker named by a post's account: an actor whose name appears in the handle."""
    covering = _covering_actor(actors, offset)
    if covering:
        return _actor_speaker(covering, source)
    handle = re.sub(r"[^a-z0-9]", "", source.lower())
    for actor in actors:
        last = re.sub(r"[^a-z0-9]", "", actor.name.split()[-1].lower()) if actor.name.split() else ""
        if actor.kind == "person" and len(last) > 2 and last in handle:
            return _actor_speaker(actor, source)
    return Speaker(source, source)


# --- direct and partial quotes -----------------------------------------------------------


def _marked_quotes(
    doc: Doc,
    text: str,
    marks: Sequence[Mark],
    actors: Sequence[Actor],
    posts: Sequence[Post],
    published: str | None,
) -> list[Quote]:
    """Direct and partial quotes for the paired marks, each with its speaker and type."""
    quotes: list[Quote] = []
    prev: tuple[Mark, Quote] | None = None
    for mark in marks:
        split = prev is not None and _is_split(text, prev[0], mark)
        qtype = "direct" if split or _is_direct(doc, text, mark, posts) else "partial"
        speaker = _speaker_for(doc, text, mark, actors, qtype, prev if _on_line_of(text, prev, mark) else None)
        if qtype == "partial" and speaker.name is None and speaker.cue is None:
            continue  # scare quotes: no speech cue, nobody named
        post = _post_at(posts, mark.start)
        quote = _make(text[mark.start : mark.end], mark.start, qtype, speaker, post.date if post else published)
        if post and not post.source.startswith("@") and post.source != speaker.name:
            quote = replace(quote, reported_by=post.source)
        quotes.append(quote)
        prev = (mark, quote)
    return quotes


def _on_line_of(text: str, prev: tuple[Mark, Quote] | None, mark: Mark) -> bool:
    """Whether the previous quote sits on the same line (paragraph) as ``mark``."""
    return prev is not None and "\n" not in text[prev[0].close_end : mark.open_start]


def _is_split(text: str, prev: Mark, mark: Mark) -> bool:
    """Whether ``mark`` continues a quote split by a short reporting clause (``," he said, "``)."""
    between = text[prev.close_end : mark.open_start]
    return (
        text[prev.start : prev.end].rstrip()[-1:] == ","
        and between.rstrip().endswith(",")
        and len(between) <= SPLIT_CLAUSE_CHARS
        and not any(c in between for c in ".!?\n")
    )


def _is_direct(doc: Doc, text: str, mark: Mark, posts: Sequence[Post]) -> bool:
    """A whole quoted clause: it opens the sentence (or follows a colon) and reads as a clause."""
    before = text[: mark.open_start].rstrip(" \t")
    post = _post_at(posts, mark.start)
    opens = not before or before[-1] in "\n.!?:;”\"…" or (post is not None and mark.open_start <= post.text_start)
    content = text[mark.start : mark.end].rstrip()
    after = text[mark.close_end : mark.close_end + 1]
    return opens and (content[-1:] in CLAUSE_END or after == "," or _has_clause(doc, mark))


def _has_clause(doc: Doc, mark: Mark) -> bool:
    """Whether the quoted words include a verb with its own subject."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "expl") and mark.start <= t.head.idx < mark.end
        for t in _tokens(doc, mark.start, mark.end)
    )


def _speaker_for(
    doc: Doc, text: str, mark: Mark, actors: Sequence[Actor], qtype: str, prev: tuple[Mark, Quote] | None
) -> Speaker:
    """The speaker of a marked quote, trying the governing verb, then the text around it."""
    verb = _cue_verb(doc, text, mark, qtype)
    if verb is not None:
        return _prefer_previous(_verb_speaker(verb, actors), prev, actors)
    if prev is not None and prev[1].speaker is not None and qtype == "direct":
        return _quote_speaker(prev[1], actors)
    nxt = _first_speech_verb(_next_sentence_tokens(doc, text, mark)) if qtype == "direct" else None
    if nxt is not None:
        return _verb_speaker(nxt, actors)
    if qtype == "partial":
        sentence = [t for t in _sentence_of(doc, mark.open_start) if not mark.open_start <= t.idx < mark.close_end]
        other = _first_speech_verb(_same_line(text, mark.open_start, sentence))
        return _verb_speaker(other, actors) if other is not None else NO_SPEAKER
    return NO_SPEAKER


def _cue_verb(doc: Doc, text: str, mark: Mark, qtype: str) -> Token | None:
    """The speech verb of a marked quote: in the parse, after it (``," he said``) or before it."""
    verb = _governing_speech_verb(doc, text, mark) if qtype == "partial" else None
    if verb is None and _reporting_after(text, mark):
        verb = _first_speech_verb(_same_line(text, mark.close_end, _sentence_tokens_after(doc, mark.close_end)))
    if verb is None:
        verb = _governing_speech_verb(doc, text, mark)
    if verb is None and text[: mark.open_start].rstrip()[-1:] in (":", ","):
        verb = _last_speech_verb(_same_line(text, mark.open_start, _sentence_tokens_before(doc, mark.open_start)))
    return verb


def _prefer_previous(speaker: Speaker, prev: tuple[Mark, Quote] | None, actors: Sequence[Actor]) -> Speaker:
    """A pronoun speaker takes the previous quote's speaker on the line when that is more recent."""
    if prev is None or prev[1].speaker is None or (speaker.text or "").lower() not in PERSON_PRONOUNS:
        return speaker
    if speaker.actor is not None and speaker.actor.end > prev[0].open_start:
        return speaker
    return replace(_quote_speaker(prev[1], actors), text=speaker.text, cue=speaker.cue)


def _quote_speaker(quote: Quote, actors: Sequence[Actor]) -> Speaker:
    """The speaker recorded on an earlier quote."""
    return Speaker(quote.speaker, quote.speaker_text, _actor_by_id(actors, quote.speaker_actor), quote.cue)


def _governing_speech_verb(doc: Doc, text: str, mark: Mark) -> Token | None:
    """The nearest speech verb with an active subject above the quoted words, on their line."""
    for tok in _tokens(doc, mark.start, mark.end):
        if mark.start <= tok.head.idx < mark.end and tok.head is not tok:
            continue
        outside = [a for a in tok.ancestors if not mark.open_start <= a.idx < mark.close_end]
        verb = _first_speech_verb(_same_line(text, mark.start, outside))
        if verb is not None:
            return verb
    return None


def _same_line(text: str, offset: int, tokens: Iterable[Token]) -> list[Token]:
    """The tokens on the same line as ``offset``."""
    return [t for t in tokens if "\n" not in text[min(offset, t.idx) : max(offset, t.idx)]]


def _reporting_after(text: str, mark: Mark) -> bool:
    """Whether a reporting clause may follow the closing mark (``,” he said``)."""
    content = text[mark.start : mark.end].rstrip()
    rest = text[mark.close_end : mark.close_end + 40].lstrip(" ,")
    return content[-1:] == "," or text[mark.close_end : mark.close_end + 1] == "," or (
        content[-1:] in "!?" and rest[:1].islower()
    )


def _is_speech_verb(tok: Token) -> bool:
    """A verb of saying (or writing, urging...) with an active subject somewhere up its chain."""
    return tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX") and _subject_of(tok) is not None


def _first_speech_verb(tokens: Iterable[Token]) -> Token | None:
    """The first speech verb among ``tokens``."""
    return next((t for t in tokens if _is_speech_verb(t)), None)


def _last_speech_verb(tokens: Sequence[Token]) -> Token | None:
    """The last speech verb among ``tokens``."""
    return _first_speech_verb(reversed(tokens))


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The non-space tokens starting within ``[start, end)``."""
    return [t for t in doc if start <= t.idx < end and not t.is_space]


def _sentence_of(doc: Doc, offset: int) -> Span | list[Token]:
    """The sentence holding the first token at or after ``offset``."""
    tok = next((t for t in doc if t.idx >= offset), None)
    return tok.sent if tok is not None else []


def _sentence_tokens_after(doc: Doc, offset: int) -> list[Token]:
    """The tokens from ``offset`` to the end of the sentence that starts there or holds it."""
    return [t for t in _sentence_of(doc, offset) if t.idx >= offset]


def _sentence_tokens_before(doc: Doc, offset: int) -> list[Token]:
    """The tokens of the sentence before ``offset`` (the one holding the last token before it)."""
    before = [t for t in doc if t.idx < offset and not t.is_space]
    if not before:
        return []
    return [t for t in before[-1].sent if t.idx < offset]


def _next_sentence_tokens(doc: Doc, text: str, mark: Mark) -> list[Token]:
    """The next sentence after a standalone quote, when it is on the same line."""
    if text[mark.start : mark.end].rstrip()[-1:] not in ".!?…":
        return []
    tokens = _sentence_tokens_after(doc, mark.close_end)
    return [t for t in tokens if "\n" not in text[mark.close_end : t.idx]]


# --- speakers ------------------------------------------------------------------------------


def _subject_of(verb: Token) -> Token | None:
    """The active subject of ``verb``, climbing through participles, conjuncts and relatives."""
    for _ in range(6):
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return None
            if child.dep_ == "nsubj":
                rel = child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl"
                return verb.head if rel else child
        if verb.dep_ not in ("advcl", "xcomp", "conj", "acl", "pcomp") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _verb_speaker(verb: Token, actors: Sequence[Actor]) -> Speaker:
    """The speaker named by the subject of a speech verb, with the verb as cue."""
    subject = _subject_of(verb)
    if subject is None:
        return Speaker(None, None, cue=verb.text)
    if subject.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return replace(_pronoun_speaker(subject, verb, actors), cue=verb.text)
    return replace(_noun_speaker(subject, actors), cue=verb.text)


def _pronoun_speaker(pron: Token, verb: Token, actors: Sequence[Actor]) -> Speaker:
    """``he``/``they``: its actor, else the subject of a speech verb above, else the last person."""
    covering = _covering_actor(actors, pron.idx)
    if covering:
        return _actor_speaker(covering, pron.text)
    for anc in verb.ancestors:
        subject = _subject_of(anc) if anc.lemma_.lower() in SPEECH_LEMMAS else None
        if subject is not None and subject.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return replace(_noun_speaker(subject, actors), text=pron.text)
    kinds = ("person",) if pron.lower_ in PERSON_PRONOUNS else ("organisation", "group", "country", "metonym")
    subjects = [a for a in actors if _is_subject_mention(pron.doc, a)]
    recent = _recent_actor(subjects, pron.idx, kinds) or _recent_actor(actors, pron.idx, kinds)
    return _actor_speaker(recent, pron.text) if recent else Speaker(None, pron.text)


def _noun_speaker(subject: Token, actors: Sequence[Actor]) -> Speaker:
    """A noun subject: its actor, an apposition's actor, a PERSON/ORG entity, a title, or its words."""
    for tok in [subject, *(c for c in subject.children if c.dep_ == "appos")]:
        covering = _covering_actor(actors, tok.idx)
        if covering:
            return _actor_speaker(covering, covering.text)
    entity = _entity_of(subject)
    if entity is not None:
        return Speaker(entity.text, entity.text)
    phrase = _phrase(subject)
    if subject.lower_ in TITLE_NOUNS and any(c.lower_ == "the" for c in subject.children):
        recent = _recent_actor(actors, subject.idx, ("person",))
        if recent:
            return _actor_speaker(recent, phrase)
    inner = next((a for a in actors if a.start >= _phrase_start(subject) and a.end <= subject.idx + len(subject)), None)
    if inner:
        return _actor_speaker(inner, phrase)
    name = _proper_name(subject)
    return Speaker(name, name) if name else Speaker(None, phrase)


def _proper_name(subject: Token) -> str | None:
    """The proper name a subject spells out (``Le Drian``) when no actor or entity covers it."""
    if subject.pos_ != "PROPN":
        return None
    parts = [t for t in subject.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    start = min([subject.idx, *(t.idx for t in parts)])
    return subject.doc.text[start : subject.idx + len(subject)]


def _entity_of(subject: Token) -> Span | None:
    """The PERSON/ORG entity holding the subject or one of its appositions."""
    for tok in [subject, *(c for c in subject.children if c.dep_ == "appos")]:
        for ent in tok.doc.ents:
            if ent.label_ in ENTITY_LABELS and ent.start <= tok.i < ent.end:
                return ent
    return None


def _phrase_start(subject: Token) -> int:
    """Offset where the subject's noun phrase (before its head) begins."""
    left = [t for t in subject.lefts if t.dep_ not in ("punct", "cc")]
    return min([subject.idx, *(t.left_edge.idx for t in left)])


def _phrase(subject: Token) -> str:
    """The subject's noun phrase up to its head word (``one of the officers``)."""
    doc = subject.doc
    end = subject.idx + len(subject)
    rights = [t for t in subject.rights if t.dep_ == "prep"]
    if rights:
        end = max(end, rights[0].right_edge.idx + len(rights[0].right_edge))
    return doc.text[_phrase_start(subject) : end]


def _covering_actor(actors: Sequence[Actor], offset: int) -> Actor | None:
    """The shortest actor mention whose span covers ``offset``."""
    covering = [a for a in actors if a.start <= offset < a.end]
    return min(covering, key=lambda a: a.end - a.start) if covering else None


def _is_subject_mention(doc: Doc, actor: Actor) -> bool:
    """Whether the actor mention is (or is in apposition to) a clause subject."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _recent_actor(actors: Sequence[Actor], offset: int, kinds: tuple[str, ...]) -> Actor | None:
    """The last actor of one of ``kinds`` that ends before ``offset``."""
    before = [a for a in actors if a.end <= offset and a.kind in kinds]
    return max(before, key=lambda a: a.end) if before else None


def _actor_by_id(actors: Sequence[Actor], actor_id: str | None) -> Actor | None:
    """The actor with id ``actor_id``."""
    return next((a for a in actors if a.id == actor_id), None)


def _actor_speaker(actor: Actor, text: str) -> Speaker:
    """A speaker named by an actor record."""
    return Speaker(actor.name, text, actor)


def _make(quote: str, start: int, qtype: str, speaker: Speaker, day: str | None) -> Quote:
    """A Quote record (id filled in later) from its parts."""
    actor = speaker.actor
    return Quote(
        id="",
        quote=quote,
        start=start,
        end=start + len(quote),
        type=qtype,
        speaker=speaker.name,
        speaker_text=speaker.text,
        speaker_actor=actor.id if actor else None,
        cue=speaker.cue,
        date=day,
        speaker_code=actor.code if actor else None,
    )


# --- indirect quotes -------------------------------------------------------------------------


def _indirect_quotes(
    doc: Doc, marks: Sequence[Mark], posts: Sequence[Post], actors: Sequence[Actor], published: str | None
) -> list[Quote]:
    """Indirect quotes: reported clauses of speech verbs outside quote marks and post lines."""
    quotes = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or _inside(verb.idx, marks) or _post_at(posts, verb.idx):
            continue
        for clause in _reported_clauses(verb):
            span = _cut_at_marks(_clip_to_line(clause, verb), marks)
            if span is not None:
                speaker = _verb_speaker(verb, actors)
                quotes.append(_make(span.text, span.start_char, "indirect", speaker, published))
    return quotes


def _inside(offset: int, marks: Sequence[Mark]) -> bool:
    """Whether ``offset`` falls within a pair of quote marks."""
    return any(m.open_start <= offset < m.close_end for m in marks)


def _reported_clauses(verb: Token) -> list[Span]:
    """The clauses ``verb`` reports: its ``ccomp``s (said that A and that B) or ``urged X to Y``."""
    lemma = verb.lemma_.lower()
    if _subject_of(verb) is None:
        return []
    doc = verb.doc
    if lemma in INDIRECT_LEMMAS:
        return [span for c in verb.children if c.dep_ == "ccomp" for span in _split_that_conj(c)]
    if lemma in OBJECT_CONTROL_LEMMAS:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        comp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if obj is not None and comp is not None and obj.i < comp.i:
            return [_drop_final_appos(_trim(doc[obj.left_edge.i : comp.right_edge.i + 1]))]
    return []


def _split_that_conj(clause: Token) -> list[Span]:
    """A reported clause split at conjuncts that bring their own ``that`` (A and that B)."""
    doc = clause.doc
    parts = [c for c in clause.children if c.dep_ == "conj" and any(g.lower_ == "that" for g in c.lefts)]
    if not parts:
        return [_trim(doc[clause.left_edge.i : _clause_end(clause)])]
    first_end = min(p.left_edge.i for p in parts)
    spans = [_trim(doc[clause.left_edge.i : first_end])]
    return spans + [_trim(doc[p.left_edge.i : p.right_edge.i + 1]) for p in parts]


def _clause_end(clause: Token) -> int:
    """End index of the clause, leaving out a closing time clause (``after party leaders urged``)."""
    end = clause.right_edge.i + 1
    for child in reversed(list(clause.rights)):
        if child.dep_ == "advcl" and child.right_edge.i + 1 >= end and any(
            g.dep_ == "mark" and g.lower_ in TIME_MARKS for g in child.children
        ):
            end = child.left_edge.i
    return end


def _trim(span: Span) -> Span:
    """The span without leading ``that``/``but``/punctuation and without dangling words at the end."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in LEADING_JOINERS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ in DANGLING):
        end -= 1
    return doc[start:end]


def _drop_final_appos(span: Span) -> Span:
    """The span without an apposition that closes it (``..., a rail hub where ...``)."""
    for tok in span:
        if tok.dep_ == "appos" and tok.i > span.start and tok.right_edge.i >= span.end - 1:
            if span.doc[tok.left_edge.i - 1].text == ",":
                return _trim(span.doc[span.start : tok.left_edge.i])
    return span


def _clip_to_line(span: Span, verb: Token) -> Span | None:
    """The part of ``span`` on the speech verb's line; None when the clause starts on another."""
    text = span.doc.text
    if "\n" in text[min(span.start_char, verb.idx) : max(span.start_char, verb.idx)]:
        return None
    cut = text.find("\n", span.start_char, span.end_char)
    if cut < 0:
        return span
    return _trim(span.doc[span.start : next(t.i for t in span if t.idx >= cut)])


def _cut_at_marks(span: Span | None, marks: Sequence[Mark]) -> Span | None:
    """The reported clause up to the first quote mark in it; None when too little is left."""
    if span is None or len(span) < 2 or _inside(span.start_char, marks):
        return None
    cut = min((m.open_start for m in marks if span.start_char < m.open_start < span.end_char), default=None)
    if cut is None:
        return span
    kept = _drop_open_relative(_trim(span.doc[span.start : next(t.i for t in span if t.idx >= cut)]))
    return kept if len(kept) >= MIN_CUT_TOKENS else None


def _drop_open_relative(span: Span) -> Span:
    """Drop a relative clause left open at the end of a cut span (``..., who had``)."""
    for anc in span[-1].ancestors if len(span) else ():
        if anc.dep_ == "relcl" and span.start < anc.left_edge.i and span.doc[anc.left_edge.i - 1].text == ",":
            return _trim(span.doc[span.start : anc.left_edge.i - 1])
    return span

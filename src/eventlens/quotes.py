"""Quotes stage: direct, partial and indirect quotations with their speakers.

``extract(doc, article, actors)`` finds every quotation in the article body in text order:

1. quote marks are paired per line by :mod:`eventlens.quoting.marks` (curly, straight and
   NYT ``''`` marks, apostrophes skipped, odd marks ignored, a quote running on into the next
   paragraph kept); an embedded post line (``20170606: @account: text``) with no marks is
   itself a direct quote dated by its prefix;
2. each quote's speaker comes from a transcript label (``PENCE:``), the speech verb that
   governs it in the dependency tree, ``according to X``, the previous quote of a split or
   run-on quote, a name after a dash, or the next sentence; the speaker token is resolved to
   the actor whose span covers it (titles and pronouns through the actor stage's coreference);
3. indirect quotes are the ``ccomp`` clauses of speech verbs (and ``urged X to Y``) outside
   quote marks, with ``reported_by`` when the speech verb sits in another one's clause, and
   the sentences attributed with ``according to X``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from eventlens.models import Actor, Article, Quote
from eventlens.quoting.marks import Mark, Post, find_marks, find_posts, post_at

SPEECH_LEMMAS = frozenset(
    "say tell state announce add warn insist post write tweet declare call describe urge "
    "condemn denounce accuse appeal blame express claim note stress argue explain reply "
    "respond ask deny vow promise pledge suggest admit acknowledge confirm report mention "
    "disclose decree comment emphasize emphasise remark predict threaten demand praise "
    "criticize criticise label brand term dub hail welcome reiterate repeat conclude "
    "complain lament highlight caution continue recall joke quip boast shout exclaim scold sing "
    "testify counter retort concede contend observe allege assert charge maintain chant read".split()
)
INDIRECT_LEMMAS = frozenset(
    "say tell state announce add warn insist claim report confirm declare write note stress "
    "argue explain reply deny admit acknowledge predict reiterate complain think believe suggest "
    "know expect estimate hope fear assert contend allege maintain concede "
    "recall testify insist signal warn tweet post argue agree".split()
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
CLAUSE_END = ",.!?…"
MIN_CUT_TOKENS = 4
LEADING_JOINERS = frozenset({"that", "and", "but"})
TIME_MARKS = frozenset({"after", "before", "when", "while", "until", "once"})
DANGLING = frozenset({"DET", "ADP", "CCONJ", "SCONJ"})
SPEECH_REACH = 6
NAME_REACH = 60
DASH_RE = re.compile(r"[^\S\n]*(?:[―—–]|--?)[^\S\n]*(?=[A-Z])")
LABEL_RE = re.compile(r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)?):\s")



@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: the canonical name, the words in the text and the actor record."""

    name: str | None
    text: str | None
    actor: Actor | None = None
    cue: str | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A quote with the character span of its speaker's mention in the text (None when unnamed)."""

    quote: Quote
    speaker_span: tuple[int, int] | None


NO_SPEAKER = Speaker(None, None)


def extract(doc: Doc, article: Article, actors: Sequence[Actor]) -> list[Quote]:
    """Find every quotation in the article body, in text order.

    doc (Doc): the article parsed from ``parse_text(article)`` (offsets == article offsets).
    article (Article): the article; its ``date`` is the default quote date.
    actors (Sequence[Actor]): the actor mentions of the article, used to name speakers.
    RETURNS (list[Quote]): direct, partial and indirect quotes with ids ``q1``, ``q2``...
      A partial quote with no speech cue and no speaker (a scare quote) is left out.
    """
    return [_with_speaker_span(f, article.text) for f in attribute(doc, article, actors)]


def _with_speaker_span(found: Found, text: str) -> Quote:
    """The quote with the offsets of ``speaker_text`` filled in, found around the speaker mention."""
    quote = found.quote
    if found.speaker_span is None or not quote.speaker_text:
        return quote
    start, end = found.speaker_span
    words = quote.speaker_text
    window_start = max(0, start - len(words))
    at = text.find(words, window_start, end + len(words))
    if at < 0:
        return replace(quote, speaker_text=text[start:end], speaker_start=start, speaker_end=end)
    return replace(quote, speaker_start=at, speaker_end=at + len(words))


def attribute(doc: Doc, article: Article, actors: Sequence[Actor]) -> list[Found]:
    """Like :func:`extract`, but each quote comes with the span of its speaker mention.

    RETURNS (list[Found]): the quotes of ``extract`` (same order and ids), each with
      ``speaker_span``: the (start, end) of the words naming the speaker ("he", "Mr. Trump").
    """
    text = article.text
    published = article.date.isoformat() if article.date else None
    marks = find_marks(text, article.body_start)
    posts = find_posts(text, article.body_start)
    found = _marked_quotes(doc, text, marks, actors, posts, published)
    found += _post_quotes(text, posts, marks, actors)
    found += _indirect_quotes(doc, marks, posts, actors, published)
    found.sort(key=lambda f: (f.quote.start, f.quote.end))
    return [replace(f, quote=replace(f.quote, id=f"q{i}")) for i, f in enumerate(found, 1)]


def quote_spans(quotes: Iterable[Quote]) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the direct and partial quotes."""
    return [(q.start, q.end) for q in quotes if q.type in ("direct", "partial")]


# --- embedded posts ---------------------------------------------------------------------


def _post_quotes(text: str, posts: Sequence[Post], marks: Sequence[Mark], actors: Sequence[Actor]) -> list[Found]:
    """A direct quote for each post line without quote marks: its whole text, by its account."""
    quotes = []
    for post in posts:
        if any(post.start <= m.open_start < post.end for m in marks):
            continue
        body = text[post.text_start : post.end].rstrip()
        speaker = _handle_speaker(post.source, actors, text.index(post.source, post.start))
        quotes.append(Found(_make(body, post.text_start, "direct", speaker, post.date), speaker.span))
    return quotes


def _handle_speaker(source: str, actors: Sequence[Actor], offset: int) -> Speaker:
    """The speaker named by a post's account: an actor whose name appears in the handle."""
    span = (offset, offset + len(source))
    covering = _covering_actor(actors, offset)
    if covering:
        return replace(_actor_speaker(covering, source), span=span)
    handle = re.sub(r"[^a-z0-9]", "", source.lower())
    for actor in actors:
        last = re.sub(r"[^a-z0-9]", "", actor.name.split()[-1].lower()) if actor.name.split() else ""
        if actor.kind == "person" and len(last) > 2 and last in handle:
            return replace(_actor_speaker(actor, source), span=span)
    return Speaker(source, source, span=span)


# --- direct and partial quotes -----------------------------------------------------------


def _marked_quotes(
    doc: Doc,
    text: str,
    marks: Sequence[Mark],
    actors: Sequence[Actor],
    posts: Sequence[Post],
    published: str | None,
) -> list[Found]:
    """Direct and partial quotes for the paired marks, each with its speaker and type."""
    quotes: list[Found] = []
    prev: tuple[Mark, Speaker] | None = None
    for mark in marks:
        split = prev is not None and _is_split(text, prev[0], mark)
        qtype = "direct" if split or _is_direct(doc, text, mark, posts) else "partial"
        speaker = _speaker_for(doc, text, mark, actors, qtype, prev if _continues(text, prev, mark) else None)
        if qtype == "partial" and speaker.name is None and speaker.cue is None:
            continue  # scare quotes: no speech cue, nobody named
        post = post_at(posts, mark.start)
        quote = _make(text[mark.start : mark.end], mark.start, qtype, speaker, post.date if post else published)
        if post and not post.source.startswith("@") and post.source != speaker.name:
            quote = replace(quote, reported_by=post.source)
        quotes.append(Found(quote, speaker.span))
        prev = (mark, speaker) if qtype == "direct" else prev
    return quotes


def _continues(text: str, prev: tuple[Mark, Speaker] | None, mark: Mark) -> bool:
    """Whether ``mark`` may go on the previous quote: same line, or right after a run-on quote."""
    if prev is None:
        return False
    between = text[prev[0].close_end : mark.open_start]
    return "\n" not in between or (not prev[0].closed and not between.strip())


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
    post = post_at(posts, mark.start)
    opens = not before or before[-1] in "\n.!?:;”\"…'" or (post is not None and mark.open_start <= post.text_start)
    opens = opens or (before[-1:] == "," and _speech_word_before(doc, mark.open_start)) or _speech_verb_right_before(doc, mark)
    content = text[mark.start : mark.end].rstrip()
    after = text[mark.close_end : mark.close_end + 1]
    return opens and (content[-1:] in CLAUSE_END or after == "," or _has_clause(doc, mark))


def _speech_word_before(doc: Doc, offset: int) -> bool:
    """Whether a speech verb is among the last few words before ``offset`` (``he said, "...``)."""
    words = [t for t in _before(doc, offset) if not t.is_punct][-SPEECH_REACH:]
    speech = any(t.lemma_.lower() in SPEECH_LEMMAS and t.pos_ in ("VERB", "AUX") for t in words)
    return speech or any(t.lower_ == "according" for t in words)


def _speech_verb_right_before(doc: Doc, mark: Mark) -> bool:
    """Whether the word just before the opening mark is a speech verb (``Trump declared "...``)."""
    words = _before(doc, mark.open_start)[-1:]
    return bool(words) and _is_speech_verb(words[0])


def _dash_speaker(doc: Doc, text: str, mark: Mark, actors: Sequence[Actor]) -> Speaker | None:
    """The name after a dash that closes a quote (``”  ― Jorge Falcon``), if any."""
    m = DASH_RE.match(text, mark.close_end)
    if m is None:
        return None
    names = [t for t in _tokens(doc, m.end(), m.end() + NAME_REACH) if "\n" not in text[m.end() : t.idx]]
    name: list[Token] = []
    for tok in names:
        if tok.pos_ != "PROPN" and not (name and tok.text == "." and tok.whitespace_ == ""):
            break
        name.append(tok)
    if not name:
        return None
    span = (name[0].idx, name[-1].idx + len(name[-1]))
    covering = _covering_actor(actors, span[0])
    if covering:
        return replace(_actor_speaker(covering, text[span[0] : span[1]]), span=span)
    return Speaker(text[span[0] : span[1]], text[span[0] : span[1]], span=span)


def _has_clause(doc: Doc, mark: Mark) -> bool:
    """Whether the quoted words include a verb with its own subject."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "expl") and mark.start <= t.head.idx < mark.end
        for t in _tokens(doc, mark.start, mark.end)
    )


def _speaker_for(
    doc: Doc, text: str, mark: Mark, actors: Sequence[Actor], qtype: str, prev: tuple[Mark, Speaker] | None
) -> Speaker:
    """The speaker of a marked quote, trying the governing verb, then the text around it."""
    labelled = _transcript_speaker(text, mark)
    if labelled is not None:
        return labelled
    verb = _cue_verb(doc, text, mark, qtype)
    if verb is not None:
        return _prefer_previous(_outside(_verb_speaker(verb, actors), verb, mark, actors), prev)
    according = _according_speaker(doc, text, mark, actors)
    if according is not None:
        return according
    if prev is not None and (prev[1].name or prev[1].span) and qtype == "direct":
        return prev[1]
    dashed = _dash_speaker(doc, text, mark, actors)
    if dashed is not None:
        return dashed
    nxt = _first_speech_verb(_next_sentence_tokens(doc, text, mark)) if qtype == "direct" else None
    if nxt is not None:
        return _verb_speaker(nxt, actors)
    if qtype == "partial":
        sentence = [t for t in _sentence_of(doc, mark.open_start) if not mark.open_start <= t.idx < mark.close_end]
        other = _first_speech_verb(_same_line(text, mark.open_start, sentence))
        return _verb_speaker(other, actors) if other is not None else NO_SPEAKER
    return NO_SPEAKER


def _transcript_speaker(text: str, mark: Mark) -> Speaker | None:
    """The speaker label that opens a transcript quote (``"PENCE: Well, ...``)."""
    m = LABEL_RE.match(text, mark.start, mark.end)
    if m is None:
        return None
    return Speaker(m.group(1), m.group(1), span=(m.start(1), m.end(1)))


def _outside(speaker: Speaker, verb: Token, mark: Mark, actors: Sequence[Actor]) -> Speaker:
    """A speaker found inside the quoted words is a parse slip: take the noun next to the verb."""
    if speaker.span is None or not mark.open_start <= speaker.span[0] < mark.close_end:
        return speaker
    sent = [t for t in verb.sent if t.pos_ in ("PROPN", "NOUN") and not mark.open_start <= t.idx < mark.close_end]
    after = [t for t in sent if t.i > verb.i]
    before = [t for t in sent if t.i < verb.i and t.idx >= mark.close_end]
    noun = before[-1] if before else (after[0] if after else None)
    if noun is None:
        return Speaker(None, None, cue=speaker.cue)
    span = (_phrase_start(noun), noun.idx + len(noun))
    return replace(_noun_speaker(noun, actors), cue=speaker.cue, span=span)


def _according_speaker(doc: Doc, text: str, mark: Mark, actors: Sequence[Actor]) -> Speaker | None:
    """The source of ``according to X`` in the quote's sentence, or just before it."""
    tokens = _same_line(text, mark.open_start, _sentence_tokens_before(doc, mark.open_start))
    tokens += [t for t in _sentence_of(doc, mark.open_start) if t.idx >= mark.close_end]
    source = next((s for t in tokens if (s := _according_source(t)) is not None), None)
    if source is None:
        return None
    span = (_phrase_start(source), source.idx + len(source))
    return replace(_noun_speaker(source, actors), cue="according to", span=span)


def _according_source(tok: Token) -> Token | None:
    """The object of ``according to`` when ``tok`` is its ``according``."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


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


def _prefer_previous(speaker: Speaker, prev: tuple[Mark, Speaker] | None) -> Speaker:
    """A pronoun speaker takes the previous quote's speaker on the line when that is more recent."""
    if prev is None or prev[1].name is None or (speaker.text or "").lower() not in PERSON_PRONOUNS:
        return speaker
    if speaker.actor is not None and speaker.actor.end > prev[0].open_start:
        return speaker
    return replace(prev[1], text=speaker.text, cue=speaker.cue, span=speaker.span)


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
    return [t for t in doc[_index_at(doc, start) : _index_at(doc, end)] if not t.is_space]


def _index_at(doc: Doc, offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (``len(doc)`` when none)."""
    return bisect_left(doc, offset, key=lambda t: t.idx)


def _before(doc: Doc, offset: int, reach: int = 3 * NAME_REACH) -> list[Token]:
    """The last non-space tokens (at most ``reach``) that start before ``offset``."""
    end = _index_at(doc, offset)
    return [t for t in doc[max(0, end - reach) : end] if not t.is_space]


def _sentence_of(doc: Doc, offset: int) -> Span | list[Token]:
    """The sentence holding the first token at or after ``offset``."""
    i = _index_at(doc, offset)
    tok = doc[i] if i < len(doc) else None
    return tok.sent if tok is not None else []


def _sentence_tokens_after(doc: Doc, offset: int) -> list[Token]:
    """The tokens from ``offset`` to the end of the sentence that starts there or holds it."""
    return [t for t in _sentence_of(doc, offset) if t.idx >= offset]


def _sentence_tokens_before(doc: Doc, offset: int) -> list[Token]:
    """The tokens of the sentence before ``offset`` (the one holding the last token before it)."""
    before = _before(doc, offset)
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
    span = (_phrase_start(subject), subject.idx + len(subject))
    if subject.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return replace(_pronoun_speaker(subject, verb, actors), cue=verb.text, span=span)
    return replace(_noun_speaker(subject, actors), cue=verb.text, span=span)


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
    return _chars(subject.doc, start, subject.idx + len(subject))


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
    return _chars(doc, _phrase_start(subject), end)


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
) -> list[Found]:
    """Indirect quotes: reported clauses of speech verbs outside quote marks and post lines."""
    quotes = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or _inside(verb.idx, marks) or post_at(posts, verb.idx):
            continue
        for clause in _reported_clauses(verb):
            span = _cut_at_marks(_clip_to_line(clause, verb), marks)
            if span is not None:
                speaker = _verb_speaker(verb, actors)
                quote = replace(_make(span.text, span.start_char, "indirect", speaker, published),
                                reported_by=_reporter(verb, actors))
                quotes.append(Found(quote, speaker.span))
    return quotes + _according_quotes(doc, marks, posts, actors, published)


def _reporter(verb: Token, actors: Sequence[Actor]) -> str | None:
    """Who reports the speech of ``verb`` when it sits in another speech verb's clause (nested)."""
    for anc in verb.ancestors:
        if anc.lemma_.lower() in INDIRECT_LEMMAS and anc.pos_ in ("VERB", "AUX") and _subject_of(anc) is not None:
            outer = _verb_speaker(anc, actors)
            return outer.name or outer.text
    return None


def _according_quotes(
    doc: Doc, marks: Sequence[Mark], posts: Sequence[Post], actors: Sequence[Actor], published: str | None
) -> list[Found]:
    """Indirect quotes attributed with ``according to X``: the rest of the sentence."""
    quotes = []
    for tok in doc:
        source = _according_source(tok)
        if source is None or _inside(tok.idx, marks) or post_at(posts, tok.idx):
            continue
        span = _cut_at_marks(_according_clause(tok, source), marks)
        if span is not None:
            speaker = replace(_noun_speaker(source, actors), cue="according to",
                              span=(_phrase_start(source), source.idx + len(source)))
            quotes.append(Found(_make(span.text, span.start_char, "indirect", speaker, published), speaker.span))
    return quotes


def _according_clause(tok: Token, source: Token) -> Span | None:
    """The sentence around ``according to X`` without that phrase: the words it attributes."""
    sent = tok.sent
    phrase_end = source.right_edge.i + 1
    if tok.i == sent.start or all(t.is_punct for t in sent.doc[sent.start : tok.i]):
        return _trim(sent.doc[phrase_end : sent.end])
    return _trim(sent.doc[sent.start : tok.i])


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
    doc = span.doc
    lo, hi = sorted((span.start, verb.i))
    if any("\n" in t.text_with_ws for t in doc[lo:hi]):
        return None
    cut = next((t for t in span if "\n" in t.text_with_ws), None)
    if cut is None:
        return span
    return _trim(doc[span.start : cut.i if "\n" in cut.text else cut.i + 1])


def _chars(doc: Doc, start: int, end: int) -> str:
    """The text of the tokens from offset ``start`` to ``end`` (both on token boundaries)."""
    return doc[_index_at(doc, start) : _index_at(doc, end)].text


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

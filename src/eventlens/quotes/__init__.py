"""Quotes stage: direct, partial and indirect quotations with their speakers.

``extract(doc, article, actors)`` finds every quotation in the article body in text order:

1. quote marks are paired per line by :mod:`eventlens.quotes.marks` (curly, straight and
   NYT ``''`` marks, apostrophes skipped, odd marks ignored, a quote running on into the next
   paragraph kept); an embedded post line (``20170606: @account: text``) with no marks is
   itself a direct quote dated by its prefix;
2. each quote's speaker comes from a transcript label (``PENCE:``), the speech verb that
   governs it in the dependency tree, ``according to X``, the previous quote of a split or
   run-on quote, a name after a dash, or the next sentence; the speaker token is resolved to
   the actor whose span covers it (titles and pronouns through the actor stage's coreference);
3. indirect quotes are the ``ccomp`` clauses of speech, belief and evidence verbs (``wrote in a
   letter that``, a parenthetical ``A, officials said, B``) outside quote marks, with ``reported_by``
   when the speech verb sits in another speaker's clause; the ``that`` clauses of belief nouns with
   a holder (``X's view that``); and the sentences attributed with ``according to X``. A quote is
   what someone said, not any complement: the to-infinitives and objects of undertakings and
   requests (``agreed to``, ``pledged to``, ``urged X to``, ``called for X``) are quotes only when
   a statement or a speech verb frames them (``in a statement, he urged X to``; ``..., the agency
   reported``). ``A and that B`` is one quote (``A but that B`` two). A quote mark cuts a reported
   clause, and what is left before it is a quote only when it is a clause of its own: fragments
   beside a partial quote (``the campaign would be "limited"``) are not quotes. Dateline words
   (``MOSCOW, Jan 1 -``) are never speakers nor part of a reported clause. Reported clauses the parser
   hangs elsewhere are still found: a clause with its own subject after the speech verb (``said after
   the talks he would go``), a ``that`` clause on a noun of the verb's adjuncts (``said during a
   briefing that``), the clause an ``as X said`` / ``as X put it`` or a closing ``, X reported``
   comments on, what a source of findings shows (``polls showing X ahead``); what a verb of calling
   says of its object is a quote (``called the plan a ploy``, ``blasted X as a disgrace``), and
   a partial quote inside someone's reported clause of saying or thinking is theirs;
4. speakers the actor stage does not name keep their own words (``organisers``, ``a military
   spokesman``); ``it``, ``the group``, ``the ministry`` go back to the organisation named before;
   conjoined subjects are named together (``A and B``); in ``X, who said A`` the mention is ``who``
   and the name X's; words read ``on behalf of X`` are X's; a
   quoted speech verb with its subject outside the marks (``X "condemns" Y, his spokesman said``)
   is X's, relayed by the spokesman; a name in another script or over 100 characters leaves the
   speaker ``null`` with its words kept. A subject the parser lost is found beside the verb (``4 in 10
   say``, ``X, asked about Y, had said``), a speech participle's speaker is the one shown speaking
   (``footage of X saying``), the author of a medium speaks through it (``X issued a statement
   saying``), a pronoun beside the quote speaks when the parser took a quoted word for the subject,
   and a name may follow a question (``?" X told reporters``). The word lists (speech verbs with
   those of manner of speaking and with particles, ``shot back``) are in ``data/quoting/words.toml``.

The work is done by the modules of :mod:`eventlens.quotes` (``marked``, ``posts``,
``indirect`` find the quotes; ``marked_speakers``, ``cues`` and ``naming`` find and name the
speakers); this module is the stage's public face.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from eventlens.models import Actor, Article, Quote
from eventlens.quotes.indirect import indirect_quotes
from eventlens.quotes.marked import marked_quotes
from eventlens.quotes.marks import Mark, Post, find_marks, find_posts
from eventlens.quotes.posts import post_quotes
from eventlens.quotes.records import NO_SPEAKER, Found, Speaker

__all__ = [
    "NO_SPEAKER", "Found", "Mark", "Post", "Speaker", "attribute", "extract", "find_marks", "find_posts", "quote_spans",
]


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
    found = marked_quotes(doc, text, marks, actors, posts, published)
    found += post_quotes(text, posts, marks, actors)
    found += indirect_quotes(doc, marks, posts, actors, published)
    found.sort(key=lambda f: (f.quote.start, f.quote.end))
    return [replace(f, quote=replace(f.quote, id=f"q{i}")) for i, f in enumerate(found, 1)]


def quote_spans(quotes: Iterable[Quote]) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the direct and partial quotes."""
    return [(q.start, q.end) for q in quotes if q.type in ("direct", "partial")]

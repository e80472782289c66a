"""eventlens: who did what to whom, when, and who said what, from English news."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from eventlens.models import ArticleResult


def extract(text: str, date: Any = None, id: str | None = None, **settings: Any) -> ArticleResult:
    """Extract actors, events, quotes and dates from one article text.

    text (str): the article, optionally starting with a ``date YYYY-MM-DD`` line.
    date (str | datetime.date | None): publication date; overrides the header.
    id (str | None): article id; a content hash when missing.
    RETURNS (ArticleResult): the record of RESULT-SCHEMA.
    """
    from eventlens import pipeline

    return pipeline.extract(text, date=date, id=id, **settings)


def extract_many(articles: Any, **settings: Any) -> Any:
    """Stream ArticleResults for an iterable of texts, dicts (id, date, text) or Articles."""
    from eventlens import pipeline

    return pipeline.extract_many(articles, **settings)


__all__ = ["extract", "extract_many", "__version__"]

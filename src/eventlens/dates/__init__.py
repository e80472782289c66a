"""Dates stage: find date and time expressions, normalise them to TIMEX3, date the events.

``extract`` finds every date/time expression in an article body with regular expressions
and resolves it against the publication date (weekdays, "today", "last month", partial
dates without a year), using the spaCy parse only to tell future-tense sentences apart.
Anaphoric days ("the same day", "the next morning", "two days later", "the first day") are
mentions valued against the day named before them, the way they date events; parts of night
and day ("overnight", "by evening", "shortly after midnight") are found; a scheduled day points
the way its verb and tense say ("is due to start on Monday", "had set Friday as the deadline").
``assign`` gives each event the day it happened, from the dates that govern its trigger.

The work is done in this package's modules: ``spans`` (finding), ``normalise`` (values),
``anchoring`` (deictic and relative expressions), ``eventdate`` (event dating).
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventlens.dates.calendar import day_of, partial_date, weekday_date
from eventlens.dates.eventdate import assign
from eventlens.dates.spans import find
from eventlens.models import Article, DateRef

__all__ = ["assign", "day_of", "extract", "find", "partial_date", "weekday_date"]


def extract(doc: Doc, article: Article) -> list[DateRef]:
    """Every date/time expression in the article body, normalised to TIMEX3 (eventlens conventions).

    See ``find``; vague expressions ("for years", "recent weeks") are left out.
    """
    return find(doc, article)


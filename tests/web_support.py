"""Stores for the export, happenings and web tests, built from records made by hand (no spaCy).

``build_store(path)`` writes: two articles from different outlets reporting the same meeting
(one happening with two reports), a third article with an unrelated event, and a hostile article
whose title, text, actor names, evidence and quote hold ``<script>``, ``<img onerror=...>`` and
SQL fragments.
"""

from __future__ import annotations

from pathlib import Path

from eventlens.models import Actor, Article, ArticleResult, DateRef, Event, Location, Quote, sha256_text
from eventlens.store import Store

XSS = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
SQL = "'; DROP TABLE events; --"
HELSINKI = Location("Helsinki", "Helsinki", "FIN", 60.17, 24.94)


def spans(text: str, word: str) -> tuple[int, int]:
    """Start and end of the first occurrence of ``word``."""
    start = text.index(word)
    return start, start + len(word)


def meeting(article_id: str, date: str, outlet: str, published: str,
            trigger: str = "met") -> tuple[ArticleResult, Article]:
    """An article saying Biden met Xi in Helsinki on ``date``, with a quote and a date mention."""
    text = (f"HELSINKI - President Joe Biden {trigger} Chinese President Xi Jinping in Helsinki on {date}. "
            '"We had frank talks," Biden said.')
    a1, a2 = spans(text, "President Joe Biden"), spans(text, "Chinese President Xi Jinping")
    t, d, q = spans(text, trigger), spans(text, date), spans(text, "We had frank talks,")
    actors = (Actor("a1", text[a1[0]:a1[1]], *a1, "USAGOV", "Joe Biden"),
              Actor("a2", text[a2[0]:a2[1]], *a2, "CHNGOV", "Xi Jinping"))
    event = Event("e1", "USAGOV", "CHNGOV", "a1", "a2", "042", "04", "Make a visit", "CONSULT", 1, 1.9,
                  date, f"on {date}", text[: text.index(".") + 1], 0, text.index(".") + 1,
                  trigger, *t, location=HELSINKI, confidence=0.9, rule="verb:meet")
    quote = Quote("q1", "We had frank talks,", *q, "direct", "Joe Biden", "Biden", "a1", "said",
                  date=date, speaker_code="USAGOV")
    result = ArticleResult(article_id, published, f"Biden meets Xi ({outlet})", sha256_text(text),
                           actors=actors, events=(event,), quotes=(quote,),
                           dates=(DateRef(date, *d, date),), text=text)
    return result, Article(article_id, text, None, title=result.title, source=outlet,
                           url=f"https://{outlet}.example/{article_id}")


def sanctions() -> tuple[ArticleResult, Article]:
    """An unrelated material-conflict event: the EU sanctions Russia on 2023-05-03."""
    text = "BRUSSELS - The European Union imposed sanctions on Russia on 3 May 2023."
    a1, a2 = spans(text, "The European Union"), spans(text, "Russia")
    t, d = spans(text, "imposed sanctions"), spans(text, "3 May 2023")
    actors = (Actor("a1", text[a1[0]:a1[1]], *a1, "IGOEUREEC", "European Union"),
              Actor("a2", "Russia", *a2, "RUSGOV", "Russia"))
    event = Event("e1", "IGOEUREEC", "RUSGOV", "a1", "a2", "163", "16", "Impose embargo, boycott, or sanctions",
                  "REDUCE", 4, -8.0, "2023-05-03", "on 3 May 2023", text, 0, len(text), text[t[0]:t[1]], *t,
                  confidence=0.8, rule="verb:impose sanctions")
    result = ArticleResult("eu_sanctions", "2023-05-03", "EU sanctions Russia", sha256_text(text), actors=actors,
                           events=(event,), dates=(DateRef("3 May 2023", *d, "2023-05-03"),), text=text)
    return result, Article("eu_sanctions", text, None, title=result.title, source="euobserver")


def hostile() -> tuple[ArticleResult, Article]:
    """An article whose every shown string carries markup or SQL."""
    text = f"{XSS} {IMG} Officials of {SQL} accused Russia of {XSS} on 2023-05-04. \"{IMG} never,\" {SQL} said."
    a1, a2 = spans(text, SQL), spans(text, "Russia")
    t, q = spans(text, "accused"), spans(text, f"{IMG} never,")
    actors = (Actor("a1", SQL, *a1, "UKRGOV", f"{SQL} {XSS}"), Actor("a2", "Russia", *a2, "RUSGOV", "Russia"))
    event = Event("e1", "UKRGOV", "RUSGOV", "a1", "a2", "112", "11", "Accuse", "ACCUSE", 3, -2.0, "2023-05-04",
                  None, text, 0, len(text), "accused", *t, confidence=0.7, rule=f"verb:{XSS}")
    quote = Quote("q1", f"{IMG} never,", *q, "direct", f"{SQL} {IMG}", SQL, "a1", "said", date="2023-05-04",
                  speaker_code="UKRGOV")
    result = ArticleResult("hostile", "2023-05-04", f"{XSS} {IMG} {SQL}", sha256_text(text), actors=actors,
                           events=(event,), quotes=(quote,), text=text)
    return result, Article("hostile", text, None, title=result.title, source=XSS)


def articles() -> list[tuple[ArticleResult, Article]]:
    """Every hand-built article of the test store."""
    return [meeting("biden_xi_reuters", "2023-05-02", "reuters", "2023-05-02"),
            meeting("biden_xi_ap", "2023-05-02", "apnews", "2023-05-03", trigger="visited"),
            sanctions(), hostile()]


def build_store(path: str | Path) -> str:
    """Write the test articles to a DuckDB file and return its path."""
    with Store(path) as store:
        store.write_many(articles())
    return str(path)

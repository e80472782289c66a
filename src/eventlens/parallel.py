"""Worker processes on one machine: ``--jobs N`` for ``extract`` and ``ingest``.

The parent reads the input and sends articles to N worker processes in small chunks; each worker
loads the spaCy pipeline, dictionaries and event model once (on Linux the workers are forked from
the parent, which has loaded them already, so they share its memory pages) and runs
``pipeline.process_pairs`` on its chunks. Outcomes come back in input order, whatever order the
workers finish in, and at most ``2 * N`` chunks are in flight, so memory stays flat however long
the input is.

A worker that dies (killed, out of memory, a crash in native code) breaks the pool: the chunks it
shared the pool with are sent again to a fresh pool, and the chunk at the head of the line is run
one article at a time, so the article that kills a worker is found and becomes an error for itself
alone.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any

from eventlens.config import Settings
from eventlens.models import Article, ArticleError, ArticleResult

log = logging.getLogger(__name__)

Item = Article | ArticleError
Outcome = ArticleResult | ArticleError

CHUNK = 8  # articles per task sent to a worker
AUTO_MIN_ARTICLES = 16  # with ``jobs=None``, fewer input items than this run in this process

_settings: Settings | None = None  # the worker's settings, set by ``_start_worker``


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def choose_jobs(jobs: int | None, items: Iterable[Item]) -> tuple[int, Iterator[Item]]:
    """The number of processes to use and the items (unchanged): ``jobs`` when given, else every
    core when the input has at least AUTO_MIN_ARTICLES items and one process for fewer."""
    stream = iter(items)
    if jobs is not None:
        return max(1, jobs), stream
    head = list(islice(stream, AUTO_MIN_ARTICLES))
    n = available_cores() if len(head) >= AUTO_MIN_ARTICLES else 1
    return n, chain(head, stream)


def _start_worker(settings: Settings, parent: int) -> None:
    """Worker start-up: keep the settings and load the resources once (a no-op when forked from a
    parent that has them). Ctrl-C is the parent's to handle; a worker whose parent is gone (killed
    with ``kill -9``) ends itself."""
    global _settings
    from eventlens.pipeline import load_resources

    _watch_start(parent)
    _settings = settings
    load_resources(settings)


def _watch_start(parent: int) -> None:
    """Leave Ctrl-C to the parent and watch that it lives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="eventlens-parent-watch").start()


def _watch_parent(parent: int, every: float = 0.5) -> None:
    """End this worker at once when its parent process has died (it is then re-parented)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _code(articles: list[Article]) -> list[Outcome]:
    """A worker's task: the outcome of each article, in order."""
    from eventlens.pipeline import process_pairs

    return [outcome for _, outcome in process_pairs(articles, _settings)]


def _context() -> Any:
    """Fork where the platform has it (workers share the parent's loaded resources), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _died(article: Article) -> ArticleError:
    return ArticleError(article.origin or article.id, "internal error: the worker process coding this article "
                        "died (killed, out of memory, or a crash); article skipped", article.id, article.input)


class Workers:
    """A pool of worker processes that can be replaced when one of them dies."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings, self.jobs = settings, jobs
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_start_worker,
                                   initargs=(self.settings, os.getpid()))

    def submit(self, articles: list[Article]) -> Future[list[Outcome]] | None:
        return self.pool.submit(_code, articles) if articles else None

    def renew(self) -> None:
        """Replace a broken pool with a fresh one."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()

    def one_by_one(self, articles: list[Article]) -> list[Outcome]:
        """Code each article in a task of its own, so an article that kills its worker is the only
        one lost."""
        outcomes: list[Outcome] = []
        for article in articles:
            try:
                outcomes.extend(self.pool.submit(_code, [article]).result())
            except BrokenProcessPool:
                log.warning("a worker died on article %s", article.id)
                outcomes.append(_died(article))
                self.renew()
        return outcomes

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


Task = tuple[list[Item], list[Article], "Future[list[Outcome]] | None"]


def process_pairs_parallel(items: Iterable[Item], settings: Settings, jobs: int) -> Iterator[tuple[Item, Outcome]]:
    """``pipeline.process_pairs`` over ``jobs`` worker processes: each item with its outcome, in
    input order. Ingest errors pass through without visiting a worker."""
    workers = Workers(settings, jobs)
    line: deque[Task] = deque()
    try:
        chunk: list[Item] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= CHUNK:
                line.append(_task(workers, chunk))
                chunk = []
                while len(line) > 2 * jobs:
                    yield from _finish(workers, line)
        if chunk:
            line.append(_task(workers, chunk))
        while line:
            yield from _finish(workers, line)
    finally:
        workers.close()


def _task(workers: Workers, chunk: list[Item]) -> Task:
    articles = [item for item in chunk if isinstance(item, Article)]
    return chunk, articles, workers.submit(articles)


def _finish(workers: Workers, line: deque[Task]) -> Iterator[tuple[Item, Outcome]]:
    """Wait for the task at the head of the line and yield its pairs; after a worker died, run the
    head one article at a time and send the rest of the line again."""
    chunk, articles, future = line.popleft()
    outcomes: list[Outcome] = []
    if future is not None:
        try:
            outcomes = future.result()
        except BrokenProcessPool:
            workers.renew()
            outcomes = workers.one_by_one(articles)
            for i, (other, others, _) in enumerate(line):
                line[i] = (other, others, workers.submit(others))
    coded = iter(outcomes)
    for item in chunk:
        if isinstance(item, Article):
            yield item, next(coded)
        elif isinstance(item, ArticleError):
            yield item, item
        else:  # not an input item: its own error
            error = ArticleError(repr(item)[:80], f"unsupported input type {type(item).__name__}")
            yield error, error

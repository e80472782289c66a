"""A time budget per article: past it, the article's work stops and it becomes an error.

In the main thread of a Unix process ``time_budget`` arms a real-time timer (``SIGALRM``) whose
handler raises ``OverBudget`` into the running stage; it is a ``BaseException`` so that no stage's
``except Exception`` swallows it. Elsewhere (another thread, a program with its own ``SIGALRM``
handler, Windows) nothing is interrupted and callers compare the time spent afterwards
(``Budget.over``), so an article over budget is an error either way.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


class OverBudget(BaseException):
    """An article's stages ran past their time budget."""


@dataclass
class Budget:
    """The seconds allowed and when the clock started."""

    seconds: float
    started: float = field(default_factory=time.perf_counter)

    @property
    def spent(self) -> float:
        return time.perf_counter() - self.started

    @property
    def over(self) -> bool:
        return self.seconds > 0 and self.spent > self.seconds


def _can_interrupt() -> bool:
    """Whether a SIGALRM timer may be used here: main thread, Unix, no handler of the program's own."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None))


@contextmanager
def time_budget(seconds: float) -> Iterator[Budget]:
    """Run the body with ``seconds`` allowed (0 or less: no limit); raise ``OverBudget`` when the
    timer can interrupt it, else leave the check to ``Budget.over``."""
    budget = Budget(seconds)
    if seconds <= 0 or not _can_interrupt():
        yield budget
        return
    armed = [True]

    def _alarm(signum: int, frame: object) -> None:
        if armed[0]:
            raise OverBudget

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield budget
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

"""Input guards that keep the tokenizer's time linear in the article's length.

spaCy's tokenizer strips prefix and suffix characters one at a time from each whitespace-delimited
chunk, copying the rest each time, so a long run of punctuation with no space in it (25,000 quote
marks, 40,000 ``$``) costs time and memory quadratic in the run's length. ``guard`` blanks the
middle of such runs with spaces before parsing: the text keeps its length, so every character
offset into the article stays valid, and no real word is touched.
"""

from __future__ import annotations

import re

RUN_KEEP = 32  # characters kept at each end of a long punctuation run
LONG_RUN = re.compile(rf"(?:[^\w\s]|_){{{4 * RUN_KEEP},}}")


def _blank_middle(m: re.Match[str]) -> str:
    run = m.group()
    return run[:RUN_KEEP] + " " * (len(run) - 2 * RUN_KEEP) + run[-RUN_KEEP:]


def guard(text: str) -> str:
    """``text`` with the middle of every run of 128 or more punctuation characters (no letter,
    digit or space) replaced by spaces; same length, same characters everywhere else."""
    return LONG_RUN.sub(_blank_middle, text)

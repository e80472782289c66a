"""The fast scan of the date rules finds exactly what a plain regex scan finds."""

from __future__ import annotations

import pytest

from eventlens.dates import spans, timeml
from eventlens.dates.scanning import matches, rule, strip_assertions

TEXTS = [
    "On Christmas Day 2019, between 1990 and 2000, from 2001 to 2004, xbetween 1990 and 2000.",
    "A 2020-03-04 raid; 20200304 and 19991231x; 1990-95 and 2001\u201302; in the 1990s and the '80s.",
    "Every Monday, each morning, every two weeks, a week ago, an hour later, once a day, 1:02:03.",
    "In the spring of 2004 and last winter, the 21st century, two decades, daily, yearly, Q3 2020.",
    "She spent a year abroad; anyear; the first quarter of 2019; early March, late-June.",
]
PATTERNS = [p for p, _ in spans.RULES] + [p for p, _, _ in timeml.RULES]


@pytest.mark.parametrize("text", TEXTS)
def test_every_rule_finds_the_same_matches_as_finditer(text):
    for pattern in PATTERNS:
        for pos in (0, 7):
            fast = [(m.span(), m.groupdict()) for m in matches(pattern, text, pos)]
            plain = [(m.span(), m.groupdict()) for m in pattern.finditer(text, pos)]
            assert fast == plain, pattern.pattern[:60]


def test_a_needed_word_missing_skips_the_rule_and_present_finds_it():
    pattern = rule(r"\bcentur(?:y|ies)\b", needs=("centur",))
    assert list(matches(pattern, "no such word here")) == []
    assert [m.group() for m in matches(pattern, "two centuries")] == ["centuries"]


def test_leading_assertions_are_stripped_and_a_rule_without_them_is_refused():
    assert strip_assertions(r"(?<![\d(])\bfrom (?P<y>\d+)") == r"from (?P<y>\d+)"
    with pytest.raises(ValueError):
        rule(r"from (?P<y>\d+)", lead=True)

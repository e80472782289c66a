"""Finding time expressions: the rule table, overlap removal and the ``find`` entry point."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from eventlens.dates import timeml
from eventlens.dates.anchoring import anaphoric_dates, anchored, written_until
from eventlens.dates.eventdate import day_cues
from eventlens.dates.lexicon import (
    FULL_MONTH,
    INVALID,
    MONTH,
    MONTH_DAY,
    NUM,
    UNIT,
    WEEKDAY,
    YEAR,
    ZONE,
    Context,
    Found,
    Handler,
)
from eventlens.dates.mods import EDGE_PERIOD, modifier, norm_edge_period
from eventlens.dates.normalise import (
    norm_ago,
    norm_decade,
    norm_duration,
    norm_holiday,
    norm_month_day,
    norm_month_year,
    norm_numeric,
    norm_quarter,
    norm_relative_period,
    norm_set,
    norm_weekday,
    norm_year,
    norm_year_range,
)
from eventlens.dates.scanning import matches, rule
from eventlens.models import Article, DateRef

HOLIDAY = (
    r"(?P<hol>Christmas (?:Eve|Day)|Boxing Day|New Year[\u2019']s (?:Eve|Day)|Valentine[\u2019']s Day|Bastille Day"
    r"|(?<=[Oo]n )(?:[Tt]he Fourth of July|Independence Day)"
    r"|(?:" + "|".join(rf"(?<=\b{p} )" for p in ("on", "at", "by", "over", "before", "after", "since", "until",
                                                 "for", "till")) + r")(?:Christmas|Halloween))"
)  # bare "Christmas" only after a preposition, not "Christmas tree"
HOLIDAY_WORDS = ("Christmas", "Boxing Day", "New Year", "Valentine", "Bastille Day", "Fourth of July",
                 "Independence Day", "Halloween")  # every HOLIDAY match holds one


RULES: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(MONTH_DAY), norm_month_day),
    (EDGE_PERIOD, norm_edge_period),
    (re.compile(r"\b(?:(?:early|late|mid)[- ])?" + MONTH + r"\s+" + YEAR + r"\b"), norm_month_year),
    (re.compile(r"\b(?P<prep>[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|of|[Tt]hrough|[Dd]uring) (?P<x>(?:(?:early|late|mid)[- ])?"
                + FULL_MONTH + r")\b(?!\s+\d)"), norm_month_year),
    (rule(r"\b(?:(?:early|late|mid)[- ])?(?P<mod>[Ll]ast) " + FULL_MONTH + r"\b(?!\s+\d)", needs=("last", "Last")),
     norm_month_year),
    (rule(r"\b(?:early|late|mid)[- ]" + FULL_MONTH + r"\b(?!\s+\d)", lead=True), norm_month_year),
    (rule(r"(?<![\d-])(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?![\d-])", lead=True), norm_numeric),
    (rule(r"(?<![\d.,-])(?P<y>(?:19|20)\d\d)(?P<mo>[01]\d)(?P<d>[0-3]\d)(?![\d.,])", lead=True), norm_numeric),
    (re.compile(r"(?<![\d.,$£€/-])(?:(?:early|late|mid)[- ])?" + YEAR + r"(?!\d|,\d|[-\u2013]\d|\.\d|%)"), norm_year),
    (YEAR_PAIR := rule(r"(?<![\d.,$£€/-])(?P<y1>(?:1[5-9]|20)\d\d)[-\u2013](?P<y2>(?:1[5-9]|20)?\d\d)(?![\d-])",
                       lead=True),
     norm_year_range),
    (rule(r"\bfrom (?P<y1>(?:1[5-9]|20)\d\d) (?:to|until) (?P<y2>(?:1[5-9]|20)\d\d)\b", lead=True), norm_year_range),
    (rule(r"\bbetween (?P<y1>(?:1[5-9]|20)\d\d) and (?P<y2>(?:1[5-9]|20)\d\d)\b", lead=True), norm_year_range),
    (rule(r"\b(?:the )?(?P<dec>(?:1[5-9]|20)\d0)s\b", needs=("0s",)), norm_decade),
    (re.compile(r"(?:\b(?P<edge>[Ee]arly|[Ll]ate) (?:on )?)?(?:\b(?P<mod>[Ll]ast|[Nn]ext) )?\b" + WEEKDAY
                + r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b" + ZONE + "?"), norm_weekday),
    (rule(r"\b" + HOLIDAY + r"(?:,? " + YEAR + r")?\b", needs=HOLIDAY_WORDS), norm_holiday),
    (rule(r"\b(?:(?:[Tt]he )?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"
                r"(?: of " + YEAR + r")?(?! of (?:the |a |this )?(?:game|match|century))|Q(?P<qn>[1-4])(?:,? "
                + YEAR.replace("year>", "year2>") + r")?)\b", needs=("quarter", "Q1", "Q2", "Q3", "Q4")), norm_quarter),
    (re.compile(r"\b(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?(?:[Tt]he )?"
                r"(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming) (?:fiscal |financial )?"
                r"(?P<per>weekend|week|month|year)\b"),
     norm_relative_period),
    (rule(r"\b(?P<num>\d+|[A-Za-z]+) (?P<unit>day|week|month|year)s? ago\b", needs=(" ago",)), norm_ago),
    (re.compile(r"(?<![\d.,])\b" + NUM + r"[- ]" + UNIT
                + r"(?:s\b|\b)(?!-old| ago| later| earlier| after| old| and older| or older| of age)",
                re.I), norm_duration),
    (rule(r"(?<!once )(?<!twice )(?<!times )(?<!per )\b(?P<num>[Aa]n?) " + UNIT
          + r"\b(?!-old| ago| later| earlier| after| before| or)", lead=True), norm_duration),
    (rule(r"\b[Ee]very (?P<every>day|week|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|"
          r"Saturday|Sunday)\b", lead=True), norm_set),
]


def _rules(timeml_mode: bool) -> Iterator[tuple[re.Pattern[str], Handler]]:
    """The rules in force: the core ones and the TimeML extras (hyphenated year ranges split in TimeML)."""
    for pattern, handler in RULES:
        if not (timeml_mode and pattern is YEAR_PAIR):
            yield pattern, handler
    for pattern, handler, timeml_only in timeml.RULES:
        if timeml_mode or not timeml_only:
            yield pattern, handler


def _rule_matches(ctx: Context, body_start: int) -> Iterator[Found]:
    """Every resolvable match of the fixed rules in the body."""
    for pattern, handler in _rules(ctx.timeml):
        for m in matches(pattern, ctx.text, body_start):
            try:
                res = handler(m, ctx)
            except OverflowError:  # arithmetic past year 1 or 9999 (a publication date at the edge)
                continue
            if res is not None:
                span = "x" if m.groupdict().get("x") else 0
                yield Found(m.start(span), m.end(span), res)
    if ctx.timeml:
        yield from _split_years(ctx, body_start)


def _split_years(ctx: Context, body_start: int) -> Iterator[Found]:
    """``2009-2010`` and ``1957-58`` as two years, the TimeML way."""
    for m in matches(YEAR_PAIR, ctx.text, body_start):
        second = timeml.second_year(m["y1"], m["y2"])
        if second is not None:
            yield Found(m.start("y1"), m.end("y1"), (m["y1"], "DATE", "year"))
            yield Found(m.start("y2"), m.end("y2"), (second, "DATE", "year"))


def _remove_overlaps(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping candidates, earliest first."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
        elif f.end - f.start > kept[-1].end - kept[-1].start and f.start < kept[-1].end:
            kept[-1] = f
    return kept


def _to_refs(text: str, found: list[Found]) -> list[DateRef]:
    """DateRef records for candidates, impossible dates left out, with their TIMEX3 ``mod``."""
    refs = []
    for f in found:
        if f.resolved != INVALID:
            start, mod = modifier(text, f.start, f.end, f.resolved[1])
            refs.append(DateRef(text[start : f.end], start, f.end, *f.resolved, mod=mod))
    return refs


def find(doc: Doc, article: Article, timeml: bool = False) -> list[DateRef]:
    """Every date/time expression in the article body, normalised to TIMEX3, in text order.

    doc (Doc): the parse of ``parse_text(article)`` (same character offsets as the text).
    article (Article): gives the text, the publication date and ``body_start`` (the
        ``date`` header before it is never a mention).
    RETURNS (list[DateRef]): non-overlapping mentions with exact offsets
        (``article.text[start:end] == text``); vague expressions and impossible dates
        are left out. Without a publication date only absolute dates and durations are kept.
    timeml (bool): follow TempEval-3 annotation instead: vague durations (``PXY``), PAST_REF
        and FUTURE_REF, "two days" in "two days later" as a duration, year ranges split.
    """
    now = written_until(article.text, doc, article.date, article.body_start)
    ctx = Context(article.text, doc, article.date, timeml, now)
    found = list(_rule_matches(ctx, article.body_start))
    if article.date is None:
        return _to_refs(article.text, _remove_overlaps(found))
    first = _to_refs(article.text, _remove_overlaps(found))
    found += anchored(ctx, article.date, article.body_start, first)
    second = _to_refs(article.text, _remove_overlaps(found))
    strong, _ = day_cues(second, doc, article)
    found += anaphoric_dates(article.text, article.body_start, strong, now, timeml)
    return _to_refs(article.text, _remove_overlaps(found))

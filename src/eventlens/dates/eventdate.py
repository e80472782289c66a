"""Event dating: the day each event happened, from the date cues that govern its trigger.

In order: a cue on the dependency path from the trigger to the sentence root (the lowest
wins); else the closest cue in force in the sentence; for words inside quote marks the day
they were spoken (the paragraph's last day, else the dateline); ``unknown`` for a past
perfect or a present-tense state with no date of its own; else the day the narrative is on
(the last day named before the sentence); else the publication date.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from eventlens.dates.anchoring import RELATIVE_RE, Cue, in_quote, relative_cues, written_until
from eventlens.dates.calendar import day_of, iso
from eventlens.dates.clauses import clause_verb, past_perfect, path_to_root, planned, present_state, root_token
from eventlens.dates.lexicon import CARRY_DAYS
from eventlens.dates.tense import future_token
from eventlens.models import Article, DateRef, Event
from eventlens.text import datelines

CLAUSE_PENALTY = 40  # extra distance, in characters, for a date cue across a comma from the trigger
Dated = tuple[str, str | None]  # (YYYY-MM-DD or "unknown", the expression used)


def _attributive(doc: Doc, ref: DateRef) -> bool:
    """Whether a date modifies a noun ("Monday's expulsions", "the March 4 poisoning")."""
    root = root_token(doc, ref.start, ref.end)
    return root is not None and root.dep_ in ("poss", "nmod", "compound", "amod") \
        and root.head.pos_ in ("NOUN", "PROPN")


def _distance(cue: Cue, event: Event, text: str) -> int:
    """Characters between a cue and the event trigger, plus a penalty across a comma or semicolon."""
    lo, hi = (cue.end, event.trigger_start) if cue.end <= event.trigger_start else (event.trigger_end, cue.start)
    between = text[lo:hi] if hi > lo else ""
    return max(0, hi - lo) + (CLAUSE_PENALTY if re.search(r"[,;]", between) else 0)


@dataclass(frozen=True, slots=True)
class _Cues:
    """The cues of one article: dates and relative expressions, dateline dates (weak), and the parse.

    latest: the last day past events can fall on (see ``written_until``).
    """

    strong: list[Cue]
    weak: list[Cue]
    pub: date | None
    doc: Doc
    article: Article
    latest: date | None = None


def _sentence_cues(event: Event, cues: _Cues) -> list[Cue]:
    """Past cues in the event's sentence that can date its trigger (dateline only if nothing else)."""

    def fits(c: Cue) -> bool:
        in_sentence = event.evidence_start <= c.start < event.evidence_end
        past = cues.latest is None or c.day <= cues.latest
        return in_sentence and past and not c.planned and not (c.forward and event.trigger_start < c.start)

    return [c for c in cues.strong if fits(c)] or [c for c in cues.weak if fits(c)]


def _governing(trigger: Token | None, near: list[Cue], doc: Doc) -> Cue | None:
    """The cue attached lowest on the path from the trigger to the root ("answered ... three days later")."""
    if trigger is None:
        return None
    rank = {tok.i: n for n, tok in enumerate(path_to_root(clause_verb(trigger)))}
    ranked = []
    for cue in near:
        tok = root_token(doc, cue.start, cue.end)
        if tok is not None and clause_verb(tok).i in rank:
            ranked.append((rank[clause_verb(tok).i], cue))
    return min(ranked, key=lambda rc: rc[0])[1] if ranked else None


def _in_sentence(event: Event, trigger: Token | None, cues: _Cues) -> Cue | None:
    """The cue that governs the trigger's clause, else the closest in force in the sentence."""
    near = _sentence_cues(event, cues)
    if not near:
        return None
    text = cues.article.text
    near.sort(key=lambda c: _distance(c, event, text))
    return _governing(trigger, near, cues.doc) or near[0]


def _before(event: Event, cues: _Cues, same_paragraph: bool) -> Cue | None:
    """The last past cue before the event's sentence: in its paragraph, or any recent one when allowed.

    A day more than CARRY_DAYS before publication is background ("in 1935", "10 days ago"): it
    dates its own paragraph, not the narrative after it.
    """
    para = cues.article.text.rfind("\n", 0, event.evidence_start)
    earlier = [c for c in cues.strong if c.end <= event.evidence_start and not c.planned
               and (cues.latest is None or c.day <= cues.latest)
               and (para < c.start or not same_paragraph and _recent(c.day, cues.pub))]
    return earlier[-1] if earlier else None


def _recent(day: date, pub: date | None) -> bool:
    """Whether a day lies within CARRY_DAYS before publication (always, without a publication date)."""
    return pub is None or (pub - day).days <= CARRY_DAYS


def _in_headline(event: Event, article: Article) -> bool:
    """Whether the event comes from the headline (a historical present, not a state)."""
    if not article.title:
        return False
    return event.evidence_start < article.body_start + len(article.title) + 2


def _undated(event: Event, trigger: Token | None, cues: _Cues) -> bool:
    """Whether nothing can date the event: a past perfect or present-tense state with no date of its own."""
    if trigger is None or _in_headline(event, cues.article):
        return False
    verb = clause_verb(trigger)
    return past_perfect(verb) or present_state(verb)


def _fallback(cues: _Cues) -> Dated:
    """The dateline's date, else the publication date, else ``unknown``."""
    if cues.weak:
        return iso(cues.weak[0].day), None
    return (iso(cues.pub), None) if cues.pub else ("unknown", None)


def date_event(event: Event, cues: _Cues) -> Dated:
    """(date, date_text) for one event (see the module docstring for the order of the rules)."""
    trigger = root_token(cues.doc, event.trigger_start, event.trigger_end)
    cue = _in_sentence(event, trigger, cues)
    if cue is None and in_quote(cues.article.text, event.trigger_start):
        cue = _before(event, cues, same_paragraph=True)
        return (iso(cue.day), cue.text) if cue else _fallback(cues)
    if cue is None and _undated(event, trigger, cues):
        return "unknown", None
    if cue is None and trigger is not None and future_token(clause_verb(trigger), infinitive=False):
        return _fallback(cues)  # "will hold a news conference": no past day carries over
    cue = cue or _before(event, cues, same_paragraph=False)
    return (iso(cue.day), cue.text) if cue else _fallback(cues)


def day_cues(dates: list[DateRef], doc: Doc, article: Article) -> tuple[list[Cue], list[Cue]]:
    """(strong, weak) cues of the day-level dates that can date an event: not attributive ("Monday's
    expulsions"), not an anaphoric expression (those are read from the text by ``relative_cues``);
    the dateline's date is weak."""
    strong: list[Cue] = []
    weak: list[Cue] = []
    anaphoric = {(m.start(), m.end()) for m in RELATIVE_RE.finditer(article.text, article.body_start)}
    for ref in dates:
        day = day_of(ref)
        if day is None or (ref.start, ref.end) in anaphoric or _attributive(doc, ref):
            continue
        tok = root_token(doc, ref.start, ref.end)
        cue = Cue(ref.start, ref.end, day, ref.text, planned=tok is not None and planned(tok))
        (weak if datelines.at(doc, ref.start) is not None else strong).append(cue)
    return strong, weak


def _article_cues(dates: list[DateRef], doc: Doc, article: Article) -> _Cues:
    """Day-level dates (not attributive), relative expressions and dateline dates of an article."""
    strong, weak = day_cues(dates, doc, article)
    latest = written_until(article.text, doc, article.date, article.body_start)
    strong += relative_cues(article.text, article.body_start, strong, latest)
    strong.sort(key=lambda c: c.start)
    return _Cues(strong, weak, article.date, doc, article, latest)


def assign(events: list[Event], dates: list[DateRef], doc: Doc, article: Article) -> list[Event]:
    """Date each event to the day it happened.

    events (list[Event]): events with evidence and trigger offsets into ``article.text``.
    dates (list[DateRef]): the output of ``extract`` for the same article.
    doc (Doc): the article's parse (dependency paths; dates that modify a noun are skipped).
    article (Article): text and publication date.
    RETURNS (list[Event]): copies with ``date`` (YYYY-MM-DD or ``unknown``) and ``date_text``
        set: the past day-level date or relative cue ("a day after", "three days later",
        "that day") that governs the trigger, else the closest in its sentence (the dateline
        date only when the sentence has no other); quoted words the day they were spoken;
        ``unknown`` for a past perfect or a present-tense state with no date of its own;
        else the latest day named before the sentence; else the dateline or publication date
        (``date_text`` None); ``unknown`` without any. Planned days ("postponed until
        Monday") never date an event. "Past" runs to the day after publication when the
        text shows it was still written then (``written_until``: live pages, stale dates).
    """
    cues = _article_cues(dates, doc, article)
    out = []
    for ev in events:
        value, cue = date_event(ev, cues)
        out.append(dataclasses.replace(ev, date=value, date_text=cue))
    return out

"""News organisations on real wire copy (``eventlens eval t17actors``).

The actor stage runs alone over the first ``limit`` articles (200 by default) of
``t17_timelines/articles.jsonl``, in file order, each with its publication date. The news
organisations are those of ``data/actors/media-outlets.tsv`` (names as written, see
:class:`eventlens.actors.lexicon.Outlet`); the check finds their names in the text itself, so an
outlet the actor stage splits or misreads is still seen.

- ``media_mentions``: actor mentions (pronouns aside) of a news organisation: the mention's text,
  a leading "the" and a trailing "'s" aside, is an outlet's name in the text, or the mention
  comes straight from a dictionary entry coded as media (a ``MED`` block in every code, as the
  Phoenix "REUTERS [MED]");
- ``media_as_country`` (target 0): those mentions, and mentions lying inside an outlet's name
  ("the Canadian" in "the Canadian Press", "USA" in "USA Today"), coded as a country or a
  country's government: a country root and no ``MED`` block;
- ``media_wrong_country``: media mentions whose code names a country other than the outlet's
  home country ("Ansa" as ``USAMED``);
- ``media_merged`` (target 0): pairs of different news organisations given one actor in an
  article: one coreference chain (``ref``) or one canonical name;
- ``media_bad_names``: outlet mentions whose canonical name is none of the outlet's names as
  written ("Cnn" for CNN);
- ``media_coded_med``: the share of media mentions whose code has a ``MED`` block;
- ``media_missed``: outlet names in the text that no actor mention covers (not gated: a name
  inside a longer mention, "CNN's Ben Wedeman", counts as covered; a wire credit, "(CNN) --",
  is no actor and is not counted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

from eventlens.actors import load_lexicon
from eventlens.actors.countries import state_root
from eventlens.actors.lexicon import Outlet, read_outlets
from eventlens.config import Settings
from eventlens.evals import Report, read_jsonl
from eventlens.evals.actors import Coder
from eventlens.models import Actor

DEFAULT_LIMIT = 200
SKIPPED_KINDS = {"pronoun"}
ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
CREDIT = re.compile(r"\)\s*(?:-|--|\u2013|\u2014)")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An outlet's name in the text: its core span (a leading "the" aside) and the outlet."""

    start: int
    end: int
    outlet: Outlet


@dataclass
class Tally:
    """Counts over the articles, and examples of each error."""

    articles: int = 0
    mentions: int = 0
    media: int = 0
    med: int = 0
    as_country: int = 0
    wrong_country: int = 0
    bad_names: int = 0
    names: int = 0
    missed: int = 0
    merged: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    lists: dict[str, list[str]] = field(default_factory=lambda: {
        "media as country": [], "wrong country": [], "merged": [], "bad names": [], "missed": []})

    def figures(self) -> dict[str, Any]:
        return {"articles": self.articles, "mentions": self.mentions, "media_mentions": self.media,
                "media_as_country": self.as_country, "media_merged": len(self.merged),
                "media_wrong_country": self.wrong_country, "media_bad_names": self.bad_names,
                "media_coded_med": round(self.med / self.media, 3) if self.media else 0.0,
                "media_missed": self.missed}


def has_media_block(code: str) -> bool:
    """A ``MED`` block anywhere in the code (``MED``, ``USAMED``, ``EGYGOVMED``)."""
    return any(code[i : i + 3] == "MED" for i in range(0, len(code) - 2, 3))


def country_coded(code: str) -> bool:
    """A country or a country's government, not its media: a state root and no MED block."""
    return state_root(code) is not None and not has_media_block(code)


@lru_cache(maxsize=1)
def _outlet_pattern() -> tuple[re.Pattern[str], dict[str, Outlet]]:
    """One pattern for every outlet name, as written or in capitals (a name starting with "the"
    needs the article, in any case), longest first; and the outlets by name less its "the"."""
    by_core: dict[str, Outlet] = {}
    forms: list[str] = []
    for outlet in read_outlets().outlets:
        for name in outlet.names:
            rest = ARTICLE.sub("", name)
            for form in (rest, rest.upper()):
                by_core.setdefault(form, outlet)
                forms.append(("(?:[Tt]he|THE)\\s+" if rest != name else "") + "\\s+".join(map(re.escape, form.split())))
    forms.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(forms) + r")(?![\w-]|\.\w)"), by_core  # not "CNN.com"


def find_outlets(text: str) -> list[Occurrence]:
    """Every outlet name in ``text`` (longest at each place), by core span."""
    pattern, by_core = _outlet_pattern()
    out = []
    for match in pattern.finditer(text):
        core = ARTICLE.sub("", match.group(0))
        out.append(Occurrence(match.end() - len(core), match.end(), by_core[" ".join(core.split())]))
    return out


def core_span(actor: Actor) -> tuple[int, int]:
    """The mention's span less a leading "the" and a trailing possessive."""
    text = actor.text
    lead = len(text) - len(ARTICLE.sub("", text))
    trail = len(text) - len(POSSESSIVE.sub("", text))
    return actor.start + lead, actor.end - trail


def _dictionary_media() -> dict[str, str]:
    """Rules of dictionary entries coded as media in every code -> the outlet they are (the
    outlet's canonical name when the file has it, else the entry's root)."""
    roots = {o.root: o.name for o in read_outlets().outlets}
    out = {}
    for entry in load_lexicon().entries:
        if entry.codes and all(has_media_block(c.code) for c in entry.codes):
            out[entry.rule] = roots.get(entry.root.strip("_ ").upper(), entry.root)
    return out


def _identity(actor: Actor) -> str:
    return actor.ref or actor.id


def score_article(ident: str, text: str, actors: list[Actor], tally: Tally, media_rules: dict[str, str]) -> None:
    """Add one article's media mentions to ``tally``."""
    found = find_outlets(text)
    by_core = {(o.start, o.end): o for o in found}
    shown = [a for a in actors if a.kind not in SKIPPED_KINDS]
    tally.articles += 1
    tally.mentions += len(shown)
    chains: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for actor in shown:
        start, end = core_span(actor)
        occ = by_core.get((start, end))
        outlet = occ.outlet.name if occ else media_rules.get(actor.rule)
        inside = [o for o in found if o.start <= start and end <= o.end and o is not occ]
        if outlet is None:
            if inside and country_coded(actor.code):  # "the Canadian" of "the Canadian Press"
                tally.as_country += 1
                tally.lists["media as country"].append(
                    f"{ident}: {actor.text}={actor.code} inside {inside[0].outlet.name}")
            continue
        tally.media += 1
        tally.med += has_media_block(actor.code)
        if country_coded(actor.code):
            tally.as_country += 1
            tally.lists["media as country"].append(f"{ident}: {actor.text}={actor.code} ({actor.rule})")
        home = occ.outlet.country if occ else None
        root = state_root(actor.code)
        if home and root and root != home:
            tally.wrong_country += 1
            tally.lists["wrong country"].append(f"{ident}: {actor.text}={actor.code}, home {home}")
        if occ is not None:
            tally.names += 1
            if actor.name not in occ.outlet.names:
                tally.bad_names += 1
                tally.lists["bad names"].append(f"{ident}: {actor.text} named {actor.name!r}")
            other = next((o.name for o in read_outlets().outlets
                          if o.name != outlet and actor.name.lower() in {n.lower() for n in o.names}), None)
            if other is not None:
                _merge(tally, ident, {outlet, other}, f"{actor.text} named {actor.name!r}")
        chains.setdefault(_identity(actor), set()).add(outlet)
        names.setdefault(actor.name.lower(), set()).add(outlet)
    for key, outlets in [*chains.items(), *names.items()]:
        if len(outlets) > 1:
            _merge(tally, ident, outlets, f"one actor {key!r}")
    covered = [core_span(a) for a in actors]
    for occ in found:
        if CREDIT.match(text, occ.end) and text[:occ.start].endswith("("):
            continue  # "(CNN) --": the wire credit of a dateline, no actor
        if not any(s <= occ.start and occ.end <= e or a.start <= occ.start and occ.end <= a.end
                   for (s, e), a in zip(covered, actors, strict=True)):
            tally.missed += 1
            tally.lists["missed"].append(f"{ident}: {text[occ.start:occ.end]}")


def _merge(tally: Tally, ident: str, outlets: set[str], why: str) -> None:
    """Record each pair of different outlets merged in an article once."""
    for pair in combinations(sorted(outlets), 2):
        key = (ident, frozenset(pair))
        if key not in tally.merged:
            tally.merged.add(key)
            tally.lists["merged"].append(f"{ident}: {' + '.join(pair)} ({why})")


def run(settings: Settings, shared: Path, limit: int | None = None, name: str = "t17actors") -> Report:
    """Count news organisations coded as countries or merged, on Timeline17 articles."""
    records = read_jsonl(shared, "t17_timelines/articles.jsonl", limit or DEFAULT_LIMIT)
    coder = Coder(settings, load_lexicon())
    coded = coder.code((r["text"], r.get("date"), r["id"]) for r in records)
    tally, media_rules = Tally(), _dictionary_media()
    for actors, record in zip(coded, records, strict=True):
        score_article(record["id"], record["text"], actors, tally, media_rules)
    total = tally.figures()
    text = f"== {name} (actor stage, Timeline17) ==\n" + ", ".join(f"{k}={v}" for k, v in total.items()) + "\n"
    for label, items in tally.lists.items():
        text += f"-- {label} ({len(items)}):\n" + "".join(f"  {m}\n" for m in items[:25])
    return Report(name, {"total": total, "lists": tally.lists}, text, [])

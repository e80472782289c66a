"""Dated office holders (data/actors/office-holders.txt): coded by the article's date, no gap in
the covered countries, and a bad row reported with its file and line at load."""

from __future__ import annotations

import re
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest

import eventlens
from eventlens.actors.lexicon import DATA_DIR, build_lexicon
from eventlens.actors.petrarch import DictionaryWarning, Problem, read_actor_file, read_actor_lines

HOLDERS = DATA_DIR / "office-holders.txt"
COVERAGE = DATA_DIR / "office-coverage.tsv"
START = date(2014, 1, 1)
_COMPLETE_RE = re.compile(r"^#@complete:\s*(\d{8})\s*$")
_GAP_RE = re.compile(r"^#@gap:\s*([A-Z]{3})\s+(\d{8})-(\d{8})\s+\S")


def _day(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _header() -> tuple[date, dict[str, list[tuple[date, date]]]]:
    """The completeness day and the listed gaps ("#@gap: ISO3 FROM-TO why") of the file."""
    complete, gaps = None, {}
    for line in HOLDERS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#@complete:"):
            match = _COMPLETE_RE.match(line)
            assert match, f"malformed line {line!r}"
            complete = _day(match.group(1))
        elif line.startswith("#@gap:"):
            match = _GAP_RE.match(line)
            assert match, f"malformed line {line!r}"
            gaps.setdefault(match.group(1), []).append((_day(match.group(2)), _day(match.group(3))))
    assert complete is not None, "office-holders.txt has no #@complete: line"
    return complete, gaps


def _coverage() -> dict[str, str]:
    rows = {}
    for lineno, line in enumerate(COVERAGE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) == 3 and re.fullmatch(r"[A-Z]{3}", cols[0]) and cols[1] and cols[2], \
            f"office-coverage.tsv:{lineno}: bad row {line!r}"
        assert all(re.fullmatch(r"g20|conflict|unsc permanent|unsc \d{4}(-\d{4})?(,\d{4}(-\d{4})?)*", why)
                   for why in cols[2].split("; ")), f"office-coverage.tsv:{lineno}: bad why {cols[2]!r}"
        assert cols[0] not in rows, f"office-coverage.tsv:{lineno}: {cols[0]} twice"
        rows[cols[0]] = cols[1]
    return rows


def _spans(day_from: date, day_to: date, spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """The runs of days in [day_from, day_to] that no span covers."""
    holes, day, open_at = [], day_from, None
    while day <= day_to:
        covered = any(a <= day <= b for a, b in spans)
        if not covered and open_at is None:
            open_at = day
        elif covered and open_at is not None:
            holes.append((open_at, day - timedelta(days=1)))
            open_at = None
        day += timedelta(days=1)
    if open_at is not None:
        holes.append((open_at, day_to))
    return holes


def test_office_holders_file_reads_without_problems():
    result = read_actor_file(HOLDERS)
    assert result.problems == []
    assert len(result.entries) > 300
    assert all(entry.kind == "person" for entry in result.entries)


def test_every_covered_country_has_a_government_on_every_day():
    complete, gaps = _header()
    coverage = _coverage()
    assert {"USA", "RUS", "CHN", "GBR", "FRA", "UKR", "SDN", "MMR"} <= set(coverage)
    assert set(gaps) <= set(coverage), "a listed gap of a country outside the coverage list"
    gov: dict[str, list[tuple[date, date]]] = {}
    for entry in read_actor_file(HOLDERS).entries:
        for span in entry.codes:
            if span.dated and len(span.code) == 6 and span.code.endswith("GOV"):
                gov.setdefault(span.code[:3], []).append((span.start or date.min, span.end or date.max))
    unlisted = {}
    for iso3 in coverage:
        holes = _spans(START, complete, gov.get(iso3, []) + gaps.get(iso3, []))
        if holes:
            unlisted[iso3] = [f"{a}..{b}" for a, b in holes]
    assert unlisted == {}, f"days without an <ISO3>GOV office holder, not listed as #@gap: {unlisted}"
    for iso3, listed in gaps.items():  # a listed gap is a real one: no office holder covers it
        for a, b in listed:
            assert a <= b
            assert _spans(a, b, gov.get(iso3, [])) != [], f"#@gap: {iso3} {a}-{b} is covered, drop it"


def test_office_holders_are_in_the_lexicon_and_override():
    lexicon = build_lexicon()
    for entry in read_actor_file(HOLDERS).entries:
        for phrase in entry.phrases:  # each name of the file gives the file's codes
            match = lexicon.match_actor(phrase.words, 0)
            assert match is not None and match.end == len(phrase.words), phrase
            assert lexicon.entries[match.index].codes == tuple(entry.codes), (entry.root, phrase)
    supplement = {e.root for e in read_actor_file(DATA_DIR / "supplement.txt").entries}
    holders = {e.root for e in read_actor_file(HOLDERS).entries}
    assert supplement.isdisjoint(holders), "a person is in both supplement.txt and office-holders.txt"


def _code(text: str, day: str, name: str) -> str | None:
    result = eventlens.extract(text, date=day).to_dict()
    codes = [a["code"] for a in result["actors"] if name.lower() in a["text"].lower()]
    assert codes, f"{name!r} not among {[a['text'] for a in result['actors']]}"
    return codes[0]


@pytest.mark.parametrize(
    "text, day, name, code",
    [
        ("Joe Biden said on Monday that the talks would go on.", "2016-05-02", "Joe Biden", "USAGOV"),  # vice-president
        ("Joe Biden said on Monday that the talks would go on.", "2018-05-07", "Joe Biden", "USAELI"),
        ("Joe Biden said on Monday that the talks would go on.", "2022-05-02", "Joe Biden", "USAGOV"),
        ("Francois Hollande said on Monday that the talks would go on.", "2019-03-04", "Francois Hollande",
         "FRAELI"),
        ("Angela Merkel said on Monday that the talks would go on.", "2023-03-06", "Angela Merkel", "DEUELI"),
        ("Petro Poroshenko said on Monday that the talks would go on.", "2016-03-07", "Petro Poroshenko",
         "UKRGOV"),
        ("Hassan Rouhani said on Monday that the talks would go on.", "2022-03-07", "Hassan Rouhani", "IRNELI"),
        ("Haider al-Abadi said on Monday that the talks would go on.", "2016-03-07", "Haider al-Abadi", "IRQGOV"),
    ],
)
def test_office_holder_is_coded_by_the_article_date(actors_at, text, day, name, code):
    codes = [a.code for a in actors_at(text, day) if name.lower() in a.text.lower()]
    assert codes and codes[0] == code


@pytest.mark.parametrize("day, code", [("2016-05-02", "USAGOV"), ("2018-05-07", "USAELI")])
def test_extract_codes_a_former_vice_president_as_elite(day, code):
    """Through the whole pipeline: Biden was vice-president (GOV) in 2016, out of office in 2018."""
    assert _code("Joe Biden said on Monday that the talks would go on.", day, "Joe Biden") == code


def _write_holders(tmp_path: Path, text: str) -> Path:
    (tmp_path / "office-holders.txt").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "row, reason",
    [
        ("\t[USAGOV 20171301-20180101]", "bad date '20171301'"),
        ("\t[USAGOV 20180101-20170101]", "date range ends before it starts"),
        ("\t[USAGOV >2017]", "bad date '2017'"),
    ],
)
def test_bad_office_holder_row_is_reported_with_file_and_line_at_load(tmp_path, row, reason):
    data = _write_holders(tmp_path, f"#@kind: person\nJOHN_EXAMPLE_\n{row}\n\t[USAELI]\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lexicon = build_lexicon(data_dir=data)
    assert [(p.file, p.line) for p in lexicon.problems] == [("office-holders.txt", 3)]
    assert reason in lexicon.problems[0].reason
    assert any(issubclass(w.category, DictionaryWarning) and "office-holders.txt:3" in str(w.message)
               for w in caught)
    assert [e.root for e in lexicon.entries] == ["JOHN_EXAMPLE_"]  # the rest of the entry loads


def test_bad_date_problem_names_file_and_line():
    result = read_actor_lines(["A_", "\t[USAGOV 20170230-20180101]", "\t[USAELI]"], "office-holders.txt")
    assert result.problems == [Problem("office-holders.txt", 2, result.problems[0].reason)]
    assert "bad date '20170230'" in result.problems[0].reason

"""The PETRARCH/TABARI dictionary reader and the shipped compact lexicon."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventlens.actors.lexicon import DATA_DIR, build_lexicon
from eventlens.actors.petrarch import (
    CodeSpan,
    DictionaryWarning,
    Phrase,
    parse_code,
    parse_phrase,
    pick_code,
    read_actor_lines,
    read_agent_lines,
)

ACTORS = """\
# a comment line
GOLLUM  # pas 27 Apr 03
+SMEAGOL_
+SLINKER
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
MOHAMMAD_NAJIBULLAH_  # CountryInfo.txt
	[AFGGOV 870930-871130]
	[AFGGOV 871130-920416]
	[AFGELI]
FRANCE_  [FRA]
+FRENCH_
BROKEN_ENTRY [XXX 9913]
ORPHAN_NO_CODE
"""


@pytest.fixture(scope="module")
def actor_file():
    return read_actor_lines(ACTORS.splitlines(), "test.actors.txt")


def test_root_synonyms_and_stems(actor_file):
    gollum = actor_file.entries[0]
    assert gollum.root == "GOLLUM"
    assert gollum.phrases == [Phrase(("gollum",), True), Phrase(("smeagol",), False), Phrase(("slinker",), True)]


def test_date_restrictions_on_indented_lines(actor_file):
    gollum = actor_file.entries[0]
    assert gollum.codes[0] == CodeSpan("HOB", None, date(1995, 6, 1))
    assert gollum.codes[1] == CodeSpan("HOBGOV", date(1995, 6, 1), date(1999, 8, 15))
    assert gollum.code_on(date(1994, 1, 1)) == "HOB"
    assert gollum.code_on(date(1997, 1, 1)) == "HOBGOV"
    assert gollum.code_on(date(2005, 1, 1)) == "HOBREB"


def test_undated_code_is_the_fallback(actor_file):
    najib = actor_file.entries[1]
    assert najib.code_on(date(1988, 1, 1)) == "AFGGOV"
    assert najib.code_on(date(1999, 1, 1)) == "AFGELI"
    assert najib.code_on(None) == "AFGELI"


def test_code_on_the_root_line(actor_file):
    france = actor_file.entries[2]
    assert france.codes == [CodeSpan("FRA")]
    assert Phrase(("french",), False) in france.phrases


def test_malformed_lines_are_reported_and_skipped(actor_file):
    reasons = {(p.line, p.reason.split()[0]) for p in actor_file.problems}
    assert (14, "bad") in reasons  # [XXX 9913]: bad date
    assert any(p.line == 15 and "no code" in p.reason for p in actor_file.problems)
    assert [e.root for e in actor_file.entries] == ["GOLLUM", "MOHAMMAD_NAJIBULLAH_", "FRANCE_"]
    assert str(actor_file.problems[0]).startswith("test.actors.txt:")


@pytest.mark.parametrize(
    "body, expected",
    [
        ("AFGGOV", CodeSpan("AFGGOV")),
        ("usagov <170120", CodeSpan("USAGOV", None, date(2017, 1, 20))),
        ("RUSGOV >19990809", CodeSpan("RUSGOV", date(1999, 8, 9), None)),
        ("AFGELI 320101-331108", CodeSpan("AFGELI", date(1932, 1, 1), date(1933, 11, 8))),
        ("AFGELI 730717-070723", CodeSpan("AFGELI", date(1973, 7, 17), date(2007, 7, 23))),
        ("ELR/GAL", CodeSpan("ELR", alt=("GAL",))),
        ("fro/bil/sam >20010101", CodeSpan("FRO", date(2001, 1, 1), None, ("BIL", "SAM"))),
    ],
)
def test_parse_code(body, expected):
    assert parse_code(body) == expected


@pytest.mark.parametrize("body", ["", "AFG 2004017-20061201", "AFG ~950101", "BAD/CO DE", "BAD//CODE"])
def test_parse_code_rejects(body):
    with pytest.raises(ValueError):
        parse_code(body)


def test_phrase_words_split_like_spacy():
    assert parse_phrase("ABD-RABBU_MANSOUR_HADI_") == Phrase(("abd", "-", "rabbu", "mansour", "hadi"), False)
    assert parse_phrase("U.S._ARMY") == Phrase(("u.s.", "army"), True)
    assert parse_phrase("GUEVARISTA_(ERG)_").words == ("guevarista", "(", "erg", ")")


def test_pick_code_without_date_prefers_open_ended():
    codes = [CodeSpan("FRAELI", None, date(2017, 5, 13)), CodeSpan("FRAGOV", date(2017, 5, 14), None)]
    assert pick_code(codes, None) == "FRAGOV"
    assert pick_code(codes, date(2016, 1, 1)) == "FRAELI"


def test_agents_sets_plurals_and_problems():
    lines = ["!PERSON! = MAN, WOMAN", "SPOKES!PERSON! [~MED]", "TROOP [~MIL]",
             "POLICE {} [~COP]", "LAWMAN {LAWMEN} [~COP]", "NO_CODE_HERE", "&ODD [~GOV] [~MIL]"]
    result = read_agent_lines(lines, "test.agents.txt")
    words = {a.phrase.words for a in result.agents}
    assert {("spokesman",), ("spokeswoman",), ("troops",), ("police",), ("lawmen",)} <= words
    assert ("polices",) not in words
    assert [p.line for p in result.problems] == [6, 7]


def test_lexicon_longest_match_and_override(tmp_path):
    user = tmp_path / "user.actors.txt"
    user.write_text("EMMANUEL_MACRON_\n+MACRON_\n\t[ZZZGOV]\nNEW_PARTY_ [FRAPTY]\n", encoding="utf-8")
    lexicon = build_lexicon([user])
    keys = ["french", "president", "emmanuel", "macron", "met", "new", "party"]
    match = lexicon.match_actor(keys, 2)
    assert (match.start, match.end) == (2, 4)
    assert lexicon.entries[match.index].code_on(date(2022, 1, 1)) == "ZZZGOV"
    assert lexicon.entries[lexicon.match_actor(keys, 5).index].code_on(None) == "FRAPTY"
    agent = lexicon.match_agent(keys, 1)
    assert agent is not None and lexicon.agents[agent.index].code == "~GOV"


def test_shipped_files_load_cleanly():
    assert sorted(p.name for p in DATA_DIR.glob("*.json.gz")) == [
        "phoenix-agents.json.gz", "phoenix-countries.json.gz",
        "phoenix-international.json.gz", "phoenix-milnonstate.json.gz"]
    assert (DATA_DIR / "LICENSE-phoenix.txt").read_text().count("MIT") >= 1
    lexicon = build_lexicon()  # load time is reported by `eventlens bench` and `eval actors`
    assert len(lexicon.entries) > 25_000 and len(lexicon.agents) > 5_000
    assert lexicon.problems == []  # the supplement has no malformed line
    assert lexicon.country_name("USA") == "United States"


def test_user_file_problems_warn_and_the_rest_loads(tmp_path):
    user = tmp_path / "user.actors.txt"
    user.write_text("GOOD_NAME_ [ABCGOV]\nBAD_NAME_ [ABC 12]\n", encoding="utf-8")
    with pytest.warns(DictionaryWarning, match="user.actors.txt:2"):
        lexicon = build_lexicon([user])
    assert [str(p) for p in lexicon.problems] == ["user.actors.txt:2: bad date restriction '12'"]
    assert lexicon.match_actor(["good", "name"], 0) is not None


def test_short_stem_matches_only_its_own_word(tmp_path):
    user = tmp_path / "stems.actors.txt"
    user.write_text("THE_AU [IGOAFR]\nAUSTRALIA [AUS]\n+AUSTRALIAN\n", encoding="utf-8")
    lexicon = build_lexicon([user], data_dir=tmp_path / "none")
    assert lexicon.match_actor(["the", "australian", "government"], 0) is None
    assert lexicon.match_actor(["the", "au", "said"], 0).end == 2
    assert lexicon.entries[lexicon.match_actor(["australian"], 0).index].root == "AUSTRALIA"


def test_malformed_agent_line_is_reported_with_file_and_line(tmp_path):
    user = tmp_path / "my.agents.txt"
    user.write_text("# agents\nWARLORD [~REB]\nBAD_AGENT [REB]\nPIRATE [~CRM]\n", encoding="utf-8")
    with pytest.warns(DictionaryWarning, match="my.agents.txt:3"):
        lexicon = build_lexicon([user], data_dir=tmp_path / "none")
    assert [str(p) for p in lexicon.problems] == ["my.agents.txt:3: bad agent code [REB]"]
    assert lexicon.match_agent(["pirates"], 0) is not None and lexicon.match_agent(["warlord"], 0) is not None


def test_multi_code_lines_load_with_alternatives():
    """PETR.Validate's "[ELR/GAL]": the first code is the entry's, the rest alternatives; no problem."""
    actor_file = read_actor_lines(["LORIEN  [ELR/GAL]", "SHIRE [FRO/BIL/SAM] # hobbits"], "t.actors.txt")
    assert actor_file.problems == []
    assert [e.codes[0].code for e in actor_file.entries] == ["ELR", "FRO"]
    assert actor_file.entries[1].codes[0].alt == ("BIL", "SAM")


def test_shipped_phoenix_files_are_built_from_the_sources_in_the_repository(tmp_path):
    """``scripts/convert_dictionaries.py`` rebuilds every compiled Phoenix file from
    ``dictionaries/phoenix/`` with the same content as the shipped one."""
    import gzip
    import importlib.util
    import json

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("convert_dictionaries", root / "scripts" / "convert_dictionaries.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main([str(root / "dictionaries" / "phoenix"), str(tmp_path)]) == 0
    built = sorted(p.name for p in tmp_path.glob("*.json.gz"))
    assert built == sorted(p.name for p in DATA_DIR.glob("phoenix-*.json.gz")) and len(built) == 4
    for name in built:
        with gzip.open(tmp_path / name) as new, gzip.open(DATA_DIR / name) as shipped:
            assert json.load(new) == json.load(shipped), name

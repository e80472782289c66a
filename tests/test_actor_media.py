"""News organisations are media actors, never countries (issue 11): the outlets file, its
reader, case-sensitive names, wire credits, no country lent to the context, and the Timeline17
media check's counting. Sentences are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.actors.lexicon import read_outlet_lines, read_outlets, split_cased
from eventlens.evals import t17actors
from eventlens.models import Actor


@pytest.fixture()
def actors(actors_at):
    def _actors(text: str, date: str | None = "2019-05-02"):
        return actors_at(text, date)

    return _actors


def by_text(found):
    return {a.text: a for a in found}


def test_outlets_are_media_never_countries(actors):
    found = by_text(actors("Officials told USA Today and France 24 that the talks had failed."))
    assert found["USA Today"].code == "USAMED"  # a national outlet: its country's media
    assert found["France 24"].code == "MED"  # an international one: the role alone
    assert found["France 24"].alt_codes == ("FRAMED",)
    assert not any(a.code in {"USA", "FRA", "USAGOV", "FRAGOV"} for a in found.values())


def test_acronym_outlets_keep_their_capitals_and_stay_apart(actors):
    found = actors("The BBC and CNN reported clashes, and Reuters and the Associated Press confirmed them.")
    names = {a.text: a.name for a in found}
    assert names["The BBC"] == "BBC" and names["CNN"] == "CNN"
    assert len({a.name for a in found}) == len(found)  # four outlets, four names
    assert len({a.ref or a.id for a in found}) == len(found)


def test_outlet_names_match_only_as_written(actors):
    found = by_text(actors("The Guardian said a guardian of the shrine was hurt; AP said ap was a typo."))
    assert found["The Guardian"].code == "MED"
    assert "guardian" not in {a.text.lower() for a in found.values() if a.text != "The Guardian"}
    assert found["AP"].name == "Associated Press"
    assert "ap" not in found


def test_a_national_news_agency_is_its_countrys_media(actors):
    found = by_text(actors("SANA said troops had entered the town."))
    assert found["SANA"].code == "SYRMED"
    assert found["SANA"].name == "Syrian Arab News Agency"


def test_a_journalist_of_an_outlet_is_media_not_a_doubled_code(actors):
    found = actors("New York Times journalist Maria Lindqvist was detained on Monday.")
    assert [a.code for a in found if "Lindqvist" in a.text] == ["MED"]


def test_wire_credits_are_no_actors(actors):
    found = actors("ACCRA, Ghana (AFP) - Protesters marched on Friday.\n(CNN) -- Police fired tear gas.")
    texts = {a.text for a in found}
    assert "AFP" not in texts and "CNN" not in texts and "Ghana" not in texts


def test_an_interviewers_label_is_still_the_outlet(actors):
    found = actors("Here is a transcript.\nCNN: Where are events headed?\nShe said nobody knew.")
    assert [a.code for a in found if a.text == "CNN"] == ["MED"]


def test_an_outlet_lends_no_country_to_the_people_around_it(actors):
    found = by_text(actors("Protesters told ABC News that they would march again."))
    assert found["ABC News"].code == "USAMED"
    assert not found["Protesters"].code.startswith("USA")


def test_outlet_rows_are_checked_with_their_line():
    result = read_outlet_lines(["# comment", "Daily Example\tUSA\tnational\tDE", "Bad Country\tXX\tnational",
                                "Bad Scope\tUSA\tlocal", "Alone"], "outlets.tsv")
    assert [o.name for o in result.outlets] == ["Daily Example"]
    assert result.outlets[0].names == ("Daily Example", "DE") and result.outlets[0].code == "USAMED"
    assert [(p.file, p.line) for p in result.problems] == [("outlets.tsv", 3), ("outlets.tsv", 4), ("outlets.tsv", 5)]


def test_shipped_outlets_read_cleanly_and_split_as_spacy_does(nlp):
    outlets = read_outlets()
    assert not outlets.problems and len(outlets.outlets) > 100
    for outlet in outlets.outlets:
        for name in outlet.names:
            assert split_cased(name) == tuple(t.text for t in nlp.tokenizer(name)), name


def _actor(n: int, text: str, start: int, code: str, name: str, ref: str | None = None) -> Actor:
    return Actor(f"a{n}", text, start, start + len(text), code, name, (), "organisation", "test", ref)


def test_the_media_check_counts_countries_merges_and_names():
    text = "CNN and the BBC spoke to the Canadian Press."
    found = t17actors.find_outlets(text)
    assert [(text[o.start : o.end], o.outlet.name) for o in found] == [
        ("CNN", "CNN"), ("BBC", "BBC"), ("Canadian Press", "The Canadian Press")]
    actors = [_actor(1, "CNN", 0, "MED", "Cnn"), _actor(2, "the BBC", text.index("the BBC"), "MED", "Cnn", ref="a1"),
              _actor(3, "the Canadian", text.index("the Canadian"), "CAN", "Canada")]
    tally = t17actors.Tally()
    t17actors.score_article("x", text, actors, tally, {})
    figures = tally.figures()
    assert figures["media_as_country"] == 1  # "the Canadian" of "the Canadian Press"
    assert figures["media_merged"] == 1  # CNN and BBC under one actor
    assert figures["media_bad_names"] == 2  # "Cnn" twice
    assert figures["media_missed"] == 1  # no mention covers "Canadian Press"


def test_the_media_check_is_registered(shared_dir: Path):
    from eventlens import evals

    assert evals.REGISTRY["t17actors"] == "eventlens.evals.t17actors"
    assert "t17actors" in evals.available()

"""The events stage on constructions a coder meets in news: protests, symbolic acts, partial quotes,
naming ("called the move ..."), free relatives, displaced particles, hosting and target-less coding."""

from __future__ import annotations

import re

import pytest

from builders import actors_in
from eventlens import events, ontology
from eventlens.evals.petrarch import requires_dyad
from eventlens.models import Actor

ACTORS = {
    "Russia": "RUS", "Ukraine": "UKR", "France": "FRA", "Britain": "GBR", "Israel": "ISR",
    "Hamas": "PSEREB", "Putin": "RUSGOV", "Macron": "FRAGOV", "Scholz": "DEUGOV",
    "Protesters": "UKRCVL", "Ukrainian students": "UKREDU", "Iranian lawmakers": "IRNLEG", "U.S.": "USA",
    "Russian diplomats": "RUSGOV",
}
TABLE = {name: (code, name) for name, code in ACTORS.items()}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the double-quoted passages (what the quote stage hands the coder)."""
    return [(m.start(), m.end()) for m in re.finditer(r'"[^"]*"', text)]


@pytest.fixture()
def code(parsed):
    """Run the stage on a text with hand-built actors and its quotes skipped; return the triples."""

    def _code(text: str) -> set[tuple[str, str | None, str]]:
        doc, article = parsed(text)
        found = events.extract(doc, actors_in(article.text, TABLE, kind="country"), ontology.load(),
                               quote_spans(article.text))
        return {(e.source, e.target, e.code) for e in found}

    return _code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters demonstrated in Kyiv on Sunday.", ("UKRCVL", None, "141")),
        ("Protesters rioted outside parliament on Sunday.", ("UKRCVL", None, "145")),
        ("Ukrainian students staged a rally against Russia on Friday.", ("UKREDU", "RUS", "141")),
        ("Ukrainian students began a hunger strike on Friday.", ("UKREDU", None, "142")),
        ("Protesters went on strike on Monday.", ("UKRCVL", None, "143")),
        ("Iranian lawmakers set fire to a U.S. flag in parliament.", ("IRNLEG", "USA", "140")),
        ("Protesters stormed the compound and set fire to the residence of Putin.", ("UKRCVL", "RUSGOV", "145")),
    ],
)
def test_protests_and_symbolic_acts(code, text, expected):
    assert expected in code(text)


def test_a_verb_that_only_means_show_is_no_protest(code):
    assert code("Ukraine demonstrated its resolve on Sunday.") == set()


def test_a_partial_quote_framed_by_the_reporter_codes_the_verbal_act(code):
    assert ("FRA", "UKR", "051") in code('Macron said France "fully supports Ukraine\'s decision".')


def test_a_quoted_material_act_stays_the_speaker_claim(code):
    assert not any(c.startswith("19") for _, _, c in code('Macron said Russia "attacked Ukraine" again.'))


@pytest.mark.parametrize(
    "naming",
    ['Putin called the move "a stab in the back".', 'Putin called the move "treason".',
     "Putin called the move a mistake.", 'Putin had called the move "a stab in the back" on Thursday.'],
)
def test_naming_an_earlier_act_criticises_its_author(code, naming):
    assert ("RUSGOV", "FRA", "111") in code("France expelled Russian diplomats on Monday. " + naming)


def test_free_relative_object_gives_the_target(code):
    found = code("Israel hit what the military said were Hamas targets.")
    assert any((s, t, c[:2]) == ("ISR", "PSEREB", "19") for s, t, c in found)


def test_particle_hung_inside_the_object_phrase(code):
    text = "Britain ordered 23 Russian diplomats it identified as spies out of the country."
    assert ("GBR", "RUSGOV", "174") in code(text)


def test_hosting_a_meeting_named_by_a_noun_targets_its_parties(code):
    text = "Macron agreed with Putin on a ceasefire. The meeting was hosted by Scholz."
    assert ("DEUGOV", "FRAGOV", "043") in code(text)


def test_require_dyad_false_codes_a_targetless_dictionary_event(tmp_path, parsed):
    path = tmp_path / "say.verbs.txt"
    path.write_text("--- SAID  [023]  ---\nSAID\n", encoding="utf-8")
    lexicon = events.load_lexicon(verb_files=[path], with_toml=False)
    doc, article = parsed("Russia said on Saturday.")
    actors = [Actor("a1", "Russia", article.text.find("Russia"), article.text.find("Russia") + 6, "RUS", "Russia",
                    kind="country")]
    assert events.find(doc, actors, lexicon) == []
    found = events.find(doc, actors, lexicon, require_dyad=False)
    assert [(f.source.code, f.target, f.code) for f in found] == [("RUS", None, "023")]


def test_petrarch_require_dyad_option_is_read_case_insensitively():
    assert requires_dyad({}) and requires_dyad({"require_dyad": "TRUE"})
    assert not requires_dyad({"require_dyad": "FALSE"}) and not requires_dyad({"require_dyad": "false"})

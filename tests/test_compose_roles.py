"""Actor codes that combine a country with a role: a title before a name the dictionary codes
with a bare country code, role nouns "in" a list of countries, prefix agents before a country.
Names and sentences are invented."""

from __future__ import annotations

import pytest

from eventlens.actors import extract
from eventlens.actors.lexicon import build_lexicon

ACTORS = """\
VALDORIA  [VLD]
+VALDORIAN
BREKKA  [BRK]
ORLAITH_VANE  [VLD]
+ORLAITH
MIRA_SOLEN  [IGO]
"""
AGENTS = """\
PRIME_MINISTER  [~GOV]
MINISTER  [~GOV]
LAWMAKER  [~LEG]
OFFICIAL  [~GOV]
GOVERNMENT  [~GOV]
ENVOY  [~GOV]
MEDAID {}  [NGO~]
"""


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    """A lexicon of invented countries, one name coded with a bare country code, and agents."""
    folder = tmp_path_factory.mktemp("lexicon")
    (folder / "t.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "t.agents.txt").write_text(AGENTS, encoding="utf-8")
    return build_lexicon([folder / "t.actors.txt", folder / "t.agents.txt"], data_dir=folder / "none")


@pytest.fixture()
def coded(parsed, invented):
    """{mention text: code} of the invented lexicon's actors in a text."""

    def _coded(text: str) -> dict[str, str]:
        doc, article = parsed(text)
        return {a.text: a.code for a in extract(doc, article, invented)}

    return _coded


@pytest.mark.parametrize("text, mention", [
    ("Valdorian Prime Minister Orlaith Vane arrived in Brekka on Monday.",
     "Valdorian Prime Minister Orlaith Vane"),
    ("Prime Minister Orlaith Vane arrived in Brekka on Monday.", "Prime Minister Orlaith Vane"),
    ("Valdoria's prime minister, Orlaith Vane, arrived in Brekka on Monday.", "Orlaith Vane"),
])
def test_title_before_a_country_coded_name_composes_the_role(coded, text, mention):
    assert coded(text)[mention] == "VLDGOV"


def test_country_coded_name_without_a_title_keeps_its_code(coded):
    assert coded("Orlaith Vane arrived in Brekka on Monday.")["Orlaith Vane"] == "VLD"


def test_title_before_a_name_of_no_state_keeps_its_code(coded):
    found = coded("Envoy Mira Solen arrived in Brekka on Monday.")
    assert [code for text, code in found.items() if "Mira Solen" in text] == ["IGO"]


def test_title_before_an_unknown_name_takes_the_country(coded):
    found = coded("Valdorian Prime Minister Tomas Eberlin arrived in Brekka on Monday.")
    assert found["Valdorian Prime Minister Tomas Eberlin"] == "VLDGOV"


def test_role_in_several_countries_codes_each_country(coded):
    found = coded("Lawmakers in Valdoria and Brekka welcomed the accord.")
    assert found == {"Lawmakers in Valdoria": "VLDLEG", "Brekka": "BRKLEG"}


def test_prefix_agent_before_a_country_is_its_branch(coded):
    assert coded("Medaid Valdoria opened a clinic in Brekka.")["Medaid Valdoria"] == "NGOVLD"
    found = coded("Medaid Valdoria government officials visited Brekka.")
    assert found["Medaid Valdoria government officials"] == "NGOVLDGOV"


def test_role_in_listed_countries_with_the_shipped_dictionaries(actors_at):
    found = {a.text: a.code for a in actors_at("Lawmakers in Kenya and Uganda welcomed the deal.", "2022-02-10")}
    assert found == {"Lawmakers in Kenya": "KENLEG", "Uganda": "UGALEG"}


def test_city_then_its_country_is_no_second_owner(actors_at):
    text = "Police confronted protesters in Benghazi, Libya and Misrata, Libya on Tuesday."
    found = {a.text: a.code for a in actors_at(text, "2011-02-16")}
    assert found["protesters in Benghazi"] == "LBYCVL"
    assert "Libya" not in found


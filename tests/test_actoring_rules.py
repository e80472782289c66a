"""Actor-stage rules of round 2: titles inside entries, coordinated and distant demonyms,
owners ("of Yemen", "Romania's new"), blocked context coding, city synonyms, possessives."""

from __future__ import annotations

import pytest

from eventlens.actors import extract, load_lexicon


@pytest.fixture()
def actors(actors_at):
    """The actor stage on a text (published 2015-03-26 unless given)."""

    def _actors(text: str, date: str | None = "2015-03-26"):
        return actors_at(text, date)

    return _actors


def codes(found):
    return {a.text: a.code for a in found}


def test_undated_title_inside_an_entry_gives_the_office_code(actors):
    found = codes(actors("President Obama met them on Monday.", date=None))
    assert found["President Obama"] == "USAGOV"


def test_ousted_title_keeps_the_latest_code(actors):
    found = actors("Ousted President Askar Akayev agreed to resign.", date=None)
    assert found[0].code == "KGZELI"


def test_coordinated_nationalities_share_the_agent(actors):
    found = actors("Hungarian and Romanian officials met on Wednesday.")
    assert codes(found) == {"Hungarian": "HUNGOV", "Romanian officials": "ROUGOV"}
    assert found[0].rule == "compose:coordinated+agent"


def test_demonym_before_an_act_is_the_country(actors):
    assert codes(actors("Bangladesh rejected an Indian proposal on trade."))["Indian"] == "IND"
    assert "French" not in codes(actors("He shared French sentiments about food."))


def test_owner_with_modifiers_before_the_agent(actors):
    found = codes(actors("Romania's new government rejected it. Cairo's security chief spoke."))
    assert found["Romania's new government"] == "ROUGOV"
    assert found["Cairo's security chief"] == "EGYCOP"


def test_agent_of_a_country_is_one_mention(actors):
    found = codes(actors("Riyadh acted to protect the legitimate government of Yemen."))
    assert found["the legitimate government of Yemen"] == "YEMGOV"
    assert "Yemen" not in found


def test_agent_of_several_countries_keeps_each_country_an_actor(actors):
    found = actors("The leaders of Russia, Ukraine, Germany and France agreed to a ceasefire.")
    assert "The leaders" not in codes(found)
    assert codes(found)["France"] == "FRAGOV"
    assert [a.alt_codes for a in found if a.text == "Russia"] == [("RUS",)]


def test_country_left_is_a_place(actors):
    assert "Syria" not in codes(actors("Thousands fled Syria last year, the agency said."))


@pytest.mark.parametrize("text, word", [
    ("Russian President Vladimir Putin told reporters the talks went well.", "reporters"),
    ("Russia was accused of letting about 50 tanks cross the border.", "tanks"),
    ("Russia said several people were killed.", "people"),
])
def test_context_does_not_code_bystanders(actors, text, word):
    assert word not in codes(actors(text))


def test_city_synonym_of_a_country_is_a_place(actors):
    found = codes(actors("The rebels took a base north of the southern port of Aden. "
                         "Troops left the city of Rostov-on-Don on Sunday."))
    assert "Aden" not in found and "Rostov" not in found


def test_possessive_group_takes_its_owner(actors):
    found = actors("Yevgeny Prigozhin said the army attacked. By Saturday his men had seized the base.",
                   date="2023-06-25")
    men = next(a for a in found if a.text == "his men")
    assert (men.code, men.rule) == ("RUSREB", "coref:possessive+agent")


def test_multi_code_user_entry_gives_alternatives(parsed, tmp_path):
    user = tmp_path / "mine.actors.txt"
    user.write_text("GONDOR_ [GON/ARN]\n", encoding="utf-8")
    lexicon = load_lexicon((str(user),))
    doc, article = parsed("Gondor rejected the offer.")
    gondor = extract(doc, article, lexicon)[0]
    assert (gondor.code, gondor.alt_codes) == ("GON", ("ARN",))

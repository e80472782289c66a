"""Actor extraction: composition, metonyms, dated codes, coreference and offsets."""

from __future__ import annotations

import pytest

from eventlens.actors import compose_code, extract, load_lexicon


@pytest.fixture()
def actors(actors_at):
    """The actor stage on a text (published 2022-02-10 unless given)."""

    def _actors(text: str, date: str | None = "2022-02-10"):
        return actors_at(text, date)

    return _actors


def by_text(found, text):
    hits = [a for a in found if a.text == text]
    assert hits, f"{text!r} not among {[a.text for a in found]}"
    return hits[0]


def test_nationality_title_and_known_person_make_one_actor(actors):
    found = actors("Ukrainian President Volodymyr Zelensky met the press on Monday.")
    zelensky = by_text(found, "Ukrainian President Volodymyr Zelensky")
    assert (zelensky.code, zelensky.name, zelensky.kind) == ("UKRGOV", "Volodymyr Zelensky", "person")
    assert zelensky.rule == "supplement:VOLODYMYR_ZELENSKY_"
    assert len(found) == 1


@pytest.mark.parametrize(
    "text, mention, code",
    [
        ("Russian troops crossed the border overnight.", "Russian troops", "RUSMIL"),
        ("The French President said the talks were useful.", "The French President", "FRAGOV"),
        ("Chinese foreign ministry spokesman Li Wei criticised the move.",
         "Chinese foreign ministry spokesman Li Wei", "CHNGOV"),
        ("Russia's foreign ministry summoned the envoy.", "Russia's foreign ministry", "RUSGOV"),
    ],
)
def test_composition_of_nationality_and_agent(actors, text, mention, code):
    assert by_text(actors(text), mention).code == code


def test_unknown_person_gets_name_from_title(actors):
    found = actors("Chinese foreign ministry spokesman Li Wei criticised the move.")
    assert found[0].name == "Li Wei" and found[0].rule.startswith("compose:")


def test_unknown_person_without_title_is_not_coded(actors):
    assert actors("John Quincy Example said the weather was fine.") == []


def test_igos_have_phoenix_codes_and_short_alt_codes(actors):
    found = actors("NATO and the EU warned the U.N. on Friday.")
    nato = by_text(found, "NATO")
    assert (nato.code, nato.name, nato.alt_codes) == ("IGOWSTNAT", "North Atlantic Treaty Organization", ("NATO",))
    assert by_text(found, "the EU").code == "IGOEUREEC"
    assert by_text(found, "the U.N.").code == "IGOUNO"


def test_metonym_as_subject_is_the_government_but_a_place_is_not_an_actor(actors):
    found = actors("The Kremlin said Moscow would not escalate. Talks were held in Moscow and at the White House.")
    assert by_text(found, "The Kremlin").code == "RUSGOV"
    moscow = [a for a in found if a.text == "Moscow"]
    assert len(moscow) == 1 and moscow[0].code == "RUSGOV" and moscow[0].kind == "metonym"
    assert moscow[0].start < 40
    assert not any("White House" in a.text for a in found)


def test_capital_as_speaker(actors):
    beijing = by_text(actors("Beijing said it opposed the sanctions."), "Beijing")
    assert (beijing.code, beijing.name) == ("CHNGOV", "China")


@pytest.mark.parametrize(
    "date, code",
    [("2021-01-05", "GBRGOV"), ("2023-01-05", "GBRELI"), ("2017-03-01", "GBRGOV"), ("2015-03-01", "GBRELI")],
)
def test_codes_are_valid_on_the_article_date(actors, date, code):
    assert by_text(actors("Boris Johnson criticised the plan.", date=date), "Boris Johnson").code == code


def test_undated_article_takes_the_open_ended_code(actors):
    assert by_text(actors("Donald Trump criticised the plan.", date=None), "Donald Trump").code == "USAGOV"
    assert by_text(actors("Donald Trump criticised the plan.", date="2022-06-01"), "Donald Trump").code == "USAELI"


def test_surname_title_and_pronoun_coreference(actors):
    text = ("French President Emmanuel Macron met Russian President Vladimir Putin. "
            "Macron said he was hopeful. The French president later left.")
    found = actors(text)
    first = found[0]
    assert first.text == "French President Emmanuel Macron" and first.ref is None
    macron = by_text(found, "Macron")
    assert (macron.code, macron.name, macron.ref) == ("FRAGOV", "Emmanuel Macron", first.id)
    he = by_text(found, "he")
    assert (he.kind, he.name, he.code, he.ref) == ("pronoun", "Emmanuel Macron", "FRAGOV", first.id)
    title = by_text(found, "The French president")
    assert (title.kind, title.name, title.ref) == ("title", "Emmanuel Macron", first.id)


def test_pronoun_prefers_the_subject_of_its_sentence(actors):
    found = actors("Emmanuel Macron spoke to Volodymyr Zelensky, writing that he urged dialogue.")
    assert by_text(found, "he").name == "Emmanuel Macron"


def test_unknown_surname_resolves_to_earlier_full_name(actors):
    found = actors("French Foreign Minister Pierre-Yves Exampleton recalled the envoy. "
                   "Exampleton called it a betrayal.")
    first, later = [a for a in found if a.name == "Pierre-Yves Exampleton"]
    assert (first.code, later.text, later.code, later.rule) == ("FRAGOV", "Exampleton", "FRAGOV", "coref:surname")
    assert later.ref == first.id


def test_ids_in_text_order_and_offsets_with_header(parsed, actor_lexicon):
    doc, article = parsed(" date 2022-02-10 Russia and Ukraine traded accusations.", date=None)
    found = extract(doc, article, actor_lexicon)
    assert [a.id for a in found] == ["a1", "a2"]
    assert [(a.text, a.code) for a in found] == [("Russia", "RUS"), ("Ukraine", "UKR")]
    assert found[0].start == article.text.index("Russia")


def test_plural_demonym_is_civilians(actors):
    assert by_text(actors("Afghans crowded the airport gates."), "Afghans").code == "AFGCVL"


def test_user_dictionary_overrides(tmp_path, parsed):
    user = tmp_path / "mine.actors.txt"
    user.write_text("ACME_WIDGETS_ [USABUS]\nVLADIMIR_PUTIN_\n+PUTIN_\n\t[XXXGOV]\n", encoding="utf-8")
    lex = load_lexicon((str(user),))
    doc, article = parsed("Acme Widgets and Putin signed a deal.")
    codes = {a.text: a.code for a in extract(doc, article, lex)}
    assert codes == {"Acme Widgets": "USABUS", "Putin": "XXXGOV"}
    assert load_lexicon((str(user),)) is lex


def test_compose_code():
    assert compose_code("UKR", "~MIL") == "UKRMIL"
    assert compose_code("RUSGOV", "~MED") == "RUSGOV"
    assert compose_code("AFG", "IGO~") == "IGOAFG"


def test_seed_article_actors(shared_dir, parsed, actor_lexicon):
    text = (shared_dir / "benchmarks" / "seed" / "seed_article.txt").read_text(encoding="utf-8")
    doc, article = parsed(text, date=None)
    found = extract(doc, article, actor_lexicon)
    assert str(article.date) == "2022-02-10"
    coded = {(a.text, a.code, a.name) for a in found}
    assert ("French President Emmanuel Macron", "FRAGOV", "Emmanuel Macron") in coded
    assert ("President Vladimir Putin", "RUSGOV", "Vladimir Putin") in coded
    assert ("Ukrainian President Volodymyr Zelensky", "UKRGOV", "Volodymyr Zelensky") in coded
    assert ("NATO", "IGOWSTNAT", "North Atlantic Treaty Organization") in coded
    assert ("The French mandatory", "FRAGOV", "Emmanuel Macron") in coded
    assert ("Moscow", "RUSGOV", "Russia") in coded  # "Moscow would not escalate"
    assert not any(a.text.endswith("Kremlin") for a in found)  # "at the Kremlin": a place
    macrons = [a for a in found if a.name == "Emmanuel Macron"]
    assert all(a.code == "FRAGOV" for a in macrons) and len(macrons) >= 8


def test_definite_group_title_does_not_take_a_person(actors):
    found = actors("French President Emmanuel Macron spoke. The French navy then left port.")
    navy = by_text(found, "The French navy")
    assert (navy.code, navy.kind) == ("FRAMIL", "group")


def test_plural_agents_take_the_country_of_their_sentence(actors):
    found = actors("Sri Lankan police fired tear gas as protesters stormed the residence in Colombo.")
    assert by_text(found, "protesters").code == "LKACVL"
    assert not any(a.text == "Colombo" for a in found)


def test_travel_destination_is_a_place(actors):
    found = actors("Prigozhin will leave for Belarus, the Kremlin said.", date="2023-06-25")
    assert not any(a.text == "Belarus" for a in found)
    assert by_text(found, "the Kremlin").code == "RUSGOV"


def test_title_gives_the_office_in_an_undated_text(actors):
    found = actors("Iraqi President Saddam Hussein rejected the plan.", date=None)
    assert by_text(found, "Iraqi President Saddam Hussein").code == "IRQGOV"
    former = actors("Former President Barack Obama rejected the plan.", date=None)
    assert by_text(former, "Former President Barack Obama").code == "USAELI"


def test_supplement_covers_conflict_leaders_and_armed_groups(actors):
    found = actors("Sudanese army chief Abdel Fattah al-Burhan accused the RSF and the TPLF.", date="2023-05-01")
    assert {a.text: a.code for a in found if a.code}.items() >= {
        "the RSF": "SDNREB", "the TPLF": "ETHREB"}.items()
    assert any(a.name.lower() == "abdel fattah al-burhan" and a.code == "SDNGOV" for a in found)


def test_dateline_and_capital_modifying_a_noun_are_places(actors):
    found = actors("KABUL, Aug. 16 - Crowds gathered at Kabul airport. The Taliban entered the city on Sunday. "
                   "It announced an amnesty.", date="2021-08-16")
    assert not any(a.text.lower() == "kabul" for a in found)
    assert by_text(found, "It").code == by_text(found, "The Taliban").code == "AFGREB"


def test_bloc_and_alliance_resolve_to_the_igo(actors):
    found = actors("NATO warned Moscow on Monday. Its foreign ministers met in Brussels. The alliance said more.")
    alliance = by_text(found, "The alliance")
    assert (alliance.code, alliance.name, alliance.rule) == ("IGOWSTNAT", "North Atlantic Treaty Organization",
                                                              "coref:organisation")


def test_definite_noun_without_agent_is_not_a_title(actors):
    found = actors("French President Emmanuel Macron arrived. The French flag was raised.")
    assert not any("flag" in a.text for a in found)


def test_target_of_an_attack_verb_is_an_actor_not_a_place(actors):
    found = actors("North Korea fired two artillery shells at Seoul on Thursday.")
    assert by_text(found, "Seoul").code == "KORGOV"


def test_coordinated_officials_and_opposition_agents(actors):
    found = actors("A senior U.S. official met opposition lawmakers in Caracas.", date="2019-03-01")
    assert by_text(found, "U.S. official").code == "USAGOV"

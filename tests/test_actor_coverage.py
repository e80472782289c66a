"""Actor coverage: agent-only groups, titled names without a dictionary entry and named
organisations become actors, with the country the text gives or CAMEO's agent-only code; places,
modifiers, predicates and duplicates stay out. All sentences are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.actors.compose import AGENT_ONLY_ROOTS
from eventlens.actors.countries import state_root
from eventlens.actors.orgs import load_heads


@pytest.fixture()
def actors(actors_at):
    """The actor stage on an undated text."""

    def _actors(text: str, date: str | None = None):
        return actors_at(text, date)

    return _actors


def codes(found) -> dict[str, str]:
    return {a.text: a.code for a in found}


# ---------------------------------------------------------------- agent-only groups


@pytest.mark.parametrize("text, mention, code", [
    ("Federal Police opened an inquiry into the mayor's accounts.", "Federal Police", "COP"),
    ("The court sentenced the banker to six years.", "The court", "JUD"),
    ("Lawmakers rejected the bill after a long debate.", "Lawmakers", "LEG"),
    ("The cartel smuggled weapons across the border.", "The cartel", "CRM"),
    ("Workers walked off the job on Monday.", "Workers", "LAB"),
    ("Los Rojos cartel controls the port.", "Los Rojos cartel", "CRM"),
])
def test_bare_agent_without_a_country_takes_the_agent_only_code(actors, text, mention, code):
    found = actors(text)
    assert codes(found)[mention] == code
    assert next(a for a in found if a.text == mention).rule == "compose:agent-only"


def test_agent_only_codes_are_no_country(actor_lexicon):
    assert state_root("COP") is None and state_root("JUDGOV") is None and state_root("KENCOP") == "KEN"
    # a bare-code dictionary entry may be an agent-only body ("Reuters": MED), never a country
    countries = {code for code in actor_lexicon.country_names if code not in {"MED", "NGO"}}
    assert not AGENT_ONLY_ROOTS & countries


@pytest.mark.parametrize("text, mention, code", [
    ("A court in Nairobi acquitted the activist on Tuesday.", "court in Nairobi", "KENJUD"),
    ("In Lima, the government ordered the radio station closed.", "the government", "PERGOV"),
    ("Kenyan officials met the envoy. Police later arrested two men.", "Police", "KENCOP"),
    ("The cabinet of President Vladimir Putin approved the plan.", "The cabinet", "RUSGOV"),
])
def test_bare_agent_takes_the_country_the_text_gives(actors, text, mention, code):
    assert codes(actors(text))[mention] == code


def test_a_demonym_before_backed_is_no_dateline(actors):
    found = codes(actors("Russian-backed militias shelled the border post overnight."))
    assert found["Russian"] == "RUS" and found["militias"] == "RUSREB"


def test_the_court_points_back_to_the_court_named_before(actors):
    found = actors("A court in Nairobi acquitted the activist. The court said the case was closed.")
    court = next(a for a in found if a.text == "The court")
    assert (court.code, court.rule, court.ref) == ("KENJUD", "coref:title", "a1")


@pytest.mark.parametrize("text, word", [
    ("Police arrested him near the police station.", "police station"),
    ("He was named prime minister in 2010.", "prime minister"),
    ("The revolt began on Friday evening.", "revolt"),
    ("A senior official said the talks would resume.", "official"),
    ("The army camp was attacked at dawn.", "army"),
    ("Spain recalled its ambassadors last week.", "ambassadors"),
    ("They called for an interim government.", "government"),
    ("The former spy left the country.", "spy"),
    ("Forces attacked the rebel-held district.", "rebel"),
    ("He said government would review the tariffs.", "government"),
    ("The colonels spoke on state television at night.", "television"),
])
def test_agent_words_that_name_no_actor_stay_out(actors, text, word):
    assert not [a for a in actors(text) if word in a.text.lower()]


def test_conjoined_agent_of_a_coded_mention_is_no_second_actor(actors):
    found = codes(actors("Dutch media and government criticised the rebels."))
    assert "government" not in found and found["Dutch media"] == "NLDMED"


def test_unknown_nationality_is_no_name_word(actors):
    assert "Swedish media" not in codes(actors("Swedish media and government criticised the rebels."))


# ---------------------------------------------------------------- titled names


@pytest.mark.parametrize("text, mention, code, name", [
    ("Prime Minister Jan Novak dissolved the cabinet on Friday.", "Prime Minister Jan Novak", "GOV", "Jan Novak"),
    ("Norway's prime minister Ola Berg announced the plan.", "Norway's prime minister Ola Berg", "NORGOV", "Ola Berg"),
    ("Iranian Foreign Minister Reza Tavakoli arrived on Monday.",
     "Iranian Foreign Minister Reza Tavakoli", "IRNGOV", "Reza Tavakoli"),
    ("Kenyan junior trade minister David Kamau signed the deal.",
     "Kenyan junior trade minister David Kamau", "KENGOV", "David Kamau"),
    ("Member of Parliament Rajiv Menon questioned the budget.", "Member of Parliament Rajiv Menon", "LEG",
     "Rajiv Menon"),
])
def test_titled_name_without_an_entry_is_an_actor(actors, text, mention, code, name):
    found = [a for a in actors(text) if a.text == mention]
    assert [(a.code, a.name, a.kind) for a in found] == [(code, name, "person")]


def test_titled_name_takes_the_country_of_its_sentence(actors):
    found = codes(actors("Kenyan officials said President Amani Wekesa would attend."))
    assert found["President Amani Wekesa"] == "KENGOV"


@pytest.mark.parametrize("text, surname", [
    ("Interim President Carlos Fuentes signed the decree on Sunday. Fuentes said he was tired of the crisis.",
     "Fuentes"),
    ("Prime Minister Jan Novak dissolved the cabinet on Friday. Novak said the coalition had failed.", "Novak"),
])
def test_surname_of_a_titled_name_links_back(actors, text, surname):
    found = actors(text)
    first, later = found[0], next(a for a in found if a.text == surname)
    assert (later.code, later.name, later.ref, later.rule) == (first.code, first.name, first.id, "coref:surname")


def test_title_inside_a_person_entity_is_no_part_of_the_name(actors):
    found = actors("Imam Tariq Haddad led the prayers for the victims.")
    assert [(a.text, a.code, a.name) for a in found if a.kind == "person"] == [
        ("Imam Tariq Haddad", "REL", "Tariq Haddad")]


def test_name_with_a_title_in_apposition_is_a_person(actors):
    found = codes(actors("Omar Haddad, a suspected militant, was detained at the border. "
                         "Youssef Amrani, Morocco's best-known rights activist, went on hunger strike."))
    assert found["Omar Haddad"] == "REB" and found["Youssef Amrani"] == "MARHRI"
    assert "militant" not in " ".join(found)


def test_counterpart_of_a_person_is_not_his_own(actors):
    found = actors("Erdogan met his counterpart, German President Frank-Walter Steinmeier, in Berlin.")
    assert "his counterpart" not in codes(found)


def test_untitled_unknown_name_stays_uncoded(actors):
    assert actors("Maria Quintero said the weather was fine.") == []


# ---------------------------------------------------------------- named organisations


@pytest.mark.parametrize("text, mention, code", [
    ("The Regional Court in Nairobi jailed the two suspects.", "The Regional Court", "KENJUD"),
    ("The Provincial Police Bureau summoned the former minister.", "The Provincial Police Bureau", "COP"),
    ("Acme Mining Corporation fired 300 workers.", "Acme Mining Corporation", "BUS"),
    ("The Labour Party won the election.", "The Labour Party", "PTY"),
    ("The opposition Labour Party condemned the move.", "Labour Party", "OPP"),
    ("Reuters reported that the Kenya Teachers Union called a strike.", "the Kenya Teachers Union", "KENLAB"),
    ("The Department of Transportation fined the airline.", "The Department of Transportation", "GOV"),
    ("The inquiry by Canada's Border Services Agency continues.", "Canada's Border Services Agency", "CANGOV"),
    ("The Kachin Liberation Army in Myanmar attacked a police post.", "The Kachin Liberation Army", "MMRREB"),
    ("The 7th Infantry Brigade of the Kenyan Army moved north.", "The 7th Infantry Brigade", "KENMIL"),
    ("The Lakeside Heritage Association complained to the council.", "The Lakeside Heritage Association", "NGO"),
])
def test_named_organisation_takes_the_code_of_its_head(actors, text, mention, code):
    found = actors(text)
    assert codes(found)[mention] == code
    assert not [a for a in found if a.text != mention and a.start < found[0].end and a.end > found[0].start
                and a.text in mention]  # no separate actor inside the name


def test_organisation_name_is_the_name_without_its_owner(actors):
    agency = next(a for a in actors("The inquiry by Canada's Border Services Agency continues.")
                  if a.code == "CANGOV")
    assert agency.name == "Border Services Agency" and agency.kind == "organisation"


def test_union_without_members_is_no_union(actors):
    assert "LAB" not in {a.code for a in actors("The Africa Union agreed to send a force.")}


@pytest.mark.parametrize("text", [
    "Talks on the West Bank resumed on Monday.",
    "The Oxford University study was published on Monday.",
    "The leaders met at the Harbour Office on Friday.",
    "They want a National Unity Government to take over.",
])
def test_places_modifiers_and_non_names_are_no_organisations(actors, text):
    assert not [a for a in actors(text) if a.rule == "compose:organisation-name"]


def test_news_organisations_are_media_never_a_country(actors):
    found = actors("Al Jazeera and the BBC reported the attack, Reuters said.")
    assert {a.text: (a.code, a.kind) for a in found} == {
        "Al Jazeera": ("MED", "organisation"), "the BBC": ("MED", "organisation"), "Reuters": ("MED", "organisation")}
    assert found[0].name == "Al Jazeera"


def test_head_file_reads_without_problems():
    heads = load_heads()
    assert heads[("court",)].code == "~JUD" and heads[("municipal", "corporation")].code == "~GOV"


# ---------------------------------------------------------------- cost


def test_actor_stage_never_reads_the_whole_text():
    """A helper that reads ``Doc.text`` per mention makes the stage quadratic in the article."""
    folder = Path(__file__).resolve().parents[1] / "src" / "eventlens" / "actors"
    modules = list(folder.glob("*.py"))
    assert len(modules) > 10
    readers = [p.name for p in modules if "doc.text" in p.read_text(encoding="utf-8")]
    assert readers == []

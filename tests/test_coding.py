"""The coding package: fallback dictionary, antecedent targets, copies, readiness, meeting places."""

from __future__ import annotations

import pytest

from builders import actors_in
from eventlens import events, ontology
from eventlens.evals import petrarch
from eventlens.events import antecedents, lexicon
from eventlens.models import Actor
from test_events import ACTORS, triples

PLACES = {"Moscow": ("RUSGOV", "Moscow"), "Berlin": ("DEUGOV", "Berlin"), "Paris": ("FRAGOV", "Paris")}


@pytest.fixture()
def code(parsed, monkeypatch):
    """Run the stage with the packaged lexicon (TOML + CAMEO.2.0 fallback) and hand-built actors."""
    for name, value in PLACES.items():
        monkeypatch.setitem(ACTORS, name, value)

    def _code(text: str):
        doc, article = parsed(text)
        return events.extract(doc, actors_in(article.text, ACTORS, kind="country"), ontology.load())

    return _code


def test_default_lexicon_has_the_cameo_fallback():
    lex = lexicon.load_lexicon()
    assert "kidnap" in lex.fallback and "meet" in lex.verbs
    assert lexicon.load_lexicon(fallback_files=[]).fallback == {}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Russia assaulted Ukraine's soldiers on Monday.", "19"),
        ("Russia massacred Ukraine's villagers.", "20"),
        ("Russia tortured Ukraine's soldiers.", "18"),
    ],
)
def test_fallback_codes_physical_acts_with_both_actors(code, text, root):
    found = [e for e in code(text) if e.rule.startswith("dict:")]
    assert [(e.source, e.target, e.root) for e in found] == [("RUS", "UKR", root)]
    assert found[0].confidence < 0.5


def test_fallback_drops_a_target_that_is_the_source_country(code):
    assert not code("Putin pulled Russia out of the treaty.")


def test_fallback_skips_statements_and_negated_verbs(code):
    assert not code("Putin told Ukraine nothing new.")
    assert not code("Russia did not torture Ukraine's soldiers.")


def test_reaction_to_an_earlier_event_targets_its_source(code):
    evs = code("Russia attacked Ukraine on Monday. France condemned the attack on Tuesday.")
    assert ("FRA", "RUS", "111") in triples(evs)
    (ev,) = [e for e in evs if e.code == "111"]
    assert "antecedent" in ev.rule and ev.confidence < 0.8


def test_reaction_without_a_matching_earlier_event_gives_nothing(code):
    assert not code("France condemned the attack on Tuesday.")
    assert ("FRA", "RUS", "111") not in triples(code("Russia praised Ukraine. France condemned the attack."))


def test_denial_targets_the_accuser(code):
    evs = code("Britain accused Russia of the poisoning, a charge the Kremlin denies.")
    assert ("RUSGOV", "GBR", "016") in triples(evs)


def test_in_kind_and_followed_suit_copy_the_earlier_event(code):
    evs = code("Britain expelled Russian diplomats on Monday, and Moscow answered in kind.")
    assert ("RUSGOV", "GBR", "161") in triples(evs)
    evs = code("Britain expelled Russian diplomats on Monday. Germany followed suit on Tuesday.")
    assert ("DEU", "RUS", "161") in triples(evs)


def test_readiness_is_intent_to_cooperate(code):
    assert ("RUS", "UKR", "036") in triples(code("Russia was ready to hold talks with Ukraine."))
    assert not code("Russia was not ready to hold talks with Ukraine.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Macron met Putin in Moscow on Monday.", "042"),
        ("Putin met Macron in Moscow on Monday.", "043"),
        ("Macron met Putin in Berlin on Monday.", "044"),
        ("Macron met Putin on Monday.", "040"),
    ],
)
def test_meeting_code_follows_the_place(code, text, expected):
    assert [e.code for e in code(text)] == [expected]


def test_coordinated_subjects_of_a_cooperative_act_pair_up(code):
    assert triples(code("France and Germany agreed to cooperate.")) == {("FRA", "DEU", "030")}


def test_copy_mode_reads_the_idioms(parsed):
    doc, _ = parsed("Moscow answered in kind. Germany followed suit.")
    modes = [antecedents.copy_mode(t) for t in doc if t.pos_ == "VERB"]
    assert modes == ["in_kind", "suit"]


def test_petrarch_discards(tmp_path):
    path = tmp_path / "discards.txt"
    path.write_text("# comment\nBASEBALL\n+World Golf Championships   # story\n", encoding="utf-8")
    phrases = petrarch.read_discards(path)
    assert phrases == ["baseball", "world golf championships"]
    assert petrarch.discarded("Arnor restored the World Golf Championships.", phrases)
    assert not petrarch.discarded("Arnor restored baseballs.", phrases)


def test_bad_actor_offsets_do_not_raise(parsed):
    doc, article = parsed("Russia attacked Ukraine.")
    bogus = [Actor("a1", "x", 10_000, 10_010, "RUS", "Russia", kind="country")]
    assert events.extract(doc, bogus, ontology.load()) == []


def test_user_verb_file_problems_are_reported_with_file_and_line(tmp_path):
    import warnings

    from eventlens.events.lexicon import VerbDictionaryWarning, load_lexicon

    path = tmp_path / "my.verbs.txt"
    path.write_text("this line sits outside any verb block\n--- CONDEMN [122] ---\nCONDEMN\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lexicon = load_lexicon(verb_files=[path])
    messages = [str(w.message) for w in caught if issubclass(w.category, VerbDictionaryWarning)]
    assert messages and "my.verbs.txt:1" in messages[0]
    assert lexicon is not None


def test_absurdly_long_sentence_is_skipped_and_logged(nlp, caplog):
    from eventlens.events import extract
    from eventlens.ontology import load

    text = "Russia attacked Ukraine " + "and more " * 300 + "today."
    doc = nlp(text)
    with caplog.at_level("WARNING", logger="eventlens.events"):
        assert extract(doc, [], load()) == []
    assert "too long" in caplog.text


def test_a_user_verb_file_keeps_the_packaged_fallback(tmp_path):
    """Adding a verb dictionary adds to the packaged CAMEO.2.0 coverage (it once replaced it:
    events on 30 Timeline17 articles fell from 112 to 68)."""
    from eventlens.events.lexicon import load_lexicon

    path = tmp_path / "my.verbs.txt"
    path.write_text("--- CONDEMN [122] ---\nCONDEMN\n", encoding="utf-8")
    packaged = load_lexicon()
    with_user = load_lexicon(verb_files=[path])
    assert with_user.fallback and with_user.fallback.keys() == packaged.fallback.keys()
    assert load_lexicon(verb_files=[path], with_toml=False).fallback == {}

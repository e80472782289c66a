"""The word lists kept as data (``data/<package>/words.toml``, read by ``eventlens.wordlists``): every
list of a file is a non-empty set of lower-case words, and some module of its package takes it."""

from __future__ import annotations

import importlib
import pkgutil
import tomllib
from importlib import resources

import pytest

from eventlens.wordlists import WordLists, parse_word_lists

# package -> the folder of its data/<folder>/words.toml
FOLDERS = {"actors": "actors", "places": "places", "dates": "dates", "events": "events", "quotes": "quoting"}
PACKAGES = list(FOLDERS)


def _import_all(package: str) -> None:
    """Import every module of ``eventlens.<package>``, so each takes its word lists."""
    pkg = importlib.import_module(f"eventlens.{package}")
    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"eventlens.{package}.{info.name}")


@pytest.mark.parametrize("package", PACKAGES)
def test_each_list_is_words_without_repeats(package: str) -> None:
    text = resources.files("eventlens").joinpath(f"data/{FOLDERS[package]}/words.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    assert raw, package
    for section, lists in raw.items():
        assert lists, (package, section)
        for name, words in lists.items():
            found = words.split()
            assert found, (package, section, name)
            assert len(found) == len(set(found)), (package, section, name)
            assert all(all(p.isalpha() and p.islower() for p in w.split("-")) for w in found), (package, section, name)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_list_of_the_file_is_used(package: str) -> None:
    _import_all(package)
    words: WordLists = importlib.import_module(f"eventlens.{package}.words").WORDS
    assert words.names(), package
    assert words.file == f"data/{FOLDERS[package]}/words.toml"
    assert words.unused() == [], f"{words.file}: lists no module takes"


def test_the_constants_keep_their_words_and_types() -> None:
    # by module path: eventlens.actors exports a function ``compose`` that hides its module
    compose, context, names = (importlib.import_module(f"eventlens.actors.{m}")
                               for m in ("compose", "context", "names"))
    find = importlib.import_module("eventlens.places.find")
    clauses, tense = (importlib.import_module(f"eventlens.dates.{m}") for m in ("clauses", "tense"))

    assert isinstance(context.PLACE_PREPS, set) and "throughout" in context.PLACE_PREPS
    assert context.COUNTRY_PLACE_PREPS == context.PLACE_PREPS - {"to", "between"}
    assert isinstance(compose.ARGUMENT_PREPS, frozenset) and "against" in compose.ARGUMENT_PREPS
    assert names.PRESS == {"journalist", "journalists", "reporter", "reporters"}
    assert "missile" in find.MOVES_ON and "of" in find.PLACE_PREPS
    assert clauses.PLAN_LEMMAS != tense.PLAN_LEMMAS  # two lists of one name, one a module
    assert tense.PLAN_LEMMAS == {"set", "schedule", "slate", "plan"} and "ca" in tense.MODAL_AHEAD


def test_the_events_constants_keep_their_words_types_and_order() -> None:
    antecedents, commitments, learned, modality, nouns = (
        importlib.import_module(f"eventlens.events.{m}")
        for m in ("antecedents", "commitments", "learned", "modality", "nouns"))

    assert isinstance(modality.MODALS, frozenset) and {"ca", "wo", "must"} <= modality.MODALS
    assert "n't" in modality.NEGATORS  # a clitic token: kept in Python
    assert isinstance(nouns.LIGHT_VERBS, frozenset) and "reimpose" in nouns.LIGHT_VERBS
    # the order in which target prepositions are tried is the file's
    assert learned.TARGET_PREPS == ("against", "on", "at", "with", "to", "into", "from", "for", "over", "toward",
                                    "towards", "upon", "of")
    assert antecedents.EVENT_NOUNS["summit"] == antecedents.MEETING_ROOTS
    assert antecedents.EVENT_NOUNS["coup"] == ("17", "18", "19", "20")
    assert list(commitments.PLEDGES.items())[:3] == [("protect", "0334"), ("defend", "0334"), ("help", "033")]
    assert commitments.THREATS["price"] == "130" and commitments.THREATS["annihilate"] == "138"


def test_a_missing_list_raises() -> None:
    words = WordLists("data/actors/words.toml")
    with pytest.raises(KeyError, match="no list"):
        words.set_of("context", "no_such_list")
    with pytest.raises(KeyError):
        words.set_of("no_such_section", "place_preps")


@pytest.mark.parametrize(("text", "message"), [
    ('[a]\nb = "in at in"\n', "twice: in"),
    ('[a]\nb = "  "\n', "empty"),
    ('[a]\nb = "in At"\n', "no lower-case word: At"),
    ('[a]\nb = "in n\'t"\n', "no lower-case word"),
    ('[a]\nb = "in -ed"\n', "no lower-case word: -ed"),
    ('[a]\nb = "in op--ed"\n', "no lower-case word: op--ed"),
    ('[a]\nb = ["in", "at"]\n', "not a string"),
    ('b = "in at"\n', "not a \\[section\\]"),
])
def test_a_bad_list_raises(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_word_lists(text)


def test_a_hyphenated_word_is_a_word() -> None:
    assert parse_word_lists('[a]\nb = "op-ed letter"\n') == {("a", "b"): ("op-ed", "letter")}


def test_the_quotes_constants_keep_their_words_and_types() -> None:
    lexicon = importlib.import_module("eventlens.quotes.lexicon")
    assert isinstance(lexicon.INDIRECT_LEMMAS, frozenset) and "say" in lexicon.INDIRECT_LEMMAS
    assert {"op-ed", "communiqué"} <= lexicon.MEDIUM_NOUNS and "élysée" in lexicon.INSTITUTION_WORDS
    assert lexicon.SPEAKER_PRONOUNS == {"he", "she", "him", "her", "they", "them", "it"}
    assert lexicon.CALL_PREPS == {"for", "on"} and lexicon.MEDIUM_PREPS == {"in", "through", "via"}
    assert lexicon.AS_EMPTY_OBJECTS == {"it", "so"} and "against" in lexicon.AS_EXCLUDED_PREPS


def test_the_speech_verbs_file_is_word_lists_all_used() -> None:
    speech = importlib.import_module("eventlens.text.speech")
    assert speech.WORDS.file == "data/text/speech.toml"
    assert speech.WORDS.unused() == [], "data/text/speech.toml: lists no module takes"
    assert ("point", "out") in speech.PHRASAL_SPEECH and ("sum", "up") in speech.PHRASAL_SPEECH
    assert isinstance(speech.SPEECH, frozenset) and speech.NEUTRAL_SPEECH <= speech.SPEECH
    with pytest.raises(ValueError, match="neutral verbs missing from all: shout"):
        speech._neutral_within(frozenset({"say"}), frozenset({"say", "shout"}))


def test_words_keep_the_file_order() -> None:
    assert parse_word_lists('[a]\nb = """\nthe of\nand\n"""\n') == {("a", "b"): ("the", "of", "and")}


def test_one_list_of_place_prepositions_for_every_stage() -> None:
    prepositions = importlib.import_module("eventlens.text.prepositions")
    assert prepositions.WORDS.unused() == [], "data/text/prepositions.toml: lists no module takes"
    assert prepositions.LOCATION_PREPS < prepositions.PLACE_PREPS and "to" not in prepositions.LOCATION_PREPS
    context = importlib.import_module("eventlens.actors.context")
    find = importlib.import_module("eventlens.places.find")
    mentions = importlib.import_module("eventlens.events.mentions")
    assert context.PLACE_PREPS - prepositions.PLACE_PREPS == {"between"}
    assert find.PLACE_PREPS - prepositions.PLACE_PREPS == {"of", "on", "off"}
    assert mentions.PLACE_PREPS == prepositions.LOCATION_PREPS

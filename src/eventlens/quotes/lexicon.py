"""Word lists and limits of the quotes stage: speech verbs, pronouns, titles, patterns.

The word lists live in ``data/quoting/words.toml``, with the sources they follow; this module
loads them once and keeps the limits and patterns.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

WORDS_FILE = "data/quoting/words.toml"


def _load_words() -> dict[str, dict[str, frozenset[str]]]:
    """The word lists of ``data/quoting/words.toml`` (sources in the file), each a set of words."""
    raw = tomllib.loads(resources.files("eventlens").joinpath(WORDS_FILE).read_text("utf-8"))
    return {section: {name: frozenset(words.split()) for name, words in lists.items()}
            for section, lists in raw.items()}


_WORDS = _load_words()
INDIRECT_LEMMAS = _WORDS["verbs"]["reported"]
INTENT_LEMMAS = _WORDS["verbs"]["intent"]
OBJECT_CONTROL_LEMMAS = _WORDS["verbs"]["object_control"]
EVIDENCE_LEMMAS = _WORDS["verbs"]["evidence"]
EXPRESS_LEMMAS = _WORDS["verbs"]["express"]
BEHALF_LEMMAS = _WORDS["verbs"]["behalf"]
QUESTION_LEMMAS = _WORDS["verbs"]["question"]
SHOWING_LEMMAS = _WORDS["verbs"]["showing"]
AS_IDIOM_LEMMAS = _WORDS["verbs"]["as_idiom"]
NAMING_LEMMAS = _WORDS["verbs"]["naming"]
ATTRIBUTION_NOUNS = _WORDS["nouns"]["attribution"]
EVIDENCE_NOUNS = _WORDS["nouns"]["evidence"]
MEDIUM_NOUNS = _WORDS["nouns"]["medium"]
TITLE_NOUNS = _WORDS["nouns"]["title"]
ORGANISATION_NOUNS = _WORDS["nouns"]["organisation"]
GENERIC_ORGANISATION_NOUNS = _WORDS["nouns"]["generic_organisation"]
INSTITUTION_WORDS = _WORDS["nouns"]["institution"]
PERSON_PRONOUNS = _WORDS["pronouns"]["person"]
GROUP_PRONOUNS = _WORDS["pronouns"]["group"]
ORGANISATION_PRONOUNS = _WORDS["pronouns"]["organisation"]
RELATIVE_PRONOUNS = _WORDS["pronouns"]["relative"]
SPEAKER_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | ORGANISATION_PRONOUNS
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
CALL_PREPS = frozenset({"for", "on"})
# Prepositions after the verb of an ``as`` clause that make it an act (``as voters responded to X``),
# not a comment on the clause it joins (``A, as police said``).
AS_EXCLUDED_PREPS = frozenset({"to", "with", "for", "against", "about", "by", "on", "of"})
WH_TAGS = frozenset({"WRB", "WDT", "WP", "WP$"})
ENTITY_LABELS = frozenset({"PERSON", "ORG"})
SPLIT_CLAUSE_CHARS = 80
CLAUSE_END = ",.!?…"
SENTENCE_END = ".!?…"
MIN_CUT_TOKENS = 4
# A shorter part left before a quote mark is kept only when it is a clause of its own (``he respects X``).
MIN_CLAUSE_TOKENS = 3
LEADING_JOINERS = _WORDS["clauses"]["leading"]
CLAUSE_JOINERS = _WORDS["clauses"]["joiners"]
TIME_MARKS = _WORDS["clauses"]["time"]
CONCESSIVE_MARKS = _WORDS["clauses"]["concessive"]
DANGLING = frozenset({"DET", "ADP", "CCONJ", "SCONJ"})
# Dependencies that join an adjunct or another clause, not a slot of the word they hang on: a quoted
# part joined this way leaves the reported clause before it whole.
LOOSE_DEPS = frozenset({"conj", "cc", "punct", "parataxis", "advcl", "relcl", "acl", "appos", "npadvmod", "prep",
                        "advmod", "mark", "dep", "meta", "intj", "space"})
SPEECH_REACH = 6
# Words after a quote ending in ``?`` or ``!`` in which a name and its speech verb may follow (``?” Renteria told``).
NAMED_REPORT_REACH = 5
NAME_REACH = 60
# Tokens an aside between commas may span between a subject and its verb (``X, asked about Y, said``).
ASIDE_REACH = 20
DASH_RE = re.compile(r"[^\S\n]*(?:[―—–]|--?)[^\S\n]*(?=[A-Z])")
LINE_LABEL_RE = re.compile(r"[ \t]*([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):[ \t]")
LABEL_RE = re.compile(r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)?):\s")

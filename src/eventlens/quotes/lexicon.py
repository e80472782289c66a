"""Word lists and limits of the quotes stage: speech verbs, pronouns, titles, patterns.

The word lists live in ``data/quoting/words.toml``, with the sources they follow, read once by
:mod:`eventlens.quotes.words`; this module names them and keeps the limits, tags and patterns.
"""

from __future__ import annotations

import re

from eventlens.quotes.words import WORDS

INDIRECT_LEMMAS = WORDS.frozenset_of("verbs", "reported")
INTENT_LEMMAS = WORDS.frozenset_of("verbs", "intent")
OBJECT_CONTROL_LEMMAS = WORDS.frozenset_of("verbs", "object_control")
EVIDENCE_LEMMAS = WORDS.frozenset_of("verbs", "evidence")
EXPRESS_LEMMAS = WORDS.frozenset_of("verbs", "express")
BEHALF_LEMMAS = WORDS.frozenset_of("verbs", "behalf")
QUESTION_LEMMAS = WORDS.frozenset_of("verbs", "question")
SHOWING_LEMMAS = WORDS.frozenset_of("verbs", "showing")
AS_IDIOM_LEMMAS = WORDS.frozenset_of("verbs", "as_idiom")
NAMING_LEMMAS = WORDS.frozenset_of("verbs", "naming")
ATTRIBUTION_NOUNS = WORDS.frozenset_of("nouns", "attribution")
EVIDENCE_NOUNS = WORDS.frozenset_of("nouns", "evidence")
MEDIUM_NOUNS = WORDS.frozenset_of("nouns", "medium")
TITLE_NOUNS = WORDS.frozenset_of("nouns", "title")
ORGANISATION_NOUNS = WORDS.frozenset_of("nouns", "organisation")
GENERIC_ORGANISATION_NOUNS = WORDS.frozenset_of("nouns", "generic_organisation")
INSTITUTION_WORDS = WORDS.frozenset_of("nouns", "institution")
PERSON_PRONOUNS = WORDS.frozenset_of("pronouns", "person")
GROUP_PRONOUNS = WORDS.frozenset_of("pronouns", "group")
ORGANISATION_PRONOUNS = WORDS.frozenset_of("pronouns", "organisation")
RELATIVE_PRONOUNS = WORDS.frozenset_of("pronouns", "relative")
SPEAKER_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | ORGANISATION_PRONOUNS
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
CALL_PREPS = WORDS.frozenset_of("preps", "call")
# Prepositions after the verb of an ``as`` clause that make it an act (``as voters responded to X``),
# not a comment on the clause it joins (``A, as police said``).
AS_EXCLUDED_PREPS = WORDS.frozenset_of("preps", "as_excluded")
# Objects an ``as`` clause's speech verb may have and still comment on the clause it joins (``as he put it``).
AS_EMPTY_OBJECTS = WORDS.frozenset_of("objects", "as_empty")
# Prepositions of the medium a statement is made in (``in a statement``, ``via Twitter``).
MEDIUM_PREPS = WORDS.frozenset_of("preps", "medium")
WH_TAGS = frozenset({"WRB", "WDT", "WP", "WP$"})
ENTITY_LABELS = frozenset({"PERSON", "ORG"})
SPLIT_CLAUSE_CHARS = 80
CLAUSE_END = ",.!?…"
SENTENCE_END = ".!?…"
MIN_CUT_TOKENS = 4
# A shorter part left before a quote mark is kept only when it is a clause of its own (``he respects X``).
MIN_CLAUSE_TOKENS = 3
LEADING_JOINERS = WORDS.frozenset_of("clauses", "leading")
CLAUSE_JOINERS = WORDS.frozenset_of("clauses", "joiners")
TIME_MARKS = WORDS.frozenset_of("clauses", "time")
CONCESSIVE_MARKS = WORDS.frozenset_of("clauses", "concessive")
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

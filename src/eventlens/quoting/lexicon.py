"""Word lists and limits of the quotes stage: speech verbs, pronouns, titles, patterns."""

from __future__ import annotations

import re

SPEECH_LEMMAS = frozenset(
    "say tell state announce add warn insist post write tweet declare call describe urge "
    "condemn denounce accuse appeal blame express claim note stress argue explain reply "
    "respond ask deny vow promise pledge suggest admit acknowledge confirm report mention "
    "disclose decree comment emphasize emphasise remark predict threaten demand praise "
    "criticize criticise label brand term dub hail welcome reiterate repeat conclude "
    "complain lament highlight caution continue recall joke quip boast shout exclaim scold sing yell scream whisper mutter plead "
    "testify counter retort concede contend observe allege assert charge maintain chant read".split()
)
INDIRECT_LEMMAS = frozenset(
    "say tell state announce add warn insist claim report confirm declare write note stress "
    "argue explain reply deny admit acknowledge predict reiterate complain think believe suggest "
    "know expect estimate hope fear assert contend allege maintain concede "
    "recall testify insist signal warn tweet post argue agree show find indicate reveal feel worry "
    "doubt reckon assume guess figure imagine realize realise understand wonder insist inform assure "
    "notify ask".split()
)
INTENT_LEMMAS = frozenset(
    "want plan pledge agree decline refuse promise vow intend propose threaten seek aim offer "
    "hope expect vow".split()
)
ATTRIBUTION_NOUNS = frozenset(
    "view belief claim argument assertion position contention insistence warning statement assessment "
    "hope fear promise pledge suggestion conclusion allegation opinion impression conviction".split()
)
EVIDENCE_LEMMAS = frozenset("show find indicate reveal".split())
EVIDENCE_NOUNS = frozenset(
    "poll survey study report analysis research data average averages figure number record document "
    "audit review investigation probe estimate count tally census test finding".split()
)
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
MEDIUM_NOUNS = frozenset(
    "letter statement interview post tweet op-ed column memo email speech note report message essay article".split()
)
EXPRESS_LEMMAS = frozenset("express voice share make reiterate repeat offer give hold state air".split())
OBJECT_CONTROL_LEMMAS = frozenset({"urge", "ask", "encourage", "tell"})
CALL_PREPS = frozenset({"for", "on"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
TITLE_NOUNS = frozenset(
    "president leader minister premier chancellor mandatory official spokesman spokeswoman "
    "spokesperson secretary envoy ambassador king queen emir prince ruler monarch".split()
)
INSTITUTION_WORDS = frozenset({"kremlin", "pentagon", "elysee", "élysée"})
ENTITY_LABELS = frozenset({"PERSON", "ORG"})
SPLIT_CLAUSE_CHARS = 80
CLAUSE_END = ",.!?…"
SENTENCE_END = ".!?…"
MIN_CUT_TOKENS = 4
LEADING_JOINERS = frozenset({"that", "and", "but"})
TIME_MARKS = frozenset({"after", "before", "when", "while", "once"})
DANGLING = frozenset({"DET", "ADP", "CCONJ", "SCONJ"})
SPEECH_REACH = 6
NAME_REACH = 60
DATELINE_REACH = 60
DASH_RE = re.compile(r"[^\S\n]*(?:[―—–]|--?)[^\S\n]*(?=[A-Z])")
DATELINE_RE = re.compile(
    r"[ \t]*[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+)*(?:,[ \t]*[\w.'’]+(?:[ \t]+[\w.'’]+){0,3})*"
    r"[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*(?:[―—–]|--?)[ \t]"
)
LINE_LABEL_RE = re.compile(r"[ \t]*([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):[ \t]")
LABEL_RE = re.compile(r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)?):\s")

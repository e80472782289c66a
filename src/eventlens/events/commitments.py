"""Pledges and threats stated in a direct quote: a verbal act of the speaker the reporter names.

``"We will do whatever it takes to protect the government of Yemen," he told reporters`` is the
speaker's pledge (03x) to Yemen's government; ``"Those who betrayed us will suffer inevitable
punishment," he said`` is a threat (13x). Only a future ("will") clause that a reporting verb outside
the quote introduces counts; a threat whose target the quote does not name is aimed at the speaker's
adversary in the nearest earlier event (completed in :mod:`.antecedents`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventlens.events.mentions import ActorIndex, same_actor
from eventlens.events.modality import _negated, is_conditional, speech_head
from eventlens.events.records import Found
from eventlens.events.syntax import clause_of, has_subject, in_spans, subject_of
from eventlens.events.verbs import verb_sources
from eventlens.events.words import WORDS
from eventlens.models import Actor

FUTURE = frozenset({"will", "'ll", "shall"})
FIRST_PERSON = WORDS.frozenset_of("commitments", "first_person")
# Words of a first-person future clause that make it a pledge, with the 03x code they give.
PLEDGES = {word: code for code, name in (("0334", "protection_pledges"), ("033", "help_pledges"),
                                         ("030", "cooperation_pledges"))
           for word in WORDS.words("commitments", name)}
# Words of a future clause that make it a threat, with the 13x code they give.
THREATS = {word: code for code, name in (("137", "punishment_threats"), ("130", "retaliation_threats"),
                                         ("138", "destruction_threats"))
           for word in WORDS.words("commitments", name)}
QUOTED_CONFIDENCE = 0.45


def quoted_commitments(verb: Token, sent: Span, spans: Sequence[tuple[int, int]], index: ActorIndex) -> list[Found]:
    """Pledge or threat events of a quoted future clause headed by ``verb`` (none for other verbs)."""
    speech = speech_head(verb)
    if speech is None or in_spans(speech, spans) or not _future(verb):
        return []
    sources, _ = verb_sources(speech, False, index, sent)
    kind = _kind(verb)
    if not sources or kind is None:
        return []
    code, threat = kind
    target = _quoted_target(verb, sources[0], index)
    if target is None and not threat:
        return []
    label = f"quote:{'threat' if threat else 'pledge'}"
    pending = "adversary" if target is None else None
    return [Found(s, target, code, verb, sent, label, QUOTED_CONFIDENCE, pending=pending) for s in sources]


def _future(verb: Token) -> bool:
    """A "will" clause, neither negated nor conditional."""
    future = any(c.dep_ == "aux" and c.lower_ in FUTURE for c in verb.children)
    return future and not _negated(verb) and not is_conditional(verb)


def _kind(verb: Token) -> tuple[str, bool] | None:
    """(code, is_threat) from the clause's words; pledges only in the first person."""
    lemmas = [t.lemma_.lower() for t in _clause(verb)]
    threat = next((THREATS[w] for w in lemmas if w in THREATS), None)
    if threat is not None:
        return threat, True
    subject, _ = subject_of(verb)
    if subject is None or subject.lower_ not in FIRST_PERSON:
        return None
    pledge = next((PLEDGES[w] for w in lemmas if w in PLEDGES), None)
    return (pledge, False) if pledge is not None else None


def _clause(verb: Token) -> list[Token]:
    """The verb's clause with its purpose infinitives, also those of a free relative object
    ("will do whatever it takes to protect X")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "ccomp" and c.left_edge.lower_ in ("whatever", "what"))]
    purposes = [c for h in heads for c in h.children if c.dep_ in ("advcl", "xcomp", "acl") and not has_subject(c)
                and any(a.lower_ == "to" for a in c.children)]
    return clause_of(verb) + [t for p in purposes for t in clause_of(p)]


def _quoted_target(verb: Token, speaker: Actor, index: ActorIndex) -> Actor | None:
    """The first actor named in the quoted clause who is not the speaker."""
    for token in _clause(verb):
        actor = index.at(token)
        if actor is not None and token.tag_ != "PRP$" and not same_actor(actor, speaker):
            return actor
    return None

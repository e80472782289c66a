"""Judgments of an earlier act in reported speech: "X said the measures were unjustified" (111).

The speaker of the reporting verb criticises whoever carried out the act the subject noun names; the
target is completed from the nearest earlier event of that kind (see :mod:`.antecedents`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventlens.events.antecedents import ANTECEDENT_CONFIDENCE, EVENT_NOUNS, GENERIC_NOUNS, _noun_lemma
from eventlens.events.lexicon import Lexicon
from eventlens.events.mentions import ActorIndex
from eventlens.events.modality import modality_of, speech_head
from eventlens.events.records import Found
from eventlens.events.verbs import verb_sources

PREDICATE_DEPS = ("acomp", "attr")


def judgment_candidates(copula: Token, sent: Span, rules: Lexicon, index: ActorIndex) -> list[Found]:
    """Pending events of "<event noun> was <judgment>" said by an identified speaker (target filled later)."""
    if copula.lemma_.lower() != "be" or not rules or modality_of(copula) != "ok":
        return []
    predicate = next((c for c in copula.children if c.dep_ in PREDICATE_DEPS and c.lemma_.lower() in rules), None)
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    speech = speech_head(copula)
    if predicate is None or subject is None or speech is None or not _names_an_act(subject):
        return []
    rule = rules[predicate.lemma_.lower()][0]
    sources, _ = verb_sources(speech, False, index, sent)
    label = f"judgment:{rule.lemma}"
    return [Found(s, None, rule.code, copula, sent, label, ANTECEDENT_CONFIDENCE, pending="antecedent")
            for s in sources]


def _names_an_act(noun: Token) -> bool:
    """Whether a subject noun names an earlier act ("the measures", "the move"), not an actor or words."""
    return _noun_lemma(noun) in EVENT_NOUNS or (noun.lemma_.lower() in GENERIC_NOUNS and noun.pos_ == "NOUN")

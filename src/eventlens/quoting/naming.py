"""Speaker naming: the subject of a speech verb, resolved to an actor, entity, title or name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventlens.models import Actor
from eventlens.quoting.lexicon import (
    ENTITY_LABELS,
    GROUP_PRONOUNS,
    INSTITUTION_WORDS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    SPEECH_LEMMAS,
    TITLE_NOUNS,
)
from eventlens.quoting.records import Speaker
from eventlens.quoting.tokens import chars, in_dateline


def subject_of(verb: Token) -> Token | None:
    """The active subject of ``verb``, climbing through participles, conjuncts and relatives."""
    for _ in range(6):
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return None
            subject = _off_dateline(child) if child.dep_ == "nsubj" and _wordy(child) else None
            if subject is not None:
                rel = subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl"
                return verb.head if rel else subject
        if verb.dep_ not in ("advcl", "xcomp", "conj", "acl", "pcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _wordy(tok: Token) -> bool:
    """Whether a token has a letter or digit (a dash the parser made a subject has none)."""
    return any(c.isalnum() for c in tok.text)


def _off_dateline(subject: Token) -> Token | None:
    """The subject, or its apposition when the parser made a dateline word (``MOSCOW``) the subject."""
    if not in_dateline(subject):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and not in_dateline(c)), None)


def verb_speaker(verb: Token, actors: Sequence[Actor]) -> Speaker:
    """The speaker named by the subject of a speech verb, with the verb as cue."""
    subject = subject_of(verb)
    if subject is None:
        return Speaker(None, None, cue=verb.text)
    span = (phrase_start(subject), subject.idx + len(subject))
    if subject.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return replace(_pronoun_speaker(subject, verb, actors), cue=verb.text, span=span)
    return replace(noun_speaker(subject, actors), cue=verb.text, span=span)


def _pronoun_speaker(pron: Token, verb: Token, actors: Sequence[Actor]) -> Speaker:
    """``he``/``they``: the paragraph's last person subject, its actor, a speaker above, the last person."""
    nearby = _paragraph_subject(pron, actors) if pron.lower_ in PERSON_PRONOUNS else None
    covering = nearby or covering_actor(actors, pron.idx)
    if covering:
        return actor_speaker(covering, pron.text)
    for anc in verb.ancestors:
        subject = subject_of(anc) if anc.lemma_.lower() in SPEECH_LEMMAS else None
        if subject is not None and subject.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return replace(noun_speaker(subject, actors), text=pron.text)
    kinds = ("person",) if pron.lower_ in PERSON_PRONOUNS else ("organisation", "group", "country", "metonym")
    subjects = [a for a in actors if _is_subject_mention(pron.doc, a)]
    recent = _recent_actor(subjects, pron.idx, kinds) or _recent_actor(actors, pron.idx, kinds)
    return actor_speaker(recent, pron.text) if recent else Speaker(None, pron.text)


def _paragraph_subject(pron: Token, actors: Sequence[Actor]) -> Actor | None:
    """The last named person that is a clause subject earlier in the pronoun's paragraph."""
    text = pron.doc.text
    line_start = text.rfind("\n", 0, pron.idx) + 1
    here = [a for a in actors if line_start <= a.start and a.kind == "person" and _is_subject_mention(pron.doc, a)]
    return _recent_actor(here, pron.idx, ("person",))


def noun_speaker(subject: Token, actors: Sequence[Actor]) -> Speaker:
    """A noun subject: a named apposition, its actor, a PERSON/ORG entity, a title, a surname, or its words."""
    named = _apposed_name(subject, actors)
    if named is not None:
        return named
    for tok in [subject, *(c for c in subject.children if c.dep_ == "appos")]:
        covering = covering_actor(actors, tok.idx)
        if covering:
            return actor_speaker(covering, covering.text)
    entity = _entity_of(subject)
    if entity is not None:
        return _surname_speaker(subject, actors) or Speaker(entity.text, entity.text)
    phrase = _phrase(subject)
    if subject.lower_ in TITLE_NOUNS and any(c.lower_ == "the" for c in subject.children):
        recent = _recent_actor(actors, subject.idx, ("person",))
        if recent:
            return actor_speaker(recent, phrase)
    inner = next((a for a in actors if a.start >= phrase_start(subject) and a.end <= subject.idx + len(subject)), None)
    if inner:
        return actor_speaker(inner, phrase)
    return _surname_speaker(subject, actors) or _named_by_words(subject, phrase)


def _apposed_name(subject: Token, actors: Sequence[Actor]) -> Speaker | None:
    """A title or description named by its apposition (``Kuwait's ruler, Sheikh Sabah``): that person."""
    if subject.pos_ == "PROPN" or subject.ent_type_ == "PERSON":
        return None
    near = [t for t in subject.subtree if t.dep_ == "appos" and (t.head.i == subject.i or _of_phrase(t.head, subject))]
    near += [subject.head] if subject.dep_ == "appos" else []
    for tok in near:
        covering = covering_actor(actors, tok.idx)
        if covering is not None and covering.kind == "person":
            return actor_speaker(covering, covering.text)
        if tok.ent_type_ == "PERSON":
            entity = _entity_of(tok)
            return Speaker(entity.text, entity.text) if entity is not None else None
    return None


def _of_phrase(tok: Token, subject: Token) -> bool:
    """Whether ``tok`` is the object of a preposition on ``subject`` (``envoy for Afghanistan``)."""
    return tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i == subject.i


def _surname_speaker(subject: Token, actors: Sequence[Actor]) -> Speaker | None:
    """A bare surname (``Bongo``): the first person actor whose canonical name holds it."""
    if subject.pos_ != "PROPN" or not subject.text[:1].isupper():
        return None
    people = [a for a in actors if a.kind == "person" and a.start < subject.idx and subject.text in a.name.split()]
    first = min(people, key=lambda a: a.start) if people else None
    return actor_speaker(first, subject.text) if first else None


def _named_by_words(subject: Token, phrase: str) -> Speaker:
    """A speaker named by the proper name a subject spells out, else left unnamed with its words."""
    name = _proper_name(subject)
    return Speaker(name, name) if name else Speaker(None, phrase)


def _proper_name(subject: Token) -> str | None:
    """The proper name a subject spells out (``Le Drian``) when no actor or entity covers it."""
    if subject.pos_ != "PROPN":
        return None
    parts = [t for t in subject.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    start = min([subject.idx, *(t.idx for t in parts)])
    return chars(subject.doc, start, subject.idx + len(subject))


def _entity_of(subject: Token) -> Span | None:
    """The PERSON/ORG entity holding the subject or one of its appositions."""
    for tok in [subject, *(c for c in subject.children if c.dep_ == "appos")]:
        for ent in tok.doc.ents:
            if ent.label_ in ENTITY_LABELS and ent.start <= tok.i < ent.end:
                return ent
    return None


def phrase_start(subject: Token) -> int:
    """Offset where the subject's noun phrase (before its head) begins."""
    left = [t for t in subject.lefts if t.dep_ not in ("punct", "cc")]
    return min([subject.idx, *(t.left_edge.idx for t in left)])


def _phrase(subject: Token) -> str:
    """The subject's noun phrase up to its head word (``one of the officers``)."""
    doc = subject.doc
    end = subject.idx + len(subject)
    rights = [t for t in subject.rights if t.dep_ == "prep"]
    if rights:
        end = max(end, rights[0].right_edge.idx + len(rights[0].right_edge))
    return chars(doc, phrase_start(subject), end)


def covering_actor(actors: Sequence[Actor], offset: int) -> Actor | None:
    """The shortest actor mention whose span covers ``offset``."""
    covering = [a for a in actors if a.start <= offset < a.end]
    return min(covering, key=lambda a: a.end - a.start) if covering else None


def _is_subject_mention(doc: Doc, actor: Actor) -> bool:
    """Whether the actor mention is (or is in apposition to) a clause subject."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _recent_actor(actors: Sequence[Actor], offset: int, kinds: tuple[str, ...]) -> Actor | None:
    """The last actor of one of ``kinds`` that ends before ``offset``."""
    before = [a for a in actors if a.end <= offset and a.kind in kinds]
    return max(before, key=lambda a: a.end) if before else None


def actor_speaker(actor: Actor, text: str) -> Speaker:
    """A speaker named by an actor record; an institution used for its government keeps its own name."""
    return Speaker(_institution(actor) or actor.name, text, actor)


def _institution(actor: Actor) -> str | None:
    """The name of a metonym that is a building or office (``The White House``), not a city."""
    if actor.kind != "metonym" or not actor.text[:1].isalpha():
        return None
    words = actor.text.split()
    words = words[1:] if words[0].lower() == "the" else words
    return " ".join(words) if len(words) > 1 or words[0].lower() in INSTITUTION_WORDS else None

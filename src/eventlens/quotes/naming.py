"""Speaker naming: the subject of a speech verb, resolved to an actor, entity, title or name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventlens.actors.names import institution_names
from eventlens.models import Actor
from eventlens.parse import doc_text
from eventlens.quotes.lexicon import (
    ASIDE_REACH,
    BEHALF_LEMMAS,
    CLAUSE_JOINERS,
    ENTITY_LABELS,
    EVIDENCE_LEMMAS,
    EVIDENCE_NOUNS,
    FINITE_TAGS,
    GENERIC_ORGANISATION_NOUNS,
    GROUP_PRONOUNS,
    INSTITUTION_WORDS,
    MEDIUM_NOUNS,
    ORGANISATION_NOUNS,
    ORGANISATION_PRONOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    TITLE_NOUNS,
)
from eventlens.quotes.records import Speaker
from eventlens.quotes.tokens import chars
from eventlens.text.datelines import in_dateline
from eventlens.text.speech import SPEECH

# Dependencies through which a verb takes the subject of the word it hangs on: participles, conjuncts,
# infinitives, and an adjective's complement (``X are quick to note that``).
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "acomp"})


def speaker_subject(verb: Token) -> Token | None:
    """The active subject of a speech verb, read as its speaker: climbing through participles, conjuncts
    and relatives, through the preposition a reporting verb hangs on (``by telling them that``), past a
    dateline word the parser made the subject; None for a passive (``was told``). (The events stage's
    ``syntax.subject_of`` answers a different question: any verb's subject, inherited along chains.)"""
    reports = any(c.dep_ == "ccomp" for c in verb.children)
    speaking = _speaking_participle(verb) or showing_participle(verb)
    if speaking is not None:
        return speaking
    issuing = _medium_participle(verb)
    if issuing is not None:
        return speaker_subject(issuing)
    for _ in range(6):
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return None
            subject = _off_dateline(child) if child.dep_ == "nsubj" and _wordy(child) else None
            if subject is not None:
                rel = subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl"
                return verb.head if rel else subject
        through_prep = reports and verb.dep_ == "prep" and verb.pos_ == "ADP"  # ``by telling them that``
        if verb.dep_ not in _CLIMB_DEPS and not through_prep or verb.head.i == verb.i:
            return _stray_subject(verb)
        verb = verb.head
    return None


def _speaking_participle(verb: Token) -> Token | None:
    """The one shown speaking when a speech participle modifies a name or a noun that is not a medium
    (``footage of Trump saying``, ``protesters chanting``, ``911 calls saying``); None otherwise, and for
    ``a statement saying``, whose words are the statement's author's."""
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in SPEECH:
        return None
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (prev is not None and verb.dep_ in ("xcomp", "advcl", "acl") and prev.dep_ in ("pobj", "dobj")
            and (prev.pos_ == "PROPN" or prev.ent_type_ == "PERSON")):
        return prev  # ``footage of Clinton asking``: the one shown speaking, whatever the parser hung it on
    head = verb.head
    if verb.dep_ != "acl" or head.i > verb.i:
        return None
    if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in MEDIUM_NOUNS | EVIDENCE_NOUNS:
        return None
    return head if head.ent_type_ not in ("DATE", "TIME") else None


def _medium_participle(verb: Token) -> Token | None:
    """The verb that put out the medium a speech participle hangs on (``issued a statement saying``,
    ``released a report arguing``): its subject is the author, whose words the participle gives."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "acl" or head.i > verb.i or verb.lemma_.lower() not in SPEECH:
        return None
    if head.lemma_.lower() not in MEDIUM_NOUNS or head.dep_ != "dobj" or head.head.pos_ != "VERB":
        return None
    return head.head


def showing_participle(verb: Token) -> Token | None:
    """The source a participle of showing modifies (``polls showing X ahead``): what shows it."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "acl" or head.i > verb.i or verb.lemma_.lower() not in EVIDENCE_LEMMAS:
        return None
    return head if evidence_noun(head) else None


def evidence_noun(tok: Token) -> bool:
    """Whether a noun is a source that can show or find something (``polls``, ``data``: lemma or word)."""
    return tok.pos_ == "NOUN" and (tok.lemma_.lower() in EVIDENCE_NOUNS or tok.lower_ in EVIDENCE_NOUNS)


def _stray_subject(verb: Token) -> Token | None:
    """The subject of a finite verb the parser left without one: the subject of a clause joined before it
    that the parser took for its object (``X offered Y a job, then says Z``), of its clausal subject
    (``majorities of voters going to the polls said``), or the noun right before it, past an aside between
    commas (``4 in 10 say``, ``with the board of the Post Trump said``, ``X, asked about Y, had said``).
    None for any other verb, and for a capitalised one (a headline's words)."""
    finite = verb.tag_ in FINITE_TAGS or any(c.dep_ == "aux" and c.tag_ in FINITE_TAGS for c in verb.children)
    if not finite or not verb.text[:1].islower() or verb.dep_ not in ("ROOT", "ccomp", "conj", "parataxis") or any(
        c.dep_ in ("nsubjpass", "expl", "csubjpass", "nsubj") for c in verb.children
    ):
        return None
    fronted = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if fronted is not None:  # ``X offered Y a job, then says Z``: a clause joined to the verb taken for its object
        subject = next((c for c in fronted.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if subject is not None and _wordy(subject) and verb.doc[verb.i - 1].lower_ in CLAUSE_JOINERS:
            return subject
    clausal = next((c for c in verb.children if c.dep_ == "csubj"), None)
    if clausal is not None:
        subject = next((c for c in clausal.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        return subject if subject is not None and _wordy(subject) else None
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and (doc[i].head.i == verb.i and doc[i].dep_ in ("aux", "neg", "advmod") or doc[i].is_space):
        i -= 1
    if i >= 0 and doc[i].text == ",":  # ``Mr. Trump, asked about X, had said``: the name before the aside
        opening = next((j for j in range(i - 1, max(-1, i - ASIDE_REACH), -1) if doc[j].text == ","), None)
        i = opening - 1 if opening is not None else -1
    prev = doc[i] if i >= 0 else None
    if prev is None or prev.pos_ not in ("NOUN", "PROPN", "NUM") or prev.ent_type_ in ("DATE", "TIME"):
        return None
    return _off_dateline(prev) if _wordy(prev) else None


def _wordy(tok: Token) -> bool:
    """Whether a token has a letter or digit (a dash the parser made a subject has none)."""
    return any(c.isalnum() for c in tok.text)


def _off_dateline(subject: Token) -> Token | None:
    """The subject, or its apposition when the parser made a dateline word (``MOSCOW``) the subject."""
    if not in_dateline(subject):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and not in_dateline(c)), None)


def verb_speaker(verb: Token, actors: Sequence[Actor]) -> Speaker:
    """The speaker named by the subject of a speech verb, with the verb as cue.

    Words read out ``on behalf of X`` are X's; conjoined subjects (``Russia and China said``)
    are named together, ``A and B``.
    """
    principal = _on_behalf_of(verb)
    if principal is not None:
        span = (phrase_start(principal), principal.idx + len(principal))
        return replace(noun_speaker(principal, actors), cue=verb.text, span=span)
    subject = speaker_subject(verb)
    if subject is None:
        return Speaker(None, None, cue=verb.text)
    span = (phrase_start(subject), subject.idx + len(subject))
    if subject.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | ORGANISATION_PRONOUNS:
        return replace(_pronoun_speaker(subject, verb, actors), cue=verb.text, span=span)
    speaker = noun_speaker(subject, actors)
    voice = _voice(verb) if speaker.actor is None or speaker.actor.kind != "person" else None
    if voice is not None:
        return replace(noun_speaker(voice, actors), cue=verb.text, span=(phrase_start(voice), voice.idx + len(voice)))
    speaker = _joint(replace(speaker, cue=verb.text, span=span), subject, actors)
    relative = _relative_subject(verb, subject)
    if relative is None:
        return speaker
    return replace(speaker, text=relative.text, span=(relative.idx, relative.idx + len(relative)))


def _relative_subject(verb: Token, subject: Token) -> Token | None:
    """The relative pronoun that is the speech verb's own subject when ``subject`` is what it stands for
    (``Republicans, who said A``): the mention that speaks in the verb's clause; the name stays the noun's."""
    for clause in (c for c in subject.children if c.dep_ == "relcl" and c.left_edge.i <= verb.i <= c.right_edge.i):
        relative = next((c for c in clause.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS), None)
        if relative is not None and (clause.i == verb.i or verb.is_ancestor(clause) or clause.is_ancestor(verb)):
            return relative
    return None


def mention_speaker(mention: Token, verb: Token, actors: Sequence[Actor]) -> Speaker:
    """The speaker named by a noun or pronoun that the parse does not make the verb's subject."""
    span = (phrase_start(mention), mention.idx + len(mention))
    if mention.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | ORGANISATION_PRONOUNS:
        return replace(_pronoun_speaker(mention, verb, actors), span=span)
    return replace(noun_speaker(mention, actors), span=span)


def _voice(verb: Token) -> Token | None:
    """The named person an institution speaks through in the same clause (``Beijing accused X of "Y",
    with its spokesman Zhao saying ...``): the one whose words the quote gives."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"):
        for comp in (c for c in prep.children if c.dep_ in ("pcomp", "pobj") and c.lemma_.lower() in SPEECH):
            subject = next((c for c in comp.children if c.dep_ == "nsubj"), None)
            named = subject is not None and (subject.pos_ == "PROPN" or subject.ent_type_ == "PERSON" or any(
                c.dep_ == "appos" and c.pos_ == "PROPN" for c in subject.children))
            if named:
                return subject
    return None


def _joint(speaker: Speaker, subject: Token, actors: Sequence[Actor]) -> Speaker:
    """A speaker with the parties conjoined to its subject (``Merkel and Hollande``) named with it."""
    others = [c for c in subject.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
    if not others or speaker.name is None:
        return speaker
    names = [speaker.name]
    for other in others:
        name = noun_speaker(other, actors).name
        if name and name not in names:
            names.append(name)
    if len(names) == 1:
        return speaker
    end = max(o.right_edge.idx + len(o.right_edge) for o in others)
    span = (speaker.span[0], end) if speaker.span else None
    return replace(speaker, name=" and ".join(names), text=chars(subject.doc, span[0], end) if span else speaker.text,
                   span=span)


def _on_behalf_of(verb: Token) -> Token | None:
    """X in ``said, reading a statement on behalf of X`` or ``spoke on behalf of X``: whose words they are."""
    for tok in [verb, *(c for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj") and c.i > verb.i)]:
        if tok.i != verb.i and tok.lemma_.lower() not in BEHALF_LEMMAS:
            continue
        ons = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"]
        for prep in (p for on in ons for p in on.children if p.lower_ == "behalf"):
            of = next((c for c in prep.children if c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None) if of is not None else None
            if obj is not None:
                return _named_object(obj)
    return None


def _named_object(obj: Token) -> Token:
    """The object itself, or the name a free relative gives it (``what they called the Committee``)."""
    if obj.lower_ != "what" and obj.pos_ not in ("VERB", "AUX"):
        return obj
    named = [t for t in obj.subtree if t.dep_ in ("oprd", "dobj", "attr") and t.pos_ == "PROPN"]
    return named[0] if named else obj


def _pronoun_speaker(pron: Token, verb: Token, actors: Sequence[Actor]) -> Speaker:
    """``he``/``they``: the paragraph's last person subject, its actor, a speaker above, the last person."""
    nearby = _paragraph_subject(pron, actors) if pron.lower_ in PERSON_PRONOUNS else None
    covering = nearby or covering_actor(actors, pron.idx)
    if covering:
        return actor_speaker(covering, pron.text)
    for anc in verb.ancestors:
        subject = speaker_subject(anc) if anc.lemma_.lower() in SPEECH else None
        if subject is not None and subject.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return replace(noun_speaker(subject, actors), text=pron.text)
    kinds = ("person",) if pron.lower_ in PERSON_PRONOUNS else ORGANISATION_KINDS
    subjects = [a for a in actors if _is_subject_mention(pron.doc, a)]
    recent = _recent_actor(subjects, pron.idx, kinds) or _recent_actor(actors, pron.idx, kinds)
    if recent is None and pron.lower_ in ORGANISATION_PRONOUNS:
        entity = _organisation_entity(pron)
        return Speaker(entity, pron.text) if entity else Speaker(None, pron.text)
    return actor_speaker(recent, pron.text) if recent else Speaker(None, pron.text)


def _organisation_entity(pron: Token) -> str | None:
    """The last organisation the parser named before ``it`` when no actor record names one."""
    before = [e for e in pron.doc.ents if e.label_ == "ORG" and e.end_char <= pron.idx]
    return before[-1].text.removeprefix("the ").removeprefix("The ") if before else None


def _paragraph_subject(pron: Token, actors: Sequence[Actor]) -> Actor | None:
    """The last named person that is a clause subject earlier in the pronoun's paragraph."""
    text = doc_text(pron.doc)
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
            unnamed = covering.name.lower().removeprefix("the ") == subject.lower_
            return (unnamed and _organisation_before(subject, actors)) or actor_speaker(covering, covering.text)
    described = _organisation_before(subject, actors)
    if described is not None:
        return described
    entity = _entity_of(subject)
    if entity is not None:
        name = entity.text[4:] if entity.text.lower().startswith("the ") else entity.text
        return _surname_speaker(subject, actors) or Speaker(name, entity.text)
    phrase = _phrase(subject)
    if subject.lower_ in TITLE_NOUNS and any(c.lower_ == "the" for c in subject.children):
        recent = _recent_actor(actors, subject.idx, ("person",))
        if recent:
            return actor_speaker(recent, phrase)
    lo, hi = phrase_start(subject), subject.idx + len(subject)
    inner = next((a for a in actors if a.start >= lo and a.end <= hi), None)
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


def _organisation_before(subject: Token, actors: Sequence[Actor]) -> Speaker | None:
    """``the ministry``, ``the group``: the organisation named before whose name holds the noun; for a
    noun that says nothing of its kind (``the group``), the last organisation named (issue 11); None
    for other nouns or when none was named."""
    noun = subject.lemma_.lower()
    if noun not in ORGANISATION_NOUNS or subject.pos_ != "NOUN" or [c.lower_ for c in subject.lefts] != ["the"]:
        return None
    start = phrase_start(subject)
    phrase = chars(subject.doc, start, subject.idx + len(subject))
    before = [a for a in actors if a.end <= start and a.kind in ORGANISATION_KINDS]
    holding = [a for a in before if noun in f"{a.name} {a.text}".lower().split()]
    if holding:
        return actor_speaker(holding[-1], phrase)
    entities = [e for e in subject.doc.ents
                if e.label_ == "ORG" and e.end_char <= start and noun in e.text.lower().split()]
    if entities:
        return Speaker(entities[-1].text.removeprefix("the "), phrase)
    if noun not in GENERIC_ORGANISATION_NOUNS:
        return None
    organisations = [a for a in before if a.kind in ("organisation", "group")]
    if organisations:
        return actor_speaker(organisations[-1], phrase)
    entity = _organisation_entity(subject)
    return Speaker(entity, phrase) if entity else None


def _named_by_words(subject: Token, phrase: str) -> Speaker:
    """A speaker named by the proper name a subject spells out, else by its own words when it has a noun
    (``organisers``, ``a military spokesman``: issue 11); a phrase without a noun is left unnamed."""
    name = _proper_name(subject)
    if name:
        return Speaker(name, name)
    return Speaker(phrase, phrase) if subject.pos_ in ("NOUN", "PROPN") else Speaker(None, phrase)


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
        if tok.ent_type_ in ENTITY_LABELS:
            return _entity_span(tok)
    return None


def _entity_span(tok: Token) -> Span:
    """The entity holding ``tok``, read from the IOB tags around it (never a scan of ``doc.ents``)."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


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


ORGANISATION_KINDS = ("organisation", "group", "country", "metonym")


def _recent_actor(actors: Sequence[Actor], offset: int, kinds: tuple[str, ...]) -> Actor | None:
    """The last actor of one of ``kinds`` that ends before ``offset``."""
    before = [a for a in actors if a.end <= offset and a.kind in kinds]
    return max(before, key=lambda a: a.end) if before else None


def actor_speaker(actor: Actor, text: str) -> Speaker:
    """A speaker named by an actor record; an institution used for its government keeps its own name."""
    return Speaker(_institution(actor) or actor.name, text, actor)


def _institution(actor: Actor) -> str | None:
    """The official name of a department (``the State Department``: U.S. Department of State), or the
    name of a metonym that is a building or office (``The White House``), not a city."""
    if actor.name in institution_names():
        return actor.name
    if actor.kind != "metonym" or not actor.text[:1].isalpha():
        return None
    words = actor.text.split()
    words = words[1:] if words[0].lower() == "the" else words
    return " ".join(words) if len(words) > 1 or words[0].lower() in INSTITUTION_WORDS else None

"""Events completed from an earlier event of the article.

- A reaction to an event named by a noun or pronoun ("condemned the coup", "called the move a
  mistake", "a charge the Kremlin denies", "The ministry denied it"): the target is the source of
  the nearest earlier event (for denials, of the nearest earlier accusation or criticism).
- "answered in kind": the earlier event's code, aimed back at its source.
- "followed suit": the earlier event's code, aimed at its target.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from eventlens.events.lexicon import Rule
from eventlens.events.mentions import ActorIndex, same_actor
from eventlens.events.modality import modality_of
from eventlens.events.records import Found
from eventlens.events.syntax import is_passive, naming_parts
from eventlens.events.verbs import verb_code, verb_sources
from eventlens.events.words import WORDS
from eventlens.models import Actor
from eventlens.parse import doc_text

# Nouns that name a kind of event, with the CAMEO roots an earlier event must have to be the one named.
MEETING_ROOTS = ("03", "04", "05", "06", "08")
_KINDS = {
    ("05", "06"): WORDS.words("antecedents", "agreement_nouns"),
    ("18", "19", "20"): WORDS.words("antecedents", "attack_nouns"),
    ("17", "18", "19", "20"): WORDS.words("antecedents", "takeover_nouns"),
    ("16", "17"): WORDS.words("antecedents", "coercion_nouns"),
    ("16", "17", "19"): WORDS.words("antecedents", "sanction_nouns"),
    MEETING_ROOTS: WORDS.words("antecedents", "meeting_nouns"),
}
EVENT_NOUNS = {noun: roots for roots, nouns in _KINDS.items() for noun in nouns}
# Nouns naming some earlier act without saying which: any earlier act that is not itself words.
GENERIC_NOUNS = WORDS.frozenset_of("antecedents", "generic_nouns")
VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13", "14"})
# Verbal acts of root 05 (praise, verbal defence, rallying, recognition, apology, forgiveness).
VERBAL_CODES = ("051", "052", "053", "054", "055", "056")
# Rejections that are acts, not words: scrapping a contract or a deal (121), a veto (129).
ACTING_REJECTIONS = ("121", "129")
# What a denial rejects: an accusation made earlier.
CLAIM_NOUNS = WORDS.frozenset_of("antecedents", "claim_nouns")
REACTION_ROOTS = frozenset({"05", "11", "12", "14"})
# Help given for an act ("support for the campaign") goes to whoever carries the act out: only a noun
# naming a kind of event is an antecedent here, never a generic one ("supported the move" is praise).
SUPPORT_ROOTS = frozenset({"06", "07"})
HOSTING = "043"  # "the meeting was hosted by X": X hosted the parties of the meeting named
DENIAL = "016"
ANTECEDENT_CONFIDENCE = 0.5


def awaits_antecedent(verb: Token, rule: Rule, code: str) -> bool:
    """Whether a target-less reaction names an earlier event as its object (no actor in it)."""
    if code == DENIAL:
        nouns = [c for c in verb.children if c.dep_ == "dobj"] or ([verb.head] if verb.dep_ == "relcl" else [])
        return any(n.lemma_.lower() in CLAIM_NOUNS for n in nouns)
    if code[:2] not in REACTION_ROOTS | SUPPORT_ROOTS and code != HOSTING:
        return False
    heads = _reaction_heads(verb, rule.target)
    if code == HOSTING:
        return any(EVENT_NOUNS.get(_noun_lemma(h)) == MEETING_ROOTS for h in heads)
    if code[:2] in SUPPORT_ROOTS:
        return any(_noun_lemma(h) in EVENT_NOUNS for h in heads)
    return any(_noun_lemma(h) in EVENT_NOUNS or h.lemma_.lower() in GENERIC_NOUNS for h in heads)


def _reaction_heads(verb: Token, preps: tuple[str, ...] | frozenset[str]) -> list[Token]:
    """Nouns that may name the earlier event: object, passive subject, named thing, and objects of the
    rule's prepositions on the verb or on its object ("support for the campaign")."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    holders = [verb, *(h for h in heads if h.dep_ == "dobj")]
    heads += [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps
              for p in c.children if p.dep_ == "pobj"]
    if (named := naming_parts(verb)[0]) is not None:
        heads.append(named)
    return heads


def _noun_lemma(noun: Token) -> str:
    """The event lemma of a noun: its own, or its compound modifier's ("coup attempt" -> coup)."""
    lemma = noun.lemma_.lower()
    if lemma in EVENT_NOUNS:
        return lemma
    return next((c.lemma_.lower() for c in noun.children if c.dep_ == "compound"
                 and c.lemma_.lower() in EVENT_NOUNS), lemma)


def antecedent_candidates(verb: Token, sent: Span, rule: Rule, index: ActorIndex) -> list[Found]:
    """Pending events of a reaction whose object names an earlier event (target filled in later)."""
    code, why = verb_code(rule, verb)
    if code is None or why == "intent" or not awaits_antecedent(verb, rule, code):
        return []
    sources, _ = verb_sources(verb, is_passive(verb), index, sent)
    label = f"verb:{rule.lemma} {why}".strip()
    return [Found(s, None, code, verb, sent, label, ANTECEDENT_CONFIDENCE, pending="antecedent") for s in sources]


def copy_mode(verb: Token) -> str | None:
    """``in_kind`` for "answered in kind", ``suit`` for "followed suit", else None."""
    if verb.lemma_.lower() == "follow" and any(c.dep_ == "dobj" and c.lower_ == "suit" for c in verb.children):
        return "suit"
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        if any(p.lower_ == "kind" for p in prep.children):
            return "in_kind"
    return None


def copy_candidates(verb: Token, sent: Span, mode: str, index: ActorIndex) -> list[Found]:
    """Pending events of "answered in kind" / "followed suit" (code and target filled in later)."""
    if modality_of(verb) != "ok":
        return []
    sources, _ = verb_sources(verb, False, index, sent)
    return [Found(s, None, "", verb, sent, f"copy:{mode}", ANTECEDENT_CONFIDENCE, pending=mode) for s in sources]


def resolve(found: list[Found]) -> list[Found]:
    """Complete pending events from the nearest earlier complete event; drop those left incomplete."""
    done = [f for f in found if f.pending is None]
    out = list(done)
    for item in (f for f in found if f.pending is not None):
        earlier = _antecedent_order(item, [f for f in done if f.trigger.idx < item.trigger.idx])
        completed = next((c for e in earlier if (c := _complete(item, e)) is not None), None)
        if completed is not None:
            out.append(completed)
    return out


def _antecedent_order(item: Found, earlier: list[Found]) -> list[Found]:
    """Earlier events in the order they are tried: nearest first; for "followed suit" in a new
    paragraph, the story's lead act comes first (the others did what the lead reported)."""
    nearest = sorted(earlier, key=lambda f: -f.trigger.idx)
    if item.pending != "suit" or any(_same_paragraph(item, f) for f in earlier):
        return nearest
    return nearest[::-1]


def _same_paragraph(a: Found, b: Found) -> bool:
    """Whether no blank line separates the two triggers."""
    lo, hi = sorted((a.trigger.idx, b.trigger.idx))
    return "\n\n" not in doc_text(a.sent.doc)[lo:hi].replace("\r", "")


def _antecedent_roots(item: Found) -> frozenset[str]:
    """The roots an earlier event may have to be the one a reaction names."""
    if item.code == DENIAL:
        return frozenset({"11", "12"})
    noun = _object_noun(item.trigger)
    if item.code == HOSTING:
        return frozenset(MEETING_ROOTS)
    if noun in EVENT_NOUNS:
        return frozenset(EVENT_NOUNS[noun])
    return frozenset(f"{r:02d}" for r in range(1, 21)) - VERBAL_ROOTS


def _names(item: Found, earlier: Found) -> bool:
    """Whether a reaction's object can name ``earlier``: its root fits, and a generic noun ("the
    move") names an act, not words of praise or apology."""
    generic = item.code not in (DENIAL, HOSTING) and _object_noun(item.trigger) not in EVENT_NOUNS
    if generic and earlier.code.startswith(ACTING_REJECTIONS):
        return True
    if earlier.code[:2] not in _antecedent_roots(item):
        return False
    return not (generic and earlier.code.startswith(VERBAL_CODES))


def _object_noun(verb: Token) -> str:
    """Lemma of the object noun of a reaction verb (object, passive subject or prepositional object);
    for help given for an act, the event noun it is given for."""
    if (named := naming_parts(verb)[0]) is not None:
        return _noun_lemma(named)
    copula = verb.lemma_.lower() == "be"  # a judgment: "the measures were unjustified"
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass") or (copula and c.dep_ == "nsubj"):
            lemma = _noun_lemma(c)
            if lemma in EVENT_NOUNS or lemma in GENERIC_NOUNS:
                return lemma
            helped = [_noun_lemma(o) for p in c.children if p.dep_ == "prep" and p.lower_ == "for"
                      for o in p.children if o.dep_ == "pobj"]
            return next((h for h in helped if h in EVENT_NOUNS), lemma)
    return next((p.lemma_.lower() for c in verb.children if c.dep_ == "prep" for p in c.children
                 if p.dep_ == "pobj"), "")


def _complete(item: Found, earlier: Found) -> Found | None:
    """``item`` completed from ``earlier``, or None when ``earlier`` does not fit."""
    if item.pending == "adversary":
        other = _adversary(item.source, earlier)
        return None if other is None else replace(item, target=other, pending=None, rule=item.rule + " context")
    if same_actor(item.source, earlier.source):
        return None
    if item.pending == "antecedent":
        if not _names(item, earlier):
            return None
        return replace(item, target=earlier.source, pending=None, rule=item.rule + " antecedent")
    if item.pending == "in_kind":
        return replace(item, target=earlier.source, code=earlier.code, pending=None)
    if earlier.target is None or same_actor(item.source, earlier.target):
        return None
    return replace(item, target=earlier.target, code=earlier.code, pending=None)


def _adversary(speaker: Actor, earlier: Found) -> Actor | None:
    """The other party of an earlier event the speaker's side took part in (by mention or by code)."""
    def side(actor: Actor | None) -> bool:
        return actor is not None and (same_actor(actor, speaker) or actor.code == speaker.code)

    if side(earlier.source) and earlier.target is not None and not side(earlier.target):
        return earlier.target
    if side(earlier.target) and not side(earlier.source):
        return earlier.source
    return None

"""Names used as places: the dateline, entities after a place preposition ("talks in Moscow",
"the outskirts of Kyiv", "an advance on Moscow") and seat buildings ("at the Kremlin")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from eventlens.models import Article
from eventlens.parse import doc_text
from eventlens.places.gazetteer import BUILDINGS
from eventlens.places.words import WORDS
from eventlens.text import columns, datelines
from eventlens.text import prepositions as text_prepositions

# "of", "on" and "off" give a place only after the words of PLACE_PARTS and MOVES_ON below
PLACE_PREPS = set(text_prepositions.PLACE_PREPS | {"of", "on", "off"})
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# "of" gives a place only after a part of a place ("the outskirts of Kyiv").
PLACE_PARTS = WORDS.set_of("find", "place_parts")
# "on" gives a place only after a move against it ("an advance on Moscow", "marched on Kyiv").
MOVES_ON = WORDS.set_of("find", "moves_on")
# "to"/"from" after an envoy's title is an accreditation, not a place ("ambassador to Kyiv").
ENVOY_NOUNS = WORDS.set_of("find", "envoy_nouns")
_BUILDING = re.compile(r"\b(?:the )?(?P<b>" + "|".join(
    sorted((re.escape(k) for k in BUILDINGS), key=len, reverse=True)) + r")\b", re.IGNORECASE)


def dateline_span(doc: Doc, article: Article) -> tuple[int, int] | None:
    """``MINSK, Feb. 12 -``: the offsets of the place of the first dateline (:mod:`eventlens.text.datelines`)
    in the body's first 2,000 characters."""
    line = next((d for d in datelines.of_doc(doc) if d.start >= article.body_start), None)
    return line.place if line is not None and line.start < article.body_start + 2000 else None


def place_spans(doc: Doc) -> Iterator[tuple[Span, bool]]:
    """Candidate spans used as places, with True where the place is a seat building."""
    seen: set[int] = set()
    for match in _BUILDING.finditer(doc_text(doc)):
        if not match.group("b")[:1].isupper():
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and used_as_place(span, building=True):
            seen.add(span.start_char)
            yield span, True
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS and ent.start_char not in seen and used_as_place(ent):
            seen.add(ent.start_char)
            yield ent, False
    for span in _untagged_names(doc):
        if span.start_char not in seen and used_as_place(span):
            yield span, False


def _bare_proper_object(cols: columns.Columns, i: int) -> bool:
    return cols.dep[i] == "pobj" and cols.pos[i] == "PROPN" and not cols.ent_type[i]


def _untagged_names(doc: Doc) -> Iterator[Span]:
    """Proper nouns after a preposition that the entity recogniser left out ("outskirts of Kyiv")."""
    for tok in columns.where(doc, _bare_proper_object):
        if tok.text[:1].isupper():
            start = tok.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
                start -= 1
            yield doc[start : tok.i + 1]


def used_as_place(span: Span, building: bool = False) -> bool:
    """The span is the object of a place preposition ("in Moscow", "on the outskirts of Kyiv")."""
    tok = span.root
    while tok.dep_ in {"conj", "appos", "compound"} and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_PREPS:
        return False
    return _prep_fits(tok.head, building)


def _prep_fits(prep: Token, building: bool) -> bool:
    """The preposition's own test: of after a place part, on after a move, to/from not after an envoy."""
    word, head = prep.lower_, prep.head
    if word == "of":
        return head.lower_ in PLACE_PARTS
    if word == "on":
        return not building and head.lemma_.lower() in MOVES_ON
    if word in {"to", "from"}:
        envoys = [head] if head.pos_ in {"NOUN", "PROPN"} else [c for c in head.children if c.dep_ == "dobj"]
        return not any(_is_envoy(t) for t in envoys)
    return True


def _is_envoy(tok: Token) -> bool:
    """An envoy's title ("ambassador", "its ambassadors")."""
    return tok.lower_ in ENVOY_NOUNS or tok.lemma_.lower() in ENVOY_NOUNS


def place_head(span: Span) -> Token | None:
    """The word a place describes: the head of its preposition, climbing over place parts
    ("took to the streets of Libreville": took)."""
    tok = span.root
    while tok.dep_ in {"conj", "appos", "compound"} and tok.head.i != tok.i:
        tok = tok.head
    while tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        head = tok.head.head
        if head.lower_ not in PLACE_PARTS or head.dep_ != "pobj":
            return head
        tok = head
    return None


__all__ = ["PLACE_PREPS", "dateline_span", "place_head", "place_spans", "used_as_place"]

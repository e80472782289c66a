"""Hand-built parses for stage tests that run without the trained spaCy pipeline.

A stage takes a ``Doc`` and an ``Article``; here the Doc comes from ``spacy.blank("en")`` (its
tokenizer only) with the heads, labels, tags, lemmas and entities a test writes down, so a test
states exactly the parse the stage sees, and a change of the trained model cannot move it.

``blank_article(text, table, ents=...)`` builds both. ``table`` has one line per token of the
text that is not white space, in order::

    Russia     PROPN  nsubj  condemned
    condemned  VERB   ROOT   -          condemn
    Ukraine    PROPN  dobj   condemned
    .          PUNCT  punct  condemned

columns: the word (checked against the tokenizer's), the part of speech (``VERB/VBZ`` gives the
fine tag too; else a default tag of the part of speech), the dependency label, the head (``-`` for
a root; else a word of the table, ``said#2`` for its second occurrence) and an optional lemma
(default: the word, lower-cased unless a proper noun). Line breaks of the text ("\\n\\n") are white
space tokens of their own, attached to the token before them, as spaCy's parser leaves them. A
root starts a sentence, so a table with two roots is two sentences.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import pytest
import spacy
import spacy.util
from spacy.language import Language
from spacy.tokens import Doc

from eventlens.ingest import make_article
from eventlens.models import Article
from eventlens.parse import TEXT_KEY, parse_text

# The fine tag a part of speech gets when the table gives none (Penn Treebank, as en_core_web_sm).
DEFAULT_TAGS = {
    "PROPN": "NNP", "NOUN": "NN", "VERB": "VBD", "AUX": "VBD", "ADJ": "JJ", "ADV": "RB", "ADP": "IN",
    "DET": "DT", "PRON": "PRP", "PART": "RP", "CCONJ": "CC", "SCONJ": "IN", "NUM": "CD", "PUNCT": ".",
    "SPACE": "_SP", "X": "XX", "SYM": "SYM", "INTJ": "UH",
}
PUNCT_TAGS = {",": ",", "``": "``", "\"": "``", "''": "''", ":": ":", "-": ":", "--": ":", "(": "-LRB-",
              ")": "-RRB-", "$": "$"}


@lru_cache(maxsize=1)
def blank_nlp() -> Language:
    """``spacy.blank("en")``: a tokenizer and a vocabulary, no trained component."""
    return spacy.blank("en")


def _head_index(ref: str, words: list[str], positions: list[int]) -> int:
    """The token index of the table word ``ref`` (``word`` or ``word#n``, the n-th occurrence)."""
    word, _, nth = ref.rpartition("#") if "#" in ref[1:] else (ref, "", "1")
    hits = [positions[k] for k, w in enumerate(words) if w == word]
    if len(hits) < int(nth):
        raise ValueError(f"head {ref!r} is not a word of the table {words}")
    return hits[int(nth) - 1]


def _iob(doc_words: list[str], spaces: list[bool], text: str, ents: Mapping[str, str]) -> list[str]:
    """IOB entity tags from ``{"Vladimir Putin": "PERSON", "Moscow#2": "GPE"}`` (text, n-th occurrence)."""
    starts, at = [], 0
    for word, space in zip(doc_words, spaces, strict=True):
        starts.append(at)
        at += len(word) + space
    tags = ["O"] * len(doc_words)
    for ref, label in ents.items():
        phrase, _, nth = ref.rpartition("#") if "#" in ref[1:] else (ref, "", "1")
        begin = -1
        for _ in range(int(nth)):
            begin = text.index(phrase, begin + 1)
        inside = [i for i, s in enumerate(starts) if begin <= s < begin + len(phrase)]
        if not inside or starts[inside[0]] != begin or starts[inside[-1]] + len(doc_words[inside[-1]]) != begin + len(
                phrase):
            raise ValueError(f"entity {ref!r} does not cover whole tokens")
        tags[inside[0]] = f"B-{label}"
        for i in inside[1:]:
            tags[i] = f"I-{label}"
    return tags


def blank_doc(text: str, table: str, ents: Mapping[str, str] | None = None) -> Doc:
    """A Doc of ``text`` (tokenized by ``spacy.blank("en")``) with the parse written in ``table``."""
    nlp = blank_nlp()
    tokens = nlp.make_doc(text)
    words = [t.text for t in tokens]
    spaces = [bool(t.whitespace_) for t in tokens]
    solid = [t.i for t in tokens if not t.is_space]
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    if [r[0] for r in rows] != [words[i] for i in solid]:
        raise ValueError(f"table words {[r[0] for r in rows]} != tokens {[words[i] for i in solid]}")
    row_words = [r[0] for r in rows]
    heads, deps, pos, tags, lemmas = list(range(len(words))), ["dep"] * len(words), ["SPACE"] * len(words), \
        ["_SP"] * len(words), list(words)
    for row, i in zip(rows, solid, strict=True):
        if len(row) not in (4, 5):
            raise ValueError(f"table line {row}: word POS dep head [lemma]")
        word, part, dep, head = row[:4]
        coarse, _, fine = part.partition("/")
        pos[i], deps[i] = coarse, dep
        tags[i] = fine or (PUNCT_TAGS.get(word, ".") if coarse == "PUNCT" else DEFAULT_TAGS[coarse])
        lemmas[i] = row[4] if len(row) == 5 else word if coarse == "PROPN" else word.lower()
        heads[i] = i if head == "-" else _head_index(head, row_words, solid)
        if (head == "-") != (dep == "ROOT"):
            raise ValueError(f"table line {row}: a root has head '-' and label ROOT")
    for i, token in enumerate(tokens):  # white space hangs on the token before it
        if token.is_space:
            heads[i] = i - 1 if i else i
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              ents=_iob(words, spaces, text, ents or {}))
    doc.user_data[TEXT_KEY] = text
    assert doc.text == text
    return doc


def blank_article(text: str, table: str, ents: Mapping[str, str] | None = None, date: str | None = "2022-02-10",
                  id: str = "t1") -> tuple[Doc, Article]:
    """(Doc, Article) for ``text`` published on ``date``: the Doc is the hand-built parse of the text
    the stages see, ``parse_text(article)`` (a ``date:`` header line blanked, offsets kept)."""
    article = make_article(text, date=date, id=id)
    return blank_doc(parse_text(article), table, ents), article


class TrainedModelCalled(AssertionError):
    """A test on hand-built Docs reached for a trained spaCy pipeline."""


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise TrainedModelCalled(f"a trained pipeline was asked for: {args} {kwargs}")


@contextmanager
def no_trained_model() -> Iterator[None]:
    """Within the block, ``spacy.load``, ``eventlens.parse.load_nlp`` (and the pipeline's copy) raise,
    and no ``en_core_web_*`` package may be imported: a test that passes ran on its hand-built parse."""
    import eventlens.parse
    import eventlens.pipeline

    before = {name for name in sys.modules if name.startswith("en_core_web")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spacy, "load", _refuse)
        patch.setattr(spacy.util, "load_model", _refuse)
        patch.setattr(eventlens.parse, "load_nlp", _refuse)
        patch.setattr(eventlens.pipeline, "load_nlp", _refuse)
        yield
    loaded = {name for name in sys.modules if name.startswith("en_core_web")} - before
    if loaded:
        raise TrainedModelCalled(f"trained pipeline packages imported: {sorted(loaded)}")

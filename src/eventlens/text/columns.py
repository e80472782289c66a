"""The parse of a Doc as plain columns, read once per Doc and shared by every stage.

A stage that walks the whole document (``for tok in doc``) to find the few tokens it cares about
makes spaCy build a Token object for every word; with a dozen such walks per article that is most
of what the stages cost after parsing. :func:`of_doc` reads the parse into Python lists once (from
``Doc.to_array``, no Token objects) and keeps them in ``doc.user_data``; a stage scans the lists for
its candidates (:func:`where`) and builds Tokens only for those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token

KEY = "eventlens_columns"


@dataclass(frozen=True)
class Columns:
    """Per token index: ``text``, ``lower_``, lower-cased ``lemma_``, ``pos_``, ``tag_``, ``dep_``,
    ``ent_type_``, ``is_space``, ``is_alpha``, the head's index and the start offset ``idx``."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    is_space: list[bool]
    is_alpha: list[bool]
    head: list[int]
    idx: list[int]


def of_doc(doc: Doc) -> Columns:
    """The columns of ``doc`` (read once per Doc, kept in ``doc.user_data``)."""
    found = doc.user_data.get(KEY)
    if found is None:
        found = doc.user_data[KEY] = _read(doc)
    return found


def _read(doc: Doc) -> Columns:
    attrs: list[int | str] = ["LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "IS_SPACE", "IS_ALPHA", "HEAD", "IDX",
                              "ORTH"]
    array = doc.to_array(attrs).reshape(len(doc), len(attrs)) if len(doc) else np.zeros((0, len(attrs)), np.uint64)
    strings = doc.vocab.strings
    memo: dict[int, str] = {0: ""}
    lemma_memo: dict[int, str] = {0: ""}

    def named(column: int) -> list[str]:
        out = []
        for key in array[:, column].tolist():
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings[key]
            out.append(found)
        return out

    lemmas = []
    for key in array[:, 1].tolist():
        found = lemma_memo.get(key)
        if found is None:
            found = lemma_memo[key] = strings[key].lower()
        lemmas.append(found)
    offsets = array[:, 8].astype(np.uint64).view(np.int64)  # relative heads, stored unsigned
    heads = (np.arange(len(doc), dtype=np.int64) + offsets).tolist()
    return Columns(named(10), named(0), lemmas, named(2), named(3), named(4), named(5),
                   [bool(v) for v in array[:, 6].tolist()], [bool(v) for v in array[:, 7].tolist()], heads,
                   array[:, 9].astype(np.int64).tolist())


def where(doc: Doc, keep: Callable[[Columns, int], bool]) -> Iterator[Token]:
    """The tokens of ``doc`` whose columns pass ``keep(columns, i)``, in order (Tokens built only for them)."""
    cols = of_doc(doc)
    for i in range(len(doc)):
        if keep(cols, i):
            yield doc[i]

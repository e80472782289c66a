"""The last step: mentions become Actor records with character offsets and coreference ids."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from eventlens.actors.mention import Mention, first_of
from eventlens.models import Actor, Article

SHORT_CODES = {"IGOWSTNAT": "NATO", "IGOEUREEC": "EU", "IGOUNO": "UNO", "IGOAFR": "AU", "IGOG7": "G7"}

def to_actors(doc: Doc, article: Article, mentions: Sequence[Mention]) -> list[Actor]:
    """Actor records with char offsets, ids in text order and ``ref`` to the first mention."""
    ids: dict[int, str] = {}
    first_by_name: dict[tuple[str, str], str] = {}
    actors: list[Actor] = []
    for n, m in enumerate(sorted(mentions, key=lambda m: (m.start, m.end)), 1):
        ids[id(m)] = f"a{n}"
        span: Span = doc[m.start : m.end]
        start, end = span.start_char, span.end_char
        key = (m.name.lower(), m.code)
        ref = first_by_name.get(key) or _ref_id(ids, m)
        first_by_name.setdefault(key, ref or f"a{n}")
        alt = _alt_codes(m)
        actors.append(Actor(f"a{n}", article.text[start:end], start, end, m.code, m.name, alt, m.kind, m.rule, ref))
    return actors


def _ref_id(ids: dict[int, str], mention: Mention) -> str | None:
    """Id of the first mention in the antecedent chain (None for a first mention)."""
    if mention.antecedent is None:
        return None
    return ids.get(id(first_of(mention)))


def _alt_codes(mention: Mention) -> tuple[str, ...]:
    """Short IGO codes (NATO, EU, UNO ...), the country code of a metonym and the dictionary's
    alternatives ("[ELR/GAL]")."""
    alt = list(mention.alt_codes)
    for long, short in SHORT_CODES.items():
        if mention.code == long:
            alt.append(short)
    if mention.kind == "metonym" and len(mention.code) > 3:
        alt.append(mention.code[:3])
    return tuple(dict.fromkeys(a for a in alt if a != mention.code))

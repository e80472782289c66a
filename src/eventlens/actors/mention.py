"""The records the actor stage builds: dictionary pieces and the mentions made from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from eventlens.actors.lexicon import LexEntry
from eventlens.actors.petrarch import Agent

SUBJECT_DEPS = {"nsubj", "nsubjpass"}

@dataclass(frozen=True, slots=True)
class Piece:
    """A dictionary entry, agent noun or unknown PERSON entity over tokens [start, end)."""

    start: int
    end: int
    entry: LexEntry | None = None
    agent: Agent | None = None
    code: str | None = None
    kind: str = "person"
    undated: bool = False


@dataclass(slots=True)
class Mention:
    """A mention being built: token span, code, name and coreference facts."""

    start: int
    end: int
    code: str
    name: str
    kind: str
    rule: str
    titles: frozenset[str] = frozenset()
    antecedent: Mention | None = None
    alt_codes: tuple[str, ...] = field(default=())


def is_person_like(mention: Mention) -> bool:
    """A person, or a title that resolved to one."""
    root = mention
    while root.antecedent is not None:
        root = root.antecedent
    return root.kind == "person"


def is_outlet(mention: Mention) -> bool:
    """A news organisation by name ("CNN", "SANA", "Haaretz"): an organisation with a media
    block in its code."""
    code = mention.code
    return mention.kind == "organisation" and any(code[i : i + 3] == "MED" for i in range(0, len(code) - 2, 3))


def first_of(mention: Mention) -> Mention:
    while mention.antecedent is not None:
        mention = mention.antecedent
    return mention


def is_subject(doc: Doc, mention: Mention) -> bool:
    return doc[mention.start : mention.end].root.dep_ in SUBJECT_DEPS

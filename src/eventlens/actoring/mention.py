"""The records the actor stage builds: dictionary pieces and the mentions made from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from eventlens.dictionaries import Agent, LexEntry

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


def first_of(mention: Mention) -> Mention:
    while mention.antecedent is not None:
        mention = mention.antecedent
    return mention


def is_subject(doc: Doc, mention: Mention) -> bool:
    return doc[mention.start : mention.end].root.dep_ in SUBJECT_DEPS

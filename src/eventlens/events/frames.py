"""Event frames: an intent, appeal, demand, refusal or threat whose content is another act.

"Agreed to withdraw its troops" is not a withdrawal but an intent to yield (0356); "refused to lift
the embargo" a refusal to ease sanctions (1244); "will not end the strike" a refusal too. The frame
words and the code each frame gives each kind of content are data (``data/frames.toml``, from the
CAMEO codebook's parallel roots 02/03/10/12/13); this module finds the frame around a word the
event model picked and recodes it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from eventlens.events.modality import is_conditional, modality_of
from eventlens.events.syntax import governing_verb

FRAMES_FILE = "frames.toml"
REFUSE = "refuse"
FUTURE_MODALS = frozenset({"will", "would", "wo", "'ll", "shall"})


@dataclass(frozen=True)
class FrameKind:
    """One kind of frame: its name, CAMEO root, frame lemmas, column in the content table, and
    whether the frame's own object is the target before the content's."""

    name: str
    root: str
    words: frozenset[str]
    column: int
    target_first: bool


@dataclass(frozen=True)
class Frame:
    """A frame found around a word: the framing word (the event's trigger), the content act, the
    kind of frame and the code it gives."""

    kind: FrameKind
    word: Token
    content: Token
    code: str


@dataclass(frozen=True)
class FrameTable:
    """The frame kinds and the content-code table of ``data/frames.toml``."""

    kinds: tuple[FrameKind, ...]
    content: dict[str, tuple[str, ...]]

    def kind_of(self, lemma: str) -> FrameKind | None:
        return next((k for k in self.kinds if lemma in k.words), None)

    def named(self, name: str) -> FrameKind:
        return next(k for k in self.kinds if k.name == name)

    def code_for(self, kind: FrameKind, content_code: str) -> str | None:
        """The code a frame gives a content act (its longest listed prefix decides); None when
        CAMEO has none. A content already coded in the frame's root keeps its code."""
        if content_code[:2] == kind.root:
            return content_code
        if (mirrored := self._mirrored(content_code)) is not None:
            content_code = mirrored
        for n in range(len(content_code), 1, -1):
            row = self.content.get(content_code[:n])
            if row is not None:
                return row[kind.column] or None
        return None

    def _mirrored(self, code: str) -> str | None:
        """"is willing to withdraw" read as 124 (refuse to yield): a code of another frame's root
        stands for the act it frames, found in that frame's column (124 -> 08)."""
        other = next((k for k in self.kinds if k.root == code[:2]), None)
        if other is None:
            return None
        return next((act for act, row in self.content.items() if row[other.column] == code), None)


def read_frames(text: str, known_codes: set[str] | None = None) -> FrameTable:
    """Parse the frames file; raise ValueError naming a code the ontology does not know."""
    data = tomllib.loads(text)
    kinds = tuple(
        FrameKind(name, str(spec["root"]), frozenset(spec["words"]), int(spec["column"]), spec["target"] == "frame")
        for name, spec in data["frame"].items()
    )
    content = {str(k): tuple(str(c) for c in v) for k, v in data["content"].items()}
    if known_codes is not None:
        bad = sorted({c for row in content.values() for c in row if c and c not in known_codes})
        if bad:
            raise ValueError(f"{FRAMES_FILE}: codes not in the CAMEO ontology: {', '.join(bad)}")
    return FrameTable(kinds, content)


def packaged_frames_text() -> str:
    """The text of the packaged ``data/frames.toml``."""
    return (resources.files("eventlens") / "data" / FRAMES_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def frame_table() -> FrameTable:
    """The packaged frame table, its codes checked against the packaged CAMEO ontology."""
    from eventlens import ontology

    return read_frames(packaged_frames_text(), set(ontology.load().codes()))


def frame_of(token: Token, code: str, table: FrameTable | None = None) -> Frame | None:
    """The frame around a word the model coded ``code``: the word is a frame verb with an act as
    its to-infinitive ("agreed to resign"), the act under one ("resign" in "agreed to resign", or
    a noun in its clause), or a negated future ("will not end the strike", a refusal). None when
    there is no frame or CAMEO has no code for this frame and content."""
    table = table or frame_table()
    verb = governing_verb(token)
    frame_word, content = None, None
    if verb.lemma_.lower() in _all_words(table) and (act := _xcomp(verb)) is not None:
        frame_word, content = verb, act
    elif verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.head.lemma_.lower() in _all_words(table):
        frame_word, content = verb.head, verb
    if frame_word is not None and content is not None:
        kind = table.kind_of(frame_word.lemma_.lower())
        if kind is None or any(c.dep_ == "neg" for c in frame_word.children):
            return None
    elif negated_future(verb):
        kind, frame_word, content = table.named(REFUSE), verb, verb
    else:
        return None
    new = table.code_for(kind, code)
    return Frame(kind, frame_word, content, new) if new else None


def _all_words(table: FrameTable) -> frozenset[str]:
    return frozenset().union(*(k.words for k in table.kinds))


def _xcomp(word: Token) -> Token | None:
    return next((c for c in word.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def negated_future(verb: Token) -> bool:
    """"will not end the strike", "won't accept": a verb under will/would and a negation, not in
    a condition."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    children = list(verb.children)
    negated = any(c.dep_ == "neg" for c in children)
    future = negated and any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in children)
    return future and not is_conditional(verb)


def frame_stands(frame: Frame) -> bool:
    """Whether the frame itself happened: a frame word that is not negated, modal or conditional
    (for an adjective, its copula); a refusal by negated future stands unless conditional."""
    if frame.kind.name == REFUSE and frame.word.i == frame.content.i:
        return True
    word = frame.word
    if word.pos_ == "ADJ":
        word = governing_verb(word)
    return word.pos_ not in ("VERB", "AUX") or modality_of(word) != "blocked"

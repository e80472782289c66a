"""Verb dictionaries in the PETRARCH/TABARI format: read them and match their patterns on tokens.

Both the older TABARI/PETRARCH-1 format (``PETR.Validate.verbs.txt``: ``- SAID * TO ATTEND [082]``,
``$``/``+`` for source/target) and the PETRARCH2 format (``CAMEO.2.0.txt``: ``{NOUN PHRASE}``,
``(PREP PHRASE)``) are read into the same structures:

- synonym sets ``&NAME`` with ``+`` members (members may name other sets);
- verb blocks ``--- VERB [code] ---``: the verb, its synonyms (``+`` optional, irregular forms in
  ``{...}``, an own ``[code]`` allowed) and pattern lines ``- pre words * post words [code]``.

A pattern matches a verb token when its pre-verb elements appear, in order, before the verb and its
post-verb elements after it; ``_`` joins elements that must be adjacent. Words match a token's
lower-cased text or lemma (words of four letters or more also match as stems).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

SLOTS = {"$": "source", "+": "target", "%": "compound", "^": "skip"}
_CODE = re.compile(r"\[([^\]]*)\]")
_HEADER = re.compile(r"^-{3}\s*(.+?)\s*-{3}\s*$")
_TOKEN = re.compile(r"\*|[^\s_{}()*]+|_")


@dataclass(frozen=True, slots=True)
class Elem:
    """One pattern element: word alternatives (each a word sequence) or an actor slot."""

    kind: str  # "word", "source", "target", "compound", "skip"
    words: tuple[tuple[str, ...], ...] = ()
    joined: bool = False  # must directly follow the element before it (the verb counts)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled pattern line: elements before and after the verb, and the code it gives."""

    pre: tuple[Elem, ...]
    post: tuple[Elem, ...]
    code: str | None
    text: str
    line: int
    verb_joined: bool = False  # "IN_*": the last pre element touches the verb

    @property
    def weight(self) -> int:
        """How specific the pattern is: the number of its word and slot elements."""
        return sum(1 for e in (*self.pre, *self.post) if e.kind != "skip")

    def slots(self) -> set[str]:
        """The actor slots the pattern names."""
        return {e.kind for e in (*self.pre, *self.post) if e.kind in ("source", "target", "compound")}


@dataclass(frozen=True, slots=True)
class VerbForm:
    """A verb or synonym of a block: its words (``CORDON OFF``), which word is the verb, its own code."""

    words: tuple[str, ...]
    head: int
    code: str | None = None

    @property
    def key(self) -> str:
        return self.words[self.head]


@dataclass(slots=True)
class VerbBlock:
    """One ``--- VERB [code] ---`` block."""

    name: str
    code: str | None
    forms: list[VerbForm] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(slots=True)
class VerbFile:
    """A read verb dictionary: blocks, synonym sets and the lines that could not be read."""

    name: str
    blocks: list[VerbBlock] = field(default_factory=list)
    synsets: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def pattern_count(self) -> int:
        """Number of compiled pattern lines."""
        return sum(len(b.patterns) for b in self.blocks)


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """A pattern that matched a verb token, with the token indexes its actor slots took."""

    pattern: Pattern
    slots: dict[str, int]


# ---- reading ------------------------------------------------------------------------------------


def _code_of(text: str) -> str | None:
    """The code in ``[...]`` (None for ``---`` or an empty code)."""
    m = _CODE.search(text)
    if not m:
        return None
    code = m.group(1).strip().split()[0] if m.group(1).strip() else ""
    return None if not code or set(code) <= {"-"} else code


def _strip(line: str) -> str:
    """A line without its ``#`` comment and surrounding space."""
    return line.split("#", 1)[0].strip()


class _Reader:
    """Line-by-line state of the verb-file reader."""

    def __init__(self, name: str) -> None:
        self.out = VerbFile(name)
        self.raw_patterns: list[tuple[VerbBlock, str, int]] = []
        self.block: VerbBlock | None = None
        self.set_name: str | None = None

    def feed(self, raw: str, number: int) -> None:
        """Read one line."""
        line = _strip(raw)
        if not line or line.startswith("<!--") or line.startswith("####"):
            return
        header = _HEADER.match(line)
        if header:
            name = _CODE.sub("", header.group(1)).strip().strip("_")
            self.block, self.set_name = VerbBlock(name, _code_of(header.group(1))), None
            self.out.blocks.append(self.block)
        elif line.startswith("&"):
            self.set_name = line[1:].split()[0].strip("_").upper()
            self.out.synsets.setdefault(self.set_name, [])
        elif line.startswith("+") and self.set_name is not None:
            self.out.synsets[self.set_name].append(line[1:].strip())
        elif line.startswith("-") and self.block is not None:
            self.raw_patterns.append((self.block, line[1:], number))
        elif self.block is not None:
            self.block.forms.extend(_forms(line))
        else:
            self.out.problems.append(f"{self.out.name}:{number}: line outside any block: {line[:60]}")


def _form(text: str, code: str | None) -> VerbForm | None:
    """One verb form written ``WORD``, ``CORDON_OFF`` or ``WIRE_+TAP`` (``+`` marks the verb)."""
    parts = [p for p in text.strip().lstrip("+").split("_") if p]
    if not parts:
        return None
    head = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    words = tuple(p.lstrip("+").lower() for p in parts)
    return VerbForm(words, head, code) if all(words) else None


def _forms(line: str) -> list[VerbForm]:
    """The forms of a verb line: the word itself and its ``{irregular forms}``, sharing its code."""
    code = _code_of(line)
    body = _CODE.sub("", line)
    main, _, rest = body.partition("{")
    irregular = rest.split("}", 1)[0].split()
    found = [_form(w, code) for w in (*main.split()[:1], *irregular)]
    return [f for f in found if f is not None]


def read_verb_lines(lines: Iterable[str], name: str = "<text>") -> VerbFile:
    """Read a verb dictionary from lines; unreadable lines go to ``problems``, never raise.

    lines: the file's lines (TABARI/PETRARCH-1 or PETRARCH2 format).
    name (str): the file name, for problem messages.
    RETURNS (VerbFile): blocks with compiled patterns (synonym sets expanded).
    """
    reader = _Reader(name)
    for number, raw in enumerate(lines, start=1):
        reader.feed(raw, number)
    for block, text, number in reader.raw_patterns:
        try:
            block.patterns.append(compile_pattern(text, reader.out.synsets, number))
        except ValueError as exc:
            reader.out.problems.append(f"{name}:{number}: {exc}")
    return reader.out


def read_verb_file(path: str | Path) -> VerbFile:
    """Read a verb dictionary file (see :func:`read_verb_lines`)."""
    path = Path(path)
    with path.open(encoding="utf-8", errors="replace") as fh:
        return read_verb_lines(fh, path.name)


# ---- compiling patterns -------------------------------------------------------------------------


def expand_set(name: str, synsets: dict[str, list[str]], depth: int = 0) -> list[tuple[str, ...]]:
    """Word sequences of a synonym set, members naming other sets expanded."""
    if depth > 5 or name not in synsets:
        raise ValueError(f"unknown or circular synonym set &{name}")
    out: list[tuple[str, ...]] = []
    for member in synsets[name]:
        if member.startswith("&"):
            out.extend(expand_set(member[1:].strip("_ ").upper(), synsets, depth + 1))
        else:
            words = tuple(w.lower() for w in re.split(r"[\s_]+", member) if w)
            if words:
                out.append(words)
    return out


def _elem(token: str, joined: bool, synsets: dict[str, list[str]]) -> Elem:
    """The element of one pattern token."""
    if token in SLOTS:
        return Elem(SLOTS[token], (), joined)
    if token.startswith("&"):
        return Elem("word", tuple(expand_set(token[1:].upper(), synsets)), joined)
    return Elem("word", ((token.lower(),),), joined)


def _elems(tokens: list[str], synsets: dict[str, list[str]]) -> list[tuple[Elem | None, bool]]:
    """Elements (None for the verb ``*``) with their joined flags, from raw tokens and ``_``."""
    out: list[tuple[Elem | None, bool]] = []
    joined = False
    for token in tokens:
        if token == "_":
            joined = bool(out)
            continue
        out.append((None if token == "*" else _elem(token, joined, synsets), joined))
        joined = False
    return out


def compile_pattern(text: str, synsets: dict[str, list[str]], line: int = 0) -> Pattern:
    """Compile one pattern line (without its leading ``-``).

    Raises ValueError when the line has no ``*`` or names an unknown synonym set.
    """
    code = _code_of(text)
    body = _CODE.sub(" ", text).strip()
    elems = _elems(_TOKEN.findall(body), synsets)
    star = next((i for i, (e, _) in enumerate(elems) if e is None), None)
    if star is None:
        raise ValueError(f"pattern without '*': {text.strip()[:60]}")
    pre = tuple(e for e, _ in elems[:star] if e is not None)
    post = tuple(e for e, _ in elems[star + 1 :] if e is not None)
    return Pattern(pre, post, code, text.strip(), line, verb_joined=elems[star][1])


# ---- matching -----------------------------------------------------------------------------------


def word_matches(word: str, token: Token) -> bool:
    """Whether a dictionary word matches a token (text or lemma; a stem when four letters or more)."""
    return _word_hit(word, token.lower_, token.lemma_.lower())


def _word_hit(word: str, low: str, lemma: str) -> bool:
    return word == low or word == lemma or (len(word) >= 4 and low.startswith(word))


@dataclass(frozen=True, slots=True)
class Words:
    """The lower-case text and lemma of each token of a sentence, read from spaCy once, for matching
    many patterns against the same sentence (``words_of``). ``index`` maps every word a dictionary
    word can match here (text, lemma, and each stem of four letters or more) to its positions."""

    low: tuple[str, ...]
    lemma: tuple[str, ...]
    tokens: tuple[Token, ...]
    index: dict[str, tuple[int, ...]]

    def __len__(self) -> int:
        return len(self.low)

    def before(self, verb: int) -> Words:
        """The words left of position ``verb``, nearest first."""
        return _make(self.low[verb - 1 :: -1], self.lemma[verb - 1 :: -1], self.tokens[verb - 1 :: -1]) if verb \
            else _make((), (), ())


def words_of(tokens: Iterable[Token]) -> Words:
    """The matching view of a sentence's tokens."""
    toks = tuple(tokens)
    return _make(tuple(t.lower_ for t in toks), tuple(t.lemma_.lower() for t in toks), toks)


def _make(low: tuple[str, ...], lemma: tuple[str, ...], tokens: tuple[Token, ...]) -> Words:
    index: dict[str, list[int]] = {}
    for i, (w, m) in enumerate(zip(low, lemma, strict=False)):
        keys = {w, m}
        keys.update(w[:k] for k in range(4, len(w)))
        for key in keys:
            index.setdefault(key, []).append(i)
    return Words(low, lemma, tokens, {k: tuple(v) for k, v in index.items()})


def _seq_at(words: tuple[str, ...], sent: Words, at: int) -> bool:
    """Whether the word sequence matches the sentence's words starting at ``at``."""
    if at + len(words) > len(sent.low):
        return False
    low, lemma = sent.low, sent.lemma
    return all(_word_hit(w, low[at + k], lemma[at + k]) for k, w in enumerate(words))


def _word_hit_at(elem: Elem, sent: Words, first: int, last: int) -> tuple[int, int] | None:
    """The first position in ``first..last`` where one of the element's word sequences matches, with
    its length (the sequences tried in the element's order at each position)."""
    starts = sorted({p for w in elem.words for p in sent.index.get(w[0], ()) if first <= p <= last})
    for at in starts:
        n = next((len(w) for w in elem.words if _seq_at(w, sent, at)), None)
        if n is not None:
            return at, n
    return None


def _scan(elems: Sequence[Elem], sent: Words, start: int, first_joined: bool,
          is_actor: Callable[[Token], bool]) -> dict[str, int] | None:
    """Match elements in order from ``start``; the slot positions, or None when one is missing."""
    pos, size = start, len(sent)
    slots: dict[str, int] = {}
    for k, elem in enumerate(elems):
        if elem.kind == "skip":
            continue
        adjacent = elem.joined or (k == 0 and first_joined)
        last = min(pos if adjacent else size - 1, size - 1)
        if elem.kind == "word":
            hit = _word_hit_at(elem, sent, pos, last)
        else:
            hit = next(((at, 1) for at in range(pos, last + 1) if is_actor(sent.tokens[at])), None)
        if hit is None:
            return None
        if elem.kind != "word":
            slots.setdefault(elem.kind, hit[0])
        pos = hit[0] + hit[1]
    return slots


def match_pattern(pattern: Pattern, tokens: Sequence[Token] | Words, verb: int,
                  is_actor: Callable[[Token], bool], before: Words | None = None) -> PatternMatch | None:
    """Match a pattern around ``tokens[verb]`` (the tokens of one sentence, or their ``words_of``;
    ``before`` is ``words.before(verb)`` when the caller has it)."""
    sent = tokens if isinstance(tokens, Words) else words_of(tokens)
    post = _scan(pattern.post, sent, verb + 1, pattern.post[0].joined if pattern.post else False, is_actor)
    if post is None:
        return None
    pre_elems = _reverse_joins(pattern.pre, pattern.verb_joined)
    pre = _scan(pre_elems, before if before is not None else sent.before(verb), 0, pattern.verb_joined, is_actor)
    if pre is None:
        return None
    pre = {k: verb - 1 - v for k, v in pre.items()}
    return PatternMatch(pattern, {**pre, **post})


def _reverse_joins(pre: Sequence[Elem], verb_joined: bool) -> list[Elem]:
    """Pre-verb elements right to left, each ``joined`` to the element on its right."""
    out: list[Elem] = []
    for k in range(len(pre) - 1, -1, -1):
        right_joined = verb_joined if k == len(pre) - 1 else pre[k + 1].joined
        out.append(Elem(pre[k].kind, _reversed_words(pre[k].words), right_joined))
    return out


def _reversed_words(words: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Word sequences read right to left (for matching backwards from the verb)."""
    return tuple(tuple(reversed(w)) for w in words)


def best_match(patterns: Sequence[Pattern], tokens: Sequence[Token] | Words, verb: int,
               is_actor: Callable[[Token], bool]) -> PatternMatch | None:
    """The most specific matching pattern (file order breaks ties)."""
    tokens = tokens if isinstance(tokens, Words) else words_of(tokens)
    before = tokens.before(verb)
    best: PatternMatch | None = None
    for pattern in patterns:
        if best is not None and pattern.weight <= best.pattern.weight:
            continue
        found = match_pattern(pattern, tokens, verb, is_actor, before)
        if found is not None:
            best = found
    return best


def form_matches(form: VerbForm, tokens: Sequence[Token] | Words, verb: int) -> bool:
    """Whether the words of a multi-word form stand around the verb token (``CORDON OFF``)."""
    sent = tokens if isinstance(tokens, Words) else words_of(tokens)
    before, after = form.words[: form.head], form.words[form.head + 1 :]
    start = verb - len(before)
    if start < 0 or not _seq_at(before, sent, start):
        return False
    return not after or _seq_at(after, sent, verb + 1)

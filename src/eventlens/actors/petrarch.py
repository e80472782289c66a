"""Read PETRARCH/TABARI actor and agent dictionaries (plain text, editable by people).

Actor file format (see ``shared/benchmarks/petrarch2_validation/README.md``):

- an entry starts with a root phrase at the start of a line; words are joined by ``_``
  (or spaces). A trailing ``_`` means the last word is a whole word, no trailing ``_``
  means the last word is a stem (prefix);
- ``+PHRASE`` lines are synonyms of the current entry;
- ``[CODE]`` or ``[CODE restriction]`` give codes, on the root line or on indented lines
  after it; a restriction is ``<YYMMDD``, ``>YYMMDD`` or ``YYMMDD-YYMMDD`` (8-digit years
  allowed; two-digit years 00-30 are 20YY, as in KEDS/TABARI);
- ``#`` starts a comment. An eventlens extension that PETRARCH ignores: a comment line
  ``#@kind: metonym`` sets the kind of the entries that follow it.

Agent files hold ``NOUN_PHRASE {PLURALS} [~CODE]`` lines and ``!SET! = A, B`` substitution
sets. A malformed line is reported as a :class:`Problem` and skipped; the rest loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_CODE_RE = re.compile(r"\[([^\[\]]*)\]")
_CODE_OK = re.compile(r"^[A-Z0-9~+\-#]{1,24}$", re.IGNORECASE)
_SPLIT_RE = re.compile(r"[_\s]+")
_PUNCT_RE = re.compile(r"([(),])")
_HYPHEN_RE = re.compile(r"(?<=[a-z0-9])-(?=[a-z])")
_SUBST_RE = re.compile(r"^!([A-Z0-9_]+)!\s*=\s*(.+)$", re.IGNORECASE)


class DictionaryWarning(UserWarning):
    """A line of a user or supplement dictionary was malformed and skipped."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A dictionary line that could not be read: where it is and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class CodeSpan:
    """One code of an entry with the dates it is valid on (None = open)."""

    code: str
    start: date | None = None
    end: date | None = None
    alt: tuple[str, ...] = ()  # "[ELR/GAL]": ELR is the code, GAL an alternative

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, day: date) -> bool:
        """True when ``day`` falls inside the restriction (bounds inclusive)."""
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase as match keys: lower-cased words; ``stem`` means the last word is a prefix."""

    words: tuple[str, ...]
    stem: bool = False


@dataclass(slots=True)
class Entry:
    """An actor entry: its root phrase, synonyms and dated codes."""

    root: str
    phrases: list[Phrase] = field(default_factory=list)
    codes: list[CodeSpan] = field(default_factory=list)
    source: str = ""
    line: int = 0
    kind: str | None = None

    def code_on(self, day: date | None) -> str | None:
        """The code valid on ``day``; with no day, the open-ended or undated, else the latest."""
        return pick_code(self.codes, day)


@dataclass(frozen=True, slots=True)
class Agent:
    """An agent noun phrase and its code template (``~GOV`` appends, ``IGO~`` prefixes)."""

    phrase: Phrase
    code: str
    root: str


@dataclass(slots=True)
class ActorFile:
    """What one actor file gave: entries and the problems found."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class AgentFile:
    """What one agent file gave: agents and the problems found."""

    agents: list[Agent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def pick_code(codes: Iterable[CodeSpan], day: date | None) -> str | None:
    """Choose the code for ``day``: a dated code valid that day, else undated, else latest."""
    codes = list(codes)
    if not codes:
        return None
    if day is not None:
        for span in codes:
            if span.dated and span.valid_on(day):
                return span.code
    else:
        for span in codes:
            if span.start is not None and span.end is None:
                return span.code
    for span in codes:
        if not span.dated:
            return span.code
    return max(codes, key=lambda s: s.end or date.max).code


def split_words(text: str) -> list[str]:
    """Split a dictionary word the way spaCy splits text: hyphens, parentheses, commas."""
    text = _PUNCT_RE.sub(r" \1 ", text.lower().replace("\u2019", "'"))
    out: list[str] = []
    for part in text.split():
        pieces = _HYPHEN_RE.split(part)
        for i, piece in enumerate(pieces):
            if i:
                out.append("-")
            if piece.endswith("'s") and len(piece) > 2:
                out.extend([piece[:-2], "'s"])
            elif piece:
                out.append(piece)
    return out


def parse_phrase(raw: str) -> Phrase | None:
    """Turn ``EMMANUEL_MACRON_`` into match keys; None when no word is left."""
    raw = raw.strip()
    stem = not raw.endswith("_")
    words = [w for part in _SPLIT_RE.split(raw.strip("_ ")) if part for w in split_words(part)]
    if not words:
        return None
    if stem and not raw[-1:].isalnum():
        stem = False
    return Phrase(tuple(words), stem)


def parse_day(text: str) -> date:
    """Read ``YYMMDD`` (00-30 -> 20YY) or ``YYYYMMDD``; raise ValueError when invalid."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date {text!r}")
    given = text
    if len(text) == 6:
        yy = int(text[:2])
        text = ("20" if yy <= 30 else "19") + text
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise ValueError(f"bad date {given!r}: {exc}") from None


def parse_code(body: str) -> CodeSpan:
    """Read ``CODE``, ``CODE <D``, ``CODE >D`` or ``CODE D1-D2`` (``A/B/C``: A with
    alternatives B and C); raise ValueError."""
    parts = body.split(None, 1)
    if not parts:
        raise ValueError("empty code []")
    code, *alt = parts[0].strip().upper().split("/")
    for one in (code, *alt):
        if not _CODE_OK.match(one):
            raise ValueError(f"bad code {parts[0].strip()!r}")
    if len(parts) == 1:
        return CodeSpan(code, alt=tuple(alt))
    rest = parts[1].replace(" ", "")
    if rest.startswith("<"):
        return CodeSpan(code, None, parse_day(rest[1:]), tuple(alt))
    if rest.startswith(">"):
        return CodeSpan(code, parse_day(rest[1:]), None, tuple(alt))
    if "-" in rest:
        first, last = rest.split("-", 1)
        start, end = parse_day(first), parse_day(last)
        if start > end:
            raise ValueError(f"date range ends before it starts: {rest!r}")
        return CodeSpan(code, start, end, tuple(alt))
    raise ValueError(f"bad date restriction {parts[1]!r}")


def _strip_comment(line: str) -> str:
    """Drop everything after ``#`` (and old ``<!-- -->`` XML comment lines)."""
    if line.lstrip().startswith("<!--") or line.strip().endswith("-->"):
        return ""
    return line.split("#", 1)[0].rstrip()


class _ActorReader:
    """State machine over the lines of one actor file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.out = ActorFile()
        self.entry: Entry | None = None
        self.kind: str | None = None
        self.in_xml_comment = False

    def problem(self, lineno: int, reason: str) -> None:
        self.out.problems.append(Problem(self.name, lineno, reason))

    def close(self) -> None:
        """Finish the current entry; an entry without any code is reported."""
        entry, self.entry = self.entry, None
        if entry is None:
            return
        if entry.codes:
            self.out.entries.append(entry)
        else:
            self.problem(entry.line, f"entry {entry.root!r} has no code")

    def feed(self, lineno: int, raw: str) -> None:
        """Read one line."""
        if self._skip_xml(raw):
            return
        directive = re.match(r"^\s*#@kind:\s*(\w*)", raw)
        if directive:
            self.kind = directive.group(1) or None
            return
        line = _strip_comment(raw)
        if not line.strip():
            return
        if line.lstrip().startswith("&"):
            self.close()
            return  # substitution sets belong to verb files; skipped here
        try:
            self._feed_content(lineno, line)
        except ValueError as exc:
            self.problem(lineno, str(exc))

    def _skip_xml(self, raw: str) -> bool:
        """Track multi-line ``<!-- -->`` comments (used in the validation files)."""
        text = raw.strip()
        if self.in_xml_comment:
            self.in_xml_comment = "-->" not in text
            return True
        if text.startswith("<!--") and "-->" not in text:
            self.in_xml_comment = True
            return True
        return False

    def _feed_content(self, lineno: int, line: str) -> None:
        """A root line, a ``+`` synonym line or an indented code line."""
        codes = [parse_code(m) for m in _CODE_RE.findall(line)]
        text = _CODE_RE.sub(" ", line)
        if "[" in text or "]" in text:
            raise ValueError("unbalanced [ ] in code")
        text = re.sub(r"\{[^}]*\}", " ", text).strip()
        if line[:1] in " \t" and not text:
            self._add_codes(lineno, codes)
        elif text.startswith("+"):
            self._add_synonym(lineno, text[1:], codes)
        elif line[:1] in " \t":
            raise ValueError(f"indented text is neither code nor synonym: {text!r}")
        else:
            self._start_entry(lineno, text, codes)

    def _add_codes(self, lineno: int, codes: list[CodeSpan]) -> None:
        if self.entry is None:
            raise ValueError("code line before any entry")
        self.entry.codes.extend(codes)

    def _add_synonym(self, lineno: int, text: str, codes: list[CodeSpan]) -> None:
        if self.entry is None:
            raise ValueError("synonym before any entry")
        phrase = parse_phrase(text)
        if phrase is None:
            raise ValueError("empty synonym")
        self.entry.phrases.append(phrase)
        self.entry.codes.extend(codes)

    def _start_entry(self, lineno: int, text: str, codes: list[CodeSpan]) -> None:
        phrase = parse_phrase(text)
        if phrase is None:
            raise ValueError(f"no words in root phrase {text!r}")
        self.close()
        self.entry = Entry(text.strip(), [phrase], codes, self.name, lineno, self.kind)


def read_actor_lines(lines: Iterable[str], name: str = "<text>") -> ActorFile:
    """Read actor dictionary lines; malformed lines go to ``problems`` and are skipped.

    lines (Iterable[str]): the file's lines. name (str): the file name used in problems.
    RETURNS (ActorFile): the entries in file order and the problems.
    """
    reader = _ActorReader(name)
    for lineno, raw in enumerate(lines, 1):
        reader.feed(lineno, raw.rstrip("\n"))
    reader.close()
    return reader.out


def read_actor_file(path: str | Path) -> ActorFile:
    """Read one actor dictionary file (UTF-8, undecodable bytes replaced)."""
    path = Path(path)
    with path.open(encoding="utf-8", errors="replace") as fh:
        return read_actor_lines(fh, path.name)


def _plural(word: str) -> str:
    """The regular English plural of a noun."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh", "z")):
        return word + "es"
    return word + "s"


def _expand_sets(text: str, sets: dict[str, list[str]]) -> list[str]:
    """Replace each ``!SET!`` in ``text`` by each member, giving all variants."""
    match = re.search(r"!([A-Z0-9_]+)!", text, re.IGNORECASE)
    if not match:
        return [text]
    members = sets.get(match.group(1).upper())
    if members is None:
        raise ValueError(f"unknown substitution set !{match.group(1)}!")
    out: list[str] = []
    for member in members:
        out.extend(_expand_sets(text[: match.start()] + member + text[match.end() :], sets))
    return out


def _agent_phrases(text: str, plurals: str | None) -> list[Phrase]:
    """Phrases of one agent noun: the noun, its regular plural unless ``{}``, explicit plurals.

    Without ``{...}`` and a trailing ``_`` the last word is also a stem (``MINIST``), which
    the matcher extends only by a few noun endings (``AGENT_SUFFIXES``).
    """
    stem = plurals is None and not text.endswith("_")
    root = parse_phrase(text.rstrip("_") + "_")
    if root is None:
        return []
    out = [Phrase(root.words, stem)]
    if plurals is None:
        out.append(Phrase(root.words[:-1] + (_plural(root.words[-1]),)))
    else:
        out.extend(p for p in (parse_phrase(x.rstrip("_") + "_") for x in plurals.split(",")) if p)
    return out


def _read_agent_line(line: str, sets: dict[str, list[str]]) -> list[Agent]:
    """One ``NOUN {PLURALS} [~CODE]`` line; raise ValueError when malformed."""
    codes = _CODE_RE.findall(line)
    if len(codes) != 1:
        raise ValueError("agent line needs exactly one [CODE]")
    code = codes[0].strip().upper()
    if "~" not in code or not _CODE_OK.match(code):
        raise ValueError(f"bad agent code [{code}]")
    text = _CODE_RE.sub(" ", line)
    braces = re.search(r"\{([^}]*)\}", text)
    text = re.sub(r"\{[^}]*\}", " ", text).strip()
    if not text:
        raise ValueError("agent line without a noun")
    agents: list[Agent] = []
    for variant in _expand_sets(text, sets):
        for phrase in _agent_phrases(variant, braces.group(1) if braces else None):
            agents.append(Agent(phrase, code, text))
    return agents


def read_agent_lines(lines: Iterable[str], name: str = "<text>") -> AgentFile:
    """Read agent dictionary lines; malformed lines go to ``problems`` and are skipped."""
    out = AgentFile()
    sets: dict[str, list[str]] = {}
    for lineno, raw in enumerate(lines, 1):
        line = _strip_comment(raw.rstrip("\n")).strip()
        if not line:
            continue
        subst = _SUBST_RE.match(line)
        try:
            if subst:
                sets[subst.group(1).upper()] = [m.strip() for m in subst.group(2).split(",") if m.strip()]
            else:
                out.agents.extend(_read_agent_line(line, sets))
        except ValueError as exc:
            out.problems.append(Problem(name, lineno, str(exc)))
    return out


def read_agent_file(path: str | Path) -> AgentFile:
    """Read one agent dictionary file."""
    path = Path(path)
    with path.open(encoding="utf-8", errors="replace") as fh:
        return read_agent_lines(fh, path.name)


def iter_problems(*results: ActorFile | AgentFile) -> Iterator[Problem]:
    """All problems of several read results, in order."""
    for result in results:
        yield from result.problems

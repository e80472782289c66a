"""The actor lexicon: dictionary entries and agent nouns indexed for longest match over tokens.

Built from the shipped compact Phoenix files (``data/actors/*.json.gz``, made by
``scripts/convert_dictionaries.py``), the dated supplement (``data/actors/supplement.txt``), the
news outlets (``data/actors/media-outlets.tsv``) and user files in PETRARCH format
(:mod:`eventlens.actors.petrarch` reads them). Later sources override earlier ones phrase by phrase.
"""

from __future__ import annotations

import gzip
import json
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventlens.actors.petrarch import (
    Agent,
    CodeSpan,
    DictionaryWarning,
    Entry,
    Phrase,
    Problem,
    pick_code,
    read_actor_file,
    read_agent_file,
)
from eventlens.actors.words import WORDS

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
OUTLETS_FILE = "media-outlets.tsv"
COMPACT_VERSION = 1
# CAMEO's agent codes, which stand alone when no country is known ("COP", "JUD", "MED" for
# Reuters): the first blocks of the agent templates of the shipped agent dictionaries, less MUS
# (Muslim), which as a root is Mauritius. None of them is a country.
AGENT_ONLY_ROOTS = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "UAF", "AGR", "BUS", "CRM",
                              "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "RAD",
                              "MOD", "PPL", "REL", "CHR", "JEW", "BUD", "HIN", "NGO"})
NON_STATE_ROOTS = frozenset({"IGO", "NGO", "MNC", "IMG", "WST", "---"})  # roots of no state
ORGANISATION_ROOTS = frozenset({"IGO", "NGO", "MNC", "IMG"})  # classes of organisation, no one's name
AGENT_SUFFIXES = ("", "s", "es", "er", "ers", "ry", "ries")
_WHOLE = "\x00"
MIN_STEM = 4  # a shorter stem ("AU", "KU") matches only its own word, not "Australian"
_STEMS = "\x01"
_STEM_MEMO = "\x02"  # a node's remembered stem lookups (never a word: keys are lower-cased tokens)
STEM_MEMO_SIZE = 50_000
_SMALL_WORDS = WORDS.set_of("lexicon", "small_words")


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One actor entry as the matcher sees it."""

    root: str
    codes: tuple[CodeSpan, ...]
    source: str
    kind: str | None = None
    display: str | None = None  # the canonical name as written ("CNN", "The Guardian"), when known

    @property
    def name(self) -> str:
        """Canonical name: the name as written when the source gives it, else the root phrase
        in display form."""
        return self.display or display_name(self.root)

    def code_on(self, day: date | None) -> str | None:
        """The code valid on ``day`` (see :func:`eventlens.actors.lexicon.pick_code`)."""
        return pick_code(self.codes, day)

    @property
    def rule(self) -> str:
        return f"{self.source}:{self.root}"


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon match over tokens ``[start, end)``: an entry index or an agent index."""

    start: int
    end: int
    index: int
    is_agent: bool = False


@dataclass(slots=True)
class ActorLexicon:
    """Actor entries and agents with tries for longest match over lower-cased tokens."""

    entries: list[LexEntry] = field(default_factory=list)
    agents: list[Agent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)
    _actor_trie: dict[str, Any] = field(default_factory=dict)
    _agent_trie: dict[str, Any] = field(default_factory=dict)
    _name_sources: dict[str, str] = field(default_factory=dict)
    _by_root: dict[str, int] = field(default_factory=dict)
    _cased_trie: dict[str, Any] = field(default_factory=dict)
    _starts: dict[str, bool] = field(default_factory=dict)  # may_start, per token key

    def may_start(self, key: str) -> bool:
        """Whether any match (actor entry, cased name, agent, or an entry's plural "Afghans") can
        start at a token with this key; most words start none, and are then skipped at once."""
        found = self._starts.get(key)
        if found is None:
            if len(self._starts) >= STEM_MEMO_SIZE:
                self._starts.clear()
            found = self._starts[key] = (
                _opens(self._actor_trie, key, None) or key in self._cased_trie
                or _opens(self._agent_trie, key, AGENT_SUFFIXES)
                or (key.endswith("s") and _opens(self._actor_trie, key[:-1], None)))
        return found

    def add_entry(self, entry: LexEntry, phrases: Iterable[Phrase]) -> None:
        """Index ``entry`` under each phrase; a later phrase overrides an earlier one.

        An entry with the same root as one from an earlier source replaces it, so all the
        old entry's phrases ("PRESIDENT_VLADIMIR_PUTIN_") now give the new codes.
        """
        self._starts.clear()
        root_key = entry.root.strip("_ ").upper()
        index = self._by_root.get(root_key)
        if index is not None and self.entries[index].source != entry.source:
            self.entries[index] = entry
        else:
            index = len(self.entries)
            self.entries.append(entry)
            self._by_root.setdefault(root_key, index)
        for phrase in phrases:
            _insert(self._actor_trie, phrase, index)
        if len(entry.codes) == 1 and len(entry.codes[0].code) == 3 and not entry.codes[0].dated:
            self._set_country_name(entry.codes[0].code, entry)

    def _set_country_name(self, code: str, entry: LexEntry) -> None:
        """The first bare-code entry of a source names the country; later sources override.
        An agent-only code or an organisation class ("REUTERS [MED]", "UNOCAL [MNC]") names
        no country: "MED" is not "Reuters"."""
        if code in AGENT_ONLY_ROOTS or code in ORGANISATION_ROOTS:
            return
        if self._name_sources.get(code) != entry.source:
            self.country_names[code] = entry.name
            self._name_sources[code] = entry.source

    def add_agent(self, agent: Agent) -> None:
        """Index one agent phrase."""
        self._starts.clear()
        self.agents.append(agent)
        _insert(self._agent_trie, agent.phrase, len(self.agents) - 1)

    def match_actor(self, keys: Sequence[str], start: int) -> Match | None:
        """Longest actor-entry match starting at token ``start``."""
        found = _longest(self._actor_trie, keys, start)
        return Match(start, found[0], found[1]) if found else None

    def add_cased(self, entry: LexEntry, names: Iterable[tuple[str, ...]]) -> None:
        """Index ``entry`` under names that match only with their own capitalisation (or in
        capitals): ``("AP",)`` matches "AP", never "ap"; a leading "the" matches in any case."""
        self._starts.clear()
        index = len(self.entries)
        self.entries.append(entry)
        for words in names:
            node = self._cased_trie
            for word in words:
                node = node.setdefault(word.lower(), {})
            node.setdefault(_WHOLE, []).append((words, index))

    def match_cased(self, keys: Sequence[str], texts: Sequence[str], start: int) -> Match | None:
        """Longest name of :meth:`add_cased` at token ``start`` whose capitalisation agrees with
        ``texts`` (the tokens as written; ``keys`` are the same lower-cased)."""
        node, best, pos = self._cased_trie, None, start
        while pos < len(keys):
            child: dict[str, Any] | None = node.get(keys[pos])
            if child is None:
                break
            node = child
            pos += 1
            for words, index in node.get(_WHOLE, ()):
                if _same_case(words, texts[start:pos]):
                    best = Match(start, pos, index)
                    break
        return best

    def match_agent(self, keys: Sequence[str], start: int) -> Match | None:
        """Longest agent match starting at token ``start``."""
        found = _longest(self._agent_trie, keys, start, AGENT_SUFFIXES)
        return Match(start, found[0], found[1], True) if found else None

    def country_name(self, code: str) -> str:
        """Canonical name of the country (or IGO) code root, else the code itself."""
        return self.country_names.get(code[:3], code[:3])


def _same_case(words: Sequence[str], texts: Sequence[str]) -> bool:
    """Token texts written as ``words`` are, or in capitals; a first "the" in any case."""
    for i, (word, text) in enumerate(zip(words, texts, strict=True)):
        text = text.replace("\u2019", "'")
        if i == 0 and word.lower() == "the" and text.lower() == "the":
            continue
        if text != word and not (text.isupper() and text == word.upper()):
            return False
    return True


def _apart_apostrophes(words: Sequence[str]) -> tuple[str, ...]:
    """A plural possessive written in one word ("workers'") as spaCy splits it ("workers", "'")."""
    out: list[str] = []
    for word in words:
        if len(word) > 2 and word.endswith("s'"):
            out.extend([word[:-1], "'"])
        else:
            out.append(word)
    return tuple(out)


def _insert(trie: dict[str, Any], phrase: Phrase, index: int) -> None:
    """Put ``phrase`` into ``trie``; the last word goes to the stem table when a stem."""
    node = trie
    words = _apart_apostrophes(phrase.words)
    for word in words[:-1]:
        node = node.setdefault(word, {})
    last = words[-1]
    if phrase.stem:
        node.setdefault(_STEMS, {})[last] = index
    else:
        node.setdefault(last, {})[_WHOLE] = index


def _stem_hit(stems: dict[str, int], token: str, suffixes: Sequence[str] | None) -> int | None:
    """Index of the longest stem that ``token`` starts with (leaving one of ``suffixes``)."""
    if suffixes is not None:
        sizes = [len(token) - len(s) for s in suffixes if token.endswith(s) and len(token) > len(s) + 1]
    else:
        sizes = list(range(len(token), 1, -1))
    for size in sizes:
        hit = stems.get(token[:size])
        if hit is not None and (suffixes is not None or size >= MIN_STEM or token[size:] in ("", "s")):
            return hit
    return None


def _memo_stem_hit(node: dict[str, Any], stems: dict[str, int], token: str,
                   suffixes: Sequence[str] | None) -> int | None:
    """``_stem_hit``, remembered in the trie node per token (the same words recur in every article);
    the memo is emptied when it holds :data:`STEM_MEMO_SIZE` tokens."""
    memo: dict[tuple[str, Sequence[str] | None], int | None] = node.setdefault(_STEM_MEMO, {})
    key = (token, suffixes)
    if key in memo:
        return memo[key]
    if len(memo) >= STEM_MEMO_SIZE:
        memo.clear()
    hit = memo[key] = _stem_hit(stems, token, suffixes)
    return hit


def _opens(trie: dict[str, Any], key: str, suffixes: Sequence[str] | None) -> bool:
    """Whether a phrase of ``trie`` can start with ``key`` (a first word, or a stem it starts with)."""
    stems = trie.get(_STEMS)
    return key in trie or (stems is not None and _stem_hit(stems, key, suffixes) is not None)


def _longest(trie: dict[str, Any], keys: Sequence[str], start: int,
             suffixes: Sequence[str] | None = None) -> tuple[int, int] | None:
    """(end, index) of the longest phrase in ``trie`` matching ``keys`` from ``start``.

    A stem matches a token that starts with it; ``suffixes`` limits what may follow.
    """
    node: dict[str, Any] | None = trie
    best, pos = None, start
    while pos < len(keys) and node:
        stems = node.get(_STEMS)
        if stems:
            hit = _memo_stem_hit(node, stems, keys[pos], suffixes)
            if hit is not None:
                best = (pos + 1, hit)
        node = node.get(keys[pos])
        if node is None:
            break
        if _WHOLE in node:
            best = (pos + 1, node[_WHOLE])
        pos += 1
    return best


@lru_cache(maxsize=4096)
def display_name(root: str) -> str:
    """``EMMANUEL_MACRON_`` -> ``Emmanuel Macron`` (small words kept lower case)."""
    words = [w for w in re.split(r"[_\s]+", root.strip("_ ")) if w]
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if i and low in _SMALL_WORDS:
            out.append(low)
        elif word.isupper() or word.islower():
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
        else:
            out.append(word)
    return " ".join(out)


def _entry_from(entry: Entry, source: str) -> LexEntry:
    """A dictionary Entry as a LexEntry with a display name."""
    return LexEntry(entry.root, tuple(entry.codes), source, entry.kind)


def _compact_entries(data: dict[str, Any]) -> Iterable[tuple[LexEntry, list[Phrase]]]:
    """Entries of one compact file: ``[root, kind, phrases, codes]`` rows."""
    source = data["source"]
    for root, kind, phrases, codes in data["actors"]:
        spans = tuple(CodeSpan(c, _iso(s), _iso(e)) for c, s, e in codes)
        yield (LexEntry(root, spans, source, kind),
               [Phrase(tuple(p.split(" ")), bool(stem)) for p, stem in phrases])


def _iso(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def load_compact(lexicon: ActorLexicon, path: Path) -> None:
    """Add the actors or agents of one compact ``.json.gz`` file to ``lexicon``."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    if data.get("version") != COMPACT_VERSION:
        raise ValueError(f"{path}: unsupported compact dictionary version {data.get('version')}")
    for entry, phrases in _compact_entries(data):
        lexicon.add_entry(entry, phrases)
    for words, code, root, stem in data.get("agents", []):
        lexicon.add_agent(Agent(Phrase(tuple(words.split(" ")), bool(stem)), code, root))


def load_text_file(lexicon: ActorLexicon, path: Path, source: str | None = None) -> None:
    """Add a PETRARCH-format actor file (or an agents file, by name) to ``lexicon``."""
    if "agent" in path.name.lower():
        agents = read_agent_file(path)
        for agent in agents.agents:
            lexicon.add_agent(agent)
        _report(lexicon, agents.problems)
        return
    result = read_actor_file(path)
    for entry in result.entries:
        lexicon.add_entry(_entry_from(entry, source or path.stem), entry.phrases)
    _report(lexicon, result.problems)


def _report(lexicon: ActorLexicon, problems: Sequence[Problem]) -> None:
    """Keep the problems of a text file on the lexicon and warn about each one."""
    for problem in problems:
        warnings.warn(f"skipped dictionary line {problem}", DictionaryWarning, stacklevel=3)
    lexicon.problems.extend(problems)


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news organisation of ``data/actors/media-outlets.tsv``.

    name (str): its canonical name as written. country (str): its home country (ISO3).
    international (bool): it gathers and publishes news worldwide for a worldwide audience.
    names (tuple[str, ...]): every name it is matched by, the canonical one first.
    line (int): its line in the file.
    """

    name: str
    country: str
    international: bool
    names: tuple[str, ...]
    line: int = 0

    @property
    def code(self) -> str:
        """An international outlet is ``MED`` (CAMEO's media role, no country: it reports on
        every country), a national one its country's media (``SYRMED``)."""
        return "MED" if self.international else self.home_code

    @property
    def home_code(self) -> str:
        """Its home country's media code (``GBRMED`` for Reuters)."""
        return f"{self.country}MED"

    @property
    def root(self) -> str:
        """Its dictionary root ("Associated Press": ``ASSOCIATED_PRESS``): the same root as a
        Phoenix entry of the outlet, which it then replaces."""
        name = self.name[4:] if self.name.lower().startswith("the ") else self.name
        return "_".join(name.upper().split())


@dataclass(slots=True)
class OutletFile:
    """What the outlets file gave: outlets and the problems found."""

    outlets: list[Outlet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


_COUNTRY_RE = re.compile(r"^[A-Z]{3}$")
_SCOPES = {"international": True, "national": False}


def read_outlet_lines(lines: Iterable[str], name: str = "<text>") -> OutletFile:
    """Read outlet rows (``name <TAB> country <TAB> scope [<TAB> other names]``, ``#``
    comments); a malformed row goes to ``problems`` with its line and is skipped."""
    out = OutletFile()
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) not in (3, 4) or not cols[0]:
            out.problems.append(Problem(name, lineno,
                                        "an outlet row needs a name, a country, a scope and optional other names"))
            continue
        if not _COUNTRY_RE.match(cols[1]) or cols[1] in AGENT_ONLY_ROOTS or cols[1] in NON_STATE_ROOTS:
            out.problems.append(Problem(name, lineno, f"bad country code {cols[1]!r}"))
            continue
        if cols[2] not in _SCOPES:
            out.problems.append(Problem(name, lineno, f"scope must be international or national, not {cols[2]!r}"))
            continue
        others = [n.strip() for n in (cols[3] if len(cols) == 4 else "").split(";") if n.strip()]
        out.outlets.append(Outlet(cols[0], cols[1], _SCOPES[cols[2]], tuple(dict.fromkeys([cols[0], *others])), lineno))
    return out


@lru_cache(maxsize=4)
def read_outlets(path: Path = DATA_DIR / OUTLETS_FILE) -> OutletFile:
    """Read the outlets file once per process (an absent file: no outlets)."""
    if not path.exists():
        return OutletFile()
    with path.open(encoding="utf-8") as fh:
        return read_outlet_lines(fh, path.name)


def split_cased(text: str) -> tuple[str, ...]:
    """Split a name as spaCy splits text (as :func:`split_words`), keeping its capitalisation."""
    text = re.sub(r"([(),/])", r" \1 ", text.replace("\u2019", "'"))
    out: list[str] = []
    for part in text.split():
        pieces = re.split(r"(?<=[A-Za-z0-9])-(?=[A-Za-z])", part)
        for i, piece in enumerate(pieces):
            if i:
                out.append("-")
            if piece.lower().endswith("'s") and len(piece) > 2:
                out.extend([piece[:-2], piece[-2:]])
            elif piece.endswith("'") and len(piece) > 1:
                out.extend([piece[:-1], "'"])  # "Students'"
            elif piece:
                out.append(piece)
    return tuple(out)


def load_outlets(lexicon: ActorLexicon, path: Path) -> None:
    """Add the news outlets of ``path`` (see :class:`Outlet`): one organisation entry each,
    matched by its names as written; an entry with the same root from an earlier source (the
    Phoenix "REUTERS [MED]") is replaced, so its phrases give the outlet's code and name."""
    result = read_outlets(path)
    for outlet in result.outlets:
        alt = (outlet.home_code,) if outlet.code != outlet.home_code else ()
        entry = LexEntry(outlet.root, (CodeSpan(outlet.code, alt=alt),), "media", "organisation", outlet.name)
        index = lexicon._by_root.get(outlet.root)
        if index is not None:
            lexicon.entries[index] = entry
        lexicon.add_cased(entry, (split_cased(n) for n in outlet.names))
    _report(lexicon, result.problems)


def build_lexicon(extra_files: Sequence[str | Path] = (), data_dir: Path = DATA_DIR,
                  packaged: bool = True) -> ActorLexicon:
    """Load the shipped compact files, the news outlets, the supplement and ``extra_files``, in
    that order (``packaged=False``: ``extra_files`` alone)."""
    lexicon = ActorLexicon()
    if not packaged:
        for extra in extra_files:
            load_text_file(lexicon, Path(extra))
        return lexicon
    for path in sorted(data_dir.glob("*.json.gz")):
        load_compact(lexicon, path)
    if (data_dir / OUTLETS_FILE).exists():
        load_outlets(lexicon, data_dir / OUTLETS_FILE)
    for name in ("supplement.txt", "office-holders.txt", "supplement.agents.txt"):
        if (data_dir / name).exists():
            load_text_file(lexicon, data_dir / name, "supplement")
    for extra in extra_files:
        load_text_file(lexicon, Path(extra))
    return lexicon

"""Word lists kept as data: one TOML file a stage package (``data/<package>/words.toml``), read once.

A file holds one ``[section]`` a module of the package, and in it one list a constant of that
module, written as a string of lower-case words (letters, or letters joined by hyphens: ``op-ed``)
separated by white space::

    [context]
    # Verbs of leaving whose object is a place ("fled Kyiv"): our own selection.
    left_verbs = "leave flee depart exit evacuate"

The module takes its constant with :meth:`WordLists.set_of` (or :meth:`WordLists.frozenset_of`);
a list the code asks for and the file lacks raises ``KeyError``, and :meth:`WordLists.unused`
names the lists of the file no module took (the tests ask it after importing the package).
"""

from __future__ import annotations

import tomllib
from importlib import resources


def is_word(token: str) -> bool:
    """Whether ``token`` is a lower-case word: letters, or letters joined by single hyphens (``op-ed``)."""
    parts = token.split("-")
    return all(p.isalpha() and p.islower() for p in parts)


def read_word_lists(file: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """The lists of ``file`` (relative to the ``eventlens`` package), keyed by (section, name).

    Raises ``ValueError`` for a list that is empty, not a string, holds a word twice or holds
    something other than a lower-case word.
    """
    return parse_word_lists(resources.files("eventlens").joinpath(file).read_text("utf-8"), file)


def parse_word_lists(text: str, file: str = "<text>") -> dict[tuple[str, str], tuple[str, ...]]:
    """The lists of a word-list file's ``text`` (``file`` names it in errors); see :func:`read_word_lists`."""
    raw = tomllib.loads(text)
    lists: dict[tuple[str, str], tuple[str, ...]] = {}
    for section, entries in raw.items():
        if not isinstance(entries, dict):
            raise ValueError(f"{file}: {section} is not a [section] of lists")
        for name, text in entries.items():
            where = f"{file}: [{section}] {name}"
            if not isinstance(text, str):
                raise ValueError(f"{where} is not a string of words")
            words = tuple(text.split())
            if not words:
                raise ValueError(f"{where} is empty")
            twice = sorted({w for w in words if words.count(w) > 1})
            if twice:
                raise ValueError(f"{where} holds twice: {', '.join(twice)}")
            odd = [w for w in words if not is_word(w)]
            if odd:
                raise ValueError(f"{where} holds what is no lower-case word: {', '.join(odd)}")
            lists[(section, name)] = words
    return lists


class WordLists:
    """The word lists of one data file, read once when the object is made."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._lists = read_word_lists(file)
        self._taken: set[tuple[str, str]] = set()

    def words(self, section: str, name: str) -> tuple[str, ...]:
        """The words of ``[section] name``, in the file's order; ``KeyError`` when the file lacks it."""
        key = (section, name)
        if key not in self._lists:
            raise KeyError(f"{self.file} has no list [{section}] {name}")
        self._taken.add(key)
        return self._lists[key]

    def set_of(self, section: str, name: str) -> set[str]:
        """The words of ``[section] name`` as a set."""
        return set(self.words(section, name))

    def frozenset_of(self, section: str, name: str) -> frozenset[str]:
        """The words of ``[section] name`` as a frozenset."""
        return frozenset(self.words(section, name))

    def names(self) -> list[tuple[str, str]]:
        """Every (section, name) of the file, in the file's order."""
        return list(self._lists)

    def unused(self) -> list[tuple[str, str]]:
        """The (section, name) of the file's lists that no module has taken."""
        return [key for key in self._lists if key not in self._taken]

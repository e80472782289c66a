"""Verb and noun rules: the TOML lexicon and PETRARCH verb dictionaries, compiled into rules keyed by lemma."""

from __future__ import annotations

import tomllib
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from eventlens.events import verbdicts

Lexicon = dict[str, list["Rule"]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One lexicon entry: when a verb (or noun) lemma codes an event and where its actors are."""

    lemma: str
    code: str
    target: tuple[str, ...] = ("dobj",)
    source: tuple[str, ...] = ()
    needs: str | None = None
    object: frozenset[str] = frozenset()
    oprd: bool = False
    refine: tuple[tuple[str, str], ...] = ()
    only_refined: bool = False
    no_target: bool = False
    bare: bool = False
    intent: str | None = None
    intent_only: bool = False
    kind: str = "verb"
    patterns: tuple[verbdicts.Pattern, ...] = ()
    form: verbdicts.VerbForm | None = None

    @classmethod
    def from_entry(cls, entry: dict, kind: str) -> Rule:
        """Build a rule from one ``[[verb]]`` or ``[[noun]]`` table of the lexicon file."""
        return cls(
            lemma=entry["lemma"], code=str(entry["code"]), kind=kind,
            target=tuple(entry.get("target", ("dobj",))), source=tuple(entry.get("source", ())),
            needs=entry.get("needs"), object=frozenset(entry.get("object", ())), oprd=bool(entry.get("oprd")),
            refine=tuple((k, str(v)) for k, v in entry.get("refine", {}).items()),
            only_refined=bool(entry.get("only_refined")), no_target=bool(entry.get("no_target")),
            intent=entry.get("intent"), bare=bool(entry.get("bare")), intent_only=bool(entry.get("intent_only")),
        )


@dataclass(frozen=True, slots=True)
class Lexicons:
    """Verb, noun and adjective rules, each keyed by lemma in file order.

    fallback: verb-dictionary rules tried only when no ``verbs`` rule of the lemma applies, and
        coded strictly (factual verb, subject source, object or prepositional target, lower confidence).
    """

    verbs: Lexicon
    nouns: Lexicon
    fallback: Lexicon = field(default_factory=dict)
    adjectives: Lexicon = field(default_factory=dict)
    judgments: Lexicon = field(default_factory=dict)


def packaged_verb_files() -> list[Path]:
    """The verb dictionaries shipped in ``data/verbs/`` (CAMEO.2.0.txt, MIT, Open Event Data Alliance)."""
    folder = Path(str(resources.files("eventlens") / "data" / "verbs"))
    return sorted(folder.glob("*.txt"))


def load_lexicon(path: str | Path | None = None, verb_files: Sequence[str | Path] | None = None,
                 with_toml: bool = True, fallback_files: Sequence[str | Path] | None = None) -> Lexicons:
    """Read the verb/noun lexicon, cached per arguments.

    path: a TOML lexicon (default: the packaged ``data/verbs.toml``).
    verb_files: PETRARCH/TABARI verb dictionaries (see :mod:`eventlens.events.verbdicts`); their verbs are
        tried after the TOML rules of the same lemma, with their patterns' own slots.
    with_toml (bool): False to code with the verb files alone.
    fallback_files: verb dictionaries consulted only for verbs no TOML rule codes, strictly (see
        :class:`Lexicons`). Default: the shipped CAMEO.2.0.txt (:func:`packaged_verb_files`) whenever
        the TOML rules are used, user ``verb_files`` or not (a user's file adds to the packaged
        coverage, it does not replace it); pass ``[]`` for none.
    """
    if fallback_files is None:
        fallback_files = packaged_verb_files() if with_toml else []
    return _load_lexicon(str(path) if path else None, tuple(str(f) for f in verb_files or ()), with_toml,
                         tuple(str(f) for f in fallback_files))


def dictionary_rules(verb_file: verbdicts.VerbFile) -> Lexicon:
    """Rules keyed by verb form, one per form of each block, carrying the block's patterns."""
    out: Lexicon = {}
    for block in verb_file.blocks:
        patterns = tuple(block.patterns)
        for form in block.forms:
            code = form.code or block.code or ""
            rule = Rule(form.key, code, target=("dobj", "dative", "any"), kind="dictionary",
                        patterns=patterns, form=form, no_target=False)
            out.setdefault(form.key, []).append(rule)
    for rules in out.values():  # multi-word forms ("cordon off") before the bare verb
        rules.sort(key=lambda r: -len(r.form.words) if r.form else 0)
    return out


@lru_cache(maxsize=8)
def _load_lexicon(path: str | None, verb_files: tuple[str, ...] = (), with_toml: bool = True,
                  fallback_files: tuple[str, ...] = ()) -> Lexicons:
    """Parse a lexicon file (and verb dictionaries) into rules grouped by lemma."""
    if path is None:
        raw = (resources.files("eventlens") / "data" / "verbs.toml").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    data = tomllib.loads(raw) if with_toml else {}
    verbs, nouns = _group(data.get("verb", []), "verb"), _group(data.get("noun", []), "noun")
    adjectives = _group(data.get("adjective", []), "adjective")
    judgments = _group(data.get("judgment", []), "judgment")
    return Lexicons(_merge(verbs, verb_files), nouns, _merge({}, fallback_files, warn=False), adjectives, judgments)


class VerbDictionaryWarning(UserWarning):
    """A line of a user's verb dictionary that could not be read (file:line: reason); it is skipped."""


def _merge(verbs: Lexicon, verb_files: Sequence[str], warn: bool = True) -> Lexicon:
    """``verbs`` with the rules of each verb dictionary appended under their lemmas.

    With ``warn``, every unreadable line is reported as a VerbDictionaryWarning (file and line).
    """
    for name in verb_files:
        verb_file = verbdicts.read_verb_file(name)
        for problem in verb_file.problems if warn else ():
            warnings.warn(problem, VerbDictionaryWarning, stacklevel=2)
        for lemma, rules in dictionary_rules(verb_file).items():
            verbs.setdefault(lemma, []).extend(rules)
    return verbs


def _group(entries: list[dict], kind: str) -> Lexicon:
    """Rules keyed by lemma, keeping file order within a lemma."""
    out: Lexicon = {}
    for entry in entries:
        rule = Rule.from_entry(entry, kind)
        out.setdefault(rule.lemma, []).append(rule)
    return out


def refined_code(rule: Rule, tokens: list[Token]) -> str | None:
    """The most specific code the rule's keywords allow (None if a keyword is required but absent)."""
    lemmas = [t.lemma_.lower() for t in tokens]
    joined = " ".join(lemmas)
    for key, code in rule.refine:
        if (key.endswith("*") and any(lem.startswith(key[:-1]) for lem in lemmas)) or (
            " " in key and key in joined) or key in lemmas:
            return code
    return None if rule.only_refined else rule.code


def slot_word(rule: Rule) -> str:
    """A short description of the pattern, e.g. ``dobj`` or ``with``."""
    return "/".join(rule.target)

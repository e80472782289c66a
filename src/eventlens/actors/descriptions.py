"""Mentions that describe people or things by a nationality (``data/actors/descriptions.toml``).

- A nationality before a noun of something it owns stands for the owner when that thing acts or
  is acted on: "shelled Georgian positions" (GEOMIL), "demolished Palestinian homes" (PSECVL),
  "Indonesian rule" (IDN); :func:`owned_sector` gives the role the noun implies
  (:func:`eventlens.actors.compose._adjective_mention` builds the mention).
- A people named as an ethnic group ("ethnic Albanians demonstrated in Serbia") are civilians of
  the state the text places them in (SRBCVL), not of their namesake state
  (:func:`eventlens.actors.countries.code_ethnic`).
- A state-type body whose name is international ("the International Labour Office") is an IGO
  (:func:`international_words`, used by :mod:`eventlens.actors.orgs`).
- Forces a state sends or withdraws are its own ("sent troops to Mali": the sender's troops,
  :func:`moved_words`, used by :func:`eventlens.actors.countries.mover_country`).
- Refugees come from the country their clause leaves ("refugees fleeing the war in Liberia":
  LBRREF, :func:`origin_words`, used by :mod:`eventlens.actors.bare`).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "actors" / "descriptions.toml"
STATE_SECTOR = "STATE"


@lru_cache(maxsize=1)
def _data(path: Path = WORDS_FILE) -> dict[str, Any]:
    """The word lists, read once per process."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _owned() -> dict[str, str]:
    """The owned nouns and the role each implies ("" for the state itself)."""
    return {word.lower(): ("" if sector == STATE_SECTOR else sector)
            for sector, words in _data().get("owned", {}).items() for word in words}


def owned_sector(noun: str) -> str | None:
    """The role a thing owned by a nationality gives it ("positions": MIL, "homes": CVL,
    "rule": "" for the state itself); None for any other noun."""
    return _owned().get(noun.lower())


def ethnic_words() -> frozenset[str]:
    """Words that name a people as an ethnic group ("ethnic")."""
    return frozenset(w.lower() for w in _data().get("ethnic", {}).get("words", []))


def crowd_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Quantifiers before a plural demonym, heads of "X of", prepositions after it and verbs it is
    the subject of that make it a crowd of civilians."""
    crowd = _data().get("crowd", {})
    return (frozenset(crowd.get("quantifiers", [])), frozenset(crowd.get("partitives", [])),
            frozenset(crowd.get("after", [])), frozenset(crowd.get("verbs", [])))


def origin_words() -> tuple[frozenset[str], frozenset[str]]:
    """The verbs of leaving and the prepositions that name where refugees come from."""
    origin = _data().get("origin", {})
    return frozenset(origin.get("verbs", [])), frozenset(origin.get("preps", []))


def moved_words() -> tuple[frozenset[str], frozenset[str]]:
    """The verbs and nouns of sending and withdrawing forces, whose object is the mover's own."""
    moved = _data().get("moved", {})
    return frozenset(moved.get("verbs", [])), frozenset(moved.get("nouns", []))


def force_sectors() -> frozenset[str]:
    """The CAMEO sectors of agents that are forces a state moves ("MIL")."""
    return frozenset(_data().get("moved", {}).get("sectors", []))


def international_words() -> frozenset[str]:
    """Words that make an organisation's name international ("International", "World")."""
    return frozenset(_data().get("international", {}).get("words", []))


__all__ = ["crowd_words", "ethnic_words", "force_sectors", "international_words", "moved_words", "origin_words",
           "owned_sector"]


@lru_cache(maxsize=1)
def voice_words() -> frozenset[str]:
    """Nouns for people who speak for the body before them ("spokesman"; ``[voice]`` of the data file)."""
    return frozenset(_data().get("voice", {}).get("words", []))


@lru_cache(maxsize=1)
def acting_verbs() -> frozenset[str]:
    """The acts of a state or organisation (besides verbs of saying) whose subject "it" is a body
    named before (``[acting]`` of the data file)."""
    return frozenset(_data().get("acting", {}).get("verbs", []))

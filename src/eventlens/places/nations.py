"""Country names, adjectives ("Egyptian") and other names ("Britain") by ISO3 code.

The table ``data/actors/nations.tsv`` is typed for eventlens; it gives canonical names to
composed groups ("Egyptian Ministry of Foreign Affairs") and the countries an article speaks
of to the place resolver.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "data" / "actors" / "nations.tsv"


@dataclass(frozen=True, slots=True)
class Nation:
    """One country: ISO3 code, short name, adjective, other names, legislature."""

    code: str
    name: str
    adjective: str
    others: tuple[str, ...] = ()
    legislature: str = ""


@dataclass(frozen=True, slots=True)
class Nations:
    """The table, by code and by any lower-cased name or adjective."""

    by_code: dict[str, Nation]
    by_word: dict[str, str]

    def code_of(self, text: str) -> str | None:
        """The ISO3 code named by a country name, adjective or other name ("Britain": GBR)."""
        key = " ".join(text.lower().replace("\u2019", "'").split())
        return self.by_word.get(key) or self.by_word.get(key[4:] if key.startswith("the ") else "")

    def adjective(self, code: str) -> str | None:
        """The adjective of a country code root ("EGY": "Egyptian")."""
        nation = self.by_code.get(code[:3])
        return nation.adjective if nation else None


@lru_cache(maxsize=1)
def load_nations(path: Path = TABLE) -> Nations:
    """Read the table once per process."""
    by_code: dict[str, Nation] = {}
    by_word: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, adjective, others, legislature = (line.split("\t") + [""] * 5)[:5]
        nation = Nation(code, name, adjective, tuple(o for o in others.split(";") if o), legislature)
        by_code[code] = nation
        for word in (name, adjective, *nation.others):
            by_word.setdefault(word.lower(), code)
    return Nations(by_code, by_word)


__all__ = ["Nation", "Nations", "load_nations"]

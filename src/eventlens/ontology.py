"""CAMEO event codes with their names, QuadClass, Goldstein scores and PLOVER types.

The tables in ``data/ontology/`` are copies of ``shared/ontology/`` (see the README there for
sources and licences). Codes are always strings: ``"042"`` and ``"42"`` are different codes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

GOLDSTEIN_COLUMNS = {"gdelt": "goldstein_gdelt", "icews": "goldstein_icews"}
_UNMAPPED_ROOTS = ("01", "02")


class UnknownCode(KeyError):
    """An event code that is not in the CAMEO 1.1b3 table."""


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One CAMEO code and what the ontology tables say about it.

    plover (str | None): PLOVER 2021 event type; None for 01x/02x and ambiguous roots.
    quad_class (int): GDELT QuadClass 1-4.
    goldstein (float): Goldstein score from the chosen column (gdelt or icews).
    """

    code: str
    root: str
    name: str
    plover: str | None
    quad_class: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class _Row:
    """The columns of one row of ``cameo_event_codes.csv`` that the package uses."""

    name: str
    quad_class: int
    goldstein: dict[str, float]


class Ontology:
    """Lookup of CAMEO codes; build it with :func:`load`."""

    def __init__(self, rows: dict[str, _Row], plover: dict[str, str | None], goldstein: str = "gdelt") -> None:
        if goldstein not in GOLDSTEIN_COLUMNS:
            raise ValueError(f"goldstein must be one of {sorted(GOLDSTEIN_COLUMNS)}, not {goldstein!r}")
        self._rows = rows
        self._plover = plover
        self.goldstein = goldstein

    def valid(self, code: str) -> bool:
        """Whether ``code`` (a string) is a CAMEO 1.1b3 event code."""
        return isinstance(code, str) and code in self._rows

    def codes(self) -> list[str]:
        """All codes, in table order."""
        return list(self._rows)

    def info(self, code: str, goldstein: str | None = None) -> CodeInfo:
        """Name, root, PLOVER type, QuadClass and Goldstein score of ``code``.

        code (str): a CAMEO code as a string, e.g. ``"042"``.
        goldstein (str | None): ``gdelt`` or ``icews``; default is the ontology's setting.
        RETURNS (CodeInfo). Raises UnknownCode when the code is not in the table.
        """
        if not self.valid(code):
            raise UnknownCode(f"not a CAMEO event code: {code!r}")
        row = self._rows[code]
        column = goldstein or self.goldstein
        score = row.goldstein.get(column, row.goldstein.get("gdelt", row.goldstein.get("icews")))
        return CodeInfo(code, code[:2], row.name, self._plover.get(code), row.quad_class, float(score or 0.0))


def _symmetric_codes() -> frozenset[str]:
    """The codes of ``symmetric_codes.txt`` (one a line, ``#`` comments)."""
    text = (resources.files("eventlens") / "data" / "ontology" / "symmetric_codes.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


# CAMEO codes whose actors all do the same thing ("A and B held talks"): one pair, no target side.
SYMMETRIC_CODES = _symmetric_codes()


def _read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a packaged ontology table, every value a string."""
    path = resources.files("eventlens") / "data" / "ontology" / name
    # (Traversable.open takes no newline=; the wrapper reads as Path.open(encoding=, newline="") would)
    with io.TextIOWrapper(path.open("rb"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _code_rows() -> dict[str, _Row]:
    """Code -> row from ``cameo_event_codes.csv``; empty Goldstein cells are left out."""
    rows: dict[str, _Row] = {}
    for r in _read_csv("cameo_event_codes.csv"):
        scores = {k: float(r[col]) for k, col in GOLDSTEIN_COLUMNS.items() if r[col].strip()}
        rows[r["code"]] = _Row(r["name_cameo_codebook"], int(r["quad_class"]), scores)
    return rows


def _plover_types() -> dict[str, str | None]:
    """Code -> PLOVER type from the per-row entries of the 2021 table (root headers as fallback)."""
    per_code: dict[str, str | None] = {}
    headers: dict[str, set[str]] = {}
    for r in _read_csv("cameo_to_plover_2021.csv"):
        if r["row_kind"] == "code":
            per_code.setdefault(r["cameo_code"], r["plover_event_type"] or None)
        else:
            headers.setdefault(r["cameo_code"], set()).add(r["plover_event_type"])
    for root, types in headers.items():  # a root is coded by its header only when unambiguous
        if root not in per_code and len(types) == 1 and root not in _UNMAPPED_ROOTS:
            per_code[root] = next(iter(types))
    return per_code


@lru_cache(maxsize=2)
def load(goldstein: str = "gdelt") -> Ontology:
    """The packaged CAMEO/PLOVER ontology, read once per process (per Goldstein column).

    goldstein (str): ``gdelt`` (default) or ``icews``, the Goldstein column ``info`` returns.
    RETURNS (Ontology).
    """
    return Ontology(_code_rows(), _plover_types(), goldstein)

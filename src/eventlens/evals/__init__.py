"""Find the shared benchmarks and run eventlens over them (``eventlens eval``).

The benchmarks are read at run time from a ``shared/`` folder beside the repository (or the
folder named by ``EVENTLENS_SHARED``); none of them ships in the package. Each benchmark is a
module under ``eventlens.evals`` with ``run(settings, shared, limit) -> Report``.
"""

from __future__ import annotations

import importlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventlens.config import Settings

# name -> module under eventlens.evals; ``eventlens eval`` runs them in this order.
REGISTRY: dict[str, str] = {
    "seed": "eventlens.evals.articles",
    "devset": "eventlens.evals.articles",
    "actors": "eventlens.evals.actors",
    "t17actors": "eventlens.evals.t17actors",
    "petrarch": "eventlens.evals.petrarch",
    "plover": "eventlens.evals.plover",
    "plv": "eventlens.evals.plv",
    "timex": "eventlens.evals.timex",
    "timelines": "eventlens.evals.timelines",
    "quotes": "eventlens.evals.quotes",
}


class BenchmarkNotFound(FileNotFoundError):
    """The shared benchmarks folder or one of its files is missing."""


@dataclass
class Report:
    """What one benchmark run measured.

    figures (dict): JSON-ready numbers, headline totals first.
    text (str): the same, readable, for the terminal.
    errors (list[str]): articles or cases that failed to run.
    """

    name: str
    figures: dict[str, Any]
    text: str
    errors: list[str] = field(default_factory=list)


def find_shared(explicit: str | Path | None = None) -> Path:
    """The ``shared/`` folder: ``explicit``, ``$EVENTLENS_SHARED``, or one above cwd or the package."""
    candidates: list[Path] = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get("EVENTLENS_SHARED"):
        candidates.append(Path(os.environ["EVENTLENS_SHARED"]))
    for base in (Path.cwd(), Path(__file__).resolve()):
        candidates.extend(parent / "shared" for parent in [base, *base.parents])
    for c in candidates:
        if (c / "benchmarks").is_dir():
            return c
    raise BenchmarkNotFound("no shared/benchmarks folder found; pass --shared PATH or set EVENTLENS_SHARED")


def read_jsonl(shared: Path, relative: str, limit: int | None = None) -> list[dict[str, Any]]:
    """The records of ``shared/benchmarks/<relative>`` in file order (the first ``limit`` when given).

    Raises BenchmarkNotFound when the file is missing.
    """
    path = shared / "benchmarks" / relative
    if not path.exists():
        raise BenchmarkNotFound(str(path))
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return records[:limit] if limit else records


def available() -> list[str]:
    """Benchmark names whose module is installed, in run order."""
    names = []
    for name, module in REGISTRY.items():
        if importlib.util.find_spec(module) is not None:
            names.append(name)
    return names


def run(name: str, settings: Settings, shared: Path, limit: int | None = None) -> Report:
    """Run the benchmark ``name`` and return its Report."""
    if name not in REGISTRY:
        raise ValueError(f"unknown benchmark {name!r}; choose from {', '.join(REGISTRY)}")
    if name not in available():
        raise ValueError(f"benchmark {name!r} is not implemented yet")
    module = importlib.import_module(REGISTRY[name])
    return module.run(settings, shared, limit, name=name)

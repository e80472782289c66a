"""The accuracy gate: every benchmark with a floors file must stay at or above its floors.

Each ``tests/eval_floors/<benchmark>.json`` holds ``{"limit": N or null, "floors": {figure: min}}``
(and optionally ``"ceilings"`` for figures where lower is better, such as violations). ``figure``
is a key of the report's ``figures["total"]`` (or of ``figures`` when there is no total). Lowering a
floor is a deliberate edit of that file, reviewed like code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventlens import evals
from eventlens.config import load_settings

FLOORS = sorted((Path(__file__).parent / "eval_floors").glob("*.json"))


@pytest.mark.parametrize("path", FLOORS, ids=[p.stem for p in FLOORS])
def test_benchmark_stays_above_its_floors(path, shared_dir):
    spec = json.loads(path.read_text(encoding="utf-8"))
    report = evals.run(path.stem, load_settings(env={}), shared_dir, spec.get("limit"))
    figures = report.figures.get("total", report.figures)
    assert not report.errors, report.errors
    low = {k: (figures[k], v) for k, v in spec.get("floors", {}).items() if figures[k] < v}
    high = {k: (figures[k], v) for k, v in spec.get("ceilings", {}).items() if figures[k] > v}
    assert not low, f"{path.stem}: below floor (got, floor): {low}"
    assert not high, f"{path.stem}: above ceiling (got, ceiling): {high}"


def _is_timing(figure: str) -> bool:
    """Figures measured in seconds or per second: reported by ``eventlens bench``, never gated."""
    return figure.endswith(("_s", "_ms")) or "per_s" in figure or "seconds" in figure


def test_every_floors_file_names_a_known_benchmark_and_no_timing():
    assert FLOORS, "no eval floors pinned"
    for path in FLOORS:
        assert path.stem in evals.REGISTRY, path.name
        spec = json.loads(path.read_text(encoding="utf-8"))
        gated = [*spec.get("floors", {}), *spec.get("ceilings", {})]
        assert not [f for f in gated if _is_timing(f)], f"{path.name}: speed is not a test"

"""The code passes its static checks: ``ruff check src tests`` and ``mypy src`` (settings in pyproject.toml).

Both tools come with the ``test`` extra; a check is skipped, saying why, where its tool is not installed.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# ruff's concise format and mypy's default both start a finding with ``path:line:`` (mypy's notes only
# explain an error, and are not counted).
FINDING = re.compile(r"^(?P<path>[^:\s][^:]*\.pyi?):\d+:")


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed (pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def _findings(output: str) -> list[str]:
    """The findings among the output's lines."""
    return [line for line in output.splitlines() if FINDING.match(line) and ": note:" not in line]


def _check(done: subprocess.CompletedProcess[str], tool: str) -> None:
    output = done.stdout + done.stderr
    found = _findings(output)
    assert not found, f"{tool} found {len(found)} problem(s):\n" + "\n".join(found)
    assert done.returncode == 0, f"{tool} failed (exit status {done.returncode}):\n{output[-3000:]}"


def test_ruff_finds_nothing():
    _check(_run("ruff", "check", "--output-format", "concise", "--no-cache", "src", "tests"), "ruff")


def test_mypy_finds_nothing():
    _check(_run("mypy", "src"), "mypy")

"""Convert the MIT Phoenix actor and agent dictionaries into eventlens's compact files.

Usage: python scripts/convert_dictionaries.py [SOURCE_DIR] [OUT_DIR]

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
Phoenix.MilNonState.actors.txt and Phoenix.agents.txt from SOURCE_DIR (default
dictionaries/phoenix, the readable sources kept in this repository) and writes one gzip JSON file per
dictionary to OUT_DIR (default src/eventlens/data/actors). Problems found in the source
files are printed with file and line and the lines are left out.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

from eventlens.actors.lexicon import COMPACT_VERSION
from eventlens.actors.petrarch import Entry, read_actor_file, read_agent_file

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT / "dictionaries" / "phoenix"
DEFAULT_OUT = ROOT / "src" / "eventlens" / "data" / "actors"
ACTOR_FILES = {
    "Phoenix.Countries.actors.txt": "phoenix-countries",
    "Phoenix.International.actors.txt": "phoenix-international",
    "Phoenix.MilNonState.actors.txt": "phoenix-milnonstate",
}
AGENT_FILE = "Phoenix.agents.txt"


def _entry_row(entry: Entry) -> list[Any]:
    """``[root, kind, [[phrase, stem], ...], [[code, start, end], ...]]`` for one entry."""
    phrases = [[" ".join(p.words), int(p.stem)] for p in entry.phrases]
    codes = [[c.code, c.start.isoformat() if c.start else None, c.end.isoformat() if c.end else None]
             for c in entry.codes]
    return [entry.root, entry.kind, phrases, codes]


def _write(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as compact gzip JSON (mtime 0, so the output is reproducible)."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as fh:
        fh.write(raw)


def convert_actor_file(source: Path, out_dir: Path, tag: str) -> int:
    """Convert one actor file; return the number of problems reported."""
    result = read_actor_file(source)
    for problem in result.problems:
        print(f"skipped {problem}", file=sys.stderr)
    rows = [_entry_row(e) for e in result.entries]
    _write(out_dir / f"{tag}.json.gz", {"version": COMPACT_VERSION, "source": tag,
                                        "origin": source.name, "actors": rows})
    print(f"{source.name}: {len(rows)} entries -> {tag}.json.gz")
    return len(result.problems)


def convert_agent_file(source: Path, out_dir: Path) -> int:
    """Convert the agents file (substitution sets and plurals expanded)."""
    result = read_agent_file(source)
    for problem in result.problems:
        print(f"skipped {problem}", file=sys.stderr)
    rows = [[" ".join(a.phrase.words), a.code, a.root, int(a.phrase.stem)] for a in result.agents]
    _write(out_dir / "phoenix-agents.json.gz", {"version": COMPACT_VERSION, "source": "phoenix-agents",
                                                "origin": source.name, "actors": [], "agents": rows})
    print(f"{source.name}: {len(rows)} agent phrases -> phoenix-agents.json.gz")
    return len(result.problems)


def main(argv: list[str]) -> int:
    """Convert all four files; exit status 0 even when some lines were skipped."""
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    out_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out_dir.mkdir(parents=True, exist_ok=True)
    skipped = sum(convert_actor_file(source / name, out_dir, tag) for name, tag in ACTOR_FILES.items())
    skipped += convert_agent_file(source / AGENT_FILE, out_dir)
    print(f"{skipped} malformed lines skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

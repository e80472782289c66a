"""Render rows (list of dicts) as a table, JSON lines or CSV, and print run summaries."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    """One value as table text: lists joined, None empty, floats trimmed."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Rows as ``table`` (aligned text), ``json`` (one object a line) or ``csv`` text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        return "".join(json.dumps({c: r.get(c) for c in cols}, ensure_ascii=False, default=str) + "\n" for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: _cell(r.get(c)) for c in cols} for r in rows)
        return buf.getvalue()
    return _table_text(rows, cols)


TABLE_CELL_MAX = 72


def _short(text: str, limit: int = TABLE_CELL_MAX) -> str:
    """A table cell cut to ``limit`` characters with an ellipsis (JSON and CSV keep everything)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table_text(rows: Sequence[dict[str, Any]], cols: list[str]) -> str:
    """A rich table rendered to plain text, long cells shortened."""
    table = Table(*cols, show_lines=False, header_style="bold")
    for c in cols:
        table.columns[cols.index(c)].overflow = "fold"
    for r in rows:
        table.add_row(*(_short(_cell(r.get(c))) for c in cols))
    console = Console(file=io.StringIO(), width=160, color_system=None)
    console.print(table)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return out + f"{len(rows)} row{'s' if len(rows) != 1 else ''}\n"

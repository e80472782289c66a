"""Rendering rows as table, JSON lines and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventlens.output import render

ROWS = [{"code": "042", "goldstein": 1.9, "names": ["a", "b"], "none": None}, {"code": "190", "goldstein": -10.0}]


def test_json_lines_keep_codes_as_strings():
    lines = render(ROWS, "json").splitlines()
    assert json.loads(lines[0])["code"] == "042" and len(lines) == 2


def test_csv_has_header_and_rows():
    rows = list(csv.DictReader(io.StringIO(render(ROWS, "csv"))))
    assert rows[0]["code"] == "042" and rows[0]["names"] == "a, b" and rows[1]["none"] == ""


def test_table_lists_rows_and_count():
    text = render(ROWS, "table", ["code", "goldstein"])
    assert "042" in text and "-10" in text and text.rstrip().endswith("2 rows")


def test_unknown_format():
    with pytest.raises(ValueError):
        render(ROWS, "xml")


def test_table_shortens_long_cells_but_csv_keeps_them():
    rows = [{"evidence": "word " * 40}]
    assert "…" in render(rows, "table") and "…" not in render(rows, "csv")

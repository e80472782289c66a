"""The JSON Schema of the output record, and checks a record must pass beyond it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema


@lru_cache(maxsize=1)
def result_schema() -> dict[str, Any]:
    """The packaged JSON Schema for ``eventlens.article/1`` records."""
    text = resources.files("eventlens").joinpath("data/result.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    """The schema's validator, built once (``eventlens validate`` checks many records)."""
    return jsonschema.Draft202012Validator(result_schema())


def problems(record: dict[str, Any], text: str | None = None) -> list[str]:
    """Every way ``record`` breaks the schema; with ``text``, also offsets that do not match it."""
    validator = _validator()
    found = [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}" for e in validator.iter_errors(record)]
    if text is not None and not found:
        found.extend(_offset_problems(record, text))
    return found


def _offset_problems(record: dict[str, Any], text: str) -> list[str]:
    """Items whose ``text[start:end]`` differs from the text they carry."""
    checks = [("actors", "text", "start", "end"), ("dates", "text", "start", "end"),
              ("quotes", "quote", "start", "end"), ("events", "evidence", "evidence_start", "evidence_end"),
              ("events", "trigger", "trigger_start", "trigger_end")]
    out = []
    for key, field, start, end in checks:
        for i, item in enumerate(record.get(key, [])):
            if text[item[start] : item[end]] != item[field]:
                out.append(f"{key}/{i}: text[{item[start]}:{item[end]}] != {field} {item[field]!r}")
    for i, q in enumerate(record.get("quotes", [])):
        start, end = q.get("speaker_start"), q.get("speaker_end")
        if start is not None and text[start:end] != q.get("speaker_text"):
            out.append(f"quotes/{i}: text[{start}:{end}] != speaker_text {q.get('speaker_text')!r}")
    return out

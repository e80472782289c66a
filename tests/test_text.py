"""The shared reading of the text (``eventlens.text``): datelines and verbs of saying, on Docs from
``spacy.blank("en")`` (no trained pipeline needed)."""

from __future__ import annotations

import pytest
import spacy

from eventlens.text import datelines, speech


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _lines(text: str) -> list[tuple[str, str, str | None]]:
    """(whole dateline, place, credit) of each dateline of ``text``."""
    return [(text[d.start : d.end], text[d.place[0] : d.place[1]], d.credit and text[d.credit[0] : d.credit[1]])
            for d in datelines.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("MOSCOW, Jan. 1 (Reuters) - Russia said", [("MOSCOW, Jan. 1 (Reuters) -", "MOSCOW", "Reuters")]),
    ("CAIRO, Egypt (AP) \u2014 The army", [("CAIRO, Egypt (AP) \u2014", "CAIRO", "AP")]),
    ("ST. PETERSBURG, Russia -- Talks", [("ST. PETERSBURG, Russia --", "ST. PETERSBURG", None)]),
    ("WASHINGTON \u2014 The president", [("WASHINGTON \u2014", "WASHINGTON", None)]),
    ("MINSK, Feb. 12 (Reuters) The talks", [("MINSK, Feb. 12 (Reuters)", "MINSK", "Reuters")]),
    ("Kyiv, Ukraine, April 9 - The mayor", [("Kyiv, Ukraine, April 9 -", "Kyiv", None)]),
    ("Tehran, March 15, IRNA - Iran said", [("Tehran, March 15, IRNA -", "Tehran", None)]),
    ("Lagos, Nigeria (CNN) -- Gunmen", [("Lagos, Nigeria (CNN) --", "Lagos", "CNN")]),
])
def test_datelines_in_their_common_shapes(text, expected):
    assert _lines(text) == expected


@pytest.mark.parametrize("text", [
    "NATO said on Monday it would send ships.",  # capitals, but no date and no dash
    "Kyiv - the mayor said the city was calm.",  # title case needs a date or a credit
    "Russia-backed militias attacked the town.",  # a hyphenated word is no dash
    "The talks, held in Geneva - a neutral city - ended.",  # not at a line's start
])
def test_lines_that_are_not_datelines(text):
    assert datelines.find(text) == []


def test_every_paragraph_may_open_with_one_and_offsets_are_the_texts(blank):
    text = "Headline here\n\nBEIRUT, June 3 (AP) - Talks began.\nLater text.\nGAZA CITY - Shelling went on."
    doc = blank(text)
    found = datelines.of_doc(doc)
    assert [text[d.place[0] : d.place[1]] for d in found] == ["BEIRUT", "GAZA CITY"]
    assert datelines.of_doc(doc) is found  # found once per Doc
    beirut, talks = doc[3], next(t for t in doc if t.text == "Talks")
    assert datelines.in_dateline(beirut) and not datelines.in_dateline(talks)
    first = next(t for t in doc if t.text == "GAZA")
    dash = datelines.dash_token(doc, first)
    assert dash is not None and doc[dash].text == "-"


def test_speech_lists_are_read_from_data_and_consistent(blank):
    assert {"say", "announce", "denounce"} <= speech.SPEECH
    assert speech.NEUTRAL_SPEECH <= speech.SPEECH
    assert "denounce" not in speech.NEUTRAL_SPEECH  # judges what it reports
    assert ("point", "out") in speech.PHRASAL_SPEECH
    assert not {"expel", "impose", "meet", "sign"} & speech.SPEECH  # acts, not speech
    doc = blank("He said")
    doc[1].lemma_ = "say"
    assert speech.is_speech(doc[1]) and speech.is_neutral_speech(doc[1])


def test_columns_are_the_token_attributes(blank):
    from spacy.tokens import Doc

    from eventlens.events.syntax import sentence_segments
    from eventlens.text import columns

    words = ["Russia", "Condemned", "Kyiv", "\n\n", "It", "said", "so", "."]
    doc = Doc(blank.vocab, words=words, spaces=[True, True, False, False, True, True, False, False],
              heads=[1, 1, 1, 2, 5, 5, 5, 5], deps=["nsubj", "ROOT", "dobj", "dep", "nsubj", "ROOT", "advmod", "punct"],
              pos=["PROPN", "VERB", "PROPN", "SPACE", "PRON", "VERB", "ADV", "PUNCT"],
              lemmas=["Russia", "condemn", "Kyiv", "\n\n", "it", "say", "so", "."],
              ents=["B-GPE", "O", "B-GPE", "O", "O", "O", "O", "O"],
              sent_starts=[True, False, False, False, True, False, False, False])
    cols = columns.of_doc(doc)
    assert columns.of_doc(doc) is cols
    for t in doc:
        assert (cols.lower[t.i], cols.lemma[t.i], cols.pos[t.i], cols.tag[t.i], cols.dep[t.i], cols.ent_type[t.i],
                cols.is_space[t.i], cols.is_alpha[t.i], cols.head[t.i], cols.idx[t.i]) == \
            (t.lower_, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.ent_type_, t.is_space, t.is_alpha, t.head.i, t.idx)
    assert [t.text for t in columns.where(doc, lambda c, i: c.pos[i] == "VERB")] == ["Condemned", "said"]
    # the line break cuts the first sentence; the whitespace piece is no segment
    assert [(s.start, s.end) for s in sentence_segments(doc)] == [(0, 3), (4, 8)]
    assert columns.of_doc(blank("")).lower == []

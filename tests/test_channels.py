"""Telling a news outlet something is no event between the speaker and the outlet."""

from __future__ import annotations

import pytest

from eventlens.config import Settings
from eventlens.events.channels import channel_verbs, is_media
from eventlens.ingest import make_article
from eventlens.pipeline import process


def test_media_codes_and_channel_verbs():
    assert is_media("MED") and is_media("USAMED") and is_media("GBRGOVMED")
    assert not is_media("USAGOV") and not is_media(None) and not is_media("")
    assert {"tell", "speak", "say"} <= channel_verbs() and "accuse" not in channel_verbs()


@pytest.mark.slow
def test_statements_to_the_press_are_not_events_but_acts_on_the_press_are():
    texts = [
        "The Libyan spokesman told Reuters on Monday that the talks had failed.",
        "The Syrian foreign minister spoke to the BBC about the ceasefire.",
        "Russia accused the BBC of bias on Monday.",
        "The Egyptian government banned Al Jazeera from reporting in Cairo.",
    ]
    results = list(process([make_article(t, id=str(i)) for i, t in enumerate(texts)], Settings()))
    codes = [[e.code[:2] for e in r.events] for r in results]
    assert codes[0] == [] and codes[1] == []
    assert codes[2] == ["11"] and codes[3] == ["17"]

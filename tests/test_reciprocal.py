"""Reciprocal acts: "A and B accused each other" is an event each way."""

from __future__ import annotations

import pytest

from test_learned import coded, model  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def test_coordinated_parties_acting_on_each_other_give_an_event_each_way(coded):  # noqa: F811
    evs = coded("Russia and Ukraine accused each other of shelling the plant.")
    assert sorted((e.source, e.target, e.root) for e in evs) == [("RUS", "UKR", "11"), ("UKR", "RUS", "11")]


def test_one_party_acting_on_another_stays_one_event(coded):  # noqa: F811
    evs = coded("Russia accused Ukraine of shelling the plant.")
    assert [(e.source, e.target, e.root) for e in evs] == [("RUS", "UKR", "11")]

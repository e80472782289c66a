"""Happenings: the linking rule on hand-made reports, and the store keeping links across writes."""

from __future__ import annotations

from datetime import date

import pytest

from eventlens import happenings, query
from eventlens.happenings import Report, Rule, actor_key, date_span, link
from eventlens.store import Store
from web_support import articles, meeting


def rep(row_id: str, day: str | None, source: str = "USAGOV", target: str = "CHNGOV", code: str = "042",
        article: str | None = None, country: str | None = None, outlet: str | None = "reuters") -> Report:
    """A report with only the fields the rule looks at varying."""
    return Report(row_id, article or f"art-{row_id}", "e1", source, target, code[:2], code, "name", "CONSULT", 1,
                  1.0, day, country, country and "City", None, None, "2023-05-05", outlet)


@pytest.mark.parametrize("value,span", [
    ("2023-05-02", (date(2023, 5, 2), date(2023, 5, 2))),
    ("2023-05-02T18:00", (date(2023, 5, 2), date(2023, 5, 2))),
    ("2023-W18", (date(2023, 5, 1), date(2023, 5, 7))),
    ("2023-W18-WE", (date(2023, 5, 6), date(2023, 5, 7))),
    ("2023-02", (date(2023, 2, 1), date(2023, 2, 28))),
    ("2023", (date(2023, 1, 1), date(2023, 12, 31))),
    ("2023-05-01/2023-05-03", (date(2023, 5, 1), date(2023, 5, 3))),
    ("unknown", None), (None, None), ("2023-SU", None), ("2023-13", None),
])
def test_date_span(value, span):
    assert date_span(value) == span


@pytest.mark.parametrize("code,blocks,key", [
    ("RUSGOVMIL", 1, "RUSGOV"), ("RUSGOVMIL", 0, "RUS"), ("RUS", 1, "RUS"),
    ("IGOWSTNAT", 1, "IGOWSTNAT"), ("IGOWSTNATMIL", 1, "IGOWSTNATMIL"), ("usagov", 1, "USAGOV"), (None, 1, ""),
])
def test_actor_key(code, blocks, key):
    assert actor_key(code, blocks) == key


def test_same_day_reports_of_different_articles_are_one_happening():
    linked = link([rep("r1", "2023-05-02", outlet="reuters"), rep("r2", "2023-05-02T09:00", outlet="ap"),
                   rep("r3", "2023-05-02", source="USAGOVMIL", code="040", outlet="ap")])
    assert len(linked) == 1
    h, members = linked[0]
    assert (h["reports"], h["articles"], h["outlets"]) == (3, 3, 2)
    assert [m.row_id for m in members] == ["r1", "r2", "r3"]
    assert (h["source"], h["target"], h["root"], h["code"]) == ("USAGOV", "CHNGOV", "04", "042")


@pytest.mark.parametrize("other", [
    rep("r2", "2023-05-03"),                       # next day
    rep("r2", "2023-05-02", target="RUSGOV"),       # other target
    rep("r2", "2023-05-02", source="USAMIL"),       # other sector
    rep("r2", "2023-05-02", code="112"),            # other root
])
def test_different_day_dyad_or_root_is_another_happening(other):
    assert len(link([rep("r1", "2023-05-02"), other])) == 2


def test_window_days_links_neighbouring_days_transitively():
    reports = [rep("r1", "2023-05-02"), rep("r2", "2023-05-03"), rep("r3", "2023-05-04"), rep("r4", "2023-05-09")]
    assert [h["reports"] for h, _ in link(reports, Rule(window_days=1))] in ([3, 1], [1, 3])
    assert len(link(reports)) == 4


def test_week_span_overlaps_days_but_a_month_does_not_swallow_them():
    week = link([rep("r1", "2023-05-02"), rep("r2", "2023-W18")])
    assert len(week) == 1 and (week[0][0]["date_start"], week[0][0]["date_end"]) == ("2023-05-01", "2023-05-07")
    month = link([rep("r1", "2023-05-02"), rep("r2", "2023-05"), rep("r3", "2023-05")])
    assert sorted(h["reports"] for h, _ in month) == [1, 2]


def test_places_in_different_countries_split_and_unplaced_reports_join_the_biggest():
    reports = [rep("r1", "2023-05-02", country="FIN"), rep("r2", "2023-05-02", country="FIN"),
               rep("r3", "2023-05-02", country="SWE"), rep("r4", "2023-05-02")]
    by_country = {h["location_country"]: h["reports"] for h, _ in link(reports)}
    assert by_country == {"FIN": 3, "SWE": 1}
    assert len(link(reports, Rule(location="off"))) == 1


def test_symmetric_codes_match_either_direction_and_undated_reports_are_not_linked():
    reports = [rep("r1", "2023-05-02", code="044"), rep("r2", "2023-05-02", "CHNGOV", "USAGOV", code="044"),
               rep("r3", "unknown")]
    linked = link(reports)
    assert len(linked) == 1 and linked[0][0]["reports"] == 2
    assert len(link([rep("r1", "2023-05-02"), rep("r2", "2023-05-02", "CHNGOV", "USAGOV")])) == 2


def test_ids_are_deterministic_and_independent_of_input_order():
    reports = [rep("r1", "2023-05-02"), rep("r2", "2023-05-02"), rep("r3", "2023-05-04")]
    first = [(h["happening_id"], [m.row_id for m in ms]) for h, ms in link(reports)]
    again = [(h["happening_id"], [m.row_id for m in ms]) for h, ms in link(reversed(reports))]
    assert first == again and all(hid.startswith("h") for hid, _ in first)


def test_rule_rejects_bad_settings():
    with pytest.raises(ValueError):
        Rule(location="city")
    with pytest.raises(ValueError):
        Rule(window_days=-1)


def _happening_rows(con):
    return [(h["happening_id"], h["reports"], h["articles"], h["outlets"])
            for h in query.happenings(con, order="reports")]


def test_store_links_articles_and_keeps_ids_when_rewritten():
    with Store(":memory:") as store:
        store.write_many(articles())
        rows = _happening_rows(store.con)
        assert rows[0][1:] == (2, 2, 2)  # the Biden-Xi meeting reported by reuters and apnews
        assert len(rows) == 3
        store.write_many(articles())
        assert _happening_rows(store.con) == rows
        found = query.happening(store.con, rows[0][0])
        assert {r["article_id"] for r in found["reports_list"]} == {"biden_xi_reuters", "biden_xi_ap"}


def test_store_relinks_when_an_article_changes_or_the_rule_changes():
    with Store(":memory:") as store:
        store.write_many(articles())
        moved, article = meeting("biden_xi_ap", "2023-05-09", "apnews", "2023-05-10")
        store.write(moved, article)
        assert sorted(h[1] for h in _happening_rows(store.con)) == [1, 1, 1, 1]
        store.happening_rule = Rule(window_days=10)
        store.write(moved, article)
        assert sorted(h[1] for h in _happening_rows(store.con)) == [1, 1, 2]


def test_rebuild_matches_incremental_refresh():
    with Store(":memory:") as store:
        for pair in articles():
            store.write(*pair)
        incremental = _happening_rows(store.con)
        happenings.rebuild(store.con, Rule())
        assert _happening_rows(store.con) == incremental


def test_ingest_links_with_the_rule_of_its_own_settings(tmp_path, monkeypatch):
    """A --config file's happening_* settings reach the store that ingest writes (not only the
    packaged defaults and environment)."""
    import dataclasses

    from eventlens import runner
    from eventlens.config import Settings
    from eventlens.models import ArticleError
    from eventlens.store import Store

    seen = []
    monkeypatch.setattr(Store, "write_batch",
                        lambda self, items, fresh, settled=(): seen.append(self.happening_rule) or 0)
    settings = dataclasses.replace(Settings(), db_path=str(tmp_path / "s.duckdb"), happening_window_days=3,
                                   happening_location="off")
    batches = runner._Batches(settings, 10)
    batches.add(ArticleError("x.jsonl:1", "broken"), ArticleError("x.jsonl:1", "broken"))
    batches.flush()
    assert seen == [Rule(window_days=3, location="off")]


def test_a_new_report_relinks_only_the_happenings_near_it_in_time_and_their_chain():
    key = ("USAGOV", "CHNGOV", "04")
    stored = [("far", *key, "2023-01-01", "2023-01-02"), ("near", *key, "2023-05-04", "2023-05-05"),
              ("chained", *key, "2023-05-06", "2023-05-08"), ("other-dyad", "RUSGOV", "CHNGOV", "04",
                                                               "2023-05-05", "2023-05-05")]
    chosen = happenings._window([rep("r1", "2023-05-05")], [], stored, Rule(window_days=1))
    assert chosen == {"near", "chained"}  # "chained" meets "near" once widened; "far" and another dyad stay


def test_incremental_links_over_many_dates_equal_a_rebuild(tmp_path):
    with Store(tmp_path / "h.duckdb") as store:
        for day in ("2023-05-01", "2023-05-09", "2023-05-02", "2023-05-30", "2023-05-08"):
            store.write(*meeting(f"m-{day}", day, "reuters", day))
        incremental = _happening_rows(store.con)
        happenings.rebuild(store.con, Rule())
        assert _happening_rows(store.con) == incremental and len(incremental) >= 3

"""Time every workbench page on a synthetic store (default 100,000 events); not part of the tests.

    .venv/bin/python scripts/bench_web.py [--events 100000] [--db /tmp/eventlens-bench.duckdb] [--repeat 3]

Builds the store with DuckDB's own ``range()`` (random but seeded dyads, codes, days, places and
outlets over 20,000 articles), links its happenings, then asks each page ``--repeat`` times through
FastAPI's TestClient and prints the best and the median time per page.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import duckdb

from eventlens import happenings
from eventlens.store import Store

ACTORS = ["USAGOV", "RUSGOV", "CHNGOV", "UKRGOV", "FRAGOV", "DEUGOV", "GBRGOV", "IRNGOV", "ISRGOV", "PSEREB",
          "IGOWSTNAT", "IGOEUREEC", "USAMIL", "RUSMIL", "UKRMIL", "TURGOV", "SAUGOV", "INDGOV", "JPNGOV", "KORGOV"]
CODES = [("042", "04", "CONSULT", 1, 1.9), ("036", "03", "AGREE", 1, 4.0), ("051", "05", "SUPPORT", 1, 3.4),
         ("057", "05", "AGREE", 1, 8.0), ("070", "07", "AID", 2, 7.0), ("112", "11", "ACCUSE", 3, -2.0),
         ("120", "12", "REJECT", 3, -4.0), ("138", "13", "THREATEN", 3, -7.0), ("163", "16", "REDUCE", 4, -8.0),
         ("190", "19", "FIGHT", 4, -10.0)]


def build(path: str, n_events: int) -> None:
    """A synthetic store of ``n_events`` events over 20,000 articles, happenings linked."""
    Path(path).unlink(missing_ok=True)
    with Store(path) as store:
        con = store.con
        con.execute("SELECT setseed(0.42)")
        con.execute("CREATE TEMP TABLE a_codes AS SELECT unnest(?) AS code, generate_subscripts(?, 1) AS i",
                    [ACTORS, ACTORS])
        con.execute("CREATE TEMP TABLE c_codes (code VARCHAR, root VARCHAR, plover VARCHAR, quad INT, g DOUBLE, i INT)")
        con.executemany("INSERT INTO c_codes VALUES (?, ?, ?, ?, ?, ?)", [(*c, i + 1) for i, c in enumerate(CODES)])
        con.execute("""INSERT INTO articles SELECT 'art' || i, strftime(DATE '2022-01-01' + (i % 730)::INT, '%Y-%m-%d'),
            'Synthetic article ' || i, md5(i::VARCHAR),
            'Synthetic report number ' || i || ' about talks, sanctions and fighting between governments.',
            'https://outlet' || (i % 40) || '.example/' || i, 'outlet' || (i % 40), 'synthetic', now()::TIMESTAMP
            FROM range(20000) t(i)""")
        con.execute(f"""INSERT INTO events SELECT md5('e' || x.i), 'art' || (x.i % 20000), 0, 'e' || x.i,
            s.code, t.code, 'a1', 'a2', c.code, c.root, 'synthetic ' || c.code, c.plover, c.quad, c.g,
            strftime(DATE '2022-01-01' + (x.i % 20000 % 730)::INT - (x.i % 3)::INT, '%Y-%m-%d'), NULL,
            'Synthetic evidence ' || x.i, 0, 20, 'met', 0, 3, NULL, NULL,
            CASE WHEN x.i % 4 = 0 THEN NULL ELSE 'FIN' END, NULL, NULL, 0.8, 'synthetic'
            FROM (SELECT i, 1 + (hash(i) % 20)::INT AS si, 1 + (hash(i * 7) % 20)::INT AS ti,
                         1 + (hash(i * 13) % 10)::INT AS ci FROM range({int(n_events)}) r(i)) x
            JOIN a_codes s ON s.i = x.si JOIN a_codes t ON t.i = x.ti JOIN c_codes c ON c.i = x.ci""")
        con.execute("""INSERT INTO actors SELECT md5('a' || r.i || c.code), 'art' || r.i, 0, 'a1', c.code, 0, 6, c.code, c.code,
            [], 'group', 'synthetic', NULL FROM range(20000) r(i), (SELECT code FROM a_codes WHERE i <= 3) c""")
        con.execute("""INSERT INTO quotes SELECT md5('q' || i), 'art' || i, 0, 'q1', 'We will talk again ' || i,
            0, 10, 'direct', 'Speaker ' || (i % 50), 'Speaker', 'a1', 'said', NULL,
            strftime(DATE '2022-01-01' + (i % 730)::INT, '%Y-%m-%d'), 'USAGOV', 0, 7 FROM range(20000) r(i)""")
        started = time.perf_counter()
        con.begin()
        linked = happenings.rebuild(con, happenings.default_rule())
        con.commit()
        print(f"store: {n_events} events; {linked} happenings linked in {time.perf_counter() - started:.1f} s")


PAGES = ["/", "/?actor=RUS&since=2022-06", "/events", "/events?actor=USA&quad_class=4", "/dyad?a=USA&b=RUS",
         "/actors", "/actors/RUSGOV", "/happenings", "/happenings?min_reports=3&order=date", "/quotes?speaker=speaker 7",
         "/articles/art123", "/search?q=sanctions+fighting", "/api/events?limit=100", "/api/daily", "/api/network"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/eventlens-bench.duckdb")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from eventlens.web.app import create_app

    build(args.db, args.events)
    happening = duckdb.connect(args.db, read_only=True).execute(
        "SELECT happening_id FROM happenings ORDER BY reports DESC LIMIT 1").fetchone()[0]
    client = TestClient(create_app(args.db))
    print(f"{'page':45} {'best ms':>8} {'median ms':>10}")
    for page in PAGES + [f"/happenings/{happening}"]:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            status = client.get(page).status_code
            times.append((time.perf_counter() - started) * 1000)
            assert status == 200, (page, status)
        print(f"{page:45} {min(times):8.0f} {statistics.median(times):10.0f}")


if __name__ == "__main__":
    main()

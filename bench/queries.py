"""The chat queries at scale: /town, /actor, /search and /stats as the answer functions run them, on a
database of synthetic incidents, beside a bare indexed sqlite3 query on the same database.

Rows are deterministic (seed 42): towns and actors from the gazetteer with Zipf(1) popularity (the
busiest town holds ~15 % of incidents), ACLED types weighted like the corpus, dates over three years,
titles of corpus words for full-text search. Prints one JSON object on its last line:
{"bench": "queries", "incidents", "p95_ms": {...}, "ratio_vs_bare": {...}, "db_mb", ...}.
Goal (issue 14): p95 ≤ 2× the bare query (docs/performance.md §7). `--incidents N` for a quick run.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from answers.context import AnswerContext, Asker  # noqa: E402
from answers.incidents import LIST_LIMIT, MAX_SEARCH_HITS, actor, search, town  # noqa: E402
from answers.selection import parse_selection  # noqa: E402
from extraction.gazetteer import load_gazetteer  # noqa: E402
from extraction.normalize import entity_key, query_words, search_words  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.incidents import weekly_counts  # noqa: E402

TYPES = [
    ("Battles", "Armed clash", 30),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 20),
    ("Explosions/Remote violence", "Air/drone strike", 10),
    ("Violence against civilians", "Attack", 15),
    ("Strategic developments", "Arrests", 10),
    ("Protests", "Peaceful protest", 10),
    ("Strategic developments", "Looting/property destruction", 5),
]
START = date(2023, 1, 1)
QUERIES = 300


def zipf_weights(n: int) -> list[float]:
    return [1 / (rank + 1) for rank in range(n)]


def build(path: Path, count: int, gazetteer) -> None:
    rng = random.Random(42)
    db = open_database(path)
    places = [p for p in gazetteer.places if p.is_settlement and p.lat is not None][:1000]
    actors = gazetteer.actors
    words = " ".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "corpus" / "seeds").glob("*.txt")
    ).split()
    place_weights, actor_weights = zipf_weights(len(places)), zipf_weights(len(actors))
    type_weights = [t[2] for t in TYPES]
    conn = db.conn
    now = datetime.now(UTC).isoformat(timespec="seconds")
    batch = 20_000
    for first in range(1, count + 1, batch):
        ids = range(first, min(count, first + batch - 1) + 1)
        towns = rng.choices(places, place_weights, k=len(ids))
        types = rng.choices(TYPES, type_weights, k=len(ids))
        pairs = [rng.choices(actors, actor_weights, k=2) for _ in ids]
        days = [(START + timedelta(days=rng.randrange(3 * 365))).isoformat() for _ in ids]
        articles, incidents, actor_rows, fts = [], [], [], []
        for k, i in enumerate(ids):
            place, (event_type, sub_type, _), (a1, a2), day = towns[k], types[k], pairs[k], days[k]
            title = (
                " ".join(rng.choices(words, k=4))
                + f" {a1.name} في {place.name} "
                + " ".join(rng.choices(words, k=4))
            )
            articles.append((i, f"h{i}", title, title, now))
            fts.append((i, " ".join(search_words(title))))
            incidents.append(
                (
                    i,
                    i,
                    event_type,
                    sub_type,
                    day,
                    1,
                    day,
                    place.name,
                    entity_key(place.name),
                    place.admin1,
                    place.lat,
                    place.lon,
                    rng.choice((None, 0, 1, 2, 5)),
                    None,
                    now,
                )
            )
            actor_rows += [
                (i, 0, entity_key(a1.name), a1.name, a1.acled_type, a1.inter, day),
                (i, 1, entity_key(a2.name), a2.name, a2.acled_type, a2.inter, day),
            ]
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO articles (id, content_hash, title, text, fetched_at) VALUES (?, ?, ?, ?, ?)",
            articles,
        )
        conn.executemany("INSERT INTO articles_fts (rowid, words) VALUES (?, ?)", fts)
        conn.executemany(
            "INSERT INTO incidents (id, article_id, event_type, sub_event_type, event_date, time_precision, sort_date, town, town_key, admin1, latitude, longitude, killed, injured, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            incidents,
        )
        conn.executemany(
            "INSERT INTO incident_actors (incident_id, position, actor_key, name, acled_type, inter, sort_date) VALUES (?, ?, ?, ?, ?, ?, ?)",
            actor_rows,
        )
        conn.executemany(
            "INSERT INTO incident_sources (incident_id, article_id, event_type, sub_event_type, added_at) VALUES (?, ?, ?, ?, ?)",
            [(i[0], i[1], i[2], i[3], now) for i in incidents],
        )
        conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def timed(function, arguments) -> list[float]:
    samples = []
    for argument in arguments:
        started = time.perf_counter()
        function(argument)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None, help="reuse or keep the database here")
    args = parser.parse_args()
    gazetteer = load_gazetteer()
    folder = tempfile.mkdtemp(prefix="raqib-bench-")
    path = args.db or Path(folder) / "bench.db"
    started = time.perf_counter()
    if not path.exists():
        build(path, args.incidents, gazetteer)
    build_s = time.perf_counter() - started
    db = open_database(path)
    count = db.execute("SELECT count(*) FROM incidents").fetchone()[0]
    rng = random.Random(7)
    now = datetime.combine(START + timedelta(days=3 * 365), datetime.min.time(), UTC)
    ctx = AnswerContext(db, gazetteer, now)
    asker = Asker(1, language="en")
    places = [p for p in gazetteer.places if p.is_settlement and p.lat is not None][:1000]
    # names a user would type that resolve to one place (an ambiguous name answers with buttons)
    unique = [p for p in places if len([q for q in gazetteer.place_named(p.name) if q.is_settlement]) == 1]
    town_names = [rng.choice(unique).name for _ in range(QUERIES)]
    actor_names = [rng.choice(gazetteer.actors).name for _ in range(QUERIES)]
    search_terms = [rng.choice(places).name for _ in range(QUERIES)]

    def stats_query(name: str) -> None:
        selection = parse_selection(ctx, asker, [name, "90d"], None, "stats")
        if not hasattr(selection, "filter"):
            return
        weekly_counts(db, selection.filter)

    results = {
        "town": timed(lambda n: town(ctx, asker, [n]), town_names),
        "actor": timed(lambda n: actor(ctx, asker, [n, "30d"]), actor_names),
        "search": timed(lambda n: search(ctx, asker, [n]), search_terms),
        "stats": timed(stats_query, town_names),
    }
    # The floor: the same rows (up to LIST_LIMIT, newest first, with the article title and the actors)
    # fetched by hand-written indexed sqlite3 queries, the actors of all rows in one query as an expert
    # would batch them, without name resolution, counting or formatting.
    conn = db.conn
    since = (now.date() - timedelta(days=29)).isoformat()
    bare_town = (
        "SELECT i.*, ar.title FROM incidents i JOIN articles ar ON ar.id = i.article_id "
        "WHERE i.town_key = ? ORDER BY i.sort_date DESC, i.id DESC LIMIT ?"
    )
    bare_actor = (
        "SELECT i.*, ar.title FROM incident_actors a JOIN incidents i ON i.id = a.incident_id "
        "JOIN articles ar ON ar.id = i.article_id WHERE a.actor_key = ? AND a.sort_date >= ? "
        "ORDER BY a.sort_date DESC, a.incident_id DESC LIMIT ?"
    )
    bare_ids = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    bare_rows = (
        "SELECT i.*, ar.title FROM incidents i JOIN articles ar ON ar.id = i.article_id "
        "WHERE i.id IN (SELECT incident_id FROM incident_sources WHERE article_id IN ({ids})) "
        "ORDER BY i.sort_date DESC, i.id DESC LIMIT ?"
    )
    bare_actors = (
        "SELECT incident_id, name, acled_type, inter, name_en FROM incident_actors "
        "WHERE incident_id IN (SELECT value FROM json_each(?)) ORDER BY incident_id, position"
    )

    def with_actors(rows: list) -> tuple[list, list]:
        ids = json.dumps([r[0] for r in rows])
        return rows, conn.execute(bare_actors, (ids,)).fetchall()

    def fts_match(name: str) -> tuple[list, list]:
        """The bare FTS5 MATCH on the same index, then those articles' incidents by index."""
        terms = " ".join(f'"{word}"' for word in query_words(name))
        ids = [r[0] for r in conn.execute(bare_ids, (terms, MAX_SEARCH_HITS)).fetchall()]
        marks = ", ".join("?" for _ in ids) or "NULL"
        return with_actors(conn.execute(bare_rows.format(ids=marks), (*ids, LIST_LIMIT)).fetchall())

    bare = {
        "town": timed(
            lambda n: with_actors(conn.execute(bare_town, (entity_key(n), LIST_LIMIT)).fetchall()), town_names
        ),
        "search": timed(fts_match, search_terms),
        "actor": timed(
            lambda n: with_actors(conn.execute(bare_actor, (entity_key(n), since, LIST_LIMIT)).fetchall()),
            actor_names,
        ),
    }
    chart_ms = None
    try:
        from answers.stats import stats as stats_answer

        chart_ms = round(
            statistics.median(timed(lambda n: stats_answer(ctx, asker, [n, "90d"]), town_names[:10])), 1
        )
    except Exception as exc:  # a missing font or backend must not hide the query figures
        print(f"chart timing failed: {exc}", file=sys.stderr)
    p95 = {name: round(percentiles(samples)[1], 2) for name, samples in results.items()}
    p50 = {name: round(percentiles(samples)[0], 2) for name, samples in results.items()}
    bare_p95 = {name: round(percentiles(samples)[1], 3) for name, samples in bare.items()}
    print(
        json.dumps(
            {
                "bench": "queries",
                "incidents": count,
                "p50_ms": p50,
                "p95_ms": p95,
                "bare_p95_ms": bare_p95,
                "ratio_vs_bare": {name: round(p95[name] / max(bare_p95[name], 1e-6), 2) for name in bare},
                "stats_with_chart_p50_ms": chart_ms,
                "db_mb": round(path.stat().st_size / 1e6, 1),
                "build_s": round(build_s, 1),
            }
        )
    )


if __name__ == "__main__":
    main()

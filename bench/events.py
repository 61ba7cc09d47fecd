"""Events benchmark: 50k events and 500k RSVPs; the upcoming-in-a-city query and the event page.

Run through bench/events.sh (it builds the release and starts a private PostgreSQL). Prints:
- the upcoming-in-a-city SQL alone (the list's own query, prepared, random cities): p50 / p99;
- for the city list page and the event page, server-rendered over HTTP: peak throughput with
  closed-loop clients, then p50 / p99 latency with requests sent at half that rate (open loop);
- the ratio of each page's p99 to the SQL p99 measured in the same run (machines are noisy).
"""

import argparse
import http.client
import random
import statistics
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timezone

import psycopg

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from foundation import HOST, PORT, start_server, stop  # noqa: E402

SEED = """
insert into members (username, email, display_name, password_hash, city)
select 'bench_' || i, 'bench_' || i || '@example.org', 'Bench ' || i, 'x', 'City ' || (i %% 100)
from generate_series(1, %(members)s) i;

with m as (select array_agg(member_id order by member_id) a from members),
     t as (select enum_range(null::event_type) types)
insert into events (organizer_id, title, event_type, status, starts_at, ends_at, time_zone, venue, city, country,
                    latitude, longitude, capacity, tags)
select m.a[1 + i %% %(members)s], 'Bench event ' || i, t.types[1 + i %% 7],
       case when i %% 50 = 0 then 'cancelled' else 'published' end::event_status,
       date_trunc('hour', now()) + make_interval(days => (i %% 730) - 365, hours => i %% 24),
       date_trunc('hour', now()) + make_interval(days => (i %% 730) - 365, hours => i %% 24 + 3),
       'Europe/Berlin', 'Venue ' || (i %% 997), 'City ' || (i %% 100), 'Benchland',
       40 + (i %% 100) * 0.1, 10 + (i %% 100) * 0.1, null, array['tango']
from generate_series(1, %(events)s) i, m, t;

with m as (select array_agg(member_id order by member_id) a from members),
     e as (select event_id, row_number() over (order by event_id) n from events)
insert into event_rsvps (event_id, member_id, status)
select e.event_id, m.a[1 + ((e.n * 7919 + k * 104729) %% %(members)s)],
       case when k <= 6 then 'going' when k <= 9 then 'interested' else 'not_going' end::rsvp_status
from e, m, generate_series(1, %(per_event)s) k;

update events e set going_count = c.going, interested_count = c.interested
from (select event_id, count(*) filter (where status = 'going')::int going,
             count(*) filter (where status = 'interested')::int interested
      from event_rsvps group by event_id) c
where c.event_id = e.event_id;
analyze;
"""

# The list's query (events::repo::list_ascending) for one city, upcoming, first page.
CITY_SQL = """
select e.event_id, e.title, e.event_type, e.status, e.starts_at, e.ends_at, e.time_zone, e.venue, e.city, e.country,
       e.is_online, e.going_count, e.interested_count, e.capacity, e.series_id is not null, r.status, null::float8
from events e
left join event_rsvps r on r.event_id = e.event_id and r.member_id = %s
where e.status <> 'draft'
  and (%s::text is null or lower(e.city) = lower(%s))
  and (e.ends_at > %s and e.starts_at > %s::timestamptz - interval '31 days')
order by e.starts_at, e.event_id
limit 21
"""


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def get(conn, path):
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"Accept": "text/html"})
    res = conn.getresponse()
    res.read()
    if res.status != 200:
        raise RuntimeError(f"{path}: {res.status}")
    return (time.perf_counter() - t0) * 1000


def closed_loop(paths, seconds, threads):
    """Requests per second with `threads` clients sending back to back."""
    done = [0] * threads
    stop_at = time.perf_counter() + seconds

    def worker(k):
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        rng = random.Random(k)
        while time.perf_counter() < stop_at:
            get(conn, rng.choice(paths))
            done[k] += 1

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(done) / (time.perf_counter() - t0)


def open_loop(paths, rate, seconds, threads=8):
    """Latencies (ms) with requests due at a fixed rate, spread over `threads` connections.
    Latency counts from when the request was due, so a backlog shows up in the figures."""
    n = int(rate * seconds)
    start = time.perf_counter() + 0.2
    due = [start + i / rate for i in range(n)]
    latencies = []
    lock = threading.Lock()
    nxt = [0]

    def worker(k):
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        rng = random.Random(100 + k)
        while True:
            with lock:
                i = nxt[0]
                nxt[0] += 1
            if i >= n:
                return
            wait = due[i] - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            path = rng.choice(paths)
            conn.request("GET", path, headers={"Accept": "text/html"})
            res = conn.getresponse()
            res.read()
            with lock:
                latencies.append((time.perf_counter() - due[i]) * 1000)

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return latencies


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--per-event", type=int, default=10)
    ap.add_argument("--members", type=int, default=5_000)
    ap.add_argument("--seconds", type=float, default=10)
    args = ap.parse_args()

    # The server applies the migrations on its first start.
    proc, _, _ = start_server(args.binary, {"DATABASE_URL": args.database_url})
    try:
        with psycopg.connect(args.database_url, autocommit=True) as db:
            t0 = time.perf_counter()
            db.execute(SEED % {"members": args.members, "events": args.events, "per_event": args.per_event})
            n_events = db.execute("select count(*) from events").fetchone()[0]
            n_rsvps = db.execute("select count(*) from event_rsvps").fetchone()[0]
            print(f"seeded {n_events} events, {n_rsvps} RSVPs, {args.members} members "
                  f"in {time.perf_counter() - t0:.1f} s")
            viewer = db.execute("select member_id from members limit 1").fetchone()[0]
            upcoming = [r[0] for r in db.execute(
                "select event_id from events where starts_at > now() and status = 'published' order by random() limit 2000")]

            # The SQL alone, prepared as sqlx prepares it.
            rng = random.Random(1)
            sql_ms = []
            for i in range(600):
                city = f"City {rng.randrange(100)}"
                now = datetime.now(timezone.utc)
                t = time.perf_counter()
                db.execute(CITY_SQL, (viewer, city, city, now, now), prepare=True).fetchall()
                if i >= 100:
                    sql_ms.append((time.perf_counter() - t) * 1000)
        sql_p50, sql_p99 = pct(sql_ms, 50), pct(sql_ms, 99)
        print(f"upcoming-in-a-city SQL: p50 {sql_p50:.2f} ms, p99 {sql_p99:.2f} ms")

        pages = {
            "city list page (/events?city=…)": [f"/events?city={urllib.parse.quote(f'City {c}')}" for c in range(100)],
            "event page (/events/{id})": [f"/events/{e}" for e in upcoming],
        }
        for name, paths in pages.items():
            conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
            for p in paths[:50]:
                get(conn, p)
            peak = closed_loop(paths, args.seconds, threads=4)
            lat = open_loop(paths, peak / 2, args.seconds)
            p50, p99 = pct(lat, 50), pct(lat, 99)
            print(f"{name}: peak {peak:.0f} req/s; at {peak / 2:.0f} req/s: p50 {p50:.1f} ms, p99 {p99:.1f} ms "
                  f"(target <= 20 ms); p99 / SQL p99 = {p99 / sql_p99:.1f}")
    finally:
        stop(proc)


if __name__ == "__main__":
    main()

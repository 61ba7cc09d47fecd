"""Places benchmark: 100k places around 50 cities, 1M check-ins; the map's two searches.

Run through bench/places.sh (it builds the release and starts a private PostgreSQL). For each of
- a city-sized map view: `filter[bbox]=w,s,e,n`, 0.2 deg x 0.15 deg around a busy city's centre
  (moved up to 2 km per request, among the 8 busiest cities), and
- a nearby search: `filter[lat]=..&filter[lng]=..&filter[radius_km]=5` around points up to 2 km
  from those cities' centres,
it prints:
- the list's SQL alone through pgbench (prepared, 4 clients on 2 threads): transactions per second
  and mean latency;
- the JSON endpoint `GET /api/places/list?...` (Accept: application/json, signed out): peak
  throughput with closed-loop clients, then p50 / p99 latency with requests sent at half that rate
  (open loop; target p99 <= 10 ms);
- how many places a response holds: the server fetches LIST_LIMIT + 1 (201) rows and lists at most
  LIST_LIMIT (200), marking the list truncated, so a city-sized view of a dense city hits the cap.

Places: each city gets a share of them proportional to 1/sqrt(its rank); 85 % lie around its
centre with a normal spread (sigma 6 km), 15 % anywhere within 40 km (about 88 % within 20 km).
They are inserted in random order (as proposals arrive), not city by city.

The list SQL is not copied here. It is read at run time from the sqlx offline cache, the one
`.sqlx/query-*.json` whose query contains `point(p.longitude, p.latitude) <@ box(point($1, $2),
point($3, $4))` (places::repo::list). Its $N parameters are filled by number from PLACES_PARAMS:

    $N   bound in places::repo::list to    sqlx type       value here
    $1   west of the search box            Float8          the view's west; for nearby BBox::around
    $2   south of the search box           Float8          the view's south; "
    $3   east of the search box            Float8          the view's east; "
    $4   north of the search box           Float8          the view's north; "
    $5   place_type filter                 place_type      null
    $6   anxiety filter                    anxiety_level   null
    $7   around: latitude                  Float8          null for the view; the point for nearby
    $8   around: longitude                 Float8          null for the view; the point for nearby
    $9   around: radius km                 Float8          null for the view; 5 for nearby
    $10  beginner-friendly only            Bool            false
    $11  verified only                     Bool            false
    $12  city (typed city without places)  Text            null
    $13  limit                             Int8            LIST_LIMIT + 1 (read from places/service.rs)

Each entry also names a piece of the SQL the parameter must appear in, and its type must be the
one sqlx recorded. A parameter missing from the table, a different type or a missing piece stops
the run with a message saying which: when places::repo::list gains or renumbers a parameter, add
or fix its entry here (a role for a value, None for null).

In pgbench the non-null values are pgbench variables, so `-M prepared` sends them as parameters
as sqlx does; the nulls are written into the SQL as typed literals (`null::place_type`) because
pgbench sends a NULL variable as the text 'NULL'. The pgbench sessions get the plan_cache_mode the
server's pool sets (read from src/server/database.rs, or --plan-cache-mode).
"""

import argparse
import glob
import http.client
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import psycopg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from foundation import HOST, PORT, start_server, stop  # noqa: E402
from events import pct  # noqa: E402
import feed  # noqa: E402
from feed import PGBENCH, SQL_TYPES, server_plan_cache_mode, sqlx_name  # noqa: E402

# $N -> (role, sqlx type, a piece of SQL that $N appears in). Roles: see the docstring.
PLACES_PARAMS = {
    1: ("west", "Float8", "$1::float8 is null"),
    2: ("south", "Float8", "box(point($1, $2), point($3, $4))"),
    3: ("east", "Float8", "box(point($1, $2), point($3, $4))"),
    4: ("north", "Float8", "box(point($1, $2), point($3, $4))"),
    5: (None, "place_type", "$5::place_type is null"),
    6: (None, "anxiety_level", "$6::anxiety_level is null"),
    7: ("lat", "Float8", "$7::float8 is not null"),
    8: ("lng", "Float8", "distance_km($7, $8, p.latitude, p.longitude)"),
    9: ("radius_km", "Float8", "<= $9"),
    10: ("beginner", "Bool", "not $10 or p.beginner_friendly"),
    11: ("verified", "Bool", "not $11 or p.verified"),
    12: (None, "Text", "$12::text is null"),
    13: ("limit", "Int8", "limit $13"),
    14: ("cx", "Float8", "point($14, $15)"),
    15: ("cy", "Float8", "point($14, $15)"),
}
FINGERPRINT = "point(p.longitude, p.latitude) <@ box(point($1, $2), point($3, $4))"
BBOX_DLNG, BBOX_DLAT = 0.2, 0.15  # the city-sized view, degrees
RADIUS_KM = 5.0
JITTER_KM = 2.0  # how far a request's centre moves from the city centre
BUSY = 8  # busiest cities the requests go to
POINTS_PER_CITY = 4
TARGET_P99_MS = 10.0

# (name, country, latitude, longitude, IANA zone), busiest first: city k gets a share ~ 1/sqrt(k).
CITIES = [
    ("London", "United Kingdom", 51.5074, -0.1278, "Europe/London"),
    ("Paris", "France", 48.8566, 2.3522, "Europe/Paris"),
    ("Berlin", "Germany", 52.5200, 13.4050, "Europe/Berlin"),
    ("New York", "United States", 40.7128, -74.0060, "America/New_York"),
    ("Tokyo", "Japan", 35.6762, 139.6503, "Asia/Tokyo"),
    ("Sao Paulo", "Brazil", -23.5505, -46.6333, "America/Sao_Paulo"),
    ("Buenos Aires", "Argentina", -34.6037, -58.3816, "America/Argentina/Buenos_Aires"),
    ("Los Angeles", "United States", 34.0522, -118.2437, "America/Los_Angeles"),
    ("Sydney", "Australia", -33.8688, 151.2093, "Australia/Sydney"),
    ("Madrid", "Spain", 40.4168, -3.7038, "Europe/Madrid"),
    ("Barcelona", "Spain", 41.3874, 2.1686, "Europe/Madrid"),
    ("Rome", "Italy", 41.9028, 12.4964, "Europe/Rome"),
    ("Amsterdam", "Netherlands", 52.3676, 4.9041, "Europe/Amsterdam"),
    ("Lisbon", "Portugal", 38.7223, -9.1393, "Europe/Lisbon"),
    ("Vienna", "Austria", 48.2082, 16.3738, "Europe/Vienna"),
    ("Stockholm", "Sweden", 59.3293, 18.0686, "Europe/Stockholm"),
    ("Copenhagen", "Denmark", 55.6761, 12.5683, "Europe/Copenhagen"),
    ("Warsaw", "Poland", 52.2297, 21.0122, "Europe/Warsaw"),
    ("Prague", "Czechia", 50.0755, 14.4378, "Europe/Prague"),
    ("Istanbul", "Turkey", 41.0082, 28.9784, "Europe/Istanbul"),
    ("Moscow", "Russia", 55.7558, 37.6173, "Europe/Moscow"),
    ("Dubai", "United Arab Emirates", 25.2048, 55.2708, "Asia/Dubai"),
    ("Mumbai", "India", 19.0760, 72.8777, "Asia/Kolkata"),
    ("Delhi", "India", 28.6139, 77.2090, "Asia/Kolkata"),
    ("Bangalore", "India", 12.9716, 77.5946, "Asia/Kolkata"),
    ("Singapore", "Singapore", 1.3521, 103.8198, "Asia/Singapore"),
    ("Hong Kong", "China", 22.3193, 114.1694, "Asia/Hong_Kong"),
    ("Seoul", "South Korea", 37.5665, 126.9780, "Asia/Seoul"),
    ("Shanghai", "China", 31.2304, 121.4737, "Asia/Shanghai"),
    ("Bangkok", "Thailand", 13.7563, 100.5018, "Asia/Bangkok"),
    ("Jakarta", "Indonesia", -6.2088, 106.8456, "Asia/Jakarta"),
    ("Manila", "Philippines", 14.5995, 120.9842, "Asia/Manila"),
    ("Melbourne", "Australia", -37.8136, 144.9631, "Australia/Melbourne"),
    ("Auckland", "New Zealand", -36.8485, 174.7633, "Pacific/Auckland"),
    ("Toronto", "Canada", 43.6532, -79.3832, "America/Toronto"),
    ("Montreal", "Canada", 45.5017, -73.5673, "America/Toronto"),
    ("Vancouver", "Canada", 49.2827, -123.1207, "America/Vancouver"),
    ("Chicago", "United States", 41.8781, -87.6298, "America/Chicago"),
    ("San Francisco", "United States", 37.7749, -122.4194, "America/Los_Angeles"),
    ("Mexico City", "Mexico", 19.4326, -99.1332, "America/Mexico_City"),
    ("Bogota", "Colombia", 4.7110, -74.0721, "America/Bogota"),
    ("Lima", "Peru", -12.0464, -77.0428, "America/Lima"),
    ("Santiago", "Chile", -33.4489, -70.6693, "America/Santiago"),
    ("Rio de Janeiro", "Brazil", -22.9068, -43.1729, "America/Sao_Paulo"),
    ("Cape Town", "South Africa", -33.9249, 18.4241, "Africa/Johannesburg"),
    ("Johannesburg", "South Africa", -26.2041, 28.0473, "Africa/Johannesburg"),
    ("Lagos", "Nigeria", 6.5244, 3.3792, "Africa/Lagos"),
    ("Nairobi", "Kenya", -1.2921, 36.8219, "Africa/Nairobi"),
    ("Cairo", "Egypt", 30.0444, 31.2357, "Africa/Cairo"),
    ("Tel Aviv", "Israel", 32.0853, 34.7818, "Asia/Jerusalem"),
]

# Members, then places (in a staging table first, so check_in_count is written once, consistent
# with the check-ins), then the check-ins. Python %-formatted: integers and checked literals only.
SEED_MEMBERS = """
insert into members (username, email, display_name, password_hash, city, created_at)
select 'bench_' || i, 'bench_' || i || '@example.org', 'Bench ' || i, 'x', 'City ' || (i %% 50),
       now() - make_interval(days => 30 + i %% 365)
from generate_series(1, %(members)s) i;
"""

SEED_PLACES = """
select setseed(0.42);
create temp table seed_cities (rank int, name text, country text, lat float8, lng float8, tz text, n int);
insert into seed_cities values %(cities)s;

-- One row per place with its random draws, each drawn once. r_km: distance from the city centre,
-- normal spread (sigma 6 km, Box-Muller radius) for 85 %%, uniform over a 40 km disc for 15 %%.
-- No window or sort here: PostgreSQL would evaluate every random() of the row once, as the sort key.
create temp table seed_draws as
select c.name city, c.country, c.lat clat, c.lng clng, c.tz,
       case when random() < 0.85 then 6.0 * sqrt(-2 * ln(1 - random())) else 40.0 * sqrt(random()) end r_km,
       2 * pi() * random() theta,
       random() u_type, random() u_anx, random() u_ver, random() u_beg, random() u_hours, random() u_name,
       random() u_rating, random() u_created, random() u_pop
from seed_cities c, generate_series(1, c.n) j;
-- pop: a random permutation, the place's popularity rank (check-ins) and insertion order.
create temp table seed_places as
select row_number() over () i, row_number() over (order by d.u_pop) pop, gen_random_uuid() place_id, d.*
from seed_draws d;
drop table seed_draws;
create index on seed_places (pop);
analyze seed_places;

-- Check-ins: slots fall on places by popularity (power(random(), 2): the most popular places get
-- thousands, the median a handful), from any member, over the last year.
create temp table seed_ci as
with m as (select array_agg(member_id order by member_id) a, count(*)::int n from members),
     e as (select enum_range(null::check_in_mood) moods),
     g as materialized (select 1 + least(%(places)s - 1, floor(%(places)s * power(random(), 2)))::int pop,
                               random() u_m, random() u_mood, random() u_t, random() u_note
                        from generate_series(1, %(checkins)s))
select s.place_id, m.a[1 + floor(g.u_m * m.n)::int] member_id,
       e.moods[1 + floor(g.u_mood * array_length(e.moods, 1))::int] mood,
       case when g.u_note < 0.2 then (array['Quiet corner by the window.', 'Breathed for ten minutes before class.',
            'Friendly staff, felt at ease.', 'Busy today but calm inside.', 'Walked here instead of the bus.'])[1 + floor(g.u_note * 25)::int]
            else '' end note,
       now() - g.u_t * interval '365 days' created_at
from g join seed_places s on s.pop = g.pop cross join m cross join e;

insert into places (place_id, name, place_type, latitude, longitude, address, city, region, country, postal_code,
                    description, amenities, anxiety, beginner_friendly, time_zone, hours, verified, verified_at,
                    rating, review_count, check_in_count, created_at, updated_at)
select s.place_id,
       (array['Calm', 'Quiet', 'Sunny', 'Green', 'Open', 'Gentle', 'Bright', 'Still', 'Kind', 'Slow'])[1 + floor(s.u_name * 10)::int]
           || ' ' || (array['Coffee House', 'Coffee House', 'Coffee House', 'Gym', 'Gym', 'Studio', 'Studio', 'Kitchen',
                            'Mentoring', 'Wellness Club'])[1 + floor(s.u_type * 10)::int] || ' ' || s.i,
       (array['coffee', 'coffee', 'coffee', 'gym', 'gym', 'studio', 'studio', 'nutrition', 'mentor',
              'partner'])[1 + floor(s.u_type * 10)::int]::place_type,
       greatest(-90, least(90, s.clat + s.r_km * sin(s.theta) / 111.2)),
       greatest(-180, least(180, s.clng + s.r_km * cos(s.theta) / (111.2 * cos(radians(s.clat))))),
       (1 + s.i %% 240) || ' ' || (array['High Street', 'Park Road', 'Station Road', 'Church Lane', 'Mill Street',
                                         'Garden Row', 'River Walk', 'Market Square'])[1 + s.i %% 8],
       s.city, '', s.country, lpad((s.i %% 100000)::text, 5, '0'),
       (array['A calm place to start the day, with soft light and no loud music.',
              'Small groups, patient coaches and a quiet room for breathing exercises.',
              'Friendly to newcomers: ask for the corner table if crowds make you anxious.',
              'Seasonal food, long tables and a garden open in summer.'])[1 + s.i %% 4],
       string_to_array((array['wifi,quiet-room', 'wifi', 'step-free,wifi,garden', '', 'showers,lockers',
                               'quiet-room,step-free'])[1 + s.i %% 6], ','),
       (case when s.u_anx < 0.4 then 'low' when s.u_anx < 0.8 then 'medium' else 'high' end)::anxiety_level,
       s.u_beg < 0.5,
       s.tz,
       (array['{"mon":[["07:00","19:00"]],"tue":[["07:00","19:00"]],"wed":[["07:00","19:00"]],"thu":[["07:00","19:00"]],"fri":[["07:00","19:00"]],"sat":[["09:00","17:00"]],"sun":[["09:00","17:00"]]}',
              '{"mon":[["06:00","22:00"]],"tue":[["06:00","22:00"]],"wed":[["06:00","22:00"]],"thu":[["06:00","22:00"]],"fri":[["06:00","22:00"]],"sat":[["08:00","20:00"]],"sun":[["08:00","20:00"]]}',
              '{"mon":[["10:00","14:00"],["17:00","21:00"]],"tue":[["10:00","14:00"],["17:00","21:00"]],"wed":[["10:00","14:00"],["17:00","21:00"]],"thu":[["10:00","14:00"],["17:00","21:00"]],"fri":[["10:00","14:00"],["17:00","21:00"]],"sat":[["10:00","14:00"]],"sun":[]}',
              '{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]}',
              '{}'])[1 + floor(s.u_hours * 5)::int]::jsonb,
       s.u_ver < 0.4, case when s.u_ver < 0.4 then now() - interval '30 days' end,
       round((3 + 2 * s.u_rating)::numeric, 2), floor(s.u_rating * 120)::int,
       coalesce(c.n, 0),
       now() - (400 + 600 * s.u_created) * interval '1 day', now() - (400 + 600 * s.u_created) * interval '1 day'
from seed_places s
left join (select place_id, count(*)::int n from seed_ci group by place_id) c on c.place_id = s.place_id
order by s.pop;

insert into check_ins (member_id, place_id, mood, note, local_day, created_at)
select member_id, place_id, mood, note, (created_at at time zone 'UTC')::date, created_at
from seed_ci order by created_at;
"""


# The list SQL from the sqlx offline cache ---------------------------------------------------------


def sql_type(t):
    """The PostgreSQL type of a parameter type as sqlx records it (for the typed nulls)."""
    if isinstance(t, dict) and "Custom" in t:
        return t["Custom"]["name"]
    if isinstance(t, str) and t in SQL_TYPES:
        return SQL_TYPES[t]
    sys.exit(f"places list query: no SQL type known for the sqlx parameter type {json.dumps(t)}; add it to SQL_TYPES")


def load_list_query(sqlx_dir):
    """(path, query text, PostgreSQL types of its parameters) of places::repo::list."""
    paths = sorted(glob.glob(os.path.join(sqlx_dir, "query-*.json")))
    if not paths:
        sys.exit(f"no sqlx offline cache in {sqlx_dir}")
    found = []
    for path in paths:
        with open(path) as f:
            d = json.load(f)
        if FINGERPRINT in " ".join(d.get("query", "").split()):
            found.append((path, d))
    if len(found) != 1:
        sys.exit(f"places list query: expected exactly one query in {sqlx_dir} containing `{FINGERPRINT}`, found "
                 f"{len(found)}: " + ", ".join(os.path.basename(p) for p, _ in found))
    path, d = found[0]
    params = d.get("describe", {}).get("parameters", {})
    if "Left" not in params:
        sys.exit(f"{path}: no parameter types in the sqlx cache entry: {params}")
    check_params(d["query"], [sqlx_name(t) for t in params["Left"]])
    return path, d["query"], [sql_type(t) for t in params["Left"]]


def check_params(query, types):
    feed.check_params(query, types, PLACES_PARAMS, "PLACES_PARAMS in bench/places.py")


def render(query, types, values):
    return feed.render(query, types, values, PLACES_PARAMS)


def list_limit(repo):
    """places::service::LIST_LIMIT; the server asks the SQL for one more row (to mark truncation)."""
    path = os.path.join(repo, "src", "places", "service.rs")
    with open(path) as f:
        src = f.read()
    m = re.search(r"pub const LIST_LIMIT: i64 = (\d+);", src)
    if not m or "LIST_LIMIT + 1" not in src:
        sys.exit(f"{path}: no `pub const LIST_LIMIT: i64 = N;` or no `LIST_LIMIT + 1` fetch; fix list_limit in bench/places.py")
    return int(m.group(1))


# Requests ----------------------------------------------------------------------------------------------


def around_box(lat, lng, km):
    """places::model::BBox::around: (west, south, east, north) holding every point within km."""
    dlat = km / 111.2
    dlng = km / (111.2 * max(abs(math.cos(math.radians(lat))), 0.01))
    return max(lng - dlng, -180.0), max(lat - dlat, -90.0), min(lng + dlng, 180.0), min(lat + dlat, 90.0)


def requests(busy, kind, seed):
    """Request points around the busy cities: dicts with the path and the SQL parameters by role.
    Coordinates are rounded as sent, so the SQL sees the values the server parses."""
    rng = random.Random(seed)
    out = []
    for name, _, clat, clng, _ in busy:
        for _ in range(POINTS_PER_CITY):
            r, th = JITTER_KM * math.sqrt(rng.random()), 2 * math.pi * rng.random()
            lat = clat + r * math.sin(th) / 111.2
            lng = clng + r * math.cos(th) / (111.2 * math.cos(math.radians(clat)))
            if kind == "bbox":
                w, s, e, n = (f"{v:.5f}" for v in (lng - BBOX_DLNG / 2, lat - BBOX_DLAT / 2,
                                                   lng + BBOX_DLNG / 2, lat + BBOX_DLAT / 2))
                path = f"/api/places/list?filter[bbox]={w},{s},{e},{n}"
                vals = {"west": float(w), "south": float(s), "east": float(e), "north": float(n),
                        "cx": (float(w) + float(e)) / 2, "cy": (float(s) + float(n)) / 2}
            else:
                la, ln = f"{lat:.5f}", f"{lng:.5f}"
                path = f"/api/places/list?filter[lat]={la}&filter[lng]={ln}&filter[radius_km]={RADIUS_KM:g}"
                w, s, e, n = around_box(float(la), float(ln), RADIUS_KM)
                vals = {"west": w, "south": s, "east": e, "north": n, "lat": float(la), "lng": float(ln),
                        "radius_km": RADIUS_KM, "cx": float(ln), "cy": float(la)}
            out.append({"city": name, "path": path, "vals": vals})
    return out


def literal_values(vals, limit):
    v = {role: f"'{x!r}'::float8" for role, x in vals.items()}
    v.update(beginner="false", verified="false", limit=f"{int(limit)}::int8")
    return v


def sql_ids(db, query, types, req, limit):
    sql = render(query, types, literal_values(req["vals"], limit))
    # The server sorts a radius search by the exact distance (the SQL picks by degrees).
    order = "order by q.distance_km" if "radius_km" in req["vals"] else ""
    with db.transaction():
        db.execute("set local enable_bitmapscan = off")
        return [r[0] for r in db.execute(f"select q.place_id from (\n{sql}\n) q {order}").fetchall()]


def matched(db, query, types, req):
    """How many places the search matches without the cap."""
    sql = render(query, types, literal_values(req["vals"], 10**9))
    return db.execute(f"select count(*) from (\n{sql}\n) q").fetchone()[0]


# pgbench ---------------------------------------------------------------------------------------------


def pgbench(binary, url, query, types, reqs, limit, seconds, workdir, tag, plan_cache_mode, clients=4, threads=2):
    """Transactions per second and mean latency (ms) of the list SQL, one script per request point
    (pgbench picks one at random for each transaction)."""
    files, defs = [], ["-D", "off=false", "-D", f"lim={limit}"]
    for k, req in enumerate(reqs):
        values = {"beginner": ":off::bool", "verified": ":off::bool", "limit": ":lim::int8"}
        for role, x in req["vals"].items():
            var = f"{role.replace('_', '')}{k}"
            values[role] = f":{var}::float8"
            defs += ["-D", f"{var}={x!r}"]
        path = os.path.join(workdir, f"{tag}_{k}.sql")
        with open(path, "w") as f:
            f.write(render(query, types, values).rstrip().rstrip(";") + "\n;\n")
        files += ["-f", path]
    cmd = [binary, "-n", "-M", "prepared", "-c", str(clients), "-j", str(threads), "-T", str(max(1, round(seconds))),
           *files, *defs, url]
    env = dict(os.environ)
    if plan_cache_mode:
        env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + f" -c plan_cache_mode={plan_cache_mode}").strip()
    # As the server runs the list statement (places::repo::list sets it for that statement).
    env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + " -c enable_bitmapscan=off").strip()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120, env=env)
    tps = re.search(r"^tps = ([\d.]+) \(without initial connection time\)", out.stdout, re.M)
    failed = re.search(r"number of failed transactions: (\d+)", out.stdout)
    if out.returncode != 0 or not tps or (failed and int(failed.group(1)) > 0):
        sys.exit(f"pgbench failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    lat = re.search(r"^latency average = ([\d.]+) ms", out.stdout, re.M)
    return float(tps.group(1)), float(lat.group(1)) if lat else float("nan")


# HTTP --------------------------------------------------------------------------------------------------

HEADERS = {"Accept": "application/json"}


def get(conn, path):
    conn.request("GET", path, headers=HEADERS)
    res = conn.getresponse()
    body = res.read()
    if res.status != 200:
        raise RuntimeError(f"{path}: {res.status} {body[:300]!r}")
    return body


def closed_loop(paths, seconds, threads=4):
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
    """Latencies (ms) with requests due at a fixed rate, spread over `threads` connections, and the
    number of non-200 answers. Latency counts from when the request was due, so a backlog shows."""
    n = max(1, int(rate * seconds))
    start = time.perf_counter() + 0.2
    due = [start + i / rate for i in range(n)]
    latencies = []
    errors = [0]
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
            conn.request("GET", rng.choice(paths), headers=HEADERS)
            res = conn.getresponse()
            res.read()
            with lock:
                latencies.append((time.perf_counter() - due[i]) * 1000)
                errors[0] += res.status != 200

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return latencies, errors[0]


def verify(db, query, types, reqs, limit, label):
    """Each request's JSON lists the places the SQL returns, in its order (at most `limit`, and
    truncated when the SQL found more). Returns the response sizes: places, bytes, matched, truncated."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    sizes = []
    for req in reqs:
        body = get(conn, req["path"])
        d = json.loads(body)
        got = [p["place_id"] for p in d["places"]]
        want = [str(i) for i in sql_ids(db, query, types, req, limit + 1)]
        if got != want[:limit] or d["truncated"] != (len(want) > limit):
            sys.exit(f"{label} {req['path']}: the response lists {len(got)} places (truncated {d['truncated']}), the SQL "
                     f"{len(want)}, or in another order; the bench's parameters are not what the server binds")
        sizes.append({"places": len(got), "bytes": len(body), "matched": matched(db, query, types, req),
                      "truncated": d["truncated"]})
    return sizes


# Seeding -----------------------------------------------------------------------------------------------


def city_quotas(places):
    w = [1 / math.sqrt(k) for k in range(1, len(CITIES) + 1)]
    n = [int(places * x / sum(w)) for x in w]
    for k in range(places - sum(n)):
        n[k % len(n)] += 1
    return n


def seed(db, a):
    t0 = time.perf_counter()
    db.execute(SEED_MEMBERS % {"members": a.members})
    quotas = city_quotas(a.places)
    rows = []
    for k, ((name, country, lat, lng, tz), n) in enumerate(zip(CITIES, quotas), 1):
        assert "'" not in name + country + tz
        rows.append(f"({k}, '{name}', '{country}', {lat!r}, {lng!r}, '{tz}', {n})")
    db.execute(SEED_PLACES % {"cities": ", ".join(rows), "places": a.places, "checkins": a.checkins})
    within20 = db.execute("select avg((r_km <= 20)::int)::float8 from seed_places").fetchone()[0]
    db.execute("drop table seed_ci; drop table seed_places; drop table seed_cities")
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    counts = {t: one(f"select count(*) from {t}") for t in ["members", "places", "check_ins"]}
    counted = one("select coalesce(sum(check_in_count), 0) from places")
    if counted != counts["check_ins"]:
        sys.exit(f"seeding: places.check_in_count sums to {counted}, but there are {counts['check_ins']} check-ins")
    top = one("select max(check_in_count) from places")
    med = one("select percentile_disc(0.5) within group (order by check_in_count) from places")
    ver = one("select avg(verified::int)::float8 from places")
    print(f"seeded {counts['members']:,} members, {counts['places']:,} places around {len(CITIES)} cities "
          f"({within20:.0%} within 20 km of a centre, {ver:.0%} verified; busiest {CITIES[0][0]} {quotas[0]:,}, "
          f"least {CITIES[-1][0]} {quotas[-1]:,}), {counts['check_ins']:,} check-ins (per place: median {med}, "
          f"max {top}) in {time.perf_counter() - t0:.1f} s")
    return counts, quotas


# Main --------------------------------------------------------------------------------------------------


def summary_of(sizes):
    return {
        "places_median": statistics.median(s["places"] for s in sizes),
        "places_min": min(s["places"] for s in sizes),
        "places_max": max(s["places"] for s in sizes),
        "truncated_share": sum(s["truncated"] for s in sizes) / len(sizes),
        "matched_median": statistics.median(s["matched"] for s in sizes),
        "kb_median": statistics.median(s["bytes"] for s in sizes) / 1024,
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.join(here, "..")
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies members, places and check-ins")
    ap.add_argument("--members", type=int, default=5_000)
    ap.add_argument("--places", type=int, default=100_000)
    ap.add_argument("--checkins", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=10, help="length of each measurement")
    ap.add_argument("--sqlx-dir", default=os.path.join(repo, ".sqlx"))
    ap.add_argument("--pgbench", default=PGBENCH if os.path.exists(PGBENCH) else shutil.which("pgbench") or PGBENCH)
    ap.add_argument("--plan-cache-mode", help="for the pgbench sessions; default: what src/server/database.rs sets")
    ap.add_argument("--explain", action="store_true", help="print the list SQL's plans for one view and one nearby search")
    a = ap.parse_args()
    a.members = max(50, round(a.members * a.scale))
    a.places = max(len(CITIES) * 10, round(a.places * a.scale))
    a.checkins = round(a.checkins * a.scale)

    path, query, types = load_list_query(a.sqlx_dir)
    limit = list_limit(repo)
    print(f"places list SQL from {os.path.relpath(path)}; {len(types)} parameters, all in PLACES_PARAMS; "
          f"the server fetches LIST_LIMIT + 1 = {limit + 1} rows and lists at most {limit}")
    plan_mode = a.plan_cache_mode or server_plan_cache_mode(repo)
    print(f"pgbench sessions: plan_cache_mode={plan_mode or 'auto (the default)'}, "
          + ("as given" if a.plan_cache_mode else "as the server's pool sets it (src/server/database.rs)"))

    busy = CITIES[:BUSY]
    kinds = {
        "bbox": (f"city-sized view ({BBOX_DLNG:g} x {BBOX_DLAT:g} deg)", requests(busy, "bbox", 1)),
        "near": (f"nearby ({RADIUS_KM:g} km radius)", requests(busy, "near", 2)),
    }
    env = {"DATABASE_URL": a.database_url}
    workdir = tempfile.mkdtemp(prefix="kindred-bench-places-")
    # The server applies the migrations on its first start; it is started again after seeding.
    proc, _, _ = start_server(a.binary, env)
    stop(proc)
    proc = None
    r, sizes = {}, {}
    try:
        with psycopg.connect(a.database_url, autocommit=True) as db:
            counts, quotas = seed(db, a)
            proc, _, _ = start_server(a.binary, env)
            t0 = time.perf_counter()
            db.execute("vacuum analyze")
            db.execute("checkpoint")
            print(f"server started; vacuum analyze and checkpoint {time.perf_counter() - t0:.1f} s")
            if a.explain:
                for kind, (label, reqs) in kinds.items():
                    sql = render(query, types, literal_values(reqs[0]["vals"], limit + 1))
                    plan = db.execute("explain (analyze, buffers)\n" + sql).fetchall()
                    print(f"--- plan of the list SQL, {label}, {reqs[0]['city']} (literal values) ---")
                    print("\n".join(row[0] for row in plan))
            for kind, (label, reqs) in kinds.items():
                sizes[kind] = summary_of(verify(db, query, types, reqs, limit, label))
                s = sizes[kind]
                print(f"{label}: {len(reqs)} request points around {', '.join(c[0] for c in busy)}; responses verified "
                      f"against the SQL; {s['places_median']:.0f} places per response (median; {s['places_min']}-"
                      f"{s['places_max']}), {s['truncated_share']:.0%} truncated at {limit}; the search matches "
                      f"{s['matched_median']:.0f} places (median); {s['kb_median']:.0f} kB of JSON")

        for kind, (label, reqs) in kinds.items():
            paths = [q["path"] for q in reqs]
            conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
            for i in range(100):
                get(conn, paths[i % len(paths)])
            r[f"{kind}_sql_tps"], r[f"{kind}_sql_ms"] = pgbench(a.pgbench, a.database_url, query, types, reqs, limit + 1,
                                                                a.seconds, workdir, kind, plan_mode)
            print(f"{label}, SQL alone (pgbench -M prepared, 4 clients, 2 threads): {r[f'{kind}_sql_tps']:.0f} tps, "
                  f"mean {r[f'{kind}_sql_ms']:.2f} ms")
            r[f"{kind}_peak"] = peak = closed_loop(paths, a.seconds)
            r[f"{kind}_rate"] = rate = peak / 2
            lat, err = open_loop(paths, rate, a.seconds)
            r[f"{kind}_p50"], r[f"{kind}_p99"] = pct(lat, 50), pct(lat, 99)
            r[f"{kind}_non200"] = err
            print(f"{label}, GET /api/places/list: peak {peak:.0f} req/s; at {rate:.0f} req/s: p50 {r[f'{kind}_p50']:.1f} ms, "
                  f"p99 {r[f'{kind}_p99']:.1f} ms (target <= {TARGET_P99_MS:g} ms)" + (f"; {err} non-200" if err else ""))
    finally:
        if proc:
            stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)

    def line(label, figure):
        print(f"{label:<60}: {figure}")

    def verdict(p99):
        return "met" if p99 <= TARGET_P99_MS else "missed"

    print()
    print(f"Kindred places benchmark: {counts['places']:,} places around {len(CITIES)} cities, "
          f"{counts['check_ins']:,} check-ins, {counts['members']:,} members")
    print(f"requests around {BUSY} busy cities ({', '.join(c[0] for c in busy)}; {quotas[BUSY - 1]:,}-{quotas[0]:,} "
          f"places each), centres moved <= {JITTER_KM:g} km; signed out, Accept: application/json; "
          f"{a.seconds:g} s per measurement; scale {a.scale:g}; pgbench plan_cache_mode={plan_mode or 'auto'}")
    print("-" * 100)
    for kind, (label, _) in kinds.items():
        s = sizes[kind]
        line(f"{label}: SQL alone (pgbench, prepared, 4 clients)",
             f"{r[f'{kind}_sql_tps']:8.0f} tps, mean {r[f'{kind}_sql_ms']:.2f} ms")
        line("  GET /api/places/list, peak", f"{r[f'{kind}_peak']:8.0f} req/s "
             f"({r[f'{kind}_peak'] / r[f'{kind}_sql_tps']:.2f} x the SQL's tps)")
        line(f"  at half of peak ({r[f'{kind}_rate']:.0f} req/s): p50 / p99",
             f"{r[f'{kind}_p50']:8.1f} / {r[f'{kind}_p99']:.1f} ms (target p99 <= {TARGET_P99_MS:g} ms: "
             f"{verdict(r[f'{kind}_p99'])})" + (f"; {r[f'{kind}_non200']} non-200" if r[f"{kind}_non200"] else ""))
        line("  places per response: median (min-max), truncated",
             f"{s['places_median']:8.0f} ({s['places_min']}-{s['places_max']}), {s['truncated_share']:.0%} at the "
             f"{limit} cap; {s['matched_median']:.0f} matched (median)")
    print(json.dumps({k: round(v, 2) for k, v in r.items()}
                     | {f"{k}_{n}": round(v, 3) for k, s in sizes.items() for n, v in s.items()}
                     | {"list_limit": limit, "scale": a.scale}))


if __name__ == "__main__":
    main()

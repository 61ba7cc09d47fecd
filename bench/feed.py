"""Feed benchmark: 10k members, 100k posts, 1M engagements; the signed-in home feed.

Run through bench/feed.sh (it builds the release and starts a private PostgreSQL). Prints:
- the home feed page `/feed`, server-rendered over HTTP for signed-in viewers: peak throughput
  with closed-loop clients, then p50 / p99 latency with requests sent at half that rate (open loop);
- the same feed's SQL alone through pgbench (prepared, 4 clients on 2 threads): transactions per
  second, the limit the page can approach, and the ratio page req/s / SQL tps;
- page 500 (`/feed?after=<cursor>`, 9,980 posts deep) against page 1 at the same fixed rate: p50 /
  p99 of each and the ratio of the p99s.

The feed SQL is not copied here. It is read at run time from the sqlx offline cache, the
`.sqlx/query-*.json` whose query carries the marker `-- kindred:feed` or, until that marker lands,
the one that orders by `p.created_at desc, p.post_id desc` with `limit $8`. Its $N parameters are
filled by number from FEED_PARAMS:

    $N   bound in feed::repo::feed to   sqlx type     value here
    $1   viewer                         Uuid          the bench viewer
    $2   after: cursor time             Timestamptz   null on page 1; the cursor's time deeper
    $3   after: cursor post id          Uuid          null on page 1; the cursor's post id deeper
    $4   home (FeedKind::Home)          Uuid          the bench viewer
    $5   tag                            Text          null
    $6   chakra                         chakra        null
    $7   author                         Uuid          null
    $8   limit                          Int8          21 (FEED_PAGE + 1)
    $9   saved_by (bookmarks)           Uuid          null
    $10  ids (explore)                  UuidArray     null
    $11  home communities               UuidArray     the bench viewer's communities
    $12  community (FeedKind::Community) Uuid         null

Each entry also names a piece of the SQL the parameter must appear in, and its type must be the
one sqlx recorded. A parameter missing from the table, a different type or a missing piece stops
the run with a message saying which: when feed::repo::feed gains or renumbers a parameter, add or
fix its entry here (role "viewer", "after_at", "after_id" or "limit" for a value, None for null).

In pgbench the non-null values are pgbench variables, so `-M prepared` sends them as real
parameters as sqlx does; the nulls are written into the SQL as typed literals (`null::uuid`)
because pgbench sends a NULL variable as the text 'NULL'. The pgbench sessions get the
plan_cache_mode the server's pool sets (read from src/server/database.rs, or --plan-cache-mode),
so the SQL is planned per execution, or cached, as in the server.
"""

import argparse
import glob
import http.client
import json
import math
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

import argon2
import psycopg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from foundation import HOST, PORT, start_server, stop  # noqa: E402
from events import pct  # noqa: E402

# $N -> (role, sqlx type, a piece of SQL that $N appears in). Roles: see the docstring.
FEED_PARAMS = {
    1: ("viewer", "Uuid", "e.member_id = $1"),
    2: ("after_at", "Timestamptz", "$2::timestamptz is null"),
    3: ("after_id", "Uuid", "< ($2, $3)"),
    4: ("authors", "UuidArray", "any($4)"),
    5: (None, "Text", "$5::text is null"),
    6: (None, "chakra", "$6::chakra is null"),
    7: (None, "Uuid", "p.author_id = $7"),
    8: ("limit", "Int8", "limit $8"),
    9: (None, "Uuid", "b.member_id = $9"),
    10: (None, "UuidArray", "any($10)"),
    11: ("communities", "UuidArray", "any($11)"),
    12: (None, "Uuid", "p.community_id = $12"),
}
# sqlx's names for PostgreSQL types, for the typed nulls.
SQL_TYPES = {
    "Uuid": "uuid", "Timestamptz": "timestamptz", "Text": "text", "Int8": "int8", "Int4": "int4",
    "Int2": "int2", "Bool": "bool", "Float8": "float8", "Float4": "float4", "UuidArray": "uuid[]",
    "TextArray": "text[]", "Int8Array": "int8[]",
}
MARKER = "-- kindred:feed"
# feed::repo::home_sources, which the server runs first: the viewer, whom they follow, their connections.
HOME_AUTHORS = ("array(select {v}::uuid union select followee_id from follows where follower_id = {v}"
                " union select other_id from connections where member_id = {v})")
# ...and, in the same statement, the viewer's communities (their posts join the home feed).
HOME_COMMUNITIES = "array(select community_id from community_members where member_id = {v})"
FEED_PAGE = 20
PASSWORD = "a long bench password"
PGBENCH = "/usr/lib/postgresql/15/bin/pgbench"

# Members, posts (in a staging table first, so the counters are written once, consistent with the
# engagements), engagements, follows. Python %-formatted: integers and checked literals only.
SEED_MEMBERS = """
insert into members (username, email, display_name, password_hash, city, created_at)
select 'bench_' || i, 'bench_' || i || '@example.org', 'Bench ' || i, '%(hash)s', 'City ' || (i %% 100),
       now() - make_interval(days => 90 + i %% 365)
from generate_series(1, %(members)s) i;
"""

SEED_POSTS = """
select setseed(0.42);
create temp table seed_posts as
with m as (select array_agg(member_id order by member_id) a, count(*)::int n from members),
     c as (select enum_range(null::chakra) ch)
select i, gen_random_uuid() post_id, m.a[1 + floor(random() * m.n)::int] author_id,
       floor(random() * m.n)::int start,
       now() - random() * interval '60 days' created_at,
       b.s || ' #tango #' || b.t || ' (' || i || ')' body,
       '<p>' || b.s || ' <a href="/tags/tango">#tango</a> <a href="/tags/' || b.t || '">#' || b.t
           || '</a> (' || i || ')</p>' body_html,
       (case when i %% 100 < 85 then 'public' when i %% 100 < 97 then 'followers' else '%(restricted)s' end)::post_visibility
           visibility,
       c.ch[1 + i %% 7] chakra,
       c.ch[1 + (case when i %% 5 = 0 then i + 3 else i end) %% 7] chakra_auto,
       (1 + (i * 7) %% 10)::smallint frequency,
       jsonb_build_array(jsonb_build_array(b.t, 0.8), jsonb_build_array('tango', 0.4)) chakra_reasons,
       array['tango', b.t] hashtags
from generate_series(1, %(posts)s) i, m, c,
     lateral (select (array['Practised ochos and giros with a new partner tonight; the embrace finally felt calm.',
                             'Who is going to the milonga on Saturday? The DJ plays mostly Di Sarli and Troilo.',
                             'Breathing before the first step changes everything. Grounded feet, open heart.',
                             'Notes from class: pivot from the hips, keep the axis, let the music lead the pause.',
                             'Found an old recording of Pugliese live in 1985. Goosebumps from the first bar.'])[1 + i %% 5] s,
                     (array['milonga', 'vals', 'embrace', 'music', 'practice', 'festival', 'heart', 'balance'])[1 + i %% 8] t) b;

-- Engagements: slots fall on posts with a skew (a few posts get thousands); the k-th engagement of
-- a post comes from member start + k * step (step coprime with the member count), so no member
-- engages twice in a post and (post, member, kind) is unique by construction.
create temp table seed_eng as
with m as (select array_agg(member_id order by member_id) a, count(*)::int n from members),
     slots as (select 1 + floor(%(posts)s * power(random(), 2))::int pi from generate_series(1, %(engagements)s)),
     ranked as (select pi, row_number() over (partition by pi) - 1 rk from slots)
select s.post_id, m.a[1 + ((s.start + r.rk * %(step)s) %% m.n)] member_id,
       (case when (r.rk * 7 + r.pi) %% 100 < 60 then 'like' when (r.rk * 7 + r.pi) %% 100 < 80 then 'upvote'
             when (r.rk * 7 + r.pi) %% 100 < 92 then 'energy' else 'downvote' end)::engagement_kind kind,
       s.created_at + random() * (now() - s.created_at) created_at
from ranked r join seed_posts s on s.i = r.pi cross join m
where r.rk < m.n;

insert into posts (post_id, author_id, body, body_html, visibility, chakra, chakra_auto, frequency, chakra_reasons,
                   hashtags, like_count, upvote_count, downvote_count, energy_count, created_at, updated_at%(rank_col)s%(hidden_col)s)
select s.post_id, s.author_id, s.body, s.body_html, s.visibility, s.chakra, s.chakra_auto, s.frequency, s.chakra_reasons,
       s.hashtags, coalesce(e.likes, 0), coalesce(e.ups, 0), coalesce(e.downs, 0), coalesce(e.energy, 0),
       s.created_at, s.created_at%(rank_val)s%(hidden_val)s
from seed_posts s
left join (select post_id, count(*) filter (where kind = 'like')::int likes, count(*) filter (where kind = 'upvote')::int ups,
                  count(*) filter (where kind = 'downvote')::int downs, count(*) filter (where kind = 'energy')::int energy
           from seed_eng group by post_id) e on e.post_id = s.post_id
order by s.created_at;

insert into engagements (post_id, member_id, kind, created_at)
select post_id, member_id, kind, created_at from seed_eng;
drop table seed_eng;
drop table seed_posts;
"""

# Member i follows the members i + 1 + (start + k * step) mod (n - 1), k < follows: never itself,
# never the same one twice (step coprime with n - 1).
SEED_FOLLOWS = """
with m as (select array_agg(member_id order by member_id) a, count(*)::int n from members),
     g as (select i, floor(random() * (m.n - 1))::int st from m, generate_series(0, m.n - 1) i)
insert into follows (follower_id, followee_id, created_at)
select m.a[1 + g.i], m.a[1 + ((g.i + 1 + (g.st + k::bigint * %(step)s) %% (m.n - 1)) %% m.n)],
       now() - random() * interval '90 days'
from m, g, generate_series(0, %(follows)s - 1) k;
"""

# Accepted connections: pairs picked like follows, stored once per direction with the same closeness.
SEED_CONNECTIONS = """
with m as (select array_agg(member_id order by member_id) a, count(*)::int n from members),
     g as (select i, floor(random() * (m.n - 1))::int st from m, generate_series(0, m.n - 1) i),
     pairs as (select distinct least(x, y) x, greatest(x, y) y
               from (select m.a[1 + g.i] x, m.a[1 + ((g.i + 1 + (g.st + k::bigint * %(step)s) %% (m.n - 1)) %% m.n)] y
                     from m, g, generate_series(0, %(half)s - 1) k) p),
     scored as materialized (select x, y, (20 + random() * 80)::real closeness, now() - random() * interval '60 days' since
                             from pairs)
insert into connections (member_id, other_id, closeness, last_interaction_at, created_at)
select x, y, closeness, since, since from scored
union all
select y, x, closeness, since, since from scored;
"""

# Communities (where the build has them): 40 circles, half public and half private, every member
# in two, and one public post in 20 moved into its author's first circle. Home feeds then read
# these community posts too, through the same statement.
SEED_COMMUNITIES = """
select setseed(0.17);
with m as (select array_agg(member_id order by member_id) a from members)
insert into communities (slug, name, visibility, owner_id)
select 'bench-circle-' || i, 'Bench circle ' || i, case when i %% 2 = 0 then 'public' else 'private' end, m.a[1 + i]
from m, generate_series(1, 40) i;
with m as (select member_id, row_number() over (order by member_id) - 1 i from members),
     c as (select community_id, row_number() over (order by slug) - 1 j from communities where slug like 'bench-circle-%%')
insert into community_members (community_id, member_id)
select c.community_id, m.member_id from m join c on c.j = m.i %% 40 or c.j = (m.i * 7 + 3) %% 40
on conflict do nothing;
update communities c set member_count = (select count(*) from community_members cm where cm.community_id = c.community_id)
where slug like 'bench-circle-%%';
update posts p set visibility = 'community',
       community_id = (select min(cm.community_id::text)::uuid from community_members cm where cm.member_id = p.author_id)
where p.visibility = 'public' and random() < 0.05;
"""

# More follows for one viewer: members it does not follow yet, in a fixed pseudo-random order,
# until their posts add up to at least %(posts)s.
RAISE_FOLLOWS = """
with cand as (
    select m.member_id, count(p.post_id) n
    from members m left join posts p on p.author_id = m.member_id
    where m.member_id <> %(v)s
      and not exists (select 1 from follows f where f.follower_id = %(v)s and f.followee_id = m.member_id)
    group by m.member_id
), run as (
    select member_id, sum(n) over (order by md5(member_id::text || %(v)s::text), member_id) - n before from cand
)
insert into follows (follower_id, followee_id)
select %(v)s, member_id from run where before < %(posts)s
"""


# The feed SQL from the sqlx offline cache ---------------------------------------------------------


def sql_type(t):
    """The PostgreSQL type of a parameter type as sqlx records it (for the typed nulls)."""
    if isinstance(t, dict) and "Custom" in t:
        return t["Custom"]["name"]
    if isinstance(t, str) and t in SQL_TYPES:
        return SQL_TYPES[t]
    sys.exit(f"feed query: no SQL type known for the sqlx parameter type {json.dumps(t)}; add it to SQL_TYPES")


def sqlx_name(t):
    return t["Custom"]["name"] if isinstance(t, dict) and "Custom" in t else t if isinstance(t, str) else json.dumps(t)


def load_feed_query(sqlx_dir):
    """(path, how it was found, query text, PostgreSQL types of its parameters) of the feed query."""
    entries = []
    for path in sorted(glob.glob(os.path.join(sqlx_dir, "query-*.json"))):
        with open(path) as f:
            d = json.load(f)
        entries.append((path, d))
    if not entries:
        sys.exit(f"no sqlx offline cache in {sqlx_dir}")
    found = [(p, d) for p, d in entries if MARKER in d.get("query", "")]
    how = f"marker `{MARKER}`"
    if not found:
        found = [(p, d) for p, d in entries
                 if "order by p.created_at desc, p.post_id desc" in d.get("query", "") and "limit $8" in d.get("query", "")]
        how = (f"fallback: no `{MARKER}` marker in the cache yet, so the query ordering by "
               "p.created_at desc, p.post_id desc with limit $8")
    if len(found) != 1:
        sys.exit(f"feed query: expected exactly one match in {sqlx_dir} ({how}), found {len(found)}: "
                 + ", ".join(os.path.basename(p) for p, _ in found))
    path, d = found[0]
    params = d.get("describe", {}).get("parameters", {})
    if "Left" not in params:
        sys.exit(f"{path}: no parameter types in the sqlx cache entry: {params}")
    check_params(d["query"], [sqlx_name(t) for t in params["Left"]])
    return path, how, d["query"], [sql_type(t) for t in params["Left"]]


def check_params(query, types, table=None, label="FEED_PARAMS in bench/feed.py"):
    """Stops the run unless every $N of the query is in `table` (FEED_PARAMS by default) with its
    sqlx type and context. bench/places.py checks its own table with it."""
    table = FEED_PARAMS if table is None else table
    name = label.split()[0]
    flat = " ".join(query.split())
    used = sorted({int(n) for n in re.findall(r"\$(\d+)", query)})
    problems = []
    if used != list(range(1, len(types) + 1)):
        problems.append(f"the SQL uses {', '.join('$%d' % n for n in used)} but sqlx recorded {len(types)} parameters")
    for n in range(1, max(len(types), max(used, default=0)) + 1):
        typ = types[n - 1] if n <= len(types) else "?"
        if n not in table:
            where = " | ".join(flat[max(0, m.start() - 60):m.end() + 30] for m in re.finditer(r"\$%d(?!\d)" % n, flat))
            problems.append(f"${n} ({typ}) is not in {name}; it appears in: {where}")
            continue
        _, want, piece = table[n]
        if typ != want:
            problems.append(f"${n} is {typ} in the sqlx cache, {name} expects {want}")
        if " ".join(piece.split()) not in flat:
            problems.append(f"${n}: {name} expects it in `{piece}`, which is not in the SQL")
    for n in sorted(table):
        if n > len(types):
            problems.append(f"{name} has ${n} but the query has only {len(types)} parameters")
    if problems:
        sys.exit(f"the query's parameters do not match {label}:\n  - " + "\n  - ".join(problems))


def render(query, types, values, table=None):
    """The query with each $N replaced by values[role] (SQL text), or a typed null; roles come
    from `table` (FEED_PARAMS by default)."""
    table = FEED_PARAMS if table is None else table

    def sub(m):
        n = int(m.group(1))
        role = table[n][0]
        if role is not None and values.get(role) is not None:
            return values[role]
        return "null::" + types[n - 1]
    return re.sub(r"\$(\d+)", sub, query)


def literal_values(viewer, after=None, limit=FEED_PAGE + 1):
    v = {"viewer": f"'{viewer}'::uuid", "limit": f"{int(limit)}::int8",
         "authors": HOME_AUTHORS.format(v=f"'{viewer}'::uuid"),
         "communities": HOME_COMMUNITIES.format(v=f"'{viewer}'::uuid")}
    if after:
        v["after_at"] = f"'{after[0].isoformat()}'::timestamptz"
        v["after_id"] = f"'{after[1]}'::uuid"
    return v


def home_feed(db, query, types, viewer, limit):
    """(created_at, post_id) of the first `limit` posts of the viewer's home feed, by the feed SQL itself."""
    sql = render(query, types, literal_values(viewer, limit=limit))
    return db.execute(f"select q.created_at, q.post_id from (\n{sql}\n) q order by q.created_at desc, q.post_id desc").fetchall()


def encode_cursor(at, post_id):
    """crate::paging::encode_cursor: `<microseconds since the epoch>_<uuid, simple form>`."""
    micros = (at - datetime(1970, 1, 1, tzinfo=timezone.utc)) // timedelta(microseconds=1)
    return f"{micros}_{post_id.hex}"


# pgbench ---------------------------------------------------------------------------------------------


def server_plan_cache_mode(repo):
    """The plan_cache_mode the server's pool sets on its connections (src/server/database.rs), if
    any, so that pgbench plans the feed SQL as the server does."""
    try:
        with open(os.path.join(repo, "src", "server", "database.rs")) as f:
            m = re.search(r'"plan_cache_mode"\s*,\s*"(\w+)"', f.read())
    except OSError:
        return None
    return m.group(1) if m else None


def pgbench(binary, url, query, types, viewers, cursors, seconds, workdir, tag, plan_cache_mode, clients=4, threads=2):
    """Transactions per second and mean latency (ms) of the feed SQL, one script per viewer."""
    files, defs = [], ["-D", f"lim={FEED_PAGE + 1}"]
    for k, v in enumerate(viewers):
        # Like the server: the author list first (one statement), then the feed with it as a value.
        values = {"viewer": f":v{k}", "limit": ":lim", "authors": f":a{k}::uuid[]", "communities": f":c{k}::uuid[]"}
        defs += ["-D", f"v{k}={v}"]
        if cursors:
            at, pid = cursors[v]
            values.update(after_at=f":at{k}", after_id=f":id{k}")
            defs += ["-D", f"at{k}={at.isoformat()}", "-D", f"id{k}={pid}"]
        path = os.path.join(workdir, f"{tag}_{k}.sql")
        with open(path, "w") as f:
            f.write(f"select {HOME_AUTHORS.format(v=f':v{k}::uuid')}::text as a{k}, "
                    f"{HOME_COMMUNITIES.format(v=f':v{k}::uuid')}::text as c{k} \\gset\n")
            f.write(render(query, types, values).rstrip().rstrip(";") + "\n;\n")
        files += ["-f", path]
    cmd = [binary, "-n", "-M", "prepared", "-c", str(clients), "-j", str(threads), "-T", str(max(1, round(seconds))),
           *files, *defs, url]
    env = dict(os.environ)
    if plan_cache_mode:
        env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + f" -c plan_cache_mode={plan_cache_mode}").strip()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120, env=env)
    tps = re.search(r"^tps = ([\d.]+) \(without initial connection time\)", out.stdout, re.M)
    failed = re.search(r"number of failed transactions: (\d+)", out.stdout)
    if out.returncode != 0 or not tps or (failed and int(failed.group(1)) > 0):
        sys.exit(f"pgbench failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    lat = re.search(r"^latency average = ([\d.]+) ms", out.stdout, re.M)
    return float(tps.group(1)), float(lat.group(1)) if lat else float("nan")


# HTTP --------------------------------------------------------------------------------------------------


def log_in(email, password):
    """Signs in through the real endpoint (argon2id verification) and returns the session cookie."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    conn.request("POST", "/api/auth/login", urllib.parse.urlencode({"email": email, "password": password}), {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Origin": f"http://{HOST}:{PORT}",
    })
    res = conn.getresponse()
    res.read()
    if res.status >= 400:
        raise RuntimeError(f"login {email}: {res.status}")
    for name, value in res.getheaders():
        if name.lower() == "set-cookie" and value.startswith("kindred_session="):
            return value.split(";", 1)[0]
    raise RuntimeError(f"login {email}: no session cookie")


def get(conn, path, cookie):
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"Accept": "text/html", "Cookie": cookie})
    res = conn.getresponse()
    body = res.read()
    if res.status != 200:
        raise RuntimeError(f"{path}: {res.status}")
    return (time.perf_counter() - t0) * 1000, body


def closed_loop(reqs, seconds, threads):
    """Requests per second with `threads` clients sending back to back; reqs are (path, cookie)."""
    done = [0] * threads
    stop_at = time.perf_counter() + seconds

    def worker(k):
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        rng = random.Random(k)
        while time.perf_counter() < stop_at:
            get(conn, *rng.choice(reqs))
            done[k] += 1

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(done) / (time.perf_counter() - t0)


def open_loop(reqs, rate, seconds, threads=8):
    """Latencies (ms) with requests due at a fixed rate, spread over `threads` connections, and the
    number of non-200 answers. Latency counts from when the request was due, so a backlog shows."""
    n = int(rate * seconds)
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
            path, cookie = rng.choice(reqs)
            conn.request("GET", path, headers={"Accept": "text/html", "Cookie": cookie})
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


# Seeding -----------------------------------------------------------------------------------------------


def coprime(n, start):
    s = start
    while math.gcd(s, n) != 1:
        s += 1
    return s


def seed(db, a):
    t0 = time.perf_counter()
    hasher = argon2.PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    shared = hasher.hash(secrets.token_urlsafe(24))  # nobody signs in as these members
    assert "'" not in shared
    db.execute(SEED_MEMBERS % {"members": a.members, "hash": shared})
    n = db.execute("select count(*) from members").fetchone()[0]
    has = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    has_connections = has("select to_regclass('public.connections') is not null")
    has_conn_visibility = has("select 'connections' = any(enum_range(null::post_visibility)::text[])")
    column = "select exists (select 1 from information_schema.columns where table_name = 'posts' and column_name = '%s')"
    has_rank, has_hidden = has(column % "rank"), has(column % "hidden_at")
    db.execute(SEED_POSTS % {
        "posts": a.posts, "engagements": a.engagements, "step": coprime(n, 7919),
        "restricted": "connections" if has_conn_visibility else "followers",
        # The explore rank refresh runs when the server starts; -1 marks posts it has not reached.
        "rank_col": ", rank" if has_rank else "", "rank_val": ", -1" if has_rank else "",
        # One post in 200 hidden by a moderator, where the build has moderation.
        "hidden_col": ", hidden_at" if has_hidden else "",
        "hidden_val": ", case when s.i % 200 = 0 then least(now(), s.created_at + interval '1 hour') end" if has_hidden else "",
    })
    follows = min(a.follows, n - 1)
    db.execute(SEED_FOLLOWS % {"follows": follows, "step": coprime(n - 1, 104729)})
    if has_connections:
        db.execute(SEED_CONNECTIONS % {"half": min(a.connections // 2, n - 1), "step": coprime(n - 1, 15485863)})
    if has(column % "community_id"):
        db.execute(SEED_COMMUNITIES % {})
    counts = {t: has(f"select count(*) from {t}") for t in ["members", "posts", "engagements", "follows"]}
    counts["connections"] = has("select count(*) from connections") if has_connections else None
    vis = dict(db.execute("select visibility::text, count(*) from posts group by 1").fetchall())
    if has_hidden:
        vis["hidden"] = has("select count(*) from posts where hidden_at is not null")
    parts = [f"{counts['members']} members",
             f"{counts['posts']} posts (" + ", ".join(f"{n} {k}" for k, n in sorted(vis.items())) + ")",
             f"{counts['engagements']} engagements", f"{counts['follows']} follows ({follows} per member)",
             f"{counts['connections']} connection rows (~{a.connections} per member)" if has_connections
             else "no connections (this build has no `connections` table)"]
    print(f"seeded {', '.join(parts)} in {time.perf_counter() - t0:.1f} s"
          + ("" if has_conn_visibility else "; this build has no 'connections' visibility, so those 3 % are 'followers'"))
    return counts, has_rank


def pick_viewers(db, a, query, types, needed):
    """The members with the most follows, each with a real password, following enough members for
    a home feed of at least `needed` posts."""
    rows = db.execute("select f.follower_id, m.email from follows f join members m on m.member_id = f.follower_id "
                      "group by 1, 2 order by count(*) desc, f.follower_id limit %s", (a.viewers,)).fetchall()
    hasher = argon2.PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    viewers, emails, raised = [], {}, False
    before = []
    for v, email in rows:
        db.execute("update members set password_hash = %s where member_id = %s", (hasher.hash(PASSWORD), v))
        before.append(db.execute("select count(*) from follows where follower_id = %s", (v,)).fetchone()[0])
        for _ in range(6):
            have = len(home_feed(db, query, types, v, needed))
            if have >= needed:
                break
            raised = True
            db.execute(RAISE_FOLLOWS, {"v": v, "posts": int((needed - have) * 1.15) + 50})
        else:
            sys.exit(f"viewer {v}: home feed still has {have} < {needed} posts; seed more posts (--posts/--scale)")
        viewers.append(v)
        emails[v] = email
    after = [db.execute("select count(*) from follows where follower_id = %s", (v,)).fetchone()[0] for v in viewers]
    print(f"{len(viewers)} bench viewers (the members with the most follows: {min(before)}-{max(before)})"
          + (f"; their follows raised to {min(after)}-{max(after)} so each home feed holds >= {needed} posts"
             if raised else f"; each home feed already holds >= {needed} posts"))
    return viewers, emails, before, after


def wait_for_rank_refresh(db, has_rank, timeout=120):
    """The server refreshes the explore ranks of every post when it starts (then every 5 minutes):
    wait for that update to finish so that it does not run during the measurements."""
    if not has_rank:
        return None
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if not db.execute("select exists (select 1 from posts where rank = -1)").fetchone()[0]:
            return time.perf_counter() - t0
        time.sleep(0.5)
    print(f"note: the explore rank refresh had not run {timeout} s after the server started")
    return None


# Main --------------------------------------------------------------------------------------------------


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies members, posts, engagements and the deep page")
    ap.add_argument("--members", type=int, default=10_000)
    ap.add_argument("--posts", type=int, default=100_000)
    ap.add_argument("--engagements", type=int, default=1_000_000)
    ap.add_argument("--follows", type=int, default=30, help="per member")
    ap.add_argument("--connections", type=int, default=10, help="per member, when the build has connections")
    ap.add_argument("--viewers", type=int, default=8, help="signed-in bench viewers")
    ap.add_argument("--page", type=int, default=500, help="the deep page, compared with page 1")
    ap.add_argument("--seconds", type=float, default=10, help="length of each measurement")
    ap.add_argument("--sqlx-dir", default=os.path.join(here, "..", ".sqlx"))
    ap.add_argument("--pgbench", default=PGBENCH if os.path.exists(PGBENCH) else shutil.which("pgbench") or PGBENCH)
    ap.add_argument("--plan-cache-mode", help="for the pgbench sessions; default: what src/server/database.rs sets")
    ap.add_argument("--explain", action="store_true", help="print the feed SQL's plans for page 1 and the deep page")
    a = ap.parse_args()
    a.members = max(50, round(a.members * a.scale))
    a.posts = max(100, round(a.posts * a.scale))
    a.engagements = round(a.engagements * a.scale)
    a.page = max(2, round(a.page * a.scale))
    needed = (a.page - 1) * FEED_PAGE + FEED_PAGE + 1  # page `page` full, with a next page after it

    path, how, query, types = load_feed_query(a.sqlx_dir)
    print(f"feed SQL from {os.path.relpath(path)} ({how}); {len(types)} parameters, all in FEED_PARAMS")
    plan_mode = a.plan_cache_mode or server_plan_cache_mode(os.path.join(here, ".."))
    print(f"pgbench sessions: plan_cache_mode={plan_mode or 'auto (the default)'}, "
          + ("as given" if a.plan_cache_mode else "as the server's pool sets it (src/server/database.rs)"))

    env = {"DATABASE_URL": a.database_url, "KINDRED_LOGIN_LIMIT_PER_IP": "1000000", "KINDRED_LOGIN_LIMIT_PER_ACCOUNT": "1000000"}
    workdir = tempfile.mkdtemp(prefix="kindred-bench-feed-")
    # The server applies the migrations on its first start; it is started again after seeding.
    proc, _, _ = start_server(a.binary, env)
    stop(proc)
    proc = None
    try:
        with psycopg.connect(a.database_url, autocommit=True) as db:
            counts, has_rank = seed(db, a)
            viewers, emails, follows_before, follows_after = pick_viewers(db, a, query, types, needed)

            proc, _, _ = start_server(a.binary, env)
            server_started = time.perf_counter()
            waited = wait_for_rank_refresh(db, has_rank)
            t0 = time.perf_counter()
            db.execute("vacuum analyze")
            db.execute("checkpoint")
            print(f"server started; explore rank refresh done after {waited or 0:.1f} s; vacuum analyze and checkpoint "
                  f"{time.perf_counter() - t0:.1f} s")

            # Page 1 and page `page` of each viewer, as the SQL sees them.
            cursors, first1, first_deep = {}, {}, {}
            for v in viewers:
                rows = home_feed(db, query, types, v, needed)
                first1[v] = rows[0][1]
                cursors[v] = rows[(a.page - 1) * FEED_PAGE - 1]
                first_deep[v] = rows[(a.page - 1) * FEED_PAGE][1]
            if a.explain:
                v = viewers[0]
                for name, after in [("page 1", None), (f"page {a.page}", cursors[v])]:
                    sql = render(query, types, literal_values(v, after))
                    plan = db.execute("explain (analyze, buffers)\n" + sql).fetchall()
                    print(f"--- plan of the feed SQL, {name} (literal values) ---")
                    print("\n".join(r[0] for r in plan))

        cookies = {v: log_in(emails[v], PASSWORD) for v in viewers}
        page1 = [("/feed", cookies[v]) for v in viewers]
        deep = [(f"/feed?after={encode_cursor(*cursors[v])}", cookies[v]) for v in viewers]
        # Each viewer's pages show the posts the SQL says they should: signed in, right cursor.
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        sizes = []
        for v, (p1, c), (pd, _) in zip(viewers, page1, deep):
            for p, want in [(p1, first1[v]), (pd, first_deep[v])]:
                html = get(conn, p, c)[1].decode()
                if f'id="post-{want}"' not in html or "?after=" not in html:
                    sys.exit(f"{p} for viewer {v} does not show post {want} first (or has no next-page link): "
                             "not signed in, or the cursor is off")
                sizes.append(len(html))
        for i in range(100):
            get(conn, *(page1 + deep)[i % (2 * len(viewers))])
        print(f"signed in {len(viewers)} viewers; page 1 and page {a.page} verified (HTML {min(sizes) // 1024}-"
              f"{max(sizes) // 1024} kB); deep cursor = post {(a.page - 1) * FEED_PAGE:,} of each home feed")

        r = {}
        r["peak"] = closed_loop(page1, a.seconds, threads=4)
        rate = r["peak"] / 2
        lat1, err1 = open_loop(page1, rate, a.seconds)
        r["p50"], r["p99"] = pct(lat1, 50), pct(lat1, 99)
        print(f"home feed page /feed: peak {r['peak']:.0f} req/s; at {rate:.0f} req/s: p50 {r['p50']:.1f} ms, "
              f"p99 {r['p99']:.1f} ms (target <= 30 ms)" + (f"; {err1} non-200" if err1 else ""))
        latd, errd = open_loop(deep, rate, a.seconds)
        r["deep_p50"], r["deep_p99"] = pct(latd, 50), pct(latd, 99)
        print(f"page {a.page} /feed?after=…: at {rate:.0f} req/s: p50 {r['deep_p50']:.1f} ms, p99 {r['deep_p99']:.1f} ms; "
              f"p99 / page-1 p99 = {r['deep_p99'] / r['p99']:.2f} (target <= 1.2)" + (f"; {errd} non-200" if errd else ""))
        r["deep_peak"] = closed_loop(deep, a.seconds, threads=4)
        print(f"page {a.page}: peak {r['deep_peak']:.0f} req/s")

        r["sql_tps"], r["sql_ms"] = pgbench(a.pgbench, a.database_url, query, types, viewers, None, a.seconds, workdir, "page1",
                                           plan_mode)
        print(f"feed SQL alone, page 1 (pgbench -M prepared, 4 clients, 2 threads): {r['sql_tps']:.0f} tps, "
              f"mean {r['sql_ms']:.2f} ms; page req/s / SQL tps = {r['peak'] / r['sql_tps']:.2f} (target >= 0.40)")
        r["deep_sql_tps"], r["deep_sql_ms"] = pgbench(a.pgbench, a.database_url, query, types, viewers, cursors,
                                                      a.seconds, workdir, "deep", plan_mode)
        print(f"feed SQL alone, page {a.page}: {r['deep_sql_tps']:.0f} tps, mean {r['deep_sql_ms']:.2f} ms")
        if has_rank and time.perf_counter() - server_started > 290:
            print("note: the measurements ran past 5 minutes after the server started, so the explore rank refresh "
                  "(every 5 minutes, every post) may have run during them")
    finally:
        if proc:
            stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)

    def line(label, figure):
        print(f"{label:<58}: {figure}")

    conn_note = f", {counts['connections']:,} connection rows" if counts["connections"] is not None else ""
    print()
    print(f"Kindred feed benchmark: {counts['members']:,} members, {counts['posts']:,} posts, "
          f"{counts['engagements']:,} engagements, {counts['follows']:,} follows{conn_note}")
    print(f"{len(viewers)} signed-in viewers following {min(follows_after)}-{max(follows_after)} members each; "
          f"{a.seconds:g} s per measurement; scale {a.scale:g}; pgbench plan_cache_mode={plan_mode or 'auto'}")
    print("-" * 96)
    line("feed SQL alone, page 1 (pgbench, prepared, 4 clients)", f"{r['sql_tps']:8.0f} tps (the limit)")
    line("home feed page /feed, server-rendered, peak", f"{r['peak']:8.0f} req/s")
    line("  ratio page req/s / SQL tps", f"{r['peak'] / r['sql_tps']:8.2f} (target >= 0.40)")
    line(f"  at half of peak ({rate:.0f} req/s): p50 / p99", f"{r['p50']:8.1f} / {r['p99']:.1f} ms (target p99 <= 30 ms)")
    line(f"page {a.page} /feed?after=..., same rate: p50 / p99", f"{r['deep_p50']:8.1f} / {r['deep_p99']:.1f} ms")
    line(f"  ratio page-{a.page} p99 / page-1 p99", f"{r['deep_p99'] / r['p99']:8.2f} (target <= 1.2)")
    line(f"  page {a.page} peak / its SQL alone (pgbench)", f"{r['deep_peak']:8.0f} req/s / {r['deep_sql_tps']:.0f} tps")
    print(json.dumps({k: round(v, 2) for k, v in r.items()}
                     | {"page_ratio": round(r["peak"] / r["sql_tps"], 3), "deep_p99_ratio": round(r["deep_p99"] / r["p99"], 3),
                        "deep_page": a.page, "scale": a.scale}))


if __name__ == "__main__":
    main()

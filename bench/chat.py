"""Chat benchmark: 1,000 WebSocket clients in one channel, split across two server instances.

Run through bench/chat.sh (it builds the release and starts a private PostgreSQL). Method:

- Seeds by SQL: --members members (default 50) who can sign in, plus one for the stalled client,
  one public community with its @everyone role (view, send, attach, react) and everyone in it,
  and one text channel, #general.
- Starts two `kindred` release instances on two loopback ports against the same database; they
  deliver each other's messages through PostgreSQL LISTEN/NOTIFY. Every member signs in once
  (`POST /api/auth/login`); sessions live in PostgreSQL, so one cookie works on both instances.
- Opens --clients sockets (`GET /ws` with the session cookie and a same-origin `Origin`), half on
  each instance, spread over the members (each member has sockets on both instances). Each socket
  waits for `hello`, sends `subscribe` for #general and waits for `subscribed`. The sockets live
  in --workers client processes, so that one Python event loop does not have to read every
  delivery of a burst in turn (that queueing would be the client's latency, not the server's).
- --senders senders each post --rate messages per second (`POST /api/chat/send`, one keep-alive
  HTTP connection per sender and instance, alternating between the instances), their send times
  spread evenly over the second. A sender posts as --accounts-per-sender members in turn when one
  member would exceed the server's limit (20 messages per member in each fixed 30 s window, counted
  in PostgreSQL), so #general still receives senders x rate messages per second. Each body names
  the phase, sender and number (`bench phase=1 sender=3 message=17`). The sender notes the time
  just before the POST, a socket the time its frame's bytes came off the socket (in its client
  process); latency = receive time - send time. Both are CLOCK_MONOTONIC, one clock for every
  process of the machine.
- Phases: a short warm-up (not reported), phase 1 of --seconds with every socket reading, then
  phase 2 of --seconds with one more socket, deliberately stalled, on instance 1, of a member who
  has no other socket. It subscribes, then never reads again. Its receive buffer is the smallest
  the kernel allows and its MSS 536, so the server's kernel send buffer to it stays small (about
  40 KiB instead of the megabytes loopback otherwise allows) and a few seconds of #general fill
  it: from then on the server's writes to it block. When the server gives up on it and closes it
  (src/realtime/socket.rs: after 10 s without progress), a new stalled socket takes its place, as
  a stuck browser tab reconnecting would, so one is there all through phase 2. The --clients
  measured sockets are the same in both phases.

Figures:
- chat latency p50 / p99: over every delivery of phase 1 to every socket (sockets x messages),
  target p99 <= 50 ms; also split by whether the message was posted to the socket's own instance
  or to the other one (the path through PostgreSQL NOTIFY); and the POSTs' own latency.
- stalled client: the other sockets' p50 / p99 in phase 2, and p99 (phase 2) / p99 (phase 1); it
  should stay near 1. With it: how many stalled sockets were needed (how many the server closed,
  after how long), the share of phase 2 during which data sat in the server's send queue to the
  stalled socket (sampled every 0.5 s from /proc/net/tcp) and the most it held, and what the
  last stalled socket read once drained (messages, `resync`s, whether the server had closed it).
- server RSS per connection: VmRSS of each instance before the sockets open and after they are
  all connected, subscribed and idle for a second; (after - before) / that instance's sockets.
- lost deliveries: for each measured socket, every message whose POST succeeded in the phase must
  arrive exactly once, by --grace seconds after the last send: missing and duplicate (sender, n)
  pairs, summed over the sockets; and the `resync` frames (the server dropped messages for a slow
  socket) they received.
- client side: the event-loop lag of the client processes (a 10 ms timer's lateness) and their
  CPU share during each phase. A lag p99 of several ms means the client itself adds about that
  much to the latencies; on a small machine the two servers, PostgreSQL and the clients share
  cores.

The WebSocket protocol this expects (src/realtime/socket.rs): server -> client JSON frames
`{"type":"hello",...}` first; `{"type":"subscribed","channel":"<uuid>"}` in answer to
`{"type":"subscribe","channel":"<uuid>","after":<seq>}` (or `denied`); new messages as
`{"type":"message","channel":"<uuid>","message":{"id":..,"seq":..,"body":"..",..}}`;
`{"type":"resync",...}` when messages were dropped. Other types are ignored.
"""

import argparse
import asyncio
import collections
import http.client
import json
import math
import multiprocessing
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

import argon2
import psycopg
from websockets.asyncio.client import ClientConnection, connect as ws_connect
from websockets.exceptions import InvalidStatus
from websockets.frames import Frame, Opcode
from websockets.protocol import State

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from foundation import server_env  # noqa: E402
from events import pct  # noqa: E402

HOST = "127.0.0.1"
PASSWORD = "a long bench password"
SLUG = "bench-chat"
EVERYONE_PERMISSIONS = 15  # view | send | attach | react (src/communities/perms.rs)
# The body of every bench message. The server's language filter (rustrict, which reads digits as
# letters) refuses about one body in five of the form `bench p1 s3 n17`, and more with a long
# timestamp in it; with `=` before each number, none of phase 0-9 x sender 0-99 x n 0-999 is
# refused (checked with rustrict 0.7.39). So the bodies carry no time: the send times go to the
# client processes afterwards.
BODY = "bench phase={phase} sender={sender} message={n}"
MARK = re.compile(r"bench phase=(\d+) sender=(\d+) message=(\d+)")
# The stalled socket: the smallest receive buffer (the kernel makes it 2,304 bytes) and a small
# MSS keep the server's send buffer to it small; measured on loopback: about 37 KiB.
STALLED_RCVBUF = 1
STALLED_MSS = 536
TCP_ESTABLISHED = "01"


# Small helpers --------------------------------------------------------------------------------------


def raise_open_files_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def vmrss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def p(values, q):
    """Percentile (events.pct), or nan for no values."""
    return pct(values, q) if values else float("nan")


def fmt_kib(x):
    return "n/a" if x is None else f"{x / 1024:.0f} KiB"


def tcp_socket(local_port, remote_port):
    """(state, send queue bytes, receive queue bytes) of the IPv4 TCP socket from 127.0.0.1:local
    to 127.0.0.1:remote, from /proc/net/tcp (state "01" is established), or None if there is none.
    The send queue counts what the kernel holds unsent or unacknowledged."""
    key = f"0100007F:{local_port:04X} 0100007F:{remote_port:04X} "  # little-endian address, hex port
    try:
        with open("/proc/net/tcp") as f:
            text = f.read()
    except OSError:
        return None
    i = text.find(key)
    if i < 0:
        return None
    cols = text[i:text.find("\n", i)].split()
    tx, rx = cols[3].split(":")
    return cols[2], int(tx, 16), int(rx, 16)


# Seeding ---------------------------------------------------------------------------------------------

SEED = """
insert into members (username, email, display_name, password_hash)
select 'chat_' || i, 'chat_' || i || '@example.org', 'Chat ' || i, %(hash)s
from generate_series(1, %(members)s) i
"""


def seed(db, members):
    """Members chat_1..chat_<members> who can sign in, one public community owned by the last of
    them with everyone in it, and #general. Returns ([(member_id, email)] in number order,
    community_id, channel_id)."""
    missing = [t for t in ["communities", "community_roles", "community_members", "chat_channels", "chat_messages"]
               if not db.execute("select to_regclass(%s) is not null", (f"public.{t}",)).fetchone()[0]]
    if missing:
        sys.exit(f"this build has no chat schema (missing tables: {', '.join(missing)}); "
                 "it needs migrations/0015_communities_chat.sql")
    hasher = argon2.PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    with db.transaction():
        db.execute(SEED, {"hash": hasher.hash(PASSWORD), "members": members})
        rows = db.execute("select member_id, email from members where username like %s "
                          "order by (substr(username, 6))::int", (r"chat\_%",)).fetchall()
        owner = rows[-1][0]
        community = db.execute(
            "insert into communities (slug, name, description, visibility, owner_id, member_count) "
            "values (%s, 'Bench chat', 'The chat benchmark', 'public', %s, %s) returning community_id",
            (SLUG, owner, len(rows))).fetchone()[0]
        db.execute("insert into community_roles (community_id, name, position, permissions, kind) "
                   "values (%s, '@everyone', 0, %s, 'everyone')", (community, EVERYONE_PERMISSIONS))
        db.execute("insert into community_members (community_id, member_id) "
                   "select %s, m from unnest(%s::uuid[]) m", (community, [r[0] for r in rows]))
        channel = db.execute(
            "insert into chat_channels (community_id, kind, name, topic, position, created_by) "
            "values (%s, 'text', 'general', 'Benchmark traffic', 0, %s) returning channel_id",
            (community, owner)).fetchone()[0]
    return rows, community, channel


def last_seq(db, channel):
    return db.execute("select last_seq from chat_channels where channel_id = %s", (channel,)).fetchone()[0]


# Servers -----------------------------------------------------------------------------------------------


class Instance:
    """One `kindred` process listening on HOST:port, its output in a log file."""

    def __init__(self, binary, port, extra_env, logdir, label):
        self.binary, self.port, self.label = binary, port, label
        self.env = server_env(dict(extra_env, LEPTOS_SITE_ADDR=f"{HOST}:{port}"))
        self.log_path = os.path.join(logdir, f"{label}.log")
        self.proc = None

    def start(self, timeout=120):
        if port_open(self.port):
            sys.exit(f"{HOST}:{self.port} is already in use; choose others with --ports")
        log = open(self.log_path, "ab")
        repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
        self.proc = subprocess.Popen([self.binary], env=self.env, cwd=repo, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"{self.label} exited with {self.proc.returncode} while starting:\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        sys.exit(f"{self.label} did not answer /healthz within {timeout} s:\n{self.log_tail()}")

    def stop(self, timeout=30):
        if self.proc is None or self.proc.poll() is not None:
            self.proc = None
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"note: {self.label} did not stop within {timeout} s of SIGTERM; killed")
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def rss_kib(self):
        return vmrss_kib(self.proc.pid)

    def log_tail(self, lines=30):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


def port_open(port):
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


# HTTP: sign-in and the senders ----------------------------------------------------------------------------


def form_headers(port, cookie=None):
    h = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
         "Origin": f"http://{HOST}:{port}"}
    if cookie:
        h["Cookie"] = cookie
    return h


def log_in(port, email):
    """Signs in through the real endpoint and returns the session cookie `kindred_session=...`."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("POST", "/api/auth/login", urllib.parse.urlencode({"email": email, "password": PASSWORD}),
                 form_headers(port))
    res = conn.getresponse()
    body = res.read()
    if res.status >= 400:
        raise RuntimeError(f"login {email}: {res.status} {body[:200]!r}")
    for name, value in res.getheaders():
        if name.lower() == "set-cookie" and value.startswith("kindred_session="):
            return value.split(";", 1)[0]
    raise RuntimeError(f"login {email}: no session cookie")


def log_in_all(port, emails, threads=4):
    cookies, errors, lock = {}, [], threading.Lock()
    todo = list(emails)

    def work():
        while True:
            with lock:
                if not todo:
                    return
                email = todo.pop()
            try:
                c = log_in(port, email)
                with lock:
                    cookies[email] = c
            except Exception as e:  # noqa: BLE001 - reported below
                with lock:
                    errors.append(str(e))

    ts = [threading.Thread(target=work) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(timeout=300)
    if errors or len(cookies) != len(emails):
        sys.exit(f"{len(errors)} of {len(emails)} sign-ins failed, first: {errors[:1]}")
    return cookies


def run_senders(phase, seconds, rate, accounts, ports, channel):
    """Sender k posts message n at start + k / (senders x rate) + n / rate as accounts[k][n % len]
    to instance (k + n) % 2. Returns what happened: the (sender, n) the server accepted, statuses,
    POST latencies, how late the sends started, and for every (sender, n) posted the time taken
    just before its POST (ns, CLOCK_MONOTONIC) and the instance it went to."""
    senders = len(accounts)
    count = max(1, int(round(seconds * rate)))
    start = time.monotonic() + 0.2
    results = [None] * senders

    def sender(k):
        conns = {}
        ok, statuses, post_ms, late_ms, errors, sent = [], collections.Counter(), [], [], [], {}
        for n in range(count):
            due = start + k / (senders * rate) + n / rate
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            late_ms.append((time.monotonic() - due) * 1000)
            inst = (k + n) % 2
            port = ports[inst]
            cookie = accounts[k][n % len(accounts[k])]
            body = urllib.parse.urlencode({"channel": channel, "body": BODY.format(phase=phase, sender=k, n=n)})
            t = time.monotonic_ns()
            sent[(k, n)] = (t, inst)
            try:
                if port not in conns:
                    conns[port] = http.client.HTTPConnection(HOST, port, timeout=10)
                conns[port].request("POST", "/api/chat/send", body, form_headers(port, cookie))
                res = conns[port].getresponse()
                text = res.read()
                post_ms.append((time.monotonic_ns() - t) / 1e6)
                statuses[res.status] += 1
                if 200 <= res.status < 300:
                    ok.append((k, n))
                elif len(errors) < 3:
                    errors.append(f"{res.status} {text[:200]!r}")
                if res.getheader("connection", "").lower() == "close":
                    conns.pop(port).close()
            except (OSError, http.client.HTTPException) as e:
                statuses[type(e).__name__] += 1
                if len(errors) < 3:
                    errors.append(repr(e))
                conns.pop(port, None)
        for c in conns.values():
            c.close()
        results[k] = (ok, statuses, post_ms, late_ms, errors, sent)

    ts = [threading.Thread(target=sender, args=(k,)) for k in range(senders)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(timeout=seconds + 120)
    out = {"ok": [], "statuses": collections.Counter(), "post_ms": [], "late_ms": [], "errors": [], "attempted": 0,
           "sent": {}}
    for r in results:
        if r is None:
            continue
        out["ok"] += r[0]
        out["statuses"].update(r[1])
        out["post_ms"] += r[2]
        out["late_ms"] += r[3]
        out["errors"] += r[4]
        out["attempted"] += len(r[3])
        out["sent"].update(r[5])
    return out


# Client processes ------------------------------------------------------------------------------------------


class TimedConnection(ClientConnection):
    """A websockets connection that, once `on_frame` is set, hands each text frame straight to
    it with the time its bytes were read from the socket, instead of queueing it for recv():
    fewer steps per frame, and the time is taken before the frame waits for anything else.
    (websockets 13.1: data_received feeds the Sans-I/O protocol, process_event gets each frame.)"""

    on_frame = None

    def data_received(self, data):
        self.read_at = time.monotonic_ns()
        super().data_received(data)

    def process_event(self, event):
        if self.on_frame is not None and isinstance(event, Frame) and event.opcode in (
                Opcode.TEXT, Opcode.BINARY, Opcode.CONT):
            # The server sends each JSON frame whole; a fragment would be reported as odd.
            self.on_frame(event.data if event.opcode is Opcode.TEXT and event.fin else None, self.read_at)
            return
        super().process_event(event)


class Client:
    def __init__(self, sid, port, inst, cookie):
        self.sid, self.port, self.inst, self.cookie = sid, port, inst, cookie
        self.ws = None
        self.received = collections.defaultdict(collections.Counter)  # phase -> (sender, n) -> count
        self.closed = None

    def closed_why(self):
        """None while open; else the close code the server sent (or why there was none)."""
        if self.closed is None and self.ws is not None and self.ws.state in (State.CLOSING, State.CLOSED):
            rcvd = self.ws.protocol.close_rcvd
            self.closed = f"code {rcvd.code}" if rcvd else "closed without a close frame"
        return self.closed


class Worker:
    """The sockets of one client process and the commands the main process sends it."""

    def __init__(self, idx):
        self.idx = idx
        self.clients = []
        self.stalled = None                            # the current stalled socket (worker 0)
        self.stalled_opened = 0
        self.phase = 0
        self.channel = None                            # #general
        self.max_seq = 0                               # the highest message number seen in it
        self.arrivals = collections.defaultdict(list)  # phase -> (sender, n, read at (ns), socket's instance)
        self.resyncs = collections.Counter()           # phase -> resync frames
        self.lags = collections.defaultdict(list)      # phase -> event-loop lag (ms)
        self.types = collections.Counter()
        self.odd = []                                  # a few frames that were not understood
        self.cpu0 = self.wall0 = 0.0

    # Frames ------------------------------------------------------------------------------------------

    def handle(self, c, raw, t_ns, record=True):
        """One frame from the server to client c, read at t_ns. Returns the parsed frame."""
        if raw is None:
            self.note_odd("a fragmented or binary frame")
            return None
        try:
            msg = json.loads(raw)
            typ = msg.get("type")
        except (ValueError, AttributeError):
            self.note_odd(raw)
            return None
        self.types[typ] += 1
        if typ == "message" and msg.get("channel") == self.channel:
            inner = msg.get("message")
            body = inner.get("body") if isinstance(inner, dict) else None
            m = MARK.search(body) if isinstance(body, str) else None
            m = m or MARK.search(raw if isinstance(raw, str) else raw.decode(errors="replace"))
            if m is None:
                self.note_odd(raw)
                return msg
            if isinstance(inner, dict) and isinstance(inner.get("seq"), int) and inner["seq"] > self.max_seq:
                self.max_seq = inner["seq"]
            phase, sender, n = (int(g) for g in m.groups())
            c.received[phase][(sender, n)] += 1
            if record:
                self.arrivals[phase].append((sender, n, t_ns, c.inst))
        elif typ == "resync" and c is not self.stalled:
            self.resyncs[self.phase] += 1
        return msg

    def note_odd(self, raw):
        if len(self.odd) < 5:
            self.odd.append(str(raw)[:300])

    # Connecting -------------------------------------------------------------------------------------

    async def open(self, c, subs, stalled=False):
        """Connects c, waits for hello, subscribes to each (channel, after) of subs and waits for
        their `subscribed` (catch-up frames before it are handled as usual). A stalled socket gets
        the smallest receive buffer and a small MSS."""
        kwargs = {}
        if stalled:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, STALLED_RCVBUF)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, STALLED_MSS)
            sock.setblocking(False)
            await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, (HOST, c.port)), 10)
            kwargs["sock"] = sock
        c.ws = await ws_connect(
            f"ws://{HOST}:{c.port}/ws", origin=f"http://{HOST}:{c.port}", additional_headers={"Cookie": c.cookie},
            compression=None, ping_interval=None, open_timeout=30, close_timeout=2,
            max_queue=(1, 0) if stalled else 256, create_connection=TimedConnection, **kwargs)
        first = await asyncio.wait_for(c.ws.recv(), 10)
        hello = self.handle(c, first, time.monotonic_ns(), record=False)
        if not isinstance(hello, dict) or hello.get("type") != "hello":
            raise RuntimeError(f"the first frame is not hello: {str(first)[:300]}")
        for channel, after in subs:
            await c.ws.send(json.dumps({"type": "subscribe", "channel": channel, "after": after}))
        waiting = {channel for channel, _ in subs}
        deadline = time.monotonic() + 15
        while waiting:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"no `subscribed` for {', '.join(waiting)} within 15 s of subscribing")
            raw = await asyncio.wait_for(c.ws.recv(), left)
            msg = self.handle(c, raw, time.monotonic_ns(), record=False)
            if isinstance(msg, dict) and msg.get("type") == "subscribed":
                waiting.discard(msg.get("channel"))
            elif isinstance(msg, dict) and msg.get("type") == "denied" and msg.get("channel") in waiting:
                raise RuntimeError(f"the server denied the subscription to {msg.get('channel')}")

    async def start_reading(self, c):
        """From now on c's frames go straight to handle() as they are read. A frame that came in
        with `subscribed`, before the switch, is read from the queue first."""
        try:
            for _ in range(10_000):
                raw = await asyncio.wait_for(c.ws.recv(), 0.005)  # cancelling recv() loses nothing
                self.handle(c, raw, time.monotonic_ns())
        except asyncio.TimeoutError:
            pass
        c.ws.on_frame = lambda data, t_ns: self.handle(c, data, t_ns)

    async def cmd_connect(self, specs, channel, after):
        self.channel = channel
        sem = asyncio.Semaphore(32)
        errors = []

        async def one(spec):
            c = Client(*spec)
            async with sem:
                try:
                    await self.open(c, [(channel, after)])
                    await self.start_reading(c)
                except InvalidStatus as e:
                    errors.append(f"socket {c.sid} on :{c.port}: HTTP {e.response.status_code} "
                                  f"{e.response.body[:200]!r}")
                    return
                except Exception as e:  # noqa: BLE001 - reported to the main process
                    errors.append(f"socket {c.sid} on :{c.port}: {e!r}")
                    return
            self.clients.append(c)

        await asyncio.gather(*(one(s) for s in specs))
        return {"connected": len(self.clients), "errors": errors[:5], "failed": len(errors)}

    # Phases ------------------------------------------------------------------------------------------

    async def lag_probe(self):
        while True:
            t = time.monotonic()
            await asyncio.sleep(0.01)
            self.lags[self.phase].append((time.monotonic() - t - 0.01) * 1000)

    async def cmd_phase(self, phase):
        self.phase = phase
        ru = resource.getrusage(resource.RUSAGE_SELF)
        self.cpu0, self.wall0 = ru.ru_utime + ru.ru_stime, time.monotonic()
        return None

    async def cmd_collect(self, phase, expected, sent):
        """The phase's figures: `expected` the (sender, n) accepted by the server, `sent` maps
        each (sender, n) posted to (send time in ns, instance posted to)."""
        ru = resource.getrusage(resource.RUSAGE_SELF)
        expected = set(expected)
        lat, same = [], []
        for sender, n, t_ns, inst in self.arrivals.pop(phase, []):
            if (sender, n) in sent:
                t_send, posted_to = sent[(sender, n)]
                lat.append((t_ns - t_send) / 1e6)
                same.append(posted_to == inst)
        missing = dups = extra = sockets_missing = worst = 0
        closed = []
        for c in self.clients:
            got = c.received.pop(phase, collections.Counter())
            miss = len(expected - got.keys())
            missing += miss
            sockets_missing += miss > 0
            worst = max(worst, miss)
            dups += sum(v - 1 for v in got.values() if v > 1)
            extra += len(got.keys() - expected)
            if c.closed_why():
                closed.append(c.closed_why())
        lags = self.lags.pop(phase, [])
        return {
            "lat": lat, "same": same,
            "missing": missing, "dups": dups, "extra": extra, "sockets_missing": sockets_missing,
            "worst_socket_missing": worst, "resyncs": self.resyncs.pop(phase, 0),
            "closed": len(closed), "closed_why": collections.Counter(closed).most_common(3),
            "lag_p99": p(lags, 99), "lag_max": max(lags, default=float("nan")),
            "cpu": ru.ru_utime + ru.ru_stime - self.cpu0, "wall": time.monotonic() - self.wall0,
            "types": dict(self.types), "odd": self.odd[:3],
        }

    # The stalled socket ------------------------------------------------------------------------------

    async def cmd_stall(self, spec):
        """Opens a stalled socket (replacing, and dropping, the previous one): it subscribes to
        #general after the last message seen, then nothing reads it again. The library stops
        reading the socket once one frame waits (max_queue 1), and reading is paused right away
        as well, so the kernel buffers fill. Returns its local port."""
        if self.stalled is not None and self.stalled.ws is not None:
            self.stalled.ws.transport.abort()
        c = Client(*spec)
        self.stalled = c
        await self.open(c, [(self.channel, self.max_seq)], stalled=True)
        c.ws.transport.pause_reading()
        self.stalled_opened += 1
        return c.ws.transport.get_extra_info("sockname")[1]

    async def cmd_stall_report(self, drain_seconds):
        """Reads what the last stalled socket holds, until it is quiet for a second or closed
        (at most drain_seconds): how many messages and resyncs, and whether the server closed it."""
        c = self.stalled
        c.ws.transport.resume_reading()
        messages = resyncs = 0
        deadline = time.monotonic() + drain_seconds
        try:
            while time.monotonic() < deadline:
                raw = await asyncio.wait_for(c.ws.recv(), min(1.0, max(0.01, deadline - time.monotonic())))
                msg = self.handle(c, raw, time.monotonic_ns(), record=False)
                if isinstance(msg, dict):
                    messages += msg.get("type") == "message"
                    resyncs += msg.get("type") == "resync"
        except asyncio.TimeoutError:
            pass
        except Exception:  # noqa: BLE001 - the server closed it: reported below
            pass
        return {"messages": messages, "resyncs": resyncs, "closed": c.closed_why(), "opened": self.stalled_opened}

    async def cmd_close(self):
        if self.stalled is not None and self.stalled.ws is not None:
            self.stalled.ws.transport.abort()
        try:
            await asyncio.wait_for(asyncio.gather(*(c.ws.close() for c in self.clients), return_exceptions=True), 20)
        except asyncio.TimeoutError:
            pass  # the process ends anyway, and the kernel closes what is left
        return None

    async def serve(self, conn):
        loop = asyncio.get_running_loop()
        probe = asyncio.create_task(self.lag_probe())
        while True:
            try:
                cmd, args = await loop.run_in_executor(None, conn.recv)
            except (EOFError, OSError):
                break
            try:
                reply = ("ok", await getattr(self, f"cmd_{cmd}")(*args))
            except Exception:  # noqa: BLE001 - sent to the main process
                reply = ("error", traceback.format_exc())
            conn.send(reply)
            if cmd == "close":
                break
        probe.cancel()


def worker_main(conn, idx):
    raise_open_files_limit()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process ends the run
    try:
        asyncio.run(Worker(idx).serve(conn))
    except (asyncio.TimeoutError, asyncio.CancelledError):
        pass


class WorkerHandle:
    def __init__(self, ctx, idx):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, idx), daemon=True)
        self.proc.start()
        child.close()
        self.idx = idx

    def send(self, cmd, *args):
        self.conn.send((cmd, args))

    def reply(self, timeout):
        if not self.conn.poll(timeout):
            raise RuntimeError(f"client process {self.idx} did not answer within {timeout} s")
        status, value = self.conn.recv()
        if status != "ok":
            raise RuntimeError(f"client process {self.idx} failed:\n{value}")
        return value

    def call(self, cmd, *args, timeout=60):
        self.send(cmd, *args)
        return self.reply(timeout)

    def stop(self):
        self.conn.close()  # a worker still waiting for a command sees the end and returns
        self.proc.join(timeout=10)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(timeout=5)


def call_all(workers, cmd, *args, timeout=60):
    for w in workers:
        w.send(cmd, *args)
    return [w.reply(timeout) for w in workers]


class StallMonitor:
    """Keeps one stalled socket open on instance 1 through a phase, from the main process: every
    0.5 s it samples the server's side of the socket in /proc/net/tcp (how much the server's
    kernel holds for it), and when the server has closed it, has worker 0 open a new one. Without
    a worker it only reads /proc/net/tcp as often (a few ms of CPU each time with 2,000 sockets),
    so that phase 1 bears the same cost."""

    def __init__(self, worker=None, spec=None, server_port=0):
        self.worker, self.spec, self.server_port = worker, spec, server_port
        self.client_port = None
        self.opened_at = None
        self.lifetimes = []        # seconds from open to being found closed by the server
        self.samples = self.queued = self.max_queue = 0
        self.error = None
        self.stop_event = threading.Event()
        self.thread = None

    def open(self):
        self.client_port = self.worker.call("stall", self.spec)
        self.opened_at = time.monotonic()

    def run(self):
        while not self.stop_event.wait(0.5):
            s = tcp_socket(self.server_port, self.client_port or 0)
            if self.worker is None:
                continue
            if s is None or s[0] != TCP_ESTABLISHED:
                self.lifetimes.append(time.monotonic() - self.opened_at)
                try:
                    self.open()
                except Exception as e:  # noqa: BLE001 - reported at the end
                    self.error = e
                    return
                continue
            self.samples += 1
            self.queued += s[1] > 0
            self.max_queue = max(self.max_queue, s[1])

    def start(self):
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def stop(self):
        self.stop_event.set()
        self.thread.join(timeout=90)


# Phases ---------------------------------------------------------------------------------------------------


def run_phase(workers, phase, a, accounts, ports, channel, monitor=None):
    """Sends for a.seconds (a.warmup for phase 0), with the stall monitor running if given, waits
    a.grace seconds, collects every worker's deliveries. Returns (sends, merged results)."""
    seconds = a.warmup if phase == 0 else a.seconds
    call_all(workers, "phase", phase)
    if monitor:
        monitor.start()
    try:
        sends = run_senders(phase, seconds, a.rate, accounts, ports, str(channel))
    finally:
        if monitor:
            monitor.stop()
    time.sleep(a.grace)
    parts = call_all(workers, "collect", phase, sends["ok"], sends["sent"], timeout=120)
    r = {"lat": [], "same": []}
    for part in parts:
        r["lat"] += part["lat"]
        r["same"] += part["same"]
    for key in ["missing", "dups", "extra", "sockets_missing", "resyncs", "closed"]:
        r[key] = sum(part[key] for part in parts)
    r["worst_socket_missing"] = max(part["worst_socket_missing"] for part in parts)
    r["closed_why"] = sum((collections.Counter(dict(part["closed_why"])) for part in parts), collections.Counter())
    r["lag_p99"] = max(part["lag_p99"] for part in parts)
    r["lag_max"] = max(part["lag_max"] for part in parts)
    r["cpu_share"] = max(part["cpu"] / part["wall"] for part in parts if part["wall"] > 0)
    r["types"] = sum((collections.Counter(part["types"]) for part in parts), collections.Counter())
    r["odd"] = [o for part in parts for o in part["odd"]][:3]
    r["same_lat"] = [x for x, s in zip(r["lat"], r["same"]) if s]
    r["cross_lat"] = [x for x, s in zip(r["lat"], r["same"]) if not s]
    return sends, r


def describe(phase_name, sends, r, clients):
    expected = len(sends["ok"]) * clients
    print(f"{phase_name}: {len(sends['ok'])}/{sends['attempted']} messages accepted "
          f"({', '.join(f'{k}: {v}' for k, v in sorted(sends['statuses'].items(), key=str))}), "
          f"{len(r['lat']):,}/{expected:,} deliveries; p50 {p(r['lat'], 50):.1f} ms, p99 {p(r['lat'], 99):.1f} ms; "
          f"missing {r['missing']} (on {r['sockets_missing']} sockets), duplicates {r['dups']}, "
          f"{'unexpected ' + str(r['extra']) + ', ' if r['extra'] else ''}"
          f"resyncs {r['resyncs']}, sockets closed {r['closed']}; client loop lag p99 {r['lag_p99']:.1f} ms "
          f"(max {r['lag_max']:.1f}), client CPU <= {r['cpu_share']:.0%}; sends late by up to "
          f"{max(sends['late_ms'], default=0):.0f} ms")
    if sends["errors"]:
        print(f"  send errors, first: {sends['errors'][:2]}")
    if r["closed_why"]:
        print(f"  sockets closed: {dict(r['closed_why'])}")


# Main -------------------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--clients", type=int, default=1000, help="measured sockets, half on each instance")
    ap.add_argument("--members", type=int, default=50, help="members holding the measured sockets")
    ap.add_argument("--senders", type=int, default=10)
    ap.add_argument("--rate", type=float, default=1.0, help="messages per second per sender")
    ap.add_argument("--seconds", type=float, default=30, help="length of each measured phase")
    ap.add_argument("--warmup", type=float, default=3, help="seconds of traffic before phase 1, not reported")
    ap.add_argument("--grace", type=float, default=2, help="seconds after the last send before counting deliveries")
    ap.add_argument("--ports", default="3100,3101", help="the two instances' loopback ports")
    ap.add_argument("--workers", type=int, default=min(8, max(2, os.cpu_count() or 2)), help="client processes")
    ap.add_argument("--message-limit", type=int, default=20, help="the server's messages per member per window")
    ap.add_argument("--message-window", type=float, default=30, help="that window, in seconds")
    ap.add_argument("--accounts-per-sender", type=int, help="default: the fewest that keep each under the limit")
    ap.add_argument("--keep-logs", action="store_true", help="keep the servers' logs (their folder is printed)")
    a = ap.parse_args()
    ports = [int(x) for x in a.ports.split(",")]
    if len(ports) != 2 or ports[0] == ports[1]:
        sys.exit("--ports takes two different ports")
    if a.accounts_per_sender is None:
        # At most limit - 1 messages per member in a window (the windows are fixed, so a member's
        # share of one is rate x window / accounts, give or take one).
        a.accounts_per_sender = max(1, math.ceil(a.rate * a.message_window / max(1, a.message_limit - 1)))
    if a.senders * a.accounts_per_sender > a.members:
        sys.exit(f"{a.senders} senders x {a.accounts_per_sender} accounts need more than --members {a.members}")

    nofile = raise_open_files_limit()
    if nofile < a.clients + 200:
        print(f"note: open files limit {nofile} is low for {a.clients} sockets")
    binary = os.path.abspath(a.binary)
    logdir = tempfile.mkdtemp(prefix="kindred-bench-chat-")
    env = {"DATABASE_URL": a.database_url, "KINDRED_LOGIN_LIMIT_PER_IP": "1000000",
           "KINDRED_LOGIN_LIMIT_PER_ACCOUNT": "1000000"}
    inst = [Instance(binary, ports[0], env, logdir, "instance-1"), Instance(binary, ports[1], env, logdir, "instance-2")]
    workers = []
    ok = False
    try:
        # The first start applies the migrations; the instances start again after seeding.
        inst[0].start()
        inst[0].stop()
        with psycopg.connect(a.database_url, autocommit=True) as db:
            # Members 1..members hold the measured sockets (the first ones also send); the last
            # one, the community's owner, holds only the stalled socket.
            members, community, channel = seed(db, a.members + 1)
            print(f"seeded {len(members)} members, community {SLUG} ({community}) with everyone in it, "
                  f"#general ({channel})")
            for i in inst:
                i.start()
            print(f"two instances on {HOST}:{ports[0]} and {HOST}:{ports[1]} (logs in {logdir})")
            cookies = log_in_all(ports[0], [e for _, e in members])
            cookie_of = [cookies[e] for _, e in members]
            print(f"signed in {len(cookie_of)} members")

            # Socket i: member (i // 2) mod members, instance i mod 2, so every member has sockets
            # on both instances; client process (i // 2) mod workers, so each holds both kinds.
            ctx = multiprocessing.get_context("spawn")
            workers = [WorkerHandle(ctx, k) for k in range(a.workers)]
            specs = [[] for _ in workers]
            per_inst = [0, 0]
            for i in range(a.clients):
                specs[(i // 2) % len(workers)].append((i, ports[i % 2], i % 2, cookie_of[(i // 2) % a.members]))
                per_inst[i % 2] += 1
            time.sleep(1)
            rss_before = [i.rss_kib() for i in inst]
            t0 = time.monotonic()
            for w, spec in zip(workers, specs):
                w.send("connect", spec, str(channel), last_seq(db, channel))
            res = [w.reply(300) for w in workers]
            failed = sum(r["failed"] for r in res)
            if failed:
                sys.exit(f"{failed} of {a.clients} sockets did not connect and subscribe; first errors:\n  "
                         + "\n  ".join(e for r in res for e in r["errors"])
                         + "".join(f"\n--- {i.label} log ---\n{i.log_tail(15)}" for i in inst))
            connect_s = time.monotonic() - t0
            time.sleep(1)
            rss_after = [i.rss_kib() for i in inst]
            rss_per = [(b - f) / n if n else float("nan") for f, b, n in zip(rss_before, rss_after, per_inst)]
            print(f"{a.clients} sockets connected and subscribed in {connect_s:.1f} s "
                  f"({per_inst[0]} on instance 1, {per_inst[1]} on instance 2, {a.workers} client processes); "
                  f"server RSS {rss_before[0] / 1024:.1f} -> {rss_after[0] / 1024:.1f} MiB, "
                  f"{rss_before[1] / 1024:.1f} -> {rss_after[1] / 1024:.1f} MiB")

            accounts = [[cookie_of[k * a.accounts_per_sender + j] for j in range(a.accounts_per_sender)]
                        for k in range(a.senders)]
            print(f"{a.senders} senders x {a.rate:g} msg/s, each posting as {a.accounts_per_sender} member(s) in turn "
                  f"(server limit {a.message_limit} per {a.message_window:g} s per member)")

            sends0, r0 = run_phase(workers, 0, a, accounts, ports, channel)
            describe(f"warm-up ({a.warmup:g} s)", sends0, r0, a.clients)
            if not r0["lat"]:
                sys.exit("no bench message reached any socket during the warm-up; frame types seen: "
                         f"{dict(r0['types'])}; frames not understood: {r0['odd']}; send errors: {sends0['errors'][:3]}"
                         + "".join(f"\n--- {i.label} log ---\n{i.log_tail(15)}" for i in inst))

            sends1, r1 = run_phase(workers, 1, a, accounts, ports, channel, StallMonitor())
            describe(f"phase 1, no stalled client ({a.seconds:g} s)", sends1, r1, a.clients)

            monitor = StallMonitor(workers[0], (a.clients, ports[0], 0, cookie_of[a.members]), ports[0])
            monitor.open()
            sends2, r2 = run_phase(workers, 2, a, accounts, ports, channel, monitor)
            describe(f"phase 2, one stalled client ({a.seconds:g} s)", sends2, r2, a.clients)
            if monitor.error:
                print(f"WARNING: could not open a new stalled socket: {monitor.error}")
            st = workers[0].call("stall_report", 5)
            rss_end = [i.rss_kib() for i in inst]

            call_all(workers, "close", timeout=60)
        ok = True
    finally:
        for w in workers:
            w.stop()
        for i in inst:
            i.stop()
        if a.keep_logs or not ok:
            print(f"server logs kept in {logdir}")
        else:
            shutil.rmtree(logdir, ignore_errors=True)

    ratio = p(r2["lat"], 99) / p(r1["lat"], 99)
    lost1, lost2 = r1["missing"], r2["missing"]
    queued_share = monitor.queued / monitor.samples if monitor.samples else float("nan")
    lifetimes = monitor.lifetimes

    def line(label, figure):
        print(f"{label:<44}: {figure}")

    print()
    print(f"Kindred chat benchmark: {a.clients:,} WebSocket clients in one channel, {per_inst[0]} + {per_inst[1]} on two "
          f"instances; {a.senders} senders x {a.rate:g} msg/s; {a.seconds:g} s per phase; {a.members} members")
    print("-" * 100)
    print(f"chat latency p50 {p(r1['lat'], 50):.1f} ms, p99 {p(r1['lat'], 99):.1f} ms over {len(r1['lat']):,} deliveries "
          f"(target p99 <= 50 ms)")
    line("  posted to the socket's own instance", f"p50 {p(r1['same_lat'], 50):.1f} ms, p99 {p(r1['same_lat'], 99):.1f} ms")
    line("  posted to the other instance (NOTIFY)", f"p50 {p(r1['cross_lat'], 50):.1f} ms, p99 {p(r1['cross_lat'], 99):.1f} ms")
    line("  POST /api/chat/send", f"p50 {p(sends1['post_ms'], 50):.1f} ms, p99 {p(sends1['post_ms'], 99):.1f} ms")
    print(f"stalled client: others' p99 {p(r2['lat'], 99):.1f} ms = {ratio:.2f} x without "
          f"(p50 {p(r2['lat'], 50):.1f} ms; over {len(r2['lat']):,} deliveries)")
    line("  stalled sockets", f"{st['opened']} in turn; the server closed {len(lifetimes)} of them"
         + (f", {sum(lifetimes) / len(lifetimes):.1f} s after they opened on average" if lifetimes else ""))
    line("  data waiting in the server's send queue", f"{queued_share:.0%} of phase 2, up to {fmt_kib(monitor.max_queue)}")
    line("  the last stalled socket, drained", f"{st['messages']} messages, {st['resyncs']} resync(s)"
         + (f"; closed by the server ({st['closed']})" if st["closed"] else "; still open"))
    print(f"server RSS per connection: {rss_per[0]:.1f} KiB (instance 1), {rss_per[1]:.1f} KiB (instance 2)")
    line("  server RSS after the run", f"{rss_end[0] / 1024:.1f} MiB, {rss_end[1] / 1024:.1f} MiB")
    print(f"lost deliveries: {lost1 + lost2} (phase 1: {lost1}, phase 2: {lost2}); duplicates: {r1['dups'] + r2['dups']}; "
          f"resyncs: {r1['resyncs'] + r2['resyncs']}; measured sockets closed: {r2['closed']}")
    line("  client loop lag p99 (phase 1 / phase 2)", f"{r1['lag_p99']:.1f} / {r2['lag_p99']:.1f} ms "
         f"(max {max(r1['lag_max'], r2['lag_max']):.1f} ms); client CPU <= {max(r1['cpu_share'], r2['cpu_share']):.0%} "
         f"of a core per process")
    print(json.dumps({
        "clients": a.clients, "senders": a.senders, "rate": a.rate, "seconds": a.seconds,
        "p50_ms": round(p(r1["lat"], 50), 2), "p99_ms": round(p(r1["lat"], 99), 2),
        "same_p99_ms": round(p(r1["same_lat"], 99), 2), "cross_p99_ms": round(p(r1["cross_lat"], 99), 2),
        "post_p99_ms": round(p(sends1["post_ms"], 99), 2),
        "stalled_p50_ms": round(p(r2["lat"], 50), 2), "stalled_p99_ms": round(p(r2["lat"], 99), 2),
        "stalled_p99_ratio": round(ratio, 3), "stalled_sockets": st["opened"], "stalled_closed": len(lifetimes),
        "stalled_queued_share": round(queued_share, 3), "stalled_max_queue": monitor.max_queue,
        "rss_per_conn_kib": [round(x, 1) for x in rss_per],
        "deliveries": [len(r1["lat"]), len(r2["lat"])], "lost": [lost1, lost2], "dups": [r1["dups"], r2["dups"]],
        "resyncs": [r1["resyncs"], r2["resyncs"]], "client_lag_p99_ms": [round(r1["lag_p99"], 2), round(r2["lag_p99"], 2)],
    }))


if __name__ == "__main__":
    main()

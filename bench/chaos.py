"""Chaos benchmark: writes and reads while PostgreSQL dies, and an overloaded instance.

Run through bench/chaos.sh (it builds the release). Three runs, each against a fresh data folder:

1. embedded: Kindred runs its own private PostgreSQL; in the middle of a mixed load (writers
   posting, readers opening /latest) the postmaster is killed (SIGKILL, a crash). Kindred's
   watchdog starts it again.
2. external: PostgreSQL runs on its own (`kindred db`, as with DATABASE_URL); in the middle of the
   same load it is stopped and started again (a restart, as an operator or a failover does).
3. overload: the peak rate of /latest with closed-loop clients, then open-loop load at half and twice
   that rate: accepted requests' p50 / p99 and how many were shed (503).

For 1 and 2 it prints: writes answered with success, and of those lost afterwards (target 0);
seconds from the fault until the first successful write; answers by status (target: no 500).
"""

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from foundation import HOST, PORT, server_env, stop, wait_for_200  # noqa: E402

PASSWORD = "a long bench password for chaos"


def request(method, path, form=None, cookie=None, timeout=30):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    headers = {"Accept": "application/json", "Origin": f"http://{HOST}:{PORT}"}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookie:
        headers["Cookie"] = cookie
    t0 = time.perf_counter()
    try:
        conn.request(method, path, body, headers)
        res = conn.getresponse()
        data = res.read()
        cookie_out = None
        for name, value in res.getheaders():
            if name.lower() == "set-cookie" and "kindred_session=" in value:
                cookie_out = value.split(";", 1)[0]
        return res.status, data, cookie_out, time.perf_counter() - t0
    except OSError:
        return 0, b"", None, time.perf_counter() - t0
    finally:
        conn.close()


def sign_up(name):
    status, body, cookie, _ = request(
        "POST",
        "/api/auth/signup",
        {"email": f"{name}@example.org", "username": name, "display_name": name, "password": PASSWORD},
    )
    if status != 200 or not cookie:
        raise RuntimeError(f"sign-up failed: {status} {body[:200]!r}")
    return cookie


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def mixed_load(cookies, seconds, fault_at, fault):
    """Writers post (each member at most 29 times: the hourly limit is 30), readers open /latest.
    Calls fault() at fault_at seconds. Returns (answers, fault_time)."""
    answers = []
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds
    fault_time = [None]

    def writer(index):
        members = cookies[index::4]
        counts = [0] * len(members)
        n = 0
        while time.perf_counter() < deadline:
            m = n % len(members)
            n += 1
            if counts[m] >= 29:
                if all(c >= 29 for c in counts):
                    break
                continue
            body = f"chaos write {index}-{n}"
            status, data, _, took = request("POST", "/api/feed/post/create", {"body": body, "visibility": "public", "chakra": "auto"}, members[m])
            if status == 200:
                counts[m] += 1
            with lock:
                answers.append(("write", status, time.perf_counter() - start, took, data.decode(errors="replace").strip('"')))
            if status != 200:
                time.sleep(0.05)

    def reader():
        while time.perf_counter() < deadline:
            status, _, _, took = request("GET", "/api/feed/page?feed=everyone")
            with lock:
                answers.append(("read", status, time.perf_counter() - start, took, None))
            if status != 200:
                time.sleep(0.05)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)] + [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(fault_at)
    fault_time[0] = time.perf_counter() - start
    fault()
    for t in threads:
        t.join()
    return answers, fault_time[0]


def report(label, answers, fault_time, cookie):
    writes = [a for a in answers if a[0] == "write"]
    ok = [a for a in writes if a[1] == 200]
    lost = 0
    for a in ok:
        status, _, _, _ = request("GET", f"/api/feed/post?id={a[4]}", cookie=cookie)
        if status != 200:
            lost += 1
    after = [a[2] for a in ok if a[2] > fault_time]
    first = (min(after) - fault_time) if after else float("nan")
    by_status = {}
    for a in answers:
        by_status[a[1]] = by_status.get(a[1], 0) + 1
    print(f"{label}: writes answered with success: {len(ok)}; lost afterwards: {lost} (target 0)")
    print(f"{label}: first successful write {first:.2f} s after the fault")
    print(f"{label}: answers by status: {dict(sorted(by_status.items()))} (0 = connection refused)")
    return {"ok_writes": len(ok), "lost": lost, "first_success_s": round(first, 2), "statuses": by_status}


def start_kindred(binary, env):
    proc = subprocess.Popen([binary], env=server_env(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_200("/healthz", time.perf_counter() + 120)
    return proc


def writers(n, prefix):
    return [sign_up(f"{prefix}{i}") for i in range(n)]


def embedded_run(binary, seconds):
    data = tempfile.mkdtemp(prefix="kindred-chaos-")
    os.chmod(data, 0o755)
    env = {"KINDRED_DATA_DIR": data, "KINDRED_SIGNUP_LIMIT_PER_IP": "100000", "KINDRED_DB_WAIT_MS": "1000"}
    proc = start_kindred(binary, env)
    try:
        cookies = writers(40, "emb")

        def crash():
            with open(os.path.join(data, "pg", "postmaster.pid")) as f:
                os.kill(int(f.readline().strip()), signal.SIGKILL)

        answers, at = mixed_load(cookies, seconds, seconds / 3, crash)
        time.sleep(1)
        return report("embedded, postmaster killed", answers, at, cookies[0])
    finally:
        stop(proc)


def external_run(binary, seconds):
    data = tempfile.mkdtemp(prefix="kindred-chaos-ext-")
    os.chmod(data, 0o755)
    db_env = dict(os.environ, KINDRED_DATA_DIR=data)

    def start_db():
        p = subprocess.Popen([binary, "db"], env=db_env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in p.stdout:
            if line.startswith("DATABASE_URL="):
                return p, line.strip().split("=", 1)[1]
        raise RuntimeError("kindred db printed no URL")

    db, url = start_db()
    env = {"DATABASE_URL": url, "KINDRED_SIGNUP_LIMIT_PER_IP": "100000", "KINDRED_DB_WAIT_MS": "1000"}
    proc = start_kindred(binary, env)
    holder = {"db": db}
    try:
        cookies = writers(40, "ext")

        def restart():
            holder["db"].send_signal(signal.SIGTERM)
            holder["db"].wait(timeout=60)
            holder["db"], _ = start_db()

        answers, at = mixed_load(cookies, seconds, seconds / 3, restart)
        time.sleep(1)
        return report("external, restarted", answers, at, cookies[0])
    finally:
        stop(proc)
        holder["db"].send_signal(signal.SIGTERM)
        holder["db"].wait(timeout=60)


def closed_loop(path, seconds, threads):
    count = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def run():
        while time.perf_counter() < deadline:
            status, _, _, _ = request("GET", path)
            if status == 200:
                with lock:
                    count[0] += 1

    ts = [threading.Thread(target=run) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return count[0] / seconds


def open_loop(path, rate, seconds, threads):
    """Sends requests at a fixed rate (the schedule does not wait for answers)."""
    latencies, shed, failed = [], [0], [0]
    lock = threading.Lock()
    start = time.perf_counter()
    total = int(rate * seconds)
    next_index = [0]

    def run():
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= total:
                return
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            status, _, _, _ = request("GET", path, timeout=60)
            # Latency counted from when the request was due, so queueing in the client counts too.
            took = time.perf_counter() - due
            with lock:
                if status == 200:
                    latencies.append(took)
                elif status == 503:
                    shed[0] += 1
                else:
                    failed[0] += 1

    ts = [threading.Thread(target=run) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return latencies, shed[0], failed[0]


def overload_run(binary, seconds, limit):
    data = tempfile.mkdtemp(prefix="kindred-chaos-load-")
    os.chmod(data, 0o755)
    env = {"KINDRED_DATA_DIR": data, "KINDRED_MAX_IN_FLIGHT": str(limit), "KINDRED_SIGNUP_LIMIT_PER_IP": "100000"}
    proc = start_kindred(binary, env)
    try:
        cookie = sign_up("loadwriter")
        for i in range(25):
            request("POST", "/api/feed/post/create", {"body": f"A post to read {i}", "visibility": "public", "chakra": "auto"}, cookie)
        path = "/latest"
        peak = closed_loop(path, seconds, 8)
        print(f"overload: /latest peak {peak:.0f} req/s (8 closed-loop clients); in-flight limit {limit}")
        out = {"peak": round(peak, 1), "limit": limit}
        # Half of peak (the server keeps up) and twice peak (it cannot). The client may hold three
        # times the in-flight limit open at once, so at twice peak the server sees more requests
        # than its limit and must shed rather than queue without bound.
        for factor in (0.5, 2):
            lat, shed, failed = open_loop(path, peak * factor, seconds, threads=max(64, 3 * limit))
            sent = len(lat) + shed + failed
            p50, p99 = pct(lat, 50) * 1000, pct(lat, 99) * 1000
            print(
                f"overload: {factor}x peak ({peak * factor:.0f} req/s offered): accepted {len(lat)} of {sent}, "
                f"p50 {p50:.1f} ms, p99 {p99:.1f} ms; shed (503) {shed}; other failures {failed}"
            )
            out[f"x{factor:g}"] = {"accepted": len(lat), "shed": shed, "failed": failed, "p50_ms": round(p50, 1), "p99_ms": round(p99, 1)}
        return out
    finally:
        stop(proc)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--limit", type=int, default=int(os.environ.get("KINDRED_MAX_IN_FLIGHT", "128")))
    parser.add_argument("--only", choices=["embedded", "external", "overload"], help="run one part")
    a = parser.parse_args()
    parts = {
        "embedded": lambda: embedded_run(a.binary, a.seconds),
        "external": lambda: external_run(a.binary, a.seconds),
        "overload": lambda: overload_run(a.binary, a.seconds / 1.5, a.limit),
    }
    results = {name: run() for name, run in parts.items() if a.only in (None, name)}
    print(json.dumps(results))


if __name__ == "__main__":
    main()

"""Foundation benchmarks: cold start, idle memory, login throughput, WASM size.

Run through bench/run.sh (it builds the release first). Every figure that has a target is also
given as a ratio against a baseline measured in the same run, because these machines are noisy.
"""

import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse

import argon2
import brotli

HOST = "127.0.0.1"
PORT = 3100


def wait_for_200(path, deadline):
    """Polls until the server answers 200 on path; returns the time it did."""
    while time.perf_counter() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=1)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.002)
    raise RuntimeError(f"no 200 on {path}")


def server_env(extra):
    env = dict(os.environ)
    env.update(
        {
            "LEPTOS_OUTPUT_NAME": "kindred",
            "LEPTOS_SITE_ROOT": "target/site",
            "LEPTOS_SITE_PKG_DIR": "pkg",
            "LEPTOS_SITE_ADDR": f"{HOST}:{PORT}",
            "LEPTOS_ENV": "PROD",
            "KINDRED_DEMO_DATA": "false",
            "RUST_LOG": "warn",
        }
    )
    env.update(extra)
    return env


def start_server(binary, extra):
    t0 = time.perf_counter()
    proc = subprocess.Popen([binary], env=server_env(extra), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t_health = wait_for_200("/healthz", t0 + 60)
    t_page = wait_for_200("/", t0 + 60)
    return proc, (t_health - t0) * 1000, (t_page - t0) * 1000


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def post(path, form, cookie=None):
    body = urllib.parse.urlencode(form)
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Origin": f"http://{HOST}:{PORT}",
    }
    if cookie:
        headers["Cookie"] = cookie
    conn.request("POST", path, body, headers)
    res = conn.getresponse()
    res.read()
    return res.status


def login_throughput(seconds, threads):
    email, password = "bench@example.org", "a long bench password"
    status = post(
        "/api/auth/signup",
        {"email": email, "username": "bench", "display_name": "Bench", "password": password},
    )
    assert status < 400, status
    ok = [0] * threads
    stop_at = time.perf_counter() + seconds

    def worker(i):
        while time.perf_counter() < stop_at:
            if post("/api/auth/login", {"email": email, "password": password}) < 400:
                ok[i] += 1

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(ok) / (time.perf_counter() - t0)


def page_assets(path):
    """The WASM and JS files the HTML of `path` tells the browser to load (main bundle, glue and
    the preloaded split chunks of that page), as paths under target/site."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    conn.request("GET", path)
    html = conn.getresponse().read().decode()
    files = []
    for tag in re.findall(r"<link\b[^>]*>", html):
        href = re.search(r'href="(/pkg/[^"]+\.(?:wasm|js))"', tag)
        if href and re.search(r'rel="(?:preload|modulepreload)"', tag) and href.group(1) not in files:
            files.append(href.group(1))
    return files


def sizes_kb(paths):
    """Raw, gzip -9 and brotli q11 sizes, each file compressed on its own (as it is served)."""
    raw = gz = br = 0
    for p in paths:
        data = open(os.path.join("target/site", p.lstrip("/")), "rb").read()
        raw += len(data)
        gz += len(gzip.compress(data, 9))
        br += len(brotli.compress(data, quality=11))
    return raw / 1024, gz / 1024, br / 1024


def raw_argon2_rate(seconds, threads):
    """argon2id verifications per second with Kindred's parameters, no web stack around them."""
    hasher = argon2.PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    h = hasher.hash("a long bench password")
    done = [0] * threads
    stop_at = time.perf_counter() + seconds

    def worker(i):
        while time.perf_counter() < stop_at:
            hasher.verify(h, "a long bench password")
            done[i] += 1

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(done) / (time.perf_counter() - t0)


def pg_start_ms(binary, data_dir):
    """Time for the private PostgreSQL alone to start on an initialised folder (via `kindred db`)."""
    env = dict(os.environ, KINDRED_DATA_DIR=data_dir, RUST_LOG="warn")
    t0 = time.perf_counter()
    proc = subprocess.Popen([binary, "db"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    ms = (time.perf_counter() - t0) * 1000
    return proc, ms, line.strip().split("=", 1)[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--login-seconds", type=float, default=10)
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    results = {}

    tmp = tempfile.mkdtemp(prefix="kindred-bench-")
    os.chmod(tmp, 0o755)
    data = os.path.join(tmp, "data")
    try:
        # Initialise the data folder once (initdb), then stop it.
        proc, _, _ = pg_start_ms(binary, data)
        stop(proc)

        # 1. Cold start with the embedded database: server + PostgreSQL start from stopped.
        embedded = []
        for _ in range(args.runs):
            proc, health, page = start_server(binary, {"KINDRED_DATA_DIR": data})
            embedded.append((health, page))
            stop(proc)
        # 2. PostgreSQL alone, and the server alone against an already running database.
        pg_alone, server_alone = [], []
        for _ in range(args.runs):
            db, ms, url = pg_start_ms(binary, data)
            pg_alone.append(ms)
            proc, health, page = start_server(binary, {"DATABASE_URL": url})
            server_alone.append((health, page))
            stop(proc)
            stop(db)
        results["cold_start_embedded_ms"] = statistics.median(p for _, p in embedded)
        results["cold_start_embedded_health_ms"] = statistics.median(h for h, _ in embedded)
        results["postgres_start_ms"] = statistics.median(pg_alone)
        results["cold_start_server_ms"] = statistics.median(p for _, p in server_alone)
        results["cold_start_server_health_ms"] = statistics.median(h for h, _ in server_alone)

        # 3. Idle memory and login throughput on one running server.
        db, _, url = pg_start_ms(binary, data)
        proc, _, _ = start_server(
            binary,
            {"DATABASE_URL": url, "KINDRED_LOGIN_LIMIT_PER_IP": "1000000", "KINDRED_LOGIN_LIMIT_PER_ACCOUNT": "1000000"},
        )
        for path in ["/", "/login", "/signup", "/members", "/sw.js"] * 10:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=5)
            conn.request("GET", path)
            conn.getresponse().read()
        time.sleep(2)
        results["idle_rss_mb"] = rss_mb(proc.pid)
        # What the first route loads: pages are lazy routes split into chunks (cargo leptos
        # --split), so count every WASM file the HTML of `/` preloads, not just kindred.wasm.
        first_route = page_assets("/")

        threads = 4
        results["logins_per_s"] = login_throughput(args.login_seconds, threads)
        results["raw_argon2_verify_per_s"] = raw_argon2_rate(args.login_seconds / 2, 2)
        stop(proc)
        stop(db)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # 4. WASM size (wasm-release profile: opt-level z, LTO, 1 codegen unit, wasm-opt, --split).
    first_wasm = [p for p in first_route if p.endswith(".wasm")]
    first_js = [p for p in first_route if p.endswith(".js")]
    # kindred.js imports the split loader statically, so the first route loads it too.
    if os.path.exists("target/site/pkg/__wasm_split.______________________.js"):
        first_js.append("/pkg/__wasm_split.______________________.js")
    assert "/pkg/kindred.wasm" in first_wasm, first_route
    results["first_route_wasm_files"] = len(first_wasm)
    results["wasm_raw_kb"], results["wasm_gzip_kb"], results["wasm_brotli_kb"] = sizes_kb(first_wasm)
    results["js_glue_brotli_kb"] = sizes_kb(sorted(set(first_js)))[2]
    all_wasm = ["/pkg/" + f for f in os.listdir("target/site/pkg") if f.endswith(".wasm")]
    results["all_wasm_files"] = len(all_wasm)
    results["all_wasm_brotli_kb"] = sizes_kb(all_wasm)[2]
    # Any other page: the main bundle plus the chunks of its area's split function, as listed in
    # the manifest the server reads for its preload links.
    manifest_path = "target/site/pkg/__wasm_split_manifest.json"
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {}
    for key, chunks in sorted(manifest.items()):
        area = key.split("_pages_")[0]
        wasm = ["/pkg/kindred.wasm"] + ["/pkg/" + c + ".wasm" for c in chunks]
        results[f"page_{area}_wasm_files"] = len(wasm)
        results[f"page_{area}_wasm_brotli_kb"] = sizes_kb(wasm)[2]

    r = results
    print()
    print("Kindred foundation benchmarks (median of %d runs where repeated)" % args.runs)
    print("-" * 72)
    print(f"cold start, embedded PostgreSQL, to first page 200 : {r['cold_start_embedded_ms']:8.1f} ms (target <= 300)")
    print(f"  of which PostgreSQL alone starting               : {r['postgres_start_ms']:8.1f} ms")
    print(f"cold start, running database, to first page 200   : {r['cold_start_server_ms']:8.1f} ms"
          f" (/healthz {r['cold_start_server_health_ms']:.1f} ms)")
    print(f"  ratio embedded / server-only                     : {r['cold_start_embedded_ms'] / r['cold_start_server_ms']:8.2f}")
    print(f"idle RSS of the server after 50 requests           : {r['idle_rss_mb']:8.1f} MB (target <= 60)")
    print(f"logins per second (argon2id m=19MiB t=2 p=1)       : {r['logins_per_s']:8.1f} /s")
    print(f"  raw argon2id verifications, 2 threads, no server : {r['raw_argon2_verify_per_s']:8.1f} /s")
    print(f"  ratio logins / raw verifications                 : {r['logins_per_s'] / r['raw_argon2_verify_per_s']:8.2f}")
    print(f"first route WASM raw / gzip / brotli               : {r['wasm_raw_kb']:.0f} / {r['wasm_gzip_kb']:.0f} / "
          f"{r['wasm_brotli_kb']:.0f} kB (target brotli <= 250)")
    print(f"  WASM files the first route loads                 : {r['first_route_wasm_files']:8d}")
    print(f"JS glue (with the split loader), brotli            : {r['js_glue_brotli_kb']:8.1f} kB")
    for key in sorted(k for k in r if k.startswith("page_") and k.endswith("_wasm_files")):
        area = key[len("page_"):-len("_wasm_files")]
        print(f"{'a page of ' + area + ', WASM files / brotli':<51}: {r[key]:8d} / "
              f"{r[f'page_{area}_wasm_brotli_kb']:.0f} kB")
    print(f"all WASM files of the app / brotli, summed         : {r['all_wasm_files']:8d} / {r['all_wasm_brotli_kb']:.0f} kB")
    print(json.dumps({k: round(v, 2) for k, v in r.items()}))


if __name__ == "__main__":
    main()

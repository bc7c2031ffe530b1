#!/usr/bin/env python3
"""The measurements of bench/serve.sh (run it, not this): `cica-kg serve` and `oxigraph
serve-read-only`, each on a free port of 127.0.0.1 over the same quads, answer the `summits`
query; wrk POSTs it at 1, 8 and 32 concurrent clients, in ROUNDS interleaved rounds; then each
server, started again with a 2 s time limit, gets a runaway query, and the CPU time its
processes use in the WATCH seconds from 1 s after the limit is read from /proc. Writes the section of
BENCHMARKS.md between <!-- serve:begin --> and <!-- serve:end -->.

    python bench/serve.py OUT CICA_KG OXIGRAPH BENCHMARKS.md
    python bench/serve.py attacks OUT CICA_KG BENCHMARKS.md   (bench/serve_attacks.py)
"""

import json
import os
import platform
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(__file__))
from machine import shown  # noqa: E402

QUERY = "queries/summits.rq"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CLIENTS = (1, 8, 32)
DURATION = int(os.environ.get("DURATION", "10"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
MAX_REQUESTS = int(os.environ.get("MAX_REQUESTS", "200000"))
WATCH = 10
TICKS = os.sysconf("SC_CLK_TCK")
BEGIN, END = "<!-- serve:begin -->", "<!-- serve:end -->"
STARTED = []  # every server started, stopped at the end whatever happens


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process on 127.0.0.1, its standard error in a log file."""

    def __init__(self, name, argv, path, log):
        self.name, self.path = name, path
        self.port = free_port()
        argv = [a.replace("PORT", str(self.port)) for a in argv]
        self.argv = argv
        self.log = open(log, "w")
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=self.log)
        STARTED.append(self)
        deadline = time.time() + 120
        while True:
            if self.process.poll() is not None:
                sys.exit(f"{name} stopped: see {log}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    sys.exit(f"{name} does not listen after 120 s")
                time.sleep(0.05)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}{self.path}"

    def stop(self):
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def post(url, query, timeout=60):
    request = urllib.request.Request(
        url, data=query.encode(), method="POST",
        headers={"Content-Type": "application/sparql-query",
                 "Accept": "application/sparql-results+json"})
    started = time.time()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(), time.time() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), time.time() - started


def rows(text):
    answer = json.loads(text)
    names = answer["head"]["vars"]
    return [[b.get(n, {}).get("value", "") for n in names] for b in answer["results"]["bindings"]]


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, clients, duration, out):
    """One wrk run: requests/s, p50 and p99 in ms, requests, errors."""
    threads = min(clients, os.cpu_count() or 1)
    env = dict(os.environ, QUERY_FILE=QUERY, MAX_REQUESTS=str(MAX_REQUESTS // threads))
    argv = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{duration}s", "--timeout", "30s",
            "--latency", "-s", "bench/serve.lua", url]
    text = subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout
    with open(out, "a") as log:
        log.write(" ".join(argv) + "\n" + text + "\n")
    latency = {p: to_ms(v, u) for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    errors += sum(int(n) for n in re.findall(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)[0]) \
        if "Socket errors" in text else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": latency["50"], "p99": latency["99"],
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "errors": errors,
    }


def stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def tree_ticks(root):
    """CPU ticks of a process, its reaped children and its live descendants."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (fields := stat(name)):
            parents[int(name)] = int(fields[1])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        fields = stat(pid)
        if fields and fields[0] != "Z":
            total += sum(int(x) for x in fields[11:15])
        todo.extend(p for p, parent in parents.items() if parent == pid)
    return total


def runaway(server, limit):
    """Sends the runaway query; its answer (if any within WATCH + 5 s), and the CPU seconds the
    server's processes use in the WATCH seconds that start 1 s after the time limit."""
    import threading
    answer = {}

    def ask():
        try:
            answer["status"], body, answer["seconds"] = post(server.url, RUNAWAY, timeout=WATCH + 5)
        except (TimeoutError, urllib.error.URLError, OSError):
            answer["status"], answer["seconds"] = "none", None

    asking = threading.Thread(target=ask)
    sent = time.time()
    asking.start()
    time.sleep(max(0.0, sent + limit + 1 - time.time()))
    before = tree_ticks(server.process.pid)
    time.sleep(WATCH)
    after = tree_ticks(server.process.pid)
    asking.join()
    return {"status": answer["status"], "seconds": answer["seconds"], "cpu": (after - before) / TICKS}


def measure(out, cica, oxigraph):
    servers = {
        "cica-kg": [cica, "serve", "--bind", "127.0.0.1:PORT"],
        "Oxigraph": [oxigraph, "serve-read-only", "--location", f"{out}/oxigraph", "--bind",
                     "127.0.0.1:PORT", "--union-default-graph"],
    }
    paths = {"cica-kg": "/sparql", "Oxigraph": "/query"}
    limits = {"cica-kg": ["--timeout", "2"], "Oxigraph": ["--timeout-s", "2"]}
    # Oxigraph without --timeout-s: with it, it starts a thread per query to watch the time,
    # and under load that thread sometimes cannot start (500, "Resource temporarily unavailable").
    running = {n: Server(n, argv + (["--timeout", "10"] if n == "cica-kg" else []),
                         paths[n], f"{out}/{n}.log") for n, argv in servers.items()}
    query = open(QUERY).read()
    answers = {n: rows(post(s.url, query)[1]) for n, s in running.items()}
    assert answers["cica-kg"] == answers["Oxigraph"] and len(answers["cica-kg"]) == 6, answers
    for server in running.values():
        wrk(server.url, 8, 2, f"{out}/warmup.log")
    runs = {(n, c): [] for n in servers for c in CLIENTS}
    load_before = open("/proc/loadavg").read().split()[:3]
    for round_ in range(ROUNDS):
        order = list(running) if round_ % 2 == 0 else list(reversed(running))
        for clients in CLIENTS:
            for name in order:
                result = wrk(running[name].url, clients, DURATION, f"{out}/wrk.log")
                assert result["errors"] == 0, (name, clients, result)
                runs[(name, clients)].append(result)
                print(f"round {round_ + 1} {name:<8} {clients:>2} clients: {result['rps']:.0f} req/s, "
                      f"p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms", flush=True)
    load_after = open("/proc/loadavg").read().split()[:3]
    for server in running.values():
        server.stop()
    stopped = {}
    for name, argv in servers.items():
        server = Server(name, argv + limits[name], paths[name], f"{out}/{name}-runaway.log")
        stopped[name] = runaway(server, 2)
        server.stop()
        print(f"runaway {name}: {stopped[name]}", flush=True)
    return answers["cica-kg"], runs, stopped, (load_before, load_after)


def median_run(results):
    ordered = sorted(results, key=lambda r: r["rps"])
    return ordered[len(ordered) // 2]


def version(argv):
    done = subprocess.run(argv, capture_output=True, text=True)
    return (done.stdout or done.stderr).strip().splitlines()[0]


def section(answer, runs, stopped, loads, cica, oxigraph):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    lines = [BEGIN, "## `cica-kg serve` against `oxigraph serve-read-only`", "",
             f"Written by `bench/serve.sh`; do not edit by hand. Run {now} UTC on commit {commit}.", "",
             f"Both servers hold the same quads (`cica-kg export --graph all`, the facts, provenance and ontology graphs) "
             f"and query their union; each answers the `summits` query ({QUERY}), POSTed as `application/sparql-query` "
             f"with `Accept: application/sparql-results+json`, by wrk on the same machine (127.0.0.1). Each cell is the "
             f"median of {ROUNDS} runs of {DURATION} s (at most {MAX_REQUESTS} requests per run), the servers taking turns; "
             f"every answer was a 200. `cica-kg serve` runs with its defaults ({os.cpu_count() + 1} query workers, one per core and one more, at most {os.cpu_count()} queries per client, "
             f"and a 10 s time limit); Oxigraph with `--union-default-graph` and no time limit (with `--timeout-s`, it "
             f"starts a thread per query to watch the time, and under load some of those threads cannot start: it then "
             f"answers 500 \"Resource temporarily unavailable\", which would count as fast answers).", "",
             "| Clients | cica-kg req/s | Oxigraph req/s | cica-kg / Oxigraph | cica-kg p50 | Oxigraph p50 | cica-kg p99 | Oxigraph p99 |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    ratios = {}
    for clients in CLIENTS:
        c, o = median_run(runs[("cica-kg", clients)]), median_run(runs[("Oxigraph", clients)])
        ratios[clients] = c["rps"] / o["rps"]
        lines.append(f"| {clients} | **{c['rps']:,.0f}** | {o['rps']:,.0f} | **{ratios[clients]:.2f}** | "
                     f"{c['p50']:.2f} ms | {o['p50']:.2f} ms | {c['p99']:.2f} ms | {o['p99']:.2f} ms |")
    lines += ["", "Target (issue 12): at least 1.0× Oxigraph's throughput at 8 and 32 clients: " + "; ".join(
        f"{c} clients **{ratios[c]:.2f}** ({'met' if ratios[c] >= 1.0 else 'not met'})" for c in (8, 32)) + ".", "",
        "Requests per second in each run: " + "; ".join(
            f"{n} at {c}: " + ", ".join(f"{r['rps']:,.0f}" for r in runs[(n, c)])
            for c in CLIENTS for n in ("cica-kg", "Oxigraph")) + ".", "",
        f"Load average (1, 5, 15 min) before: {' '.join(loads[0])}; after: {' '.join(loads[1])}. "
        "The load generator shares the cores with the server it measures.", "",
        "### A runaway query", "",
        f"`{RUNAWAY}` (about 10^13 rows) sent to each server started with a 2 s time limit "
        "(`cica-kg serve --timeout 2`, `oxigraph serve-read-only --timeout-s 2`); the CPU time of the server's "
        f"processes (and of their worker processes) is read from /proc 1 s after the limit and {WATCH} s later.", "",
        f"| Server | Answer | Answered after | CPU used from 3 s to {3 + WATCH} s after the query was sent |",
        "|---|---|---:|---:|"]
    for name, r in stopped.items():
        status = f"HTTP {r['status']}" if r["status"] != "none" else f"none within {WATCH + 5} s"
        after = f"{r['seconds']:.2f} s" if r["seconds"] is not None else "—"
        lines.append(f"| {name} | {status} | {after} | **{r['cpu']:.2f} s** |")
    lines += ["", "cica-kg evaluates each query in a worker process and kills it at the limit, so the query "
              "stops using the CPU at once; a new worker takes its place.", "",
              "### The same answer", "", "Before timing, both servers' JSON answers were parsed and compared:", "",
              "| " + " | ".join(["ordinal", "summit", "city", "country", "date", "end"]) + " |",
              "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in answer]
    lines += ["", "### Commands", "", "```sh", "bench/serve.sh   # DURATION=10 ROUNDS=3 MAX_REQUESTS=200000",
              f"{shown(cica)} export --graph all --format nquads --output bench/out/serve/graph.nq",
              f"{oxigraph} load --location bench/out/serve/oxigraph --file bench/out/serve/graph.nq",
              f"{shown(cica)} serve --bind 127.0.0.1:PORT --timeout 10",
              f"{oxigraph} serve-read-only --location bench/out/serve/oxigraph --bind 127.0.0.1:PORT "
              "--union-default-graph",
              "# the runaway query: the same, with --timeout 2 and --timeout-s 2",
              "QUERY_FILE=queries/summits.rq MAX_REQUESTS=N wrk -tT -cC -d10s --timeout 30s --latency "
              "-s bench/serve.lua http://127.0.0.1:PORT/sparql   # /query for Oxigraph; T = min(C, cores)",
              "```", "",
              f"Versions: {version([cica, '--version'])}; {version([oxigraph, '--version'])}; "
              f"{version(['wrk', '-v'])}. Machine: {os.cpu_count()} logical CPUs, "
              f"{platform.system()} {platform.release()}.", END]
    return "\n".join(lines) + "\n", ratios


def write(report, text, begin=BEGIN, end_marker=END):
    """Puts `text` in place of the section between `begin` and `end_marker` of `report` (or
    after it, the first time)."""
    old = open(report).read() if os.path.exists(report) else "# Benchmarks\n"
    if begin in old and end_marker in old:
        start, end = old.index(begin), old.index(end_marker) + len(end_marker)
        new = old[:start] + text.rstrip("\n") + old[end:]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    with open(report, "w") as f:
        f.write(new)


def attacks(out, cica, report):
    """`python bench/serve.py attacks OUT CICA_KG BENCHMARKS.md`: see bench/serve_attacks.py."""
    import serve_attacks
    global BEGIN, END
    try:
        results = serve_attacks.measure(out, Server, cica)
    finally:
        for server in STARTED:
            server.stop()
    BEGIN, END = serve_attacks.BEGIN, serve_attacks.END
    write(report, serve_attacks.section(results, cica))
    for name, (latencies, failures) in results.items():
        print(f"{name}: median {sorted(latencies)[len(latencies) // 2]:.1f} ms, {failures} failed")


def main():
    if sys.argv[1] == "attacks":
        attacks(*sys.argv[2:5])
        return
    out, cica, oxigraph, report = sys.argv[1:5]
    try:
        answer, runs, stopped, loads = measure(out, cica, oxigraph)
    finally:
        for server in STARTED:
            server.stop()
    text, ratios = section(answer, runs, stopped, loads, cica, oxigraph)
    write(report, text)
    print(" ".join(f"{c} clients: cica-kg / Oxigraph = {r:.2f}" for c, r in ratios.items()))


if __name__ == "__main__":
    main()

"""The `attacks` mode of bench/serve.py (run `bench/serve.sh attacks`): the latency of `ASK {}`
from one client (127.0.0.1) while `cica-kg serve`, with its defaults, is attacked (issue 17):

- idle: no attack, for reference;
- slowloris: 256 connections from 127.0.0.2 that each send a request line, then a header byte
  every second (a closed one is opened again);
- two runaway clients, disconnecting: 127.0.0.2 and 127.0.0.3 each send a runaway query and
  hang up after 0.3 s, again and again (`curl --max-time 0.3` in a loop);
- two runaway clients, waiting: the same two each send a runaway query and wait for its answer
  (503 at the time limit), again and again.

Each attack lasts DURATION seconds (10); the ASK is sent every 50 ms on a new connection, with a
30 s timeout. Bounded in count (256 connections) and time; 127.0.0.1 only (the other clients
are loopback addresses too). Writes the section of BENCHMARKS.md between
<!-- serve-attacks:begin --> and <!-- serve-attacks:end -->.
"""

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(__file__))
from machine import shown  # noqa: E402

BEGIN, END = "<!-- serve-attacks:begin -->", "<!-- serve-attacks:end -->"
DURATION = int(os.environ.get("DURATION", "10"))
SLOWLORIS = 256
RUNAWAY = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c LIMIT 1"


def request(query):
    q = urllib.parse.quote(query)
    return (f"GET /sparql?query={q} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Accept: application/sparql-results+json\r\nConnection: close\r\n\r\n").encode()


def connect(port, source="127.0.0.1", timeout=30):
    s = socket.socket()
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s


def ask(port):
    """Seconds to the whole answer of ASK {}, and whether it was a 200."""
    started = time.perf_counter()
    try:
        with connect(port) as s:
            s.sendall(request("ASK {}"))
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        return time.perf_counter() - started, data.startswith(b"HTTP/1.1 200")
    except OSError:
        return time.perf_counter() - started, False


def slowloris(port, stop):
    conns = []
    while not stop.is_set():
        while len(conns) < SLOWLORIS and not stop.is_set():
            try:
                s = connect(port, "127.0.0.2", timeout=1)
                s.sendall(b"GET / HTTP/1.1\r\nX-Drip: ")
                conns.append(s)
            except OSError:
                time.sleep(0.01)
        stop.wait(1)
        alive = []
        for s in conns:
            try:
                s.sendall(b"x")
                alive.append(s)
            except OSError:
                s.close()
        conns = alive
    for s in conns:
        s.close()


def runaway(port, source, hang_up, stop):
    while not stop.is_set():
        try:
            with connect(port, source, timeout=30) as s:
                s.sendall(request(RUNAWAY))
                if hang_up:
                    stop.wait(0.3)
                else:
                    while s.recv(65536):
                        pass
        except OSError:
            stop.wait(0.05)


def under(port, attackers):
    """ASK latencies (ms) and failures during DURATION seconds of the attack."""
    stop = threading.Event()
    threads = [threading.Thread(target=a, args=(port, *args, stop)) for a, *args in attackers]
    for t in threads:
        t.start()
    time.sleep(1.5 if attackers else 0)  # the attack is in place
    latencies, failures = [], 0
    end = time.time() + DURATION
    while time.time() < end:
        seconds, ok = ask(port)
        latencies.append(seconds * 1000)
        failures += not ok
        time.sleep(0.05)
    stop.set()
    for t in threads:
        t.join()
    time.sleep(1)
    return latencies, failures


def measure(out, server_class, cica):
    server = server_class("cica-kg", [cica, "serve", "--bind", "127.0.0.1:PORT", "--timeout", "10"],
                          "/sparql", f"{out}/cica-kg-attacks.log")
    try:
        return {
            "idle": under(server.port, []),
            f"slowloris ({SLOWLORIS} connections)": under(server.port, [(slowloris,)]),
            "two runaway clients, hanging up after 0.3 s": under(
                server.port, [(runaway, "127.0.0.2", True), (runaway, "127.0.0.3", True)]),
            "two runaway clients, waiting for the 503": under(
                server.port, [(runaway, "127.0.0.2", False), (runaway, "127.0.0.3", False)]),
        }
    finally:
        server.stop()


def section(results, cica):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    lines = [BEGIN, "## `cica-kg serve` under attack: `ASK {}` latency", "",
             f"Written by `bench/serve.sh attacks`; do not edit by hand. Run {now} UTC on commit {commit}, "
             f"{os.cpu_count()} logical CPUs, `cica-kg serve` with its defaults and `--timeout 10`. One client "
             "(127.0.0.1) sends `ASK {}` every 50 ms on a new connection while the attack runs "
             f"({DURATION} s each; see `bench/serve_attacks.py`). Issue 17's target: a median under 100 ms "
             "in every attack.", "",
             "| attack | ASKs | failed | median ms | p95 ms | max ms |", "|---|---:|---:|---:|---:|---:|"]
    for name, (latencies, failures) in results.items():
        ordered = sorted(latencies)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        lines.append(f"| {name} | {len(ordered)} | {failures} | {statistics.median(ordered):.1f} | "
                     f"{p95:.1f} | {ordered[-1]:.1f} |")
    lines += ["", "```sh", "bench/serve.sh attacks   # DURATION=10",
              f"{shown(cica)} serve --bind 127.0.0.1:PORT --timeout 10", "```", END]
    return "\n".join(lines) + "\n"

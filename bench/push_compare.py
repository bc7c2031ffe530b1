"""The timing half of bench/push.sh (which builds cica-kg, generates the data set and writes
the N-Triples of each graph first): pushes the data set into a new, empty Oxigraph server
with `cica-kg push`, and the same triples with `curl -T` of each graph's N-Triples file (one
PUT per graph), alternating which goes first, each on a store of its own; checks that every
store then holds the same number of triples per graph; and writes the section of
BENCHMARKS.md between <!-- push:begin --> and <!-- push:end --> (nothing else in the file
changes).

Usage: python bench/push_compare.py OUT_DIR RUNS BENCHMARKS.md
"""

import json
import os
import random
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone

from machine import git_revision, load_average, machine, output_of, release_dir, release_profile


OUT_DIR, RUNS, REPORT = sys.argv[1], int(sys.argv[2]), sys.argv[3]
CICA = f"{release_dir()}/cica-kg"
OXIGRAPH = ".venv/bin/oxigraph"
GRAPHS = ["facts", "provenance"]
BASE = "https://w3id.org/cica-kg/graph/"
TARGET = 1.2
BEGIN, END = "<!-- push:begin -->", "<!-- push:end -->"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A new Oxigraph server on an empty store, on 127.0.0.1."""

    def __init__(self, name):
        self.dir = os.path.join(OUT_DIR, f"store-{name}")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(OUT_DIR, f"server-{name}.log"), "w")
        self.process = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", self.dir, "--bind", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=self.log,
        )
        deadline = time.time() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    sys.exit(f"the Oxigraph server does not start: see {self.log.name}")
                time.sleep(0.1)

    def count(self, graph):
        query = f"SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH <{BASE}{graph}> {{ ?s ?p ?o }} }}"
        request = urllib.request.Request(
            f"{self.url}/query",
            data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request) as response:
            answer = json.load(response)
        return int(answer["results"]["bindings"][0]["c"]["value"])

    def stop(self):
        self.process.terminate()
        self.process.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def timed(argv):
    """Wall time (s) and CPU time (s) of a process, and its standard output."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    out, err = process.stdout.read(), process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, out


def push_command(url):
    return [CICA, "--data", f"{OUT_DIR}/data", "push", "--gsp", f"{url}/store",
            "--query-url", f"{url}/query"]


def curl_command(url, graph):
    target = f"{url}/store?graph={urllib.parse.quote(BASE + graph, safe='')}"
    return ["curl", "-sS", "-f", "-o", "/dev/null", "-H", "Content-Type: application/n-triples",
            "-T", f"{OUT_DIR}/{graph}.nt", target]


def run_push(n, expected):
    server = Server(f"push-{n}")
    try:
        wall, cpu, out = timed(push_command(server.url))
        upload = float(re.search(r"\) in ([0-9.]+) s;", out).group(1))
        counted = float(re.search(r"counted in ([0-9.]+) s", out).group(1))
        check(server, expected, "cica-kg push")
    finally:
        server.stop()
    return {"wall": wall, "cpu": cpu, "upload": upload, "verify": counted}


def run_curl(n, expected):
    server = Server(f"curl-{n}")
    try:
        wall = cpu = 0.0
        for graph in GRAPHS:
            w, c, _ = timed(curl_command(server.url, graph))
            wall, cpu = wall + w, cpu + c
        check(server, expected, "curl -T")
    finally:
        server.stop()
    return {"wall": wall, "cpu": cpu}


def check(server, expected, what):
    for graph, count in expected.items():
        stored = server.count(graph)
        if stored != count:
            sys.exit(f"after {what}, the store holds {stored} triples in {graph}, not {count}")


def median(samples, key):
    return statistics.median(s[key] for s in samples)


def spread(samples, key):
    values = [s[key] for s in samples]
    return f"{min(values):.1f} – {max(values):.1f} s"


def main():
    expected = {}
    for graph in GRAPHS:
        with open(f"{OUT_DIR}/{graph}.nt", "rb") as f:
            expected[graph] = sum(1 for _ in f)
    sizes = {g: os.path.getsize(f"{OUT_DIR}/{g}.nt") for g in GRAPHS}
    with open(f"{OUT_DIR}/export-times.json") as f:
        export_times = json.load(f)
    with open(f"{OUT_DIR}/statements.txt") as f:
        statements = int(f.read())
    load_before, started = load_average(), datetime.now(timezone.utc)
    pushes, curls = [], []
    for n in range(RUNS):
        order = [("push", run_push, pushes), ("curl", run_curl, curls)]
        random.shuffle(order)
        for name, run, samples in order:
            samples.append(run(n, expected))
            print(f"run {n + 1}/{RUNS} {name}: {samples[-1]}", flush=True)
    elapsed = (datetime.now(timezone.utc) - started).total_seconds()
    load_after = load_average()

    upload, curl = median(pushes, "upload"), median(curls, "wall")
    whole = median(pushes, "wall")
    export_total = sum(export_times.values())
    ratio_upload, ratio_whole = upload / curl, whole / curl
    ratio_workflow = whole / (export_total + curl)
    total = sum(expected.values())
    out = [BEGIN, "## Push to the Oxigraph server", ""]
    w = out.append
    w(f"Written by `bench/push.sh`; do not edit by hand. Run {started:%Y-%m-%d %H:%M} UTC on "
      f"commit {git_revision()}.")
    w("")
    w(f"A generated data set of {statements:,} statements (`bench/push_data.py`: "
      f"{total:,} triples, facts {expected['facts']:,} and provenance {expected['provenance']:,}; "
      f"N-Triples {sizes['facts'] / 1e6:.1f} MB and {sizes['provenance'] / 1e6:.1f} MB) pushed into "
      "a new, empty Oxigraph server (PyPI `oxigraph`, `serve` on 127.0.0.1) by `cica-kg push "
      "--gsp` (a PUT then POSTs of 100,000 triples per graph, then a count per graph), side by "
      "side with `curl -T` of each graph's N-Triples file (one PUT per graph). Each of the "
      f"{RUNS} runs starts a store of its own for each; the order alternates at random. After "
      "each, the store's count of each graph is checked against the N-Triples.")
    w("")
    w("| | Median | Min – max | CPU (user+sys), median |")
    w("|---|---:|---:|---:|")
    w(f"| `cica-kg push`, upload (its report: first request to last answer) | **{upload:.1f} s** | "
      f"{spread(pushes, 'upload')} | — |")
    w(f"| `curl -T`, both graphs | **{curl:.1f} s** | {spread(curls, 'wall')} | "
      f"{median(curls, 'cpu'):.1f} s |")
    w(f"| `cica-kg push`, whole command (load the facts, upload, count) | {whole:.1f} s | "
      f"{spread(pushes, 'wall')} | {median(pushes, 'cpu'):.1f} s |")
    w(f"| of which the counts (`--query-url`) | {median(pushes, 'verify'):.1f} s | "
      f"{spread(pushes, 'verify')} | — |")
    w(f"| `cica-kg export -f ntriples --graph G` for both graphs (once, before the runs) | "
      f"{export_total:.1f} s | — | — |")
    w("")
    met = ratio_upload <= TARGET
    w(f"Target (issue 11): pushing takes at most {TARGET}x the time of `curl -T`: upload / curl = "
      f"**{ratio_upload:.2f}** ({'met' if met else 'MISSED'}). The whole command, which also reads "
      f"and checks the facts and builds the graph that curl is handed ready-made, takes "
      f"{ratio_whole:.2f}x curl's time, and {ratio_workflow:.2f}x the manual workflow it replaces "
      "(export each graph's N-Triples, then `curl -T` each).")
    w("")
    w(f"Wall time of the runs: {elapsed:.0f} s. Load average (1, 5, 15 min) before: {load_before}; "
      f"after: {load_after}. Wall times suffer when other work shares the machine. The Oxigraph "
      "server commits each request as one transaction; push sends at most 100,000 triples a "
      "request, curl each graph whole.")
    w("")
    w("```sh")
    w(f"bench/push_data.py {OUT_DIR}/data {statements}")
    w(shlex.join(push_command("http://127.0.0.1:PORT")))
    for graph in GRAPHS:
        w(shlex.join(curl_command("http://127.0.0.1:PORT", graph)))
    w("```")
    w("")
    w(f"Re-run with `bench/push.sh` (environment: `STATEMENTS`, default 100000; `RUNS`, default 3). "
      f"Machine: {machine()['CPU']}, {machine()['Cores']}, {machine()['Memory']}; "
      f"{output_of([CICA, '--version'])} ({release_profile()}); "
      f"{output_of([OXIGRAPH, '--version'])}; {output_of(['curl', '--version']).splitlines()[0]}.")
    w(END)
    write_section("\n".join(out))
    print(f"upload / curl = {ratio_upload:.2f} ({'met' if met else 'MISSED'}: target <= {TARGET}); "
          f"whole / curl = {ratio_whole:.2f}; wrote {REPORT}")


def write_section(section):
    try:
        with open(REPORT, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        text = "# Benchmarks\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(REPORT, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()

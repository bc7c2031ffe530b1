#!/usr/bin/env python3
"""`cica-kg serve` at scale (issue 21, item 14): with the 1,000 fictional articles of
bench/sources.py (80 statements each, about 80,000 in all, with the shipped data), how long
the release `cica-kg serve` takes to answer its first request, how much memory the server and
its query workers hold (VmRSS from /proc, summed), and the size and render time of its pages:
home, the CICA's entity page, a summit's page, an article's page, `/query?name=summits` and a
search. Side by side, `oxigraph serve-read-only` (PyPI `oxigraph`, as bench/serve.sh runs it)
on the same quads: its time to first answer and its memory.

Targets: home under 200 KB, every page under 1 MB and rendered within 100 ms; `serve` answers
within 5 s of starting and holds at most 1.5 GB (server + workers).

Writes the section of BENCHMARKS.md between `<!-- serve-scale:begin -->` and
`<!-- serve-scale:end -->`, nothing else.

Usage (from the repository's root, after `cargo build --release`):
    python3 bench/serve_scale.py [--runs N] [--sources 1000] [--statements 80]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(__file__))
from machine import git_revision, load_average, machine, release_dir  # noqa: E402
from serve import free_port, write  # noqa: E402
from serve_memory import children, rss  # noqa: E402
from sources import generate  # noqa: E402

OUT = "bench/out/serve-scale"
REPORT = "BENCHMARKS.md"
BEGIN, END = "<!-- serve-scale:begin -->", "<!-- serve-scale:end -->"
OXIGRAPH = ".venv/bin/oxigraph"
SUMMITS = open("queries/summits.rq", encoding="utf-8").read()
# Asked right after the first answer, while the server warms up.
WARMING = "/query?name=evidence"
TARGETS = {"home": 200_000, "page": 1_000_000, "ms": 100, "start": 5.0, "mib": 1536}


def pages(count):
    """The pages measured: (what, path)."""
    middle = count // 2
    return [
        ("home", "/"),
        ("the CICA's entity page", "/organization/cica"),
        ("a summit's page", f"/summit/b{middle}-3"),
        ("an article's page", f"/source/bench-{middle:04d}"),
        ("`/query?name=summits`", "/query?name=summits"),
        ("`/query?name=statements` (form fields empty)", "/query?name=statements"),
        ("a search (`summit`)", "/search?q=summit"),
    ]


def get(url, accept="text/html", timeout=120):
    """Status, body and seconds of one GET."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.perf_counter() - started


def sparql(port, timeout=120):
    query = urllib.parse.urlencode({"query": SUMMITS})
    return get(f"http://127.0.0.1:{port}/sparql?{query}",
               "application/sparql-results+json", timeout)


class Peak:
    """The peak of a process's VmRSS plus its children's, every 20 ms, in a thread."""

    def __init__(self, pid):
        self.pid, self.peak, self.done = pid, 0, False
        self.thread = threading.Thread(target=self.run)
        self.thread.start()

    def total(self):
        return rss(self.pid) + sum(rss(c) for c in children(self.pid))

    def run(self):
        while not self.done:
            self.peak = max(self.peak, self.total())
            time.sleep(0.02)

    def stop(self):
        self.done = True
        self.thread.join()
        return self.peak / (1 << 20)


def first_answer(argv, port, ask, log):
    """Starts argv; the seconds until `ask(port)` is first answered 200, and the process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=log)
    while True:
        if process.poll() is not None:
            sys.exit(f"{argv[0]} stopped: see {log.name}")
        try:
            status, _, _ = ask(port)
            if status == 200:
                return time.perf_counter() - started, process
        except (OSError, urllib.error.URLError):
            pass
        if time.perf_counter() - started > 300:
            sys.exit(f"{argv[0]} does not answer after 300 s")
        time.sleep(0.02)


def stop(process):
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def measure_cica(cica, data, count, runs):
    port = free_port()
    argv = [cica, "--data", data, "serve", "--bind", f"127.0.0.1:{port}"]
    with open(f"{OUT}/cica-kg.log", "w") as log:
        seconds, process = first_answer(
            argv, port, lambda p: get(f"http://127.0.0.1:{p}/"), log)
        cpu = cpu_seconds(process.pid)
        started = time.perf_counter() - seconds
        peak = Peak(process.pid)
        try:
            # A heavy page asked at once, while the server still reads what its pages keep.
            status, body, warming = get(f"http://127.0.0.1:{port}{WARMING}")
            if status != 200:
                sys.exit(f"{WARMING} answered {status}: {body[:300]!r}")
            # Time to the first SPARQL answer (from a worker), from the start too.
            first_answer_more(port)
            sparql_seconds = time.perf_counter() - started
            # The pages are measured once the server says they are ready (`pages ready`).
            until_ready(log.name)
            ready = time.perf_counter() - started
            rows = []
            for what, path in pages(count):
                status, body, first = get(f"http://127.0.0.1:{port}{path}")
                if status != 200:
                    sys.exit(f"{path} answered {status}: {body[:300]!r}")
                times = [get(f"http://127.0.0.1:{port}{path}")[2] for _ in range(runs)]
                rows.append((what, path, len(body), first, statistics.median(times)))
            settled = peak.total() / (1 << 20)
            server = rss(process.pid) / (1 << 20)
            workers = len(children(process.pid))
            full, all_workers = every_worker(process.pid, port, peak)
        finally:
            most = peak.stop()
            stop(process)
    return {"first": seconds, "cpu": cpu, "sparql": sparql_seconds, "ready": ready,
            "warming": warming, "pages": rows, "rss": settled,
            "server": server, "workers": workers, "peak": most, "full": full,
            "all_workers": all_workers}


def cpu_seconds(pid):
    """The CPU time (user + system) a process has used, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def every_worker(pid, port, peak):
    """Three queries at once (the default pool's size on 2 cores) start the other workers that
    --max-memory lets start; the memory once every worker is up and settled (the same RSS for
    2 s), and their number."""
    threads = [threading.Thread(target=sparql, args=(port,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    started, last, same_since = time.perf_counter(), 0, time.perf_counter()
    while time.perf_counter() - started < 180:
        total = peak.total()
        if abs(total - last) > (4 << 20):
            last, same_since = total, time.perf_counter()
        elif time.perf_counter() - same_since > 2:
            break
        time.sleep(0.1)
    return peak.total() / (1 << 20), len(children(pid))


def until_ready(log):
    """Waits until the server's log says its pages are ready (what they keep is read)."""
    started = time.perf_counter()
    while "pages ready" not in open(log, encoding="utf-8").read():
        if time.perf_counter() - started > 300:
            sys.exit(f"the server is not ready after 300 s: see {log}")
        time.sleep(0.05)


def first_answer_more(port):
    """Waits until the SPARQL endpoint answers the summits question (a worker's answer)."""
    started = time.perf_counter()
    while True:
        status, body, _ = sparql(port)
        if status == 200:
            return
        if time.perf_counter() - started > 300:
            sys.exit(f"/sparql does not answer: {status} {body[:300]!r}")
        time.sleep(0.02)


def measure_oxigraph(cica, data):
    """`oxigraph serve-read-only` on the same quads: seconds to its first answer, its RSS."""
    if not os.path.exists(OXIGRAPH):
        return None
    quads, store = f"{OUT}/graph.nq", f"{OUT}/oxigraph"
    subprocess.run([cica, "--data", data, "export", "--graph", "all", "--format", "nquads",
                    "--output", quads], check=True)
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    with open(f"{OUT}/oxigraph-load.log", "w") as log:
        subprocess.run([OXIGRAPH, "load", "--location", store, "--file", quads],
                       check=True, stderr=log)
    load = time.perf_counter() - started
    port = free_port()
    argv = [OXIGRAPH, "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}"]
    with open(f"{OUT}/oxigraph.log", "w") as log:
        seconds, process = first_answer(argv, port, lambda p: sparql(p, 120), log)
        try:
            memory = rss(process.pid) / (1 << 20)
        finally:
            stop(process)
    return {"load": load, "first": seconds, "rss": memory}


def statements(folder):
    count = 0
    for name in os.listdir(folder):
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                count += sum(1 for line in f if line.strip() == "[[statement]]")
    return count


def verdict(ok):
    return "met" if ok else "MISSED"


def section(cica, peer, count, per_source, total, runs):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    w = [BEGIN, "## Serve at scale", "",
         f"Written by `bench/serve_scale.py`; do not edit by hand. Run {now} on commit "
         f"{git_revision()}, release build, load average {load_average()} before the run.", ""]
    w += [f"- {k}: {v}" for k, v in machine().items()]
    w += ["", f"Data: {count:,} fictional articles of bench/sources.py ({per_source} statements "
          f"each) and the shipped data: {total:,} statements. `cica-kg --data DIR serve` with "
          "its defaults; time from starting the process to the first 200 answer of `/` (and "
          "of the `summits` question at `/sparql`, answered by a worker); memory is the "
          "VmRSS of the server plus its query workers from /proc once every page below was "
          "asked, then once three queries at once started the workers that `--max-memory` "
          "(1536MiB by default) lets start (workers start as queries need them, another only "
          "if the server and its workers with one more stay within the budget), and the peak "
          "sampled every 20 ms. Pages, asked once the server says they are ready: bytes of "
          f"HTML, the first render, and the median of {runs} more. Until then a page not yet "
          "kept is computed when asked, and a question's page waits for the first worker "
          "(loaded by the first SPARQL answer) or for the answer the server is computing for "
          "it.", "",
          "| | cica-kg serve | target |", "|---|---:|---|",
          f"| first answer (`/`) | {cica['first']:.2f} s (the server's CPU time until then: "
          f"{cica['cpu']:.2f} s) | ≤ {TARGETS['start']:.0f} s: "
          f"{verdict(cica['first'] <= TARGETS['start'])} |",
          f"| first SPARQL answer (a worker) | {cica['sparql']:.2f} s | |",
          f"| pages ready (`pages ready` in the log: home, lists, key entity pages, search index, first page of "
          f"each question, read) | {cica['ready']:.2f} s | |",
          f"| `{WARMING}` asked right after the first answer, before the pages are ready | "
          f"{cica['warming'] * 1000:,.0f} ms | |",
          f"| memory once the pages were asked, server + {cica['workers']} worker(s) | "
          f"{cica['rss']:.0f} MiB (server {cica['server']:.0f} MiB) | ≤ 1.5 GB: "
          f"{verdict(cica['rss'] <= TARGETS['mib'])} |",
          f"| memory after 3 queries at once | {cica['full']:.0f} MiB, "
          f"{cica['all_workers']} workers (peak {cica['peak']:.0f} MiB) | ≤ 1.5 GB: "
          f"{verdict(max(cica['full'], cica['peak']) <= TARGETS['mib'])} |", "",
          "| page | path | HTML | first render | median | target |",
          "|---|---|---:|---:|---:|---|"]
    for what, path, size, first, median in cica["pages"]:
        limit = TARGETS["home"] if path == "/" else TARGETS["page"]
        # Every render counts, the first too (a page may keep what it computed once).
        ok = size <= limit and max(first, median) * 1000 <= TARGETS["ms"]
        said = verdict(ok)
        if not ok and size <= limit and median * 1000 <= TARGETS["ms"]:
            said = "MISSED on the first render, met after"
        w.append(f"| {what} | `{path}` | {size / 1000:.1f} KB | {first * 1000:.0f} ms | "
                 f"{median * 1000:.1f} ms | < {limit // 1000:,} KB, ≤ {TARGETS['ms']} ms: "
                 f"{said} |")
    w.append("")
    if peer:
        w += ["Side by side, `oxigraph serve-read-only` on the same quads (`cica-kg export "
              "--graph all -f nquads`, loaded beforehand with `oxigraph load` in "
              f"{peer['load']:.1f} s): first answer of the `summits` question "
              f"{peer['first']:.2f} s after starting; {peer['rss']:.0f} MiB. It opens an "
              "on-disk store that is already built; `cica-kg serve` reads the facts files, "
              "checks every quote and builds its graph in memory at each start.", ""]
    else:
        w += [f"(`{OXIGRAPH}` is missing: run ./scripts/test.sh or bench/serve.sh once to "
              "install the peer.)", ""]
    w += ["Re-run: `cargo build --release && python3 bench/serve_scale.py` (options: "
          "`--runs N`, `--sources N`, `--statements N`). The generated data is in "
          f"`{OUT}/` (not committed).", END]
    return "\n".join(w) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--statements", type=int, default=80)
    args = parser.parse_args()
    cica = f"{release_dir()}/cica-kg"
    if not os.path.exists(cica):
        sys.exit(f"{cica} is missing: run cargo build --release first")
    os.makedirs(OUT, exist_ok=True)
    data = f"{OUT}/data"
    generate(data, args.sources, args.statements, False)
    total = statements(data)
    result = measure_cica(cica, data, args.sources, args.runs)
    peer = measure_oxigraph(cica, data)
    text = section(result, peer, args.sources, args.statements, total, args.runs)
    write(REPORT, text, BEGIN, END)
    print(text)


if __name__ == "__main__":
    main()

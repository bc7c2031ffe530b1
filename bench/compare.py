"""The timing half of bench/run.sh (which builds cica-kg, exports the graph and loads the
Oxigraph store first). Checks that the three commands give the same answer, times them as
cold processes, and writes BENCHMARKS.md.

Each run starts a new process (posix_spawn) and waits for it to exit (wait4): the time is
from process start to exit, and wait4 also gives the CPU time (user + system) the process
used. The rounds interleave the three commands in a shuffled order, so that whatever else
the machine is doing weighs on all three alike.

Usage: python bench/compare.py OUT_DIR RUNS WARMUP BENCHMARKS.md
"""

import io
import os
import re
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

from rdflib.query import Result

from machine import git_revision, load_average, machine, output_of, release_dir, release_profile, shown

OUT_DIR, RUNS, WARMUP, REPORT = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
QUERY = "queries/summits.rq"
EXPECTED_ROWS = 6
TARGET_MS = 5.0
TARGET_RATIO = 0.30

CICA = f"{release_dir()}/cica-kg"
OXIGRAPH = ".venv/bin/oxigraph"
PYTHON = ".venv/bin/python"

# name -> argv, run from the repository's root. The first is the one under test.
COMMANDS = {
    "cica-kg": [CICA, "query", "summits", "--format", "tsv"],
    "Oxigraph CLI": [
        OXIGRAPH, "query", "--location", f"{OUT_DIR}/oxigraph",
        "--query-file", QUERY, "--results-format", "tsv",
    ],
    "RDFLib": [PYTHON, "bench/rdflib_query.py", f"{OUT_DIR}/graph.ttl", QUERY],
}
BREAKDOWN = f"{release_dir()}/examples/startup_breakdown"
BREAKDOWN_PROCESSES = 30
VERSION = [CICA, "--version"]
SETUP = [
    f"{CICA} export --format ntriples --output {OUT_DIR}/graph.nt",
    f"{CICA} export --format turtle --output {OUT_DIR}/graph.ttl",
    f"{OXIGRAPH} load --location {OUT_DIR}/oxigraph --file {OUT_DIR}/graph.nt",
]


def check_answers():
    """Runs each command once and checks that all give the same EXPECTED_ROWS rows, in order."""
    answers = {}
    for name, argv in COMMANDS.items():
        done = subprocess.run(argv, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{name} failed ({done.returncode}): {' '.join(argv)}\n{done.stderr}")
        result = Result.parse(io.StringIO(done.stdout), format="tsv")
        answers[name] = ([str(v) for v in result.vars], [tuple(row) for row in result])
    reference_name, reference = next(iter(answers.items()))
    if len(reference[1]) != EXPECTED_ROWS:
        sys.exit(f"{reference_name} answered {len(reference[1])} rows, not {EXPECTED_ROWS}")
    for name, answer in answers.items():
        if answer != reference:
            sys.exit(
                f"{name} and {reference_name} answer differently:\n"
                f"  {name}: {answer}\n  {reference_name}: {reference}"
            )
    return reference


def run_once(argv, devnull):
    """Wall time (ms) from spawning the process to its exit, and its CPU time (ms)."""
    start = time.perf_counter_ns()
    pid = os.posix_spawn(
        argv[0],
        argv,
        os.environ,
        file_actions=[
            (os.POSIX_SPAWN_DUP2, devnull, 1),
            (os.POSIX_SPAWN_DUP2, devnull, 2),
        ],
    )
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter_ns() - start) / 1e6
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed during timing")
    return wall, (usage.ru_utime + usage.ru_stime) * 1e3


def evict(path):
    """Drops the file's pages from the page cache, so that its next run reads it back as after
    a restart. How a program's file came into the cache changes its start-up: a binary just
    written by the linker (in small pieces) started 1.0-1.5 ms slower here than the same bytes
    copied with cp, or read back from disk; each program is evicted once before its warm-up
    runs, so that every one is measured as it would be after a restart, whoever wrote it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def measure():
    for argv in COMMANDS.values():
        evict(argv[0])
    samples = {name: {"wall": [], "cpu": []} for name in COMMANDS}
    order = list(COMMANDS)
    shuffle = random.Random(13)
    with open(os.devnull, "wb") as null:
        devnull = null.fileno()
        for round_number in range(WARMUP + RUNS):
            shuffle.shuffle(order)
            for name in order:
                wall, cpu = run_once(COMMANDS[name], devnull)
                if round_number >= WARMUP:
                    samples[name]["wall"].append(wall)
                    samples[name]["cpu"].append(cpu)
    return samples


def summary(values):
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"median": median, "q1": q1, "q3": q3, "min": min(values), "max": max(values)}


def breakdown():
    """Runs examples/startup_breakdown.rs in new processes; per phase (in order), the median of
    its microseconds. Also the median wall time of `cica-kg --version`: starting and ending a
    process of this binary, with no work."""
    phases = {}
    for _ in range(BREAKDOWN_PROCESSES):
        lines = subprocess.run([BREAKDOWN], capture_output=True, text=True, check=True).stdout
        for line in lines.splitlines():
            name, micros = line.rsplit("\t", 1)
            phases.setdefault(name, []).append(int(micros) / 1000)
    with open(os.devnull, "wb") as devnull:
        version = [run_once(VERSION, devnull.fileno())[0] for _ in range(BREAKDOWN_PROCESSES)]
    return {name: statistics.median(v) for name, v in phases.items()}, statistics.median(version)


def versions():
    import rdflib

    return {
        "rustc": output_of(["rustc", "--version"]),
        "cargo": output_of(["cargo", "--version"]),
        "cica-kg": output_of([CICA, "--version"]),
        "Oxigraph CLI (PyPI `oxigraph`)": output_of([OXIGRAPH, "--version"]),
        "Python": platform.python_version(),
        "RDFLib": rdflib.__version__,
    }


def ms(value):
    return f"{value:.1f} ms"


def main():
    rows = check_answers()[1]
    load_before = load_average()
    started = datetime.now(timezone.utc)
    samples = measure()
    elapsed = (datetime.now(timezone.utc) - started).total_seconds()
    load_after = load_average()
    stats = {name: summary(s["wall"]) for name, s in samples.items()}
    cpu = {name: statistics.median(s["cpu"]) for name, s in samples.items()}
    cica = stats["cica-kg"]["median"]
    oxigraph = stats["Oxigraph CLI"]["median"]
    rdflib_median = stats["RDFLib"]["median"]
    ratio_oxigraph = cica / oxigraph
    ratio_rdflib = cica / rdflib_median
    met_ratio = ratio_oxigraph <= TARGET_RATIO
    met_time = cica <= TARGET_MS

    out = []
    w = out.append
    w("# Benchmarks")
    w("")
    w("Written by `bench/run.sh`; do not edit by hand. "
      f"Run {started:%Y-%m-%d %H:%M} UTC on commit {git_revision()}.")
    w("")
    w("A cold `cica-kg query summits` (a new process: parse the embedded facts, check every quote "
      "against the article, parse the ontology's N-Triples (checked and converted from Turtle "
      "when the binary was built) and derive the schema, load the in-memory Oxigraph store with the "
      "triples the query can read, run the query, print TSV, exit) against the same query "
      "(`queries/summits.rq`) over the same triples by the Oxigraph CLI from PyPI (RocksDB store "
      "loaded once beforehand) and by RDFLib (a new Python process that parses the exported "
      "Turtle). Times are from process start to exit.")
    w("")
    w("| Command | Median | IQR (Q1 – Q3) | Min | Max | CPU (user+sys), median | cica-kg / this |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    for name, s in stats.items():
        ratio = "—" if name == "cica-kg" else f"{cica / s['median']:.2f}"
        w(f"| {name} | **{ms(s['median'])}** | {ms(s['q1'])} – {ms(s['q3'])} | {ms(s['min'])} "
          f"| {ms(s['max'])} | {ms(cpu[name])} | {ratio} |")
    w("")
    w("Targets, on medians (issue 19: the ordinary build, without the speed tricks that met issue 7's "
      "0.25 and 5 ms, at most 0.30 of the Oxigraph CLI's time):")
    w("")
    w(f"- cica-kg / Oxigraph CLI = **{ratio_oxigraph:.2f}** ({'met' if met_ratio else 'MISSED'}; "
      f"target ≤ {TARGET_RATIO:.2f}).")
    w(f"- For reference, issue 7's {TARGET_MS:.0f} ms: **{ms(cica)}** ({'met' if met_time else 'not met'}).")
    w(f"- For reference, cica-kg / RDFLib = **{ratio_rdflib:.3f}**.")
    w("")
    w(f"{RUNS} timed runs of each command after {WARMUP} warm-up runs of each, interleaved in "
      f"shuffled rounds ({elapsed:.0f} s in all); each program's file is dropped from the page "
      "cache before the warm-up, so that all are read back as after a restart (a binary just "
      "written by the linker started 1.0-1.5 ms slower than the same bytes read back). Load average (1, 5, 15 min) before: "
      f"{load_before}; after: {load_after}. Wall times suffer when other work shares the "
      "machine; the CPU column is less sensitive to that.")
    w("")
    phases, process = breakdown()
    w("## Where start-up time goes")
    w("")
    w(f"`{shown(BREAKDOWN)}` (built from `examples/startup_breakdown.rs`) does what `cica-kg query "
      "summits --format tsv` does, with the library's public functions, timing each phase of "
      f"one cold process; medians over {BREAKDOWN_PROCESSES} new processes. The store holds "
      "only the triples the query can read (`src/query/reach.rs`): for this query, no "
      "provenance and only the labels of the ontology. The last row is `cica-kg --version` "
      "timed as above: starting, parsing the arguments and ending the process, with no work.")
    w("")
    w("| Phase | Median |")
    w("|---|---:|")
    for name, value in phases.items():
        w(f"| {name} | {ms(value)} |")
    w(f"| **sum of the phases** | **{ms(sum(phases.values()))}** |")
    w(f"| process start and exit (`cica-kg --version`) | {ms(process)} |")
    w("")
    w("## The same answer")
    w("")
    w(f"Before timing, the script runs each command once, parses its TSV with RDFLib and asserts "
      f"that all three give the same {EXPECTED_ROWS} rows in the same order (cica-kg queries the "
      "union of its named graphs; the exported facts are loaded into Oxigraph's default graph and "
      "RDFLib's graph, and the facts graph alone answers this query):")
    w("")
    w("| ordinal | summit | city | country | date | end |")
    w("|---|---|---|---|---|---|")
    for row in rows:
        w("| " + " | ".join("" if t is None else str(t) for t in row) + " |")
    w("")
    w("## Commands")
    w("")
    w("From the repository's root. Set-up, once per run of the script:")
    w("")
    w("```sh")
    w("cargo build --release --locked")
    for line in SETUP:
        w(line)
    w("```")
    w("")
    w("Timed, each as a new process with standard output and error sent to /dev/null:")
    w("")
    w("```sh")
    for argv in COMMANDS.values():
        w(" ".join(shown(arg) for arg in argv))
    w("```")
    w("")
    w(f"Re-run with `bench/run.sh` (environment: `RUNS`, default 40; `WARMUP`, default 5). "
      "The operating system's file cache is warm (warm-up runs); every process is new.")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    for key, value in machine().items():
        w(f"| {key} | {value} |")
    for key, value in versions().items():
        w(f"| {key} | {value} |")
    w(f"| cica-kg build | `cargo build --release` ({release_profile()}) |")
    w("")
    # Keep every section the other bench scripts write (serve.sh and its attack and memory
    # modes, scale.sh, sources.py, push.sh, draft.py), each between its markers, in order.
    if os.path.exists(REPORT):
        with open(REPORT, encoding="utf-8") as f:
            old = f.read()
        for begin in re.finditer(r"<!-- ([a-z-]+):begin -->", old):
            end = f"<!-- {begin.group(1)}:end -->"
            if end in old[begin.start():]:
                out += [old[begin.start():old.index(end, begin.start()) + len(end)], ""]
    with open(REPORT, "w", encoding="utf-8") as f:
        f.write("\n".join(out))

    width = max(map(len, stats))
    for name, s in stats.items():
        print(f"{name:<{width}}  median {ms(s['median'])}  IQR {ms(s['q1'])} – {ms(s['q3'])}  "
              f"min {ms(s['min'])}  max {ms(s['max'])}  CPU {ms(cpu[name])}")
    print(f"cica-kg / Oxigraph CLI = {ratio_oxigraph:.2f} "
          f"({'met' if met_ratio else 'MISSED'}: target <= {TARGET_RATIO})")
    print(f"cica-kg median {ms(cica)} ({'met' if met_time else 'MISSED'}: target <= {TARGET_MS:.0f} ms)")
    print(f"cica-kg / RDFLib = {ratio_rdflib:.3f}")
    print(f"wrote {REPORT}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs the commands of bench/scale.sh and writes the section "100,000 statements" of
BENCHMARKS.md, between the markers <!-- scale:begin --> and <!-- scale:end --> (added at the
end of the file when it has none); the rest of the file is left as it is.

    scale.py OUT RUNS BENCHMARKS.md

Each command runs RUNS times, interleaved with the others (round after round), each time as a
new process; its wall time, CPU time (user + system) and peak resident memory (the maximum
resident set size the kernel reports for it, os.wait4) are recorded, and medians reported.
"""

import datetime
import os
import pathlib
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

from machine import release_dir

BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"


def measured(argv):
    """Runs argv as a new process (output discarded): (wall s, CPU s, peak resident KiB)."""
    start = time.monotonic()
    with open(os.devnull, "rb") as nothing, open(os.devnull, "wb") as null, tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(argv, stdin=nothing, stdout=null, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(argv)} failed ({process.returncode}):\n{errors.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def seconds(s):
    return f"{s:.2f} s"


def mib(kib):
    return f"{kib / 1024:.0f} MiB"


def machine():
    cpu = "unknown"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = pathlib.Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return f"{cpu}, {os.cpu_count()} logical CPUs, {int(memory) / 1024 / 1024:.1f} GiB, {platform.system()} {platform.release()}"


def main():
    out, runs, benchmarks = pathlib.Path(sys.argv[1]), int(sys.argv[2]), pathlib.Path(sys.argv[3])
    cica = f"{release_dir()}/cica-kg"
    python = ".venv/bin/python"
    a, b = out / "article-50mb", out / "statements-100k"
    nq, again = out / "statements-100k.nq", out / "pyoxigraph.nq"
    commands = {
        "validate (a)": [cica, "--data", str(a), "validate"],
        "export (b)": [cica, "--data", str(b), "export", "-f", "nquads", "--graph", "all", "-o", str(nq)],
        "validate (b)": [cica, "--data", str(b), "validate"],
        "pyoxigraph (b)": [python, "bench/pyoxigraph_roundtrip.py", str(nq), str(again)],
    }
    # The export first, once: pyoxigraph reads its output.
    measured(commands["export (b)"])
    quads = sum(1 for _ in open(nq, "rb"))
    load_before = os.getloadavg()
    results = {name: [] for name in commands}
    started = time.monotonic()
    for _ in range(runs):
        for name, argv in commands.items():
            results[name].append(measured(argv))
    elapsed = time.monotonic() - started
    load_after = os.getloadavg()
    # Same quads: pyoxigraph's output has the lines of cica-kg's (in its own order, and with
    # its own blank node labels: a parser renames blank nodes).
    blank = re.compile(rb"_:[A-Za-z0-9]+")
    lines_of = lambda path: sorted(blank.sub(b"_:b", line) for line in open(path, "rb"))
    same = lines_of(nq) == lines_of(again)

    median = {
        name: tuple(statistics.median(r[i] for r in rows) for i in range(2)) + (max(r[2] for r in rows),)
        for name, rows in results.items()
    }
    peer = median["pyoxigraph (b)"]
    lines = [
        BEGIN,
        "## 100,000 statements",
        "",
        f"Written by `bench/scale.sh`; do not edit by hand. Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on commit {git_commit()}.",
        "",
        "Two data sets made by `bench/generate.py` (valid facts, every quote once in its article):",
        f"(a) a 50 MB article with 2,080 statements; (b) 100,000 statements about {entities(b)} entities, one "
        f"{(b / 'article.txt').stat().st_size / 1e6:.1f} MB article, {quads:,} quads in all graphs. "
        "pyoxigraph (PyPI `pyoxigraph` 0.5.13, the Oxigraph library cica-kg is built on) loads cica-kg's N-Quads export "
        "of (b) into an in-memory store and serializes it to N-Quads again: "
        + ("the same quads (up to blank node labels)." if same else "**not the same quads** (check the export)."),
        "",
        f"Medians of {runs} runs of each command, interleaved; peak memory is the largest maximum resident set size of the runs.",
        "",
        "| Command | Wall | CPU (user+sys) | Peak memory | wall / pyoxigraph | CPU / pyoxigraph | memory / pyoxigraph |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (wall, cpu, rss) in median.items():
        ratios = "— | — | —" if name.startswith("pyoxigraph") or name.endswith("(a)") else (
            f"{wall / peer[0]:.2f} | {cpu / peer[1]:.2f} | {rss / peer[2]:.2f}"
        )
        lines.append(f"| {name} | {seconds(wall)} | {seconds(cpu)} | {mib(rss)} | {ratios} |")
    verdict = lambda ok: "met" if ok else "**not met**"
    lines += [
        "",
        "Targets (issue 8, part 6):",
        "",
        f"- (a) validates in at most 3 s: {seconds(median['validate (a)'][0])} wall ({verdict(median['validate (a)'][0] <= 3)}).",
    ]
    for name in ["export (b)", "validate (b)"]:
        wall, cpu, rss = median[name]
        lines.append(
            f"- {name}: at most 1.5x pyoxigraph's time and peak memory: wall {wall / peer[0]:.2f}x "
            f"({verdict(wall / peer[0] <= 1.5)}), CPU {cpu / peer[1]:.2f}x ({verdict(cpu / peer[1] <= 1.5)}), "
            f"memory {rss / peer[2]:.2f}x ({verdict(rss / peer[2] <= 1.5)})."
        )
    lines += [
        "",
        f"{runs * len(commands)} timed runs in {elapsed:.0f} s. Load average (1, 5, 15 min) before: "
        f"{' '.join(f'{x:.2f}' for x in load_before)}; after: {' '.join(f'{x:.2f}' for x in load_after)}. "
        "Wall times suffer when other work shares the machine; CPU times much less.",
        "",
        "Commands, from the repository's root (`bench/scale.sh` runs them all; environment `RUNS`, default 3):",
        "",
        "```sh",
        "cargo build --release --locked",
        f"python3 bench/generate.py {a} --statements 2080 --article-bytes 50000000",
        f"python3 bench/generate.py {b} --statements 100000",
    ]
    lines += [" ".join(argv) for argv in commands.values()]
    lines += ["```", "", f"Machine: {machine()}.", END]
    section = "\n".join(lines) + "\n"

    text = benchmarks.read_text() if benchmarks.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    benchmarks.write_text(text)
    print(section)


def entities(folder):
    return f"{sum(line == '[[entity]]' for line in (folder / 'entities.toml').read_text().splitlines()):,}"


def git_commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


if __name__ == "__main__":
    main()

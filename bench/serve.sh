#!/usr/bin/env bash
# Speed of `cica-kg serve` side by side with `oxigraph serve-read-only` (PyPI `oxigraph`) on the
# same quads: requests per second and p50/p99 latency of the `summits` query (POSTed with wrk,
# from Debian, to 127.0.0.1 only) at 1, 8 and 32 concurrent clients; then the CPU time that a
# runaway query (a four-way cross product under COUNT) uses after each server's time limit.
# Writes the section of BENCHMARKS.md between <!-- serve:begin --> and <!-- serve:end -->.
#
# `bench/serve.sh memory` measures instead the peak memory of the server and its workers under
# 50 distinct 1 MiB queries and under two runaway ORDER BY queries at once (bench/serve_memory.py,
# issue 17), into the section between <!-- serve-memory:begin --> and <!-- serve-memory:end -->.
#
#   bench/serve.sh        (DURATION=10 seconds per run, ROUNDS=3, MAX_REQUESTS=200000 per run)
#   bench/serve.sh attacks   (ASK latency under a slowloris and two runaway clients, issue 17)
#   bench/serve.sh memory    (peak memory of the server and its workers, issue 17)
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=bench/out/serve
# CICA_KG_RELEASE_DIR names the folder of another build (see bench/machine.py).
cica="${CICA_KG_RELEASE_DIR:-target/release}/cica-kg"

if [ "${1:-}" = memory ]; then
  cargo build --release --locked --quiet
  mkdir -p "$OUT"
  exec python3 bench/serve_memory.py "$OUT/memory" "$cica" BENCHMARKS.md
fi

if ! command -v wrk >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y wrk
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt

cargo build --release --locked --quiet

if [ "${1:-}" = attacks ]; then
  mkdir -p "$OUT-attacks"
  .venv/bin/python bench/serve.py attacks "$OUT-attacks" "$cica" BENCHMARKS.md
  exit
fi

rm -rf "$OUT"
mkdir -p "$OUT"
# The same quads in both: the three named graphs; both query their union by default.
"$cica" export --graph all --format nquads --output "$OUT/graph.nq"
.venv/bin/oxigraph load --location "$OUT/oxigraph" --file "$OUT/graph.nq" 2>"$OUT/load.log" ||
  { cat "$OUT/load.log" >&2; exit 1; }

.venv/bin/python bench/serve.py "$OUT" "$cica" .venv/bin/oxigraph BENCHMARKS.md

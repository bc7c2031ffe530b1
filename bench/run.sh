#!/usr/bin/env bash
# Times a cold `cica-kg query summits` (process start to exit, start-up work included: parsing
# the facts, checking the quotes, loading the store) side by side with the same query by the
# Oxigraph CLI (PyPI `oxigraph`, on a RocksDB store loaded once with the exported N-Triples)
# and by RDFLib (a new Python process parsing the exported Turtle), checks that all three give
# the same 6 rows, and writes BENCHMARKS.md: medians, IQR, min/max, ratios, the exact
# commands and the machine. Timing targets are reported there, not enforced.
#
#   bench/run.sh        (RUNS=40 WARMUP=5 by default; it builds the release binary and
#                        examples/startup_breakdown.rs, which times each phase of start-up)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-40}"
WARMUP="${WARMUP:-5}"
OUT=bench/out

# The same venv as scripts/test.sh: RDFLib and the Oxigraph CLI, from PyPI.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt

cargo build --release --locked --quiet --bin cica-kg --example startup_breakdown
# CICA_KG_RELEASE_DIR names the folder of another build (see bench/machine.py).
cica="${CICA_KG_RELEASE_DIR:-target/release}/cica-kg"

rm -rf "$OUT"
mkdir -p "$OUT"
"$cica" export --format ntriples --output "$OUT/graph.nt"
"$cica" export --format turtle --output "$OUT/graph.ttl"
# Oxigraph notes on standard error that the store is not optimized; the query is tiny.
.venv/bin/oxigraph load --location "$OUT/oxigraph" --file "$OUT/graph.nt" 2>"$OUT/load.log" ||
  { cat "$OUT/load.log" >&2; exit 1; }

.venv/bin/python bench/compare.py "$OUT" "$RUNS" "$WARMUP" BENCHMARKS.md

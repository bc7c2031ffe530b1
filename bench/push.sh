#!/usr/bin/env bash
# Times `cica-kg push` of a generated data set (100,000 statements by default) into a new
# Oxigraph server (PyPI `oxigraph`, on 127.0.0.1) side by side with `curl -T` of the same
# N-Triples, one file per graph, and writes the push section of BENCHMARKS.md (between
# <!-- push:begin --> and <!-- push:end -->; the rest of the file is left alone).
#
#   bench/push.sh        (STATEMENTS=100000 RUNS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

STATEMENTS="${STATEMENTS:-100000}"
RUNS="${RUNS:-3}"
OUT=bench/out/push

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
command -v curl >/dev/null || { echo "bench/push.sh needs curl" >&2; exit 2; }

cargo build --release --locked --quiet
# CICA_KG_RELEASE_DIR names the folder of another build (see bench/machine.py).
cica="${CICA_KG_RELEASE_DIR:-target/release}/cica-kg"

rm -rf "$OUT"
mkdir -p "$OUT"
.venv/bin/python bench/push_data.py "$OUT/data" "$STATEMENTS"
echo "$STATEMENTS" >"$OUT/statements.txt"
# The N-Triples that curl sends: one file per graph, written by cica-kg (timed, for the
# manual workflow that push replaces).
printf '{' >"$OUT/export-times.json"
separator=""
for graph in facts provenance; do
  start=$EPOCHREALTIME
  "$cica" --data "$OUT/data" export -f ntriples --graph "$graph" -o "$OUT/$graph.nt"
  end=$EPOCHREALTIME
  printf '%s"%s": %s' "$separator" "$graph" "$(awk "BEGIN { print $end - $start }")" >>"$OUT/export-times.json"
  separator=", "
done
printf '}\n' >>"$OUT/export-times.json"

.venv/bin/python bench/push_compare.py "$OUT" "$RUNS" BENCHMARKS.md

#!/usr/bin/env bash
# How cica-kg scales: generates (a) a 50 MB article with 2,080 statements and (b) a data set of
# 100,000 statements (bench/generate.py), then times, in one run and interleaved,
# `cica-kg --data (a) validate`, the N-Quads export and the validation of (b), and pyoxigraph
# loading the same quads into an in-memory store and serializing them to N-Quads
# (bench/pyoxigraph_roundtrip.py): wall time, CPU time and peak memory of each process. Writes
# the section "100,000 statements" of BENCHMARKS.md (between its scale markers, leaving the
# rest of the file alone). Targets are reported there, not enforced.
#
#   bench/scale.sh            (RUNS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-3}"
OUT=bench/out/scale

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt

cargo build --release --locked --quiet

rm -rf "$OUT"
mkdir -p "$OUT"
python3 bench/generate.py "$OUT/article-50mb" --statements 2080 --article-bytes 50000000
python3 bench/generate.py "$OUT/statements-100k" --statements 100000

.venv/bin/python bench/scale.py "$OUT" "$RUNS" BENCHMARKS.md

#!/usr/bin/env bash
# Runs every test of cica-kg on a fresh machine: installs the real peers the tests talk to
# (RDFLib, pySHACL and the Oxigraph server, from PyPI, into ./.venv; Chromium and chromedriver
# from Debian, for the pages of `cica-kg serve`), then checks formatting
# and lints, then runs the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests of `cica-kg serve` drive Debian's Chromium through chromedriver.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
export CICA_KG_PYTHON="$PWD/.venv/bin/python"
export CICA_KG_OXIGRAPH="$PWD/.venv/bin/oxigraph"

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --all-targets --locked

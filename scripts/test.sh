#!/usr/bin/env bash
# Runs every test of cica-kg on a fresh machine: installs the real peers the tests talk to
# (RDFLib, pySHACL and the Oxigraph server, from PyPI, into ./.venv; Virtuoso Open Source,
# rapper and serdi from Debian), then checks formatting and lints, then runs the unit and
# integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian peers: Virtuoso (a store `cica-kg push` is tested against; the tests run their own
# virtuoso-t on 127.0.0.1, so the package must not start its daemon: a policy-rc.d that
# exits 101 forbids it for the time of the install), rapper (raptor2-utils) and serdi (which
# must read the Turtle and TriG exports).
if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null ||
  ! command -v rapper >/dev/null || ! command -v serdi >/dev/null; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  policy=/usr/sbin/policy-rc.d
  restore=""
  if [ -e "$policy" ]; then
    restore="$(mktemp)"
    $sudo cp -p "$policy" "$restore"
  fi
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    virtuoso-opensource raptor2-utils serdi >/dev/null
  if [ -n "$restore" ]; then
    $sudo cp -p "$restore" "$policy" && rm -f "$restore"
  else
    $sudo rm -f "$policy"
  fi
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

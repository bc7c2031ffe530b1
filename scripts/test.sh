#!/usr/bin/env bash
# Runs every test of cica-kg on a fresh machine: installs the real peers the tests talk to
# (RDFLib, pySHACL and the Oxigraph server, from PyPI, into ./.venv; from Debian, as root: Java
# and the OWL API, Chromium and chromedriver for the pages of `cica-kg serve`, Virtuoso Open
# Source, rapper and serdi, man, zsh and fish) while it checks formatting and lints and builds
# the tests, then runs the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# Formatting first (a second); then the lints and the build of every test run in the
# background while the peers install (downloads and dpkg leave the two cores of a CI machine
# mostly idle, and the build needs none of the peers); their output is shown when they end.
cargo fmt --check
build_log="$(mktemp)"
(
  cargo clippy --all-targets --locked --features peers -- -D warnings &&
    cargo test --all-targets --locked --features peers --no-run
) >"$build_log" 2>&1 &
build=$!
# Should an install fail, the build stops with the script.
trap 'pkill -P "$build" 2>/dev/null || true; kill "$build" 2>/dev/null || true; rm -f "$build_log"' EXIT

# Debian packages are installed as root with apt-get; its package lists are updated once.
APT_LISTS_UPDATED=${APT_LISTS_UPDATED:-}
apt_update_once() {
  if [ -z "$APT_LISTS_UPDATED" ]; then
    apt-get update -qq
    APT_LISTS_UPDATED=1
  fi
}

# --- Virtuoso, rapper, serdi (tests/push.rs, tests/jsonld.rs) ---
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
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    virtuoso-opensource raptor2-utils serdi >/dev/null
  if [ -n "$restore" ]; then
    $sudo cp -p "$restore" "$policy" && rm -f "$restore"
  else
    $sudo rm -f "$policy"
  fi
fi
# --- end Virtuoso ---

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
export CICA_KG_PYTHON="$PWD/.venv/bin/python"
export CICA_KG_OXIGRAPH="$PWD/.venv/bin/oxigraph"

# --- OWL API (tests/owl_dl.rs) ---
# The OWL 2 DL profile check of ontology/cica.ttl compiles tests/owl/DlProfile.java with
# javac and runs it on the OWL API 5 (libowlapi-java, with the Java libraries it depends on);
# the test finds the jars in /usr/share/java, or in CICA_KG_OWLAPI_CLASSPATH when it is set.
owlapi_status=$(dpkg-query -W -f='${Status}' libowlapi-java 2>/dev/null || true)
if ! command -v javac >/dev/null || [ "$owlapi_status" != "install ok installed" ]; then
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libowlapi-java default-jdk-headless
fi
# --- end OWL API ---

# --- Chromium (tests/browser.rs) ---
# The browser tests of `cica-kg serve` drive Debian's Chromium through chromedriver.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
# --- end Chromium ---

# --- man, zsh, fish (tests/generate.rs) ---
# The man page of `cica-kg --generate man` must render with man -l, and the completion scripts
# must load in bash, zsh and fish.
if ! command -v man >/dev/null || ! command -v groff >/dev/null ||
  ! command -v zsh >/dev/null || ! command -v fish >/dev/null; then
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    man-db groff-base zsh fish
fi
# --- end man, zsh, fish ---

# The lints and the build of the tests, started above.
if ! wait "$build"; then
  cat "$build_log" >&2
  exit 1
fi
# The build has ended: nothing is left to stop.
trap 'rm -f "$build_log"' EXIT
cat "$build_log"
cargo test --all-targets --locked --features peers
# The library's rustdoc examples (--all-targets leaves doctests out).
cargo test --doc --locked --features peers

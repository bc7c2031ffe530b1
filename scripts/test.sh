#!/usr/bin/env bash
# Runs every test of cica-kg on a fresh machine: installs the real peers the tests talk to
# (RDFLib, pySHACL and the Oxigraph server, from PyPI, into ./.venv; from Debian, as root: Java
# and the OWL API, Chromium and chromedriver for the pages of `cica-kg serve`), then checks
# formatting and lints, then runs the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
export CICA_KG_PYTHON="$PWD/.venv/bin/python"
export CICA_KG_OXIGRAPH="$PWD/.venv/bin/oxigraph"

# Debian packages are installed as root with apt-get; its package lists are updated once.
APT_LISTS_UPDATED=${APT_LISTS_UPDATED:-}
apt_update_once() {
  if [ -z "$APT_LISTS_UPDATED" ]; then
    apt-get update -qq
    APT_LISTS_UPDATED=1
  fi
}

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

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --all-targets --locked

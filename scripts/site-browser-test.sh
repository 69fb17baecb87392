#!/usr/bin/env bash
# The browser test of `raci site`: builds the site of our fixtures (and of the
# shared corpus when ../shared/corpus exists), opens its pages from the file
# system (file://) in headless Chromium driven by playwright-core, fails on any
# console error, page error or failed request, drives the filter of a matrix
# page (party, role, search) checking the rows shown, and saves screenshots
# under target/site-test/.
#
# Installs Debian's chromium with apt-get when it is missing, and
# playwright-core with npm into target/site-test/node. Prints "skipped" and
# exits 0 only when chromium cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

PLAYWRIGHT_VERSION=1.64.1
work=target/site-test
mkdir -p "$work"

skip() {
  echo "site browser test: skipped: $*"
  exit 0
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null 2>&1 || return 1
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

echo "== site browser test"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  command -v apt-get >/dev/null 2>&1 || skip "chromium is not installed and there is no apt-get to install it"
  echo "installing chromium with apt-get"
  apt_install chromium || skip "chromium could not be installed with apt-get"
  [ -x "$CHROMIUM" ] || skip "chromium is not at $CHROMIUM after installing it"
fi
"$CHROMIUM" --version 2>/dev/null

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "installing nodejs and npm with apt-get"
  apt_install nodejs npm || { echo "error: node and npm are needed and could not be installed" >&2; exit 1; }
fi

modules="$work/node/node_modules"
installed=$(node -p "try { require('./$modules/playwright-core/package.json').version } catch (e) { '' }")
if [ "$installed" != "$PLAYWRIGHT_VERSION" ]; then
  echo "installing playwright-core $PLAYWRIGHT_VERSION with npm"
  mkdir -p "$work/node"
  npm install --prefix "$work/node" --no-audit --no-fund --silent "playwright-core@$PLAYWRIGHT_VERSION"
fi

echo "building raci"
cargo build --quiet --locked -p raci-cli
raci="${CARGO_TARGET_DIR:-target}/debug/raci"

sites=()
rm -rf "$work/fixtures" "$work/corpus"
"$raci" site tests/fixtures -o "$work/fixtures"
sites+=("$work/fixtures")
if [ -d ../shared/corpus ]; then
  "$raci" site ../shared/corpus -o "$work/corpus"
  sites+=("$work/corpus")
else
  echo "note: ../shared/corpus is not present; only the fixtures' site is tested"
fi

NODE_PATH="$(pwd)/$modules" CHROMIUM="$CHROMIUM" node scripts/site-browser-test.cjs "$work" "${sites[@]}"

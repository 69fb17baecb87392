#!/usr/bin/env bash
# The browser journeys of the web pages of `raci serve`: seeds a SQLite
# database with the operator's commands and the CLI's remote commands
# (a provider, two customers, users with passwords, a subscription each),
# starts `raci serve` on it, and drives headless Chromium through the
# customer's journey (tests/web-browser/journey.mjs) in English and in
# French: log in, my work, the catalog and a matrix, the board, a duty, a
# file uploaded by R, the provider's C answering, the customer's A signing
# off, and the customer's admin accepting the change notice of a new edition. It fails on any
# console error, page error or failed request and on any serious or
# critical axe-core violation, and keeps screenshots (375 px and 1366 px)
# under target/web-screenshots/.
#
# Installs Debian's chromium with apt-get when it is missing, and
# playwright-core and @axe-core/playwright with npm into target/web-test/node.
# RACI_BIN names the raci binary (default: the release build when present,
# else the debug build, built when absent).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
say() { echo "web-browser-test: $*" >&2; }

PLAYWRIGHT_VERSION=1.65.1
AXE_VERSION=4.14.1
work=target/web-test
shots=target/web-screenshots
mkdir -p "$work" "$shots"

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null 2>&1 || return 1
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  say "installing chromium with apt-get"
  apt_install chromium || { say "error: chromium could not be installed"; exit 1; }
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "installing nodejs and npm with apt-get"
  apt_install nodejs npm || { say "error: node and npm could not be installed"; exit 1; }
fi
modules="$work/node/node_modules"
version() { node -p "try { require('./$modules/$1/package.json').version } catch (e) { '' }"; }
if [ "$(version playwright-core)" != "$PLAYWRIGHT_VERSION" ] || [ "$(version @axe-core/playwright)" != "$AXE_VERSION" ]; then
  say "installing playwright-core $PLAYWRIGHT_VERSION and @axe-core/playwright $AXE_VERSION with npm"
  mkdir -p "$work/node"
  npm install --prefix "$work/node" --no-audit --no-fund --silent \
    "playwright-core@$PLAYWRIGHT_VERSION" "@axe-core/playwright@$AXE_VERSION"
fi

raci=${RACI_BIN:-}
if [ -z "$raci" ]; then
  if [ -x target/release/raci ]; then raci=$root/target/release/raci; else
    say "building raci"
    cargo build --quiet --locked -p raci-cli
    raci=$root/target/debug/raci
  fi
fi

tmp=$(mktemp -d)
trap 'kill $(cat "$tmp"/serve.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$tmp"' EXIT
db="sqlite://$tmp/raci.db"
password="a password for the browser"
user() { # org email name role → id
  printf '%s\n' "$password" | "$raci" admin create-user --org "$1" --email "$2" --name "$3" --role "$4" --password-stdin --database "$db"
}
p=$("$raci" admin create-org Nimbus --kind provider --database "$db")
en=$("$raci" admin create-org Acme --kind customer --database "$db")
fr=$("$raci" admin create-org Alpin --kind customer --database "$db")
pt=$("$raci" admin token --user "$(user "$p" admin@nimbus.example "Nora Admin" admin)" --database "$db")
user "$p" ops@nimbus.example "Omar Ops" member >/dev/null
for org in "$en:acme:Ada Lovelace:Alan Turing" "$fr:alpin:Émilie du Châtelet:Sophie Germain"; do
  IFS=: read -r id slug member admin <<<"$org"
  ct=$("$raci" admin token --user "$(user "$id" "admin@$slug.example" "$admin" admin)" --database "$db")
  user "$id" "member@$slug.example" "$member" member >/dev/null
  echo "$ct" >"$tmp/$slug.token"
done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$raci" --quiet serve --database "$db" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
echo $! >"$tmp/serve.pid"
for _ in $(seq 100); do curl -sf "$base/api/v1/health" >/dev/null && break; sleep 0.1; done
export RACI_SERVER=$base
RACI_TOKEN=$pt "$raci" --quiet remote service create managed-queue "Managed Queue" >/dev/null
RACI_TOKEN=$pt "$raci" --quiet remote publish tests/fixtures/editions/queue-service.2024-03.md --service 1 --force >/dev/null
for slug in acme alpin; do
  RACI_TOKEN=$(cat "$tmp/$slug.token") "$raci" --quiet remote subscribe 1 >/dev/null
done
# A second edition: each subscription gets a change notice to accept.
RACI_TOKEN=$pt "$raci" --quiet remote publish tests/fixtures/editions/queue-service.2024-09.md --service 1 --force >/dev/null

status=0
for lang in en fr; do
  say "the customer's journey in $lang"
  NODE_PATH="$root/$modules" CHROMIUM="$CHROMIUM" node tests/web-browser/journey.mjs \
    "$base" "$lang" "$password" "$shots" || status=1
done
if [ $status -ne 0 ]; then
  say "the server's log:"; tail -n 40 "$tmp/serve.log" >&2
fi
exit $status

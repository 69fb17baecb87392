#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml with `pre-commit try-repo` on a temporary git
# repository holding our own pages: raci-lint fails on a page with errors and
# passes once it is fixed; raci-fmt rewrites a table and then passes.
# Usage: scripts/pre-commit-test.sh [RACI_BINARY]  (installs pre-commit when missing)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
raci="${1:-$here/target/debug/raci}"
raci="$(cd "$(dirname "$raci")" && pwd)/$(basename "$raci")"
command -v pre-commit >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check pre-commit
bin="$(mktemp -d)"; work="$(mktemp -d)"
trap 'rm -rf "$bin" "$work"' EXIT
ln -s "$raci" "$bin/raci"
export PATH="$bin:$PATH"
# try-repo reads the hooks from a git repository: this checkout's committed files.
repo="$here"

cd "$work"
git init -q .
git config user.email ci@example.invalid
git config user.name ci
cat > page.md <<'PAGE'
# Managed Queue - Responsibility model

## 1. Running the service

| Activity | Customer | Provider |
| --- | --- | --- |
| Pick the region | RA | I |
| Rotate the keys | A | IR |
| Test the restoration | RA | RA |
PAGE
git add page.md

fail() { echo "pre-commit test: FAILED: $*" >&2; exit 1; }

echo "== raci-lint on a page with an error: fails"
if pre-commit try-repo "$repo" raci-lint --all-files >lint.out 2>&1; then
  cat lint.out; fail "raci-lint passed a page with two A"
fi
grep -q "RACI002" lint.out || { cat lint.out; fail "raci-lint did not name RACI002"; }

echo "== raci-fmt rewrites the table (fails once, as pre-commit hooks that change files do), then passes"
if pre-commit try-repo "$repo" raci-fmt --all-files >fmt.out 2>&1; then
  cat fmt.out; fail "raci-fmt changed nothing"
fi
grep -q "| Pick the region      | RA       | I        |" page.md || { cat page.md; fail "raci-fmt did not align the table"; }
git add page.md
pre-commit try-repo "$repo" raci-fmt --all-files >fmt2.out 2>&1 || { cat fmt2.out; fail "raci-fmt failed on a formatted page"; }

echo "== raci-lint passes once the page is fixed"
sed -i 's/| RA       | RA       |/| RA       | R        |/; s/| A        | RI       |/| A        | R        |/; s/| A        | IR       |/| A        | R        |/' page.md
git add page.md
pre-commit try-repo "$repo" raci-lint --all-files >lint2.out 2>&1 || { cat lint2.out page.md; fail "raci-lint failed a fixed page"; }
echo "pre-commit test: passed (raci-lint fails then passes, raci-fmt rewrites then passes)"

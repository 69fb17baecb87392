#!/usr/bin/env bash
# Reads the SARIF of `raci lint` with sarif-tools (PyPI), as a code-scanning
# consumer would: every result is counted, each names its rule, file and
# line, and the file that could not be read is in the invocation.
# (The schema itself is checked by raci-diagnostics' tests, against the
# SARIF 2.1.0 schema shipped with serde-sarif.)
# Usage: scripts/sarif-check.sh [RACI_BINARY]  (installs sarif-tools when missing)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
raci="${1:-$here/target/debug/raci}"
raci="$(cd "$(dirname "$raci")" && pwd)/$(basename "$raci")"
command -v sarif >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check sarif-tools
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
fail() { echo "sarif check: FAILED: $*" >&2; exit 1; }
cd "$here"
cp -r tests/fixtures "$work/pages with spaces"
printf 'not a workbook' > "$work/pages with spaces/broken.xlsx"
cd "$work"
status=0
"$raci" lint "pages with spaces" --format sarif --output-file out.sarif || status=$?
[ "$status" = 2 ] || fail "exit $status, expected 2 (an unreadable workbook)"
expected="$(python3 -c 'import json; print(len(json.load(open("out.sarif"))["runs"][0]["results"]))')"
[ "$expected" -gt 10 ] || fail "only $expected results"
sarif summary out.sarif > summary.txt || fail "sarif summary refused the log"
cat summary.txt
sarif csv -o out.csv out.sarif >/dev/null || fail "sarif csv refused the log"
rows=$(( $(wc -l < out.csv) - 1 ))
[ "$rows" = "$expected" ] || fail "sarif-tools read $rows results, the log has $expected"
grep -q '^raci,error,RACI002,.*pages%20with%20spaces/queue-service.en.md,48$' out.csv || { cat out.csv; fail "RACI002 not at queue-service.en.md:48"; }
python3 - <<'PY' || fail "the log lacks what GitHub code scanning reads"
import json
run = json.load(open("out.sarif"))["runs"][0]
uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
assert uri["uriBaseId"] == "%SRCROOT%" and uri["uri"].startswith("pages%20with%20spaces/"), uri
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///"), run["originalUriBaseIds"]
notes = run["invocations"][0]["toolExecutionNotifications"]
assert any("broken.xlsx" in n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes), notes
assert all("partialFingerprints" in r for r in run["results"])
PY
echo "sarif check: passed ($expected results read by sarif-tools)"

#!/usr/bin/env bash
# Every command of the release build over our fixtures and the shared corpus:
# optimised code must not panic where the debug-built tests pass. Exit codes
# 0 (clean), 1 (findings) and 2 (unusable input) are answers; anything else
# (101 is a panic) fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p raci-cli || exit 1
raci=target/release/raci
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
run() {
  "$raci" --quiet "$@" >"$out/stdout" 2>"$out/stderr"
  local code=$?
  if [ "$code" -gt 2 ]; then
    echo "FAILED ($code): raci $*"
    tail -5 "$out/stderr"
    failures=$((failures + 1))
  fi
}
inputs=(tests/fixtures/*.md tests/fixtures/*.txt)
corpus=../shared/corpus
if [ -d "$corpus" ]; then
  inputs+=("$corpus"/seeds/*)
else
  echo "note: no corpus at $corpus; fixtures only"
fi
for file in "${inputs[@]}"; do
  run parse "$file" --format json
  run lint "$file" --format sarif
  run duties "$file" --party customer --format html
  run who "$file" backup
  run stats "$file" --heatmap "$out/map.svg"
  run convert "$file" --to xlsx -o "$out/m.xlsx"
  run convert "$out/m.xlsx" --to md
  run oscal export "$file"
done
run compare "${inputs[@]}"
run diff tests/fixtures/editions/queue-service.2024-03.md tests/fixtures/editions/queue-service.2024-09.md --format json
run drift tests/fixtures/locales
run site tests/fixtures -o "$out/site"
if [ -d "$corpus" ]; then
  run lint "$corpus"
  run drift "$corpus"
  run site "$corpus" -o "$out/corpus-site"
  run parse "$corpus"/seeds/000_* --reference "$corpus"/seeds/001_*
fi
echo "release smoke: ${#inputs[@]} inputs, $failures failures"
[ "$failures" -eq 0 ]

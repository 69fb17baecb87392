#!/usr/bin/env bash
# Parse+lint throughput on a large corpus made by replicating ../shared/corpus,
# beside the time ripgrep takes to read the same files, in the same run.
# Usage: bench/throughput.sh [COPIES]   (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-100}
corpus=${RACI_CORPUS:-../shared/corpus}
if [ ! -d "$corpus" ]; then
  echo "skipped: no corpus at $corpus" >&2
  exit 0
fi
if ! command -v rg >/dev/null; then
  echo "installing ripgrep (the baseline)…" >&2
  (apt-get update -qq && apt-get install -y -qq ripgrep) >/dev/null 2>&1 || { echo "cannot install ripgrep: apt-get failed" >&2; exit 1; }
fi
if ! command -v hyperfine >/dev/null; then
  (apt-get install -y -qq hyperfine) >/dev/null 2>&1 || true
fi
cargo build --release -q -p raci-cli
raci=target/release/raci

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$copies"); do
  mkdir -p "$work/copy$i"
  cp -r "$corpus"/. "$work/copy$i/"
done
rm -f "$work"/copy*/MANIFEST.tsv
files=$(find "$work" -type f | wc -l)
bytes=$(du -sb "$work" | cut -f1)
mb=$(echo "scale=2; $bytes / 1000000" | bc)
echo "corpus: $files files, $mb MB ($copies copies of $corpus)"

# Warm the page cache so both read from memory.
cat "$work"/copy*/*/*/* "$work"/copy*/seeds/* >/dev/null 2>&1 || true

time_of() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

best() {
  local best_time=999999 t
  for _ in 1 2 3; do
    t=$(time_of "$@")
    if (( $(echo "$t < $best_time" | bc) )); then best_time=$t; fi
  done
  echo "$best_time"
}

rg_time=$(best rg --no-ignore --hidden -c '' "$work")
raci_time=$(best "$raci" --quiet lint --format json "$work")
raci_threads_note="(both on $(nproc) threads)"
echo "rg   read all files:      ${rg_time}s  $(echo "scale=1; $mb / $rg_time" | bc) MB/s"
echo "raci parse+lint all files: ${raci_time}s  $(echo "scale=1; $mb / $raci_time" | bc) MB/s"
echo "ratio raci/rg: $(echo "scale=1; $raci_time / $rg_time" | bc)x $raci_threads_note"

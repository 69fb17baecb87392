#!/usr/bin/env bash
# Fuzz smoke run: every cargo-fuzz target for N seconds each (default 20).
#
#   fuzz/run-smoke.sh [SECONDS] [TARGET…]
#
# Installs cargo-fuzz when missing. The toolchain is stable, so
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz use the sanitizer flags. Exits non-zero
# when a target crashes, hangs past the timeout or runs out of memory; the
# input that did it is left in fuzz/artifacts/<target>/. Inputs found along
# the way go to fuzz/corpus/<target>/ (ignored by git); the seeds of ours in
# fuzz/seeds/<target>/ are read, never written.
set -euo pipefail

seconds="${1:-20}"
shift || true
cd "$(dirname "$0")/.."
root="$(pwd)"

export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

all_targets=(markdown html web_text glued_text canonical_json canonical_yaml csv xlsx detect_and_parse controls_workbook oscal_ssp)
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  targets=("${all_targets[@]}")
fi

dict_of() {
  case "$1" in
    markdown) echo "${root}"/fuzz/dicts/markdown.dict ;;
    html) echo "${root}"/fuzz/dicts/html.dict ;;
    web_text | glued_text) echo "${root}"/fuzz/dicts/flat_text.dict ;;
    *) echo "" ;;
  esac
}

echo "== building the fuzz targets"
cargo fuzz build --debug-assertions

failed=()
for target in "${targets[@]}"; do
  echo "== fuzzing ${target} for ${seconds}s"
  mkdir -p "${root}/fuzz/corpus/${target}" "${root}/fuzz/seeds/${target}"
  options=(-max_total_time="${seconds}" -max_len=65536 -timeout=30 -rss_limit_mb=4096 -print_final_stats=1)
  dict="$(dict_of "${target}")"
  if [ -n "${dict}" ]; then
    options+=(-dict="${dict}")
  fi
  # The progress lines (one per new input) are left out of the log; the
  # final statistics and any crash report stay.
  if ! cargo fuzz run --debug-assertions "${target}" "${root}/fuzz/corpus/${target}" "${root}/fuzz/seeds/${target}" -- "${options[@]}" 2>&1 |
    awk '!/^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|RELOAD)/'; then
    failed+=("${target}")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz smoke run: crash in ${failed[*]} (inputs under fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz smoke run: ${#targets[@]} targets, no crash"

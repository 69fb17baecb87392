#!/usr/bin/env bash
# Validates `raci oscal export` with compliance-trestle, the reference OSCAL
# tool: every seed of ../shared/corpus (when present) and every fixture of
# ours, or the files given as arguments.
#
#   scripts/oscal-validate.sh [FILE…]
#
# RACI names the raci binary to use (default: built with cargo). Installs
# compliance-trestle with pip when the `trestle` command is missing.
# Exits non-zero when a file fails to export or to validate.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [ -z "${RACI:-}" ]; then
  cargo build --quiet --manifest-path "$root/Cargo.toml" -p raci-cli
  RACI="$root/target/debug/raci"
fi

if ! command -v trestle >/dev/null 2>&1; then
  echo "oscal-validate: installing compliance-trestle with pip" >&2
  python3 -m pip install --quiet --disable-pip-version-check compliance-trestle >&2
  hash -r
fi
trestle_cmd=(trestle)
command -v trestle >/dev/null 2>&1 || trestle_cmd=(python3 -m trestle)

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  if [ -d "$root/../shared/corpus/seeds" ]; then
    for f in "$root"/../shared/corpus/seeds/*; do files+=("$f"); done
  else
    echo "oscal-validate: no shared corpus beside the repository; validating our fixtures only" >&2
  fi
  while IFS= read -r f; do files+=("$f"); done < <(find "$root/tests/fixtures" -type f \( -name '*.md' -o -name '*.txt' \) | sort)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && "${trestle_cmd[@]}" init >/dev/null)

passed=0
failed=0
for file in "${files[@]}"; do
  # The model's name: the file's folder and name, as a token.
  name="$(basename "$(dirname "$file")")_$(basename "$file")"
  name="$(printf %s "$name" | tr -c 'A-Za-z0-9._-' '_')"
  dir="$work/component-definitions/$name"
  mkdir -p "$dir"
  if ! "$RACI" --quiet oscal export "$file" -o "$dir/component-definition.json"; then
    echo "FAILED export: $file" >&2
    failed=$((failed + 1))
    continue
  fi
  if (cd "$work" && "${trestle_cmd[@]}" validate -f "component-definitions/$name/component-definition.json"); then
    passed=$((passed + 1))
  else
    echo "FAILED validation: $file" >&2
    failed=$((failed + 1))
  fi
done

echo "oscal-validate: ${passed} valid, ${failed} invalid"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

#!/usr/bin/env bash
# Validates raci's OSCAL with compliance-trestle, the reference OSCAL tool,
# for every seed of ../shared/corpus (when present) and every fixture of
# ours, or the files given as arguments:
#
# - `raci oscal export`: the component definition;
# - `raci convert --to oscal-ssp`: the service as a leveraged system
#   security plan, importing NIST's moderate baseline;
# - `raci oscal inherit`: the customer's leveraging plan from it;
# - and `trestle author ssp-generate --leveraged-ssp` on the first leveraged
#   plan: its inheritance view must hold one file per exported statement.
#
#   scripts/oscal-validate.sh [FILE…]
#
# Trestle resolves a plan's import-profile while validating it, and nothing
# can be fetched here: the plans import NIST's moderate baseline profile
# from ../shared/standards/oscal, copied into the trestle workspace with its
# catalog link pointed at the resolved moderate catalog beside it (which
# holds every control the profile selects). Without ../shared/standards the
# plans are not validated, and the script says so.
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
# Commands below run in other folders: the binary by its absolute path.
case "$RACI" in
  */*) RACI="$(cd "$(dirname "$RACI")" && pwd)/$(basename "$RACI")" ;;
esac

if ! command -v trestle >/dev/null 2>&1; then
  echo "oscal-validate: installing compliance-trestle with pip" >&2
  python3 -m pip install --quiet --disable-pip-version-check compliance-trestle >&2
  hash -r
fi
trestle_cmd=(trestle)
command -v trestle >/dev/null 2>&1 || trestle_cmd=(python3 -m trestle)

files=()
if [ $# -gt 0 ]; then
  for f in "$@"; do files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done
else
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

# The moderate baseline, resolvable offline.
standards="$root/../shared/standards/oscal"
profile=profiles/nist-800-53-rev5-moderate/profile.json
if [ -f "$standards/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json" ]; then
  mkdir -p "$work/$(dirname "$profile")"
  python3 - "$standards" "$work/$profile" <<'EOF'
import json, os, sys
standards, out = sys.argv[1], sys.argv[2]
catalog = os.path.realpath(os.path.join(standards, "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog-min.json"))
profile = json.load(open(os.path.join(standards, "NIST_SP-800-53_rev5_MODERATE-baseline_profile.json")))
for resource in profile["profile"]["back-matter"]["resources"]:
    resource["rlinks"] = [{"href": catalog, "media-type": "application/oscal.catalog+json"}]
json.dump(profile, open(out, "w"), indent=1)
EOF
  plans=yes
else
  echo "oscal-validate: no ../shared/standards/oscal beside the repository; system security plans not validated" >&2
  plans=no
fi

failed=0
first_plan=""
models=0
for file in "${files[@]}"; do
  # The model's name: the file's folder and name, as a token.
  name="$(basename "$(dirname "$file")")_$(basename "$file")"
  name="$(printf %s "$name" | tr -c 'A-Za-z0-9._-' '_')"
  dir="$work/component-definitions/$name"
  mkdir -p "$dir"
  if "$RACI" --quiet oscal export "$file" -o "$dir/component-definition.json"; then
    models=$((models + 1))
  else
    echo "FAILED export: $file" >&2
    failed=$((failed + 1))
  fi
  [ "$plans" = yes ] || continue
  leveraged="system-security-plans/${name}_leveraged/system-security-plan.json"
  leveraging="system-security-plans/${name}_leveraging/system-security-plan.json"
  mkdir -p "$work/$(dirname "$leveraged")" "$work/$(dirname "$leveraging")"
  if (cd "$work" && "$RACI" --quiet convert "$file" --to oscal-ssp --profile "$profile" -o "$leveraged"); then
    models=$((models + 1))
    [ -n "$first_plan" ] || first_plan="${name}_leveraged"
  else
    echo "FAILED leveraged plan: $file" >&2
    failed=$((failed + 1))
    continue
  fi
  if (cd "$work" && "$RACI" --quiet oscal inherit "$leveraged" -o "$leveraging"); then
    models=$((models + 1))
  else
    echo "FAILED leveraging plan: $file" >&2
    failed=$((failed + 1))
  fi
done

# One trestle run validates every model of the workspace (it stops at the
# first invalid one, and names it).
(cd "$work" && "${trestle_cmd[@]}" validate -a >"$work/validate.log" 2>&1) || true
passed=$(grep -E '^VALID: Model .*/(component-definitions|system-security-plans)/' "$work/validate.log" | wc -l)
if grep -q 'INVALID' "$work/validate.log" || [ "$passed" -ne "$models" ]; then
  grep -E 'INVALID|rror' "$work/validate.log" | head -40 >&2
  echo "FAILED validation: $passed of $models models valid" >&2
  failed=$((failed + models - passed))
fi

# trestle's own reading of a leveraged plan: the inheritance view of
# ssp-generate holds one file per provided statement, responsibility, or
# pair of them tied by provided-uuid.
if [ -n "$first_plan" ]; then
  if (cd "$work" && "${trestle_cmd[@]}" author ssp-generate -p nist-800-53-rev5-moderate \
        --leveraged-ssp "$first_plan" -o ssp-markdown >"$work/generate.log" 2>&1); then
    expected=$(python3 - "$work/system-security-plans/$first_plan/system-security-plan.json" <<'EOF'
import json, sys
plan = json.load(open(sys.argv[1]))["system-security-plan"]
count = 0
for requirement in plan["control-implementation"]["implemented-requirements"]:
    for statement in requirement.get("statements", []):
        for by in statement.get("by-components", []):
            export = by.get("export", {})
            provided = export.get("provided", [])
            owed = export.get("responsibilities", [])
            tied = {r["provided-uuid"] for r in owed if "provided-uuid" in r}
            count += len(owed) + sum(1 for p in provided if p["uuid"] not in tied)
print(count)
EOF
)
    found=$(find "$work/ssp-markdown/inheritance" -name '*.md' | wc -l)
    if [ "$found" -eq "$expected" ] && [ "$found" -gt 0 ]; then
      echo "oscal-validate: trestle author ssp-generate --leveraged-ssp $first_plan: $found inheritance statements"
      passed=$((passed + 1))
    else
      echo "FAILED ssp-generate: $found inheritance statements written where the plan exports $expected" >&2
      failed=$((failed + 1))
    fi
  else
    tail -20 "$work/generate.log" >&2
    echo "FAILED ssp-generate --leveraged-ssp $first_plan" >&2
    failed=$((failed + 1))
  fi
fi

echo "oscal-validate: ${passed} valid, ${failed} invalid"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

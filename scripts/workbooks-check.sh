#!/usr/bin/env bash
# The FedRAMP CIS/CRM workbook and the CAIQ SSRM columns of every seed of
# ../shared/corpus (when present) and every fixture of ours, or of the files
# given as arguments, opened by another reader than ours (openpyxl, which
# compliance-trestle installs) and read back by `raci parse`:
#
# - the sheets and their headers are named as FedRAMP's workbook and the
#   CAIQ name them;
# - every control row says what `raci controls FILE` says of it (CRM: Yes /
#   Partial / No; CIS: one control-origination mark; CAIQ: the SSRM
#   ownership);
# - `raci parse` of the workbook gives back the same ownership per control.
#
#   scripts/workbooks-check.sh [FILE…]
#
# RACI names the raci binary to use (default: built with cargo). Exits
# non-zero when a workbook fails any of these.
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
if ! python3 -c 'import openpyxl' 2>/dev/null; then
  echo "workbooks-check: installing openpyxl with pip" >&2
  python3 -m pip install --quiet --disable-pip-version-check openpyxl >&2
fi

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  if [ -d "$root/../shared/corpus/seeds" ]; then
    for f in "$root"/../shared/corpus/seeds/*; do files+=("$f"); done
  else
    echo "workbooks-check: no shared corpus beside the repository; checking our fixtures only" >&2
  fi
  while IFS= read -r f; do files+=("$f"); done < <(find "$root/tests/fixtures" -maxdepth 1 -type f \( -name '*.md' -o -name '*.txt' \) | sort)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
for file in "${files[@]}"; do
  for kind in fedramp-crm caiq; do
    framework=nist-800-53
    [ "$kind" = caiq ] && framework=ccm
    if ! "$RACI" --quiet convert "$file" --to "$kind" -o "$work/book.xlsx" ||
      ! "$RACI" --quiet controls "$file" --framework "$framework" --format json >"$work/view.json" ||
      ! "$RACI" --quiet parse "$work/book.xlsx" --format json >"$work/back.json"; then
      echo "FAILED to write or read back the $kind workbook of $file" >&2
      failed=$((failed + 1))
      continue
    fi
    if python3 - "$kind" "$work/book.xlsx" "$work/view.json" "$work/back.json" <<'EOF'
import json, sys
import openpyxl

kind, book, view, back = sys.argv[1:]
view, back = json.load(open(view)), json.load(open(back))
owned = {c["label"]: c for c in view["controls"] if c["ownership"] != "undetermined"}
errors = []

def rows(sheet, header_row):
    header = [c.value for c in sheet[header_row]]
    for row in sheet.iter_rows(min_row=header_row + 1, values_only=True):
        if row[0] is not None:
            yield dict(zip(header, row))

workbook = openpyxl.load_workbook(book)
if kind == "fedramp-crm":
    if workbook.sheetnames != ["CIS Worksheet", "CRM Worksheet"]:
        errors.append(f"sheets {workbook.sheetnames}")
    cis, crm = workbook["CIS Worksheet"], workbook["CRM Worksheet"]
    origination = [
        "Service Provider Corporate", "Service Provider System Specific",
        "Service Provider Hybrid (Corporate and System Specific)",
        "Configured by Customer (Customer System Specific)",
        "Provided by Customer (Customer System Specific)",
        "Shared (Service Provider and Customer Responsibility)",
        "Inherited from pre-existing FedRAMP Authorization",
    ]
    expected_cis = ["Control ID", "Implemented", "Partially Implemented", "Planned",
                    "Alternative Implementation", "N/A"] + origination
    if [c.value for c in cis[3]] != expected_cis:
        errors.append(f"CIS header {[c.value for c in cis[3]]}")
    side = {"Service Provider System Specific": "provider",
            "Configured by Customer (Customer System Specific)": "customer",
            "Provided by Customer (Customer System Specific)": "customer",
            "Shared (Service Provider and Customer Responsibility)": "shared"}
    seen = set()
    for row in rows(cis, 3):
        marks = [name for name in origination if row.get(name) == "X"]
        control = owned.get(row["Control ID"])
        seen.add(row["Control ID"])
        if control is None or row.get("Implemented") != "X" or len(marks) != 1 \
                or side.get(marks[0]) != control["ownership"]:
            errors.append(f"CIS row {row}")
    if seen != set(owned):
        errors.append(f"CIS controls {sorted(seen ^ set(owned))}")
    header = [c.value for c in crm[2]]
    if header != ["Control ID", "Can Be Inherited from CSP",
                  "Specific Inheritance and Customer Agency/CSP Responsibilities"]:
        errors.append(f"CRM header {header}")
    seen = set()
    for row in rows(crm, 2):
        control = owned.get(row["Control ID"])
        seen.add(row["Control ID"])
        text = row.get("Specific Inheritance and Customer Agency/CSP Responsibilities")
        if control is None or row["Can Be Inherited from CSP"] != control["inheritable"] \
                or (control["inheritable"] == "Yes") != (text is None):
            errors.append(f"CRM row {row}")
    if seen != set(owned):
        errors.append(f"CRM controls {sorted(seen ^ set(owned))}")
else:
    if workbook.sheetnames != ["CAIQv4 SSRM"]:
        errors.append(f"sheets {workbook.sheetnames}")
    sheet = workbook["CAIQv4 SSRM"]
    header = [c.value for c in sheet[2]]
    if header != ["CCM Control ID", "SSRM Control Ownership",
                  "CSP Implementation Description (Optional/Recommended)",
                  "CSC Responsibilities (Optional/Recommended)"]:
        errors.append(f"CAIQ header {header}")
    ssrm = {("provider", "none"): "CSP-owned", ("provider", "alone"): "Third-party outsourced",
            ("provider", "with-provider"): "Shared CSP and 3rd-party"}
    seen = set()
    for row in rows(sheet, 2):
        control = owned.get(row["CCM Control ID"])
        seen.add(row["CCM Control ID"])
        if control is None:
            errors.append(f"CAIQ row {row}")
            continue
        wanted = {"shared": "Shared CSP and CSC", "customer": "CSC-owned"}.get(
            control["ownership"]) or ssrm[(control["ownership"], control["third_party"])]
        if row["SSRM Control Ownership"] != wanted or not all(row.values()):
            errors.append(f"CAIQ row {row}")
    if seen != set(owned):
        errors.append(f"CAIQ controls {sorted(seen ^ set(owned))}")
back_owned = {c["label"]: c["ownership"] for c in back["controls"]}
if back_owned != {label: c["ownership"] for label, c in owned.items()}:
    errors.append("raci parse read back another ownership")
for error in errors:
    print(error, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF
    then
      passed=$((passed + 1))
    else
      echo "FAILED: the $kind workbook of $file" >&2
      failed=$((failed + 1))
    fi
  done
done

echo "workbooks-check: ${passed} workbooks opened and read back, ${failed} failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

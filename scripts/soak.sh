#!/usr/bin/env bash
# soak.sh [CYCLES]: `raci serve` SIGKILLed at a random moment CYCLES times
# (50 by default) under a mixed load (services and editions published,
# subscriptions, evidence files, submissions, consultation answers,
# sign-offs, change notices accepted, exports, webhooks delivered to a
# local receiver), on SQLite and on a throwaway PostgreSQL
# (scripts/with-postgres.sh). After each restart every acknowledged write
# must be there and every audit chain verify; at the end every webhook
# delivery must have reached the receiver, each with its X-Raci-Delivery key.
# Prints one line of figures per backend (RELIABILITY.md records them).
# Not in CI's default test run (the test is #[ignore]d); .ci/run runs 3 cycles.
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${1:-50}
SOAK_CYCLES=$cycles bash scripts/with-postgres.sh \
    cargo test -q --locked -p raci-cli --test cli soak_ -- --ignored --nocapture --test-threads 1

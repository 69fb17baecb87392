#!/usr/bin/env bash
# Installs aiosmtpd (PyPI) for the mail tests of raci-server when python3
# lacks it; says so and exits 0 when it cannot (the tests then skip, saying why).
set -euo pipefail
if ! command -v python3 >/dev/null 2>&1; then
    echo "install-aiosmtpd: no python3: the SMTP tests will skip" >&2
    exit 0
fi
if python3 -c 'import aiosmtpd' 2>/dev/null; then
    exit 0
fi
python3 -m pip install --quiet --disable-pip-version-check aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages aiosmtpd \
    || echo "install-aiosmtpd: pip could not install aiosmtpd: the SMTP tests will skip" >&2
python3 -c 'import aiosmtpd; print("aiosmtpd", aiosmtpd.__version__)' 2>/dev/null || true

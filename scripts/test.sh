#!/usr/bin/env bash
# Install everything into .venv (first run only) and run the test suite offline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then echo "error: no tests were collected" >&2; exit 1; fi
exit "$rc"

#!/usr/bin/env bash
# One command on a fresh machine: set up, then run the main job on the embedded default
# (the bundled sample corpus into a SQLite file, ./tradetalks-demo.db) and print what it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/tradetalks demo "$@"

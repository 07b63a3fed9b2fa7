#!/usr/bin/env bash
# Set up TradeTalks on a fresh machine: a virtual environment in .venv with the package and
# its pinned dependencies. With --test, also the test tools and the system packages the test
# suite uses (Debian chromium for the browser tests, PostgreSQL server with contrib for the store tests).
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "TradeTalks needs Python 3.11 or newer; $python is $("$python" --version 2>&1)" >&2
  exit 1
fi

if [ "$want_test" = 1 ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  ls /usr/share/postgresql/*/extension/unaccent.control >/dev/null 2>&1 || need+=(postgresql-contrib)
  if [ "${#need[@]}" -gt 0 ]; then
    echo "installing system packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${need[@]}"
  fi
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$want_test" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
echo "set up: $(.venv/bin/tradetalks --help >/dev/null && echo 'tradetalks installed in .venv')"

#!/usr/bin/env bash
# Run the whole suite. Installs Debian's chromium for the browser test when it is missing and we are root.
# pytest's exit code 5 (no test ran) is a failure here.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing chromium for the browser test (Debian package)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "!! could not install chromium; the browser test will fail under CI" >&2
  else
    echo "!! chromium is missing: install Debian's 'chromium' package to run the browser test" >&2
  fi
fi

echo "==> pytest on ${TEST_DATABASE_URL:-SQLite}"
"$VENV/bin/python" -m pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "!! pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit $rc

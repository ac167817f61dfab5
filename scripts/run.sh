#!/usr/bin/env bash
# Serve the board locally: start Meilisearch, migrate, seed demo data on first run, index, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-5000}
MEILI_PORT=${MEILI_PORT:-7700}
INSTANCE=${CAREERS_INSTANCE_PATH:-$PWD/instance}
export FLASK_APP=app.py
flask() { "$VENV/bin/flask" "$@"; }

MEILI_DIR="$INSTANCE/meili"
if [ -z "${MEILI_URL:-}" ]; then
  echo "==> Starting Meilisearch on 127.0.0.1:$MEILI_PORT (data in $MEILI_DIR)"
  if "$VENV/bin/python" scripts/meili_server.py start --port "$MEILI_PORT" --data-dir "$MEILI_DIR"; then
    export MEILI_URL="http://127.0.0.1:$MEILI_PORT"
    export MEILI_MASTER_KEY_FILE="$MEILI_DIR/master.key"
    trap '"$VENV/bin/python" scripts/meili_server.py stop --data-dir "$MEILI_DIR" || true' EXIT
  else
    echo "!! Meilisearch could not start; the board will search with SQL (basic mode)." >&2
  fi
fi

echo "==> Migrating the database (${DATABASE_URL:-SQLite file instance/careers.sqlite3})"
flask db upgrade
echo "==> Demo data (first run only)"
flask demo seed --if-empty
flask jobs expire
if [ -n "${MEILI_URL:-}" ]; then
  echo "==> Search index"
  flask search setup || echo "!! search index not ready; the board will search with SQL until it is." >&2
fi

cat <<TXT

  CodeCareers is running at  http://$HOST:$PORT/

  Demo logins (password after the slash):
    admin     admin@codecareers.example   / demo-admin-pass
    employer  employer@lakeshore.example  / demo-employer-pass
    coder     coder@demo.example          / demo-coder-pass

  Stop with Ctrl-C.
TXT
if [ "${CAREERS_SERVER:-flask}" = "gunicorn" ]; then
  "$VENV/bin/gunicorn" --bind "$HOST:$PORT" --workers "${WEB_CONCURRENCY:-3}" app:app
else
  "$VENV/bin/flask" run --host "$HOST" --port "$PORT"
fi

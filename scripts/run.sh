#!/usr/bin/env bash
# Serve the board locally: migrate, seed demo data on first run, print the URL and demo logins, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-5000}
export FLASK_APP=app.py
flask() { "$VENV/bin/flask" "$@"; }

echo "==> Migrating the database (${DATABASE_URL:-SQLite file instance/careers.sqlite3})"
flask db upgrade
echo "==> Demo data (first run only)"
flask demo seed --if-empty
flask jobs expire

cat <<TXT

  CodeCareers is running at  http://$HOST:$PORT/

  Demo logins (password after the slash):
    admin     admin@codecareers.example   / demo-admin-pass
    employer  employer@lakeshore.example  / demo-employer-pass
    coder     coder@demo.example          / demo-coder-pass

  Stop with Ctrl-C.
TXT
if [ "${CAREERS_SERVER:-flask}" = "gunicorn" ]; then
  exec "$VENV/bin/gunicorn" --bind "$HOST:$PORT" --workers "${WEB_CONCURRENCY:-3}" app:app
fi
exec "$VENV/bin/flask" run --host "$HOST" --port "$PORT"

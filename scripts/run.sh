#!/usr/bin/env bash
# Serve the board locally: start Meilisearch and the mail catcher, migrate, seed demo data on first run,
# index, start the queue consumer, serve. Ctrl-C stops all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-5000}
MEILI_PORT=${MEILI_PORT:-7700}
MAIL_PORT=${MAIL_PORT:-8025}
INSTANCE=${CAREERS_INSTANCE_PATH:-$PWD/instance}
export MAIL_DIR=${MAIL_DIR:-$INSTANCE/mail}
export FLASK_APP=app.py
flask() { "$VENV/bin/flask" "$@"; }

# What we started, stopped on exit (Ctrl-C included). Background jobs of a script ignore the terminal's
# Ctrl-C, so each is signalled by its pid: SIGINT lets the queue consumer finish its tasks.
STARTED_PIDS=()
MEILI_STARTED=
cleanup() {
  for pid in "${STARTED_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$MEILI_STARTED" ]; then
    "$VENV/bin/python" scripts/meili_server.py stop --data-dir "$MEILI_DIR" || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

MEILI_DIR="$INSTANCE/meili"
if [ -z "${MEILI_URL:-}" ]; then
  echo "==> Starting Meilisearch on 127.0.0.1:$MEILI_PORT (data in $MEILI_DIR)"
  if "$VENV/bin/python" scripts/meili_server.py start --port "$MEILI_PORT" --data-dir "$MEILI_DIR"; then
    export MEILI_URL="http://127.0.0.1:$MEILI_PORT"
    export MEILI_MASTER_KEY_FILE="$MEILI_DIR/master.key"
    MEILI_STARTED=1
  else
    echo "!! Meilisearch could not start; the board will search with SQL (basic mode)." >&2
  fi
fi

if [ -z "${MAIL_URL:-}" ]; then
  echo "==> Starting the mail catcher on 127.0.0.1:$MAIL_PORT (every mail saved in $MAIL_DIR, shown on /admin/mail)"
  "$VENV/bin/python" scripts/mail_catcher.py --port "$MAIL_PORT" --dir "$MAIL_DIR" &
  STARTED_PIDS+=($!)
  export MAIL_URL="smtp://127.0.0.1:$MAIL_PORT"
  if ! "$VENV/bin/python" - "$MAIL_PORT" <<'PY'
import socket, sys, time
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
  then
    echo "!! the mail catcher did not start (port $MAIL_PORT taken? set MAIL_PORT); mail waits in the outbox (flask mail status)." >&2
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

echo "==> Starting the queue consumer (log in $INSTANCE/queue.log)"
PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/huey_consumer" careers.queue.huey \
  --workers "${QUEUE_WORKERS:-2}" --worker-type thread --logfile "$INSTANCE/queue.log" >>"$INSTANCE/queue.log" 2>&1 &
STARTED_PIDS+=($!)
sleep 1
kill -0 "${STARTED_PIDS[-1]}" 2>/dev/null \
  || echo "!! the queue consumer stopped at once (see $INSTANCE/queue.log); mail waits in the outbox." >&2

cat <<TXT

  CodeCareers is running at  http://$HOST:$PORT/

  Demo logins (password after the slash):
    admin     admin@codecareers.example   / demo-admin-pass
    employer  employer@lakeshore.example  / demo-employer-pass
    coder     coder@demo.example          / demo-coder-pass

  Mail goes to the catcher: http://$HOST:$PORT/admin/mail (as admin), files in $MAIL_DIR
  Stop with Ctrl-C (web server, queue consumer, mail catcher and Meilisearch).
TXT
if [ "${CAREERS_SERVER:-flask}" = "gunicorn" ]; then
  "$VENV/bin/gunicorn" --bind "$HOST:$PORT" --workers "${WEB_CONCURRENCY:-3}" app:app
else
  "$VENV/bin/flask" run --host "$HOST" --port "$PORT"
fi

"""Fixtures: one app and one real database per test session (SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), the schema built by the migrations, every table emptied after each test."""

from __future__ import annotations

import atexit
import contextvars
import importlib.util
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, make_url, text

from careers import create_app
from careers.extensions import db as _db

ROOT = Path(__file__).resolve().parent.parent
# Every app the tests create (the browser test's and the CSRF test's too) hashes passwords with a cheap argon2id.
CHEAP_ARGON2 = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1}
for _name, _value in CHEAP_ARGON2.items():
    os.environ.setdefault(_name, str(_value))
# The queue's SQLite file is the suite's own, never the developer's instance/queue.sqlite3: careers.queue
# opens it when first imported (by create_app). Huey runs in immediate mode in tests (see `app`) anyway.
_QUEUE_DIR = tempfile.mkdtemp(prefix="careers-test-queue-")
atexit.register(shutil.rmtree, _QUEUE_DIR, ignore_errors=True)
os.environ.setdefault("QUEUE_SQLITE_PATH", str(Path(_QUEUE_DIR) / "queue.sqlite3"))


def _database_url(tmp: Path) -> Iterator[str]:
    """SQLite in a temp dir, or a fresh PostgreSQL database on TEST_DATABASE_URL's server.

    Each session gets its own database so parallel runs (and a developer's own data) never collide.
    """
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp / 'test.sqlite3'}"
        return
    base = make_url(url)
    name = f"careers_test_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _load_meili_script():
    """scripts/meili_server.py: obtains, starts and stops the real Meilisearch binary."""
    spec = importlib.util.spec_from_file_location("meili_server", ROOT / "scripts" / "meili_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MeiliServer:
    """The suite's own Meilisearch (its own port and data dir); tests may stop and start it."""

    def __init__(self, data_dir: Path) -> None:
        self.script = _load_meili_script()
        self.data_dir = data_dir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.key_file = data_dir / "master.key"

    def start(self) -> None:
        self.script.start(self.port, self.data_dir)

    def stop(self) -> None:
        self.script.stop(data_dir=self.data_dir)


@pytest.fixture(scope="session")
def meili(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeiliServer]:
    server = MeiliServer(tmp_path_factory.mktemp("meili"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real SMTP server (aiosmtpd, the dev catcher's handler) in the test process: the app's MAIL_URL,
    saving .eml files into the app's MAIL_DIR. Use the `mailbox` fixture to read what arrived."""
    from tests.mail.server import SmtpServer

    server = SmtpServer(_free_port(), tmp_path_factory.mktemp("mail"))
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def mailbox(smtp_server: Any) -> Iterator[Any]:
    """The SMTP server, emptied: mailbox.messages lists what arrived during the test (ReceivedMail)."""
    if not smtp_server.running:  # a test that stopped it failed before starting it again
        smtp_server.start()
    smtp_server.clear()
    yield smtp_server


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory, meili: MeiliServer, smtp_server: Any) -> Iterator[Flask]:
    from careers.queue import huey

    # Tests deliver mail synchronously: in Huey's immediate mode a task runs when it is enqueued (after the
    # commit), on in-memory storage. Tests of the queue itself (tests/test_queue.py) switch to a real one.
    huey.immediate = True
    tmp = tmp_path_factory.mktemp("careers")
    os.environ.setdefault("CAREERS_INSTANCE_PATH", str(tmp / "instance"))
    urls = _database_url(tmp)
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": next(urls),
        "WTF_CSRF_ENABLED": False,
        # argon2id, but cheap (1 MiB, one pass): every factory account hashes a password. The production
        # parameters are checked in tests/auth/test_passwords.py.
        **CHEAP_ARGON2,
        "MEILI_URL": meili.url,
        "MEILI_MASTER_KEY_FILE": str(meili.key_file),
        "MEILI_INDEX": "jobs",
        "MEILI_BREAKER_SECONDS": 0,
        # Pushing on every factory commit would queue an indexing task per commit; tests that search
        # call sync_index() (or turn this on) instead.
        "SEARCH_SYNC_ON_COMMIT": False,
        "MAIL_URL": smtp_server.url,
        "MAIL_DIR": str(smtp_server.directory),
        "PUBLIC_URL": "http://localhost",  # links in mails open with the test client as they are
        # Many tests log in as the same accounts: rate limits are off here; tests/test_rate_limits.py builds
        # apps with them on.
        "RATELIMIT_ENABLED": False,
    })
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()
    urls.close()


@pytest.fixture()
def db(app: Flask) -> Iterator[object]:
    """The database, emptied after the test (rows only; the schema stays)."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        clear_index()
        # search_state survives: it records that the live index has the current settings.
        tables = [t.name for t in reversed(_db.metadata.sorted_tables) if t.name != "search_state"]
        with _db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for name in tables:
                    conn.execute(text(f"DELETE FROM {name}"))  # noqa: S608 - table names from metadata


def clear_index() -> None:
    """Empty the jobs index (keeping its settings) so each test starts from no documents; fail loudly otherwise.

    The one case tolerated is an index that does not exist yet (nothing has indexed a job in this session).
    The only test that stops the engine (tests/search/test_sync.py::test_engine_down_nothing_lost_and_search_degrades)
    starts it again in a `finally`, so an engine that does not answer here is an error like any other: documents
    left behind would leak into the next test.
    """
    from meilisearch.errors import MeilisearchApiError

    from careers.extensions import search

    search.reset()
    client = search.index_client()
    index = client.index(search.index_uid)
    try:
        documents = index.get_stats().number_of_documents
    except MeilisearchApiError as exc:
        if exc.code == "index_not_found":
            return
        raise
    if documents:
        task = client.wait_for_task(index.delete_all_documents().task_uid, timeout_in_ms=60_000, interval_in_ms=10)
        if task.status != "succeeded":
            raise RuntimeError(f"could not empty the {search.index_uid!r} index: {task.error}")


def sync_index() -> None:
    """Push every pending outbox row and wait until Meilisearch has indexed them."""
    from careers.search import sync

    sync.drain(wait=True)
    wait_for_index()


def wait_for_index() -> None:
    """Block until Meilisearch has processed every task sent so far."""
    from careers.extensions import search

    client = search.index_client()
    tasks = client.get_tasks({"limit": 1})
    if tasks.results:
        client.wait_for_task(tasks.results[0].uid, timeout_in_ms=60_000, interval_in_ms=10)


class IsolatedClient(FlaskClient):
    """A test client whose requests run in their own app context, as in production.

    Flask 3 lets a request reuse an app context that is already pushed, and the `db` fixture pushes one
    for the whole test: the view would then share the test's SQLAlchemy session (identity map) and
    flask.g, which hides what the view really loads and commits. Each request here starts from an
    empty contextvars.Context instead; the test's session commits first so it holds no lock meanwhile
    (and, expired by that commit, re-reads whatever the request changed).
    """

    def __enter__(self) -> IsolatedClient:
        # `with client:` keeps the last request's contexts to push them again later, which cannot work
        # across the throwaway contexts used here.
        raise TypeError("IsolatedClient runs each request in its own context: use it without `with`")

    def open(self, *args: Any, **kwargs: Any) -> Any:
        if has_app_context():
            _db.session.commit()
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture()
def client(app: Flask, db: object) -> FlaskClient:
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture()
def login(client: FlaskClient):
    """login(user) signs the test client in as that user (password from the factories)."""
    from tests.factories import PASSWORD

    def do(user) -> None:
        client.post("/logout")
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]

    return do


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture()
def count_queries(db):
    """with count_queries() as c: ... ; c.count is the number of SQL statements run."""
    from contextlib import contextmanager

    @contextmanager
    def counting() -> Iterator[QueryCounter]:
        counter = QueryCounter()
        event.listen(_db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(_db.engine, "before_cursor_execute", counter)

    return counting

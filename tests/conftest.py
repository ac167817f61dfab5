"""Fixtures: one app and one real database per test session (SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), the schema built by the migrations, every table emptied after each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, make_url, text

from careers import create_app
from careers.extensions import db as _db


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


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    tmp = tmp_path_factory.mktemp("careers")
    os.environ.setdefault("CAREERS_INSTANCE_PATH", str(tmp / "instance"))
    urls = _database_url(tmp)
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": next(urls),
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
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
        tables = [t.name for t in reversed(_db.metadata.sorted_tables)]
        with _db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for name in tables:
                    conn.execute(text(f"DELETE FROM {name}"))  # noqa: S608 - table names from metadata


@pytest.fixture()
def client(app: Flask, db: object) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def login(client: FlaskClient):  # noqa: ANN201
    """login(user) signs the test client in as that user (password from the factories)."""
    from tests.factories import PASSWORD

    def do(user) -> None:  # noqa: ANN001
        client.post("/logout")
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]

    return do


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture()
def count_queries(db):  # noqa: ANN001, ANN201
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

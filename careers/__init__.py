"""CodeCareers: the job board made for medical coders.

create_app() builds the application in named steps, cookiecutter-flask style.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request
from flask_login import current_user
from sqlalchemy import event
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from careers import config


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(config.INSTANCE),
        template_folder=str(config.ROOT / "templates"),
        static_folder=str(config.ROOT / "static"),
    )
    app.config.from_mapping(config.load())
    if test_config:
        app.config.from_mapping(test_config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from careers import mail, queue
    from careers.extensions import csrf, db, login_manager, migrate, search
    from careers.search import sync

    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_wal)
    migrate.init_app(app, db, directory=str(config.ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    search.init_app(app)
    sync.init_app(app)
    mail.init_app(app)
    queue.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to continue."
    login_manager.login_message_category = "info"

    from careers import auth, models, security  # noqa: F401 - models: every model registered with the metadata

    auth.init_app(app)  # the session loader (id and session token) and the "confirm your email first" page
    security.init_app(app)  # security headers on every response


def _sqlite_wal(dbapi_connection: Any, connection_record: Any) -> None:
    """SQLite in write-ahead-log mode: readers never block the writer, so a reindex streaming the
    board or several gunicorn workers reading do not make a posting fail with "database is locked"."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class BoundedInt(IntegerConverter):
    """`<int:...>` ids that fit the database's INTEGER: larger numbers are a 404, not an overflow."""

    def __init__(self, map: Any, fixed_digits: int = 0, min: int | None = 0, max: int | None = 2**31 - 1,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def register_blueprints(app: Flask) -> None:
    app.url_map.converters["int"] = BoundedInt
    from careers.admin import views as admin
    from careers.api import views as api
    from careers.applications import views as applications
    from careers.auth import views as auth
    from careers.candidates import views as candidates
    from careers.codepages import views as codes
    from careers.employers import views as employers
    from careers.jobs import views as jobs
    from careers.mail import views as mail
    from careers.main import views as main
    from careers.notices import views as notices

    for module in (main, auth, jobs, employers, candidates, applications, admin, mail, codes, api, notices):
        app.register_blueprint(module.bp)
    from careers.extensions import limiter

    limiter.init_app(app)  # after the blueprints: it applies careers/limits.py to the views marked rate_limit


def register_errorhandlers(app: Flask) -> None:
    from careers.api.errors import API_PREFIX, api_error_response
    from careers.extensions import db

    def render_error(error: Any) -> Any:
        code = getattr(error, "code", 500) or 500
        if code >= 500:
            db.session.rollback()
        if request.path.startswith(API_PREFIX):  # the JSON API never answers with an HTML page
            # werkzeug's stock texts speak of "the server"; ours say what the API has. A description
            # given on purpose (abort(404, "...")) is kept.
            described = getattr(error, "description", None)
            if described == getattr(type(error), "description", None):
                described = None
            response = api_error_response(code, described)
        else:
            response = render_template("errors/error.html", code=code, error=error), code
        # Keep what the error says in its headers: Allow on a 405, Retry-After on a 429, ...
        headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"] \
            if isinstance(error, HTTPException) else []
        return (*response, headers) if headers else response

    app.register_error_handler(HTTPException, render_error)  # every HTTP error (401, 415, 429, ...)
    app.register_error_handler(500, render_error)  # and unhandled exceptions


def register_template_helpers(app: Flask) -> None:
    from careers import taxonomy

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {"taxonomy": taxonomy, "current_user": current_user}

    @app.template_filter("date")
    def format_date(value: Any, fmt: str = "%b %-d, %Y") -> str:
        return value.strftime(fmt) if value else ""

    @app.template_filter("flat_errors")
    def flat_errors(errors: Any) -> list[str]:
        """Field errors as plain messages, also for a list of sub-forms (credential rows)."""
        out: list[str] = []
        items = errors.values() if isinstance(errors, dict) else errors
        for item in items or []:
            if isinstance(item, str):
                out.append(item)
            else:
                out.extend(m for m in flat_errors(item) if m not in out)
        return out

    @app.template_filter("isodate")
    def format_isodate(value: str | None, fmt: str = "%b %-d, %Y") -> str:
        from datetime import datetime

        return datetime.fromisoformat(value).strftime(fmt) if value else ""


def register_commands(app: Flask) -> None:
    from careers.admin.commands import cli
    from careers.demo.commands import demo_cli
    from careers.jobs.commands import jobs_cli
    from careers.mail.commands import mail_cli
    from careers.search.commands import search_cli

    for group in (cli, jobs_cli, demo_cli, search_cli, mail_cli):
        app.register_blueprint(group)

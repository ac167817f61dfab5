"""The task queue: one Huey instance for the web processes (which enqueue) and the consumers (which run).

Storage is SQLite in the instance folder (QUEUE_SQLITE_PATH) by default, so a newcomer needs nothing;
with REDIS_URL set it is Redis, and consumers on several machines share it. Run a consumer with

    huey_consumer careers.queue.huey -w 2 -k thread

Tasks are declared with `task` and `periodic_task` from this module (not huey's own decorators): the
function then runs inside a Flask app context (the current app when one is pushed, else one app created
with careers.create_app() once per consumer process), a failure is logged with the task's arguments and
raised again so Huey retries it, and retries back off:

    RETRY_SCHEDULE: 6 retries, 60 s after the first failure, then doubling (1, 2, 4, 8, 16, 32 min:
    about an hour in all). Periodic tasks are not retried: they run again at their next tick.

Task modules are listed in TASK_MODULES and imported at the end of this module, so the consumer, which
imports only `careers.queue`, knows every task (and every periodic task) before it reads a message.
"""

from __future__ import annotations

import functools
import importlib
import logging
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, has_app_context
from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey

from careers import config

log = logging.getLogger(__name__)

RETRIES = 6
RETRY_DELAY = 60  # seconds before the first retry
RETRY_BACKOFF = 2  # each later retry waits twice as long as the one before
RETRY_SCHEDULE = [RETRY_DELAY * RETRY_BACKOFF**n for n in range(RETRIES)]  # seconds: 60, 120, ... 1920

# Modules that declare tasks: imported below so a consumer registers all of them.
TASK_MODULES = ("careers.mail.tasks", "careers.search.tasks", "careers.jobs.tasks")

__all__ = ["RETRY_SCHEDULE", "crontab", "huey", "make_huey", "periodic_task", "task"]


def make_huey(redis_url: str = "", sqlite_path: str = "") -> Huey:
    """RedisHuey when a Redis URL is given, else SqliteHuey on `sqlite_path`. No result store: tasks record
    their effects in the database, and results nobody reads would pile up in the queue's storage."""
    if redis_url:
        from redis import ConnectionPool

        # Short timeouts: an enqueue in a request must not hang on an unreachable or stuck Redis (it fails,
        # is logged, and the periodic sweep sends the mail later). The read timeout stays above the
        # consumer's 1 s blocking pop.
        pool = ConnectionPool.from_url(redis_url, socket_connect_timeout=0.5, socket_timeout=5,
                                       health_check_interval=30)
        return RedisHuey("careers", results=False, connection_pool=pool)
    return SqliteHuey("careers", results=False, filename=sqlite_path, timeout=5)


def _settings() -> dict[str, Any]:
    settings = config.load()
    return {"redis_url": settings["REDIS_URL"], "sqlite_path": settings["QUEUE_SQLITE_PATH"]}


huey: Huey = make_huey(**_settings())

# -- the Flask app tasks run in ------------------------------------------------------------------------

_app: Flask | None = None
_app_lock = threading.Lock()


def consumer_app() -> Flask:
    """The app of this consumer process, created once. url_for(..., _external=True) works in it: it has no
    requests, so SERVER_NAME, APPLICATION_ROOT and PREFERRED_URL_SCHEME come from PUBLIC_URL."""
    global _app
    with _app_lock:
        if _app is None:
            from careers import create_app

            app = create_app()
            public = urlsplit(app.config["PUBLIC_URL"])
            app.config["SERVER_NAME"] = public.netloc
            app.config["APPLICATION_ROOT"] = public.path or "/"
            app.config["PREFERRED_URL_SCHEME"] = public.scheme or "http"
            _app = app
        return _app


def _in_app_context(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run `func` in an app context; log a failure with the task's arguments, then raise it for Huey."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            if has_app_context():
                return func(*args, **kwargs)
            with consumer_app().app_context():
                return func(*args, **kwargs)
        except Exception:
            log.exception("task %s.%s failed; args=%r kwargs=%r", func.__module__, func.__qualname__, args, kwargs)
            raise

    return run


def task(retries: int = RETRIES, retry_delay: int = RETRY_DELAY, retry_backoff: float = RETRY_BACKOFF,
         **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
    """huey.task with an app context, logged failures and the retry schedule above."""

    def decorator(func: Callable[..., Any]) -> Any:
        return huey.task(retries=retries, retry_delay=retry_delay, retry_backoff=retry_backoff,
                         **kwargs)(_in_app_context(func))

    return decorator


def periodic_task(validate_datetime: Callable[..., bool], **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
    """huey.periodic_task (e.g. `@periodic_task(crontab(minute="*"))`) with an app context and logged failures."""

    def decorator(func: Callable[..., Any]) -> Any:
        return huey.periodic_task(validate_datetime, **kwargs)(_in_app_context(func))

    return decorator


def enqueue_safely(task_wrapper: Any, *args: Any) -> bool:
    """Enqueue a task call; a queue that is down is logged, never raised (returns False then)."""
    try:
        task_wrapper(*args)
        return True
    except Exception:
        log.exception("could not enqueue %s%r; the periodic sweep will pick it up", task_wrapper.name, args)
        return False


def init_app(app: Flask) -> None:
    """Nothing per app: the Huey instance belongs to the process. Kept for the init_app pattern."""
    app.extensions["queue"] = huey


for _module in TASK_MODULES:
    importlib.import_module(_module)

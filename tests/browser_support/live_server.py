"""A Flask app served by werkzeug on 127.0.0.1, on a free port, from a background thread."""

from __future__ import annotations

import threading
import time
from typing import Any

from flask import Flask, got_request_exception
from werkzeug.serving import BaseWSGIServer, make_server

from careers.extensions import db


class LiveServer:
    """`with LiveServer(app) as server:` serves app at server.url until the block ends.

    Exceptions raised inside views are recorded in server.errors (the app still answers with its
    error page), so a test can assert that the run had none.
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.errors: list[str] = []
        self.requests = 0
        self.request_seconds = 0.0  # time spent inside the app, for the timing report
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "the server is not running"
        return f"http://127.0.0.1:{self._server.server_port}"

    def _record(self, sender: Any, exception: BaseException, **extra: Any) -> None:
        self.errors.append(f"{type(exception).__name__}: {exception}")

    def _timed(self, environ: dict, start_response: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.app(environ, start_response)
        finally:
            self.requests += 1
            self.request_seconds += time.perf_counter() - started

    def start(self) -> LiveServer:
        got_request_exception.connect(self._record, self.app)
        self._server = make_server("127.0.0.1", 0, self._timed, threaded=True)  # port 0: the OS picks a free one
        self._thread = threading.Thread(target=self._server.serve_forever, name="live-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        got_request_exception.disconnect(self._record, self.app)
        with self.app.app_context():  # its own engine: no pooled connection may outlive the test
            db.session.remove()
            db.engine.dispose()

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""The test client runs each request in its own app context, as production does (tests/conftest.py)."""

from flask import g, request_started

from careers.extensions import db as _db


def test_a_request_does_not_share_the_tests_session_or_g(app, client, db):
    g.marker = "set by the test"
    test_session = _db.session()
    seen: dict[str, object] = {}

    def record(sender, **extra):
        seen["marker"] = g.get("marker")
        seen["session"] = _db.session()

    with request_started.connected_to(record, app):
        assert client.get("/healthz").status_code == 200
    assert seen["marker"] is None
    assert seen["session"] is not test_session
    assert g.marker == "set by the test"  # the test's own context is untouched

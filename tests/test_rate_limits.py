"""Rate limits (careers/limits.py): login per account and per address, registration, apply, the API; the 429
page and JSON with Retry-After; client addresses behind a proxy; counts shared through Redis.

The session app runs with limits off (many tests sign in as the same accounts); each test here builds an
app of its own with them on, small rates so a few requests reach them, and a key prefix of its own.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from careers import create_app
from careers.applications.models import Application
from careers.auth.models import User
from careers.extensions import db as _db
from careers.extensions import limiter
from careers.limits import LIMITS, rate_limit, submitted_email
from tests import factories
from tests.conftest import IsolatedClient

REDIS_TEST_URL = "redis://127.0.0.1:6379/14"
GENEROUS = "1000 per hour"
# Every limit generous: a test lowers the one it is about.
ALL_GENEROUS = {limit.setting: GENEROUS for limit in LIMITS}
OTHER_ADDRESS = {"REMOTE_ADDR": "203.0.113.7"}


@pytest.fixture()
def limited_app(app: Flask, db: Any) -> Iterator[Callable[..., Flask]]:
    """limited_app(**settings): an app on the test database with rate limits on."""
    made: list[Flask] = []
    prefix = f"test-{uuid.uuid4().hex[:12]}"

    def make(**settings: Any) -> Flask:
        limited = create_app({**app.config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
                              "RATELIMIT_KEY_PREFIX": prefix, **ALL_GENEROUS, **settings})
        limited.test_client_class = IsolatedClient
        made.append(limited)
        return limited

    yield make
    for limited in made:
        limiter.reset(limited)
        with limited.app_context():
            _db.session.remove()
            _db.engine.dispose()


def _login(client: Any, email: str, password: str = "wrong password", **kwargs: Any) -> Any:
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def _retry_after(response: Any, at_most: int) -> int:
    seconds = int(response.headers["Retry-After"])
    assert 1 <= seconds <= at_most
    return seconds


def assert_limited_page(response: Any, at_most: int) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code == 429, html[:300]
    assert response.mimetype == "text/html"
    _retry_after(response, at_most)
    assert "429 · Too many tries" in html and "Try again in " in html


# -- login ---------------------------------------------------------------------------------------------------


def test_login_per_account_counts_failures_of_that_email_however_it_is_typed(limited_app, db):
    app = limited_app(RATELIMIT_LOGIN_PER_ACCOUNT="3 per 15 minutes")
    coder, other = factories.candidate(), factories.candidate()
    client = app.test_client()
    for typed in (coder.email, coder.email.upper(), f"  {coder.email} "):
        assert _login(client, typed).status_code == 200  # the form again, "Email or password is wrong."

    refused = _login(client, coder.email, factories.PASSWORD)  # even the right password waits now
    assert_limited_page(refused, 15 * 60)
    assert "15 minutes" in refused.get_data(as_text=True)
    assert client.get("/me/applications").status_code == 302  # not signed in
    # Another account from the same address is not affected.
    assert _login(client, other.email, factories.PASSWORD).status_code == 302


def test_successful_logins_do_not_count(limited_app, db):
    app = limited_app(RATELIMIT_LOGIN_PER_ACCOUNT="2 per 15 minutes", RATELIMIT_LOGIN_PER_ADDRESS="2 per 15 minutes")
    coder = factories.candidate()
    client = app.test_client()
    for _ in range(4):
        assert _login(client, coder.email, factories.PASSWORD).status_code == 302
        client.post("/logout")
    assert _login(client, coder.email).status_code == 200
    assert _login(client, coder.email, factories.PASSWORD).status_code == 302


def test_login_per_address_counts_failures_across_accounts(limited_app, db):
    app = limited_app(RATELIMIT_LOGIN_PER_ADDRESS="3 per 15 minutes")
    coder = factories.candidate()
    client = app.test_client()
    for n in range(3):
        assert _login(client, f"guess{n}@mail.example").status_code == 200
    assert_limited_page(_login(client, coder.email, factories.PASSWORD), 15 * 60)
    # The coder herself, from her own address, signs in.
    assert _login(client, coder.email, factories.PASSWORD, environ_base=OTHER_ADDRESS).status_code == 302


def test_the_login_page_itself_is_not_limited(limited_app, db):
    app = limited_app(RATELIMIT_LOGIN_PER_ADDRESS="1 per 15 minutes")
    client = app.test_client()
    assert _login(client, "nobody@mail.example").status_code == 200
    assert _login(client, "nobody@mail.example").status_code == 429
    assert client.get("/login").status_code == 200


# -- registration, apply ---------------------------------------------------------------------------------------


def test_registration_per_address(limited_app, db):
    app = limited_app(RATELIMIT_REGISTER_PER_ADDRESS="2 per hour")
    client = app.test_client()
    for kind in ("coder", "employer"):
        assert client.post(f"/register/{kind}", data={"email": "not-an-email"}).status_code == 200
    data = {"full_name": "Dana Reyes", "email": "dana@mail.example", "password": "a long enough password 7",
            "confirm": "a long enough password 7"}
    assert_limited_page(client.post("/register/coder", data=data), 3600)
    assert db.session.scalar(select(func.count()).select_from(User)) == 0  # nothing was created
    assert client.get("/register/coder").status_code == 200  # the form still shows
    assert client.post("/register/coder", data=data, environ_base=OTHER_ADDRESS).status_code == 302


def test_apply_per_user(limited_app, db):
    app = limited_app(RATELIMIT_APPLY_PER_USER="2 per hour")
    jobs = [factories.published_job(title=f"Remote Pathology Coder {n}") for n in range(3)]
    coder, other = factories.candidate(), factories.candidate()
    client = app.test_client()
    assert _login(client, coder.email, factories.PASSWORD).status_code == 302
    for job in jobs[:2]:
        assert client.post(f"/jobs/{job.id}/apply", data={"cover_note": "CPC"}).status_code == 302
    assert_limited_page(client.post(f"/jobs/{jobs[2].id}/apply", data={"cover_note": "CPC"}), 3600)
    assert client.get(f"/jobs/{jobs[2].id}/apply").status_code == 200  # reading the form is not applying
    assert db.session.scalar(select(func.count()).select_from(Application)) == 2

    # Another coder on the same network (same address) applies as usual.
    client.post("/logout")
    assert _login(client, other.email, factories.PASSWORD).status_code == 302
    assert client.post(f"/jobs/{jobs[2].id}/apply", data={"cover_note": "CPC"}).status_code == 302


def test_password_reset_requests_per_email(limited_app, db, mailbox):
    app = limited_app(RATELIMIT_RESET_PER_EMAIL="2 per hour")
    coder = factories.candidate()
    client = app.test_client()
    mailbox.clear()
    for n, typed in enumerate((coder.email, f" {coder.email.upper()}")):
        response = client.post("/password/forgot", data={"email": typed}, environ_base={"REMOTE_ADDR": f"192.0.2.{n}"})
        assert response.status_code == 302
    # A third request for that address, from yet another network, waits: no third mail for her.
    refused = client.post("/password/forgot", data={"email": coder.email}, environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert_limited_page(refused, 3600)
    assert [m.rcpt_tos for m in mailbox.messages] == [[coder.email], [coder.email]]
    assert client.post("/password/forgot", data={"email": "someone.else@mail.example"}).status_code == 302


def test_password_reset_requests_per_address(limited_app, db):
    app = limited_app(RATELIMIT_RESET_PER_ADDRESS="3 per hour")
    client = app.test_client()
    for n in range(3):
        assert client.post("/password/forgot", data={"email": f"guess{n}@mail.example"}).status_code == 302
    assert_limited_page(client.post("/password/forgot", data={"email": "guess9@mail.example"}), 3600)
    assert client.get("/password/forgot").status_code == 200


# -- the API: JSON ---------------------------------------------------------------------------------------------


def test_api_per_address_answers_json_with_retry_after(limited_app, db):
    app = limited_app(RATELIMIT_API_PER_ADDRESS="3 per minute")
    client = app.test_client()
    for path in ("/api/v1/specialties", "/api/v1/codes/E11.9", "/api/v1/codes/not-a-code"):
        assert client.get(path).status_code in (200, 404)  # a 404 counts too
    refused = client.get("/api/v1/specialties")
    assert refused.status_code == 429 and refused.mimetype == "application/json"
    seconds = _retry_after(refused, 60)
    error = refused.get_json()["error"]
    assert error == {"code": "rate_limited", "message": error["message"], "retry_after": seconds}
    assert "Try again in" in error["message"]
    assert client.get("/api/v1/specialties", environ_base=OTHER_ADDRESS).status_code == 200
    # The site itself is not the API: pages answer as before.
    assert client.get("/specialties").status_code == 200


# -- who the client is ----------------------------------------------------------------------------------------


def test_forwarded_for_is_ignored_without_a_proxy_setting(limited_app, db):
    app = limited_app(RATELIMIT_API_PER_ADDRESS="2 per minute")
    client = app.test_client()
    for n in range(2):
        assert client.get("/api/v1/specialties", headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code == 200
    # A client cannot pick a fresh address per request: the limit sees the connection's.
    assert client.get("/api/v1/specialties", headers={"X-Forwarded-For": "198.51.100.9"}).status_code == 429


def test_behind_one_proxy_the_forwarded_client_address_counts(limited_app, db):
    app = limited_app(RATELIMIT_API_PER_ADDRESS="2 per minute", PROXY_COUNT=1)
    client = app.test_client()
    first = {"X-Forwarded-For": "198.51.100.1"}
    # The proxy appends the address it saw; an address the client wrote in front is not believed.
    spoofed = {"X-Forwarded-For": "10.9.9.9, 198.51.100.1"}
    assert client.get("/api/v1/specialties", headers=first).status_code == 200
    assert client.get("/api/v1/specialties", headers=spoofed).status_code == 200
    assert client.get("/api/v1/specialties", headers=first).status_code == 429
    assert client.get("/api/v1/specialties", headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200


# -- configuration ----------------------------------------------------------------------------------------------


def test_limits_off_means_no_limits(app, db):
    assert limiter.of(app) is None  # the session app: RATELIMIT_ENABLED is False
    client = app.test_client()
    for _ in range(15):
        assert _login(client, "nobody@mail.example").status_code == 200


def test_a_mistyped_rate_fails_at_start(app):
    with pytest.raises(ValueError):
        create_app({**app.config, "RATELIMIT_ENABLED": True, "RATELIMIT_API_PER_ADDRESS": "lots per minute"})


def test_an_unknown_group_is_refused_where_it_is_named():
    with pytest.raises(ValueError, match="unknown rate-limit group"):
        rate_limit("logn")


def test_every_limit_has_a_rate_setting_and_a_marked_view(app):
    """Each group of the table is applied to a view (or a blueprint)."""
    marked = {group for view in app.view_functions.values() for group in getattr(view, "_careers_rate_limits", ())}
    marked |= {group for bp in app.blueprints.values() for group in getattr(bp, "_careers_rate_limits", ())}
    assert marked == {limit.group for limit in LIMITS}
    for limit in LIMITS:
        assert app.config[limit.setting]


def test_submitted_email_is_normalised_and_hashed(app):
    keys = set()
    for typed in ("Dana@Mail.Example", "  dana@mail.example ", "DANA@MAIL.EXAMPLE"):
        with app.test_request_context("/login", method="POST", data={"email": typed}):
            keys.add(submitted_email())
    [key] = keys
    assert "dana" not in key and key.startswith("email:")
    with app.test_request_context("/login", method="POST", data={}):
        assert submitted_email() == "email:none"


# -- Redis: several app processes share the counts ----------------------------------------------------------------


def _redis_or_skip() -> Any:
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("REDIS_URL"):  # CI's Redis run: Redis must be there
            raise
        pytest.skip(f"no Redis on {REDIS_TEST_URL}")
    return client


def test_limits_are_shared_through_redis(limited_app, db):
    redis_client = _redis_or_skip()
    settings = {"RATELIMIT_STORAGE_URI": REDIS_TEST_URL, "RATELIMIT_LOGIN_PER_ACCOUNT": "4 per 15 minutes"}
    # Two apps: two gunicorn workers, or two machines, behind one load balancer.
    first, second = limited_app(**settings), limited_app(**settings)
    prefix = first.config["RATELIMIT_KEY_PREFIX"]
    coder = factories.candidate()
    clients = [first.test_client(), second.test_client()]
    for n in range(4):
        assert _login(clients[n % 2], coder.email).status_code == 200
    assert redis_client.keys(f"*{prefix}*"), "no count was written to Redis"
    for client in clients:
        assert_limited_page(_login(client, coder.email, factories.PASSWORD), 15 * 60)
    # A third process started later sees the same counts.
    assert _login(limited_app(**settings).test_client(), coder.email, factories.PASSWORD).status_code == 429
    for key in redis_client.keys(f"*{prefix}*"):
        redis_client.delete(key)

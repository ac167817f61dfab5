"""careers/security.py and the cookie settings: the security headers on every kind of response, HSTS and
Secure cookies only behind HTTPS, HttpOnly and SameSite=Lax always."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from careers import create_app
from careers.extensions import db as _db
from careers.security import CONTENT_SECURITY_POLICY
from tests import factories

EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _csp(response) -> dict[str, str]:
    directives = [d.strip() for d in response.headers["Content-Security-Policy"].split(";") if d.strip()]
    return {d.split()[0]: " ".join(d.split()[1:]) for d in directives}


def _check(response) -> None:
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers.get(name) == value, (name, response.headers.get(name))
    csp = _csp(response)
    assert csp["frame-ancestors"] == "'none'" and csp["default-src"] == "'self'" and csp["script-src"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["base-uri"] == "'self'" and csp["form-action"] == "'self'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    permissions = {p.strip() for p in response.headers["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()"} <= permissions
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP here


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/"), ("GET", "/login"), ("POST", "/login"), ("GET", "/password/forgot"), ("GET", "/api/v1/specialties"),
    ("GET", "/api/v1/no-such-thing"), ("GET", "/static/css/app.css"), ("GET", "/no/such/page"),
    ("GET", "/verify/not-a-token"), ("DELETE", "/login"),
])
def test_every_kind_of_response_carries_the_security_headers(client, db, method, path):
    response = client.open(path, method=method)
    response.close()  # (a static file is streamed from an open file)
    assert response.status_code in (200, 400, 404, 405)
    _check(response)


def test_signed_in_pages_and_redirects_carry_them_too(client, db, login):
    login(factories.candidate())
    for path in ("/account", "/me/applications", "/login"):  # /login redirects a signed-in user home
        _check(client.get(path))


def test_the_csp_keeps_what_the_board_had():
    """The policy from before careers/security.py, extended: nothing it allowed or forbade changed."""
    for directive in ("default-src 'self'", "img-src 'self' data:", "style-src 'self'", "script-src 'self'",
                      "frame-ancestors 'none'", "form-action 'self'"):
        assert directive in CONTENT_SECURITY_POLICY


@pytest.fixture()
def https_app(app: Flask, db: object) -> Iterator[Flask]:
    """The app as deployed behind HTTPS (SESSION_COOKIE_SECURE=1), on the test database."""
    secure = create_app({
        "TESTING": True, "SECRET_KEY": "https-secret", "WTF_CSRF_ENABLED": False,
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True, "MEILI_URL": "",
        "MAIL_URL": app.config["MAIL_URL"], "RATELIMIT_ENABLED": False,
    })
    yield secure
    with secure.app_context():
        _db.session.remove()
        _db.engine.dispose()


def test_behind_https_hsts_is_sent_and_cookies_are_secure(https_app, db):
    user = factories.candidate()
    db.session.commit()
    client = https_app.test_client()
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    login = client.post("/login", base_url="https://localhost",
                        data={"email": user.email, "password": factories.PASSWORD, "remember": "y"})
    assert login.status_code == 302
    cookies = {c.split("=", 1)[0]: c for c in login.headers.getlist("Set-Cookie")}
    for name in ("session", "remember_token"):
        assert "; Secure" in cookies[name] and "; HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name]
    db.session.remove()


def test_over_plain_http_the_session_cookie_is_http_only_and_lax(client, db):
    user = factories.candidate()
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert "; HttpOnly" in cookie and "SameSite=Lax" in cookie and "; Secure" not in cookie


def test_account_pages_and_the_reset_page_are_not_cached(client, db, login):
    login(factories.candidate())
    for path in ("/account", "/account/password", "/account/email"):
        assert client.get(path).headers["Cache-Control"] == "no-store"


def test_the_login_drops_the_csrf_token_of_before(client, db):
    """A CSRF token planted in the session before the login (session fixation of the token) is not kept."""
    user = factories.candidate()
    with client.session_transaction() as session:
        session["csrf_token"] = "planted-before-login"
    client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    with client.session_transaction() as session:
        assert session.get("csrf_token") != "planted-before-login"


# -- the admin's security log page ----------------------------------------------------------------------------------


def test_admins_read_the_security_log_and_filter_it(client, db, login):
    coder = factories.candidate()
    client.post("/login", data={"email": coder.email, "password": "wrong password here"})
    client.post("/login", data={"email": "ghost@mail.example", "password": "wrong password here"})
    login(factories.admin())
    response = client.get("/admin/security-log")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert "ghost@mail.example" in html and coder.email in html and "login_failed" in html
    assert "wrong password here" not in html
    only_ghost = client.get("/admin/security-log", query_string={"email": " Ghost@Mail.example"}).get_data(as_text=True)
    assert "ghost@mail.example" in only_ghost and coder.email not in only_ghost
    successes = client.get("/admin/security-log", query_string={"event": "login_succeeded"}).get_data(as_text=True)
    assert "login_failed" not in successes.split("<tbody>")[1] and "login_succeeded" in successes
    assert 'href="/admin/security-log"' in client.get("/account").get_data(as_text=True)


@pytest.mark.parametrize("params", [{"email": "<script>alert(1)</script>"}, {"email": "x" * 10_000},
                                    {"email": "a\x00b"}, {"event": "'; DROP TABLE users; --"}, {"event": "x" * 10_000}])
def test_the_security_log_page_survives_hostile_filters(client, db, login, params):
    login(factories.admin())
    response = client.get("/admin/security-log", query_string=params)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.get_data(as_text=True)


def test_only_admins_see_the_security_log(client, db, login):
    login(factories.candidate())
    assert client.get("/admin/security-log").status_code == 403

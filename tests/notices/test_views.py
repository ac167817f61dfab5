"""The notice settings page and the unsubscribe link: damaged, foreign, stale and replayed links, CSRF, and
that the link works for its own user only, whoever is signed in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeSerializer
from sqlalchemy import func, select

from careers import create_app
from careers.auth.models import User
from careers.extensions import db as _db
from careers.notices.models import NoticeKind, NoticePreference
from careers.notices.services import UNSUBSCRIBE_SALT, preferences, unsubscribe_token
from tests import factories

UNSUBSCRIBE = "/notices/unsubscribe/{}"


def _rows() -> int:
    return _db.session.scalar(select(func.count()).select_from(NoticePreference))


def _ticked(html: str) -> set[str]:
    return set(re.findall(r'<input checked[^>]*value="([^"]+)"', html)) | set(
        re.findall(r'<input[^>]*value="([^"]+)"[^>]*checked', html))


@pytest.mark.parametrize(("make", "offered"), [
    (factories.employer_user, {"new-application", "posting-reviewed"}),
    (factories.candidate, {"application-status"}),
    (factories.admin, {"review-waiting"}),
])
def test_settings_page_offers_the_roles_kinds_all_on_by_default(make, offered, client, login):
    login(make())
    html = client.get("/me/notifications").get_data(as_text=True)
    assert set(re.findall(r'name="notices"[^>]*value="([^"]+)"', html)) == offered
    assert _ticked(html) == offered
    assert 'href="/me/notifications"' in html  # the header links to it


def test_recruiters_have_nothing_to_choose(client, login):
    login(factories.recruiter())
    html = client.get("/me/notifications").get_data(as_text=True)
    assert "gets no notice mails yet" in html and 'name="notices"' not in html


def test_settings_page_saves_and_shows_the_choice(client, db, login, mailbox):
    job = factories.published_job()
    emp = job.created_by
    login(emp)
    response = client.post("/me/notifications", data={"notices": ["posting-reviewed"], "save": "Save"})
    assert (response.status_code, response.headers["Location"]) == (302, "/me/notifications")
    page = client.get("/me/notifications").get_data(as_text=True)
    assert "Notice settings saved." in page
    assert _ticked(page) == {"posting-reviewed"}
    assert preferences(emp) == {NoticeKind.NEW_APPLICATION: False, NoticeKind.POSTING_REVIEWED: True}

    mailbox.clear()
    factories.application(job)  # a new application: this employer chose not to hear of it
    assert [m.rcpt_tos for m in mailbox.messages] == []

    # Unticking everything (a browser then sends only the button) switches everything off.
    assert client.post("/me/notifications", data={"save": "Save"}).status_code == 302
    assert preferences(emp) == {NoticeKind.NEW_APPLICATION: False, NoticeKind.POSTING_REVIEWED: False}
    assert client.post("/me/notifications", data={"notices": ["new-application", "posting-reviewed"],
                                                  "save": "Save"}).status_code == 302
    assert preferences(emp) == {NoticeKind.NEW_APPLICATION: True, NoticeKind.POSTING_REVIEWED: True}


def test_settings_refuse_a_kind_of_another_role_and_change_nothing(client, db, login):
    coder = factories.candidate()
    login(coder)
    response = client.post("/me/notifications", data={"notices": ["application-status", "review-waiting"],
                                                      "save": "Save"})
    assert response.status_code == 200
    assert "&#39;review-waiting&#39; is not a valid choice" in response.get_data(as_text=True)
    assert _rows() == 0


def test_settings_need_a_login(client):
    response = client.get("/me/notifications")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


def test_unsubscribe_asks_on_get_and_switches_off_on_post_without_login(client, db):
    coder = factories.candidate()
    path = UNSUBSCRIBE.format(unsubscribe_token(coder.id, NoticeKind.APPLICATION_STATUS))

    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Stop a notice?" in html and coder.email in html
    assert "application updates" in html and '<form method="post">' in html
    assert _rows() == 0  # a GET (a mail scanner following the link) changes nothing

    done = client.post(path)
    assert done.status_code == 200 and "Notice switched off" in done.get_data(as_text=True)
    assert preferences(coder) == {NoticeKind.APPLICATION_STATUS: False}
    again = client.post(path)  # the button pressed twice, or the mail client's one-click and then the person
    assert again.status_code == 200 and preferences(coder) == {NoticeKind.APPLICATION_STATUS: False}
    assert _rows() == 1


def test_unsubscribe_switches_off_only_that_kind(client, db):
    emp = factories.employer_user()
    client.post(UNSUBSCRIBE.format(unsubscribe_token(emp.id, NoticeKind.POSTING_REVIEWED)))
    assert preferences(emp) == {NoticeKind.NEW_APPLICATION: True, NoticeKind.POSTING_REVIEWED: False}


def test_the_link_acts_for_its_own_user_whoever_is_signed_in(client, db, login):
    coder, other = factories.candidate(), factories.candidate()
    login(other)
    client.post(UNSUBSCRIBE.format(unsubscribe_token(coder.id, NoticeKind.APPLICATION_STATUS)))
    assert preferences(coder) == {NoticeKind.APPLICATION_STATUS: False}
    assert preferences(other) == {NoticeKind.APPLICATION_STATUS: True}


def _tampered(token: str) -> str:
    payload, signature = token.rsplit(".", 1)  # (the last character of a signature has bits that do not count)
    return f"{payload}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"


def _swapped_user(token: str, user_id: int) -> str:
    """The payload of another user with this token's signature (what a guess at someone else's link is)."""
    other = unsubscribe_token(user_id, NoticeKind.APPLICATION_STATUS)
    return f"{other.rsplit('.', 1)[0]}.{token.rsplit('.', 1)[1]}"


@pytest.mark.parametrize("damage", ["tampered", "truncated", "other-user", "other-salt", "other-secret",
                                    "not-a-token", "not-a-list"])
def test_damaged_or_foreign_links_are_refused_with_400_and_change_nothing(damage, client, db):
    coder, victim = factories.candidate(), factories.candidate()
    token = unsubscribe_token(coder.id, NoticeKind.APPLICATION_STATUS)
    bad = {
        "tampered": lambda: _tampered(token),
        "truncated": lambda: token[:-6],
        "other-user": lambda: _swapped_user(token, victim.id),
        # Signed with our key for another purpose (a password reset, say): the salt keeps them apart.
        "other-salt": lambda: URLSafeSerializer("test-secret", salt="careers.auth.reset").dumps(
            [coder.id, "application-status"]),
        "other-secret": lambda: URLSafeSerializer("another-secret", salt=UNSUBSCRIBE_SALT).dumps(
            [coder.id, "application-status"]),
        "not-a-token": lambda: "hello",
        "not-a-list": lambda: URLSafeSerializer("test-secret", salt=UNSUBSCRIBE_SALT).dumps({"user": coder.id}),
    }[damage]()
    for method in ("GET", "POST"):
        response = client.open(UNSUBSCRIBE.format(bad), method=method)
        html = response.get_data(as_text=True)
        assert response.status_code == 400, html[:300]
        assert "This unsubscribe link does not work" in html and "damaged or incomplete" in html
    assert _rows() == 0


@pytest.mark.parametrize("stale", ["deleted-user", "unknown-kind", "huge-user-id"])
def test_links_for_users_or_kinds_that_are_gone_answer_404(stale, client, db):
    signer = URLSafeSerializer("test-secret", salt=UNSUBSCRIBE_SALT)
    coder = factories.candidate(with_profile=False)
    token = {
        "deleted-user": lambda: unsubscribe_token(999_999, NoticeKind.APPLICATION_STATUS),
        "unknown-kind": lambda: signer.dumps([coder.id, "weekly-digest"]),
        "huge-user-id": lambda: signer.dumps([10**30, "application-status"]),
    }[stale]()
    for method in ("GET", "POST"):
        response = client.open(UNSUBSCRIBE.format(token), method=method)
        assert response.status_code == 404
        assert "This unsubscribe link does not work" in response.get_data(as_text=True)
    assert _rows() == 0


# -- CSRF: the settings form needs its token; the one-click POST cannot have one ---------------------------------


@pytest.fixture()
def csrf_app(app: Flask, db: Any) -> Iterator[Flask]:
    """An app with CSRF protection on, on the same database as `app`."""
    settings = {k: v for k, v in app.config.items() if k.startswith(("MEILI_", "SEARCH_", "MAIL_", "PUBLIC_"))}
    protected = create_app({**settings, "TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": True,
                            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                            "RATELIMIT_ENABLED": False})
    yield protected
    with protected.app_context():
        _db.session.remove()
        _db.engine.dispose()


def test_one_click_post_needs_no_csrf_token_but_the_settings_form_does(csrf_app: Flask, db: Any) -> None:
    coder = factories.candidate()
    token = unsubscribe_token(coder.id, NoticeKind.APPLICATION_STATUS)
    coder_id, email = coder.id, coder.email
    db.session.commit()
    db.session.close()
    client: FlaskClient = csrf_app.test_client()

    def choices() -> dict[NoticeKind, bool]:
        db.session.close()  # the protected app has its own session; ours must not hold a transaction open
        return preferences(db.session.get(User, coder_id))

    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", with no cookie and no CSRF token.
    response = client.post(UNSUBSCRIBE.format(token), data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and "Notice switched off" in response.get_data(as_text=True)
    assert choices() == {NoticeKind.APPLICATION_STATUS: False}

    login_page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    assert client.post("/login", data={"email": email, "password": factories.PASSWORD,
                                       "csrf_token": csrf}).status_code == 302
    refused = client.post("/me/notifications", data={"notices": ["application-status"], "save": "Save"})
    assert refused.status_code == 400
    assert choices() == {NoticeKind.APPLICATION_STATUS: False}
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                     client.get("/me/notifications").get_data(as_text=True)).group(1)
    saved = client.post("/me/notifications", data={"notices": ["application-status"], "save": "Save",
                                                   "csrf_token": csrf})
    assert saved.status_code == 302
    assert choices() == {NoticeKind.APPLICATION_STATUS: True}

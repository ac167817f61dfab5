"""The account page: change the password (asks for the current one, ends every other session), change the
email address (asks for the password, confirms the new address by a link, tells the old one); and the
session rules behind them: logout ends a copied cookie, the login's next= only goes to local paths."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from careers.auth import tokens
from careers.auth.models import SecurityEvent, User
from careers.auth.passwords import COMMON_MESSAGE
from careers.auth.services import change_role, load_session_user
from careers.auth.views import safe_next
from careers.taxonomy import Role
from tests import factories
from tests.auth.links import flashes, link_in, mails_to

NEW_PASSWORD = "a brand new passphrase"


def _sign_in(client, user: User, remember: bool = False):
    data = {"email": user.email, "password": factories.PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response


def _logged_in(client) -> bool:
    response = client.get("/account")
    return response.status_code == 200


def _events(db, user: User) -> list[str]:
    return list(db.session.scalars(select(SecurityEvent.event).where(SecurityEvent.user_id == user.id)
                                   .order_by(SecurityEvent.id)))


def _copy_cookie(source, target, name: str) -> None:
    cookie = source.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    target.set_cookie(name, cookie.value)


# -- the page --------------------------------------------------------------------------------------------------


def test_the_account_page_shows_the_address_its_state_and_recent_activity(client, db):
    user = factories.candidate()
    _sign_in(client, user)
    response = client.get("/account")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert user.email in html and "Confirmed" in html
    assert 'href="/account/password"' in html and 'href="/account/email"' in html
    assert "Login succeeded" in html  # the security log of this account
    assert 'href="/account"' in client.get("/").get_data(as_text=True)  # linked from the navigation


def test_the_account_pages_need_a_login(client, db):
    for path in ("/account", "/account/password", "/account/email"):
        response = client.get(path)
        location = urlsplit(response.headers["Location"])
        assert (response.status_code, location.path, parse_qs(location.query)) == (302, "/login", {"next": [path]})


# -- change password ---------------------------------------------------------------------------------------------


def test_changing_the_password_ends_every_other_session_and_keeps_this_one(app, client, db, mailbox):
    user = factories.candidate()
    other, remembered = app.test_client(), app.test_client()
    _sign_in(other, user)
    _sign_in(remembered, user, remember=True)
    stolen = app.test_client()  # a copy of this browser's session cookie, taken before the change
    _sign_in(client, user, remember=True)
    _copy_cookie(client, stolen, "session")
    assert all(_logged_in(c) for c in (other, remembered, stolen, client))

    response = client.post("/account/password", data={"current_password": factories.PASSWORD,
                                                      "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert (response.status_code, response.headers["Location"]) == (302, "/account")
    assert ("Password changed. Every other session of your account has ended."
            in flashes(client.get("/account").get_data(as_text=True)))
    assert _logged_in(client)  # this browser goes on under the new session token...
    assert not _logged_in(other) and not _logged_in(stolen)  # ...the others are out
    remembered.delete_cookie("session")
    assert not _logged_in(remembered)  # the remember-me cookie made before the change is dead too
    # This browser stays remembered: its remember-me cookie was renewed with the new token.
    fresh = app.test_client()
    _copy_cookie(client, fresh, "remember_token")
    assert _logged_in(fresh)

    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)
    (mail,) = mails_to(mailbox, user.email)
    assert mail.message["Subject"] == "Your CodeCareers password was changed"
    assert link_in(mail, "/password/forgot") == "/password/forgot"
    assert "password_changed" in _events(db, user)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"current_password": "not my password"}, "current_password", "That is not your current password."),
    ({"password": "short", "confirm": "short"}, "password", "Use 12 to 200 characters."),
    ({"password": "1qaz2wsx3edc", "confirm": "1qaz2wsx3edc"}, "password", COMMON_MESSAGE),
    ({"password": factories.PASSWORD, "confirm": factories.PASSWORD}, "password",
     "The new password is the same as the current one."),
    ({"confirm": "something else entirely"}, "confirm", "Passwords differ."),
])
def test_a_refused_password_change_changes_nothing(app, client, db, mailbox, data, field, message):
    user = factories.candidate()
    other = app.test_client()
    _sign_in(other, user)
    _sign_in(client, user)
    token, stored = user.session_token, user.password_hash
    form = {"current_password": factories.PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD, **data}
    response = client.post("/account/password", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in html and message in html
    assert 'value="' + form["password"] not in html  # passwords are never shown back
    db.session.refresh(user)
    assert (user.session_token, user.password_hash) == (token, stored)
    assert _logged_in(other) and _logged_in(client)
    assert mailbox.messages == []


def test_a_wrong_current_password_is_logged(client, db):
    user = factories.candidate()
    _sign_in(client, user)
    client.post("/account/password", data={"current_password": "not my password", "password": NEW_PASSWORD,
                                           "confirm": NEW_PASSWORD})
    row = db.session.scalars(select(SecurityEvent).where(SecurityEvent.event == "login_failed")).one()
    assert row.user_id == user.id and "account page" in row.detail


# -- change email --------------------------------------------------------------------------------------------------


def test_changing_the_email_confirms_the_new_address_then_tells_the_old(app, client, db, mailbox):
    user = factories.candidate()
    old = user.email
    _sign_in(client, user)
    response = client.post("/account/email", data={"email": " Dana.New@Mail.example ",
                                                   "current_password": factories.PASSWORD})
    assert (response.status_code, response.headers["Location"]) == (302, "/account")
    assert (f"We sent a link to dana.new@mail.example. Your address changes when you open it; until then it stays "
            f"{old}.") in flashes(client.get("/account").get_data(as_text=True))
    db.session.refresh(user)
    assert user.email == old  # nothing changes before the link is opened

    (mail,) = mails_to(mailbox, "dana.new@mail.example")
    assert mail.message["Subject"] == "Confirm your new email address for CodeCareers"
    path = link_in(mail, "/account/email/confirm/")
    response = client.get(path)
    assert (response.status_code, response.headers["Location"]) == (302, "/account")
    assert "Your email address is now dana.new@mail.example." in flashes(client.get("/account").get_data(as_text=True))
    db.session.refresh(user)
    assert user.email == "dana.new@mail.example" and user.email_verified
    assert _logged_in(client)  # a change of address keeps the sessions

    (notice,) = mails_to(mailbox, old)
    assert notice.message["Subject"] == "Your CodeCareers email address was changed"
    assert "dana.new@mail.example" in notice.text and "dana.new@mail.example" in notice.html

    # The new address logs in; the old one no longer does.
    client.post("/logout")
    assert client.post("/login", data={"email": old, "password": factories.PASSWORD}).status_code == 200
    assert client.post("/login", data={"email": "dana.new@mail.example",
                                       "password": factories.PASSWORD}).status_code == 302
    # The link worked once: opened again, it is refused.
    assert client.get(path).status_code == 400
    assert [e for e in _events(db, user) if e.startswith("email_")] == ["email_change_requested", "email_changed"]


def test_the_new_address_link_confirms_an_unconfirmed_account(client, db, mailbox):
    """Someone who typed the wrong address at sign-up fixes it here; the new address is confirmed by its link."""
    user = factories.candidate(verified=False)
    _sign_in(client, user)
    client.post("/account/email", data={"email": "right@mail.example", "current_password": factories.PASSWORD})
    assert client.get(link_in(mails_to(mailbox, "right@mail.example")[0], "/account/email/confirm/")).status_code == 302
    db.session.refresh(user)
    assert user.email == "right@mail.example" and user.email_verified


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"current_password": "not my password"}, "current_password", "That is not your current password."),
    ({"email": "TAKEN@mail.example"}, "email", "An account with this email already exists."),
    ({"email": "SELF"}, "email", "That is already your email address."),
    ({"email": "not-an-email"}, "email", "Invalid email address."),
    ({"email": ""}, "email", "This field is required."),
    ({"current_password": ""}, "current_password", "This field is required."),
])
def test_a_refused_email_change_sends_nothing(client, db, mailbox, data, field, message):
    factories.candidate().email = "taken@mail.example"
    user = factories.candidate()
    db.session.commit()
    _sign_in(client, user)
    form = {"email": "dana.new@mail.example", "current_password": factories.PASSWORD, **data}
    if form["email"] == "SELF":
        form["email"] = user.email.upper()
    response = client.post("/account/email", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and f'id="{field}-error"' in html and message in html
    assert mailbox.messages == []
    db.session.refresh(user)
    assert user.email.startswith("coder")


def test_an_email_change_link_dies_when_the_address_changed_meanwhile(client, db, mailbox):
    user = factories.candidate()
    _sign_in(client, user)
    for new in ("first@mail.example", "second@mail.example"):
        client.post("/account/email", data={"email": new, "current_password": factories.PASSWORD})
    first = link_in(mails_to(mailbox, "first@mail.example")[0], "/account/email/confirm/")
    second = link_in(mails_to(mailbox, "second@mail.example")[0], "/account/email/confirm/")
    assert client.get(second).status_code == 302
    response = client.get(first)
    assert response.status_code == 400 and "the address changed since it was sent" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.email == "second@mail.example"


def test_an_email_change_link_for_an_address_taken_meanwhile_is_refused(client, db, mailbox):
    user = factories.candidate()
    _sign_in(client, user)
    client.post("/account/email", data={"email": "wanted@mail.example", "current_password": factories.PASSWORD})
    path = link_in(mails_to(mailbox, "wanted@mail.example")[0], "/account/email/confirm/")
    factories.candidate().email = "wanted@mail.example"  # someone signs up with it before the link is opened
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 400 and "already exists" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.email != "wanted@mail.example"


def test_an_expired_or_tampered_email_change_link_is_refused(app, client, db, mailbox, monkeypatch):
    user = factories.candidate()
    _sign_in(client, user)
    monkeypatch.setattr(tokens, "clock", lambda: time.time() - app.config["EMAIL_CHANGE_MAX_AGE"] - 5)
    client.post("/account/email", data={"email": "late@mail.example", "current_password": factories.PASSWORD})
    monkeypatch.undo()
    path = link_in(mails_to(mailbox, "late@mail.example")[0], "/account/email/confirm/")
    assert "This link has expired." in client.get(path).get_data(as_text=True)
    signed, signature = path.rsplit(".", 1)  # (a compressed payload starts with a dot of its own)
    tampered = f"{signed}.{signature[:-1]}{'B' if signature[-1] == 'A' else 'A'}"
    response = client.get(tampered)
    assert response.status_code == 400 and "This link is not valid." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.email.startswith("coder")


# -- logout ends the session everywhere ---------------------------------------------------------------------------


def test_a_copied_session_cookie_is_dead_after_logout(app, client, db):
    user = factories.candidate()
    _sign_in(client, user)
    copy = app.test_client()
    _copy_cookie(client, copy, "session")
    assert _logged_in(copy)
    assert client.post("/logout").status_code == 302
    assert not _logged_in(client) and not _logged_in(copy)
    assert "logout" in _events(db, user)


def test_a_remember_me_cookie_is_dead_after_logout(app, client, db):
    user = factories.candidate()
    _sign_in(client, user, remember=True)
    copy = app.test_client()
    _copy_cookie(client, copy, "remember_token")
    assert _logged_in(copy)  # the cookie alone signs in...
    client.post("/logout")
    copy.delete_cookie("session")
    assert not _logged_in(copy)  # ...until the account logs out


def test_the_remember_me_cookie_lasts_30_days_and_is_http_only(client, db):
    response = _sign_in(client, factories.candidate(), remember=True)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    assert "Max-Age=2592000" in cookie or "Expires=" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_an_old_style_session_id_without_a_token_is_not_a_session(client, db):
    user = factories.candidate()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)  # what a cookie from before session tokens holds
        session["_fresh"] = True
    assert not _logged_in(client)
    assert load_session_user(str(user.id)) is None
    assert load_session_user(f"{user.id}:wrong-token") is None
    assert load_session_user(f"{user.id}:") is None and load_session_user("abc:def") is None
    assert load_session_user("9" * 30 + ":x") is None and load_session_user("") is None
    assert load_session_user(user.get_id()) is user


def test_deactivating_an_account_ends_its_sessions(app, client, db):
    user = factories.candidate()
    _sign_in(client, user, remember=True)
    user.active = False
    db.session.commit()
    assert not _logged_in(client)
    client.delete_cookie("session")
    assert not _logged_in(client)  # nor does its remember-me cookie sign in


def test_a_role_change_ends_the_sessions_and_is_logged(client, db):
    user = factories.recruiter()
    admin = factories.admin()
    _sign_in(client, user)
    change_role(user, Role.CANDIDATE, admin)
    db.session.commit()
    assert not _logged_in(client)
    row = db.session.scalars(select(SecurityEvent).where(SecurityEvent.event == "role_changed")).one()
    assert row.user_id == user.id and row.detail == f"recruiter -> candidate by user {admin.id}"


# -- next= after login ----------------------------------------------------------------------------------------------

REFUSED_NEXT = [
    "//evil.example/x", "///evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example",
    "https://evil.example/x", "http:evil.example", "javascript:alert(1)", "evil.example/jobs", "jobs",
    "/jobs\r\nSet-Cookie: session=x", "/jobs\nLocation: https://evil.example", "/jobs\r", "/jobs\x00",
    "/\tjobs", "/ jobs", " /jobs", "/jobs\u2028", "/jobs\u200b", "/" + "j" * 2001, "",
]
ACCEPTED_NEXT = ["/jobs", "/jobs?specialty=pathology&state=OH", "/me/applications#latest", "/account",
                 "/jobs/1/remote-coder", "/%2F%2Fevil.example"]


@pytest.mark.parametrize("target", REFUSED_NEXT)
def test_login_refuses_a_next_that_is_not_a_local_path(client, db, target):
    user = factories.candidate()
    response = client.post("/login", query_string={"next": target},
                           data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/me/applications"  # the user's home instead
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ACCEPTED_NEXT)
def test_login_follows_a_local_next(client, db, target):
    user = factories.candidate()
    response = client.post("/login", query_string={"next": target},
                           data={"email": user.email, "password": factories.PASSWORD})
    assert (response.status_code, response.headers["Location"]) == (302, target)


def test_the_login_page_keeps_next_through_a_failed_attempt(client, db):
    user = factories.candidate()
    failed = client.post("/login?next=/account", data={"email": user.email, "password": "not the password"})
    assert failed.status_code == 200
    done = client.post("/login?next=/account", data={"email": user.email, "password": factories.PASSWORD})
    assert done.headers["Location"] == "/account"


# -- the security log ------------------------------------------------------------------------------------------------


def test_logins_are_logged_with_the_email_tried_and_never_the_password(client, db):
    user = factories.candidate()
    client.post("/login", data={"email": user.email, "password": "wrong password here"},
                headers={"User-Agent": "TestBrowser/1.0"})
    client.post("/login", data={"email": "Nobody@Mail.example", "password": "another wrong one"})
    client.post("/login", data={"email": user.email, "password": factories.PASSWORD},
                headers={"User-Agent": "TestBrowser/1.0"})
    rows = db.session.scalars(select(SecurityEvent).where(SecurityEvent.event.like("login%"))
                              .order_by(SecurityEvent.id)).all()
    assert [(r.event, r.user_id, r.email) for r in rows] == [
        ("login_failed", user.id, user.email), ("login_failed", None, "nobody@mail.example"),
        ("login_succeeded", user.id, user.email)]
    assert rows[0].user_agent == "TestBrowser/1.0" and rows[0].ip == "127.0.0.1"
    assert all(r.created_at.tzinfo is not None for r in rows)
    everything = " ".join(f"{r.email} {r.detail} {r.user_agent}" for r in db.session.scalars(select(SecurityEvent)))
    for secret in ("wrong password here", "another wrong one", factories.PASSWORD):
        assert secret not in everything

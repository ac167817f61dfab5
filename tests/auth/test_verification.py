"""Email verification: the mail sent at registration, its signed link (valid, reused, expired, tampered,
for an address the account no longer uses), what an unconfirmed account may and may not do, the resend
button, and the migration that takes existing accounts as confirmed."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from flask_migrate import downgrade, upgrade
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import MetaData, Table, func, select, text

from careers.applications.models import Application
from careers.applications.services import check_can_apply
from careers.auth import tokens
from careers.auth.models import SecurityEvent, User
from careers.auth.services import EmailNotVerified
from careers.auth.tokens import Purpose, make_token
from careers.extensions import db as _db
from careers.jobs.models import Job
from careers.jobs.services import submit_for_review
from tests import factories
from tests.auth.links import flashes, link_in, mails_to
from tests.test_bad_input import JOB_FORM, PROFILE_FORM

PASSWORD = "a long enough password"


def _register_coder(client, email: str = "dana@mail.example"):
    return client.post("/register/coder", data={"full_name": "Dana Reyes", "email": email,
                                                "password": PASSWORD, "confirm": PASSWORD})


def _events(db, user_id: int | None = None) -> list[str]:
    query = select(SecurityEvent.event).order_by(SecurityEvent.id)
    if user_id is not None:
        query = query.where(SecurityEvent.user_id == user_id)
    return list(db.session.scalars(query))


def _age_tokens(monkeypatch, seconds: int) -> None:
    """Tokens made from now on carry a timestamp `seconds` in the past (the serializer's clock, frozen)."""
    monkeypatch.setattr(tokens, "clock", lambda: time.time() - seconds)


# -- the mail and the link ---------------------------------------------------------------------------------


def test_registration_mails_a_verification_link(client, db, mailbox):
    response = _register_coder(client)
    assert response.status_code == 302
    user = db.session.scalars(select(User)).one()
    assert user.email_verified_at is None and not user.email_verified
    (mail,) = mails_to(mailbox, "dana@mail.example")
    assert mail.message["Subject"] == "Confirm your email address for CodeCareers"
    assert "List-Unsubscribe" not in mail.message  # an account mail, not a notice: no unsubscribe
    assert "dana@mail.example" in mail.text and "72 hours" in mail.text
    path = link_in(mail, "/verify/")
    assert path.count("/") == 2 and len(path) > 40
    assert _events(db, user.id) == ["account_created", "email_verification_sent"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We sent a link to dana@mail.example: open it to confirm your address." in flashes(page)


def test_employer_registration_mails_a_verification_link_too(client, db, mailbox):
    response = client.post("/register/employer", data={"company_name": "Buckeye Health", "your_name": "Pat Lee",
                                                       "email": "pat@buckeye.example", "password": PASSWORD,
                                                       "confirm": PASSWORD})
    assert response.status_code == 302
    (mail,) = mails_to(mailbox, "pat@buckeye.example")
    assert "submitting a posting for review" in mail.text and "Hello Pat Lee" in mail.text
    link_in(mail, "/verify/")


def test_the_link_confirms_the_address_once_and_stays_harmless_after(client, db, mailbox):
    _register_coder(client)
    path = link_in(mails_to(mailbox, "dana@mail.example")[0], "/verify/")
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"] == "/me/profile"  # signed in: home
    user = db.session.scalars(select(User)).one()
    assert user.email_verified and user.email_verified_at.tzinfo is not None
    assert "Your email address is confirmed. Thank you!" in flashes(client.get("/me/profile").get_data(as_text=True))
    verified_at = user.email_verified_at

    again = client.get(path)  # a second click (or a mail scanner) changes nothing
    assert again.status_code == 302
    db.session.refresh(user)
    assert user.email_verified_at == verified_at
    assert _events(db, user.id).count("email_verified") == 1


def test_the_link_works_without_a_session_and_leads_to_login(client, db, mailbox):
    _register_coder(client)
    path = link_in(mails_to(mailbox, "dana@mail.example")[0], "/verify/")
    client.post("/logout")
    response = client.get(path)
    assert (response.status_code, response.headers["Location"]) == (302, "/login")
    assert db.session.scalars(select(User)).one().email_verified


def test_an_expired_link_is_refused(app, client, db, mailbox, monkeypatch):
    _age_tokens(monkeypatch, app.config["EMAIL_VERIFY_MAX_AGE"] + 60)
    _register_coder(client)
    monkeypatch.undo()
    path = link_in(mails_to(mailbox, "dana@mail.example")[0], "/verify/")
    response = client.get(path)
    assert response.status_code == 400
    assert "This link has expired. Ask for a new one." in response.get_data(as_text=True)
    assert not db.session.scalars(select(User)).one().email_verified


def test_a_link_just_inside_its_lifetime_still_works(app, client, db, mailbox, monkeypatch):
    _age_tokens(monkeypatch, app.config["EMAIL_VERIFY_MAX_AGE"] - 60)
    _register_coder(client)
    monkeypatch.undo()
    assert client.get(link_in(mails_to(mailbox, "dana@mail.example")[0], "/verify/")).status_code == 302
    assert db.session.scalars(select(User)).one().email_verified


def _tampered(token: str) -> list[str]:
    payload, stamp, signature = token.split(".")
    flipped = signature[:-3] + ("A" if signature[-3] != "A" else "B") + signature[-2:]
    return [f"{payload}.{stamp}.{flipped}", f"{payload}x.{stamp}.{signature}", f"{payload}.{stamp}",
            token[:-1], token + "A", "not-a-token", "." * 3]


def test_tampered_links_are_refused(client, db, mailbox):
    _register_coder(client)
    token = link_in(mails_to(mailbox, "dana@mail.example")[0], "/verify/").rsplit("/", 1)[1]
    for bad in _tampered(token):
        response = client.get(f"/verify/{bad}")
        assert response.status_code == 400, bad
        assert "This link is not valid." in response.get_data(as_text=True)
    assert not db.session.scalars(select(User)).one().email_verified


def test_links_signed_for_another_purpose_or_with_another_key_are_refused(app, client, db):
    user = factories.candidate(verified=False)
    payload = {"u": user.id, "e": user.email}
    reset = make_token(Purpose.RESET_PASSWORD, payload)  # same payload, another salt
    forged = URLSafeTimedSerializer("not-our-secret", salt=Purpose.VERIFY_EMAIL.value.salt).dumps(payload)
    for token in (reset, forged):
        assert client.get(f"/verify/{token}").status_code == 400
    db.session.refresh(user)
    assert not user.email_verified
    assert client.get(f"/verify/{make_token(Purpose.VERIFY_EMAIL, payload)}").status_code == 302  # the real one
    db.session.refresh(user)
    assert user.email_verified


def test_a_link_dies_when_the_address_changes(client, db, mailbox):
    _register_coder(client)
    path = link_in(mails_to(mailbox, "dana@mail.example")[0], "/verify/")
    user = db.session.scalars(select(User)).one()
    user.email = "dana.reyes@mail.example"
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 400
    assert "an address the account no longer uses" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.email_verified


# -- what an unconfirmed account can and cannot do ------------------------------------------------------------


def test_an_unverified_coder_browses_and_fills_the_profile_but_cannot_apply(client, db, login, mailbox):
    job = factories.published_job()
    coder = factories.candidate(with_profile=False, verified=False)
    login(coder)
    assert client.get("/").status_code == 200
    assert client.get(f"/jobs/{job.id}/{job.slug}").status_code == 200
    assert client.post("/me/profile", data=PROFILE_FORM).status_code == 302  # the profile is saved
    db.session.refresh(coder)
    assert coder.profile is not None and coder.profile.full_name == "Dana Reyes"

    page = client.get(f"/jobs/{job.id}/apply")  # the form is not even shown: the account page says why
    assert (page.status_code, page.headers["Location"]) == (302, "/account")
    account = client.get("/account").get_data(as_text=True)
    assert (f"Confirm your email address before you apply: open the link we sent to {coder.email}. No mail? "
            "Send a new link from your account page.") in flashes(account)
    assert "Send a new confirmation link" in account  # the resend button is right there

    response = client.post(f"/jobs/{job.id}/apply", data={"cover_note": "I hold a CPC."})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Application)) == 0
    with pytest.raises(EmailNotVerified, match="before you apply"):
        check_can_apply(job, coder)

    coder.email_verified_at = datetime.now(UTC)
    db.session.commit()
    assert client.post(f"/jobs/{job.id}/apply", data={"cover_note": "I hold a CPC."}).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Application)) == 1


def test_an_unverified_employer_prepares_a_posting_but_cannot_submit_it(client, db, login, mailbox):
    emp = factories.employer_user(verified=False)
    login(emp)
    assert client.post("/employer/jobs/new", data=JOB_FORM).status_code == 302  # a draft: fine
    job = db.session.scalars(select(Job)).one()
    response = client.post(f"/employer/jobs/{job.id}/submit")
    assert (response.status_code, response.headers["Location"]) == (302, f"/employer/jobs/{job.id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert any(m.startswith("Confirm your email address before you submit a posting for review: open the link we "
                            f"sent to {emp.email}.") for m in flashes(page))
    assert 'No mail? <a href="/account">Send a new link</a>' in page  # the banner leads to the resend button
    db.session.refresh(job)
    assert job.status == "draft" and job.submitted_at is None
    with pytest.raises(EmailNotVerified, match="^Confirm your email address before you submit a posting for review: "):
        submit_for_review(job, emp)
    db.session.rollback()

    # The mail from the resend button confirms the address; then the posting goes to review.
    assert client.post("/account/verify").status_code == 302
    (mail,) = mails_to(mailbox, emp.email)
    assert client.get(link_in(mail, "/verify/")).status_code == 302
    assert client.post(f"/employer/jobs/{job.id}/submit").status_code == 302
    db.session.refresh(job)
    assert job.status == "review"


def test_an_unconfirmed_account_sees_a_banner_leading_to_the_resend_button(client, db, login):
    coder = factories.candidate(verified=False)
    login(coder)
    html = client.get("/").get_data(as_text=True)
    assert "verify-banner" in html and f"open the link we sent to <strong>{coder.email}</strong>" in html
    assert 'No mail? <a href="/account">Send a new link</a>' in html
    account = client.get("/account").get_data(as_text=True)
    assert "verify-banner" not in account  # the account page says it in its own words, with the button
    assert 'action="/account/verify"' in account and "Not confirmed yet" in account
    login(factories.candidate())
    assert "verify-banner" not in client.get("/").get_data(as_text=True)


def test_resend_sends_a_fresh_link_and_older_links_keep_working(client, db, mailbox):
    _register_coder(client)
    first = link_in(mails_to(mailbox, "dana@mail.example")[0], "/verify/")
    response = client.post("/account/verify")
    assert (response.status_code, response.headers["Location"]) == (302, "/account")
    assert len(mails_to(mailbox, "dana@mail.example")) == 2
    second = link_in(mails_to(mailbox, "dana@mail.example")[1], "/verify/")
    account = client.get("/account").get_data(as_text=True)
    assert "We sent a new link to dana@mail.example." in " ".join(flashes(account))
    assert client.get(first).status_code == 302
    assert client.get(second).status_code == 302
    user = db.session.scalars(select(User)).one()
    assert user.email_verified
    assert _events(db, user.id).count("email_verification_sent") == 2


def test_resend_for_a_confirmed_address_sends_nothing(client, db, login, mailbox):
    coder = factories.candidate()
    login(coder)
    response = client.post("/account/verify")
    assert response.status_code == 302
    assert "Your email address is already confirmed." in flashes(client.get("/account").get_data(as_text=True))
    assert mails_to(mailbox, coder.email) == []


def test_resend_needs_a_login(client, db, mailbox):
    response = client.post("/account/verify")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    assert mailbox.messages == []


def test_factories_make_confirmed_accounts_unless_asked(db):
    assert factories.candidate().email_verified and factories.employer_user().email_verified
    assert factories.admin().email_verified and factories.recruiter().email_verified
    assert not factories.candidate(verified=False).email_verified
    assert not factories.employer_user(verified=False).email_verified


def test_an_admin_made_on_the_command_line_is_confirmed(app, db):
    result = app.test_cli_runner().invoke(args=["admin", "create", "boss@codecareers.example", "--password",
                                                "a-strong-admin-pass"])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(User)).one().email_verified


# -- the migration ---------------------------------------------------------------------------------------------

BEFORE, ACCOUNT_SECURITY = "c1a2b3c4d5e6", "d2b3c4d5e6f7"


def test_the_migration_takes_existing_accounts_as_confirmed_and_gives_each_a_session_token(app, db):
    db.session.remove()
    downgrade(revision=BEFORE)
    try:
        created = [datetime(2025, 1, n, 9, 30, tzinfo=UTC) for n in (1, 2, 3)]
        with _db.engine.begin() as conn:
            users = Table("users", MetaData(), autoload_with=conn)
            assert "session_token" not in users.c and "email_verified_at" not in users.c
            for n, when in enumerate(created):
                conn.execute(users.insert().values(email=f"old{n}@mail.example", password_hash="scrypt:32768:8:1$s$h",
                                                   role="candidate", display_name=f"Old {n}", active=True,
                                                   created_at=when))
        upgrade(revision=ACCOUNT_SECURITY)
        with _db.engine.connect() as conn:
            rows = conn.execute(text("SELECT email, email_verified_at, session_token, password_hash FROM users "
                                     "ORDER BY email")).all()
            assert conn.execute(text("SELECT count(*) FROM security_events")).scalar_one() == 0
        tokens = [row.session_token for row in rows]
        assert len(set(tokens)) == 3 and all(len(t) >= 40 for t in tokens)
        verified = [row.email_verified_at for row in rows]
        assert all(v is not None for v in verified)
        assert [str(v)[:16] for v in verified] == [str(c)[:16] for c in created]  # as their creation time
        assert {row.password_hash for row in rows} == {"scrypt:32768:8:1$s$h"}  # upgraded at the next login

        downgrade(revision=BEFORE)
        with _db.engine.connect() as conn:
            users = Table("users", MetaData(), autoload_with=conn)
            assert "session_token" not in users.c and "email_verified_at" not in users.c
            assert conn.execute(text("SELECT count(*) FROM users")).scalar_one() == 3
    finally:
        upgrade()

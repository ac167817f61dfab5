"""Accounts: registration, authentication, email verification, password reset and change, email change,
sessions, roles, admin creation. Each change records a security event and queues its mail in the
caller's transaction; the caller commits."""

from __future__ import annotations

import hmac

from flask import current_app, render_template
from sqlalchemy import func, select

from careers.auth import passwords, security_log
from careers.auth.models import User
from careers.auth.security_log import Event
from careers.auth.tokens import Purpose, TokenError, TokenInvalid, make_token, read_token
from careers.common import utcnow
from careers.employers.models import Employer
from careers.errors import NotAllowed, ServiceError
from careers.extensions import db
from careers.mail import external_url, queue_mail
from careers.taxonomy import EmployerKind, Role


class EmailTaken(ServiceError):
    """An account with this email exists already."""


class WeakPassword(ServiceError):
    """The new password breaks a rule of careers/auth/passwords.py."""


class WrongPassword(ServiceError):
    """The current password given to confirm a change is not the account's."""


class EmailNotVerified(NotAllowed):
    """The account's email address is not confirmed yet (applying and submitting postings need it)."""


class LinkRefused(ServiceError):
    """A signed link from a mail that cannot be used (expired, tampered, used, or for a changed account)."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def check_new_password(password: str, user: User | None = None, *, email: str = "", name: str = "") -> None:
    """Raise WeakPassword when `password` breaks a rule for new passwords."""
    context = (email, name) if user is None else (user.email, user.display_name)
    if problem := passwords.password_problem(password, context):
        raise WeakPassword(problem)


def _new_user(email: str, password: str, role: Role, display_name: str = "") -> User:
    if find_user(email):
        raise EmailTaken("An account with this email already exists. Log in instead?")
    check_new_password(password, email=email, name=display_name)
    user = User(email=normalise_email(email), role=role.value, display_name=display_name.strip())
    user.set_password(password)
    db.session.add(user)
    return user


def _created(user: User) -> User:
    db.session.flush()
    security_log.record(Event.ACCOUNT_CREATED, user, detail=f"role={user.role}")
    return user


def register_candidate(email: str, password: str, full_name: str) -> User:
    """A coder's account; the profile comes next."""
    return _created(_new_user(email, password, Role.CANDIDATE, full_name))


def register_employer(email: str, password: str, company_name: str, your_name: str = "") -> User:
    """An employer's account and its company, created together."""
    employer = Employer(name=company_name.strip(), kind=EmployerKind.OTHER.value)
    db.session.add(employer)
    user = _new_user(email, password, Role.EMPLOYER, your_name)
    user.employer = employer
    return _created(user)


def register_recruiter(email: str, password: str, name: str) -> User:
    return _created(_new_user(email, password, Role.RECRUITER, name))


def create_admin(email: str, password: str) -> User:
    """An administrator (CLI only). Whoever runs the command owns the address: it counts as verified."""
    user = _new_user(email, password, Role.ADMIN, "Admin")
    user.email_verified_at = utcnow()
    return _created(user)


# -- logging in and out -------------------------------------------------------------------------------------


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None (same answer for either mistake).

    Every attempt runs one password check, also for an unknown email (against a dummy hash) or a
    deactivated account, so the time taken does not tell which accounts exist. A hash older than today's
    argon2id settings is replaced on success. The attempt goes to the security log either way."""
    user = find_user(email)
    if user is None:
        passwords.burn_verification(password)
        ok = False
    else:
        ok = user.check_password(password) and user.active
    if not ok:
        security_log.record(Event.LOGIN_FAILED, user, email=normalise_email(email)[:254],
                            detail="" if user is None or user.active else "deactivated")
        return None
    if passwords.needs_rehash(user.password_hash):
        old = passwords.describe(user.password_hash)
        user.set_password(password)
        security_log.record(Event.PASSWORD_REHASHED, user,
                            detail=f"{old} -> {passwords.describe(user.password_hash)}")
    user.last_login_at = utcnow()
    security_log.record(Event.LOGIN_SUCCEEDED, user)
    return user


def log_out(user: User) -> None:
    """End every session of the account (this one, copies of its cookie, remember-me cookies)."""
    user.end_sessions()
    security_log.record(Event.LOGOUT, user)


def load_session_user(session_id: str) -> User | None:
    """The user behind a session or remember-me id ("<id>:<session token>"), if that token is current and
    the account still active (a deactivated account's sessions end with it)."""
    user_id, _, token = session_id.partition(":")
    if not (user_id.isascii() and user_id.isdigit()) or len(user_id) > 10 or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not hmac.compare_digest(user.session_token.encode(), token.encode()):
        return None
    return user


# -- verifying the email address ----------------------------------------------------------------------------


def send_verification(user: User) -> None:
    """Mail a link that confirms the account's current address."""
    token = make_token(Purpose.VERIFY_EMAIL, {"u": user.id, "e": user.email})
    hours = Purpose.VERIFY_EMAIL.max_age // 3600
    queue_mail(user.email, "account_verify", {"user": user, "link": external_url("auth.verify_email", token=token),
                                              "hours": hours},
               subject="Confirm your email address for CodeCareers", kind="account_verify", user_id=user.id)
    security_log.record(Event.VERIFICATION_SENT, user)


def resend_verification(user: User) -> None:
    """Another verification link, unless the address is confirmed already."""
    if user.email_verified:
        raise NotAllowed("Your email address is already confirmed.")
    send_verification(user)


def verify_email(token: str) -> User:
    """Confirm the address a verification link was sent to (it must still be the account's)."""
    payload = _read(Purpose.VERIFY_EMAIL, token)
    user = db.session.get(User, payload["u"])
    if user is None or payload.get("e") != user.email:
        raise LinkRefused("This link was sent to an address the account no longer uses. "
                          "Log in to ask for a new one.")
    if not user.email_verified:
        user.email_verified_at = utcnow()
        security_log.record(Event.EMAIL_VERIFIED, user)
    return user


def require_verified(user: User, to_do: str) -> None:
    """Raise EmailNotVerified unless the account's address is confirmed; `to_do` says what waits for it."""
    if not user.email_verified:
        raise EmailNotVerified(
            f"Confirm your email address before you {to_do}: open the link we sent to {user.email}. "
            "No mail? Send a new link from your account page."
        )


# -- forgotten password -------------------------------------------------------------------------------------


def _reset_mail(user_email: str, link: str, name: str) -> tuple[str, dict]:
    minutes = Purpose.RESET_PASSWORD.max_age // 60
    return "account_reset", {"name": name, "email": user_email, "link": link, "minutes": minutes}


def request_password_reset(email: str) -> None:
    """Mail a reset link if an active account has this address; do the same work (token, mail rendering,
    log row) when none has, so that neither the answer nor its timing tells whether it exists."""
    email = normalise_email(email)
    user = find_user(email)
    subject = "Reset your CodeCareers password"
    if user is not None and user.active:
        token = make_token(Purpose.RESET_PASSWORD, {"u": user.id, "p": _password_fingerprint(user)})
        template, context = _reset_mail(user.email, external_url("auth.reset_password", token=token),
                                        user.display_name)
        queue_mail(user.email, template, context, subject=subject, kind="account_reset", user_id=user.id)
        security_log.record(Event.RESET_REQUESTED, user)
    else:
        token = make_token(Purpose.RESET_PASSWORD, {"u": 0, "p": "0" * 24})
        template, context = _reset_mail(email, external_url("auth.reset_password", token=token), "")
        variables = {**context, "public_url": current_app.config["PUBLIC_URL"].rstrip("/"), "subject": subject,
                     "unsubscribe_url": None}
        render_template(f"email/{template}.txt", **variables)
        render_template(f"email/{template}.html", **variables)
        security_log.record(Event.RESET_REQUESTED, None, email=email[:254], detail="no such account")


def _password_fingerprint(user: User) -> str:
    return passwords.fingerprint(user.password_hash, current_app.config["SECRET_KEY"])


def user_for_reset(token: str) -> User:
    """The account a reset link is for, while the link is valid (signed, under an hour old, and the
    password unchanged since it was sent)."""
    payload = _read(Purpose.RESET_PASSWORD, token)
    user = db.session.get(User, payload["u"])
    if user is None or not user.active or not hmac.compare_digest(str(payload.get("p", "")),
                                                                  _password_fingerprint(user)):
        raise LinkRefused("This link was used already, or the password changed since it was sent. "
                          "Ask for a new one.")
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password from a reset link: the link dies with it, every session of the account ends,
    and the address counts as confirmed (the link came to it)."""
    user = user_for_reset(token)
    check_new_password(new_password, user)
    _set_new_password(user, new_password)
    if not user.email_verified:
        user.email_verified_at = utcnow()
    security_log.record(Event.RESET_DONE, user)
    _mail_password_changed(user)
    return user


# -- changes from the account page --------------------------------------------------------------------------


def _confirm_password(user: User, password: str) -> None:
    if not user.check_password(password):
        security_log.record(Event.LOGIN_FAILED, user, detail="wrong current password on the account page",
                            durable=True)
        raise WrongPassword("That is not your current password.")


def _set_new_password(user: User, new_password: str) -> None:
    user.set_password(new_password)
    user.end_sessions()


def _mail_password_changed(user: User) -> None:
    queue_mail(user.email, "account_password_changed",
               {"user": user, "reset_link": external_url("auth.forgot_password")},
               subject="Your CodeCareers password was changed", kind="account_password_changed", user_id=user.id)


def change_password(user: User, current_password: str, new_password: str) -> User:
    """A new password, confirmed with the current one; every other session of the account ends (the
    caller signs this one in again with the new session token)."""
    _confirm_password(user, current_password)
    check_new_password(new_password, user)
    if user.check_password(new_password):
        raise WeakPassword("The new password is the same as the current one.")
    _set_new_password(user, new_password)
    security_log.record(Event.PASSWORD_CHANGED, user)
    _mail_password_changed(user)
    return user


def request_email_change(user: User, new_email: str, password: str) -> str:
    """Mail a confirmation link to the new address (confirmed with the password); the account keeps its
    address until the link is followed. Returns the normalised new address."""
    _confirm_password(user, password)
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise NotAllowed("That is already your email address.")
    if find_user(new_email):
        raise EmailTaken("An account with this email already exists.")
    token = make_token(Purpose.CHANGE_EMAIL, {"u": user.id, "from": user.email, "to": new_email})
    hours = Purpose.CHANGE_EMAIL.max_age // 3600
    queue_mail(new_email, "account_email_change",
               {"user": user, "new_email": new_email, "hours": hours,
                "link": external_url("auth.confirm_email_change", token=token)},
               subject="Confirm your new email address for CodeCareers", kind="account_email_change",
               user_id=user.id)
    security_log.record(Event.EMAIL_CHANGE_REQUESTED, user, detail=f"to {new_email}")
    return new_email


def confirm_email_change(token: str) -> User:
    """Switch the account to the new address of an email-change link (it is confirmed by the link) and
    tell the old address."""
    payload = _read(Purpose.CHANGE_EMAIL, token)
    user = db.session.get(User, payload["u"])
    old, new = payload.get("from"), payload.get("to")
    if user is None or not isinstance(new, str) or old != user.email:
        raise LinkRefused("This link was used already, or the address changed since it was sent.")
    if find_user(new):
        raise EmailTaken("An account with this email already exists.")
    user.email = new
    user.email_verified_at = utcnow()
    security_log.record(Event.EMAIL_CHANGED, user, detail=f"from {old}")
    queue_mail(old, "account_email_changed",
               {"user": user, "new_email": new},
               subject="Your CodeCareers email address was changed", kind="account_email_changed", user_id=user.id)
    return user


def change_role(user: User, role: Role, by: User | None) -> User:
    """Give the account another role (no screen does this yet; a support task might): logged, and every
    session of the account ends, so that no page keeps the old rights."""
    if user.role == role.value:
        return user
    before = user.role
    user.role = role.value
    user.end_sessions()
    by_whom = f" by user {by.id}" if by is not None else ""
    security_log.record(Event.ROLE_CHANGED, user, detail=f"{before} -> {role.value}{by_whom}")
    return user


def _read(purpose: Purpose, token: str) -> dict:
    try:
        return read_token(purpose, token)
    except TokenInvalid as exc:
        raise LinkRefused(f"{exc} Check that the whole link was copied, or ask for a new one.") from exc
    except TokenError as exc:
        raise LinkRefused(f"{exc} Ask for a new one.") from exc

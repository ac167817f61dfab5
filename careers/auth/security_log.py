"""The security log: one row per login (success or failure), logout, password or email change, reset,
verification and role change, in the caller's transaction. Never a password or a token: for a failed login
the email typed is kept, so that guessing against one account, or many, shows."""

from __future__ import annotations

from enum import StrEnum

from flask import has_request_context, request
from sqlalchemy import insert, select

from careers.auth.models import SecurityEvent, User
from careers.common import utcnow
from careers.extensions import db


class Event(StrEnum):
    ACCOUNT_CREATED = "account_created"
    LOGIN_SUCCEEDED = "login_succeeded"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_REHASHED = "password_rehashed"  # an older hash upgraded to argon2id at login
    RESET_REQUESTED = "password_reset_requested"
    RESET_DONE = "password_reset_done"
    VERIFICATION_SENT = "email_verification_sent"
    EMAIL_VERIFIED = "email_verified"
    EMAIL_CHANGE_REQUESTED = "email_change_requested"
    EMAIL_CHANGED = "email_changed"
    ROLE_CHANGED = "role_changed"


def _clip(value: str | None, size: int) -> str:
    return (value or "")[:size]


def record(event: Event, user: User | None = None, *, email: str = "", detail: str = "",
           durable: bool = False) -> None:
    """Add one row for `event` (with the request's address and browser, when there is a request) to the
    caller's transaction; `durable`: write it now in a transaction of its own, so that it stays when the
    caller's work is rolled back (a refused change, such as a wrong current password, is worth keeping)."""
    ip = agent = ""
    if has_request_context():
        ip = request.remote_addr or ""
        agent = request.user_agent.string or ""
    values = {
        "user_id": user.id if user is not None else None, "event": event.value,
        "email": _clip(email or (user.email if user is not None else ""), 254),
        "ip": _clip(ip, 45), "user_agent": _clip(agent, 255), "detail": _clip(detail, 500),
    }
    if durable:
        with db.engine.begin() as conn:
            conn.execute(insert(SecurityEvent.__table__).values(**values, created_at=utcnow()))
    else:
        db.session.add(SecurityEvent(**values))


def events_for(user: User, limit: int = 50) -> list[SecurityEvent]:
    """The newest security events of one account (newest first)."""
    query = (select(SecurityEvent).where(SecurityEvent.user_id == user.id)
             .order_by(SecurityEvent.created_at.desc(), SecurityEvent.id.desc()).limit(limit))
    return list(db.session.scalars(query))


def recent_events(email: str = "", event: str = "", limit: int = 200) -> list[SecurityEvent]:
    """The newest events of every account (the admin page), optionally for one email typed or one kind."""
    query = select(SecurityEvent).order_by(SecurityEvent.created_at.desc(), SecurityEvent.id.desc()).limit(limit)
    if email:
        query = query.where(SecurityEvent.email == email.strip().lower())
    if event in {e.value for e in Event}:
        query = query.where(SecurityEvent.event == event)
    return list(db.session.scalars(query))

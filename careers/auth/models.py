"""Accounts and roles, and the security log."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from careers.auth.passwords import hash_password, verify_password
from careers.common import UTCDateTime, utcnow
from careers.extensions import db
from careers.taxonomy import Role

if TYPE_CHECKING:
    from careers.candidates.models import CandidateProfile
    from careers.employers.models import Employer


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    """An account. Its session token is part of the id Flask-Login keeps in the session and in the
    remember-me cookie (get_id): replacing it (logout, password change or reset, role change) ends every
    session and remember-me cookie of the account at once, copies included."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), index=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)

    employer: Mapped[Employer | None] = relationship(back_populates="users")
    profile: Mapped[CandidateProfile | None] = relationship(back_populates="user", uselist=False)

    def set_password(self, password: str) -> None:
        """Store an argon2id hash of `password` (careers/auth/passwords.py)."""
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return verify_password(self.password_hash, password)

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember-me cookie: id and session token."""
        return f"{self.id}:{self.session_token}"

    def end_sessions(self) -> None:
        """A new session token: every session and remember-me cookie made before stops working."""
        self.session_token = new_session_token()

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    @property
    def is_candidate(self) -> bool:
        return self.role == Role.CANDIDATE

    @property
    def is_employer(self) -> bool:
        return self.role == Role.EMPLOYER

    @property
    def is_recruiter(self) -> bool:
        return self.role == Role.RECRUITER

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role} {self.email}>"


class SecurityEvent(db.Model):
    """One line of the security log (careers/auth/security_log.py): who, what, from where, when."""

    __tablename__ = "security_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    event: Mapped[str] = mapped_column(String(40), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")  # the address typed, for failed logins too
    ip: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(255), default="")
    detail: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<SecurityEvent {self.event} user={self.user_id} {self.created_at:%Y-%m-%d %H:%M}>"

"""Accounts: registration, authentication, admin creation."""

from __future__ import annotations

from sqlalchemy import func, select

from careers.auth.models import User
from careers.common import utcnow
from careers.employers.models import Employer
from careers.errors import ServiceError
from careers.extensions import db
from careers.taxonomy import EmployerKind, Role


class EmailTaken(ServiceError):
    """An account with this email exists already."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def _new_user(email: str, password: str, role: Role, display_name: str = "") -> User:
    if find_user(email):
        raise EmailTaken("An account with this email already exists. Log in instead?")
    user = User(email=normalise_email(email), role=role.value, display_name=display_name.strip())
    user.set_password(password)
    db.session.add(user)
    return user


def register_candidate(email: str, password: str, full_name: str) -> User:
    """A coder's account; the profile comes next."""
    user = _new_user(email, password, Role.CANDIDATE, full_name)
    db.session.flush()
    return user


def register_employer(email: str, password: str, company_name: str, your_name: str = "") -> User:
    """An employer's account and its company, created together."""
    employer = Employer(name=company_name.strip(), kind=EmployerKind.OTHER.value)
    db.session.add(employer)
    user = _new_user(email, password, Role.EMPLOYER, your_name)
    user.employer = employer
    db.session.flush()
    return user


def register_recruiter(email: str, password: str, name: str) -> User:
    user = _new_user(email, password, Role.RECRUITER, name)
    db.session.flush()
    return user


def create_admin(email: str, password: str) -> User:
    """An administrator (CLI only)."""
    user = _new_user(email, password, Role.ADMIN, "Admin")
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None (same answer for either mistake)."""
    user = find_user(email)
    if user is None or not user.active or not user.check_password(password):
        return None
    user.last_login_at = utcnow()
    return user

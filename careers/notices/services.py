"""Notices: who gets which mail when an application or a posting changes, each user's choices, and the
signed one-click unsubscribe links.

The notify_* functions are called by the services that make the change, after their flush: the mails go
into the mail outbox in the same transaction (queue_mail), so a rolled-back change sends nothing and the
request never talks to the mail server.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from careers.applications.models import Application
from careers.auth.models import User
from careers.common import utcnow
from careers.errors import NotAllowed
from careers.extensions import db
from careers.jobs.models import Job
from careers.mail import external_url, queue_mail
from careers.notices.models import NOTICES, NoticeKind, NoticePreference, kinds_for
from careers.taxonomy import ApplicationStatus, JobStatus, Role

# itsdangerous salt: an unsubscribe token is good for nothing else (and no other token unsubscribes).
UNSUBSCRIBE_SALT = "careers.notices.unsubscribe"


# -- preferences ----------------------------------------------------------------------------------------------


def preferences(user: User) -> dict[NoticeKind, bool]:
    """Whether the user gets each kind their role can get (stored choice, else the kind's default)."""
    stored = dict(db.session.execute(
        select(NoticePreference.kind, NoticePreference.enabled).where(NoticePreference.user_id == user.id)
    ).all())
    return {kind: stored.get(kind.value, NOTICES[kind].default) for kind in kinds_for(user.role)}


def _store(user_id: int, kind: NoticeKind, enabled: bool) -> None:
    """Insert or update one choice in one statement (two unsubscribes at once must not collide)."""
    insert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    now = utcnow()
    statement = insert(NoticePreference).values(user_id=user_id, kind=kind.value, enabled=enabled, updated_at=now)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["user_id", "kind"], set_={"enabled": enabled, "updated_at": now}))


def save_preferences(user: User, enabled: Iterable[str]) -> dict[NoticeKind, bool]:
    """Store the user's choice for every kind their role can get: those in `enabled` on, the others off."""
    wanted = set(enabled)
    allowed = kinds_for(user.role)
    unknown = wanted - {kind.value for kind in allowed}
    if unknown:
        raise NotAllowed("Your account cannot get those notices.")
    for kind in allowed:
        _store(user.id, kind, kind.value in wanted)
    db.session.flush()
    return {kind: kind.value in wanted for kind in allowed}


def switch_off(user: User, kind: NoticeKind) -> bool:
    """Stop one kind of notice for the user; True if it was on."""
    was_on = preferences_for([user.id], kind) == {user.id}
    _store(user.id, kind, False)
    db.session.flush()
    return was_on


def preferences_for(user_ids: Iterable[int], kind: NoticeKind) -> set[int]:
    """Those of these users who get `kind` (one query for any number of users)."""
    ids = set(user_ids)
    if not ids:
        return set()
    stored = dict(db.session.execute(
        select(NoticePreference.user_id, NoticePreference.enabled)
        .where(NoticePreference.kind == kind.value, NoticePreference.user_id.in_(ids))
    ).all())
    default = NOTICES[kind].default
    return {user_id for user_id in ids if stored.get(user_id, default)}


# -- unsubscribe tokens ---------------------------------------------------------------------------------------


class BadUnsubscribeLink(Exception):
    """The link is not one we signed (damaged, cut short, or made for something else): 400."""


class UnknownUnsubscribeLink(Exception):
    """A link we signed, for an account or a notice kind that no longer exists: 404."""


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user_id: int, kind: NoticeKind) -> str:
    """A token that switches `kind` off for this user, without a login; it does not expire."""
    return _serializer().dumps([user_id, kind.value])


def read_unsubscribe_token(token: str) -> tuple[User, NoticeKind]:
    """The user and the notice kind a token names; BadUnsubscribeLink or UnknownUnsubscribeLink otherwise."""
    try:
        payload = _serializer().loads(token)
    except BadSignature as exc:
        raise BadUnsubscribeLink("This unsubscribe link is damaged or incomplete.") from exc
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)
            and isinstance(payload[1], str)):
        raise BadUnsubscribeLink("This unsubscribe link is damaged or incomplete.")
    user_id, kind_value = payload
    try:
        kind = NoticeKind(kind_value)
    except ValueError as exc:
        raise UnknownUnsubscribeLink("We no longer send that kind of notice.") from exc
    user = db.session.get(User, user_id) if 0 < user_id < 2**31 else None
    if user is None:
        raise UnknownUnsubscribeLink("The account this link was made for no longer exists.")
    return user, kind


def unsubscribe_url(user_id: int, kind: NoticeKind) -> str:
    return external_url("notices.unsubscribe", token=unsubscribe_token(user_id, kind))


# -- sending --------------------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _send(kind: NoticeKind, recipients: Iterable[User], subject: str, context: dict[str, Any]) -> int:
    """Queue one mail per recipient who gets `kind`: active, with a confirmed address (a notice never goes to an
    address nobody has shown to be theirs), and not switched off. Returns how many were queued."""
    users = {user.id: user for user in recipients if user.active and user.email_verified}
    wanted = preferences_for(users, kind)
    spec = NOTICES[kind]
    queued = 0
    for user_id in sorted(wanted):
        user = users[user_id]
        link = unsubscribe_url(user_id, kind)
        queue_mail(user.email, spec.template,
                   {**context, "recipient": user, "kind": kind, "spec": spec},
                   subject=_one_line(subject), kind=f"notice:{kind.value}", unsubscribe_url=link, user_id=user_id)
        queued += 1
    return queued


def company_users(employer_id: int) -> list[User]:
    """The active employer accounts of a company."""
    return list(db.session.scalars(
        select(User).where(User.employer_id == employer_id, User.role == Role.EMPLOYER.value,
                           User.active.is_(True)).order_by(User.id)
    ))


def admins() -> list[User]:
    return list(db.session.scalars(
        select(User).where(User.role == Role.ADMIN.value, User.active.is_(True)).order_by(User.id)))


def _job_context(job: Job) -> dict[str, Any]:
    return {"job": job, "company": job.employer.name, "status": JobStatus.label_of(job.status)}


def notify_new_application(application: Application) -> int:
    """Every user of the hiring company: a coder applied to one of its postings."""
    job = application.job
    candidate = application.candidate
    applicant = (candidate.profile.full_name if candidate.profile else "") or candidate.display_name or "A coder"
    return _send(
        NoticeKind.NEW_APPLICATION, company_users(job.employer_id), f"New application: {job.title}",
        {**_job_context(job), "application": application, "applicant": applicant,
         "status": ApplicationStatus.label_of(application.status),
         "headline": candidate.profile.headline if candidate.profile else "",
         "link": external_url("employers.applicants", job_id=job.id, _anchor=f"app-{application.id}")},
    )


def notify_application_status(application: Application) -> int:
    """The coder: an employer moved her application to another status."""
    job = application.job
    status = ApplicationStatus.label_of(application.status)
    return _send(
        NoticeKind.APPLICATION_STATUS, [application.candidate],
        f"Your application to {job.employer.name}: {status}",
        {**_job_context(job), "application": application, "status": status,
         "link": external_url("applications.detail", application_id=application.id)},
    )


def notify_posting_reviewed(job: Job) -> int:
    """Every user of the company: an admin approved the posting (it is live) or rejected it (with the reason)."""
    approved = job.status == JobStatus.PUBLISHED
    subject = f"Posting approved: {job.title}" if approved else f"Posting not approved: {job.title}"
    return _send(
        NoticeKind.POSTING_REVIEWED, company_users(job.employer_id), subject,
        {**_job_context(job), "approved": approved, "reason": job.rejection_reason,
         "link": external_url("jobs.show", job_id=job.id, slug=job.slug) if approved
         else external_url("jobs.manage", job_id=job.id)},
    )


def notify_review_waiting(job: Job) -> int:
    """Every admin: a posting was submitted (or a published one edited) and waits for review."""
    resubmitted = job.published_at is not None
    return _send(
        NoticeKind.REVIEW_WAITING, admins(), f"To review: {job.title} ({job.employer.name})",
        {**_job_context(job), "resubmitted": resubmitted, "submitted_by": job.submitted_by,
         "link": external_url("admin.review", job_id=job.id)},
    )

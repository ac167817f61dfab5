"""Rules for postings: create, edit, submit, approve, reject, close, expire, and the public list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from careers.auth.models import User
from careers.auth.services import require_verified
from careers.common import utcnow
from careers.errors import NotAllowed
from careers.extensions import db
from careers.jobs.models import HOURS_PER_YEAR, Job
from careers.notices import services as notices
from careers.taxonomy import JobStatus, JobTagKind, PayPeriod, WorkMode


@dataclass
class JobInput:
    """Everything an employer fills in for a posting, already validated by the form."""

    title: str
    description_md: str
    specialties: list[str]
    required_credentials: list[str]
    preferred_credentials: list[str]
    code_sets: list[str]
    work_setting: str
    work_mode: str
    remote_states: list[str]
    employment_type: str
    experience_level: str
    apprentice_welcome: bool
    pay_min: Decimal
    pay_max: Decimal
    pay_period: str
    city: str
    state: str
    zip_code: str
    productivity: str = ""
    apply_by: date | None = None


def _annual(amount: Decimal, period: str) -> int:
    return int(amount * HOURS_PER_YEAR) if period == PayPeriod.HOUR else int(amount)


def _apply_input(job: Job, data: JobInput) -> None:
    job.title = data.title.strip()
    job.description_md = data.description_md.strip()
    job.work_setting = data.work_setting
    job.work_mode = data.work_mode
    job.employment_type = data.employment_type
    job.experience_level = data.experience_level
    job.apprentice_welcome = data.apprentice_welcome
    job.pay_min_cents = int(data.pay_min * 100)
    job.pay_max_cents = int(data.pay_max * 100)
    job.pay_period = data.pay_period
    job.pay_min_annual = _annual(data.pay_min, data.pay_period)
    job.pay_max_annual = _annual(data.pay_max, data.pay_period)
    job.city = data.city.strip()
    job.state = data.state
    job.zip_code = data.zip_code.strip()
    job.productivity = data.productivity.strip()
    job.apply_by = data.apply_by
    job.set_tags(JobTagKind.SPECIALTY, data.specialties)
    job.set_tags(JobTagKind.REQUIRED_CREDENTIAL, data.required_credentials)
    # A credential both required and preferred is just required.
    job.set_tags(
        JobTagKind.PREFERRED_CREDENTIAL,
        [c for c in data.preferred_credentials if c not in data.required_credentials],
    )
    job.set_tags(JobTagKind.CODE_SET, data.code_sets)
    remote = data.remote_states if data.work_mode == WorkMode.REMOTE else []
    job.set_tags(JobTagKind.REMOTE_STATE, remote)


def job_input_from(job: Job) -> JobInput:
    """The input that would recreate a job (used to prefill the edit form)."""
    return JobInput(
        title=job.title, description_md=job.description_md, specialties=job.specialties,
        required_credentials=job.required_credentials, preferred_credentials=job.preferred_credentials,
        code_sets=job.code_sets, work_setting=job.work_setting, work_mode=job.work_mode,
        remote_states=job.remote_states, employment_type=job.employment_type,
        experience_level=job.experience_level, apprentice_welcome=job.apprentice_welcome,
        pay_min=job.pay_min, pay_max=job.pay_max, pay_period=job.pay_period, city=job.city,
        state=job.state, zip_code=job.zip_code, productivity=job.productivity, apply_by=job.apply_by,
    )


def create_job(by: User, data: JobInput) -> Job:
    """A new draft posting for the author's company."""
    if by.employer_id is None:
        raise NotAllowed("Only employer accounts with a company can post jobs.")
    job = Job(employer_id=by.employer_id, created_by_id=by.id, status=JobStatus.DRAFT.value)
    _apply_input(job, data)
    db.session.add(job)
    db.session.flush()
    return job


def update_job(job: Job, data: JobInput, by: User | None = None) -> Job:
    """Edit a draft, a rejected posting (it becomes a draft again) or a published one.

    A published posting goes back to review (`job.back_in_review`): otherwise a harmless approved posting
    could be rewritten into a scam aimed at remote coders without anyone looking. It leaves the board
    until approved; `by`, the editor, is recorded as the one who submitted it.
    """
    if not job.is_editable:
        raise NotAllowed(f"A job that is {JobStatus.label_of(job.status).lower()} cannot be edited.")
    _apply_input(job, data)
    back_in_review = job.status == JobStatus.PUBLISHED  # a published posting edited goes back to review
    if job.status == JobStatus.REJECTED:
        job.status = JobStatus.DRAFT.value
    elif job.status == JobStatus.PUBLISHED:
        job.status = JobStatus.REVIEW.value
        job.submitted_at = utcnow()
        job.submitted_by_id = by.id if by is not None else None
    db.session.flush()
    if back_in_review:
        notices.notify_review_waiting(job)
    return job


def submit_for_review(job: Job, by: User) -> Job:
    """Draft or rejected -> review."""
    if job.status not in (JobStatus.DRAFT, JobStatus.REJECTED):
        raise NotAllowed("Only drafts can be submitted for review.")
    require_verified(by, "submit a posting for review")  # EmailNotVerified, a NotAllowed
    job.status = JobStatus.REVIEW.value
    job.submitted_at = utcnow()
    job.submitted_by_id = by.id
    job.rejection_reason = ""
    db.session.flush()
    notices.notify_review_waiting(job)
    return job


def approve_job(job: Job, by: User) -> Job:
    """Review -> published; the posting goes live now."""
    if job.status != JobStatus.REVIEW:
        raise NotAllowed("Only jobs in review can be approved.")
    now = utcnow()
    job.status = JobStatus.PUBLISHED.value
    job.reviewed_by_id = by.id
    job.reviewed_at = now
    # Whole seconds, as the search document has it: two jobs approved in one second then order by id on
    # the engine and in the SQL fallback alike.
    job.published_at = now.replace(microsecond=0)
    db.session.flush()
    notices.notify_posting_reviewed(job)
    return job


def reject_job(job: Job, by: User, reason: str) -> Job:
    """Review -> rejected, with a reason the employer sees."""
    if job.status != JobStatus.REVIEW:
        raise NotAllowed("Only jobs in review can be rejected.")
    reason = reason.strip()
    if not reason:
        raise NotAllowed("Give the employer a reason for the rejection.")
    job.status = JobStatus.REJECTED.value
    job.rejection_reason = reason
    job.reviewed_by_id = by.id
    job.reviewed_at = utcnow()
    db.session.flush()
    notices.notify_posting_reviewed(job)
    return job


def close_job(job: Job, by: User, status: JobStatus = JobStatus.FILLED) -> Job:
    """Published -> filled (or expired): the posting leaves the board."""
    if job.status != JobStatus.PUBLISHED:
        raise NotAllowed("Only published jobs can be closed.")
    if status not in (JobStatus.FILLED, JobStatus.EXPIRED):
        raise NotAllowed("A job closes as filled or expired.")
    job.status = status.value
    job.closed_at = utcnow()
    job.closed_by_id = by.id
    db.session.flush()
    return job


def expire_due_jobs(today: date) -> int:
    """Mark published jobs whose apply-by date has passed as expired; returns how many."""
    due = db.session.scalars(
        select(Job).where(Job.status == JobStatus.PUBLISHED, Job.apply_by < today)
    ).all()
    now = utcnow()
    for job in due:
        job.status = JobStatus.EXPIRED.value
        job.closed_at = now
    db.session.flush()
    return len(due)


# -- reading ----------------------------------------------------------------------------------


def visible_jobs(today: date | None = None) -> Select[tuple[Job]]:
    """Published jobs whose apply-by date has not passed (named query for the public board)."""
    today = today or utcnow().date()
    return select(Job).where(
        Job.status == JobStatus.PUBLISHED,
        (Job.apply_by.is_(None)) | (Job.apply_by >= today),
    )


def get_public_job(job_id: int) -> Job | None:
    """A published, unexpired job with what its page shows, or None."""
    stmt = visible_jobs().where(Job.id == job_id).options(selectinload(Job.tags), selectinload(Job.employer))
    return db.session.scalar(stmt)


def employer_job(job_id: int, user: User) -> Job | None:
    """A job of the user's own company (any status), or None: other companies' jobs do not exist."""
    if user.employer_id is None:
        return None
    return db.session.scalar(
        select(Job)
        .where(Job.id == job_id, Job.employer_id == user.employer_id)
        .options(selectinload(Job.tags))
    )


def employer_jobs(user: User) -> list[Job]:
    """The user's company's postings, newest first."""
    if user.employer_id is None:
        return []
    return list(
        db.session.scalars(
            select(Job)
            .where(Job.employer_id == user.employer_id)
            .options(selectinload(Job.tags))
            .order_by(Job.created_at.desc(), Job.id.desc())
        )
    )


def review_queue() -> list[Job]:
    """Jobs waiting for an admin, oldest submission first."""
    return list(
        db.session.scalars(
            select(Job)
            .where(Job.status == JobStatus.REVIEW)
            .options(selectinload(Job.tags), selectinload(Job.employer))
            .order_by(Job.submitted_at, Job.id)
        )
    )

"""Rules for applying and for moving an application through the employer's pipeline."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from careers.applications.models import Application, ApplicationEvent
from careers.auth.models import User
from careers.auth.services import require_verified
from careers.candidates.models import CandidateProfile
from careers.errors import NotAllowed, ServiceError
from careers.extensions import db
from careers.jobs.models import Job
from careers.notices import services as notices
from careers.taxonomy import ApplicationStatus, JobStatus

S = ApplicationStatus
# The pipeline: each status and where an employer may move it next.
PIPELINE: dict[str, tuple[str, ...]] = {
    S.APPLIED: (S.SCREENING, S.INTERVIEW, S.REJECTED),
    S.SCREENING: (S.INTERVIEW, S.OFFER, S.REJECTED),
    S.INTERVIEW: (S.OFFER, S.REJECTED),
    S.OFFER: (S.HIRED, S.REJECTED),
    S.HIRED: (),
    S.REJECTED: (),
    S.WITHDRAWN: (),
}
FINAL = {S.HIRED, S.REJECTED, S.WITHDRAWN}


class AlreadyApplied(ServiceError):
    """The candidate has an application for this job already (`application`, when it is known)."""

    def __init__(self, message: str, application: Application | None = None) -> None:
        super().__init__(message)
        self.application = application


class NeedsProfile(NotAllowed):
    """A coder without a profile: employers would not know who applied."""


def application_for(job: Job, candidate: User) -> Application | None:
    """The coder's application to this job, or None if she has not applied."""
    return db.session.scalar(
        select(Application).where(Application.job_id == job.id, Application.candidate_id == candidate.id)
    )


def check_can_apply(job: Job, candidate: User) -> None:
    """Raise the reason this coder cannot apply to this job now, if there is one (the apply page asks
    before showing its form; `apply` asks again)."""
    if not candidate.is_candidate:
        raise NotAllowed("Only coder accounts can apply to jobs.")
    if job.status != JobStatus.PUBLISHED:
        raise NotAllowed("This job is no longer taking applications.")
    require_verified(candidate, "apply")  # EmailNotVerified, a NotAllowed
    if candidate.profile is None:
        raise NeedsProfile("Create your profile before applying, so the employer sees who you are.")
    if existing := application_for(job, candidate):
        raise AlreadyApplied("You have already applied to this job.", existing)


def apply(job: Job, candidate: User, cover_note: str) -> Application:
    """A coder applies to a published job; the database forbids a second application."""
    check_can_apply(job, candidate)
    application = Application(job_id=job.id, candidate_id=candidate.id, cover_note=cover_note.strip())
    application.events.append(ApplicationEvent(to_status=S.APPLIED.value, by_user_id=candidate.id))
    try:
        with db.session.begin_nested():
            db.session.add(application)
            db.session.flush()
    except IntegrityError as exc:  # a double submit that raced past the check above
        raise AlreadyApplied("You have already applied to this job.") from exc
    notices.notify_new_application(application)
    return application


def _record(application: Application, to: ApplicationStatus, by: User) -> None:
    application.events.append(
        ApplicationEvent(from_status=application.status, to_status=to.value, by_user_id=by.id)
    )
    application.status = to.value


def withdraw(application: Application, by: User) -> Application:
    """The candidate withdraws; not possible once hired or turned down."""
    if application.candidate_id != by.id:
        raise NotAllowed("Only the applicant can withdraw an application.")
    if application.status in FINAL:
        raise NotAllowed(f"An application marked {application.status_label.lower()} cannot be withdrawn.")
    _record(application, S.WITHDRAWN, by)
    db.session.flush()
    return application


def move(application: Application, to: str, by: User) -> Application:
    """The employer moves an application one step along the pipeline (or rejects it)."""
    try:
        target = S(to)
    except ValueError as exc:
        raise NotAllowed("Unknown application status.") from exc
    if by.employer_id is None or application.job.employer_id != by.employer_id:
        raise NotAllowed("Only the hiring company can change this application.")
    if target not in PIPELINE[application.status]:
        raise NotAllowed(
            f"An application cannot go from {application.status_label.lower()} to {target.label.lower()}."
        )
    _record(application, target, by)
    db.session.flush()
    notices.notify_application_status(application)
    return application


def next_statuses(application: Application) -> list[ApplicationStatus]:
    return [S(s) for s in PIPELINE[application.status]]


def candidate_applications(candidate: User) -> list[Application]:
    """The coder's own applications, newest first, with job and employer loaded."""
    return list(
        db.session.scalars(
            select(Application)
            .where(Application.candidate_id == candidate.id)
            .options(
                selectinload(Application.job).selectinload(Job.employer),
                selectinload(Application.events),
            )
            .order_by(Application.created_at.desc(), Application.id.desc())
        )
    )


def candidate_application(application_id: int, candidate: User) -> Application | None:
    return db.session.scalar(
        select(Application).where(Application.id == application_id, Application.candidate_id == candidate.id)
    )


def job_applicants(job: Job) -> list[Application]:
    """Applicants to one posting with their profiles, newest first."""
    return list(
        db.session.scalars(
            select(Application)
            .where(Application.job_id == job.id)
            .options(
                selectinload(Application.candidate)
                .selectinload(User.profile)
                .selectinload(CandidateProfile.credentials),
                selectinload(Application.events),
            )
            .order_by(Application.created_at.desc(), Application.id.desc())
        )
    )


def employer_application(application_id: int, user: User) -> Application | None:
    """An application to one of the user's company's jobs, or None."""
    if user.employer_id is None:
        return None
    return db.session.scalar(
        select(Application)
        .join(Job, Job.id == Application.job_id)
        .where(Application.id == application_id, Job.employer_id == user.employer_id)
    )


def applicant_counts(job_ids: list[int]) -> dict[int, int]:
    """Applications per job in one query."""
    from sqlalchemy import func

    if not job_ids:
        return {}
    rows = db.session.execute(
        select(Application.job_id, func.count())
        .where(Application.job_id.in_(job_ids))
        .group_by(Application.job_id)
    )
    return {job_id: n for job_id, n in rows}

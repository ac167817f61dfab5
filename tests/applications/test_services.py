"""careers.applications.services: applying, withdrawing, the employer's pipeline and the lookups behind the
coder's and the employer's pages."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from careers.applications import services
from careers.applications.models import Application, ApplicationEvent
from careers.applications.services import (
    AlreadyApplied,
    applicant_counts,
    application_for,
    apply,
    candidate_application,
    candidate_applications,
    employer_application,
    job_applicants,
    move,
    next_statuses,
    withdraw,
)
from careers.auth.models import User
from careers.auth.services import EmailNotVerified
from careers.common import utcnow
from careers.errors import NotAllowed
from careers.jobs.models import Job
from careers.jobs.services import close_job
from careers.taxonomy import ApplicationStatus as S
from careers.taxonomy import JobStatus, Role
from tests import factories


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def history(application: Application) -> list[tuple[str, str, int | None]]:
    return [(e.from_status, e.to_status, e.by_user_id) for e in application.events]


# -- apply ------------------------------------------------------------------------------------------


def test_apply_records_the_first_event(db):
    job, who = factories.published_job(), factories.candidate()
    app_ = apply(job, who, "  CPC, 4 years radiology \n")
    db.session.commit()
    assert app_.id is not None and (app_.job_id, app_.candidate_id) == (job.id, who.id)
    assert app_.status == S.APPLIED
    assert app_.cover_note == "CPC, 4 years radiology"
    assert history(app_) == [("", "applied", who.id)]
    assert application_for(job, who) is app_


def test_applying_twice_is_refused(db):
    job, who = factories.published_job(), factories.candidate()
    apply(job, who, "")
    db.session.commit()
    with pytest.raises(AlreadyApplied, match=r"^You have already applied to this job\.$"):
        apply(job, who, "again")
    assert count(db, Application) == 1


def test_a_second_apply_that_races_past_the_check_is_refused_by_the_constraint(db, monkeypatch):
    """Two tabs submitting at once both pass application_for(); the unique constraint decides, and the session
    stays usable (the insert ran in a savepoint)."""
    job, who = factories.published_job(), factories.candidate()
    first = apply(job, who, "first")
    db.session.commit()
    monkeypatch.setattr(services, "application_for", lambda job, candidate: None)
    with pytest.raises(AlreadyApplied, match=r"^You have already applied to this job\.$") as info:
        apply(job, who, "second")
    assert isinstance(info.value.__cause__, IntegrityError)
    db.session.commit()
    assert db.session.scalars(select(Application)).all() == [first]
    assert count(db, ApplicationEvent) == 1


@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.REVIEW, JobStatus.FILLED, JobStatus.EXPIRED])
def test_only_published_jobs_take_applications(db, status):
    job = factories.published_job()
    if status in (JobStatus.FILLED, JobStatus.EXPIRED):
        close_job(job, job.created_by, status)
    else:
        job.status = status.value
    db.session.commit()
    with pytest.raises(NotAllowed, match=r"^This job is no longer taking applications\.$"):
        apply(job, factories.candidate(), "")
    assert count(db, Application) == 0


def test_a_coder_confirms_the_email_address_before_applying(db):
    who = factories.candidate(verified=False)
    message = (f"^Confirm your email address before you apply: open the link we sent to {re.escape(who.email)}\\. "
               "No mail\\? Send a new link from your account page\\.$")
    with pytest.raises(EmailNotVerified, match=message):
        apply(factories.published_job(), who, "")
    assert count(db, Application) == 0


def test_a_coder_needs_a_profile_to_apply(db):
    with pytest.raises(NotAllowed, match=r"^Create your profile before applying, so the employer sees who you are\.$"):
        apply(factories.published_job(), factories.candidate(with_profile=False), "")
    assert count(db, Application) == 0


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.RECRUITER, Role.ADMIN])
def test_only_coder_accounts_can_apply(db, role):
    """An account of another role with everything else a coder needs (a profile, a published job, no earlier
    application), so that only the role check can refuse it."""
    user = factories.candidate()
    assert user.profile is not None
    user.role = role.value
    db.session.commit()
    with pytest.raises(NotAllowed, match=r"^Only coder accounts can apply to jobs\.$"):
        apply(factories.published_job(), user, "")
    assert count(db, Application) == 0


# -- withdraw ---------------------------------------------------------------------------------------


def test_withdraw(db):
    app_ = factories.application()
    who = app_.candidate
    withdraw(app_, who)
    db.session.commit()
    assert app_.status == S.WITHDRAWN
    assert history(app_) == [("", "applied", who.id), ("applied", "withdrawn", who.id)]


def test_withdraw_during_the_pipeline(db):
    app_ = factories.application()
    move(app_, "interview", app_.job.created_by)
    withdraw(app_, app_.candidate)
    assert app_.status == S.WITHDRAWN and history(app_)[-1] == ("interview", "withdrawn", app_.candidate_id)


def test_only_the_applicant_withdraws(db):
    app_ = factories.application()
    for other in (factories.candidate(), app_.job.created_by):
        with pytest.raises(NotAllowed, match=r"^Only the applicant can withdraw an application\.$"):
            withdraw(app_, other)
    assert app_.status == S.APPLIED and len(app_.events) == 1


@pytest.mark.parametrize(("final", "label"), [("hired", "hired"), ("rejected", "not selected"),
                                              ("withdrawn", "withdrawn")])
def test_a_final_application_cannot_be_withdrawn(db, final, label):
    app_ = factories.application()
    app_.status = final
    db.session.commit()
    with pytest.raises(NotAllowed, match=rf"^An application marked {label} cannot be withdrawn\.$"):
        withdraw(app_, app_.candidate)
    assert app_.status == final and len(app_.events) == 1


# -- the pipeline -----------------------------------------------------------------------------------


def test_pipeline_to_hired_with_history(db):
    app_ = factories.application()
    emp = app_.job.created_by
    colleague = factories.colleague(emp)
    move(app_, "screening", emp)
    move(app_, "interview", colleague)
    move(app_, "offer", emp)
    move(app_, "hired", colleague)
    db.session.commit()
    assert app_.status == S.HIRED
    assert history(app_) == [
        ("", "applied", app_.candidate_id), ("applied", "screening", emp.id), ("screening", "interview", colleague.id),
        ("interview", "offer", emp.id), ("offer", "hired", colleague.id),
    ]
    assert next_statuses(app_) == []


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        ("applied", ["screening", "interview", "rejected"]),
        ("screening", ["interview", "offer", "rejected"]),
        ("interview", ["offer", "rejected"]),
        ("offer", ["hired", "rejected"]),
        ("hired", []), ("rejected", []), ("withdrawn", []),
    ],
)
def test_next_statuses_and_every_move(db, status, allowed):
    app_ = factories.application()
    app_.status = status
    db.session.commit()
    assert next_statuses(app_) == [S(s) for s in allowed]
    assert all(isinstance(s, S) for s in next_statuses(app_))
    emp = app_.job.created_by
    for target in S.values():
        app_.status = status
        if target in allowed:
            move(app_, target, emp)
            assert app_.status == target
        else:
            label, to = S.label_of(status).lower(), S.label_of(target).lower()
            with pytest.raises(NotAllowed, match=rf"^An application cannot go from {label} to {to}\.$"):
                move(app_, target, emp)
            assert app_.status == status


@pytest.mark.parametrize("bad", ["nonsense", "", "HIRED"])
def test_unknown_status_is_refused(db, bad):
    app_ = factories.application()
    with pytest.raises(NotAllowed, match=r"^Unknown application status\.$"):
        move(app_, bad, app_.job.created_by)
    assert app_.status == S.APPLIED and len(app_.events) == 1


def test_only_the_hiring_company_moves_an_application(db):
    app_ = factories.application()
    for outsider in (factories.employer_user(), factories.candidate(), app_.candidate, factories.admin()):
        with pytest.raises(NotAllowed, match=r"^Only the hiring company can change this application\.$"):
            move(app_, "screening", outsider)
    assert app_.status == S.APPLIED and len(app_.events) == 1


def test_a_withdrawn_application_cannot_be_moved(db):
    app_ = factories.application()
    withdraw(app_, app_.candidate)
    with pytest.raises(NotAllowed, match=r"^An application cannot go from withdrawn to screening\.$"):
        move(app_, "screening", app_.job.created_by)


# -- lookups ----------------------------------------------------------------------------------------


def test_has_applied_is_per_job_and_candidate(db):
    job, other_job = factories.published_job(), factories.published_job()
    who, someone = factories.candidate(), factories.candidate()
    app_ = factories.application(job, who)
    assert application_for(job, who) is app_
    assert application_for(other_job, who) is None
    assert application_for(job, someone) is None


def _aged(applications: list[Application], minutes: list[int]) -> None:
    now = utcnow()
    for application, age in zip(applications, minutes, strict=True):
        application.created_at = now - timedelta(minutes=age)


def test_candidate_applications_are_the_own_ones_newest_first(db):
    who = factories.candidate()
    a, b, c, d = (factories.application(factories.published_job(), who) for _ in range(4))
    factories.application()  # someone else's
    _aged([a, b, c, d], [1, 30, 10, 10])  # c and d at the same time: the later id first
    db.session.commit()
    assert candidate_applications(who) == [a, d, c, b]
    assert candidate_applications(factories.candidate()) == []


def test_job_applicants_are_the_jobs_own_newest_first(db):
    job = factories.published_job()
    a, b, c, d = (factories.application(job) for _ in range(4))
    factories.application()  # another job's
    _aged([a, b, c, d], [1, 30, 10, 10])
    db.session.commit()
    assert job_applicants(job) == [a, d, c, b]
    assert job_applicants(factories.published_job()) == []


def _statements(db, count_queries, read) -> int:
    """Statements `read()` runs from an empty session (as a page does: nothing loaded already)."""
    db.session.commit()
    db.session.expunge_all()
    with count_queries() as queries:
        read()
    return queries.count


def test_candidate_applications_load_jobs_employers_and_events_in_fixed_queries(db, count_queries):
    who = factories.candidate()
    who_id = who.id

    def read() -> None:
        shown = [(a.job.title, a.job.employer.name, [e.to_status for e in a.events])
                 for a in candidate_applications(db.session.get(User, who_id))]
        assert shown and all(events == ["applied"] for *_, events in shown)

    for _ in range(2):
        factories.application(factories.published_job(), db.session.get(User, who_id))  # jobs of other companies
    few = _statements(db, count_queries, read)
    for _ in range(3):
        factories.application(factories.published_job(), db.session.get(User, who_id))
    assert _statements(db, count_queries, read) == few <= 5  # user, applications, jobs, employers, events


def test_job_applicants_load_profiles_credentials_and_events_in_fixed_queries(db, count_queries):
    job_id = factories.published_job().id

    def read() -> None:
        shown = [(a.candidate.profile.full_name, [c.credential for c in a.candidate.profile.credentials],
                  [e.to_status for e in a.events]) for a in job_applicants(db.session.get(Job, job_id))]
        assert shown and all(creds == ["CPC"] and events == ["applied"] for _, creds, events in shown)

    for _ in range(2):
        factories.application(db.session.get(Job, job_id))
    few = _statements(db, count_queries, read)
    for _ in range(3):
        factories.application(db.session.get(Job, job_id))
    # job, applications, users, profiles (with their tags), credentials, events
    assert _statements(db, count_queries, read) == few <= 7


def test_candidate_application_is_found_only_for_its_applicant(db):
    who = factories.candidate()
    first, second = (factories.application(factories.published_job(), who) for _ in range(2))
    assert candidate_application(first.id, who) is first
    assert candidate_application(second.id, who) is second
    assert candidate_application(first.id, factories.candidate()) is None
    assert candidate_application(10**9, who) is None


def test_employer_application_is_found_only_for_the_hiring_company(db):
    emp = factories.employer_user()
    job = factories.published_job(emp)
    first, second = factories.application(job), factories.application(job)
    elsewhere = factories.application()
    assert employer_application(first.id, emp) is first
    assert employer_application(second.id, emp) is second
    assert employer_application(first.id, factories.colleague(emp)) is first
    assert employer_application(elsewhere.id, emp) is None
    assert employer_application(first.id, factories.employer_user()) is None
    assert employer_application(first.id, first.candidate) is None  # no company at all
    assert employer_application(10**9, emp) is None


def test_applicant_counts_per_job(db):
    """The employer dashboard's numbers: one query for all the jobs; a job nobody applied to has no entry."""
    emp = factories.employer_user()
    busy, quiet, empty = factories.published_job(emp), factories.published_job(emp), factories.published_job(emp)
    for _ in range(3):
        factories.application(busy)
    factories.application(quiet)
    factories.application()  # another company's job
    assert applicant_counts([busy.id, quiet.id, empty.id]) == {busy.id: 3, quiet.id: 1}
    assert applicant_counts([quiet.id]) == {quiet.id: 1}
    assert applicant_counts([]) == {}

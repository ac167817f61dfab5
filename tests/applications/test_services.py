import pytest
from sqlalchemy import func, select

from careers.applications.models import Application, ApplicationEvent
from careers.applications.services import AlreadyApplied, apply, move, next_statuses, withdraw
from careers.errors import NotAllowed
from careers.jobs.services import close_job
from careers.taxonomy import ApplicationStatus as S
from tests import factories


def test_apply_records_the_first_event(db):
    app_ = factories.application(note="  CPC, 4 years radiology  ")
    assert app_.status == S.APPLIED
    assert app_.cover_note == "CPC, 4 years radiology"
    assert [(e.from_status, e.to_status) for e in app_.events] == [("", "applied")]


def test_applying_twice_is_refused(db):
    job, who = factories.published_job(), factories.candidate()
    apply(job, who, "")
    db.session.commit()
    with pytest.raises(AlreadyApplied):
        apply(job, who, "again")
    assert db.session.scalar(select(func.count()).select_from(Application)) == 1


def test_only_published_jobs_take_applications(db):
    job = factories.published_job()
    close_job(job, job.created_by)
    with pytest.raises(NotAllowed):
        apply(job, factories.candidate(), "")
    with pytest.raises(NotAllowed):
        apply(factories.draft_job(), factories.candidate(), "")


def test_profile_and_role_are_required(db):
    job = factories.published_job()
    with pytest.raises(NotAllowed):
        apply(job, factories.candidate(with_profile=False), "")
    with pytest.raises(NotAllowed):
        apply(job, factories.employer_user(), "")


def test_pipeline_to_hired_with_history(db):
    app_ = factories.application()
    emp = app_.job.created_by
    for step in ("screening", "interview", "offer", "hired"):
        move(app_, step, emp)
    db.session.commit()
    assert app_.status == S.HIRED
    assert [e.to_status for e in app_.events] == ["applied", "screening", "interview", "offer", "hired"]
    assert next_statuses(app_) == []
    with pytest.raises(NotAllowed):
        withdraw(app_, app_.candidate)


@pytest.mark.parametrize("bad", ["applied", "hired", "withdrawn", "nonsense", ""])
def test_pipeline_refuses_impossible_moves(db, bad):
    app_ = factories.application()
    with pytest.raises(NotAllowed):
        move(app_, bad, app_.job.created_by)
    assert app_.status == S.APPLIED


def test_other_company_cannot_move(db):
    app_ = factories.application()
    with pytest.raises(NotAllowed):
        move(app_, "screening", factories.employer_user())


def test_colleague_can_move(db):
    app_ = factories.application()
    move(app_, "screening", factories.colleague(app_.job.created_by))
    assert app_.status == S.SCREENING


def test_withdraw(db):
    app_ = factories.application()
    with pytest.raises(NotAllowed):
        withdraw(app_, factories.candidate())
    withdraw(app_, app_.candidate)
    db.session.commit()
    assert app_.status == S.WITHDRAWN
    assert db.session.scalar(select(func.count()).select_from(ApplicationEvent)) == 2
    with pytest.raises(NotAllowed):
        move(app_, "screening", app_.job.created_by)

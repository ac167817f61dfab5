from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from careers.common import utcnow
from careers.errors import NotAllowed
from careers.extensions import db as _db
from careers.jobs.models import Job
from careers.jobs.services import (
    JobFilters,
    approve_job,
    close_job,
    create_job,
    expire_due_jobs,
    get_public_job,
    list_jobs,
    reject_job,
    submit_for_review,
    update_job,
)
from careers.taxonomy import JobStatus, WorkMode
from tests import factories


def test_create_job_stores_every_field_as_a_draft(db):
    emp = factories.employer_user()
    job = create_job(emp, factories.job_input())
    db.session.commit()
    assert job.status == JobStatus.DRAFT
    assert job.employer_id == emp.employer_id
    assert job.specialties == ["pathology"]
    assert job.required_credentials == ["CPC"]
    assert job.preferred_credentials == ["CCS"]
    assert sorted(job.remote_states) == ["OH", "TX"]
    assert job.pay_min_cents == 2400 and job.pay_max_cents == 3150
    assert job.pay_min_annual == 24 * 2080 and job.pay_max_annual == int(Decimal("31.50") * 2080)
    assert job.pay_display == "$24.00 – $31.50 per hour"


def test_yearly_pay_is_annualised_as_is(db):
    job = factories.draft_job(pay_min=Decimal("52000"), pay_max=Decimal("61000"), pay_period="year")
    assert (job.pay_min_annual, job.pay_max_annual) == (52000, 61000)
    assert job.pay_display == "$52,000 – $61,000 per year"


def test_remote_states_dropped_for_onsite_jobs(db):
    job = factories.draft_job(work_mode=WorkMode.ONSITE.value, remote_states=["OH"])
    assert job.remote_states == []


def test_credential_both_required_and_preferred_is_only_required(db):
    job = factories.draft_job(required_credentials=["CPC"], preferred_credentials=["CPC", "CRC"])
    assert job.preferred_credentials == ["CRC"]


def test_lifecycle_draft_review_publish_fill(db):
    job = factories.draft_job()
    emp, adm = job.created_by, factories.admin()
    with pytest.raises(NotAllowed):
        approve_job(job, adm)  # not in review yet
    submit_for_review(job, emp)
    assert job.status == JobStatus.REVIEW and job.submitted_at is not None
    approve_job(job, adm)
    assert job.status == JobStatus.PUBLISHED
    assert job.published_at is not None and job.published_at.tzinfo is not None
    assert job.reviewed_by_id == adm.id
    close_job(job, emp)
    assert job.status == JobStatus.FILLED
    with pytest.raises(NotAllowed):
        submit_for_review(job, emp)


def test_reject_needs_a_reason_and_the_edit_returns_a_draft(db):
    job = factories.review_job()
    adm = factories.admin()
    with pytest.raises(NotAllowed):
        reject_job(job, adm, "   ")
    reject_job(job, adm, "Pay range is missing the hourly rate.")
    db.session.commit()
    assert job.status == JobStatus.REJECTED
    assert job.rejection_reason == "Pay range is missing the hourly rate."
    update_job(job, factories.job_input(title="Pathology Coder II"))
    assert job.status == JobStatus.DRAFT
    submit_for_review(job, job.created_by)
    assert job.rejection_reason == ""


def test_editing_a_live_job_sends_it_back_to_review(db):
    job = factories.published_job()
    update_job(job, factories.job_input(title="Now asks for a $300 equipment deposit"))
    db.session.commit()
    assert job.status == JobStatus.REVIEW and job.submitted_at >= job.published_at
    assert get_public_job(job.id) is None
    approve_job(job, factories.admin())
    assert get_public_job(job.id) is not None


def test_cannot_edit_job_in_review(db):
    job = factories.review_job()
    with pytest.raises(NotAllowed):
        update_job(job, factories.job_input())


def test_only_employers_with_a_company_post(db):
    with pytest.raises(NotAllowed):
        create_job(factories.candidate(), factories.job_input())


def test_visible_list_shows_published_unexpired_newest_first(db):
    emp = factories.employer_user()
    old = factories.published_job(emp, title="Older coder job")
    new = factories.published_job(emp, title="Newer coder job")
    old.published_at = utcnow() - timedelta(days=3)
    factories.draft_job(emp)
    factories.review_job(emp)
    expired = factories.published_job(emp, title="Expired job")
    expired.apply_by = utcnow().date() - timedelta(days=1)
    db.session.commit()
    page = list_jobs(JobFilters(), 1, 20)
    assert [j.id for j in page.items] == [new.id, old.id]
    assert page.total == 2
    assert get_public_job(expired.id) is None


def test_filters_specialty_mode_state_and_keyword(db):
    emp = factories.employer_user()
    path_remote = factories.published_job(emp, title="Pathology coder", specialties=["pathology"],
                                          work_mode="remote", remote_states=["TX"], state="OH")
    rad_onsite = factories.published_job(emp, title="Radiology coder", specialties=["radiology"],
                                         work_mode="on-site", remote_states=[], state="CA", city="Fresno")
    ids = lambda f: {j.id for j in list_jobs(f, 1, 50).items}  # noqa: E731
    assert ids(JobFilters(specialties=["pathology"])) == {path_remote.id}
    assert ids(JobFilters(specialties=["pathology", "radiology"])) == {path_remote.id, rad_onsite.id}
    assert ids(JobFilters(work_modes=["on-site"])) == {rad_onsite.id}
    # A remote job open to Texans shows up for Texas.
    assert ids(JobFilters(states=["TX"])) == {path_remote.id}
    assert ids(JobFilters(states=["CA"])) == {rad_onsite.id}
    assert ids(JobFilters(q="radiology")) == {rad_onsite.id}
    assert ids(JobFilters(q="100%_")) == set()


def test_pagination_clamps_to_last_page(db):
    emp = factories.employer_user()
    for i in range(5):
        factories.published_job(emp, title=f"Coder job {i}")
    page = list_jobs(JobFilters(), 99, 2)
    assert page.page == 3 and page.pages == 3 and len(page.items) == 1


def test_expire_due_jobs(db):
    job = factories.published_job()
    job.apply_by = utcnow().date() - timedelta(days=2)
    keep = factories.published_job()
    db.session.commit()
    assert expire_due_jobs(utcnow().date()) == 1
    assert job.status == JobStatus.EXPIRED and keep.status == JobStatus.PUBLISHED


def test_deleting_a_job_deletes_its_tags(db):
    job = factories.draft_job()
    job_id = job.id
    _db.session.delete(job)
    _db.session.commit()
    from careers.jobs.models import JobTag

    assert _db.session.scalars(select(JobTag).where(JobTag.job_id == job_id)).all() == []
    assert _db.session.get(Job, job_id) is None

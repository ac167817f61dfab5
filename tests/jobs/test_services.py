"""careers.jobs.services: the posting lifecycle (create, edit, submit, approve, reject, close, expire) and the
employer's and admin's lookups. The public list lives in careers/search and is tested there."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from careers.auth.services import EmailNotVerified
from careers.common import utcnow
from careers.errors import NotAllowed
from careers.extensions import db as _db
from careers.jobs.models import Job, JobTag
from careers.jobs.services import (
    JobInput,
    approve_job,
    close_job,
    create_job,
    employer_job,
    expire_due_jobs,
    get_public_job,
    job_input_from,
    reject_job,
    review_queue,
    submit_for_review,
    update_job,
)
from careers.taxonomy import JobStatus, WorkMode
from tests import factories


def other_input() -> JobInput:
    """An input that differs from factories.job_input() in every field (and strips to these values)."""
    return JobInput(
        title="  Inpatient DRG Coder (CCS)  ", description_md="\n## Facility coding\n\nMS-DRG validation.\n\n",
        specialties=["inpatient-coding", "auditing-compliance"], required_credentials=["CCS"],
        preferred_credentials=["RHIT"], code_sets=["icd-10-pcs"], work_setting="hospital-inpatient",
        work_mode=WorkMode.HYBRID.value, remote_states=["CA"], employment_type="contract",
        experience_level="senior", apprentice_welcome=False, pay_min=Decimal("61000"), pay_max=Decimal("74000"),
        pay_period="year", city="  Fresno ", state="CA", zip_code=" 93721 ", productivity="  2 charts/hour ",
        apply_by=date(2031, 1, 15),
    )


def stored(job: Job) -> dict:
    """Every field a posting's input sets, as stored."""
    return {
        "title": job.title, "description_md": job.description_md, "specialties": sorted(job.specialties),
        "required_credentials": job.required_credentials, "preferred_credentials": job.preferred_credentials,
        "code_sets": sorted(job.code_sets), "work_setting": job.work_setting, "work_mode": job.work_mode,
        "remote_states": sorted(job.remote_states), "employment_type": job.employment_type,
        "experience_level": job.experience_level, "apprentice_welcome": job.apprentice_welcome,
        "pay": (job.pay_min_cents, job.pay_max_cents, job.pay_period, job.pay_min_annual, job.pay_max_annual),
        "city": job.city, "state": job.state, "zip_code": job.zip_code, "productivity": job.productivity,
        "apply_by": job.apply_by,
    }


OTHER_STORED = {
    "title": "Inpatient DRG Coder (CCS)", "description_md": "## Facility coding\n\nMS-DRG validation.",
    "specialties": ["auditing-compliance", "inpatient-coding"], "required_credentials": ["CCS"],
    "preferred_credentials": ["RHIT"], "code_sets": ["icd-10-pcs"], "work_setting": "hospital-inpatient",
    "work_mode": "hybrid", "remote_states": [], "employment_type": "contract", "experience_level": "senior",
    "apprentice_welcome": False, "pay": (6100000, 7400000, "year", 61000, 74000), "city": "Fresno", "state": "CA",
    "zip_code": "93721", "productivity": "2 charts/hour", "apply_by": date(2031, 1, 15),
}


# -- create -----------------------------------------------------------------------------------------


def test_create_job_stores_every_field_as_a_draft(db):
    emp = factories.employer_user()
    apply_by = utcnow().date() + timedelta(days=30)
    job = create_job(emp, factories.job_input(
        title="  Remote Pathology Coder (CPC)  ", city=" Columbus ", zip_code=" 43215 ", apply_by=apply_by,
        productivity=" 18 cases/hour ",
    ))
    db.session.commit()
    assert job.id is not None and _db.session.get(Job, job.id) is job
    assert (job.status, job.employer_id, job.created_by_id) == (JobStatus.DRAFT, emp.employer_id, emp.id)
    assert (job.submitted_at, job.reviewed_by_id, job.published_at, job.closed_at) == (None, None, None, None)
    assert stored(job) == {
        "title": "Remote Pathology Coder (CPC)",
        "description_md": factories.job_input().description_md,
        "specialties": ["pathology"], "required_credentials": ["CPC"], "preferred_credentials": ["CCS"],
        "code_sets": ["cpt", "icd-10-cm"], "work_setting": "laboratory", "work_mode": "remote",
        "remote_states": ["OH", "TX"], "employment_type": "full-time", "experience_level": "mid",
        "apprentice_welcome": True, "pay": (2400, 3150, "hour", 24 * 2080, int(Decimal("31.50") * 2080)),
        "city": "Columbus", "state": "OH", "zip_code": "43215", "productivity": "18 cases/hour",
        "apply_by": apply_by,
    }
    assert job.pay_display == "$24.00 – $31.50 per hour"


def test_create_job_strips_and_stores_a_second_input_too(db):
    job = create_job(factories.employer_user(), other_input())
    assert stored(job) == OTHER_STORED


def test_yearly_pay_is_annualised_as_is(db):
    job = factories.draft_job(pay_min=Decimal("52000"), pay_max=Decimal("61000"), pay_period="year")
    assert (job.pay_min_annual, job.pay_max_annual) == (52000, 61000)
    assert job.pay_display == "$52,000 – $61,000 per year"


def test_hourly_pay_keeps_its_cents(db):
    job = factories.draft_job(pay_min=Decimal("19.99"), pay_max=Decimal("19.99"))
    assert (job.pay_min_cents, job.pay_max_cents) == (1999, 1999)
    assert (job.pay_min_annual, job.pay_max_annual) == (int(Decimal("19.99") * 2080),) * 2


def test_remote_states_dropped_for_onsite_jobs(db):
    job = factories.draft_job(work_mode=WorkMode.ONSITE.value, remote_states=["OH"])
    assert job.remote_states == []


def test_credential_both_required_and_preferred_is_only_required(db):
    job = factories.draft_job(required_credentials=["CPC"], preferred_credentials=["CPC", "CRC"])
    assert job.required_credentials == ["CPC"]
    assert job.preferred_credentials == ["CRC"]


@pytest.mark.parametrize("who", ["candidate", "recruiter", "admin"])
def test_only_employers_with_a_company_post(db, who):
    user = getattr(factories, who)()
    with pytest.raises(NotAllowed, match="^Only employer accounts with a company can post jobs.$"):
        create_job(user, factories.job_input())
    assert _db.session.scalar(select(Job)) is None


# -- update -----------------------------------------------------------------------------------------


def test_update_job_saves_every_field(db):
    """Editing a draft stores everything the form sent, tags included (none of the old ones linger)."""
    job = factories.draft_job()
    update_job(job, other_input())
    db.session.commit()
    db.session.expire_all()
    job = _db.session.get(Job, job.id)
    assert stored(job) == OTHER_STORED
    assert job.status == JobStatus.DRAFT and job.submitted_at is None
    tags = _db.session.execute(select(JobTag.kind, JobTag.value).where(JobTag.job_id == job.id)).all()
    assert sorted(tags) == [
        ("code-set", "icd-10-pcs"), ("preferred-credential", "RHIT"), ("required-credential", "CCS"),
        ("specialty", "auditing-compliance"), ("specialty", "inpatient-coding"),
    ]


def test_the_edit_form_is_prefilled_with_what_is_stored_and_saving_it_changes_nothing(db):
    apply_by = utcnow().date() + timedelta(days=9)
    job = factories.draft_job(title="  Inpatient DRG Coder  ", city=" Fresno ", zip_code=" 93721 ", apply_by=apply_by)
    db.session.commit()
    db.session.expire_all()
    data = job_input_from(job)
    assert data == JobInput(
        title="Inpatient DRG Coder", description_md=factories.job_input().description_md,
        specialties=["pathology"], required_credentials=["CPC"], preferred_credentials=["CCS"],
        code_sets=["cpt", "icd-10-cm"], work_setting="laboratory", work_mode="remote", remote_states=["OH", "TX"],
        employment_type="full-time", experience_level="mid", apprentice_welcome=True, pay_min=Decimal("24.00"),
        pay_max=Decimal("31.50"), pay_period="hour", city="Fresno", state="OH", zip_code="93721",
        productivity="18 cases/hour, 95% accuracy", apply_by=apply_by,
    )
    before = stored(job)
    update_job(job, data)
    assert stored(job) == before


def test_editing_a_rejected_job_makes_it_a_draft_again(db):
    job = factories.review_job()
    reject_job(job, factories.admin(), "Pay range is missing the hourly rate.")
    update_job(job, factories.job_input(title="Pathology Coder II"))
    assert job.status == JobStatus.DRAFT and job.title == "Pathology Coder II"
    assert job.rejection_reason == "Pay range is missing the hourly rate."  # kept until it is submitted again
    submit_for_review(job, job.created_by)
    assert job.status == JobStatus.REVIEW and job.rejection_reason == ""


def test_editing_a_live_job_sends_it_back_to_review(db):
    job = factories.published_job()
    editor = factories.colleague(job.created_by)
    published_at = job.published_at
    update_job(job, factories.job_input(title="Now asks for a $300 equipment deposit"), editor)
    db.session.commit()
    assert job.status == JobStatus.REVIEW and job.title == "Now asks for a $300 equipment deposit"
    assert job.submitted_at >= published_at and job.submitted_at.tzinfo is not None
    assert job.submitted_by_id == editor.id  # the one who changed it answers for it
    assert get_public_job(job.id) is None
    assert review_queue() == [job]
    approve_job(job, factories.admin())
    assert get_public_job(job.id) is not None


def test_editing_a_live_job_without_saying_who_records_nobody(db):
    job = factories.published_job()
    update_job(job, factories.job_input())
    assert job.status == JobStatus.REVIEW and job.submitted_by_id is None


def test_editing_a_draft_keeps_who_submitted_it(db):
    job = factories.draft_job()
    update_job(job, factories.job_input(), factories.colleague(job.created_by))
    assert job.status == JobStatus.DRAFT and (job.submitted_at, job.submitted_by_id) == (None, None)


@pytest.mark.parametrize(
    ("status", "label"),
    [(JobStatus.REVIEW, "in review"), (JobStatus.FILLED, "filled"), (JobStatus.EXPIRED, "expired")],
)
def test_jobs_in_review_or_closed_cannot_be_edited(db, status, label):
    job = factories.draft_job(title="Unchanged title")
    job.status = status.value
    db.session.commit()
    with pytest.raises(NotAllowed, match=f"^A job that is {label} cannot be edited.$"):
        update_job(job, factories.job_input(title="Changed"))
    assert job.title == "Unchanged title" and job.status == status


# -- submit, approve, reject ------------------------------------------------------------------------


def test_submit_for_review_from_a_draft(db):
    job = factories.draft_job()
    submitter = factories.colleague(job.created_by)
    before = utcnow()
    submit_for_review(job, submitter)
    db.session.commit()
    assert job.status == JobStatus.REVIEW and job.submitted_by_id == submitter.id
    assert before <= job.submitted_at <= utcnow() and job.submitted_at.tzinfo is not None
    assert job.published_at is None and job.reviewed_by_id is None


def test_an_employer_confirms_the_email_address_before_submitting(db):
    job = factories.draft_job()
    unconfirmed = factories.colleague(job.created_by, verified=False)
    message = (f"^Confirm your email address before you submit a posting for review: open the link we sent to "
               f"{re.escape(unconfirmed.email)}\\. No mail\\? Send a new link from your account page\\.$")
    with pytest.raises(EmailNotVerified, match=message):
        submit_for_review(job, unconfirmed)
    assert job.status == JobStatus.DRAFT and job.submitted_at is None and job.submitted_by_id is None


@pytest.mark.parametrize("status", [JobStatus.REVIEW, JobStatus.PUBLISHED, JobStatus.FILLED, JobStatus.EXPIRED])
def test_only_drafts_and_rejected_jobs_are_submitted(db, status):
    job = factories.draft_job()
    job.status = status.value
    db.session.commit()
    with pytest.raises(NotAllowed, match="^Only drafts can be submitted for review.$"):
        submit_for_review(job, job.created_by)
    assert job.status == status and job.submitted_at is None and job.submitted_by_id is None


def test_approve_publishes_now_and_records_the_reviewer(db):
    job = factories.review_job()
    adm = factories.admin()
    before = utcnow()
    approve_job(job, adm)
    db.session.commit()
    assert job.status == JobStatus.PUBLISHED
    assert job.reviewed_by_id == adm.id and job.reviewed_by is adm
    # published in whole seconds (the search document's precision), reviewed at the exact moment
    assert before.replace(microsecond=0) <= job.published_at <= utcnow() and job.published_at.tzinfo is not None
    assert job.published_at.microsecond == 0 and job.reviewed_at.replace(microsecond=0) == job.published_at
    assert before <= job.reviewed_at
    assert get_public_job(job.id) is job


@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.PUBLISHED, JobStatus.REJECTED, JobStatus.FILLED])
def test_only_jobs_in_review_are_approved(db, status):
    job = factories.draft_job()
    job.status = status.value
    db.session.commit()
    with pytest.raises(NotAllowed, match="^Only jobs in review can be approved.$"):
        approve_job(job, factories.admin())
    assert job.status == status and job.reviewed_by_id is None and job.published_at is None


def test_reject_records_the_reviewer_and_the_reason(db):
    job = factories.review_job()
    adm = factories.admin()
    before = utcnow()
    reject_job(job, adm, "  Pay range is missing the hourly rate.\n")
    db.session.commit()
    assert job.status == JobStatus.REJECTED
    assert job.rejection_reason == "Pay range is missing the hourly rate."
    assert job.reviewed_by_id == adm.id
    assert before <= job.reviewed_at <= utcnow() and job.reviewed_at.tzinfo is not None
    assert job.published_at is None


def test_reject_needs_a_reason(db):
    job = factories.review_job()
    with pytest.raises(NotAllowed, match="^Give the employer a reason for the rejection.$"):
        reject_job(job, factories.admin(), " \n\t ")
    assert job.status == JobStatus.REVIEW and job.reviewed_by_id is None and job.rejection_reason == ""


@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.PUBLISHED, JobStatus.REJECTED])
def test_only_jobs_in_review_are_rejected(db, status):
    job = factories.draft_job()
    job.status = status.value
    db.session.commit()
    with pytest.raises(NotAllowed, match="^Only jobs in review can be rejected.$"):
        reject_job(job, factories.admin(), "A reason")
    assert job.status == status and job.rejection_reason == ""


# -- close and expire -------------------------------------------------------------------------------


def test_close_marks_a_published_job_filled_by_default(db):
    job = factories.published_job()
    closer = factories.colleague(job.created_by)
    before = utcnow()
    close_job(job, closer)
    db.session.commit()
    assert job.status == JobStatus.FILLED and job.closed_by_id == closer.id
    assert before <= job.closed_at <= utcnow() and job.closed_at.tzinfo is not None
    assert get_public_job(job.id) is None


def test_close_as_expired(db):
    job = factories.published_job()
    close_job(job, job.created_by, JobStatus.EXPIRED)
    assert job.status == JobStatus.EXPIRED and job.closed_at is not None and job.closed_by_id == job.created_by_id


@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.REVIEW, JobStatus.REJECTED])
def test_a_job_closes_only_as_filled_or_expired(db, status):
    job = factories.published_job()
    with pytest.raises(NotAllowed, match="^A job closes as filled or expired.$"):
        close_job(job, job.created_by, status)
    assert job.status == JobStatus.PUBLISHED and job.closed_at is None and job.closed_by_id is None


@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.REVIEW, JobStatus.FILLED, JobStatus.EXPIRED])
def test_only_published_jobs_are_closed(db, status):
    job = factories.draft_job()
    job.status = status.value
    db.session.commit()
    with pytest.raises(NotAllowed, match="^Only published jobs can be closed.$"):
        close_job(job, job.created_by)
    assert job.status == status and job.closed_at is None


def test_expire_due_jobs_expires_only_published_jobs_whose_apply_by_has_passed(db):
    """The apply-by date is the last day to apply: a job whose date is today stays up until tomorrow."""
    today = date(2030, 6, 15)
    emp, adm = factories.employer_user(), factories.admin()
    jobs = {
        "yesterday": factories.published_job(emp, adm, apply_by=today - timedelta(days=1)),
        "long ago": factories.published_job(emp, adm, apply_by=today - timedelta(days=400)),
        "today": factories.published_job(emp, adm, apply_by=today),
        "tomorrow": factories.published_job(emp, adm, apply_by=today + timedelta(days=1)),
        "no date": factories.published_job(emp, adm, apply_by=None),
        "draft past": factories.draft_job(emp, apply_by=today - timedelta(days=1)),
        "review past": factories.review_job(emp, apply_by=today - timedelta(days=1)),
    }
    before = utcnow()
    assert expire_due_jobs(today) == 2
    db.session.commit()
    status = {name: job.status for name, job in jobs.items()}
    assert status == {
        "yesterday": "expired", "long ago": "expired", "today": "published", "tomorrow": "published",
        "no date": "published", "draft past": "draft", "review past": "review",
    }
    for name in ("yesterday", "long ago"):
        assert before <= jobs[name].closed_at <= utcnow() and jobs[name].closed_at.tzinfo is not None
        assert jobs[name].closed_by_id is None  # nobody closed it: the date did
    assert all(job.closed_at is None for name, job in jobs.items() if status[name] != "expired")
    assert expire_due_jobs(today) == 0  # nothing left to expire
    assert expire_due_jobs(today + timedelta(days=1)) == 1  # "today" passes tomorrow
    assert jobs["today"].status == JobStatus.EXPIRED


# -- lookups ----------------------------------------------------------------------------------------


def test_employer_job_finds_any_status_of_the_own_company_only(db):
    emp = factories.employer_user()
    draft, live = factories.draft_job(emp), factories.published_job(emp)
    other = factories.draft_job()
    assert employer_job(draft.id, emp) is draft
    assert employer_job(live.id, emp) is live
    assert employer_job(draft.id, factories.colleague(emp)) is draft
    assert employer_job(other.id, emp) is None
    assert employer_job(draft.id, factories.employer_user()) is None
    assert employer_job(draft.id, factories.candidate()) is None
    assert employer_job(draft.id, factories.admin()) is None
    assert employer_job(10**9, emp) is None


def test_review_queue_lists_jobs_in_review_oldest_submission_first(db):
    emp = factories.employer_user()
    newest, oldest, middle = (factories.review_job(emp, title=f"Coder {n}") for n in range(3))
    tie = factories.review_job(emp, title="Same time as middle")
    now = utcnow()
    for job, age in ((newest, 1), (oldest, 30), (middle, 10), (tie, 10)):
        job.submitted_at = now - timedelta(minutes=age)
    # Both back in review after an edit, keeping the date each was first published: an order by anything
    # but (submitted_at, id) shows the tie the other way round (the status index holds published_at).
    middle.published_at, tie.published_at = now, now - timedelta(days=3)
    factories.draft_job(emp)
    factories.published_job(emp)
    rejected = factories.review_job(emp)
    reject_job(rejected, factories.admin(), "No pay shown")
    db.session.commit()
    assert review_queue() == [oldest, middle, tie, newest]
    assert middle.id < tie.id


def test_review_queue_loads_tags_and_employers_in_fixed_queries(db, count_queries):
    """The admin's queue shows each job's company and tags: a fixed number of statements however many wait."""

    def statements() -> int:
        db.session.commit()
        db.session.expunge_all()  # as a request starts: nothing loaded yet
        with count_queries() as queries:
            shown = [(job.employer.name, job.specialties, job.code_sets) for job in review_queue()]
        assert shown and all(name and specialties and code_sets for name, specialties, code_sets in shown)
        return queries.count

    reject_job(factories.review_job(), factories.admin(), "Not shown")
    for _ in range(2):
        factories.review_job(factories.employer_user())
    few = statements()
    for _ in range(3):
        factories.review_job(factories.employer_user())
    assert statements() == few <= 3  # jobs, tags, employers


def test_review_queue_is_empty_without_jobs_in_review(db):
    factories.published_job()
    assert review_queue() == []


def test_deleting_a_job_deletes_its_tags(db):
    job = factories.draft_job()
    job_id = job.id
    _db.session.delete(job)
    _db.session.commit()
    assert _db.session.scalars(select(JobTag).where(JobTag.job_id == job_id)).all() == []
    assert _db.session.get(Job, job_id) is None

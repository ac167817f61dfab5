"""Valid posts of the main forms: what is typed is stored exactly once, exactly as typed, and shown back on GET;
the database's own constraints hold even when the forms and services are bypassed."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from careers.applications import services as application_services
from careers.applications import views as application_views
from careers.applications.models import Application, ApplicationEvent
from careers.candidates.models import CandidateCredential, CandidateProfile
from careers.common import utcnow
from careers.employers.models import Employer
from careers.jobs.models import HOURS_PER_YEAR, Job, JobTag
from careers.jobs.services import create_job
from tests import factories
from tests.test_bad_input import Page

APPLY_BY = utcnow().date() + timedelta(days=45)
FULL_JOB = {
    "title": "Remote Pathology Coder II (CPC) — 88305 & friends",
    "description_md": "## What you will do\n\n- Code surgical pathology cases\n- Work queues in Epic\n\n"
                      "We pay for **two CEU events** a year.",
    "specialties": ["pathology", "hematology-oncology"],
    "required_credentials": ["CPC", "CCS"],
    "preferred_credentials": ["CPC", "CRC"],  # CPC is also required: stored only as required
    "code_sets": ["cpt", "icd-10-cm", "hcpcs"],
    "work_setting": "laboratory", "work_mode": "remote", "remote_states": ["OH", "TX", "PR"],
    "employment_type": "full-time", "experience_level": "mid", "apprentice_welcome": "y",
    "pay_min": "24.50", "pay_max": "31.25", "pay_period": "hour",
    "city": "Columbus", "state": "OH", "zip_code": "43215-1234",
    "productivity": "18 cases/hour after 90 days; 95% accuracy on audits",
    "apply_by": APPLY_BY.isoformat(), "preview": "Save and preview",
}


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _tags(job: Job, kind: str) -> list[str]:
    return sorted(t.value for t in job.tags if t.kind == kind)


def test_full_job_form_creates_exactly_one_draft_with_every_field_as_typed(client, db, login):
    emp = factories.employer_user()
    login(emp)
    response = client.post("/employer/jobs/new", data=FULL_JOB)
    assert response.status_code == 302, Page(response.get_data(as_text=True)).errors
    assert count(db, Job) == 1
    job = db.session.scalars(select(Job)).one()
    assert response.headers["Location"].endswith(f"/employer/jobs/{job.id}")
    assert (job.status, job.employer_id, job.created_by_id) == ("draft", emp.employer_id, emp.id)
    assert (job.title, job.description_md) == (FULL_JOB["title"], FULL_JOB["description_md"])
    assert (job.work_setting, job.work_mode, job.employment_type, job.experience_level) == (
        "laboratory", "remote", "full-time", "mid")
    assert job.apprentice_welcome is True
    assert (job.city, job.state, job.zip_code, job.productivity, job.apply_by) == (
        "Columbus", "OH", "43215-1234", FULL_JOB["productivity"], APPLY_BY)
    # pay: cents as typed, annualised at 2080 hours a year
    assert (job.pay_period, job.pay_min_cents, job.pay_max_cents) == ("hour", 2450, 3125)
    assert HOURS_PER_YEAR == 2080
    assert (job.pay_min_annual, job.pay_max_annual) == (int(Decimal("24.50") * 2080), int(Decimal("31.25") * 2080))
    assert (job.pay_min_annual, job.pay_max_annual) == (50_960, 65_000)
    # tags
    assert _tags(job, "specialty") == ["hematology-oncology", "pathology"]
    assert _tags(job, "required-credential") == ["CCS", "CPC"]
    assert _tags(job, "preferred-credential") == ["CRC"]
    assert _tags(job, "code-set") == ["cpt", "hcpcs", "icd-10-cm"]
    assert _tags(job, "remote-state") == ["OH", "PR", "TX"]
    assert db.session.scalar(select(func.count()).select_from(JobTag)) == 2 + 2 + 1 + 3 + 3

    # and the edit form shows it all back as typed
    page = Page(client.get(f"/employer/jobs/{job.id}/edit").get_data(as_text=True))
    for name in ("title", "description_md", "pay_min", "pay_max", "city", "zip_code", "productivity", "apply_by"):
        assert page.values[name] == [FULL_JOB[name]], name
    for name in ("specialties", "required_credentials", "code_sets", "remote_states", "work_setting", "work_mode",
                 "employment_type", "experience_level", "pay_period", "state", "apprentice_welcome"):
        typed = FULL_JOB[name] if isinstance(FULL_JOB[name], list) else [FULL_JOB[name]]
        assert sorted(page.chosen[name]) == sorted(typed), name
    assert page.chosen["preferred_credentials"] == ["CRC"]
    # the preview shows the pay the way coders read it
    manage = client.get(f"/employer/jobs/{job.id}").get_data(as_text=True)
    assert "$24.50 – $31.25 per hour" in manage and "Draft" in manage


def test_yearly_pay_is_stored_in_cents_and_annualised_as_is(client, db, login):
    login(factories.employer_user())
    data = {**FULL_JOB, "pay_min": "62000", "pay_max": "78000.50", "pay_period": "year"}
    assert client.post("/employer/jobs/new", data=data).status_code == 302
    job = db.session.scalars(select(Job)).one()
    assert (job.pay_min_cents, job.pay_max_cents) == (6_200_000, 7_800_050)
    assert (job.pay_min_annual, job.pay_max_annual) == (62_000, 78_000)


def test_remote_states_are_kept_only_for_remote_jobs(client, db, login):
    emp = factories.employer_user()
    login(emp)
    onsite = {**FULL_JOB, "work_mode": "on-site"}
    del onsite["remote_states"]
    assert client.post("/employer/jobs/new", data=onsite).status_code == 302
    job = db.session.scalars(select(Job)).one()
    assert job.work_mode == "on-site" and job.remote_states == []
    # ticked states on an on-site job are refused, not silently dropped
    response = client.post("/employer/jobs/new", data={**FULL_JOB, "work_mode": "on-site"})
    assert response.status_code == 200 and count(db, Job) == 1
    assert Page(response.get_data(as_text=True)).errors_for("remote_states")
    # switching a remote job to hybrid (states unticked) removes its remote-state tags
    remote = factories.draft_job(emp)
    assert remote.remote_states == ["OH", "TX"]
    hybrid = {**FULL_JOB, "work_mode": "hybrid"}
    del hybrid["remote_states"]
    assert client.post(f"/employer/jobs/{remote.id}/edit", data=hybrid).status_code == 302
    db.session.expire_all()
    assert db.session.get(Job, remote.id).remote_states == []
    # and the service drops them too when a caller passes them for a non-remote job
    direct = create_job(emp, factories.job_input(work_mode="hybrid", remote_states=["OH"]))
    assert direct.remote_states == []


def test_editing_a_rejected_job_returns_it_to_draft(client, db, login):
    job = factories.review_job()
    admin = factories.admin()
    login(admin)
    response = client.post(f"/admin/jobs/{job.id}", data={"reason": "Add the pay range for part-time.",
                                                          "reject": "Reject"})
    assert response.status_code == 302
    db.session.refresh(job)
    assert (job.status, job.rejection_reason) == ("rejected", "Add the pay range for part-time.")
    login(job.created_by)
    edit = client.get(f"/employer/jobs/{job.id}/edit").get_data(as_text=True)
    assert "Add the pay range for part-time." in edit
    response = client.post(f"/employer/jobs/{job.id}/edit", data={**FULL_JOB, "title": "Pathology Coder, fixed"})
    assert response.status_code == 302
    db.session.refresh(job)
    assert (job.status, job.title) == ("draft", "Pathology Coder, fixed")
    assert count(db, Job) == 1
    assert client.post(f"/employer/jobs/{job.id}/submit").status_code == 302
    db.session.refresh(job)
    assert (job.status, job.rejection_reason) == ("review", "")


def test_company_profile_save_is_stored_and_shown_back(client, db, login):
    emp = factories.employer_user(complete=False)
    login(emp)
    assert client.get("/employer/jobs/new").headers["Location"].endswith("/employer/company")
    data = {"name": "Buckeye Health Partners", "kind": "physician-group", "website": "https://buckeye.example.org/careers",
            "hq_city": "Columbus", "hq_state": "OH", "about": "Forty coders across 12 clinics.\nWe pay for CEUs."}
    response = client.post("/employer/company", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/employer/")
    employer = db.session.get(Employer, emp.employer_id)
    db.session.refresh(employer)
    assert (employer.name, employer.kind, employer.website, employer.hq_city, employer.hq_state, employer.about) == (
        data["name"], data["kind"], data["website"], data["hq_city"], data["hq_state"], data["about"])
    assert count(db, Employer) == 1
    page = Page(client.get("/employer/company").get_data(as_text=True))
    for name in ("name", "website", "hq_city", "about"):
        assert page.values[name] == [data[name]], name
    assert page.chosen["kind"] == ["physician-group"] and page.chosen["hq_state"] == ["OH"]
    assert client.get("/employer/jobs/new").status_code == 200  # the profile is complete now


PROFILE = {
    "full_name": "Dana Reyes", "headline": "CPC, CRC · 6 years risk adjustment", "city": "Austin", "state": "TX",
    "years_experience": "6", "work_mode_preference": "remote",
    "specialties": ["risk-adjustment", "evaluation-management"], "code_sets": ["icd-10-cm", "cms-hcc"],
    "visible_to_recruiters": "y",
    "credentials-0-credential": "CPC", "credentials-0-number": "01234567", "credentials-0-expires_on": "2027-06-30",
    "credentials-1-credential": "CRC", "credentials-1-number": "CRC-998 877", "credentials-1-expires_on": "2026-12-31",
    "credentials-2-credential": "", "credentials-2-number": "", "credentials-2-expires_on": "",
}


def _rows(page: Page) -> list[tuple[str, str, str]]:
    rows = []
    for i in range(50):
        key = f"credentials-{i}-"
        if key + "number" not in page.values:
            break
        rows.append(((page.chosen.get(key + "credential") or [""])[0], page.values[key + "number"][0],
                     page.values[key + "expires_on"][0]))
    return rows


def test_profile_with_two_credentials_is_saved_shown_back_and_a_removed_row_is_deleted(client, db, login):
    coder = factories.candidate(with_profile=False)
    login(coder)
    response = client.post("/me/profile", data=PROFILE)
    assert response.status_code == 302, Page(response.get_data(as_text=True)).errors
    profile = db.session.scalars(select(CandidateProfile)).one()
    assert (profile.full_name, profile.headline, profile.city, profile.state, profile.years_experience) == (
        "Dana Reyes", PROFILE["headline"], "Austin", "TX", 6)
    assert (profile.work_mode_preference, profile.visible_to_recruiters) == ("remote", True)
    assert profile.specialties == ["risk-adjustment", "evaluation-management"]
    assert profile.code_sets == ["icd-10-cm", "cms-hcc"]
    creds = {c.credential: c for c in profile.credentials}
    assert {k: (c.number, c.expires_on) for k, c in creds.items()} == {
        "CPC": ("01234567", date(2027, 6, 30)), "CRC": ("CRC-998 877", date(2026, 12, 31))}
    crc_id = creds["CRC"].id

    page = Page(client.get("/me/profile").get_data(as_text=True))
    assert page.values["full_name"] == ["Dana Reyes"] and page.values["years_experience"] == ["6"]
    assert sorted(page.chosen["specialties"]) == ["evaluation-management", "risk-adjustment"]
    rows = [r for r in _rows(page) if any(r)]
    assert rows == [("CPC", "01234567", "2027-06-30"), ("CRC", "CRC-998 877", "2026-12-31")]
    assert len(_rows(page)) == 2 + 3  # three blank rows offered for more

    # remove the CPC row (blank all three of its fields); CRC stays the same row
    removed = {**PROFILE, "credentials-0-credential": "", "credentials-0-number": "", "credentials-0-expires_on": ""}
    assert client.post("/me/profile", data=removed).status_code == 302
    db.session.expire_all()
    remaining = db.session.scalars(select(CandidateCredential)).all()
    assert [(c.id, c.credential, c.number, c.expires_on) for c in remaining] == [
        (crc_id, "CRC", "CRC-998 877", date(2026, 12, 31))]
    html = client.get("/me/profile").get_data(as_text=True)
    assert "01234567" not in html
    assert [r for r in _rows(Page(html)) if any(r)] == [("CRC", "CRC-998 877", "2026-12-31")]


def test_pay_min_above_pay_max_is_explained_on_pay_max_and_nothing_is_stored(client, db, login):
    login(factories.employer_user())
    data = {**FULL_JOB, "pay_min": "40.00", "pay_max": "30.00"}
    response = client.post("/employer/jobs/new", data=data)
    assert response.status_code == 200
    assert count(db, Job) == 0 and count(db, JobTag) == 0
    page = Page(response.get_data(as_text=True))
    assert page.errors_for("pay_max") == ["The top of the range must not be below the bottom."]
    assert page.errors_for("pay_min") == []
    assert (page.values["pay_min"], page.values["pay_max"]) == (["40.00"], ["30.00"])
    assert page.values["title"] == [FULL_JOB["title"]]


def _raw_job(emp, **cents) -> Job:
    return Job(employer_id=emp.employer_id, created_by_id=emp.id, title="Direct insert", description_md="x",
               work_setting="laboratory", work_mode="remote", employment_type="full-time", experience_level="mid",
               pay_period="hour", pay_min_annual=1, pay_max_annual=1, state="OH", **cents)


@pytest.mark.parametrize(("cents", "constraint"), [
    ({"pay_min_cents": 5000, "pay_max_cents": 4000}, "pay_range_ordered"),
    ({"pay_min_cents": 0, "pay_max_cents": 4000}, "pay_min_positive"),
    ({"pay_min_cents": -100, "pay_max_cents": 4000}, "pay_min_positive"),
], ids=["min-above-max", "zero", "negative"])
def test_database_check_constraints_refuse_a_bad_pay_range(cents, constraint, db):
    emp = factories.employer_user()
    db.session.add(_raw_job(emp, **cents))
    with pytest.raises(IntegrityError, match=constraint):
        db.session.flush()
    db.session.rollback()
    assert count(db, Job) == 0
    db.session.add(_raw_job(emp, pay_min_cents=4000, pay_max_cents=4000))  # equal bounds are fine
    db.session.flush()


def test_database_refuses_a_second_application_to_the_same_job(db):
    first = factories.application()
    db.session.add(Application(job_id=first.job_id, candidate_id=first.candidate_id, cover_note="again"))
    # SQLite names the columns, PostgreSQL the constraint.
    unique = r"UNIQUE constraint failed: applications\.job_id, applications\.candidate_id|uq_application_job_candidate"
    with pytest.raises(IntegrityError, match=unique):
        db.session.flush()
    db.session.rollback()
    assert count(db, Application) == 1


def _apply_twice(client, job) -> list[str]:
    first = client.post(f"/jobs/{job.id}/apply", data={"cover_note": "First note"})
    assert first.status_code == 302 and "/me/applications/" in first.headers["Location"]
    second = client.post(f"/jobs/{job.id}/apply", data={"cover_note": "Second note"}, follow_redirects=True)
    assert second.status_code == 200
    return Page(second.get_data(as_text=True)).flashes


def test_double_apply_gives_a_friendly_message_and_one_row(client, db, login):
    job = factories.published_job()
    login(factories.candidate())
    flashes = _apply_twice(client, job)
    assert "You have already applied to this job." in flashes
    assert count(db, Application) == 1 and count(db, ApplicationEvent) == 1
    assert db.session.scalars(select(Application)).one().cover_note == "First note"


def test_double_apply_that_races_past_the_check_is_caught_by_the_constraint(client, db, login, monkeypatch):
    """Two tabs submitting at once both pass the application_for() checks; the unique constraint decides, politely."""
    job = factories.published_job()
    login(factories.candidate())
    # The views ask check_can_apply() first and apply() asks again: both read services.application_for.
    monkeypatch.setattr(application_services, "application_for", lambda job, candidate: None)
    refusals: list[BaseException] = []
    real_apply = application_services.apply

    def spy(*args, **kwargs):
        try:
            return real_apply(*args, **kwargs)
        except application_services.AlreadyApplied as exc:
            refusals.append(exc)
            raise

    monkeypatch.setattr(application_views, "apply", spy)
    flashes = _apply_twice(client, job)
    assert "You have already applied to this job." in flashes
    assert len(refusals) == 1 and isinstance(refusals[0].__cause__, IntegrityError)  # the constraint said no
    assert count(db, Application) == 1 and count(db, ApplicationEvent) == 1
    assert client.get("/me/applications").status_code == 200  # the session recovered

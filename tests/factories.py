"""Test data through the real services: each factory returns an object in the state its name says."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from careers.applications.models import Application
from careers.applications.services import apply
from careers.auth.models import User
from careers.auth.services import create_admin, register_candidate, register_employer, register_recruiter
from careers.candidates.services import CredentialInput, ProfileInput, save_profile
from careers.common import utcnow
from careers.employers.services import CompanyInput, update_company
from careers.extensions import db
from careers.jobs.models import Job
from careers.jobs.services import JobInput, approve_job, create_job, submit_for_review
from careers.taxonomy import (
    CodeSet,
    EmployerKind,
    EmploymentType,
    ExperienceLevel,
    PayPeriod,
    Specialty,
    WorkMode,
    WorkSetting,
)

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def _verified(user: User, verified: bool) -> User:
    """Accounts are made with a confirmed email address unless a test asks otherwise (verified=False)."""
    user.email_verified_at = utcnow() if verified else None
    return user


def employer_user(company: str | None = None, complete: bool = True, verified: bool = True) -> User:
    n = next(_seq)
    user = register_employer(f"hr{n}@employer{n}.example", PASSWORD, company or f"Employer {n} Health", f"HR {n}")
    _verified(user, verified)
    if complete:
        update_company(user.employer, CompanyInput(
            name=user.employer.name, kind=EmployerKind.HOSPITAL.value, website="https://example.org",
            hq_city="Columbus", hq_state="OH", about="A regional health system with 40 coders.",
        ))
    db.session.commit()
    return user


def colleague(of: User, verified: bool = True) -> User:
    """A second employer user in the same company."""
    n = next(_seq)
    user = _verified(register_employer(f"hr{n}@employer{n}.example", PASSWORD, "tmp"), verified)
    tmp_company = user.employer
    user.employer = of.employer
    db.session.delete(tmp_company)
    db.session.commit()
    return user


def candidate(with_profile: bool = True, verified: bool = True, **profile: Any) -> User:
    n = next(_seq)
    user = _verified(register_candidate(f"coder{n}@mail.example", PASSWORD, f"Coder {n}"), verified)
    if with_profile:
        data = ProfileInput(
            full_name=f"Coder {n}", headline="CPC · 5 years pro-fee", city="Dayton", state="OH",
            years_experience=5, work_mode_preference=WorkMode.REMOTE.value,
            specialties=[Specialty.RADIOLOGY.value], code_sets=[CodeSet.CPT.value],
            visible_to_recruiters=True,
            credentials=[CredentialInput("CPC", "01234567", date(2027, 12, 31))],
        )
        for key, value in profile.items():
            setattr(data, key, value)
        save_profile(user, data)
    db.session.commit()
    return user


def admin() -> User:
    n = next(_seq)
    user = create_admin(f"admin{n}@codecareers.example", PASSWORD)
    db.session.commit()
    return user


def recruiter(verified: bool = True) -> User:
    n = next(_seq)
    user = _verified(register_recruiter(f"rec{n}@agency.example", PASSWORD, f"Recruiter {n}"), verified)
    db.session.commit()
    return user


def job_input(**overrides: Any) -> JobInput:
    data = JobInput(
        title="Remote Pathology Coder (CPC)",
        description_md="## What you will do\n\n- Code surgical pathology cases (88305 and friends)\n"
        "- Work queues in Epic\n\nWe support your CEUs.",
        specialties=[Specialty.PATHOLOGY.value], required_credentials=["CPC"], preferred_credentials=["CCS"],
        code_sets=[CodeSet.CPT.value, CodeSet.ICD10CM.value], work_setting=WorkSetting.LABORATORY.value,
        work_mode=WorkMode.REMOTE.value, remote_states=["OH", "TX"], employment_type=EmploymentType.FULL_TIME.value,
        experience_level=ExperienceLevel.MID.value, apprentice_welcome=True, pay_min=Decimal("24.00"),
        pay_max=Decimal("31.50"), pay_period=PayPeriod.HOUR.value, city="Columbus", state="OH",
        zip_code="43215", productivity="18 cases/hour, 95% accuracy", apply_by=utcnow().date() + timedelta(days=30),
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def draft_job(by: User | None = None, **overrides: Any) -> Job:
    by = by or employer_user()
    job = create_job(by, job_input(**overrides))
    db.session.commit()
    return job


def review_job(by: User | None = None, **overrides: Any) -> Job:
    job = draft_job(by, **overrides)
    submit_for_review(job, job.created_by)
    db.session.commit()
    return job


def published_job(by: User | None = None, reviewer: User | None = None, **overrides: Any) -> Job:
    job = review_job(by, **overrides)
    approve_job(job, reviewer or admin())
    db.session.commit()
    return job


def application(job: Job | None = None, who: User | None = None, note: str = "I hold a CPC.") -> Application:
    job = job or published_job()
    who = who or candidate()
    app = apply(job, who, note)
    db.session.commit()
    return app

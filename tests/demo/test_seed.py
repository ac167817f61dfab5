"""`flask demo seed`: every facet value present, rows consistent with the services' rules, the demo logins,
determinism, and the --if-empty / --reset switches."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from careers.applications.models import Application, ApplicationEvent
from careers.applications.services import PIPELINE
from careers.auth.models import User
from careers.auth.services import authenticate
from careers.candidates.models import CandidateCredential, CandidateProfile
from careers.common import utcnow
from careers.demo import data as D
from careers.demo.seed import SeedError, board_is_empty, reset_board, seed_board
from careers.employers.models import Employer
from careers.jobs.models import HOURS_PER_YEAR, Job, JobTag
from careers.search.fallback import search_sql
from careers.search.models import SearchOutbox
from careers.search.params import SearchParams
from careers.taxonomy import (
    ApplicationStatus,
    CodeSet,
    EmployerKind,
    EmploymentType,
    ExperienceLevel,
    JobStatus,
    JobTagKind,
    PayPeriod,
    Role,
    Specialty,
    State,
    WorkMode,
    WorkSetting,
)

JOBS = 120


def test_data_tables_are_complete() -> None:
    """What the seeder relies on in careers/demo/data.py (no database needed)."""
    assert {c.state for c in D.CITIES} == set(State.values())
    assert {a.specialty for a in D.ARCHETYPES} == set(Specialty)
    first_settings = {a.settings[0] for a in D.ARCHETYPES}
    assert first_settings == set(WorkSetting), "the coverage pass uses each archetype's first setting"
    assert {c for a in D.ARCHETYPES for c in a.code_sets} == set(CodeSet)
    assert len({a.key for a in D.ARCHETYPES}) == len(D.ARCHETYPES)
    assert len(D.EMPLOYERS) >= 40 and {e.kind for e in D.EMPLOYERS} == set(EmployerKind)
    assert len({e.slug for e in D.EMPLOYERS}) == len(D.EMPLOYERS) and D.EMPLOYERS[0].slug == "lakeshore"
    for spec in D.EMPLOYERS:
        D.city(spec.city, spec.state)  # the HQ is a known city with a ZIP
        assert spec.archetypes is None or set(spec.archetypes) <= set(D.ARCHETYPE_BY_KEY)
    for arch in D.ARCHETYPES:  # someone can post every archetype in every setting it lists
        for setting in arch.settings:
            assert any(setting in e.settings and (e.archetypes is None or arch.key in e.archetypes)
                       for e in D.EMPLOYERS), (arch.key, setting)
        assert D.HOURLY_RANGE[0] <= arch.hourly <= D.HOURLY_RANGE[1]


@pytest.fixture
def now() -> datetime:
    return utcnow().replace(microsecond=0)


@pytest.fixture
def seeded(db, now):
    return seed_board(db.session, now=now, jobs=JOBS, progress=False)


def _published(db) -> list[Job]:
    return list(db.session.scalars(select(Job).where(Job.status == JobStatus.PUBLISHED)))


def _tag_values(db, kind: JobTagKind) -> set[str]:
    return set(db.session.scalars(
        select(JobTag.value).join(Job, Job.id == JobTag.job_id)
        .where(JobTag.kind == kind.value, Job.status == JobStatus.PUBLISHED)
    ))


def test_small_board_has_every_facet_value(db, seeded) -> None:
    published = _published(db)
    assert len(published) == JOBS
    assert {j.state for j in published} == set(State.values())
    assert {j.work_mode for j in published} == set(WorkMode.values())
    assert {j.employment_type for j in published} == set(EmploymentType.values())
    assert {j.experience_level for j in published} == set(ExperienceLevel.values())
    assert {j.work_setting for j in published} == set(WorkSetting.values())
    assert {j.pay_period for j in published} == set(PayPeriod.values())
    assert {j.apprentice_welcome for j in published} == {True, False}
    assert _tag_values(db, JobTagKind.SPECIALTY) == set(Specialty.values())
    assert _tag_values(db, JobTagKind.CODE_SET) == set(CodeSet.values())

    remote = [j for j in published if j.work_mode == WorkMode.REMOTE]
    assert any(j.remote_states == [] for j in remote), "a remote job open to any state"
    assert any(len(j.remote_states) > 1 for j in remote), "a remote job with a state list"

    statuses = dict(db.session.execute(select(Job.status, func.count()).group_by(Job.status)).all())
    assert set(statuses) == set(JobStatus.values())
    assert statuses == {k: v for k, v in seeded.jobs.items()}
    app_statuses = set(db.session.scalars(select(Application.status).distinct()))
    assert app_statuses == set(ApplicationStatus.values())

    employers = list(db.session.scalars(select(Employer)))
    assert len(employers) >= 40
    assert {e.kind for e in employers} == set(EmployerKind.values())
    assert all(e.profile_complete for e in employers)
    assert db.session.scalar(select(func.count()).select_from(CandidateProfile)) >= 200


def test_rows_follow_the_board_rules(db, seeded, now) -> None:
    today = now.date()
    jobs = list(db.session.scalars(select(Job)))
    for job in jobs:
        assert 0 < job.pay_min_cents <= job.pay_max_cents
        if job.pay_period == PayPeriod.HOUR:
            assert 1800 <= job.pay_min_cents and job.pay_max_cents <= 5500
            assert job.pay_min_annual == job.pay_min_cents * HOURS_PER_YEAR // 100
        else:
            assert 3_800_000 <= job.pay_min_cents and job.pay_max_cents <= 11_000_000
            assert job.pay_max_annual == job.pay_max_cents // 100
        assert len(job.title) <= 120 and job.description_md.startswith(job.employer.name)
        assert job.created_at <= now and job.created_at.tzinfo is not None
        assert not set(job.required_credentials) & set(job.preferred_credentials)
        assert job.specialties and job.code_sets
        if job.work_mode != WorkMode.REMOTE:
            assert job.remote_states == []
        if job.status in (JobStatus.PUBLISHED, JobStatus.EXPIRED, JobStatus.FILLED):
            assert job.submitted_at <= job.published_at <= now
            assert job.reviewed_by_id is not None
        if job.status == JobStatus.PUBLISHED:
            assert job.published_at >= now - timedelta(days=61)
            assert job.apply_by is None or job.apply_by >= today
        elif job.status == JobStatus.EXPIRED:
            assert job.apply_by < today and job.closed_at <= now
        elif job.status == JobStatus.FILLED:
            assert job.closed_at <= now
            assert any(a.status == ApplicationStatus.HIRED for a in db.session.scalars(
                select(Application).where(Application.job_id == job.id)))
        elif job.status == JobStatus.REVIEW:
            assert job.submitted_at is not None and job.published_at is None
        elif job.status == JobStatus.REJECTED:
            assert job.rejection_reason and job.reviewed_at is not None and job.published_at is None
        elif job.status == JobStatus.DRAFT:
            assert job.submitted_at is None and job.published_at is None

    # Every application's history is a legal walk through the pipeline, ending in its status.
    events = defaultdict(list)
    for event in db.session.scalars(select(ApplicationEvent).order_by(ApplicationEvent.id)):
        events[event.application_id].append(event)
    for app in db.session.scalars(select(Application)):
        history = events[app.id]
        assert history[0].from_status == "" and history[0].to_status == ApplicationStatus.APPLIED
        assert history[-1].to_status == app.status
        for before, after in zip(history, history[1:], strict=False):
            assert after.from_status == before.to_status and before.at <= after.at <= now
            assert after.to_status in PIPELINE[before.to_status] or after.to_status == ApplicationStatus.WITHDRAWN
        assert app.created_at == history[0].at and app.updated_at == history[-1].at
        assert app.job.status in (JobStatus.PUBLISHED, JobStatus.EXPIRED, JobStatus.FILLED)
        assert app.created_at >= app.job.published_at

    for email in db.session.scalars(select(User.email)):
        assert email.endswith(".example")
    for website in db.session.scalars(select(Employer.website)):
        assert website.startswith("https://www.") and website.endswith(".example")
    assert db.session.scalar(select(func.count()).select_from(CandidateCredential)) >= 200


def test_demo_logins(db, seeded) -> None:
    admin = authenticate(D.DEMO_ADMIN.email, D.DEMO_ADMIN.password)
    assert admin is not None and admin.role == Role.ADMIN

    employer = authenticate(D.DEMO_EMPLOYER.email, D.DEMO_EMPLOYER.password)
    assert employer is not None and employer.employer.name == "Lakeshore Health System"
    own = list(db.session.scalars(select(Job).where(Job.employer_id == employer.employer_id)))
    assert {JobStatus.DRAFT, JobStatus.REVIEW, JobStatus.PUBLISHED} <= {j.status for j in own}
    applicant_statuses = set(db.session.scalars(
        select(Application.status).join(Job).where(Job.employer_id == employer.employer_id)
    ))
    assert len(applicant_statuses) >= 5

    coder = authenticate(D.DEMO_CODER.email, D.DEMO_CODER.password)
    assert coder is not None and coder.profile is not None and len(coder.profile.credentials) >= 2
    mine = set(db.session.scalars(select(Application.status).where(Application.candidate_id == coder.id)))
    assert len(mine) >= 4

    generated = db.session.scalar(select(User).where(User.email == "hiring@bluestem.example"))
    assert generated.check_password(D.GENERATED_PASSWORD)


def test_public_board_lists_the_published_jobs(db, seeded) -> None:
    jobs, total, _facets = search_sql(SearchParams(per_page=20))
    assert total == JOBS and len(jobs) == 20
    remote_ra, n, facets = search_sql(SearchParams(specialty=[Specialty.RISK_ADJUSTMENT.value], work_mode=["remote"],
                                                   per_page=50))
    assert n and remote_ra and facets["work_mode"] == {"remote": n} | {
        k: v for k, v in facets["work_mode"].items() if k != "remote"}  # disjunctive: other modes still counted
    assert all(Specialty.RISK_ADJUSTMENT.value in j.specialties and j.work_mode == "remote" for j in remote_ra)


def test_services_keep_working_on_a_seeded_board(db, seeded) -> None:
    """The seeder hands out ids itself (sequence reservation / max + 1): ordinary inserts must not collide."""
    from tests import factories

    job = factories.published_job()
    application = factories.application(job=job)
    db.session.commit()
    assert job.id > max(db.session.scalars(select(Job.id).where(Job.id != job.id)))
    assert application.events and application.events[0].id is not None
    assert db.session.scalar(select(func.count()).select_from(Employer)) == seeded.employers + 1


def _fingerprint(session: Session) -> dict[str, list]:
    return {
        "employers": list(session.scalars(select(Employer.name).order_by(Employer.id))),
        "jobs": list(session.execute(
            select(Job.title, Job.status, Job.description_md, Job.pay_min_cents, Job.city).order_by(Job.id)
        ).all()),
        "users": list(session.scalars(select(User.email).order_by(User.id))),
        "applications": list(session.execute(
            select(Job.title, User.email, Application.status, Application.cover_note)
            .join(Job, Job.id == Application.job_id).join(User, User.id == Application.candidate_id)
            .order_by(Application.id)
        ).all()),
    }


def test_same_seed_same_board(db, now, tmp_path) -> None:
    seed_board(db.session, now=now, jobs=JOBS, progress=False)
    first = _fingerprint(db.session)

    # A second, fresh database, seeded weeks later (another "now"): the content must not change.
    engine = create_engine(f"sqlite:///{tmp_path / 'second.sqlite3'}")
    Job.metadata.create_all(engine)
    try:
        with Session(engine) as other:
            seed_board(other, now=datetime(2025, 1, 15, 8, 30, tzinfo=UTC), jobs=JOBS, progress=False)
            second = _fingerprint(other)
            reset_board(other)
            assert board_is_empty(other)
            seed_board(other, now=now, jobs=JOBS, seed=7, progress=False)
            third = _fingerprint(other)
    finally:
        engine.dispose()
    assert first == second
    assert third["jobs"] != first["jobs"]


def test_seed_refuses_a_board_that_has_employers(db, seeded) -> None:
    with pytest.raises(SeedError, match="already has employers"):
        seed_board(db.session, jobs=10, progress=False)


def test_cli_seed_if_empty_and_reset(app, db) -> None:
    runner = app.test_cli_runner()

    def jobs_count() -> int:
        db.session.rollback()  # see what the command's own session committed
        return db.session.scalar(select(func.count()).select_from(Job))

    result = runner.invoke(args=["demo", "seed", "--jobs", "60", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "Demo logins" in result.output and D.DEMO_CODER.email in result.output
    # conftest points MEILI_URL at the suite's engine, so the command rebuilds the index (or, when that
    # fails, queues the published jobs in the outbox for `flask search sync`).
    assert "Search index" in result.output
    if "NOT rebuilt" in result.output:
        db.session.rollback()
        queued = db.session.scalar(select(func.count(SearchOutbox.id.distinct())))
        assert queued == db.session.scalar(
            select(func.count()).select_from(Job).where(Job.status == JobStatus.PUBLISHED))
    seeded = jobs_count()
    assert seeded > 60

    result = runner.invoke(args=["demo", "seed", "--if-empty"])
    assert result.exit_code == 0 and "skipping" in result.output
    assert jobs_count() == seeded

    result = runner.invoke(args=["demo", "seed", "--jobs", "60"])
    assert result.exit_code != 0 and "--reset" in result.output
    assert jobs_count() == seeded

    result = runner.invoke(args=["demo", "seed", "--reset", "--jobs", "60"], input="n\n")
    assert result.exit_code != 0 and "Aborted" in result.output
    assert jobs_count() == seeded

    result = runner.invoke(args=["demo", "seed", "--reset", "--yes", "--jobs", "70", "--no-reindex",
                                 "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "Search index" not in result.output
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Job).where(Job.status == JobStatus.PUBLISHED)) == 70

    result = runner.invoke(args=["demo", "seed", "--help"])
    assert D.DEMO_EMPLOYER.password in result.output and D.DEMO_ADMIN.email in result.output

"""No N+1: a page runs the same number of SQL statements for one row as for a full page.

Each test measures one GET with a single item, adds more items (different employers, several tags and
credentials each), measures again, and asserts equal counts under a bound: the statements the page needs
(listed next to each bound), so one more also fails. The request runs in an
app context of its own, as in production: inside the `db` fixture's context it would share the test's
session (identity map) and flask.g (Flask-Login's cached user), and some lazy loads would cost no query.
"""

from __future__ import annotations

import contextvars
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from careers.applications.services import apply
from careers.auth.models import User
from careers.candidates.services import CredentialInput
from careers.extensions import db as _db
from careers.extensions import search
from careers.jobs.models import Job
from careers.jobs.services import approve_job, job_input_from, update_job
from careers.taxonomy import CodeSet, Specialty
from tests import factories
from tests.conftest import sync_index

MANY_TAGS = {
    "specialties": [Specialty.PATHOLOGY.value, Specialty.RADIOLOGY.value, Specialty.CARDIOLOGY.value],
    "required_credentials": ["CPC", "CCS"],
    "preferred_credentials": ["CRC", "COC"],
    "code_sets": [CodeSet.CPT.value, CodeSet.ICD10CM.value, CodeSet.HCPCS.value],
    "remote_states": ["OH", "TX", "PA", "MI"],
}
CREDENTIALS = [
    CredentialInput("CPC", "01234567", date(2027, 12, 31)),
    CredentialInput("CRC", "7654321", date(2028, 6, 30)),
    CredentialInput("CCS", "555", None),
]


def measure(client: FlaskClient, count_queries: Any, path: str) -> Any:
    """The statements of one GET, run in its own app context; the response is on .response."""
    _db.session.commit()  # end the test session's transaction: it must hold no lock while the request runs
    with count_queries() as counter:
        response = contextvars.Context().run(client.get, path)
    assert response.status_code == 200, f"GET {path}: {response.status_code}"
    counter.response = response.get_data(as_text=True)
    return counter


def assert_constant(one: Any, many: Any, bound: int, what: str) -> None:
    def listing(counter: Any) -> str:
        return "\n".join(f"  {i + 1}. {' '.join(s.split())[:200]}" for i, s in enumerate(counter.statements))

    report = f"{what}\nwith one ({one.count}):\n{listing(one)}\nwith many ({many.count}):\n{listing(many)}"
    assert one.count == many.count, f"N+1: {report}"
    assert many.count <= bound, f"more statements than the {bound} expected: {report}"


def published(by: User, reviewer: User, n: int) -> Job:
    return factories.published_job(by, reviewer, title=f"Remote Pathology Coder {n}", **MANY_TAGS)


def cards(html: str) -> int:
    return html.count('<article class="job-card')


@pytest.fixture(params=["meilisearch", "sql_fallback"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The job list answered by Meilisearch, or by the SQL fallback used while the engine is down."""
    if request.param == "sql_fallback":
        monkeypatch.setattr(search, "available", lambda: False)
    return request.param


def indexed(engine: str) -> None:
    if engine == "meilisearch":
        sync_index()


# Statements of the job list: none with the engine; with the SQL fallback the total and every facet count in
# one statement, then jobs, tags, employers. Signed in, one more: the user.
LIST_BOUND = {"meilisearch": 0, "sql_fallback": 4}


@pytest.mark.parametrize("path", ["/jobs", "/jobs?specialty=pathology&work_mode=remote&state=OH"])
def test_job_list(path: str, engine: str, client: FlaskClient, count_queries: Any, app: Flask) -> None:
    per_page = app.config["JOBS_PER_PAGE"]
    reviewer = factories.admin()
    published(factories.employer_user(), reviewer, 0)
    indexed(engine)
    one = measure(client, count_queries, path)
    assert cards(one.response) == 1
    for n in range(1, per_page + 5):  # a full page, and more on page 2
        published(factories.employer_user(), reviewer, n)
    indexed(engine)
    many = measure(client, count_queries, path)
    assert cards(many.response) == per_page
    assert ('id="degraded-notice"' in many.response) == (engine == "sql_fallback")
    assert_constant(one, many, LIST_BOUND[engine], f"GET {path} ({engine})")


def test_job_list_signed_in(engine: str, client: FlaskClient, login: Any, count_queries: Any, app: Flask) -> None:
    reviewer = factories.admin()
    published(factories.employer_user(), reviewer, 0)
    indexed(engine)
    login(factories.candidate())
    one = measure(client, count_queries, "/jobs")
    for n in range(1, app.config["JOBS_PER_PAGE"]):
        published(factories.employer_user(), reviewer, n)
    indexed(engine)
    many = measure(client, count_queries, "/jobs")
    assert cards(many.response) == app.config["JOBS_PER_PAGE"]
    assert_constant(one, many, LIST_BOUND[engine] + 1, f"GET /jobs as a coder ({engine})")


@pytest.mark.parametrize("who", ["anonymous", "coder", "applicant"])
def test_job_page(who: str, client: FlaskClient, login: Any, count_queries: Any) -> None:
    reviewer = factories.admin()
    employer = factories.employer_user()
    job = factories.published_job(employer, reviewer, title="Remote Pathology Coder")  # a few tags
    path = f"/jobs/{job.id}/{job.slug}"
    if who != "anonymous":
        coder = factories.candidate()
        if who == "applicant":
            factories.application(job, coder)
        login(coder)
    one = measure(client, count_queries, path)
    # More tags on the job, more jobs from the same and other employers, more applicants.
    job = _db.session.get(Job, job.id)
    data = job_input_from(job)
    for key, values in MANY_TAGS.items():
        setattr(data, key, values)
    update_job(job, data)  # a live posting goes back to review when edited
    approve_job(job, reviewer)
    _db.session.commit()
    for n in range(1, 20):
        published(employer if n % 2 else factories.employer_user(), reviewer, n)
    for _ in range(3):
        factories.application(_db.session.get(Job, job.id), factories.candidate())
    many = measure(client, count_queries, path)
    assert "Cardiology" in many.response and "Cardiology" not in one.response
    # (user), job, employer, tags, (the coder's application)
    bound = {"anonymous": 3, "coder": 5, "applicant": 5}[who]
    assert_constant(one, many, bound, f"GET {path} as {who}")


def test_employer_dashboard(client: FlaskClient, login: Any, count_queries: Any) -> None:
    reviewer = factories.admin()
    employer = factories.employer_user()
    colleague = factories.colleague(employer)
    job = published(employer, reviewer, 0)
    factories.application(job, factories.candidate())
    login(employer)
    one = measure(client, count_queries, "/employer/")
    for n in range(1, 15):  # postings in every state, some with applicants, by both users of the company
        by = colleague if n % 2 else employer
        if n % 3 == 0:
            factories.draft_job(by, title=f"Draft coder {n}")
        elif n % 3 == 1:
            factories.review_job(by, title=f"Coder in review {n}")
        else:
            posting = published(by, reviewer, n)
            factories.application(posting, factories.candidate())
    factories.published_job(factories.employer_user(), reviewer, title="Another company's job")
    many = measure(client, count_queries, "/employer/")
    assert many.response.count("/applicants") == 15
    # user, employer, jobs, tags, applicant counts
    assert_constant(one, many, 5, "GET /employer/")


def test_applicants(client: FlaskClient, login: Any, count_queries: Any) -> None:
    employer = factories.employer_user()
    job = published(employer, factories.admin(), 0)
    factories.application(job, factories.candidate(credentials=CREDENTIALS))
    login(employer)
    path = f"/employer/jobs/{job.id}/applicants"
    one = measure(client, count_queries, path)
    for _ in range(9):
        factories.application(_db.session.get(Job, job.id), factories.candidate(credentials=CREDENTIALS))
    many = measure(client, count_queries, path)
    assert many.response.count('class="applicant"') == 10
    assert many.response.count('class="tag tag-credential"') == 10 * len(CREDENTIALS)
    # user, job, job tags, applications, candidates, profiles, credentials, profile tags, events
    assert_constant(one, many, 9, f"GET {path}")


def test_my_applications(client: FlaskClient, login: Any, count_queries: Any) -> None:
    reviewer = factories.admin()
    coder = factories.candidate()
    factories.application(published(factories.employer_user(), reviewer, 0), coder)
    login(coder)
    one = measure(client, count_queries, "/me/applications")
    coder = _db.session.get(User, coder.id)
    for n in range(1, 10):
        apply(published(factories.employer_user(), reviewer, n), coder, "CPC, 5 years.")
        _db.session.commit()
    many = measure(client, count_queries, "/me/applications")
    assert many.response.count("/me/applications/") == 10
    # user, applications, jobs, employers, events
    assert_constant(one, many, 5, "GET /me/applications")


def test_review_queue(client: FlaskClient, login: Any, count_queries: Any) -> None:
    admin = factories.admin()
    factories.review_job(factories.employer_user(), **MANY_TAGS)
    login(admin)
    one = measure(client, count_queries, "/admin/")
    for n in range(1, 10):
        factories.review_job(factories.employer_user(), title=f"Coder in review {n}", **MANY_TAGS)
    many = measure(client, count_queries, "/admin/")
    assert many.response.count("/admin/jobs/") == 10
    # user, jobs, tags, employers
    assert_constant(one, many, 4, "GET /admin/")

"""A small board of four published jobs, indexed, shared by the search tests."""

from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from flask import current_app
from werkzeug.datastructures import MultiDict

from careers.common import utcnow
from careers.search.params import parse
from careers.search.service import search_jobs
from tests import factories
from tests.conftest import sync_index


@pytest.fixture()
def board(db):
    emp_a = factories.employer_user("Lakeshore Health")
    emp_b = factories.employer_user("Summit Pathology Partners")
    jobs = {
        "path_remote": factories.published_job(
            emp_b, title="Remote Pathology Coder", specialties=["pathology"], required_credentials=["CPC"],
            work_mode="remote", remote_states=["TX", "OH"], state="OH", zip_code="43215",
            pay_min=Decimal("25"), pay_max=Decimal("30"), pay_period="hour", apprentice_welcome=True),
        "rad_onsite": factories.published_job(
            emp_a, title="Radiology Coder II", specialties=["radiology"], required_credentials=["CCS"],
            work_mode="on-site", remote_states=[], state="CA", city="Fresno", zip_code="93721",
            pay_min=Decimal("60000"), pay_max=Decimal("72000"), pay_period="year", apprentice_welcome=False),
        "em_anywhere": factories.published_job(
            emp_a, title="E/M Auditor", specialties=["evaluation-management", "auditing-compliance"],
            required_credentials=["CPMA"], work_mode="remote", remote_states=[], state="NY", zip_code="10001",
            pay_min=Decimal("70000"), pay_max=Decimal("85000"), pay_period="year", apprentice_welcome=False),
        "hcc_hybrid": factories.published_job(
            emp_b, title="Risk Adjustment Coder (CRC)", specialties=["risk-adjustment"], required_credentials=["CRC"],
            work_mode="hybrid", remote_states=[], state="TX", city="Austin", zip_code="78701",
            pay_min=Decimal("27"), pay_max=Decimal("33"), pay_period="hour", apprentice_welcome=True),
    }
    old = jobs["hcc_hybrid"]
    old.published_at = utcnow() - timedelta(days=10)
    factories.draft_job(emp_a, title="Draft never listed")
    db.session.commit()
    sync_index()
    return jobs


def run(query: str):


    with current_app.test_request_context():
        return search_jobs(parse(MultiDict(parse_qsl(query))))



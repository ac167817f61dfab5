"""Specialty tags lead to codes; codes lead to jobs."""

from decimal import Decimal

import pytest

from tests import factories
from tests.conftest import sync_index


@pytest.fixture()
def jobs(db):
    emp = factories.employer_user("Summit Pathology Partners")
    path = [factories.published_job(emp, title=f"Pathology Coder {i}", specialties=["pathology"],
                                    pay_min=Decimal(p), pay_max=Decimal(p + 5000), pay_period="year")
            for i, p in enumerate((50000, 60000, 70000))]
    rad = factories.published_job(emp, title="Radiology Coder", specialties=["radiology"])
    sync_index()
    return {"path": path, "rad": rad}


def test_code_typed_in_job_search_shows_card_and_pathology_jobs(client, jobs):
    html = client.get("/jobs?q=0856T").get_data(as_text=True)
    assert "Digital Pathology" in html and "0827T-0856T" in html
    assert "because 0856T is in" in html
    for job in jobs["path"]:
        assert job.title in html
    assert "Radiology Coder" not in html
    assert 'value="0856T"' in html  # the box keeps what she typed


def test_code_page_and_header_lookup(client, jobs):
    r = client.get("/codes?code=+0856t")
    assert r.status_code == 302 and r.headers["Location"].endswith("/codes/0856T")
    html = client.get("/codes/0856T").get_data(as_text=True)
    assert "Pathology" in html and "3</strong> open jobs" in html
    assert client.get("/codes/88305").status_code == 200
    assert client.get("/codes/c50911").headers["Location"].endswith("/codes/C50.911")
    bad = client.get("/codes?code=<script>")
    assert bad.status_code == 404 and "not a code format" in bad.get_data(as_text=True)
    assert "<script>" not in bad.get_data(as_text=True).split("<main")[1]


def test_icd_code_page_shows_public_domain_title(client, db):
    html = client.get("/codes/C50.911").get_data(as_text=True)
    assert "Malignant neoplasm" in html and "Hematology/Oncology" in html


def test_code_api(client, jobs):
    data = client.get("/api/v1/codes/0856T").get_json()
    assert data["code"] == "0856T" and data["code_set"] == "cpt" and data["valid"] is None
    assert data["subcategory"]["range"] == "0827T-0856T"
    assert data["specialties"] == ["pathology"] and data["open_jobs"] == 3
    r = client.get("/api/v1/codes/not-a-code")
    error = r.get_json()["error"]
    assert r.status_code == 404 and error["code"] == "unknown_code" and "not-a-code" not in error["code"]
    assert error["message"]
    icd = client.get("/api/v1/codes/C50911").get_json()
    assert icd["code"] == "C50.911" and icd["valid"] is True and icd["title"]


def test_specialties_list_and_page(client, jobs):
    html = client.get("/specialties").get_data(as_text=True)
    assert "Pathology &amp; Laboratory" in html and "3 open jobs" in html
    page = client.get("/specialties/pathology").get_data(as_text=True)
    assert "80047-89398" in page and "0827T-0856T" in page
    assert "$50,000 – $75,000 a year; median $62,500" in page
    assert "Pathology Coder 2" in page
    assert client.get("/specialties/not-a-specialty").status_code == 404
    api = client.get("/api/v1/specialties").get_json()
    path = next(s for s in api["specialties"] if s["slug"] == "pathology")
    assert path["open_jobs"] == 3 and any(c["range"] == "80047-89398" for c in path["categories"])
    assert len(api["specialties"]) == 28


def test_specialty_tags_link_to_specialty_pages(client, jobs):
    job = jobs["rad"]
    html = client.get(f"/jobs/{job.id}/{job.slug}").get_data(as_text=True)
    assert 'href="/specialties/radiology"' in html
    assert 'href="/specialties/radiology"' in client.get("/jobs").get_data(as_text=True)

from tests import factories
from tests.conftest import sync_index


def test_public_job_page_shows_everything(client, db):
    job = factories.published_job(description_md="We code **surgical pathology**.\n\n- 88305\n- 88307\n\nJoin us.")
    html = client.get(f"/jobs/{job.id}/{job.slug}").get_data(as_text=True)
    for text in ("Remote Pathology Coder (CPC)", "$24.00 – $31.50 per hour", "CPC", "CCS", "Ohio", "Texas",
                 "18 cases/hour", job.employer.name, "A regional health system", "<strong>surgical pathology</strong>",
                 "<li>88305</li>", "Log in to apply"):
        assert text in html, text


def test_job_url_without_or_with_wrong_slug_redirects_to_canonical(client, db):
    job = factories.published_job()
    r = client.get(f"/jobs/{job.id}")
    assert r.status_code == 301 and r.headers["Location"].endswith(f"/jobs/{job.id}/{job.slug}")
    assert client.get(f"/jobs/{job.id}/wrong-slug").status_code == 301


def test_job_list_filters_from_query_string_and_ignores_unknown_values(client, db):
    emp = factories.employer_user()
    factories.published_job(emp, title="Pathology coder", specialties=["pathology"])
    factories.published_job(emp, title="Radiology coder", specialties=["radiology"])
    sync_index()
    html = client.get("/jobs?specialty=radiology&specialty=bogus").get_data(as_text=True)
    assert "Radiology coder" in html and "Pathology coder" not in html
    assert "unknown specialty" in html
    assert client.get("/jobs?page=-3").status_code == 200
    assert client.get("/jobs?page=abc").status_code == 200


def test_employer_posts_previews_and_submits(client, db, login):
    emp = factories.employer_user()
    login(emp)
    form = {
        "title": "Inpatient Coder II", "description_md": "Code inpatient charts with ICD-10-CM/PCS and assign MS-DRGs.",
        "specialties": ["inpatient-coding"], "required_credentials": ["CCS"], "code_sets": ["icd-10-cm", "icd-10-pcs"],
        "work_setting": "inpatient", "work_mode": "hybrid", "employment_type": "full-time",
        "experience_level": "senior", "pay_min": "62000", "pay_max": "78000", "pay_period": "year",
        "city": "Columbus", "state": "OH", "zip_code": "43215", "preview": "Save and preview",
    }
    r = client.post("/employer/jobs/new", data=form)
    assert r.status_code == 302
    job_url = r.headers["Location"]
    page = client.get(job_url).get_data(as_text=True)
    assert "Inpatient Coder II" in page and "Draft" in page and "$62,000 – $78,000 per year" in page
    r = client.post(job_url + "/submit")
    assert r.status_code == 302
    assert "In review" in client.get(job_url).get_data(as_text=True)


def test_employer_with_incomplete_company_is_sent_to_the_profile(client, db, login):
    emp = factories.employer_user(complete=False)
    login(emp)
    r = client.get("/employer/jobs/new")
    assert r.status_code == 302 and r.headers["Location"].endswith("/employer/company")

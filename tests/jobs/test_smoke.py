from tests import factories


def test_job_list_and_page(client, db):
    job = factories.published_job()
    r = client.get("/jobs")
    assert r.status_code == 200
    assert job.title in r.get_data(as_text=True)
    r = client.get(f"/jobs/{job.id}", follow_redirects=True)
    assert r.status_code == 200
    assert "Apprentices (CPC-A) welcome" in r.get_data(as_text=True)

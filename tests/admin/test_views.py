from tests import factories


def test_admin_rejects_with_reason_then_approves(client, db, login):
    job = factories.review_job()
    adm = factories.admin()
    login(adm)
    queue = client.get("/admin/").get_data(as_text=True)
    assert job.title in queue
    r = client.post(f"/admin/jobs/{job.id}", data={"reject": "Reject", "reason": ""})
    assert "Tell the employer why" in r.get_data(as_text=True)
    r = client.post(f"/admin/jobs/{job.id}", data={"reject": "Reject", "reason": "Add the remote states."})
    assert r.status_code == 302
    login(job.created_by)
    assert "Add the remote states." in client.get("/employer/").get_data(as_text=True)
    client.post(f"/employer/jobs/{job.id}/submit")
    login(adm)
    r = client.post(f"/admin/jobs/{job.id}", data={"approve": "Approve"})
    assert r.status_code == 302
    assert client.get(f"/jobs/{job.id}/{job.slug}").status_code == 200


def test_expire_command(app, db):
    from datetime import timedelta

    from careers.common import utcnow

    job = factories.published_job()
    job.apply_by = utcnow().date() - timedelta(days=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["jobs", "expire"])
    assert "1 job(s) expired" in result.output

from careers.applications.models import Application
from tests import factories


def test_apply_follow_and_withdraw(client, db, login):
    job = factories.published_job()
    coder = factories.candidate()
    login(coder)
    r = client.post(f"/jobs/{job.id}/apply", data={"cover_note": "CPC since 2019."})
    assert r.status_code == 302
    detail = r.headers["Location"]
    assert "Applied" in client.get(detail).get_data(as_text=True)
    mine = client.get("/me/applications").get_data(as_text=True)
    assert job.title in mine and job.employer.name in mine
    # Second try: friendly message, still one row.
    r = client.post(f"/jobs/{job.id}/apply", data={"cover_note": "again"}, follow_redirects=True)
    assert "already applied" in r.get_data(as_text=True)
    assert db.session.query(Application).count() == 1
    # The job page says so instead of offering to apply.
    assert "You applied" in client.get(f"/jobs/{job.id}/{job.slug}").get_data(as_text=True)
    r = client.post(detail + "/withdraw", follow_redirects=True)
    assert "Withdrawn" in r.get_data(as_text=True)


def test_candidate_sees_the_employers_moves(client, db, login):
    app_ = factories.application()
    login(app_.job.created_by)
    page = client.get(f"/employer/jobs/{app_.job_id}/applicants").get_data(as_text=True)
    assert app_.candidate.profile.full_name in page and "CPC" in page and "Move to screening" in page
    r = client.post(f"/employer/applications/{app_.id}/move", data={"to_status": "screening"})
    assert r.status_code == 302
    r = client.post(f"/employer/applications/{app_.id}/move", data={"to_status": "hired"}, follow_redirects=True)
    assert "cannot go from screening to hired" in r.get_data(as_text=True)
    login(app_.candidate)
    assert "Screening" in client.get("/me/applications").get_data(as_text=True)


def test_coder_without_profile_is_sent_to_build_one(client, db, login):
    job = factories.published_job()
    login(factories.candidate(with_profile=False))
    r = client.get(f"/jobs/{job.id}/apply")
    assert r.status_code == 302 and r.headers["Location"].endswith("/me/profile")


def test_employer_sees_a_lapsed_credential_marked(client, db, login):
    from datetime import date

    from careers.candidates.services import CredentialInput

    coder = factories.candidate(credentials=[
        CredentialInput("CPC", "01234567", date(2027, 12, 31)),
        CredentialInput("CRC", "", date(2021, 3, 31)),
    ])
    app_ = factories.application(who=coder)
    login(app_.job.created_by)
    page = client.get(f"/employer/jobs/{app_.job_id}/applicants").get_data(as_text=True)
    assert "<small>exp. Dec 31, 2027</small>" in page
    assert '<small class="lapsed">lapsed Mar 31, 2021</small>' in page

from careers.auth.models import User
from careers.employers.models import Employer
from tests import factories


def test_coder_registers_and_lands_on_profile(client, db):
    r = client.post("/register/coder", data={"full_name": "Dana Reyes", "email": "Dana@Example.org",
                                             "password": "long enough pw", "confirm": "long enough pw"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/me/profile")
    user = db.session.query(User).one()
    assert user.email == "dana@example.org" and user.role == "candidate"


def test_employer_registration_creates_company(client, db):
    r = client.post("/register/employer", data={"company_name": "Lakeshore Health", "email": "hr@lakeshore.example",
                                                "password": "long enough pw", "confirm": "long enough pw"})
    assert r.status_code == 302
    user = db.session.query(User).one()
    assert user.role == "employer" and user.employer.name == "Lakeshore Health"


def test_duplicate_email_is_refused_case_insensitively(client, db):
    factories.candidate()
    existing = db.session.query(User).one()
    r = client.post("/register/employer", data={"company_name": "X Co", "email": existing.email.upper(),
                                                "password": "long enough pw", "confirm": "long enough pw"})
    assert r.status_code == 200
    assert "already exists" in r.get_data(as_text=True)
    assert db.session.query(User).count() == 1
    assert db.session.query(Employer).count() == 0  # nothing half-saved


def test_login_logout_and_remember_me(client, db):
    user = factories.candidate()
    r = client.post("/login", data={"email": user.email, "password": "wrong password"})
    assert "Email or password is wrong" in r.get_data(as_text=True)
    r = client.post("/login", data={"email": user.email, "password": factories.PASSWORD, "remember": "y"})
    assert r.status_code == 302
    assert any(c.key == "remember_token" for c in client._cookies.values())
    assert client.get("/me/applications").status_code == 200
    client.post("/logout")
    assert client.get("/me/applications").status_code == 302


def test_login_next_parameter_is_same_site_only(client, db):
    user = factories.candidate()
    r = client.post("/login?next=https://evil.example/x", data={"email": user.email, "password": factories.PASSWORD})
    assert r.headers["Location"].startswith("/") and "evil" not in r.headers["Location"]
    client.post("/logout")
    r = client.post("/login?next=/jobs", data={"email": user.email, "password": factories.PASSWORD})
    assert r.headers["Location"] == "/jobs"


def test_deactivated_user_cannot_log_in(client, db):
    user = factories.candidate()
    user.active = False
    db.session.commit()
    r = client.post("/login", data={"email": user.email, "password": factories.PASSWORD, "remember": "y"})
    # The same answer as a wrong password (nothing tells that the account exists), and no session.
    assert r.status_code == 200 and "Email or password is wrong." in r.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert not any(c.key == "remember_token" for c in client._cookies.values())
    r = client.get("/me/applications")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login?next=")
    assert user.last_login_at is None


def test_admin_cli_creates_admin(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["admin", "create", "boss@codecareers.example", "--password", "a-strong-pass"])
    assert result.exit_code == 0, result.output
    assert db.session.query(User).filter_by(role="admin").count() == 1
    again = runner.invoke(args=["admin", "create", "boss@codecareers.example", "--password", "a-strong-pass"])
    assert again.exit_code != 0 and "already exists" in again.output
    short = runner.invoke(args=["admin", "create", "b2@codecareers.example", "--password", "short"])
    assert short.exit_code != 0


def test_error_pages(client, db):
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "Page not found" in r.get_data(as_text=True)
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "up"}

from datetime import date

from tests import factories


def test_profile_with_credentials_round_trip(client, db, login):
    user = factories.candidate(with_profile=False)
    login(user)
    assert "Your name" not in client.get("/me/profile").get_data(as_text=True)
    data = {
        "full_name": "Dana Reyes", "headline": "CPC, CRC", "city": "Austin", "state": "TX", "years_experience": "6",
        "work_mode_preference": "remote", "specialties": ["risk-adjustment", "evaluation-management"],
        "code_sets": ["icd-10-cm", "cms-hcc"], "visible_to_recruiters": "y",
        "credentials-0-credential": "CPC", "credentials-0-number": "01234567", "credentials-0-expires_on": "2027-06-30",
        "credentials-1-credential": "CRC", "credentials-1-number": "", "credentials-1-expires_on": "",
        "credentials-2-credential": "",
    }
    r = client.post("/me/profile", data=data)
    assert r.status_code == 302
    db.session.refresh(user)
    p = user.profile
    assert p.full_name == "Dana Reyes" and p.state == "TX" and p.years_experience == 6
    assert p.specialties == ["risk-adjustment", "evaluation-management"]
    assert [(c.credential, c.number, c.expires_on) for c in p.credentials] == [
        ("CPC", "01234567", date(2027, 6, 30)), ("CRC", "", None)]
    page = client.get("/me/profile").get_data(as_text=True)
    assert "01234567" in page and "2027-06-30" in page


def test_duplicate_credential_rows_are_refused(client, db, login):
    login(factories.candidate(with_profile=False))
    r = client.post("/me/profile", data={"full_name": "D", "credentials-0-credential": "CPC",
                                         "credentials-1-credential": "CPC"})
    assert r.status_code == 200 and "CPC is listed twice" in r.get_data(as_text=True)


def test_expiry_bounds_hold_on_a_leap_day(client, db, login, monkeypatch):
    from datetime import UTC, datetime

    import careers.candidates.forms as forms

    monkeypatch.setattr(forms, "utcnow", lambda: datetime(2028, 2, 29, 12, tzinfo=UTC))
    login(factories.candidate(with_profile=False))
    data = {"full_name": "Leap Day", "credentials-0-credential": "CPC", "credentials-0-expires_on": "2038-02-28"}
    assert client.post("/me/profile", data=data).status_code == 302
    data["credentials-0-expires_on"] = "2038-03-01"
    r = client.post("/me/profile", data=data)
    assert r.status_code == 200 and "Enter an expiry date between 1980 and February 2038." in r.get_data(as_text=True)

"""careers.auth.services: accounts of every role, one account per email whatever its case, authentication."""

import pytest
from sqlalchemy import func, select

from careers.auth.models import User
from careers.auth.services import (
    EmailTaken,
    authenticate,
    create_admin,
    find_user,
    normalise_email,
    register_candidate,
    register_employer,
    register_recruiter,
)
from careers.common import utcnow
from careers.employers.models import Employer
from tests import factories

PASSWORD = "long enough password"


def users(db) -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_register_candidate(db):
    user = register_candidate("  Dana.Reyes@Example.ORG ", PASSWORD, "  Dana Reyes ")
    assert user.id is not None  # flushed
    assert (user.email, user.role, user.display_name) == ("dana.reyes@example.org", "candidate", "Dana Reyes")
    assert user.is_candidate and user.employer_id is None and user.active
    assert user.check_password(PASSWORD) and not user.check_password(PASSWORD.upper())
    assert user.password_hash != PASSWORD


def test_register_employer_creates_the_company_with_the_account(db):
    user = register_employer("HR@Lakeshore.example", PASSWORD, "  Lakeshore Health  ", " Pat Lee ")
    assert user.id is not None and user.employer_id is not None
    assert (user.email, user.role, user.display_name) == ("hr@lakeshore.example", "employer", "Pat Lee")
    employer = db.session.get(Employer, user.employer_id)
    assert employer is user.employer
    assert (employer.name, employer.kind) == ("Lakeshore Health", "other")
    assert employer.users == [user]


def test_register_employer_without_a_name(db):
    user = register_employer("hr@summit.example", PASSWORD, "Summit Pathology")
    assert user.display_name == ""


def test_register_recruiter(db):
    user = register_recruiter(" Rec@Agency.example", PASSWORD, " Robin Hale ")
    assert user.id is not None
    assert (user.email, user.role, user.display_name, user.employer_id) == (
        "rec@agency.example", "recruiter", "Robin Hale", None,
    )
    assert user.check_password(PASSWORD)


def test_create_admin(db):
    user = create_admin("Boss@CodeCareers.example", PASSWORD)
    assert user.id is not None
    assert (user.email, user.role, user.display_name) == ("boss@codecareers.example", "admin", "Admin")
    assert user.is_admin and user.check_password(PASSWORD)


@pytest.mark.parametrize(
    "register",
    [
        lambda email: register_candidate(email, PASSWORD, "Second"),
        lambda email: register_employer(email, PASSWORD, "Second Co"),
        lambda email: register_recruiter(email, PASSWORD, "Second"),
        lambda email: create_admin(email, PASSWORD),
    ],
    ids=["candidate", "employer", "recruiter", "admin"],
)
def test_one_account_per_email_whatever_its_case(db, register):
    register_candidate("dana@example.org", PASSWORD, "Dana")
    db.session.commit()
    with pytest.raises(EmailTaken, match=r"^An account with this email already exists\. Log in instead\?$"):
        register("  DANA@Example.org ")
    db.session.rollback()
    assert users(db) == 1


def test_find_user_and_normalise_email(db):
    user = factories.candidate()
    assert normalise_email("  Dana@Example.ORG\n") == "dana@example.org"
    assert find_user(user.email) is user
    assert find_user(f"  {user.email.upper()} ") is user
    assert find_user("nobody@example.org") is None


def test_authenticate_records_the_login(db):
    user = factories.candidate()
    assert user.last_login_at is None
    before = utcnow()
    assert authenticate(f" {user.email.upper()}", factories.PASSWORD) is user
    assert before <= user.last_login_at <= utcnow() and user.last_login_at.tzinfo is not None


@pytest.mark.parametrize("case", ["wrong password", "unknown email", "deactivated"])
def test_authenticate_refuses_and_records_nothing(db, case):
    user = factories.candidate()
    email, password = user.email, factories.PASSWORD
    if case == "wrong password":
        password = "not the password"
    elif case == "unknown email":
        email = "someone.else@mail.example"
    else:
        user.active = False
        db.session.commit()
    assert authenticate(email, password) is None
    assert user.last_login_at is None

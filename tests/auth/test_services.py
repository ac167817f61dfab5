"""careers.auth.services: accounts of every role, one account per email whatever its case, authentication."""

import pytest
from sqlalchemy import func, select

from careers.auth.models import SecurityEvent, User
from careers.auth.services import (
    EmailTaken,
    LinkRefused,
    WeakPassword,
    WrongPassword,
    authenticate,
    change_password,
    change_role,
    confirm_email_change,
    create_admin,
    find_user,
    load_session_user,
    normalise_email,
    register_candidate,
    register_employer,
    register_recruiter,
    request_email_change,
    request_password_reset,
    reset_password,
    send_verification,
    user_for_reset,
    verify_email,
)
from careers.auth.tokens import Purpose, make_token
from careers.common import utcnow
from careers.employers.models import Employer
from careers.errors import NotAllowed
from careers.mail.models import MailMessage
from careers.taxonomy import Role
from tests import factories
from tests.auth.links import link_in

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
    db.session.commit()
    row = db.session.scalars(select(SecurityEvent).where(SecurityEvent.event == "login_failed")).one()
    expected = {
        "wrong password": (user.id, user.email, ""),
        "unknown email": (None, "someone.else@mail.example", ""),
        "deactivated": (user.id, user.email, "deactivated"),
    }[case]
    assert (row.user_id, row.email, row.detail) == expected


# -- changes from the account page and by support -----------------------------------------------------------


def _event(db, user: User, event: str) -> SecurityEvent:
    return db.session.scalars(select(SecurityEvent).where(SecurityEvent.user_id == user.id,
                                                          SecurityEvent.event == event)).one()


def test_a_new_password_may_not_be_the_address_or_the_name(db):
    user = factories.candidate()
    for new in (user.email, user.email.split("@")[0].upper(), user.display_name):
        new = new.ljust(12)  # long enough to pass the length rule; the comparison ignores the spaces
        with pytest.raises(WeakPassword, match=r"^Do not use your email address or your name as the password\.$"):
            change_password(user, factories.PASSWORD, new)
    assert user.check_password(factories.PASSWORD)


def test_a_new_password_must_differ_from_the_current_one(db):
    user = factories.candidate()
    with pytest.raises(WeakPassword, match=r"^The new password is the same as the current one\.$"):
        change_password(user, factories.PASSWORD, factories.PASSWORD)


def _email_change_link(user: User, to: object, sent_from: str | None = None) -> str:
    return make_token(Purpose.CHANGE_EMAIL, {"u": user.id, "from": sent_from or user.email, "to": to})


def test_an_email_change_switches_the_address_logs_it_and_tells_the_old_one(db):
    user = factories.candidate(verified=False)
    old = user.email
    assert confirm_email_change(_email_change_link(user, "dana.new@mail.example")) is user
    db.session.commit()
    assert user.email == "dana.new@mail.example" and user.email_verified
    assert _event(db, user, "email_changed").detail == f"from {old}"
    [told] = db.session.scalars(select(MailMessage).where(MailMessage.to_addr == old)).all()
    assert (told.kind, told.user_id, told.subject) == (
        "account_email_changed", user.id, "Your CodeCareers email address was changed",
    )


@pytest.mark.parametrize("case", ["account gone", "no new address", "address changed since"])
def test_an_email_change_link_that_no_longer_fits_is_refused(db, case):
    user = factories.candidate()
    old = user.email
    if case == "account gone":
        token = make_token(Purpose.CHANGE_EMAIL, {"u": user.id + 1000, "from": old, "to": "x@mail.example"})
    elif case == "no new address":
        token = _email_change_link(user, None)
    else:
        token = _email_change_link(user, "x@mail.example", sent_from="before@mail.example")
    with pytest.raises(LinkRefused, match=r"^This link was used already, or the address changed since it was sent\.$"):
        confirm_email_change(token)
    assert user.email == old


def test_an_email_change_to_an_address_taken_meanwhile_is_refused(db):
    user, other = factories.candidate(), factories.candidate()
    old = user.email
    with pytest.raises(EmailTaken, match=r"^An account with this email already exists\.$"):
        confirm_email_change(_email_change_link(user, other.email))
    assert user.email == old


def test_a_role_change_by_nobody_is_logged_without_a_who(db):
    user = factories.recruiter()
    token = user.session_token
    assert change_role(user, Role.CANDIDATE, None) is user
    db.session.commit()
    assert user.role == "candidate" and user.session_token != token
    assert _event(db, user, "role_changed").detail == "recruiter -> candidate"


def test_the_same_role_again_changes_nothing(db):
    user = factories.recruiter()
    token = user.session_token
    assert change_role(user, Role.RECRUITER, factories.admin()) is user
    db.session.commit()
    assert user.session_token == token
    assert db.session.scalars(select(SecurityEvent).where(SecurityEvent.event == "role_changed")).all() == []


def test_an_email_change_request_mails_a_link_to_the_new_address_and_keeps_the_old_one(db):
    user = factories.candidate()
    old = user.email
    assert request_email_change(user, "  New.Address@Mail.example ", factories.PASSWORD) == "new.address@mail.example"
    db.session.commit()
    assert user.email == old
    [mail] = db.session.scalars(select(MailMessage).where(MailMessage.to_addr == "new.address@mail.example")).all()
    assert (mail.kind, mail.user_id, mail.subject) == (
        "account_email_change", user.id, "Confirm your new email address for CodeCareers",
    )
    assert "make new.address@mail.example the address of a CodeCareers account" in mail.text
    assert "It works for 24 hours." in mail.text
    assert _event(db, user, "email_change_requested").detail == "to new.address@mail.example"


@pytest.mark.parametrize(("to", "error", "message"), [
    ("SAME", NotAllowed, r"^That is already your email address\.$"),
    ("TAKEN", EmailTaken, r"^An account with this email already exists\.$"),
])
def test_an_email_change_to_the_own_or_a_taken_address_is_refused(db, to, error, message):
    user, other = factories.candidate(), factories.candidate()
    address = f" {user.email.upper()} " if to == "SAME" else other.email
    with pytest.raises(error, match=message):
        request_email_change(user, address, factories.PASSWORD)
    assert db.session.scalars(select(MailMessage).where(MailMessage.kind == "account_email_change")).all() == []


# -- mails and links --------------------------------------------------------------------------------------------


def _mails(db, kind: str) -> list[MailMessage]:
    return list(db.session.scalars(select(MailMessage).where(MailMessage.kind == kind).order_by(MailMessage.id)))


def test_the_verification_mail(db):
    user = factories.candidate(verified=False)
    send_verification(user)
    db.session.commit()
    [mail] = _mails(db, "account_verify")
    assert (mail.to_addr, mail.user_id) == (user.email, user.id)
    assert mail.subject == "Confirm your email address for CodeCareers"
    assert f"Hello {user.display_name}," in mail.text and "It works for 72 hours." in mail.text


def test_a_verification_link_for_an_address_the_account_left_is_refused(db):
    user = factories.candidate(verified=False)
    token = make_token(Purpose.VERIFY_EMAIL, {"u": user.id, "e": "before@mail.example"})
    with pytest.raises(LinkRefused, match=r"^This link was sent to an address the account no longer uses\. "
                                          r"Log in to ask for a new one\.$"):
        verify_email(token)
    assert not user.email_verified


def test_the_reset_mail_greets_the_account_by_name(db):
    user = factories.candidate()
    request_password_reset(f" {user.email.upper()}")
    db.session.commit()
    [mail] = _mails(db, "account_reset")
    assert (mail.to_addr, mail.user_id, mail.subject) == (user.email, user.id, "Reset your CodeCareers password")
    assert mail.text.lstrip().startswith(f"Hello {user.display_name},")
    assert f"the CodeCareers account {user.email}." in mail.text and "works for 60 minutes, once" in mail.text


def test_no_reset_mail_for_an_unknown_or_deactivated_address(db):
    gone = factories.candidate()
    gone.active = False
    db.session.commit()
    request_password_reset(gone.email)
    request_password_reset("nobody@mail.example")
    db.session.commit()
    assert _mails(db, "account_reset") == []


def test_a_reset_link_for_a_changed_password_is_refused(db):
    user = factories.candidate()
    token = make_token(Purpose.RESET_PASSWORD, {"u": user.id, "p": "0" * 24})
    with pytest.raises(LinkRefused, match=r"^This link was used already, or the password changed since it was sent\. "
                                          r"Ask for a new one\.$"):
        user_for_reset(token)


def test_a_reset_may_not_set_the_address_as_the_password(db):
    user = factories.candidate()
    request_password_reset(user.email)
    [mail] = _mails(db, "account_reset")
    token = link_in(mail, "/password/reset/").rsplit("/", 1)[1]
    assert user_for_reset(token) is user
    with pytest.raises(WeakPassword, match=r"^Do not use your email address or your name as the password\.$"):
        reset_password(token, user.email)
    assert user.check_password(factories.PASSWORD)


def test_a_wrong_current_password_is_refused_and_logged(db):
    user = factories.candidate()
    with pytest.raises(WrongPassword, match=r"^That is not your current password\.$"):
        change_password(user, "not the password at all", "a brand new passphrase 42")
    assert _event(db, user, "login_failed").detail == "wrong current password on the account page"
    assert user.check_password(factories.PASSWORD)


def test_a_password_change_is_mailed_to_the_account(db):
    user = factories.candidate()
    change_password(user, factories.PASSWORD, "a brand new passphrase 42")
    db.session.commit()
    [mail] = _mails(db, "account_password_changed")
    assert (mail.to_addr, mail.user_id, mail.subject) == (user.email, user.id, "Your CodeCareers password was changed")
    assert user.check_password("a brand new passphrase 42")


# -- sessions ---------------------------------------------------------------------------------------------------


def test_a_session_id_is_the_account_id_and_its_current_token(db):
    user = factories.candidate()
    assert load_session_user(user.get_id()) is user
    assert load_session_user(f"{user.id}:{user.session_token}") is user
    user.end_sessions()
    db.session.commit()
    assert load_session_user(f"{user.id}:not-the-token") is None


def test_a_ten_digit_account_id_still_has_sessions(db):
    user = User(id=1_234_567_890, email="ten.digits@mail.example", role="candidate", display_name="Ten Digits")
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    assert load_session_user(f"1234567890:{user.session_token}") is user


@pytest.mark.parametrize("session_id", [
    "999999:whatever", "12345678901:whatever", "x:whatever", "1:", ":abc", "", "١:abc",
])
def test_a_session_id_that_names_no_account_is_no_session(db, session_id):
    factories.candidate()
    assert load_session_user(session_id) is None


def test_a_deactivated_account_has_no_session(db):
    user = factories.candidate()
    user.active = False
    db.session.commit()
    assert load_session_user(user.get_id()) is None


@pytest.mark.parametrize("password", ["dana.reyes@mail.example", "DANA.REYES  ", "  Dana Reyes Junior"])
def test_a_new_account_may_not_use_its_address_or_name_as_the_password(db, password):
    with pytest.raises(WeakPassword, match=r"^Do not use your email address or your name as the password\.$"):
        register_candidate("Dana.Reyes@mail.example", password.ljust(12), "Dana Reyes Junior")
    db.session.rollback()
    assert users(db) == 0


def test_a_new_account_is_logged_with_its_role(db):
    user = register_employer("hr@summit.example", PASSWORD, "Summit Pathology")
    db.session.commit()
    assert _event(db, user, "account_created").detail == "role=employer"

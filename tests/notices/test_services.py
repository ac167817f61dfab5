"""Each notice reaches the real SMTP server (tests/conftest.py's aiosmtpd; Huey runs in immediate mode, so
delivery happens right after the commit): right recipients, subject, both parts, the facts and links, and
an unsubscribe link that switches that notice off, after which the next event sends nothing of that kind."""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from careers.applications.services import apply, move, withdraw
from careers.auth.models import User
from careers.errors import NotAllowed
from careers.extensions import db as _db
from careers.jobs.services import approve_job, job_input_from, reject_job, submit_for_review, update_job
from careers.mail import MailMessage
from careers.notices.models import NOTICES, NoticeKind, kinds_for
from careers.notices.services import preferences, preferences_for, save_preferences, switch_off
from careers.taxonomy import Role
from tests import factories


def by_recipient(mailbox: Any) -> dict[str, Any]:
    """The mails that arrived, by recipient (each recipient at most once)."""
    received = {}
    for mail in mailbox.messages:
        [to] = mail.rcpt_tos
        assert to not in received, f"{to} got two mails"
        received[to] = mail
    return received


def assert_notice(mail: Any, subject: str, *facts: str) -> str:
    """The mail has this subject, a text and an HTML part that both state every fact and carry the same
    one-click unsubscribe link as its List-Unsubscribe header (RFC 8058); returns that link."""
    message = mail.message
    assert message["Subject"] == subject
    assert message.get_content_type() == "multipart/alternative"
    text, html = mail.text, mail.html
    for fact in facts:
        assert fact in text, f"{fact!r} not in the text part:\n{text}"
        assert fact in html, f"{fact!r} not in the HTML part:\n{html}"
    header = message["List-Unsubscribe"]
    assert header.startswith("<http://localhost/notices/unsubscribe/") and header.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = header[1:-1]
    assert link in text and link in html
    return link


def one_click(client: Any, link: str) -> None:
    """What a mail client does with List-Unsubscribe-Post: a POST without cookies or CSRF token."""
    response = client.post(urlsplit(link).path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert "Notice switched off" in response.get_data(as_text=True)


def click_and_confirm(client: Any, link: str) -> None:
    """What a person does: open the link (nothing changes yet), then press the button."""
    path = urlsplit(link).path
    page = client.get(path)
    assert page.status_code == 200 and "Stop a notice?" in page.get_data(as_text=True)
    response = client.post(path)
    assert response.status_code == 200 and "Notice switched off" in response.get_data(as_text=True)


def test_every_notice_kind_is_described_once_with_templates_and_roles(app):
    assert set(NOTICES) == set(NoticeKind)
    for kind, spec in NOTICES.items():
        assert spec.kind is kind and spec.roles and spec.description
        for suffix in ("txt", "html"):
            assert app.jinja_env.get_template(f"email/{spec.template}.{suffix}")
    assert kinds_for(Role.EMPLOYER) == [NoticeKind.NEW_APPLICATION, NoticeKind.POSTING_REVIEWED]
    assert kinds_for(Role.CANDIDATE) == [NoticeKind.APPLICATION_STATUS]
    assert kinds_for(Role.ADMIN) == [NoticeKind.REVIEW_WAITING]
    assert kinds_for(Role.RECRUITER) == []


def test_new_application_mails_every_user_of_the_company(client, db, mailbox):
    job = factories.published_job(title="Remote Pathology Coder (CPC)")
    emp = job.created_by
    colleague = factories.colleague(emp)
    unconfirmed = factories.colleague(emp)
    unconfirmed.email_verified_at = None  # an address nobody has confirmed gets no notice
    other_company = factories.employer_user()
    coder = factories.candidate(full_name="Dana Reyes", headline="CPC, 6 years pathology")
    mailbox.clear()

    application = apply(job, coder, "Hello")
    db.session.commit()

    received = by_recipient(mailbox)
    assert set(received) == {emp.email, colleague.email}
    assert other_company.email not in received and coder.email not in received
    link = f"http://localhost/employer/jobs/{job.id}/applicants#app-{application.id}"
    for user in (emp, colleague):
        assert_notice(received[user.email], "New application: Remote Pathology Coder (CPC)",
                      "Dana Reyes", "Remote Pathology Coder (CPC)", job.employer.name, "Applied", link,
                      "CPC, 6 years pathology")
    rows = db.session.scalars(select(MailMessage).where(MailMessage.kind == "notice:new-application")
                              .order_by(MailMessage.user_id)).all()
    assert [(r.kind, r.user_id, r.to_addr) for r in rows] == [
        ("notice:new-application", emp.id, emp.email), ("notice:new-application", colleague.id, colleague.email)]
    assert all(r.sent_at is not None for r in rows)

    # The colleague switches it off from the mail; the next application mails only the author.
    click_and_confirm(client, assert_notice(received[colleague.email], "New application: Remote Pathology Coder (CPC)"))
    mailbox.clear()
    apply(job, factories.candidate(), "")
    db.session.commit()
    assert set(by_recipient(mailbox)) == {emp.email}


def test_status_change_mails_the_coder_and_one_click_stops_it(client, db, mailbox):
    application = factories.application()
    job, coder = application.job, application.candidate
    mailbox.clear()

    move(application, "interview", job.created_by)
    db.session.commit()

    [mail] = mailbox.messages
    assert mail.rcpt_tos == [coder.email]
    link = assert_notice(mail, f"Your application to {job.employer.name}: Interview",
                         job.title, job.employer.name, "Interview", f"http://localhost/me/applications/{application.id}")
    # The link in the mail opens the coder's application (the coder signs in first).
    assert client.get(f"/me/applications/{application.id}").status_code == 302

    one_click(client, link)
    assert preferences(coder) == {NoticeKind.APPLICATION_STATUS: False}
    mailbox.clear()
    move(application, "offer", job.created_by)
    db.session.commit()
    assert mailbox.messages == []
    assert db.session.scalar(  # not even queued
        select(func.count()).select_from(MailMessage).where(MailMessage.kind == "notice:application-status")) == 1


def test_withdrawing_mails_nobody(db, mailbox):
    application = factories.application()
    mailbox.clear()
    withdraw(application, application.candidate)
    db.session.commit()
    assert mailbox.messages == []


def test_approval_and_rejection_mail_every_user_of_the_company(client, db, mailbox):
    emp = factories.employer_user("Buckeye Health")
    colleague = factories.colleague(emp)
    reviewer = factories.admin()
    approved = factories.review_job(emp, title="Inpatient DRG Coder")
    rejected = factories.review_job(emp, title="Remote ED Coder")
    mailbox.clear()

    approve_job(approved, reviewer)
    reject_job(rejected, reviewer, "Add the pay range <and> the states you hire in.")
    db.session.commit()

    mails = {}
    for mail in mailbox.messages:
        mails.setdefault(mail.rcpt_tos[0], []).append(mail)
    assert set(mails) == {emp.email, colleague.email}
    links = {}
    for user in (emp, colleague):
        yes, no = sorted(mails[user.email], key=lambda m: m.message["Subject"])
        assert_notice(yes, "Posting approved: Inpatient DRG Coder", "Inpatient DRG Coder", "Buckeye Health",
                      "approved and live", f"http://localhost/jobs/{approved.id}/{approved.slug}")
        links[user.id] = assert_notice(no, "Posting not approved: Remote ED Coder", "Remote ED Coder",
                                       "Buckeye Health", "Rejected", f"http://localhost/employer/jobs/{rejected.id}")
        assert "Add the pay range <and> the states you hire in." in no.text
        assert "Add the pay range &lt;and&gt; the states you hire in." in no.html
    assert reviewer.email not in mails  # the reviewer is not told of her own decision

    click_and_confirm(client, links[colleague.id])  # switches off posting-reviewed, for the colleague only
    mailbox.clear()
    again = factories.draft_job(emp, title="Remote HCC Coder")
    submit_for_review(again, emp)
    reject_job(again, reviewer, "Say what the productivity target is.")
    apply(factories.published_job(emp), factories.candidate(), "")
    db.session.commit()
    got = [(m.rcpt_tos[0], m.message["Subject"]) for m in mailbox.messages
           if m.rcpt_tos[0] in (emp.email, colleague.email)]
    assert sorted(got) == sorted([
        (emp.email, "Posting not approved: Remote HCC Coder"),
        (emp.email, "Posting approved: Remote Pathology Coder (CPC)"),
        (emp.email, "New application: Remote Pathology Coder (CPC)"),
        (colleague.email, "New application: Remote Pathology Coder (CPC)"),  # her other kind stays on
    ])


def test_postings_waiting_for_review_mail_every_active_admin(client, db, mailbox):
    first, second = factories.admin(), factories.admin()
    retired = factories.admin()
    retired.active = False
    db.session.commit()
    job = factories.draft_job(title="Risk Adjustment Coder (CRC)")
    company = job.employer.name
    mailbox.clear()

    submit_for_review(job, job.created_by)
    db.session.commit()

    received = by_recipient(mailbox)
    assert set(received) == {first.email, second.email}
    link = f"http://localhost/admin/jobs/{job.id}"
    for admin in (first, second):
        assert_notice(received[admin.email], f"To review: Risk Adjustment Coder (CRC) ({company})",
                      "Risk Adjustment Coder (CRC)", company, "submitted", "In review", link)

    # An edit of the live posting sends it back to review: the admins hear of it again.
    approve_job(job, first)
    db.session.commit()
    mailbox.clear()
    update_job(job, job_input_from(job), by=job.created_by)
    db.session.commit()
    received = by_recipient(mailbox)
    assert set(received) == {first.email, second.email}
    off = assert_notice(received[second.email], f"To review: Risk Adjustment Coder (CRC) ({company})",
                        "edited its live posting", link)

    one_click(client, off)
    mailbox.clear()
    submit_for_review(factories.draft_job(), factories.employer_user())
    db.session.commit()
    assert set(by_recipient(mailbox)) == {first.email}


def test_editing_a_draft_or_rejected_posting_mails_nobody(db, mailbox):
    factories.admin()
    draft = factories.draft_job()
    mailbox.clear()
    update_job(draft, job_input_from(draft), by=draft.created_by)
    db.session.commit()
    assert mailbox.messages == []


def test_notices_are_part_of_the_change_a_rollback_sends_nothing(db, mailbox):
    job = factories.published_job()
    coder = factories.candidate()
    mailbox.clear()
    applications = select(func.count()).select_from(MailMessage).where(MailMessage.kind == "notice:new-application")
    apply(job, coder, "")
    assert db.session.scalar(applications) == 1  # queued in the transaction of the application
    db.session.rollback()
    assert mailbox.messages == []
    assert db.session.scalar(applications) == 0


def test_preferences_default_on_and_are_saved_per_kind(db):
    emp = factories.employer_user()
    colleague = factories.colleague(emp)
    assert preferences(emp) == {NoticeKind.NEW_APPLICATION: True, NoticeKind.POSTING_REVIEWED: True}
    save_preferences(emp, ["posting-reviewed"])
    db.session.commit()
    assert preferences(emp) == {NoticeKind.NEW_APPLICATION: False, NoticeKind.POSTING_REVIEWED: True}
    assert preferences_for([emp.id, colleague.id], NoticeKind.NEW_APPLICATION) == {colleague.id}
    save_preferences(emp, ["new-application", "posting-reviewed"])
    db.session.commit()
    assert preferences(emp) == {NoticeKind.NEW_APPLICATION: True, NoticeKind.POSTING_REVIEWED: True}
    assert switch_off(emp, NoticeKind.NEW_APPLICATION) is True
    assert switch_off(emp, NoticeKind.NEW_APPLICATION) is False  # already off: still off, no error
    db.session.commit()
    assert preferences(emp)[NoticeKind.NEW_APPLICATION] is False


def test_a_user_cannot_choose_kinds_of_another_role(db):
    coder = factories.candidate()
    with pytest.raises(NotAllowed):
        save_preferences(coder, ["review-waiting"])
    db.session.rollback()
    assert preferences(coder) == {NoticeKind.APPLICATION_STATUS: True}


def test_two_unsubscribes_at_once_both_succeed(app, db):
    """The mail client's one-click POST and the person's click can arrive together: one upsert each, no
    'already exists' error (a read-then-insert would fail one of them on PostgreSQL)."""
    coder = factories.candidate()
    coder_id = coder.id
    db.session.commit()
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def click() -> None:
        with app.app_context():
            try:
                user = _db.session.get(User, coder_id)
                start.wait(timeout=10)
                switch_off(user, NoticeKind.APPLICATION_STATUS)
                _db.session.commit()
            except BaseException as exc:  # reported below
                errors.append(exc)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    db.session.expire_all()
    assert preferences(db.session.get(User, coder_id)) == {NoticeKind.APPLICATION_STATUS: False}

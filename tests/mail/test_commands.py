"""flask mail send-pending | status | test, through the CLI runner, against the suite's SMTP server."""

from __future__ import annotations

from sqlalchemy import select, update

from careers.extensions import db as _db
from careers.mail import MailMessage, external_url, queue_mail
from careers.mail import services as mail_services


def _lost_mail(subject: str) -> int:
    message = queue_mail("coder@mail.example", "mail_check", {"name": "Dana", "link": external_url("jobs.index")},
                         subject=subject)
    _db.session.info.pop(mail_services.PENDING)  # its enqueue was lost
    _db.session.commit()
    return message.id


def test_send_pending_and_status(app, db, mailbox):
    runner = app.test_cli_runner()
    _lost_mail("Pending one")
    _lost_mail("Pending two")
    assert "sent: 0  pending: 2  given up: 0" in runner.invoke(args=["mail", "status"]).output
    result = runner.invoke(args=["mail", "send-pending"])
    assert result.exit_code == 0 and "2 mail(s) sent, 0 failed." in result.output
    assert sorted(m.message["Subject"] for m in mailbox.messages) == ["Pending one", "Pending two"]
    assert runner.invoke(args=["mail", "send-pending"]).output.strip() == "0 mail(s) sent, 0 failed."
    assert "sent: 2  pending: 0  given up: 0" in runner.invoke(args=["mail", "status"]).output


def test_send_pending_with_the_server_down_fails_and_status_shows_why(app, db, mailbox):
    runner = app.test_cli_runner()
    mail_id = _lost_mail("Server down")
    mailbox.stop()
    try:
        result = runner.invoke(args=["mail", "send-pending"])
    finally:
        mailbox.start()
    assert result.exit_code == 1 and "0 mail(s) sent, 1 failed." in result.output
    status = runner.invoke(args=["mail", "status"]).output
    assert "pending: 1" in status
    assert f"#{mail_id} to coder@mail.example, 1 attempt(s): ConnectionRefusedError" in status
    _db.session.execute(update(MailMessage).values(attempts=mail_services.MAX_ATTEMPTS))
    _db.session.commit()
    assert "sent: 0  pending: 0  given up: 1" in runner.invoke(args=["mail", "status"]).output


def test_mail_test_sends_now(app, db, mailbox):
    result = app.test_cli_runner().invoke(args=["mail", "test", "ops@mail.example"])
    assert result.exit_code == 0, result.output
    [received] = mailbox.messages
    assert received.rcpt_tos == ["ops@mail.example"] and received.message["Subject"] == "CodeCareers mail check"
    assert received.message["Message-ID"] in result.output
    assert _db.session.scalar(select(MailMessage.sent_at)) is not None


def test_mail_test_reports_a_server_that_is_down(app, db, mailbox):
    mailbox.stop()
    try:
        result = app.test_cli_runner().invoke(args=["mail", "test", "ops@mail.example"])
    finally:
        mailbox.start()
    assert result.exit_code == 1 and "not sent:" in result.output

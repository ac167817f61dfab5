"""queue_mail and delivery against a real SMTP server (aiosmtpd in the test process).

Delivery here is synchronous: the session app runs Huey in immediate mode (tests/conftest.py), so the
delivery task runs when it is enqueued, right after the commit.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from careers.common import utcnow
from careers.extensions import db as _db
from careers.mail import MailMessage, deliver_pending, external_url, queue_mail
from careers.mail import services as mail_services


def _check_mail(to: str = "coder@mail.example", **kwargs) -> MailMessage:
    return queue_mail(to, "mail_check", {"name": "Dana", "link": external_url("jobs.index", q="pathology")},
                      subject=kwargs.pop("subject", "Check: mail reaches you"), **kwargs)


def _queued_without_delivery() -> int:
    """A committed outbox row whose enqueue was lost (as when the queue is down): only the sweep or a
    direct deliver() sends it."""
    message = _check_mail()
    _db.session.info.pop(mail_services.PENDING)
    _db.session.commit()
    return message.id


def _row(mail_id: int) -> MailMessage:
    _db.session.expire_all()
    return _db.session.get(MailMessage, mail_id)


def test_queued_mail_is_delivered_after_commit_with_both_parts_and_headers(app, db, mailbox):
    message = _check_mail(subject="Your application moved", kind="application_status",
                          unsubscribe_url="http://localhost/notices/off/abc", user_id=None)
    assert mailbox.messages == []  # nothing leaves before the commit
    _db.session.commit()

    [received] = mailbox.messages
    assert received.rcpt_tos == ["coder@mail.example"]
    assert received.mail_from == "no-reply@codecareers.example"
    mail = received.message
    assert mail["To"] == "coder@mail.example"
    assert mail["From"] == "CodeCareers <no-reply@codecareers.example>"
    assert mail["Subject"] == "Your application moved"
    assert mail["Message-ID"] == message.headers["Message-ID"]
    assert mail["Message-ID"].startswith("<") and mail["Message-ID"].endswith("@codecareers.example>")
    assert mail["Date"]
    assert mail["List-Unsubscribe"] == "<http://localhost/notices/off/abc>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.get_content_type() == "multipart/alternative"
    assert "Hello Dana," in received.text and "http://localhost/jobs?q=pathology" in received.text
    assert "http://localhost/notices/off/abc" in received.text
    assert '<a href="http://localhost/jobs?q=pathology"' in received.html
    assert 'href="http://localhost/notices/off/abc"' in received.html
    assert "<p>Hello Dana,</p>" in received.html

    row = _row(message.id)
    assert row.sent_at is not None and row.attempts == 1 and row.last_error is None and row.claimed_at is None
    assert (row.to_addr, row.subject, row.kind) == ("coder@mail.example", "Your application moved",
                                                    "application_status")


def test_mail_without_unsubscribe_has_no_list_headers(app, db, mailbox):
    _check_mail()
    _db.session.commit()
    [received] = mailbox.messages
    assert "List-Unsubscribe" not in received.message and "List-Unsubscribe-Post" not in received.message
    assert "Switch this notice off" not in received.html


def test_rolled_back_transaction_sends_nothing(app, db, mailbox):
    _check_mail()
    _db.session.rollback()
    _db.session.commit()
    assert mailbox.messages == []
    assert _db.session.scalars(select(MailMessage)).all() == []


def test_failure_before_commit_sends_nothing(app, db, mailbox):
    """Like the search outbox: the mail belongs to the transaction that wrote it."""
    def service() -> None:
        _check_mail()
        raise RuntimeError("the service fails after queueing the mail")

    with pytest.raises(RuntimeError):
        service()
    _db.session.rollback()
    _db.session.commit()
    assert mailbox.messages == []


def test_external_url_uses_public_url_inside_and_outside_requests(app):
    with app.app_context():
        assert external_url("jobs.index") == "http://localhost/jobs"
    with app.test_request_context("/", base_url="http://internal-host:8000/"):
        assert external_url("jobs.index", q="x", _anchor="top") == "http://localhost/jobs?q=x#top"


@pytest.mark.parametrize("field, value", [("to", ""), ("to", "a@b.example\nBcc: x@y.example"),
                                          ("subject", "Hi\r\nBcc: x@y.example"), ("subject", "")])
def test_header_injection_and_empty_values_are_refused(app, db, field, value):
    kwargs = {"to": "a@b.example", "subject": "Hello"} | {field: value}
    with pytest.raises(ValueError):
        queue_mail(kwargs["to"], "mail_check", {"name": "x", "link": "x"}, subject=kwargs["subject"])


def test_smtp_down_commit_succeeds_error_recorded_retry_delivers_once(app, db, mailbox):
    mailbox.stop()
    try:
        message = _check_mail()
        _db.session.commit()  # does not raise: the failed delivery is the queue's business
        row = _row(message.id)
        assert row.sent_at is None and row.attempts == 1 and row.claimed_at is None
        assert "Connection refused" in row.last_error or "ConnectionRefused" in row.last_error
        assert row.next_attempt_at > utcnow() + timedelta(seconds=50)
        # Not yet due: the sweep leaves it alone (backoff).
        assert deliver_pending() == (0, 0)
        # A direct retry (what Huey's retry runs) fails again while the server is down, and raises.
        with pytest.raises(OSError):
            mail_services.deliver(message.id)
        assert _row(message.id).attempts == 2
    finally:
        mailbox.start()
    # Backoff over: the periodic sweep delivers it, once; a second sweep and a late retry send nothing.
    _db.session.execute(update(MailMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    _db.session.commit()
    assert deliver_pending() == (1, 0)
    assert deliver_pending() == (0, 0)
    assert mail_services.deliver(message.id) is False
    assert len(mailbox.messages) == 1
    row = _row(message.id)
    assert row.sent_at is not None and row.attempts == 3 and row.last_error is None


def test_concurrent_deliveries_of_one_row_send_it_once(app, db, mailbox):
    mail_id = _queued_without_delivery()
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        with app.app_context():
            barrier.wait()
            results.append(mail_services.deliver(mail_id))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]
    assert len(mailbox.messages) == 1


def test_stale_claim_is_taken_over_fresh_claim_is_not(app, db, mailbox):
    mail_id = _queued_without_delivery()
    # A consumer claimed it a minute ago and is still sending: hands off.
    _db.session.execute(update(MailMessage).values(claimed_at=utcnow() - timedelta(minutes=1)))
    _db.session.commit()
    assert mail_services.deliver(mail_id) is False
    assert deliver_pending() == (0, 0)
    # That consumer died mid-send ten minutes ago: the lease has run out, the sweep sends it.
    _db.session.execute(update(MailMessage).values(claimed_at=utcnow() - timedelta(minutes=10)))
    _db.session.commit()
    assert deliver_pending() == (1, 0)
    assert len(mailbox.messages) == 1


def test_sweep_gives_up_after_max_attempts(app, db, mailbox):
    mail_id = _queued_without_delivery()
    _db.session.execute(update(MailMessage).values(attempts=mail_services.MAX_ATTEMPTS))
    _db.session.commit()
    assert deliver_pending() == (0, 0)
    assert mailbox.messages == [] and _row(mail_id).sent_at is None


def test_backoff_schedule():
    assert [mail_services.backoff(n).total_seconds() for n in range(1, 9)] == [
        60, 120, 240, 480, 960, 1920, 3600, 3600]

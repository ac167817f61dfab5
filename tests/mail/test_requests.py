"""A request that queues mail (registration) while the SMTP server is down: the request succeeds at once,
the error is recorded on the outbox row, and the mail goes out once when the server is back.

Delivery is synchronous here (the session app's Huey runs in immediate mode), so the request itself tries
SMTP once; with the queue of production it only enqueues (tests/test_queue.py)."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import select, update

from careers.common import utcnow
from careers.extensions import db as _db
from careers.mail import MailMessage, deliver_pending

PASSWORD = "quiet harbor lantern 42"


def test_registration_with_smtp_down_succeeds_and_the_mail_follows(client, db, mailbox):
    mailbox.stop()
    try:
        started = time.monotonic()
        response = client.post("/register/coder", data={"full_name": "Rae Coder", "email": "rae@mail.example",
                                                         "password": PASSWORD, "confirm": PASSWORD})
        elapsed = time.monotonic() - started
    finally:
        mailbox.start()
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert elapsed < 3.0
    [row] = _db.session.scalars(select(MailMessage)).all()
    assert (row.to_addr, row.kind, row.sent_at, row.attempts) == ("rae@mail.example", "account_verify", None, 1)
    assert "ConnectionRefusedError" in row.last_error
    assert mailbox.messages == []

    _db.session.execute(update(MailMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    _db.session.commit()
    assert deliver_pending() == (1, 0)
    assert deliver_pending() == (0, 0)
    [received] = mailbox.messages
    assert received.rcpt_tos == ["rae@mail.example"] and "http://localhost/verify/" in received.text

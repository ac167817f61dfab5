"""Queue a mail in the caller's transaction; deliver it from the queue, exactly once per row.

queue_mail renders both parts and adds a mail_outbox row to db.session; nothing leaves the process
before the caller commits. After the commit each new row's delivery is enqueued (a queue that is down is
logged; the periodic sweep, deliver_pending, sends what is left). deliver() claims the row atomically
(UPDATE ... WHERE sent_at IS NULL AND the row is not claimed, or its claim is older than CLAIM_LEASE),
so two consumers never send one row twice; a failure releases the claim, records the error and the time
of the next sweep attempt (BACKOFF), and raises so Huey retries too.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.utils import format_datetime, make_msgid
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, render_template
from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session

from careers.common import utcnow
from careers.extensions import db
from careers.mail import smtp
from careers.mail.models import MailMessage

log = logging.getLogger(__name__)

PENDING = "mail_outbox_pending"  # session.info key: ids of rows queued in this transaction
CLAIM_LEASE = timedelta(minutes=5)  # a claim older than this is from a consumer that died mid-send
MAX_ATTEMPTS = 20  # the sweep gives up on a row after this many failures (about 15 hours)
SWEEP_BATCH = 100
# Errors that say the server, not this message, is the problem: the sweep stops at the first one.
SERVER_ERRORS = (OSError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected, smtplib.SMTPHeloError,
                 smtplib.SMTPAuthenticationError)


def backoff(attempts: int) -> timedelta:
    """Wait before the sweep retries a row that failed `attempts` times: 1, 2, 4, ... minutes, at most 1 hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


# -- queueing -------------------------------------------------------------------------------------------


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL on PUBLIC_URL for `endpoint`: for links in mails, in a request or in the consumer."""
    public = urlsplit(current_app.config["PUBLIC_URL"])
    anchor = values.pop("_anchor", None)
    adapter = current_app.url_map.bind(public.netloc, script_name=public.path or "/",
                                       url_scheme=public.scheme or "http")
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{anchor}" if anchor else url


def queue_mail(to: str, template: str, context: dict[str, Any], *, subject: str, kind: str | None = None,
               unsubscribe_url: str | None = None, user_id: int | None = None) -> MailMessage:
    """Render templates/email/<template>.txt and .html and add the mail to the outbox (the caller commits)."""
    for name, value in (("to", to), ("subject", subject)):
        if not value or "\n" in value or "\r" in value:
            raise ValueError(f"queue_mail: {name} must be one non-empty line, got {value!r}")
    config = current_app.config
    variables = {**context, "public_url": config["PUBLIC_URL"].rstrip("/"), "subject": subject,
                 "unsubscribe_url": unsubscribe_url}
    text = render_template(f"email/{template}.txt", **variables)
    html = render_template(f"email/{template}.html", **variables)
    headers = {
        "Message-ID": make_msgid(domain=smtp.sender_domain(config["MAIL_FROM"])),
        "Date": format_datetime(utcnow()),
    }
    if unsubscribe_url:
        # RFC 8058: a POST to this URL, with no login, switches the notice off.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = MailMessage(to_addr=to, subject=subject, text=text, html=html, headers=headers, kind=kind,
                          user_id=user_id, attempts=0)
    db.session.add(message)
    db.session.flush()
    db.session.info.setdefault(PENDING, []).append(message.id)
    return message


def _after_commit(session: Session) -> None:
    ids = session.info.pop(PENDING, None)
    if ids:
        from careers.mail.tasks import deliver_mail
        from careers.queue import enqueue_safely

        for mail_id in ids:
            enqueue_safely(deliver_mail, mail_id)


def _after_soft_rollback(session: Session, previous_transaction: Any) -> None:
    # Only the outermost rollback discards the rows; a rolled-back savepoint may leave ids of rows that
    # are gone, which deliver() finds nothing to claim for.
    if previous_transaction.parent is None:
        session.info.pop(PENDING, None)


def init_app(app: Flask) -> None:
    """Enqueue deliveries after each commit of db.session (listeners installed once per process)."""
    if not event.contains(db.session, "after_commit", _after_commit):
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_soft_rollback", _after_soft_rollback)


# -- delivery -------------------------------------------------------------------------------------------

TABLE = MailMessage.__table__


def claim(mail_id: int) -> Any | None:
    """Take the row for sending (one UPDATE, checked by its row count); the claim time, or None if it is
    sent, gone, or being sent by another consumer."""
    now = utcnow()
    with db.engine.begin() as conn:
        result = conn.execute(
            update(TABLE)
            .where(TABLE.c.id == mail_id, TABLE.c.sent_at.is_(None),
                   or_(TABLE.c.claimed_at.is_(None), TABLE.c.claimed_at < now - CLAIM_LEASE))
            .values(claimed_at=now)
        )
    return now if result.rowcount == 1 else None


def deliver(mail_id: int) -> bool:
    """Send one outbox row if it is still pending and nobody else is sending it; True if this call sent it.

    On an SMTP failure the error and the next sweep time are recorded, the claim released, and the
    exception raised again (so the queue retries)."""
    claimed_at = claim(mail_id)
    if claimed_at is None:
        return False
    with db.engine.connect() as conn:
        row = conn.execute(select(TABLE).where(TABLE.c.id == mail_id)).one()
    ours = (TABLE.c.id == mail_id) & (TABLE.c.claimed_at == claimed_at)
    config = current_app.config
    try:
        message = smtp.build_message(sender=config["MAIL_FROM"], to=row.to_addr, subject=row.subject,
                                     text=row.text, html=row.html, headers=row.headers or {})
        smtp.send(smtp.parse_mail_url(config["MAIL_URL"]), message)
    except Exception as exc:
        attempts = row.attempts + 1
        with db.engine.begin() as conn:
            conn.execute(update(TABLE).where(ours).values(
                attempts=attempts, last_error=f"{type(exc).__name__}: {exc}"[:2000], claimed_at=None,
                next_attempt_at=utcnow() + backoff(attempts)))
        log.warning("mail %s (%s) to %s not sent, attempt %d: %s", mail_id, row.kind, row.to_addr, attempts, exc)
        raise
    with db.engine.begin() as conn:
        done = conn.execute(update(TABLE).where(ours).values(
            sent_at=utcnow(), attempts=row.attempts + 1, last_error=None, claimed_at=None, next_attempt_at=None))
    if done.rowcount != 1:  # the send outlived CLAIM_LEASE and another consumer took the row over
        log.error("mail %s was sent but its claim had been taken over; it may go out twice", mail_id)
    return True


def pending_ids(limit: int = SWEEP_BATCH) -> list[int]:
    """Rows the sweep should try now: not sent, not being sent, under MAX_ATTEMPTS, past their backoff."""
    now = utcnow()
    with db.engine.connect() as conn:
        return list(conn.scalars(
            select(TABLE.c.id)
            .where(TABLE.c.sent_at.is_(None), TABLE.c.attempts < MAX_ATTEMPTS,
                   or_(TABLE.c.next_attempt_at.is_(None), TABLE.c.next_attempt_at <= now),
                   or_(TABLE.c.claimed_at.is_(None), TABLE.c.claimed_at < now - CLAIM_LEASE))
            .order_by(TABLE.c.id)
            .limit(limit)
        ))


def deliver_pending(limit: int = SWEEP_BATCH) -> tuple[int, int]:
    """Send what is pending (idempotent); returns (sent, failed). Stops at the first error that says the
    server is down or refusing us: the other rows would fail the same way."""
    sent = failed = 0
    for mail_id in pending_ids(limit):
        try:
            sent += deliver(mail_id)
        except SERVER_ERRORS:
            failed += 1
            break
        except Exception:
            failed += 1  # this message only (e.g. its recipient was refused); recorded on the row
    return sent, failed

"""`flask mail send-pending | status | test`."""

from __future__ import annotations

import click
from flask import Blueprint
from sqlalchemy import func, select

from careers.extensions import db
from careers.mail import services
from careers.mail.models import MailMessage

mail_cli = Blueprint("mail_cli", __name__, cli_group="mail")


@mail_cli.cli.command("send-pending")
@click.option("--limit", default=1000, show_default=True, help="At most this many mails.")
def send_pending_command(limit: int) -> None:
    """Send pending mails now (what the queue's minute sweep does; for cron or when no consumer runs)."""
    sent, failed = services.deliver_pending(limit)
    click.echo(f"{sent} mail(s) sent, {failed} failed.")
    if failed:
        raise click.ClickException("some mail was not sent; see last_error in `flask mail status`.")


@mail_cli.cli.command("status")
def status_command() -> None:
    """Sent, pending and given-up mails, and the last errors."""
    count = select(func.count()).select_from(MailMessage)
    sent = db.session.scalar(count.where(MailMessage.sent_at.is_not(None)))
    pending = db.session.scalar(count.where(MailMessage.sent_at.is_(None),
                                            MailMessage.attempts < services.MAX_ATTEMPTS))
    given_up = db.session.scalar(count.where(MailMessage.sent_at.is_(None),
                                             MailMessage.attempts >= services.MAX_ATTEMPTS))
    click.echo(f"sent: {sent}  pending: {pending}  given up: {given_up}")
    failing = db.session.scalars(
        select(MailMessage).where(MailMessage.sent_at.is_(None), MailMessage.last_error.is_not(None))
        .order_by(MailMessage.id.desc()).limit(10)).all()
    for mail in failing:
        click.echo(f"  #{mail.id} to {mail.to_addr}, {mail.attempts} attempt(s): {mail.last_error}")


@mail_cli.cli.command("test")
@click.argument("to")
def test_command(to: str) -> None:
    """Queue a test mail to TO and send it now (checks MAIL_URL and MAIL_FROM)."""
    message = services.queue_mail(to, "mail_check", {"name": to, "link": services.external_url("jobs.index")},
                                  subject="CodeCareers mail check", kind="mail_check")
    db.session.info.pop(services.PENDING, None)  # sent right here, not by the queue
    db.session.commit()
    try:
        services.deliver(message.id)
    except Exception as exc:
        raise click.ClickException(f"not sent: {exc} (MAIL_URL and the server's log say why)") from exc
    click.echo(f"Sent to {to} ({message.headers['Message-ID']}).")

"""Queue tasks for mail: deliver one outbox row; every minute, sweep whatever is still pending."""

from __future__ import annotations

import logging

from careers.mail import services
from careers.queue import crontab, periodic_task, task

log = logging.getLogger(__name__)


@task()
def deliver_mail(mail_id: int) -> bool:
    """Send outbox row `mail_id` (a no-op if it is sent or being sent); raises on SMTP failure to retry."""
    return services.deliver(mail_id)


@periodic_task(crontab(minute="*"))
def send_pending_mail() -> tuple[int, int]:
    """Every minute: send rows whose enqueue was lost, whose retries ran out, or whose backoff is over."""
    sent, failed = services.deliver_pending()
    if sent or failed:
        log.info("mail sweep: %d sent, %d failed", sent, failed)
    return sent, failed

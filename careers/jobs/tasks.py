"""Queue task: every hour, expire published postings whose apply-by date has passed."""

from __future__ import annotations

import logging

from careers.common import utcnow
from careers.extensions import db
from careers.jobs.services import expire_due_jobs
from careers.queue import crontab, periodic_task

log = logging.getLogger(__name__)


@periodic_task(crontab(minute="7"))
def expire_jobs() -> int:
    """Expire what is due (idempotent: an expired job is no longer published); returns how many."""
    n = expire_due_jobs(utcnow().date())
    db.session.commit()
    if n:
        log.info("%d job(s) expired", n)
    return n

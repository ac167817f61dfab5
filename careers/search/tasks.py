"""Queue task: every minute, push the search outbox, so a push lost to an engine outage is retried
without waiting for the next change."""

from __future__ import annotations

import logging

from careers.extensions import search
from careers.queue import crontab, periodic_task
from careers.search import sync

log = logging.getLogger(__name__)


@periodic_task(crontab(minute="*"))
def drain_search_outbox() -> int:
    """Push pending outbox rows (idempotent: documents are re-derived from the database); how many."""
    if not search.enabled:  # no MEILI_URL: the board searches with SQL only
        return 0
    done = sync.drain()
    left = sync.pending_count()
    if left:
        log.warning("search outbox: %d change(s) still pending (engine down?); next try in a minute", left)
    return done

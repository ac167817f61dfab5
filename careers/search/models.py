"""The search outbox (written in the same transaction as a job change) and small engine state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from careers.common import UTCDateTime, utcnow
from careers.extensions import db


class SearchOutbox(db.Model):
    """A job whose search document must be re-derived from the database.

    Rows stay after they are pushed (processed_at set) so a reindex can replay what changed while it
    was rebuilding; `flask search sync` prunes old processed rows.
    """

    __tablename__ = "search_outbox"
    __table_args__ = (Index("ix_search_outbox_pending", "processed_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(index=True)  # no FK: deleted jobs must still be removed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SearchState(db.Model):
    """Key/value facts about the engine, e.g. which settings version an index has."""

    __tablename__ = "search_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

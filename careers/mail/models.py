"""The mail outbox: every mail the board sends, written in the transaction of the change it tells about."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from careers.common import UTCDateTime, utcnow
from careers.extensions import db


class MailMessage(db.Model):
    """One rendered mail. Pending while sent_at is NULL; claimed_at marks a delivery in progress (a lease),
    next_attempt_at when the periodic sweep may try again after a failure."""

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_pending", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_addr: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    # Message-ID, Date, and for notices List-Unsubscribe and List-Unsubscribe-Post.
    headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    kind: Mapped[str | None] = mapped_column(String(50))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def message_id(self) -> str:
        return self.headers["Message-ID"]

    def __repr__(self) -> str:
        return f"<MailMessage {self.id} {self.kind or '-'} to={self.to_addr!r} sent={self.sent_at is not None}>"

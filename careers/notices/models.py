"""Notice kinds (the one table of them) and each user's choice of which ones to get."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from careers.common import UTCDateTime, utcnow
from careers.extensions import db
from careers.taxonomy import Choice, Role


class NoticeKind(Choice):
    """What a notice mail is about; the value is stored and appears in unsubscribe tokens."""

    NEW_APPLICATION = "new-application", "New applications"
    APPLICATION_STATUS = "application-status", "Application updates"
    POSTING_REVIEWED = "posting-reviewed", "Postings approved or rejected"
    REVIEW_WAITING = "review-waiting", "Postings waiting for review"


@dataclass(frozen=True)
class NoticeSpec:
    """Who may get a kind of notice, what the settings page says about it, and its mail template."""

    kind: NoticeKind
    roles: tuple[Role, ...]
    description: str
    template: str  # templates/email/<template>.txt and .html
    default: bool = True  # what a user who never chose gets


# The one place notice kinds are described: the settings page, the unsubscribe page, the mail templates and
# the recipients' roles all read it.
NOTICES: dict[NoticeKind, NoticeSpec] = {
    spec.kind: spec
    for spec in (
        NoticeSpec(NoticeKind.NEW_APPLICATION, (Role.EMPLOYER,),
                   "A coder applies to one of your company's postings.", "notice_new_application"),
        NoticeSpec(NoticeKind.APPLICATION_STATUS, (Role.CANDIDATE,),
                   "An employer moves one of your applications (screening, interview, offer, hired or not selected).",
                   "notice_application_status"),
        NoticeSpec(NoticeKind.POSTING_REVIEWED, (Role.EMPLOYER,),
                   "An admin approves one of your company's postings, or rejects it with a reason.",
                   "notice_posting_reviewed"),
        NoticeSpec(NoticeKind.REVIEW_WAITING, (Role.ADMIN,),
                   "A posting is submitted, or an edited one comes back, for review.", "notice_review_waiting"),
    )
}


def kinds_for(role: str) -> list[NoticeKind]:
    """The notice kinds an account of this role can get, in table order."""
    return [kind for kind, spec in NOTICES.items() if role in spec.roles]


class NoticePreference(db.Model):
    """A user's choice for one notice kind; no row means the kind's default."""

    __tablename__ = "notice_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled: Mapped[bool] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

"""Coder profiles: who they are, what they hold, what they code."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from careers.common import UTCDateTime, utcnow
from careers.extensions import db
from careers.taxonomy import CodeSet, Credential, Specialty, State, WorkMode

if TYPE_CHECKING:
    from careers.auth.models import User


class CandidateProfile(db.Model):
    __tablename__ = "candidate_profiles"
    __table_args__ = (
        CheckConstraint("years_experience >= 0 AND years_experience <= 60", name="years_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    headline: Mapped[str] = mapped_column(String(160), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    state: Mapped[str] = mapped_column(String(2), default="")
    years_experience: Mapped[int] = mapped_column(default=0)
    work_mode_preference: Mapped[str] = mapped_column(String(20), default="")
    specialties_csv: Mapped[str] = mapped_column(String(1000), default="")
    code_sets_csv: Mapped[str] = mapped_column(String(300), default="")
    visible_to_recruiters: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="profile")
    credentials: Mapped[list[CandidateCredential]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="CandidateCredential.credential"
    )

    @property
    def specialties(self) -> list[str]:
        return [s for s in self.specialties_csv.split(",") if s]

    @specialties.setter
    def specialties(self, values: list[str]) -> None:
        self.specialties_csv = ",".join(dict.fromkeys(values))

    @property
    def code_sets(self) -> list[str]:
        return [s for s in self.code_sets_csv.split(",") if s]

    @code_sets.setter
    def code_sets(self, values: list[str]) -> None:
        self.code_sets_csv = ",".join(dict.fromkeys(values))

    def labels(self) -> dict[str, object]:
        return {
            "specialties": [Specialty.label_of(s) for s in self.specialties],
            "code_sets": [CodeSet.label_of(c) for c in self.code_sets],
            "work_mode_preference": WorkMode.label_of(self.work_mode_preference)
            if self.work_mode_preference
            else "No preference",
            "state": State.label_of(self.state) if self.state else "",
        }


class CandidateCredential(db.Model):
    """A credential a coder holds; self-reported until verified with the issuing body."""

    __tablename__ = "candidate_credentials"
    __table_args__ = (UniqueConstraint("profile_id", "credential", name="uq_candidate_credential"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("candidate_profiles.id", ondelete="CASCADE"))
    credential: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(40), default="")
    expires_on: Mapped[date | None] = mapped_column(Date)
    verified: Mapped[bool] = mapped_column(default=False)

    profile: Mapped[CandidateProfile] = relationship(back_populates="credentials")

    @property
    def label(self) -> str:
        return Credential.label_of(self.credential)

    def is_expired(self, today: date) -> bool:
        return self.expires_on is not None and self.expires_on < today

    @property
    def lapsed(self) -> bool:
        """Past its expiry date today (UTC): employers see it marked."""
        return self.is_expired(utcnow().date())

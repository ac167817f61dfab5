"""Coder profiles: who they are, what they hold, what they code."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from careers.common import UTCDateTime, utcnow
from careers.extensions import db
from careers.taxonomy import CandidateTagKind, CodeSet, Credential, Specialty, State, WorkMode

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
    visible_to_recruiters: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="profile")
    credentials: Mapped[list[CandidateCredential]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="CandidateCredential.credential"
    )
    # Loaded with the profile in one IN query per batch of profiles, so a list of profiles (applicants,
    # recruiter search) costs one statement for all their tags. Not "joined": entity queries on profiles
    # would then need .unique().
    tags: Mapped[list[CandidateTag]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", lazy="selectin",
        order_by=lambda: (CandidateTag.kind, CandidateTag.position),
    )

    # -- many-valued attributes, read from the tag table, in the order the coder gave them ------------
    def tag_values(self, kind: CandidateTagKind) -> list[str]:
        """The values of one kind, in the coder's order."""
        return [t.value for t in sorted((t for t in self.tags if t.kind == kind), key=lambda t: t.position)]

    def set_tags(self, kind: CandidateTagKind, values: Iterable[str]) -> None:
        """Replace the values of one kind in the order given (first of duplicates wins, empties skipped),
        keeping the rows that stay."""
        have = {t.value: t for t in self.tags if t.kind == kind}
        rows = []
        for position, value in enumerate(dict.fromkeys(v for v in values if v)):
            row = have.get(value) or CandidateTag(kind=kind.value, value=value)
            row.position = position
            rows.append(row)
        self.tags = [t for t in self.tags if t.kind != kind] + rows

    @property
    def specialties(self) -> list[str]:
        return self.tag_values(CandidateTagKind.SPECIALTY)

    @specialties.setter
    def specialties(self, values: Iterable[str]) -> None:
        self.set_tags(CandidateTagKind.SPECIALTY, values)

    @property
    def code_sets(self) -> list[str]:
        return self.tag_values(CandidateTagKind.CODE_SET)

    @code_sets.setter
    def code_sets(self, values: Iterable[str]) -> None:
        self.set_tags(CandidateTagKind.CODE_SET, values)

    def labels(self) -> dict[str, object]:
        return {
            "specialties": [Specialty.label_of(s) for s in self.specialties],
            "code_sets": [CodeSet.label_of(c) for c in self.code_sets],
            "work_mode_preference": WorkMode.label_of(self.work_mode_preference)
            if self.work_mode_preference
            else "No preference",
            "state": State.label_of(self.state) if self.state else "",
        }


class CandidateTag(db.Model):
    """One value of a many-valued profile attribute (specialty, code set); `position` keeps the coder's order."""

    __tablename__ = "candidate_tags"
    # The primary key makes (profile, kind, value) unique; the index serves "coders with specialty X".
    __table_args__ = (Index("ix_candidate_tags_kind_value_profile", "kind", "value", "profile_id"),)

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("candidate_profiles.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)

    profile: Mapped[CandidateProfile] = relationship(back_populates="tags")

    def __repr__(self) -> str:
        return f"<CandidateTag {self.profile_id} {self.kind}={self.value} #{self.position}>"


class CandidateCredential(db.Model):
    """A credential a coder holds, as the coder reports it (employers see it marked self-reported)."""

    __tablename__ = "candidate_credentials"
    __table_args__ = (UniqueConstraint("profile_id", "credential", name="uq_candidate_credential"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("candidate_profiles.id", ondelete="CASCADE"))
    credential: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(40), default="")
    expires_on: Mapped[date | None] = mapped_column(Date)

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

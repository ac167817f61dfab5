"""Job postings and their many-valued attributes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from careers.common import UTCDateTime, slugify, utcnow
from careers.extensions import db
from careers.jobs.cards import format_pay, format_place
from careers.markdown import plain_text
from careers.taxonomy import (
    CodeSet,
    Credential,
    EmploymentType,
    ExperienceLevel,
    JobStatus,
    JobTagKind,
    Specialty,
    State,
    WorkMode,
    WorkSetting,
)

if TYPE_CHECKING:
    from careers.auth.models import User
    from careers.employers.models import Employer

HOURS_PER_YEAR = 2080


class Job(db.Model):
    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("pay_min_cents > 0", name="pay_min_positive"),
        CheckConstraint("pay_min_cents <= pay_max_cents", name="pay_range_ordered"),
        Index("ix_jobs_status_published_at", "status", "published_at"),
        Index("ix_jobs_employer_status", "employer_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))  # None: expired

    title: Mapped[str] = mapped_column(String(120))
    description_md: Mapped[str] = mapped_column(Text)
    # The opening of the description as plain text: what the search engine indexes, so the SQL fallback
    # matches words in the same text (kept in step by `_excerpt` below).
    description_excerpt: Mapped[str] = mapped_column(Text, default="", server_default="")
    work_setting: Mapped[str] = mapped_column(String(40))
    work_mode: Mapped[str] = mapped_column(String(20), index=True)
    employment_type: Mapped[str] = mapped_column(String(20))
    experience_level: Mapped[str] = mapped_column(String(20))
    apprentice_welcome: Mapped[bool] = mapped_column(default=False)
    pay_min_cents: Mapped[int]
    pay_max_cents: Mapped[int]
    pay_period: Mapped[str] = mapped_column(String(10))
    # Annualised whole dollars so hourly and yearly pay compare in one filter.
    pay_min_annual: Mapped[int] = mapped_column(index=True)
    pay_max_annual: Mapped[int]
    city: Mapped[str] = mapped_column(String(80), default="")
    state: Mapped[str] = mapped_column(String(2), index=True)
    zip_code: Mapped[str] = mapped_column(String(10), default="")
    productivity: Mapped[str] = mapped_column(Text, default="")
    apply_by: Mapped[date | None] = mapped_column(Date)
    featured: Mapped[bool] = mapped_column(default=False, server_default=false())

    status: Mapped[str] = mapped_column(String(20), default=JobStatus.DRAFT.value)
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    employer: Mapped[Employer] = relationship(back_populates="jobs")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
    tags: Mapped[list[JobTag]] = relationship(
        back_populates="job", cascade="all, delete-orphan", order_by="JobTag.value"
    )

    @validates("description_md")
    def _excerpt(self, _key: str, value: str) -> str:
        self.description_excerpt = plain_text(value or "")
        return value

    # -- many-valued attributes, read from the tag table ------------------------------------
    def tag_values(self, kind: JobTagKind) -> list[str]:
        return [t.value for t in self.tags if t.kind == kind]

    def set_tags(self, kind: JobTagKind, values: list[str]) -> None:
        """Replace the values of one kind, keeping the rows that stay."""
        wanted = list(dict.fromkeys(values))
        keep = [t for t in self.tags if t.kind != kind or t.value in wanted]
        have = {t.value for t in keep if t.kind == kind}
        self.tags = keep + [JobTag(kind=kind.value, value=v) for v in wanted if v not in have]

    @property
    def specialties(self) -> list[str]:
        return self.tag_values(JobTagKind.SPECIALTY)

    @property
    def required_credentials(self) -> list[str]:
        return self.tag_values(JobTagKind.REQUIRED_CREDENTIAL)

    @property
    def preferred_credentials(self) -> list[str]:
        return self.tag_values(JobTagKind.PREFERRED_CREDENTIAL)

    @property
    def code_sets(self) -> list[str]:
        return self.tag_values(JobTagKind.CODE_SET)

    @property
    def remote_states(self) -> list[str]:
        return self.tag_values(JobTagKind.REMOTE_STATE)

    # -- display helpers ------------------------------------------------------------------
    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def pay_min(self) -> Decimal:
        return Decimal(self.pay_min_cents) / 100

    @property
    def pay_max(self) -> Decimal:
        return Decimal(self.pay_max_cents) / 100

    @property
    def pay_display(self) -> str:
        return format_pay(self.pay_min_cents, self.pay_max_cents, self.pay_period)

    @property
    def location_display(self) -> str:
        return format_place(self.work_mode, self.city, self.state, self.remote_states)

    @property
    def is_published(self) -> bool:
        return self.status == JobStatus.PUBLISHED

    @property
    def back_in_review(self) -> bool:
        """A posting that was live and is waiting for review again after an edit."""
        return self.status == JobStatus.REVIEW and self.published_at is not None

    @property
    def is_editable(self) -> bool:
        return self.status in (JobStatus.DRAFT, JobStatus.REJECTED, JobStatus.PUBLISHED)

    def labels(self) -> dict[str, object]:
        """Human labels for the template."""
        return {
            "specialties": [(s, Specialty.label_of(s)) for s in self.specialties],
            "required_credentials": [(c, Credential.label_of(c)) for c in self.required_credentials],
            "preferred_credentials": [(c, Credential.label_of(c)) for c in self.preferred_credentials],
            "code_sets": [CodeSet.label_of(c) for c in self.code_sets],
            "remote_states": [State.label_of(s) for s in self.remote_states],
            "work_setting": WorkSetting.label_of(self.work_setting),
            "work_mode": WorkMode.label_of(self.work_mode),
            "employment_type": EmploymentType.label_of(self.employment_type),
            "experience_level": ExperienceLevel.label_of(self.experience_level),
            "status": JobStatus.label_of(self.status),
            "state": State.label_of(self.state),
        }

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.status} {self.title!r}>"


class JobTag(db.Model):
    """One value of a many-valued job attribute (specialty, credential, code set, remote state)."""

    __tablename__ = "job_tags"
    __table_args__ = (Index("ix_job_tags_kind_value_job", "kind", "value", "job_id"),)

    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)

    job: Mapped[Job] = relationship(back_populates="tags")

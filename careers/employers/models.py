"""Company profiles."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from careers.common import UTCDateTime, utcnow
from careers.extensions import db
from careers.taxonomy import EmployerKind

if TYPE_CHECKING:
    from careers.auth.models import User
    from careers.jobs.models import Job


class Employer(db.Model):
    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    kind: Mapped[str] = mapped_column(String(30), default=EmployerKind.OTHER.value)
    website: Mapped[str] = mapped_column(String(255), default="")
    hq_city: Mapped[str] = mapped_column(String(80), default="")
    hq_state: Mapped[str] = mapped_column(String(2), default="")
    about: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="employer")
    jobs: Mapped[list[Job]] = relationship(back_populates="employer")

    @property
    def kind_label(self) -> str:
        return EmployerKind.label_of(self.kind)

    @property
    def profile_complete(self) -> bool:
        return bool(self.name and self.kind and self.hq_city and self.hq_state and self.about)

    def __repr__(self) -> str:
        return f"<Employer {self.id} {self.name!r}>"

"""Coder profiles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from careers.auth.models import User
from careers.candidates.models import CandidateCredential, CandidateProfile
from careers.errors import NotAllowed, ServiceError
from careers.extensions import db
from careers.taxonomy import CandidateTagKind


@dataclass
class CredentialInput:
    credential: str
    number: str = ""
    expires_on: date | None = None


@dataclass
class ProfileInput:
    full_name: str
    headline: str
    city: str
    state: str
    years_experience: int
    work_mode_preference: str
    specialties: list[str]
    code_sets: list[str]
    visible_to_recruiters: bool
    credentials: list[CredentialInput] = field(default_factory=list)


def _check_known(kind: CandidateTagKind, values: list[str]) -> None:
    """Refuse values outside the kind's taxonomy (the form offers only those; other callers may not)."""
    known = set(kind.vocabulary.values())
    unknown = [v for v in dict.fromkeys(values) if v and v not in known]
    if unknown:
        shown = ", ".join(repr(v[:40]) for v in unknown[:3]) + (", …" if len(unknown) > 3 else "")
        raise ServiceError(f"Unknown {kind.label.lower()}: {shown}.")


def save_profile(user: User, data: ProfileInput) -> CandidateProfile:
    """Create or replace the coder's profile and credentials in one go."""
    if not user.is_candidate:
        raise NotAllowed("Only coder accounts have a profile.")
    _check_known(CandidateTagKind.SPECIALTY, data.specialties)
    _check_known(CandidateTagKind.CODE_SET, data.code_sets)
    profile = user.profile or CandidateProfile(user=user)
    profile.full_name = data.full_name.strip()
    profile.headline = data.headline.strip()
    profile.city = data.city.strip()
    profile.state = data.state
    profile.years_experience = data.years_experience
    profile.work_mode_preference = data.work_mode_preference
    profile.specialties = data.specialties
    profile.code_sets = data.code_sets
    profile.visible_to_recruiters = data.visible_to_recruiters
    by_code = {c.credential: c for c in profile.credentials}
    wanted: list[CandidateCredential] = []
    for item in data.credentials:
        row = by_code.get(item.credential) or CandidateCredential(credential=item.credential)
        row.number = item.number.strip()
        row.expires_on = item.expires_on
        wanted.append(row)
    profile.credentials = wanted
    user.display_name = profile.full_name
    db.session.add(profile)
    db.session.flush()
    return profile

"""Company profiles."""

from __future__ import annotations

from dataclasses import dataclass

from careers.employers.models import Employer
from careers.extensions import db


@dataclass
class CompanyInput:
    name: str
    kind: str
    website: str
    hq_city: str
    hq_state: str
    about: str


def update_company(employer: Employer, data: CompanyInput) -> Employer:
    """Save the company profile; the name shows on every posting."""
    employer.name = data.name.strip()
    employer.kind = data.kind
    employer.website = data.website.strip()
    employer.hq_city = data.hq_city.strip()
    employer.hq_state = data.hq_state
    employer.about = data.about.strip()
    db.session.flush()
    return employer

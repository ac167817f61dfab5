"""careers.employers.services: the company profile."""

from careers.employers.models import Employer
from careers.employers.services import CompanyInput, update_company
from careers.taxonomy import EmployerKind
from tests import factories


def test_update_company_saves_every_field_trimmed(db):
    employer = factories.employer_user(complete=False).employer
    assert not employer.profile_complete
    update_company(employer, CompanyInput(
        name="  Summit Pathology Partners ", kind=EmployerKind.LAB.value, website=" https://summit.example/ ",
        hq_city="  Austin ", hq_state="TX", about="\n  Forty coders, pathology and lab.  \n",
    ))
    db.session.commit()
    db.session.expire_all()
    saved = db.session.get(Employer, employer.id)
    assert (saved.name, saved.kind, saved.website, saved.hq_city, saved.hq_state, saved.about) == (
        "Summit Pathology Partners", "lab", "https://summit.example/", "Austin", "TX",
        "Forty coders, pathology and lab.",
    )
    assert saved.profile_complete


def test_update_company_replaces_every_field(db):
    employer = factories.employer_user().employer  # complete: a hospital in Columbus, OH
    update_company(employer, CompanyInput(
        name="Lakeshore Health", kind=EmployerKind.PHYSICIAN_GROUP.value, website="", hq_city="Detroit",
        hq_state="MI", about="Twelve clinics.",
    ))
    assert (employer.name, employer.kind, employer.website, employer.hq_city, employer.hq_state, employer.about) == (
        "Lakeshore Health", "physician-group", "", "Detroit", "MI", "Twelve clinics.",
    )

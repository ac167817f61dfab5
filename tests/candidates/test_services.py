"""save_profile: every field, credentials replaced, updated and removed, tags deduplicated, the rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from careers.candidates.models import CandidateCredential, CandidateProfile, CandidateTag
from careers.candidates.services import CredentialInput, ProfileInput, save_profile
from careers.errors import NotAllowed, ServiceError
from tests import factories

FULL = ProfileInput(
    full_name="  Dana Reyes ", headline=" CPC, CRC · 6 years risk adjustment ", city=" Austin ", state="TX",
    years_experience=6, work_mode_preference="remote",
    specialties=["risk-adjustment", "evaluation-management"], code_sets=["icd-10-cm", "cms-hcc"],
    visible_to_recruiters=True,
    credentials=[CredentialInput("CPC", " 01234567 ", date(2027, 6, 30)), CredentialInput("CRC")],
)


def _credentials(db, profile: CandidateProfile) -> list[tuple[int, str, str, date | None]]:
    db.session.expire_all()
    return [tuple(r) for r in db.session.execute(
        select(CandidateCredential.id, CandidateCredential.credential, CandidateCredential.number,
               CandidateCredential.expires_on)
        .where(CandidateCredential.profile_id == profile.id).order_by(CandidateCredential.credential)
    )]


def test_a_new_profile_saves_every_field(db) -> None:
    user = factories.candidate(with_profile=False)
    save_profile(user, FULL)
    db.session.commit()
    db.session.expire_all()
    p = user.profile
    assert (p.full_name, p.headline, p.city, p.state) == ("Dana Reyes", "CPC, CRC · 6 years risk adjustment",
                                                          "Austin", "TX")
    assert (p.years_experience, p.work_mode_preference, p.visible_to_recruiters) == (6, "remote", True)
    assert p.specialties == ["risk-adjustment", "evaluation-management"]
    assert p.code_sets == ["icd-10-cm", "cms-hcc"]
    assert [(c.credential, c.number, c.expires_on) for c in p.credentials] == [
        ("CPC", "01234567", date(2027, 6, 30)), ("CRC", "", None)]
    assert user.display_name == "Dana Reyes"
    assert p.updated_at is not None


def test_saving_again_replaces_every_field(db) -> None:
    user = factories.candidate(with_profile=False)
    first = save_profile(user, FULL)
    db.session.commit()
    again = ProfileInput(
        full_name="Dana Reyes-Park", headline="", city="", state="", years_experience=0, work_mode_preference="",
        specialties=["pathology"], code_sets=["cpt", "hcpcs"], visible_to_recruiters=False, credentials=[],
    )
    second = save_profile(user, again)
    db.session.commit()
    db.session.expire_all()
    assert second.id == first.id  # one profile per coder, updated in place
    assert db.session.scalars(select(CandidateProfile.id)).all() == [first.id]
    p = user.profile
    assert (p.full_name, p.headline, p.city, p.state, p.years_experience, p.work_mode_preference,
            p.visible_to_recruiters) == ("Dana Reyes-Park", "", "", "", 0, "", False)
    assert (p.specialties, p.code_sets, p.credentials) == (["pathology"], ["cpt", "hcpcs"], [])
    assert user.display_name == "Dana Reyes-Park"


def test_credentials_are_updated_added_and_removed(db) -> None:
    user = factories.candidate(with_profile=False)
    profile = save_profile(user, FULL)
    db.session.commit()
    cpc_id = next(c.id for c in profile.credentials if c.credential == "CPC")
    changed = replace(FULL, credentials=[
        CredentialInput("CCS", "555", None),                    # added
        CredentialInput("CPC", "7654321", date(2028, 12, 31)),  # updated
    ])                                                          # CRC removed
    save_profile(user, changed)
    db.session.commit()
    rows = _credentials(db, profile)
    assert [(c, n, e) for _, c, n, e in rows] == [("CCS", "555", None), ("CPC", "7654321", date(2028, 12, 31))]
    assert next(i for i, c, _, _ in rows if c == "CPC") == cpc_id  # the same row, not deleted and re-added


def test_all_credentials_can_be_removed(db) -> None:
    user = factories.candidate(with_profile=False)
    profile = save_profile(user, FULL)
    db.session.commit()
    save_profile(user, replace(FULL, credentials=[]))
    db.session.commit()
    assert _credentials(db, profile) == []


def test_tags_are_deduplicated_and_keep_the_coders_order(db) -> None:
    user = factories.candidate(with_profile=False)
    profile = save_profile(user, replace(
        FULL, specialties=["radiology", "pathology", "radiology", "pathology"], code_sets=["cpt", "cpt", ""]))
    db.session.commit()
    db.session.expire_all()
    assert (profile.specialties, profile.code_sets) == (["radiology", "pathology"], ["cpt"])
    stored = db.session.execute(
        select(CandidateTag.kind, CandidateTag.value, CandidateTag.position)
        .where(CandidateTag.profile_id == profile.id).order_by(CandidateTag.kind, CandidateTag.position)
    ).all()
    assert stored == [("code-set", "cpt", 0), ("specialty", "radiology", 0), ("specialty", "pathology", 1)]


@pytest.mark.parametrize(("field", "values", "message"), [
    ("specialties", ["pathology", "podiatry"], r"Unknown specialty: 'podiatry'\."),
    ("code_sets", ["cpt", "CPT", "snomed"], r"Unknown code set: 'CPT', 'snomed'\."),
    ("specialties", ["a", "b", "c", "d"], r"Unknown specialty: 'a', 'b', 'c', …\."),
])
def test_unknown_tags_are_refused_and_nothing_changes(db, field: str, values: list[str], message: str) -> None:
    user = factories.candidate(specialties=["radiology"], code_sets=["cpt"])
    with pytest.raises(ServiceError, match=message):
        save_profile(user, replace(FULL, **{field: values}))
    db.session.rollback()
    assert (user.profile.full_name, user.profile.specialties, user.profile.code_sets) == (
        user.display_name, ["radiology"], ["cpt"])


@pytest.mark.parametrize("make", [factories.employer_user, factories.recruiter, factories.admin])
def test_only_coders_have_a_profile(db, make) -> None:
    user = make()
    with pytest.raises(NotAllowed, match="Only coder accounts have a profile."):
        save_profile(user, FULL)
    db.session.rollback()
    assert db.session.scalars(select(CandidateProfile)).all() == []

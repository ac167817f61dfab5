"""A profile's specialties and code sets live as candidate_tags rows behind the same list API."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from careers.auth.models import User
from careers.candidates.models import CandidateProfile, CandidateTag
from careers.taxonomy import CandidateTagKind, CodeSet, JobTagKind, Specialty
from tests import factories


def _rows(db, profile: CandidateProfile) -> list[tuple[str, str, int]]:
    """The profile's rows as stored, read with a fresh query (not the loaded collection)."""
    db.session.expire_all()
    return [tuple(r) for r in db.session.execute(
        select(CandidateTag.kind, CandidateTag.value, CandidateTag.position)
        .where(CandidateTag.profile_id == profile.id).order_by(CandidateTag.kind, CandidateTag.position)
    )]


def _profile(**values: list[str]) -> CandidateProfile:
    return factories.candidate(**values).profile


def test_kinds_share_the_job_tag_values_and_name_their_vocabulary() -> None:
    assert CandidateTagKind.values() == ["specialty", "code-set"]
    assert {k.value for k in CandidateTagKind} <= {k.value for k in JobTagKind}
    assert CandidateTagKind.SPECIALTY.vocabulary is Specialty
    assert CandidateTagKind.CODE_SET.vocabulary is CodeSet


def test_values_are_rows_in_the_order_given(db) -> None:
    profile = _profile(specialties=["risk-adjustment", "evaluation-management"], code_sets=["icd-10-cm", "cms-hcc"])
    assert _rows(db, profile) == [
        ("code-set", "icd-10-cm", 0), ("code-set", "cms-hcc", 1),
        ("specialty", "risk-adjustment", 0), ("specialty", "evaluation-management", 1),
    ]
    # Read back as entered, not in taxonomy order (E/M comes first there): the coder's order stays.
    assert profile.specialties == ["risk-adjustment", "evaluation-management"]
    assert profile.code_sets == ["icd-10-cm", "cms-hcc"]
    assert profile.labels()["specialties"] == ["Risk Adjustment / HCC", "E/M (Evaluation & Management)"]
    assert profile.labels()["code_sets"] == ["ICD-10-CM", "CMS-HCC"]


def test_setting_dedupes_skips_empties_and_keeps_the_rows_that_stay(db) -> None:
    profile = _profile(specialties=["radiology", "pathology", "cardiology"], code_sets=["cpt"])
    kept = next(t for t in profile.tags if t.value == "pathology")
    profile.specialties = ["pathology", "", "urology", "pathology", "radiology"]
    db.session.commit()
    assert profile.specialties == ["pathology", "urology", "radiology"]
    assert profile.code_sets == ["cpt"]  # the other kind is untouched
    assert _rows(db, profile) == [
        ("code-set", "cpt", 0),
        ("specialty", "pathology", 0), ("specialty", "urology", 1), ("specialty", "radiology", 2),
    ]
    assert db.session.get(CandidateTag, (profile.id, "specialty", "pathology")) is kept  # same row, moved


def test_clearing_a_kind_deletes_its_rows(db) -> None:
    profile = _profile(specialties=["radiology"], code_sets=["cpt", "hcpcs"])
    profile.code_sets = []
    db.session.commit()
    assert profile.code_sets == [] and _rows(db, profile) == [("specialty", "radiology", 0)]


def test_a_value_appears_once_per_profile_and_kind(db) -> None:
    profile = _profile(specialties=["radiology"])
    other = _profile(specialties=["radiology"])  # another coder may hold the same value
    assert _rows(db, other) == [("code-set", "cpt", 0), ("specialty", "radiology", 0)]
    with pytest.raises(IntegrityError):
        db.session.execute(insert(CandidateTag).values(profile_id=profile.id, kind="specialty", value="radiology",
                                                       position=5))
    db.session.rollback()


def test_deleting_a_profile_deletes_its_tags(db) -> None:
    profile = _profile(specialties=["radiology", "pathology"])
    profile_id = profile.id
    db.session.delete(profile)
    db.session.commit()
    assert db.session.scalars(select(CandidateTag).where(CandidateTag.profile_id == profile_id)).all() == []


def test_the_database_cascades_a_profile_delete_to_its_tags(db) -> None:
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite does not enforce foreign keys here (PRAGMA foreign_keys is off)")
    profile_id = _profile(specialties=["radiology"]).id
    db.session.execute(delete(CandidateProfile).where(CandidateProfile.id == profile_id))
    db.session.commit()
    assert db.session.scalars(select(CandidateTag).where(CandidateTag.profile_id == profile_id)).all() == []


def test_coders_can_be_filtered_by_tag(db) -> None:
    pathology = _profile(specialties=["pathology", "radiology"])
    _profile(specialties=["radiology"])
    _profile(specialties=["cardiology"], code_sets=["icd-10-cm"])
    found = db.session.scalars(
        select(CandidateProfile.id).join(CandidateTag)
        .where(CandidateTag.kind == CandidateTagKind.SPECIALTY, CandidateTag.value == Specialty.PATHOLOGY)
    ).all()
    assert found == [pathology.id]


@pytest.mark.parametrize("coders", [1, 6])
def test_a_list_of_profiles_loads_all_tags_in_one_statement(db, count_queries, coders: int) -> None:
    for n in range(coders):
        factories.candidate(specialties=["pathology", Specialty.values()[n]], code_sets=["cpt", "hcpcs"])
    db.session.expire_all()
    with count_queries() as counter:
        profiles = db.session.scalars(select(CandidateProfile).order_by(CandidateProfile.id)).all()
        seen = [(p.specialties, p.code_sets) for p in profiles]
    assert len(seen) == coders and all(codes == ["cpt", "hcpcs"] for _, codes in seen)
    assert counter.count == 2, counter.statements  # the profiles, then every profile's tags


def test_the_users_profile_brings_its_tags_along(db, count_queries) -> None:
    user_id = factories.candidate(specialties=["pathology"], code_sets=["cpt"]).id
    db.session.expire_all()
    user = db.session.get(User, user_id)
    with count_queries() as counter:
        assert (user.profile.specialties, user.profile.code_sets) == (["pathology"], ["cpt"])
    assert counter.count == 2, counter.statements  # the profile, its tags

"""The migrations build exactly the schema the models describe, and go down and up again cleanly."""

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, Table, inspect, text

from careers.candidates.models import CandidateProfile
from careers.extensions import db as _db


def test_migrated_schema_matches_the_models(app, db):
    with _db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, _db.metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(app, db):
    downgrade(revision="base")
    assert set(inspect(_db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert {"jobs", "job_tags", "applications", "users"} <= set(inspect(_db.engine).get_table_names())



# -- 7c1e0d9a4b21: candidate specialties and code sets from CSV columns to candidate_tags rows ------------

BEFORE_TAGS, TAGS = "5d5a2b8277c5", "7c1e0d9a4b21"
TAG_ROWS = "SELECT profile_id, kind, value, position FROM candidate_tags ORDER BY profile_id, kind, position"


def _columns(table: str) -> set[str]:
    return {c["name"] for c in inspect(_db.engine).get_columns(table)}


def _insert_coder(conn, n: int, specialties_csv: str, code_sets_csv: str, verified: bool = False) -> int:
    """A coder as the schema before the tag rows stored one (tables reflected from that schema)."""
    users, profiles, credentials = (Table(name, MetaData(), autoload_with=conn)
                                    for name in ("users", "candidate_profiles", "candidate_credentials"))
    now = datetime(2026, 11, 30, tzinfo=UTC)
    user_id = conn.execute(users.insert().values(
        email=f"coder{n}@mail.example", password_hash="x", role="candidate", display_name=f"Coder {n}",
        active=True, created_at=now,
    )).inserted_primary_key[0]
    profile_id = conn.execute(profiles.insert().values(
        user_id=user_id, full_name=f"Coder {n}", headline="", city="", state="", years_experience=3,
        work_mode_preference="", specialties_csv=specialties_csv, code_sets_csv=code_sets_csv,
        visible_to_recruiters=False, updated_at=now,
    )).inserted_primary_key[0]
    conn.execute(credentials.insert().values(profile_id=profile_id, credential="CPC", number="0123", verified=verified))
    return profile_id


def test_candidate_tags_migration_copies_csv_to_rows_and_back(app, db) -> None:
    db.session.remove()
    downgrade(revision=BEFORE_TAGS)
    try:
        assert {"specialties_csv", "code_sets_csv"} <= _columns("candidate_profiles")
        assert "verified" in _columns("candidate_credentials")
        with _db.engine.begin() as conn:
            messy = _insert_coder(
                conn, 1, " risk-adjustment,,Evaluation-Management , podiatry,risk-adjustment,",
                "icd-10-cm,cms-hcc,ICD-10-CM,snomed", verified=True)
            plain = _insert_coder(conn, 2, "pathology", "cpt,hcpcs")
            empty = _insert_coder(conn, 3, "", "")
            unknown_only = _insert_coder(conn, 4, "podiatry,,", " , ")

        upgrade(revision=TAGS)
        assert not {"specialties_csv", "code_sets_csv"} & _columns("candidate_profiles")
        assert "verified" not in _columns("candidate_credentials")
        with _db.engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(text(TAG_ROWS))]
            # The profiles and credentials themselves survive the table rebuilds (SQLite batch mode).
            assert conn.execute(text("SELECT count(*) FROM candidate_profiles")).scalar_one() == 4
            assert conn.execute(text("SELECT count(*) FROM candidate_credentials")).scalar_one() == 4
        # Split, trimmed, case folded to the taxonomy's value, first of duplicates kept, empty and unknown
        # values skipped, the coder's order in `position`.
        assert rows == [
            (messy, "code-set", "icd-10-cm", 0), (messy, "code-set", "cms-hcc", 1),
            (messy, "specialty", "risk-adjustment", 0), (messy, "specialty", "evaluation-management", 1),
            (plain, "code-set", "cpt", 0), (plain, "code-set", "hcpcs", 1),
            (plain, "specialty", "pathology", 0),
        ]
        # The ORM reads the copied rows through the list API.
        profile = db.session.get(CandidateProfile, messy)
        assert (profile.specialties, profile.code_sets) == (["risk-adjustment", "evaluation-management"],
                                                            ["icd-10-cm", "cms-hcc"])
        db.session.remove()

        downgrade(revision=BEFORE_TAGS)
        assert "candidate_tags" not in inspect(_db.engine).get_table_names()
        with _db.engine.connect() as conn:
            csv = {r[0]: (r[1], r[2]) for r in conn.execute(
                text("SELECT id, specialties_csv, code_sets_csv FROM candidate_profiles"))}
            verified = conn.execute(text("SELECT verified FROM candidate_credentials")).scalars().all()
        assert csv == {
            messy: ("risk-adjustment,evaluation-management", "icd-10-cm,cms-hcc"),
            plain: ("pathology", "cpt,hcpcs"),
            empty: ("", ""),
            unknown_only: ("", ""),
        }
        assert verified == [False] * 4  # the flags are not kept: every credential comes back unverified

        upgrade(revision=TAGS)  # up again from the CSV written on the way down: the same rows
        with _db.engine.connect() as conn:
            assert [tuple(r) for r in conn.execute(text(TAG_ROWS))] == rows
    finally:
        db.session.remove()
        upgrade()


def test_candidate_tags_migration_downgrades_the_schema_exactly(app, db) -> None:
    """Down from the rows gives back the columns as the earlier revision made them (no leftover defaults)."""

    def shape() -> dict[str, dict[str, tuple[str, bool, object]]]:
        insp = inspect(_db.engine)
        return {table: {c["name"]: (str(c["type"]), c["nullable"], c["default"]) for c in insp.get_columns(table)}
                for table in ("candidate_profiles", "candidate_credentials")}

    db.session.remove()
    downgrade(revision="base")
    try:
        upgrade(revision=BEFORE_TAGS)  # the tables as the earlier revisions build them
        before = shape()
        upgrade(revision=TAGS)
        downgrade(revision=BEFORE_TAGS)
        assert shape() == before
    finally:
        upgrade()

"""candidate specialties and code sets as rows (candidate_tags); drop candidate_credentials.verified

Upgrade copies each profile's specialties_csv and code_sets_csv into candidate_tags (split on commas,
trimmed, case folded to the taxonomy's value, first of duplicates kept, empty and unknown values skipped),
keeping the coder's order in `position`, then drops the two CSV columns. Downgrade writes the rows back as
CSV in that order. candidate_credentials.verified was written by the demo seed only and never read: it
is dropped, and comes back False for every row on downgrade (the flags are not kept).

Revision ID: 7c1e0d9a4b21
Revises: 5d5a2b8277c5
Create Date: 2026-12-02 10:00:00.000000

"""
import logging

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7c1e0d9a4b21"
down_revision = "5d5a2b8277c5"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

# The taxonomy as it stands at this revision, frozen here: a migration must copy the same way however
# careers/taxonomy changes later.
SPECIALTIES = (
    "evaluation-management", "anesthesia", "general-surgery", "orthopedics", "cardiology",
    "interventional-radiology", "radiology", "pathology", "emergency-department", "hematology-oncology",
    "obstetrics-gynecology", "gastroenterology", "urology", "ophthalmology", "otolaryngology", "neurology",
    "dermatology", "pediatrics", "primary-care", "behavioral-health", "ambulatory-surgery", "risk-adjustment",
    "inpatient-coding", "outpatient-facility", "clinical-documentation-integrity", "auditing-compliance",
    "denials-management", "dme-supplies",
)
CODE_SETS = ("icd-10-cm", "icd-10-pcs", "cpt", "hcpcs", "modifiers", "ms-drg", "apr-drg", "cms-hcc", "cdt")
# tag kind -> (CSV column, its length, known values)
KINDS = {
    "specialty": ("specialties_csv", 1000, SPECIALTIES),
    "code-set": ("code_sets_csv", 300, CODE_SETS),
}
BATCH = 2000

profiles = sa.table(
    "candidate_profiles",
    sa.column("id", sa.Integer),
    sa.column("specialties_csv", sa.String),
    sa.column("code_sets_csv", sa.String),
)
tags = sa.table(
    "candidate_tags",
    sa.column("profile_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("value", sa.String),
    sa.column("position", sa.SmallInteger),
)


def split_csv(csv, known):
    """(values in order, count skipped): trimmed, matched case-insensitively, deduplicated."""
    by_folded = {v.lower(): v for v in known}
    values, skipped = [], 0
    for item in (csv or "").split(","):
        item = item.strip()
        if not item:
            continue
        value = by_folded.get(item.lower())
        if value is None:
            skipped += 1
        elif value not in values:
            values.append(value)
    return values, skipped


def join_csv(values, length):
    """The values as CSV, leaving out whole values that would not fit the column."""
    kept, size = [], 0
    for value in values:
        size += len(value) + (1 if kept else 0)
        if size > length:
            break
        kept.append(value)
    return ",".join(kept)


def upgrade():
    op.create_table(
        "candidate_tags",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["candidate_profiles.id"],
            name=op.f("fk_candidate_tags_profile_id_candidate_profiles"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("profile_id", "kind", "value", name=op.f("pk_candidate_tags")),
    )
    with op.batch_alter_table("candidate_tags", schema=None) as batch_op:
        batch_op.create_index("ix_candidate_tags_kind_value_profile", ["kind", "value", "profile_id"], unique=False)

    bind = op.get_bind()
    last_id, skipped = 0, 0
    while True:  # keyset pages of profiles, so a large board is never held in memory at once
        page = bind.execute(
            sa.select(profiles.c.id, profiles.c.specialties_csv, profiles.c.code_sets_csv)
            .where(profiles.c.id > last_id).order_by(profiles.c.id).limit(BATCH)
        ).all()
        if not page:
            break
        rows = []
        for profile_id, specialties_csv, code_sets_csv in page:
            for kind, csv in (("specialty", specialties_csv), ("code-set", code_sets_csv)):
                values, dropped = split_csv(csv, KINDS[kind][2])
                skipped += dropped
                rows += [{"profile_id": profile_id, "kind": kind, "value": v, "position": i}
                         for i, v in enumerate(values)]
        if rows:
            bind.execute(tags.insert(), rows)
        last_id = page[-1][0]
    if skipped:
        log.warning("candidate_tags: skipped %d unknown specialty or code set values", skipped)

    with op.batch_alter_table("candidate_profiles", schema=None) as batch_op:
        batch_op.drop_column("code_sets_csv")
        batch_op.drop_column("specialties_csv")

    with op.batch_alter_table("candidate_credentials", schema=None) as batch_op:
        batch_op.drop_column("verified")


def downgrade():
    # New NOT NULL columns need a default for the rows already there; it is removed once they are filled,
    # as the schema before this revision had none.
    with op.batch_alter_table("candidate_credentials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("candidate_credentials", schema=None) as batch_op:
        batch_op.alter_column("verified", existing_type=sa.Boolean(), existing_nullable=False, server_default=None)

    with op.batch_alter_table("candidate_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("specialties_csv", sa.String(length=1000), server_default="", nullable=False))
        batch_op.add_column(sa.Column("code_sets_csv", sa.String(length=300), server_default="", nullable=False))

    bind = op.get_bind()
    update = (
        profiles.update()
        .where(profiles.c.id == sa.bindparam("profile_id"))
        .values(specialties_csv=sa.bindparam("specialties"), code_sets_csv=sa.bindparam("code_sets"))
    )
    last_id = 0
    while True:
        ids = bind.execute(
            sa.select(tags.c.profile_id).distinct().where(tags.c.profile_id > last_id)
            .order_by(tags.c.profile_id).limit(BATCH)
        ).scalars().all()
        if not ids:
            break
        values = {pid: {"specialty": [], "code-set": []} for pid in ids}
        for profile_id, kind, value in bind.execute(
            sa.select(tags.c.profile_id, tags.c.kind, tags.c.value)
            .where(tags.c.profile_id.in_(ids)).order_by(tags.c.profile_id, tags.c.kind, tags.c.position)
        ):
            if kind in values[profile_id]:
                values[profile_id][kind].append(value)
        bind.execute(update, [
            {"profile_id": pid,
             "specialties": join_csv(v["specialty"], KINDS["specialty"][1]),
             "code_sets": join_csv(v["code-set"], KINDS["code-set"][1])}
            for pid, v in values.items()
        ])
        last_id = ids[-1]

    with op.batch_alter_table("candidate_profiles", schema=None) as batch_op:
        batch_op.alter_column("specialties_csv", existing_type=sa.String(length=1000), existing_nullable=False,
                              server_default=None)
        batch_op.alter_column("code_sets_csv", existing_type=sa.String(length=300), existing_nullable=False,
                              server_default=None)

    with op.batch_alter_table("candidate_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_candidate_tags_kind_value_profile")
    op.drop_table("candidate_tags")

"""The migrations build exactly the schema the models describe, and go down and up again cleanly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from careers.extensions import db as _db


def test_migrated_schema_matches_the_models(app, db):
    with _db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, _db.metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(app, db):
    downgrade(revision="base")
    from sqlalchemy import inspect

    assert set(inspect(_db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert {"jobs", "job_tags", "applications", "users"} <= set(inspect(_db.engine).get_table_names())

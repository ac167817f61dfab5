"""`flask admin create`: the account rules decide, and a refusal is a message, not a traceback."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from careers.auth.models import User


@pytest.mark.parametrize(("password", "said"), [
    ("short-pass", "12"),  # 10 characters: the old minimum
    ("password1234", "common"),
])
def test_weak_passwords_are_refused_with_a_message(app, db, password, said):
    result = app.test_cli_runner().invoke(args=["admin", "create", "ops@example.org", "--password", password])
    assert result.exit_code == 1 and "Traceback" not in result.output and "Error:" in result.output
    assert said in result.output.lower()
    assert db.session.scalar(select(User).where(User.email == "ops@example.org")) is None


def test_admin_created_and_a_second_refused(app, db):
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["admin", "create", "ops@example.org", "--password", "correct horse battery"])
    assert ok.exit_code == 0 and "Admin ops@example.org created." in ok.output
    again = runner.invoke(args=["admin", "create", "OPS@example.org", "--password", "correct horse battery"])
    assert again.exit_code == 1 and "Error:" in again.output
    assert len(db.session.scalars(select(User).where(User.email == "ops@example.org")).all()) == 1

"""`flask jobs expire`."""

from __future__ import annotations

import click
from flask import Blueprint

from careers.common import utcnow
from careers.extensions import db
from careers.jobs.services import expire_due_jobs

jobs_cli = Blueprint("jobs_cli", __name__, cli_group="jobs")


@jobs_cli.cli.command("expire")
def expire_command() -> None:
    """Expire published jobs whose apply-by date has passed (run daily)."""
    n = expire_due_jobs(utcnow().date())
    db.session.commit()
    click.echo(f"{n} job(s) expired.")

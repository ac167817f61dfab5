"""`flask admin create EMAIL`."""

from __future__ import annotations

import click
from flask import Blueprint

from careers.auth.services import create_admin
from careers.errors import ServiceError
from careers.extensions import db

cli = Blueprint("admin_cli", __name__, cli_group="admin")


@cli.cli.command("create")
@click.argument("email")
@click.password_option(help="12 to 200 characters, not a common password; prompted for when left out.")
def create_admin_command(email: str, password: str) -> None:
    """Create an administrator account (the account rules decide what password is good enough)."""
    try:
        create_admin(email, password)
    except ServiceError as exc:  # a taken address, a short or common password: said, not a traceback
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Admin {email} created.")

"""`flask admin create EMAIL`."""

from __future__ import annotations

import click
from flask import Blueprint

from careers.auth.services import EmailTaken, create_admin
from careers.extensions import db

cli = Blueprint("admin_cli", __name__, cli_group="admin")


@cli.cli.command("create")
@click.argument("email")
@click.password_option(help="At least 10 characters; prompted for when left out.")
def create_admin_command(email: str, password: str) -> None:
    """Create an administrator account."""
    if len(password) < 10:
        raise click.BadParameter("use at least 10 characters", param_hint="password")
    try:
        create_admin(email, password)
    except EmailTaken as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Admin {email} created.")

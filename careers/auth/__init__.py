"""Accounts, roles, login, email verification, password reset, the security log."""

from __future__ import annotations

from typing import Any

from flask import Flask, flash, redirect, url_for


def init_app(app: Flask) -> None:
    """Sessions name the account's session token (see User.get_id); an action refused for an unconfirmed
    address, when no view handled it, leads to the account page and its resend button."""
    from careers.auth.services import EmailNotVerified, load_session_user
    from careers.extensions import login_manager

    login_manager.user_loader(load_session_user)

    @app.errorhandler(EmailNotVerified)
    def email_not_verified(error: EmailNotVerified) -> Any:
        flash(str(error), "warning")
        return redirect(url_for("auth.account"))

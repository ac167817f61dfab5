"""Small helpers shared by the thin views."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash

from careers.errors import ServiceError
from careers.extensions import db


def run_service(action: Callable[[], object], success: str | Callable[[], str], category: str = "success") -> bool:
    """Call one service: commit and flash `success`, or roll back and flash the rule that said no."""
    try:
        action()
    except ServiceError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return False
    db.session.commit()
    flash(success() if callable(success) else success, category)
    return True

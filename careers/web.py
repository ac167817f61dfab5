"""The one step every view takes to call a service: call, commit or roll back, flash."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import flash

from careers.errors import ServiceError
from careers.extensions import db

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    """What a service call gave: its value, or the rule that said no. True when it succeeded."""

    value: T | None = None
    error: ServiceError | None = None

    def __bool__(self) -> bool:
        return self.error is None


def run_service(
    action: Callable[[], T],
    success: str | Callable[[], str] | Callable[[Any], str] | None,
    category: str = "success",
    *,
    on_error: Callable[[ServiceError], None] | None = None,
) -> Outcome[T]:
    """Call one service: commit and flash `success`, or roll back and flash the rule that said no.

    `success` may be a message, or a function of the service's result (or of nothing) that makes one;
    None flashes nothing. `on_error` replaces the flash for errors shown elsewhere (beside a form field).
    """
    try:
        value = action()
    except ServiceError as exc:
        db.session.rollback()
        if on_error is not None:
            on_error(exc)
        else:
            flash(str(exc), "error")
        return Outcome(error=exc)
    db.session.commit()
    if success is not None:
        if callable(success):
            takes_value = bool(inspect.signature(success).parameters)
            message = success(value) if takes_value else success()  # type: ignore[call-arg]
        else:
            message = success
        flash(message, category)
    return Outcome(value=value)

"""Rate limits (Flask-Limiter): the one table of them, the decorator that puts them on a view, and the 429.

A view names its group:

    @bp.route("/login", methods=["GET", "POST"])
    @rate_limit("login")
    def login(): ...

`rate_limit` only marks the view (or a whole blueprint); `limiter.init_app(app)`, run once the blueprints are
registered, gives each app its own Flask-Limiter instance (its storage: RATELIMIT_STORAGE_URI, memory:// or
Redis) and applies the table's rows to the marked views. Each row's rate is a setting (careers/config.py), in
Flask-Limiter's notation ("10 per 15 minutes; 50 per day").

Client addresses are request.remote_addr. Behind a reverse proxy set PROXY_COUNT to the number of proxies in
front of the app: ProxyFix then takes the client from that many X-Forwarded-For entries (and the scheme from
X-Forwarded-Proto). Without it the header is ignored, so a client cannot pick its own address.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Blueprint, Flask, current_app, render_template, request
from flask_limiter import Limiter
from flask_login import current_user
from limits import parse_many
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

T = TypeVar("T", bound=Callable[..., Any] | Blueprint)
MARK = "_careers_rate_limits"  # the attribute rate_limit() sets on a view function or a blueprint


# -- whose requests count together ------------------------------------------------------------------------------


def client_address() -> str:
    """The client's address (see PROXY_COUNT above)."""
    return f"addr:{request.remote_addr or 'unknown'}"


def submitted_email() -> str:
    """The email address the form names, normalised (case and spaces), hashed so no address sits in the
    limiter's storage."""
    email = " ".join((request.form.get("email") or "").split()).casefold()
    return "email:" + hashlib.sha256(email.encode()).hexdigest()[:32] if email else "email:none"


def signed_in_user() -> str:
    """The signed-in account (the client's address for a visitor, whom the view sends to the login page)."""
    return f"user:{current_user.id}" if current_user.is_authenticated else client_address()


def failed_login(response: Response) -> bool:
    """A login POST that did not sign anyone in (a success redirects; a refusal by this limit is not a try)."""
    return response.status_code not in (301, 302, 303, 429)


# -- the table --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateLimit:
    """One limit: the group views name, the setting holding its rate, whose requests count together."""

    group: str
    per: str  # what the key is, for people and for the storage key: "account", "address", "user"
    setting: str
    key: Callable[[], str]
    methods: tuple[str, ...] | None = ("POST",)  # None: every method
    deduct_when: Callable[[Response], bool] | None = None  # count only these responses (None: every request)

    @property
    def scope(self) -> str:
        return f"{self.group}/{self.per}"


LIMITS: tuple[RateLimit, ...] = (
    # Failed logins only, so a coder who types her password right is never slowed down.
    RateLimit("login", "account", "RATELIMIT_LOGIN_PER_ACCOUNT", submitted_email, deduct_when=failed_login),
    RateLimit("login", "address", "RATELIMIT_LOGIN_PER_ADDRESS", client_address, deduct_when=failed_login),
    RateLimit("register", "address", "RATELIMIT_REGISTER_PER_ADDRESS", client_address),
    RateLimit("password-reset", "address", "RATELIMIT_RESET_PER_ADDRESS", client_address),
    RateLimit("password-reset", "email", "RATELIMIT_RESET_PER_EMAIL", submitted_email),
    RateLimit("apply", "user", "RATELIMIT_APPLY_PER_USER", signed_in_user),
    RateLimit("api", "address", "RATELIMIT_API_PER_ADDRESS", client_address, methods=None),
)
GROUPS = {limit.group for limit in LIMITS}


def rate_limit(group: str) -> Callable[[T], T]:
    """Mark a view function (or a blueprint: all its views) with a group of LIMITS."""
    if group not in GROUPS:
        raise ValueError(f"unknown rate-limit group {group!r}; the groups are {sorted(GROUPS)}")

    def mark(target: T) -> T:
        groups = getattr(target, MARK, ())
        setattr(target, MARK, (*groups, group))
        return target

    return mark


# -- the extension ----------------------------------------------------------------------------------------------


class RateLimits:
    """careers.extensions.limiter: one Flask-Limiter per app (so test apps, each with its own storage, and the
    app's settings never leak into one another), bound to the views marked with rate_limit()."""

    EXTENSION = "careers_rate_limits"

    def init_app(self, app: Flask) -> None:
        """Call after register_blueprints: reads the marks on the registered views."""
        if app.config.get("PROXY_COUNT"):
            count = app.config["PROXY_COUNT"]
            app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]
        app.register_error_handler(429, too_many_requests)
        if not app.config.get("RATELIMIT_ENABLED", True):
            return
        for limit in LIMITS:
            parse_many(app.config[limit.setting])  # a mistyped rate fails at start, not on the first request
        limiter = Limiter(client_address, storage_uri=app.config["RATELIMIT_STORAGE_URI"],
                          key_prefix=app.config.get("RATELIMIT_KEY_PREFIX", "careers"))
        limiter.init_app(app)
        app.extensions[self.EXTENSION] = limiter
        for endpoint, view in list(app.view_functions.items()):
            for group in getattr(view, MARK, ()):
                app.view_functions[endpoint] = view = self._apply(limiter, app, group, view)
        for blueprint in app.blueprints.values():
            for group in getattr(blueprint, MARK, ()):
                self._apply(limiter, app, group, blueprint)

    @staticmethod
    def _apply(limiter: Limiter, app: Flask, group: str, target: Any) -> Any:
        for limit in (row for row in LIMITS if row.group == group):
            decorate = limiter.shared_limit(app.config[limit.setting], scope=limit.scope, key_func=limit.key,
                                            methods=list(limit.methods) if limit.methods else None,
                                            deduct_when=limit.deduct_when)
            target = decorate(target) or target  # a blueprint is limited in place (the call returns None)
        return target

    def of(self, app: Flask) -> Limiter | None:
        """The app's Flask-Limiter, or None when limits are off."""
        return app.extensions.get(self.EXTENSION)

    def reset(self, app: Flask) -> None:
        """Forget every count (tests; an operator after a false alarm)."""
        if (limiter := self.of(app)) is not None:
            limiter.reset()


def retry_after_seconds() -> int:
    """Seconds until the limit this request broke lets it through again (at least 1)."""
    limiter = current_app.extensions.get(RateLimits.EXTENSION)
    breached = limiter.current_limit if limiter is not None else None
    if breached is None:
        return 60
    return max(1, math.ceil(breached.window[0] - time.time()))  # window: (reset time, remaining)


def too_many_requests(error: Exception) -> Any:
    """429: a JSON error under /api/, else a page; both say when to try again, and so does Retry-After."""
    from careers.api.errors import API_PREFIX, api_error_response

    seconds = retry_after_seconds()
    wait = _in_words(seconds)
    if request.path.startswith(API_PREFIX):
        response, status = api_error_response(
            429, f"Too many requests from your address. Try again in {wait}.", "rate_limited", retry_after=seconds)
    else:
        response = current_app.make_response(
            (render_template("errors/429.html", wait=wait, seconds=seconds, error=error), 429))
        status = 429
    response.headers["Retry-After"] = str(seconds)
    return response, status


def _in_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return f"{minutes} minutes"
    hours = math.ceil(minutes / 60)
    return f"{hours} hours"


__all__ = ["LIMITS", "RateLimits", "rate_limit", "too_many_requests"]

"""Login, logout, registration, email verification, forgotten password, and the account page (change
password, change email)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Blueprint, flash, make_response, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from careers.auth import security_log
from careers.auth.access import admin_required
from careers.auth.forms import (
    CandidateRegisterForm,
    ChangeEmailForm,
    ChangePasswordForm,
    EmployerRegisterForm,
    ForgotPasswordForm,
    LoginForm,
    ResendVerificationForm,
    ResetPasswordForm,
)
from careers.auth.models import User
from careers.auth.services import (
    LinkRefused,
    WeakPassword,
    WrongPassword,
    authenticate,
    change_password,
    confirm_email_change,
    log_out,
    register_candidate,
    register_employer,
    request_email_change,
    request_password_reset,
    resend_verification,
    reset_password,
    send_verification,
    user_for_reset,
    verify_email,
)
from careers.errors import ServiceError
from careers.extensions import db
from careers.forms import has_control_chars
from careers.limits import rate_limit
from careers.web import run_service

bp = Blueprint("auth", __name__)

F = TypeVar("F", bound=Callable[..., Any])


def _home_for(user) -> str:
    if user.is_employer:
        return url_for("employers.dashboard")
    if user.is_admin:
        return url_for("admin.queue")
    if user.is_candidate:
        return url_for("applications.mine") if user.profile else url_for("candidates.profile")
    return url_for("jobs.index")


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None: no open redirect and no header injection.

    Refused: anything but a single leading slash (//host, /\\host, \\\\host, scheme-relative, absolute
    URLs, relative paths), backslashes anywhere (browsers read them as slashes), and any control,
    format or whitespace character (CR/LF would split the Location header)."""
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def no_store(view: F) -> F:
    """Pages with account details or a live reset link: never kept by the browser or a proxy."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        response = make_response(view(*args, **kwargs))
        response.headers["Cache-Control"] = "no-store"
        return response

    return wrapped  # type: ignore[return-value]


def _sign_in_again(user: User) -> None:
    """After this account's session token changed: keep this browser signed in (and remembered, if it
    was) under the new token; every other session stays ended."""
    from flask import current_app

    remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
    login_user(user, remember=remembered)


# -- login and logout ---------------------------------------------------------------------------------------


@bp.route("/login", methods=["GET", "POST"])
@rate_limit("login")
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        db.session.commit()  # the login time, an upgraded hash and the security log row, either way
        if user is None:
            form.password.errors.append("Email or password is wrong.")
        else:
            session.pop("csrf_token", None)  # a CSRF token from before the login is not kept
            login_user(user, remember=form.remember.data)
            flash("Welcome back.", "success")
            return redirect(safe_next(request.args.get("next")) or _home_for(user))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    user = db.session.get(User, current_user.id)
    log_out(user)  # a copy of this session's cookie, or a remember-me cookie, stops working too
    db.session.commit()
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("main.home"))


# -- registration -------------------------------------------------------------------------------------------


@bp.route("/register")
def register() -> str | Response:
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    return render_template("auth/register.html")


@dataclass(frozen=True)
class Registration:
    """One kind of account people sign up for: its form, the service that creates it, where it goes next."""

    form: type[FlaskForm]
    create: Callable[[Any], User]
    welcome: str
    next_endpoint: str


REGISTRATIONS: dict[str, Registration] = {
    "coder": Registration(
        CandidateRegisterForm,
        lambda f: register_candidate(f.email.data, f.password.data, f.full_name.data),
        "Account created. Now tell employers about your credentials.",
        "candidates.profile",
    ),
    "employer": Registration(
        EmployerRegisterForm,
        lambda f: register_employer(f.email.data, f.password.data, f.company_name.data, f.your_name.data or ""),
        "Account created. Complete your company profile before posting.",
        "employers.company",
    ),
}


def _registered(create: Callable[[], User]) -> User:
    user = create()
    send_verification(user)
    return user


@bp.route("/register/<any(coder, employer):kind>", methods=["GET", "POST"])
@rate_limit("register")
def register_as(kind: str) -> str | Response:
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    registration = REGISTRATIONS[kind]
    form = registration.form()
    if form.validate_on_submit():
        done = run_service(lambda: _registered(lambda: registration.create(form)), registration.welcome,
                           on_error=lambda exc: _field_for(exc, form).errors.append(str(exc)))
        if done:
            flash(f"We sent a link to {done.value.email}: open it to confirm your address.", "info")
            login_user(done.value)
            return redirect(url_for(registration.next_endpoint))
    return render_template("auth/register_form.html", form=form, kind=kind)


def _field_for(exc: ServiceError, form: FlaskForm) -> Any:
    return form.password if isinstance(exc, WeakPassword) else form.email


# -- email verification -------------------------------------------------------------------------------------


def _link_problem(exc: ServiceError) -> tuple[str, int]:
    return render_template("auth/link_problem.html", message=str(exc)), 400


@bp.route("/verify/<token>", endpoint="verify_email")
def verify_email_view(token: str) -> str | Response | tuple[str, int]:
    done = run_service(lambda: verify_email(token), "Your email address is confirmed. Thank you!",
                       on_error=lambda exc: None)
    if not done:
        return _link_problem(done.error)
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    return redirect(url_for("auth.login"))


@bp.route("/account/verify", methods=["POST"], endpoint="resend_verification")
@login_required
def resend_verification_view() -> Response:
    if ResendVerificationForm().validate_on_submit():
        user = db.session.get(User, current_user.id)
        run_service(lambda: resend_verification(user),
                    f"We sent a new link to {user.email}. It works for a few days; the older ones still work too.")
    return redirect(url_for("auth.account"))


# -- forgotten password -------------------------------------------------------------------------------------


@bp.route("/password/forgot", methods=["GET", "POST"])
@rate_limit("password-reset")
def forgot_password() -> str | Response:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = form.email.data.strip()
        # The same answer whether or not an account uses the address (and, see the service, the same work).
        run_service(lambda: request_password_reset(email),
                    f"If an account uses {email}, a link to choose a new password is on its way there. "
                    "It works for one hour.", category="info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"], endpoint="reset_password")
@no_store
def reset_password_view(token: str) -> str | Response | tuple[str, int]:
    try:
        account = user_for_reset(token)
    except LinkRefused as exc:
        db.session.rollback()
        return _link_problem(exc)
    form = ResetPasswordForm(account=account)
    if form.validate_on_submit():
        done = run_service(lambda: reset_password(token, form.password.data),
                           "Your password is changed and every session of your account has ended. "
                           "Log in with the new password.",
                           on_error=lambda exc: form.password.errors.append(str(exc)))
        if done:
            logout_user()
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, account=account)


# -- the account page ---------------------------------------------------------------------------------------


@bp.route("/account")
@login_required
@no_store
def account() -> str:
    user = db.session.get(User, current_user.id)
    return render_template("auth/account.html", user=user, resend_form=ResendVerificationForm(),
                           events=security_log.events_for(user, limit=10))


@bp.route("/account/password", methods=["GET", "POST"], endpoint="change_password")
@login_required
@no_store
def change_password_view() -> str | Response:
    user = db.session.get(User, current_user.id)
    form = ChangePasswordForm(account=user)
    if form.validate_on_submit():
        done = run_service(
            lambda: change_password(user, form.current_password.data, form.password.data),
            "Password changed. Every other session of your account has ended.",
            on_error=lambda exc: (form.password if isinstance(exc, WeakPassword)
                                  else form.current_password).errors.append(str(exc)),
        )
        if done:
            _sign_in_again(done.value)
            return redirect(url_for("auth.account"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/account/email", methods=["GET", "POST"], endpoint="change_email")
@login_required
@no_store
def change_email_view() -> str | Response:
    user = db.session.get(User, current_user.id)
    form = ChangeEmailForm()
    if form.validate_on_submit():
        done = run_service(
            lambda: request_email_change(user, form.email.data, form.current_password.data),
            lambda new: f"We sent a link to {new}. Your address changes when you open it; until then it "
                        f"stays {user.email}.",
            on_error=lambda exc: (form.current_password if isinstance(exc, WrongPassword)
                                  else form.email).errors.append(str(exc)),
        )
        if done:
            return redirect(url_for("auth.account"))
    return render_template("auth/change_email.html", form=form, user=user)


@bp.route("/admin/security-log", endpoint="security_log")
@admin_required
@no_store
def security_log_view() -> str:
    """Admins read the security log: newest first, by the email typed or the kind of event."""
    email = request.args.get("email", "", type=str)[:254]
    event = request.args.get("event", "", type=str)[:40]
    if has_control_chars(email):
        email = ""
    return render_template("auth/security_log.html", events=security_log.recent_events(email, event),
                           email=email, event=event, kinds=[e.value for e in security_log.Event])


@bp.route("/account/email/confirm/<token>", endpoint="confirm_email_change")
def confirm_email_change_view(token: str) -> str | Response | tuple[str, int]:
    done = run_service(lambda: confirm_email_change(token),
                       lambda user: f"Your email address is now {user.email}.", on_error=lambda exc: None)
    if not done:
        return _link_problem(done.error)
    return redirect(url_for("auth.account") if current_user.is_authenticated else url_for("auth.login"))

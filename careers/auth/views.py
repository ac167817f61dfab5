"""Login, logout, registration."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from careers.auth.forms import CandidateRegisterForm, EmployerRegisterForm, LoginForm
from careers.auth.models import User
from careers.auth.services import authenticate, register_candidate, register_employer
from careers.extensions import db
from careers.web import run_service

bp = Blueprint("auth", __name__)


def _home_for(user) -> str:
    if user.is_employer:
        return url_for("employers.dashboard")
    if user.is_admin:
        return url_for("admin.queue")
    if user.is_candidate:
        return url_for("applications.mine") if user.profile else url_for("candidates.profile")
    return url_for("jobs.index")


def _safe_next(target: str | None) -> str | None:
    """Only same-site relative paths: no open redirects."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append("Email or password is wrong.")
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            flash("Welcome back.", "success")
            return redirect(_safe_next(request.args.get("next")) or _home_for(user))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("main.home"))


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


@bp.route("/register/<any(coder, employer):kind>", methods=["GET", "POST"])
def register_as(kind: str) -> str | Response:
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    registration = REGISTRATIONS[kind]
    form = registration.form()
    if form.validate_on_submit():
        done = run_service(lambda: registration.create(form), registration.welcome,
                           on_error=lambda exc: form.email.errors.append(str(exc)))
        if done:
            login_user(done.value)
            return redirect(url_for(registration.next_endpoint))
    return render_template("auth/register_form.html", form=form, kind=kind)

"""Login, logout, registration."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from careers.auth.forms import CandidateRegisterForm, EmployerRegisterForm, LoginForm
from careers.auth.services import (
    EmailTaken,
    authenticate,
    register_candidate,
    register_employer,
)
from careers.extensions import db

bp = Blueprint("auth", __name__)


def _home_for(user) -> str:  # noqa: ANN001
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


@bp.route("/register/coder", methods=["GET", "POST"])
def register_coder() -> str | Response:
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = CandidateRegisterForm()
    if form.validate_on_submit():
        try:
            user = register_candidate(form.email.data, form.password.data, form.full_name.data)
        except EmailTaken as exc:
            db.session.rollback()
            form.email.errors.append(str(exc))
        else:
            db.session.commit()
            login_user(user)
            flash("Account created. Now tell employers about your credentials.", "success")
            return redirect(url_for("candidates.profile"))
    return render_template("auth/register_form.html", form=form, kind="coder")


@bp.route("/register/employer", methods=["GET", "POST"])
def register_employer_view() -> str | Response:
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = EmployerRegisterForm()
    if form.validate_on_submit():
        try:
            user = register_employer(
                form.email.data, form.password.data, form.company_name.data, form.your_name.data or ""
            )
        except EmailTaken as exc:
            db.session.rollback()
            form.email.errors.append(str(exc))
        else:
            db.session.commit()
            login_user(user)
            flash("Account created. Complete your company profile before posting.", "success")
            return redirect(url_for("employers.company"))
    return render_template("auth/register_form.html", form=form, kind="employer")

"""Apply, my applications, withdraw."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from careers.applications.forms import ApplyForm, WithdrawForm
from careers.applications.services import (
    AlreadyApplied,
    apply,
    candidate_application,
    candidate_applications,
    has_applied,
    withdraw,
)
from careers.auth.access import candidate_required
from careers.errors import ServiceError
from careers.extensions import db
from careers.jobs.services import get_public_job
from careers.markdown import render_markdown
from careers.web import run_service

bp = Blueprint("applications", __name__)


@bp.route("/jobs/<int:job_id>/apply", methods=["GET", "POST"])
@candidate_required
def apply_view(job_id: int) -> str | Response:
    job = get_public_job(job_id)
    if job is None:
        abort(404)
    if current_user.profile is None:
        flash("Create your profile first, so the employer sees your credentials.", "warning")
        return redirect(url_for("candidates.profile"))
    existing = has_applied(job, current_user)
    if existing is not None:
        flash("You have already applied to this job.", "info")
        return redirect(url_for("applications.detail", application_id=existing.id))
    form = ApplyForm()
    if form.validate_on_submit():
        try:
            application = apply(job, current_user, form.cover_note.data or "")
        except AlreadyApplied as exc:
            db.session.rollback()
            flash(str(exc), "info")
            return redirect(url_for("applications.mine"))
        except ServiceError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"Application sent to {job.employer.name}.", "success")
            return redirect(url_for("applications.detail", application_id=application.id))
    return render_template("applications/apply.html", job=job, form=form,
                           description=render_markdown(job.description_md))


@bp.route("/me/applications")
@candidate_required
def mine() -> str:
    return render_template("applications/mine.html", applications=candidate_applications(current_user))


@bp.route("/me/applications/<int:application_id>")
@candidate_required
def detail(application_id: int) -> str:
    application = candidate_application(application_id, current_user)
    if application is None:
        abort(404)
    return render_template("applications/detail.html", application=application,
                           withdraw_form=WithdrawForm())


@bp.route("/me/applications/<int:application_id>/withdraw", methods=["POST"])
@candidate_required
def withdraw_view(application_id: int) -> Response:
    application = candidate_application(application_id, current_user)
    if application is None:
        abort(404)
    if WithdrawForm().validate_on_submit():
        run_service(lambda: withdraw(application, current_user), "Application withdrawn.", "info")
    return redirect(url_for("applications.detail", application_id=application.id))

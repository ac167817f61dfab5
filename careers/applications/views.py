"""Apply, my applications, withdraw."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from careers.applications.forms import ApplyForm, WithdrawForm
from careers.applications.services import (
    AlreadyApplied,
    NeedsProfile,
    apply,
    candidate_application,
    candidate_applications,
    check_can_apply,
    withdraw,
)
from careers.auth.access import candidate_required
from careers.errors import ServiceError
from careers.jobs.services import get_public_job
from careers.limits import rate_limit
from careers.markdown import render_markdown
from careers.web import run_service

bp = Blueprint("applications", __name__)


def _flash_refusal(exc: ServiceError) -> None:
    flash(str(exc), "info" if isinstance(exc, AlreadyApplied) else "error")


@bp.route("/jobs/<int:job_id>/apply", methods=["GET", "POST"])
@rate_limit("apply")
@candidate_required
def apply_view(job_id: int) -> str | Response:
    job = get_public_job(job_id)
    if job is None:
        abort(404)
    try:
        check_can_apply(job, current_user)
    except NeedsProfile:
        flash("Create your profile first, so the employer sees your credentials.", "warning")
        return redirect(url_for("candidates.profile"))
    except AlreadyApplied as exc:
        flash(str(exc), "info")
        return redirect(url_for("applications.detail", application_id=exc.application.id))
    form = ApplyForm()
    if form.validate_on_submit():
        done = run_service(lambda: apply(job, current_user, form.cover_note.data or ""),
                           f"Application sent to {job.employer.name}.", on_error=_flash_refusal)
        if done:
            return redirect(url_for("applications.detail", application_id=done.value.id))
        if isinstance(done.error, AlreadyApplied):  # a double submit that raced the check above
            return redirect(url_for("applications.mine"))
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

"""Employer dashboard, company profile, applicants per posting and pipeline moves."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from careers.applications.forms import MoveForm
from careers.applications.services import (
    applicant_counts,
    employer_application,
    job_applicants,
    move,
    next_statuses,
)
from careers.auth.access import employer_required
from careers.employers.forms import CompanyForm
from careers.employers.services import CompanyInput, update_company
from careers.jobs.services import employer_job, employer_jobs
from careers.taxonomy import JobStatus
from careers.web import run_service

bp = Blueprint("employers", __name__, url_prefix="/employer")


@bp.route("/")
@employer_required
def dashboard() -> str:
    jobs = employer_jobs(current_user)
    counts = applicant_counts([j.id for j in jobs])
    return render_template(
        "employers/dashboard.html", employer=current_user.employer, jobs=jobs, counts=counts,
        JobStatus=JobStatus,
    )


@bp.route("/company", methods=["GET", "POST"])
@employer_required
def company() -> str | Response:
    employer = current_user.employer
    form = CompanyForm(obj=None if request.method == "POST" else employer)
    if form.validate_on_submit():
        done = run_service(lambda: update_company(employer, CompanyInput(
            name=form.name.data, kind=form.kind.data, website=form.website.data or "",
            hq_city=form.hq_city.data, hq_state=form.hq_state.data, about=form.about.data,
        )), "Company profile saved.")
        if done:
            return redirect(url_for("employers.dashboard"))
    if form.is_submitted() and form.errors:
        flash("Some fields need attention; nothing was saved yet.", "error")
    return render_template("employers/company.html", form=form)


@bp.route("/jobs/<int:job_id>/applicants")
@employer_required
def applicants(job_id: int) -> str:
    job = employer_job(job_id, current_user)
    if job is None:
        abort(404)
    apps = job_applicants(job)
    return render_template(
        "employers/applicants.html", job=job, applications=apps,
        moves={a.id: next_statuses(a) for a in apps}, move_form=MoveForm(),
    )


@bp.route("/applications/<int:application_id>/move", methods=["POST"])
@employer_required
def move_application(application_id: int) -> Response:
    application = employer_application(application_id, current_user)
    if application is None:
        abort(404)
    form = MoveForm()
    if form.validate_on_submit():
        run_service(lambda: move(application, form.to_status.data, current_user),
                    lambda: f"{application.candidate.display_name}: {application.status_label}.")
    else:
        flash("That move is not possible.", "error")
    return redirect(url_for("employers.applicants", job_id=application.job_id) + f"#app-{application.id}")

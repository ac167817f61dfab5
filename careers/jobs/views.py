"""Public job list and job pages; employers' create, edit, preview, submit and close."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from careers.applications.forms import ApplyForm
from careers.applications.services import application_for
from careers.auth.access import employer_required
from careers.jobs.forms import CloseJobForm, JobForm, SubmitForReviewForm
from careers.jobs.services import (
    close_job,
    create_job,
    employer_job,
    get_public_job,
    job_input_from,
    submit_for_review,
    update_job,
)
from careers.markdown import render_markdown
from careers.search.filters import BY_PARAM, SORTS_TABLE, iter_panel_groups
from careers.search.params import PARAM_LABELS, parse_lenient
from careers.search.service import search_jobs
from careers.web import run_service

bp = Blueprint("jobs", __name__)


@bp.route("/jobs")
def index() -> str:
    params, problems = parse_lenient(request.args, current_app.config["JOBS_PER_PAGE"])
    result = search_jobs(params)
    panel = list(iter_panel_groups(result.facets, result.query.values))
    return render_template("jobs/index.html", params=params, result=result, problems=problems,
                           panel=panel, sorts=SORTS_TABLE, param_labels=PARAM_LABELS, filters=BY_PARAM)


@bp.route("/jobs/<int:job_id>")
@bp.route("/jobs/<int:job_id>/<slug>")
def show(job_id: int, slug: str | None = None) -> str | Response:
    job = get_public_job(job_id)
    if job is None:
        abort(404)
    if slug != job.slug:
        return redirect(url_for("jobs.show", job_id=job.id, slug=job.slug), 301)
    application = None
    if current_user.is_authenticated and current_user.is_candidate:
        application = application_for(job, current_user)
    return render_template(
        "jobs/show.html", job=job, description=render_markdown(job.description_md),
        application=application, apply_form=ApplyForm(),
    )


# -- employer side -----------------------------------------------------------------------------


def _own_job_or_404(job_id: int):
    job = employer_job(job_id, current_user)
    if job is None:
        abort(404)  # never 403: another company's job must look like no job at all
    return job


@bp.route("/employer/jobs/new", methods=["GET", "POST"])
@employer_required
def new() -> str | Response:
    if not current_user.employer.profile_complete:
        flash("Complete your company profile first: coders want to know who is hiring.", "warning")
        return redirect(url_for("employers.company"))
    form = JobForm()
    if form.validate_on_submit():
        done = run_service(lambda: create_job(current_user, form.to_input()),
                           "Draft saved. Check the preview, then submit it for review." if form.preview.data
                           else lambda job: f"Draft “{job.title}” saved. Open it from your dashboard to preview "
                                            "and submit.")
        if done:
            if form.preview.data:
                return redirect(url_for("jobs.manage", job_id=done.value.id))
            return redirect(url_for("employers.dashboard"))
    if form.is_submitted() and form.errors:
        flash("Some fields need attention; nothing was saved yet.", "error")
    return render_template("jobs/form.html", form=form, job=None)


@bp.route("/employer/jobs/<int:job_id>/edit", methods=["GET", "POST"])
@employer_required
def edit(job_id: int) -> str | Response:
    job = _own_job_or_404(job_id)
    if not job.is_editable:
        flash("This job can no longer be edited.", "warning")
        return redirect(url_for("jobs.manage", job_id=job.id))
    form = JobForm(data=None if request.method == "POST" else vars(job_input_from(job)))
    if form.validate_on_submit():
        done = run_service(lambda: update_job(job, form.to_input(), by=current_user),
                           lambda edited: "Changes saved and sent to review; the job is back on the board once "
                                          "approved." if edited.back_in_review else "Changes saved.")
        if done:
            if form.preview.data:
                return redirect(url_for("jobs.manage", job_id=job.id))
            return redirect(url_for("employers.dashboard"))
    if form.is_submitted() and form.errors:
        flash("Some fields need attention; your changes are not saved yet.", "error")
    return render_template("jobs/form.html", form=form, job=job)


@bp.route("/employer/jobs/<int:job_id>")
@employer_required
def manage(job_id: int) -> str:
    job = _own_job_or_404(job_id)
    return render_template(
        "jobs/manage.html", job=job, description=render_markdown(job.description_md),
        submit_form=SubmitForReviewForm(), close_form=CloseJobForm(),
    )


@bp.route("/employer/jobs/<int:job_id>/submit", methods=["POST"])
@employer_required
def submit(job_id: int) -> Response:
    job = _own_job_or_404(job_id)
    if SubmitForReviewForm().validate_on_submit():
        run_service(lambda: submit_for_review(job, current_user),
                    "Submitted. Our team reviews postings within one business day.")
    else:
        flash("The form expired; please try again.", "error")
    return redirect(url_for("jobs.manage", job_id=job.id))


@bp.route("/employer/jobs/<int:job_id>/close", methods=["POST"])
@employer_required
def close(job_id: int) -> Response:
    job = _own_job_or_404(job_id)
    if CloseJobForm().validate_on_submit():
        run_service(lambda: close_job(job, current_user), "Marked as filled; the posting is off the board.")
    else:
        flash("The form expired; please try again.", "error")
    return redirect(url_for("jobs.manage", job_id=job.id))

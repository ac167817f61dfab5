"""Review queue: approve or reject postings."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from careers.auth.access import admin_required
from careers.extensions import db
from careers.jobs.forms import ReviewForm
from careers.jobs.models import Job
from careers.jobs.services import approve_job, reject_job, review_queue
from careers.markdown import render_markdown
from careers.web import run_service

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@admin_required
def queue() -> str:
    return render_template("admin/queue.html", jobs=review_queue())


@bp.route("/jobs/<int:job_id>", methods=["GET", "POST"])
@admin_required
def review(job_id: int) -> str | Response:
    job = db.session.get(Job, job_id)
    if job is None:
        abort(404)
    form = ReviewForm()
    if form.validate_on_submit():
        if form.approve.data:
            done = run_service(lambda: approve_job(job, current_user), "Approved and published.")
        elif form.reject.data:
            done = run_service(lambda: reject_job(job, current_user, form.reason.data or ""),
                               "Rejected; the employer sees your reason.")
        else:
            abort(400)
        if done:
            return redirect(url_for("admin.queue"))
    return render_template("admin/review.html", job=job, form=form,
                           description=render_markdown(job.description_md))

"""Home page and health check."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select, text

from careers.extensions import db
from careers.jobs.models import Job
from careers.jobs.services import JobFilters, list_jobs, visible_jobs
from careers.taxonomy import Specialty, WorkMode

bp = Blueprint("main", __name__)


@bp.route("/")
def home() -> str:
    newest = list_jobs(JobFilters(), 1, 6)
    open_jobs = newest.total
    remote_jobs = visible_jobs().where(Job.work_mode == WorkMode.REMOTE.value).subquery()
    remote = db.session.scalar(select(func.count()).select_from(remote_jobs)) if open_jobs else 0
    return render_template("main/home.html", newest=newest.items, open_jobs=open_jobs, remote=remote,
                           specialties=Specialty)


@bp.route("/healthz")
def health() -> tuple[dict[str, str], int]:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - a health check reports, it does not raise
        return {"status": "error", "database": "down"}, 503
    return {"status": "ok", "database": "up"}, 200

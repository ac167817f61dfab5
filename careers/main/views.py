"""Home page and health check."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import text

from careers.extensions import db
from careers.search.params import SearchParams
from careers.search.service import search_jobs
from careers.taxonomy import Specialty, WorkMode

bp = Blueprint("main", __name__)


@bp.route("/")
def home() -> str:
    newest = search_jobs(SearchParams(sort="newest", per_page=6))
    remote = newest.facets.get("work_mode", {}).get(WorkMode.REMOTE.value, 0)
    return render_template("main/home.html", newest=newest.hits, open_jobs=newest.total, remote=remote,
                           specialties=Specialty)


@bp.route("/healthz")
def health() -> tuple[dict[str, str], int]:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        return {"status": "error", "database": "down"}, 503
    return {"status": "ok", "database": "up"}, 200

"""/specialties, /specialties/<slug>, /codes, /codes/<code>."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from careers.codepages.services import code_page, specialty_counts, specialty_overview
from careers.taxonomy import Specialty
from careers.taxonomy.codes import resolve

bp = Blueprint("codes", __name__)


@bp.route("/specialties")
def specialties() -> str:
    counts, degraded = specialty_counts()
    return render_template("codes/specialties.html", specialties=list(Specialty), counts=counts, degraded=degraded)


@bp.route("/specialties/<slug>")
def specialty(slug: str) -> str:
    overview = specialty_overview(slug)
    if overview is None:
        abort(404)
    return render_template("codes/specialty.html", o=overview)


@bp.route("/codes")
def lookup() -> str | Response:
    """The header's code box: a code goes to its page; anything else gets a clear message here."""
    text = (request.args.get("code") or "").strip()[:100]
    if not text:
        return render_template("codes/lookup.html", text="", message=None), 200
    resolution = resolve(text)
    if resolution.ok:
        return redirect(url_for("codes.code", code=resolution.code))
    return render_template("codes/lookup.html", text=text, message=resolution.message), 404


@bp.route("/codes/<code>")
def code(code: str) -> str | Response:
    page = code_page(code[:100])
    r = page.resolution
    if not r.ok:
        return render_template("codes/lookup.html", text=code[:100], message=r.message), 404
    if r.code != code:
        return redirect(url_for("codes.code", code=r.code), 301)
    if r.valid is False:
        flash(f"{r.code} is not in the ICD-10-CM tabular; showing the category it would belong to.", "warning")
    return render_template("codes/code.html", page=page, r=r)

"""GET /api/v1/jobs: the search page's parameters, answered as JSON."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from werkzeug.wrappers import Response

from careers.extensions import csrf
from careers.search.params import ParamError, parse
from careers.search.service import search_jobs

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.route("/jobs")
def jobs() -> Response | tuple[Response, int]:
    try:
        params = parse(request.args, current_app.config["JOBS_PER_PAGE"])
    except ParamError as exc:
        return jsonify({"error": f"Bad search parameters: {exc}", "errors": exc.errors}), 400
    result = search_jobs(params)
    hits = []
    for hit in result.hits:
        item = {k: v for k, v in hit.items() if k != "title_html"}
        item["highlight"] = {"title": str(hit["title_html"])}
        hits.append(item)
    return jsonify({
        "total": result.total,
        "total_capped": result.total_capped,
        "page": result.page,
        "per_page": result.per_page,
        "hits": hits,
        "facets": result.facets,
        "degraded": result.degraded,
    })


@bp.route("/codes/<path:code>")
def code(code: str) -> tuple[Response, int] | Response:
    from careers.codes.services import open_jobs_for
    from careers.taxonomy.codes import resolve

    resolution = resolve(code[:100])
    if not resolution.ok:
        return jsonify({"error": resolution.message}), 404
    body = resolution.to_dict()
    body["open_jobs"] = open_jobs_for(list(resolution.specialties))
    return jsonify(body)


@bp.route("/specialties")
def specialties() -> Response:
    from careers.codes.services import specialty_counts
    from careers.taxonomy import Specialty
    from careers.taxonomy.codes import categories_for_specialty

    counts, degraded = specialty_counts()
    return jsonify({
        "degraded": degraded,
        "specialties": [
            {"slug": s.value, "label": s.label, "open_jobs": counts.get(s.value, 0),
             "categories": [{"code_set": str(c.code_set), "name": c.name, "range": c.range}
                            for c in categories_for_specialty(s.value)]}
            for s in Specialty
        ],
    })


@bp.errorhandler(404)
@bp.errorhandler(405)
def api_error(error) -> tuple[Response, int]:  # noqa: ANN001
    return jsonify({"error": error.description}), error.code

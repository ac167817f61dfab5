"""GET /api/v1/jobs: the search page's parameters, answered as JSON."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for
from werkzeug.wrappers import Response

from careers.api.errors import api_error_response
from careers.extensions import csrf
from careers.limits import rate_limit
from careers.search.params import ParamError, SearchParams, parse
from careers.search.service import search_jobs
from careers.taxonomy.codes import Resolution

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
rate_limit("api")(bp)  # every API request counts against its address


def code_summary(resolution: Resolution, query: SearchParams | None) -> dict[str, Any]:
    """The code card's facts for the API: the code, its set and category, and the specialties searched."""
    category = resolution.subcategory or resolution.category
    return {
        "code": resolution.code,
        "code_set": str(resolution.code_set) if resolution.code_set else None,
        "category": category.name if category else None,
        "specialties": list(resolution.specialties),
        "searched_specialties": list(query.specialty) if query else [],
        "url": url_for("codes.code", code=resolution.code),
    }


@bp.route("/jobs")
def jobs() -> Response | tuple[Response, int]:
    try:
        params = parse(request.args, current_app.config["JOBS_PER_PAGE"])
    except ParamError as exc:
        return api_error_response(400, f"Bad search parameters: {exc}", "bad_parameters", fields=exc.errors)
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
        # A code typed as q searches its specialties, as on /jobs; this says which code and how.
        "code": code_summary(result.code, result.query) if result.code else None,
    })


@bp.route("/codes/<path:code>")
def code(code: str) -> tuple[Response, int] | Response:
    from careers.codepages.services import open_jobs_for
    from careers.taxonomy.codes import resolve

    resolution = resolve(code[:100])
    if not resolution.ok:
        return api_error_response(404, resolution.message, "unknown_code")
    body = resolution.to_dict()
    body["open_jobs"] = open_jobs_for(list(resolution.specialties))
    return jsonify(body)


@bp.route("/specialties")
def specialties() -> Response:
    from careers.codepages.services import specialty_counts
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

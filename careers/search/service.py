"""search_jobs(params): Meilisearch first, the SQL fallback when the engine is down or slow."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask import url_for
from markupsafe import Markup, escape

from careers.common import slugify
from careers.extensions import search
from careers.search.documents import job_document
from careers.search.engine import ENGINE_ERRORS, SearchUnavailable
from careers.search.fallback import search_sql
from careers.search.params import SearchParams
from careers.search.query import MARK_END, MARK_START, build_queries
from careers.search.settings import MAX_TOTAL_HITS


@dataclass
class SearchResult:
    hits: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    degraded: bool = False
    total_capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, MAX_TOTAL_HITS) // self.per_page))


def _highlight(formatted: str) -> Markup:
    """Escape the engine's text first, then turn our private markers into <mark>."""
    return Markup(
        str(escape(formatted)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )  # noqa: S704 - escaped above; only our markers become tags


def _hit(doc: dict[str, Any], title_html: Markup) -> dict[str, Any]:
    posted = doc.get("posted_at") or 0
    return {
        "id": doc["id"],
        "title": doc["title"],
        "title_html": title_html,
        "employer": doc["employer"],
        "url": url_for("jobs.show", job_id=doc["id"], slug=slugify(doc["title"]), _external=False),
        "specialties": doc.get("specialties", []),
        "credentials": doc.get("credentials", []),
        "code_sets": doc.get("code_sets", []),
        "setting": doc.get("setting"),
        "work_mode": doc.get("work_mode"),
        "remote_states": doc.get("remote_states", []),
        "state": doc.get("state"),
        "city": doc.get("city"),
        "employment_type": doc.get("employment_type"),
        "experience": doc.get("experience"),
        "apprentice": doc.get("apprentice", False),
        "pay_min": doc.get("pay_min_amount"),
        "pay_max": doc.get("pay_max_amount"),
        "pay_min_annual": doc.get("pay_min"),
        "pay_max_annual": doc.get("pay_max"),
        "pay_period": doc.get("pay_period"),
        "posted_at": datetime.fromtimestamp(posted, UTC).isoformat() if posted else None,
        "featured": doc.get("featured", False),
    }


def _engine_search(p: SearchParams) -> SearchResult:
    client = search.search_client()
    queries = build_queries(p, search.index_uid)
    results = client.multi_search(queries)["results"]
    main = results[0]
    facets: dict[str, dict[str, int]] = dict(main.get("facetDistribution") or {})
    for extra in results[1:]:
        facets.update(extra.get("facetDistribution") or {})
    hits = [_hit(h, _highlight(h.get("_formatted", {}).get("title", h["title"]))) for h in main["hits"]]
    total = main.get("totalHits", 0)
    return SearchResult(hits, total, p.page, p.per_page, facets, degraded=False,
                        total_capped=total >= MAX_TOTAL_HITS)


def _fallback_search(p: SearchParams) -> SearchResult:
    jobs, total, facets = search_sql(p)
    hits = [_hit(job_document(j), escape(j.title)) for j in jobs]
    return SearchResult(hits, total, p.page, p.per_page, facets, degraded=True)


def search_jobs(p: SearchParams) -> SearchResult:
    """Search published jobs; never fails because the engine does (degraded=True then)."""
    if search.available():
        try:
            return _engine_search(p)
        except SearchUnavailable:
            pass
        except ENGINE_ERRORS as exc:
            search.trip(exc)
    return _fallback_search(p)


"""search_jobs(params): Meilisearch first, the SQL fallback when the engine is down or slow."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from careers.extensions import search
from careers.jobs.cards import card_from_document
from careers.search.documents import job_document
from careers.search.engine import ENGINE_ERRORS, SearchUnavailable
from careers.search.fallback import search_sql
from careers.search.params import MAX_PAGE, SearchParams
from careers.search.query import MARK_END, MARK_START, build_queries
from careers.search.settings import MAX_TOTAL_HITS
from careers.taxonomy.codes import Resolution, looks_like_code, resolve


@dataclass
class SearchResult:
    hits: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    degraded: bool = False
    total_capped: bool = False
    code: Resolution | None = None  # the code typed as the keyword, when the search ran on its specialties
    query: SearchParams | None = None  # the search that ran (differs from the asked one for a code)

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-min(self.total, MAX_TOTAL_HITS) // self.per_page)))


def _highlight(formatted: str) -> Markup:
    """Escape the engine's text first, then turn our private markers into <mark>."""
    return Markup(
        str(escape(formatted)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def _engine_search(p: SearchParams) -> SearchResult:
    client = search.search_client()
    queries = build_queries(p, search.index_uid)
    results = client.multi_search(queries)["results"]
    main = results[0]
    facets: dict[str, dict[str, int]] = dict(main.get("facetDistribution") or {})
    for extra in results[1:]:
        facets.update(extra.get("facetDistribution") or {})
    hits = [card_from_document(h, _highlight(h.get("_formatted", {}).get("title", h["title"]))) for h in main["hits"]]
    total = main.get("totalHits", 0)
    return SearchResult(hits, total, p.page, p.per_page, facets, degraded=False,
                        total_capped=total >= MAX_TOTAL_HITS)


def _fallback_search(p: SearchParams) -> SearchResult:
    jobs, total, facets = search_sql(p)
    hits = [card_from_document(job_document(j), escape(j.title)) for j in jobs]
    return SearchResult(hits, total, p.page, p.per_page, facets, degraded=True)


def code_search(p: SearchParams) -> tuple[SearchParams, Resolution | None]:
    """A keyword that is a code (88305, 0856T, C50.911) is no word in job text: search the code's
    specialties instead (those the user chose win) and return the resolution to show its card."""
    # Every code has a digit; without one, "charges" or "general" (the shape of an ICD-10-PCS code) is a word.
    if not p.q or not any(c.isdigit() for c in p.q) or not looks_like_code(p.q):
        return p, None
    resolution = resolve(p.q)
    if not (resolution.ok and resolution.specialties):
        return p, None
    return p.replace(q="", specialty=p.specialty or list(resolution.specialties)), resolution


def search_jobs(p: SearchParams, *, codes: bool = True) -> SearchResult:
    """Search published jobs; never fails because the engine does (degraded=True then).

    With `codes`, a keyword that is a code searches its specialties (`code_search`).
    """
    query, code = code_search(p) if codes else (p, None)
    result = _search(query)
    result.code, result.query = code, query
    return result


def _search(p: SearchParams) -> SearchResult:
    if search.available():
        try:
            return _engine_search(p)
        except SearchUnavailable:
            pass
        except ENGINE_ERRORS as exc:
            search.trip(exc)
    return _fallback_search(p)

"""Meilisearch queries from validated SearchParams: filters, disjunctive facets, sort, highlight.

Each filter kind of `filters.py` has one engine expression here; the SQL fallback has the same
kinds in `fallback.py`.
"""

from __future__ import annotations

import time
from typing import Any

from careers.search.filters import BROWSE_ORDER, FACETS, SECONDS_PER_DAY, SORT_BY_NAME, TIE_BREAK, Filter, Kind
from careers.search.params import SearchParams

MARK_START, MARK_END = "\u0002", "\u0003"  # control characters never allowed in titles (forms refuse them)
METERS_PER_MILE = 1609.344
MATCHING_STRATEGY = "all"

__all__ = ["MARK_END", "MARK_START", "SECONDS_PER_DAY", "build_queries", "filter_groups", "quote", "sort_rules"]


def quote(value: str) -> str:
    """A filter value as a double-quoted, escaped Meilisearch string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _expression(f: Filter, p: SearchParams, now: float) -> str:
    value = p.selected(f.param)
    if f.kind in (Kind.ANY_OF, Kind.HIRES_IN):  # hires_in holds the states a job is open to (documents.py)
        return f"{f.attr} IN [{', '.join(quote(v) for v in value)}]"
    if f.kind is Kind.FLAG:
        return f"{f.attr} = true"
    if f.kind is Kind.AT_LEAST:
        return f"{f.attr} >= {int(value)}"
    if f.kind is Kind.SINCE:
        return f"{f.attr} >= {int(now - value * SECONDS_PER_DAY)}"
    if f.kind is Kind.WITHIN:
        lat, lng = p.origin
        return f"_geoRadius({lat:.5f}, {lng:.5f}, {int(p.radius * METERS_PER_MILE)})"
    raise NotImplementedError(f.kind)  # pragma: no cover - a new kind must say how it filters


def filter_groups(p: SearchParams, now: float | None = None) -> dict[str, str]:
    """One filter expression per active filter, keyed by the facet attribute it narrows."""
    now = time.time() if now is None else now
    return {f.attr: _expression(f, p, now) for f in p.active()
            if f.kind is not Kind.WITHIN or p.origin is not None}


def sort_rules(p: SearchParams) -> list[str] | None:
    """Sort rules, ending in the id tie-break so an order is the same on the engine and in SQL."""
    sort = SORT_BY_NAME[p.sort]
    if sort.needs_origin:
        if p.origin is None:
            return None
        lat, lng = p.origin
        return [f"_geoPoint({lat:.5f}, {lng:.5f}):asc", TIE_BREAK]
    if sort.engine:
        return [*sort.engine, TIE_BREAK]
    if not p.q:  # relevance without a keyword: featured first, then newest
        return [*BROWSE_ORDER, TIE_BREAK]
    return None


def build_queries(p: SearchParams, index_uid: str, now: float | None = None) -> list[dict[str, Any]]:
    """The main query plus one facet-only query per active facet filter (disjunctive counts)."""
    groups = filter_groups(p, now)
    main: dict[str, Any] = {
        "indexUid": index_uid,
        "q": p.q,
        # Every word must match: "remote coder" counts the jobs that are both, as the page's total and
        # facet counts say (Meilisearch's default, "last", drops words from the end to fill the page).
        "matchingStrategy": MATCHING_STRATEGY,
        "filter": list(groups.values()),
        "facets": FACETS,
        "page": p.page,
        "hitsPerPage": p.per_page,
        "attributesToHighlight": ["title"],
        "highlightPreTag": MARK_START,
        "highlightPostTag": MARK_END,
    }
    if rules := sort_rules(p):
        main["sort"] = rules
    queries = [main]
    for attr in groups:
        if attr in FACETS:
            others = [expr for key, expr in groups.items() if key != attr]
            queries.append({"indexUid": index_uid, "q": p.q, "matchingStrategy": MATCHING_STRATEGY,
                            "filter": others, "facets": [attr], "page": 1, "hitsPerPage": 0})
    return queries

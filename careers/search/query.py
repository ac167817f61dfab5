"""Meilisearch queries from validated SearchParams: filters, disjunctive facets, sort, highlight."""

from __future__ import annotations

import time
from typing import Any

from careers.search.params import MULTI, SearchParams

FACETS = ["specialties", "credentials", "code_sets", "setting", "work_mode", "state", "employment_type",
          "experience", "apprentice"]
MARK_START, MARK_END = "\u0002", "\u0003"  # control characters never allowed in titles (forms refuse them)
SECONDS_PER_DAY = 86_400


def quote(value: str) -> str:
    """A filter value as a double-quoted, escaped Meilisearch string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def filter_groups(p: SearchParams, now: float | None = None) -> dict[str, str]:
    """One filter expression per parameter, keyed by the facet attribute it narrows."""
    groups: dict[str, str] = {}
    for name, (attr, _allowed, _label) in MULTI.items():
        values = p.selected(name)
        if not values:
            continue
        listed = "[" + ", ".join(quote(v) for v in values) + "]"
        if name == "state":
            # On-site/hybrid jobs in the state, and remote jobs open to its residents.
            groups[attr] = f"(state IN {listed} OR remote_states IN {listed} OR remote_anywhere = true)"
        else:
            groups[attr] = f"{attr} IN {listed}"
    if p.apprentice:
        groups["apprentice"] = "apprentice = true"
    if p.pay_min is not None:
        groups["pay"] = f"pay_max >= {int(p.pay_min)}"
    if p.posted_within:
        since = int((now or time.time()) - p.posted_within * SECONDS_PER_DAY)
        groups["posted_at"] = f"posted_at >= {since}"
    if p.origin is not None:
        lat, lng = p.origin
        groups["_geo"] = f"_geoRadius({lat:.5f}, {lng:.5f}, {int(p.radius * 1609.344)})"
    return groups


def sort_rules(p: SearchParams) -> list[str] | None:
    if p.sort == "newest" or (p.sort == "relevance" and not p.q):
        return ["featured:desc", "posted_at:desc"] if p.sort == "relevance" else ["posted_at:desc"]
    if p.sort == "pay":
        return ["pay_max:desc", "posted_at:desc"]
    if p.sort == "distance" and p.origin is not None:
        lat, lng = p.origin
        return [f"_geoPoint({lat:.5f}, {lng:.5f}):asc"]
    return None


def build_queries(p: SearchParams, index_uid: str, now: float | None = None) -> list[dict[str, Any]]:
    """The main query plus one facet-only query per active facet filter (disjunctive counts)."""
    groups = filter_groups(p, now)
    main: dict[str, Any] = {
        "indexUid": index_uid,
        "q": p.q,
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
            queries.append({"indexUid": index_uid, "q": p.q, "filter": others, "facets": [attr],
                            "page": 1, "hitsPerPage": 0})
    return queries

"""Index settings for `jobs`, versioned: they are applied once per version, before documents."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from careers.search.filters import SORTABLE_ATTRS, filterable_attrs, range_attrs
from careers.taxonomy import Credential

# Attributes a filter may use, derived from the filter table; the API and the page only ever build
# filters from these.
FILTERABLE = filterable_attrs()
# These compare by range (>=, <=); every other filterable attribute is a category that only
# needs equality (=, IN). Saying so spares Meilisearch the range structures for categories; over three
# rounds of 100k jobs: indexing 20.5 -> 19.8 s, a one-document update p50 678 -> 621 ms, query p50
# 10.0 -> 9.0 ms (bench/search_settings.py, bench/README.md). Small, but free.
RANGE_FILTERABLE = range_attrs()
SORTABLE = list(SORTABLE_ATTRS)
# Title first: a coder typing "pathology coder" means the title, then the specialty, then the rest.
SEARCHABLE = [
    "title", "specialty_labels", "credentials", "preferred_credentials", "employer", "code_set_labels",
    "setting_label", "city", "state_name", "description",
]
DISPLAYED = [
    "id", "title", "employer", "employer_id", "specialties", "credentials", "preferred_credentials",
    "code_sets", "setting", "work_mode", "remote_states", "state", "city", "employment_type", "experience",
    "apprentice", "pay_min", "pay_max", "pay_min_amount", "pay_max_amount", "pay_period", "posted_at",
    "featured", "_geo",
]
# Totals are exact up to this many hits (Meilisearch's maxTotalHits); above it the page says "10,000+".
MAX_TOTAL_HITS = 10_000


def _synonyms() -> dict[str, list[str]]:
    groups = [
        ["e/m", "e&m", "em", "evaluation and management", "evaluation & management"],
        ["hcc", "risk adjustment", "cms-hcc"],
        ["ir", "interventional radiology"],
        ["ed", "er", "emergency department", "emergency room"],
        ["cdi", "clinical documentation integrity", "clinical documentation improvement"],
        ["pro fee", "profee", "professional fee", "pro-fee"],
        ["path", "pathology"],
        ["remote", "work from home", "wfh", "telecommute"],
        ["ob/gyn", "obgyn", "obstetrics", "gynecology"],
        ["ent", "otolaryngology"],
        ["drg", "ms-drg", "inpatient"],
        ["asc", "ambulatory surgery center"],
        ["dme", "durable medical equipment"],
        ["heme/onc", "hematology oncology", "oncology"],
    ]
    for cred in Credential:
        full = cred.label.split(" – ", 1)[1].rsplit(" (", 1)[0].lower()
        groups.append([cred.value.lower(), full])
    table: dict[str, list[str]] = {}
    for group in groups:
        for word in group:
            table.setdefault(word, [])
            table[word] += [w for w in group if w != word and w not in table[word]]
    return table


def filterable_attributes(facet_search: bool = False, equality_only: bool = True) -> list[Any]:
    """FILTERABLE with Meilisearch's per-attribute features: categories filter by equality only."""
    if not equality_only:
        return list(FILTERABLE)
    categories = [a for a in FILTERABLE if a not in RANGE_FILTERABLE and a != "_geo"]
    return [
        {"attributePatterns": categories,
         "features": {"facetSearch": facet_search, "filter": {"equality": True, "comparison": False}}},
        {"attributePatterns": RANGE_FILTERABLE,
         "features": {"facetSearch": False, "filter": {"equality": True, "comparison": True}}},
        "_geo",  # _geoRadius is refused when _geo comes with a features object (Meilisearch 1.21)
    ]


def index_settings(
    proximity_precision: str = "byAttribute", facet_search: bool = False, equality_only: bool = True
) -> dict[str, Any]:
    """The settings object for the jobs index (chosen by bench/search_settings.py figures)."""
    return {
        "searchableAttributes": SEARCHABLE,
        "filterableAttributes": filterable_attributes(facet_search, equality_only),
        "sortableAttributes": SORTABLE,
        "displayedAttributes": DISPLAYED,
        "rankingRules": ["words", "typo", "proximity", "attribute", "sort", "exactness"],
        "synonyms": _synonyms(),
        "typoTolerance": {
            "enabled": True,
            # 0858T must not match 0856T, CPC must not match CPB.
            "disableOnAttributes": ["credentials", "preferred_credentials"],
            "disableOnNumbers": True,
            # One typo from 6 letters, not Meilisearch's 5: in this trade 5-letter words one letter apart
            # are different words ("coder" matched "codes" and "coded", so nearly every posting), and
            # the SQL fallback, which forgives no typo, then disagreed on a third of "coder" results.
            "minWordSizeForTypos": {"oneTypo": 6, "twoTypos": 9},
        },
        "pagination": {"maxTotalHits": MAX_TOTAL_HITS},
        "faceting": {"maxValuesPerFacet": 100, "sortFacetValuesBy": {"*": "count"}},
        "proximityPrecision": proximity_precision,
        "facetSearch": facet_search,
    }


SETTINGS = index_settings()
SETTINGS_VERSION = hashlib.sha256(json.dumps(SETTINGS, sort_keys=True).encode()).hexdigest()[:16]

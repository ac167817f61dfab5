"""The engine and the SQL fallback give the same answers on the same board.

One demo board of 300 published jobs (plus closed, draft and review ones that neither side may list)
is indexed, then 30 searches run on Meilisearch and on SQL. Without a keyword the totals, every facet
count (disjunctive on both sides) and, where the order is defined (newest, pay, distance, and browsing
without a keyword: featured then newest), the ids of the first page are equal. With a keyword, where
word matching differs by design (fallback.py says how SQL matches words), every facet group is filled on
both sides and the totals are within 10%.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from flask import current_app
from werkzeug.datastructures import MultiDict

from careers.demo.seed import seed_board
from careers.extensions import search
from careers.search import sync
from careers.search.filters import FACETS, FILTERS, Kind
from careers.search.params import parse
from careers.search.service import search_jobs
from tests.conftest import wait_for_index

# Every filter, combinations, radius, every sort; none with a keyword.
EXACT = [
    "",
    "specialty=pathology",
    "specialty=pathology&specialty=radiology",
    "credential=CPC",
    "credential=CCS&credential=CRC&specialty=inpatient-coding",
    "code_set=icd-10-pcs",
    "code_set=cpt&code_set=hcpcs&work_mode=remote",
    "setting=inpatient&setting=payer",
    "work_mode=remote",
    "work_mode=hybrid&work_mode=on-site&state=OH",
    "state=TX",
    "state=CA&state=NY&specialty=risk-adjustment",
    "employment_type=contract&employment_type=part-time",
    "experience=entry&apprentice=1",
    "apprentice=1",
    "pay_min=60000",
    "pay_min=60000&sort=pay",
    "posted_within=7",
    "posted_within=30&specialty=evaluation-management&sort=newest",
    "near=43215&radius=250",
    "near=10001&radius=100&sort=distance",
    "near=60601&radius=500&work_mode=on-site&sort=distance",
    "sort=newest",
    "sort=pay",
    "sort=pay&page=2",
    "specialty=pathology&credential=CPC&work_mode=remote&state=OH&pay_min=40000&sort=newest",
]
# With a keyword: matching differs by design.
KEYWORD = ["q=coder", "q=pathology", "q=remote coder&state=TX", "q=CPC&sort=newest"]
assert len(EXACT) + len(KEYWORD) == 30


@pytest.fixture()
def demo_board(db):
    seed_board(db.session, jobs=300, progress=False, candidates=20)
    db.session.commit()
    sync.reindex()
    wait_for_index()


def _both(app, query: str):
    with current_app.test_request_context():
        engine = search_jobs(parse(MultiDict(parse_qsl(query))))
    search.trip(RuntimeError("test: engine marked down"))
    app.extensions["search"].down_until = float("inf")
    try:
        with current_app.test_request_context():
            sql = search_jobs(parse(MultiDict(parse_qsl(query))))
    finally:
        search.reset()
    assert not engine.degraded and sql.degraded
    return engine, sql


def _ordered(query: str) -> bool:
    """Searches whose order is defined on both sides (all of them without a keyword)."""
    return "q=" not in query


def test_engine_and_fallback_agree_without_keyword(app, demo_board):
    problems: list[str] = []
    for query in EXACT:
        engine, sql = _both(app, query)
        if engine.total != sql.total:
            problems.append(f"{query!r}: total engine {engine.total} != sql {sql.total}")
        for attr in FACETS:
            e, s = engine.facets.get(attr, {}), sql.facets.get(attr, {})
            if e != s:
                diff = {k: (e.get(k), s.get(k)) for k in set(e) | set(s) if e.get(k) != s.get(k)}
                problems.append(f"{query!r}: facet {attr} differs (engine, sql): {diff}")
        if _ordered(query):
            e_ids, s_ids = [h["id"] for h in engine.hits], [h["id"] for h in sql.hits]
            if e_ids != s_ids:
                problems.append(f"{query!r}: first page engine {e_ids} != sql {s_ids}")
        if engine.total == 0:
            problems.append(f"{query!r}: finds nothing, so it proves nothing; pick another query")
    assert not problems, "\n".join(problems)


def test_engine_and_fallback_agree_with_keyword(app, demo_board):
    problems: list[str] = []
    for query in KEYWORD:
        engine, sql = _both(app, query)
        if not engine.total or abs(engine.total - sql.total) > 0.1 * engine.total:
            problems.append(f"{query!r}: totals engine {engine.total}, sql {sql.total} (more than 10% apart)")
        for attr in FACETS:
            if not engine.facets.get(attr) or not sql.facets.get(attr):
                problems.append(f"{query!r}: facet {attr} empty (engine {engine.facets.get(attr)}, "
                                f"sql {sql.facets.get(attr)})")
    assert not problems, "\n".join(problems)


def test_every_filter_is_exercised_by_the_parity_queries():
    """A new row of the filter table must come with a parity query that uses it."""
    used = {key for query in EXACT for key, _ in parse_qsl(query)}
    missing = [f.param for f in FILTERS if f.param not in used]
    assert not missing, f"add parity queries for {missing}"
    assert {"relevance", "newest", "pay", "distance"} <= {dict(parse_qsl(q)).get("sort", "relevance") for q in EXACT}
    assert any(f.kind is Kind.WITHIN for f in FILTERS)

"""The SQL fallback answers the same questions as the engine, with the same filters.

Keywords differ by design (the engine forgives typos and knows synonyms; SQL matches substrings), so
the keyword cases use words both read the same way."""

import pytest

from careers.extensions import search
from tests.search.conftest import run

QUERIES = [
    "", "specialty=pathology", "specialty=pathology&specialty=radiology", "state=TX", "state=CA",
    "pay_min=65000", "apprentice=1", "work_mode=remote&work_mode=hybrid", "credential=CRC", "posted_within=7",
    "near=43215&radius=100", "employment_type=full-time&experience=mid", "setting=laboratory",
    "q=radiology", "q=radiology&state=CA",
]


@pytest.mark.parametrize("query", QUERIES)
def test_fallback_matches_engine(app, board, query):
    engine = run(query)
    assert not engine.degraded
    search.trip(RuntimeError("test: engine marked down"))
    app.extensions["search"].down_until = float("inf")
    try:
        sql = run(query)
    finally:
        search.reset()
    assert sql.degraded
    assert {h["id"] for h in sql.hits} == {h["id"] for h in engine.hits}
    assert sql.total == engine.total
    # Non-disjunctive facets in SQL: counts over the filtered set match the engine when no filter is on
    # the same attribute.
    if "specialty" not in query:
        assert sql.facets["specialties"] == engine.facets.get("specialties", {})


def test_fallback_sorts(app, board):
    app.extensions["search"].down_until = float("inf")
    try:
        by_pay = [h["id"] for h in run("sort=pay").hits]
        near = [h["id"] for h in run("near=78701&radius=500&sort=distance").hits]
    finally:
        search.reset()
    assert by_pay[0] == board["em_anywhere"].id
    assert near[0] == board["hcc_hybrid"].id


def test_fallback_without_materialized_ctes(app, board, monkeypatch):
    """SQLite before 3.35 has no `AS MATERIALIZED`: the fallback then uses a plain CTE, same answers."""
    import careers.search.fallback as fallback

    app.extensions["search"].down_until = float("inf")
    try:
        modern = run("specialty=pathology&specialty=radiology")
        monkeypatch.setattr(fallback.sqlite3, "sqlite_version_info", (3, 34, 1))
        old = run("specialty=pathology&specialty=radiology")
    finally:
        search.reset()
    assert old.degraded and old.total == modern.total == 2
    assert old.facets == modern.facets

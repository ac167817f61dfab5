"""search_jobs: what the State filter means, and when a keyword is read as a code."""

from __future__ import annotations

import pytest

from careers.extensions import search
from careers.search.params import SearchParams
from careers.search.service import code_search
from tests import factories
from tests.search.conftest import run


@pytest.mark.parametrize("engine", [True, False], ids=["engine", "sql"])
def test_state_means_the_states_a_job_hires_in(app, db, engine):
    emp = factories.employer_user()
    ny_hq_tx_only = factories.published_job(emp, title="Remote coder for Texas residents", work_mode="remote",
                                            remote_states=["TX"], state="NY", zip_code="10001")
    anywhere = factories.published_job(emp, title="Remote coder anywhere", work_mode="remote", remote_states=[],
                                       state="OH", zip_code="43215")
    onsite_ny = factories.published_job(emp, title="On-site coder in Albany", work_mode="on-site", remote_states=[],
                                        state="NY", city="Albany", zip_code="12207")
    db.session.commit()
    from tests.conftest import sync_index

    sync_index()
    if not engine:
        app.extensions["search"].down_until = float("inf")
    try:
        ny, tx = run("state=NY"), run("state=TX")
    finally:
        search.reset()
    assert ny.degraded is not engine
    assert {h["id"] for h in ny.hits} == {anywhere.id, onsite_ny.id}
    assert {h["id"] for h in tx.hits} == {anywhere.id, ny_hq_tx_only.id}
    # the counts beside each state count the same jobs the filter finds
    assert ny.facets["hires_in"]["NY"] == 2 and ny.facets["hires_in"]["TX"] == 2
    assert ny.facets["hires_in"]["CA"] == 1  # the remote-anywhere job


@pytest.mark.parametrize("text", ["charges", "general", "CAREERS", "granted", "coder"])
def test_words_shaped_like_codes_stay_words(text):
    query, code = code_search(SearchParams(q=text))
    assert code is None and query.q == text


def test_a_code_searches_its_specialties_unless_the_user_chose():
    query, code = code_search(SearchParams(q="88305"))
    assert code is not None and code.code == "88305" and query.q == "" and query.specialty == ["pathology"]
    chosen, code = code_search(SearchParams(q="88305", specialty=["evaluation-management"]))
    assert code is not None and chosen.specialty == ["evaluation-management"]

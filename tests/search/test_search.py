"""Search against the suite's real Meilisearch: facets, filters, highlight, API shape."""


import pytest
from meilisearch.errors import MeilisearchApiError

from careers.extensions import search
from tests import factories
from tests.conftest import sync_index
from tests.search.conftest import run


def ids(result):
    return {h["id"] for h in result.hits}


def test_engine_answers_not_degraded(board):
    result = run("")
    assert not result.degraded
    assert result.total == 4
    assert ids(result) == {j.id for j in board.values()}


def test_disjunctive_facet_counts(board):
    result = run("specialty=pathology")
    assert ids(result) == {board["path_remote"].id}
    # Choosing pathology still shows how many radiology jobs there are.
    assert result.facets["specialties"]["radiology"] == 1
    assert result.facets["specialties"]["pathology"] == 1
    # Other facets are narrowed by the specialty choice.
    assert result.facets["work_mode"] == {"remote": 1}


def test_state_means_located_there_or_open_to_its_residents(board):
    assert ids(run("state=TX")) == {board["path_remote"].id, board["hcc_hybrid"].id, board["em_anywhere"].id}
    assert ids(run("state=CA")) == {board["rad_onsite"].id, board["em_anywhere"].id}


def test_filters_pay_apprentice_mode_credential(board):
    assert ids(run("pay_min=65000")) == {board["rad_onsite"].id, board["em_anywhere"].id, board["hcc_hybrid"].id}
    assert ids(run("apprentice=1")) == {board["path_remote"].id, board["hcc_hybrid"].id}
    assert ids(run("work_mode=remote&work_mode=hybrid")) == {
        board["path_remote"].id, board["em_anywhere"].id, board["hcc_hybrid"].id}
    assert ids(run("credential=CRC")) == {board["hcc_hybrid"].id}
    assert ids(run("posted_within=7")) == {j.id for k, j in board.items() if k != "hcc_hybrid"}


def test_radius_and_distance_sort(board):
    # 43215 is Columbus OH, where the remote pathology job's employer sits: a remote job has no commute,
    # so a radius search does not place it there (it is found by its remote states instead).
    assert ids(run("near=43215&radius=100")) == set()
    assert ids(run("near=78701&radius=500")) == {board["hcc_hybrid"].id}
    san_antonio = factories.published_job(
        factories.employer_user("Alamo Coding Services"), title="Outpatient Coder", work_mode="on-site",
        remote_states=[], state="TX", city="San Antonio", zip_code="78205")
    sync_index()
    from_austin = run("near=78701&radius=500&sort=distance")
    assert [h["id"] for h in from_austin.hits] == [board["hcc_hybrid"].id, san_antonio.id]
    from_san_antonio = run("near=78205&radius=100&sort=distance")
    assert [h["id"] for h in from_san_antonio.hits] == [san_antonio.id, board["hcc_hybrid"].id]
    assert ids(run("near=78205&radius=10")) == {san_antonio.id}


def test_sort_by_pay_and_newest(board):
    by_pay = [h["id"] for h in run("sort=pay").hits]
    assert by_pay[0] == board["em_anywhere"].id
    newest = [h["id"] for h in run("sort=newest").hits]
    assert newest[-1] == board["hcc_hybrid"].id


def test_keyword_synonyms_and_highlight(board):
    result = run("q=hcc")
    assert ids(result) == {board["hcc_hybrid"].id}
    assert run("q=path").total >= 1
    hit = run("q=radiology").hits[0]
    assert "<mark>Radiology</mark>" in str(hit["title_html"])


def test_typo_tolerance_off_for_credentials(board):
    assert ids(run("q=CRC")) == {board["hcc_hybrid"].id}
    assert run("q=CRB").total == 0


def test_api_shape(client, board):
    r = client.get("/api/v1/jobs?specialty=radiology&specialty=pathology&sort=newest")
    assert r.status_code == 200
    data = r.get_json()
    assert set(data) >= {"total", "page", "per_page", "hits", "facets", "degraded"}
    assert data["total"] == 2 and data["degraded"] is False
    hit = data["hits"][0]
    for key in ("id", "title", "employer", "url", "specialties", "credentials", "work_mode", "state",
                "pay_min", "pay_max", "pay_period", "posted_at"):
        assert key in hit
    assert hit["url"].startswith(f"/jobs/{hit['id']}/")
    assert data["facets"]["specialties"]["radiology"] == 1


def test_search_page_shows_counts_and_keeps_state(client, board):
    html = client.get("/jobs?specialty=pathology&q=coder").get_data(as_text=True)
    assert "Remote Pathology Coder" in html.replace("<mark>", "").replace("</mark>", "")
    assert 'value="pathology" checked' in html
    assert 'value="coder"' in html
    assert "basic mode" not in html


def test_search_key_cannot_write(app, board):
    with app.app_context():
        client = search.search_client()
        with pytest.raises(MeilisearchApiError, match="invalid_api_key") as info:
            client.index(search.index_uid).add_documents([{"id": 999999, "title": "injected"}])
        assert info.value.status_code == 403

"""Keeping the index true: the outbox, pushes after commit, sync, reindex, and the engine going down."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from careers.common import utcnow
from careers.employers.services import CompanyInput, update_company
from careers.extensions import search
from careers.jobs.services import approve_job, close_job, expire_due_jobs, update_job
from careers.search import sync
from careers.search.documents import DOCUMENT_VERSION
from careers.search.models import SearchOutbox, SearchState
from tests import factories
from tests.conftest import sync_index, wait_for_index


def index_docs() -> dict[int, dict]:
    client = search.index_client()
    docs = client.index(search.index_uid).get_documents({"limit": 1000, "fields": ["id", "title", "employer"]})
    return {d.id: {"title": d.title, "employer": d.employer} for d in docs.results}


def pending_job_ids(db) -> list[int]:
    return list(db.session.scalars(
        select(SearchOutbox.job_id).where(SearchOutbox.processed_at.is_(None)).order_by(SearchOutbox.id)))


def test_every_kind_of_change_writes_an_outbox_row(db):
    job = factories.published_job()
    assert job.id in pending_job_ids(db)
    sync_index()
    assert pending_job_ids(db) == []
    update_job(job, factories.job_input(title="Pathology Coder III"))  # back to review: off the board
    db.session.commit()
    assert set(pending_job_ids(db)) == {job.id}
    sync_index()
    assert job.id not in index_docs()
    approve_job(job, factories.admin())
    db.session.commit()
    sync_index()
    # Renaming the employer changes every published job's document.
    emp = job.employer
    update_company(emp, CompanyInput(name="Renamed Health", kind=emp.kind, website="", hq_city="X", hq_state="OH",
                                     about="About"))
    db.session.commit()
    assert set(pending_job_ids(db)) == {job.id}
    sync_index()
    assert index_docs()[job.id] == {"title": "Pathology Coder III", "employer": "Renamed Health"}
    close_job(job, job.created_by)
    db.session.commit()
    sync_index()
    assert job.id not in index_docs()


def test_expiry_and_deletion_leave_the_index(db):
    expiring, deleted = factories.published_job(), factories.published_job(title="To be deleted")
    sync_index()
    assert {expiring.id, deleted.id} <= set(index_docs())
    expiring.apply_by = utcnow().date() - timedelta(days=1)
    db.session.commit()
    expire_due_jobs(utcnow().date())
    db.session.delete(deleted)
    db.session.commit()
    sync_index()
    assert not {expiring.id, deleted.id} & set(index_docs())


def test_drafts_never_reach_the_index(db):
    draft = factories.draft_job()
    review = factories.review_job()
    sync_index()
    assert not {draft.id, review.id} & set(index_docs())


def test_push_after_commit_makes_a_published_job_searchable(app, db):
    app.config["SEARCH_SYNC_ON_COMMIT"] = True
    try:
        job = factories.published_job(title="Instant Radiology Coder")
        assert pending_job_ids(db) == []  # pushed by the commit itself
        wait_for_index()
        assert job.id in index_docs()
    finally:
        app.config["SEARCH_SYNC_ON_COMMIT"] = False


def test_engine_down_nothing_lost_and_search_degrades(app, db, client, login, meili):
    app.config["SEARCH_SYNC_ON_COMMIT"] = True
    try:
        kept = factories.published_job(title="Kept Coder Job")
        edited = factories.published_job(title="Edited Coder Job")
        closed = factories.published_job(title="Closed Coder Job")
        wait_for_index()
        meili.stop()
        # Posting, publishing, editing, closing and applying all still work.
        new = factories.published_job(title="Posted While Down")
        update_job(edited, factories.job_input(title="Edited While Down"))
        approve_job(edited, factories.admin())
        close_job(closed, closed.created_by)
        db.session.commit()
        factories.application(kept)
        assert set(pending_job_ids(db)) >= {new.id, edited.id, closed.id}
        # The board still answers, from SQL, and says so.
        page = client.get("/jobs?q=down").get_data(as_text=True)
        assert "basic mode" in page and "Posted While Down" in page and "Edited While Down" in page
        api = client.get("/api/v1/jobs").get_json()
        assert api["degraded"] is True
        assert {h["id"] for h in api["hits"]} == {kept.id, edited.id, new.id}
        # A sync while the engine is down keeps the changes.
        result = app.test_cli_runner().invoke(args=["search", "sync"])
        assert result.exit_code != 0 and "stay in the outbox" in result.output
    finally:
        meili.start()
        app.config["SEARCH_SYNC_ON_COMMIT"] = False
    result = app.test_cli_runner().invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    wait_for_index()
    # The index now equals the database.
    assert index_docs() == {
        kept.id: {"title": "Kept Coder Job", "employer": kept.employer.name},
        edited.id: {"title": "Edited While Down", "employer": edited.employer.name},
        new.id: {"title": "Posted While Down", "employer": new.employer.name},
    }
    assert client.get("/api/v1/jobs").get_json()["degraded"] is False


def test_reindex_swaps_in_a_fresh_index_and_replays_changes(app, db):
    jobs = [factories.published_job(title=f"Reindex Coder {i}") for i in range(5)]
    sync_index()
    client = search.index_client()
    # A stray document the database does not know: a rebuild must drop it.
    client.wait_for_task(client.index(search.index_uid).add_documents([{"id": 987654, "title": "stray"}]).task_uid)

    changed = jobs[0]
    admin = factories.admin()

    def progress(done: int, total: int) -> None:
        # A change committed during the rebuild (after its row was read) must not be lost.
        update_job(changed, factories.job_input(title="Changed During Reindex"))
        approve_job(changed, admin)
        db.session.commit()

    result = sync.reindex(progress=progress, batch=2)
    assert result.documents == 5
    assert result.replayed >= 1
    wait_for_index()
    docs = index_docs()
    assert set(docs) == {j.id for j in jobs}
    assert docs[changed.id]["title"] == "Changed During Reindex"
    names = [i.uid for i in client.get_indexes({"limit": 100})["results"]]
    assert names.count(search.index_uid) == 1 and not [n for n in names if n.startswith(search.index_uid + "_")]


def test_reindex_command_reports(app, db):
    factories.published_job()
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Reindexed 1 jobs" in result.output


@pytest.mark.parametrize("cmd", [["search", "status"]])
def test_status_command(app, db, cmd):
    result = app.test_cli_runner().invoke(args=cmd)
    assert result.exit_code == 0 and "pending changes" in result.output


def _raw_doc(job_id: int) -> dict:
    client = search.index_client()
    return client.http.get(f"indexes/{search.index_uid}/documents/{job_id}")


def _setup(app):
    result = app.test_cli_runner().invoke(args=["search", "setup"])
    assert result.exit_code == 0, result.output
    return result.output


def test_setup_rebuilds_an_index_that_misses_jobs_then_leaves_it(app, db):
    jobs = [factories.published_job(title=f"Setup Coder {i}") for i in range(3)]
    assert "Index holds 0 of 3 open jobs; rebuilding." in _setup(app)
    assert set(index_docs()) == {j.id for j in jobs}
    assert sync.documents_version() == DOCUMENT_VERSION
    assert "is up to date (3 jobs" in _setup(app)


def test_setup_rebuilds_documents_built_by_another_version(app, db):
    remote = factories.published_job(title="Remote Coder", work_mode="remote", remote_states=["TX"], zip_code="43215")
    _setup(app)
    # An index built before remote jobs lost their _geo: same count, stale documents.
    client = search.index_client()
    stale = dict(_raw_doc(remote.id), _geo={"lat": 39.96, "lng": -83.0})
    client.wait_for_task(client.index(search.index_uid).add_documents([stale]).task_uid)
    assert "_geo" in _raw_doc(remote.id)
    db.session.execute(update(SearchState).where(SearchState.key == f"documents:{search.index_uid}").values(value="1"))
    db.session.commit()
    output = _setup(app)
    assert f"Index documents are version 1, the app builds version {DOCUMENT_VERSION}; rebuilding." in output
    assert "_geo" not in _raw_doc(remote.id)
    assert "is up to date" in _setup(app)

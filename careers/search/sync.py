"""Keeping the index true to the database.

A change to a job (or its tags, or its employer's name) writes an outbox row in the same transaction
(after_flush). After commit the pending rows are pushed; `flask search sync` drains whatever is left
(for a worker or cron). Pushes re-derive each document from the database, so they are idempotent.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import orjson
from flask import Flask, current_app
from sqlalchemy import delete, event, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from careers.common import utcnow
from careers.employers.models import Employer
from careers.extensions import db, search
from careers.jobs.models import Job, JobTag
from careers.jobs.services import visible_jobs
from careers.search.documents import DOCUMENT_VERSION, iter_documents, load_documents
from careers.search.engine import ENGINE_ERRORS, SearchUnavailable
from careers.search.models import SearchOutbox, SearchState
from careers.search.settings import SETTINGS, SETTINGS_VERSION
from careers.taxonomy import JobStatus

log = logging.getLogger(__name__)
PENDING = "search_outbox_pending"
BATCH = 1000


# -- capture ----------------------------------------------------------------------------------


def _changed_job_ids(session: Session) -> set[int]:
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Job):
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            if obj.id is not None:
                ids.add(obj.id)
        elif isinstance(obj, JobTag):
            if obj.job_id is not None:
                ids.add(obj.job_id)
    renamed = [e.id for e in session.dirty if isinstance(e, Employer) and inspect(e).attrs.name.history.has_changes()]
    if renamed:
        rows = session.connection().execute(
            select(Job.id).where(Job.employer_id.in_(renamed), Job.status == JobStatus.PUBLISHED)
        )
        ids.update(r[0] for r in rows)
    return ids


def _after_flush(session: Session, flush_context: object) -> None:
    ids = _changed_job_ids(session)
    if ids:
        now = utcnow()
        session.connection().execute(
            insert(SearchOutbox.__table__), [{"job_id": i, "created_at": now} for i in sorted(ids)]
        )
        session.info[PENDING] = True


def _after_commit(session: Session) -> None:
    if session.info.pop(PENDING, False) and current_app.config.get("SEARCH_SYNC_ON_COMMIT", True):
        if search.available():
            drain(timeout=current_app.config.get("MEILI_PUSH_TIMEOUT", 1.0))


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


def init_app(app: Flask) -> None:
    """Listen on the app's session for job changes (once per process: the session is shared)."""
    if not event.contains(db.session, "after_flush", _after_flush):
        event.listen(db.session, "after_flush", _after_flush)
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_soft_rollback", lambda s, t: _after_rollback(s))


# -- push -------------------------------------------------------------------------------------


def ensure_index(client, uid: str, session: Session) -> None:
    """Create the index with its settings if needed; push settings once per settings version."""
    key = f"settings:{uid}"
    state = session.get(SearchState, key)
    try:
        client.get_index(uid)
        exists = True
    except ENGINE_ERRORS as exc:
        if getattr(exc, "code", "") != "index_not_found":
            raise
        exists = False
    if exists and state is not None and state.value == SETTINGS_VERSION:
        return
    if not exists:
        task = client.create_index(uid, {"primaryKey": "id"})
        _wait(client, task.task_uid)
    task = client.index(uid).update_settings(SETTINGS)
    _wait(client, task.task_uid)
    _set_state(session, key, SETTINGS_VERSION)
    session.commit()


def _wait(client, task_uid: int, timeout_ms: int = 120_000) -> None:
    task = client.wait_for_task(task_uid, timeout_in_ms=timeout_ms, interval_in_ms=20)
    if task.status != "succeeded":
        raise RuntimeError(f"Meilisearch task {task_uid} {task.status}: {task.error}")


def _push(client, uid: str, session: Session, job_ids: Iterable[int]) -> int | None:
    """Upsert visible jobs and delete the others; returns the last task uid."""
    ids = sorted(set(job_ids))
    if not ids:
        return None
    docs = load_documents(session, visible_jobs().where(Job.id.in_(ids)).order_by(Job.id))
    gone = set(ids) - {d["id"] for d in docs}
    # Drafts and first reviews were never on the board: a delete for them is a wasted engine task
    # queued ahead of real changes (it tripled publish-to-searchable time in bench/search.py).
    never_listed = set(session.scalars(select(Job.id).where(Job.id.in_(gone), Job.published_at.is_(None))))
    gone = sorted(gone - never_listed)
    index = client.index(uid)
    last = None
    if docs:
        last = _add(index, docs)
    if gone:
        last = index.delete_documents(filter=f"id IN [{', '.join(str(i) for i in gone)}]").task_uid
    return last


def _add(index, docs: list[dict]) -> int:
    """Queue an upsert of `docs`; returns its task uid. orjson encodes 5,000 documents in 30 ms
    where the SDK's json.dumps takes 120 ms."""
    return index.add_documents_raw(orjson.dumps(docs), primary_key="id", content_type="application/json").task_uid


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a reindex builds 100,000 documents: the documents hold no
    cycles, and the collector's passes over them cost a third of the Python side (bench/README.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def drain(timeout: float | None = None, wait: bool = False, index_uid: str | None = None) -> int:
    """Push every pending outbox row; returns how many rows were processed (0 when the engine is down)."""
    uid = index_uid or search.index_uid
    processed = 0
    with Session(db.engine) as session:
        try:
            client = search.index_client(timeout=timeout)
            ensure_index(client, uid, session)
            last_task = None
            while True:
                rows = session.execute(
                    select(SearchOutbox.id, SearchOutbox.job_id)
                    .where(SearchOutbox.processed_at.is_(None))
                    .order_by(SearchOutbox.id)
                    .limit(BATCH)
                ).all()
                if not rows:
                    break
                last_task = _push(client, uid, session, (r.job_id for r in rows)) or last_task
                session.execute(
                    update(SearchOutbox)
                    .where(SearchOutbox.id.in_([r.id for r in rows]))
                    .values(processed_at=utcnow())
                )
                session.commit()
                processed += len(rows)
            if wait and last_task is not None:
                _wait(client, last_task)
        except (SearchUnavailable, *ENGINE_ERRORS) as exc:
            session.rollback()
            search.trip(exc)
            return processed
    return processed


def _set_state(session: Session, key: str, value: str) -> None:
    state = session.get(SearchState, key)
    if state is None:
        session.add(SearchState(key=key, value=value))
    else:
        state.value = value


def documents_version(uid: str | None = None) -> str | None:
    """The DOCUMENT_VERSION the live index was last rebuilt with (None: unknown, e.g. built before it existed)."""
    state = db.session.get(SearchState, f"documents:{uid or search.index_uid}")
    return state.value if state is not None else None


def pending_count() -> int:
    return db.session.scalar(
        select(func.count()).select_from(SearchOutbox).where(SearchOutbox.processed_at.is_(None))
    ) or 0


def prune(older_than: timedelta = timedelta(days=1)) -> int:
    """Forget processed outbox rows (kept a while so a reindex can replay them)."""
    result = db.session.execute(
        delete(SearchOutbox).where(SearchOutbox.processed_at < utcnow() - older_than)
    )
    db.session.commit()
    return result.rowcount or 0


# -- full rebuild -----------------------------------------------------------------------------


@dataclass
class ReindexReport:
    documents: int
    seconds: float
    replayed: int
    index_uid: str


def reindex(progress: Callable[[int, int], None] | None = None, batch: int = 5000) -> ReindexReport:
    """Rebuild from the database into a fresh index, swap it in atomically, replay changes made meanwhile."""
    started = time.perf_counter()
    uid = search.index_uid
    client = search.index_client(timeout=60)
    new_uid = f"{uid}_{utcnow().strftime('%Y%m%d%H%M%S%f')}"
    with Session(db.engine) as session:
        mark = session.scalar(select(func.max(SearchOutbox.id))) or 0
        total = session.scalar(select(func.count()).select_from(visible_jobs().subquery())) or 0
        ensure_index(client, new_uid, session)
        index = client.index(new_uid)
        tasks: list[int] = []
        done = 0
        # Each batch is queued as soon as it is read; Meilisearch indexes it while the next is read.
        with _gc_paused():
            for docs in iter_documents(session, visible_jobs(), batch):
                tasks.append(_add(index, docs))
                done += len(docs)
                if progress:
                    progress(done, total)
        for task_uid in tasks:
            _wait(client, task_uid, timeout_ms=600_000)
        try:
            client.get_index(uid)
        except ENGINE_ERRORS as exc:
            if getattr(exc, "code", "") != "index_not_found":
                raise
            _wait(client, client.create_index(uid, {"primaryKey": "id"}).task_uid)
        # A swap task is not visible to a key scoped to some indexes; the deletion queued behind it is,
        # and Meilisearch runs them in order. The count check below catches a swap that failed.
        client.swap_indexes([{"indexes": [uid, new_uid]}])
        _wait(client, client.delete_index(new_uid).task_uid)
        live = client.index(uid).get_stats().number_of_documents
        if live < done * 0.9:  # pushes made meanwhile may move it a little, not by a tenth
            raise RuntimeError(f"swap failed: '{uid}' holds {live} documents, expected about {done}")
        # The swapped-in index carries the new settings under the live name.
        _set_state(session, f"settings:{uid}", SETTINGS_VERSION)
        session.execute(delete(SearchState).where(SearchState.key == f"settings:{new_uid}"))
        _set_state(session, f"documents:{uid}", DOCUMENT_VERSION)
        # Changes committed while we rebuilt went to the old index: push them again to the new one.
        replay = session.execute(
            update(SearchOutbox).where(SearchOutbox.id > mark).values(processed_at=None)
        ).rowcount or 0
        session.commit()
    search.reset()
    drain(wait=True)
    return ReindexReport(done, time.perf_counter() - started, replay, uid)

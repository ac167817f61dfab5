"""The queue: a real Huey consumer (a thread here, the `huey_consumer` command in a subprocess) runs what
the app enqueues; the periodic tasks run on it and are idempotent; a queue that is down fails nothing.

The session app runs Huey in immediate mode (tests/conftest.py). `real_queue` switches the one Huey
instance to real storage for a test: a temp SQLite file, or Redis when REDIS_URL is set (database 15 in CI).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from flask import current_app, has_app_context
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy import select

from careers import config
from careers import queue as queue_module
from careers.common import utcnow
from careers.extensions import db as _db
from careers.extensions import search
from careers.jobs.models import Job
from careers.jobs.tasks import expire_jobs
from careers.mail import MailMessage, external_url, queue_mail
from careers.mail import services as mail_services
from careers.mail.tasks import deliver_mail, send_pending_mail
from careers.queue import RETRY_SCHEDULE, huey, task
from careers.search import sync
from careers.search.models import SearchOutbox
from careers.search.tasks import drain_search_outbox
from careers.taxonomy import JobStatus
from tests import factories
from tests.conftest import ROOT, wait_for_index

# -- tasks used only here ------------------------------------------------------------------------------

RUNS: list[tuple[str, object]] = []


@task()
def where_am_i(tag: str) -> str:
    """Records which app it ran in."""
    RUNS.append((tag, current_app.config["SQLALCHEMY_DATABASE_URI"] if has_app_context() else None))
    return current_app.name


FLAKY_FAILURES: dict[str, int] = {}


@task(retries=2, retry_delay=0)
def flaky(key: str, fail_times: int) -> str:
    """Fails `fail_times` times for `key`, then succeeds."""
    if FLAKY_FAILURES.get(key, 0) < fail_times:
        FLAKY_FAILURES[key] = FLAKY_FAILURES.get(key, 0) + 1
        raise RuntimeError(f"flaky failure {FLAKY_FAILURES[key]} for {key}")
    RUNS.append((key, "done"))
    return key


# -- fixtures ------------------------------------------------------------------------------------------


@dataclass
class RealQueue:
    kind: str
    env: dict[str, str] = field(default_factory=dict)  # what a consumer process needs to share this queue


@pytest.fixture(params=["sqlite", "redis"])
def real_queue(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RealQueue]:
    if request.param == "redis" and not config.REDIS_URL:
        pytest.skip("REDIS_URL is not set (CI runs this with Redis)")
    huey.immediate = False
    if request.param == "sqlite":
        path = tmp_path / "queue.sqlite3"
        storage = SqliteStorage("careers", filename=str(path))
        env = {"QUEUE_SQLITE_PATH": str(path), "REDIS_URL": ""}
    else:
        storage = RedisStorage("careers", url=config.REDIS_URL)
        env = {"REDIS_URL": config.REDIS_URL}
    storage.flush_all()
    huey.storage = storage
    try:
        yield RealQueue(request.param, env)
    finally:
        storage.flush_all()
        huey.immediate = True  # back to in-memory storage


def _consumer_env(app) -> dict[str, str]:
    """The environment of a consumer process for the test app's database, mail server and engine."""
    c = app.config
    return {
        "DATABASE_URL": c["SQLALCHEMY_DATABASE_URI"], "SECRET_KEY": "consumer-secret",
        "MAIL_URL": c["MAIL_URL"], "MAIL_DIR": c["MAIL_DIR"], "PUBLIC_URL": c["PUBLIC_URL"],
        "MEILI_URL": c["MEILI_URL"], "MEILI_MASTER_KEY_FILE": c["MEILI_MASTER_KEY_FILE"],
        "MEILI_INDEX": c["MEILI_INDEX"], "SEARCH_SYNC_ON_COMMIT": "0",
    }


@pytest.fixture()
def consumer_thread(app, real_queue, monkeypatch):
    """A real Huey consumer (one worker thread) in this process. Its tasks run where no app context is
    pushed, so careers.queue creates the consumer's app with create_app() from the environment, as the
    `huey_consumer` command does."""
    for name, value in (_consumer_env(app) | real_queue.env).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(queue_module, "_app", None)
    consumer = huey.create_consumer(workers=1, worker_type="thread", periodic=False, initial_delay=0.05,
                                    max_delay=0.2, check_worker_health=False)
    # Consumer.start() would take over this process's signal handlers: start its threads ourselves.
    consumer.scheduler.start()
    for _, worker in consumer.worker_threads:
        worker.start()
    yield consumer
    consumer.stop(graceful=True)
    created = queue_module._app
    if created is not None:
        with created.app_context():
            _db.engine.dispose()


def _wait(condition, timeout: float = 10.0) -> bool:
    deadline = utcnow() + timedelta(seconds=timeout)
    while not condition():
        if utcnow() > deadline:
            return False
        threading.Event().wait(0.05)
    return True


def _mail(to: str = "coder@mail.example", subject: str = "Queued") -> MailMessage:
    return queue_mail(to, "mail_check", {"name": "Dana", "link": external_url("jobs.index")}, subject=subject)


def _sent_at(mail_id: int) -> datetime | None:
    _db.session.commit()
    return _db.session.scalar(select(MailMessage.sent_at).where(MailMessage.id == mail_id))


# -- the task decorators ---------------------------------------------------------------------------------


def test_task_reuses_the_pushed_app_context(app, db):
    RUNS.clear()
    assert where_am_i.call_local("here") == app.name
    assert RUNS == [("here", app.config["SQLALCHEMY_DATABASE_URI"])]


def test_failure_is_logged_with_arguments_and_raised(app, db, caplog):
    FLAKY_FAILURES.clear()
    with caplog.at_level(logging.ERROR, logger="careers.queue"), pytest.raises(RuntimeError, match="flaky"):
        flaky.call_local("log-me", 1)
    [record] = [r for r in caplog.records if r.name == "careers.queue"]
    assert "tests.test_queue.flaky failed" in record.getMessage()
    assert "args=('log-me', 1)" in record.getMessage()
    assert record.exc_info is not None


def test_retry_schedule_is_the_documented_one():
    assert RETRY_SCHEDULE == [60, 120, 240, 480, 960, 1920]
    assert (deliver_mail.task_class.default_retries, deliver_mail.task_class.default_retry_delay,
            deliver_mail.task_class.default_retry_backoff) == (6, 60, 2)


def test_every_task_module_is_registered():
    names = set(huey._registry._registry)
    assert {"careers.mail.tasks.deliver_mail", "careers.mail.tasks.send_pending_mail",
            "careers.search.tasks.drain_search_outbox", "careers.jobs.tasks.expire_jobs"} <= names


def test_periodic_schedules():
    def due(at: datetime) -> set[str]:
        return {t.name for t in huey.read_periodic(at)}

    every_minute = {"send_pending_mail", "drain_search_outbox"}
    assert due(datetime(2026, 11, 30, 10, 7)) == every_minute | {"expire_jobs"}  # hourly, at :07
    assert due(datetime(2026, 11, 30, 10, 8)) == every_minute
    assert due(datetime(2026, 11, 30, 23, 59)) == every_minute


# -- a real consumer ---------------------------------------------------------------------------------------


def test_real_consumer_delivers_an_enqueued_mail(app, db, mailbox, consumer_thread, real_queue):
    message = _mail(subject=f"Through the {real_queue.kind} queue")
    _db.session.commit()  # enqueues the delivery on the real queue
    [received] = mailbox.wait_for(1)
    assert received.message["Subject"] == f"Through the {real_queue.kind} queue"
    assert _wait(lambda: _sent_at(message.id) is not None)
    assert len(huey) == 0


def test_real_consumer_runs_tasks_in_its_own_app_and_retries_failures(app, db, consumer_thread, real_queue):
    RUNS.clear()
    FLAKY_FAILURES.clear()
    where_am_i("consumer")
    flaky("retried", 2)  # fails twice, then the second retry succeeds
    assert _wait(lambda: ("retried", "done") in RUNS and any(tag == "consumer" for tag, _ in RUNS))
    [(_, database)] = [run for run in RUNS if run[0] == "consumer"]
    assert database == app.config["SQLALCHEMY_DATABASE_URI"]  # the app the consumer built from the environment
    assert queue_module._app is not None and queue_module._app is not app
    assert FLAKY_FAILURES["retried"] == 2


def test_periodic_tasks_run_on_the_real_consumer(app, db, mailbox, consumer_thread):
    emp = factories.employer_user()
    due = factories.published_job(emp)
    due.apply_by = utcnow().date() - timedelta(days=1)
    _db.session.commit()
    lost = _mail(subject="Its enqueue was lost")
    _db.session.info.pop(mail_services.PENDING)
    _db.session.commit()
    pending = set(_db.session.scalars(select(SearchOutbox.id).where(SearchOutbox.processed_at.is_(None))))
    assert pending

    for periodic in huey.read_periodic(datetime(2026, 11, 30, 10, 7)):  # what the scheduler enqueues at :07
        huey.enqueue(periodic)

    assert _wait(lambda: _db.session.get(Job, due.id, populate_existing=True).status == JobStatus.EXPIRED)
    # (The approval notice for `due` went through the queue too: only the lost mail is the sweep's.)
    assert _wait(lambda: _sent_at(lost.id) is not None)
    assert [m.message["Subject"] for m in mailbox.messages].count("Its enqueue was lost") == 1
    # The drain pushed the changes that were pending (the expiry's own change may come after it ran).
    assert _wait(lambda: _db.session.commit() or not set(_db.session.scalars(
        select(SearchOutbox.id).where(SearchOutbox.id.in_(pending), SearchOutbox.processed_at.is_(None)))))


def test_huey_consumer_command_runs_the_app_tasks(app, db, mailbox, real_queue, tmp_path):
    """`huey_consumer careers.queue.huey`, the production consumer, in a process of its own."""
    message = _mail(subject="Through huey_consumer")
    _db.session.commit()
    log = tmp_path / "consumer.log"
    env = os.environ | _consumer_env(app) | real_queue.env | {
        "PYTHONPATH": str(ROOT), "CAREERS_INSTANCE_PATH": str(tmp_path / "instance")}
    command = [str(Path(sys.executable).parent / "huey_consumer"), "careers.queue.huey", "-w", "1", "-k", "thread",
               "-n"]
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        [received] = mailbox.wait_for(1, timeout=30)
        assert received.message["Subject"] == "Through huey_consumer"
        assert _wait(lambda: _sent_at(message.id) is not None)
    finally:
        process.send_signal(signal.SIGINT)  # graceful stop
        process.wait(timeout=30)
    output = log.read_text()
    for name in ("deliver_mail", "send_pending_mail", "drain_search_outbox", "expire_jobs"):
        assert name in output, output
    assert "Traceback" not in output, output


# -- periodic tasks are idempotent ------------------------------------------------------------------------


def test_expire_jobs_twice_changes_nothing_more(app, db):
    emp = factories.employer_user()
    due = factories.published_job(emp)
    fresh = factories.published_job(emp)
    due.apply_by = utcnow().date() - timedelta(days=1)
    _db.session.commit()
    assert expire_jobs.call_local() == 1
    _db.session.expire_all()
    closed_at = due.closed_at
    assert due.status == JobStatus.EXPIRED and closed_at is not None and fresh.status == JobStatus.PUBLISHED
    assert expire_jobs.call_local() == 0
    _db.session.expire_all()
    assert (due.status, due.closed_at, fresh.status) == (JobStatus.EXPIRED, closed_at, JobStatus.PUBLISHED)


def test_drain_search_outbox_twice_changes_nothing_more(app, db):
    job = factories.published_job(factories.employer_user())
    assert sync.pending_count() > 0
    assert drain_search_outbox.call_local() > 0
    assert sync.pending_count() == 0
    wait_for_index()
    index = search.index_client().index(search.index_uid)
    assert index.get_document(job.id).id == job.id
    assert drain_search_outbox.call_local() == 0
    assert index.get_stats().number_of_documents == 1


def test_send_pending_mail_twice_sends_once(app, db, mailbox):
    message = _mail(subject="Swept once")
    _db.session.info.pop(mail_services.PENDING)  # as if the enqueue was lost
    _db.session.commit()
    assert send_pending_mail.call_local() == (1, 0)
    assert send_pending_mail.call_local() == (0, 0)
    assert [m.message["Subject"] for m in mailbox.messages] == ["Swept once"]
    assert _sent_at(message.id) is not None


# -- the queue down ----------------------------------------------------------------------------------------


def test_queue_down_commit_succeeds_and_the_sweep_sends_later(app, db, mailbox, tmp_path, caplog):
    huey.immediate = False
    huey.storage = SqliteStorage("careers", filename=str(tmp_path / "no" / "such" / "dir" / "q.db"),
                                 create_tables=False)
    try:
        with caplog.at_level(logging.ERROR, logger="careers.queue"):
            message = _mail(subject="Queue was down")
            _db.session.commit()  # the enqueue fails after the commit: logged, not raised
        assert any("could not enqueue" in r.getMessage() for r in caplog.records)
    finally:
        huey.immediate = True
    assert mailbox.messages == [] and _sent_at(message.id) is None
    assert send_pending_mail.call_local() == (1, 0)
    assert [m.message["Subject"] for m in mailbox.messages] == ["Queue was down"]


# -- end to end ----------------------------------------------------------------------------------------------


def test_registering_puts_a_verification_mail_in_the_mail_folder_within_seconds(client, db, mailbox,
                                                                                   consumer_thread):
    """What `make run` promises: the request enqueues, the consumer sends, the catcher saves an .eml file."""
    response = client.post("/register/coder", data={
        "full_name": "Rae Coder", "email": "rae@mail.example", "password": "quiet harbor lantern 42",
        "confirm": "quiet harbor lantern 42"})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    [received] = mailbox.wait_for(1)
    assert received.rcpt_tos == ["rae@mail.example"] and "http://localhost/verify/" in received.text
    [eml] = mailbox.directory.glob("*.eml")
    assert b"To: rae@mail.example" in eml.read_bytes()

"""Search benchmark: engine vs app over HTTP vs SQL fallback, reindex time, publish-to-searchable.

    .venv/bin/python bench/search.py [--jobs 100000] [--queries 300] [--db sqlite|postgres]

Everything runs in temp dirs (instance + SQLite file, or a fresh PostgreSQL database created and dropped)
with a private Meilisearch on a free port (data dir on /dev/shm when it exists). See bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    CORES,
    ROOT,
    LoadSampler,
    Meili,
    batch_seconds,
    describe_mix,
    loadavg,
    machine,
    phase,
    query_mix,
    summary,
    table,
    task_times,
    write_results,
)

HOST = "127.0.0.1"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
WERKZEUG_MAIN = """
import logging, sys
from werkzeug.serving import run_simple
from app import app
logging.getLogger("werkzeug").setLevel(logging.WARNING)
run_simple("127.0.0.1", int(sys.argv[1]), app, threaded=True, use_reloader=False, use_debugger=False)
"""


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S} load {os.getloadavg()[0]:.2f}] {msg}", file=sys.stderr, flush=True)


# -- HTTP clients -----------------------------------------------------------------------------------


class Fresh:
    """A new TCP connection per request (http.client, Connection: close)."""

    label = "fresh conn"

    def __init__(self, port: int) -> None:
        self.port = port

    def get(self, path: str) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            conn.request("GET", path, headers={"Connection": "close"})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def close(self) -> None:
        pass


class KeepAlive:
    """One persistent http.client connection (HTTP/1.1 keep-alive); reconnects if the server closed it."""

    label = "keep-alive http.client"

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None
        self.reconnects = 0

    def get(self, path: str) -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            try:
                self.conn.request("GET", path)
                resp = self.conn.getresponse()
                body = resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
                return resp.status, body
            except (http.client.RemoteDisconnected, ConnectionError, http.client.BadStatusLine):
                self.close()
                self.reconnects += 1
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class SessionClient:
    """requests.Session (urllib3 pool, keep-alive)."""

    label = "keep-alive requests"

    def __init__(self, port: int) -> None:
        import requests

        self.base = f"http://{HOST}:{port}"
        self.session = requests.Session()

    def get(self, path: str) -> tuple[int, bytes]:
        resp = self.session.get(self.base + path, timeout=60)
        return resp.status_code, resp.content

    def close(self) -> None:
        self.session.close()


# -- servers ----------------------------------------------------------------------------------------


class AppServer:
    """The app served by gunicorn (2 gthread workers x 4 threads) or werkzeug's threaded server, as a subprocess."""

    def __init__(self, kind: str, env: dict[str, str], logdir: Path) -> None:
        from bench.common import free_port

        self.kind, self.env, self.port = kind, env, free_port()
        self.logfile = logdir / f"{kind}-{self.port}.log"
        self.proc: subprocess.Popen | None = None
        self.cold_ms: list[float] = []

    def start(self) -> AppServer:
        if self.kind.startswith("gunicorn"):
            cmd = [str(Path(sys.executable).parent / "gunicorn"), "app:app", "-b", f"{HOST}:{self.port}",
                   "-w", "2", "-k", "gthread", "--threads", "4", "--keep-alive", "60", "--log-level", "warning"]
        else:
            cmd = [sys.executable, "-c", WERKZEUG_MAIN, str(self.port)]
        with open(self.logfile, "ab") as out:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 90
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.kind} exited {self.proc.returncode}; see {self.logfile}")
            try:
                started = time.perf_counter()
                status, _ = Fresh(self.port).get("/api/v1/jobs?per_page=1")
                if status == 200:
                    self.cold_ms.append((time.perf_counter() - started) * 1000)
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.kind} did not answer in 90 s; see {self.logfile}")
            time.sleep(0.2)
        # The first request of each worker resolves the scoped keys and compiles templates: time a few more
        # cold-ish ones so both gunicorn workers have been hit, then leave them warm.
        for path in ("/jobs", "/api/v1/jobs", "/jobs", "/api/v1/jobs?q=coder", "/jobs?q=coder"):
            started = time.perf_counter()
            Fresh(self.port).get(path)
            self.cold_ms.append((time.perf_counter() - started) * 1000)
        return self

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group holds only this server and its workers
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)
        except ProcessLookupError:
            pass


# -- database ---------------------------------------------------------------------------------------


class Database:
    def __init__(self, kind: str, instance: Path, pg_base: str) -> None:
        self.kind = kind
        self.name = f"careers_bench_{os.getpid()}"
        if kind == "sqlite":
            self.url = f"sqlite:///{instance / 'bench.sqlite3'}"
            self.admin_url = None
        else:
            from sqlalchemy import make_url

            base = make_url(pg_base)
            self.admin_url = base
            self.url = base.set(database=self.name).render_as_string(hide_password=False)

    def create(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _admin(self, *statements: str) -> None:
        """Run statements on the server's maintenance database (PostgreSQL only; SQLite needs none)."""
        if self.admin_url is None:
            return
        from sqlalchemy import create_engine, text

        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
        admin.dispose()


# -- the benchmark ----------------------------------------------------------------------------------


def qs(args: list[tuple[str, str]]) -> str:
    return urlencode(args)


def is_degraded(endpoint: str, body: bytes) -> bool:
    if endpoint == "api":
        return bool(json.loads(body).get("degraded"))
    return b'id="degraded-notice"' in body


def run(opts: argparse.Namespace) -> dict[str, Any]:
    record: dict[str, Any] = {
        "benchmark": "bench/search.py",
        "started": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "options": vars(opts).copy(),
        "loadavg_start": loadavg(),
    }
    sampler = LoadSampler().start()
    instance = Path(tempfile.mkdtemp(prefix="careers-bench-instance-"))
    database = Database(opts.db, instance, opts.pg_url)
    meili = Meili()
    servers: list[AppServer] = []
    app = None
    try:
        meili.start()
        record["meilisearch"] = {"version": meili.version(), "data_dir": str(meili.data_dir)}
        database.create()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MEILI_", "CAREERS_", "DATABASE_URL"))}
        env.update({
            "CAREERS_INSTANCE_PATH": str(instance),
            "DATABASE_URL": database.url,
            "SECRET_KEY": "bench-secret",
            "MEILI_URL": meili.url,
            "MEILI_INDEX": "jobs",
            "MEILI_MASTER_KEY_FILE": str(meili.key_file),
            "SEARCH_SYNC_ON_COMMIT": "1",
            # The bench is one client sending hundreds of API requests a minute; the API's per-address limit
            # (careers/limits.py) would answer most of them 429.
            "RATELIMIT_ENABLED": "0",
        })
        os.environ.update(env)  # careers.config reads the environment when first imported, below

        from flask_migrate import upgrade
        from werkzeug.datastructures import MultiDict

        from careers import create_app
        from careers.extensions import db, search
        from careers.search import sync
        from careers.search.engine import ensure_keys
        from careers.search.params import parse
        from careers.search.query import build_queries
        from careers.search.service import search_jobs

        app = create_app({"PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
        per_page = app.config["JOBS_PER_PAGE"]
        with app.app_context():
            upgrade()

        # -- seed -------------------------------------------------------------------------------
        log(f"seeding {opts.jobs:,} jobs into {opts.db} ...")
        with phase(record, "seed", sampler) as ph, app.app_context():
            from careers.demo.seed import seed_board

            report = seed_board(db.session, jobs=opts.jobs, progress=sys.stderr.isatty())
            ph["jobs_published"] = opts.jobs
            ph["jobs_total"] = report.total_jobs
            ph["job_tags"] = report.job_tags
        log(f"seeded in {record['phases']['seed']['seconds']} s")

        # -- the Python side of a reindex alone (no Meilisearch): DB read + job_document + JSON ----------
        log("documents only (what reindex does before each POST) ...")
        with phase(record, "documents_only", sampler) as ph, app.app_context():
            ph.update(documents_only())

        # -- reindex ----------------------------------------------------------------------------
        master = meili.master_key()
        log("reindex ...")
        marks: list[tuple[float, int]] = []
        with phase(record, "reindex", sampler) as ph, app.app_context():
            first_task = (meili.get("/tasks?limit=1").get("results") or [{"uid": -1}])[0]["uid"]
            search.reset()
            t0 = time.perf_counter()
            rep = sync.reindex(progress=lambda done, total: marks.append((time.perf_counter() - t0, done)))
            ph["reindex_seconds"] = round(rep.seconds, 2)
            ph["documents"] = rep.documents
            ph["python_side_seconds"] = round(marks[-1][0], 2) if marks else None  # DB read + documents + POSTs
            tasks = [t for t in meili.get("/tasks?limit=1000").get("results", []) if t["uid"] > first_task]
            adds = [t for t in tasks if t["type"] == "documentAdditionOrUpdate"]
            ph["meili_tasks"] = len(adds)
            ph["meili_processing_seconds_sum"] = batch_seconds(adds)
            ph["meili_batches"] = len({t.get("batchUid") for t in adds})
            by_type: dict[str, dict[str, float]] = {}
            for kind in sorted({t["type"] for t in tasks}):
                of_kind = [t for t in tasks if t["type"] == kind]
                by_type[kind] = {"count": len(of_kind), "processing_s": batch_seconds(of_kind)}
            ph["meili_tasks_by_type"] = by_type
            ph["progress_marks"] = [(round(t, 2), d) for t, d in marks]
            stats = meili.get("/stats")
            ph["database_size_mb"] = round(stats.get("databaseSize", 0) / 2**20, 1)
            ph["used_database_size_mb"] = round(stats.get("usedDatabaseSize", 0) / 2**20, 1)
        log(f"reindexed {rep.documents:,} documents in {rep.seconds:.1f} s")

        search_key, _index_key = ensure_keys(meili.url, master, "jobs")

        # -- servers ----------------------------------------------------------------------------
        logdir = instance / "logs"
        logdir.mkdir()
        for kind in opts.servers:
            log(f"starting {kind} ...")
            servers.append(AppServer(kind, env, logdir).start())
        record["cold_requests_ms"] = {s.kind: [round(x, 1) for x in s.cold_ms] for s in servers}

        mix = query_mix(opts.queries, seed=42)
        record["query_mix"] = describe_mix(mix)
        parsed = [parse(MultiDict(args), per_page) for args in mix]

        # -- (a) + (b): engine, interleaved ------------------------------------------------------
        import meilisearch

        sdk = meilisearch.Client(meili.url, search_key, timeout=30)
        meili_port = meili.port
        raw = http.client.HTTPConnection(HOST, meili_port, timeout=60)
        raw_headers = {"Authorization": f"Bearer {search_key}", "Content-Type": "application/json"}

        def a_sdk(i: int) -> tuple[float, dict[str, Any]]:
            queries = build_queries(parsed[i], "jobs")
            started = time.perf_counter()
            out = sdk.multi_search(queries)
            return (time.perf_counter() - started) * 1000, out

        def a_raw(i: int) -> tuple[float, dict[str, Any]]:
            nonlocal raw
            body = json.dumps({"queries": build_queries(parsed[i], "jobs")})
            started = time.perf_counter()
            try:
                raw.request("POST", "/multi-search", body=body, headers=raw_headers)
                resp = raw.getresponse()
                data = resp.read()
            except (http.client.RemoteDisconnected, ConnectionError):
                raw.close()
                raw = http.client.HTTPConnection(HOST, meili_port, timeout=60)
                raw.request("POST", "/multi-search", body=body, headers=raw_headers)
                data = raw.getresponse().read()
            return (time.perf_counter() - started) * 1000, json.loads(data)

        variants: list[tuple[str, Any]] = [("a meili SDK (conn per call)", a_sdk),
                                           ("a meili keep-alive http.client", a_raw)]
        clients: list[Any] = []
        for server in servers:
            for cls in (Fresh, KeepAlive, SessionClient):
                client = cls(server.port)
                clients.append(client)
                for endpoint, path in (("api", "/api/v1/jobs"), ("page", "/jobs")):
                    name = f"b {server.kind} {'GET /api/v1/jobs' if endpoint == 'api' else 'GET /jobs'} {cls.label}"

                    def call(i: int, client: Any = client, path: str = path, endpoint: str = endpoint) -> Any:
                        url = f"{path}?{qs(mix[i])}" if mix[i] else path
                        started = time.perf_counter()
                        status, body = client.get(url)
                        ms = (time.perf_counter() - started) * 1000
                        return ms, (status, body, endpoint)

                    variants.append((name, call))

        times: dict[str, dict[int, float]] = defaultdict(dict)
        degraded: dict[str, int] = defaultdict(int)
        errors: dict[str, int] = defaultdict(int)
        sizes: dict[str, list[int]] = defaultdict(list)
        processing: list[float] = []
        mismatches = 0
        log(f"engine phase: {len(mix)} queries x {len(variants)} variants, interleaved ...")
        with phase(record, "engine", sampler):
            for i in range(min(opts.warmup, len(mix))):  # warm every path (not recorded)
                for _name, fn in variants:
                    fn(i)
            for i in range(len(mix)):
                order = variants[i % len(variants):] + variants[:i % len(variants)]
                totals: dict[str, int] = {}
                for name, fn in order:
                    ms, out = fn(i)
                    if name.startswith("a "):
                        times[name][i] = ms
                        if name.startswith("a meili SDK"):
                            processing.append(sum(r.get("processingTimeMs", 0) for r in out["results"]))
                            totals["a"] = out["results"][0].get("totalHits")
                        continue
                    status, body, endpoint = out
                    sizes[name].append(len(body))
                    if status != 200:
                        errors[name] += 1
                        continue
                    if is_degraded(endpoint, body):
                        degraded[name] += 1
                        continue
                    times[name][i] = ms
                    if endpoint == "api" and "api" not in totals:
                        totals["api"] = json.loads(body)["total"]
                if "a" in totals and "api" in totals and totals["a"] != totals["api"]:
                    mismatches += 1
        raw.close()
        for c in clients:
            c.close()
        record["engine"] = {
            name: {**summary(times[name].values()), "degraded": degraded.get(name, 0), "errors": errors.get(name, 0),
                   "bytes_mean": round(sum(sizes[name]) / len(sizes[name])) if sizes.get(name) else None}
            for name, _ in variants
        }
        record["engine_processing_time_ms"] = summary(processing)
        record["engine_total_mismatches"] = mismatches
        record["keepalive_reconnects"] = sum(getattr(c, "reconnects", 0) for c in clients)

        # -- keep-alive probe: bigger responses, every client kind ------------------------------
        log("keep-alive / Nagle probe ...")
        with phase(record, "nagle_probe", sampler):
            record["nagle_probe"] = nagle_probe(servers, opts.probe)

        # -- in-process breakdown ----------------------------------------------------------------
        log("in-process breakdown ...")
        inproc: dict[str, list[float]] = defaultdict(list)
        with phase(record, "inprocess", sampler), app.app_context():
            search.reset()
            tc = app.test_client()
            with app.test_request_context("/jobs"):
                started = time.perf_counter()
                for _ in range(200):
                    search.search_client()
                inproc_client_ms = (time.perf_counter() - started) * 1000 / 200
            for i in range(len(mix)):
                with app.test_request_context("/jobs"):
                    started = time.perf_counter()
                    result = search_jobs(parsed[i])
                    if not result.degraded:
                        inproc["search_jobs() engine path"].append((time.perf_counter() - started) * 1000)
                url = f"?{qs(mix[i])}" if mix[i] else ""
                for path in ("/api/v1/jobs", "/jobs"):
                    label = f"test_client GET {path}"
                    started = time.perf_counter()
                    resp = tc.get(path + url)
                    ms = (time.perf_counter() - started) * 1000
                    if resp.status_code == 200 and not is_degraded("api" if "api" in path else "page", resp.data):
                        inproc[label].append(ms)
        record["inprocess"] = {k: summary(v) for k, v in inproc.items()}
        record["inprocess"]["search_client() construction ms"] = round(inproc_client_ms, 3)

        # -- (c) SQL fallback ------------------------------------------------------------------
        log(f"SQL fallback: up to {len(mix)} queries or {opts.fallback_budget} s ...")
        fallback: list[float] = []
        with phase(record, "fallback", sampler), app.app_context():
            app.extensions["search"].down_until = float("inf")  # the breaker open: search_jobs() uses SQL
            with app.test_request_context("/jobs"):
                for i in range(min(3, len(mix))):  # warm the page cache and the ZIP table (not recorded)
                    search_jobs(parsed[i])
                budget_end = time.monotonic() + opts.fallback_budget
                for i in range(len(mix)):
                    if time.monotonic() > budget_end:
                        break
                    started = time.perf_counter()
                    result = search_jobs(parsed[i])
                    fallback.append((time.perf_counter() - started) * 1000)
                    assert result.degraded
            search.reset()
        n_fallback = len(fallback)
        record["fallback_inprocess"] = summary(fallback)
        # (b) over the same queries, for a like-for-like ratio when the budget cut the fallback short
        record["engine_same_queries_as_fallback"] = {
            name: summary(ms for i, ms in t.items() if i < n_fallback) for name, t in times.items()}
        slowest = sorted(range(len(fallback)), key=lambda i: -fallback[i])[:5]
        record["fallback_slowest"] = [{"ms": round(fallback[i], 1), "query": qs(mix[i])} for i in slowest]

        if opts.fallback_http:
            log("SQL fallback over HTTP (gunicorn with MEILI_URL empty) ...")
            env_sql = {**env, "MEILI_URL": ""}
            server = AppServer("gunicorn-sql", env_sql, logdir).start()
            servers.append(server)
            http_fb: dict[str, list[float]] = defaultdict(list)
            with phase(record, "fallback_http", sampler):
                fresh = Fresh(server.port)
                for i in range(min(n_fallback, opts.fallback_http_queries)):
                    for path in ("/api/v1/jobs",):
                        url = f"{path}?{qs(mix[i])}" if mix[i] else path
                        started = time.perf_counter()
                        status, body = fresh.get(url)
                        ms = (time.perf_counter() - started) * 1000
                        if status == 200:
                            http_fb[f"c gunicorn GET {path} fresh conn (SQL)"].append(ms)
            server.stop()
            record["fallback_http"] = {k: summary(v) for k, v in http_fb.items()}

        # -- publish to searchable ---------------------------------------------------------------
        log(f"publish-to-searchable: {opts.publish} jobs ...")
        gunicorn = next((s for s in servers if s.kind == "gunicorn"), servers[0])
        with phase(record, "publish", sampler), app.app_context():
            search.reset()
            record["publish"] = publish_to_searchable(opts.publish, gunicorn.port, meili, app)

        record["ratios"] = ratios(record)
    finally:
        for server in servers:
            server.stop()
        meili.stop()
        if app is not None:
            from careers.extensions import db as _db

            with app.app_context():
                _db.session.remove()
                _db.engine.dispose()
        database.drop()
        sampler.stop()
        record["loadavg_end"] = loadavg()
        if opts.keep:
            log(f"kept {instance} and {meili.data_dir}")
        else:
            shutil.rmtree(instance, ignore_errors=True)
            shutil.rmtree(meili.data_dir, ignore_errors=True)
    return record


def documents_only(batch: int = 5000) -> dict[str, Any]:
    """Read every visible job as sync.reindex does (documents.iter_documents, GC paused) and encode it,
    timing each part: the streamed jobs scan, the aggregated tag query, building, orjson."""
    import orjson
    from sqlalchemy.orm import Session

    from careers.extensions import db
    from careers.jobs.models import Job
    from careers.jobs.services import visible_jobs
    from careers.search import documents
    from careers.search.sync import _gc_paused

    read = tags_s = build = dump = 0.0
    done = size = 0
    with Session(db.engine) as session, _gc_paused():
        t0 = time.perf_counter()
        result = session.execute(
            documents._document_rows(visible_jobs().order_by(Job.id)), execution_options={"yield_per": batch}
        )
        read += time.perf_counter() - t0
        while True:
            t0 = time.perf_counter()
            rows = result.fetchmany(batch)
            t1 = time.perf_counter()
            read += t1 - t0
            if not rows:
                break
            tags = documents._tags_of(session, sorted(r.id for r in rows))
            t2 = time.perf_counter()
            docs = [documents.build_document(r, r.name, tags.get(r.id, documents._NO_TAGS)) for r in rows]
            t3 = time.perf_counter()
            size += len(orjson.dumps(docs))
            t4 = time.perf_counter()
            tags_s, build, dump = tags_s + t2 - t1, build + t3 - t2, dump + t4 - t3
            done += len(rows)
    return {"documents": done, "db_read_s": round(read, 2), "tags_s": round(tags_s, 2),
            "job_document_s": round(build, 2), "json_s": round(dump, 2), "json_mb": round(size / 2**20, 1)}


def nagle_probe(servers: list[AppServer], n: int) -> dict[str, Any]:
    """The same request n times per client kind, interleaved: does keep-alive add a flat ~40 ms on big bodies?"""
    paths = {"api per_page=20": "/api/v1/jobs", "api per_page=50": "/api/v1/jobs?per_page=50",
             "page per_page=20": "/jobs", "page per_page=50": "/jobs?per_page=50"}
    out: dict[str, Any] = {}
    for server in servers:
        clients = [cls(server.port) for cls in (Fresh, KeepAlive, SessionClient)]
        for label, path in paths.items():
            got: dict[str, list[float]] = defaultdict(list)
            size = 0
            for k in range(n + 3):
                for c in clients[k % 3:] + clients[:k % 3]:
                    started = time.perf_counter()
                    _status, body = c.get(path)
                    if k >= 3:
                        got[c.label].append((time.perf_counter() - started) * 1000)
                    size = len(body)
            out[f"{server.kind} {label} ({size // 1024} KiB)"] = {c: summary(v) for c, v in got.items()}
        for c in clients:
            c.close()
    return out


def publish_to_searchable(n: int, port: int, meili: Meili, app: Any) -> dict[str, Any]:
    """Publish n jobs one at a time through the services (commit with SEARCH_SYNC_ON_COMMIT on) and poll the
    search API until each is found."""
    from careers.auth.services import create_admin, register_employer
    from careers.common import utcnow
    from careers.extensions import db, search
    from careers.jobs.services import JobInput, approve_job, create_job, submit_for_review
    from careers.taxonomy import (
        CodeSet,
        EmploymentType,
        ExperienceLevel,
        PayPeriod,
        Specialty,
        WorkMode,
        WorkSetting,
    )

    assert app.config["SEARCH_SYNC_ON_COMMIT"]
    employer = register_employer("bench-employer@bench.example", "bench-password-1", "Bench Health", "Bench")
    admin = create_admin("bench-admin@bench.example", "bench-password-1")
    employer.email_verified_at = admin.email_verified_at = utcnow()  # postings need a verified employer
    db.session.commit()
    poll = KeepAlive(port)
    rows: list[dict[str, Any]] = []
    letters = "abcdefghij"
    for i in range(n):
        token = "zq" + "".join(letters[int(c)] for c in f"{i:03d}") + "xv"  # a word no seeded job has
        data = JobInput(
            title=f"Remote Pathology Coder {token}", description_md="Code surgical pathology cases.\n\nCPC required.",
            specialties=[Specialty.PATHOLOGY.value], required_credentials=["CPC"], preferred_credentials=[],
            code_sets=[CodeSet.CPT.value], work_setting=WorkSetting.LABORATORY.value, work_mode=WorkMode.REMOTE.value,
            remote_states=[], employment_type=EmploymentType.FULL_TIME.value,
            experience_level=ExperienceLevel.MID.value, apprentice_welcome=False, pay_min=Decimal("24.00"),
            pay_max=Decimal("31.50"), pay_period=PayPeriod.HOUR.value, city="Columbus", state="OH",
            zip_code="43215", apply_by=date.today() + timedelta(days=30),
        )
        last_uid = (meili.get("/tasks?limit=1").get("results") or [{"uid": -1}])[0]["uid"]
        t_draft = time.perf_counter()
        job = create_job(employer, data)
        db.session.commit()
        submit_for_review(job, employer)
        db.session.commit()
        t0 = time.perf_counter()
        approve_job(job, admin)
        db.session.commit()  # after_commit pushes the outbox (MEILI_PUSH_TIMEOUT)
        t_committed = time.perf_counter()
        found, polls = None, 0
        while time.perf_counter() - t0 < 30:
            polls += 1
            status, body = poll.get(f"/api/v1/jobs?q={token}&sort=newest&per_page=50")
            if status == 200 and any(h["id"] == job.id for h in json.loads(body)["hits"]):
                found = time.perf_counter()
                break
            time.sleep(0.005)
        tasks = [t for t in meili.get("/tasks?limit=20").get("results", []) if t["uid"] > last_uid]
        tasks.sort(key=lambda t: t["uid"])
        add = next((t for t in reversed(tasks) if t["type"] == "documentAdditionOrUpdate"), None)
        trace = {}
        if add and add.get("batchUid") is not None:  # where Meilisearch spent the time (steps >= 20 ms)
            steps = meili.get(f"/batches/{add['batchUid']}").get("stats", {}).get("progressTrace", {})
            trace = {k: v for k, v in steps.items() if v.endswith("s") and not v.endswith(("µs", "ns"))
                     and (not v.endswith("ms") or float(v[:-2]) >= 20)}
        rows.append({
            "job_id": job.id,
            "draft_and_submit_ms": round((t0 - t_draft) * 1000, 1),
            "approve_commit_ms": round((t_committed - t0) * 1000, 1),
            "visible_ms": round((found - t0) * 1000, 1) if found else None,
            "polls": polls,
            "tasks": [f"{t['type']}:{t['status']}:{task_times(t).get('processing_ms')}ms" for t in tasks],
            "add_batch_trace": trace,
            "add_task": task_times(add) if add else None,
            "breaker_open": not search.available(),
        })
        search.reset()
    poll.close()
    visible = [r["visible_ms"] for r in rows if r["visible_ms"] is not None]
    add_tasks = [r["add_task"] for r in rows if r["add_task"]]
    return {
        "jobs": n,
        "found": len(visible),
        "visible_ms": summary(visible),
        "approve_commit_ms": summary([r["approve_commit_ms"] for r in rows]),
        "draft_and_submit_ms": summary([r["draft_and_submit_ms"] for r in rows]),
        "add_task_queued_ms": summary([t["queued_ms"] for t in add_tasks if "queued_ms" in t]),
        "add_task_processing_ms": summary([t["processing_ms"] for t in add_tasks if "processing_ms" in t]),
        "tasks_per_publish": summary([len(r["tasks"]) for r in rows]),
        "rows": rows,
    }


def ratios(record: dict[str, Any]) -> dict[str, Any]:
    eng = record["engine"]
    a = eng["a meili SDK (conn per call)"]["p95"]
    out: dict[str, Any] = {"a_p95_ms": a}
    for name, s in eng.items():
        if name.startswith("b ") and s.get("n"):
            out[f"{name} p95 / a p95"] = round(s["p95"] / a, 2)
    b_name = next((n for n in eng if n.startswith("b gunicorn GET /api/v1/jobs fresh")), None) or next(
        n for n in eng if n.startswith("b ") and "api" in n)
    c = record["fallback_inprocess"]["p95"]
    b_same = record["engine_same_queries_as_fallback"][b_name]["p95"]
    out["c_vs_b"] = {"b": b_name, "b_p95_ms": b_same, "c_p95_ms": c, "queries": record["fallback_inprocess"]["n"],
                     "c p95 / b p95": round(c / b_same, 1)}
    return out


def print_report(r: dict[str, Any]) -> None:
    p = r["phases"]
    print(f"\nCodeCareers search benchmark — {r['started']} — {r['machine']['cores']} cores ({r['machine']['cpu']}), "
          f"{r['options']['db']}, Meilisearch {r['meilisearch']['version']}")
    print(f"load average at start {r['loadavg_start']}, at end {r['loadavg_end']}\n")
    rows = [[name, s["seconds"], s["load1_mean"], s["load1_max"]] for name, s in p.items()]
    print(table(["phase", "seconds", "load1 mean", "load1 max"], rows))
    ri = p["reindex"]
    print(f"\nseed: {p['seed']['jobs_published']:,} published jobs ({p['seed']['jobs_total']:,} jobs, "
          f"{p['seed']['job_tags']:,} tags) in {p['seed']['seconds']} s")
    print(f"reindex: {ri['documents']:,} documents in {ri['reindex_seconds']} s (target < 30 s for 100k); "
          f"Python side (DB read + documents + POST) {ri['python_side_seconds']} s; "
          f"Meilisearch processing {ri['meili_processing_seconds_sum']} s ({ri['meili_tasks']} tasks in "
          f"{ri.get('meili_batches')} batches); "
          f"database {ri['database_size_mb']} MB")
    do = p["documents_only"]
    print(f"  Python side alone (no engine): jobs scan {do['db_read_s']} s + tags {do.get('tags_s', '-')} s + "
          f"documents {do['job_document_s']} s + "
          f"JSON {do['json_s']} s for {do['documents']:,} documents ({do['json_mb']} MB)")
    print("  Meilisearch tasks:", ", ".join(f"{k} x{v['count']} {v['processing_s']} s"
                                         for k, v in ri["meili_tasks_by_type"].items()), "\n")
    rows = []
    for name, s in r["engine"].items():
        rows.append([name, s.get("p50"), s.get("p95"), s.get("p99"), s.get("n"), s["degraded"], s["errors"],
                     s["bytes_mean"]])
    for name, s in r["inprocess"].items():
        if isinstance(s, dict):
            rows.append([f"in-process {name}", s.get("p50"), s.get("p95"), s.get("p99"), s.get("n"), "", "", ""])
    fb = r["fallback_inprocess"]
    rows.append(["c SQL fallback search_jobs() in-process", fb["p50"], fb["p95"], fb["p99"], fb["n"], "", "", ""])
    for name, s in (r.get("fallback_http") or {}).items():
        rows.append([name, s["p50"], s["p95"], s["p99"], s["n"], "", "", ""])
    print(table(["latency ms", "p50", "p95", "p99", "n", "degraded", "errors", "bytes"], rows))
    print(f"(Meilisearch processingTimeMs summed over a multi-search: {r['engine_processing_time_ms']}; "
          f"search_client() construction {r['inprocess']['search_client() construction ms']} ms; "
          f"engine/API total mismatches {r['engine_total_mismatches']}; keep-alive reconnects "
          f"{r['keepalive_reconnects']})")
    print("cold requests after start (ms):", r["cold_requests_ms"])
    ra = r["ratios"]
    print("\nratios (p95):")
    for k, v in ra.items():
        if k.startswith("b "):
            print(f"  {k}: {v}x  (target <= 2x)")
    cb = ra["c_vs_b"]
    print(f"  (c) fallback {cb['c_p95_ms']} ms / (b) {cb['b'][2:]} {cb['b_p95_ms']} ms = {cb['c p95 / b p95']}x "
          f"over the first {cb['queries']} queries (target >= 10x)")
    print("\nkeep-alive probe (p50 / p95 ms):")
    rows = []
    for name, by_client in r["nagle_probe"].items():
        rows.append([name, *(f"{s['p50']:.1f} / {s['p95']:.1f}" for s in by_client.values())])
    print(table(["request", *next(iter(r["nagle_probe"].values())).keys()], rows))
    pub = r["publish"]
    print(f"\npublish-to-searchable ({pub['found']}/{pub['jobs']} found): p50 {pub['visible_ms'].get('p50')} ms, "
          f"p95 {pub['visible_ms'].get('p95')} ms (target p50 < 1000 ms); approve commit (incl. push) p50 "
          f"{pub['approve_commit_ms']['p50']} ms; add task queued p50 {pub['add_task_queued_ms'].get('p50')} ms, "
          f"processing p50 {pub['add_task_processing_ms'].get('p50')} ms p95 "
          f"{pub['add_task_processing_ms'].get('p95')} ms; Meilisearch tasks per publish "
          f"{pub['tasks_per_publish'].get('p50')}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=100_000, help="published jobs to seed (default 100,000)")
    ap.add_argument("--queries", type=int, default=300, help="queries in the fixed mix (default 300)")
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--pg-url", default=PG_DEFAULT, help="PostgreSQL server (a database is created and dropped)")
    ap.add_argument("--servers", default="gunicorn,werkzeug",
                    help="comma-separated: gunicorn (2 gthread workers) and/or werkzeug (threaded)")
    ap.add_argument("--warmup", type=int, default=10, help="queries run first, unrecorded (default 10)")
    ap.add_argument("--fallback-budget", type=float, default=600,
                    help="seconds for the in-process fallback; it runs the mix in order until then (default 600)")
    ap.add_argument("--fallback-http", action=argparse.BooleanOptionalAction, default=True,
                    help="also time the fallback over HTTP (gunicorn with MEILI_URL empty)")
    ap.add_argument("--fallback-http-queries", type=int, default=50,
                    help="queries for the fallback over HTTP (the first of the mix; default 50)")
    ap.add_argument("--probe", type=int, default=30, help="requests per client kind in the keep-alive probe")
    ap.add_argument("--publish", type=int, default=20, help="jobs for publish-to-searchable (default 20)")
    ap.add_argument("--keep", action="store_true", help="keep the temp dirs")
    ap.add_argument("--no-json", action="store_true", help="do not write bench/results/search-<date>.json")
    opts = ap.parse_args(argv)
    opts.servers = [s.strip() for s in opts.servers.split(",") if s.strip()]
    if CORES < 2:
        log("warning: fewer than 2 cores; figures will not compare with the README")
    try:
        record = run(opts)
    except Exception:
        traceback.print_exc()
        return 1
    print_report(record)
    if not opts.no_json:
        path = write_results("search", record)
        print(f"\nwrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

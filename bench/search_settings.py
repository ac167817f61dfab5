"""Index settings that cost or save: proximityPrecision (byWord / byAttribute) x facetSearch (on / off),
and filter features per attribute (categories equality-only vs every filter feature).

    .venv/bin/python bench/search_settings.py [--jobs 20000] [--queries 200] [--repeat 1]
        [--combos byAttribute:off,byAttribute:off:all-features]

Seeds N jobs once (careers.demo.seed into a temp SQLite file), builds their documents with job_document(),
then for each combination starts a fresh Meilisearch (data dir on /dev/shm when it exists), applies
careers.search.settings.index_settings(...), indexes the same documents in batches of 5,000 (as reindex
does), and measures: indexing time, size on disk, single-document update tasks, and p50/p95 of a fixed
query mix weighted toward multi-word queries (where proximity matters). See bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    ROOT,
    LoadSampler,
    Meili,
    batch_seconds,
    dir_size,
    loadavg,
    machine,
    phase,
    query_mix,
    summary,
    table,
    task_times,
    write_results,
)

# (proximityPrecision, facetSearch, without _geo, categories filter by equality only)
Combo = tuple[str, bool, bool, bool]
COMBOS: list[Combo] = [
    ("byWord", True, False, True), ("byWord", False, False, True), ("byAttribute", True, False, True),
    ("byAttribute", False, False, True), ("byAttribute", False, False, False),
]
BATCH = 5000
# Multi-word queries where word distance matters (titles like "Remote Senior Pathology Coder II").
PHRASES = [
    "remote pathology coder", "pathology coder", "inpatient coding specialist", "emergency department facility coder",
    "risk adjustment coder", "senior operative note coder", "evaluation management coder", "professional fee coder",
    "clinical documentation integrity specialist", "interventional radiology coder", "coding manager",
    "pathology coding manager", "remote cardiology coder", "ed professional fee coder", "obstetrics gynecology coder",
    "hcc coding auditor", "outpatient facility coder", "denials management specialist", "remote senior coder",
    "coding specialist cpc", "lab coder", "gi coding specialist", "urology coder cpc", "orthopedic surgery coder",
    "coding quality auditor", "anesthesia coding specialist", "radiology coder remote", "inpatient drg validator",
    "medical coder entry level", "coder team lead", "oncology coder remote", "surgical coder ii",
    "remote apprentice coder", "coding educator", "facility coder emergency", "pro fee auditor remote",
]


def combo_name(precision: str, facet_search: bool, no_geo: bool = False, equality_only: bool = True) -> str:
    return (f"{precision} facetSearch={'on' if facet_search else 'off'}" + (" without _geo" if no_geo else "")
            + ("" if equality_only else " all filter features"))


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S} load {os.getloadavg()[0]:.2f}] {msg}", file=sys.stderr, flush=True)


def settings_mix(n: int, per_page: int) -> list[Any]:
    """Half phrase queries (relevance order, sometimes a filter), half the board's general mix (seed 42)."""
    from werkzeug.datastructures import MultiDict

    from careers.search.params import parse
    from careers.taxonomy import WorkMode

    rng = random.Random(42)
    out = []
    n_phrases = n // 2
    for k in range(n_phrases):
        args = [("q", PHRASES[k % len(PHRASES)])]
        if rng.random() < 0.4:
            args.append(("work_mode", rng.choice(WorkMode.values())))
        if rng.random() < 0.2:
            args.append(("page", "2"))
        out.append(parse(MultiDict(args), per_page))
    out += [parse(MultiDict(args), per_page) for args in query_mix(n - n_phrases, seed=42)]
    return out


def build_documents(n_jobs: int, instance: Path) -> tuple[list[dict[str, Any]], float]:
    from flask_migrate import upgrade

    from careers import create_app
    from careers.demo.seed import seed_board
    from careers.extensions import db
    from careers.jobs.models import Job
    from careers.jobs.services import visible_jobs
    from careers.search.documents import load_documents

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'settings.sqlite3'}", "MEILI_URL": ""})
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        seed_board(db.session, jobs=n_jobs, progress=sys.stderr.isatty())
        seed_s = time.perf_counter() - started
        docs = load_documents(db.session, visible_jobs().order_by(Job.id))
        db.session.remove()
        db.engine.dispose()
    return docs, seed_s


def post(conn: http.client.HTTPConnection, path: str, body: Any, key: str, method: str = "POST") -> Any:
    conn.request(method, path, body=json.dumps(body),
                 headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    resp = conn.getresponse()
    data = resp.read()
    if resp.status >= 400:
        raise RuntimeError(f"{method} {path}: {resp.status} {data[:300]!r}")
    return json.loads(data) if data else None


def wait_task(meili: Meili, uid: int, key: str, timeout: float = 1800) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        task = meili.get(f"/tasks/{uid}", key)
        if task["status"] in ("succeeded", "failed", "canceled"):
            if task["status"] != "succeeded":
                raise RuntimeError(f"task {uid} {task['status']}: {task.get('error')}")
            return task
        if time.monotonic() > deadline:
            raise RuntimeError(f"task {uid} still {task['status']} after {timeout} s")
        time.sleep(0.02)


def measure_combo(precision: str, facet_search: bool, docs: list[dict[str, Any]], mix: list[Any],
                  singles: int, no_geo: bool = False, equality_only: bool = True) -> dict[str, Any]:
    from careers.search.query import build_queries
    from careers.search.settings import index_settings

    settings = index_settings(precision, facet_search, equality_only)
    if no_geo:  # diagnosis only: what the _geo field costs a single-document update (distance search is lost)
        docs = [{k: v for k, v in d.items() if k != "_geo"} for d in docs]
        settings["filterableAttributes"] = [a for a in settings["filterableAttributes"] if a != "_geo"]
        settings["sortableAttributes"] = [a for a in settings["sortableAttributes"] if a != "_geo"]
        mix = [p for p in mix if p.origin is None]

    meili = Meili().start()
    try:
        key = meili.master_key()
        conn = http.client.HTTPConnection("127.0.0.1", meili.port, timeout=600)
        out: dict[str, Any] = {"proximityPrecision": precision, "facetSearch": facet_search, "geo": not no_geo,
                               "categories_equality_only": equality_only}
        wait_task(meili, post(conn, "/indexes", {"uid": "jobs", "primaryKey": "id"}, key)["taskUid"], key)
        started = time.perf_counter()
        wait_task(meili, post(conn, "/indexes/jobs/settings", settings, key,
                                     "PATCH")["taskUid"], key)
        out["settings_s"] = round(time.perf_counter() - started, 2)
        # index: batches posted back to back (as sync.reindex does), then wait for the last
        started = time.perf_counter()
        uids = [post(conn, "/indexes/jobs/documents?primaryKey=id", docs[i:i + BATCH], key)["taskUid"]
                for i in range(0, len(docs), BATCH)]
        tasks = [wait_task(meili, uid, key) for uid in uids]
        out["index_wall_s"] = round(time.perf_counter() - started, 2)
        out["index_processing_s"] = batch_seconds(tasks)
        out["batches"] = len({t.get("batchUid") for t in tasks})
        stats = meili.get("/stats", key)
        out["documents"] = stats["indexes"]["jobs"]["numberOfDocuments"]
        out["database_size_mb"] = round(stats["databaseSize"] / 2**20, 1)
        out["used_database_size_mb"] = round(stats.get("usedDatabaseSize", 0) / 2**20, 1)
        out["disk_allocated_mb"] = round(dir_size(meili.db_path()) / 2**20, 1)
        # queries (keep-alive POST /multi-search, the app's requests)
        for p in mix[:10]:  # warm (not recorded)
            post(conn, "/multi-search", {"queries": build_queries(p, "jobs")}, key)
        lat, proc, top = [], [], []
        for p in mix:
            body = {"queries": build_queries(p, "jobs")}
            t0 = time.perf_counter()
            res = post(conn, "/multi-search", body, key)
            lat.append((time.perf_counter() - t0) * 1000)
            proc.append(sum(r.get("processingTimeMs", 0) for r in res["results"]))
            top.append([h["id"] for h in res["results"][0]["hits"]])
        out["query_ms"] = summary(lat)
        out["engine_processing_ms"] = summary(proc)
        phrase_n = len([p for p in mix if p.q in PHRASES])
        out["phrase_query_ms"] = summary(lat[:phrase_n])
        out["_top"] = top
        # single-document updates (what publishing a job does), one at a time
        single, geo_step = [], []
        for k in range(singles):
            doc = dict(docs[k * 37 % len(docs)], title=docs[k * 37 % len(docs)]["title"] + " (updated)")
            task = wait_task(meili, post(conn, "/indexes/jobs/documents", [doc], key)["taskUid"], key)
            single.append(task_times(task).get("processing_ms", 0))
            trace = meili.get(f"/batches/{task['batchUid']}", key).get("stats", {}).get("progressTrace", {})
            geo_step.append(_ms(trace.get("processing tasks > indexing > writing geo points", "0ms")))
        out["single_doc_task_ms"] = summary(single)
        out["single_doc_geo_step_ms"] = summary(geo_step)
        conn.close()
        return out
    finally:
        meili.cleanup()


def _ms(duration: str) -> float:
    """Meilisearch's progressTrace durations ("1.37s", "63.66ms", "81.00µs") in ms."""
    for unit, factor in (("ms", 1.0), ("µs", 1e-3), ("ns", 1e-6), ("s", 1000.0)):
        if duration.endswith(unit):
            return float(duration[: -len(unit)]) * factor
    return 0.0


def overlap(a: list[list[int]], b: list[list[int]], k: int = 10) -> float:
    """Mean share of the first k hits two runs have in common, over queries with hits."""
    shares = [len(set(x[:k]) & set(y[:k])) / max(1, min(k, len(x), len(y))) for x, y in zip(a, b, strict=True) if x]
    return round(sum(shares) / len(shares), 3) if shares else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=20_000, help="documents to index per combination (default 20,000)")
    ap.add_argument("--queries", type=int, default=200, help="queries in the mix (default 200; half phrases)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds over the four combinations (order rotates)")
    ap.add_argument("--singles", type=int, default=10, help="single-document update tasks per combination")
    ap.add_argument("--combos", default="all",
                    help="comma-separated subset, e.g. byAttribute:off,byAttribute:off:all-features "
                         "(default all five)")
    ap.add_argument("--geo-variant", action="store_true",
                    help="also index without _geo (diagnosis: what geo costs a single-document update)")
    ap.add_argument("--no-json", action="store_true")
    opts = ap.parse_args(argv)

    instance = Path(tempfile.mkdtemp(prefix="careers-bench-settings-"))
    os.environ.update({"CAREERS_INSTANCE_PATH": str(instance), "MEILI_URL": "", "SECRET_KEY": "bench-secret",
                       "DATABASE_URL": f"sqlite:///{instance / 'settings.sqlite3'}"})
    record: dict[str, Any] = {"benchmark": "bench/search_settings.py", "machine": machine(), "options": vars(opts),
                              "started": datetime.now().isoformat("T", "seconds"), "loadavg_start": loadavg()}
    sampler = LoadSampler().start()
    try:
        log(f"seeding {opts.jobs:,} jobs and building documents ...")
        with phase(record, "seed_and_documents", sampler) as ph:
            docs, seed_s = build_documents(opts.jobs, instance)
            ph["seed_s"] = round(seed_s, 1)
            ph["documents"] = len(docs)
            ph["json_mb"] = round(len(json.dumps(docs)) / 2**20, 1)
        mix = settings_mix(opts.queries, 20)
        combos: list[Combo] = list(COMBOS)
        if opts.combos != "all":
            wanted = set()
            for c in opts.combos.split(","):
                parts = c.split(":")
                wanted.add((parts[0], parts[1] == "on", False, "all-features" not in parts[2:]))
            combos = [c for c in combos if c in wanted] + [c for c in wanted if c not in combos]
        if opts.geo_variant:
            combos.append(("byAttribute", False, True, True))
        runs: dict[Combo, list[dict[str, Any]]] = defaultdict(list)
        for r in range(opts.repeat):
            for j in range(len(combos)):
                combo = combos[(j + r) % len(combos)]
                name = combo_name(*combo)
                log(f"round {r + 1}: {name} ...")
                with phase(record, f"{name} round {r + 1}", sampler) as ph:
                    result = measure_combo(combo[0], combo[1], docs, mix, opts.singles, combo[2], combo[3])
                ph.update({k: v for k, v in result.items() if k != "_top"})
                result.update(load1_mean=ph["load1_mean"], load1_max=ph["load1_max"])
                runs[combo].append(result)
        record["runs"] = {combo_name(*c): [{k: v for k, v in x.items() if k != "_top"} for x in rs]
                          for c, rs in runs.items()}
        phrase_n = opts.queries // 2
        for f in (True, False):
            a, b = runs.get(("byWord", f, False, True)), runs.get(("byAttribute", f, False, True))
            if a and b:
                record.setdefault("top10_overlap_byWord_vs_byAttribute", {})[f"facetSearch={'on' if f else 'off'}"] = {
                    "all": overlap(a[0]["_top"], b[0]["_top"]),
                    "phrases": overlap(a[0]["_top"][:phrase_n], b[0]["_top"][:phrase_n])}
    except Exception:
        traceback.print_exc()
        return 1
    finally:
        sampler.stop()
        record["loadavg_end"] = loadavg()
        shutil.rmtree(instance, ignore_errors=True)

    print(f"\nCodeCareers index settings benchmark — {record['started']} — {record['machine']['cores']} cores, "
          f"{len(docs):,} documents ({record['phases']['seed_and_documents']['json_mb']} MB JSON), "
          f"{len(mix)} queries ({opts.queries // 2} multi-word phrases)")
    print(f"load average at start {record['loadavg_start']}, at end {record['loadavg_end']}\n")
    rows = []
    for name, rs in record["runs"].items():
        for k, x in enumerate(rs):
            rows.append([f"{name}" + (f" #{k + 1}" if opts.repeat > 1 else ""), x["settings_s"], x["index_wall_s"],
                         x["index_processing_s"], x["used_database_size_mb"], x["disk_allocated_mb"],
                         x["query_ms"]["p50"], x["query_ms"]["p95"], x["phrase_query_ms"]["p50"],
                         x["phrase_query_ms"]["p95"], x["single_doc_task_ms"].get("p50"),
                         x["single_doc_task_ms"].get("p95"), x["single_doc_geo_step_ms"].get("p50"),
                         x["load1_mean"]])
    print(table(["settings", "settings s", "index s", "meili proc s", "used MB", "disk MB", "q p50", "q p95",
                 "phrase p50", "phrase p95", "1-doc p50", "1-doc p95", "1-doc geo step p50", "load1"], rows))
    if "top10_overlap_byWord_vs_byAttribute" in record:
        print(f"\ntop-10 overlap byWord vs byAttribute: {record['top10_overlap_byWord_vs_byAttribute']}")
    if not opts.no_json:
        path = write_results("search-settings", record)
        print(f"\nwrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

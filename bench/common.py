"""Shared pieces of the search benchmarks: scratch dirs, a private Meilisearch, the query mix, statistics.

Nothing here touches the developer's instance folder or database: every run works in its own temp dirs.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CORES = os.cpu_count() or 1


# -- machine ------------------------------------------------------------------------------------


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


class LoadSampler:
    """Samples the 1-minute load average every second, so each phase can report what it ran under."""

    def __init__(self, every: float = 1.0) -> None:
        self.every = every
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.monotonic(), os.getloadavg()[0]))
            self._stop.wait(self.every)

    def start(self) -> LoadSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)

    def between(self, start: float, end: float) -> dict[str, float]:
        values = [v for t, v in self.samples if start <= t <= end] or [os.getloadavg()[0]]
        return {"load1_mean": round(statistics.fmean(values), 2), "load1_max": round(max(values), 2)}


@contextlib.contextmanager
def phase(record: dict[str, Any], name: str, sampler: LoadSampler) -> Iterator[dict[str, Any]]:
    """Time a phase and record the load average it ran under."""
    entry: dict[str, Any] = {"loadavg_start": loadavg()}
    started = time.monotonic()
    try:
        yield entry
    finally:
        ended = time.monotonic()
        entry["seconds"] = round(ended - started, 2)
        entry["loadavg_end"] = loadavg()
        entry.update(sampler.between(started, ended))
        record.setdefault("phases", {})[name] = entry


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cores": CORES, "cpu": model, "python": platform.python_version(), "platform": platform.platform()}


def scratch_dir(prefix: str, shm: bool = True) -> Path:
    """A fresh temp dir; on /dev/shm (tmpfs) when asked and available."""
    base = "/dev/shm" if shm and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dir_size(path: Path) -> int:
    """Bytes actually allocated under path (LMDB files are sparse: st_size overstates them)."""
    total = 0
    for p in path.rglob("*"):
        with contextlib.suppress(OSError):
            if p.is_file():
                total += p.stat().st_blocks * 512
    return total


def write_results(kind: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{kind}-{datetime.now():%Y-%m-%d-%H%M}.json"
    path.write_text(json.dumps(data, indent=1, default=str) + "\n")
    return path


# -- Meilisearch ----------------------------------------------------------------------------------


def load_meili_script():
    """scripts/meili_server.py under another module name (scripts/ on sys.path would shadow the SDK)."""
    spec = importlib.util.spec_from_file_location("careers_meili_server", ROOT / "scripts" / "meili_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Meili:
    """A private Meilisearch on a free port with its data dir on tmpfs (when there is one)."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.script = load_meili_script()
        self.data_dir = data_dir or scratch_dir("careers-bench-meili-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.key_file = self.data_dir / "master.key"
        self.pid: int | None = None

    def start(self) -> Meili:
        self.pid = self.script.start(self.port, self.data_dir, timeout=60)
        return self

    def stop(self) -> None:
        if self.pid is not None:
            self.script.stop(data_dir=self.data_dir)
            self.pid = None

    def master_key(self) -> str:
        return self.script.master_key(data_dir=self.data_dir)

    def get(self, path: str, key: str | None = None) -> Any:
        req = urllib.request.Request(self.url + path, headers={"Authorization": f"Bearer {key or self.master_key()}"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())

    def version(self) -> str:
        return self.get("/version").get("pkgVersion", "?")

    def db_path(self) -> Path:
        return self.data_dir / "data.ms"

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


_FRACTION = re.compile(r"\.(\d{1,6})\d*")


def _timestamp(value: str | None) -> datetime | None:
    """Meilisearch's RFC 3339 timestamps (nanoseconds) as datetimes."""
    if not value:
        return None
    return datetime.fromisoformat(_FRACTION.sub(lambda m: "." + m.group(1).ljust(6, "0"), value).replace("Z", "+00:00"))


def task_times(task: dict[str, Any]) -> dict[str, float]:
    """Queue wait, processing and total time (ms) of a Meilisearch task as returned by GET /tasks."""
    enq, sta, fin = (_timestamp(task.get(k)) for k in ("enqueuedAt", "startedAt", "finishedAt"))
    out: dict[str, float] = {}
    if enq and sta:
        out["queued_ms"] = round((sta - enq).total_seconds() * 1000, 1)
    if sta and fin:
        out["processing_ms"] = round((fin - sta).total_seconds() * 1000, 1)
    if enq and fin:
        out["total_ms"] = round((fin - enq).total_seconds() * 1000, 1)
    return out


def batch_seconds(tasks: list[dict[str, Any]]) -> float:
    """Processing seconds of the batches these tasks ran in (autobatched tasks share one batch's duration)."""
    per_batch: dict[Any, float] = {}
    for t in tasks:
        key = t.get("batchUid", ("task", t.get("uid")))
        per_batch[key] = max(per_batch.get(key, 0.0), task_times(t).get("processing_ms", 0.0))
    return round(sum(per_batch.values()) / 1000, 2)


# -- statistics -----------------------------------------------------------------------------------


def quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated quantile (numpy's default), q in [0, 1]."""
    if not values:
        return float("nan")
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def summary(values_ms: Iterable[float]) -> dict[str, float]:
    v = list(values_ms)
    if not v:
        return {"n": 0}
    return {
        "n": len(v),
        "p50": round(quantile(v, 0.50), 2),
        "p95": round(quantile(v, 0.95), 2),
        "p99": round(quantile(v, 0.99), 2),
        "mean": round(statistics.fmean(v), 2),
        "max": round(max(v), 2),
    }


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    rows = [["" if c is None else (f"{c:,.1f}" if isinstance(c, float) else str(c)) for c in r] for r in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h)) for i, h in enumerate(headers)]
    line = "  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    for r in rows:
        out.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))
    return "\n".join(out)


# -- the query mix --------------------------------------------------------------------------------

# What coders type (weighted by repetition); "" is browsing with filters only.
KEYWORDS = [
    "", "", "", "", "", "", "", "",
    "coder", "coder", "coder", "medical coder", "remote coder", "remote coder",
    "remote pathology", "pathology coder", "hcc", "hcc coder remote", "risk adjustment",
    "inpatient drg", "inpatient coder", "drg validation", "e/m auditor", "e/m coder",
    "cpc", "cpc-a", "ccs inpatient", "outpatient facility coder", "ed pro fee", "emergency department coder",
    "cdi specialist", "clinical documentation", "radiology", "interventional radiology", "coding manager",
    "denials", "surgery coder", "anesthesia coder", "orthopedic coder", "oncology", "cardiology coder remote",
    "auditor", "apprentice coder", "entry level coder", "ob/gyn", "wfh coder", "coding specialist",
    "senior coder", "coding educator", "gi coder", "profee auditor",
]
COMMON_CREDENTIALS = ["CPC", "CPC", "CPC", "CCS", "CCS", "CRC", "COC", "CPC-A", "RHIT", "CCS-P", "CIC", "CDIP", "CEMC"]
# ZIPs of the metros where the demo board's jobs are (all known to careers.geo).
METRO_ZIPS = ["60601", "30303", "55401", "46204", "33602", "28202", "87102", "85004", "15222", "29201",
              "43215", "90012", "80202", "19801"]
FILTER_KINDS = ["specialty", "credential", "work_mode", "state", "apprentice", "pay_min", "posted_within", "near"]


def query_mix(n: int = 300, seed: int = 42) -> list[list[tuple[str, str]]]:
    """A fixed, deterministic list of query strings (as (name, value) pairs) like the board receives."""
    from careers.taxonomy import Specialty, State, WorkMode

    rng = random.Random(seed)
    specialties, states, modes = Specialty.values(), State.values(), WorkMode.values()
    mix: list[list[tuple[str, str]]] = []
    for _ in range(n):
        args: list[tuple[str, str]] = []
        q = rng.choice(KEYWORDS)
        if q:
            args.append(("q", q))
        n_filters = rng.choices([0, 1, 2, 3], weights=[30, 35, 22, 13])[0]
        near = False
        for kind in rng.sample(FILTER_KINDS, n_filters):
            if kind == "specialty":
                args.append(("specialty", rng.choice(specialties)))
            elif kind == "credential":
                args.append(("credential", rng.choice(COMMON_CREDENTIALS)))
            elif kind == "work_mode":
                args.append(("work_mode", rng.choice(modes)))
                if rng.random() < 0.25:  # a second value in the same group (OR within a facet)
                    args.append(("work_mode", rng.choice(modes)))
            elif kind == "state":
                args.append(("state", rng.choice(states)))
            elif kind == "apprentice":
                args.append(("apprentice", "1"))
            elif kind == "pay_min":
                args.append(("pay_min", str(rng.choice([40000, 50000, 60000, 70000, 85000]))))
            elif kind == "posted_within":
                args.append(("posted_within", str(rng.choice([1, 7, 30]))))
            elif kind == "near":
                near = True
        sort = rng.choices(["relevance", "newest", "pay", "distance"], weights=[45, 30, 13, 12])[0]
        if sort == "distance":
            near = True
        if near:
            args.append(("near", rng.choice(METRO_ZIPS)))
            args.append(("radius", str(rng.choice([10, 25, 50, 100]))))
        if sort != "relevance":
            args.append(("sort", sort))
        page = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        if page > 1:
            args.append(("page", str(page)))
        # A page never asked for has the args in an order the form would send them; keep it as drawn.
        args = list(dict.fromkeys(args))
        mix.append(args)
    return mix


def describe_mix(mix: list[list[tuple[str, str]]]) -> dict[str, Any]:
    keys = [k for args in mix for k, _ in args]
    return {
        "queries": len(mix),
        "with_text": sum(1 for a in mix if any(k == "q" for k, _ in a)),
        "filters_per_query_mean": round(statistics.fmean(
            len({k for k, _ in a} & set(FILTER_KINDS)) for a in mix), 2),
        "by_param": {k: keys.count(k) for k in sorted(set(keys))},
    }

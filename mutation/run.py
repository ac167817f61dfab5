"""Mutation-test one module with its own tests and print its score: `make mutate MODULE=careers/jobs/services.py`.

mutmut (pinned in the test extras) runs in build/mutation/<module>/, a copy of the work tree made at the start,
so the tree you edit is never mutated and a run sees one consistent snapshot. Each mutant runs in a fork of a
process that has already imported the app and the tests, with only the module's own tests from
[tool.codecareers.mutation] in pyproject.toml that call the mutated function, stopping at the first failure.

Score = mutants killed (a test failed, or the run hit its CPU limit) / (all mutants - those judged equivalent in
mutation/equivalent.txt). A survivor, or a mutant no test reaches, counts against it. Surviving mutants that
are not listed as equivalent are printed as diffs, to be killed by a test or listed with a reason.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT_FILE = ROOT / "mutation" / "equivalent.txt"
# What the tests need beside the careers package (templates, static, migrations, the Meilisearch script).
SNAPSHOT = ["careers", "tests", "scripts", "migrations", "templates", "static", "pyproject.toml"]
KILLED = {"killed", "timeout", "segfault", "caught by type check"}


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def modules() -> dict[str, list[str]]:
    """Module path -> its test paths, from [tool.codecareers.mutation]."""
    return _config()["tool"]["codecareers"]["mutation"]


@dataclass(frozen=True)
class Equivalent:
    mutant: str
    line: str  # the mutated line as `mutmut show` prints it after "+", stripped
    reason: str


def equivalents() -> dict[str, Equivalent]:
    """mutation/equivalent.txt: `mutant name | mutated line | reason` per line; '#' starts a comment. A reason
    that starts with "on SQLite" holds for runs on SQLite only (TEST_DATABASE_URL unset)."""
    found: dict[str, Equivalent] = {}
    for number, raw in enumerate(EQUIVALENT_FILE.read_text().splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        # The mutated line may hold " | " itself: the name is before the first, the reason after the last.
        name, _, rest = raw.partition(" | ")
        line, _, reason = rest.rpartition(" | ")
        parts = [name.strip(), line.strip(), reason.strip()]
        if not all(parts):
            sys.exit(f"{EQUIVALENT_FILE.name}:{number}: expected 'mutant | mutated line | reason', got {raw!r}")
        found[parts[0]] = Equivalent(*parts)
    return found


def snapshot(work: Path, module: str, tests: list[str]) -> None:
    """A fresh copy of the tree in `work`, with a pyproject.toml whose [tool.mutmut] names the module and tests."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in SNAPSHOT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=ignore)
        else:
            shutil.copy2(source, work / name)
    text = (work / "pyproject.toml").read_text()
    header = "[tool.mutmut]\n"
    if text.count(header) != 1:
        sys.exit("pyproject.toml needs exactly one [tool.mutmut] table")
    per_module = (
        f"source_paths = [{_toml_str(module)}]\n"
        f"pytest_add_cli_args_test_selection = [{', '.join(map(_toml_str, tests))}]\n"
    )
    text = text.replace(header, header + per_module)
    settings = tomllib.loads(text)["tool"]["mutmut"]
    assert settings["source_paths"] == [module] and settings["pytest_add_cli_args_test_selection"] == tests
    (work / "pyproject.toml").write_text(text)


def _toml_str(value: str) -> str:
    if any(c in value for c in '"\\\n'):
        sys.exit(f"unexpected character in {value!r}")
    return f'"{value}"'


def stop_stray_meilisearch(tmp: Path) -> None:
    """Stop Meilisearch servers this run started and did not stop (a mutant's fork killed at its CPU limit)."""
    for pid_file in tmp.rglob("meilisearch.pid"):
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "meili_server.py"), "stop", "--pid-file", str(pid_file)],
            check=False, capture_output=True,
        )


def report(work: Path, module: str, fail_under: float) -> int:
    os.chdir(work)  # mutmut reads its configuration and results relative to the working directory
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    data = SourceFileMutationData(path=module)
    data.load()
    if not data.exit_code_by_key:
        print(f"!! mutmut left no results for {module}", file=sys.stderr)
        return 1
    status = {name: status_by_exit_code[code] for name, code in data.exit_code_by_key.items()}
    declared = {name: e for name, e in equivalents().items() if name.startswith(_module_prefix(module))}
    if os.environ.get("TEST_DATABASE_URL"):  # equivalent only through SQLite's behaviour: judged on SQLite runs
        declared = {name: e for name, e in declared.items() if not e.reason.startswith("on SQLite")}

    def mutated_line(name: str) -> str:
        added = [ln[1:].strip() for ln in get_diff_for_mutant(name, path=module).splitlines()
                 if ln.startswith("+") and not ln.startswith("+++")]
        return " ".join(added)

    equivalent, stale = [], []
    for name, entry in sorted(declared.items()):
        if name not in status:
            stale.append(f"{name}: no such mutant any more")
        elif mutated_line(name) != entry.line:
            stale.append(f"{name}: the mutant is now `{mutated_line(name)}`, listed as `{entry.line}`")
        elif status[name] in KILLED:
            stale.append(f"{name}: listed as equivalent but a test kills it")
        else:
            equivalent.append(name)

    counts: dict[str, int] = {}
    for s in status.values():
        counts[s] = counts.get(s, 0) + 1
    killed = sum(n for s, n in counts.items() if s in KILLED)
    considered = len(status) - counts.get("skipped", 0) - len(equivalent)
    missed = sorted(n for n, s in status.items() if s not in KILLED and s != "skipped" and n not in equivalent)

    for name in missed:
        print(f"\n# {name}: {status[name]}")
        print(get_diff_for_mutant(name, path=module).rstrip())
    for line in stale:
        print(f"!! stale entry in mutation/equivalent.txt: {line}", file=sys.stderr)

    score = 100.0 * killed / considered if considered else 100.0
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    print(f"\n{module}: {len(status)} mutants ({summary}); {len(equivalent)} judged equivalent")
    print(f"mutation score {module}: {killed}/{considered} = {score:.1f}% of non-equivalent mutants killed "
          f"({_when()})")
    if stale:
        return 1
    if score < fail_under:
        print(f"!! below {fail_under:g}%: kill the survivors above with tests, or list true equivalents "
              "with a reason in mutation/equivalent.txt", file=sys.stderr)
        return 1
    return 0


def survivors(work: Path, module: str) -> list[str]:
    """The mutants of the last run in `work` that no test killed (equivalent ones included)."""
    from mutmut.stats import status_by_exit_code

    meta = work / "mutants" / (module + ".meta")
    if not meta.exists():
        sys.exit(f"no earlier run of {module} in {work}: run `make mutate MODULE={module}` first")
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    return sorted(name for name, code in codes.items() if status_by_exit_code[code] not in KILLED | {"skipped"})


def _when() -> str:
    """Local time and load average, for the scores in docs/testing.md (a loaded machine is a slower run)."""
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    return f"{datetime.now():%Y-%m-%d %H:%M}, load average {' '.join(load)}"


def _module_prefix(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".") + ".x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", help="e.g. careers/jobs/services.py")
    parser.add_argument("--max-children", type=int, default=1, help="mutants run at once (default 1)")
    parser.add_argument("--fail-under", type=float, default=90.0, help="exit 1 below this score (default 90)")
    parser.add_argument("--report-only", action="store_true", help="print the last run's results again")
    parser.add_argument("--rerun-survivors", action="store_true",
                        help="after adding tests: copy tests/ into the last run's folder and run only the mutants "
                             "that survived it (the module's code stays that run's snapshot)")
    args = parser.parse_args()

    known = modules()
    module = args.module.removeprefix("./")
    if module not in known:
        print(f"{module} has no tests listed in [tool.codecareers.mutation] of pyproject.toml; listed modules:",
              *known, sep="\n  ", file=sys.stderr)
        return 2
    work = ROOT / "build" / "mutation" / module.removesuffix(".py").replace("/", ".")
    if args.report_only:
        return report(work, module, args.fail_under)
    mutants: list[str] = []
    if args.rerun_survivors:
        mutants = survivors(work, module)
        if not mutants:
            return report(work, module, args.fail_under)
        shutil.copytree(ROOT / "tests", work / "tests", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    else:
        snapshot(work, module, known[module])
    # pytest's temporary directories (with each fork's Meilisearch data and pid file) under the run's own folder.
    tmp = work / "tmp"
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp)}
    what = f"{len(mutants)} surviving mutants of " if mutants else ""
    print(f"==> mutmut on {what}{module} with {' '.join(known[module])} (copy in {work.relative_to(ROOT)}); "
          f"{_when()}", flush=True)
    try:
        run = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(args.max_children),
                              *mutants], cwd=work, env=env, check=False)
    finally:
        stop_stray_meilisearch(tmp)
    if run.returncode != 0:
        print(f"!! mutmut exited with {run.returncode}", file=sys.stderr)
        if not (work / "mutants" / (module + ".meta")).exists():
            return run.returncode
    return report(work, module, args.fail_under)


if __name__ == "__main__":
    sys.exit(main())

"""`flask demo seed`: a deterministic, realistic board for demos, screenshots and load tests."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import Blueprint
from sqlalchemy import func, insert, literal, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from careers.common import UTCDateTime, utcnow
from careers.demo.data import DEMO_LOGINS, GENERATED_PASSWORD
from careers.demo.seed import DEFAULT_JOBS, DEFAULT_SEED, SeedError, board_is_empty, reset_board, seed_board
from careers.extensions import db, search
from careers.jobs.models import Job
from careers.taxonomy import JobStatus

demo_cli = Blueprint("demo_cli", __name__, cli_group="demo")

_LOGINS_HELP = "\n".join(f"  {login.role:<9} {login.email} / {login.password}" for login in DEMO_LOGINS)
SEED_HELP = f"""Fill the database with a realistic demo board.

About 60 employers, JOBS published jobs (plus drafts, jobs in review, rejected, expired and filled ones),
240 + JOBS/50 coders with profiles, and applications in every status with their history. The content is
the same for the same --seed; timestamps are relative to now (jobs published over the last 60 days).
Without --reset or --if-empty the command refuses to touch a database that has employers.

\b
Demo logins:
{_LOGINS_HELP}
  every other generated account uses the password '{GENERATED_PASSWORD}'

\b
Examples:
  flask demo seed                                 # 1,000 jobs into an empty database
  flask demo seed --if-empty                      # what `make run` does on every start
  flask demo seed --reset --yes --jobs 100000     # a big board for load tests
"""


def _parse_now(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter("use an ISO date or datetime, e.g. 2026-03-01T09:00") from exc
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


@demo_cli.cli.command("seed", help=SEED_HELP)
@click.option("--jobs", "jobs", type=click.IntRange(min=1), default=DEFAULT_JOBS, show_default=True,
              help="Number of published jobs.")
@click.option("--seed", "seed", type=int, default=DEFAULT_SEED, show_default=True,
              help="Random seed: the same seed gives the same board.")
@click.option("--if-empty", is_flag=True, help="Do nothing (and say so) when any employer exists.")
@click.option("--reset", is_flag=True, help="Delete ALL rows of every table first.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before --reset deletes everything.")
@click.option("--now", "now", callback=_parse_now, metavar="ISO-DATETIME",
              help="Pretend it is this moment (UTC) instead of the current time.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr. [default: when stderr is a terminal]")
@click.option("--reindex/--no-reindex", default=None,
              help="Rebuild the search index afterwards. [default: when MEILI_URL is set]")
def seed_command(jobs: int, seed: int, if_empty: bool, reset: bool, yes: bool, now: datetime | None,
                 progress: bool | None, reindex: bool | None) -> None:
    if if_empty and reset:
        raise click.UsageError("--if-empty and --reset contradict each other; choose one.")
    try:
        empty = board_is_empty(db.session)
    except (OperationalError, ProgrammingError) as exc:
        db.session.rollback()
        raise click.ClickException(
            "The database has no tables yet. Run `flask db upgrade` first."
        ) from exc
    if if_empty and not empty:
        click.echo("The database already has employers; skipping the demo seed (--if-empty).")
        return
    if reset:
        where = db.engine.url.render_as_string(hide_password=True)
        if not yes:
            click.confirm(f"Delete ALL rows from every table in {where}?", abort=True)
        reset_board(db.session)
        click.echo(f"Emptied {where}.")
    elif not empty:
        raise click.ClickException(
            "The database already has employers. Use --reset to replace everything, or --if-empty to skip."
        )
    show_progress = click.get_text_stream("stderr").isatty() if progress is None else progress
    try:
        report = seed_board(db.session, now=now, jobs=jobs, seed=seed, progress=show_progress)
    except SeedError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    for line in report.lines():
        click.echo(line)
    if search.enabled if reindex is None else reindex:
        _rebuild_search_index(show_progress)


def _rebuild_search_index(show_progress: bool) -> None:
    """The seeder writes with bulk INSERTs, which skip the search outbox: rebuild the index from the database."""
    from tqdm import tqdm

    from careers.search import sync
    from careers.search.engine import ENGINE_ERRORS, SearchUnavailable

    bar = tqdm(total=0, unit="job", desc="search index", disable=not show_progress)

    def advance(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    search.reset()
    try:
        result = sync.reindex(progress=advance)
    except (SearchUnavailable, RuntimeError, *ENGINE_ERRORS) as exc:
        bar.close()
        db.session.rollback()
        queued = _queue_published_jobs()
        click.echo(f"Search index NOT rebuilt: {exc}", err=True)
        click.echo(f"Search index NOT rebuilt; {queued:,} published jobs queued in the search outbox. Run "
                   "`flask search reindex` (or `flask search sync`) once Meilisearch is up.")
        return
    finally:
        bar.close()
    click.echo(f"Search index rebuilt: {result.documents:,} jobs in {result.seconds:.1f}s.")


def _queue_published_jobs() -> int:
    """Outbox rows for every published job, so the next `flask search sync` indexes the seeded board."""
    from careers.search.models import SearchOutbox

    published = select(Job.id, literal(utcnow(), UTCDateTime())).where(Job.status == JobStatus.PUBLISHED)
    db.session.execute(insert(SearchOutbox).from_select(["job_id", "created_at"], published))
    db.session.commit()
    return db.session.scalar(select(func.count()).select_from(Job).where(Job.status == JobStatus.PUBLISHED)) or 0

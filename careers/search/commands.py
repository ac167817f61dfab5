"""`flask search setup | sync | reindex | status`."""

from __future__ import annotations

import click
from flask import Blueprint

from careers.extensions import search
from careers.search import sync
from careers.search.documents import DOCUMENT_VERSION
from careers.search.engine import SearchUnavailable

search_cli = Blueprint("search_cli", __name__, cli_group="search")


@search_cli.cli.command("sync")
@click.option("--prune/--no-prune", default=True, help="Forget pushed outbox rows older than a day.")
def sync_command(prune: bool) -> None:
    """Push every pending change to Meilisearch (for a worker or cron)."""
    search.reset()
    before = sync.pending_count()
    done = sync.drain(wait=True)
    left = sync.pending_count()
    pruned = sync.prune() if prune else 0
    click.echo(f"{done} change(s) pushed, {left} pending, {pruned} old outbox row(s) pruned.")
    if before and left:
        raise click.ClickException("Meilisearch did not take the changes; they stay in the outbox.")


@search_cli.cli.command("reindex")
@click.option("--batch", default=5000, show_default=True, help="Documents per request.")
def reindex_command(batch: int) -> None:
    """Rebuild the jobs index from the database into a fresh index and swap it in."""
    from tqdm import tqdm

    bar = tqdm(total=0, unit="job", desc="reindex", disable=None)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        report = sync.reindex(progress=progress, batch=batch)
    except SearchUnavailable as exc:
        raise click.ClickException(f"Meilisearch is unavailable: {exc}") from exc
    finally:
        bar.close()
    click.echo(f"Reindexed {report.documents} jobs into '{report.index_uid}' in {report.seconds:.1f}s; "
               f"replayed {report.replayed} change(s) made meanwhile.")


@search_cli.cli.command("setup")
def setup_command() -> None:
    """Create the scoped keys and the index with its settings; rebuild it when it misses jobs."""
    from sqlalchemy import func, select

    from careers.extensions import db
    from careers.jobs.services import visible_jobs

    search.reset()
    try:
        client = search.index_client()
        with sync.Session(db.engine) as session:
            sync.ensure_index(client, search.index_uid, session)
        indexed = client.index(search.index_uid).get_stats().number_of_documents
    except Exception as exc:
        raise click.ClickException(f"Meilisearch is unavailable: {exc}") from exc
    expected = db.session.scalar(select(func.count()).select_from(visible_jobs().subquery())) or 0
    built_with = sync.documents_version()
    if indexed != expected or built_with != DOCUMENT_VERSION:
        if indexed != expected:
            click.echo(f"Index holds {indexed} of {expected} open jobs; rebuilding.")
        else:
            click.echo(f"Index documents are version {built_with or 'unknown'}, the app builds version "
                       f"{DOCUMENT_VERSION}; rebuilding.")
        report = sync.reindex()
        click.echo(f"Reindexed {report.documents} jobs in {report.seconds:.1f}s.")
    else:
        done = sync.drain(wait=True)
        click.echo(f"Index '{search.index_uid}' is up to date ({indexed} jobs; {done} pending change(s) pushed).")


@search_cli.cli.command("status")
def status_command() -> None:
    """Engine reachability, documents in the index, pending outbox rows."""
    click.echo(f"pending changes: {sync.pending_count()}")
    if not search.enabled:
        click.echo("engine: not configured (MEILI_URL is empty); searches use SQL")
        return
    try:
        stats = search.index_client().index(search.index_uid).get_stats()
        click.echo(f"engine: up; index '{search.index_uid}' holds {stats.number_of_documents} documents")
    except Exception as exc:
        click.echo(f"engine: unavailable ({exc})")

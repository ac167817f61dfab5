"""A job as a search document: derived from the database, never edited by hand.

One builder (`build_document`) makes the document from plain values. `job_document` feeds it an
ORM job (the SQL fallback has those in hand); `load_documents` feeds it rows read with two Core
queries (jobs joined to employers, then their tags), which is what pushes and reindexes use: no ORM
objects, so 100,000 documents are read in seconds instead of minutes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from careers.employers.models import Employer
from careers.geo import zip_centroid
from careers.jobs.models import Job, JobTag
from careers.markdown import DESCRIPTION_CHARS, plain_text
from careers.taxonomy import CodeSet, JobTagKind, Specialty, State, WorkMode, WorkSetting

# Bump when build_document changes what a document holds or means: `flask search setup` (run by
# `make run` and at deploy) rebuilds an index whose documents were built by another version.
# 2: remote jobs carry no _geo (radius search is for on-site and hybrid jobs).
# 3: hires_in, the states a job hires in (what the State filter and its counts mean).
DOCUMENT_VERSION = "3"
ALL_STATES = State.values()

# The job columns a document needs, in the order `build_document` reads them.
_COLUMNS = (
    Job.id, Job.title, Job.description_md, Job.employer_id, Job.work_setting, Job.work_mode, Job.state,
    Job.city, Job.zip_code, Job.employment_type, Job.experience_level, Job.apprentice_welcome,
    Job.pay_min_annual, Job.pay_max_annual, Job.pay_min_cents, Job.pay_max_cents, Job.pay_period,
    Job.published_at, Job.featured,
)
_NO_TAGS: Mapping[str, list[str]] = {}
__all__ = ["DESCRIPTION_CHARS", "DOCUMENT_VERSION", "build_document", "hires_in", "iter_documents", "job_document",
           "load_documents", "plain_text"]


def hires_in(work_mode: str, state: str, remote_states: list[str]) -> list[str]:
    """The states whose residents a job is open to: where an on-site or hybrid job is, the states a
    remote job names, or every state for a remote job that names none."""
    if work_mode == WorkMode.REMOTE:
        return list(remote_states) or ALL_STATES
    return [state] if state else []


def build_document(job: Any, employer: str, tags: Mapping[str, list[str]]) -> dict[str, Any]:
    """The document of a published job from its column values (`job` has Job's attribute names)."""
    specialties = tags.get(JobTagKind.SPECIALTY.value, [])
    code_sets = tags.get(JobTagKind.CODE_SET.value, [])
    remote_states = tags.get(JobTagKind.REMOTE_STATE.value, [])
    doc: dict[str, Any] = {
        "id": job.id,
        "title": job.title,
        "description": plain_text(job.description_md),
        "employer": employer,
        "employer_id": job.employer_id,
        "specialties": specialties,
        "specialty_labels": [Specialty.label_of(s) for s in specialties],
        "credentials": tags.get(JobTagKind.REQUIRED_CREDENTIAL.value, []),
        "preferred_credentials": tags.get(JobTagKind.PREFERRED_CREDENTIAL.value, []),
        "code_sets": code_sets,
        "code_set_labels": [CodeSet.label_of(c) for c in code_sets],
        "setting": job.work_setting,
        "setting_label": WorkSetting.label_of(job.work_setting),
        "work_mode": job.work_mode,
        "remote_states": remote_states,
        "remote_anywhere": job.work_mode == WorkMode.REMOTE and not remote_states,
        "hires_in": hires_in(job.work_mode, job.state, remote_states),
        "state": job.state,
        "state_name": State.label_of(job.state),
        "city": job.city,
        "employment_type": job.employment_type,
        "experience": job.experience_level,
        "apprentice": bool(job.apprentice_welcome),
        "pay_min": job.pay_min_annual,
        "pay_max": job.pay_max_annual,
        "pay_min_amount": job.pay_min_cents / 100,
        "pay_max_amount": job.pay_max_cents / 100,
        "pay_period": job.pay_period,
        "posted_at": int(job.published_at.timestamp()) if job.published_at else 0,
        "featured": bool(job.featured),
    }
    # A radius search asks how far a coder would commute, so only on-site and hybrid jobs are placed
    # on the map; remote jobs are found by the states they hire in. It also halves the geo points
    # Meilisearch rewrites on every change (its R-tree cost per update grows with them: bench/README.md).
    if job.work_mode != WorkMode.REMOTE and (where := zip_centroid(job.zip_code)):
        doc["_geo"] = {"lat": where[0], "lng": where[1]}
    return doc


def job_document(job: Job) -> dict[str, Any]:
    """The document of an ORM job (employer and tags must be loaded)."""
    tags: dict[str, list[str]] = defaultdict(list)
    for tag in job.tags:
        tags[tag.kind].append(tag.value)
    for values in tags.values():
        values.sort()
    return build_document(job, job.employer.name, tags)


def _document_rows(jobs: Select[tuple[Job]]) -> Select[Any]:
    """The columns a document needs, for the jobs a `select(Job)` picks (its WHERE, ORDER BY, LIMIT kept)."""
    return jobs.with_only_columns(*_COLUMNS, Employer.name).join(Employer, Employer.id == Job.employer_id)


def load_documents(session: Session, jobs: Select[tuple[Job]]) -> list[dict[str, Any]]:
    """Documents of the jobs a `select(Job)` picks: two Core queries, no ORM objects."""
    rows = session.execute(_document_rows(jobs)).all()
    return _documents(session, rows)


def iter_documents(
    session: Session, jobs: Select[tuple[Job]], batch: int = 5000
) -> Iterator[list[dict[str, Any]]]:
    """All documents of `jobs` in id order, `batch` at a time: one streamed scan of the jobs (a
    server-side cursor on PostgreSQL), and one range query on the tag table's key per batch."""
    result = session.execute(_document_rows(jobs.order_by(Job.id)), execution_options={"yield_per": batch})
    for rows in result.partitions():
        yield _documents(session, rows)


def _documents(session: Session, rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
    if not rows:
        return []
    tags = _tags_of(session, sorted(r.id for r in rows))
    return [build_document(r, r.name, tags.get(r.id, _NO_TAGS)) for r in rows]


_SEP = "\x1f"  # unit separator: never in a tag value (tag values come from taxonomy choices only)


def _tags_of(session: Session, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """Tag values per job and kind, sorted like Job.tags. One row per job and kind, its values joined
    in SQL: fetching 1.6 million tag rows one by one was the slowest part of a reindex."""
    stmt = select(JobTag.job_id, JobTag.kind, func.aggregate_strings(JobTag.value, _SEP)).group_by(
        JobTag.job_id, JobTag.kind
    )
    # A contiguous id range reads the primary-key index in one pass; a scattered set asks for its ids.
    if len(ids) > 1 and ids[-1] - ids[0] < len(ids) * 2:
        stmt = stmt.where(JobTag.job_id.between(ids[0], ids[-1]))
    else:
        stmt = stmt.where(JobTag.job_id.in_(ids))
    found: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for job_id, kind, joined in session.execute(stmt):
        values = joined.split(_SEP)
        values.sort()
        found[job_id][kind] = values
    return found

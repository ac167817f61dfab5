"""The SQL search used while Meilisearch is down: same parameters, same result shape, slower."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime

from sqlalchemy import String, and_, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import selectinload

from careers.extensions import db
from careers.geo import _centroids, miles_between
from careers.jobs.models import Job, JobTag
from careers.jobs.services import visible_jobs
from careers.search.params import SearchParams
from careers.search.query import SECONDS_PER_DAY
from careers.taxonomy import JobTagKind, WorkMode

# SearchParams name -> (Job column, or tag kind) for the filters
_COLUMNS = {
    "setting": Job.work_setting,
    "work_mode": Job.work_mode,
    "employment_type": Job.employment_type,
    "experience": Job.experience_level,
}
_TAGS = {
    "specialty": JobTagKind.SPECIALTY,
    "credential": JobTagKind.REQUIRED_CREDENTIAL,
    "code_set": JobTagKind.CODE_SET,
}
# facet attribute -> what to group by (computed over the filtered set; not disjunctive)
_FACET_TAGS = {"specialties": JobTagKind.SPECIALTY, "credentials": JobTagKind.REQUIRED_CREDENTIAL}
_FACET_COLUMNS = {"work_mode": Job.work_mode, "state": Job.state, "employment_type": Job.employment_type}


def _has_tag(kind: JobTagKind, values: list[str]):  # noqa: ANN202
    return exists().where(JobTag.job_id == Job.id, JobTag.kind == kind.value, JobTag.value.in_(values))


def _zips_within(origin: tuple[float, float], miles: int) -> list[str]:
    return [z for z, (lat, lng, _s) in _centroids().items() if miles_between(origin, (lat, lng)) <= miles]


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def filtered(p: SearchParams, now: float | None = None):  # noqa: ANN201
    stmt = visible_jobs()
    for name, kind in _TAGS.items():
        if values := p.selected(name):
            stmt = stmt.where(_has_tag(kind, values))
    for name, column in _COLUMNS.items():
        if values := p.selected(name):
            stmt = stmt.where(column.in_(values))
    if p.state:
        no_remote_states = ~exists().where(JobTag.job_id == Job.id, JobTag.kind == JobTagKind.REMOTE_STATE.value)
        stmt = stmt.where(or_(
            Job.state.in_(p.state),
            _has_tag(JobTagKind.REMOTE_STATE, p.state),
            and_(Job.work_mode == WorkMode.REMOTE.value, no_remote_states),
        ))
    if p.apprentice:
        stmt = stmt.where(Job.apprentice_welcome.is_(True))
    if p.pay_min is not None:
        stmt = stmt.where(Job.pay_max_annual >= p.pay_min)
    if p.posted_within:
        since = datetime.fromtimestamp((now or time.time()) - p.posted_within * SECONDS_PER_DAY, UTC)
        stmt = stmt.where(Job.published_at >= since)
    if p.origin is not None:
        stmt = stmt.where(
            Job.work_mode != WorkMode.REMOTE.value,  # remote jobs have no commute (documents.py)
            func.substr(Job.zip_code, 1, 5).in_(_zips_within(p.origin, p.radius)),
        )
    for word in p.q.split()[:8]:
        like = _like(word)
        stmt = stmt.where(or_(Job.title.ilike(like, escape="\\"), Job.description_md.ilike(like, escape="\\")))
    return stmt


def search_sql(p: SearchParams) -> tuple[list[Job], int, dict[str, dict[str, int]]]:
    """Jobs of the requested page, the total, and facet counts over the filtered set."""
    base = filtered(p)
    total, facets = _total_and_facets(base)
    if p.sort == "pay":
        order = [Job.pay_max_annual.desc(), Job.id.desc()]
    elif p.sort == "newest" or p.q:
        order = [Job.published_at.desc(), Job.id.desc()]
    else:
        order = [Job.featured.desc(), Job.published_at.desc(), Job.id.desc()]
    load = base.options(selectinload(Job.tags), selectinload(Job.employer))
    start = (p.page - 1) * p.per_page
    if p.sort == "distance" and p.origin is not None:
        # The radius bounds the set, so sorting it here is cheap enough for a fallback.
        where = _centroids()
        rows = db.session.execute(base.with_only_columns(Job.id, Job.zip_code)).all()
        rows.sort(key=lambda r: miles_between(p.origin, where.get(r.zip_code[:5], (0.0, 0.0, ""))[:2]))
        page_ids = [r.id for r in rows[start:start + p.per_page]]
        by_id = {j.id: j for j in db.session.scalars(load.where(Job.id.in_(page_ids)))}
        jobs = [by_id[i] for i in page_ids if i in by_id]
    else:
        jobs = list(db.session.scalars(load.order_by(*order).limit(p.per_page).offset(start)))
    return jobs, total, facets


def _materialized_cte_supported() -> bool:
    """`AS MATERIALIZED`: PostgreSQL 12+ (what we run) and SQLite 3.35+; older SQLite gets a plain CTE."""
    bind = db.session.get_bind()
    if bind.dialect.name == "sqlite":
        return sqlite3.sqlite_version_info >= (3, 35, 0)
    return bind.dialect.name == "postgresql"


def _total_and_facets(base) -> tuple[int, dict[str, dict[str, int]]]:  # noqa: ANN001
    """The total and every facet's counts in one statement: the filtered set is computed once (a
    materialised CTE) instead of once per facet; with keywords matched by ILIKE over 100,000
    descriptions that was 10 scans and 15 s per search on PostgreSQL (bench/README.md)."""
    matched = base.with_only_columns(Job.id).order_by(None).cte("matched")
    if _materialized_cte_supported():
        matched = matched.prefix_with("MATERIALIZED")
    parts = [select(literal("", String).label("attr"), literal("", String).label("value"), func.count())
             .select_from(matched)]
    for attr, kind in _FACET_TAGS.items():
        parts.append(
            select(literal(attr, String), JobTag.value, func.count())
            .join(matched, matched.c.id == JobTag.job_id)
            .where(JobTag.kind == kind.value)
            .group_by(JobTag.value)
        )
    for attr, column in _FACET_COLUMNS.items():
        parts.append(
            select(literal(attr, String), column, func.count()).join(matched, matched.c.id == Job.id).group_by(column)
        )
    total = 0
    counts: dict[str, list[tuple[str, int]]] = {attr: [] for attr in (*_FACET_TAGS, *_FACET_COLUMNS)}
    for attr, value, n in db.session.execute(union_all(*parts)):
        if attr == "":
            total = n
        else:
            counts[attr].append((value, n))
    return total, {attr: dict(sorted(pairs, key=lambda x: -x[1])) for attr, pairs in counts.items()}

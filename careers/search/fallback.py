"""The SQL search used while Meilisearch is down: same parameters, filters, facets and orders.

Filters, facets and sorts come from the table in `filters.py`, one SQL condition per filter kind,
so a filter means the same here as on the engine and the facet counts are equal on the same board
(disjunctive, as on the engine: a facet's counts ignore that facet's own filter).

How words match here (the engine ranks by relevance, tolerates typos, expands synonyms and matches
the last word as a prefix; none of that is done in SQL): every word of the keyword must occur, case
insensitively and anywhere inside a word, in one of the fields the engine searches: title, the
opening of the description that the engine indexes (Job.description_excerpt), city, employer name,
or a specialty, code set, work setting or state whose name contains it, or a credential it names
(CPC); a word with synonyms on the engine (remote: work from home, telecommute) matches any of them
longer than four letters. Results with a keyword are ordered newest first.
"""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, and_, case, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import selectinload
from sqlalchemy.sql import ColumnElement

from careers.employers.models import Employer
from careers.extensions import db
from careers.geo import _centroids, miles_between
from careers.jobs.models import Job, JobTag
from careers.jobs.services import visible_jobs
from careers.search.filters import BROWSE_SQL, FACETS, FILTERS, SECONDS_PER_DAY, SORT_BY_NAME, Filter, Kind
from careers.search.params import SearchParams
from careers.search.settings import _synonyms
from careers.taxonomy import CodeSet, Credential, JobTagKind, Specialty, State, WorkMode, WorkSetting

MAX_WORDS = 8
_WORDS = re.compile(r"[^0-9a-z]+")
SYNONYMS = _synonyms()
# Short synonyms ("ed", "ir", "path") would match inside other words here (SQL matches substrings, the
# engine whole words), so only longer ones are expanded.
MIN_SYNONYM = 4


def _has_tag(kind: JobTagKind, values: list[str]) -> ColumnElement[bool]:
    return exists().where(JobTag.job_id == Job.id, JobTag.kind == kind.value, JobTag.value.in_(values))


def _no_remote_states() -> ColumnElement[bool]:
    return ~exists().where(JobTag.job_id == Job.id, JobTag.kind == JobTagKind.REMOTE_STATE.value)


def _zips_within(origin: tuple[float, float], miles: int) -> list[str]:
    return [z for z, (lat, lng, _s) in _centroids().items() if miles_between(origin, (lat, lng)) <= miles]


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _condition(f: Filter, p: SearchParams, now: float) -> ColumnElement[bool]:
    """The SQL meaning of one active filter (the engine's is in query.py)."""
    value = p.selected(f.param)
    if f.kind is Kind.ANY_OF:
        return _has_tag(f.tag, value) if f.tag is not None else f.column.in_(value)
    if f.kind is Kind.HIRES_IN:  # documents.hires_in, in SQL
        return or_(
            and_(Job.work_mode != WorkMode.REMOTE.value, f.column.in_(value)),
            _has_tag(JobTagKind.REMOTE_STATE, value),
            and_(Job.work_mode == WorkMode.REMOTE.value, _no_remote_states()),
        )
    if f.kind is Kind.FLAG:
        return f.column.is_(True)
    if f.kind is Kind.AT_LEAST:
        return f.column >= value
    if f.kind is Kind.SINCE:
        return f.column >= datetime.fromtimestamp(int(now - value * SECONDS_PER_DAY), UTC)
    if f.kind is Kind.WITHIN:
        return and_(
            Job.work_mode != WorkMode.REMOTE.value,  # remote jobs have no commute (documents.py)
            func.substr(f.column, 1, 5).in_(_zips_within(p.origin, p.radius)),
        )
    raise NotImplementedError(f.kind)  # pragma: no cover - a new kind must say how it filters


def _named(enum: Any, word: str) -> list[str]:
    """Members whose label has a word starting with `word` ("path" -> Pathology; "cpc" is not HCPCS)."""
    low = word.lower()
    return [m.value for m in enum if any(w.startswith(low) for w in _WORDS.split(m.label.lower()))]


def _word(word: str) -> ColumnElement[bool]:
    """Where one keyword, or one of its synonyms (the engine's table), may occur."""
    synonyms = [w for w in SYNONYMS.get(word.lower(), []) if len(w) > MIN_SYNONYM]
    return or_(*(_one_word(w) for w in [word, *synonyms]))


def _one_word(word: str) -> ColumnElement[bool]:
    like = _like(word)
    where: list[ColumnElement[bool]] = [
        Job.title.ilike(like, escape="\\"),
        Job.description_excerpt.ilike(like, escape="\\"),
        Job.city.ilike(like, escape="\\"),
        exists().where(Employer.id == Job.employer_id, Employer.name.ilike(like, escape="\\")),
    ]
    if specialties := _named(Specialty, word):
        where.append(_has_tag(JobTagKind.SPECIALTY, specialties))
    if code_sets := _named(CodeSet, word):
        where.append(_has_tag(JobTagKind.CODE_SET, code_sets))
    if settings := _named(WorkSetting, word):
        where.append(Job.work_setting.in_(settings))
    if states := _named(State, word):
        where.append(Job.state.in_(states))
    if word.upper() in Credential.values():
        where.append(exists().where(
            JobTag.job_id == Job.id, JobTag.value == word.upper(),
            JobTag.kind.in_([JobTagKind.REQUIRED_CREDENTIAL.value, JobTagKind.PREFERRED_CREDENTIAL.value])))
    return or_(*where)


def conditions(p: SearchParams, now: float | None = None) -> dict[str, ColumnElement[bool]]:
    """One condition per active filter, keyed by its facet attribute (as query.filter_groups)."""
    now = time.time() if now is None else now
    return {f.attr: _condition(f, p, now) for f in p.active() if f.kind is not Kind.WITHIN or p.origin is not None}


def _keyword(p: SearchParams) -> list[ColumnElement[bool]]:
    return [_word(w) for w in p.q.split()[:MAX_WORDS]]


def filtered(p: SearchParams, now: float | None = None):
    """The visible jobs this search finds (a `select(Job)`)."""
    return visible_jobs().where(*conditions(p, now).values(), *_keyword(p))


def _order(p: SearchParams) -> list[Any]:
    """The sort table's SQL order (browsing without a keyword: featured first), ties by newest id."""
    sort = SORT_BY_NAME[p.sort]
    if not sort.engine and not p.q:  # relevance without a keyword, as query.sort_rules
        return [*BROWSE_SQL, Job.id.desc()]
    return [*sort.sql, Job.id.desc()]


def search_sql(p: SearchParams, now: float | None = None) -> tuple[list[Job], int, dict[str, dict[str, int]]]:
    """Jobs of the requested page, the total, and every facet's (disjunctive) counts."""
    now = time.time() if now is None else now
    conds = conditions(p, now)
    words = _keyword(p)
    base = visible_jobs().where(*conds.values(), *words)
    total, facets = _total_and_facets(conds, words)
    load = base.options(selectinload(Job.tags), selectinload(Job.employer))
    start = (p.page - 1) * p.per_page
    if p.sort == "distance" and p.origin is not None:
        # The radius bounds the set, so sorting it here is cheap enough for a fallback.
        where = _centroids()
        rows = db.session.execute(base.with_only_columns(Job.id, Job.zip_code)).all()
        rows.sort(key=lambda r: (miles_between(p.origin, where.get(r.zip_code[:5], (0.0, 0.0, ""))[:2]), -r.id))
        page_ids = [r.id for r in rows[start:start + p.per_page]]
        by_id = {j.id: j for j in db.session.scalars(load.where(Job.id.in_(page_ids)))}
        jobs = [by_id[i] for i in page_ids if i in by_id]
    else:
        jobs = list(db.session.scalars(load.order_by(*_order(p)).limit(p.per_page).offset(start)))
    return jobs, total, facets


def _materialized_cte_supported() -> bool:
    """`AS MATERIALIZED`: PostgreSQL 12+ (what we run) and SQLite 3.35+; older SQLite gets a plain CTE."""
    bind = db.session.get_bind()
    if bind.dialect.name == "sqlite":
        return sqlite3.sqlite_version_info >= (3, 35, 0)
    return bind.dialect.name == "postgresql"


ANYWHERE = "*"  # the fallback's row for remote jobs open to every state (added to each state's count)


def _facet_counts(f: Filter, matched: Any) -> list[Any]:
    """Selects of (attr, value, count) rows of one facet over the job ids in `matched`."""
    label = literal(f.attr, String)
    if f.kind is Kind.HIRES_IN:  # located there (on-site, hybrid), named by a remote job, or remote anywhere
        located = (select(label, f.column, func.count()).join(matched, matched.c.id == Job.id)
                   .where(Job.work_mode != WorkMode.REMOTE.value).group_by(f.column))
        named = (select(label, JobTag.value, func.count()).join(matched, matched.c.id == JobTag.job_id)
                 .where(JobTag.kind == JobTagKind.REMOTE_STATE.value).group_by(JobTag.value))
        anywhere = (select(label, literal(ANYWHERE, String), func.count()).select_from(Job)
                    .join(matched, matched.c.id == Job.id)
                    .where(Job.work_mode == WorkMode.REMOTE.value, _no_remote_states()))
        return [located, named, anywhere]
    if f.tag is not None:
        return [select(label, JobTag.value, func.count()).join(matched, matched.c.id == JobTag.job_id)
                .where(JobTag.kind == f.tag.value).group_by(JobTag.value)]
    value: Any = f.column
    if f.kind is Kind.FLAG:  # the engine names boolean facet values "true" and "false"
        value = case((f.column.is_(True), literal("true", String)), else_=literal("false", String))
    return [select(label, value, func.count()).join(matched, matched.c.id == Job.id).group_by(value)]


def _total_and_facets(conds: dict[str, ColumnElement[bool]], words: list[ColumnElement[bool]]
                      ) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and every facet's counts in one statement.

    The filtered set is computed once (a materialised CTE) instead of once per facet: with keywords
    matched by ILIKE over 100,000 descriptions that was 10 scans and 15 s per search on PostgreSQL
    (bench/README.md). A facet whose own filter is active counts over a second set that leaves that
    filter out (disjunctive counts, as the engine's extra facet queries).
    """
    materialized = _materialized_cte_supported()

    def cte(name: str, where: list[ColumnElement[bool]]) -> Any:
        matched = visible_jobs().where(*where, *words).with_only_columns(Job.id).order_by(None).cte(name)
        return matched.prefix_with("MATERIALIZED") if materialized else matched

    matched = cte("matched", list(conds.values()))
    parts = [select(literal("", String).label("attr"), literal("", String).label("value"), func.count())
             .select_from(matched)]
    for i, f in enumerate(f for f in FILTERS if f.facet):
        own = matched
        if f.attr in conds:
            own = cte(f"matched_{i}", [c for attr, c in conds.items() if attr != f.attr])
        parts.extend(_facet_counts(f, own))
    total = 0
    counts: dict[str, dict[str, int]] = {attr: {} for attr in FACETS}
    anywhere: dict[str, int] = {}
    for attr, value, n in db.session.execute(union_all(*parts)):
        if attr == "":
            total = n
        elif value == ANYWHERE:
            anywhere[attr] = n
        elif n:
            counts[attr][value] = counts[attr].get(value, 0) + n
    for f in FILTERS:
        if f.kind is Kind.HIRES_IN and anywhere.get(f.attr):
            counts[f.attr] = {s: counts[f.attr].get(s, 0) + anywhere[f.attr] for s in f.allowed()}
    return total, {attr: dict(sorted(pairs.items(), key=lambda x: -x[1])) for attr, pairs in counts.items()}

"""What a specialty codes, what a code belongs to, and the open jobs behind both."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlalchemy import exists

from careers.extensions import db
from careers.jobs.models import Job, JobTag
from careers.jobs.services import visible_jobs
from careers.search.params import SearchParams
from careers.search.service import SearchResult, search_jobs
from careers.taxonomy import Credential, JobTagKind, Specialty
from careers.taxonomy.categories import CREDENTIALS_BY_SPECIALTY, CodeCategory
from careers.taxonomy.codes import Resolution, categories_for_specialty, resolve


def specialty_counts() -> tuple[dict[str, int], bool]:
    """Open jobs per specialty (from the search facets; SQL when the engine is down)."""
    result = search_jobs(SearchParams(per_page=1))
    return dict(result.facets.get("specialties", {})), result.degraded


@dataclass
class PayStats:
    low: int
    high: int
    median: int
    jobs: int


def pay_stats(slug: str) -> PayStats | None:
    """Annualised pay range and median (of each job's midpoint) over the specialty's open jobs."""
    rows = db.session.execute(
        visible_jobs()
        .with_only_columns(Job.pay_min_annual, Job.pay_max_annual)
        .where(exists().where(JobTag.job_id == Job.id, JobTag.kind == JobTagKind.SPECIALTY.value,
                              JobTag.value == slug))
    ).all()
    if not rows:
        return None
    mids = [(lo + hi) / 2 for lo, hi in rows]
    return PayStats(min(r[0] for r in rows), max(r[1] for r in rows), int(statistics.median(mids)), len(rows))


@dataclass
class SpecialtyOverview:
    specialty: Specialty
    categories: list[CodeCategory]
    credentials: list[Credential]
    pay: PayStats | None
    newest: SearchResult


def specialty_overview(slug: str) -> SpecialtyOverview | None:
    try:
        specialty = Specialty(slug)
    except ValueError:
        return None
    newest = search_jobs(SearchParams(specialty=[slug], sort="newest", per_page=8))
    return SpecialtyOverview(
        specialty=specialty,
        categories=categories_for_specialty(slug),
        credentials=[Credential(c) for c in CREDENTIALS_BY_SPECIALTY.get(slug, ())],
        pay=pay_stats(slug),
        newest=newest,
    )


@dataclass
class CodePage:
    resolution: Resolution
    jobs: SearchResult | None


def code_page(text: str, per_page: int = 10) -> CodePage:
    """The resolver's answer plus the open jobs of the code's specialties."""
    resolution = resolve(text)
    jobs = None
    if resolution.ok and resolution.specialties:
        jobs = search_jobs(SearchParams(specialty=list(resolution.specialties), sort="newest", per_page=per_page))
    return CodePage(resolution, jobs)


def open_jobs_for(specialties: list[str]) -> int:
    if not specialties:
        return 0
    return search_jobs(SearchParams(specialty=list(specialties), per_page=1)).total

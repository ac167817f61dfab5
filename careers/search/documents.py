"""A job as a search document: derived from the database, never edited by hand."""

from __future__ import annotations

import re
from typing import Any

from careers.geo import zip_centroid
from careers.jobs.models import Job
from careers.taxonomy import CodeSet, Specialty, State, WorkMode, WorkSetting

_MARKDOWN_NOISE = re.compile(r"[#*_`>\[\]()|~-]+")


# The opening of a description carries its keywords (tools, systems, duties); indexing all of it
# multiplied reindex time for little recall (bench/README.md).
DESCRIPTION_CHARS = 600


def plain_text(markdown: str, limit: int = DESCRIPTION_CHARS) -> str:
    """Markdown to searchable text, trimmed (the full text stays in the database)."""
    return re.sub(r"\s+", " ", _MARKDOWN_NOISE.sub(" ", markdown)).strip()[:limit]


def job_document(job: Job) -> dict[str, Any]:
    """The document of a published job (employer and tags must be loaded)."""
    remote_states = job.remote_states
    doc: dict[str, Any] = {
        "id": job.id,
        "title": job.title,
        "description": plain_text(job.description_md),
        "employer": job.employer.name,
        "employer_id": job.employer_id,
        "specialties": job.specialties,
        "specialty_labels": [Specialty.label_of(s) for s in job.specialties],
        "credentials": job.required_credentials,
        "preferred_credentials": job.preferred_credentials,
        "code_sets": job.code_sets,
        "code_set_labels": [CodeSet.label_of(c) for c in job.code_sets],
        "setting": job.work_setting,
        "setting_label": WorkSetting.label_of(job.work_setting),
        "work_mode": job.work_mode,
        "remote_states": remote_states,
        "remote_anywhere": job.work_mode == WorkMode.REMOTE and not remote_states,
        "state": job.state,
        "state_name": State.label_of(job.state),
        "city": job.city,
        "employment_type": job.employment_type,
        "experience": job.experience_level,
        "apprentice": job.apprentice_welcome,
        "pay_min": job.pay_min_annual,
        "pay_max": job.pay_max_annual,
        "pay_min_amount": job.pay_min_cents / 100,
        "pay_max_amount": job.pay_max_cents / 100,
        "pay_period": job.pay_period,
        "posted_at": int(job.published_at.timestamp()) if job.published_at else 0,
        "featured": job.featured,
    }
    if where := zip_centroid(job.zip_code):
        doc["_geo"] = {"lat": where[0], "lng": where[1]}
    return doc

"""One presenter for a job in a list: every listing (board, home, specialty and code pages, API)
formats pay, place, tags and badges here, and the job page reads the same formatters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from flask import url_for
from markupsafe import Markup, escape

from careers.common import slugify
from careers.taxonomy import EmploymentType, PayPeriod, Specialty, WorkMode

MAX_STATES_NAMED = 6  # a remote job open to more states says how many instead of listing them


def format_money(cents: int, period: str) -> str:
    """$23.50 for hourly pay, $52,000 for a year (whole dollars)."""
    return f"${cents / 100:,.2f}" if period == PayPeriod.HOUR else f"${cents // 100:,}"


def format_pay(min_cents: int, max_cents: int, period: str) -> str:
    """'$52,000 – $61,000 per year'; one figure when the range is a single amount."""
    lo, hi = format_money(min_cents, period), format_money(max_cents, period)
    span = lo if min_cents == max_cents else f"{lo} – {hi}"
    return f"{span} {PayPeriod.label_of(period)}"


def format_place(work_mode: str, city: str, state: str, remote_states: Sequence[str]) -> str:
    """'Remote (any US state)', 'Remote (OH, PA)', 'Hybrid · Columbus, OH'."""
    if work_mode == WorkMode.REMOTE:
        if not remote_states:
            where = "any US state"
        elif len(remote_states) > MAX_STATES_NAMED:
            where = f"{len(remote_states)} states"
        else:
            where = ", ".join(remote_states)
        return f"Remote ({where})"
    place = ", ".join(p for p in (city, state) if p)
    return f"{WorkMode.label_of(work_mode)} · {place}"


def _cents(amount: float | None) -> int:
    return round((amount or 0) * 100)


def card_from_document(doc: dict[str, Any], title_html: Markup | None = None) -> dict[str, Any]:
    """A search document (engine hit, or built from the database) as a card and an API hit."""
    posted = doc.get("posted_at") or 0
    period = doc.get("pay_period") or PayPeriod.YEAR.value
    remote_states = doc.get("remote_states", [])
    specialties = doc.get("specialties", [])
    return {
        "id": doc["id"],
        "title": doc["title"],
        "title_html": title_html if title_html is not None else escape(doc["title"]),
        "employer": doc["employer"],
        "url": url_for("jobs.show", job_id=doc["id"], slug=slugify(doc["title"]), _external=False),
        "specialties": specialties,
        "specialty_labels": [Specialty.label_of(s) for s in specialties],
        "credentials": doc.get("credentials", []),
        "code_sets": doc.get("code_sets", []),
        "setting": doc.get("setting"),
        "work_mode": doc.get("work_mode"),
        "remote_states": remote_states,
        "state": doc.get("state"),
        "city": doc.get("city"),
        "place": format_place(doc.get("work_mode") or "", doc.get("city") or "", doc.get("state") or "",
                              remote_states),
        "employment_type": doc.get("employment_type"),
        "employment_type_label": EmploymentType.label_of(doc.get("employment_type") or ""),
        "experience": doc.get("experience"),
        "apprentice": doc.get("apprentice", False),
        "pay_min": doc.get("pay_min_amount"),
        "pay_max": doc.get("pay_max_amount"),
        "pay_min_annual": doc.get("pay_min"),
        "pay_max_annual": doc.get("pay_max"),
        "pay_period": period,
        "pay": format_pay(_cents(doc.get("pay_min_amount")), _cents(doc.get("pay_max_amount")), period),
        "posted_at": datetime.fromtimestamp(posted, UTC).isoformat() if posted else None,
        "featured": doc.get("featured", False),
    }

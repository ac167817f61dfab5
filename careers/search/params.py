"""Search parameters from a query string: whitelisted attributes and taxonomy values only.

The same parser serves /jobs and /api/v1/jobs; the engine query and the SQL fallback both read the
validated SearchParams, so nothing a user typed reaches a filter expression unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from careers.geo import zip_centroid
from careers.taxonomy import (
    CodeSet,
    Credential,
    EmploymentType,
    ExperienceLevel,
    Specialty,
    State,
    WorkMode,
    WorkSetting,
)

SORTS = ("relevance", "newest", "pay", "distance")
POSTED_WITHIN = (1, 7, 30)
MAX_Q = 200
MAX_PAGE = 500
MAX_PER_PAGE = 50
MAX_RADIUS = 500

DEFAULTS: dict[str, Any] = {
    "q": "", "apprentice": False, "pay_min": None, "posted_within": None, "near": "", "radius": 50,
    "sort": "relevance", "page": 1, "per_page": 20,
}
# query-string name -> (document attribute, allowed values, label for messages)
MULTI: dict[str, tuple[str, list[str], str]] = {
    "specialty": ("specialties", Specialty.values(), "specialty"),
    "credential": ("credentials", Credential.values(), "credential"),
    "code_set": ("code_sets", CodeSet.values(), "code set"),
    "setting": ("setting", WorkSetting.values(), "work setting"),
    "work_mode": ("work_mode", WorkMode.values(), "work mode"),
    "state": ("state", State.values(), "state"),
    "employment_type": ("employment_type", EmploymentType.values(), "employment type"),
    "experience": ("experience", ExperienceLevel.values(), "experience level"),
}


class ParamError(ValueError):
    """A parameter the search cannot take; the message says which and why."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class SearchParams:
    q: str = ""
    specialty: list[str] = field(default_factory=list)
    credential: list[str] = field(default_factory=list)
    code_set: list[str] = field(default_factory=list)
    setting: list[str] = field(default_factory=list)
    work_mode: list[str] = field(default_factory=list)
    state: list[str] = field(default_factory=list)
    employment_type: list[str] = field(default_factory=list)
    experience: list[str] = field(default_factory=list)
    apprentice: bool = False
    pay_min: int | None = None
    posted_within: int | None = None
    near: str = ""
    radius: int = 50
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    origin: tuple[float, float] | None = None  # centroid of `near`, resolved during parsing

    def selected(self, name: str) -> list[str]:
        return getattr(self, name)

    def to_query(self, **changes: Any) -> MultiDict[str, str]:
        """The query string of this state with some values changed (links for pages, chips, sorts)."""
        out: MultiDict[str, str] = MultiDict()
        for name in MULTI:
            for value in changes.get(name, getattr(self, name)):
                out.add(name, value)
        for key, default in DEFAULTS.items():
            value = changes.get(key, getattr(self, key))
            if value != default and value not in (None, ""):
                out.add(key, "1" if value is True else str(value))
        return out

    @property
    def active_filters(self) -> bool:
        return bool(any(getattr(self, k) for k in MULTI) or self.apprentice or self.pay_min
                    or self.posted_within or self.near)


def _int(errors: dict[str, str], name: str, raw: str | None, lo: int, hi: int, default: int | None) -> int | None:
    if raw is None or raw == "":
        return default
    raw = raw.strip()
    if not raw.isdigit() or len(raw) > 9:
        errors[name] = f"must be a whole number from {lo} to {hi}"
        return default
    value = int(raw)
    if not lo <= value <= hi:
        errors[name] = f"must be from {lo} to {hi}"
        return default
    return value


def parse(args: MultiDict[str, str], default_per_page: int = 20) -> SearchParams:
    """Validate a query string; raises ParamError naming every bad parameter."""
    errors: dict[str, str] = {}
    p = SearchParams(per_page=default_per_page)
    q = args.get("q", "") or ""
    if len(q) > MAX_Q:
        errors["q"] = f"keep the search under {MAX_Q} characters"
    elif any(ord(c) < 32 for c in q):
        errors["q"] = "contains control characters"
    else:
        p.q = " ".join(q.split())
    for name, (_attr, allowed, label) in MULTI.items():
        values = [v for v in args.getlist(name) if v != ""]
        if len(values) > len(allowed):
            errors[name] = f"too many values for {label}"
            continue
        unknown = [v for v in values if v not in allowed]
        if unknown:
            shown = unknown[0] if len(unknown[0]) <= 40 else unknown[0][:40] + "…"
            errors[name] = f"unknown {label} {shown!r}"
            continue
        setattr(p, name, list(dict.fromkeys(values)))
    apprentice = (args.get("apprentice") or "").lower()
    if apprentice not in ("", "0", "1", "true", "false", "yes", "no", "on"):
        errors["apprentice"] = "must be 1 or 0"
    p.apprentice = apprentice in ("1", "true", "yes", "on")
    p.pay_min = _int(errors, "pay_min", args.get("pay_min"), 0, 2_000_000, None)
    posted = _int(errors, "posted_within", args.get("posted_within"), 1, 30, None)
    if posted is not None and posted not in POSTED_WITHIN:
        errors["posted_within"] = "must be 1, 7 or 30 (days)"
    else:
        p.posted_within = posted
    near = (args.get("near") or "").strip()
    if near:
        centroid = zip_centroid(near)
        if centroid is None:
            errors["near"] = "enter a known 5-digit US ZIP code"
        else:
            p.near, p.origin = near[:5], centroid
    p.radius = _int(errors, "radius", args.get("radius"), 1, MAX_RADIUS, 50) or 50
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = f"must be one of {', '.join(SORTS)}"
    elif sort == "distance" and not p.near:
        errors["sort"] = "sorting by distance needs a ZIP code in 'near'"
    else:
        p.sort = sort
    p.page = _int(errors, "page", args.get("page"), 1, MAX_PAGE, 1) or 1
    p.per_page = _int(errors, "per_page", args.get("per_page"), 1, MAX_PER_PAGE, default_per_page) or default_per_page
    if errors:
        raise ParamError(errors)
    return p


def parse_lenient(args: MultiDict[str, str], default_per_page: int = 20) -> tuple[SearchParams, dict[str, str]]:
    """For the page: drop what is bad (and say so), keep every good value, rather than refuse the search."""
    try:
        return parse(args, default_per_page), {}
    except ParamError as exc:
        problems = dict(exc.errors)
    clean: MultiDict[str, str] = MultiDict()
    for key, value in args.items(multi=True):
        if key not in problems:
            clean.add(key, value)
        elif key in MULTI and value in MULTI[key][1]:
            clean.add(key, value)  # keep the known values of a list that also held unknown ones
    try:
        return parse(clean, default_per_page), problems
    except ParamError as again:  # a dependency, such as sort=distance without a ZIP
        problems.update(again.errors)
        cleaner = MultiDict([(k, v) for k, v in clean.items(multi=True) if k not in again.errors])
        return parse(cleaner, default_per_page), problems

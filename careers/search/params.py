"""Search parameters from a query string: whitelisted attributes and taxonomy values only.

The same parser serves /jobs, /api/v1/jobs and every other listing; the engine query and the SQL
fallback both read the validated SearchParams, so nothing a user typed reaches a filter expression
unchecked. What the filters are comes from the table in `filters.py`.
"""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from careers.geo import zip_centroid
from careers.search.filters import BY_PARAM, DEFAULT_RADIUS, FILTERS, MAX_RADIUS, SORT_BY_NAME, SORTS, Filter, Kind

MAX_Q = 200
MAX_PAGE = 500
MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 20
POSTED_WITHIN = BY_PARAM["posted_within"].choice_values

__all__ = ["MAX_PAGE", "MAX_PER_PAGE", "MAX_Q", "MAX_RADIUS", "PARAM_LABELS", "POSTED_WITHIN", "SORTS", "ParamError",
           "SearchParams", "parse", "parse_lenient"]


# How the page names each parameter when it ignores a bad value (the filters' labels, and the rest).
PARAM_LABELS: dict[str, str] = {
    "q": "Keyword", "sort": "Sort by", "page": "Page", "per_page": "Results per page", "radius": "Within (miles)",
    **{f.param: f.label for f in FILTERS},
}


def _is_set(value: Any) -> bool:
    """A filter value that narrows the search (0 is a value: pay_min=0)."""
    return value is not None and value is not False and value != "" and value != []


def _empty(f: Filter) -> Any:
    if f.multi:
        return []
    if f.kind is Kind.FLAG:
        return False
    if f.kind is Kind.WITHIN:
        return ""
    return None


class ParamError(ValueError):
    """A parameter the search cannot take; the message says which and why."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class SearchParams:
    """A validated search: keyword, one value per filter of the table, radius, sort and page.

    Filters are read as attributes (``p.specialty``, ``p.pay_min``) or with ``selected(name)``.
    """

    __slots__ = ("q", "values", "radius", "sort", "page", "per_page", "origin", "default_per_page")

    def __init__(self, q: str = "", *, radius: int = DEFAULT_RADIUS, sort: str = "relevance", page: int = 1,
                 per_page: int = DEFAULT_PER_PAGE, origin: tuple[float, float] | None = None,
                 default_per_page: int = DEFAULT_PER_PAGE, **filters: Any) -> None:
        unknown = set(filters) - set(BY_PARAM)
        if unknown:
            raise TypeError(f"unknown search filter(s): {', '.join(sorted(unknown))}")
        self.q = q
        self.values: dict[str, Any] = {f.param: _empty(f) for f in FILTERS}
        for name, value in filters.items():
            self.values[name] = list(value) if BY_PARAM[name].multi else value
        self.radius = radius
        self.sort = sort
        self.page = page
        self.per_page = per_page
        self.origin = origin
        self.default_per_page = default_per_page  # the page size links leave out
        if self.values["near"] and origin is None:
            self.origin = zip_centroid(self.values["near"])

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "values")[name]
        except KeyError:
            raise AttributeError(name) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SearchParams) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __repr__(self) -> str:
        shown = {k: v for k, v in self.values.items() if _is_set(v)}
        return (f"SearchParams(q={self.q!r}, {shown}, sort={self.sort!r}, page={self.page}, "
                f"per_page={self.per_page})")

    def replace(self, **changes: Any) -> SearchParams:
        """A copy with some values changed (filters by their parameter name)."""
        base: dict[str, Any] = {"q": self.q, "radius": self.radius, "sort": self.sort, "page": self.page,
                                "per_page": self.per_page, "default_per_page": self.default_per_page,
                                **self.values}
        if "near" not in changes:
            base["origin"] = self.origin
        base.update(changes)
        return SearchParams(**base)

    def selected(self, name: str) -> Any:
        return self.values[name]

    def active(self) -> list[Filter]:
        """The filters this search narrows by, in table order."""
        return [f for f in FILTERS if _is_set(self.values[f.param])]

    @property
    def active_filters(self) -> bool:
        return bool(self.active())

    def to_query(self, **changes: Any) -> MultiDict[str, str]:
        """The query string of this state with some values changed (links for pages, chips, sorts)."""
        state = self.replace(**changes) if changes else self
        out: MultiDict[str, str] = MultiDict()
        if state.q:
            out.add("q", state.q)
        for f in FILTERS:
            value = state.values[f.param]
            if f.multi:
                for v in value:
                    out.add(f.param, v)
            elif value is True:
                out.add(f.param, "1")
            elif _is_set(value):
                out.add(f.param, str(value))
            if f.kind is Kind.WITHIN and state.radius != DEFAULT_RADIUS:
                out.add("radius", str(state.radius))
        if state.sort != "relevance":
            out.add("sort", state.sort)
        if state.page != 1:
            out.add("page", str(state.page))
        if state.per_page != state.default_per_page:
            out.add("per_page", str(state.per_page))
        return out


def _int(errors: dict[str, str], name: str, raw: str | None, lo: int, hi: int, default: int | None) -> int | None:
    if raw is None or raw == "":
        return default
    raw = raw.strip()
    # isdecimal() alone admits other scripts' digits ("٣"), and isdigit() superscripts ("²") that int() refuses.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        errors[name] = f"must be a whole number from {lo:,} to {hi:,}"
        return default
    value = int(raw)
    if not lo <= value <= hi:
        errors[name] = f"must be from {lo:,} to {hi:,}"
        return default
    return value


def _parse_filter(f: Filter, args: MultiDict[str, str], errors: dict[str, str], p: SearchParams) -> None:
    """Read one row of the table from the query string into `p` (or note why it cannot be)."""
    name = f.param
    if f.multi:
        allowed = f.allowed()
        values = [v for v in args.getlist(name) if v != ""]
        if len(values) > len(allowed):
            errors[name] = f"too many values for {f.label.lower()}"
            return
        unknown = [v for v in values if v not in allowed]
        if unknown:
            shown = unknown[0] if len(unknown[0]) <= 40 else unknown[0][:40] + "…"
            errors[name] = f"unknown {f.label.lower()} {shown!r}"
            return
        p.values[name] = list(dict.fromkeys(values))
    elif f.kind is Kind.FLAG:
        raw = (args.get(name) or "").lower()
        if raw not in ("", "0", "1", "true", "false", "yes", "no", "on"):
            errors[name] = "must be 1 or 0"
        p.values[name] = raw in ("1", "true", "yes", "on")
    elif f.kind is Kind.AT_LEAST:
        p.values[name] = _int(errors, name, args.get(name), *f.bounds, None)
    elif f.kind is Kind.SINCE:
        days = _int(errors, name, args.get(name), *f.bounds, None)
        if days is not None and days not in f.choice_values:
            *first, last = f.choice_values
            errors[name] = f"must be {', '.join(map(str, first))} or {last} (days)"
        else:
            p.values[name] = days
    elif f.kind is Kind.WITHIN:
        near = (args.get(name) or "").strip()
        if near:
            centroid = zip_centroid(near)
            if centroid is None:
                errors[name] = "enter a known 5-digit US ZIP code"
            else:
                p.values[name], p.origin = near[:5], centroid
        p.radius = _int(errors, "radius", args.get("radius"), 1, MAX_RADIUS, DEFAULT_RADIUS) or DEFAULT_RADIUS
    else:  # pragma: no cover - a new kind must say how it is parsed
        raise NotImplementedError(f.kind)


def parse(args: MultiDict[str, str], default_per_page: int = 20) -> SearchParams:
    """Validate a query string; raises ParamError naming every bad parameter."""
    errors: dict[str, str] = {}
    p = SearchParams(per_page=default_per_page, default_per_page=default_per_page)
    q = args.get("q", "") or ""
    if len(q) > MAX_Q:
        errors["q"] = f"keep the search under {MAX_Q} characters"
    elif any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in q):
        errors["q"] = "contains control characters"
    else:
        p.q = " ".join(q.split())
    for f in FILTERS:
        _parse_filter(f, args, errors, p)
    sort = args.get("sort") or "relevance"
    if sort not in SORT_BY_NAME:
        errors["sort"] = f"must be one of {', '.join(SORTS)}"
    elif SORT_BY_NAME[sort].needs_origin and p.origin is None:
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
        elif key in BY_PARAM and BY_PARAM[key].multi and value in BY_PARAM[key].allowed():
            clean.add(key, value)  # keep the known values of a list that also held unknown ones
    try:
        return parse(clean, default_per_page), problems
    except ParamError as again:  # a dependency, such as sort=distance without a ZIP
        problems.update(again.errors)
        cleaner = MultiDict([(k, v) for k, v in clean.items(multi=True) if k not in again.errors])
        return parse(cleaner, default_per_page), problems

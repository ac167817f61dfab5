"""The board's filters, facets and sorts, defined once.

Every listing of jobs reads this table: the query-string parser (`params.py`), the Meilisearch filter
and facet builder (`query.py`), the index settings (`settings.py`), the SQL fallback (`fallback.py`)
and the filter panel of /jobs. Adding a filter is one row here plus its data (a Job column or a tag
kind, and a taxonomy enumeration); what each *kind* of row means is written once, below the table.

Kinds:
- ``ANY_OF``: the job has any of the chosen values (a Job column, or a tag kind for many-valued
  attributes); disjunctive facet counts.
- ``HIRES_IN``: a state: on-site and hybrid jobs located there, and remote jobs open to its residents
  (remote jobs that name no state hire in every state); its counts count the same jobs. The document
  holds the list (``hires_in`` in documents.py); SQL derives it from the location, the remote-state tags
  and the work mode.
- ``FLAG``: a yes/no attribute that must be true when ticked; counted as a facet.
- ``AT_LEAST``: a number the attribute must reach (pay: the top of the annual range).
- ``SINCE``: posted within N days.
- ``WITHIN``: within a radius of a ZIP code's centroid (on-site and hybrid jobs only).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from careers.jobs.models import Job
from careers.taxonomy import (
    Choice,
    CodeSet,
    Credential,
    EmploymentType,
    ExperienceLevel,
    JobTagKind,
    Specialty,
    State,
    WorkMode,
    WorkSetting,
)


class Kind(StrEnum):
    ANY_OF = "any_of"
    HIRES_IN = "hires_in"
    FLAG = "flag"
    AT_LEAST = "at_least"
    SINCE = "since"
    WITHIN = "within"


@dataclass(frozen=True)
class Filter:
    """One filter of the board: how it is asked for, stored, indexed, matched and shown."""

    param: str  # query-string name
    attr: str  # document attribute, and the facet key when `facet`
    label: str  # heading in the panel and name in messages
    kind: Kind
    column: Any = None  # the Job column it reads (None when `tag` is set)
    tag: JobTagKind | None = None  # or the job_tags kind of a many-valued attribute
    enum: type[Choice] | None = None  # allowed values of ANY_OF / HIRES_IN
    facet: bool = False  # the engine and the fallback count its values
    panel: bool = True  # shown as a group of checkboxes in the filter panel (ANY_OF / HIRES_IN)
    short_options: bool = False  # the panel shows values (CPC), not labels (Certified Professional Coder)
    bounds: tuple[int, int] = (0, 0)  # AT_LEAST: allowed numbers; SINCE: allowed days
    choices: tuple[tuple[int, str], ...] = ()  # SINCE: the offered day counts and their labels
    extra_attrs: tuple[str, ...] = ()  # further document attributes its engine filter reads

    @property
    def choice_values(self) -> tuple[int, ...]:
        return tuple(v for v, _label in self.choices)

    @property
    def multi(self) -> bool:
        return self.kind in (Kind.ANY_OF, Kind.HIRES_IN)

    @property
    def range(self) -> bool:
        """Compared with >= in the engine (range-filterable); every other attribute needs equality only."""
        return self.kind in (Kind.AT_LEAST, Kind.SINCE)

    def allowed(self) -> list[str]:
        return self.enum.values() if self.enum else []

    def option_label(self, value: str) -> str:
        if self.short_options or self.enum is None:
            return value
        return self.enum.label_of(value)


FILTERS: tuple[Filter, ...] = (
    Filter("work_mode", "work_mode", "Work mode", Kind.ANY_OF, column=Job.work_mode, enum=WorkMode, facet=True),
    Filter("specialty", "specialties", "Specialty", Kind.ANY_OF, tag=JobTagKind.SPECIALTY, enum=Specialty,
           facet=True),
    Filter("credential", "credentials", "Required credential", Kind.ANY_OF, tag=JobTagKind.REQUIRED_CREDENTIAL,
           enum=Credential, facet=True, short_options=True),
    Filter("code_set", "code_sets", "Code set", Kind.ANY_OF, tag=JobTagKind.CODE_SET, enum=CodeSet, facet=True),
    Filter("setting", "setting", "Work setting", Kind.ANY_OF, column=Job.work_setting, enum=WorkSetting, facet=True),
    Filter("employment_type", "employment_type", "Employment type", Kind.ANY_OF, column=Job.employment_type,
           enum=EmploymentType, facet=True),
    Filter("experience", "experience", "Experience", Kind.ANY_OF, column=Job.experience_level,
           enum=ExperienceLevel, facet=True),
    Filter("state", "hires_in", "State", Kind.HIRES_IN, column=Job.state, enum=State, facet=True),
    Filter("apprentice", "apprentice", "Apprentice (CPC-A) welcome", Kind.FLAG, column=Job.apprentice_welcome,
           facet=True, panel=False),
    Filter("pay_min", "pay_max", "Pay at least", Kind.AT_LEAST, column=Job.pay_max_annual, bounds=(0, 2_000_000),
           panel=False),
    Filter("posted_within", "posted_at", "Posted", Kind.SINCE, column=Job.published_at, bounds=(1, 30),
           choices=((1, "Last 24 hours"), (7, "Last 7 days"), (30, "Last 30 days")), panel=False),
    Filter("near", "_geo", "Near ZIP", Kind.WITHIN, column=Job.zip_code, panel=False),
)
BY_PARAM: dict[str, Filter] = {f.param: f for f in FILTERS}
FACETS: list[str] = [f.attr for f in FILTERS if f.facet]
PANEL: tuple[Filter, ...] = tuple(f for f in FILTERS if f.multi and f.panel)

# Attributes filtered on that are not user filters: a job by id (sync), by employer, featured slots.
INTERNAL_FILTERABLE = ("id", "employer_id", "featured")
SECONDS_PER_DAY = 86_400
MAX_RADIUS = 500
DEFAULT_RADIUS = 50


@dataclass(frozen=True)
class Sort:
    """An order of results, the same on the engine and in SQL; ties are broken by newest id."""

    name: str
    label: str
    engine: tuple[str, ...]  # Meilisearch sort rules (before the id tie-break); () = relevance
    sql: tuple[Any, ...]  # the same order in SQL (before Job.id desc); distance is sorted in Python
    needs_origin: bool = False


SORTS_TABLE: tuple[Sort, ...] = (
    # Relevance is the engine's ranking; SQL cannot rank, so it lists newest first (see fallback.py).
    Sort("relevance", "Relevance", (), (Job.published_at.desc(),)),
    Sort("newest", "Newest", ("posted_at:desc",), (Job.published_at.desc(),)),
    Sort("pay", "Highest pay", ("pay_max:desc", "posted_at:desc"),
         (Job.pay_max_annual.desc(), Job.published_at.desc())),
    Sort("distance", "Distance", (), (), needs_origin=True),
)
SORTS: tuple[str, ...] = tuple(s.name for s in SORTS_TABLE)
SORT_BY_NAME: dict[str, Sort] = {s.name: s for s in SORTS_TABLE}
# Without a keyword, "relevance" means featured postings first, then newest.
BROWSE_ORDER = ("featured:desc", "posted_at:desc")
BROWSE_SQL = (Job.featured.desc(), Job.published_at.desc())
TIE_BREAK = "id:desc"
SORTABLE_ATTRS = ("posted_at", "pay_min", "pay_max", "featured", "id", "_geo")


def filterable_attrs() -> list[str]:
    """Every attribute a filter may use, derived from the table."""
    attrs: list[str] = list(INTERNAL_FILTERABLE)
    for f in FILTERS:
        for attr in (f.attr, *f.extra_attrs):
            if attr not in attrs:
                attrs.append(attr)
    return attrs


def range_attrs() -> list[str]:
    return [f.attr for f in FILTERS if f.range]


def iter_panel_groups(facets: dict[str, dict[str, int]], chosen: dict[str, list[str]]
                      ) -> Iterator[dict[str, Any]]:
    """The filter panel: each group's heading and options (value, label, count, checked).

    Options with no job are left out unless chosen, so the panel shows the same groups and options
    whichever side (engine or SQL) counted them; chosen options come first, then taxonomy order.
    """
    for f in PANEL:
        counts = facets.get(f.attr, {})
        picked = chosen.get(f.param, [])
        options = [
            {"value": v, "label": f.option_label(v), "count": counts.get(v, 0), "checked": v in picked}
            for v in f.allowed() if counts.get(v, 0) or v in picked
        ]
        options.sort(key=lambda o: not o["checked"])  # chosen first: a long list scrolls, they stay in view
        yield {"param": f.param, "attr": f.attr, "label": f.label, "options": options, "chosen": len(picked)}

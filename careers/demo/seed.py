"""A deterministic, realistic demo board: employers, jobs in every status, coders and their applications.

`seed_board(session, now, jobs=1000, seed=2026)` is what `flask demo seed` runs. The content (names, titles,
descriptions, pay, which coder applied where) depends only on the seed and the tables in
`careers.demo.data`; every timestamp is an offset from `now`, so a board seeded today looks as fresh as
one seeded last month. Random draws never depend on `now` (or on database ids), which keeps the content
identical run to run.

Speed: no ORM unit of work. Rows are built as dicts in batches of 2,000 jobs, their ids handed out up front
(PostgreSQL: reserved from the table's sequence; SQLite: max(id) + 1 onwards), then written in bulk (PostgreSQL:
COPY; SQLite: a Core executemany) with their tags, and committed per batch. 100,000 jobs take a few minutes.
Passwords: the three demo logins are hashed one by one (User.set_password); every other generated account
shares one hash of `data.GENERATED_PASSWORD`.

The rows bypass the ORM, so the search outbox (an after_flush hook) does not see them: `flask demo seed`
rebuilds the search index afterwards.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.orm import Session
from tqdm import tqdm

from careers.applications.models import Application, ApplicationEvent
from careers.auth.models import User
from careers.candidates.models import CandidateCredential, CandidateProfile, CandidateTag
from careers.common import utcnow
from careers.demo import data as D
from careers.employers.models import Employer
from careers.jobs.models import HOURS_PER_YEAR, Job, JobTag
from careers.markdown import plain_text
from careers.search.models import SearchState
from careers.taxonomy import (
    ApplicationStatus,
    CandidateTagKind,
    CodeSet,
    Credential,
    EmployerKind,
    EmploymentType,
    ExperienceLevel,
    JobStatus,
    JobTagKind,
    PayPeriod,
    Role,
    Specialty,
    State,
    WorkMode,
)

BATCH = 2000
DEFAULT_JOBS = 1000
DEFAULT_SEED = 2026
PUBLISHED_WINDOW = timedelta(days=60)

AS = ApplicationStatus
LEVELS = tuple(ExperienceLevel)
MODES = tuple(WorkMode)
ETYPES = tuple(EmploymentType)
STATES = tuple(State)
LEVEL_WEIGHTS = (0.2, 0.42, 0.26, 0.12)
SENIOR_LEVEL_WEIGHTS = (0.04, 0.36, 0.42, 0.18)  # audit, CDI and analyst roles
SENIOR_ROLES = frozenset({"cdi", "drg_validation", "profee_auditor", "facility_auditor", "payment_integrity",
                          "ra_qa", "data_analyst", "cdi_outpatient"})
MODE_WEIGHTS = (0.52, 0.2, 0.28)
FEATURED_SHARE = 0.03
SMALL_KINDS = (EmployerKind.PHYSICIAN_GROUP, EmployerKind.LAB)  # coding teams of 6-40, not 25-260
APPRENTICE_SHARE = {ExperienceLevel.ENTRY: 0.65, ExperienceLevel.MID: 0.1}
ETYPE_WEIGHTS = (0.74, 0.09, 0.12, 0.05)

# Event paths that end in each status; every step is a move the pipeline allows.
PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    AS.APPLIED: (("applied",),),
    AS.SCREENING: (("applied", "screening"),),
    AS.INTERVIEW: (("applied", "screening", "interview"), ("applied", "interview")),
    AS.OFFER: (("applied", "screening", "interview", "offer"), ("applied", "interview", "offer")),
    AS.HIRED: (("applied", "screening", "interview", "offer", "hired"), ("applied", "interview", "offer", "hired")),
    AS.REJECTED: (("applied", "rejected"), ("applied", "screening", "rejected"),
                  ("applied", "screening", "interview", "rejected")),
    AS.WITHDRAWN: (("applied", "withdrawn"), ("applied", "screening", "withdrawn"),
                   ("applied", "screening", "interview", "withdrawn")),
}
STATUS_WEIGHTS_BY_JOB = {
    JobStatus.PUBLISHED: ((AS.APPLIED, 38), (AS.SCREENING, 16), (AS.INTERVIEW, 13), (AS.OFFER, 6), (AS.HIRED, 3),
                          (AS.REJECTED, 15), (AS.WITHDRAWN, 9)),
    JobStatus.EXPIRED: ((AS.APPLIED, 30), (AS.REJECTED, 50), (AS.WITHDRAWN, 20)),
    JobStatus.FILLED: ((AS.REJECTED, 70), (AS.WITHDRAWN, 30)),
}
SHOWCASE_STATUSES = (AS.APPLIED, AS.SCREENING, AS.INTERVIEW, AS.OFFER, AS.REJECTED, AS.WITHDRAWN)
CODER_STATUSES = (AS.APPLIED, AS.SCREENING, AS.INTERVIEW, AS.REJECTED, AS.WITHDRAWN)

T = TypeVar("T")


class SeedError(Exception):
    """The board cannot be seeded as asked (for example it is not empty)."""


@dataclass
class SeedReport:
    """What seed_board wrote."""

    seed: int
    now: datetime
    employers: int = 0
    employer_users: int = 0
    candidates: int = 0
    credentials: int = 0
    jobs: dict[str, int] = field(default_factory=dict)
    job_tags: int = 0
    applications: dict[str, int] = field(default_factory=dict)
    events: int = 0
    seconds: float = 0.0
    logins: tuple[D.DemoLogin, ...] = D.DEMO_LOGINS

    @property
    def total_jobs(self) -> int:
        return sum(self.jobs.values())

    @property
    def total_applications(self) -> int:
        return sum(self.applications.values())

    def lines(self) -> list[str]:
        def by(counts: dict[str, int]) -> str:
            return ", ".join(f"{n:,} {status}" for status, n in counts.items() if n)

        return [
            f"Seeded the demo board in {self.seconds:.1f}s (seed {self.seed}).",
            f"  {self.employers} employers with {self.employer_users} employer users",
            f"  {self.total_jobs:,} jobs: {by(self.jobs)} ({self.job_tags:,} tags)",
            f"  {self.candidates:,} coders with profiles and {self.credentials:,} credentials",
            f"  {self.total_applications:,} applications: {by(self.applications)} ({self.events:,} events)",
            "Demo logins:",
            *(f"  {login.role:<9} {login.email} / {login.password}  ({login.note})" for login in self.logins),
            f"  Every other generated account uses the password '{D.GENERATED_PASSWORD}'.",
        ]


# -- small helpers ---------------------------------------------------------------------------------


def _pick(rng: random.Random, items: Sequence[T], cum: Sequence[float]) -> T:
    return rng.choices(items, cum_weights=cum)[0]


def _cum(weights: Sequence[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def _ids(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk INSERT of `rows`; returns their new ids in order (and sets row["id"]).

    The ids are handed out up front: on PostgreSQL from the table's own sequence (so concurrent writers stay
    safe), on SQLite as max(id) + 1 onwards (SQLite's own rule; it locks the file for writers anyway).
    Then the rows go in as one bulk write; see _bulk. (INSERT ... RETURNING sorted by parameter order
    would also work, but SQLite runs it one row per statement and psycopg re-parses each huge multi-row
    statement: both several times slower at 100,000 jobs.)
    """
    if not rows:
        return []
    table = model.__table__
    if session.get_bind().dialect.name == "postgresql":
        reserve = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)")
        ids = sorted(session.scalars(reserve, {"table": table.name, "n": len(rows)}))
    else:
        start = (session.scalar(select(func.max(table.c.id))) or 0) + 1
        ids = list(range(start, start + len(rows)))
    for row, new_id in zip(rows, ids, strict=True):
        row["id"] = new_id
    _bulk(session, model, rows)
    return ids


def _bulk(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Bulk write of rows that all have the same keys: COPY on PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    table = model.__table__
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        for start in range(0, len(rows), BATCH):
            session.execute(insert(table), rows[start : start + BATCH])
        return
    # COPY skips SQLAlchemy's Python-side column defaults: fill in any a caller left out.
    defaults = {c.name: c.default.arg for c in table.columns
                if c.name not in rows[0] and c.default is not None and not c.default.is_sequence}
    for row in rows if defaults else ():
        for name, arg in defaults.items():
            row[name] = arg(None) if callable(arg) else arg
    names = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row[n] for n in names])


def _shared_hash(password: str) -> str:
    user = User()
    user.set_password(password)
    return user.password_hash


def _money(cents: int, period: str) -> str:
    return f"${cents / 100:,.2f}" if period == PayPeriod.HOUR else f"${cents // 100:,}"


def _in_text(area: str) -> str:
    """'Risk Adjustment' -> 'risk adjustment' but 'DRG Validation' -> 'DRG validation', 'E/M' stays."""
    return " ".join(w if sum(ch.isupper() for ch in w) > 1 else w.lower() for w in area.split())


def board_is_empty(session: Session) -> bool:
    """True when no employer exists (what `--if-empty` checks)."""
    return session.scalar(select(Employer.id).limit(1)) is None


def _profile_tags(specialties: Sequence[Specialty], code_sets: Sequence[CodeSet]) -> list[dict[str, Any]]:
    """candidate_tags rows (without profile_id) for a coder's specialties and code sets, in that order."""
    return [{"kind": kind.value, "value": value.value, "position": position}
            for kind, values in ((CandidateTagKind.SPECIALTY, specialties), (CandidateTagKind.CODE_SET, code_sets))
            for position, value in enumerate(values)]


def reset_board(session: Session) -> None:
    """Delete every row of every table but search_state (PostgreSQL: TRUNCATE ... RESTART IDENTITY).

    search_state only records which settings the live search index has; it is engine state, not board data.
    The search index itself is not touched: rebuild it afterwards (`flask search reindex`).
    """
    conn = session.connection()
    existing = set(inspect(conn).get_table_names())
    keep = {SearchState.__tablename__}
    tables = [t for t in reversed(Job.metadata.sorted_tables) if t.name in existing and t.name not in keep]
    if conn.dialect.name == "postgresql":
        quote = conn.dialect.identifier_preparer.quote
        session.execute(text("TRUNCATE TABLE " + ", ".join(quote(t.name) for t in tables) + " RESTART IDENTITY"))
    else:
        for table in tables:
            session.execute(table.delete())
    session.commit()


# -- the working state of one run ------------------------------------------------------------------


@dataclass(slots=True)
class _Emp:
    spec: D.EmployerSpec
    city: D.City
    remote_states: list[str]  # [] = residents of any state
    id: int = 0
    user_ids: list[int] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class _JobRef:
    """What the application step needs to know about a job."""

    employer: _Emp
    status: str
    specialty: str
    opened: datetime
    closed: datetime | None
    created_by: int
    id: int = 0


@dataclass(slots=True)
class _Cand:
    user_id: int
    specialty: str
    area: str
    years: int
    credential: str


class _Seeder:
    def __init__(self, session: Session, now: datetime, jobs: int, seed: int, candidates: int | None,
                 progress: bool) -> None:
        self.session = session
        self.now = now
        self.today = now.date()
        self.n_published = jobs
        self.rng = random.Random(seed)
        self.n_candidates = candidates if candidates is not None else 240 + jobs // 50
        self.progress = progress
        self.report = SeedReport(seed=seed, now=now)
        self.arch_cum = _cum([a.weight for a in D.ARCHETYPES])
        self.city_cum = _cum([c.weight for c in D.CITIES])
        self.level_cum, self.senior_cum = _cum(LEVEL_WEIGHTS), _cum(SENIOR_LEVEL_WEIGHTS)
        self.mode_cum, self.etype_cum = _cum(MODE_WEIGHTS), _cum(ETYPE_WEIGHTS)
        self.first_city = {}
        for c in D.CITIES:
            self.first_city.setdefault(c.state, c)
        self.cities_by_state: dict[str, list[D.City]] = {}
        for c in D.CITIES:
            self.cities_by_state.setdefault(c.state, []).append(c)
        self.refs: list[_JobRef] = []
        self.refs_by_specialty: dict[str, list[_JobRef]] = {}
        self.lakeshore_published: list[_JobRef] = []
        self.lakeshore_filled: list[_JobRef] = []

    # -- accounts --------------------------------------------------------------------------------

    def run(self) -> SeedReport:
        started = time.perf_counter()
        if not board_is_empty(self.session):
            raise SeedError("The board already has employers; reset it first (flask demo seed --reset).")
        self.shared_hash = _shared_hash(D.GENERATED_PASSWORD)
        self.admin_id = self._admin()
        self._employers()
        self._candidates()
        self._jobs()
        self._applications()
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _user_row(self, email: str, role: Role, name: str, created: datetime, password_hash: str,
                  employer_id: int | None = None, last_login: datetime | None = None) -> dict[str, Any]:
        return {"email": email, "password_hash": password_hash, "role": role.value, "display_name": name,
                "employer_id": employer_id, "active": True, "created_at": created, "last_login_at": last_login,
                "email_verified_at": created}  # demo accounts count as confirmed

    def _demo_hash(self, login: D.DemoLogin) -> str:
        return _shared_hash(login.password)

    def _admin(self) -> int:
        existing = self.session.scalar(select(User.id).where(User.email == D.DEMO_ADMIN.email))
        if existing is not None:  # created earlier with `flask admin create`: keep it and its password
            return existing
        created = self.now - timedelta(days=400)
        row = self._user_row(D.DEMO_ADMIN.email, Role.ADMIN, "Demo Admin", created, self._demo_hash(D.DEMO_ADMIN))
        (admin_id,) = _ids(self.session, User, [row])
        self.session.commit()
        return admin_id

    def _name(self) -> tuple[str, str]:
        return self.rng.choice(D.FIRST_NAMES), self.rng.choice(D.LAST_NAMES)

    def _employers(self) -> None:
        rng, now = self.rng, self.now
        self.emps: list[_Emp] = []
        rows = []
        for spec in D.EMPLOYERS:
            size = rng.choice(D.EMPLOYER_SIZES[spec.kind])
            coders = rng.randrange(6, 40) if spec.kind in SMALL_KINDS else rng.randrange(25, 260)
            about = D.about_text(spec, size, coders, rng.choice(D.ABOUT_CLOSERS))
            any_state = rng.random() < 0.4
            picked = rng.sample(STATES, rng.randint(6, 30))
            remote = [] if any_state else [s.value for s in STATES if s in picked or s == spec.state]
            created = now - timedelta(days=rng.uniform(120, 900))
            emp = _Emp(spec, D.city(spec.city, spec.state), remote)
            self.emps.append(emp)
            rows.append({"name": spec.name, "kind": spec.kind.value, "website": f"https://www.{spec.slug}.example",
                         "hq_city": spec.city, "hq_state": spec.state, "about": about, "created_at": created,
                         "updated_at": created + (now - created) * rng.uniform(0, 0.5)})
        for emp, emp_id in zip(self.emps, _ids(self.session, Employer, rows), strict=True):
            emp.id = emp_id
        self.lakeshore = self.emps[0]
        assert self.lakeshore.spec.slug == "lakeshore"

        users: list[tuple[_Emp, dict[str, Any]]] = []
        for emp, row in zip(self.emps, rows, strict=True):
            created = row["created_at"] + timedelta(hours=rng.uniform(0, 48))
            login = now - timedelta(hours=rng.uniform(1, 24 * 20))
            if emp is self.lakeshore:
                users.append((emp, self._user_row(D.DEMO_EMPLOYER.email, Role.EMPLOYER, "Morgan Ellis", created,
                                                  self._demo_hash(D.DEMO_EMPLOYER), emp.id, login)))
            first, last = self._name()
            users.append((emp, self._user_row(f"hiring@{emp.spec.slug}.example", Role.EMPLOYER, f"{first} {last}",
                                              created, self.shared_hash, emp.id, login)))
            if rng.random() < 0.5:
                first, last = self._name()
                box = rng.choice(D.EMPLOYER_MAILBOXES)
                later = created + (now - created) * rng.uniform(0.1, 0.8)
                users.append((emp, self._user_row(f"{box}@{emp.spec.slug}.example", Role.EMPLOYER,
                                                  f"{first} {last}", later, self.shared_hash, emp.id, None)))
        ids = _ids(self.session, User, [row for _, row in users])
        for (emp, _), user_id in zip(users, ids, strict=True):
            emp.user_ids.append(user_id)
        self.session.commit()
        self.report.employers = len(self.emps)
        self.report.employer_users = len(users)

        # Which employers can post each (archetype, setting).
        self.hirers: dict[tuple[str, str], tuple[list[_Emp], list[float]]] = {}
        for arch in D.ARCHETYPES:
            for setting in arch.settings:
                found = [e for e in self.emps if setting in e.spec.settings
                         and (e.spec.archetypes is None or arch.key in e.spec.archetypes)]
                self.hirers[(arch.key, setting.value)] = (found, _cum([e.spec.weight for e in found]))

    def _candidates(self) -> None:
        rng, now = self.rng, self.now
        seen: dict[str, int] = {}
        users, profiles, creds_per, tags_per = [], [], [], []
        self.cands: list[_Cand] = []

        # The demo coder first, fixed.
        created = now - timedelta(days=200)
        users.append(self._user_row(D.DEMO_CODER.email, Role.CANDIDATE, "Dana Whitfield", created,
                                    self._demo_hash(D.DEMO_CODER), None, now - timedelta(hours=3)))
        profiles.append({
            "full_name": "Dana Whitfield", "headline": "CPC, CRC · Risk adjustment & primary care coder · 6 years",
            "city": "Chicago", "state": "IL", "years_experience": 6, "work_mode_preference": WorkMode.REMOTE.value,
            "visible_to_recruiters": True, "updated_at": now - timedelta(days=12),
        })
        tags_per.append(_profile_tags(
            [Specialty.RISK_ADJUSTMENT, Specialty.PRIMARY_CARE, Specialty.EVALUATION_MANAGEMENT],
            [CodeSet.ICD10CM, CodeSet.CPT, CodeSet.HCPCS, CodeSet.MODIFIERS, CodeSet.CMS_HCC],
        ))
        creds_per.append([
            {"credential": Credential.CPC.value, "number": "01876543", "expires_on": date(self.today.year + 1, 12, 31)},
            {"credential": Credential.CRC.value, "number": "01876543", "expires_on": date(self.today.year, 12, 31)},
        ])
        demo = _Cand(0, Specialty.RISK_ADJUSTMENT.value, "risk adjustment", 6, "CPC")

        for _ in range(self.n_candidates):
            first, last = self._name()
            local = f"{first}.{last}".lower()
            n = seen[local] = seen.get(local, 0) + 1
            email = f"{local}{n if n > 1 else ''}@{rng.choice(D.EMAIL_DOMAINS)}"
            arch = _pick(rng, D.ARCHETYPES, self.arch_cum)
            level = _pick(rng, LEVELS, self.level_cum)
            years = {ExperienceLevel.ENTRY: rng.randint(0, 1), ExperienceLevel.MID: rng.randint(2, 4),
                     ExperienceLevel.SENIOR: rng.randint(5, 14), ExperienceLevel.LEAD: rng.randint(8, 25)}[level]
            specialties = [arch.specialty]
            extra = list(arch.also) + [_pick(rng, D.ARCHETYPES, self.arch_cum).specialty]
            for s in extra[: rng.randint(0, 2)]:
                if s not in specialties:
                    specialties.append(s)
            code_sets = {c for s in specialties for a in D.ARCHETYPES if a.specialty == s for c in a.code_sets}
            if level == ExperienceLevel.ENTRY:
                held = list(rng.choice(((Credential.CPC_A,), (Credential.CCA,), (Credential.CPC_A, Credential.CBCS))))
            else:
                held = [rng.choice(arch.required)[0]]
                if arch.preferred and rng.random() < 0.45:
                    held.append(rng.choice(arch.preferred))
                if rng.random() < 0.1:
                    held.append(Credential.RHIT)
            held = list(dict.fromkeys(held))
            rows = []
            for cred in held:
                prefix, digits = D.CREDENTIAL_NUMBER_FORMAT[D.credential_body(cred)]
                number = prefix + str(rng.randrange(10 ** (digits - 1), 10**digits))
                year = self.today.year + rng.choices((-1, 0, 1, 2), weights=(6, 30, 40, 24))[0]
                rows.append({"credential": cred.value, "number": number, "expires_on": date(year, 12, 31)})
            creds_per.append(rows)
            city = _pick(rng, D.CITIES, self.city_cum)
            creds_text = ", ".join(c.value for c in held)
            headline = rng.choice(D.HEADLINES).format(
                creds=creds_text, area=_in_text(arch.area), years=years, level=level.label.split(" ")[0])
            headline = headline[0].upper() + headline[1:]
            if len(specialties) > 1 and rng.random() < 0.5:
                headline += f" · also {Specialty(specialties[1]).label}"
            created = now - timedelta(days=rng.uniform(3, 500))
            login = None if rng.random() < 0.2 else created + (now - created) * rng.uniform(0.5, 1.0)
            name = f"{first} {last}"
            users.append(self._user_row(email, Role.CANDIDATE, name, created, self.shared_hash, None, login))
            mode = rng.choices(("remote", "hybrid", "on-site", ""), weights=(55, 15, 10, 20))[0]
            profiles.append({
                "full_name": name, "headline": headline[:160], "city": city.name, "state": city.state,
                "years_experience": years, "work_mode_preference": mode,
                "visible_to_recruiters": rng.random() < 0.6,
                "updated_at": created + (now - created) * rng.uniform(0, 1),
            })
            tags_per.append(_profile_tags(specialties, [c for c in CodeSet if c in code_sets]))
            self.cands.append(_Cand(0, arch.specialty.value, _in_text(arch.area), years, held[0].value))

        user_ids = []
        for start in range(0, len(users), BATCH):
            user_ids += _ids(self.session, User, users[start : start + BATCH])
        for profile, user_id in zip(profiles, user_ids, strict=True):
            profile["user_id"] = user_id
        profile_ids = []
        for start in range(0, len(profiles), BATCH):
            profile_ids += _ids(self.session, CandidateProfile, profiles[start : start + BATCH])
        cred_rows = [dict(row, profile_id=pid) for pid, rows in zip(profile_ids, creds_per, strict=True)
                     for row in rows]
        _bulk(self.session, CandidateCredential, cred_rows)
        _bulk(self.session, CandidateTag, [dict(row, profile_id=pid) for pid, rows in
                                           zip(profile_ids, tags_per, strict=True) for row in rows])
        self.session.commit()
        demo.user_id = user_ids[0]
        self.demo_coder = demo
        for cand, user_id in zip(self.cands, user_ids[1:], strict=True):
            cand.user_id = user_id
        self.report.candidates = len(profiles)
        self.report.credentials = len(cred_rows)

    # -- jobs ------------------------------------------------------------------------------------

    def _plan(self) -> list[tuple[str, int]]:
        """(status, index within the status) for every job, in insertion order."""
        n = self.n_published
        extra = {JobStatus.FILLED: max(3, n // 40), JobStatus.EXPIRED: max(3, n // 40),
                 JobStatus.REJECTED: max(2, n // 250), JobStatus.REVIEW: max(3, n // 100),
                 JobStatus.DRAFT: max(3, n // 100)}
        plan = [(JobStatus.PUBLISHED.value, i) for i in range(n)]
        for status, count in extra.items():
            plan += [(status.value, i) for i in range(count)]
        return plan

    def _jobs(self) -> None:
        plan = self._plan()
        n = self.n_published
        # The first `cover` published jobs walk every archetype, state, level, mode and type, so even a
        # small board has every facet value; then come weighted random draws.
        self.cover = max(len(D.ARCHETYPES), len(STATES))
        k = min(6, max(0, n - self.cover - 1))
        self.showcase = {self.cover + (n - self.cover) * (j + 1) // (k + 1) for j in range(k)}
        counts: dict[str, int] = {s.value: 0 for s in JobStatus}
        bar = tqdm(total=len(plan), desc="jobs", unit="job", file=sys.stderr, disable=not self.progress,
                   mininterval=0.5, dynamic_ncols=True)
        try:
            for start in range(0, len(plan), BATCH):
                built = [self._job(status, i) for status, i in plan[start : start + BATCH]]
                ids = _ids(self.session, Job, [row for row, _, _ in built])
                tags = []
                for (row, job_tags, ref), job_id in zip(built, ids, strict=True):
                    counts[row["status"]] += 1
                    tags += [{"job_id": job_id, "kind": kind, "value": value} for kind, value in job_tags]
                    if ref is not None:
                        ref.id = job_id
                _bulk(self.session, JobTag, tags)
                self.session.commit()
                self.report.job_tags += len(tags)
                bar.update(len(built))
        finally:
            bar.close()
        self.report.jobs = {s: c for s, c in counts.items() if c}

    def _job(self, status: str, i: int) -> tuple[dict[str, Any], list[tuple[str, str]], _JobRef | None]:
        rng = self.rng
        published = status == JobStatus.PUBLISHED
        cover = published and i < self.cover
        lakeshore = (published and i in self.showcase) or (not published and i == 0)

        # What kind of job, where, and for whom.
        if cover and i < len(D.ARCHETYPES):
            arch = D.ARCHETYPES[i]
            setting = arch.settings[0].value
        else:
            arch = _pick(rng, D.ARCHETYPES, self.arch_cum)
            setting = rng.choice(arch.settings).value
        if lakeshore:  # the demo employer's jobs: redraw until the archetype fits a hospital
            emp = self.lakeshore
            while not any(s in emp.spec.settings for s in arch.settings):
                arch = _pick(rng, D.ARCHETYPES, self.arch_cum)
            setting = next(s for s in arch.settings if s in emp.spec.settings).value
        else:
            hirers, cum = self.hirers[(arch.key, setting)]
            if cover and i < len(STATES):  # prefer a national employer: it can post in any state
                national = [e for e in hirers if e.spec.national]
                if national:
                    hirers, cum = national, _cum([e.spec.weight for e in national])
            emp = _pick(rng, hirers, cum)
        if cover:
            level, mode, etype = LEVELS[i % 4], MODES[i % 3], ETYPES[i % 4]
            if level == ExperienceLevel.ENTRY and arch.key in SENIOR_ROLES:
                level = ExperienceLevel.MID
        else:
            level = _pick(rng, LEVELS, self.senior_cum if arch.key in SENIOR_ROLES else self.level_cum)
            mode = _pick(rng, MODES, self.mode_cum)
            etype = _pick(rng, ETYPES, self.etype_cum)

        # Location: local employers hire near HQ; remote jobs sit where the team is.
        other_city = _pick(rng, D.CITIES, self.city_cum)
        same_state = rng.choice(self.cities_by_state[emp.city.state])
        near_hq = rng.random() < 0.8
        if cover and i < len(STATES):
            where = self.first_city[STATES[i].value]
            if not emp.spec.national and mode != WorkMode.REMOTE:
                mode = WorkMode.REMOTE
        elif mode == WorkMode.REMOTE:
            where = emp.city
        elif emp.spec.national:
            where = other_city
        else:
            where = emp.city if near_hq else same_state
        any_state = (i // 3) % 2 == 0 if cover else not emp.remote_states
        remote_states: list[str] = []
        if mode == WorkMode.REMOTE and not any_state:
            sample = rng.sample(STATES, 12)
            listed = emp.remote_states or [s.value for s in sample]
            remote_states = [s for s in (s.value for s in STATES) if s in listed or s == where.state]

        # Credentials, tags, pay.
        apprentice_roll = rng.random()
        apprentice = arch.key not in SENIOR_ROLES and apprentice_roll < APPRENTICE_SHARE.get(level, 0.0)
        if apprentice:
            required = list(rng.choice(((), (Credential.CPC_A, Credential.CPC),
                                        (Credential.CPC_A, Credential.CPC, Credential.CCA))))
        else:
            required = list(rng.choice(arch.required))
        preferred = [c for c in rng.sample(arch.preferred, min(len(arch.preferred), rng.randint(1, 2)))
                     if c not in required]
        if level == ExperienceLevel.LEAD and rng.random() < 0.4 and Credential.CPPM not in required:
            preferred.append(Credential.CPPM)
        specialties = [arch.specialty.value]
        if arch.also and rng.random() < 0.3:
            specialties.append(rng.choice(arch.also).value)
        code_sets = [c.value for c in arch.code_sets]
        for c in arch.optional_code_sets:
            if rng.random() < 0.5 or cover:
                code_sets.append(c.value)

        period, lo_c, hi_c = self._pay(arch, level, etype)
        annual = (lambda c: c * HOURS_PER_YEAR // 100) if period == PayPeriod.HOUR else (lambda c: c // 100)
        title = self._title(arch, level, mode, required, apprentice)
        unit, p_lo, p_hi = arch.productivity
        factor = 0.8 if level == ExperienceLevel.ENTRY else 1.0
        p_lo, p_hi = max(1, round(p_lo * factor)), max(2, round(p_hi * factor))
        accuracy = rng.choice((95, 95, 95, 96, 97))
        productivity = f"{p_lo}-{p_hi} {unit}; {accuracy}% accuracy on quality audits"
        if level == ExperienceLevel.ENTRY:
            productivity += " (after a 90-day ramp-up)"
        pay_text = f"{_money(lo_c, period)} – {_money(hi_c, period)} {PayPeriod.label_of(period)}"
        if lo_c == hi_c:
            pay_text = f"{_money(lo_c, period)} {PayPeriod.label_of(period)}"
        description = self._description(emp, arch, title, level, mode, etype, where, remote_states, required,
                                        preferred, code_sets, pay_text, productivity, apprentice)
        creator = emp.user_ids[0] if lakeshore else rng.choice(emp.user_ids)
        featured = rng.random() < FEATURED_SHARE and status == JobStatus.PUBLISHED

        row: dict[str, Any] = {
            "employer_id": emp.id, "created_by_id": creator, "reviewed_by_id": None, "title": title,
            "description_md": description,
            "description_excerpt": plain_text(description), "work_setting": setting, "work_mode": mode.value,
            "employment_type": etype.value, "experience_level": level.value, "apprentice_welcome": apprentice,
            "pay_min_cents": lo_c, "pay_max_cents": hi_c, "pay_period": period, "pay_min_annual": annual(lo_c),
            "pay_max_annual": annual(hi_c), "city": where.name, "state": where.state, "zip_code": where.zip_code,
            "productivity": productivity, "apply_by": None, "featured": featured, "status": status,
            "rejection_reason": "",
            "submitted_at": None, "reviewed_at": None, "published_at": None, "closed_at": None,
        }
        self._timeline(row, status, i)
        tags = [(JobTagKind.SPECIALTY.value, s) for s in specialties]
        tags += [(JobTagKind.REQUIRED_CREDENTIAL.value, c.value) for c in required]
        tags += [(JobTagKind.PREFERRED_CREDENTIAL.value, c.value) for c in preferred]
        tags += [(JobTagKind.CODE_SET.value, c) for c in code_sets]
        tags += [(JobTagKind.REMOTE_STATE.value, s) for s in remote_states]

        ref = None
        if status in (JobStatus.PUBLISHED, JobStatus.EXPIRED, JobStatus.FILLED):
            ref = _JobRef(emp, status, arch.specialty.value, row["published_at"], row["closed_at"], creator)
            self.refs.append(ref)
            self.refs_by_specialty.setdefault(ref.specialty, []).append(ref)
            if lakeshore and status == JobStatus.PUBLISHED:
                self.lakeshore_published.append(ref)
            elif lakeshore and status == JobStatus.FILLED:
                self.lakeshore_filled.append(ref)
        return row, tags, ref

    def _pay(self, arch: D.Archetype, level: ExperienceLevel, etype: EmploymentType) -> tuple[str, int, int]:
        rng = self.rng
        lo_min, hi_max = D.HOURLY_RANGE
        base = arch.hourly * D.LEVEL_PAY[level] * rng.uniform(0.9, 1.1)
        lo = min(max(base * rng.uniform(0.92, 1.0), lo_min), hi_max)
        hi = min(max(lo * rng.uniform(1.08, 1.3), lo), hi_max)
        single = rng.random() < 0.06
        if etype in (EmploymentType.PART_TIME, EmploymentType.PER_DIEM):
            yearly_share = 0.0
        elif level == ExperienceLevel.LEAD:
            yearly_share = 0.85
        else:
            yearly_share = 0.45 if etype == EmploymentType.FULL_TIME else 0.05
        if rng.random() < yearly_share:
            y_lo, y_hi = D.YEARLY_RANGE
            lo_y = min(max(round(lo * HOURS_PER_YEAR / 500) * 500, y_lo), y_hi)
            hi_y = lo_y if single else min(max(round(hi * HOURS_PER_YEAR / 500) * 500, lo_y), y_hi)
            return PayPeriod.YEAR.value, lo_y * 100, hi_y * 100
        lo_c = round(lo * 4) * 25
        hi_c = lo_c if single else max(round(hi * 4) * 25, lo_c)
        return PayPeriod.HOUR.value, lo_c, hi_c

    def _title(self, arch: D.Archetype, level: ExperienceLevel, mode: WorkMode, required: list[Credential],
               apprentice: bool) -> str:
        rng = self.rng
        pattern = rng.choice(arch.titles)
        lead_title = rng.choice((f"Lead {arch.noun}", f"{arch.area} Coding Supervisor", f"{arch.area} Coding Manager",
                                 f"{arch.noun} Team Lead"))
        entry_prefix = rng.choice(("Entry-Level ", "Junior ", "Associate "))
        suffix_roll, remote_roll = rng.random(), rng.random()
        if level == ExperienceLevel.LEAD:
            title = lead_title
        elif "{n}" in pattern:
            title = pattern.format(n=D.LEVEL_NUMERAL[level])
        elif level == ExperienceLevel.ENTRY:
            title = ("Apprentice " if apprentice else entry_prefix) + pattern
        elif level == ExperienceLevel.SENIOR:
            title = "Senior " + pattern
        else:
            title = pattern
        if required and len(required) <= 2 and suffix_roll < 0.3 and "(" not in title:
            title += f" ({'/'.join(c.value for c in required)})"
        if mode == WorkMode.REMOTE and remote_roll < 0.45:
            title = "Remote " + title
        elif mode == WorkMode.HYBRID and remote_roll < 0.15:
            title += " – Hybrid"
        return title[:120]

    def _description(self, emp: _Emp, arch: D.Archetype, title: str, level: ExperienceLevel, mode: WorkMode,
                     etype: EmploymentType, where: D.City, remote_states: list[str], required: list[Credential],
                     preferred: list[Credential], code_sets: list[str], pay_text: str, productivity: str,
                     apprentice: bool) -> str:
        rng = self.rng
        if mode == WorkMode.REMOTE:
            if remote_states and len(remote_states) <= 8:
                place = f"This is a fully remote role open to residents of {', '.join(remote_states)}."
            elif remote_states:
                place = f"This is a fully remote role open to residents of the {len(remote_states)} states listed."
            else:
                place = "This is a fully remote role open to residents of any US state."
        elif mode == WorkMode.HYBRID:
            days = rng.choice(("one", "two", "three"))
            place = f"This is a hybrid role based in {where.name}, {where.state}, with {days} office days a week."
        else:
            place = f"This role is on site in {where.name}, {where.state}."
        ehr, encoder = rng.choice(D.EHRS), rng.choice(D.ENCODERS)
        duties = rng.sample(arch.duties, min(3, len(arch.duties))) + rng.sample(D.GENERIC_DUTIES, 2)
        if level == ExperienceLevel.LEAD:
            duties = rng.sample(D.LEAD_DUTIES, 3) + duties[:3]

        area = _in_text(arch.area)
        if apprentice and not required:
            cred_line = "No credential needed on day one: we support you toward the CPC or CCA"
        elif apprentice:
            cred_line = f"One of {', '.join(c.value for c in required)} (apprentices welcome)"
        elif len(required) == 1:
            cred_line = f"Active {required[0].label} credential"
        else:
            cred_line = f"An active {' or '.join(c.value for c in required)} credential (any one of them)"
        years = {
            ExperienceLevel.ENTRY: "0–1 years of coding experience; recent coding-program graduates welcome",
            ExperienceLevel.MID: f"{rng.choice((2, 2, 3))}+ years of {area} coding experience",
            ExperienceLevel.SENIOR: f"{rng.choice((5, 5, 6, 7))}+ years of {area} coding experience with "
                                    "consistent audit scores of 95% or better",
            ExperienceLevel.LEAD: f"{rng.choice((7, 8, 10))}+ years of coding experience, including 2+ years as a "
                                  "lead, trainer or auditor",
        }[level]
        bring = [cred_line, years, "Working knowledge of " + ", ".join(CodeSet.label_of(c) for c in code_sets),
                 f"Comfort working in {ehr} with {encoder}"]
        if mode == WorkMode.REMOTE:
            bring.append("A private, HIPAA-compliant home workspace and reliable high-speed internet")
        nice = [c.label for c in preferred] + [rng.choice(D.NICE_TO_HAVE)]
        if etype == EmploymentType.FULL_TIME:
            perks = rng.sample(D.BENEFITS_FULL, 5)
        else:
            perks = rng.sample(D.BENEFITS_OTHER, 3)
        schedule = rng.choice(D.SCHEDULES[etype.value])
        audits = rng.choice(("Monthly quality audits for the first 90 days, then quarterly",
                             "Quarterly quality audits with one-on-one feedback",
                             "Ten charts a month reviewed by our QA team"))

        def bullets(items: list[str]) -> str:
            return "\n".join(f"- {item}" for item in items)

        parts = [
            f"{emp.spec.name} is hiring a **{title}** to join our {area} coding team. {place} "
            f"You'll work on {arch.focus}.",
            "## What you'll do", bullets(duties),
            "## What you bring", bullets(bring),
            "## Nice to have", bullets(nice),
            "## Productivity and quality", bullets([productivity, audits]),
            "## Schedule", schedule,
            "## Pay and benefits", bullets([f"Pay: {pay_text}, based on experience", *perks]),
        ]
        if apprentice:
            parts.append("**Apprentices welcome.** CPC-A holders get a named mentor, 100% second-level review for "
                         "the first 90 days and our help removing the apprentice designation.")
        parts.append(f"*{emp.spec.name} is an equal opportunity employer. We welcome applicants of every "
                     "background.*")
        return "\n\n".join(parts)

    def _timeline(self, row: dict[str, Any], status: str, i: int) -> None:
        """Timestamps per status, all before `now`; the draws do not depend on `now`."""
        rng, now = self.rng, self.now
        u1, u2, u3, u4 = rng.random(), rng.random(), rng.random(), rng.random()
        no_deadline = rng.random() < 0.35
        deadline_days = rng.randint(3, 75)
        hours = timedelta(hours=1)
        if status == JobStatus.PUBLISHED:
            offset = PUBLISHED_WINDOW * (1 - (i + u1) / self.n_published)
            published = now - timedelta(minutes=10) - offset
            submitted = published - hours * (1 + 47 * u2)
            row.update(published_at=published, reviewed_at=published, reviewed_by_id=self.admin_id,
                       submitted_at=submitted, created_at=submitted - hours * (0.2 + 120 * u3),
                       updated_at=published + (now - published) * (u4 if u4 < 0.1 else 0),
                       apply_by=None if no_deadline else (now + timedelta(days=deadline_days)).date())
        elif status in (JobStatus.EXPIRED, JobStatus.FILLED):
            if status == JobStatus.EXPIRED:
                published = now - timedelta(days=65 + 85 * u1)
                apply_by = published.date() + timedelta(days=21 + round(39 * u2))
                closed = datetime.combine(apply_by + timedelta(days=1), datetime.min.time(), UTC) + hours * 2
            else:
                published = now - timedelta(days=20 + 100 * u1)
                closed = published + (now - published) * (0.3 + 0.6 * u2)
                apply_by = None if no_deadline else published.date() + timedelta(days=deadline_days)
            submitted = published - hours * (1 + 47 * u3)
            row.update(published_at=published, reviewed_at=published, reviewed_by_id=self.admin_id,
                       submitted_at=submitted, created_at=submitted - hours * (0.2 + 120 * u4),
                       closed_at=closed, updated_at=closed, apply_by=apply_by)
        elif status == JobStatus.DRAFT:
            created = now - timedelta(days=0.05 + 20 * u1)
            row.update(created_at=created, updated_at=created + (now - created) * u2,
                       apply_by=None if no_deadline else (now + timedelta(days=deadline_days + 14)).date())
        else:  # review or rejected
            created = now - timedelta(days=1 + 25 * u1)
            submitted = created + (now - created) * (0.2 + 0.6 * u2)
            row.update(created_at=created, submitted_at=submitted, updated_at=submitted,
                       apply_by=None if no_deadline else (now + timedelta(days=deadline_days + 14)).date())
            if status == JobStatus.REJECTED:
                reviewed = submitted + (now - submitted) * (0.1 + 0.8 * u3)
                row.update(reviewed_at=reviewed, reviewed_by_id=self.admin_id, updated_at=reviewed,
                           rejection_reason=D.REJECTION_REASONS[int(u4 * len(D.REJECTION_REASONS))])

    # -- applications ------------------------------------------------------------------------------

    def _applications(self) -> None:
        rng = self.rng
        taken: set[tuple[int, int]] = set()  # (job id, user id); membership only, never iterated
        apps: list[tuple[_JobRef, _Cand, str]] = []

        def add(ref: _JobRef, cand: _Cand, status: str) -> bool:
            if (ref.id, cand.user_id) in taken:
                return False
            taken.add((ref.id, cand.user_id))
            apps.append((ref, cand, status))
            return True

        def status_for(ref: _JobRef) -> str:
            options = STATUS_WEIGHTS_BY_JOB[JobStatus(ref.status)]
            return rng.choices([s for s, _ in options], weights=[w for _, w in options])[0]

        pool = self.cands
        # The demo employer: applicants in every open status on its jobs, a hire on its filled job.
        for j, ref in enumerate(self.lakeshore_published):
            people = rng.sample(pool, min(len(pool), 3 + rng.randrange(5)))
            for k, cand in enumerate(people):
                add(ref, cand, SHOWCASE_STATUSES[k] if j == 0 and k < len(SHOWCASE_STATUSES) else status_for(ref))
        for ref in self.lakeshore_filled:
            for k, cand in enumerate(rng.sample(pool, min(len(pool), 3))):
                add(ref, cand, AS.HIRED if k == 0 else AS.REJECTED)
        # The demo coder: a few applications in different statuses, one of them at the demo employer.
        coder = self.demo_coder
        wanted = [Specialty.RISK_ADJUSTMENT.value, Specialty.PRIMARY_CARE.value, Specialty.EVALUATION_MANAGEMENT.value]
        options = [r for s in wanted for r in self.refs_by_specialty.get(s, []) if r.status == JobStatus.PUBLISHED
                   and r.employer is not self.lakeshore]
        for status in CODER_STATUSES:
            if status == AS.INTERVIEW and self.lakeshore_published:
                add(self.lakeshore_published[-1], coder, status)
            elif options:
                for _ in range(5):  # a few tries to avoid a job already taken
                    if add(rng.choice(options), coder, status):
                        break
        # Everyone else: mostly jobs in their own specialty.
        for cand in pool:
            mine = self.refs_by_specialty.get(cand.specialty, [])
            for _ in range(rng.choices(range(7), weights=(12, 20, 22, 18, 12, 9, 7))[0]):
                ref = rng.choice(mine) if mine and rng.random() < 0.75 else rng.choice(self.refs)
                add(ref, cand, status_for(ref))
        # Every filled job hired someone.
        for ref in self.refs:
            if ref.status == JobStatus.FILLED and ref.employer is not self.lakeshore:
                for _ in range(5):
                    if add(ref, rng.choice(pool), AS.HIRED):
                        break
        self._write_applications(apps)

    def _write_applications(self, apps: list[tuple[_JobRef, _Cand, str]]) -> None:
        rng, now = self.rng, self.now
        counts = {s.value: 0 for s in ApplicationStatus}
        for start in range(0, len(apps), BATCH):
            rows, histories = [], []
            for ref, cand, status in apps[start : start + BATCH]:
                path = rng.choice(PATHS[status])
                begin = ref.opened + timedelta(hours=1)
                end = min(now, ref.closed) if ref.closed else now
                t = begin + (end - begin) * rng.uniform(0, 0.6)
                events = []
                for k, step in enumerate(path):
                    if k:
                        t = t + (end - t) * rng.uniform(0.15, 0.5)
                    by = cand.user_id if step in (AS.APPLIED, AS.WITHDRAWN) else ref.created_by
                    events.append({"from_status": path[k - 1] if k else "", "to_status": step, "by_user_id": by,
                                   "at": t})
                note = rng.choice(D.COVER_NOTES).format(years=cand.years, area=cand.area, cred=cand.credential,
                                                        ehr=rng.choice(D.EHRS))
                rows.append({"job_id": ref.id, "candidate_id": cand.user_id, "cover_note": note, "status": status,
                             "created_at": events[0]["at"], "updated_at": events[-1]["at"]})
                histories.append(events)
                counts[status] += 1
            ids = _ids(self.session, Application, rows)
            events = [dict(e, application_id=app_id) for app_id, history in zip(ids, histories, strict=True)
                      for e in history]
            _bulk(self.session, ApplicationEvent, events)
            self.session.commit()
            self.report.events += len(events)
        self.report.applications = counts


def seed_board(session: Session, now: datetime | None = None, jobs: int = DEFAULT_JOBS, seed: int = DEFAULT_SEED,
               progress: bool = True, candidates: int | None = None) -> SeedReport:
    """Fill an empty board: `jobs` published jobs plus drafts, jobs in review, rejected, expired and filled ones;
    ~60 employers, `candidates` coders (default 240 + jobs/50) and their applications. Commits as it goes.

    Every facet value (specialty, state, work setting and mode, type, level, code set, application status)
    appears once `jobs` is at least 60. Raises SeedError if any employer exists.
    """
    if jobs < 1:
        raise SeedError("Seed at least one job.")
    now = now or utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (UTC)")
    return _Seeder(session, now.astimezone(UTC), jobs, seed, candidates, progress).run()

"""Hostile and malformed input on every form: never a 5xx, nothing stored, the typed values shown back with a
per-field message, and no markup from the user ever reaching a page unescaped.

Each case is one test. The app bugs these cases found (NaN and unbounded pay, DEL/C1 and bidi controls,
unstripped lengths, truncated cents, dropped credential rows, oversized ids) are fixed; the cases stay.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy import select, text

from careers.applications.models import Application
from careers.applications.services import move, withdraw
from careers.auth.models import User
from careers.candidates.models import CandidateProfile
from careers.common import utcnow
from careers.employers.models import Employer
from careers.extensions import db as sa
from careers.jobs.models import Job
from careers.jobs.services import approve_job, submit_for_review
from careers.taxonomy import Credential, JobStatus
from tests import factories
from tests.conftest import sync_index
from tests.factories import PASSWORD

ON_POSTGRES = os.environ.get("TEST_DATABASE_URL", "").startswith("postgres")
MISSING = object()  # as a case value: leave the field out of the POST altogether

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
HOSTILE_VALID = {
    "script": SCRIPT,
    "sql-drop": "'; DROP TABLE jobs; --",
    "sql-or": '" OR 1=1 --',
    "attr-breakout": '"><img src=x onerror=alert(1)>',
    "emoji": "Coder 🩺 remote 🎉 jobs",
    "unicode": "Kodierer 日本語 コーダー Ünïcödé",
}
# A right-to-left override makes text read differently from what it is: refused like other control characters.
RTL = "Coder \u202eredoc gnitset"
DEL, CSI = "\x7f", "\x9b"  # DEL and the C1 "control sequence introducer": control characters no person types
BIG, HUGE = 10_000, 1_000_000




# -- helpers --------------------------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would show in the forms of a page: values, choices, per-field errors, flashes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = defaultdict(list)  # text-like inputs and textareas
        self.options: dict[str, list[str]] = defaultdict(list)  # every option / checkbox value offered
        self.chosen: dict[str, list[str]] = defaultdict(list)  # selected options and ticked boxes
        self.passwords: dict[str, str | None] = {}
        self.buttons: set[str] = set()
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.flashes: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._select: str | None = None
        self._capture: tuple[str, str] | None = None  # ("textarea"|"error"|"flash", target)
        self._buf: list[str] = []
        self._last: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        a = dict(attrs)
        name = a.get("name")
        classes = (a.get("class") or "").split()
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            self._last = name
            if kind in ("checkbox", "radio"):
                self.options[name].append(a.get("value") or "")
                if "checked" in a:
                    self.chosen[name].append(a.get("value") or "")
            elif kind == "password":
                self.passwords[name] = a.get("value")
            elif kind in ("submit", "button"):
                self.buttons.add(name)
            else:
                self.values[name].append(a.get("value") or "")
        elif tag == "select":
            self._select = name
            self._last = name
        elif tag == "option" and self._select:
            self.options[self._select].append(a.get("value") or "")
            if "selected" in a:
                self.chosen[self._select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._last = name
            self._capture, self._buf = ("textarea", name), []
        elif tag == "small" and "field-error" in classes:
            ident = a.get("id") or ""
            if ident.endswith("-error"):
                target = ident[: -len("-error")]
            elif a.get("role") == "alert":
                target = "credentials"  # the FieldList's own message, above its rows
            else:
                target = self._last or "?"
            self._capture, self._buf = ("error", target), []
        elif tag == "p" and "flash" in classes:
            self._capture, self._buf = ("flash", ""), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if self._capture is None:
            return
        what, target = self._capture
        content = "".join(self._buf)
        if what == "textarea" and tag == "textarea":
            if content.startswith("\r\n"):
                content = content[2:]
            elif content.startswith("\n"):
                content = content[1:]
            self.values[target].append(content)
        elif what == "error" and tag == "small":
            if content.strip():
                self.errors[target].append(content.strip())
        elif what == "flash" and tag == "p":
            self.flashes.append(content.strip())
        else:
            return
        self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._buf.append(data)

    def errors_for(self, pattern: str) -> list[str]:
        return [e for name, errs in self.errors.items() if fnmatch.fnmatchcase(name, pattern) for e in errs]


OWN_SCRIPT = re.compile(r'<script src="/static/[^"<>]+"( defer)?></script>')


def assert_no_active_content(html: str, page: Page | None = None) -> None:
    """No script element but the app's own static files, no event-handler attribute, no script URL."""
    assert "<script" not in OWN_SCRIPT.sub("", html).lower(), "an unescaped <script> reached the page"
    page = page or Page(html)
    for tag, attrs in page.tags:
        if tag == "script":
            assert (dict(attrs).get("src") or "").startswith("/static/"), f"<script {attrs}>"
        assert tag not in ("iframe", "object", "embed", "svg", "img"), f"<{tag}> from user input"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler attribute {name}={value!r} on <{tag}>"
            if tag != "link" and name in ("href", "src", "action", "formaction") and value:  # link: the app's icon
                squashed = "".join(ch for ch in value if ch > " ").lower()
                assert not squashed.startswith(("javascript:", "vbscript:", "data:")), f"{name}={value!r}"


def _as_list(value: Any) -> list[str]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _credential_rows(source: dict[str, Any], page: Page | None = None) -> list[tuple[str, str, str]]:
    """Non-blank credential rows (credential, number, expires_on), in index order."""
    rows: dict[int, dict[str, str]] = defaultdict(dict)
    keys = source.keys() if page is None else {*page.values, *page.options}
    for key in keys:
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "credentials" and parts[1].isdigit():
            if page is None:
                value = _as_list(source[key])[0]
                if parts[2] == "credential" and value not in Credential.values():
                    value = ""  # an unknown choice cannot be shown selected
            elif parts[2] == "credential":
                value = (page.chosen.get(key) or [""])[0]
            else:
                value = (page.values.get(key) or [""])[0]
            rows[int(parts[1])][parts[2]] = value
    out = []
    for index in sorted(rows):
        row = rows[index]
        triple = (row.get("credential", ""), row.get("number", ""), row.get("expires_on", ""))
        if any(triple):
            out.append(triple)
    return out


NOT_ECHOED = {"password", "confirm", "current_password", "csrf_token"}


def assert_echoed(page: Page, posted: dict[str, Any]) -> None:
    """Every value the user typed is back in the form (passwords excepted; unknown choices cannot be)."""
    for name, value in posted.items():
        if name in NOT_ECHOED or name in page.buttons or name.startswith("credentials-"):
            continue
        values = [str(v) for v in _as_list(value)]
        if name in page.options:
            offered = set(page.options[name])
            wanted = {v for v in values if v in offered and v != ""}
            assert wanted <= set(page.chosen[name]), f"{name}: ticked {page.chosen[name]}, typed {sorted(wanted)}"
        else:
            assert name in page.values, f"{name} is not in the re-rendered form"
            shown = [v.strip() for v in page.values[name]]  # trimming the typed value is fine
            assert shown == [v.strip() for v in values], f"{name} was not shown back as typed"
    for name in ("password", "confirm"):
        if name in posted:
            assert not page.passwords.get(name), f"the {name} was echoed into the page"
    assert _credential_rows(posted) == _credential_rows(posted, page), "credential rows not shown back as typed"


def assert_hostile_escaped(html: str, posted: dict[str, Any], page: Page) -> None:
    """No script tag; a <script> typed into a text field is shown back escaped (unknown choices cannot be)."""
    assert "<script>alert" not in html
    echoed = [v for k, v in posted.items() if k not in NOT_ECHOED and k not in page.options for v in _as_list(v)]
    if any(isinstance(v, str) and SCRIPT in v for v in echoed):
        assert ESCAPED_SCRIPT in html, "the <script> value was not shown back escaped"


def snapshot(db: Any) -> dict[str, list[str]]:
    """Every row of every table, through a connection of its own (the requests commit in their own sessions)."""
    out = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            if table.name == "security_events":  # the security log records refused attempts too (failed logins)
                continue
            out[table.name] = sorted(repr(tuple(row)) for row in conn.execute(select(table)))
    return out


def diff(before: dict[str, list[str]], after: dict[str, list[str]]) -> dict[str, Any]:
    return {t: {"gone": sorted(set(before[t]) - set(after[t]))[:3], "new": sorted(set(after[t]) - set(before[t]))[:3]}
            for t in before if before[t] != after[t]}


class ReportingClient(FlaskClient):
    """The test client, but an exception escaping a view fails the test as the 500 a user would see.

    (TESTING propagates exceptions; failing with a one-line message instead of a traceback through SQLAlchemy
    also keeps the cases fast.)
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().open(*args, **kwargs)
        except Exception as exc:
            pytest.fail(f"500 Internal Server Error: {type(exc).__name__}: {str(exc)[:300]}", pytrace=False)


@pytest.fixture()
def client(app: Flask, db: Any) -> FlaskClient:
    """Overrides conftest's client (and so the one `login` uses) for this module."""
    return ReportingClient(app, app.response_class, use_cookies=True)


@pytest.fixture()
def login(client: FlaskClient) -> Any:
    """Overrides conftest's login to keep ~300 tests fast: writes Flask-Login's session keys instead of posting
    /logout and /login (the login form itself is exercised by the "login" cases below)."""

    def do(user: Any) -> None:
        with client.session_transaction() as session:
            session.clear()
            session["_user_id"] = user.get_id()  # the id and the account's session token
            session["_fresh"] = True
        g.pop("_login_user", None)  # requests share the test's app context, so Flask-Login's cache would linger

    return do



# -- the forms and a valid post for each ----------------------------------------------------------------------

APPLY_BY = (utcnow().date() + timedelta(days=30)).isoformat()
JOB_FORM: dict[str, Any] = {
    "title": "Remote Pathology Coder (CPC)",
    "description_md": "## What you will do\n\n- Code surgical pathology cases (88305 and friends)\n"
                      "- Work queues in Epic",
    "specialties": ["pathology"], "required_credentials": ["CPC"], "preferred_credentials": ["CCS"],
    "code_sets": ["cpt", "icd-10-cm"], "work_setting": "laboratory", "work_mode": "remote",
    "remote_states": ["OH", "TX"], "employment_type": "full-time", "experience_level": "mid",
    "apprentice_welcome": "y", "pay_min": "24.00", "pay_max": "31.50", "pay_period": "hour", "city": "Columbus",
    "state": "OH", "zip_code": "43215", "productivity": "18 cases/hour, 95% accuracy", "apply_by": APPLY_BY,
    "save": "Save draft",
}
COMPANY_FORM = {"name": "Buckeye Health", "kind": "hospital", "website": "https://buckeye.example.org",
                "hq_city": "Columbus", "hq_state": "OH", "about": "A regional health system with 40 coders."}
PROFILE_FORM: dict[str, Any] = {
    "full_name": "Dana Reyes", "headline": "CPC, CRC", "city": "Austin", "state": "TX", "years_experience": "6",
    "work_mode_preference": "remote", "specialties": ["risk-adjustment"], "code_sets": ["icd-10-cm"],
    "visible_to_recruiters": "y", "credentials-0-credential": "CPC", "credentials-0-number": "01234567",
    "credentials-0-expires_on": "2027-06-30",
}
NEW_PASSWORD = "a long enough password"


@dataclass
class Target:
    url: str
    data: dict[str, Any]


def _login_form(login: Any) -> Target:
    user = factories.candidate(with_profile=False)
    return Target("/login", {"email": user.email, "password": PASSWORD})


def _register_coder_form(login: Any) -> Target:
    factories.candidate(with_profile=False).email = "taken@mail.example"  # for the email-taken case
    sa.session.commit()
    return Target("/register/coder", {"full_name": "Dana Reyes", "email": "dana@mail.example",
                                      "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})


def _register_employer_form(login: Any) -> Target:
    return Target("/register/employer", {"company_name": "Buckeye Health", "your_name": "Pat Lee",
                                         "email": "pat@buckeye.example", "password": NEW_PASSWORD,
                                         "confirm": NEW_PASSWORD})


def _company_form(login: Any) -> Target:
    login(factories.employer_user())
    return Target("/employer/company", dict(COMPANY_FORM))


def _job_new_form(login: Any) -> Target:
    login(factories.employer_user())
    return Target("/employer/jobs/new", dict(JOB_FORM))


def _job_edit_form(login: Any) -> Target:
    job = factories.draft_job()
    login(job.created_by)
    return Target(f"/employer/jobs/{job.id}/edit", dict(JOB_FORM))


def _review_form(login: Any) -> Target:
    job = factories.review_job()
    login(factories.admin())
    return Target(f"/admin/jobs/{job.id}", {"reason": "The pay range is missing.", "reject": "Reject"})


def _profile_form(login: Any) -> Target:
    login(factories.candidate())
    return Target("/me/profile", dict(PROFILE_FORM))


def _apply_form(login: Any) -> Target:
    job = factories.published_job()
    login(factories.candidate())
    return Target(f"/jobs/{job.id}/apply", {"cover_note": "I hold a CPC and code pathology daily."})


def _forgot_form(login: Any) -> Target:
    user = factories.candidate(with_profile=False)
    return Target("/password/forgot", {"email": user.email})


def _reset_form(login: Any) -> Target:
    from flask import current_app

    from careers.auth.passwords import fingerprint
    from careers.auth.tokens import Purpose, make_token

    user = factories.candidate(with_profile=False)
    token = make_token(Purpose.RESET_PASSWORD,
                       {"u": user.id, "p": fingerprint(user.password_hash, current_app.config["SECRET_KEY"])})
    return Target(f"/password/reset/{token}", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})


def _change_password_form(login: Any) -> Target:
    login(factories.candidate(with_profile=False))
    return Target("/account/password", {"current_password": PASSWORD, "password": NEW_PASSWORD,
                                        "confirm": NEW_PASSWORD})


def _change_email_form(login: Any) -> Target:
    factories.candidate(with_profile=False).email = "taken@mail.example"  # for the email-taken case
    sa.session.commit()
    login(factories.candidate(with_profile=False))
    return Target("/account/email", {"email": "dana.new@mail.example", "current_password": PASSWORD})


FORMS = {
    "login": _login_form, "register_coder": _register_coder_form, "register_employer": _register_employer_form,
    "company": _company_form, "job_new": _job_new_form, "job_edit": _job_edit_form, "review": _review_form,
    "profile": _profile_form, "apply": _apply_form, "forgot": _forgot_form, "reset": _reset_form,
    "change_password": _change_password_form, "change_email": _change_email_form,
}


def _notices_form(login: Any) -> Target:
    login(factories.employer_user())
    return Target("/me/notifications", {"notices": ["posting-reviewed"], "save": "Save notice settings"})


FORMS["notices"] = _notices_form


def case(form: str, field: str, value: Any, message: str | None, name: str) -> Any:
    """One bad post: `value` replaces `field` (or is a dict of replacements); `message` is expected on `field`."""
    return pytest.param(form, field, value, message, id=f"{form}-{name}")


REQUIRED = "This field is required."
BAD_DECIMAL = "Not a valid decimal value."
BAD_DATE = "Not a valid date value."
BAD_EXPIRY = "Enter an expiry date between 1980"
BAD_INT = "Not a valid integer value."
BAD_CHOICE = "Not a valid choice."
CONTROL = "Remove the invisible control characters"


def _too_long(n: int) -> str:
    return f"cannot be longer than {n} characters"


def _many(prefix: str, n: int = 500) -> list[str]:
    return [f"{prefix}-{i}" for i in range(n)]


FIELD_CASES = [
    # -- login ---------------------------------------------------------------------------------------------
    case("login", "email", MISSING, REQUIRED, "email-missing"),
    case("login", "password", MISSING, REQUIRED, "password-missing"),
    case("login", "email", "", REQUIRED, "email-empty"),
    case("login", "email", "not-an-email", "Invalid email address", "email-malformed"),
    case("login", "email", "a" * BIG + "@mail.example", _too_long(254), "email-10k"),
    case("login", "password", "x" * HUGE, _too_long(200), "password-1M"),
    case("login", "email", "dana\x00@mail.example", "Invalid email address", "email-nul"),
    case("login", "email", SCRIPT + "@mail.example", "Invalid email address", "email-script"),
    case("login", "email", "' OR 1=1 --", "Invalid email address", "email-sql"),
    case("login", "password", "x" * BIG, _too_long(200), "password-10k"),
    case("login", "password", "wrong password\x00", "Email or password is wrong.", "password-wrong-nul"),
    # -- register coder ------------------------------------------------------------------------------------
    case("register_coder", "full_name", MISSING, REQUIRED, "name-missing"),
    case("register_coder", "full_name", "   ", REQUIRED, "name-blank"),
    case("register_coder", "full_name", "D" * BIG, _too_long(120), "name-10k"),
    case("register_coder", "full_name", "D" * HUGE, _too_long(120), "name-1M"),
    case("register_coder", "full_name", "🩺" * BIG, _too_long(120), "name-long-emoji"),
    case("register_coder", "full_name", "Dana\x00Reyes", CONTROL, "name-nul"),
    case("register_coder", "full_name", "Dana\x1b[31mReyes", CONTROL, "name-escape-sequence"),
    case("register_coder", "full_name", f"Dana{DEL}Reyes", CONTROL, "name-del"),
    case("register_coder", "full_name", f"Dana{CSI}31mReyes", CONTROL, "name-c1-csi"),
    case("register_coder", "email", {"full_name": SCRIPT, "email": ""}, REQUIRED, "script-name-echoed"),
    case("register_coder", "email", {"full_name": HOSTILE_VALID["attr-breakout"], "email": MISSING}, REQUIRED,
         "attr-breakout-echoed"),
    case("register_coder", "email", "dana@", "Invalid email address", "email-malformed"),
    case("register_coder", "email", "TAKEN@mail.example", "already exists", "email-taken-other-case"),
    case("register_coder", "password", "short", "Use 12 to 200 characters.", "password-short"),
    case("register_coder", "password", {"password": "p" * BIG, "confirm": "p" * BIG}, "Use 12 to 200", "pw-10k"),
    case("register_coder", "confirm", "a different password", "Passwords differ.", "confirm-differs"),
    # -- register employer ---------------------------------------------------------------------------------
    case("register_employer", "company_name", MISSING, REQUIRED, "company-missing"),
    case("register_employer", "company_name", "C" * BIG, _too_long(120), "company-10k"),
    case("register_employer", "company_name", "Buckeye\x00Health", CONTROL, "company-nul"),
    case("register_employer", "company_name", "Buckeye\x07Health", CONTROL, "company-bell"),
    case("register_employer", "your_name", "P" * BIG, _too_long(120), "your-name-10k"),
    case("register_employer", "your_name", "Pat\x00", CONTROL, "your-name-nul"),
    case("register_employer", "email", {"company_name": SCRIPT, "email": "pat@"}, "Invalid email", "script-echoed"),
    case("register_employer", "your_name", "P" * HUGE, _too_long(120), "your-name-1M"),
    # -- company profile -----------------------------------------------------------------------------------
    case("company", "name", MISSING, REQUIRED, "name-missing"),
    case("company", "name", "", REQUIRED, "name-empty"),
    case("company", "name", "N" * BIG, _too_long(120), "name-10k"),
    case("company", "name", "Buckeye\x00", CONTROL, "name-nul"),
    case("company", "kind", "not-a-kind", BAD_CHOICE, "kind-unknown"),
    case("company", "website", "javascript:alert(1)", "Enter a full address", "website-javascript"),
    case("company", "website", "javascript://example.org/%0aalert(1)", "Enter a full address", "website-js-slashes"),
    case("company", "website", "data:text/html,<script>alert(1)</script>", "Enter a full address", "website-data"),
    case("company", "website", "https://example.org/" + "a" * BIG, _too_long(255), "website-10k"),
    case("company", "website", "https://example.org/\x00", None, "website-nul"),
    case("company", "website", "https://example.org/\x01", None, "website-control"),
    case("company", "hq_city", MISSING, REQUIRED, "city-missing"),
    case("company", "hq_city", "  ", REQUIRED, "city-blank"),
    case("company", "hq_state", "ZZ", BAD_CHOICE, "state-zz"),
    case("company", "hq_state", "", "Choose a state.", "state-blank"),
    case("company", "about", MISSING, REQUIRED, "about-missing"),
    case("company", "about", "A" * HUGE, _too_long(5000), "about-1M"),
    case("company", "about", "About\x00us", CONTROL, "about-nul"),
    case("company", "about", f"About{DEL}us", CONTROL, "about-del"),
    case("company", "name", {"about": SCRIPT, "name": ""}, REQUIRED, "script-about-echoed"),
    case("company", "about", {"name": HOSTILE_VALID["attr-breakout"], "about": ""}, REQUIRED, "attr-name-echoed"),
    # -- job create ----------------------------------------------------------------------------------------
    case("job_new", "title", MISSING, REQUIRED, "title-missing"),
    case("job_new", "title", "Cod", "between 5 and 120", "title-short"),
    case("job_new", "title", "     ab     ", "between 5 and 120", "title-padded-short"),
    case("job_new", "title", "T" * BIG, "between 5 and 120", "title-10k"),
    case("job_new", "title", "漢" * BIG, "between 5 and 120", "title-long-unicode"),
    case("job_new", "title", "Coder\x00Job", CONTROL, "title-nul"),
    case("job_new", "title", "Coder\x1b[2JJob", CONTROL, "title-escape-sequence"),
    case("job_new", "title", f"Coder{DEL}Job", CONTROL, "title-del"),
    case("job_new", "title", f"Coder{CSI}2JJob", CONTROL, "title-c1"),
    case("job_new", "description_md", MISSING, REQUIRED, "description-missing"),
    case("job_new", "description_md", "Too short.", "Write 50 to 20,000 characters.", "description-short"),
    case("job_new", "description_md", "x" + " " * 60, "Write 50 to 20,000", "description-padded"),
    case("job_new", "description_md", "D" * 20_001, "Write 50 to 20,000 characters.", "description-20001"),
    case("job_new", "description_md", "D" * HUGE, "Write 50 to 20,000 characters.", "description-1M"),
    case("job_new", "description_md", JOB_FORM["description_md"] + "\x00", CONTROL, "description-nul"),
    case("job_new", "specialties", MISSING, "Choose at least one specialty.", "specialties-missing"),
    case("job_new", "specialties", "not-a-specialty", "not a valid choice", "specialty-unknown"),
    case("job_new", "specialties", SCRIPT, "not a valid choice", "specialty-script"),
    case("job_new", "specialties", _many("s"), "not valid choices", "specialties-500-unknown"),
    case("job_new", "required_credentials", "XYZ", "not a valid choice", "credential-xyz"),
    case("job_new", "preferred_credentials", Credential.values()[:13], "at most 12", "preferred-13"),
    case("job_new", "code_sets", MISSING, "Choose at least one code set.", "code-sets-missing"),
    case("job_new", "work_setting", MISSING, "Choose a work setting.", "setting-missing"),
    case("job_new", "work_mode", "teleport", BAD_CHOICE, "mode-unknown"),
    case("job_new", "remote_states", {"work_mode": "hybrid"}, "Only remote jobs list eligible states",
         "remote-states-on-hybrid"),
    case("job_new", "remote_states", ["OH", "ZZ"], "not a valid choice", "remote-state-zz"),
    case("job_new", "employment_type", MISSING, "Choose an employment type.", "employment-missing"),
    case("job_new", "pay_min", MISSING, "Enter the lowest pay.", "pay-min-missing"),
    case("job_new", "pay_min", "abc", BAD_DECIMAL, "pay-min-letters"),
    case("job_new", "pay_min", "$24", BAD_DECIMAL, "pay-min-dollar"),
    case("job_new", "pay_min", "1,000", BAD_DECIMAL, "pay-min-comma"),
    case("job_new", "pay_min", "-5", "must be between", "pay-min-negative"),
    case("job_new", "pay_min", "0", "between $7.25 and $500", "pay-min-zero"),
    case("job_new", "pay_min", "5", "between $7.25 and $500", "pay-min-below-minimum-wage"),
    case("job_new", "pay_min", "1e309", "between $7.25 and $500", "pay-min-1e309"),
    case("job_new", "pay_min", "Infinity", None, "pay-min-infinity"),
    case("job_new", "pay_min", "NaN", None, "pay-min-nan"),
    case("job_new", "pay_min", "sNaN", None, "pay-min-snan"),
    case("job_new", "pay_min", "24\x00", BAD_DECIMAL, "pay-min-nul"),
    case("job_new", "pay_max", MISSING, "Enter the highest pay.", "pay-max-missing"),
    case("job_new", "pay_max", "thirty", BAD_DECIMAL, "pay-max-letters"),
    case("job_new", "pay_max", "-5", "must be between", "pay-max-negative"),
    case("job_new", "pay_max", "10", "must not be below the bottom", "pay-max-below-min"),
    case("job_new", "pay_max", "1e309", None, "pay-max-1e309"),
    case("job_new", "pay_max", "Infinity", None, "pay-max-infinity"),
    case("job_new", "pay_max", "2000000", None, "pay-max-2M-an-hour"),
    case("job_new", "pay_max", {"pay_period": "year", "pay_min": "50000", "pay_max": "30000000"}, None,
         "pay-max-30M-a-year"),
    case("job_new", "pay_max", "NaN", None, "pay-max-nan"),
    case("job_new", "pay_period", "week", BAD_CHOICE, "pay-period-unknown"),
    case("job_new", "state", "ZZ", BAD_CHOICE, "state-zz"),
    case("job_new", "state", MISSING, "Choose a state", "state-missing"),
    case("job_new", "city", {"work_mode": "on-site", "remote_states": MISSING, "city": ""}, "need the city",
         "city-missing-on-site"),
    case("job_new", "city", "C" * BIG, _too_long(80), "city-10k"),
    case("job_new", "city", "Columbus\x00", CONTROL, "city-nul"),
    case("job_new", "zip_code", "ABCDE", "5-digit ZIP", "zip-letters"),
    case("job_new", "zip_code", SCRIPT, _too_long(10), "zip-script"),
    case("job_new", "productivity", "P" * BIG, _too_long(2000), "productivity-10k"),
    case("job_new", "apply_by", "2026-02-30", BAD_DATE, "apply-by-feb-30"),
    case("job_new", "apply_by", "99999-01-01", BAD_DATE, "apply-by-5-digit-year"),
    case("job_new", "apply_by", "next friday", BAD_DATE, "apply-by-words"),
    case("job_new", "apply_by", "2000-01-01", "in the past", "apply-by-past"),
    case("job_new", "apply_by", "9999-12-31", "within the next two years", "apply-by-far-future"),
    case("job_new", "description_md", {"title": SCRIPT, "description_md": ""}, REQUIRED, "script-title-echoed"),
    case("job_new", "title", {"title": "", "description_md": SCRIPT * 3, "productivity": SCRIPT}, REQUIRED,
         "script-description-echoed"),
    case("job_new", "description_md", {"title": HOSTILE_VALID["attr-breakout"], "description_md": ""}, REQUIRED,
         "attr-breakout-echoed"),
    case("job_new", "zip_code", {"title": HOSTILE_VALID["sql-drop"], "zip_code": "x"}, "5-digit ZIP", "sql-echoed"),
    case("job_new", "zip_code", {"title": HOSTILE_VALID["unicode"], "city": HOSTILE_VALID["emoji"],
                                 "zip_code": "x"}, "5-digit ZIP", "unicode-echoed"),
    case("job_new", "title", RTL, CONTROL, "title-rtl-override"),
    case("company", "name", RTL, CONTROL, "name-rtl-override"),
    case("register_coder", "full_name", RTL, CONTROL, "name-rtl-override"),
    # -- job edit (same form, different view) ---------------------------------------------------------------
    case("job_edit", "title", "", REQUIRED, "title-empty"),
    case("job_edit", "pay_min", "abc", BAD_DECIMAL, "pay-min-letters"),
    case("job_edit", "pay_min", "-5", "must be between", "pay-min-negative"),
    case("job_edit", "pay_max", "NaN", None, "pay-max-nan"),
    case("job_edit", "pay_max", "1e309", None, "pay-max-1e309"),
    case("job_edit", "apply_by", "2026-02-30", BAD_DATE, "apply-by-feb-30"),
    case("job_edit", "state", "ZZ", BAD_CHOICE, "state-zz"),
    case("job_edit", "specialties", _many("s"), "not valid choices", "specialties-500-unknown"),
    case("job_edit", "description_md", {"title": SCRIPT, "description_md": "short"}, "Write 50", "script-echoed"),
    # -- admin review --------------------------------------------------------------------------------------
    case("review", "reason", MISSING, "Tell the employer why", "reject-without-reason"),
    case("review", "reason", "   \r\n  ", "Tell the employer why", "reject-blank-reason"),
    case("review", "reason", "R" * BIG, _too_long(2000), "reason-10k"),
    case("review", "reason", "R" * HUGE, _too_long(2000), "reason-1M"),
    case("review", "reason", "Pay\x00missing", CONTROL, "reason-nul"),
    case("review", "reason", SCRIPT + "\x1b", CONTROL, "reason-script-echoed"),
    # -- coder profile -------------------------------------------------------------------------------------
    case("profile", "full_name", MISSING, REQUIRED, "name-missing"),
    case("profile", "full_name", "D" * HUGE, _too_long(120), "name-1M"),
    case("profile", "full_name", "Dana\x00", CONTROL, "name-nul"),
    case("profile", "headline", "H" * BIG, _too_long(160), "headline-10k"),
    case("profile", "city", "Austin\x1b", CONTROL, "city-control"),
    case("profile", "state", "ZZ", BAD_CHOICE, "state-zz"),
    case("profile", "years_experience", "abc", BAD_INT, "years-letters"),
    case("profile", "years_experience", "1e309", BAD_INT, "years-1e309"),
    case("profile", "years_experience", "NaN", BAD_INT, "years-nan"),
    case("profile", "years_experience", "-5", "Enter 0 to 60 years.", "years-negative"),
    case("profile", "years_experience", "61", "Enter 0 to 60 years.", "years-61"),
    case("profile", "years_experience", "9" * 30, "Enter 0 to 60 years.", "years-huge"),
    case("profile", "work_mode_preference", "teleport", BAD_CHOICE, "work-mode-unknown"),
    case("profile", "specialties", "not-a-specialty", "not a valid choice", "specialty-unknown"),
    case("profile", "specialties", _many("s"), "not valid choices", "specialties-500-unknown"),
    case("profile", "credentials-*-credential", {"credentials-0-credential": "XYZ"}, BAD_CHOICE, "credential-xyz"),
    case("profile", "credentials-*-credential", {"credentials-0-credential": SCRIPT}, BAD_CHOICE,
         "credential-script"),
    case("profile", "credentials-*-number", {"credentials-0-number": SCRIPT}, "Letters, digits", "number-script"),
    case("profile", "credentials-*-number", {"credentials-0-number": "123\x00"}, "Letters, digits", "number-nul"),
    case("profile", "credentials-*-number", {"credentials-0-number": "1" * 41}, _too_long(40), "number-41"),
    case("profile", "credentials-*-expires_on", {"credentials-0-expires_on": "2026-02-30"}, BAD_DATE, "expiry-feb-30"),
    case("profile", "credentials-*-expires_on", {"credentials-0-expires_on": "99999-01-01"}, BAD_DATE,
         "expiry-5-digit-year"),
    case("profile", "credentials-*-expires_on", {"credentials-0-expires_on": "0202-06-30"}, BAD_EXPIRY,
         "expiry-year-0202"),
    case("profile", "credentials-*-expires_on", {"credentials-0-expires_on": "9999-12-31"}, BAD_EXPIRY,
         "expiry-year-9999"),
    case("profile", "credentials", {"credentials-1-credential": "CPC"}, "CPC is listed twice.", "credential-twice"),
    case("profile", "credentials", {"credentials-1-number": "999"}, "Choose the credential",
         "number-without-credential"),
    case("profile", "credentials-*-credential", {"credentials-99-credential": "XYZ", "credentials-99-number": "7"},
         BAD_CHOICE, "row-99-unknown-credential"),
    case("profile", "years_experience", {"full_name": SCRIPT, "headline": HOSTILE_VALID["attr-breakout"],
                                         "years_experience": "x"}, BAD_INT, "script-echoed"),
    # -- apply ---------------------------------------------------------------------------------------------
    case("apply", "cover_note", "N" * 3001, "Keep the note under 3,000 characters.", "note-3001"),
    case("apply", "cover_note", "N" * HUGE, "Keep the note under 3,000 characters.", "note-1M"),
    case("apply", "cover_note", "Hi\x00", CONTROL, "note-nul"),
    case("apply", "cover_note", SCRIPT + "\x1b", CONTROL, "note-script-echoed"),
    case("apply", "cover_note", SCRIPT * 200, "under 3,000", "note-long-script-echoed"),
    case("apply", "cover_note", f"Hi{DEL}", CONTROL, "note-del"),
    # -- forgotten password (the answer for a well-formed address is the same whether or not it has an account)
    case("forgot", "email", MISSING, REQUIRED, "email-missing"),
    case("forgot", "email", "   ", REQUIRED, "email-blank"),
    case("forgot", "email", "not-an-email", "Invalid email address", "email-malformed"),
    case("forgot", "email", "a" * BIG + "@mail.example", _too_long(254), "email-10k"),
    case("forgot", "email", "dana\x00@mail.example", "Invalid email address", "email-nul"),
    case("forgot", "email", "dana@mail.example\r\nBcc: all@mail.example", "Invalid email address", "email-crlf"),
    case("forgot", "email", SCRIPT + "@mail.example", "Invalid email address", "email-script-echoed"),
    case("forgot", "email", "' OR 1=1 --", "Invalid email address", "email-sql"),
    # -- reset password (from a valid link) ----------------------------------------------------------------
    case("reset", "password", MISSING, REQUIRED, "password-missing"),
    case("reset", "password", {"password": "short", "confirm": "short"}, "Use 12 to 200 characters.", "too-short"),
    case("reset", "password", {"password": "p" * BIG, "confirm": "p" * BIG}, "Use 12 to 200", "pw-10k"),
    case("reset", "password", {"password": "x" * HUGE, "confirm": "x" * HUGE}, "Use 12 to 200", "pw-1M"),
    case("reset", "password", {"password": "1QAZ2wsx3EDC", "confirm": "1QAZ2wsx3EDC"}, "most common", "common"),
    case("reset", "password", {"password": "1234567890123", "confirm": "1234567890123"}, "runs through", "run"),
    case("reset", "confirm", "a different passphrase", "Passwords differ.", "confirm-differs"),
    case("reset", "confirm", MISSING, REQUIRED, "confirm-missing"),
    # -- change password -----------------------------------------------------------------------------------
    case("change_password", "current_password", MISSING, REQUIRED, "current-missing"),
    case("change_password", "current_password", "not my password", "not your current password", "current-wrong"),
    case("change_password", "current_password", "x" * BIG, _too_long(200), "current-10k"),
    case("change_password", "current_password", PASSWORD + "\x00", "not your current password", "current-nul"),
    case("change_password", "password", {"password": "short", "confirm": "short"}, "Use 12 to 200", "new-short"),
    case("change_password", "password", {"password": "qazwsxedcrfv", "confirm": "qazwsxedcrfv"}, "most common",
         "new-common"),
    case("change_password", "password", {"password": PASSWORD, "confirm": PASSWORD}, "same as the current one",
         "new-same"),
    case("change_password", "confirm", "a different passphrase", "Passwords differ.", "confirm-differs"),
    # -- change email --------------------------------------------------------------------------------------
    case("change_email", "email", MISSING, REQUIRED, "email-missing"),
    case("change_email", "email", "not-an-email", "Invalid email address", "email-malformed"),
    case("change_email", "email", "a" * BIG + "@mail.example", _too_long(254), "email-10k"),
    case("change_email", "email", "new\r\n@mail.example", "Invalid email address", "email-crlf"),
    case("change_email", "email", SCRIPT + "@mail.example", "Invalid email address", "email-script-echoed"),
    case("change_email", "email", "TAKEN@mail.example", "already exists", "email-taken-other-case"),
    case("change_email", "current_password", MISSING, REQUIRED, "password-missing"),
    case("change_email", "current_password", "not my password", "not your current password", "password-wrong"),
    # -- notice settings (an employer: new applications and postings reviewed) -----------------------------
    case("notices", "notices", "weekly-digest", "is not a valid choice", "kind-unknown"),
    case("notices", "notices", "review-waiting", "is not a valid choice", "kind-of-admins"),
    case("notices", "notices", ["new-application", "weekly-digest"], "is not a valid choice", "known-and-unknown"),
    case("notices", "notices", "", "is not a valid choice", "kind-empty"),
    case("notices", "notices", "new-application\x00", "is not a valid choice", "kind-nul"),
    case("notices", "notices", SCRIPT, "is not a valid choice", "kind-script"),
    case("notices", "notices", _many("n"), "are not valid choices", "kinds-500-unknown"),
    case("notices", "notices", "x" * HUGE, "is not a valid choice", "kind-1M"),
]


@pytest.mark.parametrize("form", list(FORMS))
def test_the_valid_post_each_bad_case_starts_from_is_accepted(form, client, db, login):
    """The baseline: without the bad value each post succeeds and stores something."""
    target = FORMS[form](login)
    before = snapshot(db)
    response = client.post(target.url, data=target.data)
    assert response.status_code == 302, Page(response.get_data(as_text=True)).errors
    assert snapshot(db) != before


@pytest.mark.parametrize(("form", "field", "value", "message"), FIELD_CASES)
def test_bad_value_is_refused_shown_back_and_explained(form, field, value, message, client, db, login):
    target = FORMS[form](login)
    overrides = value if isinstance(value, dict) else {field: value}
    data = {k: v for k, v in {**target.data, **overrides}.items() if v is not MISSING}
    before = snapshot(db)

    response = client.post(target.url, data=data)

    html = response.get_data(as_text=True)
    assert response.status_code == 200, (response.status_code, response.headers.get("Location"))
    assert snapshot(db) == before, diff(before, snapshot(db))
    page = Page(html)
    errors = page.errors_for(field)
    assert errors, f"no message on {field}; messages: {dict(page.errors)}"
    if message:
        assert any(message in e for e in errors), errors
    assert_echoed(page, data)
    assert_hostile_escaped(html, data, page)
    assert_no_active_content(html, page)


# -- requests larger than the app accepts ----------------------------------------------------------------------


@pytest.mark.parametrize("form", ["register_coder", "job_new", "profile", "apply"])
def test_body_over_the_size_limit_is_413_and_stores_nothing(form, client, db, login):
    target = FORMS[form](login)
    field = {"register_coder": "full_name", "job_new": "description_md", "profile": "full_name",
             "apply": "cover_note"}[form]
    before = snapshot(db)
    response = client.post(target.url, data={**target.data, field: "é" * HUGE})  # ~6 MB url-encoded
    assert response.status_code == 413
    assert snapshot(db) == before


# -- forms that only carry a button: the action is refused with a message, nothing changes ------------------


def _own_job(status: str, login: Any) -> Job:
    job = {"draft": factories.draft_job, "review": factories.review_job, "published": factories.published_job}[status]()
    login(job.created_by)
    return job


def _submit(variant: str, login: Any) -> str:
    return f"/employer/jobs/{_own_job(variant, login).id}/submit"


def _close(variant: str, login: Any) -> str:
    return f"/employer/jobs/{_own_job(variant, login).id}/close"


def _withdraw(variant: str, login: Any) -> str:
    application = factories.application()
    if variant == "hired":
        emp = application.job.created_by
        for step in ("screening", "offer", "hired"):
            move(application, step, emp)
    else:
        withdraw(application, application.candidate)
    sa.session.commit()
    login(application.candidate)
    return f"/me/applications/{application.id}/withdraw"


def _move(variant: str, login: Any) -> str:
    application = factories.application()
    login(application.job.created_by)
    return f"/employer/applications/{application.id}/move"


def _review_not_in_review(variant: str, login: Any) -> str:
    job = factories.draft_job() if variant == "draft" else factories.published_job()
    login(factories.admin())
    return f"/admin/jobs/{job.id}"


ACTIONS = {"submit": _submit, "close": _close, "withdraw": _withdraw, "move": _move, "review": _review_not_in_review}
CANNOT_MOVE = "That move is not possible."
UNKNOWN_STATUS = "Unknown application status."
ACTION_CASES = [
    pytest.param("submit", "review", {}, "Only drafts can be submitted", id="submit-job-in-review"),
    pytest.param("submit", "published", {"status": "draft"}, "Only drafts can be submitted", id="submit-published"),
    pytest.param("close", "draft", {}, "Only published jobs can be closed.", id="close-draft"),
    pytest.param("close", "review", {"status": "filled"}, "Only published jobs can be closed.", id="close-in-review"),
    pytest.param("withdraw", "withdrawn", {}, "cannot be withdrawn", id="withdraw-twice"),
    pytest.param("withdraw", "hired", {"status": "withdrawn"}, "marked hired cannot be withdrawn", id="withdraw-hired"),
    pytest.param("move", "", {}, CANNOT_MOVE, id="move-missing-status"),
    pytest.param("move", "", {"to_status": ""}, CANNOT_MOVE, id="move-empty-status"),
    pytest.param("move", "", {"to_status": "withdrawn"}, CANNOT_MOVE, id="move-to-withdrawn"),
    pytest.param("move", "", {"to_status": "hired"}, "cannot go from applied to hired", id="move-skipping-steps"),
    pytest.param("move", "", {"to_status": "applied"}, "cannot go from applied to applied", id="move-to-same"),
    pytest.param("move", "", {"to_status": "not-a-status"}, UNKNOWN_STATUS, id="move-unknown"),
    pytest.param("move", "", {"to_status": "SCREENING"}, UNKNOWN_STATUS, id="move-wrong-case"),
    pytest.param("move", "", {"to_status": " screening"}, UNKNOWN_STATUS, id="move-leading-space"),
    pytest.param("move", "", {"to_status": "x" * HUGE}, UNKNOWN_STATUS, id="move-1M"),
    pytest.param("move", "", {"to_status": "screening\x00"}, UNKNOWN_STATUS, id="move-nul"),
    pytest.param("move", "", {"to_status": SCRIPT}, UNKNOWN_STATUS, id="move-script"),
    pytest.param("move", "", {"to_status": "'; DROP TABLE applications; --"}, UNKNOWN_STATUS, id="move-sql"),
    pytest.param("review", "draft", {"approve": "Approve and publish"}, "Only jobs in review can be approved.",
                 id="review-approve-draft"),
    pytest.param("review", "published", {"reject": "Reject", "reason": "Spam"}, "Only jobs in review can be rejected.",
                 id="review-reject-published"),
]


@pytest.mark.parametrize(("action", "variant", "data", "message"), ACTION_CASES)
def test_refused_action_changes_nothing_and_says_why(action, variant, data, message, client, db, login):
    url = ACTIONS[action](variant, login)
    before = snapshot(db)
    response = client.post(url, data=data, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert snapshot(db) == before, diff(before, snapshot(db))
    page = Page(html)
    assert any(message in f for f in page.flashes), page.flashes
    assert_no_active_content(html, page)


def test_review_post_without_a_button_changes_nothing(client, db, login):
    """Neither approve nor reject pressed (a script, not a browser): refused, the job stays in review."""
    job = factories.review_job()
    login(factories.admin())
    before = snapshot(db)
    response = client.post(f"/admin/jobs/{job.id}", data={"reason": "Looks fine to me"})
    assert response.status_code in (200, 400)
    assert snapshot(db) == before, diff(before, snapshot(db))


def test_unknown_extra_fields_are_ignored(client, db, login):
    """Mass assignment: status, owner and ids in the post are not fields, so they change nothing."""
    emp, other = factories.employer_user(), factories.employer_user()
    login(emp)
    extra = {"status": "published", "employer_id": str(other.employer_id), "created_by_id": str(other.id),
             "id": "999", "featured": "y", "reviewed_by_id": "1", "pay_min_cents": "1"}
    response = client.post("/employer/jobs/new", data={**JOB_FORM, **extra})
    assert response.status_code == 302
    job = db.session.scalars(select(Job)).one()
    assert (job.status, job.employer_id, job.created_by_id, job.pay_min_cents) == ("draft", emp.employer_id, emp.id,
                                                                                   2400)
    assert job.id != 999 and job.reviewed_by_id is None
    response = client.post("/employer/company", data={**COMPANY_FORM, "id": str(other.employer_id)})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Employer, other.employer_id).name != COMPANY_FORM["name"]


# -- ids in URLs ------------------------------------------------------------------------------------------------

ID_URLS = [
    ("anon", "GET", "/jobs/{id}"),
    ("anon", "GET", "/jobs/{id}/some-slug"),
    ("candidate", "POST", "/jobs/{id}/apply"),
    ("candidate", "GET", "/me/applications/{id}"),
    ("candidate", "POST", "/me/applications/{id}/withdraw"),
    ("employer", "GET", "/employer/jobs/{id}"),
    ("employer", "POST", "/employer/jobs/{id}/edit"),
    ("employer", "POST", "/employer/jobs/{id}/submit"),
    ("employer", "POST", "/employer/jobs/{id}/close"),
    ("employer", "GET", "/employer/jobs/{id}/applicants"),
    ("employer", "POST", "/employer/applications/{id}/move"),
    ("admin", "POST", "/admin/jobs/{id}"),
]
ID_CASES = [
    *(pytest.param(who, method, url, "999999", id=f"{method}-{url}-missing") for who, method, url in ID_URLS),
    *(pytest.param(who, method, url, str(2**31), id=f"{method}-{url}-2^31")
      for who, method, url in ID_URLS[::3]),
    *(pytest.param(who, method, url, "9" * 20, id=f"{method}-{url}-20-digits")
      for who, method, url in ID_URLS),
]


@pytest.mark.parametrize(("who", "method", "url", "ident"), ID_CASES)
def test_unknown_or_oversized_ids_are_404(who, method, url, ident, client, db, login):
    user = {"anon": lambda: None, "candidate": factories.candidate, "employer": factories.employer_user,
            "admin": factories.admin}[who]()
    if user is not None:
        login(user)
    before = snapshot(db)
    response = client.open(url.format(id=ident), method=method, data={"to_status": "screening"} if method == "POST"
                           else None)
    assert response.status_code == 404
    assert snapshot(db) == before


# -- unsubscribe links from notice mails: whatever the path holds, a 400/404 page and nothing changed ---------

UNSUBSCRIBE_GARBAGE = [
    pytest.param("x" * BIG, id="10k"),
    pytest.param("%00", id="nul"),
    pytest.param("%3Cscript%3Ealert(1)%3C%2Fscript%3E", id="script"),
    pytest.param("\U0001FA7A.\u202e", id="emoji-rtl"),
    pytest.param("WzEsImFwcGxpY2F0aW9uLXN0YXR1cyJd", id="payload-without-signature"),
    pytest.param("WzEsImFwcGxpY2F0aW9uLXN0YXR1cyJd.", id="empty-signature"),
    pytest.param("a.b.c", id="three-parts"),
    pytest.param("..%2F..%2Fadmin", id="path-traversal"),
    pytest.param("' OR 1=1 --", id="sql"),
]


@pytest.mark.parametrize("token", UNSUBSCRIBE_GARBAGE)
def test_garbage_unsubscribe_links_are_refused_and_change_nothing(token, client, db):
    factories.candidate()
    before = snapshot(db)
    for method in ("GET", "POST"):
        response = client.open(f"/notices/unsubscribe/{token}", method=method)
        assert response.status_code in (400, 404)
        assert_no_active_content(response.get_data(as_text=True))
    assert snapshot(db) == before


# -- the public job search form (GET) ------------------------------------------------------------------------

SEARCH_CASES = [
    pytest.param({"q": SCRIPT}, id="q-script"),
    pytest.param({"q": "'; DROP TABLE jobs; --"}, id="q-sql"),

    pytest.param({"q": "x" * BIG}, id="q-10k"),
    pytest.param({"q": "🩺\u202e"}, id="q-unicode"),
    pytest.param({"q": "coder\x00"}, id="q-nul"),
    pytest.param({"q": "coder\x7f\u202e"}, id="q-del-rtl"),
    pytest.param({"specialty": SCRIPT, "state": "ZZ", "work_mode": "x" * BIG}, id="unknown-filters"),
    pytest.param({"page": "1e309"}, id="page-1e309"),
    pytest.param({"page": "9" * 30}, id="page-huge"),
    pytest.param({"specialty": _many("s")}, id="500-specialties"),
    pytest.param({"pay_min": "1e309", "radius": "-1", "per_page": "9" * 30}, id="numbers"),
    pytest.param({"near": SCRIPT, "sort": "distance"}, id="near-script"),
    pytest.param({"sort": "'; DROP TABLE jobs; --", "apprentice": "maybe", "posted_within": "NaN"}, id="sort-sql"),
]


@pytest.mark.parametrize("params", SEARCH_CASES)
def test_job_search_survives_bad_query_strings(params, client, db):
    job = factories.published_job(title="Remote Pathology Coder")
    sync_index()  # the board searches Meilisearch when it is up (SQL fallback otherwise)
    response = client.get("/jobs", query_string=params)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert_no_active_content(html)
    if params.get("q") == SCRIPT:
        assert ESCAPED_SCRIPT in html  # the search box shows the query back, escaped
    if "q" not in params and "specialty" not in params:
        assert job.title in html
    assert db.session.scalar(text("SELECT count(*) FROM jobs")) == 1


# -- valid but hostile-looking values: stored verbatim, always shown escaped -----------------------------------


def _publish(job_id: int) -> Job:
    job = sa.session.get(Job, job_id)
    admin = factories.admin()
    submit_for_review(job, job.created_by)
    approve_job(job, admin)
    sa.session.commit()
    return job


def _public_page(client: Any, job: Job) -> str:
    response = client.get(f"/jobs/{job.id}", follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _texts(html: str, tag: str) -> list[str]:
    """The text of every <tag> element (no nesting needed for h1, blockquote, li)."""

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: list[str] = []
            self.depth = 0

        def handle_starttag(self, t: str, attrs: Any) -> None:
            if t == tag:
                self.depth += 1
                self.found.append("")

        def handle_endtag(self, t: str) -> None:
            if t == tag:
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth:
                self.found[-1] += data

    c = Collect()
    c.feed(html)
    return [t.strip() for t in c.found]


def _check_escaped(html: str, value: str) -> None:
    assert_no_active_content(html)
    if SCRIPT in value:
        assert ESCAPED_SCRIPT in html


@pytest.mark.parametrize("value", list(HOSTILE_VALID.values()), ids=list(HOSTILE_VALID))
def test_hostile_but_valid_job_title_is_stored_verbatim_and_escaped(value, client, db, login):
    emp = factories.employer_user()
    login(emp)
    description = f"{value}\n\nWe code {value} all day long, remotely, with a team of forty coders."
    response = client.post("/employer/jobs/new", data={**JOB_FORM, "title": value, "description_md": description,
                                                       "productivity": value, "city": value})
    assert response.status_code == 302, Page(response.get_data(as_text=True)).errors
    job = db.session.scalars(select(Job)).one()
    assert (job.title, job.productivity, job.city) == (value, value, value)
    assert job.description_md == description
    manage = client.get(f"/employer/jobs/{job.id}").get_data(as_text=True)
    _check_escaped(manage, value)
    edit = Page(client.get(f"/employer/jobs/{job.id}/edit").get_data(as_text=True))
    assert edit.values["title"] == [value] and edit.values["description_md"] == [description]
    job = _publish(job.id)
    html = _public_page(client, job)
    _check_escaped(html, value)
    assert _texts(html, "h1") == [value]
    sync_index()
    listing = client.get("/jobs").get_data(as_text=True)
    _check_escaped(listing, value)
    assert value in _texts(listing, "h3")
    assert db.session.scalar(text("SELECT count(*) FROM jobs")) == 1  # the table is still there


@pytest.mark.parametrize("value", list(HOSTILE_VALID.values()), ids=list(HOSTILE_VALID))
def test_hostile_but_valid_company_profile_is_stored_verbatim_and_escaped(value, client, db, login):
    job = factories.draft_job()
    login(job.created_by)
    data = {**COMPANY_FORM, "name": value, "about": f"We are {value}.", "hq_city": value}
    assert client.post("/employer/company", data=data).status_code == 302
    employer = db.session.get(Employer, job.employer_id)
    db.session.refresh(employer)
    assert (employer.name, employer.about, employer.hq_city) == (value, f"We are {value}.", value)
    html = _public_page(client, _publish(job.id))
    _check_escaped(html, value)
    assert f"About {value}" in _texts(html, "h2")


@pytest.mark.parametrize("value", list(HOSTILE_VALID.values()), ids=list(HOSTILE_VALID))
def test_hostile_but_valid_candidate_text_is_stored_verbatim_and_escaped(value, client, db, login):
    job = factories.published_job()
    coder = factories.candidate()
    login(coder)
    profile = {**PROFILE_FORM, "full_name": value, "headline": value, "city": value}
    assert client.post("/me/profile", data=profile).status_code == 302
    assert client.post(f"/jobs/{job.id}/apply", data={"cover_note": value}).status_code == 302
    stored = db.session.scalars(select(CandidateProfile)).one()
    assert (stored.full_name, stored.headline, stored.city) == (value, value, value)
    application = db.session.scalars(select(Application)).one()
    assert application.cover_note == value
    mine = client.get(f"/me/applications/{application.id}").get_data(as_text=True)
    _check_escaped(mine, value)
    assert _texts(mine, "blockquote") == [value]
    own = Page(client.get("/me/profile").get_data(as_text=True))
    assert own.values["full_name"] == [value] and own.values["headline"] == [value]
    login(job.created_by)
    applicants = client.get(f"/employer/jobs/{job.id}/applicants").get_data(as_text=True)
    _check_escaped(applicants, value)
    assert _texts(applicants, "blockquote") == [value]


@pytest.mark.parametrize("value", [SCRIPT, HOSTILE_VALID["attr-breakout"], HOSTILE_VALID["emoji"]],
                         ids=["script", "attr-breakout", "emoji"])
def test_hostile_but_valid_rejection_reason_is_stored_verbatim_and_escaped(value, client, db, login):
    job = factories.review_job()
    login(factories.admin())
    assert client.post(f"/admin/jobs/{job.id}", data={"reason": value, "reject": "Reject"}).status_code == 302
    db.session.refresh(job)
    assert (job.status, job.rejection_reason) == ("rejected", value)
    login(job.created_by)
    for url in (f"/employer/jobs/{job.id}", f"/employer/jobs/{job.id}/edit"):
        html = client.get(url).get_data(as_text=True)
        _check_escaped(html, value)
        assert value in html.replace("&#34;", '"').replace("&#39;", "'").replace("&gt;", ">").replace("&lt;", "<")


@pytest.mark.parametrize("value", list(HOSTILE_VALID.values()), ids=list(HOSTILE_VALID))
def test_hostile_but_valid_names_at_registration_are_escaped(value, client, db):
    response = client.post("/register/coder", data={"full_name": value, "email": "dana@mail.example",
                                                    "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                           follow_redirects=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    _check_escaped(html, value)
    assert db.session.scalars(select(User)).one().display_name == value


MARKDOWN_ATTACKS = {
    "img-onerror": "<img src=x onerror=alert(1)>",
    "script-tag": SCRIPT,
    "javascript-link": "[x](javascript:alert(1))",
    "javascript-link-mixed-case": "[x](JaVaScRiPt:alert(1))",
    "javascript-link-entity": "[x](java&#x73;cript:alert(1))",
    "javascript-link-angle": "[x](<javascript:alert(1)>)",
    "javascript-reference-link": "[x]: javascript:alert(1)\n\n[click][x]",
    "javascript-autolink": "<javascript:alert(1)>",
    "javascript-image": "![x](javascript:alert(1))",
    "data-link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "vbscript-link": "[x](vbscript:msgbox(1))",
    "raw-anchor": '<a href="javascript:alert(1)">x</a>',
    "svg-onload": "<svg onload=alert(1)>",
    "iframe": "<iframe src=https://evil.example></iframe>",
    "title-breakout": '[x](https://example.org "t\\" onmouseover=\\"alert(1)")',
    "style-tag": "<style>body{display:none}</style>",
    "code-fence": "```\n<script>alert(1)</script>\n```",
}


@pytest.mark.parametrize("attack", list(MARKDOWN_ATTACKS.values()), ids=list(MARKDOWN_ATTACKS))
def test_markdown_with_raw_html_renders_without_scripts_handlers_or_script_urls(attack, client, db, login):
    emp = factories.employer_user()
    login(emp)
    description = f"## About the role\n\nWe code pathology cases every day.\n\n{attack}\n\nThanks for reading!"
    assert client.post("/employer/jobs/new", data={**JOB_FORM, "description_md": description}).status_code == 302
    job = db.session.scalars(select(Job)).one()
    assert job.description_md == description  # stored verbatim; made safe when rendered
    preview = client.get(f"/employer/jobs/{job.id}").get_data(as_text=True)
    html = _public_page(client, _publish(job.id))
    for page in (preview, html):
        assert_no_active_content(page)
        assert "<style" not in page.lower().replace('<link rel="stylesheet"', "")
        assert "About the role" in _texts(page, "h3")  # the Markdown around the attack still renders


def test_link_in_markdown_keeps_safe_url_and_gets_rel(client, db):
    job = factories.published_job(description_md="Read [our benefits](https://example.org/benefits) first. " * 3)
    html = _public_page(client, job)
    assert '<a href="https://example.org/benefits" rel="nofollow noopener noreferrer">our benefits</a>' in html


# -- silent data loss / changes on valid-looking posts --------------------------------------------------------


def test_pay_with_three_decimals_is_not_silently_truncated(client, db, login):
    login(factories.employer_user())
    response = client.post("/employer/jobs/new", data={**JOB_FORM, "pay_min": "24.999", "pay_max": "31.50"})
    job = db.session.scalars(select(Job)).one_or_none()
    if response.status_code == 200:  # refused with a message: fine
        assert job is None and Page(response.get_data(as_text=True)).errors_for("pay_min")
    else:  # or kept as typed, rounded half-up
        assert job is not None and job.pay_min_cents == 2500


def test_credential_in_row_41_is_not_silently_dropped(client, db, login):
    coder = factories.candidate(with_profile=False)
    login(coder)
    data = {k: v for k, v in PROFILE_FORM.items() if not k.startswith("credentials-")}
    data.update({f"credentials-{i}-credential": "" for i in range(40)})
    data["credentials-40-credential"] = "CRC"
    response = client.post("/me/profile", data=data)
    db.session.expire_all()
    profile = db.session.scalars(select(CandidateProfile)).one_or_none()
    saved = [c.credential for c in profile.credentials] if profile else []
    assert saved == ["CRC"] or (response.status_code == 200 and profile is None)


def test_many_rows_and_duplicate_checkboxes_are_harmless(client, db, login):
    """500 copies of a valid checkbox value and a credential in row 99 save cleanly, de-duplicated."""
    coder = factories.candidate(with_profile=False)
    login(coder)
    data = {k: v for k, v in PROFILE_FORM.items() if not k.startswith("credentials-")}
    data.update({"specialties": ["radiology"] * 500, "credentials-99-credential": "CRC",
                 "credentials-99-number": "7"})
    assert client.post("/me/profile", data=data).status_code == 302
    profile = db.session.scalars(select(CandidateProfile)).one()
    assert profile.specialties == ["radiology"]
    assert [(c.credential, c.number) for c in profile.credentials] == [("CRC", "7")]
    emp = factories.employer_user()
    login(emp)
    data = {**JOB_FORM, "specialties": ["radiology"] * 500, "remote_states": ["OH"] * 500}
    assert client.post("/employer/jobs/new", data=data).status_code == 302
    job = db.session.scalars(select(Job)).one()
    assert (job.specialties, job.remote_states) == (["radiology"], ["OH"])


def test_error_summary_for_a_credential_row_is_readable(client, db, login):
    login(factories.candidate())
    response = client.post("/me/profile", data={**PROFILE_FORM, "credentials-0-credential": "XYZ"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Not a valid choice." in html
    summary = html.split('class="form-errors"', 1)[1].split("</div>", 1)[0]
    assert "{" not in summary and "&#39;" not in summary, summary


def test_edits_of_a_published_job_with_bad_input_leave_it_live_and_unchanged(client, db, login):
    job = factories.published_job()
    login(job.created_by)
    before = snapshot(db)
    response = client.post(f"/employer/jobs/{job.id}/edit", data={**JOB_FORM, "title": SCRIPT, "pay_min": "abc"})
    assert response.status_code == 200
    assert snapshot(db) == before
    assert db.session.get(Job, job.id).status == JobStatus.PUBLISHED

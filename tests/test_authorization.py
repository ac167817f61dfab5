"""Who may do what: every route of the app, as every kind of user, on their own and on others' objects.

EXPECTED below is the single place where a route's access rule is declared. The route test is generated
from app.url_map (every rule x method except HEAD/OPTIONS, `static` excepted) x every target object
named in ARGS x every role, so a new route, a new method or a new URL argument without an entry here
fails (test_every_route_is_declared says which, and the generated case for it fails too).

POSTs carry an empty body (CSRF is off in the test app) and expect whatever the view does with that:
never a 500, which in TESTING mode surfaces as the exception itself. Note that Flask-WTF treats an empty
body as "no form data", so forms built with obj=/data= validate against the stored values.
"""

from __future__ import annotations

import contextvars
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import func, select, text

from careers import create_app
from careers.auth.models import User
from careers.common import utcnow
from careers.extensions import db as _db
from careers.jobs.models import Job
from careers.jobs.services import close_job, reject_job
from careers.notices.models import NoticeKind
from careers.notices.services import unsubscribe_token
from careers.taxonomy import JobStatus
from tests import factories
from tests.conftest import clear_index, sync_index

# -- outcomes ---------------------------------------------------------------------------------------


class _Login:
    """302 to the login page, with ?next= the requested path."""

    def __repr__(self) -> str:
        return "LOGIN"


LOGIN = _Login()


@dataclass(frozen=True)
class Redirect:
    """A redirect to `target`: {object} is that world object's id, {object.attr} another attribute, {new}
    any id."""

    code: int
    target: str

    def pattern(self, world: World) -> str:
        parts = re.split(r"\{([\w.]+)\}", self.target)
        out = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                out.append(re.escape(part))
            elif part == "new":
                out.append(r"\d+")
            else:
                name, _, attr = part.partition(".")
                out.append(re.escape(str(world.objects[name][attr or "id"])))
        return "".join(out)

    def __repr__(self) -> str:
        return f"{self.code}->{self.target}"


def to(target: str) -> Redirect:
    return Redirect(302, target)


def moved(target: str) -> Redirect:
    return Redirect(301, target)


Outcome = int | Redirect | _Login

# Where a signed-in user is sent by the login and sign-up pages.
CAND_HOME = to("/me/applications")  # a coder with a profile
EMP_HOME = to("/employer/")
REC_HOME = to("/jobs")
ADMIN_HOME = to("/admin/")

# The columns of every row, in this order.
ROLES = ("anon", "cand_a", "cand_b", "emp_a", "coll_a", "emp_b", "recruiter", "admin")


class Row(dict[str, Outcome]):
    """{role: expected outcome} for one request."""


def row(*outcomes: Outcome) -> Row:
    """One outcome per role, in ROLES order: anon, cand_a, cand_b, emp_a, coll_a, emp_b, recruiter, admin."""
    assert len(outcomes) == len(ROLES), f"a row needs {len(ROLES)} outcomes ({', '.join(ROLES)}): {outcomes}"
    return Row(zip(ROLES, outcomes, strict=True))


# -- the tables -------------------------------------------------------------------------------------

# Objects of the world: rows built by the `world` fixture, and STATIC_OBJECTS ("missing" is an id that
# exists nowhere).
SHOWN_JOBS = ("job_a_pub", "job_b_pub", "job_a_draft", "job_a_review", "job_a_rejected", "job_a_filled",
              "missing")

# (endpoint, URL argument) -> the world objects it is filled from: the route is requested once per object.
# When a rule has several arguments they all list the same objects and each is read from that object
# (ARG_ATTRIBUTE says which attribute).
ARGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("admin.review", "job_id"): ("job_a_review", "job_b_draft", "missing"),
    ("applications.apply_view", "job_id"): ("job_a_pub", "job_b_pub", "job_a_draft", "missing"),
    ("applications.detail", "application_id"): ("app_a", "app_b", "missing"),
    ("applications.withdraw_view", "application_id"): ("app_a", "app_b", "missing"),
    ("employers.applicants", "job_id"): ("job_a_pub", "job_b_pub", "job_a_draft", "missing"),
    ("employers.move_application", "application_id"): ("app_a", "app_b", "missing"),
    ("jobs.close", "job_id"): ("job_a_pub", "job_a_draft", "job_b_pub", "missing"),
    ("jobs.edit", "job_id"): ("job_a_draft", "job_a_review", "job_a_pub", "job_b_draft", "missing"),
    ("jobs.manage", "job_id"): ("job_a_draft", "job_a_pub", "job_b_draft", "missing"),
    ("jobs.show", "job_id"): SHOWN_JOBS,
    ("jobs.show", "slug"): SHOWN_JOBS,
    ("jobs.submit", "job_id"): ("job_a_draft", "job_a_review", "job_b_draft", "missing"),
    ("codes.specialty", "slug"): ("spec_pathology", "spec_unknown"),
    ("codes.code", "code"): ("code_e11_9", "code_e119", "code_bad"),
    ("api.code", "code"): ("code_e11_9", "code_e119", "code_bad"),
    ("auth.register_as", "kind"): ("kind_coder", "kind_employer"),
    ("mail.show", "name"): ("mail_missing", "mail_dotted"),
    ("notices.unsubscribe", "token"): ("unsub_cand_a", "unsub_tampered", "unsub_gone"),
    # Links from account mails; valid ones are tested in tests/auth/ (a token is for one account and state).
    ("auth.verify_email", "token"): ("token_bad",),
    ("auth.reset_password", "token"): ("token_bad",),
    ("auth.confirm_email_change", "token"): ("token_bad",),
}
ARG_ATTRIBUTE = {"job_id": "id", "application_id": "id", "slug": "slug", "code": "code", "kind": "kind",
                 "name": "name", "token": "token"}

# EXPECTED[endpoint]["METHOD rule"] -> a row of outcomes per role (rules without URL arguments), or
# {world object: row} (rules with arguments; one entry per object listed in ARGS).
#                                  anon    cand_a  cand_b  emp_a  coll_a  emp_b  recruiter admin
EXPECTED: dict[str, dict[str, Row | dict[str, Row]]] = {
    # -- public ----------------------------------------------------------------------------------
    "main.home": {
        "GET /": row(200, 200, 200, 200, 200, 200, 200, 200),
    },
    "main.health": {
        "GET /healthz": row(200, 200, 200, 200, 200, 200, 200, 200),
    },
    "jobs.index": {
        "GET /jobs": row(200, 200, 200, 200, 200, 200, 200, 200),
    },
    "api.jobs": {
        "GET /api/v1/jobs": row(200, 200, 200, 200, 200, 200, 200, 200),
    },
    "codes.specialties": {
        "GET /specialties": row(200, 200, 200, 200, 200, 200, 200, 200),
    },
    "codes.specialty": {
        "GET /specialties/<slug>": {
            "spec_pathology": row(200, 200, 200, 200, 200, 200, 200, 200),
            "spec_unknown": row(404, 404, 404, 404, 404, 404, 404, 404),
        },
    },
    "codes.lookup": {
        "GET /codes": row(200, 200, 200, 200, 200, 200, 200, 200),
    },
    "codes.code": {
        # Another spelling of a code redirects permanently to the code's canonical page.
        "GET /codes/<code>": {
            "code_e11_9": row(200, 200, 200, 200, 200, 200, 200, 200),
            "code_e119": row(*[moved("/codes/{code_e11_9.code}")] * 8),
            "code_bad": row(404, 404, 404, 404, 404, 404, 404, 404),
        },
    },
    "api.specialties": {
        "GET /api/v1/specialties": row(200, 200, 200, 200, 200, 200, 200, 200),
    },
    "api.code": {
        "GET /api/v1/codes/<path:code>": {
            "code_e11_9": row(200, 200, 200, 200, 200, 200, 200, 200),
            "code_e119": row(200, 200, 200, 200, 200, 200, 200, 200),
            "code_bad": row(404, 404, 404, 404, 404, 404, 404, 404),
        },
    },
    "jobs.show": {
        # Only published, unexpired jobs have a public page, even for their own company (they use
        # /employer/jobs/<id>); the page without its slug redirects permanently to the canonical one.
        "GET /jobs/<int:job_id>/<slug>": {
            "job_a_pub": row(200, 200, 200, 200, 200, 200, 200, 200),
            "job_b_pub": row(200, 200, 200, 200, 200, 200, 200, 200),
            "job_a_draft": row(404, 404, 404, 404, 404, 404, 404, 404),
            "job_a_review": row(404, 404, 404, 404, 404, 404, 404, 404),
            "job_a_rejected": row(404, 404, 404, 404, 404, 404, 404, 404),
            "job_a_filled": row(404, 404, 404, 404, 404, 404, 404, 404),
            "missing": row(404, 404, 404, 404, 404, 404, 404, 404),
        },
        "GET /jobs/<int:job_id>": {
            "job_a_pub": row(*[moved("/jobs/{job_a_pub}/{job_a_pub.slug}")] * 8),
            "job_b_pub": row(*[moved("/jobs/{job_b_pub}/{job_b_pub.slug}")] * 8),
            "job_a_draft": row(404, 404, 404, 404, 404, 404, 404, 404),
            "job_a_review": row(404, 404, 404, 404, 404, 404, 404, 404),
            "job_a_rejected": row(404, 404, 404, 404, 404, 404, 404, 404),
            "job_a_filled": row(404, 404, 404, 404, 404, 404, 404, 404),
            "missing": row(404, 404, 404, 404, 404, 404, 404, 404),
        },
    },
    # -- accounts: signed-in users are sent home ---------------------------------------------------
    "auth.login": {
        "GET /login": row(200, CAND_HOME, CAND_HOME, EMP_HOME, EMP_HOME, EMP_HOME, REC_HOME, ADMIN_HOME),
        "POST /login": row(200, CAND_HOME, CAND_HOME, EMP_HOME, EMP_HOME, EMP_HOME, REC_HOME, ADMIN_HOME),
    },
    "auth.logout": {
        "POST /logout": row(LOGIN, to("/"), to("/"), to("/"), to("/"), to("/"), to("/"), to("/")),
    },
    "auth.register": {
        "GET /register": row(200, CAND_HOME, CAND_HOME, EMP_HOME, EMP_HOME, EMP_HOME, REC_HOME, ADMIN_HOME),
    },
    "auth.register_as": {
        "GET /register/<any(coder, employer):kind>": {
            kind: row(200, CAND_HOME, CAND_HOME, EMP_HOME, EMP_HOME, EMP_HOME, REC_HOME, ADMIN_HOME)
            for kind in ("kind_coder", "kind_employer")
        },
        "POST /register/<any(coder, employer):kind>": {
            kind: row(200, CAND_HOME, CAND_HOME, EMP_HOME, EMP_HOME, EMP_HOME, REC_HOME, ADMIN_HOME)
            for kind in ("kind_coder", "kind_employer")
        },
    },
    # -- links from account mails: anyone may follow one; a bad link is a 400 page -------------------
    "auth.verify_email": {
        "GET /verify/<token>": {"token_bad": row(400, 400, 400, 400, 400, 400, 400, 400)},
    },
    "auth.reset_password": {
        "GET /password/reset/<token>": {"token_bad": row(400, 400, 400, 400, 400, 400, 400, 400)},
        "POST /password/reset/<token>": {"token_bad": row(400, 400, 400, 400, 400, 400, 400, 400)},
    },
    "auth.confirm_email_change": {
        "GET /account/email/confirm/<token>": {"token_bad": row(400, 400, 400, 400, 400, 400, 400, 400)},
    },
    "auth.forgot_password": {
        "GET /password/forgot": row(200, 200, 200, 200, 200, 200, 200, 200),
        "POST /password/forgot": row(200, 200, 200, 200, 200, 200, 200, 200),  # empty form: errors shown
    },
    # -- the account page: every signed-in user, for their own account only ----------------------------
    "auth.account": {
        "GET /account": row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    },
    "auth.change_password": {
        "GET /account/password": row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
        "POST /account/password": row(LOGIN, 200, 200, 200, 200, 200, 200, 200),  # empty form: errors shown
    },
    "auth.change_email": {
        "GET /account/email": row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
        "POST /account/email": row(LOGIN, 200, 200, 200, 200, 200, 200, 200),  # empty form: errors shown
    },
    "auth.security_log": {
        "GET /admin/security-log": row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
    },
    "auth.resend_verification": {
        # Every account of the world is confirmed: "already confirmed", back to the account page.
        "POST /account/verify": row(LOGIN, *[to("/account")] * 7),
    },
    # -- notices: settings for every signed-in user; an unsubscribe link works for whoever has it -----
    "notices.settings": {
        "GET /me/notifications": row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
        # An empty body is the form with every box unticked: all the account's notices off, back to the page.
        "POST /me/notifications": row(LOGIN, *[to("/me/notifications")] * 7),
    },
    "notices.unsubscribe": {
        # cand_a's link for application updates (the same for anyone, signed in or not), a tampered one,
        # and one for an account that does not exist.
        "GET /notices/unsubscribe/<token>": {
            "unsub_cand_a": row(*[200] * 8),
            "unsub_tampered": row(*[400] * 8),
            "unsub_gone": row(*[404] * 8),
        },
        "POST /notices/unsubscribe/<token>": {
            "unsub_cand_a": row(*[200] * 8),
            "unsub_tampered": row(*[400] * 8),
            "unsub_gone": row(*[404] * 8),
        },
    },
    # -- coders ------------------------------------------------------------------------------------
    "candidates.profile": {
        "GET /me/profile": row(LOGIN, 200, 200, 403, 403, 403, 403, 403),
        "POST /me/profile": row(LOGIN, 200, 200, 403, 403, 403, 403, 403),  # empty form: errors shown
    },
    "applications.mine": {
        "GET /me/applications": row(LOGIN, 200, 200, 403, 403, 403, 403, 403),
    },
    "applications.detail": {
        "GET /me/applications/<int:application_id>": {
            "app_a": row(LOGIN, 200, 404, 403, 403, 403, 403, 403),
            "app_b": row(LOGIN, 404, 200, 403, 403, 403, 403, 403),
            "missing": row(LOGIN, 404, 404, 403, 403, 403, 403, 403),
        },
    },
    "applications.withdraw_view": {
        "POST /me/applications/<int:application_id>/withdraw": {
            "app_a": row(LOGIN, to("/me/applications/{app_a}"), 404, 403, 403, 403, 403, 403),
            "app_b": row(LOGIN, 404, to("/me/applications/{app_b}"), 403, 403, 403, 403, 403),
            "missing": row(LOGIN, 404, 404, 403, 403, 403, 403, 403),
        },
    },
    "applications.apply_view": {
        # cand_a has applied to job_a_pub, cand_b to job_b_pub.
        "GET /jobs/<int:job_id>/apply": {
            # Someone who applied already is taken to her application instead of a second form.
            "job_a_pub": row(LOGIN, to("/me/applications/{app_a}"), 200, 403, 403, 403, 403, 403),
            "job_b_pub": row(LOGIN, 200, to("/me/applications/{app_b}"), 403, 403, 403, 403, 403),
            "job_a_draft": row(LOGIN, 404, 404, 403, 403, 403, 403, 403),
            "missing": row(LOGIN, 404, 404, 403, 403, 403, 403, 403),
        },
        "POST /jobs/<int:job_id>/apply": {
            "job_a_pub": row(LOGIN, to("/me/applications/{app_a}"), to("/me/applications/{new}"),
                             403, 403, 403, 403, 403),
            "job_b_pub": row(LOGIN, to("/me/applications/{new}"), to("/me/applications/{app_b}"),
                             403, 403, 403, 403, 403),
            "job_a_draft": row(LOGIN, 404, 404, 403, 403, 403, 403, 403),
            "missing": row(LOGIN, 404, 404, 403, 403, 403, 403, 403),
        },
    },
    # -- employers: another company's objects are 404, never 403 -----------------------------------
    "employers.dashboard": {
        "GET /employer/": row(LOGIN, 403, 403, 200, 200, 200, 403, 403),
    },
    "employers.company": {
        "GET /employer/company": row(LOGIN, 403, 403, 200, 200, 200, 403, 403),
        # An empty body is an empty form: errors shown, the stored profile untouched.
        "POST /employer/company": row(LOGIN, 403, 403, 200, 200, 200, 403, 403),
    },
    "jobs.new": {
        "GET /employer/jobs/new": row(LOGIN, 403, 403, 200, 200, 200, 403, 403),
        "POST /employer/jobs/new": row(LOGIN, 403, 403, 200, 200, 200, 403, 403),  # empty form: errors shown
    },
    "jobs.manage": {
        "GET /employer/jobs/<int:job_id>": {
            "job_a_draft": row(LOGIN, 403, 403, 200, 200, 404, 403, 403),
            "job_a_pub": row(LOGIN, 403, 403, 200, 200, 404, 403, 403),
            "job_b_draft": row(LOGIN, 403, 403, 404, 404, 200, 403, 403),
            "missing": row(LOGIN, 403, 403, 404, 404, 404, 403, 403),
        },
    },
    "jobs.edit": {
        "GET /employer/jobs/<int:job_id>/edit": {
            "job_a_draft": row(LOGIN, 403, 403, 200, 200, 404, 403, 403),
            # In review: not editable, back to the manage page.
            "job_a_review": row(LOGIN, 403, 403, to("/employer/jobs/{job_a_review}"),
                                to("/employer/jobs/{job_a_review}"), 404, 403, 403),
            "job_a_pub": row(LOGIN, 403, 403, 200, 200, 404, 403, 403),
            "job_b_draft": row(LOGIN, 403, 403, 404, 404, 200, 403, 403),
            "missing": row(LOGIN, 403, 403, 404, 404, 404, 403, 403),
        },
        "POST /employer/jobs/<int:job_id>/edit": {
            "job_a_draft": row(LOGIN, 403, 403, 200, 200, 404, 403, 403),  # empty form: errors shown
            "job_a_review": row(LOGIN, 403, 403, to("/employer/jobs/{job_a_review}"),
                                to("/employer/jobs/{job_a_review}"), 404, 403, 403),
            "job_a_pub": row(LOGIN, 403, 403, 200, 200, 404, 403, 403),
            "job_b_draft": row(LOGIN, 403, 403, 404, 404, 200, 403, 403),
            "missing": row(LOGIN, 403, 403, 404, 404, 404, 403, 403),
        },
    },
    "jobs.submit": {
        # Back to the manage page whether the transition happened (draft) or was refused (in review).
        "POST /employer/jobs/<int:job_id>/submit": {
            "job_a_draft": row(LOGIN, 403, 403, to("/employer/jobs/{job_a_draft}"),
                               to("/employer/jobs/{job_a_draft}"), 404, 403, 403),
            "job_a_review": row(LOGIN, 403, 403, to("/employer/jobs/{job_a_review}"),
                                to("/employer/jobs/{job_a_review}"), 404, 403, 403),
            "job_b_draft": row(LOGIN, 403, 403, 404, 404, to("/employer/jobs/{job_b_draft}"), 403, 403),
            "missing": row(LOGIN, 403, 403, 404, 404, 404, 403, 403),
        },
    },
    "jobs.close": {
        "POST /employer/jobs/<int:job_id>/close": {
            "job_a_pub": row(LOGIN, 403, 403, to("/employer/jobs/{job_a_pub}"),
                             to("/employer/jobs/{job_a_pub}"), 404, 403, 403),
            "job_a_draft": row(LOGIN, 403, 403, to("/employer/jobs/{job_a_draft}"),
                               to("/employer/jobs/{job_a_draft}"), 404, 403, 403),
            "job_b_pub": row(LOGIN, 403, 403, 404, 404, to("/employer/jobs/{job_b_pub}"), 403, 403),
            "missing": row(LOGIN, 403, 403, 404, 404, 404, 403, 403),
        },
    },
    "employers.applicants": {
        "GET /employer/jobs/<int:job_id>/applicants": {
            "job_a_pub": row(LOGIN, 403, 403, 200, 200, 404, 403, 403),
            "job_b_pub": row(LOGIN, 403, 403, 404, 404, 200, 403, 403),
            "job_a_draft": row(LOGIN, 403, 403, 200, 200, 404, 403, 403),
            "missing": row(LOGIN, 403, 403, 404, 404, 404, 403, 403),
        },
    },
    "employers.move_application": {
        # An empty body has no target status: "not possible", back to the applicant on the list.
        "POST /employer/applications/<int:application_id>/move": {
            "app_a": row(LOGIN, 403, 403, to("/employer/jobs/{job_a_pub}/applicants#app-{app_a}"),
                         to("/employer/jobs/{job_a_pub}/applicants#app-{app_a}"), 404, 403, 403),
            "app_b": row(LOGIN, 403, 403, 404, 404, to("/employer/jobs/{job_b_pub}/applicants#app-{app_b}"),
                         403, 403),
            "missing": row(LOGIN, 403, 403, 404, 404, 404, 403, 403),
        },
    },
    # -- admin -------------------------------------------------------------------------------------
    "admin.queue": {
        "GET /admin/": row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
    },
    "admin.review": {
        "GET /admin/jobs/<int:job_id>": {
            "job_a_review": row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
            "job_b_draft": row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
            "missing": row(LOGIN, 403, 403, 403, 403, 403, 403, 404),
        },
        # An empty body chooses neither approve nor reject: 400, nothing changes.
        "POST /admin/jobs/<int:job_id>": {
            "job_a_review": row(LOGIN, 403, 403, 403, 403, 403, 403, 400),
            "job_b_draft": row(LOGIN, 403, 403, 403, 403, 403, 403, 400),
            "missing": row(LOGIN, 403, 403, 403, 403, 403, 403, 404),
        },
    },
    "mail.index": {
        "GET /admin/mail": row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
    },
    "mail.show": {
        # A caught mail that is not there, and a name the catcher never writes (a dot file): 404.
        "GET /admin/mail/<name>": {
            "mail_missing": row(LOGIN, 403, 403, 403, 403, 403, 403, 404),
            "mail_dotted": row(LOGIN, 403, 403, 403, 403, 403, 403, 404),
        },
    },
}

IGNORED_ENDPOINTS = {"static"}
IGNORED_METHODS = {"HEAD", "OPTIONS"}
SAFE_METHODS = {"GET"}
REFUSALS = {400, 403, 404, 405}

# -- cases generated from the url_map ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    endpoint: str
    method: str
    rule: str
    arguments: tuple[str, ...]
    variant: str  # the world object the URL arguments come from ("-" for a rule without arguments)
    role: str
    expected: Outcome | None = None
    problem: str = ""  # set when the tables do not cover this route: the case fails with this message

    @property
    def changes_state(self) -> bool:
        """A POST the view is expected to carry out: it needs a world of its own."""
        refused = isinstance(self.expected, _Login) or self.expected in REFUSALS
        return self.method not in SAFE_METHODS and not self.problem and not refused

    @property
    def id(self) -> str:
        target = f"[{self.variant}]" if self.arguments else ""
        return f"{self.endpoint}: {self.method} {self.rule}{target} as {self.role}"


def _rule_key(method: str, rule: str) -> str:
    return f"{method} {rule}"


def _routes(app: Flask) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(endpoint, method, rule, arguments) for every route the tables must cover."""
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in IGNORED_ENDPOINTS:
            continue
        for method in sorted((rule.methods or set()) - IGNORED_METHODS):
            out.append((rule.endpoint, method, rule.rule, tuple(sorted(rule.arguments))))
    return sorted(out)


def _variants(endpoint: str, arguments: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """The world objects a rule is requested with, or a problem."""
    if not arguments:
        return ("-",), ""
    lists = {arg: ARGS.get((endpoint, arg)) for arg in arguments}
    missing = [arg for arg, objects in lists.items() if not objects]
    if missing:
        return (), f"no ARGS entry for {[(endpoint, arg) for arg in missing]}"
    unknown = [arg for arg in arguments if arg not in ARG_ATTRIBUTE]
    if unknown:
        return (), f"no ARG_ATTRIBUTE for URL argument(s) {unknown} of {endpoint}"
    if len({objects for objects in lists.values()}) != 1:
        return (), f"the URL arguments of {endpoint} list different objects in ARGS: {lists}"
    return next(iter(lists.values())), ""


def generate_cases(app: Flask) -> list[Case]:
    cases = []
    for endpoint, method, rule, arguments in _routes(app):
        key = _rule_key(method, rule)
        entry = EXPECTED.get(endpoint, {}).get(key)
        if entry is None:
            cases.append(Case(endpoint, method, rule, arguments, "-", "anon",
                              problem=f"no EXPECTED[{endpoint!r}][{key!r}]: declare who may use this route"))
            continue
        variants, problem = _variants(endpoint, arguments)
        if problem:
            cases.append(Case(endpoint, method, rule, arguments, "-", "anon", problem=problem))
            continue
        for variant in variants:
            if arguments:
                expected = None if isinstance(entry, Row) else entry.get(variant)
            else:
                expected = entry if isinstance(entry, Row) else None
            if expected is None:
                cases.append(Case(endpoint, method, rule, arguments, variant, "anon",
                                  problem=f"EXPECTED[{endpoint!r}][{key!r}] has no row for {variant!r} (a rule "
                                          "with URL arguments maps each ARGS object to a row, others have one row)"))
                continue
            for role in ROLES:
                cases.append(Case(endpoint, method, rule, arguments, variant, role, expected[role]))
    return cases


def _route_app() -> Flask:
    """An app only for reading url_map at collection time (no database is touched)."""
    return create_app({"TESTING": True, "SECRET_KEY": "collection", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


CASES = generate_cases(_route_app())
# Reads and refused writes share one world (and prove they changed nothing); accepted writes get their own.
SHARED_CASES = [c for c in CASES if not c.changes_state]
CHANGING_CASES = [c for c in CASES if c.changes_state]

# -- the world --------------------------------------------------------------------------------------

MISSING_ID = 999_999


@dataclass(frozen=True)
class Account:
    """What the login fixture needs from a user (plain data: it outlives the session it came from)."""

    id: int
    email: str


# URL values that are no rows of the world.
STATIC_OBJECTS: dict[str, dict[str, Any]] = {
    "missing": {"id": MISSING_ID, "slug": "missing"},
    "spec_pathology": {"slug": "pathology"},
    "spec_unknown": {"slug": "no-such-specialty"},
    "code_e11_9": {"code": "E11.9"},
    "code_e119": {"code": "e119"},  # E11.9 spelt without the dot, in lower case
    "code_bad": {"code": "not-a-code"},
    "kind_coder": {"kind": "coder"},
    "kind_employer": {"kind": "employer"},
    "token_bad": {"token": "eyJ1IjoxfQ.not-a-signature"},
    "mail_missing": {"name": "20260101T000000.000000Z-00000000.eml"},
    "mail_dotted": {"name": ".hidden.eml"},
}


@dataclass
class World:
    users: dict[str, Account] = field(default_factory=dict)  # role -> account
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> {attribute: value}

    def value(self, name: str, argument: str) -> Any:
        return self.objects[name][ARG_ATTRIBUTE[argument]]


def build_world() -> World:
    """Company A (two users) with a draft, a job in review, a published job with cand_a's application, a
    rejected and a filled job; company B with a draft and a published job with cand_b's application; two
    coders with profiles, a recruiter and an admin."""
    reviewer = factories.admin()
    emp_a = factories.employer_user("Alpha Health")
    coll_a = factories.colleague(emp_a)
    emp_b = factories.employer_user("Beta Billing")
    cand_a = factories.candidate()
    cand_b = factories.candidate()
    jobs = {
        "job_a_draft": factories.draft_job(emp_a, title="Alpha draft: HCC coder"),
        "job_a_review": factories.review_job(emp_a, title="Alpha in review: ED coder"),
        "job_a_pub": factories.published_job(emp_a, reviewer, title="Alpha published: Pathology coder"),
        "job_a_rejected": factories.review_job(emp_a, title="Alpha rejected: Inpatient coder"),
        "job_a_filled": factories.published_job(emp_a, reviewer, title="Alpha filled: Radiology coder"),
        "job_b_draft": factories.draft_job(emp_b, title="Beta draft: Denials coder"),
        "job_b_pub": factories.published_job(emp_b, reviewer, title="Beta published: Cardiology coder"),
    }
    reject_job(jobs["job_a_rejected"], reviewer, "Add the pay range.")
    close_job(jobs["job_a_filled"], emp_a)
    _db.session.commit()
    apps = {
        "app_a": factories.application(jobs["job_a_pub"], cand_a),
        "app_b": factories.application(jobs["job_b_pub"], cand_b),
    }
    users = {"cand_a": cand_a, "cand_b": cand_b, "emp_a": emp_a, "coll_a": coll_a, "emp_b": emp_b,
             "recruiter": factories.recruiter(), "admin": reviewer}
    world = World(users={role: Account(user.id, user.email) for role, user in users.items()})
    world.objects = {name: {"id": job.id, "slug": job.slug} for name, job in jobs.items()}
    world.objects |= {name: {"id": app.id} for name, app in apps.items()} | STATIC_OBJECTS
    unsubscribe = unsubscribe_token(cand_a.id, NoticeKind.APPLICATION_STATUS)
    payload, signature = unsubscribe.rsplit(".", 1)
    world.objects |= {
        "unsub_cand_a": {"token": unsubscribe},
        "unsub_tampered": {"token": f"{payload}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"},
        "unsub_gone": {"token": unsubscribe_token(MISSING_ID, NoticeKind.APPLICATION_STATUS)},
    }
    return world


@pytest.fixture()
def world(db: Any) -> World:
    return build_world()


# Kept by the `db` fixture between tests: it records that the live index has the current settings.
KEPT_TABLES = {"search_state"}


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (but the login time, which signing in updates)."""
    tables = {}
    for table in _db.metadata.sorted_tables:
        if table.name in KEPT_TABLES or table.name == "security_events":  # signing in adds a security log row
            continue
        columns = [c for c in table.c if c.name != "last_login_at"]
        tables[table.name] = sorted((tuple(r) for r in _db.session.execute(select(*columns))), key=repr)
    return tables


def empty_all_tables() -> None:
    """What the `db` fixture does after each test."""
    _db.session.remove()
    clear_index()
    names = [t.name for t in reversed(_db.metadata.sorted_tables) if t.name not in KEPT_TABLES]
    with _db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
        else:
            for name in names:
                conn.execute(text(f"DELETE FROM {name}"))  # noqa: S608 - table names from metadata


class SharedWorld:
    """One world for the requests that must not change anything, rebuilt if one did (or it was emptied)."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.world: World | None = None
        self.rows: dict[str, list[tuple[Any, ...]]] = {}
        self.dirty = False

    def _intact(self, world: World) -> bool:
        """Still there (the `db` fixture of any other test empties every table)."""
        ids = [account.id for account in world.users.values()]
        return _db.session.scalar(select(func.count()).where(User.id.in_(ids))) == len(ids)

    def ready(self) -> World:
        with self.app.app_context():
            if self.world is None or self.dirty or not self._intact(self.world):
                empty_all_tables()
                self.world = build_world()
                self.rows = snapshot()
                self.dirty = False
        return self.world

    def changes(self) -> list[str]:
        """The tables whose rows differ from the world as built."""
        with self.app.app_context():
            now = snapshot()
        changed = [name for name in now if now[name] != self.rows.get(name)]
        self.dirty = self.dirty or bool(changed)
        return changed

    def close(self) -> None:
        with self.app.app_context():
            empty_all_tables()


@pytest.fixture(scope="module")
def shared_world(app: Flask) -> Any:
    shared = SharedWorld(app)
    yield shared
    shared.close()


def isolated(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a test-client request in its own app context, as in production.

    Requests made inside the `db` fixture's app context reuse it: same SQLAlchemy session (identity map)
    and same flask.g (Flask-Login caches the user there), which would hide what the view really loads.
    """
    if has_app_context():
        _db.session.commit()  # end the test session's transaction: it must hold no lock while the request runs
    return contextvars.Context().run(call, *args, **kwargs)


def _fill(rule: str, values: dict[str, Any]) -> str:
    return re.sub(r"<(?:[^:<>]+:)?(\w+)>", lambda m: str(values[m.group(1)]), rule)


def check(response: Any, expected: Outcome, path: str, world: World) -> None:
    got = f"{response.status_code} {response.headers.get('Location', '')}".strip()
    if isinstance(expected, _Login):
        location = urlsplit(response.headers.get("Location", ""))
        assert (response.status_code, location.path, parse_qs(location.query)) == (302, "/login", {"next": [path]}), (
            f"expected a redirect to /login?next={path}, got {got}"
        )
    elif isinstance(expected, Redirect):
        location = response.headers.get("Location", "")
        assert response.status_code == expected.code and re.fullmatch(expected.pattern(world), location), (
            f"expected {expected.code} to {expected.target}, got {got}"
        )
    else:
        assert response.status_code == expected, (
            f"expected {expected}, got {got}\n{response.get_data(as_text=True)[:800]}"
        )


# -- the tests --------------------------------------------------------------------------------------


def test_every_route_is_declared(app: Flask) -> None:
    """url_map and the tables agree: every route has its rule, and no rule names a route that is gone."""
    routes = _routes(app)
    assert {r[0] for r in routes} == set(EXPECTED), "EXPECTED must have exactly one key per endpoint of url_map"
    declared = {(endpoint, key) for endpoint, rules in EXPECTED.items() for key in rules}
    assert {(e, _rule_key(m, r)) for e, m, r, _ in routes} == declared, "EXPECTED[endpoint] keys: 'METHOD rule'"
    used_args = set()
    for endpoint, method, rule, arguments in routes:
        entry = EXPECTED[endpoint][_rule_key(method, rule)]
        variants, problem = _variants(endpoint, arguments)
        assert not problem, problem
        used_args |= {(endpoint, arg) for arg in arguments}
        if arguments:
            assert not isinstance(entry, Row) and set(entry) == set(variants), (
                f"EXPECTED[{endpoint!r}][{_rule_key(method, rule)!r}] rows != ARGS objects {variants}")
        else:
            assert isinstance(entry, Row), f"{endpoint} {rule} has no URL arguments: give one row"
    assert set(ARGS) == used_args, f"ARGS entries for no URL argument: {set(ARGS) - used_args}"
    assert [c.problem for c in generate_cases(app) if c.problem] == []


def _request(case: Case, world: World, client: FlaskClient, login: Any) -> None:
    if case.role != "anon":
        login(world.users[case.role])
    path = _fill(case.rule, {arg: world.value(case.variant, arg) for arg in case.arguments})
    response = isolated(client.open, path, method=case.method)  # a POST goes with an empty body
    assert response.status_code < 500
    check(response, case.expected, path, world)


@pytest.mark.parametrize("case", SHARED_CASES, ids=[c.id for c in SHARED_CASES])
def test_route_access(case: Case, shared_world: SharedWorld, app: Flask) -> None:
    """GETs, and POSTs that must be refused: the expected outcome, and not one row changed."""
    if case.problem:
        pytest.fail(case.problem)
    world = shared_world.ready()
    client = app.test_client()

    def login(account: Account) -> None:
        response = client.post("/login", data={"email": account.email, "password": factories.PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]

    _request(case, world, client, login)
    assert shared_world.changes() == [], "a read or a refused write changed the database"


@pytest.mark.parametrize("case", CHANGING_CASES, ids=[c.id for c in CHANGING_CASES])
def test_route_access_changing_state(case: Case, world: World, client: FlaskClient, login: Any) -> None:
    """POSTs the view carries out (or answers with its own message): each in a world of its own."""
    _request(case, world, client, login)


# -- non-published jobs have no public page -----------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "review", "rejected", "filled", "expired", "past_apply_by"])
def test_non_published_jobs_have_no_public_page(status: str, world: World, client: FlaskClient,
                                                login: Any) -> None:
    """Not on /jobs/<id> (with or without slug), nor in the list, for anyone; the owner manages it instead."""
    emp_a = _db.session.get(User, world.users["emp_a"].id)
    names = {"draft": "job_a_draft", "review": "job_a_review", "rejected": "job_a_rejected",
             "filled": "job_a_filled"}
    if status in names:
        job = _db.session.get(Job, world.objects[names[status]]["id"])
    elif status == "expired":
        job = factories.published_job(emp_a, title="Alpha expired: CDI specialist")
        close_job(job, emp_a, JobStatus.EXPIRED)
        _db.session.commit()
    else:  # still "published", but the apply-by date has passed (the nightly expiry has not run yet)
        job = factories.published_job(emp_a, title="Alpha overdue: CDI specialist")
        job.apply_by = utcnow().date() - timedelta(days=1)
        _db.session.commit()
    job_id, slug, title = job.id, job.slug, job.title
    assert job.status == {"past_apply_by": "published"}.get(status, status)

    sync_index()  # the list reads the search index: push every job change to it
    listing = isolated(client.get, "/jobs").get_data(as_text=True)
    assert f"/jobs/{world.objects['job_a_pub']['id']}/" in listing  # the list does show published jobs
    assert title not in listing and f"/jobs/{job_id}/" not in listing, "listed on /jobs"
    for role in ROLES:
        if role != "anon":
            login(world.users[role])
        for path in (f"/jobs/{job_id}", f"/jobs/{job_id}/{slug}"):
            response = isolated(client.get, path)
            assert response.status_code == 404, f"{role} GET {path}: {response.status_code}"
    login(world.users["emp_a"])
    assert isolated(client.get, f"/employer/jobs/{job_id}").status_code == 200


# -- CSRF -----------------------------------------------------------------------------------------------


@pytest.fixture()
def csrf_client(app: Flask, db: Any) -> Any:
    """A client of an app with CSRF protection on, on the same database as `app`."""
    search_settings = {k: v for k, v in app.config.items() if k.startswith("MEILI_") or k.startswith("SEARCH_")}
    protected = create_app({
        **search_settings,
        "TESTING": True,
        "SECRET_KEY": "csrf-secret",
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "WTF_CSRF_ENABLED": True,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })
    yield protected.test_client()
    with protected.app_context():
        _db.session.remove()
        _db.engine.dispose()


def _csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no csrf_token in the form"
    return match.group(1)


def test_csrf_is_enforced(world: World, csrf_client: FlaskClient) -> None:
    emp_a = world.users["emp_a"]
    email, draft_id = emp_a.email, world.objects["job_a_draft"]["id"]
    _db.session.close()  # the protected app has its own session; ours must not hold a transaction open

    def status_of(job_id: int) -> str:
        _db.session.close()
        return _db.session.get(Job, job_id).status

    credentials = {"email": email, "password": factories.PASSWORD}
    refused = csrf_client.post("/login", data=credentials)
    assert refused.status_code == 400
    assert csrf_client.post(f"/employer/jobs/{draft_id}/submit").status_code == 400  # before any login check

    token = _csrf_token(csrf_client.get("/login").get_data(as_text=True))
    assert csrf_client.post("/login", data={**credentials, "csrf_token": "forged"}).status_code == 400
    accepted = csrf_client.post("/login", data={**credentials, "csrf_token": token})
    assert (accepted.status_code, accepted.headers["Location"]) == (302, "/employer/")

    # Signed in, a state change still needs the token.
    assert csrf_client.post(f"/employer/jobs/{draft_id}/submit").status_code == 400
    assert status_of(draft_id) == "draft"
    token = _csrf_token(csrf_client.get(f"/employer/jobs/{draft_id}").get_data(as_text=True))
    submitted = csrf_client.post(f"/employer/jobs/{draft_id}/submit", data={"csrf_token": token})
    assert (submitted.status_code, submitted.headers["Location"]) == (302, f"/employer/jobs/{draft_id}")
    assert status_of(draft_id) == "review"

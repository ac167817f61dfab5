"""End to end in headless Chromium: steps 1-5 of the spec, through the real UI with CSRF on.

An employer registers, fills the company profile and posts a job; an admin rejects it, the employer
fixes it, the admin approves; a visitor finds it with the filters; a coder builds a profile, applies
(once only) and follows her application while the employer moves her to hired; a second coder
applies and withdraws. Screenshots go to test-artifacts/screenshots/NN-name.png.

Needs Debian's /usr/bin/chromium (never `playwright install`). Without it the test is skipped,
unless the CI environment variable is set: then it fails.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, expect, sync_playwright
from sqlalchemy import func, select

from careers import create_app
from careers.applications.models import Application
from careers.common import utcnow
from tests import factories
from tests.browser_support.accounts import confirm_email
from tests.browser_support.live_server import LiveServer
from tests.browser_support.ui import TIMEOUT_MS, Person
from tests.conftest import sync_index

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never `playwright install`
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
HAVE_CHROMIUM = CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)
IN_CI = bool(os.environ.get("CI"))

# Skipped (before any server starts) only on a developer machine without Chromium; in CI it fails.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_CHROMIUM and not IN_CI,
                       reason=f"{CHROMIUM} not found: install Debian's chromium package to run the browser test"),
]

PASSWORD = "Coding-is-fun-2024"

JOB_TITLE = "Remote Pathology & Oncology Coder (CPC)"
EMPLOYER_NAME = "Mercy Valley Health"
COMPANY_ABOUT = "A regional health system in central Ohio with a 40-person remote coding team."
DESCRIPTION = (
    "## What you will do\n\n"
    "- Code surgical pathology and **hematology/oncology** encounters\n"
    "- Work the pro-fee queue in Epic\n"
    "- Join monthly education huddles\n\n"
    "We pay for **two CEU events** a year."
)
REJECT_REASON = "Please add the working hours and the time zone the team works in."
COVER_NOTE = "CPC and CRC, six years in pathology and oncology pro-fee coding. Available in two weeks."


@pytest.fixture()
def live_server(app: Flask, db: object) -> Iterator[LiveServer]:
    """The app again, this time with CSRF on, served over HTTP on the session app's database."""
    if not HAVE_CHROMIUM:
        pytest.fail(f"{CHROMIUM} is missing and CI is set: the browser test must run in CI.")
    served = create_app({
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SECRET_KEY": "x",
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,  # the browser keeps the CSS instead of asking again on every page
        # The suite's Meilisearch and index; changes are pushed after each commit, as in production.
        **{key: app.config[key] for key in ("MEILI_URL", "MEILI_INDEX", "MEILI_MASTER_KEY_FILE", "MAIL_URL")},
        "SEARCH_SYNC_ON_COMMIT": True,
        "MEILI_TIMEOUT": 5.0,  # a busy test machine must not trip the breaker into the SQL fallback
    })
    assert served.config["WTF_CSRF_ENABLED"], "the browser test must exercise the real CSRF checks"
    with LiveServer(served) as server:
        yield server
    assert not server.errors, f"the server raised: {server.errors}"


@pytest.fixture()
def browser(live_server: LiveServer) -> Iterator[Browser]:
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()  # before the server stops: no keep-alive connection left behind


def field_named(label: str) -> re.Pattern[str]:
    """A form label exactly, with or without the required-field star."""
    return re.compile(rf"^{re.escape(label)}( \*)?$")


def choose_filters(who: Person, wait: bool) -> None:
    """Tick work mode Remote, specialty Pathology and state Ohio in the /jobs filter form.

    wait: with JavaScript each tick reloads the results in place; wait until the URL holds it (and the
    count is down to our job) before the next tick, which then lands on the fresh form.
    """
    page = who.page
    for group, name, param in (("Work mode", "Remote", "work_mode=remote"),
                               ("Specialty", "Pathology & Laboratory", "specialty=pathology"),
                               ("State", "Ohio", "state=OH")):
        form = page.locator("form.filters")
        details = form.locator("details", has=page.locator("summary", has_text=re.compile(rf"^{group}\b")))
        if details.get_attribute("open") is None:
            who.tap(details.locator("summary"), f"the “{group}” filter heading")
        box = details.get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)}\b"))
        who.tap(box, f"the “{name}” filter")
        expect(box).to_be_checked()
        if wait:
            expect(page).to_have_url(re.compile(rf"[?&]{param}(&|$)"))
            expect(page.locator(".result-count")).to_have_text(re.compile(r"^1 job\b"))
    if not wait:
        return
    for param in ("work_mode=remote", "specialty=pathology", "state=OH"):
        expect(page).to_have_url(re.compile(rf"[?&]{param}(&|$)"))


def _today_plus(days: int) -> str:
    return (utcnow().date() + timedelta(days=days)).isoformat()


def test_post_review_find_apply_hire(live_server: LiveServer, browser: Browser, db) -> None:
    laps: list[tuple[str, float]] = [("start", time.monotonic())]

    def lap(name: str) -> None:
        laps.append((name, time.monotonic()))

    # Background: another company's on-site job (so the filters have something to leave out) and
    # the site admin (admins are created on the command line, never through the UI).
    factories.published_job(
        title="On-site Radiology Coder", specialties=["radiology"], work_mode="on-site", remote_states=[],
        city="Austin", state="TX", zip_code="78701", required_credentials=["COC"], preferred_credentials=[],
    )
    admin_email = factories.admin().email
    db.session.commit()
    sync_index()  # as `flask search setup` would: the index exists, with its settings, before the site runs
    db.session.remove()  # nothing held open in this thread while the server writes

    people: list[Person] = []

    def person(name: str, phone: bool = False, javascript: bool = True) -> Person:
        people.append(Person(browser, live_server.url, name, phone=phone, javascript=javascript))
        return people[-1]

    employer, admin, visitor = person("employer"), person("admin"), person("visitor")

    # CSRF is really on: a login post without the token is refused.
    refused = visitor.context.request.post("/login", form={"email": admin_email, "password": factories.PASSWORD})
    assert refused.status == 400, refused.status

    lap("setup")

    # -- 1. The employer registers, fills the company profile and posts a job ---------------------
    page = employer.page
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coding jobs")
    employer.shot("01-home")
    employer.nav("Sign up").click()
    page.get_by_role("button", name="Sign up as an employer").click()
    page.get_by_label("Company name").fill(EMPLOYER_NAME)
    page.get_by_label("Your name").fill("Renee Alvarez")
    page.get_by_label("Work email").fill("renee.alvarez@mercyvalley.example")
    page.get_by_label(field_named("Password")).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Create employer account").click()

    expect(page.get_by_role("heading", name="Company profile")).to_be_visible()
    expect(employer.flash()).to_contain_text("Complete your company profile")
    expect(page.get_by_label("Company name")).to_have_value(EMPLOYER_NAME)
    page.get_by_label("Kind of organisation").select_option(label="Hospital / health system")
    page.get_by_label("Website").fill("https://www.mercyvalley.example")
    page.get_by_label("Headquarters city").fill("Columbus")
    page.get_by_label("Headquarters state").select_option(label="Ohio")
    page.get_by_label("About the company").fill(COMPANY_ABOUT)
    employer.shot("02-company-profile")
    page.get_by_role("button", name="Save company profile").click()
    expect(employer.flash()).to_contain_text("Company profile saved.")
    confirm_email(employer, "renee.alvarez@mercyvalley.example")  # submitting a posting needs it

    employer.nav("Post a job").click()
    expect(page.get_by_role("heading", name="Post a job")).to_be_visible()
    page.get_by_label("Job title").fill(JOB_TITLE)
    page.get_by_label("Description").fill(DESCRIPTION)
    specialties = page.get_by_role("group", name="Specialties")
    specialties.get_by_label("Pathology & Laboratory").check()
    specialties.get_by_label("Hematology/Oncology").check()
    required = page.get_by_role("group", name="Required credentials")
    required.get_by_label("CPC – Certified Professional Coder (AAPC)", exact=True).check()
    required.get_by_label("CCS – Certified Coding Specialist (AHIMA)", exact=True).check()
    preferred = page.get_by_role("group", name="Preferred credentials")
    preferred.get_by_label("CPMA – Certified Professional Medical Auditor (AAPC)", exact=True).check()
    code_sets = page.get_by_role("group", name="Code sets")
    code_sets.get_by_label("CPT", exact=True).check()
    code_sets.get_by_label("ICD-10-CM", exact=True).check()
    page.get_by_label("Work setting").select_option(label="Laboratory")
    page.get_by_label("Work mode").select_option(label="Remote")
    remote_states = page.get_by_role("group", name="States a remote hire may live in")
    remote_states.get_by_label("Ohio", exact=True).check()
    remote_states.get_by_label("Texas", exact=True).check()
    page.get_by_label("Employment type").select_option(label="Full time")
    page.get_by_label("Experience level").select_option(label="Mid level (2–4 years)")
    page.get_by_label("Apprentice coders (CPC-A) are welcome to apply").check()
    page.get_by_label("Pay from").fill("40")  # above the top of the range: refused
    page.get_by_label("Pay up to").fill("31.50")
    page.get_by_label("Pay period").select_option(label="per hour")
    page.get_by_label(field_named("City")).fill("Columbus")
    page.get_by_label(field_named("State")).select_option(label="Ohio")
    page.get_by_label("ZIP code").fill("43215")
    page.get_by_label("Productivity and accuracy expectations").fill("18 cases/hour after 90 days; 95% accuracy.")
    apply_by = _today_plus(30)
    page.get_by_label("Apply by").fill(apply_by)
    page.get_by_role("button", name="Save draft").click()

    # Refused: the error is shown at the field and in the summary, and every input is kept.
    expect(employer.flash()).to_contain_text("Some fields need attention")
    expect(page.locator(".form-errors")).to_contain_text("Pay up to")
    expect(page.locator("#pay_max-error")).to_have_text("The top of the range must not be below the bottom.")
    expect(page.get_by_label("Pay up to")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Job title")).to_have_value(JOB_TITLE)
    expect(page.get_by_label("Description")).to_have_value(DESCRIPTION)
    expect(page.get_by_label("Pay from")).to_have_value("40")
    expect(page.get_by_label("Pay up to")).to_have_value("31.50")
    expect(specialties.get_by_label("Hematology/Oncology")).to_be_checked()
    expect(required.get_by_label("CCS – Certified Coding Specialist (AHIMA)", exact=True)).to_be_checked()
    expect(remote_states.get_by_label("Texas", exact=True)).to_be_checked()
    expect(page.get_by_label("Work mode")).to_have_value("remote")
    expect(page.get_by_label("Apprentice coders (CPC-A) are welcome to apply")).to_be_checked()
    expect(page.get_by_label("Apply by")).to_have_value(apply_by)
    employer.shot("03-job-form-error")

    page.get_by_label("Pay from").fill("24")
    page.get_by_role("button", name="Save and preview").click()
    expect(employer.flash()).to_contain_text("Draft saved.")
    expect(page.locator(".manage-bar .badge")).to_have_text("Draft")
    preview = page.locator("article.preview")
    expect(preview.get_by_role("heading", level=1)).to_have_text(JOB_TITLE)
    expect(preview.locator(".pay")).to_have_text("$24.00 – $31.50 per hour")
    employer.shot("04-job-preview")
    page.get_by_role("button", name="Submit for review").click()
    expect(employer.flash()).to_contain_text("Submitted.")
    expect(page.locator(".manage-bar .badge")).to_have_text("In review")
    employer.log_out()

    lap("1 post")

    # -- 2. The admin rejects with a reason; the employer fixes and resubmits; the admin approves --
    admin.log_in(admin_email, factories.PASSWORD)
    page = admin.page
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=JOB_TITLE)
    expect(row).to_contain_text(EMPLOYER_NAME)
    expect(row).to_contain_text("$24.00 – $31.50 per hour")
    admin.shot("05-admin-queue")
    row.get_by_role("link", name=JOB_TITLE).click()
    expect(page.locator("article.preview h1")).to_have_text(JOB_TITLE)
    page.get_by_label("Reason").fill(REJECT_REASON)
    page.get_by_role("button", name="Reject").click()
    expect(admin.flash()).to_contain_text("Rejected; the employer sees your reason.")
    expect(page.get_by_role("row").filter(has_text=JOB_TITLE)).to_have_count(0)

    employer.log_in("renee.alvarez@mercyvalley.example", PASSWORD)
    page = employer.page
    row = page.get_by_role("row").filter(has_text=JOB_TITLE)
    expect(row).to_contain_text("Rejected")
    expect(row).to_contain_text(REJECT_REASON)
    employer.shot("06-dashboard-rejected")
    row.get_by_role("link", name=JOB_TITLE).click()
    expect(page.locator(".manage-bar")).to_contain_text(REJECT_REASON)
    page.get_by_role("button", name="Edit", exact=True).click()
    expect(page.locator("main")).to_contain_text(f"Rejected by our review team: {REJECT_REASON}")
    # The saved posting comes back into the form.
    expect(page.get_by_label("Pay from")).to_have_value("24.00")
    expect(page.get_by_role("group", name="States a remote hire may live in").get_by_label("Texas", exact=True)) \
        .to_be_checked()
    page.get_by_label("Description").fill(DESCRIPTION + "\n\n**Hours:** 8:00–4:30 Eastern time, Monday to Friday.")
    page.get_by_role("button", name="Save and preview").click()
    expect(employer.flash()).to_contain_text("Changes saved.")
    expect(page.locator("article.preview .job-description")).to_contain_text("8:00–4:30 Eastern time")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".manage-bar .badge")).to_have_text("In review")

    page = admin.page
    admin.nav("Review queue").click()
    page.get_by_role("row").filter(has_text=JOB_TITLE).get_by_role("link", name=JOB_TITLE).click()
    page.get_by_role("button", name="Approve and publish").click()
    expect(admin.flash()).to_contain_text("Approved and published.")

    employer.page.reload()
    expect(employer.page.locator(".manage-bar .badge")).to_have_text("Published")

    lap("2 review")

    # -- 3. A visitor finds the job with the filters and opens it ----------------------------------
    # The approval pushed the job to Meilisearch after commit; wait until the engine has indexed it.
    sync_index()
    db.session.remove()
    page = visitor.page
    page.goto("/")
    visitor.nav("Find jobs").click()
    expect(page.locator("#degraded-notice")).to_have_count(0)  # answered by the search engine, not SQL
    result_count = page.locator(".result-count")
    expect(result_count).to_have_text(re.compile(r"^2 jobs"))
    # With JavaScript every tick reloads the results in place and puts the filters in the URL; wait for
    # that before the next tick (the form is replaced by the fresh one).
    choose_filters(visitor, wait=True)
    cards = page.locator("article.job-card")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(JOB_TITLE)
    expect(cards).to_contain_text("Remote (OH, TX)")
    expect(cards).to_contain_text("$24.00 – $31.50 per hour")
    filters = page.locator("form.filters")
    for name in ("Remote", "Pathology & Laboratory", "Ohio"):
        expect(filters.get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)}\b"))).to_be_checked()
    visitor.shot("07-jobs-filtered")
    visitor.check_layout("job list", apart=(".filters", ".results"))

    visitor.tap(cards.get_by_role("link", name=JOB_TITLE), "the job's link in the results")
    job = page.locator("article.job")
    expect(job.get_by_role("heading", level=1)).to_have_text(JOB_TITLE)
    expect(job.locator(".pay")).to_have_text("$24.00 – $31.50 per hour")
    expect(job.locator(".employer")).to_contain_text(EMPLOYER_NAME)
    facts = job.locator(".facts")
    expect(facts.locator("div", has=page.locator("dt", has_text="Required credentials")).locator("li")) \
        .to_have_text(["CCS", "CPC"])
    expect(facts.locator("div", has=page.locator("dt", has_text="Preferred credentials")).locator("li")) \
        .to_have_text(["CPMA"])
    expect(facts.locator("div", has=page.locator("dt", has_text="Remote hires may live in")).locator("dd")) \
        .to_have_text("Ohio, Texas")
    description = job.locator(".job-description")
    expect(description.locator("ul > li")).to_have_count(3)
    expect(description.locator("strong")).to_have_text(["hematology/oncology", "two CEU events", "Hours:"])
    expect(description).not_to_contain_text("**")
    expect(job.locator(".about-employer")).to_contain_text(COMPANY_ABOUT)
    expect(page.get_by_role("button", name="Log in to apply")).to_be_visible()
    visitor.shot("08-job-page")
    visitor.check_layout("job page", apart=("article.job", ".apply-box"))
    job_url = page.url

    # On a phone, without JavaScript: the same filters through a plain form submit.
    phone = person("phone visitor", phone=True, javascript=False)
    phone.page.goto("/jobs")
    choose_filters(phone, wait=False)
    phone.tap(phone.page.locator("form.filters").get_by_role("button", name="Search"), "the Search button")
    expect(phone.page.locator("article.job-card")).to_have_count(1)
    phone.shot("09-jobs-filtered-phone")
    phone.check_layout("job list", apart=(".filters", ".results"))
    phone.tap(phone.page.get_by_role("link", name=JOB_TITLE), "the job's link in the results")
    expect(phone.page.get_by_role("heading", level=1)).to_have_text(JOB_TITLE)
    phone.shot("10-job-page-phone")
    phone.check_layout("job page")

    lap("3 find")

    # -- 4. A coder registers, builds her profile, applies once (and only once) --------------------
    dana = person("coder Dana")
    page = dana.page
    page.goto(job_url)
    page.get_by_role("link", name="Create a coder profile").click()
    page.get_by_label("Your name").fill("Dana Whitfield")
    page.get_by_label("Email").fill("dana.whitfield@mail.example")
    page.get_by_label(field_named("Password")).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Create coder account").click()
    expect(dana.flash()).to_contain_text("Account created.")
    expect(page.get_by_label("Full name")).to_have_value("Dana Whitfield")
    page.get_by_label("Headline").fill("CPC, CRC · 6 years pathology and oncology pro-fee")
    page.get_by_label(field_named("City")).fill("Dayton")
    page.get_by_label(field_named("State")).select_option(label="Ohio")
    page.get_by_label("Years of coding experience").fill("6")
    page.get_by_label("Preferred work mode").select_option(label="Remote")
    rows = page.locator(".credential-row")
    credentials = [("CPC – Certified Professional Coder (AAPC)", "01234567", _today_plus(400)),
                   ("CRC – Certified Risk Adjustment Coder (AAPC)", "CRC-778812", _today_plus(200))]
    for i, (label, number, expires) in enumerate(credentials):
        rows.nth(i).get_by_label("Credential").select_option(label=label)
        rows.nth(i).get_by_label("Number").fill(number)
        rows.nth(i).get_by_label("Expires").fill(expires)
    coded = page.get_by_role("group", name="Specialties you code")
    coded.get_by_label("Pathology & Laboratory").check()
    coded.get_by_label("Hematology/Oncology").check()
    sets = page.get_by_role("group", name="Code sets you work in")
    sets.get_by_label("CPT", exact=True).check()
    sets.get_by_label("ICD-10-CM", exact=True).check()
    page.get_by_label("Let recruiters find my profile").check()
    dana.shot("11-profile-form")
    page.get_by_role("button", name="Save profile").click()
    expect(dana.flash()).to_contain_text("Profile saved.")
    expect(rows.nth(0).get_by_label("Credential")).to_have_value("CPC")
    expect(rows.nth(1).get_by_label("Credential")).to_have_value("CRC")
    expect(rows.nth(1).get_by_label("Expires")).to_have_value(_today_plus(200))
    confirm_email(dana, "dana.whitfield@mail.example")  # applying needs it

    dana.nav("Find jobs").click()
    dana.tap(page.get_by_role("link", name=JOB_TITLE), "the job's link in the results")
    page.get_by_role("button", name="Apply now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Apply to {JOB_TITLE}")
    apply_url = page.url
    page.get_by_label("Short note to the employer").fill(COVER_NOTE)
    page.get_by_role("button", name="Send application").click()
    expect(dana.flash()).to_contain_text(f"Application sent to {EMPLOYER_NAME}.")
    expect(page.locator("main .badge")).to_have_text("Applied")

    dana.nav("My applications").click()
    mine = page.get_by_role("row").filter(has_text=JOB_TITLE)
    expect(mine).to_have_count(1)
    expect(mine.locator(".badge")).to_have_text("Applied")
    expect(mine).to_contain_text(EMPLOYER_NAME)
    dana.shot("12-my-applications")

    # Again: the job page says she applied; the apply address leads to her application.
    dana.nav("Find jobs").click()
    dana.tap(page.get_by_role("link", name=JOB_TITLE), "the job's link in the results")
    expect(page.locator(".apply-box")).to_contain_text("You applied")
    expect(page.get_by_role("button", name="Apply now")).to_have_count(0)
    page.goto(apply_url)  # a bookmark or the back button: no second form, her application instead
    expect(dana.flash()).to_contain_text("You have already applied to this job.")
    expect(page.get_by_role("button", name="Send application")).to_have_count(0)
    expect(page.locator("h1")).to_have_text(JOB_TITLE)
    assert db.session.scalar(select(func.count()).select_from(Application)) == 1
    db.session.rollback()

    lap("4 apply")

    # -- 5. The employer moves her applied -> screening -> interview -> offer -> hired -------------
    page = employer.page
    employer.nav("Dashboard").click()
    row = page.get_by_role("row").filter(has_text=JOB_TITLE)
    expect(row.get_by_role("cell").nth(2)).to_have_text("1")
    row.get_by_role("link", name="1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Applicants for {JOB_TITLE}")
    card = page.locator("article.applicant", has_text="Dana Whitfield")
    expect(card.locator("h2 .badge")).to_have_text("Applied")
    expect(card).to_contain_text("CPC, CRC · 6 years pathology and oncology pro-fee")
    expect(card).to_contain_text("Dayton, OH · 6 years")
    expect(card.locator(".tag-credential")).to_have_text(["CPC", "CRC"])
    expect(card).to_contain_text("Pathology & Laboratory, Hematology/Oncology")
    expect(card).to_contain_text("ICD-10-CM, CPT")
    expect(card.locator("blockquote")).to_have_text(COVER_NOTE)
    expect(card.get_by_role("link", name="dana.whitfield@mail.example")).to_be_visible()
    employer.shot("13-applicants")

    for step, label in (("screening", "Screening"), ("interview", "Interview"), ("offer", "Offer"),
                        ("hired", "Hired")):
        card.get_by_role("button", name=f"Move to {step}").click()
        expect(employer.flash()).to_contain_text(f"Dana Whitfield: {label}.")
        expect(card.locator("h2 .badge")).to_have_text(label)
        if step in ("screening", "hired"):
            dana.nav("My applications").click()
            expect(dana.page.get_by_role("row").filter(has_text=JOB_TITLE).locator(".badge")).to_have_text(label)
    expect(card.get_by_role("button")).to_have_count(0)  # hired is final: no more moves

    dana.page.get_by_role("link", name=JOB_TITLE).click()
    expect(dana.page.locator("main p .badge")).to_have_text("Hired")
    expect(dana.page.locator("ol.timeline strong")).to_have_text(
        ["Applied", "Screening", "Interview", "Offer", "Hired"])
    expect(dana.page.get_by_role("button", name="Withdraw application")).to_have_count(0)
    dana.shot("14-application-hired")

    # A second coder applies and withdraws.
    sam = person("coder Sam")
    page = sam.page
    page.goto("/")
    sam.nav("Sign up").click()
    page.get_by_role("button", name="Sign up as a coder").click()
    page.get_by_label("Your name").fill("Sam Okafor")
    page.get_by_label("Email").fill("sam.okafor@mail.example")
    page.get_by_label(field_named("Password")).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Create coder account").click()
    page.locator(".credential-row").first.get_by_label("Credential").select_option(value="CCS")
    page.get_by_role("group", name="Specialties you code").get_by_label("Pathology & Laboratory").check()
    page.get_by_role("button", name="Save profile").click()
    expect(sam.flash()).to_contain_text("Profile saved.")
    confirm_email(sam, "sam.okafor@mail.example")
    sam.nav("Find jobs").click()
    sam.tap(page.get_by_role("link", name=JOB_TITLE), "the job's link in the results")
    page.get_by_role("button", name="Apply now").click()
    page.get_by_role("button", name="Send application").click()
    expect(page.locator("main .badge")).to_have_text("Applied")
    page.get_by_role("button", name="Withdraw application").click()
    expect(sam.flash()).to_contain_text("Application withdrawn.")
    expect(page.locator("main p .badge")).to_have_text("Withdrawn")
    expect(page.get_by_role("button", name="Withdraw application")).to_have_count(0)

    employer.page.reload()
    sams = employer.page.locator("article.applicant", has_text="Sam Okafor")
    expect(sams.locator("h2 .badge")).to_have_text("Withdrawn")
    expect(sams.get_by_role("button")).to_have_count(0)
    expect(employer.page.locator("article.applicant")).to_have_count(2)
    employer.shot("15-applicants-final")

    lap("5 hire")
    print("timings:", ", ".join(f"{name} {t - laps[i][1]:.1f}s" for i, (name, t) in enumerate(laps[1:])),
          f"(screenshots {sum(who.shot_seconds for who in people):.1f}s, "
          f"{live_server.requests} requests served in {live_server.request_seconds:.1f}s)")

    # No script errors or failed requests; nothing overlapping or sticking out on the pages checked.
    problems = [p for who in people for p in who.problems]
    layout = [p for who in people for p in who.layout]
    for who in people:
        who.close()
    assert not problems, problems
    assert not layout, "layout faults (see the screenshots in test-artifacts/screenshots):\n" + "\n".join(layout)

"""End to end in headless Chromium, with CSRF on and real mail: a coder registers, confirms her address
with the link from the mail the test SMTP server received, forgets her password, resets it from the
mailed link and logs in with the new one. Screenshots go to test-artifacts/screenshots/accounts-NN-*.png.

Same rules as tests/test_browser.py: Debian's /usr/bin/chromium, skipped without it unless CI is set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, expect, sync_playwright

from careers import create_app
from careers.auth.passwords import COMMON_MESSAGE
from tests.browser_support.live_server import LiveServer
from tests.browser_support.ui import TIMEOUT_MS, Person
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, IN_CI, field_named

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_CHROMIUM and not IN_CI,
                       reason=f"{CHROMIUM} not found: install Debian's chromium package to run the browser test"),
]

EMAIL = "kim.nguyen@mail.example"
FIRST_PASSWORD = "pathology coding since 2016"
NEW_PASSWORD = "remote radiology coder at last"
LINK = re.compile(r"https?://\S+")


@pytest.fixture()
def live_server(app: Flask, db: object, mailbox) -> Iterator[LiveServer]:
    """The app with CSRF on, mailing the suite's SMTP server, its links pointing at the live server."""
    if not HAVE_CHROMIUM:
        pytest.fail(f"{CHROMIUM} is missing and CI is set: the browser test must run in CI.")
    served = create_app({
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "accounts-browser",
        "MEILI_URL": "",  # no search here: the pages visited do not need it
        "MAIL_URL": mailbox.url,
        "RATELIMIT_ENABLED": False,
    })
    assert served.config["WTF_CSRF_ENABLED"], "the browser test must exercise the real CSRF checks"
    with LiveServer(served) as server:
        served.config["PUBLIC_URL"] = server.url  # mails link to where the browser can go
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
            chromium.close()


def _link(mailbox, subject: str, base_url: str) -> str:
    """The one link to this site in the newest mail with `subject` that the SMTP server received for EMAIL."""
    mails = [m for m in mailbox.wait_for(1) if EMAIL in m.rcpt_tos and m.message["Subject"] == subject]
    assert mails, f"no mail {subject!r}: {[m.message['Subject'] for m in mailbox.messages]}"
    links = [u for u in LINK.findall(mails[-1].text) if u.startswith(base_url) and u != f"{base_url}/"]
    assert len(links) == 1, links
    return links[0]


def _wait_for_mail(mailbox, subject: str) -> None:
    for _ in range(100):
        if any(m.message["Subject"] == subject and EMAIL in m.rcpt_tos for m in mailbox.messages):
            return
        mailbox.wait_for(len(mailbox.messages) + 1, timeout=0.1)
    raise AssertionError(f"no mail {subject!r} arrived")


def test_register_verify_forget_reset_and_log_in(live_server: LiveServer, browser: Browser, mailbox) -> None:
    kim = Person(browser, live_server.url, "coder Kim")
    page = kim.page

    # -- register: the account exists, the address is not confirmed yet ---------------------------------
    page.goto("/")
    kim.nav("Sign up").click()
    page.get_by_role("button", name="Sign up as a coder").click()
    page.get_by_label("Your name").fill("Kim Nguyen")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(field_named("Password")).fill("password1234")  # on the common list: refused
    page.get_by_label("Repeat password").fill("password1234")
    page.get_by_role("button", name="Create coder account").click()
    expect(page.locator("#password-error")).to_have_text(COMMON_MESSAGE)
    page.get_by_label(field_named("Password")).fill(FIRST_PASSWORD)
    page.get_by_label("Repeat password").fill(FIRST_PASSWORD)
    page.get_by_role("button", name="Create coder account").click()
    expect(kim.flash()).to_contain_text("Account created.")
    expect(kim.flash()).to_contain_text(f"We sent a link to {EMAIL}: open it to confirm your address.")
    banner = page.locator(".verify-banner")
    expect(banner).to_contain_text(f"Your email address is not confirmed yet: open the link we sent to {EMAIL}")
    expect(banner.get_by_role("link", name="Send a new link")).to_have_attribute("href", "/account")
    kim.shot("accounts-01-registered-unconfirmed")

    # -- verify with the link from the mail --------------------------------------------------------------
    _wait_for_mail(mailbox, "Confirm your email address for CodeCareers")
    page.goto(_link(mailbox, "Confirm your email address for CodeCareers", live_server.url))
    expect(kim.flash()).to_contain_text("Your email address is confirmed. Thank you!")
    expect(page.locator(".verify-banner")).to_have_count(0)
    kim.nav("Account").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Confirmed")
    kim.shot("accounts-02-account-confirmed")
    kim.log_out()

    # -- forgotten password ------------------------------------------------------------------------------
    kim.nav("Log in").click()
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("Your account's email").fill(EMAIL)
    kim.shot("accounts-03-forgot")
    page.get_by_role("button", name="Send me a reset link").click()
    expect(kim.flash()).to_contain_text(f"If an account uses {EMAIL}, a link to choose a new password is on its way")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()

    # -- reset from the mailed link ----------------------------------------------------------------------
    _wait_for_mail(mailbox, "Reset your CodeCareers password")
    reset_link = _link(mailbox, "Reset your CodeCareers password", live_server.url)
    page.goto(reset_link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    expect(page.locator("main")).to_contain_text(EMAIL)
    page.get_by_label(field_named("New password")).fill(NEW_PASSWORD)
    page.get_by_label("Repeat password").fill("not the same at all")
    page.get_by_role("button", name="Set the new password").click()
    expect(page.locator("#confirm-error")).to_have_text("Passwords differ.")
    page.get_by_label(field_named("New password")).fill(NEW_PASSWORD)
    page.get_by_label("Repeat password").fill(NEW_PASSWORD)
    kim.shot("accounts-04-reset")
    page.get_by_role("button", name="Set the new password").click()
    expect(kim.flash()).to_contain_text("Your password is changed")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()

    # The link worked once.
    page.goto(reset_link)
    expect(page.get_by_role("heading", name="This link cannot be used")).to_be_visible()
    # That 400 (and the console's note of it) was the point.
    kim.problems = [p for p in kim.problems if "/password/reset/" not in p or "400" not in p]

    # -- log in: the old password no longer works, the new one does --------------------------------------
    page.goto("/login")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(FIRST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#password-error")).to_have_text("Email or password is wrong.")
    kim.log_in(EMAIL, NEW_PASSWORD)
    expect(page.get_by_role("heading", name="My coder profile")).to_be_visible()
    kim.nav("Account").click()
    activity = page.locator("table")
    expect(activity).to_contain_text("Password reset done")
    expect(activity).to_contain_text("Login failed")
    kim.shot("accounts-05-account-activity")
    kim.check_layout("account page")

    phone = Person(browser, live_server.url, "phone visitor", phone=True)
    phone.page.goto("/password/forgot")
    expect(phone.page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    phone.check_layout("forgot page")
    phone.shot("accounts-06-forgot-phone")

    problems = kim.problems + phone.problems
    layout = kim.layout + phone.layout
    kim.close()
    phone.close()
    assert not problems, problems
    assert not layout, layout

"""One person in the browser: an isolated context (own cookies) and a page, plus the small moves
every step repeats (log in, log out, use the main navigation, take a screenshot)."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000  # everything is local: anything slower is a failure, even on a busy machine


class Person:
    def __init__(self, browser: Browser, base_url: str, name: str, phone: bool = False,
                 javascript: bool = True) -> None:
        self.name = name
        self.base_url = base_url
        options: dict = {"base_url": base_url, "viewport": PHONE if phone else DESKTOP,
                         "java_script_enabled": javascript}
        if phone:
            options.update(is_mobile=True, has_touch=True)
        self.context: BrowserContext = browser.new_context(**options)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page: Page = self.context.new_page()
        self.problems: list[str] = []  # console errors, uncaught script errors, failed responses
        self.shot_seconds = 0.0
        self.layout: list[str] = []  # things sticking out or lying on top of each other
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"{name}: page error {exc}"))
        self.page.on("response", self._response)

    def _console(self, msg) -> None:
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            self.problems.append(f"{self.name}: console error on {self.page.url}: {msg.text}")

    def _response(self, response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.problems.append(f"{self.name}: HTTP {response.status} for {response.url}")

    # -- moves -----------------------------------------------------------------------------------

    def nav(self, name: str) -> Locator:
        """A link or button of the main navigation bar."""
        bar = self.page.get_by_role("navigation", name="Main")
        return bar.get_by_role("link", name=name, exact=True).or_(bar.get_by_role("button", name=name))

    def log_in(self, email: str, password: str) -> None:
        self.page.goto("/")
        self.nav("Log in").click()
        expect(self.page.get_by_role("heading", name="Log in")).to_be_visible()
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Log in").click()
        expect(self.flash()).to_contain_text("Welcome back.")

    def log_out(self) -> None:
        self.nav("Log out").click()
        expect(self.flash()).to_contain_text("You are logged out.")

    def flash(self) -> Locator:
        return self.page.locator(".flashes")

    def shot(self, name: str) -> Path:
        """A full-page screenshot in test-artifacts/screenshots/<name>.png."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        started = time.monotonic()
        self.page.screenshot(path=str(path), full_page=True)
        self.shot_seconds += time.monotonic() - started
        return path

    def tap(self, target: Locator, what: str) -> None:
        """Click target as a mouse or finger would. If another element lies on top of it, record that
        in self.layout and use the keyboard instead (focus, then Space or Enter), so the run goes on
        and the fault is reported at the end together with the others."""
        try:
            target.click(trial=True, timeout=2_500)  # every check a click makes, without clicking
        except PlaywrightTimeoutError:
            where = self.page.url.removeprefix(self.base_url)
            self.layout.append(f"{where}: {what} is covered by another element ({self.name} cannot click it)")
            kind = target.evaluate("el => el.type || el.tagName.toLowerCase()")
            target.focus()
            self.page.keyboard.press("Space" if kind in ("checkbox", "radio") else "Enter")
        else:
            target.click()

    # -- layout --------------------------------------------------------------------------------

    def check_layout(self, where: str, apart: tuple[str, str] | None = None) -> None:
        """Record (in self.layout) a page wider than the viewport and, given apart=(a, b), every child
        box of the element a that overlaps the element b."""
        # Against the viewport asked for: a phone zooms out to fit a too-wide page, so innerWidth grows.
        viewport = self.page.viewport_size
        assert viewport is not None
        wider = int(self.page.evaluate("document.documentElement.scrollWidth")) - viewport["width"]
        if wider > 0:
            self.layout.append(f"{where}: the page is {wider}px wider than the {self.name}'s viewport")
        if apart:
            hits = self.page.evaluate(_OVERLAPS, list(apart))
            if hits:
                self.layout.append(f"{where}: inside {apart[0]}, {', '.join(hits)} overlap(s) {apart[1]}")

    def close(self) -> None:
        self.context.close()


_OVERLAPS = """([a, b]) => {
  const other = document.querySelector(b).getBoundingClientRect();
  const hits = [];
  for (const el of document.querySelector(a).children) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height && r.left < other.right && r.right > other.left
        && r.top < other.bottom && r.bottom > other.top) {
      const text = el.textContent.trim().replace(/\\s+/g, " ").slice(0, 30);
      hits.push(el.tagName.toLowerCase() + (text ? ` "${text}"` : ""));
    }
  }
  return hits;
}"""

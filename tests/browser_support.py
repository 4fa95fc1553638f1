"""Helpers and fixtures for the browser tests (tests/test_*_in_the_browser.py), scripts/screenshots.py and scripts/pdf.py.

Debian's Chromium (/usr/bin/chromium) is driven through Playwright for Python; Playwright's own
browser download cannot work on our machines (../shared/stack-notes.md, "Browsers here").
"""
from __future__ import annotations

import functools
import os
import pathlib
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest

# Debian's Chromium by default; CHROMIUM_PATH points elsewhere (e.g. /usr/bin/chromium-browser).
CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

HOW_TO_INSTALL = (
    "Install the browser and the test libraries, then run the tests again:\n"
    "    apt-get install -y chromium fonts-noto-cjk\n"
    "    pip install -r requirements.txt\n"
    "(Playwright's own `playwright install` cannot download a browser here: the tests use Debian's "
    f"Chromium at {CHROMIUM}; set CHROMIUM_PATH to use another Chromium.)"
)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
OTHER_LANGUAGE = {"zh": "en", "en": "zh"}
PALETTE_TOGGLE = 'label.md-header__button[for^="__palette"]:visible'  # the header's palette toggle

# Words that mark a broken computation in what a reader sees.
NONSENSE_NUMBERS = re.compile(r"\bNaN\b|\bInfinity\b|\bundefined\b|\bnull\b")
CJK = re.compile(r"[\u3400-\u9fff]")


# Reports every Content-Security-Policy violation as a console error that starts with CSP_MARK,
# with the directive, what was blocked and where (added to a context with add_init_script).
CSP_MARK = "Content-Security-Policy violation:"
CSP_REPORTER = """document.addEventListener('securitypolicyviolation', e => console.error(
  '%s ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') +
  (e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : '') +
  (e.sample ? ' (' + e.sample.slice(0, 60) + ')' : '')), true);""" % CSP_MARK


class BrowserMissing(Exception):
    """Chromium or Playwright is not installed; the message says how to install it."""


def launch_chromium(playwright):
    """Launch Debian's Chromium headless, or raise BrowserMissing with install instructions."""
    if not os.path.exists(CHROMIUM):
        raise BrowserMissing(f"Chromium is not installed at {CHROMIUM}.\n{HOW_TO_INSTALL}")
    try:
        return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:  # Playwright's error names the missing library or the crash
        raise BrowserMissing(f"Chromium at {CHROMIUM} did not start: {exc}\n{HOW_TO_INSTALL}") from exc


def start_playwright():
    """Start Playwright's sync API, or raise BrowserMissing with install instructions."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BrowserMissing(f"Playwright for Python is not installed ({exc}).\n{HOW_TO_INSTALL}") from exc
    return sync_playwright().start()


def check_axe():
    """axe-core comes with axe-playwright-python; raise BrowserMissing if it is not installed."""
    try:
        import axe_playwright_python.sync_playwright  # noqa: F401
    except ImportError as exc:
        raise BrowserMissing(f"axe-playwright-python is not installed ({exc}).\n{HOW_TO_INSTALL}") from exc


@functools.lru_cache(maxsize=None)
def axe_script() -> str:
    """axe-core's source (from axe-playwright-python), read once, to inject into a page."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def scheme_of(page) -> str:
    """Material's colour scheme on the page: 'default' (light) or 'slate' (dark)."""
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


# A palette switch has settled: the scheme `s` is on <body>, Material's switch is over, and no
# transition is running (endless animations, such as the pulse of a code annotation's marker, never
# end and are left out).
SETTLED = """s => document.body.getAttribute('data-md-color-scheme') === s
    && !document.body.hasAttribute('data-md-color-switching')
    && document.getAnimations().every(a => a.effect && a.effect.getTiming().iterations === Infinity)"""


# A table row's kind is its markup without text and without the attributes that name, date, link or
# label things (these, and every data-*): the same elements, in the same places, with the same classes
# and other attributes. Its colours follow from that and the palette, not from its text, and site.css
# colours nothing by position or by these attributes (rule CSS-COLOUR, tests/test_contributor_lints.py).
ROW_KIND_LEAVES_OUT = ("id", "href", "datetime", "title", "lang", "hreflang")
MARK_REPEATED_ROWS = """leftOut => {
    const ignored = name => leftOut.includes(name) || name.startsWith('data-');
    const kind = row => {
        const copy = row.cloneNode(true);
        const strip = e => {
            for (const name of e.getAttributeNames().filter(ignored)) e.removeAttribute(name);
            for (const child of [...e.childNodes]) child.nodeType === 1 ? strip(child) : child.remove();
        };
        strip(copy);
        return copy.outerHTML;
    };
    let repeats = 0;
    for (const body of document.querySelectorAll('.md-content table tbody')) {
        const seen = new Set();
        for (const row of body.rows) {
            const k = kind(row);
            if (seen.has(k)) { row.setAttribute('data-axe-repeat', ''); repeats++; } else seen.add(k);
        }
    }
    return repeats;
}"""


def mark_repeated_rows(page) -> int:
    """Mark data-axe-repeat on each table row that repeats the kind of an earlier row in its table body
    (the page's article only); returns how many."""
    return page.evaluate(MARK_REPEATED_ROWS, list(ROW_KIND_LEAVES_OUT))


@dataclass(frozen=True)
class SitePage:
    """One built HTML page: its language, its path in the site ('en/oxides.html') and its name."""

    lang: str
    path: str

    @property
    def name(self) -> str:  # the file name shared by the twins, e.g. 'oxides.html'
        return self.path.split("/", 1)[1] if self.lang == "en" else self.path

    def twin_path(self) -> str:
        return self.name if self.lang == "en" else "en/" + self.name

    def url(self, base: str) -> str:
        return urljoin(base, self.path)


def site_pages(site_dir: pathlib.Path) -> list[SitePage]:
    """Every page a reader can reach, in both languages: the built HTML files except the 404 pages
    and the redirect stubs that mkdocs-redirects writes for moved pages."""
    from conftest import reader_pages

    pages = []
    for path in reader_pages(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        pages.append(SitePage(lang="en" if rel.startswith("en/") else "zh", path=rel))
    return pages


@dataclass
class Recorder:
    """Everything one browser context did on the network and in the console, page by page.

    Attach it to a context (so requests from the search web worker are seen too), then call
    `start(url)` before each navigation: events are filed under the page being visited.
    """

    current: str = ""
    console_errors: dict = field(default_factory=dict)
    failed_requests: dict = field(default_factory=dict)
    bad_responses: dict = field(default_factory=dict)
    requests: dict = field(default_factory=dict)
    csp_violations: dict = field(default_factory=dict)

    def attach(self, context):
        context.add_init_script(CSP_REPORTER)
        context.on("request", lambda r: self.requests.setdefault(self.current, []).append(r.url))
        context.on("requestfailed", self._on_failed)
        context.on("response", self._on_response)
        context.on("page", self.attach_page)
        for page in context.pages:
            self.attach_page(page)
        return self

    def attach_page(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda err: self.console_errors.setdefault(self.current, []).append(
            f"uncaught exception: {err}"))

    def start(self, url: str):
        self.current = url
        for book in (self.console_errors, self.failed_requests, self.bad_responses, self.requests,
                     self.csp_violations):
            book.setdefault(url, [])

    def _on_console(self, msg):
        if msg.type == "error" and msg.text.startswith(CSP_MARK):
            self.csp_violations.setdefault(self.current, []).append(msg.text)
        elif msg.type == "error":
            loc = msg.location or {}
            where = f" (at {loc.get('url')}:{loc.get('lineNumber')})" if loc.get("url") else ""
            self.console_errors.setdefault(self.current, []).append(f"console error: {msg.text}{where}")

    def _on_failed(self, request):
        self.failed_requests.setdefault(self.current, []).append(
            f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response):
        if response.status >= 400:
            self.bad_responses.setdefault(self.current, []).append(
                f"HTTP {response.status} for {response.url}")

    def take(self, other: "Recorder") -> None:
        """File everything another recorder saw (one context per page) in this one."""
        for name in ("console_errors", "failed_requests", "bad_responses", "requests", "csp_violations"):
            for url, seen in getattr(other, name).items():
                if url:
                    getattr(self, name).setdefault(url, []).extend(seen)

    def problems(self, url: str) -> list[str]:
        return (self.console_errors.get(url, []) + self.failed_requests.get(url, [])
                + self.bad_responses.get(url, []))

    def foreign_requests(self, url: str, origin: str) -> list[str]:
        """Requests made while `url` was open that went to any host but `origin`."""
        own = urlsplit(origin)
        out = []
        for req in self.requests.get(url, []):
            parts = urlsplit(req)
            if parts.scheme in ("data", "blob", "about", "chrome-extension"):
                continue
            if (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
                out.append(req)
        return out


def page_path(url: str, base: str) -> str:
    """'en/oxides.html' for http://127.0.0.1:N/en/oxides.html#x."""
    return urlsplit(url).path[len(urlsplit(base).path):]


def language_of_text(text: str) -> str:
    """'zh' if the text has Chinese characters, 'en' if it has Latin letters only, '' if neither."""
    if CJK.search(text):
        return "zh"
    if re.search(r"[A-Za-z]{2,}", text):
        return "en"
    return ""


# ---------------------------------------------------------------------------------------------
# Fixtures shared by the browser test files. The session fixtures (browser, pages) are imported
# into tests/conftest.py, so there is one of each per session; a browser test file imports
# no_csp_violation_in_any_journey by name, so that it runs around each test in that file.
# ---------------------------------------------------------------------------------------------
TIMEOUT_MS = 15_000

@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, for the whole session. Missing browser = failure, never a skip."""
    pw = None
    try:
        check_axe()
        pw = start_playwright()
        chromium = launch_chromium(pw)
    except BrowserMissing as exc:
        if pw is not None:
            pw.stop()
        where = "in CI (CI is set)" if os.environ.get("CI") else "on this machine"
        pytest.fail(f"The browser tests cannot run {where}: {exc}", pytrace=False)
    yield chromium
    chromium.close()
    pw.stop()


@pytest.fixture(scope="session")
def pages(site):
    found = site_pages(site.dir)
    langs = Counter(p.lang for p in found)
    if not langs["zh"] or not langs["en"]:
        pytest.fail(f"The built site in {site.dir} has pages in {dict(langs)}; expected both zh and en.",
                    pytrace=False)
    return found


# Content-Security-Policy violations seen in any context opened by new_context() during the
# current test; `no_csp_violation_in_any_journey` fails the test if there are any.
CSP_SEEN: list[str] = []
CSP_HOW_TO_FIX = (
    "every page carries a Content-Security-Policy (overrides/hooks/content_security_policy.py). Scripts must "
    "be files under docs/assets/javascripts/ named in the page's front matter `scripts:`, never inline "
    "<script> or onclick=...; styles go in docs/assets/stylesheets/site.css, never style=\"...\" or <style>; "
    "images, fonts and fetches come from this site only.")


def new_context(browser, viewport=DESKTOP, color_scheme="light", watch_csp=True, **kw):
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme, **kw)
    context.set_default_timeout(TIMEOUT_MS)
    if watch_csp:
        context.add_init_script(CSP_REPORTER)
        context.on("console", lambda msg: CSP_SEEN.append(f"{msg.page.url if msg.page else '?'}: {msg.text}")
                   if msg.text.startswith(CSP_MARK) else None)
    return context


@pytest.fixture(autouse=True)
def no_csp_violation_in_any_journey():
    """Every browser test here also proves that what it did (search, palette, tooltips, calculator ...)
    works under the page's Content-Security-Policy without the browser blocking anything."""
    CSP_SEEN.clear()
    yield
    seen, CSP_SEEN[:] = list(CSP_SEEN), []
    if seen:
        pytest.fail(f"Content-Security-Policy violations during this test ({len(seen)}):\n  "
                    + "\n  ".join(dict.fromkeys(seen)) + f"\nHow to fix: {CSP_HOW_TO_FIX}", pytrace=False)


def fail_with(problems: list[str], what: str, how_to_fix: str):
    if problems:
        pytest.fail(f"{what} ({len(problems)}):\n  " + "\n  ".join(problems) + f"\nHow to fix: {how_to_fix}",
                    pytrace=False)



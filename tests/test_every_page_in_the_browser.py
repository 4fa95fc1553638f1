"""Every page, in both languages, opened in Chromium at desktop and at phone width, as a first-time reader.

Each page is loaded once per width and everything is checked on that one load: what it requested
and logged, accessibility (axe-core) in both palettes (AXE_RUNS says which rules run where), the
palette toggle, on the phone that nothing scrolls sideways, and on the desktop the language switcher
(each English page is reached from its Chinese twin through the header's link, by keyboard, and its
中文 link is reached by Tab and must lead back). Desktop starts from a light system setting and
toggles to dark; the phone starts from a dark one and toggles to light, so both directions of the
toggle and both system settings are seen on every page.

A file of its own so that pytest-xdist (pytest.ini) runs these long visits on one worker while the
reader journeys (tests/test_in_the_browser.py) run on the other.

Run only these:  python3 -m pytest tests/test_every_page_in_the_browser.py -q
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest

from browser_support import (  # no_csp_violation_in_any_journey is a fixture, used by name (browser, pages: conftest.py)
    CSP_HOW_TO_FIX, DESKTOP, OTHER_LANGUAGE, PALETTE_TOGGLE, PHONE, SETTLED, Recorder, axe_script, fail_with,
    mark_repeated_rows, new_context, no_csp_violation_in_any_journey, page_path, scheme_of,
)

pytestmark = pytest.mark.browser

TABS_AT_ONCE = 6  # pages loaded side by side, so that their waits for the network to go quiet overlap
SCHEME = {"light": "default", "dark": "slate"}  # system setting -> Material's data-md-color-scheme
OTHER_PALETTE = {"light": "dark", "dark": "light"}
# The second palette changes colours only (CSS custom properties), so in it only the rules about colour
# can give a different answer. The rules about colour are also the costly ones (about four fifths of
# axe-core's time), so they run where an answer can differ:
# - on the desktop, on the whole page in both palettes, with one row of each kind per table (below);
# - on the phone, in both palettes, on what a phone shows in colours of its own (the header and footer:
#   Material restyles them by screen width). The article's colours are the same at every width:
#   site.css colours nothing by screen or system setting (rule CSS-COLOUR, test_contributor_lints.py). The
#   phone's drawer is checked open, in both palettes, in test_in_the_browser.py.
# Every other rule runs on the whole page, every row included, at both widths (layout, hidden
# elements and touch differ).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Material's own colours that change with width are on the header, the navigation drawer, search and
# the table of contents; the drawer (which holds the table of contents on a phone) is checked open on
# the home page in both languages (test_in_the_browser.py), search's overlay is not checked.
PHONE_CHROME = [".md-header", ".md-footer"]
ALL_BUT_COLOUR = {rule: {"enabled": False} for rule in COLOUR_RULES}
# One row of each kind (mark_repeated_rows in browser_support.py): a generated table repeats one
# row's markup many times (the records table: 200 rows, and growing), so in each table body the
# colour rules check the first row of each kind and skip the rows that repeat it.
DISTINCT_ROWS = "document, one row of each kind"
AXE_RUNS = {  # width -> {first or second palette: [(rules, where)]}; rules: only these (a list) or all but these (a dict)
    "desktop": {"first": [(ALL_BUT_COLOUR, "document"), (COLOUR_RULES, DISTINCT_ROWS)],
                "second": [(COLOUR_RULES, DISTINCT_ROWS)]},
    "phone": {"first": [(ALL_BUT_COLOUR, "document"), (COLOUR_RULES, PHONE_CHROME)],
              "second": [(COLOUR_RULES, PHONE_CHROME)]},
}


@dataclass
class Width:
    """What every page did and showed at one width."""

    name: str  # 'desktop' or 'phone'
    recorder: Recorder = field(default_factory=Recorder)
    axe: dict = field(default_factory=lambda: {"light": {}, "dark": {}})  # palette -> finding -> [(url, count, target)]
    palette: list = field(default_factory=list)  # problems with the palette on load or on toggle
    checked: dict = field(default_factory=lambda: {"light": set(), "dark": set()})  # palette -> URLs axe ran on
    axe_errors: dict = field(default_factory=lambda: {"light": [], "dark": []})  # palette -> pages axe could not check
    overflow: list = field(default_factory=list)  # pages wider than the phone
    switcher: list = field(default_factory=list)  # language links that do not lead to the twin page


def describe_violation(v: dict) -> list[tuple[str, int, str]]:
    """(finding, element count, first element's selector) per distinct problem. Colour rules are split
    by colour pair (the header title and the body links fail for different reasons), so one palette
    problem shows once for all pages rather than once per page."""
    groups = {}
    for node in v["nodes"]:
        data = next((c.get("data") for c in node.get("any", []) + node.get("all", [])
                     if isinstance(c.get("data"), dict) and "fgColor" in c["data"]), None)
        colours = f", {data['fgColor']} on {data['bgColor']} (contrast {data.get('contrastRatio')}:1)" if data else ""
        groups.setdefault(colours, []).append(" ".join(str(t) for t in node.get("target", [])) or "?")
    return [(f"[{v['id']}] {v['help']}{colours} {v.get('helpUrl', '').split('?')[0]}", len(targets), targets[0])
            for colours, targets in groups.items()]


def short(exc: Exception) -> str:
    """An exception in one line, for a finding (Playwright's own call logs run to many lines)."""
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def run_axe(page, url: str, palette: str, which: str, width: Width) -> None:
    """axe-core's runs for this width and palette (AXE_RUNS; `which` is 'first' or 'second')."""
    if not page.evaluate("typeof window.axe?.run === 'function'"):  # an element id="axe" is not axe-core
        page.evaluate(axe_script())
    for rules, where in AXE_RUNS[width.name][which]:
        options = {"resultTypes": ["violations"]}
        if isinstance(rules, list):
            options["runOnly"] = {"type": "rule", "values": rules}
        elif rules:
            options["rules"] = rules
        if where == DISTINCT_ROWS:
            mark_repeated_rows(page)
            context = {"exclude": [["[data-axe-repeat]"]]}
        else:
            context = None if where == "document" else {"include": [[selector] for selector in where]}
        violations = page.evaluate("([context, options]) => axe.run(context || document, options).then(r => r.violations)",
                                   [context, options])
        for v in violations:
            for finding, count, target in describe_violation(v):
                width.axe[palette].setdefault(finding, []).append((url, count, target))
    width.checked[palette].add(url)


def toggle_palette(page, url: str, to: str, width: Width) -> bool:
    """Activate the header's palette toggle and wait until the new colours have settled.

    The click is sent to the element, not made with the mouse: a mouse left resting on the toggle
    fades in its tooltip, and axe would measure the half-transparent text (the real click and the
    remembered choice are tested in test_in_the_browser.py)."""
    toggle = page.locator(PALETTE_TOGGLE)
    if toggle.count() != 1:
        width.palette.append(f"{url}: expected one visible palette toggle in the header, found {toggle.count()}")
        return False
    toggle.dispatch_event("click")
    try:
        page.wait_for_function(SETTLED, arg=SCHEME[to], timeout=5000)
    except Exception:
        state = page.evaluate("""() => [document.body.getAttribute('data-md-color-scheme'),
            document.getAnimations().filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
              .map(a => (a.transitionProperty || a.animationName) + ' on ' + (a.effect.target && a.effect.target.className))
              .slice(0, 3)]""")
        if state[0] != SCHEME[to]:
            width.palette.append(f"{url}: the palette toggle left data-md-color-scheme at {state[0]!r}, expected "
                                 f"{SCHEME[to]!r} (theme.palette in mkdocs.yml: two entries, each with a toggle)")
        else:
            width.palette.append(f"{url}: after the palette toggle, transitions were still running 5 s later "
                                 f"({'; '.join(state[1])}): a transition or animation in site.css that repeats?")
        return False
    return True


# A phone browser widens its layout to fit content that is too wide (innerWidth grows past the
# screen's 390 px), so the page is measured against the screen's width, not innerWidth.
OVERFLOW = """screen => {
    const wide = [...document.querySelectorAll('.md-content *')]
      .filter(e => e.getBoundingClientRect().right > screen + 1
                   && !e.closest('.md-typeset__scrollwrap, pre, .md-typeset__table, .highlight'))
      .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
                ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
    return {scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 3)};
}"""


def check_page(page, url: str, width: Width, first: str, axe: bool) -> None:
    """Everything checked on one loaded page; each check files its own findings, and a check that
    could not run says so where its test reports it."""
    try:
        shown = scheme_of(page)
        if shown != SCHEME[first]:
            width.palette.append(f"{url}: palette is {shown!r} with a {first} system setting, expected "
                                 f"{SCHEME[first]!r} (check theme.palette `media:` in mkdocs.yml)")
    except Exception as exc:
        width.palette.append(f"{url}: could not read the palette ({short(exc)})")
    try:
        if axe:
            run_axe(page, url, first, "first", width)
    except Exception as exc:
        width.axe_errors[first].append(f"{url}: axe-core could not run ({short(exc)})")
    if width.name == "phone":
        try:
            widths = page.evaluate(OVERFLOW, PHONE["width"])
            if widths["scroll"] > PHONE["width"]:
                width.overflow.append(
                    f"{url}: page is {widths['scroll']} px wide on a {PHONE['width']} px screen; too wide: "
                    f"{', '.join(widths['wide']) or 'something outside the page content (header, navigation or footer)'}")
        except Exception as exc:
            width.overflow.append(f"{url}: the page's width could not be measured ({short(exc)})")
    try:
        switched = toggle_palette(page, url, OTHER_PALETTE[first], width)
    except Exception as exc:
        width.palette.append(f"{url}: the palette toggle could not be used ({short(exc)})")
        switched = False
    if switched and axe:
        try:
            run_axe(page, url, OTHER_PALETTE[first], "second", width)
        except Exception as exc:
            width.axe_errors[OTHER_PALETTE[first]].append(f"{url}: axe-core could not run ({short(exc)})")


def tab_to_language_link(page, to_lang: str):
    """Focus the header's language button and Tab into its menu until the link to `to_lang` has the
    focus, as a reader without a mouse does. Returns (the link, or None; what went wrong)."""
    button = page.locator(".md-header .md-select > button")
    link = page.locator(f'.md-header .md-select__link[hreflang="{to_lang}"]')
    if button.count() != 1 or link.count() != 1:
        return None, (f"expected one language button and one link to hreflang={to_lang} in the header, found "
                      f"{button.count()} and {link.count()} (overrides/partials/alternate.html)")
    button.focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            return link, ""
    return None, (f"Tab from the language button does not reach the {to_lang} link: the menu's links "
                  "must be focusable, in order, right after the button (overrides/partials/alternate.html)")


def switch_language(page, to_lang: str) -> tuple[str | None, str]:
    """Follow the header's link to `to_lang` by keyboard: Tab to it, press Enter, and return as soon as
    the new page starts loading. Returns (the URL reached, or None; what went wrong). The mouse path (hover, click) is a journey in test_in_the_browser.py."""
    try:
        link, trouble = tab_to_language_link(page, to_lang)
        if link is None:
            return None, trouble
        with page.expect_navigation(wait_until="commit"):
            page.keyboard.press("Enter")
    except Exception as exc:
        return None, f"Enter on the {to_lang} link did not open a page ({short(exc)})"
    return page.url.split("#")[0], ""


def language_link_target(page, to_lang: str) -> tuple[str | None, str]:
    """Where the header's link to `to_lang` leads, once Tab has reached it (Enter on a focused link is
    the browser's own; switch_language has just shown it opening a page with this markup)."""
    try:
        link, trouble = tab_to_language_link(page, to_lang)
        return (link.evaluate("a => a.href").split("#")[0], "") if link else (None, trouble)
    except Exception as exc:
        return None, f"the {to_lang} link could not be reached by Tab ({short(exc)})"


def visit_every_page(browser, site, pages, width: Width, first: str, through_the_switcher: bool = False,
                     axe: bool = True, **context_options) -> Width:
    """Load every page at one width, a few tabs at a time (one context and recorder per tab), and check it.

    With through_the_switcher, each tab opens a Chinese page, then reaches its English twin through
    the header's language link (Tab, Enter) and checks it there, then Tabs to the twin's 中文 link, which
    must lead back (not opened: that page was checked a moment ago). A page without a twin is visited
    on its own (tests/test_site_parity.py requires every page to have one). With axe=False, axe-core
    does not run (for the bad examples)."""
    paths = {p.path for p in pages}
    twin_of = {p.path: p.twin_path() for p in pages if p.twin_path() in paths}
    starts = [p for p in pages if not through_the_switcher or p.lang == "zh" or p.path not in twin_of]

    def load_and_check(page, recorder, url):
        try:
            page.wait_for_load_state("networkidle")
        except Exception as exc:
            recorder.console_errors[url].append(f"the network did not go quiet ({short(exc)})")
            try:
                page.wait_for_load_state("load")
            except Exception as exc:
                recorder.console_errors[url].append(f"page did not finish loading, so it was not checked ({short(exc)})")
                return
        check_page(page, url, width, first, axe)

    def to_the_twin_and_back(page, recorder, start):
        url, twin = start.url(site.url), urljoin(site.url, twin_of[start.path])
        here, there = start.lang, OTHER_LANGUAGE[start.lang]
        recorder.start(twin)  # what the click sets off is filed under the twin
        reached, trouble = switch_language(page, there)
        if reached != twin:
            width.switcher.append(f"{url}: the {there} link leads to {reached}, expected its twin {twin}"
                                  if reached else f"{url}: {trouble}")
            try:
                page.goto(twin, wait_until="commit")  # the twin is still checked
            except Exception as exc:
                recorder.console_errors[twin].append(f"page did not start loading, so it was not checked ({short(exc)})")
                return
        load_and_check(page, recorder, twin)
        back, trouble = language_link_target(page, here)  # its page was checked a moment ago: not opened again
        if back != url:
            width.switcher.append(f"{twin}: the {here} link leads back to {back}, expected {url}"
                                  if back else f"{twin}: {trouble}")

    tabs = []
    try:
        for _ in range(min(TABS_AT_ONCE, len(starts))):
            context = new_context(browser, color_scheme=first, watch_csp=False, **context_options)
            # Each page as a first-time reader sees it: no palette remembered from the previous page.
            context.add_init_script("try { localStorage.clear() } catch (e) {}")
            tabs.append((context, Recorder().attach(context), context.new_page()))
        for first_start in range(0, len(starts), TABS_AT_ONCE):
            batch = list(zip(tabs, starts[first_start:first_start + TABS_AT_ONCE]))
            started = []
            for (context, recorder, page), start in batch:
                url = start.url(site.url)
                recorder.start(url)
                try:
                    page.goto(url, wait_until="commit")
                    started.append(start)
                except Exception as exc:
                    recorder.console_errors[url].append(f"page did not start loading, so it was not checked ({short(exc)})")
            for (context, recorder, page), start in batch:
                if start in started:
                    load_and_check(page, recorder, start.url(site.url))
                    if through_the_switcher and start.path in twin_of:
                        to_the_twin_and_back(page, recorder, start)
                recorder.start("")
    finally:
        for context, recorder, page in tabs:
            context.close()
            width.recorder.take(recorder)
    return width


@pytest.fixture(scope="module")
def desktop(browser, site, pages) -> Width:
    return visit_every_page(browser, site, pages, Width("desktop"), "light", through_the_switcher=True,
                            viewport=DESKTOP)


@pytest.fixture(scope="module")
def phone(browser, site, pages) -> Width:
    return visit_every_page(browser, site, pages, Width("phone"), "dark", viewport=PHONE, is_mobile=True, has_touch=True)


# ---------------------------------------------------------------------------------------------
# What every page requested and logged
# ---------------------------------------------------------------------------------------------
def test_every_page_loads_without_console_errors_or_failed_requests(desktop, phone, pages, site):
    problems = [f"{url} ({width.name}): {what}" for width in (desktop, phone) for p in pages
                for url in [p.url(site.url)] for what in width.recorder.problems(url)]
    fail_with(
        problems, "Pages that logged console errors or had failed requests",
        "open the page in Chromium with the developer tools' Console and Network tabs. A 404 names a "
        "missing file: a wrong link or image path in the page's Markdown, or a theme/plugin asset that "
        "mkdocs.yml or overrides/ refer to; a console error names the script and line that threw.",
    )


def test_no_page_reports_a_content_security_policy_violation(desktop, phone, pages, site):
    problems = [f"{url} ({width.name}): {what}" for width in (desktop, phone) for p in pages
                for url in [p.url(site.url)] for what in width.recorder.csp_violations.get(url, [])]
    fail_with(problems, "Pages on which the browser blocked something under the Content-Security-Policy",
              CSP_HOW_TO_FIX)


def test_no_page_requests_anything_from_another_host(desktop, phone, pages, site):
    problems = [f"{url} ({width.name}) requested {req}" for width in (desktop, phone) for p in pages
                for url in [p.url(site.url)] for req in width.recorder.foreign_requests(url, site.url)]
    fail_with(
        problems, "Requests that left the local server (readers' browsers must contact no third party)",
        "serve the file from docs/ instead (images, scripts, fonts), keep `theme.font: false`, no "
        "`repo_url` in tests, no CDN links; for Material's mermaid or GitHub calls see stack-notes.md.",
    )


# Files that wait until the reader opens search (docs/assets/javascripts/defer-requests.js); opening
# search then loads them: test_in_the_browser.py::test_opening_search_loads_the_index_and_finds_pages.
DEFERRED = re.compile(r"/search/search_index\.json$|/workers/search\.[0-9a-f]+\.min\.js$|/lunr/|/sitemap\.xml$")


def test_no_page_downloads_search_or_sitemaps_before_search_is_opened(desktop, phone, pages, site):
    """First views stay light: the search index, its worker and the Chinese search support wait until
    the reader opens search; the language switcher's sitemap.xml is never fetched."""
    problems = [f"{url} ({width.name}) loaded {req} before search was opened"
                for width in (desktop, phone) for p in pages for url in [p.url(site.url)]
                for req in width.recorder.requests.get(url, []) if DEFERRED.search(urlsplit(req).path)]
    fail_with(problems, "Search files loaded before the reader opened search",
              "overrides/main.html must load assets/javascripts/defer-requests.js just before Material's bundle; "
              "if a Material update changed how it loads the index, worker or sitemaps, update the URL patterns "
              "at the top of that file.")


# ---------------------------------------------------------------------------------------------
# What every page shows
# ---------------------------------------------------------------------------------------------
def test_every_page_follows_the_system_palette_and_its_toggle_switches_it(desktop, phone):
    fail_with([f"({width.name}) {p}" for width in (desktop, phone) for p in width.palette],
              "Pages whose palette does not follow the system setting, or whose toggle does not switch it",
              "theme.palette in mkdocs.yml needs two entries, `media: \"(prefers-color-scheme: light)\"` with "
              "scheme default and `media: \"(prefers-color-scheme: dark)\"` with scheme slate, each with a toggle.")


AXE_CONFIGS = [
    pytest.param("light", "desktop", id="light-desktop"),
    pytest.param("dark", "desktop", id="dark-desktop"),
    pytest.param("light", "phone", id="light-phone"),
    pytest.param("dark", "phone", id="dark-phone"),
]


@pytest.mark.parametrize("palette,width_name", AXE_CONFIGS)
def test_axe_finds_no_accessibility_violation_on_any_page(request, site, pages, palette, width_name):
    """axe-core (WCAG rules) on every page, in the light and the dark palette, desktop and phone (a
    touch screen, as phones have: Material then makes wide code blocks scrollable without a tab stop);
    AXE_RUNS says which rules run on what. Every page must have been checked in this setting: a page
    axe could not run on fails here too."""
    width: Width = request.getfixturevalue(width_name)
    problems = list(width.axe_errors[palette])
    unchecked = [p.url(site.url) for p in pages if p.url(site.url) not in width.checked[palette]]
    if unchecked and not problems:
        problems.append(f"axe-core did not run on {len(unchecked)} page(s) in this setting, first {unchecked[0]}: the "
                        "page did not load, or the palette toggle failed there (see the palette and console tests)")
    for finding, hits in width.axe[palette].items():
        url, _, target = hits[0]
        elements = sum(count for _, count, _ in hits)
        others = f" and {len(hits) - 1} more page(s): " + ", ".join(
            page_path(u, site.url) for u, _, _ in hits[1:8]) + (" …" if len(hits) > 8 else "") if len(hits) > 1 else ""
        problems.append(f"{finding}\n      {elements} element(s); first: {target} on {url}{others}")
    size = DESKTOP if width_name == "desktop" else PHONE
    fail_with(
        problems, f"axe-core violations, {palette} palette, {size['width']}×{size['height']}"
        + (" touch screen (Chromium's device toolbar shows it)" if width_name == "phone" else ""),
        "the rule's help page explains it. Content (docs/) causes most: link text, image alt, heading "
        "order, table headers; colours and theme markup live in docs/assets/stylesheets/site.css, "
        "mkdocs.yml (palette) and overrides/.",
    )


def test_language_switcher_leads_to_the_twin_page_and_back(desktop):
    """From each Chinese page the header's English link reaches its English twin, whose 中文 link leads
    back, both reached by keyboard on the desktop visit (the mouse path is a journey in test_in_the_browser.py)."""
    fail_with(
        desktop.switcher, "Language switcher links that do not lead to the twin page",
        "each page needs a twin with the same file name in docs/zh/ and docs/en/; the switcher comes from "
        "mkdocs-static-i18n (needs site_url; breaks with navigation.instant) and overrides/partials/alternate.html.",
    )


def test_no_page_overflows_sideways_at_phone_width(phone):
    fail_with(phone.overflow, "Pages that scroll sideways on a 390-px phone",
              "a long unbreakable word or formula, a wide table or figure: give figures `width` only via "
              "the SVG viewBox, let tables scroll (Material wraps them), or break long tokens.")


def test_a_page_too_wide_for_a_phone_and_a_wrong_language_link_are_caught_and_named(browser, site, tmp_path):
    """A bad example for the visits above: a copy of the site in which the Chinese oxides page has a
    text field about 1,000 px wide and the English oxides page's 中文 link leads to the sulfides page. The phone
    visit names the wide page and the element; the desktop visit names the wrong link."""
    import shutil

    from browser_support import SitePage
    from conftest import serve, url_of

    copy = tmp_path / "site"
    shutil.copytree(site.dir, copy, ignore=shutil.ignore_patterns("search", "pdf"))
    zh, en = copy / "oxides.html", copy / "en" / "oxides.html"
    zh.write_text(zh.read_text(encoding="utf-8").replace(
        "</article>", '<input size="120" aria-label="too wide"></article>', 1), encoding="utf-8")
    english = en.read_text(encoding="utf-8")
    assert '<a href="../oxides.html" hreflang="zh"' in english, "the switcher's markup changed: update this test"
    en.write_text(english.replace('<a href="../oxides.html" hreflang="zh"', '<a href="../sulfides.html" hreflang="zh"'),
                  encoding="utf-8")
    server = serve(copy)

    class Copy:  # what visit_every_page needs of a site: its address
        url = url_of(server)

    try:
        pages = [SitePage("zh", "oxides.html"), SitePage("en", "en/oxides.html")]
        desktop = visit_every_page(browser, Copy, pages, Width("desktop"), "light", through_the_switcher=True,
                                   axe=False, viewport=DESKTOP)
        phone = visit_every_page(browser, Copy, pages, Width("phone"), "dark", axe=False, viewport=PHONE,
                                 is_mobile=True, has_touch=True)
    finally:
        server.shutdown()
    wide = [line for line in phone.overflow if "/oxides.html:" in line and "input" in line and "/en/" not in line]
    assert wide, f"the phone visit should name oxides.html and its text field as too wide; it found {phone.overflow}"
    wrong = [line for line in desktop.switcher if "en/oxides.html" in line and "sulfides.html" in line]
    assert wrong, f"the desktop visit should name the 中文 link of en/oxides.html leading to sulfides.html; it found {desktop.switcher}"


def test_the_colour_rules_skip_only_rows_that_repeat_an_earlier_row_of_the_same_kind(browser):
    """A bad example for mark_repeated_rows: in a table, the rows that repeat an earlier row's kind are
    skipped (whatever their text, id, data-* or lang); a row with another class, another attribute
    (here align), or a link in another cell is kept, and axe-core still finds the low-contrast rows."""
    context = new_context(browser, watch_csp=False)
    page = context.new_page()
    page.set_content("""<html lang="en"><head><title>Rows</title><style>.faint, [align=right] { color: #ccc }</style>
        </head><body><main class="md-content"><table><thead><tr><th>Row</th><th>Note</th></tr></thead><tbody>
        <tr><td>one</td><td></td></tr><tr id="r2"><td>two</td><td></td></tr>
        <tr><td class="faint">three</td><td></td></tr><tr><td><a href="#x">four</a></td><td></td></tr>
        <tr><td class="faint">five</td><td></td></tr><tr><td></td><td><a href="#y">six</a></td></tr>
        <tr align="right"><td>seven</td><td></td></tr><tr data-kind="old" lang="fr"><td>eight</td><td></td></tr>
        </tbody></table></main></body></html>""")
    page.evaluate(axe_script())
    repeats = mark_repeated_rows(page)
    skipped = page.eval_on_selector_all("tr[data-axe-repeat] td", "cells => cells.map(c => c.textContent)")
    found = page.evaluate("""() => axe.run({exclude: [['[data-axe-repeat]']]},
        {runOnly: {type: 'rule', values: ['color-contrast']}}).then(r => r.violations.flatMap(v => v.nodes.map(n => n.html)))""")
    context.close()
    assert repeats == 3 and skipped == ["two", "", "five", "", "eight", ""], (
        f"expected only rows 'two', 'five' and 'eight' skipped, got {skipped}")
    assert len(found) == 2 and "three" in found[0] and "seven" in found[1], (
        f"axe should find the faint rows 'three' and 'seven' (a class, an attribute's value), found {found}")

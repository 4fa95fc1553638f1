"""Accessibility, checked by axe-core in Chromium on every page, in both palettes, at desktop and phone width.

A file of its own so that pytest-xdist (pytest.ini: `-n 2 --dist loadfile`) can run these long passes
on one worker while the other journeys (tests/test_in_the_browser.py) run on the other.

Run only these:  python3 -m pytest tests/test_accessibility_in_the_browser.py -q
"""
from __future__ import annotations

import pytest

from browser_support import (  # no_csp_violation_in_any_journey is a fixture, used by name (browser, pages: conftest.py)
    DESKTOP, PHONE, fail_with, new_context, no_csp_violation_in_any_journey, page_path,
)


COLOUR_RULES = ["color-contrast", "link-in-text-block"]


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


AXE_CONFIGS = [
    pytest.param("light", DESKTOP, id="light-desktop"),
    pytest.param("dark", DESKTOP, id="dark-desktop"),
    pytest.param("light", PHONE, id="light-phone"),
    pytest.param("dark", PHONE, id="dark-phone"),
]


@pytest.mark.parametrize("scheme,viewport", AXE_CONFIGS)
def test_axe_finds_no_accessibility_violation_on_any_page(browser, site, pages, scheme, viewport):
    """axe-core (WCAG rules) on every page, in the light and the dark palette, desktop and phone.

    The palette follows the system setting until a reader toggles it, so the colour scheme is set by
    emulating `prefers-color-scheme`, and checked on <body data-md-color-scheme>."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    # The dark palette changes colours only (CSS custom properties), so in it only the rules about
    # colour can give a different answer; running just those keeps the suite fast. The phone width
    # changes the layout (drawer, header, hidden elements): there every rule runs.
    options = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    expected_scheme = "slate" if scheme == "dark" else "default"
    context = new_context(browser, viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    problems, found = [], {}
    for p in pages:
        url = p.url(site.url)
        page.goto(url, wait_until="load")
        actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        if actual != expected_scheme:
            problems.append(f"{url}: palette is {actual!r} with a {scheme} system setting, expected "
                            f"{expected_scheme!r} (check theme.palette `media:` in mkdocs.yml)")
        results = axe.run(page, options=options)
        for v in results.response["violations"]:
            for finding, count, target in describe_violation(v):
                found.setdefault(finding, []).append((url, count, target))
    context.close()
    for finding, hits in found.items():
        url, _, target = hits[0]
        elements = sum(count for _, count, _ in hits)
        others = f" and {len(hits) - 1} more page(s): " + ", ".join(
            page_path(u, site.url) for u, _, _ in hits[1:8]) + (" …" if len(hits) > 8 else "") if len(hits) > 1 else ""
        problems.append(f"{finding}\n      {elements} element(s); first: {target} on {url}{others}")
    fail_with(
        problems, f"axe-core violations, {scheme} palette, {viewport['width']}×{viewport['height']}",
        "the rule's help page explains it. Content (docs/) causes most: link text, image alt, heading "
        "order, table headers; colours and theme markup live in docs/assets/stylesheets/site.css, "
        "mkdocs.yml (palette) and overrides/.",
    )

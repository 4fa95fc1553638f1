"""Every built page carries a strict Content-Security-Policy (overrides/hooks/content_security_policy.py).

These checks read the built HTML; tests/test_in_the_browser.py proves in Chromium that the policy
blocks injected script and that nothing on the site trips over it.
"""
from __future__ import annotations

import base64
import hashlib
import re

from conftest import parsed_page


HOOK = "overrides/hooks/content_security_policy.py"
REQUIRED = {
    "default-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'none'"},
}
EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


def built_pages(site):
    """Every HTML file a reader's browser can open: pages, 404 pages and redirect stubs."""
    return [p for p in site.html_files() if p.relative_to(site.dir).parts[0] not in ("assets",)]


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_every_page_has_a_strict_content_security_policy_at_the_top_of_its_head(site):
    problems = []
    for path in built_pages(site):
        where = site.source(path)
        soup = parsed_page(path)
        head = soup.head
        metas = soup.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
        if len(metas) != 1 or head is None:
            problems.append(f"{where}: {len(metas)} Content-Security-Policy <meta> tags, expected 1 in <head>")
            continue
        first = [t for t in head.find_all(True, recursive=False)][:3]
        if metas[0] not in first or any(t.name in ("script", "link", "style") for t in first[:first.index(metas[0])]):
            problems.append(f"{where}: the policy is not at the top of <head> (before every script and stylesheet)")
        directives = {}
        for part in metas[0]["content"].split(";"):
            name, *values = part.split()
            directives[name] = set(values)
        for name, values in REQUIRED.items():
            if directives.get(name) != values:
                problems.append(f"{where}: {name} is {sorted(directives.get(name, []))}, expected {sorted(values)}")
        scripts = {sha256(s.string or "") for s in soup.find_all("script")
                   if not s.has_attr("src") and s.get("type", "").lower() in EXECUTABLE}
        allowed = directives.get("script-src", set())
        if allowed != {"'self'"} | scripts:
            problems.append(f"{where}: script-src {sorted(allowed)} is not 'self' plus the hashes of the page's "
                            f"{len(scripts)} inline script(s) {sorted(scripts)}")
        if soup.find("meta", attrs={"name": "referrer"}) is None:
            problems.append(f"{where}: no <meta name=\"referrer\">")
    assert not problems, (
        f"Built pages whose Content-Security-Policy is missing or loose ({len(problems)}):\n  "
        + "\n  ".join(problems[:20])
        + f"\nHow to fix: the policy is written by {HOOK} after the whole build; check that it is listed last "
        "under `hooks:` in mkdocs.yml and that the page has <meta charset=\"utf-8\"> in its <head>.")


def test_no_page_has_inline_event_handlers_or_inline_styles(site):
    """The policy blocks them; a page that has them is broken for readers (the handler never runs,
    the style is ignored)."""
    problems = []
    for path in built_pages(site):
        soup = parsed_page(path)
        for tag in soup.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            if handlers or tag.has_attr("style") or tag.name == "style":
                what = f"{handlers[0]}=" if handlers else ("style=" if tag.has_attr("style") else "<style>")
                problems.append(f"{site.source(path)}: <{tag.name}> with {what} ({str(tag)[:80]})")
    assert not problems, (
        f"Inline event handlers or styles, which the Content-Security-Policy blocks ({len(problems)}):\n  "
        + "\n  ".join(problems[:20])
        + "\nHow to fix: put behaviour in a script file under docs/assets/javascripts/ named in the page's "
        "front matter `scripts:`, and styles in docs/assets/stylesheets/site.css (a class in Markdown: "
        "`{ .my-class }` with attr_list). [rule SAFE-HTML, see CONTRIBUTING.md#safe-html]")

"""Put a Content-Security-Policy and a referrer policy at the top of every built page's <head>.

The site takes Markdown from strangers; if a <script> or an onclick slips past review, the reader's
browser must refuse to run it. GitHub Pages cannot send headers, so the policy is a
<meta http-equiv="Content-Security-Policy"> right after <meta charset>, before anything it governs.

It is computed per page, after the whole build (404 pages and redirect stubs included): scripts
run only from files on this site ('self') and from the inline scripts the theme put on THAT page,
each allowed by its sha256 hash. An inline script added later, or changed, has no matching hash
and does not run; inline event handlers (onclick=...) never run. Page scripts are files under
docs/assets/javascripts/ named in front matter (`scripts:`), so they need nothing here.

- img-src allows data: as well as 'self': Material's stylesheet draws its icons (admonitions,
  footnote back-links, external-link marks) from data: SVG URLs, which are images to CSP. A data:
  URL is no request to anyone.
- style-src 'self' without 'unsafe-inline': no <style> or style="" attributes in our pages
  (Markdown table alignment comes out as align="", `tables: use_align_attribute` in mkdocs.yml).
  Material's JavaScript sets styles through element.style (CSSOM), which CSP does not restrict.
- frame-ancestors (anti-clickjacking) is ignored by browsers in a <meta> policy; only an HTTP
  header can set it, which GitHub Pages does not allow. Noted, not emitted.
- `mkdocs serve` injects its own inline live-reload script into every page; under `serve` the
  policy is left out so the preview reloads. `mkdocs build` (tests, CI, deploy) always has it.
"""
import base64
import hashlib
import re
from pathlib import Path

from mkdocs.plugins import event_priority

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",  # + the page's inline script hashes
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}
REFERRER = "same-origin"  # other sites are not told which page a reader came from

COMMENT = re.compile(r"<!--.*?-->", re.S)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
HAS_SRC = re.compile(r"\bsrc\s*=", re.I)
CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
# Types a browser executes; anything else (application/json for Material's config) is data.
EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}

_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    out = []
    for attrs, body in SCRIPT.findall(COMMENT.sub("", html)):
        kind = SCRIPT_TYPE.search(attrs)
        if HAS_SRC.search(attrs) or (kind and kind.group(1).lower() not in EXECUTABLE):
            continue
        out.append(body)
    return out


def policy_for(html: str) -> str:
    hashes = []
    for body in inline_scripts(html):
        digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        if digest not in hashes:
            hashes.append(digest)
    directives = dict(POLICY, **{"script-src": " ".join([POLICY["script-src"], *hashes])})
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_policy(html: str) -> str:
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
            f'<meta name="referrer" content="{REFERRER}">')
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        return html  # not a page (an HTML fragment): nothing runs in it on its own
    return html[:anchor.end()] + tags + html[anchor.end():]


@event_priority(-1000)  # last: after the i18n plugin's other-language build, redirects and 404 pages
def on_post_build(config):
    if config.plugins["i18n"].building or _command == "serve":
        return
    for path in sorted(Path(config.site_dir).rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        new = with_policy(html)
        if new != html:
            path.write_text(new, encoding="utf-8")

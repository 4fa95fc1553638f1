"""Serve the site's stylesheets as one file: Material's main.css, its palette.css and our site.css.

Each stylesheet in <head> is a render-blocking request: on a phone on a slow network, the page
stays blank until all of them have arrived, and every extra one adds a round trip to the first
paint (benchmarks/lighthouse.py measured it). After the build, this hook joins the stylesheets a
page links under assets/stylesheets/, in their order, into assets/stylesheets/bundle.<hash>.min.css
(the hash of its content, so a host may cache it for good) and links that one file instead.
The cascade is unchanged: same rules, same order. The separate files stay in the site (unused).
"""
import hashlib
import re
from pathlib import Path

from mkdocs.plugins import event_priority

LINK = re.compile(r'<link rel="stylesheet" href="((?:[^"]*/)?)assets/stylesheets/([^"/]+\.css)">')
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


@event_priority(-900)  # after the i18n plugin's other-language build and the 404 pages
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    styles = site / "assets" / "stylesheets"
    bundles = {}  # tuple of file names -> bundle file name
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        links = LINK.findall(html)
        if len(links) < 2:
            continue
        names = tuple(name for _, name in links)
        if names not in bundles:
            css = "\n".join(SOURCE_MAP.sub("", (styles / name).read_text(encoding="utf-8")).strip() for name in names)
            bundle = f"bundle.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.min.css"
            (styles / bundle).write_text(css + "\n", encoding="utf-8")
            bundles[names] = bundle
        one = f'<link rel="stylesheet" href="{links[0][0]}assets/stylesheets/{bundles[names]}">'
        first = LINK.search(html)  # the bundle takes the first link's place; the others go
        path.write_text(html[:first.start()] + one + LINK.sub("", html[first.end():]), encoding="utf-8")

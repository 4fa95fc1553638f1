"""What a reader's first view of a page costs, read from the built HTML (issue 13's targets).

benchmarks/lighthouse.py measures the whole effect in Lighthouse; these checks keep the levers it
measured from coming undone: one render-blocking stylesheet, figures with their size reserved,
the request-deferring script before Material's bundle.
"""
from __future__ import annotations

import re

from conftest import parsed_page



def test_every_page_has_one_render_blocking_request_like_plain_material(site):
    problems = []
    for path in site.reader_pages():
        head = parsed_page(path).head
        blocking = [link["href"] for link in head.find_all("link", rel="stylesheet") if link.get("media") != "print"]
        blocking += [s["src"] for s in head.find_all("script", src=True)
                     if not (s.has_attr("async") or s.has_attr("defer") or s.get("type") == "module")]
        if len(blocking) != 1:
            problems.append(f"{site.source(path)}: {len(blocking)} render-blocking requests in <head>: {blocking}")
    assert not problems, (
        "Pages whose first paint waits for more than one file (plain Material waits for one):\n  "
        + "\n  ".join(problems[:20])
        + "\nHow to fix: add styles to docs/assets/stylesheets/site.css (listed once in mkdocs.yml `extra_css`; "
        "overrides/hooks/stylesheets_in_one_file.py joins it with Material's); put page scripts in front "
        "matter `scripts:` (they load at the end of the page), not in <head>.")


def test_every_figure_has_width_and_height_so_the_page_does_not_jump(site):
    problems = []
    for path in site.reader_pages():
        for img in parsed_page(path).select("article img"):
            if not (img.get("width") and img.get("height")):
                problems.append(f"{site.source(path)}: <img src=\"{img.get('src')}\"> has "
                                f"width={img.get('width')!r} height={img.get('height')!r}")
    assert not problems, (
        "Images without both width and height: the text below them jumps when they load:\n  "
        + "\n  ".join(problems[:20])
        + "\nHow to fix: give the SVG a viewBox (overrides/hooks/figure_sizes_from_svg.py then writes the "
        "height), or write both sizes in Markdown: `![alt](figures/x.svg){ width=\"720\" height=\"480\" }`. "
        "[rule FIG-SVG, see CONTRIBUTING.md#fig-svg]")


def test_request_deferring_script_runs_before_materials_bundle(site):
    problems = []
    for path in site.reader_pages():
        scripts = [s["src"] for s in parsed_page(path).find_all("script", src=True)]
        names = [re.sub(r"^(\.\./)+|^/", "", s) for s in scripts]
        bundle = next((i for i, n in enumerate(names) if re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", n)), None)
        if bundle is None or bundle == 0 or names[bundle - 1] != "assets/javascripts/defer-requests.js":
            problems.append(f"{site.source(path)}: scripts {names}")
    assert not problems, (
        "Pages where assets/javascripts/defer-requests.js does not come right before Material's bundle "
        "(then every page view downloads the search index and the sitemaps):\n  " + "\n  ".join(problems[:20])
        + "\nHow to fix: keep its <script> line first in `{% block scripts %}` in overrides/main.html.")

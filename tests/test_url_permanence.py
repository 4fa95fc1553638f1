"""Published URLs stay reachable [rule URL-KEEP]. tests/data/published-urls.txt lists every page
address the site has published; each must still be built, as the page or as a redirect page
written by mkdocs-redirects. Every page the site builds must be on that list, so the list grows
with the site and a later rename cannot silently break links readers saved."""
from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

from conftest import ROOT, rel

LIST = ROOT / "tests" / "data" / "published-urls.txt"
RULE = "[rule URL-KEEP, see CONTRIBUTING.md#url-keep]"
REFRESH = re.compile(r"""<meta\s+http-equiv=["']refresh["']\s+content=["']\d+;\s*url=([^"']+)["']""", re.I)

HOW_TO_REDIRECT = (
    "To move or rename a page, keep its old address working with a redirect in mkdocs.yml:\n"
    "    plugins:\n"
    "      - redirects:\n"
    "          redirect_maps:\n"
    "            old-name.md: zh/new-name.md        # Chinese, served at /old-name.html\n"
    "            en/old-name.md: en/new-name.md     # English, served at /en/old-name.html\n"
    "  and never delete a line from tests/data/published-urls.txt.")


def published_paths() -> list[str]:
    lines = LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def redirect_target(html: str) -> str | None:
    match = REFRESH.search(html)
    return match.group(1) if match else None


def built_pages(site) -> list[str]:
    """Paths (relative to the site root) of the content pages the build produced."""
    return [path.relative_to(site.dir).as_posix() for path in site.reader_pages()]


def test_the_published_list_is_sorted_and_has_no_duplicates():
    paths = published_paths()
    assert paths == sorted(set(paths)), (
        f"{rel(LIST)} should list each path once, in sorted order {RULE}, so a pull request shows clearly what"
        " it adds. Fix the order with: (grep '^#' FILE; grep -v '^#' FILE | sort -u) > /tmp/p && mv /tmp/p FILE"
        " (FILE = tests/data/published-urls.txt).")


def test_every_published_url_still_resolves(site):
    problems = []
    for path in published_paths():
        built = site.dir / path
        if not built.is_file():
            problems.append(f"{path} (listed in {rel(LIST)}) is no longer built.")
            continue
        target = redirect_target(built.read_text(encoding="utf-8"))
        if target is None:
            continue
        absolute = urljoin(site.url + path, target)
        target_path = unquote(urlsplit(absolute).path).lstrip("/")
        if not absolute.startswith(site.url) or not (site.dir / target_path).is_file():
            problems.append(f"{path} redirects to '{target}', which the built site does not have ({target_path}).")
    assert not problems, (
        f"Published addresses that no longer work {RULE}:\n  " + "\n  ".join(problems) + "\n" + HOW_TO_REDIRECT)


def test_every_built_page_is_in_the_published_list(site):
    listed = set(published_paths())
    missing = [f"{page} (from {site.source(site.dir / page)})" for page in built_pages(site) if page not in listed]
    assert not missing, (
        f"New pages that are not yet in {rel(LIST)} {RULE}:\n  " + "\n  ".join(missing)
        + "\nAdd each path on its own line (Chinese page: name.html; English page: en/name.html), keep the file"
        " sorted, and commit it with the page. From then on the address must keep working.")

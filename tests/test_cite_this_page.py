"""Every content page, in both languages, ends with "Cite this page" (引用本页), made from its metadata.

Content pages: every page except the file names in NOT_CONTENT of overrides/hooks/cite_this_page.py
(the glossary, the references list and the About page). The block is checked against the page
itself: its title, the site's name, its canonical URL and its last change in git.
"""
from __future__ import annotations

import datetime
import functools
import importlib.util
import os
import re
import subprocess

from conftest import DOCS, ROOT, parsed_page

HOOK = "overrides/hooks/cite_this_page.py"
_spec = importlib.util.spec_from_file_location("cite_this_page", ROOT / HOOK)
_hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_hook)
NOT_CONTENT = _hook.NOT_CONTENT
FIX = (f"The block is written by {HOOK} from the page's title, canonical URL and git date: fix the hook, not the"
       " page. A page that should not carry it goes into NOT_CONTENT there.")


@functools.lru_cache(maxsize=None)
def _last_change(markdown: str) -> str:
    """The date (UTC) of the last commit to a page, as git-revision-date-localized reads it."""
    out = subprocess.run(["git", "log", "-1", "--format=%at", "--", markdown], cwd=ROOT, capture_output=True, text=True).stdout
    epoch = int(out.strip()) if out.strip() else int(os.environ.get("SOURCE_DATE_EPOCH", "1764000000"))
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date().isoformat()


def _content_pages(site):
    for page in site.reader_pages():
        source = site.source(page)
        if source.endswith(".md"):
            yield page, source


DOUBLED_STOP = re.compile(r"[?!？！]\s?[.。]")


def test_a_question_for_a_title_is_cited_without_a_second_stop():
    """A bad example for the doubled-punctuation check above: the old form of the English citation
    ("safer?. (2026") is caught, and citation() now writes "safer? (2026"."""
    assert DOUBLED_STOP.search("Are solid-state batteries safer?. (2026, November 30)."), "the check misses '?.'"
    made = _hook.citation("en", "Are solid-state batteries safer?", "Lab to Fab", "https://example.org/safety.html",
                          "2026-11-30")
    assert made.startswith("Are solid-state batteries safer? (2026, November 30).") and not DOUBLED_STOP.search(made), (
        f"citation() in {HOOK} should end a title's own question mark without a full stop: {made!r}")


def test_every_content_page_ends_with_a_citation_made_from_its_metadata(site):
    problems, checked = [], 0
    for page, source in _content_pages(site):
        soup = parsed_page(page)
        blocks = soup.select(".cite-this-page")
        if source.rsplit("/", 1)[-1] in NOT_CONTENT:
            if blocks:
                problems.append(f"{source}: not a content page, but it has a 'Cite this page' block.")
            continue
        checked += 1
        if len(blocks) != 1:
            problems.append(f"{source}: {len(blocks)} 'Cite this page' blocks; a content page has exactly one.")
            continue
        block = blocks[0]
        language = "en" if source.startswith("docs/en/") else "zh"
        heading = block.find("h2").get_text(strip=True)
        title = soup.select_one("article h1").get_text("", strip=True).rstrip("¶")
        site_name = soup.find("meta", property="og:site_name")["content"]
        url = soup.find("link", rel="canonical")["href"]
        date = _last_change(source)
        citation = block.select_one(".cite-this-page__citation").get_text(" ", strip=True)
        bibtex = block.select_one("pre > code").get_text()
        expected_heading = "Cite this page" if language == "en" else "引用本页"
        if heading != expected_heading:
            problems.append(f"{source}: the block's heading is {heading!r}, expected {expected_heading!r}.")
        for what, value in (("title", title), ("site name", site_name), ("permanent URL", url)):
            if value not in citation:
                problems.append(f"{source}: the citation lacks the page's {what} {value!r}: {citation!r}")
            if value not in bibtex:
                problems.append(f"{source}: the BibTeX entry lacks the page's {what} {value!r}.")
        year, month, day = date.split("-")
        shown = date if language == "zh" else f"({year}, "
        if shown not in citation or date not in bibtex:
            problems.append(f"{source}: the version date should be the page's last change, {date}: {citation!r}")
        if DOUBLED_STOP.search(citation):
            problems.append(f"{source}: the citation doubles its punctuation ({DOUBLED_STOP.search(citation).group()!r}): "
                            f"a title ending in ? or ! takes no full stop after it (citation() in {HOOK}). {citation!r}")
        if not re.search(r"\[[^\]]+\]", citation):
            problems.append(f"{source}: the citation should leave the access date for the reader, in [brackets].")
        if not re.fullmatch(r"@misc\{[a-z0-9-]+,\n(  \w+ += .+,\n)+  \w+ += .+\n\}", bibtex):
            problems.append(f"{source}: the BibTeX entry is not one well-formed @misc entry:\n{bibtex}")
        last = [el for el in soup.select_one("article").children if getattr(el, "name", None)]
        if block not in last[-3:] or block.find_next(class_="footnote") is not None:
            problems.append(f"{source}: the 'Cite this page' block should come at the end, after the footnotes.")
    assert checked >= 2 * 8, f"only {checked} content pages were checked; the site has more. {FIX}"
    assert not problems, "Cite this page:\n  " + "\n  ".join(problems) + "\n" + FIX


def test_bibtex_keys_are_unique_and_the_copy_button_is_switched_on(site):
    keys = {}
    for page, source in _content_pages(site):
        for code in parsed_page(page).select(".cite-this-page pre > code"):
            key = re.match(r"@misc\{([^,]+),", code.get_text()).group(1)
            keys.setdefault(key, []).append(source)
    duplicates = {k: v for k, v in keys.items() if len(v) > 1}
    assert not duplicates, f"BibTeX keys used by more than one page: {duplicates}. {FIX}"
    config = parsed_page(site.dir / "index.html").find("script", id="__config").string
    assert '"content.code.copy"' in config, (
        "Material's copy button is off: add `content.code.copy` under theme.features in mkdocs.yml.")


def test_every_page_named_in_not_content_exists():
    for name in NOT_CONTENT:
        assert (DOCS / "zh" / name).exists(), f"NOT_CONTENT names {name}, which is not a page: remove it from {HOOK}."


def test_the_bibtex_entry_has_a_copy_button_in_the_browser(site, browser):
    # `browser` is the session's Chromium (tests/browser_support.py, through conftest.py): a second
    # Playwright in the same process would fail, and a missing browser fails the test, never skips it.
    page = browser.new_page()
    try:
        for path in ("oxides.html", "en/oxides.html"):
            page.goto(site.url + path)
            button = page.locator(".cite-this-page pre button.md-code__button")
            button.first.wait_for(state="attached", timeout=10_000)
            assert button.count() == 1, f"{path}: the BibTeX entry should have Material's copy button (content.code.copy)."
    finally:
        page.close()

"""The build is clean, and every link inside the built site lands somewhere real."""
from __future__ import annotations

import functools
import pathlib
from urllib.parse import unquote, urljoin, urlsplit

from conftest import parsed_page
from markdown_source import rule



IGNORED_FRAGMENTS = {"", "__code", "top"}


def test_the_strict_build_logs_no_warning(site):
    assert not site.warnings, (
        "`mkdocs build --strict` logged warnings (--strict lets some plugin warnings through, so we"
        " fail on every one):\n  " + "\n  ".join(site.warnings)
        + "\nEach line names the file and the problem. A 'has no git logs' warning means a page is"
        " not committed yet: `git add` and commit it."
    )


@functools.lru_cache(maxsize=None)
def _ids(path: pathlib.Path) -> frozenset[str]:
    return frozenset(el["id"] for el in parsed_page(path).find_all(id=True))


def _internal_targets(site, page: pathlib.Path):
    """Yield (attribute value, resolved file path, fragment, element) for site-internal links."""
    page_url = site.url + page.relative_to(site.dir).as_posix()
    local = urlsplit(site.url).netloc
    for element in parsed_page(page).find_all(["a", "link", "img", "script", "source"]):
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if not value or value.startswith(("mailto:", "data:")):
                continue
            absolute = urljoin(page_url, value)
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https") or parts.netloc != local:
                continue
            path = unquote(parts.path)
            if path.endswith("/"):
                path += "index.html"
            yield value, site.dir / path.lstrip("/"), parts.fragment, element


def test_every_internal_link_and_image_resolves_to_a_file(site):
    problems = []
    for page in site.html_files():
        for value, target, _, element in _internal_targets(site, page):
            if not target.is_file():
                problems.append(f"{site.source(page)}: <{element.name}> points at '{value}', but the built site has no such file.")
    assert not problems, (
        f"Broken links in the built site {rule('LINK-INTERNAL')} (find the link in the Markdown page of the same name under docs/;"
        " link to the .md file, e.g. [text](oxides.md#sintering), and MkDocs makes it right; inside raw HTML"
        " such as <p>, add the `markdown` attribute and use a Markdown link):\n  "
        + "\n  ".join(sorted(set(problems))[:60])
    )


def test_every_link_fragment_matches_an_id_on_the_target_page(site):
    problems = []
    for page in site.html_files():
        for value, target, fragment, element in _internal_targets(site, page):
            if element.name != "a" or fragment in IGNORED_FRAGMENTS or fragment.startswith("__"):
                continue
            if target.suffix == ".html" and target.is_file() and unquote(fragment) not in _ids(target):
                problems.append(f"{site.source(page)}: link '{value}' asks for #{fragment}, which {target.name} does not have.")
    assert not problems, (
        f"Links to a heading that does not exist {rule('LINK-INTERNAL')} (use the explicit id of the heading, the part in {{#...}},"
        " e.g. [text](sulfides.md#moisture)):\n  " + "\n  ".join(sorted(set(problems))[:60])
    )


def test_pages_link_only_to_pages_in_their_own_language(site):
    problems = []
    for page in site.html_files():
        language = site.lang_of(page)
        for value, target, _, element in _internal_targets(site, page):
            if target.suffix != ".html" or element.name != "a":
                continue
            if {"md-select__link", "translation-notice__link"} & set(element.get("class") or []):
                continue  # the language switcher and the translation notice are meant to cross over
            if target.is_file() and site.lang_of(target) != language:
                problems.append(f"{site.source(page)} ({language}) links to '{value}', a page in the other language.")
    assert not problems, (
        f"A page links across languages {rule('LINK-INTERNAL')} (link to the twin in the same folder instead: docs/en/ pages link"
        " to docs/en/ pages, docs/zh/ to docs/zh/):\n  " + "\n  ".join(sorted(set(problems))[:60])
    )

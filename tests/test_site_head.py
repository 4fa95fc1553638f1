"""Every built page tells browsers, search engines and link previews who it is: language,
canonical URL, absolute and reciprocal hreflang alternates with x-default, description, Open Graph."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import DOCS, parsed_page, rel
from markdown_source import front_matter, rule


def _source_of(site, page):
    language = site.lang_of(page)
    return DOCS / language / (page.stem + ".md")


def _alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.select('head link[rel="alternate"][hreflang]')}


def test_every_page_declares_its_language_and_canonical_url(site):
    problems = []
    for page in site.reader_pages():
        soup = parsed_page(page)
        language = site.lang_of(page)
        if soup.html.get("lang") != language:
            problems.append(f"{site.source(page)}: <html lang=\"{soup.html.get('lang')}\">, expected \"{language}\".")
        canonical = soup.select_one('head link[rel="canonical"]')
        expected = site.url + page.relative_to(site.dir).as_posix()
        if not canonical or canonical.get("href") != expected:
            problems.append(f"{site.source(page)}: canonical is {canonical.get('href') if canonical else 'missing'}, expected {expected}.")
    assert not problems, "Head metadata is wrong (overrides/main.html renders it):\n  " + "\n  ".join(problems)


def test_hreflang_alternates_are_absolute_reciprocal_and_include_x_default(site):
    problems = []
    for page in site.reader_pages():
        alternates = _alternates(parsed_page(page))
        own_url = site.url + page.relative_to(site.dir).as_posix()
        if set(alternates) != {"zh", "en", "x-default"}:
            problems.append(f"{site.source(page)}: hreflang values {sorted(alternates)}, expected en, x-default, zh.")
            continue
        if alternates[site.lang_of(page)] != own_url:
            problems.append(f"{site.source(page)}: its own hreflang link is {alternates[site.lang_of(page)]}, expected {own_url}.")
        if alternates["x-default"] != alternates["zh"]:
            problems.append(f"{site.source(page)}: x-default should be the Chinese page (the default language).")
        for language, href in alternates.items():
            if not href.startswith(site.url):
                problems.append(f"{site.source(page)}: hreflang {language} is '{href}', not an absolute URL on this site.")
                continue
            target = site.dir / href[len(site.url):]
            if not target.is_file():
                problems.append(f"{site.source(page)}: hreflang {language} points at {href}, which was not built.")
            elif _alternates(parsed_page(target)).get(site.lang_of(page)) != own_url:
                problems.append(f"{site.source(page)}: its {language} twin {site.source(target)} does not point back to it.")
    assert not problems, "hreflang alternates are wrong (overrides/main.html renders them):\n  " + "\n  ".join(problems)


def test_every_page_has_a_description_and_open_graph_tags_from_its_front_matter(site):
    problems = []
    for page in site.reader_pages():
        soup = parsed_page(page)
        source = _source_of(site, page)
        description = (front_matter(source).get("description") or "").strip() if source.exists() else ""
        meta = soup.select_one('head meta[name="description"]')
        if not description:
            problems.append(f"{rel(source)}: no `description:` in the front matter {rule('PAGE-DESC')}. Add one sentence (≤ 150 characters) between --- lines at the top.")
        elif not meta or meta.get("content") != description:
            problems.append(f"{site.source(page)}: <meta name=description> does not carry the front matter's description.")
        for prop in ("og:title", "og:description", "og:url", "og:locale", "og:site_name"):
            if not soup.select_one(f'head meta[property="{prop}"][content]'):
                problems.append(f"{site.source(page)}: no <meta property=\"{prop}\">.")
    assert not problems, "Description and Open Graph metadata:\n  " + "\n  ".join(problems)


def test_the_sitemap_lists_every_page_of_both_languages_with_alternates(site):
    tree = ET.parse(site.dir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    listed = {}
    for url in tree.getroot().findall("s:url", ns):
        listed[url.find("s:loc", ns).text] = {l.get("hreflang") for l in url.findall("x:link", ns)}
    problems = []
    for page in site.reader_pages():
        address = site.url + page.relative_to(site.dir).as_posix()
        if address not in listed:
            problems.append(f"{address} is not in sitemap.xml.")
        elif listed[address] != {"zh", "en"}:
            problems.append(f"{address} lists alternates {sorted(listed[address])} in sitemap.xml, expected en and zh.")
    assert not problems, "sitemap.xml:\n  " + "\n  ".join(problems)


def test_each_language_has_its_own_404_page(site):
    problems = []
    for path, language, words in ((site.dir / "404.html", "zh", "找不到"), (site.dir / "en" / "404.html", "en", "not found")):
        if not path.is_file():
            problems.append(f"{site.source(path)} was not built (overrides/hooks/not_found_page_per_language.py writes it).")
            continue
        soup = parsed_page(path)
        if soup.html.get("lang") != language or words not in soup.get_text().lower():
            problems.append(f"{site.source(path)} is not the {language} 404 page (lang={soup.html.get('lang')}).")
        switcher = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
        if switcher != {"zh": site.url + "index.html", "en": site.url + "en/index.html"}:
            problems.append(f"{site.source(path)}: the language switcher should lead to the two home pages, not {switcher}.")
    assert not problems, "404 pages:\n  " + "\n  ".join(problems)

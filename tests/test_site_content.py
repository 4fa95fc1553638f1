"""Rules every page follows so both languages stay linkable and checkable: explicit heading ids,
footnotes that are defined and used, a References section, figures with alt text and captions,
SVG figures with real text, and one glossary that feeds the glossary pages and the tooltips."""
from __future__ import annotations

import re

import pytest

from conftest import DOCS, markdown_pages, rel
from markdown_source import FOOTNOTE_DEF, FOOTNOTE_REF, IMAGE, headings, lines_outside_code, load_glossary, read, rule, where

PAGES = markdown_pages()
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEEP_PAGES = {"oxides.md", "sulfides.md", "interfaces.md"}


def page_id(path):
    return rel(path).removeprefix("docs/")


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_heading_below_the_title_has_an_explicit_id(page):
    problems = []
    for number, level, text, heading_id in headings(page):
        if level == 1:
            continue
        if heading_id is None:
            problems.append(f"{where(page, number)}: heading '{text}' has no explicit id {rule('TWIN-ID')}. End it with {{#some-id}} (lowercase English words joined by hyphens, the same in both languages).")
        elif not KEBAB.match(heading_id):
            problems.append(f"{where(page, number)}: id '{heading_id}' should be lowercase ASCII words joined by hyphens {rule('TWIN-ID')}, e.g. {{#grain-boundaries}}.")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_footnote_is_defined_and_cited(page):
    text = read(page)
    defined = FOOTNOTE_DEF.findall(text)
    cited = set(FOOTNOTE_REF.findall(text))
    problems = [f"{where(page)}: [^{k}] is cited but never defined {rule('CITE-FOOTNOTE')}. Add `[^{k}]: Author, title, source. <https://doi.org/...>` under References." for k in sorted(cited - set(defined))]
    problems += [f"{where(page)}: [^{k}] is defined but never cited {rule('CITE-FOOTNOTE')}. Cite it in the text or remove the definition." for k in sorted(set(defined) - cited)]
    problems += [f"{where(page)}: [^{k}] is defined twice." for k in sorted({k for k in defined if defined.count(k) > 1})]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_pages_with_citations_end_with_a_references_section(page):
    text = read(page)
    if not FOOTNOTE_DEF.search(text) and page.name not in DEEP_PAGES:
        return
    ids = [heading_id for _, level, _, heading_id in headings(page) if level == 2]
    assert ids and ids[-1] == "references", (
        f"{where(page)}: the last ## section should be the References section {rule('CITE-FOOTNOTE')}: `## 参考文献 {{#references}}` on"
        " Chinese pages, `## References {#references}` on English pages, followed by the footnote definitions.")


@pytest.mark.parametrize("page", sorted(p for p in PAGES if p.name in DEEP_PAGES), ids=page_id)
def test_each_deep_page_cites_at_least_eight_sources(page):
    count = len(set(FOOTNOTE_DEF.findall(read(page))))
    assert count >= 8, f"{where(page)}: {count} footnote sources; a deep explainer page cites at least 8 {rule('CITE-PRIMARY')} (primary sources where they exist)."


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_image_has_alt_text_and_every_figure_a_caption(page):
    problems = []
    in_figure, caption_seen, figure_line = False, False, 0
    for number, line in lines_outside_code(page):
        for alt, src in IMAGE.findall(line):
            if not alt.strip():
                problems.append(f"{where(page, number)}: image {src} has no alt text {rule('FIG-ALT')}. Write what the figure shows inside ![...].")
        if "<figure" in line:
            in_figure, caption_seen, figure_line = True, False, number
        if in_figure and "<figcaption" in line:
            caption_seen = True
        if in_figure and "</figure>" in line:
            if not caption_seen:
                problems.append(f"{where(page, figure_line)}: figure without <figcaption> {rule('FIG-ALT')}. Add a caption in the page's language.")
            in_figure = False
    assert not problems, "\n".join(problems)


# SVG figures (role, title, desc, viewBox, real text) are checked in tests/test_build_integrity.py.


# --- glossary ------------------------------------------------------------------------------

def test_the_glossary_has_every_term_in_both_languages_once():
    terms = load_glossary()
    where_ = "includes/glossary.yml"
    problems = []
    if len(terms) < 25:
        problems.append(f"{where_}: {len(terms)} terms; the glossary should keep at least 25.")
    ids, tokens = set(), {}
    for index, term in enumerate(terms, start=1):
        label = term.get("id", f"entry {index}")
        if not KEBAB.match(str(term.get("id", ""))):
            problems.append(f"{where_}: {label}: `id` must be lowercase words joined by hyphens.")
        if term.get("id") in ids:
            problems.append(f"{where_}: id '{label}' appears twice.")
        ids.add(term.get("id"))
        for language in ("zh", "en"):
            entry = term.get(language) or {}
            for key in ("term", "definition"):
                if not str(entry.get(key, "")).strip():
                    problems.append(f"{where_}: {label}: missing {language}.{key}.")
        for token in term.get("abbr", []) or []:
            if token in tokens:
                problems.append(f"{where_}: the tooltip token '{token}' is listed under both '{tokens[token]}' and '{label}'; keep it under one term.")
            tokens[token] = label
        see = term.get("see")
        if see:
            target = DOCS / "en" / see.split("#")[0]
            if not target.exists():
                problems.append(f"{where_}: {label}: `see: {see}` names a page that does not exist.")
    assert not problems, "\n".join(problems)


def test_the_glossary_pages_are_generated_from_the_one_glossary_file():
    problems = []
    for language in ("zh", "en"):
        page = DOCS / language / "glossary.md"
        if "<!-- glossary -->" not in read(page):
            problems.append(f"{rel(page)}: the line `<!-- glossary -->` is missing; the term list is generated there from includes/glossary.yml. Do not write terms by hand.")
    assert not problems, "\n".join(problems)


def test_glossary_tooltips_appear_in_the_language_of_the_page(site):
    terms = [t for t in load_glossary() if t.get("abbr")]
    assert terms, "includes/glossary.yml has no `abbr:` tokens, so no page gets tooltips."
    problems = []
    for term in terms:
        token = term["abbr"][0]
        for language, folder in (("zh", site.dir), ("en", site.dir / "en")):
            definition = " ".join(str(term[language]["definition"]).split())
            pages = [p for p in folder.glob("*.html") if f">{token}</abbr>" in p.read_text(encoding="utf-8")]
            for page in pages[:1]:
                html = page.read_text(encoding="utf-8")
                if definition.replace('"', "&quot;")[:40] not in html:
                    problems.append(f"{rel(page)}: the tooltip for {token} is not the {language} definition from includes/glossary.yml.")
    assert not problems, "\n".join(problems)


def test_the_references_page_gathers_every_cited_source(site):
    footnote_link = re.compile(r"^\[\^[^\]]+\]:.*?<?(https://[^\s>)]+)", re.M)
    problems = []
    for language, built in (("zh", site.dir / "references.html"), ("en", site.dir / "en" / "references.html")):
        html = built.read_text(encoding="utf-8")
        for page in markdown_pages(language):
            for url in footnote_link.findall(read(page)):
                if url.replace("&", "&amp;") not in html:
                    problems.append(f"{rel(page)}: {url} is cited but not on {rel(built)}.")
    assert not problems, (
        "The References page is generated from the footnotes (overrides/hooks/references_page_from_footnotes.py);"
        " a source missing there means the page is not in the nav of mkdocs.yml, or its footnote is malformed:\n  "
        + "\n  ".join(problems[:40]))

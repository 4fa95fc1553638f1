"""The Chinese and the English site are twins: same pages, navigation, heading ids, footnotes,
figures and numbers. Where a difference in numbers is right, it is listed, with its reason, in
tests/data/number-parity-exceptions.yml."""
from __future__ import annotations

import pytest

import reader_checks as checks
from conftest import markdown_pages, parsed_page, rel, report
from markdown_source import FOOTNOTE_DEF, IMAGE, headings, page_names, read, rule, twin, where

PAIRS = [p for p in markdown_pages("zh")]


def pair_id(path):
    return path.name


def test_every_page_has_a_twin_in_the_other_language():
    names = page_names()
    only_zh = sorted(names["zh"] - names["en"])
    only_en = sorted(names["en"] - names["zh"])
    message = []
    for name in only_zh:
        message.append(f"docs/zh/{name} has no English twin {rule('TWIN-PAGE')}: create docs/en/{name} (same file name).")
    for name in only_en:
        message.append(f"docs/en/{name} has no Chinese twin {rule('TWIN-PAGE')}: create docs/zh/{name} (same file name).")
    assert not message, "\n".join(message)


def _primary_nav(html_path):
    soup = parsed_page(html_path)
    nav = soup.select_one("nav.md-nav--primary")
    shape = []
    for link in nav.select("a.md-nav__link[href]"):
        depth = len(link.find_parents("nav"))
        target = link["href"].split("#")[0].rsplit("/", 1)[-1]
        shape.append((depth, target))
    return shape


def test_the_navigation_has_the_same_shape_in_both_languages(site):
    zh = _primary_nav(site.dir / "index.html")
    en = _primary_nav(site.dir / "en" / "index.html")
    assert zh == en, (
        f"The navigation differs between languages {rule('TWIN-PAGE')} (depth, page):\n  zh: "
        + repr(zh) + "\n  en: " + repr(en)
        + "\nThe nav lives once in mkdocs.yml; a page missing in one language drops out of that nav."
    )


@pytest.mark.parametrize("zh_page", PAIRS, ids=pair_id)
def test_twins_have_the_same_heading_ids_in_the_same_order(zh_page):
    en_page = twin(zh_page)
    if not en_page.exists():
        pytest.fail(f"{rel(en_page)} is missing (see test_every_page_has_a_twin_in_the_other_language).")
    zh_ids = [(n, i) for n, level, _, i in headings(zh_page) if level > 1]
    en_ids = [(n, i) for n, level, _, i in headings(en_page) if level > 1]
    if [i for _, i in zh_ids] == [i for _, i in en_ids]:
        return
    for (zn, zi), (en_, ei) in zip(zh_ids, en_ids):
        if zi != ei:
            pytest.fail(
                f"Heading ids part ways at {where(zh_page, zn)} {{#{zi}}} and {where(en_page, en_)} {{#{ei}}}."
                f" {rule('TWIN-ID')} Twins keep the same headings, in the same order, with the same {{#id}}: rename or add the"
                " heading so both pages match.", pytrace=False)
    longer, extra = (zh_page, zh_ids[len(en_ids):]) if len(zh_ids) > len(en_ids) else (en_page, en_ids[len(zh_ids):])
    pytest.fail(
        f"{rel(longer)} has headings its twin lacks: "
        + ", ".join(f"line {n} {{#{i}}}" for n, i in extra) + ". Add them to the twin, or remove them.",
        pytrace=False)


@pytest.mark.parametrize("zh_page", PAIRS, ids=pair_id)
def test_twins_define_the_same_footnote_keys(zh_page):
    en_page = twin(zh_page)
    zh_keys = set(FOOTNOTE_DEF.findall(read(zh_page)))
    en_keys = set(FOOTNOTE_DEF.findall(read(en_page))) if en_page.exists() else set()
    problems = [f"[^{k}] is defined in {rel(zh_page)} but not in {rel(en_page)}" for k in sorted(zh_keys - en_keys)]
    problems += [f"[^{k}] is defined in {rel(en_page)} but not in {rel(zh_page)}" for k in sorted(en_keys - zh_keys)]
    assert not problems, (
        f"Footnote keys differ between twins {rule('TWIN-FOOTNOTE')} (each citation is given in both languages, with the same key):\n  "
        + "\n  ".join(problems))


@pytest.mark.parametrize("zh_page", PAIRS, ids=pair_id)
def test_twins_show_the_same_figures(zh_page):
    en_page = twin(zh_page)
    zh_figs = {src for _, src in IMAGE.findall(read(zh_page))}
    en_figs = {src for _, src in IMAGE.findall(read(en_page))} if en_page.exists() else set()
    problems = [f"{rel(zh_page)} shows {src}, {rel(en_page)} does not" for src in sorted(zh_figs - en_figs)]
    problems += [f"{rel(en_page)} shows {src}, {rel(zh_page)} does not" for src in sorted(en_figs - zh_figs)]
    for page, figs in ((zh_page, zh_figs), (en_page, en_figs)):
        for src in figs:
            if not src.startswith(("http:", "https:", "//")) and not (page.parent / src).exists():
                problems.append(f"{rel(page)} shows {src}, but {rel(page.parent / src)} does not exist")
    assert not problems, (
        f"Twins show different figures {rule('TWIN-FIGURE')} (each figure exists in both docs/zh/figures/ and docs/en/figures/, same"
        " file name, text in that language):\n  " + "\n  ".join(problems))


# --- on the rendered pages ---------------------------------------------------------------
# Numbers, footnote links, figure numbers and section lengths are compared on what readers get
# (tests/reader_checks.py), so text in HTML comments or behind a fake code fence does not count,
# and what attribute lists or entities add does.


def test_rendered_twins_state_the_same_numbers_per_section_and_table_row(reader):
    report(checks.run(reader, "twin numbers"),
           f"The twins state different numbers {rule('TWIN-NUMBER')} (compared per section, and per table row column by column):")


def test_rendered_twins_cite_the_same_source_under_each_footnote_key(reader):
    report(checks.run(reader, "twin footnotes"), "Footnotes whose links differ between the twins:")


def test_rendered_twin_figures_show_the_same_numbers(reader):
    report(checks.run(reader, "twin figures"), "Twin SVG figures that disagree:")


def test_rendered_twin_sections_are_of_comparable_length(reader):
    report(checks.run(reader, "twin lengths"), "Sections much longer in one language than in the other:")


def test_no_page_is_a_near_copy_of_another(reader):
    report(checks.run(reader, "near copies"), "Pages that repeat another page:")

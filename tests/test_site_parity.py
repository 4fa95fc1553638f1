"""The Chinese and the English site are twins: same pages, navigation, heading ids, footnotes,
figures and numbers. Where a difference in numbers is right, it is listed, with its reason, in
tests/data/number-parity-exceptions.yml."""
from __future__ import annotations

import collections
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, markdown_pages, rel
from markdown_source import FOOTNOTE_DEF, IMAGE, headings, lines_outside_code, page_names, read, rule, twin, where

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
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
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


# --- numbers ---------------------------------------------------------------------------------

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
URL = re.compile(r"https?://\S+|\]\([^)]*\)|\{[^}]*\}|<[^>]+>|`[^`]*`")
NUMBER = re.compile(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*(万亿|万|亿|million|billion|trillion))?(?:\^(-?\d+)\^?)?")
YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[–-]\s*(\d{2})\b(?!\d)")
SCALE = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "million": 10**6, "billion": 10**9, "trillion": 10**12}
MONTHS = "January February March April May June July August September October November December".split()
# "11 July 2024" and "July 2024" carry the month as a number, as "2024 年 7 月 11 日" does.
DATED_MONTH = re.compile(r"(?<=\d )(%s)\b|\b(%s)(?= \d)" % ("|".join(MONTHS), "|".join(MONTHS)))


def _normalise(text: str) -> str:
    text = re.sub(r"([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "^" + m.group(1).translate(SUPERSCRIPT) + "^", text)
    text = DATED_MONTH.sub(lambda m: str(MONTHS.index(m.group(1) or m.group(2)) + 1), text)
    text = YEAR_RANGE.sub(lambda m: f"{m.group(1)}–{m.group(1)[:2]}{m.group(2)}", text)
    return URL.sub(" ", text)


def number_keys(text: str) -> list[str]:
    """The numbers written in a piece of text, normalised (1.2 万 -> '12000', 10⁻³ -> '10e-3'),
    so that a Chinese and an English sentence can be compared. Also used for the industry records'
    summaries (tests/test_industry_data.py)."""
    keys = []
    for match in NUMBER.finditer(_normalise(text)):
        value, scale, exponent = match.groups()
        amount = float(value.replace(",", ""))
        if scale:
            amount *= SCALE[scale]
        keys.append(f"{amount:g}" + (f"e{exponent}" if exponent else ""))
    return keys


def numbers_in(path):
    """{normalised number: first line number} for the digits written in a page."""
    found = {}
    for number, line in lines_outside_code(path):
        for key in number_keys(line):
            found.setdefault(key, number)
    return found


def _exceptions():
    path = ROOT / "tests" / "data" / "number-parity-exceptions.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    allowed = collections.defaultdict(set)
    for entry in entries:
        assert entry.get("reason"), f"{rel(path)}: every exception needs a reason ({entry})."
        allowed[entry["page"]].add(str(entry["number"]))
    return allowed


@pytest.mark.parametrize("zh_page", PAIRS, ids=pair_id)
def test_twins_state_the_same_numbers(zh_page):
    en_page = twin(zh_page)
    if not en_page.exists():
        pytest.fail(f"{rel(en_page)} is missing.")
    allowed = _exceptions()[zh_page.name]
    zh, en = numbers_in(zh_page), numbers_in(en_page)
    problems = [f"{where(zh_page, line)}: {value} is not in the English twin"
                for value, line in zh.items() if value not in en and value not in allowed]
    problems += [f"{where(en_page, line)}: {value} is not in the Chinese twin"
                 for value, line in en.items() if value not in zh and value not in allowed]
    assert not problems, (
        f"The twins state different numbers {rule('TWIN-NUMBER')}. Write each figure in both languages (1,000 = 1000, 10⁻³ = 10^-3^,"
        " 1.2 万 = 12,000, 1 亿 = 100 million). If a difference is right, add it to"
        " tests/data/number-parity-exceptions.yml with page, number and reason:\n  " + "\n  ".join(problems))

"""Lints a contributor meets in a pull request. Each failure names the file, the line, the rule id
(explained in CONTRIBUTING.md, "Style guide") and the fix. Well-kept tools do the work where one
exists: pymarkdownlnt for Markdown style, autocorrect-py for spacing and punctuation in Chinese."""
from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import autocorrect_py
import pytest

from browser_support import ROW_KIND_LEAVES_OUT
from conftest import ROOT, markdown_pages, rel
from markdown_source import lines_outside_code, prose_lines, read, rule, where

PAGES = markdown_pages()
ZH_PAGES = markdown_pages("zh")


def page_id(path):
    return rel(path).removeprefix("docs/")


def test_markdown_follows_the_house_style():
    """pymarkdownlnt with .pymarkdown.json (line length, inline HTML and indented code are allowed)."""
    proc = subprocess.run(
        [sys.executable, "-m", "pymarkdown", "--config", ".pymarkdown.json", "scan", "-r", "docs"],
        cwd=ROOT, capture_output=True, text=True)
    output = (proc.stdout + proc.stderr).replace(str(ROOT) + "/", "")
    assert proc.returncode == 0, (
        f"Markdown style problems {rule('MD-STYLE')} (file:line:column: rule: what is wrong). Most are fixed by"
        " following the message; `pymarkdown --config .pymarkdown.json fix -r docs` mends many automatically:\n"
        + output[-6000:])


@pytest.mark.parametrize("page", ZH_PAGES, ids=page_id)
def test_chinese_pages_space_and_punctuate_mixed_text(page):
    result = autocorrect_py.lint_for(read(page), str(page))
    problems = [
        f"{where(page, line.line)}: write\n      {line.new.strip()}\n    instead of\n      {line.old.strip()}"
        for line in result.lines
    ]
    assert not problems, (
        f"Spacing or punctuation between Chinese and Latin text {rule('ZH-SPACE')}: a half-width space between Chinese"
        " and Latin letters or digits, full-width punctuation in Chinese sentences, no space beside full-width"
        " punctuation. autocorrect suggests:\n  " + "\n  ".join(problems))


LOOKALIKE_RANGES = [
    (0x2E80, 0x2EFF, "a CJK radical (⺠, ⻓ …) in place of an ordinary character"),
    (0x2F00, 0x2FDF, "a Kangxi radical (⽅, ⾦ …) in place of an ordinary character"),
    (0xF900, 0xFAFF, "a CJK compatibility ideograph in place of the ordinary character"),
    (0xFF10, 0xFF19, "a full-width digit"),
    (0xFF21, 0xFF3A, "a full-width Latin capital letter"),
    (0xFF41, 0xFF5A, "a full-width Latin small letter"),
    (0x200B, 0x200D, "an invisible zero-width character"),
    (0xFEFF, 0xFEFF, "an invisible byte-order mark"),
]


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_no_look_alike_characters_that_break_search(page):
    problems = []
    for number, line in enumerate(read(page).splitlines(), start=1):
        for char in line:
            for low, high, what in LOOKALIKE_RANGES:
                if low <= ord(char) <= high:
                    normal = unicodedata.normalize("NFKC", char)
                    fix = f" Replace it with '{normal}'." if normal and normal != char else " Delete it."
                    problems.append(f"{where(page, number)}: '{char}' (U+{ord(char):04X}) is {what}.{fix}")
    assert not problems, (
        f"Characters that look right but are not the ones readers search for {rule('CHAR-LOOKALIKE')}:\n  "
        + "\n  ".join(problems[:40]))


ELEMENTS = set("""H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br
Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W
Re Os Ir Pt Au Hg Tl Pb Bi Th U""".split())
FORMULA = re.compile(r"(?<![\w/.#-])((?:[A-Z][a-z]?\d*(?:\.\d+)?){2,})(?![\w-])")
PLAIN_POWER = re.compile(r"(?:×|\bx)\s*10\s*[-−–]\s*\d|\b10\s*[-−]\d+\s*(?:S/cm|mS/cm)|\b\d(?:\.\d+)?[eE]-\d+\b|10\^-?\d+(?!\^)\b")
def _formula_without_subscripts(token):
    parts = re.findall(r"[A-Z][a-z]?\d*(?:\.\d+)?", token)
    symbols = [re.match(r"[A-Z][a-z]?", part).group(0) for part in parts]
    digit_runs = re.findall(r"\d+", token)
    # Subscripts are short (Li₁₀GeP₂S₁₂); FY2028 or NMC811 are names, not formulas.
    return bool(digit_runs) and max(map(len, digit_runs)) <= 2 and all(symbol in ELEMENTS for symbol in symbols)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_formulas_and_powers_of_ten_use_real_sub_and_superscripts(page):
    problems = []
    for number, text in prose_lines(page):
        for token in FORMULA.findall(text):
            if _formula_without_subscripts(token):
                fixed = re.sub(r"(?<=[A-Za-z)])(\d+(?:\.\d+)?)", lambda m: m.group(1).translate(str.maketrans("0123456789.", "₀₁₂₃₄₅₆₇₈₉.")), token)
                problems.append(f"{where(page, number)}: '{token}' {rule('CHEM-SUB')}: write {fixed}.")
        for match in PLAIN_POWER.finditer(text):
            problems.append(f"{where(page, number)}: '{match.group(0)}' {rule('NUM-POWER')}: write powers of ten with superscripts, e.g. 10⁻³ S/cm or 1.2×10⁻².")
    assert not problems, "Formulas and powers of ten:\n  " + "\n  ".join(problems)


UNIT = re.compile(r"\d(°C|K\b|S/cm|mS/cm|ppm|µm|μm|nm|MPa|GPa|GWh|MWh|kWh|Wh/kg|mAh|Ah\b|V\b|mA/cm²)")


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_numbers_and_units_are_separated_by_a_space(page):
    problems = []
    for number, text in prose_lines(page):
        for match in UNIT.finditer(text):
            problems.append(f"{where(page, number)}: '{text[max(0, match.start() - 6):match.end()].strip()}' {rule('NUM-UNIT')}: put a space between the number and {match.group(1)} (1000 °C, 10⁻³ S/cm).")
    assert not problems, "Units:\n  " + "\n  ".join(problems)


DOI_LINK = re.compile(r"https?://(?:dx\.)?doi\.org/([^\s>)\]]+)", re.I)
DOI_SHAPE = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>]+$")


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_doi_links_are_well_formed(page):
    problems = []
    for number, line in lines_outside_code(page):
        for match in DOI_LINK.finditer(line):
            url, doi = match.group(0), match.group(1)
            if not url.lower().startswith("https://doi.org/"):
                problems.append(f"{where(page, number)}: '{url}' {rule('CITE-DOI')}: link DOIs as https://doi.org/10.xxxx/... .")
            if not DOI_SHAPE.match(doi) or doi.endswith((".", ",", ";")):
                problems.append(f"{where(page, number)}: '{doi}' {rule('CITE-DOI')}: is not a well-formed DOI (10.<registrant>/<suffix>, no trailing punctuation).")
    assert not problems, "DOIs:\n  " + "\n  ".join(problems)


# --- the style sheet: colours follow the palette and an element's kind, not the screen or position ----
STYLESHEETS = sorted((ROOT / "docs" / "assets" / "stylesheets").glob("*.css"))
# A colour rule may sit in a media query only if the query names media types alone (screen, print,
# all): any condition (width, height, orientation, hover, pointer, prefers-color-scheme, scripting,
# reduced motion ...) gives some readers colours that the tests, which play one setting, never see.
# The palette toggle sets [data-md-color-scheme], and site.css colours by that attribute.
MEDIA_TYPES_ONLY = re.compile(r"^@media\s+(?:only\s+)?(?:screen|print|all)(?:\s*,\s*(?:only\s+)?(?:screen|print|all))*\s*$", re.I)
# What makes rows of one kind differ only by position or by attributes the row check leaves out
# (mark_repeated_rows and ROW_KIND_LEAVES_OUT in tests/browser_support.py): structural
# pseudo-classes, sibling combinators, #id, those attributes and data-* (but the palette's
# data-md-color-scheme).
POSITION = re.compile(r":(?:nth-(?:last-)?(?:child|of-type)|(?:first|last|only)-(?:child|of-type))\b|[+~]", re.I)
BY_POSITION = "for elements picked by position or by " + ", ".join(ROW_KIND_LEAVES_OUT) + " or data-*"
IGNORED_BY_THE_ROW_CHECK = re.compile(r"#[\w-]|\[\s*(?:" + "|".join(ROW_KIND_LEAVES_OUT) + r")\b|:lang\(|"
                                      r"\[\s*data-(?!md-color-scheme\b)", re.I)
# Properties that change what axe-core's colour rules see: colours, and the size, weight, decoration
# and shadow of text (large text needs 3:1, not 4.5:1; links may stand out by underline).
COLOUR_PROPERTY = re.compile(r"^(?:--.*colou?r.*|.*colou?r|background.*|opacity|filter|fill|stroke|mix-blend-mode|"
                             r"-webkit-text-fill-color|font|font-size|font-weight|text-decoration.*|text-shadow)$", re.I)


def colours_the_browser_tests_cannot_see(css: str) -> list[tuple[int, str, str]]:
    """(line, property, why) for each colour declaration inside an @media block with a condition or an
    @container block, or in a rule whose selector picks elements by position (:nth-child, :first-child
    ..., a sibling combinator + or ~) or by an attribute the row check leaves out (#id, [data-...] ...).
    A small reader of CSS blocks: comments and strings blanked (line numbers kept), each `{` opens a
    block named by the text before it, declarations are read between `{`, `;` and `}`."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    shown = re.sub(r"/\*.*?\*/", blank, css, flags=re.S)  # block names as written, for the messages
    css = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', lambda m: m.group(0)[0] + blank(m)[2:] + m.group(0)[-1], shown)
    found, blocks, start = [], [], 0
    for match in re.finditer(r"[{};]", css):
        text = css[start:match.start()]
        if match.group(0) == "{":
            blocks.append((" ".join(text.split()), " ".join(shown[start:match.start()].split())))
        else:
            declaration = re.match(r"\s*([-\w]+)\s*:", text)
            in_print = any(re.match(r"^@media\s+(?:only\s+)?print\s*$", b, re.I) for b, _ in blocks)  # not on screen
            if declaration and COLOUR_PROPERTY.match(declaration.group(1)) and not in_print:
                line = css.count("\n", 0, start + declaration.start(1)) + 1
                queries = [name for b, name in blocks if (b.lower().startswith("@media") and not MEDIA_TYPES_ONLY.match(b))
                           or b.lower().startswith("@container")]
                by_position = [name for b, name in blocks if not b.startswith("@") and (
                    POSITION.search(re.sub(r"\[[^\]]*\]", "[]", b)) or IGNORED_BY_THE_ROW_CHECK.search(b))]
                if queries:
                    found.append((line, declaration.group(1), f"inside `{queries[-1]}`"))
                elif by_position:
                    found.append((line, declaration.group(1), f"{BY_POSITION}, `{by_position[-1]}`"))
            if match.group(0) == "}" and blocks:
                blocks.pop()
        start = match.end()
    return found


def test_the_style_sheet_colours_nothing_by_screen_or_position():
    """The every-page visit (tests/test_every_page_in_the_browser.py, AXE_RUNS) checks the article's
    colour contrast only at desktop width, with a light and then a dark palette chosen by the toggle,
    and in a table only the first row of each kind: a colour that only some screens, system settings
    or rows get would go unchecked."""
    problems = [f"{rel(sheet)}:{line}: `{prop}` is set {why} {rule('CSS-COLOUR')}: set colours and text size only "
                "by palette ([data-md-color-scheme=\"slate\"]) and by element, class or another attribute; a print query is "
                "fine. If it must change on phones, it belongs to the header or footer: add its selector to "
                "PHONE_CHROME in tests/test_every_page_in_the_browser.py."
                for sheet in STYLESHEETS
                for line, prop, why in colours_the_browser_tests_cannot_see(sheet.read_text(encoding="utf-8"))]
    assert STYLESHEETS, "docs/assets/stylesheets/ has no .css file: update STYLESHEETS in this test"
    assert not problems, "Colours the browser tests cannot see:\n  " + "\n  ".join(problems)


def test_the_colour_check_catches_colours_by_screen_system_setting_or_row_position():
    """A bad example for the check above: it names the line, the property and why, and leaves alone
    colours by palette attribute or class, in print and plain screen queries, layout by width or
    position, attribute selectors with ~= or + in their value, links in print, and a } inside a string."""
    css = """/* a comment { color: red } */
.a { color: red; content: "}"; }
[data-md-color-scheme="slate"] .b { background: #000; }
@media screen and (max-width: 30em) {
  .c { margin: 0; --gutter: 1rem; }
  .d {
    color: var(--md-accent-fg-color);
  }
}
@media print { .e { color: black; } }
@media screen { [class~="x"] a[rel*="+"] { color: navy; } }
tr[data-kind="regulation"] td { color: #999; }
@media print { a[href^="http"]::after { font-size: 0.8em; } }
table tr:nth-child(2n) td { background-color: #eee; }
table td:first-child { white-space: nowrap; }
@media (prefers-color-scheme: dark) { .g { --md-default-fg-color--light: #aaa; } }
tr + tr { border-top-color: red; }
@media (scripting: none) { .f { opacity: 0.5; } }
@container (max-width: 20em) { .h { font-size: 0.7em; } }
#rec-x td { color: grey; }"""
    assert colours_the_browser_tests_cannot_see(css) == [
        (7, "color", "inside `@media screen and (max-width: 30em)`"),
        (12, "color", f"{BY_POSITION}, `tr[data-kind=\"regulation\"] td`"),
        (14, "background-color", f"{BY_POSITION}, `table tr:nth-child(2n) td`"),
        (16, "--md-default-fg-color--light", "inside `@media (prefers-color-scheme: dark)`"),
        (17, "border-top-color", f"{BY_POSITION}, `tr + tr`"),
        (18, "opacity", "inside `@media (scripting: none)`"),
        (19, "font-size", "inside `@container (max-width: 20em)`"),
        (20, "color", f"{BY_POSITION}, `#rec-x td`"),
    ], colours_the_browser_tests_cannot_see(css)

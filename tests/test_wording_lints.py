"""Wording lints: the language mistakes a machine can find, in the Markdown a contributor edits.

Each check is a small function from a line of text to a list of messages, run over every page, and
each has bad examples below (test_each_wording_lint_catches_its_bad_examples) so it cannot silently
stop working. Messages name the file, the line, the rule (CONTRIBUTING.md, "Style guide") and the fix.
"""
from __future__ import annotations

import re

import pytest

from conftest import markdown_pages, rel
from markdown_source import FOOTNOTE_DEF, SKIP_SPANS, lines_outside_code, load_glossary, prose_lines, rule, where

PAGES = markdown_pages()
CJK = "\u3400-\u4dbf\u4e00-\u9fff"

# Quoted titles of cited works keep their own spelling and style ("Sulfide solid electrolyte with
# favorable mechanical property"): the lints read around them.
QUOTED_LATIN = re.compile(r'"[^"]*"|“[^”' + CJK + r']*”|\*[^*]*\*(?=\.? *[0-9(<])')
def _unquoted(text: str) -> str:
    return QUOTED_LATIN.sub(" ", text)


# --- Chinese -------------------------------------------------------------------------------------

YEAR_RANGE_SHORT = re.compile(r"(?<!\d)((?:19|20)(\d)\d)\s*[–—~～]\s*(\d\d)(?![\d])")
FISCAL_YEAR = re.compile(r"\bFY\s?(\d{2,4})\b")


def zh_year_forms(text: str) -> list[str]:
    problems = []
    for match in YEAR_RANGE_SHORT.finditer(text):
        start, century_digit, end = match.group(1), match.group(2), match.group(3)
        full = start[:2] + end
        problems.append(f"'{match.group(0)}' {rule('ZH-YEAR')}: write the range in full, {start}—{full} 年 or {start}–{full} 年.")
    for match in FISCAL_YEAR.finditer(_unquoted(text)):
        year = match.group(1) if len(match.group(1)) == 4 else "20" + match.group(1)
        problems.append(f"'{match.group(0)}' {rule('ZH-YEAR')}: in Chinese prose write {year} 财年 (and say once which months it covers).")
    return problems


MARKER_AFTER_ZH_PUNCTUATION = re.compile(r"([。，；：！？、])((?:\[\^[^\]]+\])+)")


def zh_footnote_placement(text: str) -> list[str]:
    return [
        f"'{m.group(0)}' {rule('CITE-MARK')}: on Chinese pages the footnote marker goes before the punctuation: write '{m.group(2)}{m.group(1)}'."
        for m in MARKER_AFTER_ZH_PUNCTUATION.finditer(text)
    ]


MARKER_BEFORE_EN_PUNCTUATION = re.compile(r"(?<!^)(?<!^ )(?<!^  )(?<!^   )((?:\[\^[^\]]+\])+)([.,;:])(?!\d)")


def en_footnote_placement(text: str) -> list[str]:
    return [
        f"'{m.group(0)}' {rule('CITE-MARK')}: on English pages the footnote marker goes after the punctuation: write '{m.group(2)}{m.group(1)}'."
        for m in MARKER_BEFORE_EN_PUNCTUATION.finditer(text)
    ]


BOLD = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")
CJK_ITALIC = re.compile(r"(?<![*A-Za-z0-9])\*(?=\S)([^*\n]*[" + CJK + r"][^*\n]*?)(?<=\S)\*(?![*A-Za-z0-9])"
                        r"|(?<![_A-Za-z0-9])_(?=\S)([^_\n]*[" + CJK + r"][^_\n]*?)(?<=\S)_(?![_A-Za-z0-9])"
                        r"|<(em|i)>([^<]*[" + CJK + r"][^<]*)</(?:em|i)>")


def cjk_italics(text: str) -> list[str]:
    text = BOLD.sub(lambda m: " " * len(m.group(0)), text)
    return [
        f"'{m.group(0)}' {rule('ZH-EMPHASIS')}: Chinese has no italics; use bold (**…**) or quotation marks (“…”)."
        for m in CJK_ITALIC.finditer(text)
    ]


# Words that Chinese industry uses in another sense, or that read as mistranslations. Each entry:
# (pattern, what is wrong and what to write). Add entries as reviews find them.
ZH_TERMS = [
    (re.compile(r"(?<!涂覆)(?<!涂层)陶瓷隔膜"),
     "in Chinese industry 陶瓷隔膜 means a ceramic-coated polyolefin separator. For an oxide electrolyte layer write 氧化物电解质膜 or 陶瓷电解质隔层; for the coated separator write 陶瓷涂覆隔膜"),
    (re.compile(r"(?<!侧)正极电解质(?!界面)"), "write 正极侧电解质 (give “catholyte” once in brackets): 正极电解质 reads as an electrolyte made of cathode material"),
    (re.compile(r"(?<!（)锂丝"), "write 锂枝晶, the term the Chinese literature uses; 锂丝 is rare (at most once, as a gloss in brackets: 锂枝晶（锂丝）)"),
    (re.compile(r"这笔账毫不留情|来源显示|这是对的标尺"), "a calque from English: rewrite the sentence the way a Chinese writer would put it"),
]


# A sentence that explains a term in its industry sense may use it (陶瓷隔膜 next to 聚烯烃 / 涂覆).
TERM_EXPLAINED = {"陶瓷隔膜": re.compile(r"聚烯烃|涂覆|涂有")}


def zh_terms(text: str) -> list[str]:
    problems = []
    for pattern, message in ZH_TERMS:
        for m in pattern.finditer(text):
            explained = TERM_EXPLAINED.get(m.group(0))
            if explained and explained.search(text):
                continue
            problems.append(f"'{m.group(0)}' {rule('ZH-TERM')}: {message}.")
    return problems


# --- English -------------------------------------------------------------------------------------

NOT_IZE = {"size", "sizes", "sized", "sizing", "seize", "seized", "seizes", "prize", "prizes", "capsize",
           "baize", "maize", "downsize", "downsized", "downsizing", "oversize", "oversized", "resize", "resized"}
AMERICAN_IZE = re.compile(r"\b[A-Za-z]+(?:iz|yz)(?:e|es|ed|ing|ation|ations|er|ers|able)\b")
AMERICAN_WORDS = {
    "color": "colour", "colors": "colours", "behavior": "behaviour", "behaviors": "behaviours",
    "favor": "favour", "favorable": "favourable", "honor": "honour", "labor": "labour",
    "neighbor": "neighbour", "neighbors": "neighbours", "flavor": "flavour", "rumor": "rumour",
    "center": "centre", "centers": "centres", "fiber": "fibre", "fibers": "fibres", "liter": "litre",
    "liters": "litres", "aluminum": "aluminium", "gray": "grey", "catalog": "catalogue", "modeling": "modelling",
    "modeled": "modelled", "labeled": "labelled", "labeling": "labelling", "traveled": "travelled",
    "fueled": "fuelled", "canceled": "cancelled", "defense": "defence",
}
AMERICAN_WORD = re.compile(r"\b(" + "|".join(sorted(AMERICAN_WORDS, key=len, reverse=True)) + r")\b", re.I)


def _british(word: str) -> str:
    lower = word.lower()
    british = re.sub(r"iz(?=e|es|ed|ing|ation|ations|er|ers$)", "is", lower, count=1)
    return re.sub(r"yz(?=e|es|ed|ing)", "ys", british, count=1)


def en_spelling(text: str) -> list[str]:
    text = _unquoted(text)
    problems = []
    for match in AMERICAN_IZE.finditer(text):
        word = match.group(0)
        if word.lower() in NOT_IZE or word[0].isupper() and word[1:].islower() and word.lower() not in _IZE_COMMON:
            continue
        problems.append(f"'{word}' {rule('EN-SPELL')}: British spelling, write '{_british(word)}'.")
    for match in AMERICAN_WORD.finditer(text):
        word = match.group(0)
        if word.isupper() or re.match(r"\s+[A-Z]", text[match.end():]) or re.search(r"[A-Z]\w*\s+$", text[:match.start()]) and word[0].isupper():
            continue  # a name: the LICENSE file, the MIT License, the Centers for Disease Control
        problems.append(f"'{word}' {rule('EN-SPELL')}: British spelling, write '{AMERICAN_WORDS[word.lower()]}'.")
    return problems


# Capitalised -ize words at the start of a sentence are still common words, not names.
_IZE_COMMON = {"commercialization", "commercialize", "organization", "realize", "recognize", "characterize",
               "optimize", "stabilize", "utilize", "minimize", "maximize", "standardize", "summarize",
               "emphasize", "crystallize", "analyze", "catalyze", "synthesize", "industrialize"}


# --- Numbers -------------------------------------------------------------------------------------

FOUR_DIGITS_WITH_COMMA = re.compile(r"(?<![\d,.])(\d),(\d{3})(?![\d,])")
CELL_FORMAT = re.compile(r"\b(?:18650|21700|26650|46\d{3}0)\b")  # cylindrical cell formats are names
STANDARD_NUMBER = re.compile(r"\b(?:GB(?:/T)?|T/[A-Z]+|ISO|IEC|UN|SAE J?|UL|JIS|DIN|EN|QC/T)\s?$")
FIVE_DIGITS_BARE = re.compile(r"(?<![\d,./\w#-])(\d{5,})(?![\d\w])")


def thousands(text: str) -> list[str]:
    problems = [f"'{m.group(0)}' {rule('NUM-THOUSANDS')}: four-digit numbers take no separator: write {m.group(1)}{m.group(2)}."
                for m in FOUR_DIGITS_WITH_COMMA.finditer(text)]
    for m in FIVE_DIGITS_BARE.finditer(text):
        if STANDARD_NUMBER.search(text[:m.start()]) or CELL_FORMAT.fullmatch(m.group(1)):
            continue  # a standard's number (GB 38031, ISO 26262) is a name, not a quantity
        grouped = f"{int(m.group(1)):,}"
        problems.append(f"'{m.group(1)}' {rule('NUM-THOUSANDS')}: group five or more digits with commas: write {grouped}.")
    return problems


# --- Running the lints over the pages ------------------------------------------------------------

def _problems(page, checks, raw=False):
    lines = lines_outside_code(page) if raw else prose_lines(page)
    problems = []
    for number, text in lines:
        for check in checks:
            problems += [f"{where(page, number)}: {message}" for message in check(text)]
    return problems


def page_id(path):
    return rel(path).removeprefix("docs/")


@pytest.mark.parametrize("page", markdown_pages("zh"), ids=page_id)
def test_chinese_pages_write_years_terms_and_emphasis_the_chinese_way(page):
    problems = _problems(page, [zh_year_forms, zh_terms, cjk_italics])
    problems += _problems(page, [zh_footnote_placement], raw=True)
    assert not problems, "Chinese wording:\n  " + "\n  ".join(problems)


def running_text(page):
    """Prose lines without the footnote definitions (reference entries keep their sources' spelling
    and numbering, such as article number 16030)."""
    for number, line in lines_outside_code(page):
        if not FOOTNOTE_DEF.match(line.lstrip()):
            yield number, SKIP_SPANS.sub(" ", line)


@pytest.mark.parametrize("page", markdown_pages("en"), ids=page_id)
def test_english_pages_use_british_spelling_and_footnotes_after_punctuation(page):
    problems = []
    for number, text in running_text(page):
        problems += [f"{where(page, number)}: {message}" for message in en_spelling(text)]
    problems += _problems(page, [en_footnote_placement, cjk_italics], raw=True)
    assert not problems, "English wording:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_thousands_are_written_one_way(page):
    problems = []
    for number, text in running_text(page):
        problems += [f"{where(page, number)}: {message}" for message in thousands(text)]
    assert not problems, "Numbers:\n  " + "\n  ".join(problems)


def test_the_glossary_uses_the_terms_chinese_industry_uses():
    problems = []
    for entry in load_glossary():
        for field in ("term", "definition"):
            problems += [f"includes/glossary.yml, entry '{entry['id']}', zh {field}: {m}" for m in zh_terms(entry["zh"][field]) + zh_year_forms(entry["zh"][field])]
    assert not problems, "Glossary wording:\n  " + "\n  ".join(problems)


BAD_EXAMPLES = [
    (zh_year_forms, "丰田的目标是 2027–28 年上市。", "ZH-YEAR"),
    (zh_year_forms, "日产计划在 FY2028 之前推出电动车。", "ZH-YEAR"),
    (zh_footnote_placement, "约 3×10⁻⁴ S/cm。[^murugan2007]", "CITE-MARK"),
    (en_footnote_placement, "about 3×10⁻⁴ S/cm[^murugan2007].", "CITE-MARK"),
    (cjk_italics, "*全固态*电芯里完全没有液体。", "ZH-EMPHASIS"),
    (cjk_italics, "每颗_合格_电芯的成本", "ZH-EMPHASIS"),
    (zh_terms, "一层薄薄的陶瓷隔膜把正负极分开。", "ZH-TERM"),
    (zh_terms, "耐高电压的卤化物正极电解质", "ZH-TERM"),
    (zh_terms, "锂沿晶界长成锂丝。", "ZH-TERM"),
    (en_spelling, "Firms hope to commercialize the cells.", "EN-SPELL"),
    (en_spelling, "The behavior of the interface is hard to analyze.", "EN-SPELL"),
    (thousands, "a pack of 6,000 cm² of separator", "NUM-THOUSANDS"),
    (thousands, "averaging 95160 swaps a day", "NUM-THOUSANDS"),
]
GOOD_EXAMPLES = [
    (zh_year_forms, "目标是 2027—2028 年上市，2028 财年（2028 年 4 月至 2029 年 3 月）之前推出。"),
    (zh_year_forms, "发表于 2024-04-30。"),
    (zh_footnote_placement, "约 3×10⁻⁴ S/cm[^murugan2007]。"),
    (en_footnote_placement, "about 3×10⁻⁴ S/cm.[^murugan2007] Version 2.0 is out."),
    (en_footnote_placement, "[^murugan2007]: Murugan R. et al. (2007)."),
    (cjk_italics, "**全固态**电芯里完全没有液体，*Nature Energy* 也这样说。"),
    (zh_terms, "陶瓷涂覆隔膜是液态电池的常规部件；正极侧电解质（catholyte）。"),
    (zh_terms, "陶瓷隔膜在行业用语中指涂有陶瓷颗粒的聚烯烃隔膜。"),
    (en_spelling, 'Cells of this size were licensed; "Sulfide solid electrolyte with favorable mechanical property".'),
    (thousands, "fired at 1000 °C over 10,000 cm² in 2025 under GB 38031-2025, in a 21700 cell"),
]


@pytest.mark.parametrize("check, text, rule_id", BAD_EXAMPLES, ids=[f"{c.__name__}-{i}" for i, (c, _, _) in enumerate(BAD_EXAMPLES)])
def test_each_wording_lint_catches_its_bad_examples(check, text, rule_id):
    messages = check(text)
    assert messages and all(f"rule {rule_id}," in m for m in messages), f"{check.__name__} missed {text!r}: {messages}"


@pytest.mark.parametrize("check, text", GOOD_EXAMPLES, ids=[f"{c.__name__}-{i}" for i, (c, _) in enumerate(GOOD_EXAMPLES)])
def test_wording_lints_let_correct_text_through(check, text):
    assert check(text) == [], f"{check.__name__} wrongly flags {text!r}: {check(text)}"

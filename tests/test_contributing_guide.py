"""CONTRIBUTING.md keeps its promises: every rule id that a check's message names has its own
heading in the style guide (so CONTRIBUTING.md#<id> lands on it on GitHub), and every link inside
the guide points at a heading that exists."""
from __future__ import annotations

import re

from conftest import ROOT

GUIDE = ROOT / "CONTRIBUTING.md"
RULE_IN_MESSAGE = re.compile(r"""rule\(\s*["']([A-Z]+(?:-[A-Z]+)+)["']\s*\)|\[rule ([A-Z]+(?:-[A-Z]+)+)""")


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def guide_headings() -> list[str]:
    text = re.sub(r"^[ \t]*```.*?^[ \t]*```", "", GUIDE.read_text(encoding="utf-8"), flags=re.S | re.M)
    return [m.group(1) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", text, re.M)]


def test_every_rule_id_named_by_a_check_has_its_heading_in_the_style_guide():
    named = set()
    # The checks live in tests/ and, for the industry data, in overrides/hooks/industry_data.py.
    for test_file in sorted((ROOT / "tests").glob("*.py")) + sorted((ROOT / "overrides" / "hooks").glob("*.py")):
        for match in RULE_IN_MESSAGE.finditer(test_file.read_text(encoding="utf-8")):
            named.add(match.group(1) or match.group(2))
    headings = guide_headings()
    assert "Style guide" in headings, "CONTRIBUTING.md needs a `## Style guide` section (anchor #style-guide)."
    rules = set(headings[headings.index("Style guide") + 1:])
    missing = sorted(rule for rule in named if rule not in rules)
    assert not missing, (
        "Checks name rules that CONTRIBUTING.md's style guide does not explain: " + ", ".join(missing)
        + ". Add a heading that is just the id (`### RULE-ID`, GitHub makes it #rule-id) and the rule below it.")


def test_links_inside_the_guide_point_at_headings_that_exist():
    anchors = {github_anchor(h) for h in guide_headings()}
    text = GUIDE.read_text(encoding="utf-8")
    broken = sorted({m.group(1) for m in re.finditer(r"\]\(#([^)\s]+)\)", text) if m.group(1) not in anchors})
    assert not broken, "CONTRIBUTING.md links to headings it does not have: " + ", ".join("#" + b for b in broken)

"""A first-time contributor follows CONTRIBUTING.md, and the checks help them.

In a throw-away copy of the repository (the tracked files plus the working tree, committed to a
fresh git repository so page dates work), the test adds a page pair exactly as CONTRIBUTING.md
says: both files from its page templates, a nav entry in mkdocs.yml and two lines in
tests/data/published-urls.txt. The checks that concern the new page pass. Then, one at a time and
each from the same clean state, it makes the usual mistakes; each run fails, and its output names
the new page's file and what is wrong.

Other pages may be mid-edit while this runs, so the assertions are about the new page only: the
clean run has no failure that mentions it, and each mistake's failure output names it.
"""
from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import BUILD_ENV, ROOT

NAME = "first-contribution"  # the new page pair: docs/zh/first-contribution.md, docs/en/first-contribution.md
GUIDE = ROOT / "CONTRIBUTING.md"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "First Contributor", "GIT_AUTHOR_EMAIL": "first@example.invalid",
    "GIT_COMMITTER_NAME": "First Contributor", "GIT_COMMITTER_EMAIL": "first@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}
ALL_FILES = ["tests/test_site_build_and_links.py", "tests/test_site_content.py", "tests/test_site_head.py",
             "tests/test_site_hygiene.py", "tests/test_site_parity.py", "tests/test_contributor_lints.py",
             "tests/test_url_permanence.py", "tests/test_characters_and_language.py", "tests/test_build_integrity.py"]
# Checks that look at every page at once; they may fail because of another page mid-edit, so a
# failure of these counts against the new page only if it mentions the new page.
WHOLE_SITE_CHECKS = [
    "every_page_has_a_twin", "https_and_reviewed_domains", "allowed_elements", "front_matter", "templates_escape",
    "spam", "hides_nothing", "house_style", "strict_build", "internal_link", "link_fragment", "own_language",
    "description_and_open_graph", "published", "svg_figures", "rendered", "near_copy", "plain_characters",
    "redirect_maps", "id_is_used", "allowed_types",
]
# The broken-link mistake links to a page that no contributor will ever create (not CONTRIBUTING's
# example names, which a real page may one day take).
MISSING_PAGE = "no-such-page-for-the-broken-link-check.md"


def template(marker: str) -> str:
    """The fenced block that follows `<!-- template: marker -->` in CONTRIBUTING.md, dedented."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.find(f"<!-- template: {marker} -->")
    assert start >= 0, f"CONTRIBUTING.md has no `<!-- template: {marker} -->` block; the test follows the guide's templates."
    fence = re.compile(r"^([ \t]*)```[^\n]*\n(.*?)^\1```[ \t]*$", re.S | re.M)
    match = fence.search(text, start)
    assert match, f"CONTRIBUTING.md: no fenced block after the template marker {marker}."
    return textwrap.dedent(match.group(2))


def git(repo: pathlib.Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
    assert proc.returncode == 0, f"git {' '.join(args)} failed in the copy:\n{proc.stdout}{proc.stderr}"
    return proc.stdout


class Copy:
    """A copy of the repository that a first-time contributor works in."""

    def __init__(self, path: pathlib.Path):
        self.path = path
        self.runs = 0

    def file(self, relative: str) -> pathlib.Path:
        return self.path / relative

    def read(self, relative: str) -> str:
        return self.file(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        target = self.file(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def reset(self) -> None:
        """Back to the committed state with the new page pair, before any mistake."""
        git(self.path, "checkout", "-q", "--", ".")
        git(self.path, "clean", "-fdq")

    def pytest(self, files: list[str], keyword: str) -> tuple[int, str]:
        self.runs += 1
        basetemp = self.path.parent / f"pytest-run-{self.runs}"
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-n", "0", "--tb=short",
             f"--basetemp={basetemp}", *files, "-k", keyword],
            cwd=self.path, env={**os.environ, **BUILD_ENV}, capture_output=True, text=True, timeout=300)
        return proc.returncode, proc.stdout + proc.stderr


def insert_before_references(text: str, paragraph: str) -> str:
    heading = re.search(r"^## .*\{#references\}", text, re.M)
    assert heading, "the page template has no References section"
    return text[:heading.start()] + paragraph + "\n\n" + text[heading.start():]


@pytest.fixture(scope="module")
def contributor(tmp_path_factory) -> Copy:
    copy = Copy(tmp_path_factory.mktemp("first-time-contributor") / "repo")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for relative in filter(None, listed):
        source = ROOT / relative
        if source.is_file():  # skip files deleted in the working tree
            target = copy.file(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(copy.path, "init", "-q")
    git(copy.path, "add", "-A")
    git(copy.path, "commit", "-q", "-m", "The repository as the contributor found it")

    # 1. Both files from the guide's page templates.
    copy.write(f"docs/en/{NAME}.md", template("docs/en/<name>.md"))
    copy.write(f"docs/zh/{NAME}.md", template("docs/zh/<name>.md"))
    # 2. The nav entry in mkdocs.yml, by file name (here at the end of the last section).
    config = copy.read("mkdocs.yml")
    nav_end = re.search(r"^nav:\n(?:[ \t]+-.*\n)+", config, re.M)
    assert nav_end, "mkdocs.yml: no `nav:` list found"
    last_item = nav_end.group(0).splitlines()[-1]
    indent = last_item[:len(last_item) - len(last_item.lstrip())]
    copy.write("mkdocs.yml", config[:nav_end.end()] + f"{indent}- {NAME}.md\n" + config[nav_end.end():])
    # 3. Both addresses in the published-URL list, kept sorted.
    urls = copy.read("tests/data/published-urls.txt").splitlines()
    comments = [line for line in urls if line.startswith("#")]
    paths = sorted({line for line in urls if line.strip() and not line.startswith("#")} | {f"{NAME}.html", f"en/{NAME}.html"})
    copy.write("tests/data/published-urls.txt", "\n".join(comments + paths) + "\n")
    # 4. A figure, as the guide says: an SVG per language with the same name, alt text, a caption.
    add_figure(copy, alt="A labelled box, drawn as the guide's SVG template draws it")
    # 5. Commit, so the page has a git date like every other page.
    git(copy.path, "add", "-A")
    git(copy.path, "commit", "-q", "-m", f"{NAME}: new page pair (zh/en)")
    return copy


def failure_text(output: str) -> str:
    """The part of pytest's output that explains failures and errors."""
    starts = [output.find(marker) for marker in ("= ERRORS =", "= FAILURES =") if marker in output]
    return output[min(starts):] if starts else ""


def test_a_page_pair_added_as_the_guide_says_passes_its_checks(contributor):
    keyword = f"{NAME} or " + " or ".join(WHOLE_SITE_CHECKS)
    code, output = contributor.pytest(ALL_FILES, keyword)
    own = [line for line in output.splitlines() if NAME in line and "::" in line]
    assert any(line.rstrip().endswith("PASSED") or " PASSED " in line for line in own), (
        f"No check ran on the new page {NAME}.md:\n{output[-4000:]}")
    bad = [line for line in own if "FAILED" in line or "ERROR" in line]
    explained = failure_text(output)
    assert not bad and NAME not in explained, (
        "A page pair made from CONTRIBUTING.md's templates should pass every check that concerns it,"
        " but these failed:\n" + "\n".join(bad) + "\n" + explained[-8000:])


MISTAKES = {
    "missing-twin": dict(
        files=["tests/test_site_parity.py"], keyword="every_page_has_a_twin",
        make=lambda c: c.file(f"docs/en/{NAME}.md").unlink(),
        expect=[f"docs/zh/{NAME}.md has no English twin", f"create docs/en/{NAME}.md"]),
    "broken-link": dict(
        files=["tests/test_site_build_and_links.py"], keyword="strict_build",
        make=lambda c: c.write(f"docs/en/{NAME}.md", insert_before_references(
            c.read(f"docs/en/{NAME}.md"), f"How dry rooms work is explained [elsewhere]({MISSING_PAGE}#cost).")),
        expect=[f"en/{NAME}.md", MISSING_PAGE, "not found"]),
    "number-differs": dict(
        shared_build=True, files=["tests/test_site_parity.py"], keyword="same_numbers",
        make=lambda c: c.write(f"docs/zh/{NAME}.md", c.read(f"docs/zh/{NAME}.md").replace("12 mS/cm", "13 mS/cm")),
        expect=[f"docs/zh/{NAME}.md:", "13 is in section", "not in that section of the English twin", "number-parity-exceptions.yml"]),
    "http-link": dict(
        shared_build=True, files=["tests/test_site_hygiene.py"], keyword="https_and_reviewed_domains",
        make=lambda c: c.write(f"docs/en/{NAME}.md", insert_before_references(
            c.read(f"docs/en/{NAME}.md"), "The paper is also [online](http://doi.org/10.1038/nmat3066).")),
        expect=[f"docs/en/{NAME}.md:", "'http://doi.org/10.1038/nmat3066' is not https"]),
    "unknown-domain": dict(
        shared_build=True, files=["tests/test_site_hygiene.py"], keyword="https_and_reviewed_domains",
        make=lambda c: c.write(f"docs/en/{NAME}.md", insert_before_references(
            c.read(f"docs/en/{NAME}.md"), "A [blog post](https://unreviewed-blog.example.net/lgps) retells it.")),
        expect=[f"docs/en/{NAME}.md:", "'unreviewed-blog.example.net' is not in tests/data/allowed-domains.txt"]),
    "missing-alt-text": dict(
        files=["tests/test_site_content.py"], keyword=f"alt_text and {NAME}",
        make=lambda c: c.write(f"docs/en/{NAME}.md", re.sub(
            rf"!\[[^\]]*\]\(figures/{NAME}\.svg", f"![](figures/{NAME}.svg", c.read(f"docs/en/{NAME}.md"))),
        expect=[f"docs/en/{NAME}.md:", f"figures/{NAME}.svg has no alt text"]),
}


def add_figure(copy: Copy, alt: str) -> None:
    """A figure the way the guide says (SVG per language, same name), with the given alt text."""
    for language in ("zh", "en"):
        copy.write(f"docs/{language}/figures/{NAME}.svg", template("figure.svg"))
        embed = template(f"figure-embed-{language}").replace("<figure>.svg", f"{NAME}.svg")
        embed = re.sub(r"!\[[^\]]*\]", f"![{alt}]", embed)
        page = f"docs/{language}/{NAME}.md"
        copy.write(page, insert_before_references(copy.read(page), embed.strip()))


@pytest.fixture(scope="module")
def shared_build_run(contributor):
    """The mistakes caught on the built site are made together and checked with one build: each
    leaves its own message (the corpus in tests/corpus/ does the same at scale)."""
    shared = [spec for spec in MISTAKES.values() if spec.get("shared_build")]
    contributor.reset()
    try:
        for spec in shared:
            spec["make"](contributor)
        files = sorted({f for spec in shared for f in spec["files"]})
        return contributor.pytest(files, " or ".join(f"({spec['keyword']})" for spec in shared))
    finally:
        contributor.reset()


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_usual_mistake_fails_with_a_message_that_names_the_page(contributor, mistake, request):
    spec = MISTAKES[mistake]
    if spec.get("shared_build"):
        code, output = request.getfixturevalue("shared_build_run")
    else:
        contributor.reset()
        try:
            spec["make"](contributor)
            code, output = contributor.pytest(spec["files"], spec["keyword"])
        finally:
            contributor.reset()
    assert code != 0, f"The mistake '{mistake}' went unnoticed: the checks passed.\n{output[-3000:]}"
    missing = [text for text in spec["expect"] if text not in output]
    assert not missing, (
        f"The checks caught the mistake '{mistake}', but their output does not say {missing}, so a contributor"
        f" would not know what to fix. Output:\n{output[-6000:]}")


# --- a record of the industry data, as "Add a record in two minutes" says --------------------------

RECORD_FILE = "data/records/japan-korea.yml"  # the template's company, toyota, is a Japanese company
RECORD_CHECKS = "follows_the_rule or summaries_state_the_same_numbers or not_copied"


@pytest.fixture(scope="module")
def record_contributor(contributor) -> Copy:
    """The same copy, with the guide's record template appended to a region's records and committed."""
    contributor.reset()
    text = contributor.read(RECORD_FILE)
    contributor.record_start = text.count("\n") + 1  # the line where the new record begins
    contributor.write(RECORD_FILE, text + template("record"))
    git(contributor.path, "add", "-A")
    git(contributor.path, "commit", "-q", "-m", "A new record, from CONTRIBUTING.md's template")
    return contributor


def record_lines(copy: Copy) -> list[str]:
    length = template("record").count("\n")
    return [f"{RECORD_FILE}:{n}:" for n in range(copy.record_start, copy.record_start + length + 1)]


def test_a_record_added_as_the_guide_says_passes_its_checks(record_contributor, monkeypatch):
    # The originality tool lives next to the repository (../shared), not in the copy.
    monkeypatch.setenv("ORIGINALITY_TOOL", str(ROOT.parent / "shared" / "tools" / "originality.py"))
    code, output = record_contributor.pytest(["tests/test_industry_data.py"], RECORD_CHECKS)
    explained = failure_text(output)
    own = [line for line in record_lines(record_contributor) if line in explained]
    assert " PASSED" in output and not own, (
        "A record made from CONTRIBUTING.md's template should pass every check, but these failed:\n" + explained[-6000:])


RECORD_MISTAKES = {
    "impossible-date": (('date: "2026-11-20"', 'date: "2026-13-20"'), "DATA-DATE"),
    "unknown-company": (("companies: [toyota]", "companies: [toyta]"), "DATA-COMPANY"),
    "http-source": (("url: https://", "url: http://"), "DATA-SOURCE"),
    "numbers-differ": (("每月生产 1000 个", "每月生产 2000 个"), "DATA-NUMBER"),
    "press-not-worded-reported": (("primary: true", "primary: false"), "DATA-REPORTED"),
}


@pytest.mark.parametrize("mistake", list(RECORD_MISTAKES))
def test_a_usual_record_mistake_fails_naming_the_file_and_the_rule(record_contributor, mistake):
    (old, new), rule_id = RECORD_MISTAKES[mistake]
    record = template("record")
    assert old in record, f"CONTRIBUTING.md's record template no longer contains {old!r}; update RECORD_MISTAKES."
    record_contributor.reset()
    try:
        text = record_contributor.read(RECORD_FILE)
        start = text.rfind(record)
        record_contributor.write(RECORD_FILE, text[:start] + record.replace(old, new, 1))
        code, output = record_contributor.pytest(["tests/test_industry_data.py"], RECORD_CHECKS.replace(" or not_copied", ""))
    finally:
        record_contributor.reset()
    assert code != 0, f"The record mistake '{mistake}' went unnoticed: the checks passed.\n{output[-3000:]}"
    explained = failure_text(output)
    expected = [f"rule {rule_id}", f"CONTRIBUTING.md#{rule_id.lower()}"]
    missing = [text for text in expected if text not in explained]
    if not any(line in explained for line in record_lines(record_contributor)):
        missing.append(f"{RECORD_FILE}:<line of the new record>")
    assert not missing, (
        f"The checks caught the record mistake '{mistake}', but their output does not say {missing}. Output:\n{explained[-6000:]}")

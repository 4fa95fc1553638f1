"""A page whose twin changed after it shows a notice in its own language, and only such a page.

The project (every file git would track: the site needs docs/, overrides/, data/, scripts/ and more)
is copied into a temporary git repository with a history made for the test: everything committed at once, then a change to the Chinese oxides page only, then a change to the Chinese
sulfides page marked [twin-ok]. One strict build of that repository must show the notice on the
English oxides page and nowhere else (overrides/hooks/translation_notice_when_twin_is_newer.py).
"""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, reader_pages

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}
SKIPPED = ("benchmarks/", ".github/")  # not read by the build
FIX = ("How to fix: the rule lives in scripts/translation_status.py (twin_changes_since) and the notice in "
       "overrides/hooks/translation_notice_when_twin_is_newer.py; run `python3 scripts/translation_status.py` "
       "in a repository to see which pages lag.")


def _git(repo, *args, date="2026-12-01T10:00:00+00:00"):
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = tmp_path_factory.mktemp("notice-repo")
    # Every file the build may read (hooks read data/, scripts/, tests/data/ ...), as in the working tree:
    # tracked and untracked, not ignored ones (site/, caches).
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for relative in filter(None, listed):
        source = ROOT / relative
        if source.is_file() and not relative.startswith(SKIPPED):
            (repo / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / relative)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Both languages in step")
    _append(repo / "docs/zh/oxides.md", "\n测试用的新段落。\n")
    _git(repo, "commit", "-q", "-am", "oxides (zh): a new paragraph", date="2026-12-02T10:00:00+00:00")
    _append(repo / "docs/zh/sulfides.md", "\n")
    _git(repo, "commit", "-q", "-am", "sulfides (zh): whitespace [twin-ok]", date="2026-12-03T10:00:00+00:00")
    site = repo / "site-out"
    code, log = build_site(site, "http://127.0.0.1:8000/", root=repo)
    if code != 0:
        pytest.fail(f"`mkdocs build --strict` failed in the test repository:\n{log[-4000:]}", pytrace=False)
    return site


def _notices(page):
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".translation-notice")


def test_a_change_to_only_the_chinese_page_puts_a_notice_on_the_english_page(built):
    notices = _notices(built / "en" / "oxides.html")
    assert len(notices) == 1, f"en/oxides.html should show one translation notice after docs/zh/oxides.md changed alone. {FIX}"
    text = notices[0].get_text(" ", strip=True)
    assert "2026-12-02" in text and "Chinese" in text, f"the notice should name the Chinese version and its date: {text!r}. {FIX}"
    link = notices[0].find("a")
    assert link and link["href"] == "../oxides.html", f"the notice should link to the Chinese page ../oxides.html: {link}. {FIX}"
    title = notices[0].find_previous_sibling()
    assert title is not None and title.name == "h1", f"the notice should sit right under the page title. {FIX}"


def test_no_other_page_shows_a_notice_and_twin_ok_commits_do_not_count(built):
    shown = sorted(page.relative_to(built).as_posix() for page in reader_pages(built) if _notices(page))
    assert shown == ["en/oxides.html"], (
        f"Only en/oxides.html should show a translation notice; these do: {shown}. The Chinese sulfides page changed in a"
        f" commit marked [twin-ok], so en/sulfides.html must not. {FIX}")


def test_the_chinese_notice_is_in_chinese():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "translation_notice", ROOT / "overrides/hooks/translation_notice_when_twin_is_newer.py")
    hook = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("translation_notice", hook)
    spec.loader.exec_module(hook)
    html = hook.notice("zh", "en", "2026-12-02", "en/oxides.html")
    assert "英文版" in html and "2026-12-02" in html and 'href="en/oxides.html"' in html, html

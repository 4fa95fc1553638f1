"""scripts/translation_status.py names the page whose twin lags behind, and never fails a run.
It runs in a small git repository built for the test, so the real history does not matter."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "translation_status.py"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(repo: pathlib.Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def _write(repo: pathlib.Path, path: str, text: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _run(repo: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT)], cwd=repo, capture_output=True, text=True, timeout=60)


def test_translation_status_names_the_lagging_page_and_exits_0(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    for name in ("pair-a.md", "pair-b.md"):
        _write(repo, f"docs/zh/{name}", "# 标题\n\n第一段。\n")
        _write(repo, f"docs/en/{name}", "# Title\n\nFirst paragraph.\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Both pages in both languages")

    in_step = _run(repo)
    assert in_step.returncode == 0, in_step.stdout + in_step.stderr
    assert "pair-a.md" not in in_step.stdout and "pair-b.md" not in in_step.stdout, in_step.stdout

    _write(repo, "docs/zh/pair-a.md", "# 标题\n\n第一段。\n\n新增的第二段。\n")
    _git(repo, "commit", "-q", "-am", "pair-a (zh): a second paragraph")
    _write(repo, "docs/en/pair-b.md", "# Title\n\nFirst paragraph, with a typo fixed.\n")
    _git(repo, "commit", "-q", "-am", "pair-b (en): typo [twin-ok]")

    lagging = _run(repo)
    output = lagging.stdout + lagging.stderr
    assert lagging.returncode == 0, output
    assert "pair-a.md: the zh page is newer than its en twin" in output, output
    assert "docs/en/pair-a.md last changed" in output, output
    assert "pair-a (zh): a second paragraph" in output, output
    assert "pair-b.md" not in output, "a commit marked [twin-ok] should not count:\n" + output


def test_translation_status_exits_0_outside_a_git_repository(tmp_path):
    proc = _run(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr

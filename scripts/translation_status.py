#!/usr/bin/env python3
"""Which translations lag behind? Compare the git history of every page pair.

Usage (from the repository's root folder):

    python3 scripts/translation_status.py            # every pair under docs/zh and docs/en
    python3 scripts/translation_status.py --docs docs --languages zh en

For each page that exists as docs/zh/<name>.md and docs/en/<name>.md, the script finds the last
commit that changed each file. If one side has commits after the twin's last change, it prints the
page, which side is newer, both dates, and the subjects of the commits the twin has not caught up
with. Commits whose message contains [twin-ok] (a typo fix, a change that needs no translation)
are not counted. Pages with uncommitted changes or without a twin are mentioned too.

It only warns: the exit status is always 0, so it can run in CI or pre-commit without blocking.
"""
from __future__ import annotations

import argparse
import functools
import pathlib
import subprocess
import sys
from dataclasses import dataclass

SKIP_MARK = "[twin-ok]"


@dataclass
class Commit:
    sha: str
    timestamp: int
    date: str
    subject: str
    message: str


def git(repo: pathlib.Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


@functools.lru_cache(maxsize=None)
def history(repo: pathlib.Path, path: str) -> list[Commit]:
    """Commits that changed `path`, newest first (following renames). Cached: a build asks for each
    file twice (as a page and as its twin's twin), and the history does not change during a run."""
    proc = git(repo, "log", "--follow", "--format=%H%x1f%ct%x1f%cd%x1f%s%x1f%B%x1e",
               "--date=format:%Y-%m-%d %H:%M", "--", path, check=False)
    commits = []
    for record in proc.stdout.split("\x1e"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) == 5:
            sha, ts, date, subject, message = fields
            commits.append(Commit(sha, int(ts), date, subject, message))
    return commits


def is_ancestor(repo: pathlib.Path, older: str, newer: str) -> bool:
    return git(repo, "merge-base", "--is-ancestor", older, newer, check=False).returncode == 0


@functools.lru_cache(maxsize=None)
def ancestors(repo: pathlib.Path, sha: str) -> frozenset[str]:
    """Every commit reachable from `sha`, itself included: one `git rev-list` instead of one
    `git merge-base --is-ancestor` per commit compared (most pages share their last commit)."""
    return frozenset(git(repo, "rev-list", sha, check=False).stdout.split())


def counted(commits: list[Commit]) -> list[Commit]:
    return [c for c in commits if SKIP_MARK not in c.message]


def newer_than(repo: pathlib.Path, commits: list[Commit], twin_last: Commit) -> list[Commit]:
    """Commits in `commits` that come after `twin_last` (by ancestry; by time if histories diverge)."""
    result = []
    for commit in commits:
        if commit.sha in ancestors(repo, twin_last.sha):
            continue
        if is_ancestor(repo, twin_last.sha, commit.sha) or commit.timestamp > twin_last.timestamp:
            result.append(commit)
    return result


def twin_changes_since(repo: pathlib.Path, path: str, twin_path: str) -> list[Commit]:
    """Commits to `twin_path` that `path` has not caught up with: those after `path`'s last commit,
    leaving out commits marked [twin-ok]. Newest first; empty when either file has no history.
    (The site shows a notice on such a page: overrides/hooks/translation_notice_when_twin_is_newer.py.)"""
    page_log, twin_log = history(repo, path), history(repo, twin_path)
    if not page_log or not twin_log:
        return []
    return newer_than(repo, counted(twin_log), page_log[0])


def uncommitted(repo: pathlib.Path, paths: list[str]) -> set[str]:
    proc = git(repo, "--no-optional-locks", "status", "--porcelain", "--", *paths, check=False)
    return {line[3:].strip() for line in proc.stdout.splitlines() if line.strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default="docs", help="the docs folder, relative to the repository root")
    parser.add_argument("--languages", nargs=2, default=["zh", "en"], metavar=("A", "B"))
    args = parser.parse_args(argv)

    top = git(pathlib.Path.cwd(), "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0:
        print("translation_status: not inside a git repository; nothing to compare.")
        return 0
    repo = pathlib.Path(top.stdout.strip())
    first, second = args.languages
    folders = {lang: repo / args.docs / lang for lang in (first, second)}
    names = {lang: {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")} if folder.is_dir() else set()
             for lang, folder in folders.items()}

    reports, notes = [], []
    for name in sorted(names[first] | names[second]):
        paths = {lang: f"{args.docs}/{lang}/{name}" for lang in (first, second)}
        missing = [lang for lang in (first, second) if name not in names[lang]]
        if missing:
            have = first if missing[0] == second else second
            notes.append(f"{paths[have]} has no twin: create {paths[missing[0]]} (rule TWIN-PAGE).")
            continue
        changed = uncommitted(repo, list(paths.values()))
        for lang in (first, second):
            if paths[lang] in changed:
                notes.append(f"{paths[lang]} has uncommitted changes (not compared until committed).")
        logs = {lang: history(repo, paths[lang]) for lang in (first, second)}
        if not logs[first] or not logs[second]:
            continue
        for lang, other in ((first, second), (second, first)):
            twin_last = logs[other][0]
            ahead = twin_changes_since(repo, paths[other], paths[lang])
            if not ahead:
                continue
            lines = [
                f"{name}: the {lang} page is newer than its {other} twin.",
                f"  {paths[other]} last changed {twin_last.date} ({twin_last.sha[:7]} {twin_last.subject})",
                f"  {paths[lang]} changed since then, {len(ahead)} commit(s):",
            ]
            lines += [f"    {c.date} {c.sha[:7]} {c.subject}" for c in ahead]
            lines.append(f"  Bring {paths[other]} up to date (or, if no translation is needed, say [twin-ok]"
                         " in the commit message next time).")
            reports.append("\n".join(lines))

    if reports:
        print(f"Translation status: {len(reports)} page(s) where one language is ahead of its twin.\n")
        print("\n\n".join(reports))
    else:
        print("Translation status: every page pair is in step (no side has commits newer than its twin).")
    if notes:
        print("\nNotes:\n  " + "\n  ".join(notes))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # a warning tool never blocks a commit or a CI run
        print(f"translation_status: could not compare histories ({error}).")
        sys.exit(0)

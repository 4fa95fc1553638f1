"""A corpus of bad contributions (tests/corpus/*.yml), each played as a contributor would: change
sources in a copy of the repository, build the site, run the reader checks (tests/reader_checks.py).
Each case must fail with a finding that names the file it changed, a line it changed (unless the
case says `line: false`) and the rule it expects, and that finding must be new (not already on the
unchanged site).

Builds are shared: cases go into batches that are applied to one copy and built once, as long as
a batch changes each file at most a few times (findings are told apart by their line). Cases that
must be built apart from the rest share a `group` (applied in the order listed).
"""
from __future__ import annotations

import collections
import os
import pathlib
import re
import shutil
import subprocess

import pytest
import yaml

import reader_checks as checks
from conftest import ROOT, build_site

CORPUS = ROOT / "tests" / "corpus"
SITE_URL = "http://127.0.0.1:8000/"
PER_FILE_IN_A_BATCH = 8


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(CORPUS.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            case["theme"] = path.stem
            cases.append(case)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), f"tests/corpus: case ids must be unique: {[i for i, n in collections.Counter(ids).items() if n > 1]}"
    return cases


CASES = load_cases()


def batches(cases: list[dict]) -> list[list[dict]]:
    out: list[list[dict]] = []
    groups: dict[str, list[dict]] = {}
    for case in cases:
        if case.get("group"):
            if case["group"] not in groups:
                groups[case["group"]] = []
                out.append(groups[case["group"]])
            groups[case["group"]].append(case)
            continue
        files = [change["file"] for change in case["change"]]
        for batch in out:
            if any(c.get("group") for c in batch):
                continue
            count = collections.Counter(change["file"] for c in batch for change in c["change"])
            if all(count[f] < PER_FILE_IN_A_BATCH for f in files):
                batch.append(case)
                break
        else:
            out.append([case])
    return out


def copy_repository(dest: pathlib.Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for relative in filter(None, listed):
        source = ROOT / relative
        if source.is_file() and not relative.startswith(("benchmarks/", ".github/readme/")):
            target = dest / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    # Page dates come from git (the build refuses to guess them): commit the copy as it was.
    env = {**os.environ, "GIT_AUTHOR_NAME": "Corpus", "GIT_AUTHOR_EMAIL": "corpus@example.invalid",
           "GIT_COMMITTER_NAME": "Corpus", "GIT_COMMITTER_EMAIL": "corpus@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "as found"]):
        subprocess.run(["git", *command], cwd=dest, env=env, check=True, capture_output=True)


def apply(repo: pathlib.Path, change: dict) -> list[str]:
    """Make one change; return the text it added (to find the changed lines afterwards)."""
    path = repo / change["file"]
    if "delete" in change:
        path.unlink()
        return []
    if "bytes" in change:  # a binary or oversized file: a header, then filler
        path.parent.mkdir(parents=True, exist_ok=True)
        head = change.get("header", "").encode("latin-1")
        path.write_bytes(head + os.urandom(max(0, change["bytes"] - len(head))))
        return []
    if "write" in change:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(change["write"], encoding="utf-8")
        return [change["write"]]
    text = path.read_text(encoding="utf-8")
    if "replace" in change:
        old, new = change["replace"]
        assert old in text, f"corpus: {change['file']} does not contain {old!r}; update the case"
        text = text.replace(old, new, 1)
        added = [new]
    elif "before_references" in change:
        heading = re.search(r"^## .*\{#references\}", text, re.M)
        at = heading.start() if heading else len(text)
        text = text[:at] + change["before_references"].rstrip("\n") + "\n\n" + text[at:]
        added = [change["before_references"]]
    elif "front_matter" in change:
        assert text.startswith("---\n"), f"corpus: {change['file']} has no front matter"
        text = "---\n" + change["front_matter"].rstrip("\n") + "\n" + text[4:]
        added = [change["front_matter"]]
    elif "paste_body_of" in change:  # another page's sections, footnote markers and References left out
        other = (repo / change["paste_body_of"]).read_text(encoding="utf-8")
        body = other[other.index("\n## "):]
        body = re.sub(r"\n## [^\n]*\{#references\}.*", "", body, flags=re.S)
        body = re.sub(r"\[\^[^\]]+\]", "", body)
        heading = re.search(r"^## .*\{#references\}", text, re.M)
        at = heading.start() if heading else len(text)
        text = text[:at] + body.strip() + "\n\n" + text[at:]
        added = []
    elif "after" in change:
        anchor, new = change["after"]
        assert anchor in text, f"corpus: {change['file']} does not contain {anchor!r}; update the case"
        at = text.index(anchor) + len(anchor)
        text = text[:at] + new + text[at:]
        added = [new]
    else:
        text = text.rstrip("\n") + "\n\n" + change["append"].rstrip("\n") + "\n"
        added = [change["append"]]
    path.write_text(text, encoding="utf-8")
    return added


def changed_lines(repo: pathlib.Path, file: str, added: list[str]) -> set[int]:
    path = repo / file
    if not path.is_file():
        return set()
    pieces = {line.strip() for text in added for line in text.splitlines() if len(line.strip()) >= 2}
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {n for n, line in enumerate(lines, start=1) if any(p in line for p in pieces)}


def findings(reader: checks.Reader) -> dict[str, list[str]]:
    return checks.run_all(reader)


@pytest.fixture(scope="module")
def baseline(reader) -> set[str]:
    return {f for found in findings(reader).values() for f in found}


@pytest.fixture(scope="module")
def corpus_results(tmp_path_factory, baseline):
    """{case id: (findings by check, lines each file's change occupies, build log)}"""
    results = {}
    for number, batch in enumerate(batches(CASES), start=1):
        work = tmp_path_factory.mktemp(f"corpus-batch-{number}")
        repo = work / "repo"
        copy_repository(repo)
        added = collections.defaultdict(lambda: collections.defaultdict(list))
        for case in batch:
            for change in case["change"]:
                added[case["id"]][change["file"]] += apply(repo, change)
        code, log = build_site(work / "site", SITE_URL, root=repo)
        checks.clear_caches()
        if code != 0:  # the build refused it; the checks that need no build still name the source
            (work / "empty-site").mkdir()
            found = checks.run_all(checks.Reader(repo, work / "empty-site", SITE_URL), checks.SOURCE_CHECKS)
            found["build"] = ["`mkdocs build --strict` failed:\n" + log[-3000:]]
        else:
            found = findings(checks.Reader(repo, work / "site", SITE_URL))
        for case in batch:
            lines = {file: changed_lines(repo, file, texts) for file, texts in added[case["id"]].items()}
            results[case["id"]] = (found, lines, [c["id"] for c in batch])
        shutil.rmtree(work, ignore_errors=True)
    checks.clear_caches()
    return results


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['theme']}:{c['id']}")
def test_a_bad_contribution_is_caught_naming_its_file_and_rule(case, corpus_results, baseline):
    found, lines, batch = corpus_results[case["id"]]
    expect = case["expect"]
    if expect.get("nothing"):
        flagged = [m for messages in found.values() for m in messages if m not in baseline
                   and any(f"{file}:{n}" in m.split(": ", 1)[0].split(" and ") for file, numbers in lines.items() for n in numbers)]
        assert not flagged, f"Corpus case '{case['id']}' ({case['says']}) is legitimate, but the checks flag the lines it added:\n  " + "\n  ".join(flagged)
        return
    file, rule_id = expect["file"], expect["rule"]
    tag = f"[rule {rule_id},"
    candidates = []
    for check, messages in found.items():
        for message in messages:
            if tag not in message or message in baseline:
                continue
            if not message.startswith(file):
                continue
            if expect.get("line", True) is not False:
                named = {int(n) for n in re.findall(rf"{re.escape(file)}:(\d+)", message.split(": ", 1)[0])}
                if not named & lines.get(file, set()):
                    continue
            candidates.append((check, message))
    ours = [m for messages in found.values() for m in messages if m not in baseline]
    if not candidates:
        pytest.fail(
            f"Corpus case '{case['id']}' ({case['says']}) was not caught as expected: no new finding names {file}"
            f"{' at a changed line ' + str(sorted(lines.get(file, set()))) if expect.get('line', True) is not False else ''} with rule {rule_id}."
            f" Built together with {batch}. New findings in that build:\n  " + "\n  ".join(ours[:40]), pytrace=False)


def test_every_theme_of_the_checks_has_several_corpus_cases():
    themes = collections.Counter(case["theme"] for case in CASES if not case["expect"].get("nothing"))
    thin = {theme: n for theme, n in themes.items() if n < 3}
    assert len(themes) >= 6 and not thin, f"Each theme in tests/corpus/ needs at least 3 cases: {dict(themes)}"

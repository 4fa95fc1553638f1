"""Two builds of the same commit are byte-identical.

A reproducible build means a deploy changes only the files whose sources changed, caches stay warm,
and anyone can check that the published site is what this commit builds. SOURCE_DATE_EPOCH (set in
conftest.BUILD_ENV) pins the dates that would otherwise be the build time (sitemap <lastmod>,
fallback revision dates).
"""
from __future__ import annotations

import difflib
import hashlib

import pytest

from conftest import BUILD_ENV, build_site


def digests(root):
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes, name: str) -> str:
    if name.endswith(".gz"):
        import gzip
        try:
            a, b = gzip.decompress(a), gzip.decompress(b)
            if a == b:
                return "    (same content once decompressed: only the gzip header differs, e.g. its mtime)"
        except OSError:
            return "    (binary)"
    try:
        la, lb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return "    (binary)"
    diff = [l for l in difflib.unified_diff(la, lb, "first build", "second build", n=0, lineterm="")]
    return "\n".join("    " + l[:200] for l in diff[2:10])


def test_two_builds_of_the_same_commit_are_byte_identical(site, tmp_path):
    # The session's build is the first; one more build with the same SITE_URL is the second.
    first, second = site.dir, tmp_path / "second"
    code, log = build_site(second, site.url)
    if code != 0:
        pytest.fail(f"`mkdocs build --strict` failed:\n{log[-4000:]}", pytrace=False)
    a, b = digests(first), digests(second)
    only_a, only_b = sorted(a.keys() - b.keys()), sorted(b.keys() - a.keys())
    differ = sorted(name for name in a.keys() & b.keys() if a[name] != b[name])
    if not (only_a or only_b or differ):
        return
    lines = []
    if only_a or only_b:
        lines.append(f"files in one build only: first {only_a[:10]}, second {only_b[:10]}")
    for name in differ[:10]:
        lines.append(f"{name} differs:")
        lines.append(first_difference((first / name).read_bytes(), (second / name).read_bytes(), name))
    pytest.fail(
        f"Two builds of the same sources differ ({len(differ)} file(s) changed, "
        f"{len(only_a) + len(only_b)} present in one build only), with "
        f"SOURCE_DATE_EPOCH={BUILD_ENV.get('SOURCE_DATE_EPOCH')}:\n" + "\n".join(lines)
        + "\nHow to fix: whatever writes the differing bytes must not use the clock, random numbers or "
        "dict/set order: dates from SOURCE_DATE_EPOCH or git, sorted output in hooks (overrides/hooks/).",
        pytrace=False,
    )

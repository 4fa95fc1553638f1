"""Shared fixtures: the site is built once per test run, strictly, and served on 127.0.0.1.

`site` builds with `mkdocs build --strict` into a temporary folder, with SITE_URL set to the
address it is then served on, so canonical URLs, hreflang alternates and the sitemap point at the
local server (the browser tests need every request to stay on it).
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# Quiet the end-of-life banners that Material and a plugin print on every run (stack-notes.md).
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1764000000"}


@dataclass
class BuiltSite:
    dir: pathlib.Path
    url: str  # base URL with a trailing slash, e.g. http://127.0.0.1:40123/
    log: str
    warnings: list[str] = field(default_factory=list)

    def html_files(self):
        return sorted(self.dir.rglob("*.html"))

    def reader_pages(self) -> list[pathlib.Path]:
        return reader_pages(self.dir)

    def lang_of(self, path: pathlib.Path) -> str:
        rel = path.relative_to(self.dir).as_posix()
        return "en" if rel.startswith("en/") else DEFAULT_LANG

    def source(self, page: pathlib.Path) -> str:
        """The Markdown file a built page comes from, as a contributor finds it in the repository."""
        built = page.relative_to(self.dir)
        language = self.lang_of(page)
        name = built.relative_to("en") if language == "en" else built
        markdown = DOCS / language / name.with_suffix(".md")
        return rel(markdown) if markdown.exists() else f"the built page {built.as_posix()}"


def reader_pages(site_dir: pathlib.Path) -> list[pathlib.Path]:
    """The built pages a reader can reach, in both languages: every HTML file except the 404 pages,
    Material's own assets and the redirect stubs that mkdocs-redirects writes for moved pages."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if path.name == "404.html" or relative.split("/")[0] in ("assets", "search"):
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8", errors="replace")[:3000].lower():
            continue
        pages.append(path)
    return pages


def build_site(dest: pathlib.Path, site_url: str, root: pathlib.Path = ROOT) -> tuple[int, str]:
    """Build the site the way the README does, with --strict; return (exit code, full log)."""
    env = {**os.environ, **BUILD_ENV, "SITE_URL": site_url}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(dest)],
        cwd=root, env=env, capture_output=True, text=True,
    )
    return proc.returncode, proc.stdout + proc.stderr


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


def bind(directory: pathlib.Path) -> http.server.ThreadingHTTPServer:
    """A server for a built site on a free port of 127.0.0.1 (held from now on), not yet serving."""
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))


def url_of(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def start_serving(server: http.server.ThreadingHTTPServer) -> http.server.ThreadingHTTPServer:
    """Serve from a background thread; call .shutdown() to stop."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve(directory: pathlib.Path) -> http.server.ThreadingHTTPServer:
    """Serve a built site on a free port of 127.0.0.1 (url_of(server)) from a background thread."""
    return start_serving(bind(directory))


def build_and_serve(dest: pathlib.Path, server: http.server.ThreadingHTTPServer | None = None
                    ) -> tuple[int, str, str, http.server.ThreadingHTTPServer | None]:
    """Build the site into dest for a free local port (or `server`'s, bound beforehand) and serve it
    there: (exit code, log, URL, server, or None if the build failed)."""
    server = server or bind(dest)
    code, log = build_site(dest, url_of(server))
    if code != 0:
        server.server_close()
    return code, log, url_of(server), start_serving(server) if code == 0 else None


# With pytest-xdist (pytest.ini), the controller builds and serves the site once for all workers.
# It builds in the background while the workers start and collect; a worker's `site` fixture waits
# for the build's result file. Without xdist, the `site` fixture builds and serves the site itself.
@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    config = node.config
    if not hasattr(config, "_shared_site"):
        dest = pathlib.Path(tempfile.mkdtemp(prefix="pytest-site-"))
        server = bind(dest)  # the port is held from now on
        url = url_of(server)
        result = dest.with_name(dest.name + ".result.json")  # beside the site, not in it

        def build_then_serve():
            code, log = 1, "the build did not finish"
            try:
                code, log, _, config._shared_site_server = build_and_serve(dest, server)
            except Exception as exc:  # the workers must hear of it, not wait
                code, log = 1, f"the build could not run: {exc!r}"
            finally:
                result.with_suffix(".tmp").write_text(json.dumps({"code": code, "log": log}), encoding="utf-8")
                result.with_suffix(".tmp").rename(result)  # appears whole, once the server is up

        config._shared_site_build = threading.Thread(target=build_then_serve, daemon=True)
        config._shared_site_build.start()
        config._shared_site = {"dir": str(dest), "url": url, "result": str(result)}
    node.workerinput["site"] = config._shared_site


def wait_for_shared_build(shared: dict) -> tuple[int, str]:
    """(exit code, log) of the controller's build, once it has finished."""
    result = pathlib.Path(shared["result"])
    deadline = time.monotonic() + 900
    while not result.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"The site build (controller, {shared['dir']}) did not finish in 15 minutes.", pytrace=False)
        time.sleep(0.1)
    built = json.loads(result.read_text(encoding="utf-8"))
    return built["code"], built["log"]


# The longest test files first (measured 2026-11-30 with both workers busy: about 125, 75, 40, 35 and 15 s), so that the
# two workers finish together instead of one starting a long file while the other is nearly done.
# pytest.ini's --no-loadscope-reorder makes pytest-xdist hand out files in this order.
LONGEST_FIRST = ["test_every_page_in_the_browser.py", "test_in_the_browser.py", "test_pdf_edition.py",
                 "test_first_time_contributor.py", "test_bad_contributions.py"]


def pytest_collection_modifyitems(config, items):
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # a stable sort: other files keep their order


def pytest_unconfigure(config):
    if getattr(config, "_shared_site_build", None):
        config._shared_site_build.join()
    if getattr(config, "_shared_site_server", None):
        config._shared_site_server.shutdown()
    if hasattr(config, "_shared_site"):
        shutil.rmtree(config._shared_site["dir"], ignore_errors=True)
        pathlib.Path(config._shared_site["result"]).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> BuiltSite:
    shared = getattr(request.config, "workerinput", {}).get("site")
    if shared:
        code, log = wait_for_shared_build(shared)
        dest, url, server = pathlib.Path(shared["dir"]), shared["url"], None
    else:
        dest = tmp_path_factory.mktemp("site")
        code, log, url, server = build_and_serve(dest)
    if code != 0:
        pytest.fail(
            "`mkdocs build --strict` failed, so no other check can run. Its log:\n"
            + log[-6000:]
            + "\nFix the first ERROR or WARNING above (it names the file), then run the tests again.",
            pytrace=False,
        )
    warnings = [line for line in log.splitlines() if re.search(r"\bWARNING\b", line)]
    yield BuiltSite(dir=dest, url=url, log=log, warnings=warnings)
    if server:
        server.shutdown()


@functools.lru_cache(maxsize=None)
def _parsed(path: str, mtime_ns: int, size: int):
    from bs4 import BeautifulSoup

    return BeautifulSoup(pathlib.Path(path).read_text(encoding="utf-8"), "html.parser")


def parsed_page(path: pathlib.Path):
    """A built page parsed by BeautifulSoup (html.parser), once per test process and file version, for
    every test file that reads built pages: read it, never change it."""
    stat = path.stat()
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


def markdown_pages(lang: str | None = None) -> list[pathlib.Path]:
    langs = [lang] if lang else list(LANGS)
    return sorted(p for l in langs for p in (DOCS / l).rglob("*.md"))


def rel(path: pathlib.Path) -> str:
    """A path as a contributor sees it in the repository."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


@pytest.fixture(scope="session")
def reader(site):
    """The session's build with the repository it came from, for the checks in reader_checks.py."""
    from reader_checks import Reader
    return Reader(ROOT, site.dir, site.url)


def report(problems: list[str], heading: str) -> None:
    """Fail with one finding per line (file:line: what is wrong [rule]. How to fix it.)."""
    if problems:
        shown = sorted(set(problems))
        more = f"\n  … and {len(shown) - 60} more" if len(shown) > 60 else ""
        pytest.fail(heading + "\n  " + "\n  ".join(shown[:60]) + more, pytrace=False)


# The browser and the list of built pages, one of each per test session, for every browser test file
# (defined in tests/browser_support.py; a fixture imported here exists once, not once per file).
from browser_support import browser, pages  # noqa: E402,F401

#!/usr/bin/env python3
"""Desktop and phone screenshots of every page in both languages, for looking at the site.

    python3 scripts/screenshots.py                 # build (strict), serve on 127.0.0.1, shoot
    python3 scripts/screenshots.py --lenient       # build without --strict (pages mid-edit)
    python3 scripts/screenshots.py --site DIR      # shoot an already built site (built with SITE_URL
                                                   # pointing at the --port it is served on)
    python3 scripts/screenshots.py --dark --only oxides

Writes screenshots/<lang>-<page>-<desktop|phone>[-dark].png (full page; git-ignored).
Uses Debian's Chromium through Playwright, as the browser tests do (tests/browser_support.py).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import (  # noqa: E402
    DESKTOP, PHONE, BrowserMissing, launch_chromium, site_pages, start_playwright,
)

BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1764000000"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(dest: pathlib.Path, site_url: str, strict: bool) -> None:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", str(dest)]
    if strict:
        cmd.insert(4, "--strict")
    else:
        cmd += ["--config-file", str(lenient_config())]
    env = {**os.environ, **BUILD_ENV, "SITE_URL": site_url}
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit((proc.stdout + proc.stderr)[-4000:] + "\nThe build failed (see above); try --lenient while pages are mid-edit.")
    print(f"built in {time.monotonic() - t0:.1f} s")


def lenient_config() -> pathlib.Path:
    """mkdocs.yml with `strict: false`, written next to it (so relative paths still work)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("\nstrict: true", "\nstrict: false")
    path = ROOT / ".mkdocs-lenient.yml"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=pathlib.Path, help="an already built site folder")
    ap.add_argument("--port", type=int, default=0, help="port to serve on (default: a free one)")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "screenshots")
    ap.add_argument("--lenient", action="store_true", help="build without --strict")
    ap.add_argument("--dark", action="store_true", help="dark palette (prefers-color-scheme: dark)")
    ap.add_argument("--only", action="append", default=[], help="page name(s) without .html, e.g. oxides")
    args = ap.parse_args()

    port = args.port or free_port()
    url = f"http://127.0.0.1:{port}/"
    tmp = None
    if args.site:
        site_dir = args.site.resolve()
    else:
        tmp = tempfile.TemporaryDirectory(prefix="screenshots-site-")
        site_dir = pathlib.Path(tmp.name)
        try:
            build(site_dir, url, strict=not args.lenient)
        finally:
            (ROOT / ".mkdocs-lenient.yml").unlink(missing_ok=True)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    args.out.mkdir(parents=True, exist_ok=True)
    pages = [p for p in site_pages(site_dir)
             if not args.only or p.name.removesuffix(".html") in args.only]
    scheme = "dark" if args.dark else "light"
    suffix = "-dark" if args.dark else ""
    try:
        pw = start_playwright()
        browser = launch_chromium(pw)
    except BrowserMissing as exc:
        server.shutdown()
        print(exc, file=sys.stderr)
        return 2
    written = 0
    t0 = time.monotonic()
    try:
        for label, viewport, mobile in (("desktop", DESKTOP, False), ("phone", PHONE, True)):
            context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=mobile,
                                          has_touch=mobile, device_scale_factor=1)
            page = context.new_page()
            for p in pages:
                page.goto(p.url(url), wait_until="load")
                page.evaluate("document.fonts.ready")
                name = p.name.removesuffix(".html").replace("/", "-")
                target = args.out / f"{p.lang}-{name}-{label}{suffix}.png"
                page.screenshot(path=str(target), full_page=True)
                written += 1
            context.close()
    finally:
        browser.close()
        pw.stop()
        server.shutdown()
        if tmp:
            tmp.cleanup()
    print(f"{written} screenshots in {args.out} ({time.monotonic() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

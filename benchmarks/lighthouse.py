#!/usr/bin/env python3
"""Performance benchmark (not a test): our bilingual build against a plain Material build of the
same Markdown, measured with Lighthouse 12.2.3 in Debian's Chromium, served by nginx on loopback.

    python3 benchmarks/lighthouse.py            # everything, about 10 minutes on 2 cores
    python3 benchmarks/lighthouse.py --runs 3   # Lighthouse 3 times per page, median kept
    python3 benchmarks/lighthouse.py --pages index oxides --no-install
    python3 benchmarks/lighthouse.py --runs 3 --modes mobile --add-pages industry safety

What it does:
1. Installs what is missing: nginx (Debian), Lighthouse 12.2.3 (npm, into benchmarks/.node/,
   git-ignored). Chromium must be at /usr/bin/chromium (apt-get install -y chromium fonts-noto-cjk), or at CHROMIUM_PATH.
2. Builds our site (mkdocs build --strict, SITE_URL = its nginx address) and two plain builds: one
   of docs/zh and one of docs/en, each a single-language site with Material's default settings
   (no i18n, no hooks, no extra CSS/JS, no palette, no features), the same nav, the same
   markdown_extensions, and use_directory_urls: false so the page URLs match. Two settings differ
   from Material's defaults in the plain build, for the benchmark to run here at all: `font: false`
   (the default loads Google Fonts, a third-party request this machine cannot make) and the
   theme language of each build (zh / en). Each build's time and peak memory are measured.
3. Serves the three builds with nginx on 127.0.0.1 (gzip on for html, css, js, json, svg, xml;
   hashed assets cached for a year, other files for a day, HTML revalidated), as a static host does.
4. Runs Lighthouse (mobile: its default Moto G Power emulation with simulated throttling; desktop:
   --preset=desktop) on one page of each type in both languages: the home page, a deep page
   (oxides), the calculator pages (lab-to-fab, energy-density), the glossary and the industry records
   page with its filter script; --add-pages adds more (by file
   name without .html, e.g. industry), --pages replaces the list.
5. Prints a table and writes it to benchmarks/results/latest.md with the date and the machine.
Everything stays on 127.0.0.1; nginx is stopped at the end (also on errors and Ctrl-C).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pathlib
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
NODE_PREFIX = HERE / ".node"
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_JS = NODE_PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
RESULTS = HERE / "results" / "latest.md"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1764000000"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# One page of each type: home, a deep page, the calculator page, the glossary, the industry records page
# (its filter script) and the energy-density page (its calculator). More with --add-pages.
PAGES = ("index", "oxides", "lab-to-fab", "glossary", "industry-records", "energy-density")

# Runs a command and reports its wall time and peak memory (RUSAGE_CHILDREN of a fresh process,
# so it is the peak of that build alone) as one JSON line on stderr's last line.
MEASURE = r"""
import json, resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1], "w") as log:
    code = subprocess.run(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT).returncode
print(json.dumps({"seconds": time.monotonic() - t, "code": code,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def generated_here(markdown: str) -> list[str]:
    """The markers in a page's Markdown that our hooks replace with content (the industry tables and
    charts, `<!-- industry: … -->`; the glossary's terms, `<!-- glossary -->`), taken from the hooks
    themselves. A plain Material build leaves them as comments, so its page lacks that content."""
    sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
    from glossary_from_one_yaml import MARKER as GLOSSARY
    from industry_data import DIRECTIVE

    found = [f"<!-- industry: {name} -->" for name in sorted({m.group(1) for m in DIRECTIVE.finditer(markdown)})]
    return found + ([GLOSSARY] if GLOSSARY in markdown else [])


def say(*a):
    print(*a, flush=True)


# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
def nginx_path() -> str | None:
    return shutil.which("nginx") or (os.path.exists("/usr/sbin/nginx") and "/usr/sbin/nginx") or None


def ensure_tools(install: bool) -> str:
    if not os.path.exists(CHROMIUM):
        sys.exit(f"No Chromium at {CHROMIUM}: apt-get install -y chromium fonts-noto-cjk")
    if not nginx_path():
        if not install:
            sys.exit("nginx is missing: apt-get install -y nginx")
        say("installing nginx (apt-get install -y nginx) ...")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "nginx"], env=env).returncode:
            subprocess.run(["apt-get", "update"], env=env, check=True)
            subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "nginx"], env=env, check=True)
    if not LIGHTHOUSE_JS.exists() or lighthouse_version() != LIGHTHOUSE_VERSION:
        if not install:
            sys.exit(f"Lighthouse is missing: npm install --prefix {NODE_PREFIX} lighthouse@{LIGHTHOUSE_VERSION}")
        say(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {NODE_PREFIX.relative_to(ROOT)} ...")
        subprocess.run(["npm", "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund",
                        "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return nginx_path()


def lighthouse_version() -> str:
    try:
        pkg = NODE_PREFIX / "node_modules" / "lighthouse" / "package.json"
        return json.loads(pkg.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# Builds
# ---------------------------------------------------------------------------------------------
class EnvTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV [NAME, default]` gives the default."""


def _env_tag(loader, node):
    value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in value[:-1] if len(value) > 1 else value:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return value[-1] if len(value) > 1 else None


EnvTagLoader.add_constructor("!ENV", _env_tag)
EnvTagLoader.add_multi_constructor("tag:yaml.org,2002:python/name:",
                                   lambda loader, suffix, node: f"!!python/name:{suffix}")


def plain_config(lang: str, site_url: str, out: pathlib.Path) -> pathlib.Path:
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=EnvTagLoader)
    i18n = next((p["i18n"] for p in ours.get("plugins", []) if isinstance(p, dict) and "i18n" in p), {})
    lang_conf = next((l for l in i18n.get("languages", []) if l.get("locale") == lang), {})
    translations = lang_conf.get("nav_translations", {})

    def translate(nav):
        out_nav = []
        for item in nav:
            if isinstance(item, dict):
                (k, v), = item.items()
                out_nav.append({translations.get(k, k): translate(v) if isinstance(v, list) else v})
            else:
                out_nav.append(item)
        return out_nav

    config = {
        "site_name": lang_conf.get("site_name", ours["site_name"]),
        "site_url": site_url,
        "docs_dir": str(ROOT / "docs" / lang),
        "use_directory_urls": False,
        "theme": {"name": "material", "language": lang, "font": False},
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
    }
    if ours.get("nav"):
        config["nav"] = translate(ours["nav"])
    path = out / f"plain-{lang}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def measured_build(cmd: list[str], env: dict, log: pathlib.Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(log), *cmd], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        sys.exit(f"build failed: {' '.join(cmd)}\n{log.read_text()[-4000:]}")
    return result


def build_all(work: pathlib.Path, urls: dict, repeat: int, strict: bool = True) -> dict:
    env = {**os.environ, **BUILD_ENV}
    builds = {}
    ours_cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", str(work / "ours")]
    if strict:
        ours_cmd.insert(4, "--strict")
    else:  # pages mid-edit: same config with strict off (mkdocs.yml says `strict: true`)
        cfg = ROOT / ".mkdocs-bench-lenient.yml"  # beside mkdocs.yml, so its relative paths hold
        cfg.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("\nstrict: true", "\nstrict: false"),
                       encoding="utf-8")
        ours_cmd += ["-f", str(cfg)]
    specs = {"ours": (ours_cmd, {**env, "SITE_URL": urls["ours"]})}
    for lang in ("zh", "en"):
        cfg = plain_config(lang, urls[f"plain-{lang}"], work)
        specs[f"plain-{lang}"] = ([sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(cfg),
                                   "-d", str(work / f"plain-{lang}")], env)
    for name, (cmd, e) in specs.items():
        runs = [measured_build(cmd, e, work / f"{name}.log") for _ in range(repeat)]
        builds[name] = {"seconds": statistics.median(r["seconds"] for r in runs),
                        "maxrss_kb": max(r["maxrss_kb"] for r in runs), "runs": [r["seconds"] for r in runs]}
        say(f"built {name:9s} median {builds[name]['seconds']:.2f} s of {repeat} "
            f"({', '.join(f'{s:.2f}' for s in builds[name]['runs'])}), peak memory "
            f"{builds[name]['maxrss_kb'] / 1024:.0f} MiB")
    return builds


# ---------------------------------------------------------------------------------------------
# nginx
# ---------------------------------------------------------------------------------------------
NGINX_CONF = """
user root;
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/nginx-tmp/body;
    proxy_temp_path {work}/nginx-tmp/proxy;
    fastcgi_temp_path {work}/nginx-tmp/fastcgi;
    uwsgi_temp_path {work}/nginx-tmp/uwsgi;
    scgi_temp_path {work}/nginx-tmp/scgi;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    gzip on;
    gzip_comp_level 6;
    gzip_min_length 256;
    gzip_vary on;
    gzip_types text/css application/javascript text/javascript application/json image/svg+xml
               application/xml text/xml application/rss+xml text/plain;
{servers}
}}
"""

NGINX_SERVER = """
    server {{
        listen 127.0.0.1:{port};
        root {root};
        error_page 404 /404.html;
        # Material's bundles carry a content hash in their names: cache them for a year.
        location ~* "\\.[0-9a-f]{{8}}\\.min\\.(js|css)$" {{ add_header Cache-Control "public, max-age=31536000, immutable"; }}
        location ~* \\.(css|js|svg|png|jpg|webp|woff2?|ico|json)$ {{ add_header Cache-Control "public, max-age=86400"; }}
        location / {{ add_header Cache-Control "no-cache"; try_files $uri $uri/ =404; }}
    }}
"""


def start_nginx(nginx: str, work: pathlib.Path, roots: dict, ports: dict) -> subprocess.Popen:
    (work / "nginx-tmp").mkdir(exist_ok=True)
    servers = "".join(NGINX_SERVER.format(port=ports[name], root=roots[name]) for name in roots)
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=work, servers=servers))
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work)], stdout=subprocess.DEVNULL,
                            stderr=open(work / "nginx-stderr.log", "w"))
    deadline = time.monotonic() + 10
    for port in ports.values():
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    stop_nginx(proc)
                    logs = [work / "nginx-stderr.log", work / "nginx-error.log"]
                    sys.exit("nginx did not start:\n" + "".join(p.read_text() for p in logs if p.exists()))
                time.sleep(0.1)
    return proc


def stop_nginx(proc: subprocess.Popen | None):
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGQUIT)  # graceful stop of master and workers
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------------------------------------
# Lighthouse
# ---------------------------------------------------------------------------------------------
def lighthouse(url: str, mode: str, out: pathlib.Path) -> dict:
    cmd = ["node", str(LIGHTHOUSE_JS), url, "--output=json", f"--output-path={out}", "--quiet",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
           "--max-wait-for-load=30000"]
    if mode == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed for {url} ({mode}):\n{proc.stderr[-2000:]}")
    lhr = json.loads(out.read_text())
    audits = lhr["audits"]
    items = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    hosts = sorted({i["url"].split("/")[2] for i in items if i.get("url", "").startswith("http")})
    return {
        **{c: round(100 * (lhr["categories"][c]["score"] or 0)) for c in CATEGORIES},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(items),
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "blocking": render_blocking(url),
        "hosts": hosts,
        "failed": sorted(a for a, v in audits.items() if v.get("score") == 0 and v.get("scoreDisplayMode") == "binary"),
        "runtime_error": (lhr.get("runtimeError") or {}).get("code"),
        "paths": sorted({"/".join(i["url"].split("/")[3:]).split("?")[0] for i in items
                         if i.get("url", "").startswith("http")}),
        "transfer": {"/".join(i["url"].split("/")[3:]).split("?")[0]: i.get("transferSize", 0) for i in items
                     if i.get("url", "").startswith("http")},
    }


def render_blocking(url: str) -> list[str]:
    """The requests in the page's <head> that hold back its first paint: stylesheets, and scripts
    without async, defer or type=module. (Lighthouse 12's render-blocking audit lists only those
    it thinks worth saving, often none, so they are counted from the served HTML.)"""
    html = urllib.request.urlopen(url, timeout=30).read().decode("utf-8", "replace")
    head = html.split("</head>", 1)[0]
    out = []
    for tag in re.findall(r"<(?:link|script)\b[^>]*>", head):
        if tag.startswith("<link") and re.search(r'rel="?stylesheet', tag) and not re.search(r'media="?print', tag):
            out.append(re.search(r'href="([^"]+)"', tag).group(1))
        elif tag.startswith("<script") and "src=" in tag and not re.search(r"\b(async|defer)\b|type=\"?module", tag):
            out.append(re.search(r'src="([^"]+)"', tag).group(1))
    return out


def compare_requests(row: dict, lang: str) -> tuple[str, str]:
    """Where ours transfers more than the plain build: (files only ours loads, a line on the sizes,
    including shared files that are bigger in ours, such as the two-language search index)."""
    ours, plain = row["ours"]["transfer"], row["plain"]["transfer"]
    strip = "en/" if lang == "en" else ""
    extra = {p.removeprefix(strip): size for p, size in ours.items() if p.removeprefix(strip) not in plain}
    bigger = {p: size - plain[p.removeprefix(strip)] for p, size in ours.items()
              if p.removeprefix(strip) in plain and size - plain[p.removeprefix(strip)] > 2048}
    kib = lambda n: f"{n / 1024:.1f} KiB"  # noqa: E731
    files = ", ".join(f"{p} {kib(v)}" for p, v in sorted(extra.items(), key=lambda kv: (-kv[1], kv[0])))
    diff = row['ours']['bytes'] - row['plain']['bytes']
    only_plain = sorted(p for p in plain if strip + p not in ours and p not in ours)
    line = (f"ours {row['page']} (mobile) transfers {kib(abs(diff))} {'more' if diff > 0 else 'less'}: "
            f"{len(extra)} files only ours loads, {kib(sum(extra.values()))}; "
            f"{len(only_plain)} only plain loads ({', '.join(only_plain) or 'none'}); bigger in ours: "
            + (", ".join(f"{p} +{kib(v)}" for p, v in sorted(bigger.items(), key=lambda kv: -kv[1])) or "nothing") + ".")
    return files, line


def median_result(results: list[dict]) -> dict:
    """The run with the median performance score (keeps one run's numbers consistent)."""
    ordered = sorted(results, key=lambda r: (r["performance"], -r["lcp"]))
    return ordered[len(ordered) // 2]


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def table(rows: list[dict]) -> str:
    head = ("| page | mode | perf | a11y | best pr. | SEO | KiB transferred | requests | render-blocking | FCP ms | LCP ms | TBT ms | CLS |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for r in rows:
        o, p = r["ours"], r["plain"]
        lines.append(
            f"| {r['page']} | {r['mode']} "
            + "".join(f"| {o[c]} / {p[c]} " for c in CATEGORIES)
            + f"| {o['bytes'] / 1024:.0f} / {p['bytes'] / 1024:.0f} ({ratio(o['bytes'], p['bytes'])}) "
            + f"| {o['requests']} / {p['requests']} ({ratio(o['requests'], p['requests'])}) "
            + f"| {len(o['blocking'])} / {len(p['blocking'])} "
            + f"| {o['fcp']:.0f} / {p['fcp']:.0f} ({ratio(o['fcp'], p['fcp'])}) "
            + f"| {o['lcp']:.0f} / {p['lcp']:.0f} ({ratio(o['lcp'], p['lcp'])}) "
            + f"| {o['tbt']:.0f} / {p['tbt']:.0f} "
            + f"| {o['cls']:.3f} / {p['cls']:.3f} |")
    return "\n".join(lines)


def targets_missed(row: dict) -> list[str]:
    """Issue 13's targets (mobile): performance >= 98 and >= plain, bytes <= plain, no more
    render-blocking requests than plain, CLS 0. What this row misses, in words."""
    o, p = row["ours"], row["plain"]
    missed = []
    if o["performance"] < 98 or o["performance"] < p["performance"]:
        missed.append(f"performance {o['performance']} (plain {p['performance']})")
    if o["bytes"] > p["bytes"]:
        missed.append(f"bytes {o['bytes'] / 1024:.0f} KiB > plain {p['bytes'] / 1024:.0f} KiB")
    if len(o["blocking"]) > len(p["blocking"]):
        missed.append(f"render-blocking {', '.join(o['blocking'])} (plain: {', '.join(p['blocking']) or 'none'})")
    if round(o["cls"], 3) > 0:
        missed.append(f"CLS {o['cls']:.3f}")
    return missed


def machine() -> str:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
        mem = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        mem = "unknown"

    def version(cmd):
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True)
            return (proc.stdout.strip() or proc.stderr.strip()).splitlines()[0]  # nginx -v prints on stderr
        except (OSError, IndexError):
            return "?"

    import importlib.metadata as md
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs (nproc), {cpu}, {mem} memory, load average {load} (1/5/15 min, at the end; "
            f"the machine is shared); {platform.platform()}; "
            f"Python {platform.python_version()}, mkdocs {md.version('mkdocs')}, "
            f"mkdocs-material {md.version('mkdocs-material')}; {version([CHROMIUM, '--version'])}; "
            f"Lighthouse {lighthouse_version()}, Node {version(['node', '--version'])}; "
            f"{version([nginx_path() or 'nginx', '-v'])}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page and mode (median kept)")
    ap.add_argument("--build-runs", type=int, default=3, help="builds of each site (median time kept)")
    ap.add_argument("--pages", nargs="+", default=list(PAGES), help="pages to measure (name without .html)")
    ap.add_argument("--add-pages", nargs="+", default=[], help="pages measured after --pages")
    ap.add_argument("--modes", nargs="+", default=["mobile", "desktop"], choices=["mobile", "desktop"])
    ap.add_argument("--no-install", action="store_true", help="fail instead of installing nginx/Lighthouse")
    ap.add_argument("--lenient", action="store_true", help="build ours without --strict (pages mid-edit)")
    ap.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}")
    args = ap.parse_args()

    nginx = ensure_tools(install=not args.no_install)
    started = dt.datetime.now(dt.timezone.utc)
    work = pathlib.Path(tempfile.mkdtemp(prefix="lighthouse-bench-"))
    ports = {name: free_port() for name in ("ours", "plain-zh", "plain-en")}
    urls = {name: f"http://127.0.0.1:{port}/" for name, port in ports.items()}
    proc = None
    try:
        try:
            builds = build_all(work, urls, args.build_runs, strict=not args.lenient)
        finally:
            (ROOT / ".mkdocs-bench-lenient.yml").unlink(missing_ok=True)
        proc = start_nginx(nginx, work, {name: work / name for name in ports}, ports)
        say(f"nginx serving ours at {urls['ours']}, plain builds at {urls['plain-zh']} and {urls['plain-en']}")
        rows, notes, failed, extra_files = [], [], {}, {}
        for page in list(dict.fromkeys(args.pages + args.add_pages)):
            for lang in ("zh", "en"):
                for mode in args.modes:
                    row = {"page": f"{lang}/{page}", "mode": mode}
                    for build in ("ours", "plain"):
                        url = (urls["ours"] + ("" if lang == "zh" else "en/") if build == "ours"
                               else urls[f"plain-{lang}"]) + f"{page}.html"
                        runs = [lighthouse(url, mode, work / f"{build}-{lang}-{page}-{mode}-{i}.json")
                                for i in range(args.runs)]
                        row[build] = median_result(runs)
                        r = row[build]
                        foreign = [h for h in r["hosts"] if not h.startswith("127.0.0.1")]
                        if foreign or r["runtime_error"]:
                            notes.append(f"{build} {url} ({mode}): other hosts {foreign}, error {r['runtime_error']}")
                        if build == "ours":
                            for audit in r["failed"]:
                                failed.setdefault(audit, []).append(f"{row['page']} {mode}")
                    if mode == "mobile":  # what ours loads that the plain build does not (same on desktop)
                        files, line = compare_requests(row, lang)
                        extra_files.setdefault(files, []).append(row["page"])
                        notes.append(line)
                    say(f"{row['page']:16s} {mode:7s} ours " + " ".join(str(row['ours'][c]) for c in CATEGORIES)
                        + "  plain " + " ".join(str(row['plain'][c]) for c in CATEGORIES))
                    rows.append(row)
    finally:
        stop_nginx(proc)
        say("nginx stopped")

    ours_t = builds["ours"]["seconds"]
    plain_t = builds["plain-zh"]["seconds"] + builds["plain-en"]["seconds"]
    summary = [
        f"Build time (median of {args.build_runs}): ours, {'lenient' if args.lenient else 'strict'} bilingual, "
        f"{ours_t:.2f} s; plain zh "
        f"{builds['plain-zh']['seconds']:.2f} s + plain en {builds['plain-en']['seconds']:.2f} s = "
        f"{plain_t:.2f} s (ratio {ratio(ours_t, plain_t)}).",
        f"Peak memory (max RSS) of our build: {builds['ours']['maxrss_kb'] / 1024:.0f} MiB; plain zh "
        f"{builds['plain-zh']['maxrss_kb'] / 1024:.0f} MiB, plain en {builds['plain-en']['maxrss_kb'] / 1024:.0f} MiB.",
    ]
    for files, where in extra_files.items():
        notes.append(f"Files only ours loads ({'every page measured' if len(extra_files) == 1 else ', '.join(where)}): "
                     f"{files or 'none'}.")
    for row in rows:
        if row["mode"] == "mobile":
            missed = targets_missed(row)
            notes.append(f"target {'missed' if missed else 'met'} on {row['page']} (mobile)"
                         + (": " + "; ".join(missed) if missed else ""))
            lang, name = row["page"].split("/", 1)
            source = ROOT / "docs" / lang / f"{name}.md"
            generated = generated_here(source.read_text(encoding="utf-8")) if source.exists() else []
            if generated:
                notes.append(f"  {row['page']}: the plain build has not the same content here: its page keeps "
                             f"{', '.join(f'`{g}`' for g in generated)} as comments, because that content (industry "
                             "tables and charts from data/, glossary terms from includes/glossary.yml) is made by our "
                             "hooks, which a plain Material build does not run. Ours lays out and styles it; plain has none.")
    for audit, where in sorted(failed.items()):
        notes.append(f"ours fails the Lighthouse audit {audit} in {len(where)} of {len(rows)} runs"
                     + (f" ({', '.join(where)})" if len(where) < len(rows) else " (all)") + ".")
    text = table(rows)
    say("\nCells: ours / plain (ratio ours ÷ plain). Scores 0–100; FCP and LCP as Lighthouse simulates them.\n")
    say(text)
    say("")
    for line in summary + notes:
        say(line)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            "# Lighthouse benchmark: our build against a plain Material build\n\n"
            f"Date: {started:%Y-%m-%d %H:%M} UTC. Machine: {machine()}.\n\n"
            "Command: `" + " ".join(["python3", "benchmarks/lighthouse.py", *sys.argv[1:]])
            + "` (see its docstring for what each build is). "
            "Served by nginx on 127.0.0.1 with gzip and cache headers. Mobile = Lighthouse's default "
            "(Moto G Power emulation, simulated slow 4G); desktop = `--preset=desktop`. "
            f"Lighthouse runs per cell: {args.runs}.\n\n"
            "Cells: ours / plain (ratio ours ÷ plain). The plain build is a single-language Material site "
            "of the same Markdown with default theme settings (except `font: false`).\n\n"
            + text + "\n\n" + "\n".join(f"- {line}" for line in summary + notes) + "\n",
            encoding="utf-8")
        say(f"\nwrote {RESULTS.relative_to(ROOT)}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

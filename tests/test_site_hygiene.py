"""What may never reach the site: scripts and embeds in Markdown, template tokens, spam, plain-http
or unreviewed external links, and images from other hosts."""
from __future__ import annotations

import re
from urllib.parse import urlsplit


from conftest import ROOT, markdown_pages, rel
from markdown_source import lines_outside_code, rule, where

PAGES = markdown_pages()
DATA = ROOT / "tests" / "data"

RAW_HTML = re.compile(r"<\s*(script|iframe|object|embed|style|frame|frameset|applet|form|base|meta|link)\b", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"javascript\s*:", re.I)
TEMPLATE = re.compile(r"\{\{|\{%|\{#(?![\w-]*\})|%\}|\}\}")
URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\])\"'`]+", re.I)
REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(?:https?:)?//|<img[^>]+src\s*=\s*[\"']?(?:https?:)?//", re.I)


def _list_file(name):
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _spam_patterns():
    patterns = []
    for word in _list_file("spam-words.txt"):
        if re.fullmatch(r"[A-Za-z ]+", word):
            patterns.append((word, re.compile(rf"\b{re.escape(word)}\b", re.I)))
        else:
            patterns.append((word, re.compile(re.escape(word), re.I)))
    return patterns


def _problems(check):
    problems = []
    for page in PAGES:
        for number, line in lines_outside_code(page):
            message = check(line)
            if message:
                problems.append(f"{where(page, number)}: {message}")
    return problems


def test_markdown_has_no_scripts_embeds_or_event_handlers():
    def check(line):
        if m := RAW_HTML.search(line):
            return f"raw <{m.group(1)}> tag {rule('SAFE-HTML')}. Pages may not carry {m.group(1)} elements: remove it (figures use <figure>, interactive parts ship as files in docs/assets/javascripts/)."
        if EVENT_HANDLER.search(line):
            return f"an inline event handler (on...=) {rule('SAFE-HTML')}. Remove it; behaviour belongs in docs/assets/javascripts/."
        if JS_URL.search(line):
            return f"a javascript: URL {rule('SAFE-HTML')}. Remove it."
    problems = _problems(check)
    assert not problems, "Unsafe HTML in Markdown:\n  " + "\n  ".join(problems)


def test_markdown_has_no_unrendered_template_tokens():
    def check(line):
        if m := TEMPLATE.search(line):
            return f"template token '{m.group(0)}' {rule('SAFE-HTML')}. MkDocs does not render these here; they show up as raw text (the spam we received carried one). Delete it."
    problems = _problems(check)
    assert not problems, "Template tokens in Markdown:\n  " + "\n  ".join(problems)


def test_no_spam_or_adult_content_words_reach_the_site():
    patterns = _spam_patterns()
    files = PAGES + [ROOT / "includes" / "glossary.yml", ROOT / "includes" / "jieba-battery-terms.txt"]
    problems = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for word, pattern in patterns:
                if pattern.search(URL.sub(" ", line)):
                    problems.append(f"{where(path, number)}: '{word}'")
    assert not problems, (
        f"Words from the spam list (tests/data/spam-words.txt) are in the site {rule('SPAM')}. The copy of the source article we"
        " received ended in injected spam; none of it may be published. Remove the text:\n  " + "\n  ".join(problems))


def test_external_links_use_https_and_reviewed_domains():
    allowed = set(_list_file("allowed-domains.txt"))

    def check(line):
        messages = []
        for url in URL.findall(line):
            parts = urlsplit(url)
            if parts.scheme != "https":
                messages.append(f"'{url}' is not https {rule('LINK-HTTPS')}. Use the https:// address of the page.")
            elif parts.hostname not in allowed:
                messages.append(
                    f"'{parts.hostname}' is not in tests/data/allowed-domains.txt {rule('LINK-DOMAIN')}. If it is a primary source (a publisher,"
                    " a company, a regulator), add the domain there on its own line so reviewers see it; otherwise cite a better source.")
        return " ".join(messages)
    problems = _problems(check)
    assert not problems, "External links to fix:\n  " + "\n  ".join(problems)


def test_images_come_from_the_site_itself():
    def check(line):
        if REMOTE_IMAGE.search(line):
            return f"an image loaded from another host {rule('SAFE-HTML')}. Save the image (SVG for figures) under docs/<lang>/figures/ and link it by a relative path."
    problems = _problems(check)
    svgs = sorted((ROOT / "docs").rglob("*.svg"))
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        if re.search(r"(?:href|src)\s*=\s*[\"'](?:https?:)?//", text) or "@import" in text:
            problems.append(f"{rel(svg)}: refers to another host (href/src/@import). Figures must be self-contained.")
        if re.search(r"<\s*script|\son[a-z]+\s*=", text, re.I):
            problems.append(f"{rel(svg)}: carries a script or event handler. Figures are static drawings.")
    assert not problems, "Images must be served by the site itself:\n  " + "\n  ".join(problems)


def test_the_domain_allow_list_is_sorted_and_has_no_duplicates():
    domains = _list_file("allowed-domains.txt")
    assert domains == sorted(set(domains)), (
        f"tests/data/allowed-domains.txt should list each domain once, in alphabetical order {rule('LINK-DOMAIN')}, so a pull request that"
        " adds one shows it clearly. Fix with: LC_ALL=C sort -u -o tests/data/allowed-domains.txt tests/data/allowed-domains.txt")

#!/usr/bin/env python3
"""The PDF edition: the whole site as one PDF per language, printed from an already built site.

    python3 scripts/pdf.py                      # build the site into site/ (strict), then print it
    python3 scripts/pdf.py --site-dir site      # print an existing build (no rebuild)
    python3 scripts/pdf.py --site-dir site --out-dir /tmp/pdf   # PDFs there; the site is untouched

With no --out-dir, the PDFs go into the site itself, at stable addresses:
    <site>/pdf/solid-state-batteries-zh.pdf and <site>/en/pdf/solid-state-batteries-en.pdf
and the built home and About pages of each language get a download link with the page count and
file size, where their Markdown says <!-- pdf-edition --> (a local build without PDFs shows no link).

How: for each language, the pages are taken from the built site in navigation order (the site's
own navigation), their articles joined into one print view (ids made unique per page, links
between pages turned into links inside the PDF), and Debian's Chromium prints it through
Playwright, as the browser tests launch it (tests/browser_support.py). Chromium writes the outline
(bookmarks) from the headings; it prints twice so the table of contents carries page numbers.
Figures stay SVG, so they print as vectors; the text is set in Noto Sans CJK, embedded.
"""
from __future__ import annotations

import argparse
import html
import io
import mimetypes
import os
import pathlib
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bs4 import BeautifulSoup  # noqa: E402

from browser_support import BrowserMissing, launch_chromium, start_playwright  # noqa: E402

ORIGIN = "http://pdf.invalid/"  # the print view's address; every request to it is served from the site folder
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
FILE_NAME = "solid-state-batteries-{lang}.pdf"
MARKER = "<!-- pdf-edition -->"
STYLESHEET = pathlib.Path(__file__).with_name("pdf.css")
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

TEXT = {
    "zh": {
        "contents": "目录",
        "edition": "PDF 版",
        "version": "版本",
        "uncommitted": "含未提交的修改",
        "online": "在线阅读",
        "link": "下载全站 PDF 版（{pages} 页，{size}）",
    },
    "en": {
        "contents": "Contents",
        "edition": "PDF edition",
        "version": "Version",
        "uncommitted": "with uncommitted changes",
        "online": "Read online",
        "link": "Download the whole site as a PDF ({pages} pages, {size})",
    },
}


@dataclass
class Chapter:
    path: str  # the built page, e.g. "en/oxides.html"
    anchor: str  # its id in the print view, e.g. "p-oxides"
    title: str = ""
    section: str = ""  # the navigation section it sits in, e.g. "三大难题"
    page: int | None = None  # where it starts in the PDF (1-based), once known


@dataclass
class Edition:
    lang: str
    site_name: str
    description: str
    site_url: str
    copyright: str
    chapters: list[Chapter] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Reading the built site
# ---------------------------------------------------------------------------------------------

def language_root(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def read_edition(site: pathlib.Path, lang: str) -> Edition:
    """The pages of one language in navigation order, from the built home page's navigation."""
    home = site / language_root(lang) / "index.html"
    if not home.is_file():
        raise SystemExit(f"pdf.py: {home} does not exist. Build the site first (mkdocs build -d {site}) "
                         "or run this script without --site-dir.")
    soup = BeautifulSoup(home.read_text(encoding="utf-8"), "html.parser")
    canonical = soup.find("link", rel="canonical")
    site_url = urljoin(canonical["href"], "./") if canonical else ""
    og_name = soup.find("meta", property="og:site_name")
    description = soup.find("meta", attrs={"name": "description"})
    copyright_ = soup.select_one(".md-copyright")
    edition = Edition(
        lang=lang,
        site_name=og_name["content"] if og_name else "",
        description=description["content"] if description else "",
        site_url=site_url,
        copyright=copyright_.get_text(" ", strip=True) if copyright_ else "",
    )
    nav = soup.select_one("nav.md-nav--primary > ul")
    for item in nav.find_all("li", recursive=False):
        link = item.find("a", class_="md-nav__link", recursive=False)
        if link and not link["href"].startswith("#"):
            add_chapter(edition, lang, link["href"], "")
            continue
        label = item.find(class_="md-nav__link", recursive=False)
        section = label.get_text(" ", strip=True) if label else ""
        for child in item.select("nav > ul > li > a.md-nav__link"):
            add_chapter(edition, lang, child["href"], section)
    return edition


def add_chapter(edition: Edition, lang: str, href: str, section: str) -> None:
    path = language_root(lang) + href.split("#")[0]
    if any(c.path == path for c in edition.chapters):
        return
    edition.chapters.append(Chapter(path=path, anchor=chapter_anchor(path), section=section))


def chapter_anchor(path: str) -> str:
    name = path.split("/")[-1]
    return "p-" + name[: -len(".html")]


# ---------------------------------------------------------------------------------------------
# The print view
# ---------------------------------------------------------------------------------------------

REMOVE = (
    "a.md-content__button",  # edit this page
    "a.headerlink",  # the ¶ after headings
    ".cite-this-page",  # each page's own citation (the cover says what this edition is)
    # Interactive blocks (hidden in print by site.css too): the static tables next to them print.
    ".yield-calculator", ".cell-calculator", ".industry-filter", ".screen-only",
    "script", "noscript", "form", "input", "button",
)


def chapter_html(site: pathlib.Path, edition: Edition, chapter: Chapter) -> str:
    """One page's article, with ids and links rewritten for the one-document print view."""
    soup = BeautifulSoup((site / chapter.path).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    for selector in REMOVE:
        for element in article.select(selector):
            element.decompose()
    h1 = article.find("h1")
    chapter.title = h1.get_text(" ", strip=True) if h1 else chapter.path
    prefix = chapter.anchor + "--"
    for element in article.find_all(id=True):
        element["id"] = prefix + element["id"]
    for element in article.find_all(attrs={"for": True}):
        element["for"] = prefix + element["for"]
    by_path = {c.path: c for c in edition.chapters}
    page_url = ORIGIN + chapter.path
    for element in article.find_all(["a", "img", "source"]):
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if not value or value.startswith(("mailto:", "data:")):
                continue
            absolute = urljoin(page_url, value)
            if not absolute.startswith(ORIGIN):
                continue  # an external link: printed with its URL (site.css, @media print)
            parts = urlsplit(absolute)
            target = unquote(parts.path)[1:]
            if attribute == "href" and target in by_path:
                anchor = by_path[target].anchor
                element[attribute] = f"#{anchor}--{parts.fragment}" if parts.fragment else f"#{anchor}"
            elif attribute == "href":
                # Another page of the site (e.g. the twin a translation notice links to): its web address.
                root = edition.site_url[: len(edition.site_url) - len(language_root(edition.lang))]
                element[attribute] = root + target + (f"#{parts.fragment}" if parts.fragment else "")
            else:
                element[attribute] = absolute  # an image, served from the site folder
    if h1 is not None:
        h1["id"] = chapter.anchor
    article.name = "section"
    article["class"] = ["md-typeset", "pdf-chapter"]
    article["data-page"] = chapter.path
    return str(article)


def git(*args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def version() -> tuple[str, str, bool]:
    """(short commit, commit date YYYY-MM-DD, whether docs/ has uncommitted changes)."""
    return (git("rev-parse", "--short=10", "HEAD") or "unknown",
            git("log", "-1", "--format=%cs") or "unknown",
            bool(git("status", "--porcelain", "--", "docs", "overrides", "mkdocs.yml")))


def print_view(site: pathlib.Path, edition: Edition, chapters_html: list[str]) -> str:
    text = TEXT[edition.lang]
    commit, date, dirty = version()
    home = soup_head(site / language_root(edition.lang) / "index.html")
    stylesheets = "\n".join(
        f'<link rel="stylesheet" href="{ORIGIN}{language_root(edition.lang)}{href}">' for href in home)
    toc, section = [], None
    for chapter in edition.chapters:
        if chapter.section != section:
            if section is not None or chapter.section:
                toc.append(f'<li class="pdf-toc__section">{html.escape(chapter.section)}</li>' if chapter.section else "")
            section = chapter.section
        number = str(chapter.page) if chapter.page else "000"
        toc.append(
            f'<li class="pdf-toc__entry{" pdf-toc__entry--in-section" if chapter.section else ""}">'
            f'<a href="#{chapter.anchor}"><span class="pdf-toc__title">{html.escape(chapter.title)}</span>'
            f'<span class="pdf-toc__page">{number}</span></a></li>')
    version_line = f'{text["version"]} {commit} · {date}' + (f' ({text["uncommitted"]})' if dirty else "")
    return f"""<!doctype html>
<html lang="{'zh-Hans' if edition.lang == 'zh' else 'en'}" dir="ltr" class="pdf-{edition.lang}">
<head>
<meta charset="utf-8">
<title>{html.escape(edition.site_name)}</title>
<meta name="description" content="{html.escape(edition.description)}">
{stylesheets}
<link rel="stylesheet" href="{ORIGIN}__pdf__/pdf.css">
</head>
<body data-md-color-scheme="default">
<section class="pdf-cover md-typeset">
  <p class="pdf-cover__edition">{text["edition"]}</p>
  <p class="pdf-cover__title">{html.escape(edition.site_name)}</p>
  <p class="pdf-cover__description">{html.escape(edition.description)}</p>
  <p class="pdf-cover__version">{html.escape(version_line)}</p>
  <p class="pdf-cover__url">{text["online"]}: <a href="{html.escape(edition.site_url)}">{html.escape(edition.site_url)}</a></p>
  <p class="pdf-cover__licence">{html.escape(edition.copyright)}</p>
</section>
<nav class="pdf-toc md-typeset" aria-labelledby="pdf-toc">
  <h1 id="pdf-toc">{text["contents"]}</h1>
  <ol>{"".join(toc)}</ol>
</nav>
{"".join(chapters_html)}
</body>
</html>"""


def soup_head(page: pathlib.Path) -> list[str]:
    """The stylesheets a built page links (Material's and the site's own), relative to its language root."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [link["href"] for link in soup.select('head link[rel="stylesheet"]')]


# ---------------------------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------------------------

def serve_from(site: pathlib.Path, documents: dict[str, str], fonts: dict[str, bytes]):
    """A Playwright route handler: the print view, its fonts and the site's files, nothing from the network."""
    def handle(route):
        url = route.request.url
        if not url.startswith(ORIGIN):
            return route.abort()
        path = unquote(urlsplit(url).path).lstrip("/")
        if path in documents:
            return route.fulfill(body=documents[path], content_type="text/html; charset=utf-8")
        if path.startswith("__pdf__/fonts/"):
            body = fonts.get(path.rsplit("/", 1)[-1])
            return route.fulfill(body=body, content_type="font/ttf") if body else route.fulfill(status=404, body="")
        if path == "__pdf__/pdf.css":
            return route.fulfill(path=str(STYLESHEET), content_type="text/css")
        file = (site / path).resolve()
        if site.resolve() not in file.parents or not file.is_file():
            return route.fulfill(status=404, body="")
        return route.fulfill(path=str(file), content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream")
    return handle


def render(browser, site: pathlib.Path, document: str, fonts: dict[str, bytes]) -> bytes:
    context = browser.new_context()
    try:
        context.route("**/*", serve_from(site, {"__pdf__/print.html": document}, fonts))
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(ORIGIN + "__pdf__/print.html", wait_until="load")
        page.evaluate("document.fonts.ready")
        return page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
    finally:
        context.close()


def start_pages(pdf: bytes, chapters: list[Chapter]) -> None:
    """Set each chapter's first page from the PDF's named destinations (the TOC links' targets)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    destinations = reader.named_destinations
    for chapter in chapters:
        destination = destinations.get("/" + chapter.anchor) or destinations.get(chapter.anchor)
        chapter.page = reader.get_destination_page_number(destination) + 1 if destination else None


def prepare(site: pathlib.Path, lang: str) -> tuple[Edition, list[str]]:
    edition = read_edition(site, lang)
    return edition, [chapter_html(site, edition, chapter) for chapter in edition.chapters]


def make_edition(browser, site: pathlib.Path, edition: Edition, chapters_html: list[str],
                 fonts: dict[str, bytes]) -> bytes:
    first = render(browser, site, print_view(site, edition, chapters_html), fonts)
    start_pages(first, edition.chapters)
    missing = [c.path for c in edition.chapters if c.page is None]
    if missing:
        raise SystemExit(f"pdf.py: could not find where these pages start in the PDF: {missing}")
    # Second pass with the page numbers in the table of contents (same layout: numbers had a placeholder).
    document = print_view(site, edition, chapters_html)
    return finish(render(browser, site, document, fonts), edition, document)


# ---------------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------------

def print_fonts(used: set[str]) -> dict[str, bytes]:
    """Noto Sans CJK SC, regular and bold, cut down to the characters the PDFs use and redrawn with
    TrueType outlines, for scripts/pdf.css's "Print Sans".

    Chromium embeds a font with PostScript (CFF) outlines, as Noto Sans CJK has, as thousands of
    Type 3 glyph drawings: three times the file size, and poorly rendered by some PDF readers. A
    TrueType font it embeds as a real font (CIDFontType2). Without fontTools or the font, the PDF
    falls back to the system's Noto Sans CJK (Type 3)."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, TTFont, newTable

    fonts = {}
    for weight in ("regular", "bold"):
        path = font_file(f"{CJK_FAMILY}:{weight}")
        if not path.endswith((".ttc", ".otf")):
            continue
        faces = TTCollection(path).fonts if path.endswith(".ttc") else [TTFont(path)]
        font = next((f for f in faces if f["name"].getDebugName(1) == CJK_FAMILY), None)
        if font is None or "CFF " not in font:
            continue
        options = subset.Options()
        options.desubroutinize = True
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(c) for c in used} | set(range(0x20, 0x7F))))
        subsetter.subset(font)
        order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
        glyf = newTable("glyf")
        glyf.glyphOrder, glyf.glyphs = order, {}
        for name in order:  # cubic (CFF) curves to quadratic (TrueType) ones, within 1 font unit
            pen = TTGlyphPen(glyphs)
            glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            glyf.glyphs[name] = pen.glyph()
        for table in ("CFF ", "VORG"):
            if table in font:
                del font[table]
        font["glyf"], font["loca"] = glyf, newTable("loca")
        maxp = font["maxp"] = newTable("maxp")
        maxp.tableVersion, maxp.numGlyphs, maxp.maxZones = 0x00010000, len(order), 1
        for field_name in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                           "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
            setattr(maxp, field_name, 0)
        font["head"].indexToLocFormat = font["head"].glyphDataFormat = 0
        font["post"].formatType, font["post"].extraNames, font["post"].mapping = 2.0, [], {}
        font.sfntVersion = "\x00\x01\x00\x00"
        out = io.BytesIO()
        font.save(out)
        fonts[f"sans-{weight}.ttf"] = out.getvalue()
    return fonts


def heading_titles(document: str) -> list[str]:
    """The print view's headings, in document order: the titles the PDF outline should carry."""
    soup = BeautifulSoup(document, "html.parser")
    return [" ".join(h.get_text("", strip=False).split()) for h in soup.find_all(re.compile(r"^h[1-6]$"))]


# One glyph, several characters: Noto Sans CJK draws "⻅" (U+2EC5, a radical) with the glyph of
# "见", "⽂" (U+2F42) with that of "文" and "‒" (figure dash) with that of "–" (en dash), and
# Chromium's text layer (ToUnicode) names the lowest code point, so a search for 见, 中文 or
# "2024–2025" in the PDF found nothing. The text layer is mended to name the character the print
# view actually uses: fontTools reads which characters share a glyph in the fonts the PDF is set
# in; Latin ligatures ("ﬀ") become their letters.
CJK_FAMILY = "Noto Sans CJK SC"
PRINT_FONTS = (CJK_FAMILY, f"{CJK_FAMILY}:bold", "DejaVu Sans", "DejaVu Sans:bold")
LIGATURES = "".join(chr(c) for c in range(0xFB00, 0xFB07))
CMAP_PAIR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
CMAP_RANGE = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def font_file(pattern: str) -> str:
    """The file fontconfig picks for a font pattern ('' without fontconfig: apt-get install fontconfig)."""
    try:
        return subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True).stdout
    except OSError:
        return ""


def text_fixes(used: set[str]) -> dict[str, str]:
    """{character the text layer may name: the character the document uses, drawn with the same glyph}."""
    from fontTools.ttLib import TTCollection, TTFont

    fixes = {lig: unicodedata.normalize("NFKC", lig) for lig in LIGATURES if lig not in used}
    for pattern in PRINT_FONTS:
        path = font_file(pattern)
        if not path.endswith((".ttc", ".otf", ".ttf")):
            continue
        family = pattern.split(":")[0]
        fonts = TTCollection(path, lazy=True).fonts if path.endswith(".ttc") else [TTFont(path, lazy=True)]
        font = next((f for f in fonts if f["name"].getDebugName(1) == family), fonts[0])
        by_glyph: dict[str, list[str]] = {}
        for code, glyph in font.getBestCmap().items():
            by_glyph.setdefault(glyph, []).append(chr(code))
        for chars in by_glyph.values():
            wanted = sorted(c for c in chars if c in used)
            for char in chars:
                if wanted and char not in used:
                    fixes.setdefault(char, wanted[0])
    return fixes


def read_cmap(data: str) -> dict[int, tuple[int, str]]:
    """A ToUnicode CMap's bfchar and bfrange entries: glyph code -> (hex digits of the code, text)."""
    mapping: dict[int, tuple[int, str]] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in CMAP_PAIR.findall(block):
            mapping[int(src, 16)] = (len(src), bytes.fromhex(dst).decode("utf-16-be", "replace"))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, dst in CMAP_RANGE.findall(block):
            first = bytes.fromhex(dst).decode("utf-16-be", "replace")
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = (len(low), first[:-1] + chr(ord(first[-1]) + offset))
    return mapping


def mend_text_layer(to_unicode, fixes: dict[str, str]) -> bool:
    """Rewrite one font's ToUnicode CMap with `fixes`. Returns whether anything changed
    (a CMap this does not understand is left alone)."""
    data = to_unicode.get_data().decode("latin-1")
    if "[" in data.split("begincmap", 1)[-1]:
        return False  # bfrange with arrays: not what Chromium writes; leave it
    mapping = read_cmap(data)
    if not any(char in fixes for _, text in mapping.values() for char in text):
        return False
    entries = []
    for code, (width, text) in sorted(mapping.items()):
        mended = "".join(fixes.get(char, char) for char in text)
        entries.append(f"<{code:0{width}X}> <{mended.encode('utf-16-be').hex().upper()}>")
    blocks = "".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
                     for chunk in (entries[i:i + 100] for i in range(0, len(entries), 100)))
    head = data.split("endcodespacerange", 1)[0] + "endcodespacerange\n"
    tail = "endcmap" + data.split("endcmap", 1)[1]
    to_unicode.set_data((head + blocks + tail).encode("latin-1"))
    return True


def finish(pdf: bytes, edition: Edition, document: str) -> bytes:
    """Mend the outline and the text layer, and fill in the document information.

    Chromium (156) builds the outline from the headings but garbles some titles: a heading after a
    forced page break comes out twice ("目录目录"), and so does the text of an <abbr> in a heading.
    The outline's items follow the headings in document order, so each gets its heading's text."""
    from pypdf import PdfReader
    from pypdf.generic import NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(pdf))
    changed = {}  # object number -> the object as changed, written as an update at the end of the file

    def change(obj):
        changed[obj.indirect_reference.idnum] = obj
        return obj

    titles = heading_titles(document)
    items = []

    def walk(item):  # the outline's items, depth first: /First child, /Next sibling
        while item is not None:
            item = item.get_object()
            items.append(item)
            walk(item.get("/First"))
            item = item.get("/Next")

    root = reader.trailer["/Root"].get_object()
    outlines = root.get("/Outlines")
    if outlines is not None:
        walk(outlines.get_object().get("/First"))
    if len(items) != len(titles):
        raise SystemExit(f"pdf.py: the PDF outline has {len(items)} entries for {len(titles)} headings; "
                         "Chromium's outline changed: check finish() in scripts/pdf.py.")
    for item, title in zip(items, titles):
        change(item)[NameObject("/Title")] = TextStringObject(title)
    fixes = text_fixes(set(BeautifulSoup(document, "html.parser").get_text()))
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            to_unicode = font.get_object().get("/ToUnicode")
            if to_unicode is not None and to_unicode.idnum not in changed:
                stream = to_unicode.get_object()
                if mend_text_layer(stream, fixes):
                    change(stream)
    commit, date, _ = version()
    info = change(reader.trailer["/Info"].get_object())
    for key, value in {"/Title": f"{edition.site_name} ({TEXT[edition.lang]['edition']})",
                       "/Subject": edition.description,
                       "/Keywords": f"{TEXT[edition.lang]['version']} {commit} {date}"}.items():
        info[NameObject(key)] = TextStringObject(value)
    change(root)[NameObject("/Lang")] = TextStringObject("zh-Hans" if edition.lang == "zh" else "en")
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    return append_update(pdf, reader, changed)


def append_update(pdf: bytes, reader, changed: dict) -> bytes:
    """The PDF with the changed objects appended as an incremental update (PDF 1.7, 7.5.6): the
    objects, a cross-reference section for them and a trailer pointing back to Chromium's. Chromium's
    own bytes are kept as they are, and nothing else is copied."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    previous = re.findall(rb"startxref\s+(\d+)", pdf[-1024:])
    if not previous or pdf[int(previous[-1]):int(previous[-1]) + 4] != b"xref":
        raise SystemExit("pdf.py: Chromium's PDF does not end with a classic cross-reference table (xref ... startxref), "
                         "which append_update() in scripts/pdf.py needs; a Chromium update may have changed it.")
    out = io.BytesIO()
    out.write(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for number in sorted(changed):
        obj = changed[number]
        offsets[number] = (out.tell(), obj.indirect_reference.generation)
        out.write(f"{number} {obj.indirect_reference.generation} obj\n".encode())
        obj.write_to_stream(out)
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 1\n0000000000 65535 f \n")  # the free list's head, as in the standard's example
    for number, (offset, generation) in offsets.items():
        out.write(f"{number} 1\n{offset:010d} {generation:05d} n \n".encode())
    trailer = DictionaryObject({NameObject(key): value for key, value in reader.trailer.items()
                                if key in ("/Size", "/Root", "/Info", "/ID")})
    trailer[NameObject("/Prev")] = NumberObject(int(previous[-1]))
    out.write(b"trailer\n")
    trailer.write_to_stream(out)
    out.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Download links
# ---------------------------------------------------------------------------------------------

def human_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def add_download_links(site: pathlib.Path, lang: str, pdf_path: pathlib.Path, pages: int) -> list[pathlib.Path]:
    """Put a download link where a built page of this language says <!-- pdf-edition -->."""
    root = site / language_root(lang)
    text = TEXT[lang]["link"].format(pages=pages, size=human_size(pdf_path.stat().st_size))
    changed = []
    for page in sorted(root.glob("*.html")):
        content = page.read_text(encoding="utf-8")
        if MARKER not in content:
            continue
        href = os.path.relpath(pdf_path, page.parent).replace(os.sep, "/")
        link = (f'<p class="pdf-edition"><a href="{html.escape(href)}" type="application/pdf" download>'
                f"{html.escape(text)}</a></p>")
        page.write_text(content.replace(MARKER, link), encoding="utf-8")
        changed.append(page)
    return changed


# ---------------------------------------------------------------------------------------------

def build_site(site: pathlib.Path) -> None:
    print(f"Building the site into {site} (mkdocs build --strict) ...")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT,
                   env={**os.environ, **BUILD_ENV}, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=pathlib.Path, help="an existing build to print (default: build into site/)")
    parser.add_argument("--out-dir", type=pathlib.Path,
                        help="write the PDFs here and leave the site untouched (default: into the site, with download links)")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    args = parser.parse_args(argv)

    started = time.monotonic()
    site = args.site_dir
    if site is None:
        site = ROOT / "site"
        build_site(site)
    site = site.resolve()
    try:
        playwright = start_playwright()
        browser = launch_chromium(playwright)
    except BrowserMissing as error:
        print(f"pdf.py: {error}", file=sys.stderr)
        return 1
    try:
        prepared = {lang: prepare(site, lang) for lang in args.languages}
        used = set()
        for edition, chapters_html in prepared.values():
            used |= set(BeautifulSoup(print_view(site, edition, chapters_html), "html.parser").get_text())
        fonts = print_fonts(used)
        for lang, (edition, chapters_html) in prepared.items():
            pdf = make_edition(browser, site, edition, chapters_html, fonts)
            if args.out_dir:
                target = args.out_dir / FILE_NAME.format(lang=lang)
            else:
                target = site / language_root(lang) / "pdf" / FILE_NAME.format(lang=lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
            pages = page_count(pdf)
            print(f"{target}: {len(edition.chapters)} site pages, {pages} PDF pages, {human_size(len(pdf))}")
            if not args.out_dir:
                for page in add_download_links(site, lang, target, pages):
                    print(f"  download link added to {page.relative_to(site)}")
    finally:
        browser.close()
        playwright.stop()
    print(f"Done in {time.monotonic() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The PDF edition (scripts/pdf.py): one PDF per language, printed from the session's build.

The PDFs are made once for this module, from the `site` fixture's build, into a temporary folder
(the session's site stays untouched for the other checks). Each is read back: its structure
(outline, fonts, links) with pypdf, its text with PDFium (pypdfium2), as a PDF reader would copy it.
"""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import pdf  # noqa: E402  (scripts/pdf.py: its CMap reader and download-link marker are checked against)

# The PDF is printed by Chromium: these are browser tests, outside the fast subset (-k "not browser").
pytestmark = pytest.mark.browser

SCRIPT = ROOT / "scripts" / "pdf.py"
LANGS = ("zh", "en")
FIX = ("The PDF is made by scripts/pdf.py (print view, Chromium, then pypdf mends outline and text layer);"
       " run `python3 scripts/pdf.py --site-dir DIR --out-dir /tmp/pdf` on a build and open the PDFs.")


@dataclass
class Made:
    files: dict
    seconds: float
    log: str


@pytest.fixture(scope="module")
def made(site, tmp_path_factory) -> Made:
    out = tmp_path_factory.mktemp("pdf")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, str(SCRIPT), "--site-dir", str(site.dir), "--out-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        pytest.fail(f"scripts/pdf.py failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}\n{FIX}", pytrace=False)
    files = {lang: out / f"solid-state-batteries-{lang}.pdf" for lang in LANGS}
    return Made(files=files, seconds=seconds, log=proc.stdout)


@functools.lru_cache(maxsize=None)
def _reader(path):
    from pypdf import PdfReader

    return PdfReader(path, strict=True)  # strict: a broken cross-reference table fails, it is not repaired


def update_problems(data: bytes) -> list[str]:
    """What is wrong with the incremental update at the end of a PDF: its cross-reference section must
    start at startxref, each entry must point at its own object, and /Prev at the earlier table."""
    start = int(re.findall(rb"startxref\s+(\d+)", data[-1024:])[-1])
    if not data[start:].startswith(b"xref") or b"trailer" not in data[start:]:
        return [f"no cross-reference section at startxref ({start})"]
    table = data[start:data.index(b"trailer", start)].decode("latin-1").split("\n")
    problems, line = [], 1
    while line < len(table) and table[line].strip():
        first, count = map(int, table[line].split())
        for number in range(first, first + count):
            line += 1
            offset, generation, kind = table[line].split()
            if kind == "n" and not data[int(offset):].startswith(f"{number} {int(generation)} obj".encode()):
                problems.append(f"the entry for object {number} points at byte {int(offset)}, where that object is not")
        line += 1
    if line <= 2:
        problems.append("the update's cross-reference section lists no object")
    previous = re.search(rb"/Prev (\d+)", data[data.index(b"trailer", start):])
    if not previous or data[int(previous.group(1)):int(previous.group(1)) + 4] != b"xref":
        problems.append("the trailer's /Prev does not point at Chromium's cross-reference table")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_the_update_pdf_py_appends_points_at_its_objects(made, lang):
    """scripts/pdf.py appends its changes to Chromium's file as an incremental update (append_update):
    every entry of that last cross-reference section must point at its own object, and the trailer
    back at Chromium's table. A reader that repairs broken tables would hide a mistake here."""
    problems = update_problems(made.files[lang].read_bytes())
    assert not problems, f"{made.files[lang].name}: append_update() in scripts/pdf.py wrote {problems[:5]}. {FIX}"


def test_the_update_check_catches_an_entry_that_points_at_the_wrong_place(made):
    """A bad example for the check above: the PDF with one offset of its update's table moved by a
    byte (same length, so everything else stays where it is) is named, object and offset."""
    data = made.files["en"].read_bytes()
    start = int(re.findall(rb"startxref\s+(\d+)", data[-1024:])[-1])
    entry = re.compile(rb"(\d{10}) (\d{5}) n").search(data, start)
    moved = data[:entry.start()] + b"%010d" % (int(entry.group(1)) + 1) + data[entry.start() + 10:]
    problems = update_problems(moved)
    assert len(problems) == 1 and "points at byte %d" % (int(entry.group(1)) + 1) in problems[0], (
        f"the check should name the one entry that was moved; it found {problems}")


@functools.lru_cache(maxsize=None)
def _texts(path) -> tuple[str, ...]:
    """Each page's text layer, read with PDFium (pypdfium2): what a PDF reader copies or searches.
    pypdf reads the structure (outline, fonts, links) but takes 16 s on two cores for the text of
    both PDFs; PDFium takes under one. PDFium marks a hyphen where a line breaks as \x02."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return tuple(document[i].get_textpage().get_text_bounded().replace("\x02", "-") for i in range(len(document)))
    finally:
        document.close()


def _text(path, index):
    return _texts(path)[index]


# What a text layer must not give a reader who copies or searches: Kangxi and supplementary radicals,
# CJK compatibility ideographs, Latin ligatures (ﬁ), and U+FFFD for a glyph with no known character.
LOOK_ALIKE = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\ufb00-\ufb06\ufffd]")


def _look_alikes(cmap: str) -> set[str]:
    """The look-alike characters a ToUnicode CMap maps glyphs to (PDFium normalises ligatures when it
    extracts text, so the maps themselves are read: what a PDF reader would copy)."""
    return {char for _, text in pdf.read_cmap(cmap).values() for char in text if LOOK_ALIKE.match(char)}


def test_the_look_alike_check_catches_a_ligature_a_radical_and_a_range():
    """A bad example for the text-layer check in test_fonts_are_embedded_and_the_text_can_be_copied:
    a CMap as Chromium writes it, mapping one glyph to ﬁ (U+FB01), one to the radical ⼀ (U+2F00),
    and a range that runs into U+FFFD."""
    bad = ("/CIDInit /ProcSet findresource begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\n"
           "endcodespacerange\n2 beginbfchar\n<0003> <FB01>\n<0004> <2F00>\nendbfchar\n"
           "1 beginbfrange\n<0010> <0012> <FFFB>\nendbfrange\n2 beginbfchar\n<0020> <0041>\n<0021> <4E00>\n"
           "endbfchar\nendcmap\n")
    assert _look_alikes(bad) == {"\ufb01", "\u2f00", "\ufffd"}, (
        f"the look-alike check should name ﬁ, ⼀ and U+FFFD in this CMap, named {sorted(_look_alikes(bad))}")


def _squeeze(text):
    """Text without whitespace: the PDF's text layer breaks lines where the page does."""
    return re.sub(r"\s+", "", text)


def _outline(reader):
    """[(level, title, page number from 1)] of the PDF's bookmarks, depth first."""
    items = []

    def walk(entries, level):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                items.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return items


def _nav_pages(site, lang):
    """(page path, H1 text) of the built navigation, in order."""
    root = site.dir if lang == "zh" else site.dir / "en"
    soup = BeautifulSoup((root / "index.html").read_text(encoding="utf-8"), "html.parser")
    pages = []
    for link in soup.select("nav.md-nav--primary a.md-nav__link[href]"):
        href = link["href"].split("#")[0]
        if href and href.endswith(".html") and href not in [p for p, _ in pages]:
            page = BeautifulSoup((root / href).read_text(encoding="utf-8"), "html.parser")
            pages.append((href, page.select_one("article h1").get_text("", strip=True).rstrip("¶")))
    return pages


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_has_a_cover_contents_and_every_nav_page_in_nav_order(made, site, lang):
    path = made.files[lang]
    assert path.is_file(), f"scripts/pdf.py wrote no {path.name}. {FIX}"
    reader = _reader(path)
    nav = _nav_pages(site, lang)
    pages = len(reader.pages)
    assert pages >= 2 * len(nav), f"{path.name} has {pages} pages for {len(nav)} site pages: pages are missing. {FIX}"
    cover = _text(path, 0)
    commit = subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert commit in cover and re.search(r"\d{4}-\d{2}-\d{2}", cover), f"the cover should give the version {commit} and a date:\n{cover}"
    top = [(title, page) for level, title, page in _outline(reader) if level == 0]
    contents = "目录" if lang == "zh" else "Contents"
    assert top and top[0][0] == contents, f"the first bookmark should be the table of contents '{contents}': {top[:3]}. {FIX}"
    titles = [title for title, _ in top[1:]]
    expected = [title for _, title in nav]
    assert titles == expected, (
        f"{path.name}: the top-level bookmarks should be the nav pages' titles in nav order.\n  expected {expected}\n  got      {titles}\n{FIX}")
    starts = [page for _, page in top]
    assert starts == sorted(starts), f"bookmarks out of page order: {top}. {FIX}"
    # A long title wraps in the text layer ("…混合固液电\n池", "composites\nand mixed"): compare without whitespace.
    contents_text = "\n".join(_text(path, i) for i in range(top[0][1] - 1, max(top[0][1], top[1][1] - 1)))
    for (title, page) in top[1:]:
        assert _squeeze(title) in _squeeze(contents_text) and str(page) in contents_text, (
            f"the table of contents should list '{title}' with its page {page}:\n{contents_text}\n{FIX}")
        assert _squeeze(title) in _squeeze(_text(path, page - 1)), f"page {page} should start '{title}', as its bookmark says. {FIX}"


@pytest.mark.parametrize("lang", LANGS)
def test_bookmarks_go_below_the_page_titles_and_pages_are_numbered(made, lang):
    reader = _reader(made.files[lang])
    outline = _outline(reader)
    assert any(level == 1 for level, _, _ in outline), f"the bookmarks should list each page's sections below its title. {FIX}"
    for index in (2, len(reader.pages) // 2, len(reader.pages) - 1):
        lines = [line.strip() for line in _text(made.files[lang], index).splitlines() if line.strip()]
        assert str(index + 1) in lines, f"page {index + 1} should print its number (CSS @page margin box in scripts/pdf.css). {FIX}"


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_embedded_and_the_text_can_be_copied(made, site, lang):
    path = made.files[lang]
    reader = _reader(path)
    problems, look_alikes, read = set(), set(), set()
    for number, page in enumerate(reader.pages, start=1):
        for name, font in (page["/Resources"].get("/Font") or {}).items():
            font = font.get_object()
            to_unicode = font.get("/ToUnicode")
            if to_unicode is not None and to_unicode.idnum not in read:
                read.add(to_unicode.idnum)
                look_alikes |= _look_alikes(to_unicode.get_object().get_data().decode("latin-1"))
            subtype = font.get("/Subtype")
            if subtype == "/Type3":
                embedded = "/CharProcs" in font
            else:
                descendant = font["/DescendantFonts"][0].get_object() if subtype == "/Type0" else font
                descriptor = descendant.get("/FontDescriptor")
                embedded = descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            if not embedded:
                problems.add(f"page {number}: font {font.get('/BaseFont')} ({subtype}) is not embedded")
            if "/ToUnicode" not in font:
                problems.add(f"page {number}: font {font.get('/BaseFont')} has no text layer (ToUnicode)")
    assert not problems, f"{path.name}: readers without our fonts would see boxes (tofu), or copy no text:\n  " + "\n  ".join(sorted(problems)[:20])
    # The home page's first paragraph reads back as the site has it (Chinese in the Chinese PDF).
    home = BeautifulSoup((site.dir / ("" if lang == "zh" else "en") / "index.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = home.select_one("article p").get_text("", strip=True)
    words = re.sub(r"\s+", "", paragraph)[:24]
    text = re.sub(r"\s+", "", "".join(_text(path, i) for i in range(2, 5)))
    assert words in text, f"{path.name}: the home page's first words {words!r} are not in the PDF's text layer. {FIX}"
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]{20}", text), f"{path.name}: no Chinese text could be extracted. {FIX}"
    odd = sorted(look_alikes | set(LOOK_ALIKE.findall(text)))
    assert not odd, (f"{path.name}: the text layer maps glyphs to look-alike characters {odd} (radicals, compatibility "
                     f"ideographs, ligatures, U+FFFD), so copying or searching the PDF fails; scripts/pdf.py's "
                     f"mend_text_layer() and text_fixes() should map them to the ordinary characters. {FIX}")


@pytest.mark.parametrize("lang", LANGS)
def test_figures_are_vectors_and_links_work(made, lang):
    reader = _reader(made.files[lang])
    images, internal, external = 0, 0, []
    for number, page in enumerate(reader.pages, start=1):
        xobjects = (page["/Resources"].get("/XObject") or {})
        images += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if annotation.get("/Dest") is not None:
                internal += 1
            elif action is not None and action.get_object().get("/URI"):
                external.append((number, str(action.get_object()["/URI"])))
    assert images == 0, f"{made.files[lang].name}: {images} raster images; the figures should print as vectors (SVG). {FIX}"
    assert internal > 50, f"only {internal} links inside the PDF: table of contents, footnotes and cross-references should all work. {FIX}"
    assert all(not url.startswith("http://pdf.invalid") for _, url in external), f"links to the print view's own address leaked into the PDF. {FIX}"
    # Every web address is printed: the link's host appears in its page's text. A link that runs over a
    # page break (a source in a long table row) has a link area on both pages and its address on one.
    pages = len(reader.pages)

    def near(n):
        return "".join(_squeeze(_text(made.files[lang], i)) for i in range(max(0, n - 2), min(pages, n + 1)))

    missing = [(n, url) for n, url in external if re.sub(r"^https?://", "", url).split("/")[0] not in near(n)]
    assert not missing, f"links whose address is not printed on their page: {missing[:5]}. {FIX}"


INTERACTIVE = (".yield-calculator", ".cell-calculator", ".industry-filter")


@pytest.mark.parametrize("lang", LANGS)
def test_interactive_blocks_print_as_their_static_tables(made, site, lang):
    """Calculators and the records filter need JavaScript: the PDF leaves their controls out and prints
    the static tables of their pages (header and last row of each)."""
    text = "".join(_squeeze(_text(made.files[lang], i)) for i in range(len(_reader(made.files[lang]).pages)))
    root = site.dir if lang == "zh" else site.dir / "en"
    articles = [(href, BeautifulSoup((root / href).read_text(encoding="utf-8"), "html.parser").select_one("article"))
                for href, _ in _nav_pages(site, lang)]
    titles = [(href, _squeeze(title.get_text())) for href, article in articles
              for block in article.select(", ".join(INTERACTIVE)) for title in block.select("[class$='__title']")]
    assert titles, f"no interactive block with a title found in the {lang} pages ({INTERACTIVE}): update this test."
    for _, article in articles:
        for block in article.select(", ".join(INTERACTIVE)):
            block.decompose()  # its own parse (not conftest's shared parsed_page): it removes blocks
    static = "".join(_squeeze(article.get_text()) for _, article in articles)  # the pages without their controls
    problems = [f"{href}: the controls of '{title}' are printed; hide them in print (site.css @media print) and"
                " leave them out (REMOVE in scripts/pdf.py)."
                for href, title in titles if text.count(title) > static.count(title)]  # a title may also be a heading
    for href, article in articles:
        for table in article.select("table") if href in dict(titles) else []:
            rows = table.select("tr")
            for cell in rows[0].select("th") + rows[-1].select("td")[:1]:
                if _squeeze(cell.get_text()) not in text:
                    problems.append(f"{href}: the static table's cell '{cell.get_text(strip=True)}' is not in the PDF.")
    assert not problems, f"{made.files[lang].name}:\n  " + "\n  ".join(problems[:10]) + f"\n{FIX}"


def test_the_download_link_names_the_size_and_only_appears_with_the_pdf(made, site, tmp_path):
    marker_pages = [p for p in site.reader_pages() if pdf.MARKER in p.read_text(encoding="utf-8")]
    names = sorted(p.relative_to(site.dir).as_posix() for p in marker_pages)
    assert names == ["about.html", "en/about.html", "en/index.html", "index.html"], (
        f"the home and About pages in both languages should say {pdf.MARKER} where the download link goes: {names}")
    for page in marker_pages:  # a build without PDFs links to no PDF (no broken link)
        assert ".pdf" not in page.read_text(encoding="utf-8"), f"{page}: links a PDF before one exists."
    copy = tmp_path / "site"
    shutil.copytree(site.dir, copy, ignore=shutil.ignore_patterns("search", "assets"))
    for lang in LANGS:
        target = copy / ("" if lang == "zh" else "en/") / "pdf" / made.files[lang].name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(made.files[lang], target)
        changed = pdf.add_download_links(copy, lang, target, len(_reader(made.files[lang]).pages))
        assert len(changed) == 2, f"{lang}: the link should go on the home and About pages, went on {changed}"
        for page in changed:
            link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("p.pdf-edition a")
            assert (page.parent / link["href"]).resolve() == target.resolve(), f"{page}: the link points at {link['href']}"
            assert re.search(r"\d+(\.\d)? [kM]B", link.get_text()), f"{page}: the link text should give the size: {link.get_text()!r}"

"""What a reader does, checked in a real browser (Debian's Chromium through Playwright): the journeys
(search, the language switcher, tooltips, calculators, the records filter, the palette toggle) and
the Content-Security-Policy's proof. The checks made on every page, one load per page and width
(requests, console, axe-core, the phone layout), are in tests/test_every_page_in_the_browser.py.

The site is the one built by the `site` fixture (tests/conftest.py): `mkdocs build --strict` with
SITE_URL set to the local server it is served from.
Tests that need a browser fail when it is missing, never skip (CONTRIBUTING / writers' brief).

Run only these:  python3 -m pytest tests/test_in_the_browser.py -x -q
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest

from browser_support import (  # no_csp_violation_in_any_journey is a fixture, used by name (browser, pages: conftest.py)
    CSP_MARK, CSP_REPORTER, DESKTOP, NONSENSE_NUMBERS, OTHER_LANGUAGE, PALETTE_TOGGLE, PHONE, SETTLED, TIMEOUT_MS,
    axe_script, fail_with, language_of_text, new_context, no_csp_violation_in_any_journey, page_path, scheme_of,
)
from conftest import DOCS



# ---------------------------------------------------------------------------------------------
# The Content-Security-Policy holds
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_inline_script_injected_into_a_built_page_does_not_run(browser, site, lang, tmp_path):
    """A copy of a built page with an inline <script> and an onload= handler added (as a malicious
    Markdown file could add them) is served at the page's own address: neither runs, the browser
    reports both as CSP violations, and the theme's own scripts (hashed inline ones and files) still run."""
    prefix = "" if lang == "zh" else "en/"
    original = site.dir / prefix / "oxides.html"
    injected = ('<script>window.__injected = "inline script ran"</script>'
                '<img src="../assets/favicon.svg" alt="" onload="window.__handler = \'onload ran\'">')
    copy = tmp_path / "oxides-with-injected-script.html"
    copy.write_text(original.read_text(encoding="utf-8").replace("</article>", injected + "</article>", 1),
                    encoding="utf-8")
    url = urljoin(site.url, prefix + "oxides.html")
    context = new_context(browser, watch_csp=False)
    context.add_init_script(CSP_REPORTER)
    page = context.new_page()
    reported = []
    page.on("console", lambda msg: reported.append(msg.text) if msg.text.startswith(CSP_MARK) else None)
    page.route(url, lambda route: route.fulfill(path=copy, content_type="text/html; charset=utf-8"))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    state = page.evaluate("""() => ({injected: window.__injected, handler: window.__handler,
        theme_inline: typeof window.__md_scope !== 'undefined',
        theme_bundle: document.documentElement.classList.contains('js')})""")
    context.close()
    problems = []
    if state["injected"] or state["handler"]:
        problems.append(f"the injected code ran ({state['injected'] or ''} {state['handler'] or ''}): the page's "
                        "Content-Security-Policy is missing or allows 'unsafe-inline'")
    if not any(" script-src-elem " in r for r in reported) or not any(" script-src-attr " in r for r in reported):
        problems.append(f"the browser did not report blocking both (reports: {reported or 'none'})")
    if not state["theme_inline"] or not state["theme_bundle"]:
        problems.append(f"the theme's own scripts did not run (inline: {state['theme_inline']}, bundle: "
                        f"{state['theme_bundle']}): the policy's hashes do not match the page's inline scripts")
    fail_with([f"{url} (copy {copy}): {x}" for x in problems], "The Content-Security-Policy does not hold",
              "overrides/hooks/content_security_policy.py must put script-src 'self' plus the sha256 of each "
              "inline script on the page, and nothing that allows other inline code, at the top of <head>.")


def test_opening_search_loads_the_index_and_finds_pages(browser, site):
    """Search waits until the reader opens it (tests/test_every_page_in_the_browser.py checks that no page
    loads it earlier); then opening it loads the index, and it finds pages."""
    context = new_context(browser)
    page = context.new_page()
    loaded, problems = [], []
    page.on("request", lambda r: loaded.append(urlsplit(r.url).path))
    start = urljoin(site.url, "en/index.html")
    page.goto(start, wait_until="networkidle")
    try:
        search(page, "sintering")
    except Exception as exc:
        problems.append(f"{start}: after opening search, no results ({exc.__class__.__name__})")
    if not any(path.endswith("/en/search/search_index.json") for path in loaded):
        problems.append(f"{start}: opening search did not load en/search/search_index.json")
    context.close()
    fail_with(problems, "Search not working once opened",
              "overrides/main.html loads assets/javascripts/defer-requests.js just before Material's bundle; it "
              "must let the index, the worker and the Chinese search support load when search is opened. If a "
              "Material update changed how it loads them, update the URL patterns at the top of that file.")


# ---------------------------------------------------------------------------------------------
# Reader journeys
# ---------------------------------------------------------------------------------------------
def search(page, query: str) -> list[str]:
    """Type a query as a reader does and return the result links' URLs, best first."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # phone: the magnifier opens the search
        page.locator('label.md-header__button[for="__search"]').click()
    box.click()
    if box.input_value():  # a page shared by several searches: clear the last query and its results first
        box.fill("")
        box.press("End")
        page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=TIMEOUT_MS)
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_function(
        """q => document.querySelector('input.md-search__input').value === q
               && document.querySelectorAll('.md-search-result__item a.md-search-result__link').length > 0""",
        arg=query, timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)  # let the language-first reordering settle
    return page.eval_on_selector_all(".md-search-result__list > .md-search-result__item a.md-search-result__link",
                                     "links => links.map(a => a.href)")


@pytest.fixture(scope="module")
def search_page(browser, site):
    """The home page in a language, one tab per language shared by the search journeys below (each
    clears the box before it types): loading a page and building its search index cost more than a search."""
    opened = {}

    def open_in(lang: str, fresh: bool = False):
        if fresh and lang in opened:  # after a failed search: a late result must not answer the next one
            opened.pop(lang).context.close()
        if lang not in opened:
            opened[lang] = new_context(browser).new_page()
            opened[lang].goto(urljoin(site.url, "index.html" if lang == "zh" else "en/index.html"), wait_until="load")
        return opened[lang]

    yield open_in
    for page in opened.values():
        page.context.close()


def check_search(search_page, site, lang: str, query: str, expected_name: str):
    page = search_page(lang)
    start = page.url
    try:
        results = search(page, query)
    except Exception as exc:
        search_page(lang, fresh=True)
        pytest.fail(f"{start}: searching {query!r} showed no result ({exc.__class__.__name__}). "
                    "How to fix: check the search plugin in mkdocs.yml (jieba installed for Chinese, "
                    "`pipeline: [stopWordFilter]` for English) and that the word is in the page.",
                    pytrace=False)
    expected = expected_name if lang == "zh" else "en/" + expected_name
    twin = "en/" + expected_name if lang == "zh" else expected_name
    paths = []
    for u in results:  # one entry per page: a page's sections follow it in the list
        path = page_path(u, site.url).split("#")[0]
        if path not in paths:
            paths.append(path)
    foreign = [path for path in paths if path.startswith("en/") != (lang == "en")]
    if paths and paths[0] == expected and not foreign:
        return
    if foreign:
        pytest.fail(f"{start}: searching {query!r} listed pages in the other language: {foreign[:4]}. How to fix: "
                    "each language searches its own index (overrides/hooks/search_index_per_language.py writes "
                    "en/search/search_index.json and points English pages' search at it).", pytrace=False)
    shown = "\n  ".join(paths[:6]) or "(none)"
    if paths and paths[0] == twin and expected in paths:
        diagnosis = ("only the language order is wrong: the right page is found, but its "
                     f"{OTHER_LANGUAGE[lang]} twin comes first. How to fix: the reader's language must come first "
                     "(each language has its own index: overrides/hooks/search_index_per_language.py).")
    elif expected in paths:
        diagnosis = (f"the page is found but ranked {paths.index(expected) + 1}. How to fix: the word should be in "
                     "the page's title or a heading, the page ranked above may need a lower search boost "
                     "(front matter `search: boost: 0.5`), or the term may belong in includes/jieba-battery-terms.txt.")
    else:
        diagnosis = ("the page is not among the results. How to fix: the word must appear in the page; for "
                     "Chinese, jieba must be installed and segment it as a word (user dictionary "
                     "includes/jieba-battery-terms.txt).")
    pytest.fail(f"{start}: searching {query!r} should put {expected} first; results:\n  {shown}\n{diagnosis}",
                pytrace=False)


SEARCHES = [
    ("zh", "致密", "oxides.html"),
    ("zh", "硫化氢", "sulfides.html"),
    ("zh", "界面", "interfaces.html"),
    ("en", "sintering", "oxides.html"),
    ("en", "dendrite", "interfaces.html"),
    ("en", "dew point", "sulfides.html"),
]


@pytest.mark.parametrize("lang,query,expected", SEARCHES, ids=[f"{l}-{q}" for l, q, _ in SEARCHES])
def test_search_puts_the_right_page_first_in_the_readers_language(search_page, site, lang, query, expected):
    check_search(search_page, site, lang, query, expected)


def a_word_from_the_middle_of_a_sentence(name: str = "oxides.md") -> tuple[str, str]:
    """A Chinese word that only docs/zh/<name> uses, taken from inside a sentence (not its first word),
    segmented the way the search plugin segments it (jieba + the project's user dictionary)."""
    import jieba

    user_dict = DOCS.parent / "includes" / "jieba-battery-terms.txt"
    if user_dict.exists():
        jieba.load_userdict(str(user_dict))

    def prose(path):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        lines = [l for l in text.splitlines()
                 if l.strip() and not re.match(r"\s*(#|\[\^|!!!|\?\?\?|<|\||\*\[)", l)]
        text = "\n".join(lines)
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: keep the words
        return re.sub(r"\[\^[^\]]+\]", "", text)

    mine = prose(DOCS / "zh" / name)
    others = "".join(prose(p) for p in (DOCS / "zh").glob("*.md") if p.name != name)
    headings = "".join(re.findall(r"^#+ .*$", (DOCS / "zh" / name).read_text(encoding="utf-8"), re.M))
    counts, sentence_of = Counter(), {}
    for sentence in re.split(r"[。！？；\n]", mine):
        words = [w for w in jieba.cut(sentence)]
        for i, w in enumerate(words):
            if i >= 2 and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w) and w not in others and w not in headings:
                counts[w] += 1
                sentence_of.setdefault(w, sentence.strip())
    if not counts:
        pytest.fail(f"docs/zh/{name} has no Chinese word inside a sentence that no other zh page uses; "
                    "the page may still be a placeholder.", pytrace=False)
    word = sorted(counts, key=lambda w: (-counts[w], -len(w), w))[0]
    return word, sentence_of[word]


def test_search_finds_a_chinese_word_from_the_middle_of_a_sentence(search_page, site):
    word, sentence = a_word_from_the_middle_of_a_sentence("oxides.md")
    print(f"word {word!r} from: {sentence}")
    check_search(search_page, site, "zh", word, "oxides.html")


DRAWER = ".md-sidebar--primary"


def open_the_phone_drawer(browser, base: str, lang: str):
    """A phone (390 px, touch) on the home page in `lang` of the site at `base`, its navigation drawer
    opened by tapping the header's menu button: (URL, context, page). Fails with a fix if it does not open."""
    context = new_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    start = urljoin(base, "index.html" if lang == "zh" else "en/index.html")
    page.goto(start, wait_until="load")
    page.locator('label.md-header__button[for="__drawer"]').click()
    try:
        page.wait_for_function("document.getElementById('__drawer').checked")
        page.wait_for_function(f"() => {{ const r = document.querySelector('{DRAWER}').getBoundingClientRect();"
                               " return r.left >= 0 && r.right > 100; }")
    except Exception:
        box = page.locator(DRAWER).bounding_box()
        context.close()
        pytest.fail(f"{start}: at 390 px, tapping the menu button does not open the navigation drawer "
                    f"(drawer box: {box}). How to fix: look for CSS in site.css or "
                    f"overrides/ that hides {DRAWER} or the header's menu label.", pytrace=False)
    return start, context, page


def test_phone_drawer_opens_and_a_link_in_it_reaches_the_page(browser, site):
    start, context, page = open_the_phone_drawer(browser, site.url, "zh")
    link = page.locator('.md-nav--primary a.md-nav__link[href$="oxides.html"]').first
    # The drawer's panels slide in and out: a link counts as reachable when it is what a finger
    # tapping its centre would hit.
    tappable = """a => { const r = a.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2;
                         return r.width > 0 && x >= 0 && x <= innerWidth && a.contains(document.elementFromPoint(x, y)); }"""
    if not link.evaluate(tappable):  # inside a section: open it, as a reader taps the section's name
        section = page.locator(".md-nav--primary li.md-nav__item--nested",
                               has=page.locator('a[href$="oxides.html"]')).first
        section.locator(":scope > label.md-nav__link").first.click()
        try:
            page.wait_for_function(tappable, arg=link.element_handle(), timeout=5000)
        except Exception:
            context.close()
            pytest.fail(f"{start}: at 390 px, after opening the drawer and its section, the link to "
                        "oxides.html cannot be tapped (something covers it or it is off screen). How to "
                        "fix: check CSS in site.css that changes .md-nav or .md-sidebar.", pytrace=False)
    link.click()
    page.wait_for_url(re.compile(r"/oxides\.html(#.*)?$"))
    page.wait_for_load_state("load")
    scroll = page.evaluate("document.documentElement.scrollWidth")  # a phone widens innerWidth to fit wide content
    reached = page.url
    context.close()
    assert scroll <= PHONE["width"], (
        f"{reached}: reached from the drawer, but the page is {scroll} px wide on a "
        f"{PHONE['width']} px screen: something (a table, figure or long word) overflows sideways.")


def drawer_axe_problems(browser, base: str, lang: str) -> list[str]:
    """axe-core's findings, every rule, in the phone's open navigation drawer, in the light and then
    the dark palette, one line each with the palette, the rule and the first element."""
    url, context, page = open_the_phone_drawer(browser, base, lang)
    page.wait_for_function(SETTLED, arg="default")
    page.evaluate(axe_script())
    problems = []
    for palette, scheme in (("light", "default"), ("dark", "slate")):
        if palette == "dark":
            page.locator(PALETTE_TOGGLE).first.dispatch_event("click")
            page.wait_for_function(SETTLED, arg=scheme)
        violations = page.evaluate(f"axe.run({{include: [['{DRAWER}']]}}, {{resultTypes: ['violations']}})"
                                   ".then(r => r.violations)")
        problems += [f"{url}, drawer open at {PHONE['width']} px, {palette} palette: [{v['id']}] {v['help']}: "
                     f"{len(v['nodes'])} element(s), first {' '.join(v['nodes'][0]['target'])} "
                     f"({v['helpUrl'].split('?')[0]})" for v in violations]
    context.close()
    return problems


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_open_phone_drawer_passes_axe_in_both_palettes(browser, site, lang):
    """The navigation drawer a phone opens from the header (Material styles it by width: its own
    title bar and colours) with every axe-core rule, in the light and the dark palette. The every-page
    visit sees it closed, off screen (tests/test_every_page_in_the_browser.py)."""
    fail_with(drawer_axe_problems(browser, site.url, lang), "axe-core violations in the phone's navigation drawer",
              "the drawer is Material's primary navigation at phone width; colours and spacing that change it live in "
              "docs/assets/stylesheets/site.css and mkdocs.yml (palette), its labels in mkdocs.yml's nav.")


def test_the_drawer_check_catches_an_image_without_alt_text_in_the_drawer(browser, site, tmp_path):
    """A bad example for the drawer check: a copy of the site whose Chinese home page has an image
    without alt text in its navigation drawer; the check names the rule, in both palettes."""
    import shutil

    from conftest import serve, url_of

    copy = tmp_path / "site"
    shutil.copytree(site.dir, copy, ignore=shutil.ignore_patterns("search", "pdf"))
    home = copy / "index.html"
    marker = '<nav class="md-nav md-nav--primary"'
    html = home.read_text(encoding="utf-8")
    assert marker in html, "the drawer's markup changed: update this test"
    start = html.index(">", html.index(marker)) + 1
    home.write_text(html[:start] + '<img src="assets/favicon.svg" width="24" height="24">' + html[start:], encoding="utf-8")
    server = serve(copy)
    try:
        problems = drawer_axe_problems(browser, url_of(server), "zh")
    finally:
        server.shutdown()
    named = [p for p in problems if "[image-alt]" in p]
    assert len(named) == 2 and "light palette" in named[0] and "dark palette" in named[1], (
        f"the drawer check should name image-alt in both palettes; it found {problems}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_language_menu_opens_on_hover_and_a_click_reaches_the_twin(browser, site, lang):
    """The mouse path of the language switcher: hovering the header's language button opens its menu,
    and a click on the other language reaches the twin page. (Every page's links are followed by
    keyboard in tests/test_every_page_in_the_browser.py.)"""
    prefix, other = ("", "en") if lang == "zh" else ("en/", "zh")
    start = urljoin(site.url, prefix + "oxides.html")
    twin = urljoin(site.url, ("en/" if lang == "zh" else "") + "oxides.html")
    context = new_context(browser)
    page = context.new_page()
    page.goto(start, wait_until="load")
    page.locator(".md-header .md-select").first.hover()
    link = page.locator(f'.md-header .md-select__link[hreflang="{other}"]')
    try:
        with page.expect_navigation(wait_until="domcontentloaded"):
            link.click()  # Playwright clicks only once the opened menu takes the pointer
        reached = page.url.split("#")[0]
    except Exception as exc:
        reached = f"nowhere ({type(exc).__name__}: the menu did not open on hover, or its link could not be clicked)"
    context.close()
    assert reached == twin, (
        f"{start}: hovering the language button and clicking {other!r} reached {reached}, expected {twin}. "
        "How to fix: overrides/partials/alternate.html (the switcher) and any site.css rule on .md-select.")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_palette_toggle_switches_and_is_remembered_on_the_next_page(browser, site, lang):
    context = new_context(browser, color_scheme="light")
    page = context.new_page()
    prefix = "" if lang == "zh" else "en/"
    first, second = urljoin(site.url, prefix + "index.html"), urljoin(site.url, prefix + "oxides.html")
    page.goto(first, wait_until="load")
    before = scheme_of(page)
    toggle = page.locator(PALETTE_TOGGLE)
    assert toggle.count() == 1, f"{first}: expected one visible palette toggle in the header, found {toggle.count()}"
    toggle.click()
    try:
        page.wait_for_function("b => document.body.getAttribute('data-md-color-scheme') !== b", arg=before)
    except Exception:
        context.close()
        pytest.fail(f"{first}: clicking the palette toggle left data-md-color-scheme at {before!r}. "
                    "How to fix: check theme.palette in mkdocs.yml (two entries, each with a toggle).",
                    pytrace=False)
    after = scheme_of(page)
    other = urljoin(site.url, ("en/" if lang == "zh" else "") + "oxides.html")
    shown = {}
    for url in (second, other):  # the next page, and the twin in the other language
        page.goto(url, wait_until="load")
        shown[url] = scheme_of(page)
    context.close()
    forgotten = {url: s for url, s in shown.items() if s != after}
    assert not forgotten, (
        f"The palette chosen on {first} ({after!r}, was {before!r}) is not remembered on "
        + ", ".join(f"{url} (shows {s!r})" for url, s in forgotten.items())
        + ". Material stores the choice in localStorage under '<base path>.__palette' ('/.__palette' for "
        "both languages here); check that every page has the same site root as base and that no override "
        "replaces the palette script in the page head.")


def first_page_with(site, pages, selector: str, lang: str):
    for p in pages:
        if p.lang == lang and selector_in_html(site.dir / p.path, selector):
            return p
    return None


def selector_in_html(path, selector):
    html = path.read_text(encoding="utf-8")
    if selector == "abbr[title]":
        return re.search(r"<abbr\s[^>]*title=", html) is not None
    if selector == "a.footnote-ref":
        return 'class="footnote-ref"' in html
    raise ValueError(selector)


def check_tooltip(browser, site, pages, lang, selector, what, how_to_fix):
    p = first_page_with(site, pages, selector, lang)
    if p is None:
        pytest.fail(f"No {lang} page has {what} ({selector}). How to fix: {how_to_fix}", pytrace=False)
    url = p.url(site.url)
    context = new_context(browser)
    page = context.new_page()
    page.goto(url, wait_until="load")
    target = page.locator(f"article {selector}").first
    target.scroll_into_view_if_needed()
    expected = target.evaluate("e => (e.getAttribute('title') || '').trim()") if selector.startswith("abbr") else ""
    tooltip = page.locator(".md-tooltip2.md-tooltip2--active")
    problems = []

    target.hover()
    try:
        tooltip.first.wait_for(state="visible", timeout=3000)
        text = tooltip.first.inner_text().strip()
        if not text or (expected and expected[:20] not in text):
            problems.append(f"on hover a tooltip appears but reads {text[:60]!r}, expected {expected[:60]!r}")
    except Exception:
        problems.append("no tooltip (.md-tooltip2--active) appears on hover")

    page.mouse.move(1, 1)
    page.wait_for_timeout(300)
    page.keyboard.press("Tab")  # keyboard modality, as a reader tabbing through the page
    focusable = target.evaluate("e => e.tabIndex >= 0")
    if not focusable:
        problems.append(f"it cannot take keyboard focus (tabIndex {target.evaluate('e => e.tabIndex')}): "
                        "keyboard readers never see the tooltip; give it tabindex=\"0\"")
    else:
        target.focus()
        try:
            tooltip.first.wait_for(state="visible", timeout=3000)
        except Exception:
            problems.append("no tooltip appears on keyboard focus")
    context.close()
    fail_with([f"{url}: {what}: {x}" for x in problems], f"{what} that do not show a tooltip", how_to_fix)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_tooltip_appears_on_hover_and_on_keyboard_focus(browser, site, pages, lang):
    check_tooltip(browser, site, pages, lang, "abbr[title]", "a glossary term (abbr with a title)",
                  "glossary terms come from includes/glossary.yml via overrides/hooks/glossary_from_one_yaml.py "
                  "(abbr needs tabindex=\"0\" to be reachable by keyboard) and theme.features content.tooltips.")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_footnote_preview_appears_on_hover_and_on_keyboard_focus(browser, site, pages, lang):
    check_tooltip(browser, site, pages, lang, "a.footnote-ref", "a footnote reference",
                  "footnote previews need theme.features content.footnote.tooltips in mkdocs.yml and the "
                  "footnotes extension.")


# ---------------------------------------------------------------------------------------------
# The yield calculator on lab-to-fab.html
# (markup: docs/<lang>/lab-to-fab.md; behaviour: docs/assets/javascripts/yield-calculator.js)
# ---------------------------------------------------------------------------------------------
CALC = ".yield-calculator"


def open_calculator_block(browser, site, lang, page_name, selector, attribute, names, script, viewport=DESKTOP):
    """Open a page with a calculator block, wait until its script has shown it, and return its parts
    (elements marked `attribute`="<name>"). Fails with a fix when the block, its script or a part is missing."""
    url = urljoin(site.url, page_name if lang == "zh" else f"en/{page_name}")
    context = new_context(browser, viewport=viewport)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    calc = page.locator(selector)
    source = f"docs/{lang}/{page_name.replace('.html', '.md')}"
    if calc.count() != 1:
        context.close()
        pytest.fail(f"{url}: expected one {selector} block, found {calc.count()}. How to fix: keep the calculator "
                    f"markup in {source} (see {script}).", pytrace=False)
    try:
        calc.wait_for(state="visible", timeout=5000)
    except Exception:
        context.close()
        pytest.fail(f"{url}: the calculator stays hidden: its script did not run ({errors or 'no error'}). How to fix: "
                    f"list {script.removeprefix('docs/')} under `scripts:` in the front matter of {source} and check "
                    f"the {attribute} attributes the script needs.", pytrace=False)
    parts = {name: calc.locator(f'[{attribute}="{name}"]') for name in names}
    missing = [n for n, loc in parts.items() if loc.count() != 1]
    if missing or calc.locator("output[aria-live]").count() != 1:
        context.close()
        pytest.fail(f"{url}: the calculator lacks {missing or 'an <output aria-live>'}; see the markup {script} "
                    "expects.", pytrace=False)
    return url, context, page, calc, parts, errors


def open_calculator(browser, site, lang):
    return open_calculator_block(browser, site, lang, "lab-to-fab.html", CALC, "data-yc",
                                 ("steps", "per-step", "overall", "error"), "docs/assets/javascripts/yield-calculator.js")


def type_into(page, field, text):
    """Clear a field and type as a reader does, key by key."""
    field.click()
    field.press("Control+A")
    field.press("Delete")
    if text:
        field.press_sequentially(text, delay=15)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yield_calculator_updates_as_values_are_typed_and_never_shows_nan(browser, site, lang):
    url, context, page, calc, parts, errors = open_calculator(browser, site, lang)
    problems = []
    cases = [("30", "99", "74.0%"), ("30", "99.9", "97.0%"), ("10", "95", "59.9%"), ("1", "100", "100.0%")]
    for steps, per_step, expected in cases:
        type_into(page, parts["steps"], steps)
        field = parts["per-step"]
        field.click()
        field.press("Control+A")
        field.press("Delete")
        for key in per_step:  # after every keystroke the block must show no NaN/undefined
            field.press(key)
            seen = calc.inner_text()
            if NONSENSE_NUMBERS.search(seen):
                problems.append(f"after typing {steps} steps and {field.input_value()!r}% it shows "
                                f"{NONSENSE_NUMBERS.search(seen).group()}")
        shown = parts["overall"].inner_text().strip()
        if shown != expected:
            problems.append(f"{steps} steps at {per_step}% show {shown!r}, expected {expected!r}")
        if parts["error"].is_visible():
            problems.append(f"{steps} steps at {per_step}% show an error: {parts['error'].inner_text()!r}")
    if errors:
        problems.append(f"script errors: {errors}")
    context.close()
    fail_with([f"{url}: {x}" for x in problems], "The calculator does not follow the reader's typing",
              "docs/assets/javascripts/yield-calculator.js: update on the `input` event; overall = "
              "(per-step/100)^steps, shown with one decimal.")


def rejection_problems(lang, what, calc, error, results, field):
    """What is wrong with how a calculator shows rejected input: NaN on screen, no message or one in the
    other language, a result still shown, or the field not marked invalid."""
    problems = []
    seen = calc.inner_text()
    message = error.inner_text().strip() if error.is_visible() else ""
    if NONSENSE_NUMBERS.search(seen):
        problems.append(f"{what} shows {NONSENSE_NUMBERS.search(seen).group()}")
    if not message:
        problems.append(f"{what} shows no message")
    elif language_of_text(message) != lang:
        problems.append(f"{what}: the message {message!r} is not in the page's language ({lang})")
    for result in results:
        shown = result.inner_text().strip()
        if re.search(r"\d", shown):
            problems.append(f"{what} still shows a result, {shown!r}")
    if field.get_attribute("aria-invalid") != "true":
        problems.append(f"{what}: the field is not marked aria-invalid=\"true\"")
    return problems


NONSENSE = [
    ("per-step", "-5", "a negative yield"),
    ("per-step", "150", "a yield over 100%"),
    ("per-step", "", "an empty yield"),
    ("per-step", "abc", "letters for the yield"),
    ("steps", "-3", "a negative number of steps"),
    ("steps", "", "an empty number of steps"),
    ("steps", "xyz", "letters for the number of steps"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yield_calculator_rejects_nonsense_with_a_message_in_the_page_language(browser, site, lang):
    url, context, page, calc, parts, errors = open_calculator(browser, site, lang)
    problems = []
    for name, text, what in NONSENSE:
        type_into(page, parts["steps"], "30")
        type_into(page, parts["per-step"], "99")
        type_into(page, parts[name], text)
        page.wait_for_timeout(50)
        problems += rejection_problems(lang, f"{what} ({text!r})", calc, parts["error"], [parts["overall"]], parts[name])
    if errors:
        problems.append(f"script errors: {errors}")
    context.close()
    fail_with([f"{url}: {x}" for x in problems], "Nonsense the calculator does not reject properly",
              "docs/assets/javascripts/yield-calculator.js: validate the raw text before Number(), show the "
              "message from MESSAGES[lang] in the data-yc=error element, and clear the results.")


# ---------------------------------------------------------------------------------------------
# The cell-stack calculator on energy-density.html
# (markup: docs/<lang>/energy-density.md; model and behaviour: docs/assets/javascripts/cell-calculator.js)
# ---------------------------------------------------------------------------------------------
CELL = ".cell-calculator"
CELL_FIELDS = ("capacity", "loading", "active", "thickness", "excess", "whkg", "whl", "error")
CELL_PRESETS = ("li-ion", "research", "target")
CELL_JS = "docs/assets/javascripts/cell-calculator.js"


def open_cell_calculator(browser, site, lang, viewport=DESKTOP):
    return open_calculator_block(browser, site, lang, "energy-density.html", CELL, "data-cc", CELL_FIELDS, CELL_JS,
                                 viewport)


def choose_preset(calc, name):
    calc.locator(f'[data-cc-preset="{name}"]').click()


def shown_results(parts):
    return parts["whkg"].inner_text().strip(), parts["whl"].inner_text().strip()


def static_preset_rows(page):
    """[(Wh/kg, Wh/L)] per preset from the static no-JavaScript table (one column per preset; the rows
    whose first cell reads Wh/kg and Wh/L)."""
    rows = {}
    for row in page.locator(".cell-presets table tbody tr").all():
        cells = [c.inner_text().strip() for c in row.locator("td").all()]
        if cells and cells[0] in ("Wh/kg", "Wh/L"):
            rows[cells[0]] = cells[1:]
    kg, litre = rows.get("Wh/kg", []), rows.get("Wh/L", [])
    return list(zip(kg, litre))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cell_calculator_presets_match_the_static_table_and_a_commercial_cell(browser, site, lang):
    url, context, page, calc, parts, errors = open_cell_calculator(browser, site, lang)
    problems = []
    table = static_preset_rows(page)
    if len(table) != len(CELL_PRESETS):
        problems.append(f"the static table has {len(table)} preset columns with Wh/kg and Wh/L; expected one per preset {CELL_PRESETS}")
    results = {}
    for i, name in enumerate(CELL_PRESETS):
        choose_preset(calc, name)
        results[name] = shown_results(parts)
        if i < len(table) and results[name] != table[i]:
            problems.append(f"preset {name!r} shows {results[name]} (Wh/kg, Wh/L) but the static table says {table[i]}: "
                            f"update column {i + 2} of the table in docs/{lang}/energy-density.md (both languages)")
        shares = [int(x.inner_text().strip().rstrip("%")) for x in calc.locator("[data-cc-share]").all()]
        if not 97 <= sum(shares) <= 103:
            problems.append(f"preset {name!r}: the mass shares add up to {sum(shares)}%")
    # Cross-check (energy-density.md#cross-check): the Li-ion stack, with a fifth of a 21700 cell's mass for can,
    # cap, tabs and spare electrolyte, lands within 10% of the LG M50's ~260 Wh/kg.
    whkg = int(results["li-ion"][0]) if results.get("li-ion", ("",))[0].isdigit() else 0
    if abs(whkg * 0.8 - 260) > 26:
        problems.append(f"the Li-ion preset gives {whkg} Wh/kg for the stack, {whkg * 0.8:.0f} Wh/kg as a cell: more than "
                        "10% away from the LG M50 (~260 Wh/kg) that the page cites")
    if errors:
        problems.append(f"script errors: {errors}")
    context.close()
    fail_with([f"{url}: {x}" for x in problems], "The calculator's presets disagree with the page",
              f"the presets and the model live in {CELL_JS}; the static table must show the same rounded numbers.")


CELL_TYPING = [
    # (preset, field, typed, expected Wh/kg, expected Wh/L): values from the model in cell-calculator.js
    ("li-ion", "loading", "30", "340", "880"),
    ("li-ion", "thickness", "25", "320", "790"),
    ("target", "excess", "50", "450", "940"),
    ("research", "thickness", "50", "210", "310"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cell_calculator_updates_as_values_are_typed_and_never_shows_nan(browser, site, lang):
    url, context, page, calc, parts, errors = open_cell_calculator(browser, site, lang)
    problems = []
    for preset, name, typed, whkg, whl in CELL_TYPING:
        choose_preset(calc, preset)
        field = parts[name]
        field.click()
        field.press("Control+A")
        field.press("Delete")
        for key in typed:  # after every keystroke the block must show no NaN/Infinity/undefined
            field.press(key)
            seen = calc.inner_text()
            if NONSENSE_NUMBERS.search(seen):
                problems.append(f"{preset}, {name} = {field.input_value()!r}: shows {NONSENSE_NUMBERS.search(seen).group()}")
        got = shown_results(parts)
        if got != (whkg, whl):
            problems.append(f"{preset} with {name} = {typed} shows {got} (Wh/kg, Wh/L), expected {(whkg, whl)}")
        if parts["error"].is_visible():
            problems.append(f"{preset} with {name} = {typed} shows an error: {parts['error'].inner_text()!r}")
    # Choosing another anode by keyboard updates the result too.
    choose_preset(calc, "target")
    calc.locator('[data-cc="anode"]').select_option("anode-free")
    if shown_results(parts) != ("480", "1250"):
        problems.append(f"the target cell made anode-free shows {shown_results(parts)}, expected ('480', '1250')")
    # PEO with a cathode charged above 4 V shows a warning in the page language; with LFP it does not.
    warning = calc.locator('[data-cc="warning"]')
    calc.locator('[data-cc="electrolyte"]').select_option("polymer")
    if not warning.is_visible() or "4 V" not in warning.inner_text():
        problems.append("PEO with an NMC811 cathode (charged to ~4.3 V) shows no warning in the data-cc=warning element")
    elif (lang == "zh") != bool(re.search(r"[\u4e00-\u9fff]", warning.inner_text())):
        problems.append(f"the PEO warning is not in the page language: {warning.inner_text()!r}")
    calc.locator('[data-cc="cathode"]').select_option("lfp")
    if warning.is_visible():
        problems.append("PEO with an LFP cathode (charged to ~3.6 V) still shows the 4 V warning")
    if errors:
        problems.append(f"script errors: {errors}")
    context.close()
    fail_with([f"{url}: {x}" for x in problems], "The cell calculator does not follow the reader's typing",
              f"{CELL_JS}: update on the `input` and `change` events and round to 10 Wh/kg and 10 Wh/L.")


CELL_NONSENSE = [
    ("capacity", "", "an empty capacity"),
    ("capacity", "abc", "letters for the capacity"),
    ("capacity", "-200", "a negative capacity"),
    ("capacity", "5000", "an absurd capacity"),
    ("capacity", "0", "a cathode that stores nothing"),
    ("loading", "0", "no cathode at all"),
    ("loading", "1e3", "an exponent for the loading"),
    ("active", "250", "an active fraction over 100%"),
    ("thickness", "0", "no electrolyte layer"),
    ("thickness", "99999", "an absurd electrolyte thickness"),
    ("thickness", "twelve", "words for the thickness"),
    ("excess", "-5", "negative excess lithium"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cell_calculator_rejects_nonsense_with_a_message_in_the_page_language(browser, site, lang):
    url, context, page, calc, parts, errors = open_cell_calculator(browser, site, lang)
    problems = []
    for name, text, what in CELL_NONSENSE:
        choose_preset(calc, "target")  # lithium-metal anode, so excess lithium counts
        type_into(page, parts[name], text)
        page.wait_for_timeout(50)
        problems += rejection_problems(lang, f"{what} ({text!r})", calc, parts["error"],
                                       [parts["whkg"], parts["whl"]], parts[name])
    choose_preset(calc, "target")
    if parts["error"].is_visible() or not shown_results(parts)[0].isdigit():
        problems.append("after a preset, the error stays or no result returns")
    if errors:
        problems.append(f"script errors: {errors}")
    context.close()
    fail_with([f"{url}: {x}" for x in problems], "Nonsense the cell calculator does not reject properly",
              f"{CELL_JS}: validate the raw text before Number(), show MESSAGES[lang] in the data-cc=error element, "
              "mark the field aria-invalid and clear the results.")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cell_calculator_works_by_keyboard_and_fits_a_360_px_phone(browser, site, lang):
    url, context, page, calc, parts, errors = open_cell_calculator(browser, site, lang, viewport={"width": 360, "height": 740})
    problems = []
    button = calc.locator('[data-cc-preset="research"]')
    button.focus()
    page.keyboard.press("Enter")
    if shown_results(parts) != ("60", "100"):
        problems.append(f"Enter on the research preset button shows {shown_results(parts)}, expected ('60', '100')")
    calc.locator('[data-cc-preset="li-ion"]').focus()
    page.keyboard.press("Space")
    if shown_results(parts) != ("330", "840"):
        problems.append(f"Space on the Li-ion preset button shows {shown_results(parts)}, expected ('330', '840')")
    parts["capacity"].focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-cc')")
    if focused != "loading":
        problems.append(f"Tab from the capacity field goes to {focused!r}, not to the loading field")
    live = calc.locator("output").get_attribute("aria-live")
    if live != "polite":
        problems.append("the result <output> is not announced (aria-live=\"polite\")")
    width = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: innerWidth, "
                          "calc: document.querySelector('.cell-calculator').getBoundingClientRect().right})")
    if width["scroll"] > width["inner"] or width["calc"] > width["inner"] + 1:
        problems.append(f"at 360 px the page is {width['scroll']} px wide and the calculator ends at {width['calc']:.0f} px")
    if errors:
        problems.append(f"script errors: {errors}")
    context.close()
    fail_with([f"{url}: {x}" for x in problems], "The cell calculator on a phone, by keyboard",
              f"{CELL_JS} and the .cell-calculator rules in docs/assets/stylesheets/site.css: buttons and fields "
              "must be reachable with Tab and work with Enter/Space; nothing may be wider than the screen.")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_javascript_the_energy_page_shows_the_preset_table_instead_of_the_calculator(browser, site, lang):
    url = urljoin(site.url, "energy-density.html" if lang == "zh" else "en/energy-density.html")
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(url, wait_until="load")
    problems = []
    if page.locator(CELL).is_visible():
        problems.append("the calculator block shows although no script can run (it must ship with `hidden`)")
    if not page.locator(".cell-presets table").is_visible():
        problems.append("the static preset table is not visible")
    if not page.locator(".cell-calculator-nojs").is_visible():
        problems.append("the note that the calculator needs JavaScript is not visible")
    rows = len(static_preset_rows(page))
    if rows != len(CELL_PRESETS):
        problems.append(f"the static table gives Wh/kg and Wh/L for {rows} presets, expected {len(CELL_PRESETS)}")
    context.close()
    fail_with([f"{url}: {x}" for x in problems], "Readers without JavaScript lose the calculator's results",
              f"docs/{lang}/energy-density.md: keep `hidden` on the calculator block, the static table in "
              "<div class=\"cell-presets\" markdown>, and the {: .cell-calculator-nojs } note.")


# The filter of the industry records (docs/assets/javascripts/industry-filter.js)
# ---------------------------------------------------------------------------------------------
FILTERS = ("company", "region", "chemistry", "kind")


def visible_rows(page):
    return page.evaluate("""() => [...document.querySelectorAll('#industry-records tbody tr')]
        .filter(r => !r.hidden).map(r => ({company: r.dataset.company, region: r.dataset.region,
                                            chemistry: r.dataset.chemistry, kind: r.dataset.kind}))""")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_records_filter_moves_nothing_when_it_starts_and_hides_without_javascript(browser, site, lang):
    url = urljoin(site.url, ("" if lang == "zh" else "en/") + "industry-records.html")
    problems = []
    context = new_context(browser)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    shifts = page.evaluate("""() => new Promise(done => {
        const found = [];
        const inContent = s => s.node && s.node.closest && s.node.closest('.md-content');
        const parsed = performance.getEntriesByType('navigation')[0].domInteractive;
        new PerformanceObserver(list => list.getEntries().filter(e => e.startTime >= parsed && e.sources.some(inContent)).forEach(e =>
            found.push([e.value, e.sources.map(s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?').join(' ')])))
          .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done(found), 300); })""")
    # Only shifts of the page's content once the page is parsed count here, when the filter script
    # starts: on a busy machine the theme's header title can move by a thousandth while its font
    # settles, and the 200-row table can be painted in parts while it is still being parsed; neither
    # is the filter's doing (the whole page's layout shift is measured by benchmarks/lighthouse.py).
    moved = [f"{value:.3f} ({nodes})" for value, nodes in shifts if value > 0.001]
    if moved:
        problems.append(f"content moved after the first paint (layout shift, CLS): {moved}")
    context.close()
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(url, wait_until="load")
    if page.locator("[data-industry-filter]").is_visible():
        problems.append("without JavaScript the filter box shows, but cannot work (site.css must hide it)")
    rows = page.locator("#industry-records tbody tr")
    if rows.count() == 0 or not rows.last.is_visible():
        problems.append("without JavaScript the whole table of records is not shown")
    context.close()
    fail_with([f"{url}: {x}" for x in problems], "The records filter must not move the page, nor show dead controls",
              "overrides/hooks/industry_pages_from_data.py (records_table: the filter box ships at its full size, "
              "controls disabled), docs/assets/javascripts/industry-filter.js (enables them) and the "
              "@media (scripting: none) rule for .industry-filter in docs/assets/stylesheets/site.css.")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_records_filter_works_by_keyboard_for_each_filter_and_announces_the_count(browser, site, lang):
    url = urljoin(site.url, ("" if lang == "zh" else "en/") + "industry-records.html")
    context = new_context(browser)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url, wait_until="networkidle")
    problems = []
    box, count = page.locator("[data-industry-filter]"), page.locator("#industry-count")
    if not box.is_visible() or page.locator('select[data-filter="company"]').is_disabled():
        context.close()
        pytest.fail(f"{url}: the filter stays hidden or disabled; the script did not run ({errors}).", pytrace=False)
    total = page.locator("#industry-records tbody tr").count()
    if count.get_attribute("aria-live") != "polite" or count.get_attribute("role") != "status":
        problems.append("the count is not a polite live region (role=status, aria-live=polite), so it is not announced")
    page.locator('select[data-filter="company"]').focus()
    for name in FILTERS:
        select = page.locator(f'select[data-filter="{name}"]')
        if not select.evaluate("el => el === document.activeElement"):
            problems.append(f"Tab did not reach the {name} filter")
            select.focus()
        page.keyboard.press("ArrowDown")  # the first real choice, as a keyboard user picks it
        value = select.input_value()
        rows = visible_rows(page)
        said = count.inner_text().strip()
        if not value:
            problems.append(f"ArrowDown on the {name} filter chose nothing")
        elif not rows or any(value not in (row[name] or "").split() for row in rows):
            problems.append(f"{name} = {value}: {len(rows)} rows shown, not all of them {value}")
        if str(len(rows)) not in said or str(total) not in said:
            problems.append(f"{name} = {value}: the count says {said!r} for {len(rows)} of {total} rows")
        if language_of_text(said) != lang:
            problems.append(f"the count {said!r} is not in the page's language ({lang})")
        if name + "=" not in page.url:
            problems.append(f"{name} = {value}: the address {page.url} does not keep the filter (for sharing)")
        page.keyboard.press("ArrowUp")  # back to "all"
        if len(visible_rows(page)) != total:
            problems.append(f"choosing 'all' again for {name} does not bring every row back")
        page.keyboard.press("Tab")
    page.locator('select[data-filter="kind"]').focus()
    page.keyboard.press("ArrowDown")
    page.locator("[data-filter-reset]").focus()
    page.keyboard.press("Enter")
    if len(visible_rows(page)) != total or page.locator('select[data-filter="kind"]').input_value():
        problems.append("the clear button (pressed with Enter) does not show every row again")
    if not page.locator('select[data-filter="company"]').evaluate("el => el === document.activeElement"):
        problems.append("after clearing, focus does not return to the first filter")
    first = page.locator('select[data-filter="company"] option').nth(1).get_attribute("value")
    page.goto(f"{url}?company={first}", wait_until="networkidle")
    if any(first not in row["company"].split() for row in visible_rows(page)):
        problems.append(f"opening ?company={first} does not show that company's records only")
    if errors:
        problems.append(f"script errors: {errors}")
    context.close()
    fail_with([f"{url}: {x}" for x in problems], "The records filter does not work as a reader needs",
              "docs/assets/javascripts/industry-filter.js (labels and data-* attributes come from "
              "overrides/hooks/industry_pages_from_data.py).")

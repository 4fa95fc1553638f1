"""What readers get: checks on the BUILT site, read with real parsers, mapped back to the source.

Contributors type Markdown, YAML and SVG; readers get HTML. These checks read what a browser reads
(html5lib, the WHATWG HTML parser; defusedxml for SVG; ada-url, the WHATWG URL parser), so attribute
lists, entities, fake code fences and template output cannot hide anything from them. Each finding
names the source file and line a contributor must change (a Markdown page, its front matter,
mkdocs.yml, includes/glossary.yml, an SVG or a template) and a style-guide rule id.

Each check is a function `check_x(reader) -> list[str]`; the tests call them on the session build
(tests/test_site_hygiene.py and friends), and tests/test_bad_contributions.py calls them on copies of
the repository with the corpus's bad contributions applied.
"""
from __future__ import annotations

import base64
import collections
import functools
import hashlib
import html
import pathlib
import re
import unicodedata

import ada_url
import defusedxml.ElementTree as SafeET
import hanzidentifier
import html5lib
import yaml
from confusable_homoglyphs import categories as script_categories
from lxml import etree

HERE = pathlib.Path(__file__).resolve().parent
SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}href"
LANGS = ("zh", "en")


def rule(rule_id: str) -> str:
    return f"[rule {rule_id}, see CONTRIBUTING.md#{rule_id.lower()}]"


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def clean(text: str) -> str:
    """What a reader's eye and a search engine see: NFKC, format characters (zero-width, bidi,
    soft hyphen) removed."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


class YamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml (its !ENV tags become their defaults)."""


def _env_tag(loader, node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return None


YamlLoader.add_constructor("!ENV", _env_tag)
YamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


class Reader:
    """A built site and the repository it was built from."""

    def __init__(self, root: pathlib.Path, site_dir: pathlib.Path, site_url: str):
        self.root = pathlib.Path(root)
        self.dir = pathlib.Path(site_dir)
        self.url = site_url
        self.docs = self.root / "docs"
        self.data = self.root / "tests" / "data"
        self.allow = yaml.safe_load((self.data / "html-allow-list.yml").read_text(encoding="utf-8"))
        self.chars = yaml.safe_load((self.data / "character-exceptions.yml").read_text(encoding="utf-8"))

    # --- the repository ---------------------------------------------------------------------
    def rel(self, path: pathlib.Path) -> str:
        try:
            return pathlib.Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def list_file(self, name: str) -> list[str]:
        lines = (self.data / name).read_text(encoding="utf-8").splitlines()
        return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]

    @functools.cached_property
    def config(self) -> dict:
        return yaml.load((self.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=YamlLoader) or {}

    @functools.cached_property
    def allowed_hosts(self) -> set[str]:
        return set(self.list_file("allowed-domains.txt"))

    @functools.cached_property
    def reviewed_scripts(self) -> tuple[set[str], set[str]]:
        files, hashes = set(), set()
        for line in self.list_file("reviewed-scripts.txt"):
            (hashes if line.startswith("'sha256-") else files).add(line.strip("'") if line.startswith("'") else line)
        return files, hashes

    @functools.cached_property
    def redirect_maps(self) -> dict:
        for plugin in self.config.get("plugins") or []:
            if isinstance(plugin, dict) and "redirects" in plugin:
                return (plugin["redirects"] or {}).get("redirect_maps") or {}
        return {}

    @functools.cached_property
    def redirect_stubs(self) -> set[pathlib.Path]:
        stubs = set()
        for old in self.redirect_maps:
            stubs.add(self.dir / re.sub(r"\.md$", ".html", str(old)))
        return stubs

    def lines(self, path: pathlib.Path) -> list[str]:
        return _lines(path)

    # --- the built site ---------------------------------------------------------------------
    @functools.cached_property
    def html_files(self) -> list[pathlib.Path]:
        return sorted(p for p in self.dir.rglob("*.html") if self.rel_built(p).split("/")[0] not in ("assets", "search"))

    @functools.cached_property
    def pages(self) -> list[pathlib.Path]:
        """Pages readers read: not 404 pages, not redirect stubs."""
        return [p for p in self.html_files if p.name != "404.html" and p not in self.redirect_stubs]

    def rel_built(self, path: pathlib.Path) -> str:
        return path.relative_to(self.dir).as_posix()

    def lang_of(self, path: pathlib.Path) -> str:
        return "en" if self.rel_built(path).startswith("en/") else "zh"

    def page_url(self, path: pathlib.Path) -> str:
        return self.url + self.rel_built(path)

    def tree(self, path: pathlib.Path):
        return _parse_html(path).getroot()

    def article(self, path: pathlib.Path):
        found = self.tree(path).xpath("//article[contains(concat(' ', @class, ' '), ' md-content__inner ')]")
        return found[0] if found else None

    def source_md(self, path: pathlib.Path) -> pathlib.Path | None:
        rel = self.rel_built(path)
        lang = self.lang_of(path)
        name = rel[3:] if lang == "en" else rel
        md = self.docs / lang / re.sub(r"\.html$", ".md", name)
        return md if md.exists() else None

    def twin_built(self, path: pathlib.Path) -> pathlib.Path:
        rel = self.rel_built(path)
        return self.dir / (rel[3:] if rel.startswith("en/") else "en/" + rel)

    def sources_for(self, path: pathlib.Path) -> list[pathlib.Path]:
        """Where text on a built page can come from, most likely first."""
        found = []
        md = self.source_md(path)
        if md:
            found.append(md)
        found += [self.root / "includes" / "glossary.yml", self.root / "mkdocs.yml"]
        found += sorted((self.root / "overrides").rglob("*.html"))
        return found

    def where(self, path: pathlib.Path, *needles: str) -> str:
        """file:line of the first source line that holds one of the needles, as typed or as the
        reader gets it (entities decoded, NFKC, format characters removed)."""
        if path.suffix != ".html":  # an SVG or other source file
            return locate([path], needles, self) or self.rel(path)
        return locate(self.sources_for(path), needles, self) or (
            self.rel(self.source_md(path)) if self.source_md(path) else f"the built page {self.rel_built(path)} (from mkdocs.yml or overrides/)")


@functools.lru_cache(maxsize=None)
def _lines(path: pathlib.Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


@functools.lru_cache(maxsize=None)
def _decoded_lines(path: pathlib.Path) -> list[tuple[str, str]]:
    out = []
    for line in _lines(path):
        decoded = html.unescape(line)
        out.append((decoded, clean(decoded)))
    return out


def locate(files, needles, reader: Reader) -> str | None:
    """file:line of the first line holding a needle (a string, or a tuple of strings that must all
    be on the line): first as typed or with entities decoded, then as the reader gets it (NFKC,
    invisible characters removed)."""
    found = locate_all(files, needles, reader, first=True)
    return found[0] if found else None


def locate_all(files, needles, reader: Reader, first: bool = False) -> list[str]:
    hits = []
    for exact in (True, False):
        for needle in needles:
            parts = tuple(p.strip() for p in (needle if isinstance(needle, tuple) else (needle,)) if p and p.strip())
            if not parts:
                continue
            for path in files:
                for number, (raw, (decoded, cleaned)) in enumerate(zip(_lines(path), _decoded_lines(path)), start=1):
                    if exact:
                        ok = all(p in raw or p in decoded for p in parts)
                    else:
                        ok = all(clean(p) in cleaned or html.unescape(p) in decoded for p in parts)
                    if ok:
                        hits.append(f"{reader.rel(path)}:{number}")
                        if first:
                            return hits
            if hits:
                return hits
    return hits


@functools.lru_cache(maxsize=None)
def _parse_html(path: pathlib.Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    return html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False)


@functools.lru_cache(maxsize=None)
def parse_svg(path: pathlib.Path):
    """An SVG file, parsed namespace-aware with defusedxml (no entities, no DTD, no XML bombs)."""
    return SafeET.parse(str(path), forbid_dtd=True, forbid_entities=True, forbid_external=True).getroot()


def texts(element, skip=lambda el: False):
    """(element, text) in document order, comments and <script>/<style> left out."""
    if not isinstance(element.tag, str) or local(element.tag) in ("script", "style", "template") or skip(element):
        return
    if element.text:
        yield element, element.text
    for child in element:
        yield from texts(child, skip)
        if child.tail:
            yield element, child.tail


TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "label")


def reader_strings(reader: Reader, page: pathlib.Path):
    """(element, string) for everything a reader sees or a screen reader speaks on a page: text,
    hidden text, alt/title/aria-label, the <title>, and the head's description tags."""
    root = reader.tree(page)
    for element, text in texts(root):
        yield element, text
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in TEXT_ATTRIBUTES:
            if element.get(name):
                yield element, element.get(name)
        if local(element.tag) == "meta" and (element.get("name") or element.get("property") or "").lower() in (
                "description", "og:description", "og:title", "og:site_name"):
            yield element, element.get("content") or ""


def svg_files(reader: Reader) -> list[pathlib.Path]:
    return sorted(reader.docs.rglob("*.svg"))


def svg_strings(svg_root):
    for element in svg_root.iter():
        if local(element.tag) in ("text", "tspan", "title", "desc") and element.text:
            yield element, element.text
        if element.tail and element.tail.strip():
            yield element, element.tail
        for name in ("aria-label", "title"):
            if element.get(name):
                yield element, element.get(name)


def _in_drawn_chart(element, charts) -> bool:
    """Inside an inline <svg> whose class names a chart a reviewed hook draws (html-allow-list.yml
    `drawn_charts`): the outermost <svg> ancestor must carry the class, so nothing a contributor
    wraps around it, or nests inside it, borrows the exception."""
    svgs = [a for a in element.iterancestors() if isinstance(a.tag, str) and local(a.tag) == "svg" and namespace(a.tag) == SVG_NS]
    if local(element.tag) == "svg":
        svgs.insert(0, element)
    if not svgs:
        return False
    tokens = (svgs[-1].get("class") or "").split()
    return any(c in tokens for c in charts["classes"])


def _in_class(element, classes) -> bool:
    while element is not None and isinstance(element.tag, str):
        tokens = (element.get("class") or "").split()
        if any(t == c or t.startswith(c + "__") or t.startswith(c + "-") for t in tokens for c in classes):
            return True
        element = element.getparent()
    return False


def _is_in(element, ancestor) -> bool:
    while element is not None:
        if element is ancestor:
            return True
        element = element.getparent()
    return False


# =============================================================================================
# 1. Active content
# =============================================================================================

EVENT_ATTRIBUTE = re.compile(r"^on", re.I)


def material_file(reader: Reader, site_path: str) -> bool:
    import material
    return (pathlib.Path(material.__file__).parent / "templates" / site_path).is_file()


def check_active_content(reader: Reader) -> list[str]:
    allow = reader.allow
    elements, svg_elements = set(allow["elements"]), set(allow["svg_elements"])
    attributes, prefixes = set(allow["attributes"]), tuple(allow["attribute_prefixes"])
    drawn_charts = allow.get("drawn_charts") or {"classes": [], "elements": [], "attributes": []}
    files, hashes = reader.reviewed_scripts
    problems = []
    for page in reader.html_files:
        root = reader.tree(page)
        article = reader.article(page)
        head = root.find("head")
        is_stub = page in reader.redirect_stubs
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            name, ns = local(el.tag), namespace(el.tag)
            in_content = article is not None and _is_in(el, article) and not _in_class(el, allow["material_in_article"])
            def report(what, *needles, rule_id="SAFE-HTML", fix=""):
                problems.append(f"{reader.where(page, *needles)}: {what} {rule(rule_id)}. {fix}".rstrip())
            drawn = ns == SVG_NS and in_content and _in_drawn_chart(el, drawn_charts)
            if ns == SVG_NS:
                if drawn and name in drawn_charts["elements"]:
                    pass
                elif name not in svg_elements or in_content:
                    report(f"an inline SVG <{name}> reaches the page", f"<{name}", "<svg", fix="Save figures as SVG files under docs/<lang>/figures/ and show them with ![alt](figures/name.svg).")
            elif ns:
                report(f"a <{name}> element from another namespace ({ns})", f"<{name}", f":{name}", fix="Remove it.")
            elif name not in elements:
                report(f"a <{name}> element", f"<{name}", fix=f"Pages may not carry <{name}>: remove it (figures use <figure>; interactive parts ship as reviewed files in docs/assets/javascripts/).")
            elif name in allow["head_only"] and not _is_in(el, head):
                report(f"a <{name}> element in the page body", f"<{name}", fix="Remove it; only the site's templates write <head>.")
            elif name in allow["chrome_only"] and in_content:
                report(f"a <{name}> element in the page content", f"<{name}", rule_id="SAFE-SCRIPT" if name == "script" else "SAFE-HTML",
                       fix="Remove it. Behaviour ships as a reviewed file in docs/assets/javascripts/, named in the front matter's `scripts:`.")
            for attribute, value in el.attrib.items():
                attr = local(attribute).lower()
                if EVENT_ATTRIBUTE.match(attr):
                    report(f"an event-handler attribute {attr}=\"{value[:60]}\" on <{name}>", (attr, value), value, attr + "=", attr,
                           fix="Remove it; behaviour belongs in a reviewed script in docs/assets/javascripts/.")
                elif attr not in attributes and not attr.startswith(prefixes) and not (ns == SVG_NS and attr in ("d", "viewbox", "fill", "xmlns")) \
                        and not (drawn and attr in drawn_charts["attributes"]):
                    report(f"the attribute {attr}=\"{value[:60]}\" on <{name}>", (attr, value), f"{attr}=", attr, value,
                           fix="It is not on the reviewed list (tests/data/html-allow-list.yml); remove it.")
            if name == "meta":
                problems += _check_meta(reader, page, el, is_stub)
            if name == "link":
                rel_value = (el.get("rel") or "").lower().split()
                bad = [r for r in rel_value if r not in allow["link_rels"]]
                if bad or not rel_value:
                    report(f"<link rel=\"{el.get('rel')}\">", el.get("href") or "", fix="Only the templates add <link> elements, with the rel values in tests/data/html-allow-list.yml.")
                if "alternate" in rel_value and el.get("type") and el.get("type").lower() not in allow["alternate_types"]:
                    report(f"<link rel=alternate type=\"{el.get('type')}\">", el.get("href") or "")
            if name == "script":
                if is_stub and _is_redirect_script(reader, page, el):
                    continue
                problems += _check_script(reader, page, el, in_content, files, hashes)
            if name == "base":
                report("a <base> element", "<base")
    problems += _check_svg_files_for_active_content(reader)
    return problems


REDIRECT_SCRIPT = re.compile(r'var anchor=window\.location\.hash\.substr\(1\);location\.href="([^"\\<]*)"\+\(anchor\?"#"\+anchor:""\)')


def _is_redirect_script(reader, page, el) -> bool:
    """mkdocs-redirects' stub script, sending readers to the same page as the stub's meta refresh."""
    match = REDIRECT_SCRIPT.fullmatch((el.text or "").strip())
    refresh = [m.get("content", "") for m in reader.tree(page).iter("meta") if (m.get("http-equiv") or "").lower() == "refresh"]
    return bool(match) and any(content.split("url=", 1)[-1].strip() == match.group(1) for content in refresh)


def _check_meta(reader, page, el, is_stub):
    allow = reader.allow
    name = (el.get("name") or "").lower()
    prop = (el.get("property") or "").lower()
    equiv = (el.get("http-equiv") or "").lower()
    where = lambda: reader.where(page, el.get("content") or "", "http-equiv", "<meta")
    if equiv == "refresh":
        if is_stub:
            return []
        return [f"{where()}: <meta http-equiv=\"refresh\"> sends readers to {el.get('content')!r} {rule('SAFE-HTML')}. Only redirect stubs (redirect_maps in mkdocs.yml) may refresh; to move a page, add a redirect there."]
    if equiv and equiv not in allow["meta_http_equiv"]:
        return [f"{where()}: <meta http-equiv=\"{equiv}\"> {rule('SAFE-HTML')}. Remove it."]
    if name and name not in allow["meta_names"]:
        return [f"{where()}: <meta name=\"{name}\"> {rule('SAFE-HTML')}. Only the templates write <meta>; the allowed names are in tests/data/html-allow-list.yml."]
    if prop and not prop.startswith(tuple(allow["meta_property_prefixes"])):
        return [f"{where()}: <meta property=\"{prop}\"> {rule('SAFE-HTML')}."]
    return []


def _check_script(reader, page, el, in_content, files, hashes):
    src = el.get("src")
    where = lambda *n: reader.where(page, *n, "<script")
    if src is not None:
        try:
            url = ada_url.URL(src, base=reader.page_url(page))
        except ValueError:
            return [f"{where(src)}: <script src=\"{src}\"> is not a valid URL {rule('SAFE-SCRIPT')}."]
        site = ada_url.URL(reader.url)
        if url.host != site.host:
            return [f"{where(src)}: a script from another host, {url.href} {rule('SAFE-SCRIPT')}. Readers' browsers load nothing from other hosts; page scripts are reviewed files in docs/assets/javascripts/."]
        path = url.pathname[len(site.pathname):] if url.pathname.startswith(site.pathname) else url.pathname.lstrip("/")
        if material_file(reader, path):
            return []
        if f"docs/{path}" in files and (reader.docs / path).is_file():
            return []
        return [f"{where(src, path.rsplit('/', 1)[-1])}: the script {path} is not a reviewed page script {rule('SAFE-SCRIPT')}. Page scripts live in docs/assets/javascripts/, are listed in tests/data/reviewed-scripts.txt (a maintainer reviews that list) and are named in the page's front matter `scripts:`."]
    kind = (el.get("type") or "").lower()
    body = el.text or ""
    if kind in ("application/json", "application/ld+json") and not in_content and el.get("id") == "__config":
        return []
    digest = "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    if digest in hashes and not in_content:
        return []
    snippet = " ".join(body.split())[:50]
    return [f"{where(snippet, body.strip()[:30])}: an inline <script> ({snippet!r}…, '{digest}') {rule('SAFE-SCRIPT')}. Pages carry no inline scripts: move the code into a file in docs/assets/javascripts/ and name it in the front matter's `scripts:`. (If mkdocs-material was upgraded, a maintainer reviews its new inline scripts and lists their hashes in tests/data/reviewed-scripts.txt.)"]


def _check_svg_files_for_active_content(reader):
    allowed = set(reader.allow["svg_file_elements"])
    problems = []
    for svg in svg_files(reader):
        where = lambda *n: reader.where(svg, *n)
        try:
            root = parse_svg(svg)
        except Exception as error:  # defusedxml refuses entities and DTDs; bad XML fails too
            problems.append(f"{reader.rel(svg)}: cannot be read safely ({type(error).__name__}: {error}) {rule('FIG-SVG')}. Figures are plain SVG: no DOCTYPE, no entities.")
            continue
        for el in root.iter():
            name, ns = local(el.tag), namespace(el.tag)
            if ns != SVG_NS or name not in allowed:
                problems.append(f"{where('<' + name, name)}: <{name}> ({ns or 'no namespace'}) in an SVG figure {rule('SAFE-HTML')}. Figures are static drawings: shapes, <text>, <title>, <desc>; no scripts, foreignObject, images or links.")
            for attribute, value in el.attrib.items():
                attr = local(attribute).lower()
                if EVENT_ATTRIBUTE.match(attr):
                    problems.append(f"{where(value, attr + '=')}: an event handler {attr}= in an SVG figure {rule('SAFE-HTML')}. Remove it.")
    return problems


# --- front matter -------------------------------------------------------------------------------

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
MARKUP = re.compile(r"[<>]|&[#\w]+;|\{\{|\{%|javascript:", re.I)


def check_front_matter(reader: Reader) -> list[str]:
    schema = yaml.safe_load((reader.data / "front-matter.yml").read_text(encoding="utf-8"))
    files, _ = reader.reviewed_scripts
    problems = []
    for page in sorted(reader.docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        if not match:
            continue
        block = match.group(1).splitlines()

        def line_of(key):
            for number, line in enumerate(block, start=2):
                if re.match(rf"\s*-?\s*['\"]?{re.escape(str(key))}['\"]?\s*:", line) or str(key) in line:
                    return f"{reader.rel(page)}:{number}"
            return f"{reader.rel(page)}:1"
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as error:
            problems.append(f"{reader.rel(page)}:1: the front matter is not valid YAML {rule('PAGE-META')}: {error}")
            continue
        if not isinstance(meta, dict):
            problems.append(f"{reader.rel(page)}:1: the front matter must be `key: value` lines {rule('PAGE-META')}.")
            continue
        for key, value in meta.items():
            spec = schema.get(key)
            if spec is None:
                problems.append(f"{line_of(key)}: unknown front-matter key `{key}` {rule('PAGE-META')}. Known keys: {', '.join(schema)} (tests/data/front-matter.yml). Remove it, or ask a maintainer to add it there.")
                continue
            kind = spec["type"]
            if kind == "text":
                if not isinstance(value, str):
                    problems.append(f"{line_of(key)}: `{key}` must be one line of text {rule('PAGE-META')}.")
                elif MARKUP.search(value) or any(unicodedata.category(c) in ("Cc", "Cf") for c in value):
                    problems.append(f"{line_of(key)}: `{key}` carries markup or control characters ({MARKUP.search(value).group(0) if MARKUP.search(value) else 'invisible character'!r}) {rule('PAGE-META')}. It is printed into the page's <head>: plain text only.")
                elif len(value) > spec.get("max_length", 10**6):
                    problems.append(f"{line_of(key)}: `{key}` is {len(value)} characters; at most {spec['max_length']} {rule('PAGE-META')}.")
            elif kind == "list-of-scripts":
                if not isinstance(value, list):
                    problems.append(f"{line_of(key)}: `scripts` is a list of files, e.g. `scripts: [assets/javascripts/yield-calculator.js]` {rule('PAGE-META')}.")
                    continue
                for item in value:
                    if not isinstance(item, str) or f"docs/{item}" not in files or not (reader.docs / item).is_file():
                        problems.append(f"{line_of(item)}: `scripts:` names {item!r}, which is not a reviewed script {rule('SAFE-SCRIPT')}. A page may load only files under docs/assets/javascripts/ that tests/data/reviewed-scripts.txt lists (relative to docs/, no URL).")
            elif kind == "list-of":
                items = value if isinstance(value, list) else [value]
                for item in items:
                    if item not in spec["values"]:
                        problems.append(f"{line_of(key)}: `{key}` may hold {', '.join(spec['values'])}, not {item!r} {rule('PAGE-META')}.")
            elif kind == "mapping":
                if not isinstance(value, dict):
                    problems.append(f"{line_of(key)}: `{key}` is a mapping ({', '.join(spec['keys'])}) {rule('PAGE-META')}.")
                    continue
                for sub, sub_value in value.items():
                    want = spec["keys"].get(sub)
                    ok = (want == "bool" and isinstance(sub_value, bool)) or (want == "number" and isinstance(sub_value, (int, float)) and not isinstance(sub_value, bool))
                    if not ok:
                        problems.append(f"{line_of(sub)}: `{key}.{sub}` {'is unknown' if not want else 'must be a ' + want} {rule('PAGE-META')}.")
    return problems


# --- templates ------------------------------------------------------------------------------

OUTPUT = re.compile(r"\{\{(.*?)\}\}", re.S)
FROM_PAGE_OR_CONFIG = re.compile(r"\b(page|config|alt|description|href|script|nav_item|lang\.t|title|site_root)\b")
ESCAPED = re.compile(r"\|\s*(e|escape|tojson)\s*$")


def check_templates_escape(reader: Reader) -> list[str]:
    problems = []
    for template in sorted((reader.root / "overrides").rglob("*.html")):
        for number, line in enumerate(_lines(template), start=1):
            for match in OUTPUT.finditer(line):
                expression = match.group(1).strip()
                if expression.startswith("-") or expression.startswith("super()"):
                    continue
                if FROM_PAGE_OR_CONFIG.search(expression) and not ESCAPED.search(expression) and not expression.startswith("lang.t("):
                    problems.append(f"{reader.rel(template)}:{number}: `{{{{ {expression} }}}}` prints a page or config value unescaped {rule('SAFE-HTML')}. MkDocs renders templates with autoescape off: end the expression with `| e`.")
    return problems


# =============================================================================================
# 2. Every URL, resolved as a browser resolves it
# =============================================================================================

CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import\s+(['\"])(.*?)\3", re.I | re.S)
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "data", "background", "ping", "manifest", "longdesc", "icon")
REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", re.I)


def css_unescape(text: str) -> str:
    return CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


def css_urls(text: str):
    text = css_unescape(re.sub(r"/\*.*?\*/", "", text, flags=re.S))
    for match in CSS_URL.finditer(text):
        yield match.group(2) if match.group(2) is not None else match.group(4)


def urls_in_element(el):
    """(attribute, value) for every URL a browser would fetch or follow from this element."""
    for attribute, value in el.attrib.items():
        name = local(attribute).lower()
        if name in URL_ATTRIBUTES or attribute == XLINK:
            yield name, value
        elif name in ("srcset", "imagesrcset"):
            for candidate in value.split(","):
                if candidate.strip():
                    yield name, candidate.strip().split()[0]
        elif name == "style":
            for url in css_urls(value):
                yield "style url()", url
    if local(el.tag) == "style" and el.text:
        for url in css_urls(el.text):
            yield "<style> url()", url
    if local(el.tag) == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
        match = REFRESH_URL.match(el.get("content") or "")
        if match and match.group(1).strip():
            yield "meta refresh", match.group(1).strip()


def _host_scripts(host: str) -> set[str]:
    found = set()
    for label in host.split("."):
        for char in label:
            if char.isalpha():
                alias = script_categories.alias(char)
                if alias not in ("COMMON", "INHERITED"):
                    found.add(alias)
    return found


def judge_url(reader: Reader, value: str, base: str, kind: str = "link") -> str | None:
    """None if a browser following this URL stays on the site or goes to a reviewed https host;
    otherwise what is wrong and how to fix it (with its rule)."""
    try:
        url = ada_url.URL(value, base=base)
    except ValueError:
        return f"'{value}' is not a URL a browser can follow {rule('LINK-DOMAIN')}. Check the spelling."
    scheme = url.protocol.rstrip(":")
    if scheme == "data":
        if value.strip() in reader.allow["reviewed_data_urls"]:
            return None
        return f"a data: URL ('{value[:40]}…') {rule('SAFE-HIDDEN')}. Reviewers cannot see what it holds: save an image as a file under docs/<lang>/figures/ and link it."
    if scheme not in reader.allow["schemes"]:
        return f"a {scheme}: URL ('{value[:60]}') {rule('SAFE-URL')}. Links are https:// addresses or links to the site's own pages; remove it."
    if scheme == "mailto":
        return None
    site = ada_url.URL(reader.url)
    if url.host == site.host and scheme == site.protocol.rstrip(":"):
        return None
    host = url.hostname
    shown = ada_url.idna_to_unicode(host) if "xn--" in host else host
    if len(_host_scripts(shown)) > 1:
        return f"the host '{shown}' ({host}) mixes scripts ({', '.join(sorted(_host_scripts(shown)))}) {rule('LINK-IDN')}: it imitates another site's name. Link the real address."
    if host not in reader.allowed_hosts and not (kind == "web address in the text" and "www." + host in reader.allowed_hosts):
        label = f"'{shown}'" + (f" (punycode {host})" if shown != host else "")
        return (f"{label} is not in tests/data/allowed-domains.txt {rule('LINK-DOMAIN')} ({kind} '{value[:80]}'). If it is a primary"
                " source (a publisher, a company, a regulator), add the host there on its own line so reviewers see it; otherwise cite a better source."
                + (" Use https://." if scheme != "https" else ""))
    if scheme != "https":
        return f"'{value}' is not https {rule('LINK-HTTPS')}. Use the https:// address of the page."
    if url.username or url.password:
        return f"'{value}' carries a user name or password {rule('LINK-DOMAIN')}: the host a reader reaches is not the one it seems. Remove the part before @."
    return None


def check_urls(reader: Reader) -> list[str]:
    problems = []
    for page in reader.html_files:
        base = reader.page_url(page)
        for el in reader.tree(page).iter():
            if not isinstance(el.tag, str):
                continue
            for attribute, value in urls_in_element(el):
                verdict = judge_url(reader, value, base, f"<{local(el.tag)} {attribute}>")
                if verdict:
                    problems.append(f"{reader.where(page, value, html.escape(value), value.split('//')[-1][:40])}: {verdict}")
    for svg in svg_files(reader):
        try:
            root = parse_svg(svg)
        except Exception:
            continue  # reported by check_active_content
        for el in root.iter():
            for attribute, value in urls_in_element(el):
                if value.startswith("#") and attribute != "style url()" or re.fullmatch(r"#[\w-]+", value):
                    continue
                problems.append(f"{reader.where(svg, value)}: an SVG figure refers to '{value[:60]}' ({attribute}) {rule('FIG-SVG')}. Figures are self-contained: no links, images, fonts or styles from elsewhere.")
    return problems


def check_allow_list_entries(reader: Reader) -> list[str]:
    problems = []
    domains = reader.list_file("allowed-domains.txt")
    path = "tests/data/allowed-domains.txt"
    for number, line in enumerate(_lines(reader.data / "allowed-domains.txt"), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+", entry):
            problems.append(f"{path}:{number}: '{entry}' is not a plain lowercase ASCII host name {rule('LINK-DOMAIN')}. Write international names in punycode (xn--…), no scheme, path or port.")
        elif "xn--" in entry and len(_host_scripts(ada_url.idna_to_unicode(entry))) > 1:
            problems.append(f"{path}:{number}: '{entry}' is '{ada_url.idna_to_unicode(entry)}', which mixes scripts {rule('LINK-IDN')}.")
    if domains != sorted(set(domains)):
        problems.append(f"{path}: should list each domain once, in alphabetical order {rule('LINK-DOMAIN')}, so a pull request that adds one shows it clearly. Fix with: LC_ALL=C sort -u -o {path} {path}")
    return problems


# =============================================================================================
# 3. Spam, on the rendered text
# =============================================================================================

TEXT_URL = re.compile(r"(?i)\b(?:https?://[^\s<>\"'`，。）)]+|www\.[a-z0-9.-]+\.[a-z]{2,}[^\s<>\"'`，。）)]*|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|cn|io|app|xyz|top|vip|cc|tv|me|info|biz|ru|shop|site|online|club|live|fun|win|bet|link|click|icu|asia|tk|ml)\b)")


@functools.lru_cache(maxsize=None)
def spam_patterns(path: pathlib.Path):
    patterns = []
    for line in _lines(path):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        word = clean(word)
        if re.fullmatch(r"[A-Za-z ]+", word):
            patterns.append((word, re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.I)))
        else:
            patterns.append((word, re.compile(re.escape(word), re.I)))
    return patterns


def all_reader_strings(reader: Reader):
    """(source file for messages, built page or svg, string, element) for every string readers get."""
    for page in reader.html_files:
        for element, text in reader_strings(reader, page):
            yield page, text, element
    for svg in svg_files(reader):
        try:
            root = parse_svg(svg)
        except Exception:
            continue
        for element, text in svg_strings(root):
            yield svg, text, element


def check_spam(reader: Reader) -> list[str]:
    patterns = spam_patterns(reader.data / "spam-words.txt")
    problems = set()
    for path, text, element in all_reader_strings(reader):
        seen = clean(text)
        seen_no_urls = TEXT_URL.sub(" ", seen)
        for word, pattern in patterns:
            match = pattern.search(seen_no_urls)
            if match:
                problems.add(f"{reader.where(path, match.group(0), word, text.strip()[:30])}: '{word}' {rule('SPAM')}. Words from tests/data/spam-words.txt may not reach readers, hidden or not. Delete the text.")
        if path.suffix == ".html" and (local(element.tag) in ("code", "pre") or element.xpath("ancestor::pre")):
            continue
        for match in TEXT_URL.finditer(seen):
            verdict = judge_url(reader, match.group(0) if "//" in match.group(0) else "https://" + match.group(0), reader.url, "web address in the text")
            if verdict and "LINK-DOMAIN" in verdict or verdict and "LINK-IDN" in verdict:
                problems.add(f"{reader.where(path, match.group(0), text.strip()[:30])}: {verdict}")
        if re.search(r"\{\{|\{%|%\}|\}\}", seen) and path.suffix == ".html":
            problems.add(f"{reader.where(path, '{{', '{%', '}}', '%}')}: a template token ({re.search(r'[{%}]{2}', seen).group(0)}) in the text {rule('SAFE-HTML')}. It shows up as raw text (the spam we received carried one); delete it.")
    return sorted(problems)


HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)|font-size\s*:\s*0|(?:^|;)\s*(?:max-)?height\s*:\s*0|clip(?:-path)?\s*:|(?:left|top|text-indent)\s*:\s*-\d{3,}", re.I)


def check_hidden_content(reader: Reader) -> list[str]:
    classes = reader.allow["hidden_allowed_classes"]
    problems = []
    for page in reader.pages:
        article = reader.article(page)
        if article is None:
            continue
        for el in article.iter():
            if not isinstance(el.tag, str):
                continue
            hidden = el.get("hidden") is not None or (el.get("aria-hidden") == "true" and len(" ".join(el.itertext()).strip()) > 20)
            style = el.get("style") or ""
            if hidden or HIDING_STYLE.search(css_unescape(style)):
                if _in_class(el, classes):
                    continue
                text = " ".join("".join(el.itertext()).split())[:60]
                problems.append(f"{reader.where(page, text[:25], 'hidden', style[:30] or 'aria-hidden')}: hidden content ('{text}') {rule('SAFE-HIDDEN')}. Text on a page is for readers; remove what they cannot see. (An interactive component that its script shows is allowed by class in tests/data/html-allow-list.yml, hidden_allowed_classes.)")
    return problems


# =============================================================================================
# 4. Twins that silently disagree (numbers normalised as the Markdown parity check did)
# =============================================================================================

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
CODE_AND_LINKS = re.compile(r"https?://\S+|\]\([^)]*\)|\{[^}]*\}|<[^>]+>|`[^`]*`")
NUMBER = re.compile(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*(万亿|万|亿|million|billion|trillion))?(?:\^(-?\d+)\^?)?")
YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[–-]\s*(\d{2})\b(?!\d)")
FISCAL_YEAR = re.compile(r"\bFY\s?((?:19|20)\d{2})\b")
SCALE = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "million": 10**6, "billion": 10**9, "trillion": 10**12}
MONTHS = "January February March April May June July August September October November December".split()
MONTH_NUMBER = {**{m: i for i, m in enumerate(MONTHS, start=1)}, **{m[:3]: i for i, m in enumerate(MONTHS, start=1)}, "Sept": 9}
_MONTH = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
# "11 July 2024", "July 2024", "Aug 2025", "in December" and "from December" carry the month as a number, as
# "2024 年 7 月 11 日" does.
DATED_MONTH = re.compile(r"(?<=\d )(%s)\b\.?|\b(%s)\.?(?= \d)|(?:(?<=\b(?:in|by|of) )|(?<=\bfrom )|(?<=\buntil )|(?<=\bsince ))(%s)\b" % (_MONTH, _MONTH, "|".join(MONTHS)))


def normalise_numbers(text: str) -> str:
    text = FISCAL_YEAR.sub(r"\1", text)  # FY2028 (English) = 2028 财年 (Chinese, rule ZH-FY)
    text = re.sub(r"([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "^" + m.group(1).translate(SUPERSCRIPT) + "^", text)
    text = DATED_MONTH.sub(lambda m: str(MONTH_NUMBER[m.group(1) or m.group(2) or m.group(3)]), text)
    text = YEAR_RANGE.sub(lambda m: f"{m.group(1)}–{m.group(1)[:2]}{m.group(2)}", text)
    return CODE_AND_LINKS.sub(" ", text)


def numbers(text: str) -> list[tuple[str, str]]:
    """(normalised number, as written) in order: 1,000 = 1000; 1.2 万 = 12000; 10^-3^ = 1e-3."""
    found = []
    for match in NUMBER.finditer(normalise_numbers(text)):
        value, scale, exponent = match.groups()
        amount = float(value.replace(",", ""))
        if scale:
            amount *= SCALE[scale]
        found.append((f"{amount:g}" + (f"e{exponent}" if exponent else ""), value))
    return found


def _not_content(el) -> bool:
    classes = (el.get("class") or "").split()
    return ("footnote" in classes or "headerlink" in classes or "footnote-ref" in classes or "md-source-file" in classes
            or "md-content__button" in classes
            or (local(el.tag) == "sup" and (el.get("id") or "").startswith("fnref")))


# Blocks a hook writes from one source (title, address, dates), not translations: the citation in
# each language's own style (APA / GB/T 7714), and the notice shown on one twin only when the other
# is newer. The twin and near-copy checks leave them out; the characters, spam and URL checks still
# read them.
GENERATED_BLOCKS = ("cite-this-page", "translation-notice")
# Elements whose text ends a word however the HTML is written (a browser shows them apart).
BLOCK_ELEMENTS = {"p", "div", "li", "dt", "dd", "td", "th", "tr", "ul", "ol", "dl", "table", "section", "figure",
                  "figcaption", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "pre", "details",
                  "summary", "text", "title", "desc", "tspan", "g"}


def _marked_other_language(el, page_language: str) -> bool:
    """Text marked with a lang= other than the page's: a quoted name or title in its own language
    (lang="ja", lang="ko"; on a Chinese page lang="en" or a Traditional lang="zh-Hant"/"zh-TW")."""
    marked = (el.get("lang") or "").lower()
    if not marked:
        return False
    if page_language == "zh":
        return marked not in ("zh", "zh-cn", "zh-hans", "zh-hans-cn")
    return not marked.startswith(page_language)


def content_blocks(reader: Reader, page: pathlib.Path, leave_out=lambda el: False):
    """(section id, kind, element, text) for the content of a page, in order; sup as ^n^."""
    article = reader.article(page)
    if article is None:
        return
    section = "top"
    out = []

    def walk(el):
        nonlocal section
        if not isinstance(el.tag, str) or local(el.tag) in ("script", "style") or _not_content(el):
            return
        if local(el.tag) in ("section", "div") and any(c in (el.get("class") or "").split() for c in GENERATED_BLOCKS):
            return
        if leave_out(el):
            return
        name = local(el.tag)
        if name in ("h2", "h3") and el.get("id"):
            section = el.get("id")
        if name == "sup":
            out.append((section, el, "^" + "".join(el.itertext()) + "^"))
            return
        if el.text:
            out.append((section, el, el.text))
        for child in el:
            walk(child)
            if isinstance(child.tag, str) and local(child.tag) in BLOCK_ELEMENTS:
                out.append((section, el, " "))  # "Last event</dt><dd>23 June" is two words, not "event23"
            if child.tail:
                out.append((section, el, child.tail))
    walk(article)
    return out


def section_texts(reader: Reader, page: pathlib.Path, leave_out=lambda el: False) -> dict[str, str]:
    texts_by_section = collections.OrderedDict()
    for section, _, text in content_blocks(reader, page, leave_out) or []:
        texts_by_section[section] = texts_by_section.get(section, "") + text
    return texts_by_section


def table_rows(reader: Reader, page: pathlib.Path) -> list[tuple[list[str], str]]:
    """Per table row: the cells' text (footnote markers left out) and the row as shown."""
    article = reader.article(page)
    rows = []
    if article is None:
        return rows
    for row in article.iter("tr"):
        cells = ["".join(t for _, t in texts(cell, _not_content)) for cell in row if isinstance(cell.tag, str)]
        rows.append((cells, " | ".join(" ".join("".join(c.itertext()).split()) for c in row if isinstance(c.tag, str))))
    return rows


def _parity_exceptions(reader: Reader):
    path = reader.data / "number-parity-exceptions.yml"
    allowed = collections.defaultdict(set)
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        if isinstance(entry, dict) and entry.get("page"):
            allowed[entry["page"]].add(str(entry.get("number")))
    return allowed


def _section_lines(md: pathlib.Path, section: str) -> tuple[int, int]:
    """First and last Markdown line of the section with this heading id ("top": before the first)."""
    lines = _lines(md)
    headings = [n for n, line in enumerate(lines, start=1) if re.match(r"#{2,3}\s", line)]
    if section == "top":
        return 1, (headings[0] - 1 if headings else len(lines))
    for index, number in enumerate(headings):
        if re.search(r"\{\s*#" + re.escape(section) + r"[\s}]", lines[number - 1]):
            return number, (headings[index + 1] - 1 if index + 1 < len(headings) else len(lines))
    return 1, len(lines)


def _where_number(reader: Reader, md: pathlib.Path | None, section: str, written: str, page) -> str:
    if md is None:
        return f"the built page {reader.rel_built(page)}"
    start, end = _section_lines(md, section)
    lines = _lines(md)
    pattern = re.compile(rf"(?<![\d.,]){re.escape(written)}(?![\d])")
    for number in range(start, end + 1):
        if pattern.search(html.unescape(lines[number - 1])):
            return f"{reader.rel(md)}:{number}"
    return f"{reader.rel(md)}:{start}"


def _where_row(reader: Reader, md: pathlib.Path | None, first_cell: str, written: list[str]) -> str | None:
    """The Markdown line of a table row: it holds the row's first cell and the numbers in question."""
    if md is None:
        return None
    first = " ".join(first_cell.split())[:30]
    best = None
    for number, line in enumerate(_lines(md), start=1):
        if line.lstrip().startswith("|") and first and first in html.unescape(line):
            best = best or number
            if all(w in line for w in written):
                return f"{reader.rel(md)}:{number}"
    return f"{reader.rel(md)}:{best}" if best else None


def twin_pairs(reader: Reader):
    for page in reader.pages:
        if reader.lang_of(page) == "zh":
            other = reader.twin_built(page)
            if other.exists():
                yield page, other


def check_twin_numbers(reader: Reader) -> list[str]:
    """Numbers per section (a number in one twin's section is in the same section of the other)
    and per table row, column by column in order (within a cell, in any order: dates differ)."""
    allowed = _parity_exceptions(reader)
    problems = [f"tests/data/number-parity-exceptions.yml: the entry {entry} needs page, number and a reason {rule('TWIN-NUMBER')}."
                for entry in yaml.safe_load((reader.data / "number-parity-exceptions.yml").read_text(encoding="utf-8")) or []
                if not (isinstance(entry, dict) and entry.get("page") and entry.get("number") is not None and entry.get("reason"))]
    for zh, en in twin_pairs(reader):
        ok = allowed[zh.name.replace(".html", ".md")]
        zh_md, en_md = reader.source_md(zh), reader.source_md(en)
        zh_sections, en_sections = section_texts(reader, zh), section_texts(reader, en)
        for section in list(zh_sections) + [s for s in en_sections if s not in zh_sections]:
            zh_numbers = numbers(zh_sections.get(section, ""))
            en_numbers = numbers(en_sections.get(section, ""))
            zh_values, en_values = {n for n, _ in zh_numbers}, {n for n, _ in en_numbers}
            for found, others, md, page, language in ((zh_numbers, en_values, zh_md, zh, "English"), (en_numbers, zh_values, en_md, en, "Chinese")):
                reported = set()
                for value, written in found:
                    if value not in others and value not in ok and value not in reported:
                        reported.add(value)
                        problems.append(f"{_where_number(reader, md, section, written, page)}: {value} is in section #{section} but not in that section of the {language} twin {rule('TWIN-NUMBER')}. Write each figure in both languages, in the same section (1,000 = 1000, 10⁻³ = 10^-3^, 1.2 万 = 12,000, 1 亿 = 100 million). If a difference is right, add it to tests/data/number-parity-exceptions.yml with page, number and reason.")
        zh_rows, en_rows = table_rows(reader, zh), table_rows(reader, en)
        for index, ((zh_cells, zh_shown), (en_cells, en_shown)) in enumerate(zip(zh_rows, en_rows), start=1):
            zh_row = [sorted(n for n, _ in numbers(cell) if n not in ok) for cell in zh_cells]
            en_row = [sorted(n for n, _ in numbers(cell) if n not in ok) for cell in en_cells]
            if zh_row != en_row:
                column = next((i for i, (a, b) in enumerate(zip(zh_row, en_row)) if a != b), min(len(zh_row), len(en_row)))
                en_cell = en_cells[column] if column < len(en_cells) else ""
                zh_cell = zh_cells[column] if column < len(zh_cells) else ""
                first_cell = next((cell for cell in en_cells if cell.strip()), "")  # a row that continues the one above starts empty
                place = _where_row(reader, en_md, first_cell, [w for _, w in numbers(en_cell)])
                problems.append(f"{place or (reader.rel(en_md) if en_md else en.name)}: table row {index}, column {column + 1} reads '{' '.join(en_cell.split())}' in English but '{' '.join(zh_cell.split())}' in Chinese ({reader.rel(zh_md) if zh_md else zh.name}) {rule('TWIN-NUMBER')}. Rows of twin tables give the same numbers in the same columns.")
        if len(zh_rows) != len(en_rows):
            longer = en_md if len(en_rows) > len(zh_rows) else zh_md
            problems.append(f"{reader.rel(longer) if longer else zh.name}: its tables have {max(len(zh_rows), len(en_rows))} rows, the twin's {min(len(zh_rows), len(en_rows))} {rule('TWIN-NUMBER')}. Twin tables have the same rows.")
    return problems


def footnote_links(reader: Reader, page: pathlib.Path) -> dict[str, set[str]]:
    found = {}
    for item in reader.tree(page).xpath("//div[contains(concat(' ', @class, ' '), ' footnote ')]//li[starts-with(@id, 'fn:')]"):
        key = item.get("id")[3:]
        links = set()
        for a in item.iter("a"):
            href = a.get("href") or ""
            if href and not href.startswith("#") and "footnote-backref" not in (a.get("class") or ""):
                links.add(href.rstrip("/"))
        found[key] = links
    return found


def check_twin_footnotes(reader: Reader) -> list[str]:
    problems = []
    for zh, en in twin_pairs(reader):
        zh_links, en_links = footnote_links(reader, zh), footnote_links(reader, en)
        for key in sorted(zh_links.keys() & en_links.keys()):
            if zh_links[key] != en_links[key]:
                only_en = sorted(en_links[key] - zh_links[key]) or ["nothing"]
                only_zh = sorted(zh_links[key] - en_links[key]) or ["nothing"]
                md = reader.source_md(en) if only_en != ["nothing"] else reader.source_md(zh)
                needle = only_en[0] if only_en != ["nothing"] else only_zh[0]
                place = locate([md], [needle, f"[^{key}]:"], reader) if md else en.name
                problems.append(f"{place}: footnote [^{key}] links to {', '.join(only_en)} in English but {', '.join(only_zh)} in Chinese {rule('TWIN-FOOTNOTE')}. Twins cite the same source (same URL or DOI) under the same key.")
    return problems


def _svg_numbers(root) -> list[tuple[str, str]]:
    found = []
    for el in root.iter():
        if local(el.tag) in ("text", "tspan") and el.text:
            found += numbers(el.text)
    return found


def check_twin_figures(reader: Reader) -> list[str]:
    problems = []
    allowed = _parity_exceptions(reader)
    for zh_svg in sorted((reader.docs / "zh").rglob("*.svg")):
        en_svg = reader.docs / "en" / zh_svg.relative_to(reader.docs / "zh")
        if not en_svg.exists():
            continue
        try:
            zh_numbers, en_numbers = _svg_numbers(parse_svg(zh_svg)), _svg_numbers(parse_svg(en_svg))
        except Exception:
            continue
        ok = allowed[zh_svg.name]
        zh_count = collections.Counter(n for n, _ in zh_numbers)
        en_count = collections.Counter(n for n, _ in en_numbers)
        for svg, mine, theirs, found in ((zh_svg, zh_count, en_count, zh_numbers), (en_svg, en_count, zh_count, en_numbers)):
            for value, written in found:
                if mine[value] > theirs[value] and value not in ok:
                    place = locate([svg], [f">{written}<", written], reader) or reader.rel(svg)
                    problems.append(f"{place}: the figure shows {value} {mine[value]}×, its twin {theirs[value]}× {rule('TWIN-FIGURE')}. Twin figures draw the same data; change both SVGs together.")
                    mine[value] = theirs[value]
    return problems


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def check_twin_lengths(reader: Reader, factor: float = 1.8, minimum: int = 300) -> list[str]:
    """A section far longer in one language than translation explains (English runs about 2–3
    letters per Chinese character): text added to one twin only."""
    problems = []
    for zh, en in twin_pairs(reader):
        if zh.name in reader.chars["language_check_skips"]:
            continue
        zh_sections, en_sections = section_texts(reader, zh), section_texts(reader, en)
        ratios = {}
        for section in zh_sections.keys() & en_sections.keys():
            z, e = _letters(zh_sections[section]), _letters(en_sections[section])
            if z and e:
                ratios[section] = (e / z, z, e)
        if len(ratios) < 2:
            continue
        typical = sorted(r for r, _, _ in ratios.values())[len(ratios) // 2]
        for section, (ratio, z, e) in ratios.items():
            if max(z, e) < minimum:
                continue
            if ratio > typical * factor or ratio < typical / factor:
                longer, md = (("English", reader.source_md(en)) if ratio > typical else ("Chinese", reader.source_md(zh)))
                start, _ = _section_lines(md, section) if md else (1, 1)
                problems.append(f"{reader.rel(md) if md else zh.name}:{start}: section #{section} is {max(ratio / typical, typical / ratio):.1f}× as long in {longer} as the page's other sections suggest ({z} Chinese vs {e} English letters) {rule('TWIN-LENGTH')}. Say the same in both languages: translate what was added, or remove it.")
    return problems


def _shingles(text: str, lang: str) -> set:
    if lang == "zh":
        chars = re.sub(r"\s+", "", text)
        return {chars[i:i + 8] for i in range(max(0, len(chars) - 7))}
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + 5]) for i in range(max(0, len(words) - 4))}


# Renderings of the industry records (data/records, overrides/hooks/industry_pages_from_data.py): the
# records table and each company's card show the same record summaries by design, one data file
# behind both. The near-copy check compares what people wrote; the twin checks still read these.
DATA_RENDERINGS = ("//table[@id='industry-records']", "//dl[contains(concat(' ', @class, ' '), ' industry-company ')]")


def check_near_copies(reader: Reader, threshold: float = 0.5) -> list[str]:
    problems = []
    by_lang = collections.defaultdict(list)
    for page in reader.pages:
        rendered = [el for path in DATA_RENDERINGS for el in reader.tree(page).xpath(path)]  # kept alive: lxml keeps one proxy per node
        text = "".join(section_texts(reader, page, lambda el: any(el is r for r in rendered)).values())
        by_lang[reader.lang_of(page)].append((page, _shingles(text, reader.lang_of(page))))
    for lang, pages in by_lang.items():
        for i, (a, sa) in enumerate(pages):
            for b, sb in pages[i + 1:]:
                small, big = (a, b) if len(sa) <= len(sb) else (b, a)
                s_small, s_big = (sa, sb) if small is a else (sb, sa)
                if len(s_small) < 30:
                    continue
                share = len(s_small & s_big) / len(s_small)
                if share >= threshold:
                    name = lambda p: reader.rel(reader.source_md(p)) if reader.source_md(p) else p.name
                    problems.append(f"{name(big)}: repeats {share:.0%} of {name(small)} {rule('PAGE-COPY')}. A page says something of its own; link to the other page instead of copying its text.")
    return problems


# =============================================================================================
# 5. Characters and language
# =============================================================================================

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
FULL_WIDTH_PUNCT = "，。：；！？（）、「」『』【】《》〈〉～"


def _char_ranges(entries):
    for entry in entries:
        if len(entry) == 3 and entry[1] == "-":
            yield ord(entry[0]), ord(entry[2])
        else:
            yield ord(entry), ord(entry)


def _outside(el, classes=("md-select",)) -> bool:
    return not _in_class(el, classes)


def _nfkc_message(char: str, reader: Reader) -> str:
    right = reader.chars["nfkc_right_form"].get(char) or unicodedata.normalize("NFKC", char)
    return f"write {right!r} instead of {char!r} (U+{ord(char):04X} {unicodedata.name(char, '?')})"


def check_characters(reader: Reader) -> list[str]:
    kept = list(_char_ranges(reader.chars["nfkc_kept"]))
    greek_prefixes = set(reader.chars["greek_prefixes"])
    problems = set()
    for path, text, element in all_reader_strings(reader):
        if not text.strip():
            continue
        for char in set(text):
            code = ord(char)
            if unicodedata.category(char) == "Cf":
                problems.add(f"{reader.where(path, text.strip()[:20], text.strip()[-20:])}: an invisible format character U+{code:04X} ({unicodedata.name(char, 'format character')}) {rule('CHAR-FORMAT')}. Zero-width, bidi-control and soft-hyphen characters hide or reorder text; delete it (retype the word).")
            elif unicodedata.normalize("NFKC", char) != char and not any(lo <= code <= hi for lo, hi in kept):
                problems.add(f"{reader.where(path, char)}: {_nfkc_message(char, reader)} {rule('CHAR-NFKC')}.")
        for token in re.findall(r"[^\W\d_]+", text):
            if not re.search(r"[A-Za-z]", token) or token.isascii():
                continue
            cyrillic = re.search(r"[\u0400-\u052f]", token)
            greek = [c for c in token if "\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff"]
            leading_ok = greek and len(greek) == 1 and token[0] == greek[0] and greek[0] in greek_prefixes
            if cyrillic or (greek and not leading_ok):
                problems.add(f"{reader.where(path, token)}: '{token}' mixes Latin with {'Cyrillic' if cyrillic else 'Greek'} letters {rule('CHAR-MIXED')}. A look-alike letter breaks search and can disguise a word; retype it in one alphabet.")
    for page in reader.pages:
        if page.name not in reader.chars["language_check_skips"]:
            problems.update(_language_of_page(reader, page))
    return sorted(problems)


def _language_of_page(reader: Reader, page: pathlib.Path):
    lang = reader.lang_of(page)
    article = reader.article(page)
    if article is None:
        return
    traditional_allowed = set(reader.chars["traditional_allowed"])
    skip = lambda el: _not_content(el) or local(el.tag) in ("pre", "code") or _marked_other_language(el, lang)
    for el in article.iter("p", "li", "td", "th", "dd", "dt", "figcaption", "h1", "h2", "h3", "h4", "blockquote"):
        if el.xpath("ancestor::*[contains(concat(' ', @class, ' '), ' footnote ')]") or skip(el):
            continue
        if local(el.tag) in ("li", "blockquote") and el.find("p") is not None:
            continue
        text = "".join(t for _, t in texts(el, skip))
        if not text.strip():
            continue
        cjk = len(CJK.findall(text))
        words = len(LATIN_WORD.findall(text))
        snippet = text.strip()[:25]
        if lang == "zh":
            trad = sorted({c for c in CJK.findall(text) if c not in traditional_allowed and hanzidentifier.identify(c) == hanzidentifier.TRADITIONAL})
            if trad:
                yield f"{reader.where(page, trad[0], snippet)}: Traditional characters {''.join(trad)} on a Simplified Chinese page {rule('ZH-TRAD')}. Write the Simplified forms (e.g. 說→说, 電→电); `opencc -c t2s` converts a paragraph."
            if words >= 12 and cjk < words and local(el.tag) not in ("td", "th"):  # table cells hold names
                yield f"{reader.where(page, snippet)}: this paragraph is mostly English ({words} English words, {cjk} Chinese characters) {rule('LANG-MIX')}. Chinese pages are written in Chinese: translate it (names, formulas and units may stay)."
        else:
            if cjk >= 8 and cjk * 2 > words:
                yield f"{reader.where(page, snippet)}: this paragraph is mostly Chinese ({cjk} Chinese characters, {words} English words) {rule('LANG-MIX')}. English pages are written in English: translate it."
            for index, char in enumerate(text):
                if char in FULL_WIDTH_PUNCT:
                    before = text[:index].rstrip()[-1:] or " "
                    after = text[index + 1:].lstrip()[:1] or " "
                    if not CJK.match(before) and not CJK.match(after):
                        fixed = unicodedata.normalize("NFKC", char) if unicodedata.normalize("NFKC", char) != char else {"、": ",", "。": ".", "「": "“", "」": "”", "《": "“", "》": "”"}.get(char, "the ASCII mark")
                        yield f"{reader.where(page, text[max(0, index - 8):index + 1].strip(), snippet)}: full-width '{char}' in English prose {rule('EN-PUNCT')}. Write '{fixed}' (and a space after it)."
                        break


# =============================================================================================
# 6. Build integrity
# =============================================================================================

def _config_line(reader: Reader, needle: str) -> str:
    return locate([reader.root / "mkdocs.yml"], [needle], reader) or "mkdocs.yml"


def check_redirects(reader: Reader) -> list[str]:
    problems = []
    for old, new in reader.redirect_maps.items():
        old, new = str(old), str(new)
        where = locate([reader.root / "mkdocs.yml"], [(f"{old}:", new), f"{old}:"], reader) or "mkdocs.yml"
        old_lang = "en" if old.startswith("en/") else "zh"
        new_lang = new.split("/", 1)[0]
        if new_lang not in LANGS or "://" in new:
            problems.append(f"{where}: redirect `{old}: {new}` names no language folder {rule('URL-KEEP')}. Targets are `zh/page.md` or `en/page.md`; this entry would be dropped silently.")
            continue
        if new_lang != old_lang:
            problems.append(f"{where}: redirect `{old}: {new}` sends a {old_lang} address to a {new_lang} page {rule('URL-KEEP')}. Chinese addresses (`old.md`) go to `zh/…`, English ones (`en/old.md`) to `en/…`.")
        live = reader.docs / old_lang / (old[3:] if old_lang == "en" else old)
        if live.exists():
            problems.append(f"{where}: redirect `{old}` would replace the live page {reader.rel(live)} {rule('URL-KEEP')}. Redirect only addresses whose page has moved away.")
        if not (reader.docs / new).is_file():
            problems.append(f"{where}: redirect target `{new}` is not a page (docs/{new} does not exist) {rule('URL-KEEP')}.")
        stub = reader.dir / re.sub(r"\.md$", ".html", old)
        built = reader.dir.is_dir() and any(reader.dir.iterdir())
        if built and not live.exists() and (reader.docs / new).is_file() and not stub.is_file():
            problems.append(f"{where}: redirect `{old}: {new}` produced no page at {reader.rel_built(stub) if stub.is_relative_to(reader.dir) else stub} {rule('URL-KEEP')}. Check the spelling of both names.")
    return problems


def check_duplicate_ids(reader: Reader) -> list[str]:
    problems = []
    for page in reader.html_files:
        counts = collections.Counter(el.get("id") for el in reader.tree(page).iter() if isinstance(el.tag, str) and el.get("id"))
        for element_id, count in counts.items():
            if count > 1:
                needles = ("{#" + element_id + "}", f'id="{element_id}"', "#" + element_id)
                places = sorted({hit for needle in needles for hit in locate_all(reader.sources_for(page), [needle], reader)},
                                key=lambda hit: (hit.rsplit(":", 1)[0], int(hit.rsplit(":", 1)[1])))
                problems.append(f"{' and '.join(places) if places else reader.where(page, *needles)}: the id '{element_id}' is used {count}× on one page {rule('HTML-ID')}. Links and labels reach only the first; give each heading or element its own id.")
    return problems


MAGIC = {b"\x7fELF": "an ELF executable", b"MZ": "a Windows executable", b"#!": "a script with a #! line",
         b"PK\x03\x04": "a zip archive", b"\xca\xfe\xba\xbe": "a Mach-O or Java binary", b"%PDF": "a PDF"}


def check_docs_files(reader: Reader) -> list[str]:
    limits = yaml.safe_load((reader.data / "docs-files.yml").read_text(encoding="utf-8"))
    problems = []
    for path in sorted(reader.docs.rglob("*")):
        if not path.is_file():
            continue
        suffix = path.suffix.lower()
        size_kb = path.stat().st_size / 1024
        head = path.read_bytes()[:4]
        what = next((kind for magic, kind in MAGIC.items() if head.startswith(magic)), None)
        if suffix == ".js" and reader.rel(path) not in reader.reviewed_scripts[0]:
            problems.append(f"{reader.rel(path)}: a script that is not on tests/data/reviewed-scripts.txt {rule('SAFE-SCRIPT')}. Every file a reader's browser may run is reviewed by a maintainer: ask for a review and add it to that list.")
        if suffix not in limits:
            problems.append(f"{reader.rel(path)}: a '{suffix or path.name}' file under docs/ {rule('FILE-TYPE')}. Allowed: {' '.join(limits)} (tests/data/docs-files.yml). Executables, archives and documents do not belong in the site; link the publisher's page instead.")
        elif what and suffix not in (".md",):
            problems.append(f"{reader.rel(path)}: named {suffix} but is {what} {rule('FILE-TYPE')}. Remove it.")
        elif size_kb > limits[suffix]:
            how = {
                ".png": "Convert a photo to WebP or JPEG (`cwebp -q 75 in.png -o out.webp`), resize it to at most 1600 px wide, or run `optipng -o5`; a chart belongs in SVG.",
                ".jpg": "Resize to at most 1600 px wide and recompress (`convert in.jpg -resize 1600x -quality 75 out.jpg`, or `cwebp -q 75`).",
                ".svg": "Simplify it: round coordinates to 1 decimal, drop editor metadata (`svgo --precision 1 file.svg`), keep text as <text>.",
            }.get(suffix if suffix != ".jpeg" else ".jpg", "Split or shorten it.")
            problems.append(f"{reader.rel(path)}: {size_kb:.0f} KB, the limit for {suffix} is {limits[suffix]} KB {rule('FILE-TYPE')}. Readers on phones pay for every byte. {how}")
    return problems


def check_svg_figures(reader: Reader) -> list[str]:
    problems = []
    for svg in sorted(reader.docs.rglob("figures/*.svg")):
        try:
            root = parse_svg(svg)
        except Exception:
            continue  # reported by check_active_content
        children = [local(c.tag) for c in root]
        top = lambda *n: locate([svg], list(n), reader) or f"{reader.rel(svg)}:1"
        if root.get("role") != "img":
            problems.append(f"{top('<svg')}: the <svg> element has no role=\"img\" {rule('FIG-SVG')}. Add role=\"img\" so screen readers announce the figure as one image.")
        for name, what in (("title", "what the figure shows"), ("desc", "the figure's data in a sentence or two")):
            if name not in children:
                problems.append(f"{top('<svg')}: no <{name}> as a child of <svg> {rule('FIG-SVG')}. Add <{name}> with {what}, in the figure's language.")
        if not root.get("viewBox"):
            problems.append(f"{top('<svg')}: no viewBox {rule('FIG-SVG')}, so it cannot scale to a phone screen.")
        if not any(local(el.tag) == "text" for el in root.iter()):
            problems.append(f"{top('<svg')}: no <text> elements {rule('FIG-SVG')}. Labels must be real text (searchable, translatable), not outlined paths.")
    return problems


CODEOWNERS_MUST_COVER = ["mkdocs.yml", "overrides/", "tests/", ".github/", ".ci/", "requirements.txt", "docs/assets/javascripts/"]


def check_codeowners(reader: Reader) -> list[str]:
    path = reader.root / ".github" / "CODEOWNERS"
    if not path.is_file():
        return [f".github/CODEOWNERS is missing {rule('REVIEW-OWNERS')}: changes to mkdocs.yml, overrides/ and the checks must need a maintainer's review."]
    patterns = [line.split()[0].lstrip("/") for line in _lines(path) if line.strip() and not line.startswith("#") and len(line.split()) >= 2]
    return [f".github/CODEOWNERS: no owner for {item} {rule('REVIEW-OWNERS')}. Add a line `/{item} @maintainers`."
            for item in CODEOWNERS_MUST_COVER if item not in patterns]


# =============================================================================================

BUILT_CHECKS = {
    "active content": check_active_content,
    "front matter": check_front_matter,
    "templates": check_templates_escape,
    "urls": check_urls,
    "allow-list entries": check_allow_list_entries,
    "spam": check_spam,
    "hidden": check_hidden_content,
    "twin numbers": check_twin_numbers,
    "twin footnotes": check_twin_footnotes,
    "twin figures": check_twin_figures,
    "twin lengths": check_twin_lengths,
    "near copies": check_near_copies,
    "characters": check_characters,
    "redirects": check_redirects,
    "duplicate ids": check_duplicate_ids,
    "docs files": check_docs_files,
    "svg figures": check_svg_figures,
    "codeowners": check_codeowners,
}


# Checks that read only the repository: they still run when a build fails.
SOURCE_CHECKS = ("front matter", "templates", "allow-list entries", "redirects", "docs files", "svg figures", "codeowners")


def run(reader: Reader, name: str) -> list[str]:
    """One check's findings, computed once per reader (the tests and the corpus baseline share them)."""
    cache = reader.__dict__.setdefault("_results", {})
    if name not in cache:
        cache[name] = BUILT_CHECKS[name](reader)
    return cache[name]


def run_all(reader: Reader, names=None) -> dict[str, list[str]]:
    return {name: run(reader, name) for name in BUILT_CHECKS if names is None or name in names}


def clear_caches() -> None:
    for cached in (_lines, _decoded_lines, _parse_html, parse_svg, spam_patterns):
        cached.cache_clear()

"""Publish the glossary from its one source, includes/glossary.yml.

- Every page gets the abbreviation tooltips (`*[LLZO]: ...`) of its own language, so a reader
  hovering LLZO on an English page reads the English definition, and on a Chinese page the Chinese.
  Not the glossary page itself: each definition is right there, and Material setting up a tooltip
  for each of its ~60 terms held a phone's main thread for about 0.3 s (benchmarks/lighthouse.py).
- The glossary page of each language gets the term list where it says <!-- glossary -->.
- The first tooltip of each term on a page can take keyboard focus, so keyboard readers see the
  definition too (every occurrence would add dozens of tab stops).
The tests check the YAML (tests/test_site_content.py); contributors edit only the YAML.
"""
import re
from pathlib import Path

import yaml

ABBR = re.compile(r"<abbr (title=\"[^\"]*\")>([^<]+)</abbr>")
GLOSSARY = Path(__file__).resolve().parents[2] / "includes" / "glossary.yml"
MARKER = "<!-- glossary -->"


_terms: list = []


def on_pre_build(config):
    """Read the glossary once per build, not once per page."""
    _terms[:] = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8")) or []


def page_language(page):
    return getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]


def one_line(text):
    return " ".join(str(text).split())


def glossary_list(terms, language):
    read_more = "详见正文" if language == "zh" else "Read more"
    lines = []
    for term in sorted(terms, key=lambda t: t[language]["term"].casefold()):
        entry = term[language]
        lines.append(f"## {one_line(entry['term'])} {{#{term['id']}}}\n")
        other = "en" if language == "zh" else "zh"
        # The other language's name, marked as that language (screen readers, language checks).
        lines.append(f"*{one_line(term[other]['term'])}*\n{{: lang=\"{other}\" }}\n")
        lines.append(one_line(entry["definition"]) + "\n")
        if term.get("see"):
            lines.append(f"[{read_more} →]({term['see']})\n")
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, files):
    terms = _terms
    language = page_language(page)
    if language not in ("zh", "en"):
        return markdown
    if MARKER in markdown:
        return markdown.replace(MARKER, glossary_list(terms, language))
    tooltips = [
        f"*[{token}]: {one_line(term[language]['definition'])}"
        for term in terms
        for token in term.get("abbr", [])
    ]
    return markdown + "\n\n" + "\n".join(tooltips) + "\n"


def on_page_content(html, page, config, files):
    seen = set()

    def focusable_once(match):
        if match.group(2) in seen:
            return match.group(0)
        seen.add(match.group(2))
        return f'<abbr tabindex="0" {match.group(1)}>{match.group(2)}</abbr>'

    return ABBR.sub(focusable_once, html)

"""Gather every source the site cites onto the References page of each language.

The list is made from the pages' own footnote definitions, so it cannot drift from them: one
section per page (in navigation order, which is also by topic), each source once, listed under the
first page that cites it. Written where the References page says <!-- references -->.
"""
import re
from pathlib import Path

MARKER = "<!-- references -->"
FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*(?:\n(?: {4}|\t).*)*)", re.M)
TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)
LINK = re.compile(r"<(https://[^>]+)>|\((https://[^)]+)\)")


def nav_files(nav):
    for item in nav or []:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from ([value] if isinstance(value, str) else nav_files(value))


def source_key(text):
    link = LINK.search(text)
    return (link.group(1) or link.group(2)).rstrip("/").lower() if link else " ".join(text.split()).lower()


def references_list(docs_dir, language, nav, this_page):
    seen = set()
    sections = []
    for name in nav_files(nav):
        if name == this_page:
            continue
        path = Path(docs_dir) / language / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        title = TITLE.search(text)
        entries = []
        for _, body in FOOTNOTE.findall(text):
            body = " ".join(body.split())
            key = source_key(body)
            if key not in seen:
                seen.add(key)
                entries.append(f"- {body}")
        if entries:
            link = name
            heading = title.group(1) if title else name
            sections.append(f"## [{heading}]({link}) {{#{Path(name).stem}}}\n\n" + "\n".join(entries) + "\n")
    return "\n".join(sections)


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    language = getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]
    this_page = Path(page.file.src_uri).name
    return markdown.replace(MARKER, references_list(config["docs_dir"], language, config["nav"], this_page))

"""Reading the Markdown sources the way the checks need them, with line numbers for messages."""
from __future__ import annotations

import pathlib
import re

import yaml

from conftest import DOCS, LANGS, ROOT, rel

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ID = re.compile(r"\{\s*#([^\s}]+)[^}]*\}\s*$")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)")


def page_names() -> dict[str, set[str]]:
    return {lang: {p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md")} for lang in LANGS}


def twin(path: pathlib.Path) -> pathlib.Path:
    lang = path.relative_to(DOCS).parts[0]
    other = "en" if lang == "zh" else "zh"
    return DOCS / other / path.relative_to(DOCS / lang)


def read(path: pathlib.Path) -> str:
    return path.read_text(encoding="utf-8")


def front_matter(path: pathlib.Path) -> dict:
    match = FRONT_MATTER.match(read(path))
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def lines_outside_code(path: pathlib.Path):
    """Yield (line number, line) for lines that are not inside fenced code blocks."""
    fence = None
    for number, line in enumerate(read(path).splitlines(), start=1):
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        yield number, line


SKIP_SPANS = re.compile(r"`[^`]*`|https?://\S+|\]\([^)]*\)|\{[^}]*\}|<[^>]+>|\[\^[^\]]+\]")


def prose_lines(path: pathlib.Path):
    """(line number, text) outside code, with inline code, URLs, link targets, attribute lists, HTML
    tags and footnote keys blanked out, so prose checks read only what a reader reads as text."""
    for number, line in lines_outside_code(path):
        yield number, SKIP_SPANS.sub(" ", line)


def headings(path: pathlib.Path):
    """Yield (line number, level, text, explicit id or None) for each Markdown heading."""
    for number, line in lines_outside_code(path):
        match = HEADING.match(line)
        if match:
            id_match = HEADING_ID.search(match.group(2))
            yield number, len(match.group(1)), match.group(2), id_match.group(1) if id_match else None


def first_line_of(path: pathlib.Path, needle: str) -> int:
    for number, line in enumerate(read(path).splitlines(), start=1):
        if needle in line:
            return number
    return 1


def where(path: pathlib.Path, line: int | None = None) -> str:
    return f"{rel(path)}:{line}" if line else rel(path)


def load_glossary() -> list[dict]:
    return yaml.safe_load((ROOT / "includes" / "glossary.yml").read_text(encoding="utf-8")) or []


def rule(rule_id: str) -> str:
    """How a message points at the style guide: [rule ZH-SPACE, see CONTRIBUTING.md#zh-space]."""
    return f"[rule {rule_id}, see CONTRIBUTING.md#{rule_id.lower()}]"

"""Tell readers when a page's twin in the other language has changed since the page itself.

When git history shows commits to docs/zh/<name>.md after the last commit to docs/en/<name>.md, the
English page gets a short notice under its title, in English, linking to the newer Chinese page
(and the other way round). The rule is scripts/translation_status.py's, imported, not copied:
commits marked [twin-ok] do not count, and uncommitted edits are not compared, so two builds of the
same commit are byte-identical. Without git (or outside a repository) no page gets a notice.
"""
from __future__ import annotations

import functools
import html
import importlib.util
import pathlib
import subprocess
import sys

from mkdocs.utils import get_relative_url

_SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "translation_status.py"
_spec = importlib.util.spec_from_file_location("translation_status", _SCRIPT)
translation_status = sys.modules.setdefault("translation_status", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(translation_status)

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
TEXT = {
    "en": {
        "title": "This translation may be behind",
        "body": "The {twin} version of this page was updated on {date}, after this page was last changed.",
        "link": "Read the {twin} version",
        "twin": {"zh": "Chinese"},
    },
    "zh": {
        "title": "本页译文可能尚未更新",
        "body": "本页的{twin}版于 {date} 更新，晚于本页最后一次修改。",
        "link": "阅读{twin}版",
        "twin": {"en": "英文"},
    },
}


def _repository(config) -> pathlib.Path | None:
    return _toplevel(pathlib.Path(config.config_file_path).resolve().parent)


@functools.lru_cache(maxsize=None)
def _toplevel(folder: pathlib.Path) -> pathlib.Path | None:
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True)
    except OSError:  # git is not installed
        return None
    return pathlib.Path(top.stdout.strip()) if top.returncode == 0 else None


def notice(language: str, twin_language: str, date: str, href: str) -> str:
    text = TEXT[language]
    twin = text["twin"][twin_language]
    return (
        f'<div class="admonition info translation-notice" role="note" data-search-exclude>'
        f'<p class="admonition-title">{text["title"]}</p>'
        f'<p>{html.escape(text["body"].format(twin=twin, date=date))} '
        f'<a class="translation-notice__link" href="{html.escape(href)}" hreflang="{twin_language}">{text["link"].format(twin=twin)}</a></p>'
        f"</div>\n"
    )


def on_page_content(content, page, config, files):
    language, _, name = page.file.src_uri.partition("/")
    if language not in LANGUAGES or not name.endswith(".md"):
        return content
    repo = _repository(config)
    if repo is None:
        return content
    twin_language = next(other for other in LANGUAGES if other != language)
    try:
        docs = pathlib.Path(config.docs_dir).resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:  # the pages are not in this repository
        return content
    behind = translation_status.twin_changes_since(repo, f"{docs}/{language}/{name}", f"{docs}/{twin_language}/{name}")
    if not behind:
        return content
    stem = name[: -len(".md")] + ".html"
    twin_url = stem if twin_language == DEFAULT_LANGUAGE else f"{twin_language}/{stem}"
    block = notice(language, twin_language, behind[0].date[:10], get_relative_url(twin_url, page.url))
    # Under the page title, above the first paragraph.
    head, h1_end, rest = content.partition("</h1>")
    return head + h1_end + "\n" + block + rest if h1_end else block + content

"""Write one 404 page per language: /404.html in Chinese, /en/404.html in English.

mkdocs-static-i18n builds each language into the same site folder, so every build writes its
404.html to the root and the last one wins (stack-notes.md). After each language's build, this
hook keeps that language's 404 page and puts every one seen so far where it belongs.
"""
from pathlib import Path

DEFAULT_LANGUAGE = "zh"
_pages: dict[str, bytes] = {}


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    root_404 = site / "404.html"
    if root_404.exists():
        _pages[config.theme["language"]] = root_404.read_bytes()
    for language, html in _pages.items():
        target = root_404 if language == DEFAULT_LANGUAGE else site / language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html)

"""Give each language its own search index: /search/search_index.json (Chinese) and
/en/search/search_index.json (English).

mkdocs-static-i18n merges both languages into one index, which every page downloads on first view
(twice the bytes of a one-language site), and an English reader searching "LLZO" got Chinese pages
too. After the whole build, this hook splits the index by language and points English pages'
search at theirs (the "base" in Material's page config), so a reader searches the pages of the
language they are reading.
"""
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

OTHER = "en"
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def _point_at_own_index(html):
    return CONFIG_BASE.sub(lambda m: m.group(1) + m.group(2).rstrip("/") + f"/{OTHER}/" + m.group(3), html, count=1)


def on_post_page(output, page, config):
    if page.file.src_uri.startswith(f"{OTHER}/"):
        return _point_at_own_index(output)
    return output


@event_priority(-200)  # after the i18n plugin has written the merged index (-100)
def on_post_build(config):
    if config.plugins["i18n"].building:
        return  # an inner, per-language build: the merged index is not final yet
    site = Path(config.site_dir)
    merged = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    prefix = f"{OTHER}/"
    own = [doc for doc in merged["docs"] if not doc["location"].startswith(prefix)]
    other = [dict(doc, location=doc["location"][len(prefix):]) for doc in merged["docs"] if doc["location"].startswith(prefix)]
    (site / "search" / "search_index.json").write_text(
        json.dumps(dict(merged, docs=own), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    target = site / OTHER / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    english_config = dict(merged["config"], lang=[OTHER])
    target.write_text(json.dumps(dict(merged, config=english_config, docs=other), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    not_found = site / OTHER / "404.html"
    if not_found.exists():
        not_found.write_text(_point_at_own_index(not_found.read_text(encoding="utf-8")), encoding="utf-8")

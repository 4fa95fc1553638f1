"""Write an Atom feed of the industry records per language: /feed.xml (zh) and /en/feed.xml.

Newest record first; each entry's id is built from the record id, so it never changes; dates come
from the records, never from the clock, so two builds of one commit give the same bytes. Every
page's head links its language's feed (overrides/main.html).
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import industry_data as data_module

FEEDS = {"zh": "feed.xml", "en": "en/feed.xml"}
TAG = "tag:lab-to-fab,2026:"


def timestamp(value: str) -> str:
    year, month, day = data_module.date_sort_key(value)
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}T00:00:00Z"


def feed(data, language: str, root: str) -> str:
    L = lambda group, value: data.label(group, value, language)  # noqa: E731
    prefix = "" if language == "zh" else "en/"
    page = f"{root}{prefix}industry-records.html"
    records = sorted(data.records, key=lambda r: (data_module.date_sort_key(r.get("date")), r.get("id")), reverse=True)
    sep = "、" if language == "zh" else ", "
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">',
           f"  <title>{escape(L('ui', 'feed'))}</title>",
           f"  <id>{TAG}{language}/feed</id>",
           f'  <link rel="self" type="application/atom+xml" href={quoteattr(root + FEEDS[language])}/>',
           f'  <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
           f"  <updated>{timestamp(data.as_of())}</updated>",
           "  <author><name>Lab to Fab</name></author>"]
    for r in records:
        names = sep.join(data.company[k]["name"][language] for k in r["companies"] if k in data.company)
        title = f"{names} · {data_module.format_date(r['date'], language)} · {L('kind', r['kind'])}"
        out += ["  <entry>",
                f"    <id>{TAG}{language}/record/{r['id']}</id>",
                f"    <title>{escape(title)}</title>",
                f'    <link rel="alternate" type="text/html" href={quoteattr(page + "#rec-" + r["id"])}/>',
                f'    <link rel="related" href={quoteattr(r["source"]["url"])} title={quoteattr(str(r["source"]["publisher"]))}/>',
                f"    <updated>{timestamp(r['date'])}</updated>",
                f"    <summary>{escape(r['summary'][language])}</summary>",
                f'    <category term="{r["kind"]}" label={quoteattr(L("kind", r["kind"]))}/>',
                "  </entry>"]
    out.append("</feed>\n")
    return "\n".join(out)


def on_post_build(config, **kwargs):
    root = config.site_url or "/"
    if root.rstrip("/").endswith("/en"):  # the English build may carry the language folder
        root = root.rstrip("/")[:-2]
    data = data_module.load()
    for language, name in FEEDS.items():
        target = Path(config.site_dir) / name
        if target.parent.is_dir():
            target.write_text(feed(data, language, root), encoding="utf-8")

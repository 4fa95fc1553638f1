"""End every content page with a "Cite this page" block (引用本页), made from the page's metadata.

The block has a ready citation (APA style in English; GB/T 7714, the usual style in Chinese
theses and journals, in Chinese) and a BibTeX entry in a code block with Material's copy button
(theme feature content.code.copy). It is made from:
- the page's title (its H1) and the site's name in the page's language;
- the page's permanent URL (its canonical URL, from site_url; published URLs never move: rule URL-KEEP);
- the version date: the page's last change in git, as the git-revision-date-localized plugin
  reads it (the date in the page footer); the access date is left for the reader to fill in.

Content pages are the pages that explain something a reader may quote: every page except those
listed in NOT_CONTENT (lists made from other pages, and the page about the site itself). A new
page is a content page unless its file name is added there.
"""
from __future__ import annotations

import html
import re

NOT_CONTENT = ("glossary.md", "references.md", "about.md")
DATE_KEY = "git_revision_date_localized_raw_iso_date"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
TEXT = {
    "en": {"heading": "Cite this page", "access": "[date you read it]", "bibtex": "BibTeX:", "language": "english", "version": "Version of {date}"},
    "zh": {"heading": "引用本页", "access": "[引用日期]", "bibtex": "BibTeX：", "language": "chinese", "version": "版本日期 {date}"},
}


def is_content_page(src_uri: str) -> bool:
    """'zh/oxides.md' -> True; 'en/glossary.md' -> False."""
    return src_uri.split("/", 1)[-1] not in NOT_CONTENT


def citation(language: str, title: str, site: str, url: str, date: str) -> str:
    """The ready sentence, as HTML."""
    t, s, u = html.escape(title), html.escape(site), html.escape(url)
    link = f'<a href="{u}">{u}</a>'
    access = TEXT[language]["access"]
    if language == "zh":  # GB/T 7714-2015, electronic resource: 责任者. 题名[EB/OL]. (更新日期)[引用日期]. 网址.
        return f"{s}. {t}[EB/OL]. ({date}){access}. {link}."
    year, month, day = date.split("-")
    stop = "" if title.endswith(("?", "!")) else "."  # APA: a title's own ? or ! ends it
    return (f"{t}{stop} ({year}, {MONTHS[int(month) - 1]} {int(day)}). In <cite>{s}</cite>. "
            f"Retrieved {access}, from {link}")


def bibtex(language: str, key: str, title: str, site: str, url: str, date: str) -> str:
    def braced(text):  # BibTeX's special characters, escaped
        return "".join("\\" + c if c in "&%$#_" else c for c in text.replace("{", "").replace("}", ""))

    year, month, _ = date.split("-")
    fields = [
        ("title", "{" + braced(title) + "}"),
        ("howpublished", braced(site)),
        ("year", year),
        ("month", None),
        ("url", url),
        ("urldate", "YYYY-MM-DD"),
        ("note", TEXT[language]["version"].format(date=date)),
        ("language", TEXT[language]["language"]),
    ]
    lines = [f"@misc{{{key},"]
    for name, value in fields:
        value = BIBTEX_MONTHS[int(month) - 1] if name == "month" else "{" + value + "}"
        lines.append(f"  {name:<12} = {value},")
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines + ["}"])


def on_page_content(content, page, config, files):
    language = page.file.src_uri.split("/", 1)[0]
    if language not in TEXT or not is_content_page(page.file.src_uri):
        return content
    date = page.meta.get(DATE_KEY)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S)  # the page's own title (the nav may shorten it)
    title = html.unescape(re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "", h1.group(1))).strip() if h1 else page.title
    site = config.site_name
    url = page.canonical_url
    key = "labtofab-" + page.file.src_uri.split("/", 1)[1][: -len(".md")].replace("/", "-") + "-" + language
    text = TEXT[language]
    return content + (
        f'\n<section class="cite-this-page" data-search-exclude aria-labelledby="cite-this-page">\n'
        f'<h2 id="cite-this-page">{text["heading"]}</h2>\n'
        f'<p class="cite-this-page__citation">{citation(language, title, site, url, date)}</p>\n'
        f'<p>{text["bibtex"]}</p>\n'
        f'<pre><code class="language-bibtex">{html.escape(bibtex(language, key, title, site, url, date))}</code></pre>\n'
        f"</section>\n"
    )

"""The pages, charts and feeds built from the industry data (data/) show it faithfully, in each
language, with no inline script or style (a strict Content-Security-Policy is coming). The data
itself is checked in tests/test_industry_data.py."""
from __future__ import annotations

import gzip
import re
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import DOCS, ROOT, parsed_page

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import industry_data  # noqa: E402  (the same module the build hooks use)

FILTER_SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "industry-filter.js"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def data():
    return industry_data.load()


def _pages_using_data():
    for language in ("zh", "en"):
        for source in sorted((DOCS / language).glob("*.md")):
            if "<!-- industry:" in source.read_text(encoding="utf-8"):
                yield language, source


def test_every_page_using_the_data_shows_its_as_of_date(site, data):
    """Each page that uses data/ (or states market facts: <!-- industry: as-of -->) says, under its
    title, when the records were checked (data/meta.yml) and the date of the latest event."""
    problems = []
    for language, source in _pages_using_data():
        built = site.dir / ("" if language == "zh" else "en") / source.with_suffix(".html").name
        times = parsed_page(built).select(".industry-as-of time")
        found = [t.get("datetime") for t in times]
        if found != [data.checked(), data.as_of()]:
            problems.append(f"{source.relative_to(ROOT)}: no 'checked {data.checked()}; latest event {data.as_of()}' line"
                            f" under the title (found {found}).")
        elif any(language == "zh" and "年" not in t.text or language == "en" and "年" in t.text for t in times):
            problems.append(f"{source.relative_to(ROOT)}: the dates {[t.text for t in times]!r} are not in the page's language.")
    assert not problems, ("Pages that use data/ must say how current it is (overrides/hooks/industry_pages_from_data.py"
                          " adds the line; the checked date is in data/meta.yml) [rule DATA-COVERAGE, see"
                          " CONTRIBUTING.md#data-coverage]:\n  " + "\n  ".join(problems))


def test_latest_event_ignores_scheduled_dates_and_the_future(data):
    """The 'latest event' is news, not a rule taking effect later: no record dated after its own source
    or after the checked date counts."""
    latest = industry_data.date_sort_key(data.as_of())
    assert latest <= industry_data.date_sort_key(data.checked()), f"latest event {data.as_of()} is after the checked date"
    later = [r.get("id") for r in data.records if industry_data.date_sort_key(r.get("date")) > latest
             and not industry_data.scheduled(r)
             and industry_data.date_sort_key(r.get("date")) <= industry_data.date_sort_key(data.checked())]
    assert not later, f"records newer than the 'latest event' {data.as_of()}: {later} (see Dataset.as_of in overrides/hooks/industry_data.py)"


def test_records_page_states_the_primary_share_and_the_goal(site, data):
    primary, total, share = data.primary_share()
    for language, name in (("zh", "industry-records.html"), ("en", "en/industry-records.html")):
        line = parsed_page(site.dir / name).select_one(".industry-primary-share")
        text = line.get_text() if line else ""
        assert all(str(n) in text for n in (primary, total, share, data.meta["primary_goal"])), (
            f"{name}: the records page should say '{primary} of {total} records ({share} %) rest on primary sources;"
            f" the goal is {data.meta['primary_goal']} %' (ui.primary_share in data/labels.yml), found {text!r}"
            f" [rule DATA-COVERAGE, see CONTRIBUTING.md#data-coverage].")


def test_each_company_has_an_anchor_on_its_region_page_in_both_languages(site, data):
    pages = industry_data.page_map()
    problems = []
    for company in data.companies:
        for language in ("zh", "en"):
            page = pages.get((language, company.get("region")))
            built = site.dir / ("" if language == "zh" else "en") / (page or "missing.html")
            if not page or not built.exists() or parsed_page(built).find(id=company.get("key")) is None:
                problems.append(f"{company.file}:{company.line}: {company.get('key')} has no #{company.get('key')} on the {language} page {page}.")
    assert not problems, "Companies a reader cannot link to:\n  " + "\n  ".join(problems)


def test_the_records_table_lists_every_record_without_javascript(site, data):
    for folder in (site.dir, site.dir / "en"):
        soup = parsed_page(folder / "industry-records.html")
        rows = soup.select("#industry-records tbody tr")
        assert len(rows) == len(data.records), f"{folder}/industry-records.html shows {len(rows)} of {len(data.records)} records."
        box = soup.select_one("[data-industry-filter]")
        assert box is not None and not box.has_attr("hidden"), (
            f"{folder}/industry-records.html: the filter box must be in the built page at its full size, not `hidden`: "
            "shown by the script after the first paint, it pushes the table down (layout shift, CLS). "
            "Fix in overrides/hooks/industry_pages_from_data.py (records_table).")
        live = [c for c in box.select("select, button") if not c.has_attr("disabled")]
        assert not live, (f"{folder}/industry-records.html: filter controls {[str(c)[:60] for c in live]} must ship `disabled` "
                          "(docs/assets/javascripts/industry-filter.js enables them), so nothing works half-way before the script runs.")
        assert soup.select_one("#industry-count[aria-live]"), "The record count must be an aria-live region."


def test_the_promises_chart_is_an_accessible_svg_with_its_table(site):
    for folder in (site.dir, site.dir / "en"):
        soup = parsed_page(folder / "industry.html")
        svg = soup.select_one("svg.industry-chart--promises")
        assert svg is not None, f"{folder}/industry.html has no promises chart."
        assert svg.get("role") == "img" and svg.find("title") and svg.find("desc") and svg.find("text"), (
            "The chart needs role=img, <title>, <desc> and real <text> (overrides/hooks/industry_charts_from_data.py).")
        assert (svg.get("viewBox") or svg.get("viewbox")) and svg.get("width") and svg.get("height")
        table = svg.find_parent("figure").find_next("table")
        assert table is not None and table.find("td"), "The chart's data must also be given as a table beside it."


def test_industry_pages_carry_no_inline_style_or_script(site):
    problems = []
    for page in sorted(site.dir.rglob("industry*.html")) + [site.dir / "history.html", site.dir / "en" / "history.html"]:
        article = parsed_page(page).select_one("article")
        for tag in article.find_all(True):
            if tag.name == "script" or tag.has_attr("style") or any(a.startswith("on") for a in tag.attrs):
                problems.append(f"{page.relative_to(site.dir)}: <{tag.name} {' '.join(tag.attrs)}>")
    assert not problems, "Inline scripts, styles or event handlers break the Content-Security-Policy:\n  " + "\n  ".join(problems[:20])


def test_the_filter_script_is_small_and_loads_only_on_the_records_page(site):
    size = len(gzip.compress(FILTER_SCRIPT.read_bytes(), 9))
    assert size <= 5 * 1024, f"{FILTER_SCRIPT.relative_to(ROOT)} is {size} bytes gzipped; the limit is 5 KiB."
    loading = sorted(p.relative_to(site.dir).as_posix() for p in site.reader_pages()
                     if "industry-filter.js" in p.read_text(encoding="utf-8"))
    assert loading == ["en/industry-records.html", "industry-records.html"], f"The filter script loads on {loading}."


def test_the_atom_feeds_are_valid_newest_first_with_stable_ids(site, data):
    for language, path in (("zh", site.dir / "feed.xml"), ("en", site.dir / "en" / "feed.xml")):
        assert path.exists(), f"{path} was not written (overrides/hooks/atom_feed_from_records.py)."
        feed = ET.parse(path).getroot()
        assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        for child in ("id", "title", "updated", "author"):
            assert feed.find(f"{ATOM}{child}") is not None, f"{path}: the feed has no <{child}>."
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == len(data.records), f"{path}: {len(entries)} entries for {len(data.records)} records."
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == len(ids), f"{path}: entry ids repeat."
        expected = {f"tag:lab-to-fab,2026:{language}/record/{r.get('id')}" for r in data.records}
        assert set(ids) == expected, f"{path}: entry ids must be built from the record ids, so they never change."
        updated = [e.findtext(f"{ATOM}updated") for e in entries]
        assert updated == sorted(updated, reverse=True), f"{path}: entries are not newest first."
        for entry in entries:
            for child in ("title", "summary"):
                assert (entry.findtext(f"{ATOM}{child}") or "").strip(), f"{path}: an entry has no <{child}>."
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext(f"{ATOM}updated"))


def test_every_page_links_the_feed_of_its_language(site):
    problems = []
    for page in site.reader_pages():
        links = parsed_page(page).select('head link[rel="alternate"][type="application/atom+xml"]')
        language = site.lang_of(page)
        target = (page.parent / links[0]["href"]).resolve() if len(links) == 1 else None
        expected = (site.dir / ("feed.xml" if language == "zh" else "en/feed.xml")).resolve()
        if target != expected:
            problems.append(f"{site.source(page)}: {len(links)} feed link(s), pointing at {target}")
    assert not problems, "Every page's head links its language's Atom feed (overrides/main.html):\n  " + "\n  ".join(problems[:20])


def test_the_history_timeline_after_2011_comes_from_the_records(data):
    problems = []
    for language in ("zh", "en"):
        source = DOCS / language / "history.md"
        text = source.read_text(encoding="utf-8")
        if "<!-- industry: history -->" not in text:
            problems.append(f"{source.relative_to(ROOT)}: the timeline lacks `<!-- industry: history -->`.")
        for number, line in enumerate(text.splitlines(), start=1):
            match = re.match(r'<li[^>]*><time datetime="(\d{4})', line)
            if match and int(match.group(1)) >= 2012:
                problems.append(f"{source.relative_to(ROOT)}:{number}: an event after 2011 written by hand; add it as a record in data/records/ instead.")
    assert not problems, "\n".join(problems)

"""Draw the industry charts from the records (data/records/*.yml), as inline SVG in the page's language.

    <!-- industry: promises-chart -->   "Promises and what happened": one row per company, each
                                        production target a marker at its target year, joined by a
                                        line to the date it was said, so a moved target shows.
    <!-- industry: timeline -->         the industry timeline: how many records of each kind, year by year.

Real <text>, <title>, <desc>, role="img"; colours come from classes in docs/assets/stylesheets/site.css
(no style attributes: the site's Content-Security-Policy forbids them). Sized for a 360-px phone:
the drawing is 400 units wide, so 12-unit text stays about 11 px high there.
"""
from __future__ import annotations

from html import escape

import industry_data as data_module
from industry_data import ordered_companies, records_of

WIDTH = 400
TEXT = {
    "promises-title": {"zh": "承诺与结果：各公司宣布的量产目标", "en": "Promises and what happened: the production targets companies announced"},
    "promises-desc": {
        "zh": "每家公司一行。圆点是宣布的时间，连线指向目标年份的标记；带叉的标记是未兑现、被推迟或被放弃的目标，实心菱形已兑现，空心菱形仍待兑现。竖线是记录的核对日期。表格列出同样的数据。",
        "en": "One row per company. A dot is when a target was announced; a line joins it to a marker at the year promised. A crossed marker is a target that was missed, pushed back or dropped, a filled diamond one that was met, an open diamond one still pending. The vertical line is the day the records were checked. The table gives the same data."},
    "said": {"zh": "宣布", "en": "said"},
    "pending": {"zh": "待兑现", "en": "pending"},
    "met": {"zh": "已兑现", "en": "met"},
    "slipped": {"zh": "已推迟", "en": "slipped"},
    "withdrawn": {"zh": "已撤回", "en": "withdrawn"},
    "timeline-title": {"zh": "产业时间线：每年各类记录的数量", "en": "Industry timeline: records of each kind, year by year"},
    "timeline-desc": {
        "zh": "横轴是年份，每行是一类事件，格中数字是当年该类记录的条数，空格表示没有。数据与记录表相同。",
        "en": "Years run left to right; each row is a kind of event, and the number in a cell counts that year's records of that kind; an empty cell means none. Same data as the records table."},
}
TIMELINE_ROWS = [
    (("production-target",), {"zh": "量产目标", "en": "Production targets"}),
    (("milestone", "sample-shipment", "facility"), {"zh": "里程碑、送样与产线", "en": "Milestones, samples and lines"}),
    (("vehicle-demo",), {"zh": "装车测试", "en": "Cars on the road"}),
    (("deal", "funding"), {"zh": "合作与融资", "en": "Deals and funding"}),
    (("business-model", "exit"), {"zh": "商业模式变化与退出", "en": "Business models and exits"}),
    (("standard", "regulation"), {"zh": "标准与法规", "en": "Standards and rules"}),
]


def year_of(value) -> float:
    """A date as a fractional year: '2025-07-17' -> 2025.54; '2025' -> 2025.5 (middle of the year)."""
    year, month, day = data_module.date_sort_key(value)
    if not month:
        return year + 0.5
    return year + (month - 1) / 12 + ((day or 15) - 1) / 365


def svg_open(height, title, desc, key, cls):
    return (f'<svg class="industry-chart {cls}" role="img" aria-labelledby="{key}-title {key}-desc"'
            f' viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(desc)}</desc>')


def promises_chart(data, language):
    t = lambda k: TEXT[k][language]  # noqa: E731
    rows = []
    for company in ordered_companies(data):
        targets = [r for r in records_of(data, company["key"])  # a joint target sits in its first company's row
                   if r.get("kind") == "production-target" and r["companies"][0] == company["key"]]
        if targets:
            rows.append((company, targets))
    said = [year_of(r["date"]) for _, ts in rows for r in ts]
    ends = [data_module.when_years(r["target"]["when"])[1] + 1 for _, ts in rows for r in ts]
    as_of = year_of(data.checked() or data.as_of())  # the vertical line: the day the records were checked
    first = int(min(said + [as_of])) if said else 2020
    last = int(max(ends + [as_of + 1])) + 1 if ends else 2030
    left, right = 16, WIDTH - 16
    x = lambda year: left + (year - first) * (right - left) / (last - first)  # noqa: E731
    top = 58
    parts = []
    # legend
    legend = [("said", '<circle class="said" cx="10" cy="14" r="3.5"/>'),
              ("pending", '<path class="target target--pending" d="M10 9 l5 5 -5 5 -5 -5z"/>'),
              ("met", '<path class="target target--met" d="M10 9 l5 5 -5 5 -5 -5z"/>'),
              ("slipped", '<path class="target target--slipped" d="M6 10 l8 8 M14 10 l-8 8"/>')]
    for i, (name, shape) in enumerate(legend):  # shapes drawn around (10, 14), moved into place
        parts.append(f'<g transform="translate({i * 96} 0)">{shape}<text class="legend" x="20" y="18">{escape(t(name))}</text></g>')
    # year axis
    step = 2 if last - first > 8 else 1
    height = top + sum(22 + 12 * len(ts) for _, ts in rows) + 8  # and 16 more for the axis below
    for year in range(first + (first % step), last + 1, step):
        parts.append(f'<line class="grid" x1="{x(year):.1f}" y1="{top - 8}" x2="{x(year):.1f}" y2="{height - 4:.0f}"/>')
        parts.append(f'<text class="axis" x="{x(year):.1f}" y="{top - 12}" text-anchor="middle">{year}</text>')
        parts.append(f'<text class="axis" x="{x(year):.1f}" y="{height + 10:.0f}" text-anchor="middle">{year}</text>')
    parts.append(f'<line class="today" x1="{x(as_of):.1f}" y1="{top - 8}" x2="{x(as_of):.1f}" y2="{height - 4:.0f}"/>')
    y = top
    for company, targets in rows:
        # Plain text, not links: role="img" makes its content one picture (the table beside it has the links).
        parts.append(f'<text class="company" x="{left - 10}" y="{y + 13}">{escape(company["name"][language])}</text>')
        for i, r in enumerate(targets):
            cy = y + 24 + 12 * i
            start, end = data_module.when_years(r["target"]["when"])
            shift = 0.25 if r["target"].get("basis") == "fiscal" else 0
            x0, x1 = x(start + shift), x(end + 1 + shift)
            mid = (x0 + x1) / 2
            outcome = r["target"]["outcome"]
            label = (f'{company["name"][language]}: {r["target"]["what"][language]}, {data_module.format_when(r["target"], language)}; '
                     f'{t("said")} {data_module.format_date(r["date"], language)}; {t(outcome)}')
            marker = (f'<path class="target target--{outcome}" d="M{mid - 4:.1f} {cy - 4} l8 8 M{mid + 4:.1f} {cy - 4} l-8 8"/>'
                      if outcome in ("slipped", "withdrawn") else
                      f'<path class="target target--{outcome}" d="M{mid:.1f} {cy - 5} l5 5 -5 5 -5 -5z"/>')
            span = (f'<line class="span span--{outcome}" x1="{x0 + 1:.1f}" y1="{cy}" x2="{x1 - 1:.1f}" y2="{cy}"/>'
                    if end > start else "")
            parts.append(f'<g class="promise"><title>{escape(label)}</title>'
                         f'<line class="link link--{outcome}" x1="{x(year_of(r["date"])):.1f}" y1="{cy}" x2="{mid:.1f}" y2="{cy}"/>'
                         f'{span}<circle class="said" cx="{x(year_of(r["date"])):.1f}" cy="{cy}" r="3.5"/>{marker}</g>')
        y += 22 + 12 * len(targets)
    return ('<figure class="industry-figure">' + svg_open(height + 16, t("promises-title"), t("promises-desc"), "promises-" + language, "industry-chart--promises")
            + "".join(parts) + "</svg>"
            + f"<figcaption>{escape(t('promises-title'))}</figcaption></figure>")


def timeline_chart(data, language):
    t = lambda k: TEXT[k][language]  # noqa: E731
    years = [data_module.date_sort_key(r.get("date"))[0] for r in data.records]
    first, last = max(2011, min(years)), max(years)
    cell = (WIDTH - 12) / (last - first + 1)
    top, row_h = 30, 40
    parts = []
    for i, year in enumerate(range(first, last + 1)):
        if (year - first) % 3 == 0 or year == last:
            parts.append(f'<text class="axis" x="{6 + cell * (i + 0.5):.1f}" y="18" text-anchor="middle">{year}</text>')
    for row, (kinds, label) in enumerate(TIMELINE_ROWS):
        y0 = top + row * row_h
        parts.append(f'<text class="company" x="6" y="{y0 + 12}">{escape(label[language])}</text>')
        for i, year in enumerate(range(first, last + 1)):
            n = sum(1 for r in data.records if r.get("kind") in kinds and data_module.date_sort_key(r.get("date"))[0] == year)
            cx = 6 + cell * i
            parts.append(f'<rect class="cell{" cell--on" if n else ""}" x="{cx + 1:.1f}" y="{y0 + 17}" width="{cell - 2:.1f}" height="18" rx="2"/>')
            if n:
                parts.append(f'<text class="count" x="{cx + cell / 2:.1f}" y="{y0 + 30}" text-anchor="middle">{n}</text>')
    height = top + len(TIMELINE_ROWS) * row_h + 4
    return ('<figure class="industry-figure">' + svg_open(height, t("timeline-title"), t("timeline-desc"), "timeline-" + language, "industry-chart--timeline")
            + "".join(parts) + "</svg>"
            + f"<figcaption>{escape(t('timeline-title'))}</figcaption></figure>")


RENDER = {"promises-chart": promises_chart, "timeline": timeline_chart}


def on_page_markdown(markdown, page, config, files):
    if "<!-- industry:" not in markdown:
        return markdown
    language = getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]
    data = data_module.load()

    def replace(match):
        render = RENDER.get(match.group(1))
        return "\n" + render(data, language) + "\n" if render else match.group(0)

    return data_module.DIRECTIVE.sub(replace, markdown)

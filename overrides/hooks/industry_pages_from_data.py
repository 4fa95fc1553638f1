"""Write the industry data (data/) into the pages that ask for it, in the page's language.

A page asks with one line of Markdown, which this hook replaces:

    <!-- industry: companies region=japan -->      one section per company of those regions
    <!-- industry: promises-table -->              every production target and what became of it
    <!-- industry: records -->                     every record, in a table the filter script can filter
    <!-- industry: history -->                     items for the history timeline: turning points since 2012
    <!-- industry: as-of -->                       nothing itself: a page that states market facts but shows
                                                   no data uses it to get the "as of" line

and every such page gets the "as of" line under its title: the day the records were last checked
(data/meta.yml) and the latest event (Dataset.as_of: scheduled dates such as a rule taking effect do
not count). The charts
are drawn by industry_charts_from_data.py. Problems in the data stop a strict build with the file
and line (the same checks as tests/test_industry_data.py, from industry_data.py).
"""
from __future__ import annotations

import logging
from html import escape

import hanzidentifier

import industry_data as data_module

log = logging.getLogger("mkdocs.hooks.industry_pages_from_data")
HISTORY_KINDS = ("vehicle-demo", "business-model", "exit", "standard", "regulation")  # the turning points


def on_pre_build(config):
    data = data_module.load()
    for problem in data_module.check_all(data):
        log.warning(str(problem))


def page_language(page):
    return getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]


# --- shared by the industry hooks ----------------------------------------------------------------
ordered_companies, records_of = data_module.ordered_companies, data_module.records_of


def company_link(data, page_of, key, language):
    company = data.company.get(key)
    name = escape(company["name"][language]) if company else escape(key)
    page = page_of.get((language, company.get("region"))) if company else None
    return f'<a href="{page}#{key}">{name}</a>' if page else name


def source_link(record, language, labels_of):
    source = record["source"]
    kind = labels_of("ui", "primary" if source.get("primary") else "press")
    # The publisher's name is written in the source's language: say so (lang), for screen readers
    # and for the language checks, as well as where the link leads (hreflang).
    source_language = str(source.get("language", ""))
    if source_language == "zh" and hanzidentifier.identify(str(source["publisher"])) == hanzidentifier.TRADITIONAL:
        source_language = "zh-Hant"  # a Taiwanese or Hong Kong publisher's own name (自由時報), not a Simplified text
    source_language = escape(source_language)
    return (f'<a href="{escape(source["url"])}" hreflang="{source_language}" lang="{source_language}">'
            f'{escape(str(source["publisher"]))}</a> <span class="industry-source-kind">({kind})</span>')


def time_tag(value, language):
    return f'<time datetime="{escape(value)}">{escape(data_module.format_date(value, language))}</time>'


def as_of_line(data, language):
    template = data.label("ui", "as_of", language)
    return (f'<p class="industry-as-of">'
            f'{template.format(checked=time_tag(data.checked(), language), latest=time_tag(data.as_of(), language))}</p>')


def primary_share_line(data, language):
    primary, total, share = data.primary_share()
    text = data.label("ui", "primary_share", language).format(
        primary=primary, total=total, share=share, goal=data.meta.get("primary_goal", 60))
    return f'<p class="industry-primary-share">{text}</p>'


# --- what each directive becomes ----------------------------------------------------------------

def companies_section(data, page_of, language, regions):
    L = lambda group, value: data.label(group, value, language)  # noqa: E731
    out = []
    for company in ordered_companies(data, regions):
        key = company["key"]
        records = records_of(data, key)
        targets = [r for r in records if r.get("kind") == "production-target"]
        own = [r for r in targets if r["companies"][0] == key]  # its own targets before those it shares
        targets = own or targets
        rows = [(L("ui", "roles"), "、".join(L("role", x) for x in company["roles"]) if language == "zh"
                 else ", ".join(L("role", x) for x in company["roles"])),
                (L("ui", "chemistry"), ("、" if language == "zh" else ", ").join(L("chemistry", x) for x in company["chemistries"]))]
        if targets:
            latest = targets[-1]
            target = latest["target"]
            status = L("outcome", target["outcome"])
            later = data.record.get(target.get("moved_by"))
            if later is not None:  # a new date links as "moved by"; any other later record as "what happened next"
                link = "moved_by" if later.get("kind") == "production-target" else "what_next"
                opening, closing = ("（", "）") if language == "zh" else (" (", ")")
                status += f'{opening}<a href="industry-records.html#rec-{target["moved_by"]}">{L("ui", link)}</a>{closing}'
            sep = "，" if language == "zh" else ", "
            rows.append((L("ui", "latest_target"),
                         f'{escape(target["what"][language])}{sep}{escape(data_module.format_when(target, language))}'
                         f'{"（" if language == "zh" else " ("}{L("ui", "said_on")} {time_tag(latest["date"], language)}{"）" if language == "zh" else ")"}'))
            rows.append((L("ui", "status"), f'<span class="industry-outcome industry-outcome--{target["outcome"]}">{status}</span>'))
        else:
            rows.append((L("ui", "latest_target"), L("ui", "no_target")))
        if records:
            last = max(records, key=lambda r: (data_module.date_sort_key(r.get("date")), r.get("id")))
            colon = "：" if language == "zh" else ": "
            rows.append((L("ui", "last_event"), f'{time_tag(last["date"], language)}{colon}{escape(last["summary"][language])} '
                         f'{source_link(last, language, L)}'))
        out.append(f"## {company['name'][language]} {{#{key}}}\n")
        items = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
        count = f"（{len(records)}）" if language == "zh" else f" ({len(records)})"
        out.append(f'<dl class="industry-company">{items}</dl>\n\n'
                   f'<p class="industry-more"><a href="industry-records.html?company={key}">{L("ui", "all_records")}{count}</a></p>\n')
    return "\n".join(out)


def promises_table(data, page_of, language):
    L = lambda group, value: data.label(group, value, language)  # noqa: E731
    rows = []
    for company in ordered_companies(data):
        for r in records_of(data, company["key"]):
            if r.get("kind") != "production-target" or r["companies"][0] != company["key"]:
                continue
            target = r["target"]
            rows.append(
                f'<tr><td>{company_link(data, page_of, company["key"], language)}</td>'
                f'<td>{time_tag(r["date"], language)}</td><td>{escape(target["what"][language])}</td>'
                f'<td>{escape(data_module.format_when(target, language))}</td>'
                f'<td><a href="industry-records.html#rec-{r["id"]}">{L("outcome", target["outcome"])}</a></td></tr>')
    head = "".join(f"<th>{L('ui', k)}</th>" for k in ("company", "said", "target", "for_when", "status"))
    return f'<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n"


def records_table(data, page_of, language):
    L = lambda group, value: data.label(group, value, language)  # noqa: E731
    records = sorted(data.records, key=lambda r: (data_module.date_sort_key(r.get("date")), r.get("id")), reverse=True)

    def select(name, options):
        choices = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in options)
        return (f'<label class="industry-filter__field"><span>{L("ui", name)}</span>'
                f'<select data-filter="{name}" disabled><option value="">{L("ui", "all")}</option>{choices}</select></label>')

    used = lambda attr: {r.get(attr) for r in data.records}  # noqa: E731
    companies = [(c["key"], c["name"][language]) for c in sorted(data.companies, key=lambda c: str(c["name"][language]).casefold())
                 if records_of(data, c["key"])]
    region_of = {c["key"]: c["region"] for c in data.companies}
    controls = "".join([
        select("company", companies),
        select("region", [(v, L("region", v)) for v in data_module.REGIONS]),
        select("chemistry", [(v, L("chemistry", v)) for v in data_module.CHEMISTRIES if v in used("chemistry")]),
        select("kind", [(v, L("kind", v)) for v in data_module.KINDS if v in used("kind")]),
    ])
    count = L("ui", "count").format(shown=len(records), total=len(records))
    rows = []
    for r in records:
        keys = r["companies"]
        regions = sorted({region_of[k] for k in keys})
        names = "、".join if language == "zh" else ", ".join
        rows.append(
            f'<tr id="rec-{r["id"]}" data-company="{" ".join(keys)}" data-region="{" ".join(regions)}"'
            f' data-chemistry="{r["chemistry"]}" data-kind="{r["kind"]}">'
            f'<td>{time_tag(r["date"], language)}</td>'
            f'<td>{names(company_link(data, page_of, k, language) for k in keys)}</td>'
            f'<td>{L("kind", r["kind"])}</td><td>{L("chemistry", r["chemistry"])}</td>'
            f'<td>{escape(r["summary"][language])}</td><td>{source_link(r, language, L)}</td></tr>')
    head = "".join(f"<th>{L('ui', k)}</th>" for k in ("date", "company", "kind", "chemistry", "summary", "source"))
    return (
        f'<div class="industry-filter" data-industry-filter data-count="{escape(L("ui", "count"))}"'
        f' data-none="{escape(L("ui", "none"))}" role="group" aria-labelledby="industry-filter-title">\n'
        f'<p class="industry-filter__title" id="industry-filter-title">{L("ui", "filters")}</p>\n'
        f'<div class="industry-filter__fields">{controls}'
        f'<button type="button" class="industry-filter__reset" data-filter-reset disabled>{L("ui", "reset")}</button></div>\n</div>\n'
        f'{primary_share_line(data, language)}\n'
        f'<p class="industry-count" id="industry-count" role="status" aria-live="polite">{count}</p>\n'
        # Already in Material's scroll wrapper, and with a class so Material's script leaves it alone: it
        # would otherwise move this 195-row table into that wrapper after load, and every move costs the
        # phone a full restyle and layout of the table (Total Blocking Time, benchmarks/lighthouse.py).
        # site.css gives table.industry-records the look of Material's plain tables.
        f'<div class="md-typeset__scrollwrap industry-records-wrap"><div class="md-typeset__table">\n'
        f'<table id="industry-records" class="industry-records">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows) + "\n</tbody>\n</table>\n</div></div>\n")


def history_list(data, page_of, language):
    """Items for the history page's timeline (<ol class="timeline">): the turning points since 2012
    (not every target: those are on the industry pages), then one line on the targets still pending."""
    chosen = [r for r in data.records if r.get("kind") in HISTORY_KINDS and data_module.date_sort_key(r.get("date"))[0] >= 2012]
    chosen.sort(key=lambda r: (data_module.date_sort_key(r.get("date")), r.get("id")))
    items = []
    for r in chosen:
        items.append(f'<li>{time_tag(r["date"], language)} <span class="timeline-body">{escape(r["summary"][language])} '
                     f'<a href="industry-records.html#rec-{r["id"]}">{data.label("ui", "record", language)}</a></span></li>')
    pending = {}
    for r in data.records:
        target = r.get("target") or {}
        if target.get("outcome") == "pending":
            pending[r["companies"][0]] = data_module.when_years(target["when"])
    if pending:
        first = min(y[0] for y in pending.values())
        last = max(y[1] for y in pending.values())
        years = f"{first}—{last} 年" if language == "zh" else f"{first}–{last}"
        text = (f"{len(pending)} 家公司的量产目标仍待兑现，年份在 {years}之间（见<a href=\"industry.html#who-announced-what\">谁承诺了什么</a>）。"
                if language == "zh" else
                f'{len(pending)} companies have production targets still pending, for {years} (see <a href="industry.html#who-announced-what">who promised what</a>).')
        items.append(f'<li class="timeline-target"><time datetime="{first}">{years}</time> <span class="timeline-body">{text}</span></li>')
    return "\n".join(items) + "\n"


RENDER = {"promises-table": promises_table, "records": records_table, "history": history_list}


def on_page_markdown(markdown, page, config, files):
    if "<!-- industry:" not in markdown:
        return markdown
    language = page_language(page)
    data, page_of = data_module.load(), data_module.page_map()

    def replace(match):
        name, args = match.group(1), data_module.directive_args(match.group(2))
        if name == "companies":
            return companies_section(data, page_of, language, args.get("region", "").split(","))
        if name == "as-of":  # the line itself goes under the title, below
            return ""
        if name == "history":  # items inside the page's own <ol class="timeline">
            return history_list(data, page_of, language).rstrip("\n")
        if name in RENDER:
            return "\n" + RENDER[name](data, page_of, language) + "\n"
        return match.group(0)  # another hook's directive (the charts)

    lines = markdown.split("\n")
    for index, line in enumerate(lines):  # the "as of" line goes under the title
        if line.startswith("# "):
            lines.insert(index + 1, "\n" + as_of_line(data, language) + "\n")
            break
    return data_module.DIRECTIVE.sub(replace, "\n".join(lines))

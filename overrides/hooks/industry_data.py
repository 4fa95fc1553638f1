"""The industry data (data/companies/*.yml, data/records/*.yml, data/labels.yml): read with line
numbers, and checked.

Not a hook itself: the industry hooks (overrides/hooks/industry_*.py, atom_feed_from_records.py)
and tests/test_industry_data.py import it, so the pages and the checks read the data the same way.
Every problem names the file and line, what is wrong, how to fix it and a style-guide rule id
(CONTRIBUTING.md#data-field ...). The schema is explained in CONTRIBUTING.md, "Add a record in two
minutes".
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
DOCS = ROOT / "docs"
ALLOWED_DOMAINS = ROOT / "tests" / "data" / "allowed-domains.txt"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

REGIONS = ("japan", "korea", "china", "north-america", "europe")
ROLES = ("cell-maker", "carmaker", "materials-supplier", "licensor", "equipment-maker", "standards-body", "research")
CHEMISTRIES = ("oxide", "sulfide", "halide", "polymer", "mixed", "liquid", "undisclosed")  # liquid: not solid-state (SES AI)
KINDS = ("production-target", "milestone", "sample-shipment", "vehicle-demo", "deal", "business-model",
         "funding", "facility", "exit", "standard", "regulation")
OUTCOMES = ("pending", "met", "slipped", "withdrawn")
BASES = ("calendar", "fiscal")
LANGUAGES = ("en", "zh", "ja", "ko", "de", "fr")

COMPANY_FIELDS = {"key": True, "name": True, "country": True, "region": True, "roles": True, "chemistries": True, "site": False}
RECORD_FIELDS = {"id": True, "companies": True, "date": True, "kind": True, "chemistry": True, "summary": True,
                 "target": False, "source": True}
TARGET_FIELDS = {"what": True, "when": True, "basis": True, "outcome": True, "moved_by": False}
SOURCE_FIELDS = {"url": True, "title": True, "publisher": True, "date": True, "language": True, "primary": True}
TEXT_FIELDS = {"en": True, "zh": True}

KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
WHEN = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
REPORTED = {"en": re.compile(r"\breported\b", re.I), "zh": re.compile(r"据报道|报道称")}
DIRECTIVE = re.compile(r"<!--\s*industry:\s*([a-z-]+)((?:\s+[a-z-]+=[^\s>]+)*)\s*-->")

# Coverage the site promises (issue 9): companies and records. The share of records on primary
# sources has a goal and a floor (a ratchet) in data/meta.yml.
MIN_COMPANIES, MIN_RECORDS = 35, 150


def rule(rule_id: str) -> str:
    return f"[rule {rule_id}, see CONTRIBUTING.md#{rule_id.lower()}]"


@dataclass
class Problem:
    file: str
    line: int
    rule: str
    what: str
    fix: str

    def __str__(self):
        return f"{self.file}:{self.line}: {self.what} {rule(self.rule)} How to fix: {self.fix}"


@dataclass
class Item:
    """One company or record: its values, and the line of each key ('source.url' for nested ones)."""

    data: dict
    file: str
    line: int
    lines: dict = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.line

    def get(self, key, default=None):
        return self.data.get(key, default)

    def __getitem__(self, key):
        return self.data[key]


@dataclass
class Dataset:
    companies: list[Item]
    records: list[Item]
    labels: dict
    problems: list[Problem]  # files that could not be read at all
    meta: dict = field(default_factory=dict)  # data/meta.yml: checked date, primary-source goal and floor

    @functools.cached_property
    def company(self) -> dict:
        return {c.get("key"): c for c in self.companies}

    @functools.cached_property
    def record(self) -> dict:
        return {r.get("id"): r for r in self.records}

    def checked(self) -> str:
        """The day the records were last checked for news (data/meta.yml), 'YYYY-MM-DD'."""
        return str(self.meta.get("checked", ""))

    def as_of(self) -> str:
        """The date of the latest event, 'YYYY[-MM[-DD]]': the latest record dated on or before the
        checked date and no later than its own source. A record dated after its source was published
        describes something scheduled (a rule taking effect, a planned launch), not news yet."""
        checked = date_sort_key(self.checked()) if self.checked() else (9999, 99, 99)
        dates = [r.get("date") for r in self.records if isinstance(r.get("date"), str) and DATE.match(r.get("date"))
                 and date_sort_key(r.get("date")) <= checked and not scheduled(r)]
        return max(dates, key=date_sort_key) if dates else ""

    def primary_share(self) -> tuple[int, int, int]:
        """(records on primary sources, all records, whole per cent rounded down)."""
        total = len(self.records)
        primary = sum(1 for r in self.records if isinstance(r.get("source"), dict) and r["source"].get("primary") is True)
        return primary, total, (100 * primary // total if total else 0)

    def label(self, group: str, value: str, language: str) -> str:
        entry = self.labels.get(group, {}).get(value)
        return entry[language] if entry else value


def scheduled(record) -> bool:
    """True if the record is dated after its source was published (compared at the source's
    precision: a record of 2026-04-20 from a source dated 2026-04 is not later)."""
    source = record.get("source")
    if not (isinstance(source, dict) and isinstance(source.get("date"), str) and DATE.match(source["date"])
            and isinstance(record.get("date"), str) and DATE.match(record["date"])):
        return False
    said, published = date_sort_key(record["date"]), date_sort_key(source["date"])
    said = tuple(part if published[i] or i == 0 else 0 for i, part in enumerate(said))
    return said > published


def rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _lines(node, prefix, out):
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = prefix + str(key.value)
            out[name] = key.start_mark.line + 1
            _lines(value, name + ".", out)


def read_items(path: Path) -> tuple[list[Item], list[Problem]]:
    """The mappings of one YAML list file, each with its line numbers."""
    name = rel(path)
    text = path.read_text(encoding="utf-8")
    try:
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        return [], [Problem(name, line, "DATA-FIELD", f"this is not valid YAML ({getattr(exc, 'problem', exc)}).",
                            "compare the lines around it with the template; indent with spaces and quote text that contains ': '.")]
    if data is None:
        return [], []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        return [], [Problem(name, 1, "DATA-FIELD", "the file should be a list of entries, each starting with '- '.",
                            "start each company or record with '- ' as in the template.")]
    items, problems = [], []
    for item_node, value in zip(node.value, data):
        line = item_node.start_mark.line + 1
        if not isinstance(value, dict):
            problems.append(Problem(name, line, "DATA-FIELD", "this entry is not a set of 'field: value' lines.",
                                    "copy the template and fill it in."))
            continue
        lines = {}
        _lines(item_node, "", lines)
        items.append(Item(value, name, line, lines))
    return items, problems


@functools.lru_cache(maxsize=4)
def _load(stamp) -> Dataset:
    companies, records, problems = [], [], []
    for path in sorted((DATA / "companies").glob("*.yml")):
        items, found = read_items(path)
        companies += items
        problems += found
    for path in sorted((DATA / "records").glob("*.yml")):
        items, found = read_items(path)
        records += items
        problems += found
    labels = yaml.load((DATA / "labels.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    meta = yaml.load((DATA / "meta.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    return Dataset(companies, records, labels, problems, meta)


def load() -> Dataset:
    """Read data/ (once per change of its files: the hooks of one build share it)."""
    files = sorted(DATA.glob("**/*.yml"))
    return _load(tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


# --- dates ------------------------------------------------------------------------------------

def parse_date(value) -> tuple[int, int, int] | None:
    """(year, month, day) with 0 for what the source does not give, or None if not a valid date."""
    if not isinstance(value, str):
        return None
    match = DATE.match(value)
    if not match:
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def date_sort_key(value) -> tuple[int, int, int]:
    return parse_date(value) or (0, 0, 0)


def format_date(value: str, language: str) -> str:
    """'2025-07-17' as '2025 年 7 月 17 日' or '17 July 2025'; a year or a month alone as given."""
    parts = parse_date(value)
    if not parts:
        return str(value)
    year, month, day = parts
    if language == "zh":
        return f"{year} 年" + (f" {month} 月" if month else "") + (f" {day} 日" if day else "")
    months = ("January February March April May June July August September October November December").split()
    return " ".join(p for p in (str(day) if day else "", months[month - 1] if month else "", str(year)) if p)


def when_years(value) -> tuple[int, int] | None:
    match = WHEN.match(value) if isinstance(value, str) else None
    if not match:
        return None
    start = int(match.group(1))
    end = int(match.group(2)) if match.group(2) else start
    return (start, end) if end >= start else None


def format_when(target: dict, language: str) -> str:
    years = when_years(target.get("when"))
    if not years:
        return str(target.get("when"))
    start, end = years
    fiscal = target.get("basis") == "fiscal"
    if language == "zh":
        span = f"{start}" if start == end else f"{start}—{end}"
        return f"{span} {'财年' if fiscal else '年'}"
    span = f"{start}" if start == end else f"{start}–{end}"
    return f"FY{span}" if fiscal else span


# --- checks -----------------------------------------------------------------------------------

def _fields(item: Item, mapping, spec: dict, prefix: str, what: str) -> list[Problem]:
    problems = []
    where = item.line_of(prefix.rstrip(".")) if prefix else item.line
    if not isinstance(mapping, dict):
        return [Problem(item.file, where, "DATA-FIELD", f"`{prefix.rstrip('.')}` should be a group of fields ({', '.join(spec)}).",
                        "indent its fields under it, as in the template.")]
    for key in mapping:
        if key not in spec:
            problems.append(Problem(item.file, item.line_of(prefix + str(key)), "DATA-FIELD",
                                    f"unknown field `{prefix}{key}` in this {what}.",
                                    f"remove it or correct its spelling; the fields are {', '.join(spec)}."))
    for key, required in spec.items():
        if required and (key not in mapping or mapping[key] in (None, "", [])):
            problems.append(Problem(item.file, where, "DATA-FIELD", f"this {what} has no `{prefix}{key}`.",
                                    f"add `{key}:` with a value, as in the template."))
    return problems


def _enum(item: Item, key: str, value, allowed, many=False) -> list[Problem]:
    values = value if many and isinstance(value, list) else [value]
    if many and not isinstance(value, list):
        return [Problem(item.file, item.line_of(key), "DATA-ENUM", f"`{key}` should be a list like [{allowed[0]}].",
                        f"write it in square brackets, choosing from: {', '.join(allowed)}.")]
    return [Problem(item.file, item.line_of(key), "DATA-ENUM", f"`{key}: {v}` is not one of the allowed values.",
                    f"use one of: {', '.join(allowed)}.") for v in values if v not in allowed]


def _date(item: Item, key: str, today: datetime.date) -> list[Problem]:
    value = item.data
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return []
    if isinstance(value, (datetime.date, int)):
        return [Problem(item.file, item.line_of(key), "DATA-DATE", f"`{key}: {value}` is not quoted.",
                        f'quote it: {key.rpartition(".")[2]}: "{value}" (YAML would otherwise read it as a date or a number).')]
    parts = parse_date(value)
    if not parts:
        return [Problem(item.file, item.line_of(key), "DATA-DATE", f"`{key}: {value!r}` is not a date.",
                        'write "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar date), at the precision the source gives.')]
    if datetime.date(parts[0], parts[1] or 1, parts[2] or 1) > today:
        return [Problem(item.file, item.line_of(key), "DATA-DATE", f"`{key}: {value}` is in the future.",
                        "records are things already said or done: use the date of the announcement, not of the event it promises.")]
    return []


def allowed_domains() -> set[str]:
    lines = ALLOWED_DOMAINS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _url(item: Item, key: str, url, domains: set[str]) -> list[Problem]:
    parts = urlsplit(str(url))
    if parts.scheme != "https":
        return [Problem(item.file, item.line_of(key), "DATA-SOURCE", f"'{url}' is not an https address.",
                        "use the https:// address of the page.")]
    if parts.hostname not in domains:
        return [Problem(item.file, item.line_of(key), "DATA-SOURCE",
                        f"'{parts.hostname}' is not in tests/data/allowed-domains.txt.",
                        "if it is a primary source (the company, a regulator, a standards body, a journal), add the host"
                        " there on its own line, in order; otherwise find the company's own release.")]
    return []


def _unique(item: Item, field: str, seen: dict, what: str, how_to_write: str, how_to_split: str) -> list[Problem]:
    """A key or id: lowercase words joined by hyphens, used once across all files."""
    value = item.get(field)
    seen_at = seen.setdefault(value, f"{item.file}:{item.line}")
    if value is not None and not KEY.match(str(value)):
        return [Problem(item.file, item.line_of(field), "DATA-ID", f"{what} '{value}' is not lowercase words joined by hyphens.", how_to_write)]
    if seen_at != f"{item.file}:{item.line}":
        return [Problem(item.file, item.line_of(field), "DATA-ID", f"{what} '{value}' is already used at {seen_at}.", how_to_split)]
    return []


def check_companies(data: Dataset) -> list[Problem]:
    problems, seen = [], {}
    domains = allowed_domains()
    for c in data.companies:
        problems += _fields(c, c.data, COMPANY_FIELDS, "", "company")
        problems += _unique(c, "key", seen, "company key", "write it like samsung-sdi; a key never changes once published.",
                            "keep one entry per company: merge the two, or give this one its own key.")
        if "name" in c.data:
            problems += _fields(c, c["name"], TEXT_FIELDS, "name.", "company")
        if "country" in c.data and not COUNTRY.match(str(c["country"])):
            problems.append(Problem(c.file, c.line_of("country"), "DATA-ENUM", f"`country: {c['country']}` is not a two-letter code.",
                                    "use the ISO 3166-1 alpha-2 code in capitals: JP, KR, CN, TW, US, DE, FR, GB ..."))
        if "region" in c.data:
            problems += _enum(c, "region", c["region"], REGIONS)
        if "roles" in c.data:
            problems += _enum(c, "roles", c["roles"], ROLES, many=True)
        if "chemistries" in c.data:
            problems += _enum(c, "chemistries", c["chemistries"], CHEMISTRIES, many=True)
        if c.get("site"):
            problems += _url(c, "site", c["site"], domains)
    return problems


def check_records(data: Dataset, today: datetime.date | None = None) -> list[Problem]:
    today = today or datetime.date.today()
    domains = allowed_domains()
    problems, seen = [], {}
    for r in data.records:
        problems += _fields(r, r.data, RECORD_FIELDS, "", "record")
        problems += _unique(r, "id", seen, "record id",
                            "write <company key>-<yyyy>[-<mm>]-<short-slug>, e.g. samsung-sdi-2023-03-ssb-2027.",
                            "give each record its own id (add a word to the slug); ids never change once published.")
        companies = r.get("companies")
        if companies is not None:
            if not isinstance(companies, list):
                problems.append(Problem(r.file, r.line_of("companies"), "DATA-FIELD", "`companies` should be a list like [toyota].",
                                        "write the company keys in square brackets."))
            else:
                for key in companies:
                    if key not in data.company:
                        problems.append(Problem(r.file, r.line_of("companies"), "DATA-COMPANY", f"unknown company key '{key}'.",
                                                "use a key from data/companies/*.yml, or add the company there first."))
        problems += _date(r, "date", today)
        if "kind" in r.data:
            problems += _enum(r, "kind", r["kind"], KINDS)
        if "chemistry" in r.data:
            problems += _enum(r, "chemistry", r["chemistry"], CHEMISTRIES)
        if "summary" in r.data:
            problems += _fields(r, r["summary"], TEXT_FIELDS, "summary.", "record")
        problems += _target(r, data, today)
        source = r.get("source")
        if isinstance(source, dict):
            problems += _fields(r, source, SOURCE_FIELDS, "source.", "record")
            if source.get("url"):
                problems += _url(r, "source.url", source["url"], domains)
            problems += _date(r, "source.date", today)
            if "language" in source:
                problems += _enum(r, "source.language", source["language"], LANGUAGES)
            if "primary" in source and not isinstance(source["primary"], bool):
                problems.append(Problem(r.file, r.line_of("source.primary"), "DATA-ENUM", "`source.primary` should be true or false.",
                                        "true for the company's own release or filing, a standards body, a regulator or a"
                                        " peer-reviewed paper; false for press."))
            if source.get("primary") is False:
                problems += _reported(r)
        elif source is not None:
            problems += _fields(r, source, SOURCE_FIELDS, "source.", "record")
    return problems


def _target(r: Item, data: Dataset, today) -> list[Problem]:
    target = r.get("target")
    if r.get("kind") != "production-target":
        if target is not None:
            return [Problem(r.file, r.line_of("target"), "DATA-FIELD", f"a `{r.get('kind')}` record has a `target`.",
                            "only kind: production-target records have a target: change the kind, or remove the target.")]
        return []
    if target is None:
        return [Problem(r.file, r.line, "DATA-FIELD", "a production-target record has no `target`.",
                        "add target: with what, when, basis and outcome, as in the template.")]
    problems = _fields(r, target, TARGET_FIELDS, "target.", "record")
    if not isinstance(target, dict):
        return problems
    if "what" in target:
        problems += _fields(r, target["what"], TEXT_FIELDS, "target.what.", "record")
    if "basis" in target:
        problems += _enum(r, "target.basis", target["basis"], BASES)
    if "outcome" in target:
        problems += _enum(r, "target.outcome", target["outcome"], OUTCOMES)
    when = target.get("when")
    if when is not None:
        years = when_years(when)
        said = parse_date(r.get("date"))
        if isinstance(when, int):
            problems.append(Problem(r.file, r.line_of("target.when"), "DATA-DATE", f"`target.when: {when}` is not quoted.",
                                    f'quote it: when: "{when}".'))
        elif not years:
            problems.append(Problem(r.file, r.line_of("target.when"), "DATA-DATE", f"`target.when: {when!r}` is not a year or a range.",
                                    'write "2027" or "2027-2028" (both years in full, the earlier first).'))
        elif said and years[0] < said[0]:
            problems.append(Problem(r.file, r.line_of("target.when"), "DATA-TARGET",
                                    f"the target {when} is earlier than the date it was announced ({r.get('date')}).",
                                    "check both dates against the source: `date` is when it was said, `target.when` the year promised."))

    moved_by = target.get("moved_by")
    outcome = target.get("outcome")
    if outcome == "slipped":
        later = data.record.get(moved_by)
        if not moved_by:
            problems.append(Problem(r.file, r.line_of("target.outcome"), "DATA-SLIP", "the outcome is slipped but `moved_by` is missing.",
                                    "add moved_by: with the id of the later record that announced the new date (add that record first)."))
        elif later is None:
            problems.append(Problem(r.file, r.line_of("target.moved_by"), "DATA-SLIP", f"`moved_by: {moved_by}` names no record.",
                                    "use the id of an existing record: the later announcement that moved this target."))
        elif later is r or date_sort_key(later.get("date")) < date_sort_key(r.get("date")):
            problems.append(Problem(r.file, r.line_of("target.moved_by"), "DATA-SLIP",
                                    f"`moved_by: {moved_by}` is not later than this record.",
                                    "moved_by points at the later announcement that changed the date."))
        elif not set(later.get("companies") or []) & set(r.get("companies") or []):
            problems.append(Problem(r.file, r.line_of("target.moved_by"), "DATA-SLIP",
                                    f"`moved_by: {moved_by}` is about other companies.",
                                    "point at the later record of the same company."))
    elif moved_by and outcome not in ("slipped", "withdrawn"):
        problems.append(Problem(r.file, r.line_of("target.moved_by"), "DATA-SLIP", f"`moved_by` is set but the outcome is {outcome}.",
                                "set outcome: slipped (or withdrawn), or remove moved_by."))
    return problems


def check_stale_targets(data: Dataset, today: datetime.date | None = None) -> list[Problem]:
    """Targets whose year has passed but are still 'pending'. A test, not the build, runs this: it
    depends on today's date, and a deploy should not fail on New Year's Day."""
    today = today or datetime.date.today()
    problems = []
    for r in data.records:
        target = r.get("target") if isinstance(r.get("target"), dict) else {}
        years = when_years(target.get("when"))
        if years and target.get("outcome") == "pending" and years[1] + (1 if target.get("basis") == "fiscal" else 0) < today.year:
            problems.append(Problem(r.file, r.line_of("target.outcome"), "DATA-TARGET",
                                    f"the target {target['when']} has passed, but its outcome is still pending.",
                                    "set outcome: met (with a record that shows it), slipped (with moved_by) or withdrawn."))
    return problems


def _reported(r: Item) -> list[Problem]:
    summary = r.get("summary") if isinstance(r.get("summary"), dict) else {}
    problems = []
    for language, pattern in REPORTED.items():
        text = str(summary.get(language) or "")
        if text and not pattern.search(text):
            word = '"reported" (e.g. "was reported to ...")' if language == "en" else "“据报道”或“报道称”"
            problems.append(Problem(r.file, r.line_of(f"summary.{language}"), "DATA-REPORTED",
                                    f"this record rests on press alone (source.primary: false), but its {language} summary does not say so.",
                                    f"write it as a report: include {word}; or find the company's own release and set primary: true."))
    return problems


def region_pages(docs: Path = DOCS) -> dict[str, list[tuple[str, int, list[str]]]]:
    """{language: [(page file, line, [regions])]} for each `<!-- industry: companies region=... -->`."""
    found = {}
    for language in ("zh", "en"):
        for path in sorted((docs / language).glob("*.md")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                for match in DIRECTIVE.finditer(line):
                    args = directive_args(match.group(2))
                    if match.group(1) == "companies":
                        found.setdefault(language, []).append((rel(path), number, args.get("region", "").split(",")))
    return found


def directive_args(text: str) -> dict:
    return dict(part.split("=", 1) for part in text.split())


def page_map(docs: Path = DOCS) -> dict:
    """{(language, region): 'industry-japan.html'}: where each region's companies are shown."""
    return {(language, region): page.split("/", 2)[2].replace(".md", ".html")
            for language, entries in region_pages(docs).items() for page, _, regions in entries for region in regions}


def ordered_companies(data: Dataset, regions=None) -> list[Item]:
    """Companies by region (the order of REGIONS), then by English name: the same order in both languages."""
    order = {r: i for i, r in enumerate(REGIONS)}
    chosen = [c for c in data.companies if regions is None or c.get("region") in regions]
    return sorted(chosen, key=lambda c: (order.get(c.get("region"), 9), str(c["name"]["en"]).casefold()))


def records_of(data: Dataset, key: str) -> list[Item]:
    """A company's records, oldest first."""
    return sorted((r for r in data.records if key in (r.get("companies") or [])),
                  key=lambda r: (date_sort_key(r.get("date")), r.get("id")))


def check_coverage(data: Dataset, docs: Path = DOCS, counts: bool = True) -> list[Problem]:
    """Each region has a page and records; each industry page has records; the promised totals."""
    problems = []
    region_of = {c.get("key"): c.get("region") for c in data.companies}
    regions_with_records = {region_of.get(k) for r in data.records for k in (r.get("companies") or [])}
    pages = region_pages(docs)
    for language in ("zh", "en"):
        shown = set()
        for page, line, regions in pages.get(language, []):
            shown |= set(regions)
            if not set(regions) & regions_with_records:
                problems.append(Problem(page, line, "DATA-COVERAGE", f"this industry page (regions {', '.join(regions)}) has no record.",
                                        "add at least one record for a company of that region in data/records/, or remove the page."))
        for region in REGIONS:
            if region not in shown:
                problems.append(Problem(f"docs/{language}", 1, "DATA-COVERAGE", f"no {language} industry page shows the region '{region}'.",
                                        f"add region={region} to the `<!-- industry: companies region=... -->` line of a page."))
    for company in data.companies:
        if not any(company.get("key") in (r.get("companies") or []) for r in data.records):
            problems.append(Problem(company.file, company.line, "DATA-COVERAGE", f"the company '{company.get('key')}' has no record.",
                                    "add at least one record about it, or remove the company."))
    for region in REGIONS:
        if region not in regions_with_records:
            problems.append(Problem("data/records", 1, "DATA-COVERAGE", f"no record concerns a company in the region '{region}'.",
                                    "add a record for a company of that region."))
    if counts:
        primary, total, share = data.primary_share()
        goal, floor = data.meta.get("primary_goal", 60), data.meta.get("primary_floor", 0)
        if len(data.companies) < MIN_COMPANIES:
            problems.append(Problem("data/companies", 1, "DATA-COVERAGE", f"{len(data.companies)} companies; the site promises at least {MIN_COMPANIES}.",
                                    "add the missing companies listed in CONTRIBUTING.md#data-coverage."))
        if total < MIN_RECORDS:
            problems.append(Problem("data/records", 1, "DATA-COVERAGE", f"{total} records; the site promises at least {MIN_RECORDS}.",
                                    "add records (every moved target is its own record)."))
        if total and share < floor:
            meta_lines = (DATA / "meta.yml").read_text(encoding="utf-8").splitlines()
            line = next((i for i, text in enumerate(meta_lines, 1) if text.startswith("primary_floor:")), 1)
            problems.append(Problem("data/meta.yml", line, "DATA-COVERAGE",
                                    f"{primary} of {total} records ({share} %) rest on primary sources, below the floor of {floor} % "
                                    f"in data/meta.yml (the goal is {goal} %).",
                                    "source the new records from the company's release, filing or the standards body's page, or "
                                    "replace press sources with such pages, until the share is back at the floor. Never lower the floor."))
    return problems


def check_all(data: Dataset | None = None) -> list[Problem]:
    """The checks a build runs: everything that can be told from the data files themselves."""
    data = data or load()
    return data.problems + check_companies(data) + check_records(data)

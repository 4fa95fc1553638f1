"""What may never reach a reader, checked on the BUILT site with real parsers (tests/reader_checks.py):
scripts other than the reviewed ones, event handlers, embeds, javascript: and data: URLs, unknown
front-matter keys, unescaped template output, spam (visible or hidden), plain-http or unreviewed
hosts, look-alike host names and hidden blocks. Each finding names the source file and line."""
from __future__ import annotations

import reader_checks as checks
from conftest import report


def test_pages_carry_only_allowed_elements_attributes_and_reviewed_scripts(reader):
    report(checks.run(reader, "active content"),
           "Active content on the built site (tests/data/html-allow-list.yml and tests/data/reviewed-scripts.txt say what is allowed):")


def test_front_matter_uses_known_keys_and_plain_text(reader):
    report(checks.run(reader, "front matter"), "Front matter (known keys: tests/data/front-matter.yml):")


def test_templates_escape_every_page_and_config_value(reader):
    report(checks.run(reader, "templates"), "Templates that print page or config values unescaped:")


def test_external_links_use_https_and_reviewed_domains(reader):
    report(checks.run(reader, "urls"),
           "Every URL on the built site, resolved as a browser resolves it, must stay on the site or go to an https host in"
           " tests/data/allowed-domains.txt:")


def test_the_domain_allow_list_is_sorted_ascii_and_has_no_duplicates(reader):
    report(checks.run(reader, "allow-list entries"), "tests/data/allowed-domains.txt:")


def test_no_spam_or_adult_content_words_reach_the_site(reader):
    report(checks.run(reader, "spam"),
           "Spam, unknown web addresses or template tokens in what readers get (text, hidden text, alt and title"
           " attributes, SVG text, site name, copyright, navigation), after entities, NFKC and invisible characters:")


def test_page_content_hides_nothing_from_readers(reader):
    report(checks.run(reader, "hidden"), "Hidden content on pages:")

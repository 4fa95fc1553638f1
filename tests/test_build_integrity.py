"""The build is whole: redirects land on live pages of the same language, ids are unique, files
under docs/ are of allowed types and sizes, SVG figures describe themselves, and the files that
decide what readers' browsers run need a maintainer's review (.github/CODEOWNERS)."""
from __future__ import annotations

import reader_checks as checks
from conftest import report


def test_redirect_maps_lead_from_dead_addresses_to_live_pages_of_the_same_language(reader):
    report(checks.run(reader, "redirects"), "redirect_maps in mkdocs.yml:")


def test_no_id_is_used_twice_on_a_built_page(reader):
    report(checks.run(reader, "duplicate ids"), "Duplicate ids:")


def test_files_under_docs_are_of_allowed_types_and_sizes(reader):
    report(checks.run(reader, "docs files"), "Files under docs/ (types and limits: tests/data/docs-files.yml):")


def test_svg_figures_use_real_text_and_describe_themselves(reader):
    report(checks.run(reader, "svg figures"), "SVG figures:")


def test_maintainers_review_the_build_the_templates_and_the_checks(reader):
    report(checks.run(reader, "codeowners"), "Code owners:")

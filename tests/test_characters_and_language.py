"""Characters and language of what readers get (built pages, SVG figures, config strings): no
invisible format characters, no words that mix alphabets, no Traditional characters on Chinese
pages, no untranslated paragraphs, no full-width punctuation in English, no compatibility
characters (℃, full-width digits) where the plain form is right."""
from __future__ import annotations

import reader_checks as checks
from conftest import report


def test_readers_get_plain_characters_in_the_right_language(reader):
    report(checks.run(reader, "characters"), "Characters and language (exceptions: tests/data/character-exceptions.yml):")

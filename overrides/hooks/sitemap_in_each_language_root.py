"""Copy the site's sitemap into each language's root folder (/en/sitemap.xml).

Material's language switcher fetches sitemap.xml next to each <link rel="alternate">; the i18n
plugin writes only /sitemap.xml (it lists both languages with their alternates), so every English
page logged a 404 in the browser console without this copy.
"""
import shutil
from pathlib import Path

OTHER_LANGUAGES = ("en",)


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    for language in OTHER_LANGUAGES:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            source = site / name
            if source.exists() and (site / language).is_dir():
                shutil.copyfile(source, site / language / name)

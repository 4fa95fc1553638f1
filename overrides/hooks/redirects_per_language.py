"""Make mkdocs-redirects work in both languages.

mkdocs-redirects resolves its targets before mkdocs-static-i18n moves the Chinese pages to the
site root, so `old.md: zh/new.md` would redirect to /zh/new.html, which does not exist. During each
language's build this hook hands the redirects plugin only that language's entries, against that
build's files. The format in mkdocs.yml (see CONTRIBUTING.md, rule URL-KEEP):
    zh: old.md: zh/new.md      en: en/old.md: en/new.md
"""
from mkdocs.plugins import event_priority


@event_priority(-110)  # after the i18n plugin's on_files (-100)
def on_files(files, config):
    redirects, i18n = config.plugins.get("redirects"), config.plugins.get("i18n")
    if not redirects or not i18n:
        return files
    language = i18n.current_language
    redirects.redirects = {
        old: new
        for old, new in (redirects.config.get("redirect_maps") or {}).items()
        if str(new).split("/", 1)[0] == language
    }
    redirects.doc_pages = {f.src_uri: f for f in files.documentation_pages()}
    return files

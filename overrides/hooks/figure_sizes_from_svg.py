"""Give every <img> of one of our SVG figures its intrinsic width and height, from the SVG's viewBox.

A browser reserves an image's space before it loads only if the <img> has both width and height;
Markdown figures carry `{ width="720" }` at most, so the text below each figure jumped down when
the SVG arrived (layout shift, and later paints on a phone). At build time this hook reads the
SVG's viewBox and writes the missing attribute(s): width stays as written, height follows the
figure's proportions. CSS (`height: auto`, site.css) still scales figures to the column.
Contributors write nothing extra.
"""
import posixpath
import re
from pathlib import Path

IMG = re.compile(r"<img\b[^>]*>")
SRC = re.compile(r'\ssrc="([^"]+\.svg)"')
WIDTH = re.compile(r'\swidth="(\d+(?:\.\d+)?)"')
HEIGHT = re.compile(r'\sheight="')
VIEWBOX = re.compile(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"')


def _svg_file(src, page, files):
    """The SVG source file an <img src> on this page points at, or None (remote, missing)."""
    if "://" in src or src.startswith(("/", "data:")):
        return None
    dest = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.dest_uri), src.split("#")[0]))
    for file in files:
        if file.dest_uri == dest:
            return Path(file.abs_src_path)
    return None


def _with_size(tag, page, files):
    src = SRC.search(tag)
    if not src or HEIGHT.search(tag):
        return tag
    svg = _svg_file(src.group(1), page, files)
    box = VIEWBOX.search(svg.read_text(encoding="utf-8")[:2000]) if svg and svg.exists() else None
    if not box:
        return tag
    box_width, box_height = float(box.group(1)), float(box.group(2))
    width = WIDTH.search(tag)
    shown = float(width.group(1)) if width else box_width
    size = f' height="{round(shown * box_height / box_width)}"'
    if not width:
        size = f' width="{round(box_width)}"' + size
    if tag.endswith("/>"):
        return tag[:-2].rstrip() + size + " />"
    return tag[:-1] + size + ">"


def on_page_content(html, page, config, files):
    return IMG.sub(lambda m: _with_size(m.group(0), page, files), html)

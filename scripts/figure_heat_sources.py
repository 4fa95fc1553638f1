"""Writes docs/{zh,en}/figures/heat-sources.svg, the safety page's grid of hazards by cell design.

One table below feeds both languages, so the two figures cannot disagree. Run it after editing:
    python3 scripts/figure_heat_sources.py            # writes docs/<lang>/figures/
    python3 scripts/figure_heat_sources.py --docs DIR # writes DIR/<lang>/figures/ (used by the tests)
"""
from __future__ import annotations

import argparse
import pathlib
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, &quot;Noto Sans CJK SC&quot;, &quot;PingFang SC&quot;, &quot;Microsoft YaHei&quot;, sans-serif'

TEXT = {
    "en": {
        "title": "Where the heat and the hazards come from",
        "desc": ("Grid of five hazards against four cell designs. Flammable solvent: present in liquid lithium-ion, "
                 "reduced in mixed solid–liquid, absent in both all-solid-state designs. Oxygen from a hot charged "
                 "cathode: present in all four. Reactive anode: lithiated graphite in the first two, new lithium metal "
                 "that melts at about 180 °C in the all-solid-state designs. Shorts from lithium filaments: possible through "
                 "lithium plating in the first two, present in the all-solid-state designs. Toxic gas: hydrogen fluoride in "
                 "the first two, new hydrogen sulfide and sulfur dioxide in the sulfide design, reduced in the oxide design, "
                 "which has no LiPF₆. Assumes a nickel-rich layered-oxide cathode."),
        "designs": [("Liquid", "lithium-ion"), ("Mixed", "solid–liquid"), ("Sulfide ASSB", "+ Li metal"), ("Oxide ASSB", "+ Li metal")],
        "hazards": ["Flammable solvent", "Oxygen from cathode", "Reactive anode", "Lithium filaments", "Toxic gas"],
        "states": {"yes": "present", "less": "reduced", "some": "possible", "no": "absent", "new": "new"},
        "notes": {"graphite": "graphite", "li": "Li, melts 180 °C", "hf": "HF", "h2s": "H₂S, SO₂",
                  "plating": "Li plating", "binder": "no LiPF₆"},
        "footer": "Qualitative; nickel-rich cathode assumed; sources on the page",
    },
    "zh": {
        "title": "热量与危险从哪里来",
        "desc": ("五种危险源对照四种电池设计的网格。可燃溶剂：液态锂离子电池有，混合固液电池减少，两种全固态设计没有。"
                 "高温下充电态正极释放的氧：四种都有。活泼负极：前两种是嵌锂石墨，全固态设计新增约 180 °C 就熔化的金属锂。"
                 "锂枝晶造成的短路：前两种在析锂时可能发生，全固态设计都有。有毒气体：前两种是氟化氢，硫化物设计新增硫化氢和二氧化硫，"
                 "氧化物设计因不含 LiPF₆ 而减少。假设正极为高镍层状氧化物。"),
        "designs": [("液态", "锂离子电池"), ("混合固液", "电池"), ("硫化物全固态", "+ 金属锂"), ("氧化物全固态", "+ 金属锂")],
        "hazards": ["可燃溶剂", "正极释氧", "活泼负极", "锂枝晶短路", "有毒气体"],
        "states": {"yes": "有", "less": "减少", "some": "可能", "no": "无", "new": "新增"},
        "notes": {"graphite": "石墨", "li": "锂 180 °C 熔化", "hf": "HF", "h2s": "H₂S、SO₂",
                  "plating": "析锂", "binder": "无 LiPF₆"},
        "footer": "定性示意；假设为高镍正极；来源见正文",
    },
}

# rows: hazard index -> (state, note key or None) for each design, in the order of "designs"
GRID = [
    [("yes", None), ("less", None), ("no", None), ("no", None)],
    [("yes", None), ("yes", None), ("yes", None), ("yes", None)],
    [("yes", "graphite"), ("yes", "graphite"), ("new", "li"), ("new", "li")],
    [("some", "plating"), ("some", "plating"), ("yes", None), ("yes", None)],
    [("yes", "hf"), ("yes", "hf"), ("new", "h2s"), ("less", "binder")],
]
STYLE = {  # symbol shape and colour (Okabe–Ito), so state is told by shape and word, not colour alone
    "yes": ("circle", "#E69F00"),
    "less": ("half", "#0072B2"),
    "some": ("dashed", "#56B4E9"),
    "no": ("ring", "#009E73"),
    "new": ("triangle", "#D55E00"),
}


def symbol(kind: str, colour: str, x: float, y: float) -> str:
    if kind == "circle":
        return f'<circle cx="{x}" cy="{y}" r="9" fill="{colour}"/>'
    if kind == "ring":
        return f'<circle cx="{x}" cy="{y}" r="8" fill="none" stroke="{colour}" stroke-width="3"/>'
    if kind == "dashed":
        return f'<circle cx="{x}" cy="{y}" r="8" fill="none" stroke="#0072B2" stroke-width="2.5" stroke-dasharray="4 3"/>'
    if kind == "half":
        return (f'<circle cx="{x}" cy="{y}" r="8" fill="none" stroke="{colour}" stroke-width="2.5"/>'
                f'<path d="M{x},{y - 8} A8,8 0 0 0 {x},{y + 8} Z" fill="{colour}"/>')
    return f'<path d="M{x},{y - 10} L{x + 10},{y + 8} L{x - 10},{y + 8} Z" fill="{colour}"/>'


def svg(lang: str) -> str:
    t = TEXT[lang]
    width, left, col, top, row = 720, 200, 130, 110, 74
    height = top + row * len(GRID) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="hs-title hs-desc" font-family="{FONT}">',
        f'<title id="hs-title">{escape(t["title"])}</title><desc id="hs-desc">{escape(t["desc"])}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" rx="14" fill="#ffffff"/>',
        f'<text x="{width / 2}" y="32" text-anchor="middle" font-size="16" font-weight="600" fill="#1f2933">{escape(t["title"])}</text>',
    ]
    for i, (line1, line2) in enumerate(t["designs"]):
        x = left + col * i + col / 2
        out.append(f'<text x="{x}" y="72" text-anchor="middle" font-size="14" font-weight="600" fill="#1f2933">{escape(line1)}</text>')
        out.append(f'<text x="{x}" y="92" text-anchor="middle" font-size="13" fill="#52606d">{escape(line2)}</text>')
    for r, cells in enumerate(GRID):
        y = top + row * r
        if r % 2 == 0:
            out.append(f'<rect x="12" y="{y}" width="{width - 24}" height="{row}" rx="6" fill="#f5f7fa"/>')
        out.append(f'<text x="24" y="{y + row / 2 + 5}" font-size="14" fill="#1f2933">{escape(t["hazards"][r])}</text>')
        for c, (state, note) in enumerate(cells):
            x = left + col * c + col / 2
            kind, colour = STYLE[state]
            out.append(symbol(kind, colour, x, y + 18))
            out.append(f'<text x="{x}" y="{y + 46}" text-anchor="middle" font-size="12.5" fill="#1f2933">{escape(t["states"][state])}</text>')
            if note:  # the detail on a line of its own, so long notes never run into the next column
                out.append(f'<text x="{x}" y="{y + 62}" text-anchor="middle" font-size="11.5" fill="#52606d">{escape(t["notes"][note])}</text>')
    out.append(f'<text x="{width - 20}" y="{height - 14}" text-anchor="end" font-size="13" fill="#52606d">{escape(t["footer"])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=pathlib.Path, default=ROOT / "docs",
                        help="write DOCS/<lang>/figures/heat-sources.svg (default: the site's docs/)")
    docs = parser.parse_args().docs
    for lang in TEXT:
        path = docs / lang / "figures" / "heat-sources.svg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg(lang), encoding="utf-8")
        print("wrote", path)


if __name__ == "__main__":
    main()

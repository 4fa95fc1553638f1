"""Writes docs/{zh,en}/figures/stack-mass.svg, the energy-density page's chart of where the mass of
a cell stack goes, for the three presets of the cell calculator.

The numbers are not typed here: node runs the calculator's own model and presets
(docs/assets/javascripts/cell-calculator.js), so the chart and the calculator cannot disagree.
Only the words live below, one table per language. Run it after changing the model or a preset:
    python3 scripts/figure_stack_mass.py            # writes docs/<lang>/figures/
    python3 scripts/figure_stack_mass.py --docs DIR # writes DIR/<lang>/figures/ (used by the tests)
Needs node (Debian: apt-get install nodejs).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODEL = ROOT / "docs" / "assets" / "javascripts" / "cell-calculator.js"
NAME = "stack-mass.svg"
FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, &quot;Noto Sans CJK SC&quot;, &quot;PingFang SC&quot;, &quot;Microsoft YaHei&quot;, sans-serif'

TEXT = {
    "en": {
        "title": "Where the mass goes in a cell stack, for three example cells",
        "heading": "Where the mass of one stack repeat goes",
        "desc": "Three horizontal stacked bars showing each part's share of the stack mass.",
        "presets": {"li-ion": "Today's Li-ion", "research": "Typical research solid-state", "target": "Target solid-state"},
        "result": "{name}: {whkg} Wh/kg, {whl} Wh/L",
        "share": "{part} {pct}%",
        "colon": ": ",
        "sep": ", ",
        "stop": ".",
        "gap": " ",
        "parts": {
            "cathode-active": "Cathode active material",
            "cathode-rest": "Rest of cathode",
            "electrolyte": "Separator or electrolyte layer",
            "anode": "Anode",
            "collectors": "Current collectors",
        },
    },
    "zh": {
        "title": "电芯叠层的质量去向：三个示例电芯",
        "heading": "一个叠层单元的质量都去了哪里",
        "desc": "三条横向堆叠条，按质量分数显示叠层中各部分所占比例。",
        "presets": {"li-ion": "当今锂离子电池", "research": "典型的实验室固态电池", "target": "目标固态电池"},
        "result": "{name}：{whkg} Wh/kg，{whl} Wh/L",
        "share": "{part} {pct}%",
        "colon": "：",
        "sep": "，",
        "stop": "。",
        "gap": "",
        "parts": {
            "cathode-active": "正极活性物质",
            "cathode-rest": "正极其余部分",
            "electrolyte": "隔膜或电解质层",
            "anode": "负极",
            "collectors": "集流体",
        },
    },
}
# Bar colours (Okabe–Ito, colour-blind safe), in the order of the bar and the legend; the label
# inside a segment is white only on the dark blue.
COLOURS = {"cathode-active": "#0072B2", "cathode-rest": "#56B4E9", "electrolyte": "#E69F00",
           "anode": "#009E73", "collectors": "#999999"}
DARK, WHITE = "#1f2933", "#ffffff"
WIDTH, HEIGHT, LEFT, BAR_WIDTH, BAR_HEIGHT = 720, 400, 24, 672, 40
FIRST_BAR, BAR_STEP, MIN_LABELLED = 86, 92, 44  # a segment narrower than 44 px gets no label inside
LEGEND_TOP, LEGEND_COLUMN, LEGEND_ROW, LEGEND_PER_ROW = 332, 224, 26, 3

# Runs in node: the presets in the script's own order, each with the calculator's rounding
# (round10 for Wh/kg and Wh/L, Math.round for the percentages shown in the mass bar).
NODE_PROGRAM = """
const m = require(%s);
const out = Object.keys(m.presets).map(function (name) {
  const r = m.compute(m.presets[name]);
  const parts = {};
  Object.keys(r.parts).forEach(function (k) { parts[k] = { share: r.parts[k], pct: Math.round(r.parts[k] * 100) }; });
  return { name: name, whkg: m.round10(r.whPerKg), whl: m.round10(r.whPerL), parts: parts };
});
process.stdout.write(JSON.stringify(out));
"""


def model_results() -> list[dict]:
    """[{name, whkg, whl, parts: {part: {share, pct}}}] for each preset, computed by cell-calculator.js."""
    node = shutil.which("node")
    if node is None:
        sys.exit("figure_stack_mass.py needs node to run the calculator's model: "
                 "install it (Debian/Ubuntu: apt-get install nodejs) and run the script again.")
    done = subprocess.run([node, "-e", NODE_PROGRAM % json.dumps(str(MODEL))],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"node could not load the model in {MODEL.relative_to(ROOT)}:\n{done.stderr}")
    return json.loads(done.stdout)


def check_labels(results: list[dict]) -> None:
    """Every preset and part the model has needs words in both languages here, and no more."""
    for lang, t in TEXT.items():
        presets = [r["name"] for r in results]
        parts = list(results[0]["parts"])
        if sorted(presets) != sorted(t["presets"]) or sorted(parts) != sorted(t["parts"]) or sorted(parts) != sorted(COLOURS):
            sys.exit(f"scripts/figure_stack_mass.py: the model has presets {presets} and parts {parts}; "
                     f"TEXT[{lang!r}] (and COLOURS) must name exactly those. Edit the tables at the top of the script.")


def text(x: float, y: float, s: str, size: int, anchor: str = "start", weight: int = 400, fill: str = DARK) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(s)}</text>')


def svg(lang: str, results: list[dict]) -> str:
    t = TEXT[lang]
    order = list(t["parts"])
    heads = [t["result"].format(name=t["presets"][r["name"]], whkg=r["whkg"], whl=r["whl"]) for r in results]
    desc = t["gap"].join([t["desc"]] + [
        head + t["colon"] + t["sep"].join(t["share"].format(part=t["parts"][p], pct=r["parts"][p]["pct"]) for p in order)
        + t["stop"] for head, r in zip(heads, results)])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="sm-t sm-d" font-family="{FONT}">',
        f'<title id="sm-t">{escape(t["title"])}</title><desc id="sm-d">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" rx="14" fill="{WHITE}"/>',
        text(LEFT, 34, t["heading"], 17, weight=700),
    ]
    for i, (head, r) in enumerate(zip(heads, results)):
        y = FIRST_BAR + BAR_STEP * i
        out.append(text(LEFT, y - 10, head, 14, weight=700))
        before = 0.0
        for part in order:
            share = r["parts"][part]["share"]
            x, w = LEFT + before * BAR_WIDTH, share * BAR_WIDTH
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_HEIGHT}" fill="{COLOURS[part]}" '
                       f'stroke="{WHITE}" stroke-width="1"/>')
            if w >= MIN_LABELLED:
                colour = WHITE if part == "cathode-active" else DARK
                out.append(text(x + w / 2, y + 25, f'{r["parts"][part]["pct"]}%', 14, "middle", 700, colour))
            before += share
    for i, part in enumerate(order):
        x = LEFT + LEGEND_COLUMN * (i % LEGEND_PER_ROW)
        y = LEGEND_TOP + LEGEND_ROW * (i // LEGEND_PER_ROW)
        out.append(f'<rect x="{x}" y="{y}" width="16" height="16" fill="{COLOURS[part]}" stroke="{DARK}" stroke-width="0.5"/>')
        out.append(text(x + 22, y + 13, t["parts"][part], 13))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=pathlib.Path, default=ROOT / "docs",
                        help="write DOCS/<lang>/figures/stack-mass.svg (default: the site's docs/)")
    docs = parser.parse_args().docs
    results = model_results()
    check_labels(results)
    for lang in TEXT:
        path = docs / lang / "figures" / NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg(lang, results), encoding="utf-8")
        print("wrote", path)


if __name__ == "__main__":
    main()

/*
 * Cell-stack calculator for the "Where the energy density comes from" pages (zh and en).
 *
 * Markup lives in the page Markdown: a <div class="cell-calculator" data-lang="zh|en" hidden> with
 * inputs marked data-cc="...", preset buttons (data-cc-preset), an <output>, a mass bar and an
 * error element. The block ships `hidden`, so readers without JavaScript see the static preset
 * table on the page; this script removes `hidden` once it has wired the block up.
 *
 * The model (compute) and the presets are the single source of the calculator's numbers. The static
 * table on the page is checked against them by tests/test_in_the_browser.py. No library, no network,
 * no inline code: the page loads this file through its front matter (`scripts:`).
 *
 * Model, per cm² of one repeat unit of a stack with double-sided electrodes:
 *   half an aluminium foil + cathode coating + electrolyte layer + anode + half a copper foil.
 *   areal capacity Q (mAh/cm²) = cathode loading (mg/cm² of active material) × specific capacity / 1000
 *   energy (mWh/cm²)            = Q × (cathode voltage vs Li − anode voltage vs Li)
 *   Wh/kg = energy / mass × 1000;  Wh/L = energy / thickness (cm); thickness in the charged state:
 *   plated lithium is counted, and graphite and silicon are swollen by their lithiation (`swell`).
 */
(function (root) {
  "use strict";

  /* ---- Material data (sources: see the "Model and assumptions" section of the page) ---------- */
  var CATHODES = {
    nmc811: { capacity: 200, voltage: 3.8, density: 4.75, charge: 4.3 },
    nmc622: { capacity: 175, voltage: 3.75, density: 4.7, charge: 4.3 },
    lfp: { capacity: 160, voltage: 3.4, density: 3.6, charge: 3.6 }
  };

  /* `charge`: end-of-charge voltage vs Li, used only for the warning about PEO above 4 V.
   * Electrolyte layer: density in g/cm³ as it sits in the cell. For the liquid case that is a
   * polyethylene separator (45% porous) filled with carbonate electrolyte. `filler` is what fills
   * the composite electrodes besides the active material (sulfide: Li₆PS₅Cl ≈ 1.64, taken as 1.7;
   * oxide cells: a polymer catholyte), and `pores` their porosity (PEO electrodes: none, the
   * polymer fills them). `maxVoltage`: above this end-of-charge voltage the page warns. */
  var LIQUID_DENSITY = 1.2;
  var ELECTROLYTES = {
    liquid: { layer: 1.06, filler: 1.9, pores: 0.25, poresFilled: true },
    sulfide: { layer: 1.7, filler: 1.7, pores: 0.1, poresFilled: false },
    oxide: { layer: 4.9, filler: 1.3, pores: 0.1, poresFilled: false },
    polymer: { layer: 1.3, filler: 1.3, pores: 0, poresFilled: false, maxVoltage: 4.0 }
  };

  /* Anodes: practical capacity (mAh/g), true density, average voltage vs Li, negative/positive
   * capacity ratio, `swell` (volume of the active material charged / as made: graphite about +10%;
   * silicon sized at 1.1× is about 90% lithiated, about 3.1 times its volume; the electrode
   * thickens by the extra volume), and active fraction and porosity as made, in a liquid cell and
   * in a solid cell. Silicon in a solid cell is pressed dense (Tan et al. 2021), so no pores. */
  var ANODES = {
    graphite: { capacity: 350, density: 2.2, voltage: 0.1, np: 1.1, swell: 1.1, liquid: { active: 0.96, pores: 0.3 }, solid: { active: 0.6, pores: 0.1 } },
    silicon: { capacity: 3000, density: 2.33, voltage: 0.4, np: 1.1, swell: 3.1, liquid: { active: 0.8, pores: 0.5 }, solid: { active: 0.99, pores: 0 } },
    lithium: { metal: true },
    "anode-free": { metal: true, noExcess: true }
  };
  var LITHIUM = { density: 0.534, capacity: 3860 }; /* 1 mAh/cm² plated = 4.85 µm of lithium */
  var BINDER_DENSITY = 1.9;
  var FOILS = { aluminium: { thickness: 12, density: 2.7 }, copper: { thickness: 8, density: 8.96 } };

  /* ---- Presets: one place for the three example cells ------------------------------------------ */
  var PRESETS = {
    "li-ion": { cathode: "nmc811", capacity: 200, loading: 20, active: 96, electrolyte: "liquid", thickness: 12, anode: "graphite", excess: 0 },
    research: { cathode: "nmc811", capacity: 180, loading: 10, active: 70, electrolyte: "sulfide", thickness: 500, anode: "lithium", excess: 100 },
    target: { cathode: "nmc811", capacity: 200, loading: 25, active: 85, electrolyte: "sulfide", thickness: 30, anode: "lithium", excess: 10 }
  };

  /* Mass of a composite coating per cm² and its thickness, from the active mass, its active
   * fraction, the densities of active material and filler, and the porosity. */
  function composite(activeMg, activeFraction, activeDensity, fillerDensity, pores, poresFilled, swell) {
    var totalSolid = activeMg / activeFraction;
    var fillerMg = totalSolid - activeMg;
    var solidVolume = activeMg / activeDensity + fillerMg / fillerDensity; /* mg / (g/cm³) = 10⁻³ cm³ */
    var volume = solidVolume / (1 - pores); /* as made: the liquid fills these pores */
    var liquidMg = poresFilled ? volume * pores * LIQUID_DENSITY : 0;
    /* Charged: the active material swells by `swell`; the layer thickens by that extra volume. */
    var charged = volume + activeMg / activeDensity * ((swell || 1) - 1);
    return { activeMg: activeMg, restMg: fillerMg + liquidMg, thicknessUm: charged * 10 /* 10⁻³ cm³/cm² → µm */ };
  }

  /* inputs: {cathode, capacity, loading, active (%), electrolyte, thickness (µm), anode, excess (µm)} */
  function compute(inputs) {
    var cathode = CATHODES[inputs.cathode];
    var electrolyte = ELECTROLYTES[inputs.electrolyte];
    var anode = ANODES[inputs.anode];
    var q = inputs.loading * inputs.capacity / 1000; /* mAh/cm² */

    var cat = composite(inputs.loading, inputs.active / 100, cathode.density,
      inputs.electrolyte === "liquid" ? BINDER_DENSITY : electrolyte.filler,
      electrolyte.pores, electrolyte.poresFilled);

    var layerMg = inputs.thickness * 1e-4 * electrolyte.layer * 1000;

    var anodeMg, anodeUm, anodeVoltage;
    if (anode.metal) {
      var excess = anode.noExcess ? 0 : inputs.excess;
      var platedUm = q / (LITHIUM.capacity * LITHIUM.density) * 1e4;
      anodeMg = excess * 1e-4 * LITHIUM.density * 1000;
      anodeUm = excess + platedUm;
      anodeVoltage = 0;
    } else {
      var mode = inputs.electrolyte === "liquid" ? anode.liquid : anode.solid;
      var filler = inputs.electrolyte === "liquid" ? BINDER_DENSITY : electrolyte.filler;
      var an = composite(q * anode.np / anode.capacity * 1000, mode.active, anode.density, filler,
        mode.pores, electrolyte.poresFilled, anode.swell);
      anodeMg = an.activeMg + an.restMg;
      anodeUm = an.thicknessUm;
      anodeVoltage = anode.voltage;
    }

    /* Foil thicknesses may be overridden (inputs.aluminium, inputs.copper in µm) for cross-checks. */
    var alUm = inputs.aluminium || FOILS.aluminium.thickness;
    var cuUm = inputs.copper || FOILS.copper.thickness;
    var foilsUm = alUm / 2 + cuUm / 2;
    var foilsMg = (alUm / 2 * FOILS.aluminium.density + cuUm / 2 * FOILS.copper.density) * 1e-4 * 1000;

    var mass = cat.activeMg + cat.restMg + layerMg + anodeMg + foilsMg;
    var thicknessUm = cat.thicknessUm + inputs.thickness + anodeUm + foilsUm;
    var energy = q * (cathode.voltage - anodeVoltage); /* mWh/cm² */
    return {
      areal: q,
      whPerKg: energy / mass * 1000,
      whPerL: energy / (thicknessUm * 1e-4),
      thicknessUm: thicknessUm,
      /* true when the electrolyte (PEO) is oxidised below the cathode's end-of-charge voltage */
      voltageWarning: !!(electrolyte.maxVoltage && cathode.charge > electrolyte.maxVoltage),
      parts: {
        "cathode-active": cat.activeMg / mass,
        "cathode-rest": cat.restMg / mass,
        electrolyte: layerMg / mass,
        anode: anodeMg / mass,
        collectors: foilsMg / mass
      }
    };
  }

  /* Shown numbers are rounded to 10 Wh/kg and 10 Wh/L: the model is not more precise than that. */
  function round10(x) {
    return Math.round(x / 10) * 10;
  }

  var api = { compute: compute, presets: PRESETS, cathodes: CATHODES, round10: round10 };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---- The page ------------------------------------------------------------------------------- */
  var FIELDS = {
    capacity: { min: 0, max: 350, zeroIsEmptyCell: true, integer: false },
    loading: { min: 0, max: 80, zeroIsEmptyCell: true, integer: false },
    active: { min: 10, max: 100, zeroIsEmptyCell: true, integer: false },
    thickness: { min: 1, max: 2000, zeroIsEmptyCell: false, integer: false },
    excess: { min: 0, max: 1000, zeroIsEmptyCell: false, integer: false }
  };

  var MESSAGES = {
    en: {
      names: {
        capacity: "Cathode specific capacity",
        loading: "Cathode loading",
        active: "Active fraction",
        thickness: "Electrolyte thickness",
        excess: "Excess lithium"
      },
      units: { capacity: "mAh/g", loading: "mg/cm²", active: "%", thickness: "µm", excess: "µm" },
      empty: "{name}: enter a number.",
      notNumber: "{name} must be written in digits, for example {example}.",
      negative: "{name} cannot be negative.",
      range: "{name} must be between {min} and {max} {unit}.",
      emptyCell: "With zero {name}, the cathode stores no charge, so there is no cell to work out.",
      noLayer: "{name} must be at least 1 µm: the two electrodes need something between them.",
      barLabel: "Where the mass goes: {parts}",
      barNone: "No result: check the inputs above.",
      peoVoltage: "Warning: PEO is oxidised above about 4 V, and this cathode is charged to about {charge} V. " +
        "Such a cell would degrade quickly; the numbers assume it works. Choose LFP, or another electrolyte.",
      parts: {
        "cathode-active": "cathode active material",
        "cathode-rest": "rest of the cathode",
        electrolyte: "separator or electrolyte layer",
        anode: "anode",
        collectors: "current collectors"
      },
      none: "—"
    },
    zh: {
      names: {
        capacity: "正极比容量",
        loading: "正极载量",
        active: "活性物质占比",
        thickness: "电解质层厚度",
        excess: "过量锂"
      },
      units: { capacity: "mAh/g", loading: "mg/cm²", active: "%", thickness: "µm", excess: "µm" },
      empty: "请填写{name}。",
      notNumber: "{name}只能填数字，例如 {example}。",
      negative: "{name}不能是负数。",
      range: "{name}须在 {min} 到 {max} {unit} 之间。",
      emptyCell: "{name}为零时，正极不储存电荷，也就算不出一颗电池。",
      noLayer: "{name}至少要 1 µm：两个电极之间必须隔着一层。",
      barLabel: "质量去向：{parts}",
      barNone: "暂无结果：请检查上面的输入。",
      peoVoltage: "注意：PEO 在约 4 V 以上会被氧化，而这种正极要充到约 {charge} V。" +
        "这样的电池会很快衰减，上面的数字是假定它能正常工作算出的。请改选磷酸铁锂（LFP）或其他电解质。",
      parts: {
        "cathode-active": "正极活性物质",
        "cathode-rest": "正极其余部分",
        electrolyte: "隔膜或电解质层",
        anode: "负极",
        collectors: "集流体"
      },
      none: "—"
    }
  };
  var EXAMPLES = { capacity: "200", loading: "20", active: "90", thickness: "30", excess: "20" };
  var PART_ORDER = ["cathode-active", "cathode-rest", "electrolyte", "anode", "collectors"];

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : m;
    });
  }

  /* Returns {value} or {error}. The raw text is checked before Number() so that "", "1e", "abc"
   * or "１２" never turn into 0 or NaN on screen. */
  function readNumber(input, name, text) {
    var spec = FIELDS[name];
    var label = text.names[name];
    var raw = input.value.trim();
    if (input.validity && input.validity.badInput) return { error: fill(text.notNumber, { name: label, example: EXAMPLES[name] }) };
    if (raw === "") return { error: fill(text.empty, { name: label }) };
    if (/^-/.test(raw)) return { error: fill(text.negative, { name: label }) };
    if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(raw)) return { error: fill(text.notNumber, { name: label, example: EXAMPLES[name] }) };
    var x = Number(raw);
    if (!isFinite(x)) return { error: fill(text.notNumber, { name: label, example: EXAMPLES[name] }) };
    if (x === 0 && spec.zeroIsEmptyCell) return { error: fill(text.emptyCell, { name: label }) };
    if (name === "thickness" && x < spec.min) return { error: fill(text.noLayer, { name: label }) };
    if (x < spec.min || x > spec.max) {
      return { error: fill(text.range, { name: label, min: spec.min, max: spec.max, unit: text.units[name] }) };
    }
    return { value: x };
  }

  function pick(rootEl, name) {
    return rootEl.querySelector("[data-cc='" + name + "']");
  }

  function init(block) {
    if (block.getAttribute("data-cc-ready") === "1") return;
    var lang = block.getAttribute("data-lang") === "zh" ? "zh" : "en";
    var text = MESSAGES[lang];
    var inputs = {};
    var names = ["capacity", "loading", "active", "thickness", "excess"];
    for (var i = 0; i < names.length; i++) inputs[names[i]] = pick(block, names[i]);
    var selects = { cathode: pick(block, "cathode"), electrolyte: pick(block, "electrolyte"), anode: pick(block, "anode") };
    var out = { whkg: pick(block, "whkg"), whl: pick(block, "whl"), areal: pick(block, "areal") };
    var bar = pick(block, "bar");
    var error = pick(block, "error");
    var excessHint = pick(block, "excess-hint");
    var warning = pick(block, "warning"); /* optional: shown when PEO meets a cathode charged above 4 V */
    var missing = names.filter(function (n) { return !inputs[n]; });
    if (missing.length || !selects.cathode || !selects.electrolyte || !selects.anode || !out.whkg || !out.whl || !bar || !error) return;

    var segments = {};
    var legend = {};
    PART_ORDER.forEach(function (part) {
      segments[part] = bar.querySelector("[data-cc-part='" + part + "']");
      legend[part] = block.querySelector("[data-cc-share='" + part + "']");
    });

    function clear() {
      out.whkg.textContent = text.none;
      out.whl.textContent = text.none;
      if (out.areal) out.areal.textContent = text.none;
      PART_ORDER.forEach(function (part) {
        if (segments[part]) segments[part].style.width = "0%";
        if (legend[part]) legend[part].textContent = text.none;
      });
      bar.setAttribute("aria-label", text.barNone);
      if (warning) { warning.textContent = ""; warning.hidden = true; }
      block.classList.add("cell-calculator--invalid");
    }

    function update() {
      var values = {};
      var messages = [];
      names.forEach(function (n) {
        var r = readNumber(inputs[n], n, text);
        if (r.error) {
          messages.push(r.error);
          inputs[n].setAttribute("aria-invalid", "true");
        } else {
          values[n] = r.value;
          inputs[n].removeAttribute("aria-invalid");
        }
      });
      var usesExcess = selects.anode.value === "lithium";
      inputs.excess.disabled = !usesExcess;
      if (excessHint) excessHint.hidden = usesExcess;
      if (!usesExcess && values.excess === undefined) {
        /* The field does not count for this anode: never block the result on it. */
        messages = messages.filter(function (m) { return m.indexOf(text.names.excess) < 0; });
        inputs.excess.removeAttribute("aria-invalid");
        values.excess = 0;
      }
      if (messages.length) {
        error.textContent = messages.join(" ");
        error.hidden = false;
        clear();
        return;
      }
      error.textContent = "";
      error.hidden = true;

      var r = compute({
        cathode: selects.cathode.value, capacity: values.capacity, loading: values.loading,
        active: values.active, electrolyte: selects.electrolyte.value, thickness: values.thickness,
        anode: selects.anode.value, excess: values.excess
      });
      if (!isFinite(r.whPerKg) || !isFinite(r.whPerL) || r.whPerKg <= 0) { clear(); return; }
      block.classList.remove("cell-calculator--invalid");
      out.whkg.textContent = String(round10(r.whPerKg));
      out.whl.textContent = String(round10(r.whPerL));
      if (out.areal) out.areal.textContent = r.areal.toFixed(1);
      if (warning) {
        warning.textContent = r.voltageWarning
          ? fill(text.peoVoltage, { charge: String(CATHODES[selects.cathode.value].charge) }) : "";
        warning.hidden = !r.voltageWarning;
      }
      var described = [];
      PART_ORDER.forEach(function (part) {
        var share = r.parts[part];
        var pct = Math.round(share * 100);
        if (segments[part]) segments[part].style.width = (share * 100).toFixed(2) + "%";
        if (legend[part]) legend[part].textContent = pct + "%";
        described.push(text.parts[part] + " " + pct + "%");
      });
      bar.setAttribute("aria-label", fill(text.barLabel, { parts: described.join(lang === "zh" ? "，" : ", ") }));
    }

    function applyPreset(name) {
      var p = PRESETS[name];
      if (!p) return;
      selects.cathode.value = p.cathode;
      selects.electrolyte.value = p.electrolyte;
      selects.anode.value = p.anode;
      names.forEach(function (n) { inputs[n].value = String(p[n]); });
      update();
    }

    names.forEach(function (n) {
      inputs[n].addEventListener("input", update);
      inputs[n].addEventListener("change", update);
    });
    selects.cathode.addEventListener("change", function () {
      var c = CATHODES[selects.cathode.value];
      if (c) inputs.capacity.value = String(c.capacity);
      update();
    });
    selects.electrolyte.addEventListener("change", update);
    selects.anode.addEventListener("change", update);
    var buttons = block.querySelectorAll("[data-cc-preset]");
    for (var b = 0; b < buttons.length; b++) {
      buttons[b].addEventListener("click", function (event) {
        applyPreset(event.currentTarget.getAttribute("data-cc-preset"));
      });
    }

    block.setAttribute("data-cc-ready", "1");
    block.hidden = false;
    update();
  }

  function start() {
    var blocks = document.querySelectorAll(".cell-calculator");
    for (var i = 0; i < blocks.length; i++) init(blocks[i]);
    var notes = document.querySelectorAll(".cell-calculator-nojs");
    for (var j = 0; j < notes.length; j++) notes[j].hidden = true;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(this);

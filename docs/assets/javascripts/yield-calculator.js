/*
 * Yield calculator for the "From lab to fab" pages (zh and en).
 *
 * Markup lives in the page Markdown: a <div class="yield-calculator" data-lang="zh|en" hidden>
 * with two number inputs, an <output>, a bar and an error element. The block ships with the
 * `hidden` attribute, so readers without JavaScript see only the static table; this script
 * removes `hidden` once it has wired the block up.
 *
 * Overall yield = (yield per step) ^ (number of steps). No library, no network, no inline code.
 */
(function () {
  "use strict";

  var MESSAGES = {
    en: {
      stepsEmpty: "Enter the number of process steps.",
      stepsNotNumber: "The number of steps must be written in digits, for example 30.",
      stepsRange: "The number of steps must be a whole number from 1 to 500.",
      yieldEmpty: "Enter the yield per step, in percent.",
      yieldNotNumber: "The yield per step must be written in digits, for example 99.5.",
      yieldNegative: "The yield per step cannot be negative.",
      yieldOver: "The yield per step cannot be more than 100%.",
      barLabel: "Overall yield: {v}",
      barNone: "No result: check the inputs above.",
      lessThan: "< 0.1%",
      none: "—"
    },
    zh: {
      stepsEmpty: "请输入工序数。",
      stepsNotNumber: "工序数只能填数字，例如 30。",
      stepsRange: "工序数须为 1 到 500 之间的整数。",
      yieldEmpty: "请输入每道工序的良率（百分比）。",
      yieldNotNumber: "单道工序良率只能填数字，例如 99.5。",
      yieldNegative: "单道工序良率不能是负数。",
      yieldOver: "单道工序良率不能超过 100%。",
      barLabel: "总良率：{v}",
      barNone: "暂无结果：请检查上面的输入。",
      lessThan: "< 0.1%",
      none: "—"
    }
  };

  var MAX_STEPS = 500;

  function pick(root, name) {
    return root.querySelector("[data-yc='" + name + "']");
  }

  /* Returns {value} or {error}. The raw string is checked before Number() so that "", "1e", "abc"
   * or "１２" never become 0 or NaN on screen. */
  function readSteps(input, text) {
    var raw = input.value.trim();
    if (input.validity && input.validity.badInput) return { error: text.stepsNotNumber };
    if (raw === "") return { error: text.stepsEmpty };
    if (!/^[+]?\d+(\.\d+)?$/.test(raw)) return { error: text.stepsNotNumber };
    var n = Number(raw);
    if (!isFinite(n) || n !== Math.floor(n) || n < 1 || n > MAX_STEPS) return { error: text.stepsRange };
    return { value: n };
  }

  function readYield(input, text) {
    var raw = input.value.trim();
    if (input.validity && input.validity.badInput) return { error: text.yieldNotNumber };
    if (raw === "") return { error: text.yieldEmpty };
    if (/^-/.test(raw)) return { error: text.yieldNegative };
    if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(raw)) return { error: text.yieldNotNumber };
    var p = Number(raw);
    if (!isFinite(p)) return { error: text.yieldNotNumber };
    if (p < 0) return { error: text.yieldNegative };
    if (p > 100) return { error: text.yieldOver };
    return { value: p };
  }

  function formatPercent(fraction, text) {
    var pct = fraction * 100;
    if (pct > 0 && pct < 0.05) return text.lessThan;
    return pct.toFixed(1) + "%";
  }

  function formatCount(n) {
    /* 1,000 is the largest value; group thousands the same way in both languages. */
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function init(root) {
    if (root.getAttribute("data-yc-ready") === "1") return;
    var lang = root.getAttribute("data-lang") === "zh" ? "zh" : "en";
    var text = MESSAGES[lang];

    var steps = pick(root, "steps");
    var perStep = pick(root, "per-step");
    var overall = pick(root, "overall");
    var good = pick(root, "good");
    var scrap = pick(root, "scrap");
    var cost = pick(root, "cost");
    var bar = pick(root, "bar");
    var fill = pick(root, "fill");
    var error = pick(root, "error");
    if (!steps || !perStep || !overall || !good || !bar || !fill || !error) return;

    function showError(messages, badInputs) {
      [steps, perStep].forEach(function (el) {
        if (badInputs.indexOf(el) >= 0) el.setAttribute("aria-invalid", "true");
        else el.removeAttribute("aria-invalid");
      });
      if (messages.length) {
        error.textContent = messages.join(" ");
        error.hidden = false;
      } else {
        error.textContent = "";
        error.hidden = true;
      }
    }

    function clearResults() {
      overall.textContent = text.none;
      good.textContent = text.none;
      if (scrap) scrap.textContent = text.none;
      if (cost) cost.textContent = text.none;
      fill.style.width = "0%";
      bar.setAttribute("aria-label", text.barNone);
      root.classList.add("yield-calculator--invalid");
    }

    function update() {
      var s = readSteps(steps, text);
      var y = readYield(perStep, text);
      var messages = [];
      var bad = [];
      if (s.error) { messages.push(s.error); bad.push(steps); }
      if (y.error) { messages.push(y.error); bad.push(perStep); }
      showError(messages, bad);
      if (messages.length) { clearResults(); return; }

      var fraction = Math.pow(y.value / 100, s.value);
      if (!isFinite(fraction) || fraction < 0) fraction = 0;
      if (fraction > 1) fraction = 1;
      var goodCells = Math.round(fraction * 1000);
      var shown = formatPercent(fraction, text);

      root.classList.remove("yield-calculator--invalid");
      overall.textContent = shown;
      good.textContent = formatCount(goodCells);
      if (scrap) scrap.textContent = formatCount(1000 - goodCells);
      if (cost) {
        /* Cost per good cell relative to a line that scraps nothing: 1 / yield. */
        cost.textContent = fraction >= 0.001 ? "×" + (1 / fraction).toFixed(2) : text.none;
      }
      fill.style.width = (fraction * 100).toFixed(2) + "%";
      bar.setAttribute("aria-label", text.barLabel.replace("{v}", shown));
    }

    steps.addEventListener("input", update);
    perStep.addEventListener("input", update);
    steps.addEventListener("change", update);
    perStep.addEventListener("change", update);

    root.setAttribute("data-yc-ready", "1");
    root.hidden = false;
    update();
  }

  function start() {
    var blocks = document.querySelectorAll(".yield-calculator");
    for (var i = 0; i < blocks.length; i++) init(blocks[i]);
    /* The "needs JavaScript" note is only for readers without scripts: hide it once we run. */
    var notes = document.querySelectorAll(".yield-calculator-nojs");
    for (var j = 0; j < notes.length; j++) notes[j].hidden = true;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

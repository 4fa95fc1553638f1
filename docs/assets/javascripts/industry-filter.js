/* Filters the table of industry records (docs/zh and docs/en, industry-records.md) by company, region, chemistry
   and kind. The page works without it: the whole table is there. The filter box is in the built page
   at its full size with its controls disabled (so nothing moves when this script enables them;
   without scripts site.css hides it); it, the rows' data-* attributes and every label come from the
   hook overrides/hooks/industry_pages_from_data.py, in the page's language; this file holds no text.
   On load it only wires events (no per-row work unless the address asks for a filter).
   The count of shown records is written into a role="status" element, which screen readers
   announce. A link like industry-records.html?company=toyota opens the table filtered. */
(function () {
  "use strict";
  var box = document.querySelector("[data-industry-filter]");
  var table = document.getElementById("industry-records");
  var count = document.getElementById("industry-count");
  if (!box || !table || !count) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var selects = Array.prototype.slice.call(box.querySelectorAll("select[data-filter]"));
  var reset = box.querySelector("[data-filter-reset]");

  function matches(row, select) {
    var wanted = select.value;
    var values = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "").split(" ");
    return !wanted || values.indexOf(wanted) >= 0;
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = selects.every(function (select) { return matches(row, select); });
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown
      ? box.getAttribute("data-count").replace("{shown}", shown).replace("{total}", rows.length)
      : box.getAttribute("data-none");
    var query = new URLSearchParams();
    selects.forEach(function (select) {
      if (select.value) query.set(select.getAttribute("data-filter"), select.value);
    });
    var search = query.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  var params = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var value = params.get(select.getAttribute("data-filter"));
    if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
    select.addEventListener("change", apply);
  });
  reset.addEventListener("click", function () {
    selects.forEach(function (select) { select.value = ""; });
    apply();
    selects[0].focus();
  });
  selects.concat(reset).forEach(function (control) { control.disabled = false; });
  if (params.toString()) apply();
})();

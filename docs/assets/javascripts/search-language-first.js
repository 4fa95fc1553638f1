/* Search results in the reader's language first.
 * Both languages share one search index (mkdocs-static-i18n), so an English reader searching
 * "LLZO" also gets Chinese pages. This keeps Material's order within each language and moves the
 * results of the page's own language (<html lang>) to the top of the list. */
(function () {
  "use strict";
  var list = document.querySelector(".md-search-result__list");
  var configElement = document.getElementById("__config");
  if (!list || !configElement) return;
  var base = new URL(JSON.parse(configElement.textContent).base + "/", location.href);
  var pageLanguage = document.documentElement.lang === "en" ? "en" : "zh";

  function languageOf(item) {
    var link = item.querySelector("a[href]");
    if (!link) return pageLanguage;
    var path = new URL(link.href, location.href).pathname;
    return path.indexOf(base.pathname + "en/") === 0 ? "en" : "zh";
  }

  function reorder() {
    var items = Array.prototype.slice.call(list.children);
    var own = items.filter(function (item) { return languageOf(item) === pageLanguage; });
    var other = items.filter(function (item) { return languageOf(item) !== pageLanguage; });
    var wanted = own.concat(other);
    for (var i = 0; i < wanted.length; i++) {
      if (items[i] !== wanted[i]) {
        wanted.forEach(function (item) { list.appendChild(item); });
        return;
      }
    }
  }

  new MutationObserver(reorder).observe(list, { childList: true });
})();

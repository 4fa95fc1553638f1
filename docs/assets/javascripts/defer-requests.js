/* Requests the first screen does not need, made when they are needed, or never.
 *
 * Loaded on every page just before Material's bundle (overrides/main.html), because it changes
 * what the bundle does when it starts:
 *
 * 1. Search waits until the reader opens it. Material downloads the search index (tens of KiB
 *    gzipped, the largest file on a first view), starts its search worker and, through it, the
 *    Chinese search support (lunr.zh and friends) on every page view, though most readers never
 *    search. Here the index request is held back, and the worker is created only when Material
 *    first talks to it, until the search box gets focus, the magnifier is tapped, or the pointer
 *    moves over the search box. Material shows "Initializing search" meanwhile.
 * 2. The language switcher's sitemap.xml requests are never sent. Material fetches sitemap.xml
 *    next to each <link rel="alternate"> to map a page to its twin; our switcher links already
 *    point at the twin page (mkdocs-static-i18n), so the map is not needed.
 *
 * It matches Material 9.8's requests by URL. If a Material update changes them, nothing breaks:
 * requests are simply made as before, and the benchmark (benchmarks/lighthouse.py) and the browser
 * test "search waits until opened" show it.
 */
(function () {
  "use strict";
  var SEARCH_INDEX = /\/search\/search_index\.json$/;
  var SITEMAP = /\/sitemap\.xml$/;
  var SEARCH_WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js$/;

  var searchOpened = false;
  var waiting = [];
  function openSearch() {
    if (searchOpened) return;
    searchOpened = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var path = new URL(String(url), location.href).pathname;
    this.deferRequests = SEARCH_INDEX.test(path) ? "search" : SITEMAP.test(path) ? "never" : "";
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.deferRequests === "never") return undefined;
    if (request.deferRequests === "search" && !searchOpened) {
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };

  // Material talks to its search worker only once the index has arrived: create it then.
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!SEARCH_WORKER.test(new URL(String(url), location.href).pathname)) {
      return new RealWorker(url, options);
    }
    var proxy = new EventTarget();
    var worker = null;
    proxy.postMessage = function (message) {
      if (!worker) {
        worker = new RealWorker(url, options);
        worker.addEventListener("message", function (event) {
          proxy.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
      }
      worker.postMessage(message);
    };
    proxy.terminate = function () { if (worker) worker.terminate(); };
    return proxy;
  };

  function inSearch(target) {
    return target instanceof Element && target.closest(".md-search, [for='__search']") !== null;
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) openSearch(); });
  document.addEventListener("pointerover", function (event) { if (inSearch(event.target)) openSearch(); });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) openSearch();
  });
})();

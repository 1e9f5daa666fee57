// Embed the book's charts (helpers.book.render.embed_html): each <script type="application/json"
// class="vega-spec" data-chart="ID"> holds {spec, options} for the <div id="ID">. No inline script runs
// and Vega interprets expressions (options.ast) instead of compiling them, as the page's
// Content-Security-Policy requires (script-src 'self', no 'unsafe-eval').
(function () {
  "use strict";
  function fail(div, text) { div.textContent = text; }
  // The format type "bookFormat" of tooltips and text marks (helpers.book.render.blank_missing): a missing value
  // is a blank, a number takes its format in the book's number format (the embed option formatLocale).
  function bookFormat(value, specifier) {
    if (value === null || value === undefined || (typeof value === "number" && isNaN(value))) { return ""; }
    if (typeof value === "number") { return this.context.dataflow.locale().format(specifier || "")(value); }
    return String(value);
  }
  function embed(block) {
    var div = document.getElementById(block.getAttribute("data-chart"));
    if (!div) { return; }
    var data;
    try { data = JSON.parse(block.textContent); } catch (e) { fail(div, "Chart error: " + e); return; }
    data.options.expressionFunctions = { bookFormat: bookFormat };
    var tries = 0;
    (function go() {
      if (window.vegaEmbed) {
        window.vegaEmbed(div, data.spec, data.options).catch(function (e) { fail(div, "Chart error: " + e); });
      } else if (tries++ < 200) {
        setTimeout(go, 50);
      } else {
        fail(div, "Chart library missing (_static/vega-bundle.js)");
      }
    })();
  }
  function embedAll() { document.querySelectorAll("script.vega-spec[data-chart]").forEach(embed); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", embedAll); } else { embedAll(); }
})();

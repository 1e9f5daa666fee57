// Sphinx's doctools.js turns the plural rule of the interface translations (translations.js) into a
// function with `new Function`, which the book's Content-Security-Policy forbids (no 'unsafe-eval').
// helpers.book.sphinx_ext loads this file just before translations.js; it reads the usual gettext rules
// without eval. Sphinx uses the plural forms only in messages of its search page.
(function () {
  "use strict";
  if (typeof Documentation === "undefined") { return; }
  var RULES = {
    "0": function () { return 0; },
    "(n != 1)": function (n) { return n !== 1 ? 1 : 0; },
    "(n > 1)": function (n) { return n > 1 ? 1 : 0; }
  };
  Documentation.addTranslations = function (catalog) {
    Object.assign(Documentation.TRANSLATIONS, catalog.messages);
    var rule = String(catalog.plural_expr || "(n != 1)").replace(/\s+/g, " ").trim();
    if (!/^\(.*\)$/.test(rule) && rule !== "0") { rule = "(" + rule + ")"; }
    Documentation.PLURAL_EXPR = RULES[rule] || RULES["(n != 1)"];
    Documentation.LOCALE = catalog.locale;
  };
})();

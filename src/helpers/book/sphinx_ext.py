"""A small Sphinx extension for the book (enabled in ``_config.yml``).

Jupyter Book 1 always loads ``sphinx_thebe``, which adds its configuration script twice on every
page (the second copy throws "Identifier 'THEBE_JS_URL' has already been declared") and points at
a CDN for live code. The book has no live code, so both thebe scripts are dropped from each page,
and any other script included twice is kept once. Numbers glued into the text are written with the
separators of the book's language (Dutch: 61.648,5).

Security (stored script injection, issue 16):

- every page gets a ``Content-Security-Policy`` ``<meta>`` element (config ``book_csp``, on by default):
  scripts only from the book's own files (``script-src 'self'``), no ``eval``, no inline script except
  the theme's own inline scripts and ``onclick`` handlers, each allowed by its SHA-256 hash. Those are
  hashed only outside the page's content (the HTML rendered from the notebooks and Markdown), so a
  script that data smuggled into the content never runs, even if escaping failed. Styles may be
  inline (Vega, MathJax and the tables set them), ``object-src 'none'``, ``base-uri 'self'``,
  ``form-action 'self'`` (the search box). The charts run under it: their specs are JSON data blocks
  embedded by ``_static/charts.js`` with Vega's expression interpreter (:mod:`helpers.book.render`);
  ``_static/translations-csp.js`` replaces Sphinx's ``new Function`` for the plural rule of the
  translated interface.
- in the notebook pages and the generated taxonomy annex, HTML written in Markdown (as opposed to a
  cell's HTML output) is shown as text, with a warning: the book's narrative writes none, and data
  values reach Markdown escaped (:func:`helpers.i18n.md_text`), so any that remains came from data.
  sphinx-thebe's inline configuration scripts are dropped from every page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
from pathlib import Path
from typing import Any

#: marks the page content (``context["body"]``) in the written HTML until the policy is added; random per build
_MARK = secrets.token_hex(16)
_TRANSLATIONS_PATCH = "translations-csp.js"
#: after doctools.js (200), before translations.js (500)
_PATCH_PRIORITY = 450
#: the policy without the hashes of the theme's inline scripts (added per page)
CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script\s*>", re.S | re.I)
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.I)
#: pages whose Markdown is written from data (notebook outputs, glued paragraphs) or generated from data
_DATA_PAGES = ("notebooks/", "generated/taxonomy")


def _drop_thebe_and_duplicates(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, str]] = set()
    kept = []
    for script in scripts:
        filename = str(getattr(script, "filename", script) or "")
        body = str(getattr(script, "attributes", {}).get("body", ""))
        if "THEBE_JS_URL" in body or filename.endswith("sphinx-thebe.js"):
            continue
        # the CSP-safe plural rule must replace Documentation.addTranslations before translations.js (priority 500)
        # calls it; Jupyter Book adds every file of _static/ a second time, at priority 800: that copy is dropped
        if filename.endswith(_TRANSLATIONS_PATCH) and getattr(script, "priority", _PATCH_PRIORITY) != _PATCH_PRIORITY:
            continue
        key = (filename, body)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept


def _mark_content(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Mark the page's content, so the policy hashes only the inline scripts of the theme around it."""
    if app.config.book_csp and isinstance(context.get("body"), str):
        context["body"] = f"<!--{_MARK}-->{context['body']}<!--/{_MARK}-->"


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _inline_scripts(html_text: str) -> list[re.Match[str]]:
    """The inline scripts that a browser would run (no ``src``; no type, or a JavaScript type; not JSON data blocks)."""
    out = []
    for match in _SCRIPT.finditer(html_text):
        attrs = match.group("attrs") or ""
        kind = _TYPE.search(attrs)
        if not re.search(r"\ssrc\s*=", attrs, re.I) and not (kind and kind.group(1).lower() not in _JS_TYPES):
            out.append(match)
    return out


def page_policy(page: str, mark: str = _MARK) -> tuple[str, str, list[str]]:
    """The page without its content marks, its Content-Security-Policy, and the inline scripts of its
    content (which the policy blocks). Inline scripts and event handlers outside the marked content
    (the theme's) are allowed by their hashes."""
    content = re.compile(f"<!--{mark}-->(.*?)<!--/{mark}-->", re.S)
    outside = content.sub("", page)
    hashes = {_sha256(match.group("body")) for match in _inline_scripts(outside)}
    handlers: set[str] = set()
    for tag in _TAG.findall(_SCRIPT.sub("", outside)):
        for match in _HANDLER.finditer(tag):
            handlers.add(_sha256(html.unescape(match.group(1) if match.group(1) is not None else match.group(2))))
    directives = dict(CSP_DIRECTIVES)
    extra = (["'unsafe-hashes'"] if handlers else []) + sorted(hashes | handlers)
    directives["script-src"] = " ".join([directives["script-src"], *extra])
    policy = "; ".join(f"{name} {value}" for name, value in directives.items())
    blocked = [match.group(0)[:80] for region in content.findall(page) for match in _inline_scripts(region)]
    return content.sub(lambda m: m.group(1), page), policy, blocked


def _insert_policy(page: str, policy: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False).replace(chr(34), "&quot;")}" />'
    charset = re.search(r"<meta\s+charset=[^>]*>", page, re.I)
    if charset:
        return page[: charset.end()] + "\n    " + meta + page[charset.end():]
    head = re.search(r"<head[^>]*>", page, re.I)
    return page[: head.end()] + meta + page[head.end():] if head else meta + "\n" + page  # e.g. Jupyter Book's redirecting index.html


_OLD_POLICY = re.compile(r'\n?[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>')


def _add_policies(app: Any, exception: Exception | None) -> None:
    """Write the Content-Security-Policy into every HTML page of the finished build."""
    if exception is not None or not app.config.book_csp or getattr(app.builder, "format", "") != "html":
        return
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    for path in sorted(Path(app.outdir).rglob("*.html")):
        # a page Sphinx did not write again (the stage is kept between builds) still has the policy of the last build
        text = path.read_text(encoding="utf-8")
        page, policy, blocked = page_policy(_OLD_POLICY.sub("", text))
        for script in blocked:
            logger.warning(f"{path.relative_to(app.outdir)}: an inline script in the page's content is blocked by the "
                           f"Content-Security-Policy: {script!r}", type="book", subtype="csp")
        if (new := _insert_policy(page, policy)) != text:
            path.write_text(new, encoding="utf-8")


def _is_thebe(raw: Any) -> bool:
    text = raw.astext()
    return "text/x-thebe-config" in text or text.startswith("<script>kernelName = ")


def _raw_html_as_text(app: Any, doctree: Any, docname: str) -> None:
    """Drop sphinx-thebe's configuration scripts (no live code here); on pages written from data, HTML that
    Markdown let through (not a cell's HTML output) becomes text."""
    from docutils import nodes
    from sphinx.util import logging

    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split():
            continue
        if _is_thebe(raw):
            raw.parent.remove(raw)
        elif docname.startswith(_DATA_PAGES) and "text_html" not in raw.get("classes", []) and raw.astext() != "<br />\n":
            logging.getLogger(__name__).warning(f"{docname}: HTML in Markdown text shown as text: {raw.astext()[:80]!r}",
                                                type="book", subtype="html_in_markdown")
            text = nodes.Text(raw.astext())
            raw.replace_self(text if isinstance(raw.parent, nodes.TextElement) else nodes.paragraph("", "", text))


def _localise_glued_numbers(app: Any, doctree: Any, docname: str) -> None:
    """Numbers glued into the text (myst-nb ``pasted-text``) in the book's language: Dutch 61.648,5."""
    from docutils import nodes

    from helpers.i18n import localise_number

    language = app.config.language or "en"
    for node in list(doctree.findall(nodes.inline)):
        if "pasted-text" in node.get("classes", []) and len(node.children) == 1 and isinstance(node.children[0], nodes.Text):
            text = node.astext()
            new = localise_number(text, language)
            if new != text:
                node.children[0] = nodes.Text(new)


#: the switch's words per language of the page: (label before the links, each language's name in its own words)
_SWITCH_LABEL = {"nl": "Taal", "en": "Language"}
_LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def switch_html(pagename: str, language: str, languages: list[str]) -> str:
    """The language switch of page ``pagename``: links to the same page in the book of every other language,
    which the build publishes beside this one (``<language>/<page>.html``).

    >>> switch_html("notebooks/regions", "nl", ["nl", "en"])  # doctest: +ELLIPSIS
    '<nav class="lang-switch" aria-label="Taal"><a href="../../en/notebooks/regions.html" hreflang="en" lang="en">English</a></nav>'
    """
    up = "../" * (pagename.count("/") + 1)
    links = "".join(f'<a href="{up}{other}/{html.escape(pagename)}.html" hreflang="{other}" lang="{other}">{_LANGUAGE_NAMES[other]}</a>'
                    for other in languages if other != language)
    return f'<nav class="lang-switch" aria-label="{_SWITCH_LABEL.get(language, "Language")}">{links}</nav>' if links else ""


def _language_switch(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Put the language switch at the top of every page's content (when more than one language is built)."""
    switch = switch_html(pagename, app.config.language or "en", list(app.config.book_languages))
    if switch and isinstance(context.get("body"), str):
        context["body"] = switch + context["body"]


#: the theme's own words that its Dutch catalogue leaves in English (tooltips of the header buttons)
_THEME_WORDS = {"nl": {"Color mode": "Kleurmodus", "Light": "Licht", "Dark": "Donker", "System Settings": "Systeeminstelling",
                       "Search": "Zoeken", "Back to top": "Terug naar boven", "Main": "Hoofdmenu", "On this page": "Op deze pagina",
                       "Page": "Pagina", "Search this book...": "Zoek in dit boek...", "Site navigation": "Navigatie",
                       "Toggle hidden content": "Verborgen inhoud tonen of verbergen", "Version warning": "Versiewaarschuwing",
                       "Link to this heading": "Link naar deze kop", "Link to this table": "Link naar deze tabel",
                       "Link to this image": "Link naar deze afbeelding", "Link to this equation": "Link naar deze formule",
                       "previous page": "vorige pagina", "next page": "volgende pagina"}}
_THEME_ATTRIBUTES = ("aria-label", "title", "data-bs-title", "placeholder")
#: the theme's visible English texts (element content) in a Dutch book
_THEME_TEXTS = {"nl": {'<a href="#main-content">Skip to main content</a>': '<a href="#main-content">Naar de inhoud</a>',
                       '</i>Back to top</button>': '</i>Terug naar boven</button>'}}


def _theme_options(app: Any, config: Any) -> None:
    """No download menu in the header: the book publishes no page sources (its ".md" link would be broken)
    and the PDF edition replaces printing a page. Jupyter Book does not pass ``use_download_button`` on
    to the theme, so it is set here."""
    options = dict(config.html_theme_options or {})
    options["use_download_button"] = False
    config.html_theme_options = options


def translate_attributes(page: str, words: dict[str, str]) -> str:
    """``page`` with the English values of its tooltip, label and placeholder attributes replaced by ``words``.

    >>> translate_attributes('<a title="Link to this heading">#</a>', {"Link to this heading": "Link naar deze kop"})
    '<a title="Link naar deze kop">#</a>'
    """
    pattern = re.compile(r'\b(' + "|".join(_THEME_ATTRIBUTES) + r')="(' + "|".join(re.escape(w) for w in words) + r')"')
    return pattern.sub(lambda m: f'{m.group(1)}="{words[m.group(2)]}"', page)


def _translate_theme_words(app: Any, exception: Exception | None) -> None:
    """Replace the theme's English tooltips, labels and placeholders in the pages of a Dutch book."""
    words = _THEME_WORDS.get(app.config.language or "en")
    if exception is not None or not words or getattr(app.builder, "format", "") != "html":
        return
    for path in sorted(Path(app.outdir).rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        new = translate_attributes(page, words)
        for english, dutch in _THEME_TEXTS.get(app.config.language or "en", {}).items():
            new = new.replace(english, dutch)
        if new != page:
            path.write_text(new, encoding="utf-8")


_NUMBER_WORDS = {"nl": ("Figuur", "Tabel"), "en": ("Figure", "Table")}
_CHART = re.compile(r'<div class="vega-chart[^"]*"')
_CAPTION = re.compile(r"<caption>")


def number_figures(body: str, chapter: str, language: str) -> str:
    """Number the charts and the captioned tables of one page per chapter (``Figuur 3.1``, ``Tabel 3.2``): a
    line above each chart, a prefix to each table caption. A chart that reproduces one of the VARIO report's
    figures names that figure in its own title.

    >>> number_figures('<div class="vega-chart" id="a"></div><table><caption>RCA</caption></table>', "3", "nl")
    '<p class="figure-number">Figuur 3.1</p><div class="vega-chart" id="a"></div><table><caption><span class="table-number">Tabel 3.1</span> RCA</caption></table>'
    """
    figure, table = _NUMBER_WORDS.get(language, _NUMBER_WORDS["en"])
    charts = iter(range(1, 10_000))
    body = _CHART.sub(lambda m: f'<p class="figure-number">{figure} {chapter}.{next(charts)}</p>{m.group(0)}', body)
    tables = iter(range(1, 10_000))
    return _CAPTION.sub(lambda m: f'<caption><span class="table-number">{table} {chapter}.{next(tables)}</span> ', body)


def _number_figures(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    chapter = dict(app.config.book_numbers).get(pagename)
    if chapter and isinstance(context.get("body"), str):
        context["body"] = number_figures(context["body"], chapter, app.config.language or "en")


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("book_numbers", {}, "html", [dict])
    app.connect("html-page-context", _number_figures, priority=930)
    app.connect("config-inited", _theme_options)
    app.connect("build-finished", _translate_theme_words, priority=800)
    app.add_config_value("book_csp", True, "html", [bool])
    app.add_config_value("book_languages", [], "html", [list])
    app.connect("html-page-context", _language_switch, priority=940)  # before the content is marked (950)
    app.add_js_file(_TRANSLATIONS_PATCH, priority=_PATCH_PRIORITY)
    app.connect("html-page-context", _drop_thebe_and_duplicates, priority=900)
    app.connect("html-page-context", _mark_content, priority=950)
    app.connect("doctree-resolved", _localise_glued_numbers)
    app.connect("doctree-resolved", _raw_html_as_text, priority=600)  # after sphinx-thebe adds its nodes (500)
    app.connect("build-finished", _add_policies, priority=900)  # after sphinx-external-toc writes the redirecting index.html
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""The PDF edition of the book: the whole book in one file, for print or to keep.

``helpers build`` calls :func:`write_pdf` after Jupyter Book and before publishing, on the built
HTML folder of one language; a second language's build calls it again on its own folder. Steps:

1. :func:`print_html` assembles a single-page print version of the book: the content (the
   ``<article>``) of every page of ``_toc.yml``, in book order, one ``<section class="print-chapter">``
   each. Ids are prefixed per page (``p3-...``), so links between pages become links inside the
   document; links to other files of the site (CSV downloads) become plain text; images, scripts
   and stylesheets point at the site's own files. The page carries the book's
   Content-Security-Policy and runs no inline script: the MathJax settings go into a small file
   beside it.
2. The print version is written into the built HTML folder (so that ``_static/`` resolves), loaded
   in headless Chromium (Playwright with the system's ``chromium``) from ``file://``; once every
   chart container holds Vega's SVG and MathJax has typeset, Chromium prints it to A4 with page
   numbers. The print stylesheet (``book/_static/print.css``) shows tables whole, scales charts into
   the page width, leaves navigation and code cells out and starts each chapter on a new page.
3. The PDF is written as ``<html>/<name>-<edition>.pdf`` (:func:`pdf_name`), the print version
   removed. Any failure (Chromium missing, a chart that does not render) is one-line
   :class:`BuildError`, so the build publishes nothing.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import os
import posixpath
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

import yaml

from helpers.book.edition import PROJECT_ROOT
from helpers.errors import BuildError

#: the PDF's file name per language, before ``-<edition>.pdf``
PDF_NAMES = {"nl": "vlaamse-sterktes", "en": "flemish-strengths"}
#: seconds to wait for every chart and formula to render
RENDER_TIMEOUT = 90.0
CHROMIUM = os.environ.get("HELPERS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic", "--disable-extensions"]
#: A4 with the margins of :func:`_print_to_pdf`: 210 mm - 2 x 14 mm at 96 px per inch
CONTENT_WIDTH_PX = 688
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_MATHJAX_CONFIG = re.compile(r"<script>\s*(window\.MathJax\s*=.*?)</script>", re.S)


def pdf_name(language: str, edition: int | str) -> str:
    """``vlaamse-sterktes-2026.pdf`` (Dutch), ``flemish-strengths-2026.pdf`` (English)."""
    return f"{PDF_NAMES.get(language, PDF_NAMES['en'])}-{edition}.pdf"


def toc_pages(toc: Path) -> list[str]:
    """The pages of a Jupyter Book ``_toc.yml`` in book order (root first), as paths without suffix."""
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    pages: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str) and node[key] not in pages:
                    pages.append(node[key])
            for key, value in node.items():
                if key not in ("root", "file"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return [re.sub(r"\.(md|ipynb|rst)$", "", page) for page in pages]


def _article(page: str) -> str:
    """The content of a built page: its ``<article class="bd-article">`` (else ``<main>``, else ``<body>``)."""
    for start, end in (('<article class="bd-article"', "</article>"), ("<main", "</main>"), ("<body", "</body>")):
        i, j = page.find(start), page.rfind(end)
        if i >= 0 and j > i:
            return page[page.index(">", i) + 1:j]
    return page


def _site_title(page: str) -> str:
    """The book's title from a page's ``<title>page — book</title>``."""
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    title = html_lib.unescape(match.group(1)).strip() if match else ""
    return title.split(" \u2014 ")[-1].strip()


_RAW_BLOCK = re.compile(r"(<(script|style)\b[^>]*>.*?</\2\s*>)", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ATTR = re.compile(r"""(\s)([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_ID_ATTRS = ("id", "data-chart", "for", "aria-labelledby", "aria-describedby")


def _rewrite(content: str, index: int, rel: str, page_ids: dict[str, int]) -> str:
    """Page ``index`` (``rel``, e.g. ``notebooks/x.html``) for the print version: its ids prefixed
    with ``p<index>-``, links to pages of the book as links inside the document, links to other
    files of the site (CSV downloads, the PDF itself) as plain text, sources from the site's root.
    Script and style elements are left as they are, but for their own attributes."""
    prefix, base = f"p{index}-", posixpath.dirname(rel)

    def url_of(value: str, name: str, tag: str) -> str | None:
        if _SCHEME.match(value):
            return value
        parts = urlsplit(value)
        if name == "src" or tag != "a":
            return posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else value
        if not parts.path:  # a link inside the page
            return f"#{prefix}{parts.fragment}" if parts.fragment else f"#p{index}"
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if target in page_ids:
            return f"#p{page_ids[target]}-{parts.fragment}" if parts.fragment else f"#p{page_ids[target]}"
        return None  # a file of the site: the link is dropped, its text stays

    def tag(match: re.Match[str]) -> str:
        name, attrs = match.group(1).lower(), match.group(2) or ""
        if not attrs:
            return match.group(0)
        drop_link = False
        out = []
        for attr in _ATTR.finditer(attrs):
            key, raw = attr.group(2).lower(), attr.group(3)
            value = html_lib.unescape(raw[1:-1] if raw and raw[0] in "\"'" else raw or "")
            if key in _ID_ATTRS:
                value = " ".join(prefix + part for part in value.split())
            elif key in ("href", "src"):
                new = url_of(value, key, name)
                if new is None:
                    drop_link = True
                    continue
                value = new
            elif raw is None:
                out.append(f" {attr.group(2)}")
                continue
            else:
                out.append(f" {attr.group(2)}={raw}")
                continue
            out.append(f' {attr.group(2)}="{html_lib.escape(value)}"')
        if drop_link:
            out = [a for a in out if not re.match(r"\s(download|target)\b", a, re.I)]
        slash = "/" if attrs.rstrip().endswith("/") else ""
        return f"<{match.group(1)}{''.join(out)}{slash}>"

    pieces = _RAW_BLOCK.split(content)
    out = []
    for i, piece in enumerate(pieces):
        if i % 3 == 0:
            out.append(_TAG.sub(tag, piece))
        elif i % 3 == 1:  # a script or style element: its opening tag only
            opening = re.match(r"<[^>]*>", piece).group(0)
            out.append(_TAG.sub(tag, opening) + piece[len(opening):])
    return "".join(out)


def print_html(site: Path, pages: list[str], language: str, policy: str, config_js: str | None = None) -> str:
    """The single-page print version of the built site ``site`` (pages in book order), as HTML to
    be written at the site's root. ``config_js``: a script of the site root run before MathJax."""
    page_ids = {f"{page}.html": i for i, page in enumerate(pages, 1)}
    texts = {}
    for page in pages:
        path = site / f"{page}.html"
        if not path.is_file():
            raise BuildError(f"PDF edition: {path} is missing although _toc.yml lists {page}")
        texts[page] = path.read_text(encoding="utf-8")
    first = texts[pages[0]] if pages else ""
    head_of = {page: text[: text.find("</head>")] if "</head>" in text else "" for page, text in texts.items()}
    # stylesheets of the first page (the same on every page), from the site's root
    styles = []
    for href in re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"|<link\b[^>]*href="([^"]+)"[^>]*rel="stylesheet"', head_of.get(pages[0], "") if pages else ""):
        url = href[0] or href[1]
        if not _SCHEME.match(url):
            url = posixpath.normpath(posixpath.join(posixpath.dirname(pages[0]), urlsplit(url).path))
        styles.append(url)
    scripts = [f"_static/{name}" for name in ("vega-bundle.js", "charts.js") if (site / "_static" / name).is_file()]
    mathjax = next((m for page in pages for m in re.findall(r'<script[^>]*src="([^"]*mathjax[^"]*)"', head_of[page])), None)
    if mathjax:
        page = next(page for page in pages if mathjax in head_of[page])
        mathjax = posixpath.normpath(posixpath.join(posixpath.dirname(page), urlsplit(mathjax).path))
        scripts += ([config_js] if config_js else []) + [mathjax]

    sections = []
    for i, page in enumerate(pages, 1):
        content = _rewrite(_article(texts[page]), i, f"{page}.html", page_ids)
        sections.append(f'<section class="print-chapter" id="p{i}" data-page="{html_lib.escape(page)}">\n{content}\n</section>')
    esc = html_lib.escape
    head = "\n".join([
        '<meta charset="utf-8" />',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy, quote=False).replace(chr(34), "&quot;")}" />',
        f"<title>{esc(_site_title(first))}</title>",
        *(f'<link rel="stylesheet" href="{esc(url)}" />' for url in styles),
        *(f'<script src="{esc(url)}"{" defer" if "mathjax" in url else ""}></script>' for url in scripts),
    ])
    return (f'<!DOCTYPE html>\n<html lang="{esc(language)}" data-theme="light" data-mode="light" data-content_root="./">\n'
            f'<head>\n{head}\n</head>\n<body class="print-edition">\n<main class="bd-main">\n<article class="bd-article">\n'
            + "\n".join(sections) + "\n</article>\n</main>\n</body>\n</html>\n")


def mathjax_config(site: Path, pages: list[str]) -> str | None:
    """The MathJax settings of the site's pages (an inline script there), for a file beside the print version."""
    for page in pages:
        path = site / f"{page}.html"
        match = _MATHJAX_CONFIG.search(path.read_text(encoding="utf-8")) if path.is_file() else None
        if match:
            return match.group(1).strip() + "\n"
    return None


def print_version(site: Path, pages: list[str], language: str, config_name: str) -> tuple[str, str | None]:
    """The print version of ``site`` under the book's Content-Security-Policy (:func:`print_html`) and the MathJax
    settings to write beside it as ``config_name`` (``None``: the pages use no MathJax settings, nothing to write)."""
    from helpers.book.sphinx_ext import CSP_DIRECTIVES

    policy = "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES.items())
    config = mathjax_config(site, pages)
    return print_html(site, pages, language, policy, config_name if config else None), config


def print_digest(text: str, config: str | None, site: Path) -> str:
    """What the PDF is printed from: the print version's HTML (without the edition page's build time, which
    alone differs between two builds of the same inputs), the MathJax configuration and the style sheets."""
    from helpers.book.provenance import without_build_time

    digest = hashlib.sha256(without_build_time(text).encode())
    digest.update((config or "").encode())
    for css in sorted((site / "_static").rglob("*.css")):
        digest.update(css.read_bytes())
    return digest.hexdigest()


def write_pdf(site: Path, language: str, edition: int | str, progress: Callable[[str], None] = print,
              toc: Path = PROJECT_ROOT / "_toc.yml") -> float:
    """Print the built site ``site`` (one language) to ``site/<pdf_name>``; returns the seconds it took."""
    t = time.perf_counter()
    site = Path(site)
    pages = toc_pages(toc)
    token = secrets.token_hex(6)
    html_file, config_file = site / f".print-{token}.html", site / f".print-{token}.js"
    target = site / pdf_name(language, edition)
    for stale in site.glob("*.pdf"):  # an earlier build's edition or language in the kept Sphinx output
        if stale != target and stale.name.startswith(tuple(f"{name}-" for name in PDF_NAMES.values())):
            stale.unlink()
    text, config = print_version(site, pages, language, config_file.name)
    stamp = site.parent / f"{target.name}.inputs"  # beside the Sphinx output, not published
    digest = print_digest(text.replace(token, ""), config, site)  # (the print files' names are random)
    if target.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        progress(f"[pdf] {target.name}: the pages are those of the last build; reusing its PDF")
        return time.perf_counter() - t
    stamp.unlink(missing_ok=True)
    try:
        if config:
            config_file.write_text(config, encoding="utf-8")
        html_file.write_text(text, encoding="utf-8")
        pages_printed = _print_to_pdf(html_file, target)
        stamp.write_text(digest, encoding="utf-8")
    finally:
        for path in (html_file, config_file):
            path.unlink(missing_ok=True)
    seconds = time.perf_counter() - t
    progress(f"[pdf] {target.name}: {pages_printed} pages, {target.stat().st_size / 1e6:.1f} MB, done in {seconds:.1f} s")
    return seconds


_STATUS = """() => {
  const charts = Array.from(document.querySelectorAll('div.vega-chart'));
  const failed = charts.filter(d => !d.querySelector('svg, canvas') && /^Chart /.test(d.textContent.trim()))
    .map(d => (d.closest('section.print-chapter') || {dataset: {}}).dataset.page + ': ' + d.textContent.trim().slice(0, 120));
  return {total: charts.length, done: charts.filter(d => d.querySelector('svg.marks, canvas')).length, failed: failed};
}"""


#: the smallest text a table is shrunk to (points) before its words are broken anywhere
MIN_TABLE_PT = 5.0
#: in print layout (the page as wide as the paper's text): shrink the text of each table wider than
#: its container by half points down to ``min`` points; then let its headers, and if that is not
#: enough its text cells, break inside words (numbers never break: print.css)
_FIT_TABLES = """(min) => {
  const minPx = min * 96 / 72;
  const wide = (table) => table.getBoundingClientRect().width > table.parentElement.clientWidth + 1;
  const over = Array.from(document.querySelectorAll('table')).filter(wide);
  // one layout per pass: the text shrinks in proportion to the excess, three times at most
  let todo = over;
  for (let pass = 0; pass < 3 && todo.length; pass++, todo = todo.filter(wide)) {
    const sizes = todo.map(t => [t, parseFloat(getComputedStyle(t).fontSize), t.parentElement.clientWidth / t.getBoundingClientRect().width]);
    for (const [t, size, ratio] of sizes) { t.style.fontSize = Math.max(minPx, size * Math.min(ratio, 0.95)) + 'px'; }
  }
  todo.forEach(t => t.classList.add('print-squeeze-head'));
  todo.filter(wide).forEach(t => t.classList.add('print-squeeze'));
  return over.length;
}"""


def _print_to_pdf(html_file: Path, target: Path) -> int:
    """Load ``html_file`` in headless Chromium, wait for the charts and formulas, print it to ``target``; the page count."""
    if not Path(CHROMIUM).exists():
        raise BuildError(f"the PDF edition needs Chromium, not found at {CHROMIUM}: install it (Debian: apt-get install chromium) "
                         "or set HELPERS_CHROMIUM to its path")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BuildError("the PDF edition needs the playwright package to drive Chromium: pip install playwright "
                         "(make book installs it)") from None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                page = browser.new_page(viewport={"width": CONTENT_WIDTH_PX, "height": 1000})
                print_layout(page, html_file)
                title = page.title()
                # (Chromium writes a document outline only into a tagged PDF: ``tagged=True`` doubles the printing time and the
                # file's size, so the edition has no bookmarks; ``outline=True`` alone adds none)
                page.pdf(path=str(target), format="A4", print_background=True, outline=True,
                         margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
                         display_header_footer=True, header_template="<div></div>",
                         footer_template=('<div style="font-size:7pt;color:#555;width:100%;padding:0 14mm;display:flex;'
                                          f'justify-content:space-between"><span>{html_lib.escape(title)}</span>'
                                          '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'))
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise BuildError(f"the PDF edition failed in Chromium: {str(exc).strip().splitlines()[0]}") from None
    return _page_count(target)


def print_layout(page: Any, html_file: Path) -> None:
    """Load the print version ``html_file`` in the Playwright ``page`` (as wide as the paper's text), wait for
    every chart and formula, switch to print media and fit the wide tables to the page (:data:`_FIT_TABLES`)."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(html_file.resolve().as_uri(), wait_until="load", timeout=RENDER_TIMEOUT * 1000)
    _wait_for_charts(page, errors)
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise ? MathJax.startup.promise.then(() => true) : true")
    page.emulate_media(media="print")
    page.evaluate(_FIT_TABLES, MIN_TABLE_PT)


def _wait_for_charts(page: Any, errors: list[str]) -> None:
    """Wait until every chart container holds an SVG; a chart error or a timeout is a BuildError."""
    deadline = time.monotonic() + RENDER_TIMEOUT
    while True:
        status = page.evaluate(_STATUS)
        if status["failed"]:
            raise BuildError(f"the PDF edition: a chart did not render ({status['failed'][0]})")
        if status["done"] >= status["total"]:
            return
        if time.monotonic() > deadline:
            detail = f"; page error: {errors[0][:120]}" if errors else ""
            raise BuildError(f"the PDF edition: {status['total'] - status['done']} of {status['total']} charts had not rendered "
                             f"after {RENDER_TIMEOUT:.0f} s{detail}")
        page.wait_for_timeout(100)


def _page_count(pdf: Path) -> int:
    """The number of pages of a PDF that Chromium wrote (its page tree's ``/Count``)."""
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf.read_bytes())]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf.read_bytes())]
    return max(counts, default=0)

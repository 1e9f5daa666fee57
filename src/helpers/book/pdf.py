"""The PDF edition of the book: the whole book in one file, for print or to keep.

``helpers build`` calls :func:`write_pdf` after Jupyter Book and before publishing, on the built
HTML folder of one language; a second language's build calls it again on its own folder. Steps:

1. :func:`print_parts` assembles the print version of the book: the content (the ``<article>``) of
   every page of ``_toc.yml``, in book order, one ``<section class="print-chapter">`` each
   (:class:`PrintVersion`). Ids are prefixed per page (``p3-...``), so links between pages become
   links inside the document; links to other files of the site (CSV downloads) become plain text;
   images, scripts and stylesheets point at the site's own files. The page carries the book's
   Content-Security-Policy and runs no inline script: the MathJax settings go into a small file
   beside it.
2. The print version is written into the built HTML folder (so that ``_static/`` resolves), loaded
   in headless Chromium (Playwright with the system's ``chromium``) from ``file://``; once every
   chart container holds Vega's SVG and MathJax has typeset, the wide tables are fitted and every table
   is measured as laid out (:mod:`helpers.book.pdf_layout`; the measures are kept per chapter with the
   parts, and a table that does not fit is reported in the build's log), Chromium prints it to A4. The print
   stylesheet (``book/_static/print.css``) shows tables whole, scales charts into the page width,
   leaves navigation and code cells out and starts each chapter on a new page.
3. The first build prints the whole book; a later build prints again only the chapters whose
   section changed, together (the same pages, since each chapter starts on a new page), and
   :mod:`helpers.book.pdf_join` joins them with the other chapters' pages from the last print
   (``<name>.pdf.parts/`` beside the site, not published), adds bookmarks per chapter and section
   and lays the page numbers over the pages.
4. The PDF is written as ``<html>/<name>-<edition>.pdf`` (:func:`pdf_name`), the print files
   removed. Any failure (Chromium missing, a chart that does not render) is one-line
   :class:`BuildError`, so the build publishes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import html as html_lib
import json
import os
import posixpath
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import unquote, urlsplit

import yaml

from helpers.book import pdf_join, pdf_layout
from helpers.book.edition import PROJECT_ROOT
from helpers.errors import BuildError

#: the PDF's file name per language, before ``-<edition>.pdf``
PDF_NAMES = {"nl": "vlaamse-sterktes", "en": "flemish-strengths"}
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
_REWRITTEN = re.compile(r"\s(?:id|data-chart|for|aria-labelledby|aria-describedby|href|src)\s*=", re.I)


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
        if not _REWRITTEN.search(attrs):  # (most tags: nothing to rewrite, kept as they are)
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


_LINK_TARGET = re.compile(r'href="#(p(\d+)(?:-[^"]*)?)"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def _text(fragment: str) -> str:
    """The reader's text of an HTML fragment (a heading without its pilcrow link)."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", _HEADERLINK.sub("", fragment))).split())


@dataclass(frozen=True)
class PrintVersion:
    """The book as one print document: the document's head (up to its ``<article>``), one ``<section>`` per page
    of ``_toc.yml`` in book order, and its title. :meth:`whole` is the whole book, :meth:`chapters` some of its
    pages; a page prints to the same pages in either (every chapter starts on a new page)."""

    head: str
    sections: list[str]
    title: str
    #: per section: the ids of other sections it links to (stand-ins when those sections are not printed with it)
    elsewhere: list[list[str]]

    def whole(self) -> str:
        return self.head + "\n".join(self.sections) + _TAIL

    def chapters(self, numbers: list[int]) -> str:
        """Sections ``numbers`` (1-based, in book order) without the others, each with empty stand-ins of the ids it links to in
        the other sections, so that Chromium keeps those links (named destinations that
        :func:`helpers.book.pdf_join.join` resolves)."""
        parts = []
        for number in numbers:
            section = self.sections[number - 1]
            names = [name for name in self.elsewhere[number - 1] if not any(pdf_join.own(name, other) for other in numbers)]
            spans = "".join(f'<span id="{name}"></span>' for name in names)
            at = section.index(">") + 1
            stand_ins = f'\n<div class="print-elsewhere" aria-hidden="true">{spans}</div>' if spans else ""
            parts.append(section[:at] + stand_ins + section[at:])
        return self.head + "\n".join(parts) + _TAIL

    def outline(self) -> list[pdf_join.Chapter]:
        """Each section's title (its first-level heading) and second-level headings with their ids."""
        chapters = []
        for i, section in enumerate(self.sections, 1):
            h1 = _H1.search(section)
            subs = [(_text(title), name) for name, title in
                    re.findall(rf'<section id="(p{i}-[^"]+)"[^>]*>\s*<h2\b[^>]*>(.*?)</h2>', section, re.S)]
            chapters.append(pdf_join.Chapter(_text(h1.group(1)) if h1 else self.title, subs))
        return chapters


_TAIL = "\n</article>\n</main>\n</body>\n</html>\n"


def print_html(site: Path, pages: list[str], language: str, policy: str, config_js: str | None = None) -> str:
    """The single-page print version of the built site ``site`` (pages in book order), as HTML to
    be written at the site's root. ``config_js``: a script of the site root run before MathJax."""
    return print_parts(site, pages, language, policy, config_js).whole()


def print_parts(site: Path, pages: list[str], language: str, policy: str, config_js: str | None = None) -> PrintVersion:
    """The print version of ``site`` in its parts (:class:`PrintVersion`); see :func:`print_html`."""
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

    contents = [_rewrite(_article(texts[page]), i, f"{page}.html", page_ids) for i, page in enumerate(pages, 1)]
    # the ids that links point at, per section: each section links to them (hidden), so that Chromium writes a named
    # destination for each in the section's own print too; the section's own id marks where its pages start
    targets: dict[int, set[str]] = {i: {f"p{i}"} for i in range(1, len(pages) + 1)}
    linked: list[set[str]] = []
    for content in contents:
        found = {(name, int(number)) for name, number in _LINK_TARGET.findall(content)}
        linked.append({name for name, _ in found})
        for name, number in found:
            targets.setdefault(number, set()).add(name)
    sections = []
    for i, (page, content) in enumerate(zip(pages, contents), 1):
        hidden = "".join(f'<a href="#{name}"></a>' for name in sorted(targets[i]))
        sections.append(f'<section class="print-chapter" id="p{i}" data-page="{html_lib.escape(page)}">\n'
                        f'<nav class="print-targets" hidden>{hidden}</nav>\n{content}\n</section>')
    elsewhere = [sorted(name for name in names if not pdf_join.own(name, i)) for i, names in enumerate(linked, 1)]
    esc = html_lib.escape
    title = _site_title(first)
    head = "\n".join([
        '<meta charset="utf-8" />',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy, quote=False).replace(chr(34), "&quot;")}" />',
        f"<title>{esc(title)}</title>",
        *(f'<link rel="stylesheet" href="{esc(url)}" />' for url in styles),
        *(f'<script src="{esc(url)}"{" defer" if "mathjax" in url else ""}></script>' for url in scripts),
    ])
    start = (f'<!DOCTYPE html>\n<html lang="{esc(language)}" data-theme="light" data-mode="light" data-content_root="./">\n'
             f'<head>\n{head}\n</head>\n<body class="print-edition">\n<main class="bd-main">\n<article class="bd-article">\n')
    return PrintVersion(start, sections, title, elsewhere)


def mathjax_config(site: Path, pages: list[str]) -> str | None:
    """The MathJax settings of the site's pages (an inline script there), for a file beside the print version."""
    for page in pages:
        path = site / f"{page}.html"
        match = _MATHJAX_CONFIG.search(path.read_text(encoding="utf-8")) if path.is_file() else None
        if match:
            return match.group(1).strip() + "\n"
    return None


def print_version(site: Path, pages: list[str], language: str, config_name: str) -> tuple[PrintVersion, str | None]:
    """The print version of ``site`` under the book's Content-Security-Policy (:func:`print_parts`) and the MathJax
    settings to write beside it as ``config_name`` (``None``: the pages use no MathJax settings, nothing to write)."""
    from helpers.book.sphinx_ext import CSP_DIRECTIVES

    policy = "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES.items())
    config = mathjax_config(site, pages)
    return print_parts(site, pages, language, policy, config_name if config else None), config


def _digest(*texts: str | bytes) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode() if isinstance(text, str) else text)
        digest.update(b"\0")
    return digest.hexdigest()


def shared_digest(head: str, config: str | None, site: Path, pages: list[str]) -> str:
    """What every chapter's print depends on: the print version's head, the MathJax configuration, the style
    sheets, the list of pages (the ids' prefixes), this printing code and the Chromium that prints."""
    browser = Path(CHROMIUM)
    stat = browser.stat() if browser.exists() else None
    code = [Path(path).read_bytes() for path in (pdf_join.__file__, pdf_layout.__file__, __file__)]
    return _digest(head, config or "", *(css.read_bytes() for css in sorted((site / "_static").rglob("*.css"))),
                   "\n".join(pages), *code, f"{stat.st_size if stat else 0} {stat.st_mtime_ns if stat else 0}")


def chapter_digest(section: str) -> str:
    """What one chapter is printed from: its section of the print version (without the edition page's build time,
    which alone differs between two builds of the same inputs)."""
    from helpers.book.provenance import without_build_time

    return _digest(without_build_time(section))


#: kept in ``<pdf_name>.parts`` beside the Sphinx output (not published): the last joined pages without page numbers,
#: what each chapter's pages were printed from (and where they are), and the last page numbers' print
BODY, MANIFEST, FOOTERS = "body.pdf", "parts.json", "footers.pdf"


def _manifest(parts: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((parts / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) and (parts / BODY).is_file() else {}


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def write_pdf(site: Path, language: str, edition: int | str, progress: Callable[[str], None] = print,
              toc: Path = PROJECT_ROOT / "_toc.yml", use_cache: bool = True) -> float:
    """Print the built site ``site`` (one language) to ``site/<pdf_name>``; returns the seconds it took.

    The first print is of the whole book; later builds print again only the chapters whose section changed (in one
    print: :meth:`PrintVersion.chapters`) and take the others' pages from the last print, kept in
    ``<pdf_name>.parts`` beside the site. ``use_cache=False`` prints the whole book."""
    t = time.perf_counter()
    site = Path(site)
    pages = toc_pages(toc)
    token = secrets.token_hex(6)
    config_file = site / f".print-{token}.js"
    target = site / pdf_name(language, edition)
    for stale in site.glob("*.pdf"):  # an earlier build's edition or language in the kept Sphinx output
        if stale != target and stale.name.startswith(tuple(f"{name}-" for name in PDF_NAMES.values())):
            stale.unlink()
    version, config = print_version(site, pages, language, config_file.name)
    parts = site.parent / f"{target.name}.parts"
    (site.parent / f"{target.name}.inputs").unlink(missing_ok=True)  # (what earlier versions kept instead)
    shared = shared_digest(version.head.replace(token, ""), config, site, pages)  # (the print files' names are random)
    digests = [chapter_digest(section) for section in version.sections]
    last = _manifest(parts) if use_cache else {}
    kept = last.get("chapters", []) if last.get("shared") == shared and len(last.get("chapters", [])) == len(digests) else []
    if any(chapter.get("wider") for chapter in kept):  # printed shrunk to fit something too wide: not joined with a new print
        kept = []
    changed = [i for i, digest in enumerate(digests, 1) if not kept or kept[i - 1]["digest"] != digest]
    if not changed and last.get("pdf") == _file_digest(target):
        progress(f"[pdf] {target.name}: the pages are those of the last build; reusing its PDF")
        return time.perf_counter() - t
    (parts / MANIFEST).unlink(missing_ok=True)  # what is kept is changed from here on: never reused half-written
    parts.mkdir(exist_ok=True)
    files = [parts / f"{BODY}.new"]
    try:
        if config:
            config_file.write_text(config, encoding="utf-8")
            files.append(config_file)
        printed = parts / "print.pdf"  # the changed chapters in one print (all of them on a first build)
        html_file = site / f".print-{token}.html"
        files += [html_file, printed]
        measured = {i: {"wider": False, "tables": chapter.get("tables", [])} for i, chapter in enumerate(kept, 1)}
        with _Printer() as printer:
            for attempt in ([changed, list(range(1, len(digests) + 1))] if changed else []):
                html_file.write_text(version.chapters(attempt), encoding="utf-8")
                check = printer.body(html_file, printed)
                measured.update({i: {"wider": check["wider"], "tables": [t for t in check["tables"] if t["chapter"] == i]} for i in attempt})
                changed = attempt
                if not check["wider"] or len(attempt) == len(digests):  # (shrunk to fit: the kept chapters would not match)
                    break
            footers_key = _digest(version.title, FOOTER_TEMPLATE)
            count, chapters = _join(parts, (changed, printed), kept, version, (last, footers_key), printer, target, language)
        (parts / f"{BODY}.new").replace(parts / BODY)
        manifest = {"shared": shared, "footers": [footers_key, count], "pdf": _file_digest(target),
                    "chapters": [{"digest": digest, "first": first, "count": n, **measured[i]}
                                 for i, (digest, (first, n)) in enumerate(zip(digests, chapters), 1)]}
        (parts / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    finally:
        for path in files:
            path.unlink(missing_ok=True)
    seconds = time.perf_counter() - t
    what = ("the whole book" if len(changed) == len(digests) else f"{len(changed)} of {len(digests)} chapters again ({', '.join(map(str, changed))})"
            if changed else "no chapter again")
    progress(f"[pdf] {target.name}: {count} pages, {target.stat().st_size / 1e6:.1f} MB, printed {what}, done in {seconds:.1f} s")
    faults = pdf_layout.misfits([table for chapter in manifest["chapters"] for table in chapter["tables"]])
    if faults:
        progress(f"[pdf] {target.name}: tables that do not print as they should: {len(faults)} (first: {faults[0]})")
    return seconds


def _join(parts: Path, printed: tuple[list[int], Path], kept: list[dict[str, Any]], version: PrintVersion,
          footers: tuple[dict[str, Any], str], printer: _Printer, target: Path, language: str) -> tuple[int, list[tuple[int, int]]]:
    """Join the new print (``printed``: the chapters it holds and its file) with the other chapters of the last print
    (``kept``: each chapter's first page and page count in ``parts/body.pdf``) into ``parts/body.pdf.new`` and the PDF
    edition ``target`` (bookmarks, page numbers); returns the page count and each chapter's first page and page count.
    ``footers``: the last manifest and the footers' key."""
    from pikepdf import Pdf

    opened: list[Pdf] = []

    def open_pdf(path: Path) -> Pdf:
        opened.append(Pdf.open(path))
        return opened[-1]

    try:
        numbers, path = printed
        new = open_pdf(path) if numbers else None
        starts = (pdf_join.chapter_starts(new, numbers, "the print of the changed chapters") + [len(new.pages)]) if new else []
        at = {number: (starts[k], starts[k + 1] - starts[k]) for k, number in enumerate(numbers)}
        old = open_pdf(parts / BODY) if len(numbers) < len(version.sections) else None
        sources = [(new, *at[i]) if i in at else (old, kept[i - 1]["first"], kept[i - 1]["count"])
                   for i in range(1, len(version.sections) + 1)]
        joined = pdf_join.join(sources)
        chapters, first = [], 0
        for _, _, count in sources:
            chapters.append((first, count))
            first += count
        joined.save(parts / f"{BODY}.new")
        total = len(joined.pages)
        last, key = footers
        if last.get("footers") != [key, total] or not (parts / FOOTERS).is_file():
            printer.footers(total, version.title, parts / FOOTERS)
        pdf_join.add_footers(joined, open_pdf(parts / FOOTERS))
        pdf_join.add_outline(joined, [start for start, _ in chapters], version.outline())
        written = target.with_name(f".{target.name}.new")
        pdf_join.finish(joined, version.title, language, written)
        written.replace(target)
        return total, chapters
    finally:
        for pdf_file in opened:
            pdf_file.close()


def printed_tables(parts: Path) -> list[dict[str, Any]]:
    """The tables of the last PDF edition kept in ``parts`` as they were printed (:data:`helpers.book.pdf_layout.PRINT_CHECK`), in book order;
    empty when nothing is kept."""
    return [table for chapter in _manifest(parts).get("chapters", []) for table in chapter.get("tables", [])]


#: the page margins (the footer sits in the bottom one) and the footer: the book's title, ``page / pages``
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
FOOTER_TEMPLATE = ('<div style="font-size:7pt;color:#555;width:100%;padding:0 14mm;display:flex;justify-content:space-between">'
                   '<span>{title}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


class _Printer:
    """Headless Chromium (Playwright with the system's ``chromium``), started at the first print and closed on exit.

    :meth:`body` prints a print version without page numbers; :meth:`footers` prints as many empty pages with
    only the footer (:data:`FOOTER_TEMPLATE`), laid over the joined body by :func:`helpers.book.pdf_join.add_footers`.
    A Chromium error is a one-line :class:`BuildError`."""

    def __enter__(self) -> _Printer:
        self._playwright: Any = None
        self._browser: Any = None
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            if self._playwright is not None:
                self._playwright.stop()

    def _page(self) -> Any:
        if self._browser is None:
            if not Path(CHROMIUM).exists():
                raise BuildError(f"the PDF edition needs Chromium, not found at {CHROMIUM}: install it (Debian: apt-get install chromium) "
                                 "or set HELPERS_CHROMIUM to its path")
            try:
                from playwright.sync_api import sync_playwright
            except ImportError:
                raise BuildError("the PDF edition needs the playwright package to drive Chromium: pip install playwright "
                                 "(make book installs it)") from None
            with _chromium_errors():
                self._playwright = sync_playwright().start()
                self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        return self._browser.new_page(viewport={"width": CONTENT_WIDTH_PX, "height": 1000})

    def body(self, html_file: Path, target: Path) -> list[dict[str, Any]]:
        """Print ``html_file`` (once its charts and formulas are drawn and its tables fitted) to ``target``;
        returns its tables as printed (:data:`helpers.book.pdf_layout.PRINT_CHECK`)."""
        page = self._page()
        with _chromium_errors():
            pdf_layout.print_layout(page, html_file)
            tables = page.evaluate(pdf_layout.PRINT_CHECK)
            page.pdf(path=str(target), format="A4", print_background=True, margin=MARGIN)
            page.close()
        return tables

    def footers(self, count: int, title: str, target: Path) -> None:
        """Print ``count`` empty pages with the footer of a book titled ``title`` to ``target``."""
        page = self._page()
        with _chromium_errors():
            page.set_content("<!DOCTYPE html><html><body style='margin:0'>"
                             + "<div style='height:1px;break-after:page'></div>" * (count - 1) + "<div style='height:1px'></div></body></html>")
            page.pdf(path=str(target), format="A4", margin=MARGIN, display_header_footer=True, header_template="<div></div>",
                     footer_template=FOOTER_TEMPLATE.format(title=html_lib.escape(title)))
            page.close()


@contextlib.contextmanager
def _chromium_errors() -> Iterator[None]:
    """Playwright's errors as one-line :class:`BuildError`."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        yield
    except PlaywrightError as exc:
        raise BuildError(f"the PDF edition failed in Chromium: {str(exc).strip().splitlines()[0]}") from None

"""The PDF edition (helpers.book.pdf): the single-page print version on a tiny fake site, and the
real PDF of the built book, read back with pdftotext (poppler-utils)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Book
from helpers.book import pdf, pdf_layout
from helpers.errors import BuildError

TOC = """format: jb-book
root: book/intro
parts:
  - caption: Part
    chapters:
      - file: notebooks/chart
      - file: book/annex
"""


def _page(title: str, body: str, depth: int = 1) -> str:
    up = "../" * depth
    return (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8" /><title>{title} &#8212; Boek 2026</title>'
            f'<link href="{up}_static/styles/theme.css?digest=1" rel="stylesheet" />'
            f'<link rel="stylesheet" type="text/css" href="{up}_static/print.css?v=1" />'
            f'<script>window.MathJax = {{"options": {{}}}}</script><script defer="defer" src="{up}_static/../mathjax/tex-svg.js?v=1"></script>'
            f'</head><body><nav>navigation</nav><main><article class="bd-article">{body}</article></main>'
            f'<footer>footer</footer></body></html>')


def _fake_site(root: Path) -> tuple[Path, Path]:
    site = root / "html"
    for folder in ("book", "notebooks", "_static", "mathjax"):
        (site / folder).mkdir(parents=True)
    (site / "_static" / "charts.js").write_text("// charts", encoding="utf-8")
    (site / "_static" / "vega-bundle.js").write_text("// vega", encoding="utf-8")
    (site / "book" / "intro.html").write_text(_page("Intro", (
        '<section id="intro"><h1>Vlaamse sterktes</h1><h2 id="samenvatting">Samenvatting</h2>'
        '<a class="reference internal" href="../notebooks/chart.html#figuur">naar de figuur</a> '
        '<a class="pdf-edition" href="../boek-2026.pdf">pdf</a> <a href="https://example.org/x">extern</a></section>')), encoding="utf-8")
    (site / "notebooks" / "chart.html").write_text(_page("Chart", (
        '<section id="chart"><h1>Een grafiek</h1><h2 id="figuur">Figuur</h2><a href="#figuur">hier</a>'
        '<div class="vega-chart" id="vg-abc-1"></div>'
        '<script type="application/json" class="vega-spec" data-chart="vg-abc-1">{"spec":{"title":"a \\u003c b"}}</script>'
        '<div class="book-table"><p class="table-download"><a href="../_static/tables/t.csv" download>CSV</a></p>'
        '<table class="sortable"><thead><tr><th>a</th><th>laatste kolom</th></tr></thead><tbody><tr><td>1</td><td>x &amp; y</td></tr></tbody></table></div>'
        '<img src="../_static/logo.png" alt="logo"/></section>')), encoding="utf-8")
    (site / "book" / "annex.html").write_text(_page("Annex", (
        '<section id="intro"><h1>Bijlage</h1><p>Zie <a href="intro.html">het begin</a> en <a href="../genindex.html">de index</a>.</p>'
        '<script>alert(1)</script></section>')), encoding="utf-8")
    toc = root / "_toc.yml"
    toc.write_text(TOC, encoding="utf-8")
    return site, toc


def test_pdf_name() -> None:
    assert pdf.pdf_name("nl", 2026) == "vlaamse-sterktes-2026.pdf"
    assert pdf.pdf_name("en", 2027) == "flemish-strengths-2027.pdf"


def test_print_html_on_a_fake_site(tmp_path: Path) -> None:
    site, toc = _fake_site(tmp_path)
    pages = pdf.toc_pages(toc)
    assert pages == ["book/intro", "notebooks/chart", "book/annex"]
    text = pdf.print_html(site, pages, "nl", "script-src 'self'", "config.js")
    # one section per page, in book order, without the pages' navigation and footers
    assert [m for m in re.findall(r'data-page="([^"]+)"', text)] == pages
    assert text.index("Vlaamse sterktes") < text.index("Een grafiek") < text.index("Bijlage")
    assert "navigation" not in text and "footer</footer>" not in text
    assert "<title>Boek 2026</title>" in text and '<html lang="nl"' in text
    assert "Content-Security-Policy" in text and "script-src 'self'" in text
    # ids are unique per page; links between pages and inside a page point into the document
    assert 'id="p1-intro"' in text and 'id="p3-intro"' in text
    assert 'href="#p2-figuur"' in text and text.count('href="#p2-figuur"') == 3  # two links and the hidden one
    assert 'href="#p1"' in text  # annex -> intro (no fragment)
    # each section links (hidden) to itself and to each of its ids that a link points at
    assert re.findall(r'<nav class="print-targets" hidden>(.*?)</nav>', text) == [
        '<a href="#p1"></a>', '<a href="#p2"></a><a href="#p2-figuur"></a>', '<a href="#p3"></a>']
    assert 'id="p2-vg-abc-1"' in text and 'data-chart="p2-vg-abc-1"' in text
    assert '{"spec":{"title":"a \\u003c b"}}' in text  # the chart's JSON untouched
    # links to other files of the site become text; external links stay; sources resolve from the root
    assert "boek-2026.pdf" not in text and "t.csv" not in text and "genindex" not in text
    assert ">naar de figuur<" in text and ">CSV<" in text and ">de index<" in text
    assert 'href="https://example.org/x"' in text
    assert 'src="_static/logo.png"' in text
    assert "x &amp; y" in text and "<th>laatste kolom</th>" in text
    # the site's stylesheets and the chart and MathJax scripts, from the site's root; no inline script of ours
    assert 'href="_static/styles/theme.css"' in text and 'href="_static/print.css"' in text
    assert text.index('src="_static/vega-bundle.js"') < text.index('src="_static/charts.js"')
    assert text.index('src="config.js"') < text.index('src="mathjax/tex-svg.js"')
    head = text[: text.index("</head>")]
    assert not re.search(r"<script>", head)
    assert pdf.mathjax_config(site, pages) == 'window.MathJax = {"options": {}}\n'


def test_missing_page_and_missing_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, toc = _fake_site(tmp_path)
    (site / "book" / "annex.html").unlink()
    with pytest.raises(BuildError, match="annex.html is missing"):
        pdf.print_html(site, pdf.toc_pages(toc), "nl", "")
    site, toc = _fake_site(tmp_path / "again")
    monkeypatch.setattr(pdf, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(BuildError, match="apt-get install chromium"):
        pdf.write_pdf(site, "nl", 2026, progress=lambda _: None, toc=toc)
    assert not list(site.glob(".print-*")), "the print version is removed after a failure"


class FakePrinter:
    """Stands for Chromium: a print of ``n`` sections has ``sections + 1`` pages per section (numbered from the
    section's own pages) with Chromium's named destinations: each section's start and its linked ids."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def __enter__(self) -> "FakePrinter":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def body(self, html_file: Path, target: Path) -> None:
        import pikepdf

        text = html_file.read_text(encoding="utf-8")
        linked = set(re.findall(r'href="#([^"]+)"', text))
        sections = re.findall(r'(<section class="print-chapter" id="p(\d+)".*?</section>)', text, re.S)
        self.log.append("print " + " ".join(number for _, number in sections))
        tables = [{"chapter": int(number), "page": "", "caption": f"printed {len(self.log)}", "over": 0, "broken": [], "sizes": 0}
                  for _, number in sections]
        out, dests = pikepdf.Pdf.new(), pikepdf.Dictionary()
        for section, number in sections:
            first = len(out.pages)
            for _ in range(int(number) + 1):
                out.add_blank_page(page_size=(595, 842))
            for name in linked & set(re.findall(r'id="([^"]+)"', section)):  # (Chromium: the ids that links point at)
                dests["/" + name] = pikepdf.Array([out.pages[first].obj, pikepdf.Name.XYZ, 0, 800, 0])
        out.Root.Dests = dests
        out.save(target)
        return {"wider": "te breed" in text, "tables": tables}  # (Chromium: the print is wider than the paper)

    def footers(self, count: int, title: str, target: Path) -> None:
        import pikepdf

        self.log.append(f"footers {count}")
        out = pikepdf.Pdf.new()
        for k in range(count):
            out.add_blank_page(page_size=(595, 842))
            out.pages[k].obj.Contents = pikepdf.Stream(out, f"% page {k + 1} / {count}".encode())
            out.pages[k].obj.Resources = pikepdf.Dictionary()
        out.save(target)


def test_unchanged_pages_reuse_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF is printed again only when what it is printed from changed (the build time aside), and then only
    the chapters that changed; the joined PDF keeps every chapter's pages in book order."""
    import pikepdf

    site, toc = _fake_site(tmp_path)
    printed: list[str] = []
    monkeypatch.setattr(pdf, "_Printer", lambda: FakePrinter(printed))
    target = site / pdf.pdf_name("nl", 2026)

    def build() -> list[str]:
        printed.clear()
        lines: list[str] = []
        pdf.write_pdf(site, "nl", 2026, progress=lines.append, toc=toc)
        return printed[:]

    def pages() -> list[int]:  # the page count of each chapter in the published PDF, from its bookmarks
        with pikepdf.open(target) as out, out.open_outline() as outline:
            starts = [out.pages.index(pikepdf.Page(item.destination[0])) for item in outline.root] + [len(out.pages)]
        return [b - a for a, b in zip(starts, starts[1:])]

    assert build() == ["print 1 2 3", "footers 9"]
    assert pages() == [2, 3, 4]
    assert build() == [], "nothing changed: the PDF is reused"
    intro = site / "book" / "intro.html"
    intro.write_text(intro.read_text(encoding="utf-8").replace("naar de figuur", "naar figuur 1"), encoding="utf-8")
    assert build() == ["print 1"], "a changed page is printed again, alone; the footers are those of 9 pages"
    assert pages() == [2, 3, 4]
    measured = pdf.printed_tables(site.parent / f"{target.name}.parts")
    assert [(t["chapter"], t["caption"]) for t in measured] == [(1, "printed 1"), (2, "printed 1"), (3, "printed 1")], \
        "the printed chapter's tables as measured in its print, the others' as in the last print"
    with pikepdf.open(target) as out:
        assert sorted(str(k) for k in out.Root.Dests.keys()) == ["/p1", "/p2", "/p2-figuur", "/p3"]
        assert len(out.pages) == 9 and all("/Footer" in str(page.Resources.XObject.keys()) for page in out.pages)
        dests = {str(k): out.pages.index(pikepdf.Page(v[0])) for k, v in out.Root.Dests.items()}
        assert dests == {"/p1": 0, "/p2": 2, "/p2-figuur": 2, "/p3": 5}, "the stand-in of /p2-figuur in chapter 1 is dropped"
    intro.write_text(intro.read_text(encoding="utf-8").replace("naar figuur 1", "te breed"), encoding="utf-8")
    assert build() == ["print 1", "print 1 2 3"], "a print wider than the paper is shrunk to fit: printed whole, not joined"
    intro.write_text(intro.read_text(encoding="utf-8").replace("te breed", "naar figuur 1"), encoding="utf-8")
    assert build() == ["print 1 2 3"], "the pages of a shrunk print are not joined with a new print"
    assert build() == []
    (site / "_static" / "print.css").write_text("@page { size: A4 }", encoding="utf-8")
    assert build() == ["print 1 2 3"], "a changed style sheet prints the whole book (the footers are still those of 9 pages)"
    target.unlink()
    assert build() == [], "a missing PDF is put together again from the kept pages"
    assert target.is_file() and pages() == [2, 3, 4]
    printed.clear()
    pdf.write_pdf(site, "nl", 2026, progress=lambda _: None, toc=toc, use_cache=False)
    assert printed == ["print 1 2 3", "footers 9"], "without the cache, everything is printed"
    for page in (intro, site / "book" / "annex.html"):  # two of three chapters change: printed together
        page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (nieuw)</h1>"), encoding="utf-8")
    assert build() == ["print 1 3"] and pages() == [2, 3, 4]


def _read_pdf(path: Path) -> tuple[list[str], list[tuple[str, int]], dict[str, int], list[tuple[int, str]]]:
    """A PDF's pages (pdftotext's layout), bookmarks (title, page), named destinations (name -> page) and links
    (page, destination name)."""
    import pikepdf

    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    with pikepdf.open(path) as out, out.open_outline() as outline:
        index = {page.objgen: i for i, page in enumerate(out.pages)}
        dests = {str(k): index[v[0].objgen] for k, v in out.Root.Dests.items()}
        marks = [(item.title, index[item.destination[0].objgen]) for item in outline.root]
        links = [(i, str(a.Dest)) for i, page in enumerate(out.pages) for a in page.get("/Annots", []) if "/Dest" in a]
    return text.split("\f"), marks, dests, links


def test_changed_chapters_printed_again_join_into_the_same_pages(tmp_path: Path) -> None:
    """In Chromium: the fake site printed whole, then again after one page changed (that chapter printed alone and
    joined with the kept pages) and after two changed (printed together), gives each time the pages, links,
    bookmarks and page numbers of a print of the whole book."""
    from test_browser import CHROMIUM

    if not Path(CHROMIUM).exists() or not shutil.which("pdftotext"):
        pytest.skip("chromium and pdftotext needed (apt-get install chromium poppler-utils)")
    site, toc = _fake_site(tmp_path)
    shutil.copy(pdf.PROJECT_ROOT / "book" / "_static" / "print.css", site / "_static" / "print.css")
    target = site / pdf.pdf_name("nl", 2026)
    lines: list[str] = []
    chart = site / "notebooks" / "chart.html"
    wide = ('<div class="book-table"><table class="sortable"><caption>Te breed</caption><thead><tr><th>a</th></tr></thead>'
            f'<tbody><tr><td class="num">{"1" * 400}</td></tr></tbody></table></div>')  # a number never breaks: too wide at any size
    chart.write_text(chart.read_text(encoding="utf-8").replace('<div class="vega-chart" id="vg-abc-1"></div>', wide),  # (no Vega)
                     encoding="utf-8")
    pdf.write_pdf(site, "nl", 2026, progress=lines.append, toc=toc)
    measured = pdf.printed_tables(site.parent / f"{target.name}.parts")
    assert [(t["chapter"], t["caption"], t["over"] > 100) for t in measured] == [(2, "Te breed", True), (2, "", False)]
    assert pdf_layout.misfits(measured) == [f"notebooks/chart 'Te breed': {measured[0]['over']:.0f} px wider than the page"]
    assert "tables that do not print as they should: 1 (first: notebooks/chart 'Te breed'" in lines[-1], lines
    # (a table too wide for the paper makes Chromium shrink the whole print to fit it: not in the comparisons below)
    chart.write_text(chart.read_text(encoding="utf-8").replace(wide, ""), encoding="utf-8")
    pdf.write_pdf(site, "nl", 2026, progress=lines.append, toc=toc)
    assert "printed the whole book" in lines[-1], "the last print was shrunk to fit the wide table: not joined with a new one"
    measured = pdf.printed_tables(site.parent / f"{target.name}.parts")
    assert [t["chapter"] for t in measured] == [2] and not pdf_layout.misfits(measured)
    assert not any(chapter["wider"] for chapter in json.loads((site.parent / f"{target.name}.parts" / "parts.json").read_text())["chapters"])
    intro, annex = site / "book" / "intro.html", site / "book" / "annex.html"
    longer = "<p>" + "Een langere pagina. " * 400 + "</p>"
    edits = [  # the first chapter grows by a page (it links to the second chapter's figure); then the first and the last
        ([(intro, "<h2 id", longer + "<h2 id")], "printed 1 of 3 chapters again (1)"),
        ([(intro, "Samenvatting</h2>", "Samenvatting</h2>" + longer), (annex, "Zie ", longer + "Zie ")], "printed 2 of 3 chapters again (1, 3)"),
    ]
    for changes, message in edits:
        for page, old, new in changes:
            page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        pdf.write_pdf(site, "nl", 2026, progress=lines.append, toc=toc)
        assert message in lines[-1], lines
        joined = tmp_path / "joined.pdf"
        shutil.copy(target, joined)
        pdf.write_pdf(site, "nl", 2026, progress=lines.append, toc=toc, use_cache=False)
        assert "printed the whole book" in lines[-1], lines
        pages, marks, dests, links = _read_pdf(joined)
        assert (pages, marks, dests, links) == _read_pdf(target), f"{message}: the joined PDF differs from the whole book's print"
        count = len(pages) - 1  # (pdftotext ends the last page with a form feed too)
        assert [title for title, _ in marks] == ["Vlaamse sterktes", "Een grafiek", "Bijlage"]
        assert all(re.search(rf"Boek 2026\s+{k}\s*/\s*{count}\s*$", page) for k, page in enumerate(pages[:-1], 1)), pages
        assert {name for _, name in links} <= set(dests), "every link between chapters leads to its target"
        assert marks[1][1] == dests["/p2"] == dests["/p2-figuur"] >= 2, "the second chapter starts after the longer first one"
        assert (dests["/p2"] - 1, "/p2-figuur") in links, "the first chapter's link (on its last page) to the second chapter's figure"
        assert (count - 1, "/p1") in links, "the annex's link to the first chapter"
    assert count >= 6, "the two edits made the book longer"


# --- the PDF of the built book ---------------------------------------------------------------------

def _squash(text: str) -> str:
    """Text without white space or soft hyphens (lines and words may wrap anywhere in the PDF)."""
    return re.sub(r"[\s\u00ad]+", "", html.unescape(text))


def _article(page: str) -> str:
    """A built page's content (the theme's print header repeats the title outside it)."""
    return page[page.index('<article class="bd-article"'):page.rindex("</article>")]


def _strip(fragment: str) -> str:
    return re.sub(r"<[^>]+>", "", fragment)


@pytest.fixture(scope="module", params=["nl", "en"])
def lang_book(book: Book, request: pytest.FixtureRequest) -> Book:
    """Each language's book of the site (each has its own PDF edition)."""
    return book.in_language(request.param)


@pytest.fixture(scope="module")
def pdf_text(lang_book: Book) -> tuple[Path, str]:
    found = sorted(lang_book.html.glob("*.pdf"))
    assert len(found) == 1, f"one PDF edition beside index.html, found {found}"
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("pdftotext not found; .ci/run installs poppler-utils")
        pytest.skip("pdftotext not installed (apt-get install poppler-utils)")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(found[0]), "-"], capture_output=True, text=True, check=True)
    return found[0], result.stdout


def test_pdf_is_named_and_linked(lang_book: Book, pdf_text: tuple[Path, str]) -> None:
    path, _ = pdf_text
    intro = (lang_book.html / "book" / "intro.html").read_text(encoding="utf-8")
    language = re.search(r'<html lang="([a-z]+)"', intro).group(1)
    edition = re.search(r"<title>.*?(\d{4})\s*</title>", intro, re.S).group(1)
    assert path.name == pdf.pdf_name(language, edition)
    assert f'href="../{path.name}"' in intro, "the landing page links to the PDF"
    assert path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 100_000


def test_pdf_holds_every_chapter_and_the_summary(lang_book: Book, pdf_text: tuple[Path, str]) -> None:
    text = _squash(pdf_text[1])
    pages = pdf.toc_pages(pdf.PROJECT_ROOT / "_toc.yml")
    missing = []
    for page in pages:
        built = _article((lang_book.html / f"{page}.html").read_text(encoding="utf-8"))
        h1 = re.search(r"<h1>(.*?)<a class=\"headerlink\"", built, re.S) or re.search(r"<h1>(.*?)</h1>", built, re.S)
        assert h1, f"{page}.html has no <h1>"
        if _squash(_strip(h1.group(1))) not in text:
            missing.append(f"{page}: {_strip(h1.group(1)).strip()}")
    assert not missing, f"chapter titles missing from the PDF: {missing}"
    # the landing page's summary: its second-level headings (the executive summary), or its title
    article = _article((lang_book.html / "book" / "intro.html").read_text(encoding="utf-8"))
    headings = [_strip(h) for h in re.findall(r"<h2>(.*?)<a class=\"headerlink\"", article, re.S)] or \
               [_strip(re.search(r"<h1>(.*?)<a class=\"headerlink\"", article, re.S).group(1))]
    for heading in headings:
        assert _squash(heading) in text, f"landing page heading {heading.strip()!r} missing from the PDF"


def test_pdf_has_bookmarks_links_and_page_numbers(lang_book: Book, pdf_text: tuple[Path, str]) -> None:
    """A bookmark per chapter (its title, at its first page, in book order) with its sections below it; every link
    between chapters leads to a destination; every page carries its number out of the total."""
    import pikepdf

    path, text = pdf_text
    titles = []
    for page in pdf.toc_pages(pdf.PROJECT_ROOT / "_toc.yml"):
        built = _article((lang_book.html / f"{page}.html").read_text(encoding="utf-8"))
        h1 = re.search(r"<h1>(.*?)<a class=\"headerlink\"", built, re.S) or re.search(r"<h1>(.*?)</h1>", built, re.S)
        titles.append(" ".join(html.unescape(_strip(h1.group(1))).split()))
    with pikepdf.open(path) as out, out.open_outline() as outline:
        index = {page.objgen: i for i, page in enumerate(out.pages)}
        dests = {str(name): index[target[0].objgen] for name, target in out.Root.Dests.items()}
        marks = [(item.title, index[item.destination[0].objgen], len(item.children)) for item in outline.root]
        links = [str(a.Dest) for page in out.pages for a in page.get("/Annots", []) if "/Dest" in a]
        count = len(out.pages)
    assert [title for title, _, _ in marks] == titles
    starts = [start for _, start, _ in marks]
    assert starts[0] == 0 and starts == sorted(set(starts)), f"chapters in book order, each on its own pages: {starts}"
    assert sum(children for _, _, children in marks) > len(titles), "sections below the chapters"
    assert len(links) > 20 and set(links) <= set(dests), sorted(set(links) - set(dests))[:5]
    pages = text.split("\f")[:count]
    unnumbered = [k for k, page in enumerate(pages, 1) if not re.search(rf"(?<!\d){k}\s*/\s*{count}(?!\d)", page)]
    assert not unnumbered, f"pages without 'page / {count}': {unnumbered[:10]}"


def test_pdf_shows_wide_tables_whole(lang_book: Book, pdf_text: tuple[Path, str]) -> None:
    """The widest published table's last column header is printed (not cut off at the page's edge)."""
    text = _squash(pdf_text[1])
    widest: tuple[int, str, str] = (0, "", "")
    for path in sorted((lang_book.html / "notebooks").glob("*.html")):
        for table in re.findall(r'<table class="sortable">.*?</thead>', path.read_text(encoding="utf-8"), re.S):
            headers = re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)
            if len(headers) > widest[0]:
                widest = (len(headers), path.name, _strip(headers[-1]))
    columns, page, last = widest
    assert columns >= 10, "the book has a wide table"
    assert _squash(last) in text, f"{page}: the last column {last!r} of its {columns}-column table is not in the PDF"


def test_print_layout_fits_every_table_and_never_breaks_a_number(lang_book: Book) -> None:
    """Each book as its PDF edition printed it (every table measured in Chromium right before printing, kept per
    chapter with the printed parts): every table within the paper's text width, every number on one line, and the
    text cells of every table in the table's (fitted) size."""
    parts = sorted((lang_book.build_dir / "stage" / lang_book.language / "_build").glob("*.pdf.parts"))
    assert len(parts) == 1, f"the kept parts of one PDF edition, found {parts}"
    tables = pdf.printed_tables(parts[0])
    assert len(tables) > 50 and {t["page"] for t in tables} >= {"notebooks/sector_strengths", "notebooks/regions"}
    assert not pdf_layout.misfits(tables), "tables that do not print as they should:\n  " + "\n  ".join(pdf_layout.misfits(tables))

"""One book per language in one site (issue 14): ``nl/`` and ``en/`` side by side, a root page that
opens the edition's language, and a switch on every page that leads to the same page in the other
language. On the real build (the session's ``book``) and in a headless browser."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Book
from helpers.book import site
from helpers.book.edition import load_edition
from helpers.book.sphinx_ext import switch_html
from helpers.errors import InputError
from test_browser import QuietHandler, browser  # noqa: F401 (the browser fixture)

ROOT = Path(__file__).resolve().parents[1]


def _pages(folder: Path) -> set[str]:
    """The book's pages (not the theme's templates among the static files)."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if p.relative_to(folder).parts[0] != "_static"}


def test_both_books_have_the_same_pages_and_a_switch_on_each(book: Book):
    nl, en = book.site / "nl", book.site / "en"
    pages = _pages(nl)
    assert pages == _pages(en), "the two books have the same pages"
    assert {"book/intro.html", "notebooks/regions.html", "generated/edition.html"} <= pages
    for language, folder, other in (("nl", nl, "en"), ("en", en, "nl")):
        # (Sphinx's index and search pages have no content of their own: the header's search leads there)
        for page in sorted(p for p in pages if p not in ("index.html", "genindex.html", "search.html")):
            text = (folder / page).read_text(encoding="utf-8")
            assert f'<html lang="{language}"' in text, (language, page)
            switch = re.search(r'<nav class="lang-switch"[^>]*>(.*?)</nav>', text)
            assert switch, f"{language}/{page} has no language switch"
            (href,) = re.findall(r'href="([^"]+)"', switch.group(1))
            target = ((folder / page).parent / href).resolve()
            assert target == (book.site / other / page).resolve(), (language, page, href)
            assert target.is_file()


def test_the_root_page_opens_the_default_language(book: Book):
    root = (book.site / "index.html").read_text(encoding="utf-8")
    assert 'url=nl/index.html' in root and 'href="en/index.html"' in root


def test_each_book_is_titled_in_its_language(book: Book):
    nl = (book.site / "nl" / "book" / "intro.html").read_text(encoding="utf-8")
    en = (book.site / "en" / "book" / "intro.html").read_text(encoding="utf-8")
    assert "<h1>Vlaamse sterktes in cijfers" in nl and "Flemish strengths" not in re.sub(r"<nav class=\"lang-switch\".*?</nav>", "", nl)
    assert "<h1>Flemish strengths in figures" in en
    assert "Strategische technologieën" in nl and "Strategic technologies" in en and "Strategic technologies" not in nl


def test_no_code_toggles_or_download_menu(book: Book):
    for language in ("nl", "en"):
        for page in ("notebooks/regions.html", "book/intro.html"):
            text = (book.site / language / page).read_text(encoding="utf-8")
            assert "Show code cell source" not in text and "tag_hide-input" not in text, (language, page)
            assert "dropdown-download-buttons" not in text and "_sources/" not in text, (language, page)


@pytest.fixture(scope="module")
def site_server(book: Book) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(book.site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_the_switch_leads_to_the_same_page_in_the_other_language(site_server: str, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(f"{site_server}/", wait_until="load")
    # the root page opens nl/index.html, which Jupyter Book's own redirect takes on to the landing page
    page.wait_for_url(re.compile(r"/nl/book/intro\.html$"), timeout=10_000)
    page.close()
    page = browser.new_page()
    page.goto(f"{site_server}/nl/notebooks/regions.html", wait_until="load")
    page.locator("nav.lang-switch a").click()
    page.wait_for_url(f"{site_server}/en/notebooks/regions.html", timeout=10_000)
    assert page.locator("h1").first.inner_text().startswith("Flanders among Europe")
    page.locator("nav.lang-switch a").click()
    page.wait_for_url(f"{site_server}/nl/notebooks/regions.html", timeout=10_000)
    assert page.locator("h1").first.inner_text().startswith("Vlaanderen tussen")
    page.close()


def test_switch_markup():
    assert switch_html("book/intro", "en", ["nl", "en"]).count("href=") == 1
    assert 'href="../../nl/book/intro.html"' in switch_html("book/intro", "en", ["nl", "en"])
    assert 'href="../nl/search.html"' in switch_html("search", "en", ["nl", "en"])
    assert switch_html("book/intro", "nl", ["nl"]) == "", "one language: no switch"


def test_assemble_puts_each_book_in_its_folder(tmp_path: Path):
    books = {}
    for language in ("nl", "en"):
        books[language] = tmp_path / language
        (books[language] / "book").mkdir(parents=True)
        (books[language] / "book" / "intro.html").write_text(language)
    out = site.assemble(tmp_path / "build", books, "en")
    assert (out / "nl" / "book" / "intro.html").read_text() == "nl" and (out / "en" / "book" / "intro.html").read_text() == "en"
    assert "url=en/index.html" in (out / "index.html").read_text()


def test_the_default_language_must_be_built():
    raw = f"data_dir={ROOT / 'data'}"
    with pytest.raises(InputError, match="languages.*does not contain language"):
        load_edition(ROOT / "editions" / "2026.yml", [raw, "languages=[en]"])
    with pytest.raises(InputError, match="languages.*twice"):
        load_edition(ROOT / "editions" / "2026.yml", [raw, "languages=[nl, nl]"])
    assert load_edition(ROOT / "editions" / "2026.yml", [raw, "language=en", "languages=[en]"]).languages == ["en"]


def test_the_landing_page_summarises_every_chapter(book: Book):
    """The executive summary on the landing page: the chapters' headline findings under theme headings,
    each linking to its chapter, in each language."""
    from helpers.book.build import toc_notebooks
    from helpers.book.landing import TEXT

    chapters = {Path(e).name for e in toc_notebooks() if not Path(e).name.startswith("annex_")}
    for language in ("nl", "en"):
        page = (book.site / language / "book" / "intro.html").read_text(encoding="utf-8")
        article = page[page.index('<article class="bd-article"'):page.rindex("</article>")]
        summary = article[article.index(TEXT["summary"][language]):]
        items = re.findall(r"<li><p>(.*?)</p>\s*</li>", summary, re.S)
        linked = {m for item in items for m in re.findall(r'href="\.\./notebooks/([a-z_]+)\.html', item)}
        assert len(items) >= len(chapters), (language, len(items))
        assert linked == chapters, (language, chapters - linked)
        assert "{doc}" not in summary and "_findings" not in summary
        assert TEXT["none"][language] not in summary


def test_a_malformed_findings_file_stops_the_build(tmp_path: Path):
    from helpers.book.landing import read_findings
    from helpers.errors import BuildError

    (tmp_path / "_findings.json").write_text('[{"text": "x"}]')
    with pytest.raises(BuildError, match="_findings.json: not a list of findings"):
        read_findings(tmp_path)
    assert read_findings(tmp_path / "none") == []


def test_figures_and_tables_are_numbered_per_chapter(book: Book):
    """Every chart and captioned table of a chapter carries its number (chapter.figure), in the book's language;
    a chart that reproduces one of the report's figures names it in its title."""
    from helpers.book.build import chapter_numbers, toc_notebooks
    import yaml

    numbers = chapter_numbers(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")))
    for language, (figure, table) in (("nl", ("Figuur", "Tabel")), ("en", ("Figure", "Table"))):
        for entry in toc_notebooks():
            text = (book.site / language / f"{entry}.html").read_text(encoding="utf-8")
            charts, captions = text.count('<div class="vega-chart'), text.count("<caption>")
            found = re.findall(rf'<p class="figure-number">{figure} ([0-9A-Z]+)\.(\d+)</p>', text)
            assert [int(n) for _, n in found] == list(range(1, charts + 1)), (language, entry)
            assert {c for c, _ in found} <= {numbers[entry]}, (language, entry)
            assert len(re.findall(rf'<span class="table-number">{table} {numbers[entry]}\.\d+</span>', text)) == captions, (language, entry)
    patents = (book.site / "nl" / "notebooks" / "technologies_patents.html").read_text(encoding="utf-8")
    assert "Figuur 3 van het VARIO-advies" in patents

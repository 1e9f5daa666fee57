"""The book on a phone: at 390 px no page scrolls sideways and every chart fits its container. (That on a desktop the
charts that follow their container fill the page's column is checked in ``test_browser``, on its one visit per page.)

Headless chromium on the built book served on 127.0.0.1, with the fixtures of ``test_browser``. A chart that keeps
its own width (several panels, or a layout in pixels: ``data-size="scroll"``) may be wider than a phone: it then scrolls
sideways inside its own box, never the page; a wide table does the same with its first column kept in place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Book
from test_browser import CHARTS, browser, server  # noqa: F401 (fixtures: the headless chromium, the book served on 127.0.0.1)

PHONE = {"width": 390, "height": 844}

#: every chart has its SVG (charts.js has run vega-embed on it)
_RENDERED = "Array.from(document.querySelectorAll('div.vega-chart')).every(d => d.querySelector('svg'))"

#: the page's width against the window's, and the outermost elements that stick out on the right
_WIDTHS = """() => {
  const vw = window.innerWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1) continue;
    let p = el.parentElement, outer = true;
    for (; p && p !== document.body; p = p.parentElement) { if (p.getBoundingClientRect().right > vw + 1) { outer = false; break; } }
    if (outer) out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} (right ${Math.round(r.right)})`);
  }
  return {scroll: document.documentElement.scrollWidth, inner: vw, out: out.slice(0, 5)};
}"""


def book_pages(book: Book) -> list[str]:
    """Every page of the book, except the pages that only forward the reader to another one."""
    return sorted(p.relative_to(book.html).as_posix() for p in book.html.rglob("*.html")
                  if "_static" not in p.parts and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8").lower())


def chart_pages(book: Book) -> list[str]:
    return [p for p in book_pages(book) if 'class="vega-chart"' in (book.html / p).read_text(encoding="utf-8")]


def _visit(context, server: str, path: str, book: Book, page=None):
    """``path`` loaded in ``page`` (a new tab of ``context`` if None), its charts drawn."""
    page = page or context.new_page()
    page.goto(f"{server}/{path}", wait_until="load")
    if 'class="vega-chart"' in (book.html / path).read_text(encoding="utf-8"):
        page.wait_for_function(_RENDERED, timeout=30_000)
    return page


@pytest.fixture(scope="module")
def phone(browser):  # noqa: F811 (the fixture of test_browser)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone_charts(book: Book, server: str, phone) -> dict[str, list[dict]]:  # noqa: F811
    """Every page on the phone: its widths, and its charts' boxes."""
    seen = {}
    page = phone.new_page()  # one tab for all pages, as a reader goes from page to page (a new tab per page took as long again)
    for path in book_pages(book):
        _visit(phone, server, path, book, page)
        seen[path] = {"widths": page.evaluate(_WIDTHS), "charts": page.evaluate(CHARTS)}
    page.close()
    return seen


def test_no_page_scrolls_sideways_on_a_phone(phone_charts: dict[str, dict]):
    assert len(phone_charts) >= 15
    wide = {path: seen["widths"] for path, seen in phone_charts.items() if seen["widths"]["scroll"] > seen["widths"]["inner"] + 1}
    assert not wide, "pages wider than a 390 px phone (page width, window, what sticks out):\n" + "\n".join(
        f"  {path}: {w['scroll']} > {w['inner']}: {', '.join(w['out'])}" for path, w in wide.items())


def test_charts_fit_their_container_on_a_phone(book: Book, phone_charts: dict[str, dict]):
    charts = {path: seen["charts"] for path, seen in phone_charts.items() if seen["charts"]}
    assert set(charts) == set(chart_pages(book)), "every page with charts was measured"
    assert any(c["fit"] for cs in charts.values() for c in cs), "some charts follow their container"
    bad = [f"{path} {c['id']}: box {c['width']:.0f} px (parent {c['parent']:.0f}), right edge {c['right']:.0f}, svg {c['svg']:.0f}"
           for path, cs in charts.items() for c in cs
           if c["width"] > c["parent"] + 1 or c["right"] > PHONE["width"] + 1 or (c["fit"] and c["svg"] > c["client"] + 1)]
    assert not bad, "charts wider than their container on a phone:\n  " + "\n  ".join(bad)


def test_wide_tables_scroll_in_their_box_with_the_first_column_in_place(book: Book, server: str, phone):  # noqa: F811
    path = next(p for p in chart_pages(book) if "sector_strengths" in p)
    page = _visit(phone, server, path, book)
    box = page.locator("div.book-table").filter(has=page.locator("table[style*='max-content']")).first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "a wide table is wider than the phone and scrolls in its box"
    first = box.locator("tbody tr").first.locator("td").first
    before = first.bounding_box()["x"]
    box.evaluate("b => { b.scrollLeft = 300; }")
    page.wait_for_timeout(100)
    assert abs(first.bounding_box()["x"] - before) < 1, "the first column stays put when the table scrolls"
    page.close()


def test_every_page_is_in_the_scan(book: Book, phone_charts: dict[str, dict]):
    assert set(phone_charts) == set(book_pages(book))
    assert all(Path(book.html / p).is_file() for p in phone_charts)

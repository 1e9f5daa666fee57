"""The built book in a real browser: every chart renders, tooltips work, nothing leaves 127.0.0.1, and on a
desktop the charts that follow their container (``data-size="fit"``, :func:`helpers.book.render.responsive`)
fill the page's column.

Serves the built HTML on 127.0.0.1 and drives Debian's chromium (headless) with Playwright.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import Book

CHROMIUM = os.environ.get("HELPERS_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def server(book: Book) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(book.html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def chart_pages(book: Book) -> list[str]:
    return sorted(str(p.relative_to(book.html)) for p in book.html.rglob("*.html") if 'class="vega-chart"' in p.read_text(encoding="utf-8"))


DESKTOP = {"width": 1280, "height": 900}

#: per chart: its class, its box's width and right edge, its parent's width, and its SVG's width
CHARTS = """() => Array.from(document.querySelectorAll('div.vega-chart')).map(d => {
  const r = d.getBoundingClientRect(), s = d.querySelector('svg');
  return {fit: d.dataset.size === 'fit', width: r.width, right: r.right, parent: d.parentElement.getBoundingClientRect().width,
          client: d.clientWidth, svg: s ? s.getBoundingClientRect().width : 0, id: d.id};
})"""


@pytest.fixture(scope="module")
def desktop(book: Book, server: str, browser) -> dict[str, dict]:
    """Every page with charts, visited once on a desktop: the requests it made, its script errors, the marks
    drawn per chart and the charts' boxes (the checks below share this one visit per page)."""
    context = browser.new_context(viewport=DESKTOP)
    seen = {}
    page = context.new_page()  # one tab for all pages, as a reader goes from page to page (a new tab per page took as long again)
    current: dict[str, list[str]] = {"requests": [], "errors": []}  # the page being visited's
    page.on("request", lambda request: current["requests"].append(request.url))
    page.on("pageerror", lambda exc: current["errors"].append(str(exc)))
    for page_path in chart_pages(book):
        requests: list[str] = []
        errors: list[str] = []
        current["requests"], current["errors"] = requests, errors
        page.goto(f"{server}/{page_path}", wait_until="load")
        containers = page.locator("div.vega-chart")
        count = containers.count()
        for i in range(count):
            containers.nth(i).locator("svg, canvas").first.wait_for(state="attached", timeout=20_000)
        rendered = page.evaluate("Array.from(document.querySelectorAll('div.vega-chart')).map(d => d.querySelectorAll('svg.marks, canvas').length)")
        seen[page_path] = {"count": count, "rendered": rendered, "errors": errors, "requests": requests, "charts": page.evaluate(CHARTS)}
    page.close()
    context.close()
    return seen


def test_charts_render_offline(desktop: dict[str, dict]):
    assert desktop, "the book has pages with charts"
    for page_path, seen in desktop.items():
        assert seen["count"] > 0, page_path
        assert all(n >= 1 for n in seen["rendered"]), (page_path, seen["rendered"])
        assert not seen["errors"], (page_path, seen["errors"])
        outside = [u for u in seen["requests"] if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname != "127.0.0.1"]
        assert not outside, (page_path, outside)


def test_charts_fill_the_column_on_a_desktop(desktop: dict[str, dict]):
    narrow = []
    for page_path, seen in desktop.items():
        for c in seen["charts"]:
            # a chart that follows its container fills it (the chart menu's button takes the last 38 px)
            if c["fit"] and c["svg"] < c["client"] - 60:
                narrow.append(f"{page_path} {c['id']}: svg {c['svg']:.0f} px in a {c['client']:.0f} px column")
    assert not narrow, "charts narrower than their column on a desktop:\n  " + "\n  ".join(narrow)


def test_tooltip_shows_values(book: Book, server: str, browser):
    page = browser.new_page()
    page.goto(f"{server}/notebooks/overview.html", wait_until="load")
    page.locator("div.vega-chart svg.marks").first.wait_for(timeout=20_000)
    # hover the first bar of the first bar chart; vega-tooltip shows a box with the row's values
    bar = page.locator("div.vega-chart path[aria-roledescription='bar']").first
    bar.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "RCA" in tooltip.inner_text()  # the header in the book's language, the value in its number format
    page.close()


def test_math_renders_offline(book: Book, server: str, browser):
    pages = [p for p in book.html.rglob("*.html") if "$$" in p.read_text(encoding="utf-8") or "\\(" in p.read_text(encoding="utf-8")]
    if not pages:
        pytest.skip("no page uses math yet")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/{pages[0].relative_to(book.html)}", wait_until="load")
    page.locator("mjx-container svg").first.wait_for(timeout=20_000)
    assert all(urlparse(u).hostname in (None, "127.0.0.1") for u in requests), requests
    page.close()

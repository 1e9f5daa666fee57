"""The print version laid out in Chromium as the PDF edition prints it: loaded as wide as the paper's text, every
chart and formula drawn, print media, the wide tables fitted to the page (:func:`print_layout`); then every table
measured as printed (:data:`PRINT_CHECK`, :func:`misfits`). Used by :mod:`helpers.book.pdf` on a Playwright page."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from helpers.errors import BuildError

#: seconds to wait for every chart and formula to render
RENDER_TIMEOUT = 90.0


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


#: whether the laid-out print version is wider than the paper's text (Chromium then shrinks the whole print to fit it,
#: so its pages differ from a print of the same chapters without the wide one), and per table as printed (after the
#: fit): its chapter (the number of its section), page and caption, how far it sticks
#: out of its container (px), the first numbers printed over more than one line, and how many text cells are not in
#: the table's (fitted) size; kept per chapter with the parts (:func:`printed_tables`)
PRINT_CHECK = """() => ({wider: document.documentElement.scrollWidth > window.innerWidth + 1,
                        tables: Array.from(document.querySelectorAll('.book-table table')).map(t => {
  const lines = (cell) => { const r = document.createRange(); r.selectNodeContents(cell);
    return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size; };
  const size = parseFloat(getComputedStyle(t).fontSize), section = t.closest('section.print-chapter');
  return {chapter: section ? parseInt(section.id.slice(1), 10) : 0, page: section ? section.dataset.page : '',
          caption: t.caption ? t.caption.textContent.slice(0, 60) : '',
          over: Math.round((t.getBoundingClientRect().width - t.parentElement.clientWidth) * 100) / 100,
          broken: Array.from(t.querySelectorAll('td.num')).filter(c => c.textContent.trim() && lines(c) > 1).map(c => c.textContent).slice(0, 3),
          sizes: Array.from(t.querySelectorAll('td.txt')).filter(c => Math.abs(parseFloat(getComputedStyle(c).fontSize) - size) > 0.01).length};
})})"""


def misfits(tables: list[dict[str, Any]]) -> list[str]:
    """The tables of :data:`PRINT_CHECK` that do not print as they should, one line each.

    >>> misfits([{"page": "notebooks/a", "caption": "T", "over": 12.4, "broken": [], "sizes": 0},
    ...          {"page": "notebooks/b", "caption": "U", "over": 0, "broken": ["1 234"], "sizes": 1}])
    ["notebooks/a 'T': 12 px wider than the page", "notebooks/b 'U': numbers over two lines: 1 234; 1 text cells not in the table's size"]
    """
    out = []
    for t in tables:
        faults = ([f"{t['over']:.0f} px wider than the page"] if t["over"] > 1 else []) + (
            [f"numbers over two lines: {', '.join(t['broken'])}"] if t["broken"] else []) + (
            [f"{t['sizes']} text cells not in the table's size"] if t["sizes"] else [])
        if faults:
            out.append(f"{t['page']} {t['caption']!r}: {'; '.join(faults)}")
    return out

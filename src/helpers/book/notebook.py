"""What a chapter notebook calls besides its chapter: start the page, glue the text's numbers, show the results.

A notebook's code cells are: the parameters, :func:`start`, one or two calls into its chapter
(:mod:`helpers.chapters`), :func:`glue` of the values the narrative cites, and :func:`show` of the
tables, charts and notes the chapter returns. Everything else lives in the chapter's module.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import altair as alt
from IPython.display import HTML, Markdown, display

from helpers.book import render
from helpers.book.publish import FINDINGS_FILE, glue_values, publish_table
from helpers.chapters.page import Finding, Table

_STATE: dict[str, Any] = {"tables_dir": None}

_WIDE_STYLE = ("<style>.book-wide td.txt{{max-width:{max_cell};min-width:4rem}} .book-wide td, .book-wide th"
               "{{vertical-align:top}} .book-wide td.txt{{font-size:0.8rem}}</style>")


def start(tables_dir: str | Path) -> None:
    """Start a chapter page: the book's chart theme and offline renderer, and where :func:`show`
    writes the CSV of every table (``tables_dir``, a parameter the build passes)."""
    render.setup()
    _STATE["tables_dir"] = Path(tables_dir)


def glue(values: Mapping[str, object]) -> None:
    """Glue every value for the narrative (``{glue:text}`name```), hidden from the output."""
    glue_values(**values)


def table_html(table: Table) -> HTML:
    """Write ``table`` as CSV into the page's tables folder and return its sortable HTML table."""
    if _STATE["tables_dir"] is None:
        raise RuntimeError("call helpers.book.notebook.start(tables_dir) before showing a table")
    out = publish_table(table.df, table.name, _STATE["tables_dir"], caption=table.caption, formats=dict(table.formats),
                        labels=dict(table.labels), hidden=table.hidden, page_only=table.page_only)
    text = out.data
    if table.wide:
        text = text.replace('<table class="sortable">', '<table class="sortable" style="width:max-content;max-width:none">', 1)
        text = _WIDE_STYLE.format(max_cell="20rem") + f'<div class="book-wide">{text}</div>'
    if table.folded is not None:
        text = f"<details><summary>{html.escape(table.folded)}</summary>{text}</details>"
    return HTML(text)


def show(*items: Any) -> None:
    """Display each item: a :class:`~helpers.chapters.page.Table` is published (CSV) and shown as
    a sortable table, a list or tuple is shown item by item, ``None`` and ``""`` show nothing,
    a string is MyST Markdown, anything else (an Altair chart, HTML) is displayed as it is."""
    for item in items:
        if item is None or (isinstance(item, str) and not item):
            continue
        if isinstance(item, Table):
            display(table_html(item))
        elif isinstance(item, (list, tuple)):
            show(*item)
        elif isinstance(item, str):
            display(Markdown(item))
        elif render.offline() and isinstance(item, alt.TopLevelMixin):
            display(render.chart_output(item), raw=True)
        else:
            display(item)


def findings(items: Iterable[Finding]) -> None:
    """Show the page's "what this means for Flanders" as a list, and record the findings (in order)
    in ``_findings.json`` beside the page's tables, from which the build writes the landing page's
    executive summary."""
    items = list(items)
    if _STATE["tables_dir"] is None:
        raise RuntimeError("call helpers.book.notebook.start(tables_dir) before recording findings")
    path = Path(_STATE["tables_dir"]) / FINDINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    records = [{"text": f.text, "theme": f.theme, "headline": f.headline} for f in items]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if items:
        display(Markdown("\n".join(f"- {f.text}" for f in items)))


def show_all(items: Iterable[Any]) -> None:
    """:func:`show` every item of ``items`` (e.g. the values of a page's ``tables()``)."""
    show(*items)

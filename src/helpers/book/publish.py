"""Publishing the data behind every chart and table: a deterministic CSV plus an HTML table.

Each published table is written once as ``<tables_dir>/<name>.csv`` (sorted as given, fixed float
format, ``\\n`` line endings, UTF-8), so the same inputs give byte-identical files, and shown on the
page as a sortable table with a download link. The build copies ``tables_dir`` into the book's
``_static/tables/``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import HTML

from helpers.i18n import book_language, localise_number, t

FLOAT_FORMAT = "%.15g"
#: a page's findings (:func:`helpers.book.notebook.findings`), in its tables folder; the build gathers them for the landing page
FINDINGS_FILE = "_findings.json"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """Write ``df`` deterministically (no index, fixed float format, LF line endings)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, float_format=FLOAT_FORMAT, lineterminator="\n", encoding="utf-8")
    return path


def _format_cell(value: object, fmt: str | None) -> str:
    """A cell as readers see it: blank for a missing value (``None``, ``NaN``, ``<NA>``, ``NaT``), yes/no in the
    book's language for a boolean, a number in ``fmt`` with the language's separators.

    >>> _format_cell(pd.NA, None), _format_cell(True, None), _format_cell(1234.5, ",.1f")
    ('', 'yes', '1,234.5')
    """
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return t("yes" if value else "no", book_language())
    if fmt and isinstance(value, (int, float)):
        return localise_number(format(value, fmt), book_language())
    return str(value)


def table_html(df: pd.DataFrame, formats: dict[str, str] | None = None, caption: str = "", download: str = "",
               labels: dict[str, str] | None = None) -> str:
    """A sortable HTML table (``_static/sortable.js`` sorts on header click, by the raw value).

    ``labels`` renames column headers for readers; the CSV keeps the machine names.
    """
    formats, labels = formats or {}, labels or {}
    # (no tooltip with the machine name: readers see the label; the CSV's header has the machine names)
    head = "".join(f'<th>{html.escape(labels.get(c, str(c)))}</th>' for c in df.columns)
    # the machine names in order, for scripts and tests (never shown): a JSON list in thead's data-columns
    columns = html.escape(json.dumps([str(c) for c in df.columns], ensure_ascii=False))
    rows = []
    for record in df.itertuples(index=False):
        cells = []
        for col, value in zip(df.columns, record):
            shown = html.escape(_format_cell(value, formats.get(col)))
            numeric = isinstance(value, (int, float)) and not isinstance(value, (bool, np.bool_)) and not pd.isna(value)
            sort_key = f' data-sort="{value!r}"' if numeric else ""
            cells.append(f'<td class="{"num" if numeric else "txt"}"{sort_key}>{shown}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    link = f'<p class="table-download"><a href="{html.escape(download)}" download>CSV</a></p>' if download else ""
    return f'<div class="book-table">{link}<table class="sortable">{cap}<thead data-columns="{columns}"><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def publish_table(df: pd.DataFrame, name: str, tables_dir: str | Path, caption: str = "", formats: dict[str, str] | None = None,
                  labels: dict[str, str] | None = None, link_prefix: str = "../_static/tables/", hidden: Iterable[str] = (),
                  page_only: Iterable[str] = ()) -> HTML:
    """Write ``df`` as ``<tables_dir>/<name>.csv`` and return the HTML table with its download link;
    the ``hidden`` columns are in the CSV only, the ``page_only`` columns on the page only."""
    if not _NAME.match(name):
        raise ValueError(f"table name {name!r}: use lower-case letters, digits, '_' or '-'")
    write_csv(df.drop(columns=[c for c in page_only if c in df.columns]), Path(tables_dir) / f"{name}.csv")
    shown = df.drop(columns=[c for c in hidden if c in df.columns])
    return HTML(table_html(shown, formats, caption, download=f"{link_prefix}{name}.csv", labels=labels))


def download_link(name: str, label: str = "CSV", link_prefix: str = "../_static/tables/") -> HTML:
    """A link to an already published table (e.g. the data behind a chart)."""
    return HTML(f'<p class="table-download"><a href="{html.escape(link_prefix + name)}.csv" download>{html.escape(label)}</a></p>')


def glue_values(**values: object) -> None:
    """``myst_nb.glue`` each value for the narrative (``{glue:text}`name:.1f```), hidden from the output.

    NumPy scalars are turned into Python numbers first: their repr (``np.float64(...)``) would
    otherwise reach the text and defeat number formatting.
    """
    import numpy as np
    from myst_nb import glue

    for name, value in values.items():
        glue(name, value.item() if isinstance(value, np.generic) else value, display=False)

"""What a chapter hands to its notebook: tables to publish, with their captions and headers.

A chapter never writes files or HTML itself; it describes each published table as a :class:`Table`
and the book layer (:func:`helpers.book.notebook.show`) writes the CSV and shows the sortable table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Table:
    """One published table: ``df`` is written as ``<name>.csv`` (machine column names) and shown
    with ``labels`` as readers' headers, ``formats`` per column (Python format specs, shown in the
    book's language), ``caption`` above it.

    ``wide``: the table may grow wider than the page (it scrolls) instead of squeezing long text
    columns into tall rows. ``folded``: shown folded, behind this summary line.
    """

    df: pd.DataFrame
    name: str
    caption: str = ""
    formats: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    wide: bool = False
    folded: str | None = None

    def with_labels(self, labels: Mapping[str, str]) -> Table:
        """The same table with ``labels`` as headers (``labels`` given here win over the table's own)."""
        return Table(self.df, self.name, self.caption, self.formats, {**self.labels, **labels}, self.wide, self.folded)

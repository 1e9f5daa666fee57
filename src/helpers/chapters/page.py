"""What a chapter hands to its notebook: tables to publish, with their captions and headers.

A chapter never writes files or HTML itself; it describes each published table as a :class:`Table`
and the book layer (:func:`helpers.book.notebook.show`) writes the CSV and shows the sortable table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd


@dataclass(frozen=True)
class Table:
    """One published table: ``df`` is written as ``<name>.csv`` (machine column names) and shown
    with ``labels`` as readers' headers, ``formats`` per column (Python format specs, shown in the
    book's language), ``caption`` above it.

    ``wide``: the table may grow wider than the page (it scrolls) instead of squeezing long text
    columns into tall rows. ``folded``: shown folded, behind this summary line. ``hidden``: columns
    written to the CSV but not shown on the page (ids, the other language's wording, technical notes).
    ``page_only``: columns shown on the page but not written to the CSV (a shortened form of a hidden column).
    """

    df: pd.DataFrame
    name: str
    caption: str = ""
    formats: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    wide: bool = False
    folded: str | None = None
    hidden: tuple[str, ...] = ()
    page_only: tuple[str, ...] = ()

    def with_labels(self, labels: Mapping[str, str]) -> Table:
        """The same table with ``labels`` as headers (``labels`` given here win over the table's own)."""
        return replace(self, labels={**self.labels, **labels})


THEMES = ("strength", "opportunity", "moonshot", "gap", "agreement", "context")


@dataclass(frozen=True)
class Finding:
    """One thing a chapter's results mean for Flanders, said in plain words in the page's language.

    ``text`` is one or two sentences of MyST Markdown whose numbers come from the chapter's results
    (formatted for the book's language) and whose wording is chosen from those numbers. ``theme``
    sorts it on the landing page's executive summary: ``strength``, ``opportunity`` (a related,
    reachable technology or domain), ``moonshot``, ``gap`` (an ecosystem gap), ``agreement`` (where
    the public data agree or disagree with the VARIO report) or ``context``. ``headline``: the
    finding is also one of the landing page's (a chapter has one to three of those).

    >>> Finding("Belgium is specialised in 12 of 35 fields.", "strength", headline=True).theme
    'strength'
    """

    text: str
    theme: str = "context"
    headline: bool = False

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise ValueError(f"finding theme {self.theme!r}: use one of {', '.join(THEMES)}")
        if not self.text.strip():
            raise ValueError("a finding needs a text")

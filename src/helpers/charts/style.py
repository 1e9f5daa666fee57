"""The book's house style for charts: fonts, colours, the Altair theme.

Colours are colour-blind safe (Okabe-Ito order). :func:`enable_theme` makes the ``flemish`` theme
Altair's active theme; the offline renderer of the built book is in :mod:`helpers.book.render`.
"""

from __future__ import annotations

import json

import altair as alt

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
# Category colours (colour-blind safe, Okabe-Ito order); charts map categories onto these in order.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FOCUS_COLOUR = "#0072B2"
CONTEXT_COLOUR = "#B8B8B8"
#: Quadrant colours (keys of :data:`helpers.methods.quadrants.QUADRANTS`, ``none`` for no position).
QUADRANT_COLOURS = {"optimal": "#009E73", "moonshot": "#CC79A7", "low_risk": "#56B4E9", "low_priority": "#D9D9D9", "none": "#FFFFFF"}


@alt.theme.register("flemish", enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 340},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e6e6e6", "domainColor": "#888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555"},
            "range": {"category": PALETTE},
        }
    }



def enable_theme() -> None:
    """Make the book's theme Altair's active theme and lift Altair's row limit (tables are small)."""
    alt.theme.enable("flemish")
    alt.data_transformers.disable_max_rows()


def label_expr(labels: dict[str, str]) -> str:
    """A Vega expression mapping legend values to reader labels."""
    return json.dumps(labels, ensure_ascii=False) + "[datum.label] || datum.label"

"""Paths of technologies through the quadrant plane between two periods: an arrow per technology.

The chapter gives one row per technology with its position in the earlier period (``x0``, ``y0``)
and the later one (``x1``, ``y1``), a label and a category; the chart draws a line from the first
to the second position, an arrow head at the second, the dashed split lines of the later period
and a label at the head where it fits.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts.quadrants import (
    _domain,
    _label_layers,
    _title,
    _truncate,
    category_colours,
    place_labels,
)


def path_chart(paths: pd.DataFrame, title: str, x_title: str, y_title: str, *, split: tuple[float, float],
               tooltip_titles: dict[str, str], subtitle: str | list[str] | None = None, category_order: Sequence[str] | None = None,
               width: int = 560, height: int = 440) -> alt.LayerChart:
    """Arrows from (``x0``, ``y0``) to (``x1``, ``y1``) per row of ``paths`` (columns ``technology``,
    ``label``, ``category_id``, ``category_label``, ``period0``, ``period1`` and the four
    coordinates); rows without both positions are left out. ``split``: the later period's split lines."""
    df = paths.dropna(subset=["x0", "y0", "x1", "y1"]).copy()
    if df.empty:
        raise ValueError("path_chart: no technology has a position in both periods")
    df["category_label"] = df["category_label"].astype(str)
    df["short"] = df["label"].astype(str).map(_truncate)
    df["angle"] = np.degrees(np.arctan2(-(df["y1"] - df["y0"]) / max(np.ptp(df[["y0", "y1"]].to_numpy()), 1e-9) * height,
                                        (df["x1"] - df["x0"]) / max(np.ptp(df[["x0", "x1"]].to_numpy()), 1e-9) * width)) + 90
    sx, sy = split
    xdom = _domain(pd.concat([df["x0"], df["x1"]]), sx)
    ydom = _domain(pd.concat([df["y0"], df["y1"]]), sy)
    xs = alt.Scale(domain=list(xdom), nice=False, zero=False)
    ys = alt.Scale(domain=list(ydom), nice=False, zero=False)
    labels_, colours = category_colours(df, category_order)
    colour = alt.Color("category_label:N", title=tooltip_titles.get("category", "category"), scale=alt.Scale(domain=labels_, range=colours),
                       legend=alt.Legend(orient="bottom", columns=1, labelLimit=330, symbolType="circle"))
    tooltip = [alt.Tooltip("label:N", title=tooltip_titles.get("label", "technology")),
               alt.Tooltip("category_label:N", title=tooltip_titles.get("category", "category")),
               alt.Tooltip("period0:N", title=tooltip_titles.get("period0", "from")), alt.Tooltip("x0:Q", title=x_title, format=".1f"),
               alt.Tooltip("y0:Q", title=y_title, format=".2f"), alt.Tooltip("period1:N", title=tooltip_titles.get("period1", "to")),
               alt.Tooltip("x1:Q", title=x_title, format=".1f"), alt.Tooltip("y1:Q", title=y_title, format=".2f")]
    cols = ["technology", "label", "category_label", "period0", "period1", "x0", "y0", "x1", "y1", "angle"]
    base = alt.Chart(df[cols])
    rules = [
        alt.Chart(pd.DataFrame({"v": [sx]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(x=alt.X("v:Q", scale=xs)),
        alt.Chart(pd.DataFrame({"v": [sy]})).mark_rule(color="#555", strokeDash=[5, 4]).encode(y=alt.Y("v:Q", scale=ys)),
    ]
    lines = base.mark_rule(strokeWidth=1.6, opacity=0.8).encode(
        x=alt.X("x0:Q", title=x_title, scale=xs), y=alt.Y("y0:Q", title=y_title, scale=ys), x2="x1:Q", y2="y1:Q", color=colour, tooltip=tooltip)
    starts = base.mark_circle(size=18, opacity=0.6).encode(x=alt.X("x0:Q", scale=xs), y=alt.Y("y0:Q", scale=ys), color=colour, tooltip=tooltip)
    heads = base.mark_point(shape="triangle", filled=True, size=70, opacity=0.95).encode(
        x=alt.X("x1:Q", scale=xs), y=alt.Y("y1:Q", scale=ys), angle=alt.Angle("angle:Q", scale=None), color=colour, tooltip=tooltip)
    df["_r"] = 5.0
    placed = place_labels(df.rename(columns={"x1": "x", "y1": "y"}), pd.Index(df.index), x="x", y="y", text="short", radius="_r",
                          xdom=xdom, ydom=ydom, width=width, height=height, reserved=[])
    chart = alt.layer(*rules, lines, starts, heads, *_label_layers(placed, xdom, ydom, color="#222", clip=True))
    return chart.properties(title=_title(title, subtitle, width), width=width, height=height).resolve_legend(color="shared")
